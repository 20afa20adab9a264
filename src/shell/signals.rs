//! The step budget and signal delivery: an endless loop spins until a signal comes, trapped
//! signals run their action between commands, and PID 1 ignores the signals it does not trap.

use crate::shell::host::{SleepOutcome, signal};
use crate::shell::interp::{Flow, Shell};

impl Shell<'_> {
    // ---- budget and signals ------------------------------------------------------------

    /// Counts one unit of work; when the budget is spent the process spins until a signal.
    pub(crate) fn step(&mut self) -> Result<(), Flow> {
        if self.steps_left > 0 {
            self.steps_left -= 1;
            return Ok(());
        }
        if self.background {
            // A spinning background job spins until the container ends; PID 1 goes on.
            return Err(Flow::Burning);
        }
        loop {
            match self.host.spin() {
                None => return Err(Flow::Burning),
                Some(signal::KILL) => return Err(Flow::ContainerKilled),
                Some(sig) => {
                    if self.traps.get(&sig).is_some_and(|a| !a.is_empty()) {
                        self.steps_left = self.cfg.limits.steps;
                        self.deliver(sig)?;
                        return Ok(());
                    }
                    // Ignored (PID 1 without a handler): keep spinning until the next signal.
                    if !self.cfg.pid1 && !self.traps.contains_key(&sig) {
                        return Err(Flow::Killed(sig));
                    }
                }
            }
        }
    }

    /// Runs the handlers of signals that arrived while a command ran.
    pub(crate) fn check_signals(&mut self) -> Result<(), Flow> {
        if self.in_trap || self.background {
            return Ok(());
        }
        while let Some(sig) = self.host.take_signal() {
            self.deliver(sig)?;
        }
        Ok(())
    }

    pub(crate) fn deliver(&mut self, sig: i32) -> Result<(), Flow> {
        if sig == signal::KILL {
            return Err(Flow::Killed(sig));
        }
        match self.traps.get(&sig).cloned() {
            Some(action) if action.is_empty() => Ok(()),
            Some(action) => {
                let saved = self.status;
                self.in_trap = true;
                let r = self.eval_string(&action);
                self.in_trap = false;
                r?;
                self.status = saved;
                Ok(())
            }
            // The kernel does not deliver default-action signals to a namespace's init.
            None if self.cfg.pid1 => Ok(()),
            None => Err(Flow::Killed(sig)),
        }
    }

    /// Sleeps in simulated time (the `sleep` applet, `wait`).
    pub(crate) fn sleep_ms(&mut self, ms: u64, wake_on_signal: bool) -> Result<Option<i32>, Flow> {
        if let Some(deadline) = self.deadline_ms {
            let left = deadline.saturating_sub(self.host.now_ms()).max(0) as u64;
            if ms >= left {
                return match self.host.sleep(left, wake_on_signal) {
                    SleepOutcome::Completed => Err(Flow::Killed(crate::shell::host::signal::TERM)),
                    SleepOutcome::Signal(s) => Ok(Some(s)),
                    SleepOutcome::Killed => Err(Flow::ContainerKilled),
                };
            }
        }
        match self.host.sleep(ms, wake_on_signal) {
            SleepOutcome::Completed => Ok(None),
            SleepOutcome::Signal(s) => Ok(Some(s)),
            SleepOutcome::Killed => Err(Flow::ContainerKilled),
        }
    }
}
