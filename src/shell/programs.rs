//! Running programs that are not shell builtins: applets, nested shells (`sh -c`, `sh FILE`),
//! programs the host knows (simulated ones, `kubectl` in a session) and "not found" (127).

use std::rc::Rc;

use crate::shell::host::ExternalOutput;
use crate::shell::interp::{Config, Dialect, Fd, Flow, Res, Shell, Toolbox};

/// Directories whose programs are found by name (`/bin/sleep` runs the `sleep` applet).
const BIN_DIRS: [&str; 5] = ["/bin", "/usr/bin", "/sbin", "/usr/sbin", "/usr/local/bin"];

impl Shell<'_> {
    fn shell_exists(&self, name: &str) -> bool {
        match self.cfg.toolbox {
            Toolbox::Busybox => matches!(name, "sh" | "ash"),
            Toolbox::Debian => matches!(name, "sh" | "dash" | "bash"),
            Toolbox::All => matches!(name, "sh" | "ash" | "bash" | "dash"),
        }
    }

    /// Whether `name` is a program of this container (a shell, an applet or a simulated one).
    pub(crate) fn program_exists(&self, name: &str) -> bool {
        self.shell_exists(name)
            || crate::shell::applets::exists(self.cfg.toolbox, name)
            || self.cfg.opaque_programs.iter().any(|p| p == name)
    }

    /// Runs a program (not a function or builtin) with extra environment `assigns`.
    pub(crate) fn run_program(&mut self, argv: &[String], assigns: &[(Rc<str>, String)]) -> Res {
        let name = argv[0].as_str();
        let base = match name.rsplit_once('/') {
            Some((dir, base)) if BIN_DIRS.contains(&dir) => base,
            Some(_) => {
                let path = crate::shell::fs::absolute(&self.cwd, name);
                if self.host.fs().exists(&path) && !self.host.fs().is_dir(&path) {
                    let mut args = vec!["sh".to_owned(), path];
                    args.extend(argv[1..].iter().cloned());
                    return self.with_prog_env(assigns, |s| s.run_child_shell(&args, Dialect::Ash));
                }
                self.not_found(name);
                return Ok(127);
            }
            None => name,
        };
        if self.shell_exists(base) {
            let dialect = match base {
                "bash" => Dialect::Bash,
                "dash" => Dialect::Dash,
                _ => self.cfg.dialect,
            };
            return self.with_prog_env(assigns, |s| s.run_child_shell(argv, dialect));
        }
        if crate::shell::applets::exists(self.cfg.toolbox, base) {
            self.alloc_pid();
            return self.with_prog_env(assigns, |s| {
                crate::shell::applets::run(s, argv).unwrap_or(Ok(127))
            });
        }
        if base == "stress" && self.host.interprets(base) {
            return self.run_stress(argv);
        }
        if base.starts_with("python") && self.host.interprets(base) {
            let env = self.environment(&self.prog_env.clone());
            if let Some(outcome) = crate::shell::python::run(argv, &env) {
                self.alloc_pid();
                self.write_fd(1, outcome.stdout.as_bytes());
                self.write_fd(2, outcome.stderr.as_bytes());
                return Ok(outcome.code);
            }
        }
        let stdin = self.read_all_stdin();
        let mut out = ExternalOutput::default();
        match self.host.run_external(argv, &stdin, &mut out) {
            Some(status) => {
                for (fd, bytes) in out.pieces() {
                    self.write_fd(fd, bytes);
                }
                Ok(status)
            }
            None => {
                self.not_found(name);
                Ok(127)
            }
        }
    }

    fn with_prog_env(
        &mut self,
        assigns: &[(Rc<str>, String)],
        f: impl FnOnce(&mut Self) -> Res,
    ) -> Res {
        let saved = std::mem::replace(&mut self.prog_env, assigns.to_vec());
        let r = f(self);
        self.prog_env = saved;
        r
    }

    /// Reads `sh [-ex] -c SCRIPT [NAME [ARGS…]]`, `sh FILE [ARGS…]` or `sh` (script on
    /// standard input); `Err(status)` when the script file cannot be read.
    fn sh_invocation(&mut self, argv: &[String]) -> Result<Invocation, i32> {
        let mut opts = crate::shell::interp::Opts::default();
        let mut i = 1;
        let mut command: Option<String> = None;
        while i < argv.len() {
            let a = &argv[i];
            if a == "--" {
                i += 1;
                break;
            }
            if a.len() > 1 && (a.starts_with('-') || a.starts_with('+')) {
                let on = a.starts_with('-');
                let mut wants_command = false;
                for c in a[1..].chars() {
                    match c {
                        'e' => opts.errexit = on,
                        'x' => opts.xtrace = on,
                        'u' => opts.nounset = on,
                        'f' => opts.noglob = on,
                        'c' => wants_command = true,
                        _ => {}
                    }
                }
                i += 1;
                if wants_command {
                    command = Some(argv.get(i).cloned().unwrap_or_default());
                    i += 1;
                    break;
                }
                continue;
            }
            break;
        }
        let arg0_default = argv[0].clone();
        Ok(match command {
            Some(text) => {
                let name = argv.get(i).cloned();
                let params = argv
                    .get(i + 1..)
                    .map(<[String]>::to_vec)
                    .unwrap_or_default();
                Invocation {
                    text,
                    arg0: name.clone().unwrap_or(arg0_default),
                    params,
                    commandname: name,
                    opts,
                }
            }
            None => match argv.get(i) {
                Some(file) => {
                    let path = crate::shell::fs::absolute(&self.cwd, file);
                    match self.host.fs().read(&path) {
                        Ok(d) => Invocation {
                            text: String::from_utf8_lossy(d).into_owned(),
                            arg0: file.clone(),
                            params: argv[i + 1..].to_vec(),
                            commandname: Some(file.clone()),
                            opts,
                        },
                        Err(_) => {
                            let msg = format!(
                                "{}: can't open '{file}': No such file or directory\n",
                                argv[0]
                            );
                            self.write_fd(2, msg.as_bytes());
                            return Err(2);
                        }
                    }
                }
                None => {
                    let data = self.read_all_stdin();
                    Invocation {
                        text: String::from_utf8_lossy(&data).into_owned(),
                        arg0: arg0_default,
                        params: Vec::new(),
                        commandname: None,
                        opts,
                    }
                }
            },
        })
    }

    /// Runs a parsed script in this shell, reporting a syntax error after what ran.
    fn run_parsed(&mut self, text: &str) -> Res {
        let script = crate::shell::parse::parse_script(text);
        let r = self.exec_list(&script.list);
        let r = match (&r, &script.error) {
            (Ok(_), Some(e)) => {
                self.line = e.line;
                self.shell_error(None, &e.message);
                Err(Flow::Exit(2))
            }
            _ => r,
        };
        self.finish(r)
    }

    /// Runs `sh …` as this process (the container's PID 1 is the shell itself).
    pub(crate) fn run_as_init_shell(&mut self, argv: &[String]) -> Res {
        let inv = match self.sh_invocation(argv) {
            Ok(inv) => inv,
            Err(status) => return Ok(status),
        };
        self.arg0 = inv.arg0;
        self.params = inv.params;
        self.commandname = inv.commandname;
        self.opts = inv.opts;
        self.run_parsed(&inv.text)
    }

    /// `sh …` as a child process.
    pub(crate) fn run_child_shell(&mut self, argv: &[String], dialect: Dialect) -> Res {
        let Invocation {
            text,
            arg0,
            params,
            commandname,
            opts,
        } = match self.sh_invocation(argv) {
            Ok(inv) => inv,
            Err(status) => return Ok(status),
        };
        if self.depth + 1 >= self.cfg.limits.depth {
            let msg = format!(
                "{}: can't fork: Resource temporarily unavailable\n",
                self.arg0
            );
            self.write_fd(2, msg.as_bytes());
            return Ok(2);
        }
        let env = self.environment(&self.prog_env.clone());
        let cfg = Rc::new(Config {
            pid1: false,
            dialect,
            ..(*self.cfg).clone()
        });
        let seed = u64::from(self.rng.next_value()) << 20 ^ u64::from(self.next_pid);
        // Descriptors the child can share directly; a capture buffer is copied back afterwards.
        let mut fds = self.fds.clone();
        let mut captures = Vec::new();
        for (n, fd) in fds.iter_mut().enumerate() {
            if let Fd::Buf(idx) = fd {
                captures.push((n, *idx));
                *fd = Fd::Buf(captures.len() - 1);
            }
        }
        let stdin = match &self.fds[0] {
            Fd::In(data, pos) => Fd::input(data.get(pos.get()..).unwrap_or_default().to_vec()),
            other => other.clone(),
        };
        fds[0] = stdin;
        let pid = self.alloc_pid();
        let steps = self.steps_left;
        let depth = self.depth + 1;
        let cwd = self.cwd.clone();
        let deadline = self.deadline_ms;
        let (result, steps_left, next_pid, bufs) = {
            let mut child = Shell::new(&mut *self.host, cfg, &env, &arg0, seed);
            child.params = params;
            child.commandname = commandname;
            child.opts = opts;
            child.fds = fds;
            child.bufs = vec![Vec::new(); captures.len()];
            child.pid = pid;
            child.shell_pid = pid;
            child.next_pid = pid + 1;
            child.steps_left = steps;
            child.depth = depth;
            child.cwd = cwd;
            child.deadline_ms = deadline;
            let r = child.run_parsed(&text);
            (
                r,
                child.steps_left,
                child.next_pid,
                std::mem::take(&mut child.bufs),
            )
        };
        self.steps_left = steps_left;
        self.next_pid = next_pid;
        for ((_, idx), data) in captures.iter().zip(bufs) {
            if let Some(buf) = self.bufs.get_mut(*idx) {
                buf.extend_from_slice(&data);
            }
        }
        match result {
            Ok(s) => Ok(s),
            Err(Flow::Killed(sig)) => Ok(128 + sig),
            Err(other) => Err(other),
        }
    }
}

/// How `sh` was asked to run.
struct Invocation {
    text: String,
    arg0: String,
    params: Vec<String>,
    commandname: Option<String>,
    opts: crate::shell::interp::Opts,
}
