//! Where a shell's output goes: error messages in each dialect's wording (busybox
//! `shell/ash.c` `ash_vmsg`: `arg0: [commandname: line N: ]message`), and writes through the
//! descriptor table to the host, files or capture buffers.

use std::rc::Rc;

use crate::shell::interp::{Dialect, Fd, Shell};

impl Shell<'_> {
    // ---- messages ----------------------------------------------------------------------

    /// Writes a shell error message the way the dialect formats it.
    pub(crate) fn shell_error(&mut self, builtin: Option<&str>, msg: &str) {
        let text = match self.cfg.dialect {
            Dialect::Ash => {
                let mut s = format!("{}: ", self.arg0);
                let cmdname = builtin
                    .map(str::to_owned)
                    .or_else(|| self.commandname.clone());
                if let Some(c) = cmdname {
                    if c != self.arg0 {
                        s.push_str(&c);
                        s.push_str(": ");
                    }
                    s.push_str(&format!("line {}: ", self.line));
                }
                s.push_str(msg);
                s
            }
            Dialect::Dash => match builtin {
                Some(b) => format!("{}: {}: {}: {}", self.arg0, self.line, b, msg),
                None => format!("{}: {}: {}", self.arg0, self.line, msg),
            },
            Dialect::Bash => match builtin {
                Some(b) => format!("{}: line {}: {}: {}", self.arg0, self.line, b, msg),
                None => format!("{}: line {}: {}", self.arg0, self.line, msg),
            },
        };
        self.write_fd(2, format!("{text}\n").as_bytes());
    }

    /// The message for a command that does not exist.
    pub(crate) fn not_found(&mut self, name: &str) {
        match self.cfg.dialect {
            Dialect::Ash => self.shell_error(None, &format!("{name}: not found")),
            Dialect::Dash => self.shell_error(None, &format!("{name}: not found")),
            Dialect::Bash => self.shell_error(None, &format!("{name}: command not found")),
        }
    }

    /// Name busybox applets and builtins use for their own messages (`applet_name`).
    pub(crate) fn applet_name(&self) -> &str {
        self.arg0.rsplit('/').next().unwrap_or("sh")
    }

    // ---- output ------------------------------------------------------------------------

    /// Puts back a descriptor table saved by [`Shell::apply_redirs`] (empty: nothing saved).
    pub(crate) fn restore_fds(&mut self, saved: Vec<Fd>) {
        if !saved.is_empty() {
            self.fds = saved;
        }
    }

    /// Writes bytes to a file descriptor.
    pub(crate) fn write_fd(&mut self, fd: usize, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let target = self.fds.get(fd).cloned().unwrap_or(Fd::Closed);
        match target {
            Fd::Out(stream) => self.host.write(stream, bytes),
            Fd::File(path) => {
                let now = self.host.now_ms();
                if let Err(e) = self.host.fs().write(&path, bytes, true, now) {
                    self.write_error = Some(e);
                }
            }
            Fd::Buf(i) => {
                let cap = self.cfg.limits.capture_bytes;
                if let Some(buf) = self.bufs.get_mut(i) {
                    let room = cap.saturating_sub(buf.len());
                    buf.extend_from_slice(&bytes[..bytes.len().min(room)]);
                }
            }
            Fd::Null | Fd::In(..) | Fd::Closed => {}
        }
    }

    /// Takes everything left on standard input.
    pub(crate) fn read_all_stdin(&mut self) -> Rc<Vec<u8>> {
        match self.fds.first() {
            Some(Fd::In(data, pos)) => {
                let at = pos.replace(data.len());
                if at == 0 {
                    return Rc::clone(data);
                }
                Rc::new(data.get(at..).unwrap_or_default().to_vec())
            }
            _ => Rc::new(Vec::new()),
        }
    }
}
