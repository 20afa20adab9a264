//! The interpreter: runs compiled [`ir`](crate::shell::ir) programs the way busybox ash does
//! (busybox `shell/ash.c`: `evaltree`, `evalcommand`, `evalpipe`, `redirect`), against a
//! [`Host`] that owns time, files and output.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::shell::host::{Host, Stream, signal};
use crate::shell::ir::{Cmd, Connector, Func, Item, List, Pipeline, Simple};
use crate::shell::random::Random;

/// Why execution stopped unwinding normally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// `exit n`, or a fatal shell error (status 2).
    Exit(i32),
    Return(i32),
    Break(u32),
    Continue(u32),
    /// This shell process died of a signal (an untrapped signal to a shell that is not PID 1,
    /// or a crash); the parent sees status 128 + signal.
    Killed(i32),
    /// The container was killed (SIGKILL from the kubelet): every process ends.
    ContainerKilled,
    /// The step budget ran out and no signal will ever come: the process spins forever.
    Burning,
}

/// Result of running something: its exit status, or a non-local exit.
pub type Res = Result<i32, Flow>;

/// A shell variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Var {
    pub value: String,
    pub exported: bool,
    pub readonly: bool,
    /// A bash indexed array's elements (`value` is element 0, as `$name` reads it).
    pub array: Option<Vec<String>>,
}

/// Options set with `set -e` and friends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Opts {
    pub errexit: bool,
    pub nounset: bool,
    pub xtrace: bool,
    pub noglob: bool,
    pub pipefail: bool,
}

/// Which shell is running: decides the texts of common errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// busybox ash (busybox, alpine images).
    Ash,
    /// dash, Debian's `/bin/sh` (debian, ubuntu, python, node, golang, perl images).
    Dash,
    /// GNU bash.
    Bash,
}

/// Which programs exist besides the shell's builtins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toolbox {
    /// busybox applets in `/bin`.
    Busybox,
    /// GNU coreutils, grep, sed, mawk, bash and perl (a Debian base image).
    Debian,
    /// Every applet the interpreter has (a `jobsim session` terminal).
    All,
}

/// Fixed facts about the process.
#[derive(Debug, Clone)]
pub struct Config {
    pub dialect: Dialect,
    pub toolbox: Toolbox,
    /// Whether the shell is the container's PID 1 (untrapped SIGTERM/SIGINT are then ignored).
    pub pid1: bool,
    pub hostname: String,
    /// Names of programs that exist but cannot be interpreted (they run simulated).
    pub opaque_programs: Vec<String>,
    /// CPUs of the node (`nproc`).
    pub cpus: u32,
    pub limits: Limits,
}

/// Bounds that keep any script finite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Commands and loop iterations one run may execute before it counts as spinning forever.
    pub steps: u64,
    /// Nesting of function calls, `eval` and `sh -c` (ash would overflow its stack).
    pub depth: u32,
    /// Numbers `seq` may print.
    pub seq_numbers: u64,
    /// Bytes one captured output (`$(…)`, a pipe) may hold.
    pub capture_bytes: usize,
    /// Log bytes kept per container run; older lines are dropped past it, as a log rotation
    /// would (the kubelet rotates at `containerLogMaxSize`, 10 MiB by default).
    pub log_bytes: usize,
    /// The container's `resources.limits.memory`, in bytes: what `stress` may allocate
    /// before the OOM killer ends the container.
    pub memory_bytes: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            steps: 1_000_000,
            depth: 100,
            seq_numbers: 1_000_000,
            capture_bytes: 16 << 20,
            log_bytes: 1 << 20,
            memory_bytes: None,
        }
    }
}

/// Where a file descriptor points.
#[derive(Debug, Clone)]
pub enum Fd {
    Out(Stream),
    /// Appends to a file (a `>` redirection truncated it when opened).
    File(Rc<str>),
    Null,
    /// A capture buffer (`$(…)` or a pipe), by index.
    Buf(usize),
    /// Input data and the read position, shared by copies of the descriptor as a file offset is.
    In(Rc<Vec<u8>>, Rc<std::cell::Cell<usize>>),
    Closed,
}

impl Fd {
    /// A fresh input descriptor over `data`.
    pub fn input(data: Vec<u8>) -> Self {
        Fd::In(Rc::new(data), Rc::new(std::cell::Cell::new(0)))
    }
}

/// A background job started with `&`.
#[derive(Debug, Clone, Copy)]
pub struct Job {
    pub pid: u32,
    pub end_ms: i64,
    pub status: i32,
}

/// The interpreter state of one shell process.
pub struct Shell<'h> {
    pub(crate) host: &'h mut dyn Host,
    pub(crate) cfg: Rc<Config>,
    pub(crate) vars: BTreeMap<Rc<str>, Var>,
    pub(crate) funcs: BTreeMap<Rc<str>, Rc<Func>>,
    pub(crate) params: Vec<String>,
    /// `$0`, and the prefix of ash's messages.
    pub(crate) arg0: String,
    /// Set by `sh -c CMD NAME` (then messages carry a line number), as ash's `commandname`.
    pub(crate) commandname: Option<String>,
    pub(crate) status: i32,
    pub(crate) opts: Opts,
    /// Trap actions by signal number (0 = EXIT); an empty action ignores the signal.
    pub(crate) traps: BTreeMap<i32, Rc<str>>,
    pub(crate) cwd: String,
    pub(crate) rng: Random,
    pub(crate) random_enabled: bool,
    pub(crate) fds: Vec<Fd>,
    pub(crate) bufs: Vec<Vec<u8>>,
    pub(crate) steps_left: u64,
    pub(crate) depth: u32,
    /// Inside a condition (`if`, `while`, `&&`, `!`): `set -e` does not apply.
    pub(crate) cond: u32,
    /// Inside a function (for `return` and `local`).
    pub(crate) func_depth: u32,
    pub(crate) locals: Vec<Vec<(Rc<str>, Option<Var>)>>,
    pub(crate) loop_depth: u32,
    pub(crate) pid: u32,
    /// `$$`: the pid of this shell process (subshells keep their parent's).
    pub(crate) shell_pid: u32,
    pub(crate) next_pid: u32,
    pub(crate) jobs: Vec<Job>,
    pub(crate) last_bg: Option<u32>,
    pub(crate) line: u32,
    /// Exit status of the last command substitution (the status of `x=$(false)`).
    pub(crate) cmdsub_status: Option<i32>,
    pub(crate) notes: Vec<String>,
    pub(crate) in_trap: bool,
    /// Running a background job eagerly: signals are PID 1's, not this job's.
    pub(crate) background: bool,
    /// A write to a file failed (disk full) while the current command ran.
    pub(crate) write_error: Option<crate::shell::fs::FsError>,
    /// Extra environment of the program being run (`VAR=x cmd`).
    pub(crate) prog_env: Vec<(Rc<str>, String)>,
    /// The memory guard killed this shell (the runtime would report `OOMKilled`).
    pub(crate) oom_killed: bool,
    /// When `timeout` sends its signal (unix ms): a sleep reaching it ends with SIGTERM.
    pub(crate) deadline_ms: Option<i64>,
}

impl<'h> Shell<'h> {
    /// A new shell with the given environment (all exported) and `$0`.
    pub fn new(
        host: &'h mut dyn Host,
        cfg: Rc<Config>,
        env: &[(String, String)],
        arg0: &str,
        seed: u64,
    ) -> Self {
        let env = env.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        Self::with_env(host, cfg, env, arg0, seed)
    }

    /// [`Shell::new`] over borrowed variables (a later one of the same name wins), so a
    /// container's environment is read where it is, not copied first.
    pub fn with_env<'e>(
        host: &'h mut dyn Host,
        cfg: Rc<Config>,
        env: impl Iterator<Item = (&'e str, &'e str)>,
        arg0: &str,
        seed: u64,
    ) -> Self {
        let mut vars = BTreeMap::new();
        let mut cwd = None;
        for (k, v) in env {
            if k == "PWD" {
                cwd = Some(v);
            }
            vars.insert(
                Rc::from(k),
                Var {
                    value: v.to_owned(),
                    exported: true,
                    readonly: false,
                    array: None,
                },
            );
        }
        let cwd = cwd.unwrap_or("/").to_owned();
        vars.entry(Rc::from("IFS")).or_insert(Var {
            value: " \t\n".to_owned(),
            exported: false,
            readonly: false,
            array: None,
        });
        vars.entry(Rc::from("PWD")).or_insert(Var {
            value: cwd.clone(),
            exported: true,
            readonly: false,
            array: None,
        });
        let steps = cfg.limits.steps;
        Self {
            host,
            cfg,
            vars,
            funcs: BTreeMap::new(),
            params: Vec::new(),
            arg0: arg0.to_owned(),
            commandname: None,
            status: 0,
            opts: Opts::default(),
            traps: BTreeMap::new(),
            cwd,
            rng: Random::from_seed(seed),
            random_enabled: true,
            fds: vec![
                Fd::input(Vec::new()),
                Fd::Out(Stream::Stdout),
                Fd::Out(Stream::Stderr),
            ],
            bufs: Vec::new(),
            steps_left: steps,
            depth: 0,
            cond: 0,
            func_depth: 0,
            locals: Vec::new(),
            loop_depth: 0,
            pid: 1,
            shell_pid: 1,
            next_pid: 7,
            jobs: Vec::new(),
            last_bg: None,
            line: 1,
            cmdsub_status: None,
            notes: Vec::new(),
            in_trap: false,
            background: false,
            write_error: None,
            prog_env: Vec::new(),
            oom_killed: false,
            deadline_ms: None,
        }
    }

    /// Runs a whole script as `sh -c` does, then the EXIT trap; returns the exit status.
    pub fn run_script(&mut self, list: &List) -> Res {
        let result = self.exec_list(list);
        self.finish(result)
    }

    /// Handles the end of the shell: runs the EXIT trap (ash `exitshell`).
    pub fn finish(&mut self, result: Res) -> Res {
        let status = match result {
            Ok(s) | Err(Flow::Exit(s)) | Err(Flow::Return(s)) => s,
            Err(Flow::Break(_)) | Err(Flow::Continue(_)) => self.status,
            Err(f @ (Flow::Killed(_) | Flow::ContainerKilled | Flow::Burning)) => return Err(f),
        };
        self.status = status;
        if let Some(action) = self.traps.remove(&0)
            && !action.is_empty()
        {
            self.host.trap_changed(0, None);
            match self.eval_string(&action) {
                Err(Flow::Exit(s)) => return Ok(s),
                Err(f @ (Flow::Killed(_) | Flow::ContainerKilled | Flow::Burning)) => {
                    return Err(f);
                }
                _ => {}
            }
        }
        Ok(status)
    }

    // ---- lists and pipelines -----------------------------------------------------------

    pub(crate) fn exec_list(&mut self, list: &List) -> Res {
        let mut status = self.status;
        for item in list {
            status = self.exec_item(item)?;
        }
        Ok(status)
    }

    pub(crate) fn in_cond<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.cond += 1;
        let r = f(self);
        self.cond -= 1;
        r
    }

    fn exec_item(&mut self, item: &Item) -> Res {
        if item.background {
            return self.spawn_background(item);
        }
        self.exec_and_or(item)
    }

    fn exec_and_or(&mut self, item: &Item) -> Res {
        let n = item.rest.len();
        let mut status = if n > 0 {
            self.in_cond(|s| s.exec_pipeline(&item.first))?
        } else {
            self.exec_pipeline(&item.first)?
        };
        for (i, (op, p)) in item.rest.iter().enumerate() {
            let run = match op {
                Connector::And => status == 0,
                Connector::Or => status != 0,
            };
            if run {
                status = if i + 1 == n {
                    self.exec_pipeline(p)?
                } else {
                    self.in_cond(|s| s.exec_pipeline(p))?
                };
            }
        }
        Ok(status)
    }

    fn spawn_background(&mut self, item: &Item) -> Res {
        let pid = self.alloc_pid();
        let start = self.host.now_ms();
        let fg = Item {
            first: item.first.clone(),
            rest: item.rest.clone(),
            background: false,
        };
        let was_background = std::mem::replace(&mut self.background, true);
        // A background job gets a tenth of the budget at most, charged to the whole run.
        let saved_steps = self.steps_left;
        let budget = saved_steps.min(self.cfg.limits.steps / 10);
        self.steps_left = budget;
        let result = self.subshell(|s| {
            s.fds[0] = Fd::input(Vec::new());
            s.exec_and_or(&fg)
        });
        self.steps_left = saved_steps - (budget - self.steps_left.min(budget));
        self.background = was_background;
        let (status, end_ms) = match result {
            Ok(status) => (status, self.host.now_ms()),
            // Killed with the container, or spinning: it never ends by itself.
            Err(Flow::ContainerKilled | Flow::Burning) => (128 + signal::KILL, i64::MAX),
            Err(Flow::Killed(sig)) => (128 + sig, self.host.now_ms()),
            Err(other) => return Err(other),
        };
        // Run eagerly, then set the clock back so the script goes on beside the job; a host that
        // cannot rewind ran the job in the foreground.
        self.host.rewind(start);
        self.jobs.push(Job {
            pid,
            end_ms,
            status,
        });
        self.last_bg = Some(pid);
        self.status = 0;
        Ok(0)
    }

    pub(crate) fn alloc_pid(&mut self) -> u32 {
        let pid = self.next_pid;
        self.next_pid = self.next_pid.wrapping_add(1).max(2);
        pid
    }

    fn exec_pipeline(&mut self, p: &Pipeline) -> Res {
        let status = if p.cmds.len() == 1 {
            if p.bang {
                self.in_cond(|s| s.exec_cmd(&p.cmds[0]))?
            } else {
                self.exec_cmd(&p.cmds[0])?
            }
        } else {
            self.exec_multi(p)?
        };
        let status = if p.bang {
            i32::from(status == 0)
        } else {
            status
        };
        self.status = status;
        if status != 0 && self.opts.errexit && self.cond == 0 && !p.bang {
            return Err(Flow::Exit(status));
        }
        self.check_signals()?;
        Ok(status)
    }

    fn exec_multi(&mut self, p: &Pipeline) -> Res {
        let saved_in = self.fds[0].clone();
        let saved_out = self.fds[1].clone();
        let n = p.cmds.len();
        let mut input: Option<Rc<Vec<u8>>> = None;
        let mut status = 0;
        let mut fail = 0;
        for (i, cmd) in p.cmds.iter().enumerate() {
            let last = i + 1 == n;
            if let Some(data) = input.take() {
                self.fds[0] = Fd::In(data, Rc::new(std::cell::Cell::new(0)));
            }
            let buf = if last {
                self.fds[1] = saved_out.clone();
                None
            } else {
                self.bufs.push(Vec::new());
                let idx = self.bufs.len() - 1;
                self.fds[1] = Fd::Buf(idx);
                Some(idx)
            };
            let r = self.in_cond(|s| s.subshell(|s| s.exec_cmd(cmd)));
            if let Some(idx) = buf {
                let data = self.bufs.pop().unwrap_or_default();
                debug_assert_eq!(idx, self.bufs.len());
                input = Some(Rc::new(data));
            }
            match r {
                Ok(st) => {
                    status = st;
                    if st != 0 {
                        fail = st;
                    }
                }
                Err(e) => {
                    self.fds[0] = saved_in;
                    self.fds[1] = saved_out;
                    return Err(e);
                }
            }
        }
        self.fds[0] = saved_in;
        self.fds[1] = saved_out;
        Ok(if self.opts.pipefail { fail } else { status })
    }

    /// Runs `f` in a copy of the shell state, as a forked subshell would.
    pub(crate) fn subshell(&mut self, f: impl FnOnce(&mut Self) -> Res) -> Res {
        let saved = SavedState {
            vars: self.vars.clone(),
            funcs: self.funcs.clone(),
            params: self.params.clone(),
            opts: self.opts,
            traps: std::mem::take(&mut self.traps),
            cwd: self.cwd.clone(),
            rng: self.rng,
            fds: self.fds.clone(),
            pid: self.pid,
            func_depth: self.func_depth,
            loop_depth: self.loop_depth,
            locals: std::mem::take(&mut self.locals),
        };
        self.pid = self.alloc_pid();
        self.rng = {
            let mut parent = self.rng;
            Random::from_seed((u64::from(parent.next_value()) << 16) ^ u64::from(self.pid))
        };
        self.func_depth = 0;
        self.loop_depth = 0;
        let r = f(self);
        let r = match r {
            Ok(s) | Err(Flow::Exit(s)) | Err(Flow::Return(s)) => Ok(s),
            Err(Flow::Break(_)) | Err(Flow::Continue(_)) => Ok(self.status),
            Err(e) => Err(e),
        };
        self.vars = saved.vars;
        self.funcs = saved.funcs;
        self.params = saved.params;
        self.opts = saved.opts;
        self.traps = saved.traps;
        self.cwd = saved.cwd;
        self.rng = saved.rng;
        self.fds = saved.fds;
        self.pid = saved.pid;
        self.func_depth = saved.func_depth;
        self.loop_depth = saved.loop_depth;
        self.locals = saved.locals;
        r
    }

    // ---- commands ----------------------------------------------------------------------

    pub(crate) fn exec_cmd(&mut self, cmd: &Cmd) -> Res {
        match cmd {
            Cmd::Simple(s) => self.exec_simple(s),
            Cmd::Compound(c, redirs) => {
                if redirs.is_empty() {
                    return self.exec_compound(c);
                }
                let saved = match self.apply_redirs(redirs)? {
                    Ok(saved) => saved,
                    Err(status) => return Ok(status),
                };
                let r = self.exec_compound(c);
                self.restore_fds(saved);
                r
            }
            Cmd::FuncDef(name, f) => {
                self.step()?;
                self.funcs.insert(Rc::clone(name), Rc::clone(f));
                Ok(0)
            }
        }
    }

    /// A word as `set -x` shows it: ash's `maybe_single_quote` (quotes unless every byte is
    /// one of `+,-./0-9:@A-Z]^_a-z`), bash's quoting of words with shell metacharacters.
    pub(crate) fn trace_quote(&self, word: &str) -> String {
        let needs = match self.cfg.dialect {
            Dialect::Bash => {
                word.is_empty()
                    || word.starts_with(['~', '#'])
                    || word.contains(|c: char| " \t\n'\"\\|&;()<>!{}*[?]^$`".contains(c))
            }
            Dialect::Ash | Dialect::Dash => word.bytes().any(|b| {
                b < b'+'
                    || (b';'..=b'?').contains(&b)
                    || matches!(b, b'`' | b'[' | b'\\')
                    || b > b'z'
            }),
        };
        if !needs {
            return word.to_owned();
        }
        let quote = if self.cfg.dialect == Dialect::Bash {
            "'\\''"
        } else {
            "'\"'\"'"
        };
        format!("'{}'", word.replace('\'', quote))
    }

    fn exec_simple(&mut self, s: &Simple) -> Res {
        self.line = s.line.max(1);
        self.step()?;
        self.cmdsub_status = None;
        let expanded;
        let argv: &[String] = match &s.literal_argv {
            Some(argv) => argv,
            None => {
                expanded = self.expand_words(&s.words)?;
                &expanded
            }
        };
        if argv.is_empty() {
            // Assignments (and redirections) only.
            let saved = match self.apply_redirs(&s.redirs)? {
                Ok(saved) => saved,
                Err(status) => return Ok(status),
            };
            let mut result = Ok(0);
            for (name, words) in &s.arrays {
                if self.cfg.dialect != Dialect::Bash {
                    // ash and dash have no arrays: `(` cannot follow `name=`.
                    self.shell_error(None, "syntax error: unexpected \"(\"");
                    result = Err(Flow::Exit(2));
                    break;
                }
                let elements = match self.expand_words(words) {
                    Ok(e) => e,
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                };
                if let Err(msg) = self.set_array(name, elements) {
                    self.shell_error(None, &msg);
                    result = Err(Flow::Exit(1));
                    break;
                }
            }
            for (name, w) in s.assigns.iter().take_while(|_| result.is_ok()) {
                let value = match self.expand_single(w) {
                    Ok(v) => v,
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                };
                if self.opts.xtrace {
                    let line = format!("+ {name}={}\n", self.trace_quote(&value));
                    self.write_fd(2, line.as_bytes());
                }
                if let Err(msg) = self.set_var(name, value) {
                    self.shell_error(None, &msg);
                    result = Err(Flow::Exit(2));
                    break;
                }
            }
            self.restore_fds(saved);
            return result.map(|_| self.cmdsub_status.unwrap_or(0));
        }
        let mut assigns = Vec::with_capacity(s.assigns.len());
        for (name, w) in &s.assigns {
            assigns.push((Rc::clone(name), self.expand_single(w)?));
        }
        if self.opts.xtrace {
            let mut line = String::from("+");
            for (name, value) in &assigns {
                line.push_str(&format!(" {name}={}", self.trace_quote(value)));
            }
            for a in argv {
                line.push(' ');
                line.push_str(&self.trace_quote(a));
            }
            line.push('\n');
            self.write_fd(2, line.as_bytes());
        }
        let saved = match self.apply_redirs(&s.redirs)? {
            Ok(saved) => saved,
            Err(status) => return Ok(status),
        };
        self.write_error = None;
        let mut r = self.run_command_hinted(argv, &assigns, s.hint);
        if let Some(e) = self.write_error.take() {
            // The program's write(2) failed: it says so and fails (busybox `bb_perror_msg`).
            let msg = format!("{}: write error: {}\n", argv[0], e.strerror());
            self.restore_fds(saved);
            self.write_fd(2, msg.as_bytes());
            if r == Ok(0) {
                r = Ok(1);
            }
            return r;
        }
        self.restore_fds(saved);
        r
    }

    /// Runs an expanded command: special builtin, function, builtin, applet or external.
    pub(crate) fn run_command(&mut self, argv: &[String], assigns: &[(Rc<str>, String)]) -> Res {
        self.run_command_hinted(argv, assigns, crate::shell::ir::Hint::Dynamic)
    }

    /// [`Shell::run_command`] with the name already looked up.
    pub(crate) fn run_command_hinted(
        &mut self,
        argv: &[String],
        assigns: &[(Rc<str>, String)],
        hint: crate::shell::ir::Hint,
    ) -> Res {
        use crate::shell::builtins::{Kind, kind};
        use crate::shell::ir::Hint;
        let name = argv[0].as_str();
        let kind = match hint {
            Hint::Dynamic => kind(name),
            Hint::Builtin(k) => Some(k),
            Hint::Applet(_) | Hint::Other => None,
        };
        if kind == Some(Kind::Special) {
            for (k, v) in assigns {
                if let Err(msg) = self.set_var(k, v.clone()) {
                    self.shell_error(None, &msg);
                    return Err(Flow::Exit(2));
                }
            }
            return self.run_builtin(argv);
        }
        if !self.funcs.is_empty()
            && let Some(f) = self.funcs.get(name).cloned()
        {
            return self.with_temp_vars(assigns, |s| s.call_function(&f, argv));
        }
        if kind == Some(Kind::Regular) {
            return self.with_temp_vars(assigns, |s| s.run_builtin(argv));
        }
        if let Hint::Applet(applet) = hint {
            self.alloc_pid();
            if assigns.is_empty() {
                return applet(self, argv);
            }
            let saved = std::mem::replace(&mut self.prog_env, assigns.to_vec());
            let r = applet(self, argv);
            self.prog_env = saved;
            return r;
        }
        self.run_program(argv, assigns)
    }

    fn with_temp_vars(
        &mut self,
        assigns: &[(Rc<str>, String)],
        f: impl FnOnce(&mut Self) -> Res,
    ) -> Res {
        if assigns.is_empty() {
            return f(self);
        }
        let old: Vec<(Rc<str>, Option<Var>)> = assigns
            .iter()
            .map(|(k, _)| (Rc::clone(k), self.vars.get(k).cloned()))
            .collect();
        for (k, v) in assigns {
            if let Err(msg) = self.set_var(k, v.clone()) {
                self.shell_error(None, &msg);
                return Err(Flow::Exit(2));
            }
        }
        let r = f(self);
        for (k, v) in old.into_iter().rev() {
            match v {
                Some(v) => {
                    self.vars.insert(k, v);
                }
                None => {
                    self.vars.remove(&k);
                }
            }
        }
        r
    }

    pub(crate) fn call_function(&mut self, f: &Func, argv: &[String]) -> Res {
        if self.depth >= self.cfg.limits.depth {
            self.notes.push(format!(
                "function nesting went deeper than {} levels; busybox ash would crash with SIGSEGV",
                self.cfg.limits.depth
            ));
            return Err(Flow::Killed(signal::SEGV));
        }
        let saved_params = std::mem::replace(&mut self.params, argv[1..].to_vec());
        self.depth += 1;
        self.func_depth += 1;
        self.locals.push(Vec::new());
        let saved_loop = std::mem::replace(&mut self.loop_depth, 0);
        let r = if f.redirs.is_empty() {
            self.exec_compound(&f.body)
        } else {
            match self.apply_redirs(&f.redirs)? {
                Ok(saved) => {
                    let r = self.exec_compound(&f.body);
                    self.restore_fds(saved);
                    r
                }
                Err(status) => Ok(status),
            }
        };
        self.loop_depth = saved_loop;
        if let Some(locals) = self.locals.pop() {
            for (k, v) in locals.into_iter().rev() {
                match v {
                    Some(v) => {
                        self.vars.insert(k, v);
                    }
                    None => {
                        self.vars.remove(&k);
                    }
                }
            }
        }
        self.func_depth -= 1;
        self.depth -= 1;
        self.params = saved_params;
        match r {
            Err(Flow::Return(s)) => Ok(s),
            other => other,
        }
    }

    /// Parses and runs text (`eval`, traps).
    pub(crate) fn eval_string(&mut self, text: &str) -> Res {
        if self.depth >= self.cfg.limits.depth {
            return Err(Flow::Killed(signal::SEGV));
        }
        match crate::shell::parse::compile_cached(text) {
            Ok(list) => {
                self.depth += 1;
                let r = self.exec_list(&list);
                self.depth -= 1;
                r
            }
            Err(e) => {
                self.shell_error(None, &e.message);
                Err(Flow::Exit(2))
            }
        }
    }
}

struct SavedState {
    vars: BTreeMap<Rc<str>, Var>,
    funcs: BTreeMap<Rc<str>, Rc<Func>>,
    params: Vec<String>,
    opts: Opts,
    traps: BTreeMap<i32, Rc<str>>,
    cwd: String,
    rng: Random,
    fds: Vec<Fd>,
    pid: u32,
    func_depth: u32,
    loop_depth: u32,
    locals: Vec<Vec<(Rc<str>, Option<Var>)>>,
}
