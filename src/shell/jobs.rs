//! The builtins about signals and background jobs: `trap`, `wait`, `kill` (busybox
//! `shell/ash.c` `trapcmd`, `waitcmd`, and the shared `kill` applet code).

use std::rc::Rc;

use crate::shell::host::signal;
use crate::shell::interp::{Flow, Res, Shell};

impl Shell<'_> {
    pub(crate) fn trap_builtin(&mut self, args: &[String]) -> Res {
        if args.is_empty() {
            let mut out = String::new();
            for (sig, action) in &self.traps {
                let name = if *sig == 0 {
                    "EXIT".to_owned()
                } else {
                    signal::NAMES
                        .iter()
                        .find(|(n, _)| n == sig)
                        .map_or(sig.to_string(), |(_, n)| (*n).to_owned())
                };
                out.push_str(&format!(
                    "trap -- '{}' {name}\n",
                    action.replace('\'', "'\"'\"'")
                ));
            }
            self.write_fd(1, out.as_bytes());
            return Ok(0);
        }
        let (action, sigs): (Option<&str>, &[String]) =
            if args.len() > 1 && args[0].parse::<i32>().is_err() {
                (Some(&args[0]), &args[1..])
            } else {
                (None, args)
            };
        let action = action.filter(|a| *a != "-");
        let mut status = 0;
        for s in sigs {
            let Some(sig) = signal::parse(s) else {
                self.shell_error(Some("trap"), &format!("{s}: invalid signal specification"));
                status = 1;
                continue;
            };
            match action {
                Some(a) => {
                    self.traps.insert(sig, Rc::from(a));
                }
                None => {
                    self.traps.remove(&sig);
                }
            }
            // Only PID 1's own traps decide how the container takes the kubelet's signals.
            if self.cfg.pid1 && self.pid == 1 {
                self.host.trap_changed(sig, action);
            }
        }
        Ok(status)
    }

    pub(crate) fn wait_builtin(&mut self, args: &[String]) -> Res {
        let wanted: Vec<u32> = args.iter().filter_map(|a| a.parse().ok()).collect();
        let mut status = 0;
        let jobs = std::mem::take(&mut self.jobs);
        let mut remaining = Vec::new();
        for job in jobs {
            if !wanted.is_empty() && !wanted.contains(&job.pid) {
                remaining.push(job);
                continue;
            }
            let now = self.host.now_ms();
            if job.end_ms > now {
                let trapped = self.traps.iter().any(|(s, a)| *s != 0 && !a.is_empty());
                if let Some(sig) =
                    self.sleep_ms(job.end_ms.saturating_sub(now).unsigned_abs(), trapped)?
                {
                    // A trapped signal interrupts `wait` (status 128 + signal), then the trap runs.
                    remaining.push(job);
                    self.jobs = remaining;
                    self.status = 128 + sig;
                    self.deliver_now(sig)?;
                    return Ok(128 + sig);
                }
            }
            status = job.status;
        }
        self.jobs = remaining;
        if !wanted.is_empty() && status == 0 && args.iter().any(|a| a.parse::<u32>().is_err()) {
            return Ok(127);
        }
        Ok(status)
    }

    fn deliver_now(&mut self, sig: i32) -> Result<(), Flow> {
        if let Some(action) = self.traps.get(&sig).cloned()
            && !action.is_empty()
        {
            let saved = self.status;
            self.eval_string(&action)?;
            self.status = saved;
        }
        Ok(())
    }

    pub(crate) fn kill_builtin(&mut self, args: &[String]) -> Res {
        let mut sig = signal::TERM;
        let mut rest = args;
        if let Some(first) = args.first() {
            if first == "-l" {
                let names: Vec<&str> = signal::NAMES.iter().map(|(_, n)| *n).collect();
                let line = format!("{}\n", names.join(" "));
                self.write_fd(1, line.as_bytes());
                return Ok(0);
            }
            if first == "-s" {
                sig = args
                    .get(1)
                    .and_then(|s| signal::parse(s))
                    .unwrap_or(signal::TERM);
                rest = args.get(2..).unwrap_or_default();
            } else if let Some(spec) = first.strip_prefix('-') {
                match signal::parse(spec) {
                    Some(s) => sig = s,
                    None => {
                        self.shell_error(Some("kill"), &format!("bad signal name '{spec}'"));
                        return Ok(1);
                    }
                }
                rest = &args[1..];
            }
        }
        let mut status = 0;
        for target in rest {
            let Ok(pid) = target.parse::<u32>() else {
                self.shell_error(Some("kill"), &format!("invalid number '{target}'"));
                status = 1;
                continue;
            };
            if pid == self.shell_pid || pid == self.pid {
                // Signals to ourselves. PID 1 only receives signals it has a handler for.
                match self.traps.get(&sig).cloned() {
                    Some(a) if a.is_empty() => {}
                    Some(_) if sig != signal::KILL => self.deliver_now(sig)?,
                    // The kernel drops default-action signals sent to a namespace's init.
                    _ if self.cfg.pid1 => {}
                    _ => return Err(Flow::Killed(sig)),
                }
                continue;
            }
            let now = self.host.now_ms();
            if let Some(job) = self.jobs.iter_mut().find(|j| j.pid == pid) {
                if job.end_ms > now {
                    job.end_ms = now;
                    job.status = 128 + sig;
                }
                continue;
            }
            self.shell_error(
                Some("kill"),
                &format!("can't kill pid {pid}: No such process"),
            );
            status = 1;
        }
        Ok(status)
    }
}
