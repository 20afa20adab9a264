//! Time travel must be invisible: a run cut into slices, rewound and replayed, ends exactly
//! where an uninterrupted run does.

use super::*;
use proptest::prelude::*;

const SEQUENTIAL: &str = include_str!("../../../static/examples/sequential-job.yaml");
const FAILING: &str = include_str!("../../../static/examples/failing-job-demo.yaml");

/// Everything a user can see of a cluster, as text.
fn fingerprint(cluster: &Cluster) -> String {
    let mut cluster = cluster.clone();
    let mut text = format!("now {}\n", cluster.now());
    for line in ["get jobs,pods -o yaml", "get events"] {
        let args: Vec<String> = line.split(' ').map(String::from).collect();
        let out = kubectl::execute(&mut cluster, &Env::default(), &args).output;
        text.push_str(&out.stdout);
        text.push_str(&out.stderr);
    }
    text
}

fn session_with(inputs: &[(u64, &str, &str)], seed: u64) -> Session {
    let mut session = Session::new(ClusterConfig::default(), seed);
    session.snapshot_work = 5;
    for (at, name, text) in inputs {
        assert_eq!(
            session.advance(SimTime::from_millis(*at), u64::MAX),
            Progress::Reached
        );
        session.apply(name, text);
    }
    session
}

#[test]
fn apply_records_the_input_at_the_current_instant() {
    let session = session_with(&[(0, "seq.yaml", SEQUENTIAL), (2500, "f.yaml", FAILING)], 1);
    let times: Vec<u64> = session.inputs().iter().map(|r| r.at.as_millis()).collect();
    assert_eq!(times, [0, 2500]);
    assert_eq!(session.cluster().job_records().len(), 2);
}

#[test]
fn a_budget_of_zero_does_no_work_and_says_so() {
    let mut session = session_with(&[(0, "seq.yaml", SEQUENTIAL)], 1);
    let before = session.cluster().wakeups_processed();
    assert_eq!(
        session.advance(SimTime::from_secs(60), 0),
        Progress::Pending
    );
    assert_eq!(session.cluster().wakeups_processed(), before);
    assert_eq!(session.now(), SimTime::ZERO);
}

#[test]
fn step_moves_to_exactly_the_next_event() {
    let mut session = session_with(&[(0, "seq.yaml", SEQUENTIAL)], 1);
    let next = session
        .next_event_at()
        .expect("the new job has work scheduled");
    assert_eq!(session.step(), Some(next));
    assert_eq!(session.now(), next);
}

#[test]
fn rewind_and_replay_reproduce_the_earlier_moment() {
    let mut session = session_with(&[(0, "seq.yaml", SEQUENTIAL), (3000, "f.yaml", FAILING)], 4);
    session.advance(SimTime::from_secs(20), u64::MAX);
    let at_20 = fingerprint(session.cluster());
    session.advance_to_end(SimTime::from_secs(20), u64::MAX);
    assert!(session.is_settled());
    let end = session.now();
    session.rewind(SimTime::from_secs(20));
    assert!(session.now() <= SimTime::from_secs(20));
    session.advance(SimTime::from_secs(20), u64::MAX);
    assert_eq!(fingerprint(session.cluster()), at_20);
    assert_eq!(session.horizon(), end, "going back keeps the horizon");
}

#[test]
fn applying_after_a_rewind_branches_the_run() {
    let mut session = session_with(&[(0, "seq.yaml", SEQUENTIAL), (5000, "f.yaml", FAILING)], 2);
    session.advance(SimTime::from_secs(30), u64::MAX);
    session.rewind(SimTime::from_secs(2));
    session.advance(SimTime::from_secs(2), u64::MAX);
    session.apply("f.yaml", FAILING);
    let times: Vec<u64> = session.inputs().iter().map(|r| r.at.as_millis()).collect();
    assert_eq!(times, [0, 2000], "the later apply is dropped");
    assert_eq!(session.horizon(), SimTime::from_secs(2));
}

#[test]
fn reseed_replays_the_inputs_with_the_new_seed() {
    let mut session = session_with(&[(0, "f.yaml", FAILING)], 1);
    session.advance(SimTime::from_secs(40), u64::MAX);
    let target = session.reseed(99);
    assert_eq!(target, SimTime::from_secs(40));
    assert_eq!((session.seed(), session.now()), (99, SimTime::ZERO));
    session.advance(target, u64::MAX);
    let mut fresh = session_with(&[(0, "f.yaml", FAILING)], 99);
    fresh.advance(target, u64::MAX);
    assert_eq!(fingerprint(session.cluster()), fingerprint(fresh.cluster()));
}

#[test]
fn reset_forgets_the_inputs() {
    let mut session = session_with(&[(0, "f.yaml", FAILING)], 5);
    session.advance(SimTime::from_secs(10), u64::MAX);
    session.reset();
    assert_eq!((session.now(), session.inputs().len()), (SimTime::ZERO, 0));
    assert_eq!(session.seed(), 5);
    assert!(session.cluster().job_records().is_empty());
}

#[test]
fn snapshots_stay_bounded_on_long_runs() {
    let mut session = session_with(&[(0, "seq.yaml", SEQUENTIAL)], 1);
    session.snapshot_work = 1;
    session.advance(SimTime::from_secs(6 * 3600), u64::MAX);
    assert!(
        session.snapshots.len() <= MAX_SNAPSHOTS,
        "{}",
        session.snapshots.len()
    );
    let spacing: Vec<u64> = session
        .snapshots
        .windows(2)
        .map(|w| w[1].cluster.wakeups_processed() - w[0].cluster.wakeups_processed())
        .collect();
    assert!(spacing.iter().any(|s| *s > 1), "thinned: {spacing:?}");
    session.rewind(SimTime::from_secs(40));
    assert!(session.now() <= SimTime::from_secs(40));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// However the run is sliced (small budgets, odd targets, rewinds), the end is the same.
    #[test]
    fn slicing_and_rewinding_never_change_the_history(
        seed in 0u64..1000,
        budgets in proptest::collection::vec(1u64..50, 1..12),
        rewind_to in 0u64..40_000,
    ) {
        let inputs = [(0, "seq.yaml", SEQUENTIAL), (1500, "f.yaml", FAILING)];
        let goal = SimTime::from_secs(45);
        let mut straight = session_with(&inputs, seed);
        straight.advance(goal, u64::MAX);

        let mut sliced = session_with(&inputs, seed);
        let mut target = SimTime::ZERO;
        for budget in budgets {
            target = target + SimDuration::from_millis(budget * 700);
            let _ = sliced.advance(target.min(goal), budget);
        }
        sliced.rewind(SimTime::from_millis(rewind_to).min(sliced.now()));
        while sliced.advance(goal, 7) == Progress::Pending {}
        prop_assert_eq!(fingerprint(sliced.cluster()), fingerprint(straight.cluster()));

        // Once the whole run is recorded, going back restores a snapshot taken mid-run.
        prop_assert!(sliced.snapshots.len() > 2, "{} snapshots", sliced.snapshots.len());
        sliced.rewind(SimTime::from_millis(rewind_to));
        while sliced.advance(goal, 7) == Progress::Pending {}
        prop_assert_eq!(fingerprint(sliced.cluster()), fingerprint(straight.cluster()));
    }
}
