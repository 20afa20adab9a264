//! Benchmark: interpreting the seed guide's Example 1 script (the 10-record loop) 100,000
//! times as busybox containers, each a full `shell::run` with its own virtual clock.

use std::time::Instant;

use jobsim::shell::{self, ContainerSpec, Volumes};

const SCRIPT: &str = r#"echo "Starting data processing job at $(date)"
echo "Processing file: input-data.txt"

# Simulate data processing work
for i in $(seq 1 10); do
  echo "Processing record $i/10"
  sleep 2
done

echo "Data processing completed successfully at $(date)"
echo "Results written to: output-results.txt"

# Exit with success
exit 0
"#;

/// CPU time this process has used (Linux `/proc/self/schedstat`, nanoseconds), so the figure
/// stays meaningful on a machine shared with other work; `None` elsewhere.
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn main() {
    let runs: u32 = std::env::var("SHELL_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let spec = ContainerSpec::new(
        "busybox:1.35",
        &["/bin/sh", "-c", SCRIPT],
        &[],
        "data-processing-job-x7k2f",
        1_795_749_459_000,
        42,
    );
    let mut volumes = Volumes::new();
    // Warm the parse cache and check the result once.
    let first = shell::run(&spec, &mut volumes);
    assert_eq!(first.logs.len(), 14);
    assert_eq!(first.end.offset_ms(), Some(20_000));
    let cpu_start = cpu_ns();
    let start = Instant::now();
    let mut lines = 0usize;
    for _ in 0..runs {
        let run = shell::run(&spec, &mut volumes);
        lines += run.logs.len();
    }
    let elapsed = start.elapsed();
    println!(
        "shell: {runs} runs of Example 1 in {:.3} s wall ({:.2} µs/run, {lines} log lines)",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / f64::from(runs)
    );
    if let (Some(a), Some(b)) = (cpu_start, cpu_ns()) {
        let cpu = (b - a) as f64 / 1e9;
        println!(
            "shell: {cpu:.3} s of CPU time ({:.2} µs/run)",
            cpu * 1e6 / f64::from(runs)
        );
    }
}
