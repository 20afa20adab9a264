//! Engine benchmark: a Job with 100,000 completions and parallelism 1,000 whose pods
//! `sleep 30`, run to completion (and 10,000 completions, to check the cost is linear).
//! Prints wall time, wake-ups and the simulated duration. `cargo bench --bench engine`.

use std::time::Instant;

/// The same allocator as the `jobsim` CLI.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use jobsim::sim::Cluster;
use jobsim::sim::clock::SimTime;
use jobsim::sim::config::ClusterConfig;

fn big_job(completions: u32) -> k8s_openapi::api::batch::v1::Job {
    let yaml = format!(
        "apiVersion: batch/v1
kind: Job
metadata:
  name: big
spec:
  completions: {completions}
  parallelism: 1000
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox:1.35
        command: ['sleep', '30']
"
    );
    match jobsim::manifest::load("big.yaml", &yaml)
        .documents
        .remove(0)
        .object
    {
        jobsim::manifest::Object::Job(job) => *job,
        other => panic!("expected a Job, got {}", other.kind()),
    }
}

fn run(completions: u32) -> f64 {
    let started = Instant::now();
    let mut config = ClusterConfig::with_workers(3);
    for node in &mut config.nodes {
        node.max_pods = 1000;
    }
    let mut cluster = Cluster::new(config, 1);
    cluster.create_job(big_job(completions)).expect("valid job");
    cluster.run_while(SimTime::from_secs(7 * 24 * 3600), Cluster::is_settled);
    let seconds = started.elapsed().as_secs_f64();
    let job = &cluster.job_records()[0];
    println!(
        "completions {completions:>6}: {seconds:.3} s wall, {} wake-ups, succeeded {}, simulated {}",
        cluster.wakeups_processed(),
        job.status.succeeded,
        cluster.now()
    );
    // Like the CLI, skip freeing 100k pods one by one: the process is about to exit.
    std::mem::forget(cluster);
    seconds
}

fn main() {
    // `ENGINE_BENCH_ONLY=100000` runs one size (for profiling).
    if let Some(n) = std::env::var("ENGINE_BENCH_ONLY")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        run(n);
        return;
    }
    let small = run(10_000);
    let big = run(100_000);
    println!("ratio 100k/10k: {:.2}", big / small);
}
