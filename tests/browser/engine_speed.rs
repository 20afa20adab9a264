//! The engine in the browser: a Job with 10,000 completions and parallelism 1,000 runs to
//! completion in wasm, and the wall time is printed (compare with `cargo bench --bench
//! engine`; run this file with `--release` for a meaningful figure). The run is repeated:
//! the first includes V8 compiling the module's hot functions with its optimizing tier
//! (it starts them in the baseline compiler), the later ones are the engine's steady speed.

use wasm_bindgen_test::*;

use jobsim::kubectl::{Env, execute};
use jobsim::sim::Cluster;
use jobsim::sim::clock::SimTime;
use jobsim::sim::config::ClusterConfig;

const BIG: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: big\nspec:\n  completions: 10000\n  parallelism: 1000\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: worker\n        image: busybox:1.35\n        command: ['sleep', '30']\n";

/// Applies the Job and runs it to the end; returns the wall time in ms.
fn run_big_job() -> f64 {
    let mut config = ClusterConfig::with_workers(3);
    for node in &mut config.nodes {
        node.max_pods = 1000;
    }
    let started = js_sys::Date::now();
    let mut cluster = Cluster::new(config, 1);
    let files = [("big.yaml".to_string(), BIG.to_string())].into();
    let args: Vec<String> = ["apply", "-f", "big.yaml"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    execute(
        &mut cluster,
        &Env {
            files: Some(&files),
            stdin: "",
        },
        &args,
    );
    cluster.run_while(SimTime::from_secs(7 * 24 * 3600), Cluster::is_settled);
    let elapsed = js_sys::Date::now() - started;
    assert_eq!(cluster.job_records()[0].status.succeeded, 10_000);
    elapsed
}

#[wasm_bindgen_test]
fn ten_thousand_pods_run_to_completion_in_wasm() {
    let runs: Vec<f64> = (0..4).map(|_| run_big_job()).collect();
    let ms: Vec<String> = runs.iter().map(|t| format!("{t:.0}")).collect();
    console_log!(
        "engine in wasm: 10,000 pods in {} ms (first run, then warm runs)",
        ms.join(" / ")
    );
}
