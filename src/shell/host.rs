//! What the interpreter needs from the world around it: a clock that only moves when the
//! script sleeps, signals, a file system, output sinks and programs it does not provide.
//!
//! A container run implements it with a private virtual clock ([`crate::shell::container`]);
//! `jobsim session` implements it over the simulated cluster, where `sleep` advances the whole
//! cluster and `kubectl` is an external program.

use crate::shell::fs::Fs;

/// An output stream of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// How a sleep ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SleepOutcome {
    /// The whole duration passed.
    Completed,
    /// A signal arrived and the sleep was woken early (only when `wake_on_signal`); the clock
    /// stands at the signal's arrival.
    Signal(i32),
    /// The process was killed (SIGKILL) during the sleep; the clock stands at the kill.
    Killed,
}

/// Signal numbers on Linux x86-64.
pub mod signal {
    pub const HUP: i32 = 1;
    pub const INT: i32 = 2;
    pub const QUIT: i32 = 3;
    pub const KILL: i32 = 9;
    pub const USR1: i32 = 10;
    pub const SEGV: i32 = 11;
    pub const USR2: i32 = 12;
    pub const PIPE: i32 = 13;
    pub const ALRM: i32 = 14;
    pub const TERM: i32 = 15;

    /// `(number, name without SIG)` for the signals scripts name.
    pub const NAMES: [(i32, &str); 10] = [
        (HUP, "HUP"),
        (INT, "INT"),
        (QUIT, "QUIT"),
        (KILL, "KILL"),
        (USR1, "USR1"),
        (SEGV, "SEGV"),
        (USR2, "USR2"),
        (PIPE, "PIPE"),
        (ALRM, "ALRM"),
        (TERM, "TERM"),
    ];

    /// Parses `TERM`, `SIGTERM`, `term` or `15`.
    pub fn parse(s: &str) -> Option<i32> {
        if let Ok(n) = s.parse::<i32>() {
            return (0..=64).contains(&n).then_some(n);
        }
        let upper = s.to_ascii_uppercase();
        let name = upper.strip_prefix("SIG").unwrap_or(&upper);
        if name == "EXIT" {
            return Some(0);
        }
        NAMES.iter().find(|(_, n)| *n == name).map(|(num, _)| *num)
    }
}

/// Output of an external program run by the host.
#[derive(Debug, Default)]
pub struct ExternalOutput {
    pub stdout: Vec<u8>,
    /// Written to stderr after all of `stdout`.
    pub stderr: Vec<u8>,
    /// Written to stderr while `stdout` was being written, each before the byte of
    /// `stdout` at its offset (so a terminal shows both streams in the order written).
    pub notes: Vec<(usize, Vec<u8>)>,
}

impl ExternalOutput {
    /// Writes `text` to stderr now, before whatever goes to stdout next.
    pub fn note(&mut self, text: &[u8]) {
        if !text.is_empty() {
            self.notes.push((self.stdout.len(), text.to_vec()));
        }
    }

    /// The two streams in the order written: `(fd, bytes)`.
    pub fn pieces(&self) -> Vec<(usize, &[u8])> {
        let notes = self.notes.iter().map(|(at, text)| (*at, text.as_slice()));
        interleave(&self.stdout, notes, &self.stderr)
            .into_iter()
            .map(|(is_stderr, bytes)| (if is_stderr { 2 } else { 1 }, bytes))
            .collect()
    }
}

/// stdout with stderr `notes` written before the byte of stdout at their offset, then the
/// trailing `stderr`: `(is_stderr, bytes)` in the order written, empty pieces left out.
pub fn interleave<'a>(
    stdout: &'a [u8],
    notes: impl IntoIterator<Item = (usize, &'a [u8])>,
    stderr: &'a [u8],
) -> Vec<(bool, &'a [u8])> {
    let mut pieces = Vec::new();
    let mut from = 0;
    for (at, text) in notes {
        let at = at.clamp(from, stdout.len());
        pieces.push((false, &stdout[from..at]));
        pieces.push((true, text));
        from = at;
    }
    pieces.push((false, &stdout[from..]));
    pieces.push((true, stderr));
    pieces.retain(|(_, bytes)| !bytes.is_empty());
    pieces
}

/// What the interpreter calls out to. Every method is deterministic for a given history of
/// calls; no method may read a wall clock.
pub trait Host {
    /// Current time, unix milliseconds.
    fn now_ms(&self) -> i64;

    /// Lets `ms` milliseconds pass for the process. With `wake_on_signal` a signal that arrives
    /// ends the sleep early (the `wait` builtin with a trap set); otherwise it stays pending.
    fn sleep(&mut self, ms: u64, wake_on_signal: bool) -> SleepOutcome;

    /// The process spins without sleeping (its step budget ran out). Moves the clock to the
    /// next signal the host will deliver and returns it, or `None` when none will ever come.
    fn spin(&mut self) -> Option<i32> {
        None
    }

    /// A signal that arrived while the process was busy and is now pending.
    fn take_signal(&mut self) -> Option<i32> {
        None
    }

    /// Sets the clock back to `to_ms` for running a background job eagerly; returns false if
    /// this host cannot (then background jobs run in the foreground).
    fn rewind(&mut self, to_ms: i64) -> bool {
        let _ = to_ms;
        false
    }

    /// The file system the process sees.
    fn fs(&mut self) -> &mut Fs;

    /// Writes process output that reaches the log or terminal, at [`Host::now_ms`].
    fn write(&mut self, stream: Stream, bytes: &[u8]);

    /// Runs a program the interpreter does not provide (`kubectl` in a session). `None` means
    /// the host does not know it either.
    fn run_external(
        &mut self,
        argv: &[String],
        stdin: &[u8],
        output: &mut ExternalOutput,
    ) -> Option<i32> {
        let _ = (argv, stdin, output);
        None
    }

    /// Whether `program` is one this host has (not an applet) and lets the interpreter run
    /// when jobsim knows it (`python3 -c`, [`crate::shell::python`]; `stress`) instead of
    /// simulating it.
    fn interprets(&self, program: &str) -> bool {
        let _ = program;
        false
    }

    /// Notes that the script set (`Some(action)`) or reset a trap, for the kubelet to know whether
    /// SIGTERM would be handled.
    fn trap_changed(&mut self, signal: i32, action: Option<&str>) {
        let _ = (signal, action);
    }
}
