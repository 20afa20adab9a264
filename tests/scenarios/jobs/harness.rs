//! A test cluster driven the way the shells drive it: apply with kubectl, step until settled
//! (bounded, never hanging), read through kubectl and the object model.

use std::collections::BTreeMap;

use jobsim::kubectl::{self, Env};
use jobsim::objects::JobRecord;
use jobsim::sim::Cluster;
use jobsim::sim::clock::SimDuration;
use jobsim::sim::config::ClusterConfig;

pub struct Harness {
    pub cluster: Cluster,
}

impl Harness {
    /// A default cluster (3 workers) with `seed`, and `yaml` applied as `job.yaml`.
    pub fn apply(yaml: &str, seed: u64) -> Harness {
        let mut harness = Harness {
            cluster: Cluster::new(ClusterConfig::default(), seed),
        };
        let out = harness.kubectl_with("apply -f job.yaml", yaml);
        assert_eq!(out.1, "", "apply failed: {}", out.0);
        harness
    }

    /// Runs `kubectl LINE` (split on spaces; no quoting) and returns (stdout+stderr, stderr).
    pub fn kubectl(&mut self, line: &str) -> String {
        self.kubectl_with(line, "").0
    }

    fn kubectl_with(&mut self, line: &str, file: &str) -> (String, String) {
        let files: BTreeMap<String, String> = [("job.yaml".to_string(), file.to_string())].into();
        let args: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let out = kubectl::execute(
            &mut self.cluster,
            &Env {
                files: Some(&files),
                stdin: "",
            },
            &args,
        )
        .output;
        (out.merged(), out.stderr)
    }

    /// Steps until everything settled or `limit` of simulated time passed (bounded).
    pub fn run_for(&mut self, limit: SimDuration) -> &mut Self {
        let until = self.cluster.now() + limit;
        self.cluster.run_while(until, Cluster::is_settled);
        self
    }

    /// Runs until settled (at most 2 hours).
    pub fn settle(&mut self) -> &mut Self {
        self.run_for(SimDuration::from_secs(7200))
    }

    pub fn job(&self) -> &JobRecord {
        &self.cluster.job_records()[0]
    }

    /// The reasons of the Job's conditions, in order, as `Type/Reason`.
    pub fn conditions(&self) -> Vec<String> {
        self.job()
            .status
            .conditions
            .iter()
            .map(|c| format!("{}/{}", c.type_, c.reason))
            .collect()
    }

    /// Event reasons (with the object kind) in time order.
    pub fn event_reasons(&self) -> Vec<String> {
        let mut events: Vec<_> = self.cluster.events().iter().collect();
        events.sort_by_key(|e| (e.first, e.serial));
        events.iter().map(|e| e.reason.to_string()).collect()
    }

    /// When each pod was created, in seconds since the start.
    pub fn creations(&self) -> Vec<u64> {
        self.cluster
            .pods()
            .iter()
            .map(|p| p.meta.creation.as_millis() / 1000)
            .collect()
    }
}

/// A minimal Job manifest with `spec` lines (indented two spaces under `spec:`) and a
/// container running `script` with `restartPolicy`.
pub fn job(name: &str, spec: &str, restart_policy: &str, script: &str) -> String {
    let spec: String = spec.lines().map(|l| format!("  {l}\n")).collect();
    let script: String = script.lines().map(|l| format!("          {l}\n")).collect();
    format!(
        "apiVersion: batch/v1
kind: Job
metadata:
  name: {name}
spec:
{spec}  template:
    spec:
      restartPolicy: {restart_policy}
      containers:
      - name: main
        image: busybox:1.35
        command:
        - /bin/sh
        - -c
        - |
{script}"
    )
}
