//! `stress` (Amos Waterland's load generator, image `polinux/stress`), the program of the
//! kubernetes.io memory examples: `stress --vm 1 --vm-bytes 250M --vm-hang 1`. Its workers
//! allocate `--vm-bytes` each; past the container's memory limit the kernel's OOM killer
//! ends the container (`OOMKilled`, exit 137), else it runs until `--timeout`, or forever.

use super::interp::{Flow, Shell};

/// What a `stress` command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stress {
    pub cpu: u64,
    pub io: u64,
    pub vm: u64,
    pub hdd: u64,
    /// Bytes each vm worker allocates (default 256 MiB).
    pub vm_bytes: u64,
    /// `--timeout`, in seconds.
    pub timeout_secs: Option<u64>,
}

/// How long the workers take to touch their memory before the OOM killer acts (ms).
pub const ALLOCATION_MS: u64 = 200;

impl Stress {
    /// Parses `stress`'s options; `Err` holds stress's own complaint.
    pub fn parse(argv: &[String]) -> Result<Stress, String> {
        let mut stress = Stress {
            cpu: 0,
            io: 0,
            vm: 0,
            hdd: 0,
            vm_bytes: 256 << 20,
            timeout_secs: None,
        };
        let mut args = argv.iter().skip(1);
        while let Some(arg) = args.next() {
            let mut value = |what: &str| {
                args.next().cloned().ok_or_else(|| {
                    format!("stress: FAIL: [1] option '{what}' requires an argument")
                })
            };
            match arg.as_str() {
                "-c" | "--cpu" => stress.cpu = count(&value(arg)?)?,
                "-i" | "--io" => stress.io = count(&value(arg)?)?,
                "-m" | "--vm" => stress.vm = count(&value(arg)?)?,
                "-d" | "--hdd" => stress.hdd = count(&value(arg)?)?,
                "--vm-bytes" => stress.vm_bytes = size(&value(arg)?)?,
                "-t" | "--timeout" => stress.timeout_secs = Some(duration(&value(arg)?)?),
                "--vm-stride" | "--vm-hang" | "--hdd-bytes" | "--backoff" => {
                    value(arg)?;
                }
                "--vm-keep" | "-v" | "--verbose" | "-q" | "--quiet" | "-n" | "--dry-run" => {}
                other => return Err(format!("stress: FAIL: [1] unrecognized option: {other}")),
            }
        }
        Ok(stress)
    }

    /// The memory the workers hold, in bytes.
    pub fn memory(&self) -> u64 {
        self.vm.saturating_mul(self.vm_bytes)
    }

    /// The line stress prints first.
    pub fn dispatching(&self) -> String {
        format!(
            "stress: info: [1] dispatching hogs: {} cpu, {} io, {} vm, {} hdd\n",
            self.cpu, self.io, self.vm, self.hdd
        )
    }
}

impl Shell<'_> {
    /// Runs `stress`: prints what it dispatches; past the memory limit the OOM killer ends
    /// the container, else it runs until `--timeout` (or until it is killed).
    pub(crate) fn run_stress(&mut self, argv: &[String]) -> Result<i32, Flow> {
        self.alloc_pid();
        let stress = match Stress::parse(argv) {
            Ok(stress) => stress,
            Err(complaint) => {
                self.write_fd(2, format!("{complaint}\n").as_bytes());
                return Ok(1);
            }
        };
        self.write_fd(1, stress.dispatching().as_bytes());
        if let Some(limit) = self.cfg.limits.memory_bytes
            && stress.memory() > limit
        {
            self.sleep_ms(ALLOCATION_MS, false)?;
            self.notes.push(format!(
                "stress allocates {} bytes, over the container's memory limit of {limit} bytes: the OOM killer ends the container (OOMKilled)",
                stress.memory()
            ));
            self.oom_killed = true;
            return Err(Flow::Killed(crate::shell::host::signal::KILL));
        }
        let Some(secs) = stress.timeout_secs else {
            self.sleep_ms(u64::MAX, false)?;
            return Ok(0);
        };
        self.sleep_ms(secs.saturating_mul(1000), false)?;
        let done = format!("stress: info: [1] successful run completed in {secs}s\n");
        self.write_fd(1, done.as_bytes());
        Ok(0)
    }
}

fn count(text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("stress: FAIL: [1] invalid number: {text}"))
}

/// `--vm-bytes`: a number with an optional B, K, M or G suffix (powers of 1024).
fn size(text: &str) -> Result<u64, String> {
    let (digits, unit) = split_suffix(text);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("stress: FAIL: [1] invalid size: {text}"))?;
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        _ => return Err(format!("stress: FAIL: [1] invalid size suffix: {text}")),
    };
    Ok(n.saturating_mul(1 << shift))
}

/// `--timeout`: seconds, or with an s, m, h, d or y suffix.
fn duration(text: &str) -> Result<u64, String> {
    let (digits, unit) = split_suffix(text);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("stress: FAIL: [1] invalid time: {text}"))?;
    let factor = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "y" => 31_536_000,
        _ => return Err(format!("stress: FAIL: [1] invalid time suffix: {text}")),
    };
    Ok(n.saturating_mul(factor))
}

fn split_suffix(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Stress, String> {
        let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
        Stress::parse(&argv)
    }

    #[test]
    fn options_are_read_as_stress_reads_them() {
        let cases: [(&str, u64, Option<u64>); 5] = [
            ("stress --vm 1 --vm-bytes 250M --vm-hang 1", 250 << 20, None),
            ("stress --vm 1 --vm-bytes 150M --vm-hang 1", 150 << 20, None),
            ("stress -m 2 --vm-bytes 1G -t 30s", 2 << 30, Some(30)),
            ("stress --vm 1 --timeout 2m", 256 << 20, Some(120)),
            ("stress --cpu 2 --timeout 10", 0, Some(10)),
        ];
        for (line, memory, timeout) in cases {
            let stress = parse(line).unwrap();
            assert_eq!(
                (stress.memory(), stress.timeout_secs),
                (memory, timeout),
                "{line}"
            );
        }
        assert_eq!(
            parse("stress --vm 1 --vm-bytes 250M")
                .unwrap()
                .dispatching(),
            "stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n"
        );
        assert!(parse("stress --bogus").is_err());
        assert!(parse("stress --vm").is_err());
    }
}
