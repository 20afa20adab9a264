//! Redirections `< > >> <> n>&m &> <<EOF <<<`, with ash's messages (busybox `shell/ash.c`
//! `openredirect`: "can't open %s: no such file", "can't create %s: nonexistent directory").

use std::rc::Rc;

use crate::shell::fs::FsError;
use crate::shell::host::Stream;
use crate::shell::interp::{Fd, Flow, Shell};
use crate::shell::ir::{Redir, RedirKind};

fn errmsg(e: FsError, missing: &'static str) -> &'static str {
    match e {
        FsError::NotFound | FsError::NotDir => missing,
        other => other.strerror(),
    }
}

impl Shell<'_> {
    /// Applies redirections; returns the previous descriptor table to restore, or the status
    /// (2) of a failed redirection after printing ash's message.
    pub(crate) fn apply_redirs(&mut self, redirs: &[Redir]) -> Result<Result<Vec<Fd>, i32>, Flow> {
        if redirs.is_empty() {
            // Nothing to restore: the caller puts back an empty table only when it was saved.
            return Ok(Ok(Vec::new()));
        }
        let saved = self.fds.clone();
        for r in redirs {
            let fd = usize::try_from(r.fd).unwrap_or(usize::MAX);
            if fd > 9 {
                self.fds = saved;
                self.shell_error(None, &format!("{}: bad file descriptor", r.fd));
                return Ok(Err(2));
            }
            if self.fds.len() <= fd {
                self.fds.resize(fd + 1, Fd::Closed);
            }
            let result = match &r.kind {
                RedirKind::Read(w) | RedirKind::ReadWrite(w) => {
                    let path = self.expand_single(w)?;
                    self.open_read(&path).map(|f| vec![(fd, f)])
                }
                RedirKind::Write(w) => {
                    let path = self.expand_single(w)?;
                    self.open_write(&path, false).map(|f| vec![(fd, f)])
                }
                RedirKind::Append(w) => {
                    let path = self.expand_single(w)?;
                    self.open_write(&path, true).map(|f| vec![(fd, f)])
                }
                RedirKind::Both(w, append) => {
                    let path = self.expand_single(w)?;
                    self.open_write(&path, *append)
                        .map(|f| vec![(1, f.clone()), (2, f)])
                }
                RedirKind::Dup(w) => {
                    let target = self.expand_single(w)?;
                    if target == "-" {
                        Ok(vec![(fd, Fd::Closed)])
                    } else {
                        match target.parse::<usize>() {
                            Ok(n) if n <= 9 => {
                                Ok(vec![(fd, self.fds.get(n).cloned().unwrap_or(Fd::Closed))])
                            }
                            _ => Err(format!("{target}: bad file descriptor")),
                        }
                    }
                }
                RedirKind::Here {
                    body,
                    expand,
                    strip_tabs,
                    here_string,
                } => {
                    let mut text = if *expand {
                        self.expand_single(body)?
                    } else {
                        body.literal.as_deref().unwrap_or("").to_owned()
                    };
                    if *strip_tabs {
                        text = text
                            .split_inclusive('\n')
                            .map(|l| l.trim_start_matches('\t'))
                            .collect();
                    }
                    if *here_string {
                        text.push('\n');
                    }
                    Ok(vec![(fd, Fd::input(text.into_bytes()))])
                }
            };
            match result {
                Ok(pairs) => {
                    for (n, f) in pairs {
                        if self.fds.len() <= n {
                            self.fds.resize(n + 1, Fd::Closed);
                        }
                        self.fds[n] = f;
                    }
                }
                Err(msg) => {
                    self.fds = saved;
                    self.shell_error(None, &msg);
                    return Ok(Err(2));
                }
            }
        }
        Ok(Ok(saved))
    }

    fn open_read(&mut self, path: &str) -> Result<Fd, String> {
        match path {
            "/dev/null" => return Ok(Fd::input(Vec::new())),
            "/dev/stdin" => return Ok(self.fds[0].clone()),
            _ => {}
        }
        let abs = crate::shell::fs::absolute(&self.cwd, path);
        match self.host.fs().read(&abs) {
            Ok(data) => Ok(Fd::input(data.to_vec())),
            Err(e) => Err(format!("can't open {path}: {}", errmsg(e, "no such file"))),
        }
    }

    fn open_write(&mut self, path: &str, append: bool) -> Result<Fd, String> {
        match path {
            "/dev/null" => return Ok(Fd::Null),
            "/dev/stdout" => {
                return Ok(self.fds.get(1).cloned().unwrap_or(Fd::Out(Stream::Stdout)));
            }
            "/dev/stderr" => {
                return Ok(self.fds.get(2).cloned().unwrap_or(Fd::Out(Stream::Stderr)));
            }
            _ => {}
        }
        let abs = crate::shell::fs::absolute(&self.cwd, path);
        let now = self.host.now_ms();
        match self.host.fs().write(&abs, b"", append, now) {
            Ok(()) => Ok(Fd::File(Rc::from(abs.as_str()))),
            Err(e) => Err(format!(
                "can't create {path}: {}",
                errmsg(e, "nonexistent directory")
            )),
        }
    }
}
