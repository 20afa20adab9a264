//! Fuzz target `shell`: any bytes, as a `sh -c` script in a busybox container (with a
//! SIGTERM/SIGKILL schedule), must parse and run without panicking or hanging.

#![no_main]

use jobsim::shell::{self, ContainerSpec, Limits, Termination, Volumes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let script = String::from_utf8_lossy(data);
    let mut spec = ContainerSpec::new("busybox:1.35", &["/bin/sh", "-c", &script], &[], "fuzz-abcde", 1_795_749_459_000, 7);
    spec.limits = Limits { steps: 20_000, depth: 100, seq_numbers: 10_000, capture_bytes: 1 << 20, log_bytes: 1 << 16 };
    if data.first().is_some_and(|b| b % 2 == 0) {
        spec.termination = Some(Termination { term_at_ms: 1_795_749_464_000, kill_at_ms: 1_795_749_494_000 });
    }
    spec.mounts.push(shell::Mount { path: "/data".into(), volume: "data".into(), read_only: false });
    let mut volumes = Volumes::new();
    volumes.insert("data".into(), shell::Volume::empty_dir());
    let run = shell::run(&spec, &mut volumes);
    // The trace is well formed: log lines in time order, none after the end.
    assert!(run.logs.windows(2).all(|w| w[0].offset_ms <= w[1].offset_ms));
    if let Some(end) = run.end.offset_ms() {
        assert!(run.logs.iter().all(|l| l.offset_ms <= end));
    }
});
