//! A busybox `sh` interpreter that runs container commands in simulated time.
//!
//! - [`entrypoint`] turns `command`/`args` and the image defaults into the process arguments,
//!   with the kubelet's `$(VAR)` expansion;
//! - [`container::run`] runs one container eagerly with a private virtual clock and returns its
//!   trace: log lines with offsets, the end, the `trap`s PID 1 set, the files it wrote;
//! - [`Shell`] is the interpreter, over a [`Host`]; `jobsim session` implements `Host` over the
//!   simulated cluster (its `sleep` advances the cluster, `kubectl` is an external program) and
//!   runs scripts and terminal lines with [`run_script`].
//!
//! Parsing is brush-parser's; [`ir`] compiles its AST once (memoized by [`parse`]) into the
//! form the interpreter runs, with literal command names looked up at compile time.
//!
//! # What is simulated, and how
//! - **Time**: commands take no time; only `sleep` (and `wait`, and programs run simulated)
//!   moves the clock. Output gets the time of the moment it is written.
//! - **Signals**: the kubelet's SIGTERM/SIGKILL come in as a [`Termination`]. The process is
//!   PID 1 of its PID namespace: the kernel drops signals it has no handler for, so an untrapped
//!   SIGTERM (and even `kill -9 $$` from inside) is ignored; SIGKILL from the kubelet always
//!   ends it (exit 137). A `trap … TERM` runs after the foreground command in progress ends, as
//!   in ash (`sleep 1000 & wait` is the responsive idiom).
//! - **Programs**: busybox applets and builtins are interpreted; `sh -c` nests a shell; what the
//!   image has but jobsim cannot run (`perl`, `python`, a custom binary) is simulated: by
//!   default exit 0 after [`container::DEFAULT_SIMULATED_MS`] with one log line saying so,
//!   or as [`Simulated`] says. A program the image lacks: `sh: foo: not found` (127) in a
//!   script, a `StartError` (128) in exec form.
//! - **Bounds** ([`Limits`]): a step budget (1,000,000 commands and loop turns) turns an endless
//!   loop into [`End::Burning`]; function nesting deeper than 100 crashes as ash would
//!   (SIGSEGV, 139); `seq` stops at 1,000,000 numbers; the log keeps the newest 1 MiB per run.
//!
//! # Approximations
//! - Pipeline stages run one after another in virtual time (`sleep 1 | sleep 1` takes 2 s).
//! - Background jobs (`&`) run eagerly at once; their output is merged into the log by time and
//!   dropped after PID 1 ends; `kill` of a job ends it but keeps what it already printed.
//! - Containers run in UTC; `TZ` is ignored. `awk`, `sed` and `grep` cover the common subset;
//!   regex back-references are not supported.

pub mod applets;
pub mod arith;
mod builtins;
mod compound;
pub mod container;
pub mod entrypoint;
mod expand;
pub mod fs;
pub mod host;
pub mod interp;
pub mod ir;
mod jobs;
mod output;
pub mod parse;
pub mod pattern;
mod perl_pi;
mod programs;
pub mod python;
pub mod random;
mod redirect;
mod signals;
mod stress;
mod vars;

use std::rc::Rc;

pub use container::{
    ContainerRun, ContainerSpec, End, LogLine, Simulated, Termination, TrapAction, TrapChange, run,
};
pub use fs::{Dir, File, Fs, Mount, Node, Volume, Volumes};
pub use host::{ExternalOutput, Host, SleepOutcome, Stream};
pub use interp::{Config, Dialect, Flow, Limits, Shell, Toolbox};

/// How a [`run_script`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptEnd {
    Exited(i32),
    /// Killed by a signal (exit status 128 + signal).
    Killed(i32),
    /// The step budget ran out (an endless loop that never sleeps).
    Burning,
}

/// Runs a script (a `jobsim session` file, or one terminal line) as `sh -c` would, against a
/// host; `env` is the initial environment, `arg0` names the shell in messages.
pub fn run_script(
    host: &mut dyn Host,
    config: Config,
    env: &[(String, String)],
    arg0: &str,
    seed: u64,
    script: &str,
) -> ScriptEnd {
    let mut sh = Shell::new(host, Rc::new(config), env, arg0, seed);
    let argv = vec![arg0.to_owned(), "-c".to_owned(), script.to_owned()];
    match sh.run_as_init_shell(&argv) {
        Ok(code) => ScriptEnd::Exited(code & 0xff),
        Err(Flow::Killed(sig)) => ScriptEnd::Killed(sig),
        Err(Flow::ContainerKilled) => ScriptEnd::Killed(host::signal::KILL),
        Err(Flow::Burning) => ScriptEnd::Burning,
        Err(Flow::Exit(c) | Flow::Return(c)) => ScriptEnd::Exited(c & 0xff),
        Err(Flow::Break(_) | Flow::Continue(_)) => ScriptEnd::Exited(0),
    }
}
#[cfg(test)]
mod tests;
