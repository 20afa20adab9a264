//! The container's process as the kubelet sees it: the log lines it writes (with their
//! offsets from the start), how it ends, and whether it handles SIGTERM. Produced by the
//! shell interpreter, which runs the command eagerly in virtual time.

use std::sync::Arc;

use k8s_openapi::api::core::v1::Container;

use crate::sim::clock::SimDuration;

/// One line a container wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// Time since the container started.
    pub at: SimDuration,
    pub stderr: bool,
    pub text: String,
}

/// How a process ends if nothing stops it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcessEnd {
    Exit {
        after: SimDuration,
        code: i32,
    },
    /// It never ends on its own (a server, or a loop that never sleeps).
    Forever,
}

/// A container's whole run, computed up front.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Process {
    pub lines: Vec<LogLine>,
    pub end: ProcessEnd,
    /// A `trap … TERM` was set: SIGTERM ends it (a PID 1 without one ignores SIGTERM).
    pub handles_sigterm: bool,
}

/// What the kubelet knows when it starts a container.
pub struct StartRequest<'a> {
    pub container: &'a Container,
    pub env: Vec<(String, String)>,
    pub hostname: &'a str,
    pub seed: u64,
    /// Unix seconds of the container start (for `date`).
    pub start_unix_ms: i64,
}

/// Starts a container's process.
pub fn start(request: &StartRequest<'_>) -> Arc<Process> {
    let mut argv: Vec<String> = request.container.command.clone().unwrap_or_default();
    argv.extend(request.container.args.clone().unwrap_or_default());
    let end = match argv.as_slice() {
        [sleep, secs] if sleep == "sleep" => {
            let secs: f64 = secs.parse().unwrap_or(0.0);
            ProcessEnd::Exit {
                after: SimDuration::from_millis((secs * 1000.0) as u64),
                code: 0,
            }
        }
        _ => ProcessEnd::Exit {
            after: SimDuration::from_secs(1),
            code: 0,
        },
    };
    Arc::new(Process {
        lines: Vec::new(),
        end,
        handles_sigterm: false,
    })
}
