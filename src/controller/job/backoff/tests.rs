//! Tables ported from `pkg/controller/job/backoff_utils_test.go` (case names kept), plus
//! the back-off schedule of the reference (§4.2) with the controller's constants.

use super::*;
use crate::objects::PodPhase;
use crate::objects::pod::testing::{PodBuilder, terminated};
use crate::sim::clock::{SimDuration, SimTime};

/// `defaultTestTime` of the upstream tests, as an offset from the cluster start.
const T: SimTime = SimTime::from_secs(1_000);

fn ms_before(t: SimTime, ms: u64) -> SimTime {
    SimTime::from_millis(t.as_millis() - ms)
}

fn secs(s: u64) -> SimDuration {
    SimDuration::from_secs(s)
}

#[test]
fn new_backoff_record_table() {
    struct Case {
        name: &'static str,
        old: Option<BackoffRecord>,
        new_succeeded: Vec<SimTime>,
        new_failed: Vec<SimTime>,
        want: BackoffRecord,
    }
    let record = |failures, last| BackoffRecord {
        failures_after_last_success: failures,
        last_failure_time: last,
    };
    let cases = [
        Case {
            name: "Empty backoff store and one new failure",
            old: None,
            new_succeeded: vec![],
            new_failed: vec![T],
            want: record(1, Some(T)),
        },
        Case {
            name: "Empty backoff store and two new failures",
            old: None,
            new_succeeded: vec![],
            new_failed: vec![T, ms_before(T, 1)],
            want: record(2, Some(T)),
        },
        Case {
            name: "Empty backoff store, two failures followed by success",
            old: None,
            new_succeeded: vec![T],
            new_failed: vec![ms_before(T, 2), ms_before(T, 1)],
            want: record(0, None),
        },
        Case {
            name: "Empty backoff store, two failures, one success and two more failures",
            old: None,
            new_succeeded: vec![ms_before(T, 2)],
            new_failed: vec![T, ms_before(T, 4), ms_before(T, 3), ms_before(T, 1)],
            want: record(2, Some(T)),
        },
        Case {
            name: "Backoff store having failure count 2 and one new failure",
            old: Some(record(2, None)),
            new_succeeded: vec![],
            new_failed: vec![T],
            want: record(3, Some(T)),
        },
        Case {
            name: "Empty backoff store with success and failure at same timestamp",
            old: None,
            new_succeeded: vec![T],
            new_failed: vec![T],
            want: record(0, None),
        },
        Case {
            name: "Empty backoff store with no success/failure",
            old: None,
            new_succeeded: vec![],
            new_failed: vec![],
            want: record(0, None),
        },
        Case {
            name: "Empty backoff store with one success",
            old: None,
            new_succeeded: vec![T],
            new_failed: vec![],
            want: record(0, None),
        },
        Case {
            name: "nothing new keeps the stored record",
            old: Some(record(4, Some(T))),
            new_succeeded: vec![],
            new_failed: vec![],
            want: record(4, Some(T)),
        },
        Case {
            name: "a success resets a stored count",
            old: Some(record(4, Some(T))),
            new_succeeded: vec![T],
            new_failed: vec![],
            want: record(0, None),
        },
    ];
    for case in cases {
        let got = new_backoff_record(case.old.as_ref(), &case.new_succeeded, &case.new_failed);
        assert_eq!(got, case.want, "{}", case.name);
    }
}

#[test]
fn finished_time_table() {
    let minus_30s = SimTime::from_secs(T.as_millis() / 1000 - 30);
    let running = || ContainerState::Running {
        started_at: SimTime::ZERO,
    };
    // Where upstream uses a terminated container with a zero finishedAt to skip step 1,
    // most cases use a running one; the `ContainerStatusUnknown` case has the zero time.
    let status_unknown = || ContainerState::Terminated {
        exit_code: 137,
        reason: "ContainerStatusUnknown".to_string(),
        message: None,
        started_at: None,
        finished_at: None,
    };
    let cases: Vec<(&str, PodBuilder, SimTime)> = vec![
        (
            "Pod with multiple containers and all containers terminated",
            PodBuilder::new(0)
                .container("a", terminated(0, ms_before(T, 1_000)))
                .container("b", terminated(0, T))
                .container("c", terminated(0, ms_before(T, 2_000))),
            T,
        ),
        (
            "Pod with multiple containers; two containers in terminated state and one in running state; fallback to deletionTimestamp",
            PodBuilder::new(0)
                .container("a", terminated(0, ms_before(T, 1_000)))
                .container("b", running())
                .container("c", terminated(0, ms_before(T, 2_000)))
                .deleted(T, None),
            T,
        ),
        (
            "fallback to deletionTimestamp",
            PodBuilder::new(0)
                .container("a", running())
                .deleted(T, None),
            T,
        ),
        (
            "fallback to deletionTimestamp, decremented by grace period",
            PodBuilder::new(0)
                .container("a", running())
                .deleted(T, Some(30)),
            minus_30s,
        ),
        (
            "fallback to PodReady.LastTransitionTime when status of the condition is False",
            PodBuilder::new(0)
                .container("a", running())
                .condition("Ready", false, T),
            T,
        ),
        (
            "skip fallback to PodReady.LastTransitionTime when status of the condition is True",
            PodBuilder::new(0)
                .container("a", running())
                .condition("Ready", true, minus_30s)
                .deleted(T, None),
            T,
        ),
        (
            "a terminated container with a zero finishedAt (ContainerStatusUnknown) falls back to PodReady.LastTransitionTime",
            PodBuilder::new(0)
                .container("a", terminated(0, ms_before(T, 1_000)))
                .container("b", status_unknown())
                .condition("Ready", false, T),
            T,
        ),
        (
            "fallback to creationTimestamp",
            PodBuilder::new(0).container("a", running()).created(T),
            T,
        ),
        (
            "Pod with sidecar container and all containers terminated",
            PodBuilder::new(0)
                .sidecar("sidecar")
                .container("main", terminated(0, ms_before(T, 1_000)))
                .init_container("sidecar", terminated(0, T)),
            T,
        ),
        (
            "plain init containers are not looked at",
            PodBuilder::new(0)
                .container("main", terminated(0, ms_before(T, 1_000)))
                .init_container("setup", terminated(0, T)),
            ms_before(T, 1_000),
        ),
        (
            "a sidecar still running gives no container time",
            PodBuilder::new(0)
                .sidecar("sidecar")
                .container("main", terminated(0, ms_before(T, 1_000)))
                .init_container("sidecar", running())
                .created(minus_30s),
            minus_30s,
        ),
        (
            "as upstream, terminated sidecars give a time even while an app container runs",
            PodBuilder::new(0)
                .sidecar("sidecar")
                .container("main", running())
                .init_container("sidecar", terminated(0, minus_30s))
                .created(T),
            minus_30s,
        ),
        (
            "no containers falls through to the creation time",
            PodBuilder::new(0).phase(PodPhase::Failed).created(T),
            T,
        ),
        (
            "grace period reaching before the cluster start clamps to the start",
            PodBuilder::new(0).deleted(SimTime::from_secs(10), Some(30)),
            SimTime::ZERO,
        ),
    ];
    for (name, pod, want) in cases {
        assert_eq!(finished_time(&pod.build()), want, "{name}");
    }
}

#[test]
fn remaining_backoff_time_table() {
    let record = |failures, last| BackoffRecord {
        failures_after_last_success: failures,
        last_failure_time: last,
    };
    let cases = [
        ("no failures", record(0, None), T, 0),
        (
            "one failure; current time and failure time are same",
            record(1, Some(T)),
            T,
            5,
        ),
        (
            "one failure; current time == 1 second + failure time",
            record(1, Some(T)),
            T + secs(1),
            4,
        ),
        (
            "one failure; current time == expected backoff time",
            record(1, Some(T)),
            T + secs(5),
            0,
        ),
        (
            "one failure; current time == expected backoff time + 1 Second",
            record(1, Some(T)),
            T + secs(6),
            0,
        ),
        (
            "three failures; current time and failure time are same",
            record(3, Some(T)),
            T,
            20,
        ),
        (
            "eight failures; current time and failure time are same; backoff not exceeding maxBackoff",
            record(8, Some(T)),
            T,
            640,
        ),
        (
            "nine failures; current time and failure time are same; backoff exceeding maxBackoff",
            record(9, Some(T)),
            T,
            700,
        ),
    ];
    for (name, record, now, want_secs) in cases {
        let got = remaining_time(&record, now, secs(5), secs(700));
        assert_eq!(got, secs(want_secs), "{name}");
    }
}

#[test]
fn remaining_backoff_time_per_index_table() {
    let failed = || PodBuilder::new(0).phase(PodPhase::Failed).deleted(T, None);
    let cases = [
        ("no failures", None, 0),
        (
            "two prev failures; current time and failure time are same",
            Some(failed().index_failure_count("2")),
            20,
        ),
        (
            "one prev failure counted and one ignored; current time and failure time are same",
            Some(
                failed()
                    .index_failure_count("1")
                    .index_ignored_failure_count("1"),
            ),
            20,
        ),
    ];
    for (name, pod, want_secs) in cases {
        let pod = pod.map(PodBuilder::build);
        let got = remaining_time_per_index(T, secs(5), secs(700), pod.as_ref());
        assert_eq!(got, secs(want_secs), "{name}");
    }
}

#[test]
fn backoff_schedule_with_the_controller_constants() {
    // Reference §4.2: 10 s doubling, capped at MaxJobPodFailureBackOff (600 s).
    let want = [10, 20, 40, 80, 160, 320, 600, 600, 600];
    for (n, want_secs) in (1..).zip(want) {
        let record = BackoffRecord {
            failures_after_last_success: n,
            last_failure_time: Some(T),
        };
        let got = remaining_time(
            &record,
            T,
            DEFAULT_JOB_POD_FAILURE_BACKOFF,
            MAX_JOB_POD_FAILURE_BACKOFF,
        );
        assert_eq!(got, secs(want_secs), "{n} consecutive failures");
    }
}

#[test]
fn remaining_time_never_hangs_or_overflows() {
    let huge = BackoffRecord {
        failures_after_last_success: u32::MAX,
        last_failure_time: Some(T),
    };
    assert_eq!(
        remaining_time(&huge, T, SimDuration::ZERO, secs(600)),
        SimDuration::ZERO
    );
    assert_eq!(
        remaining_time(&huge, T, secs(10), SimDuration::from_millis(u64::MAX)),
        SimDuration::from_millis(u64::MAX)
    );
    // A failure time after `now` waits longer than the back-off, as upstream.
    let ahead = BackoffRecord {
        failures_after_last_success: 1,
        last_failure_time: Some(T + secs(3)),
    };
    assert_eq!(remaining_time(&ahead, T, secs(10), secs(600)), secs(13));
    // Counts in the annotations that overflow int32 wrap, as in Go, and do not panic.
    let pod = PodBuilder::new(0)
        .index_failure_count("2147483647")
        .index_ignored_failure_count("2147483647")
        .deleted(T, None)
        .build();
    assert_eq!(
        remaining_time_per_index(T, secs(10), secs(600), Some(&pod)),
        secs(10)
    );
}

/// `BeforeDelete` sets deletionTimestamp to the request plus the grace period, and
/// `getFinishedTime` takes the grace period back off: a running pod deleted at 5 s counts as
/// failed at 5 s, so its replacement comes 10 s later (`DefaultJobPodFailureBackOff`).
#[test]
fn a_deleted_running_pod_fails_at_the_delete_request_and_is_replaced_after_the_back_off() {
    use crate::kubectl::terminal::applied;
    use crate::sim::config::ClusterConfig;
    let (mut cluster, mut terminal) = applied(
        ClusterConfig::default(),
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: del\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['sleep', '100']\n",
    );
    cluster.run_until(SimTime::from_secs(5));
    let first = cluster.pods()[0].meta.name.clone();
    terminal.run_line(
        &mut cluster,
        &format!("kubectl delete pod {first} --wait=false"),
    );
    let deleted = &cluster.pods()[0].meta;
    assert_eq!(deleted.deletion, Some(SimTime::from_secs(35)));
    assert_eq!(deleted.deletion_requested(), Some(SimTime::from_secs(5)));
    cluster.run_until(SimTime::from_secs(60));
    let replacement = cluster.pods().get(1).map(|p| p.meta.creation);
    assert_eq!(replacement, Some(SimTime::from_secs(15)));
}
