//! Properties of every run: checked after every step of randomly shaped Jobs.

use proptest::prelude::*;

use super::harness::{Harness, job};
use jobsim::objects::PodPhase;
use jobsim::sim::Cluster;
use jobsim::sim::clock::SimTime;

/// A Job whose pods fail with probability 1/`odds` (by `$RANDOM`) after a short sleep.
fn random_job(
    completions: u32,
    parallelism: u32,
    backoff_limit: u32,
    on_failure: bool,
    odds: u32,
) -> String {
    let spec = format!(
        "completions: {completions}\nparallelism: {parallelism}\nbackoffLimit: {backoff_limit}"
    );
    let script =
        format!("sleep $((RANDOM % 5))\nif [ $((RANDOM % {odds})) -eq 0 ]; then exit 1; fi");
    job(
        "prop",
        &spec,
        if on_failure { "OnFailure" } else { "Never" },
        &script,
    )
}

fn history(cluster: &Cluster) -> String {
    cluster
        .events()
        .iter()
        .map(|e| {
            format!(
                "{:?} {:?} {} {} {}\n",
                e.first,
                e.involved,
                e.reason,
                e.message(cluster),
                e.count
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn runs_keep_the_job_invariants(
        completions in 1u32..6,
        parallelism in 1u32..4,
        backoff_limit in 0u32..4,
        on_failure: bool,
        odds in 2u32..5,
        seed in 0u64..1000,
    ) {
        let mut h = Harness::apply(&random_job(completions, parallelism, backoff_limit, on_failure, odds), seed);
        let mut steps = 0;
        while let Some(at) = h.cluster.next_event_at() {
            prop_assert!(at <= SimTime::from_secs(4 * 3600), "runs end within hours");
            h.cluster.step();
            steps += 1;
            prop_assert!(steps < 200_000, "bounded work");
            let active = h.cluster.pods().iter().filter(|p| p.is_active()).count() as u32;
            prop_assert!(active <= parallelism, "never more active pods than parallelism");
            let status = &h.job().status;
            prop_assert!(status.succeeded <= completions as i32, "succeeded ≤ completions");
            prop_assert!(status.ready <= status.active.max(0), "ready ≤ active");
            if h.cluster.is_settled() { break; }
        }
        let status = h.job().status.clone();
        prop_assert!(status.is_finished(), "every run finishes");
        prop_assert_eq!(status.active, 0);
        let succeeded = h.cluster.pods().iter().filter(|p| p.status.phase == PodPhase::Succeeded).count() as i32;
        // A pod still running when the Job fails is counted failed even if it then exits 0.
        prop_assert!(status.succeeded <= succeeded, "succeeded pods are never over-counted");
        let pods = h.cluster.pods().len() as i32;
        prop_assert_eq!(status.succeeded + status.failed, pods, "every pod is counted exactly once");
        if status.is_true("Complete") {
            prop_assert_eq!(status.succeeded, completions as i32);
        }
    }

    #[test]
    fn same_seed_same_history(seed in 0u64..10_000) {
        let yaml = random_job(3, 2, 2, false, 2);
        let mut a = Harness::apply(&yaml, seed);
        let mut b = Harness::apply(&yaml, seed);
        a.settle();
        b.settle();
        prop_assert_eq!(history(&a.cluster), history(&b.cluster));
    }
}

#[test]
fn different_seeds_give_different_random_numbers() {
    let yaml = job("dice", "completions: 1", "Never", "echo $RANDOM");
    let outputs: std::collections::BTreeSet<String> = (0..8)
        .map(|seed| {
            let mut h = Harness::apply(&yaml, seed);
            h.settle();
            let pod = h.cluster.pods()[0].id;
            h.cluster.container_attempts(pod, "main")[0]
                .process
                .log_text()
        })
        .collect();
    assert!(outputs.len() >= 7, "{outputs:?}");
}
