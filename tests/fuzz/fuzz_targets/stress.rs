//! Fuzz target `stress`: any `stress` command line (the kubernetes.io memory examples'
//! program) run as a container's command, under a memory limit, ends (refused, OOM-killed,
//! timed out or blocked until killed) without panicking or hanging.
#![no_main]

use jobsim::shell::{self, ContainerSpec, Volumes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else { return };
    let args: Vec<&str> = line.split_whitespace().take(64).collect();
    let mut spec = ContainerSpec::new("polinux/stress", &["stress"], &args, "fuzz", 0, 1);
    spec.limits.memory_bytes = Some(100 << 20);
    let _ = shell::run(&spec, &mut Volumes::default());
});
