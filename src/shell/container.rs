//! One run of a container's process, eagerly in virtual time: the script runs to its end at
//! once with a private clock (`sleep` moves the clock, it never blocks) and the result is a
//! trace — timestamped log lines, the end, trap changes — that the kubelet plays out.
//!
//! Signals come in as a [`Termination`]: SIGTERM at one time and SIGKILL at another (the
//! kubelet's grace period, or `activeDeadlineSeconds`). The process is PID 1 of its PID
//! namespace, so a SIGTERM without a handler is ignored by the kernel, as in a real
//! container; `trap '…' TERM` handles it after the running foreground command ends.

use std::rc::Rc;

use crate::shell::entrypoint;
use crate::shell::fs::{Dir, Fs, Mount, Volume, Volumes};
use crate::shell::host::{ExternalOutput, Host, SleepOutcome, Stream, signal};
use crate::shell::interp::{Config, Dialect, Flow, Limits, Shell, Toolbox};

/// Default length of a program jobsim cannot interpret.
pub const DEFAULT_SIMULATED_MS: u64 = 1_000;

/// How long a sleep may be before the process counts as blocked forever (`sleep infinity`).
const FOREVER_MS: u64 = 100 * 365 * 86_400_000;

/// When the kubelet signals the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Termination {
    /// SIGTERM arrives (pod deletion, `activeDeadlineSeconds`), unix ms.
    pub term_at_ms: i64,
    /// SIGKILL arrives (after `terminationGracePeriodSeconds`), unix ms.
    pub kill_at_ms: i64,
}

/// What a program jobsim cannot interpret does (the kubelet fills it from the pod template
/// annotations `sim.jobsim.dev/duration`, `sim.jobsim.dev/exit-code`, `sim.jobsim.dev/output`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Simulated {
    /// Run time; [`DEFAULT_SIMULATED_MS`] when unset.
    pub duration_ms: Option<u64>,
    /// Exit code; 0 when unset.
    pub exit_code: Option<i32>,
    /// Standard output; when unset one line says the program was not interpreted.
    pub output: Option<String>,
}

/// Everything one container run needs.
#[derive(Debug, Clone)]
pub struct ContainerSpec {
    pub image: String,
    /// `containers[].command` as written (unexpanded).
    pub command: Vec<String>,
    /// `containers[].args` as written (unexpanded).
    pub args: Vec<String>,
    /// The resolved environment, in order (`value`s, `fieldRef`s, `JOB_COMPLETION_INDEX`,
    /// `HOSTNAME`, `KUBERNETES_*`, …).
    pub env: Vec<(String, String)>,
    pub hostname: String,
    /// The pod's IP (`/etc/hosts`).
    pub pod_ip: String,
    /// The pod's namespace (the first `search` domain of `/etc/resolv.conf`).
    pub namespace: String,
    pub working_dir: Option<String>,
    /// Container start, unix ms.
    pub start_ms: i64,
    /// Seeds `$RANDOM` (derive it from the simulation seed, the pod and the container).
    pub seed: u64,
    pub mounts: Vec<Mount>,
    pub termination: Option<Termination>,
    pub simulated: Simulated,
    /// CPUs of the node, for `nproc`.
    pub cpus: u32,
    pub limits: Limits,
}

impl ContainerSpec {
    /// A spec with defaults: no mounts, no env, 2 CPUs, default limits.
    pub fn new(
        image: &str,
        command: &[&str],
        args: &[&str],
        hostname: &str,
        start_ms: i64,
        seed: u64,
    ) -> Self {
        Self {
            image: image.to_owned(),
            command: command.iter().map(|s| (*s).to_owned()).collect(),
            args: args.iter().map(|s| (*s).to_owned()).collect(),
            env: Vec::new(),
            hostname: hostname.to_owned(),
            pod_ip: "10.244.0.2".to_owned(),
            namespace: "default".to_owned(),
            working_dir: None,
            start_ms,
            seed,
            mounts: Vec::new(),
            termination: None,
            simulated: Simulated::default(),
            cpus: 2,
            limits: Limits::default(),
        }
    }
}

/// One line of container log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// Milliseconds after the container start.
    pub offset_ms: i64,
    pub stream: Stream,
    /// The line without its newline.
    pub text: String,
}

/// How the run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// The process exited (`exit 3`, end of script).
    Exited { offset_ms: i64, code: i32 },
    /// A signal ended it (SIGKILL from the kubelet: exit code 137).
    Killed { offset_ms: i64, signal: i32 },
    /// It spins without sleeping from this moment and never ends by itself.
    Burning { from_offset_ms: i64 },
    /// It sleeps forever (`sleep infinity`) from this moment.
    Blocked { from_offset_ms: i64 },
    /// The runtime could not start it (exit code 128, reason `StartError`).
    StartError { message: String },
}

impl End {
    /// The container's exit code, once it has one.
    pub fn exit_code(&self) -> Option<i32> {
        match self {
            End::Exited { code, .. } => Some(*code),
            End::Killed { signal, .. } => Some(128 + signal),
            End::StartError { .. } => Some(128),
            End::Burning { .. } | End::Blocked { .. } => None,
        }
    }

    /// When it ended (offset from the start), if it does.
    pub fn offset_ms(&self) -> Option<i64> {
        match self {
            End::Exited { offset_ms, .. } | End::Killed { offset_ms, .. } => Some(*offset_ms),
            End::StartError { .. } => Some(0),
            End::Burning { .. } | End::Blocked { .. } => None,
        }
    }
}

/// What a trap was set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrapAction {
    Default,
    Ignore,
    Handler,
}

/// A `trap` the PID-1 shell ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrapChange {
    pub offset_ms: i64,
    /// 0 is EXIT.
    pub signal: i32,
    pub action: TrapAction,
}

/// The trace of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerRun {
    /// The process arguments after `$(VAR)` expansion and image defaults.
    pub argv: Vec<String>,
    pub logs: Vec<LogLine>,
    pub end: End,
    pub traps: Vec<TrapChange>,
    /// The container's private root file system at the end (volumes went back to the pod).
    pub root: Rc<Dir>,
    /// Log bytes dropped by the rotation cap.
    pub dropped_log_bytes: usize,
    /// Explanations for the user about approximations made (not part of the logs).
    pub notes: Vec<String>,
    /// The process was killed for using more memory than a container has: the runtime
    /// reports `OOMKilled` (exit code 137).
    pub oom_killed: bool,
}

impl ContainerRun {
    /// Whether a SIGTERM arriving at `offset_ms` would run a handler.
    pub fn handles_sigterm_at(&self, offset_ms: i64) -> bool {
        self.traps
            .iter()
            .rfind(|t| t.signal == signal::TERM && t.offset_ms <= offset_ms)
            .is_some_and(|t| t.action == TrapAction::Handler)
    }

    /// A file the container left in its own root file system (`/dev/termination-log`).
    pub fn root_file(&self, path: &str) -> Option<&[u8]> {
        let mut dir: &Dir = &self.root;
        let parts = crate::shell::fs::components(path);
        let (last, dirs) = parts.split_last()?;
        for d in dirs {
            match dir.entries.get(*d)? {
                crate::shell::fs::Node::Dir(next) => dir = next,
                crate::shell::fs::Node::File(_) => return None,
            }
        }
        match dir.entries.get(*last)? {
            crate::shell::fs::Node::File(f) => Some(&f.data),
            crate::shell::fs::Node::Dir(_) => None,
        }
    }

    /// The log as `kubectl logs` prints it.
    pub fn log_text(&self) -> String {
        let mut s = String::new();
        for l in &self.logs {
            s.push_str(&l.text);
            s.push('\n');
        }
        s
    }
}

struct ContainerHost {
    start: i64,
    now: i64,
    fs: Fs,
    logs: Vec<LogLine>,
    partial: [Vec<u8>; 2],
    partial_at: [i64; 2],
    log_bytes: usize,
    log_cap: usize,
    dropped: usize,
    termination: Option<Termination>,
    term_delivered: bool,
    blocked: bool,
    traps: Vec<TrapChange>,
    opaque: Vec<String>,
    simulated: Simulated,
}

impl ContainerHost {
    fn push_line(&mut self, stream: Stream, at: i64, bytes: &[u8]) {
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t.to_owned(),
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        };
        self.log_bytes += text.len() + 1;
        let line = LogLine {
            offset_ms: at - self.start,
            stream,
            text,
        };
        if self
            .logs
            .last()
            .is_none_or(|l| l.offset_ms <= line.offset_ms)
        {
            self.logs.push(line);
        } else {
            let pos = self.logs.partition_point(|l| l.offset_ms <= line.offset_ms);
            self.logs.insert(pos, line);
        }
        if self.log_bytes > self.log_cap {
            let mut drop = 0;
            let mut freed = 0;
            while self.log_bytes - freed > self.log_cap / 2 && drop < self.logs.len() {
                freed += self.logs[drop].text.len() + 1;
                drop += 1;
            }
            self.logs.drain(..drop);
            self.log_bytes -= freed;
            self.dropped += freed;
        }
    }

    fn flush_partial(&mut self) {
        for (i, stream) in [(0, Stream::Stdout), (1, Stream::Stderr)] {
            if !self.partial[i].is_empty() {
                let data = std::mem::take(&mut self.partial[i]);
                let at = self.partial_at[i];
                self.push_line(stream, at, &data);
            }
        }
    }

    fn term_pending_before(&self, until: i64) -> Option<i64> {
        let t = self.termination?;
        (!self.term_delivered && t.term_at_ms <= until).then_some(t.term_at_ms.max(self.now))
    }
}

impl Host for ContainerHost {
    fn now_ms(&self) -> i64 {
        self.now
    }

    fn sleep(&mut self, ms: u64, wake_on_signal: bool) -> SleepOutcome {
        if ms >= FOREVER_MS {
            // Forever, unless a signal comes.
            if wake_on_signal && let Some(at) = self.term_pending_before(i64::MAX) {
                self.now = at;
                self.term_delivered = true;
                return SleepOutcome::Signal(signal::TERM);
            }
            if let Some(t) = self.termination {
                self.now = t.kill_at_ms.max(self.now);
                return SleepOutcome::Killed;
            }
            self.blocked = true;
            return SleepOutcome::Killed;
        }
        let target = self
            .now
            .saturating_add(i64::try_from(ms).unwrap_or(i64::MAX));
        if wake_on_signal && let Some(at) = self.term_pending_before(target) {
            self.now = at;
            self.term_delivered = true;
            return SleepOutcome::Signal(signal::TERM);
        }
        if let Some(t) = self.termination
            && t.kill_at_ms <= target
        {
            self.now = t.kill_at_ms.max(self.now);
            return SleepOutcome::Killed;
        }
        self.now = target;
        SleepOutcome::Completed
    }

    fn spin(&mut self) -> Option<i32> {
        if let Some(at) = self.term_pending_before(i64::MAX) {
            self.now = at;
            self.term_delivered = true;
            return Some(signal::TERM);
        }
        let t = self.termination?;
        self.now = t.kill_at_ms.max(self.now);
        Some(signal::KILL)
    }

    fn take_signal(&mut self) -> Option<i32> {
        let t = self.termination?;
        if !self.term_delivered && self.now >= t.term_at_ms {
            self.term_delivered = true;
            return Some(signal::TERM);
        }
        None
    }

    fn rewind(&mut self, to_ms: i64) -> bool {
        self.now = to_ms;
        self.blocked = false;
        true
    }

    fn fs(&mut self) -> &mut Fs {
        &mut self.fs
    }

    fn write(&mut self, stream: Stream, bytes: &[u8]) {
        let idx = usize::from(stream == Stream::Stderr);
        let mut rest = bytes;
        while let Some(nl) = rest.iter().position(|&b| b == b'\n') {
            let now = self.now;
            if self.partial[idx].is_empty() {
                self.push_line(stream, now, &rest[..nl]);
            } else {
                let mut line = std::mem::take(&mut self.partial[idx]);
                line.extend_from_slice(&rest[..nl]);
                let at = self.partial_at[idx];
                self.push_line(stream, at, &line);
            }
            rest = &rest[nl + 1..];
        }
        if !rest.is_empty() {
            if self.partial[idx].is_empty() {
                self.partial_at[idx] = self.now;
            }
            self.partial[idx].extend_from_slice(rest);
        }
    }

    fn run_external(
        &mut self,
        argv: &[String],
        _stdin: &[u8],
        output: &mut ExternalOutput,
    ) -> Option<i32> {
        let base = argv[0].rsplit('/').next().unwrap_or(&argv[0]);
        if !self.opaque.iter().any(|p| p == base) {
            return None;
        }
        Some(self.simulate(argv, output))
    }

    fn interprets(&self, program: &str) -> bool {
        let simulated = &self.simulated;
        self.opaque.iter().any(|p| p == program)
            && simulated.output.is_none()
            && simulated.exit_code.is_none()
            && simulated.duration_ms.is_none()
    }

    fn trap_changed(&mut self, signal: i32, action: Option<&str>) {
        let action = match action {
            None => TrapAction::Default,
            Some("") => TrapAction::Ignore,
            Some(_) => TrapAction::Handler,
        };
        self.traps.push(TrapChange {
            offset_ms: self.now - self.start,
            signal,
            action,
        });
    }
}

impl ContainerHost {
    /// Runs a program jobsim cannot interpret as configured by [`Simulated`].
    fn simulate(&mut self, argv: &[String], output: &mut ExternalOutput) -> i32 {
        let duration = self.simulated.duration_ms.unwrap_or(DEFAULT_SIMULATED_MS);
        let code = self.simulated.exit_code.unwrap_or(0);
        // What jobsim knows a program prints, unless the annotations say otherwise.
        let known = match (&self.simulated.output, self.simulated.exit_code) {
            (None, None) => super::perl_pi::output(argv),
            _ => None,
        };
        let text = match (&self.simulated.output, known) {
            (Some(o), _) if o.is_empty() || o.ends_with('\n') => o.clone(),
            (Some(o), _) => format!("{o}\n"),
            (None, Some(known)) => known,
            (None, None) => format!(
                "jobsim: `{}` is not interpreted; simulated as exiting {code} after {}s \
                 (annotations sim.jobsim.dev/duration, exit-code and output change this)\n",
                argv.join(" "),
                duration as f64 / 1000.0
            ),
        };
        // Output appears when the program ends (as a batch program's buffered output would).
        match self.sleep(duration, false) {
            SleepOutcome::Completed | SleepOutcome::Signal(_) => {
                output.stdout.extend_from_slice(text.as_bytes());
                code
            }
            SleepOutcome::Killed => 128 + signal::KILL,
        }
    }
}

/// Runs one container to its end (or until SIGKILL), taking the mounted volumes from
/// `volumes` for the run and putting them back (with the files written) afterwards.
pub fn run(spec: &ContainerSpec, volumes: &mut Volumes) -> ContainerRun {
    let argv = match entrypoint::resolve(&spec.image, &spec.command, &spec.args, &spec.env) {
        Ok(a) => a,
        Err(message) => return start_error(Vec::new(), message),
    };
    let image = entrypoint::image(&spec.image);
    let (toolbox, sh_dialect, opaque) = match image {
        Some(i) => (
            i.toolbox,
            i.sh,
            i.opaque.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
        ),
        None => (Toolbox::Busybox, Dialect::Ash, Vec::new()),
    };
    let program = argv[0].rsplit('/').next().unwrap_or(&argv[0]).to_owned();
    let shells: &[&str] = match toolbox {
        Toolbox::Busybox => &["sh", "ash"],
        _ => &["sh", "dash", "bash"],
    };
    let image_opaque = image.is_some_and(|i| entrypoint::is_opaque(i, &program));
    let known_program = shells.contains(&program.as_str())
        || (program == "bash" && image.is_some_and(|i| i.name == "bash"))
        || crate::shell::applets::exists(toolbox, &program)
        || image_opaque;
    let mut opaque = opaque;
    if image_opaque && !opaque.contains(&program) {
        opaque.push(program.clone());
    }
    if image.is_some() && !known_program {
        return start_error(
            argv.clone(),
            format!(
                "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create \
                 failed: unable to start container process: exec: \"{}\": executable file not found in $PATH: unknown",
                argv[0]
            ),
        );
    }
    if image.is_none() && !known_program {
        // An unknown image's own program: simulated.
        opaque.push(program.clone());
    }

    let mut fs = Fs::for_pod(crate::shell::fs::PodNetwork {
        hostname: spec.hostname.clone(),
        pod_ip: spec.pod_ip.clone(),
        namespace: spec.namespace.clone(),
        cpus: spec.cpus,
    });
    let mut notes = Vec::new();
    for m in &spec.mounts {
        let vol = match volumes.remove(&m.volume) {
            Some(v) => v,
            // Mounted twice: the first mount already holds it.
            None if fs.volumes.contains_key(&m.volume) => Volume::empty_dir(),
            None => {
                notes.push(format!(
                    "volume \"{}\" was not provided; mounted an empty one",
                    m.volume
                ));
                Volume::empty_dir()
            }
        };
        fs.mount(m.clone(), vol);
    }
    if let Some(dir) = &spec.working_dir {
        let _ = fs.mkdir_p(dir);
    }
    let mut host = ContainerHost {
        start: spec.start_ms,
        now: spec.start_ms,
        fs,
        logs: Vec::new(),
        partial: [Vec::new(), Vec::new()],
        partial_at: [0, 0],
        log_bytes: 0,
        log_cap: spec.limits.log_bytes,
        dropped: 0,
        termination: spec.termination,
        term_delivered: false,
        blocked: false,
        traps: Vec::new(),
        opaque,
        simulated: spec.simulated.clone(),
    };
    let dialect = if program == "bash" {
        Dialect::Bash
    } else {
        sh_dialect
    };
    let cfg = Rc::new(Config {
        dialect,
        toolbox,
        pid1: true,
        hostname: spec.hostname.clone(),
        opaque_programs: host.opaque.clone(),
        cpus: spec.cpus,
        limits: spec.limits,
    });
    // The runtime's defaults where the spec sets none, and the working directory.
    let has = |name: &str| spec.env.iter().any(|(k, _)| k == name);
    let defaults = [
        (
            "PATH",
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ),
        ("HOSTNAME", spec.hostname.as_str()),
        ("HOME", "/root"),
    ];
    let defaults = defaults.into_iter().filter(|(k, _)| !has(k));
    let pwd = spec.working_dir.as_deref().map(|dir| ("PWD", dir));
    let env = defaults
        .chain(spec.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .chain(pwd);

    let (result, oom_killed) = {
        let mut sh = Shell::with_env(&mut host, cfg, env, &argv[0], spec.seed);
        sh.pid = 1;
        let r = if shells.contains(&program.as_str()) || program == "bash" {
            sh.run_as_init_shell(&argv)
        } else {
            let r = sh.run_command(&argv, &[]);
            sh.finish(r)
        };
        notes.append(&mut sh.notes);
        (r, sh.oom_killed)
    };
    host.flush_partial();
    let end_at = host.now - host.start;
    let end = match result {
        Ok(code) => End::Exited {
            offset_ms: end_at,
            code: code & 0xff,
        },
        Err(Flow::Killed(sig)) => End::Killed {
            offset_ms: end_at,
            signal: sig,
        },
        Err(Flow::ContainerKilled) if host.blocked => End::Blocked {
            from_offset_ms: end_at,
        },
        Err(Flow::ContainerKilled) => End::Killed {
            offset_ms: end_at,
            signal: signal::KILL,
        },
        Err(Flow::Burning) => {
            notes.push("the process spins without sleeping or ending (step budget spent): it burns CPU until killed".into());
            End::Burning {
                from_offset_ms: end_at,
            }
        }
        Err(Flow::Exit(code) | Flow::Return(code)) => End::Exited {
            offset_ms: end_at,
            code: code & 0xff,
        },
        Err(Flow::Break(_) | Flow::Continue(_)) => End::Exited {
            offset_ms: end_at,
            code: 0,
        },
    };
    // Background processes die with PID 1: drop what they would have printed later.
    if let Some(at) = end.offset_ms() {
        host.logs.retain(|l| l.offset_ms <= at);
    }
    for (name, vol) in std::mem::take(&mut host.fs.volumes) {
        volumes.insert(name, vol);
    }
    // The trace is kept for `kubectl logs` as long as the pod exists: no spare capacity.
    let mut logs = host.logs;
    logs.shrink_to_fit();
    let oom_killed = oom_killed && matches!(end, End::Killed { .. });
    ContainerRun {
        argv,
        logs,
        end,
        traps: host.traps,
        root: host.fs.into_root(),
        dropped_log_bytes: host.dropped,
        notes,
        oom_killed,
    }
}

fn start_error(argv: Vec<String>, message: String) -> ContainerRun {
    ContainerRun {
        argv,
        logs: Vec::new(),
        end: End::StartError { message },
        traps: Vec::new(),
        root: Rc::new(Dir::default()),
        dropped_log_bytes: 0,
        notes: Vec::new(),
        oom_killed: false,
    }
}
