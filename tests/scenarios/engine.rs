//! The simulated cluster end to end: Jobs from YAML, run to the end, their status.

use jobsim::sim::Cluster;
use jobsim::sim::clock::SimTime;
use jobsim::sim::config::ClusterConfig;

fn run(yaml: &str, seed: u64) -> Cluster {
    let job = match jobsim::manifest::load("test.yaml", yaml)
        .documents
        .remove(0)
        .object
    {
        jobsim::manifest::Object::Job(job) => *job,
        other => panic!("expected a Job, got {}", other.kind()),
    };
    let mut cluster = Cluster::new(ClusterConfig::default(), seed);
    cluster.create_job(job).expect("valid job");
    cluster.run_while(SimTime::from_secs(3600), Cluster::is_settled);
    cluster
}

const SEQUENTIAL: &str = "
apiVersion: batch/v1
kind: Job
metadata:
  name: sequential-job
spec:
  completions: 4
  parallelism: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox:1.35
        command: ['sleep', '10']
";

#[test]
fn sequential_job_completes_four_pods_one_after_another() {
    let cluster = run(SEQUENTIAL, 1);
    let job = &cluster.job_records()[0];
    assert_eq!(job.status.succeeded, 4);
    assert!(job.status.is_true("Complete"));
    assert_eq!(cluster.pods().len(), 4);
    let start = job.status.start_time.unwrap();
    let end = job.status.completion_time.unwrap();
    let secs = end.since(start).as_secs();
    assert!((44..=56).contains(&secs), "sequential duration {secs}s");
}
