//! Fuzz target: any kubectl command line (flags, selectors, output formats, patches) run
//! against a cluster holding a running Job must answer, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

use jobsim::kubectl::{Env, execute};
use jobsim::sim::Cluster;
use jobsim::sim::clock::SimDuration;
use jobsim::sim::config::ClusterConfig;

const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  completions: 3\n  parallelism: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['sh', '-c', 'echo hi; sleep 5']\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut cluster = Cluster::new(ClusterConfig::default(), 1);
    let files = [("job.yaml".to_string(), JOB.to_string())].into();
    let env = Env { files: Some(&files), stdin: text };
    let apply: Vec<String> = ["apply", "-f", "job.yaml"].iter().map(|s| s.to_string()).collect();
    let _ = execute(&mut cluster, &env, &apply);
    cluster.advance_by(SimDuration::from_secs(3));
    let args: Vec<String> = text.split(|c: char| c == ' ' || c == '\n').filter(|s| !s.is_empty()).map(str::to_string).collect();
    if args.len() > 64 {
        return;
    }
    let execution = execute(&mut cluster, &env, &args);
    if let Some(mut continuation) = execution.continuation {
        for _ in 0..50 {
            cluster.advance_by(SimDuration::from_secs(1));
            if continuation.poll(&cluster).done {
                break;
            }
        }
    }
});
