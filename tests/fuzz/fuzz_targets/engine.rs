//! Fuzz target: any manifest applied to a fresh cluster and run for up to two simulated
//! hours (and a bounded number of wake-ups) must never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

use jobsim::kubectl::{Env, execute};
use jobsim::sim::Cluster;
use jobsim::sim::clock::SimTime;
use jobsim::sim::config::ClusterConfig;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let seed = data.len() as u64;
    let mut cluster = Cluster::new(ClusterConfig::default(), seed);
    let files = [("f.yaml".to_string(), text.to_string())].into();
    let env = Env { files: Some(&files), stdin: "" };
    let args: Vec<String> = ["apply", "-f", "f.yaml"].iter().map(|s| s.to_string()).collect();
    let _ = execute(&mut cluster, &env, &args);
    let limit = SimTime::from_secs(7200);
    let mut steps = 0;
    while !cluster.is_settled() && steps < 20_000 {
        match cluster.next_event_at() {
            Some(at) if at <= limit => {
                cluster.step();
            }
            _ => break,
        }
        steps += 1;
    }
    for line in ["get pods -o wide", "describe jobs", "get events", "get jobs -o yaml"] {
        let args: Vec<String> = line.split(' ').map(str::to_string).collect();
        let _ = execute(&mut cluster, &env, &args);
    }
});
