//! A busybox `sh` interpreter that runs container commands in simulated time.
//!
//! - [`entrypoint`] turns `command`/`args` and the image defaults into the process arguments;
//! - [`container::run`] runs one container eagerly with a virtual clock and returns its trace
//!   (log lines with timestamps, the end, trap changes, files);
//! - [`Shell`] is the interpreter itself, over a [`Host`]; `jobsim session` implements `Host`
//!   over the simulated cluster and runs its scripts with [`run_script`].
//!
//! Parsing is brush-parser's; [`ir`] compiles its AST once into the form the interpreter runs.

pub mod applets;
pub mod arith;
mod builtins;
pub mod container;
pub mod entrypoint;
mod expand;
pub mod fs;
pub mod host;
pub mod interp;
pub mod ir;
pub mod parse;
pub mod pattern;
mod programs;
pub mod random;
mod redirect;

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
