//! Tables ported from `pkg/controller/job/indexed_job_utils_test.go` (case names kept),
//! plus the `completedIndexes` format of the reference (§5.1), the `ActivePods` order and
//! property tests of the interval lists.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::batch::v1::{
    JobSpec, PodFailurePolicy, PodFailurePolicyOnExitCodesRequirement,
    PodFailurePolicyOnPodConditionsPattern, PodFailurePolicyRule,
};
use proptest::prelude::*;

use super::*;
use crate::objects::pod::testing::{PodBuilder, terminated};
use crate::objects::{Pod, PodId, PodPhase};
use crate::sim::clock::SimTime;

const NO_INDEX: &str = "-";

/// An interval list as `(first, last)` pairs.
type Ivs = &'static [(i32, i32)];

fn iv(first: i32, last: i32) -> Interval {
    Interval { first, last }
}

fn ivs(list: &[(i32, i32)]) -> OrderedIntervals {
    OrderedIntervals::from_intervals(list.iter().map(|&(f, l)| iv(f, l)).collect())
}

/// `hollowPodsWithIndexPhase`: pods with just an index annotation (unless `-`) and a phase.
fn hollow_pods(descs: &[(&str, PodPhase)]) -> Vec<Pod> {
    descs
        .iter()
        .enumerate()
        .map(|(n, &(index, phase))| {
            let b = PodBuilder::new(n as u32).phase(phase);
            if index == NO_INDEX { b } else { b.index(index) }.build()
        })
        .collect()
}

/// `toIndexPhases`.
fn index_phases(pods: &[&Pod]) -> Vec<(String, PodPhase)> {
    pods.iter()
        .map(|p| {
            let index = p
                .meta
                .annotations
                .get(JOB_COMPLETION_INDEX_ANNOTATION)
                .cloned()
                .unwrap_or_else(|| NO_INDEX.to_string());
            (index, p.status.phase)
        })
        .collect()
}

fn owned(descs: &[(&str, PodPhase)]) -> Vec<(String, PodPhase)> {
    descs.iter().map(|&(i, p)| (i.to_string(), p)).collect()
}

fn refs(pods: &[Pod]) -> Vec<&Pod> {
    pods.iter().collect()
}

fn spec(completions: i32, backoff_limit_per_index: Option<i32>) -> JobSpec {
    JobSpec {
        completions: Some(completions),
        backoff_limit_per_index,
        completion_mode: Some("Indexed".to_string()),
        ..JobSpec::default()
    }
}

use PodPhase::{Failed, Pending, Running, Succeeded};

#[test]
fn calculate_succeeded_indexes_table() {
    struct Case {
        name: &'static str,
        prev_succeeded: &'static str,
        pods: &'static [(&'static str, PodPhase)],
        completions: i32,
        want_status_intervals: &'static [(i32, i32)],
        want_intervals: &'static [(i32, i32)],
    }
    let cases = [
        Case {
            name: "one index",
            prev_succeeded: "",
            pods: &[("1", Succeeded)],
            completions: 2,
            want_status_intervals: &[],
            want_intervals: &[(1, 1)],
        },
        Case {
            name: "two separate",
            prev_succeeded: "",
            pods: &[
                ("2", Failed),
                ("5", Succeeded),
                ("5", Succeeded),
                ("10", Failed),
                ("10", Succeeded),
            ],
            completions: 11,
            want_status_intervals: &[],
            want_intervals: &[(5, 5), (10, 10)],
        },
        Case {
            name: "two intervals",
            prev_succeeded: "",
            pods: &[
                ("0", Running),
                ("1", Pending),
                ("2", Succeeded),
                ("3", Succeeded),
                ("5", Succeeded),
                ("6", Succeeded),
                ("7", Succeeded),
            ],
            completions: 8,
            want_status_intervals: &[],
            want_intervals: &[(2, 3), (5, 7)],
        },
        Case {
            name: "one index and one interval",
            prev_succeeded: "",
            pods: &[
                ("0", Succeeded),
                ("1", Failed),
                ("2", Succeeded),
                ("3", Succeeded),
                ("4", Succeeded),
                ("5", Succeeded),
                (NO_INDEX, Succeeded),
                ("-2", Succeeded),
            ],
            completions: 6,
            want_status_intervals: &[],
            want_intervals: &[(0, 0), (2, 5)],
        },
        Case {
            name: "out of range",
            prev_succeeded: "",
            pods: &[
                ("0", Succeeded),
                ("1", Succeeded),
                ("2", Succeeded),
                ("3", Failed),
                ("4", Succeeded),
                ("5", Succeeded),
                (NO_INDEX, Succeeded),
                ("-2", Succeeded),
            ],
            completions: 5,
            want_status_intervals: &[],
            want_intervals: &[(0, 2), (4, 4)],
        },
        Case {
            name: "prev interval out of range",
            prev_succeeded: "0-5,8-10",
            pods: &[],
            completions: 8,
            want_status_intervals: &[(0, 5)],
            want_intervals: &[(0, 5)],
        },
        Case {
            name: "prev interval partially out of range",
            prev_succeeded: "0-5,8-10",
            pods: &[],
            completions: 10,
            want_status_intervals: &[(0, 5), (8, 9)],
            want_intervals: &[(0, 5), (8, 9)],
        },
        Case {
            name: "prev and new separate",
            prev_succeeded: "0,4,5,10-12",
            pods: &[("2", Succeeded), ("7", Succeeded), ("8", Succeeded)],
            completions: 13,
            want_status_intervals: &[(0, 0), (4, 5), (10, 12)],
            want_intervals: &[(0, 0), (2, 2), (4, 5), (7, 8), (10, 12)],
        },
        Case {
            name: "prev between new",
            prev_succeeded: "3,4,6",
            pods: &[("2", Succeeded), ("7", Succeeded), ("8", Succeeded)],
            completions: 9,
            want_status_intervals: &[(3, 4), (6, 6)],
            want_intervals: &[(2, 4), (6, 8)],
        },
        Case {
            name: "new between prev",
            prev_succeeded: "2,7,8",
            pods: &[("3", Succeeded), ("4", Succeeded), ("6", Succeeded)],
            completions: 9,
            want_status_intervals: &[(2, 2), (7, 8)],
            want_intervals: &[(2, 4), (6, 8)],
        },
        Case {
            name: "new within prev",
            prev_succeeded: "2-7",
            pods: &[
                ("0", Succeeded),
                ("3", Succeeded),
                ("5", Succeeded),
                ("9", Succeeded),
            ],
            completions: 10,
            want_status_intervals: &[(2, 7)],
            want_intervals: &[(0, 0), (2, 7), (9, 9)],
        },
        Case {
            name: "corrupted interval",
            prev_succeeded: "0,1-foo,bar",
            pods: &[("3", Succeeded)],
            completions: 4,
            want_status_intervals: &[(0, 0)],
            want_intervals: &[(0, 0), (3, 3)],
        },
    ];
    for case in cases {
        let pods: Vec<Pod> = hollow_pods(case.pods)
            .into_iter()
            .map(|mut p| {
                p.meta.finalizers.push(JOB_TRACKING_FINALIZER.to_string());
                p
            })
            .collect();
        let (status, all) =
            calculate_succeeded_indexes(case.prev_succeeded, case.completions, &refs(&pods));
        assert_eq!(status, ivs(case.want_status_intervals), "{}", case.name);
        assert_eq!(all, ivs(case.want_intervals), "{}", case.name);
    }
}

#[test]
fn calculate_succeeded_indexes_skips_pods_already_counted() {
    // A succeeded pod without the tracking finalizer is in completedIndexes already.
    let pod = PodBuilder::new(0).index("1").phase(Succeeded).build();
    let (_, all) = calculate_succeeded_indexes("", 3, &[&pod]);
    assert!(all.is_empty());
}

fn fail_index_on_exit_code_3() -> PodFailurePolicy {
    PodFailurePolicy {
        rules: vec![PodFailurePolicyRule {
            action: "FailIndex".to_string(),
            on_exit_codes: Some(PodFailurePolicyOnExitCodesRequirement {
                container_name: None,
                operator: "In".to_string(),
                values: vec![3],
            }),
            on_pod_conditions: None,
        }],
    }
}

fn ignore_disruption() -> PodFailurePolicy {
    PodFailurePolicy {
        rules: vec![PodFailurePolicyRule {
            action: "Ignore".to_string(),
            on_exit_codes: None,
            on_pod_conditions: Some(vec![PodFailurePolicyOnPodConditionsPattern {
                type_: "DisruptionTarget".to_string(),
                status: Some("True".to_string()),
            }]),
        }],
    }
}

#[test]
fn is_index_failed_table() {
    let cases = [
        (
            "failed pod exceeding backoffLimitPerIndex, when backoffLimitPerIndex=0",
            spec(2, Some(0)),
            PodBuilder::new(0)
                .index_failure_count("0")
                .phase(Failed)
                .index("0"),
        ),
        (
            "failed pod exceeding backoffLimitPerIndex, when backoffLimitPerIndex=1",
            spec(2, Some(1)),
            PodBuilder::new(0)
                .index_failure_count("1")
                .phase(Failed)
                .index("1"),
        ),
        (
            "matching FailIndex pod failure policy",
            JobSpec {
                pod_failure_policy: Some(fail_index_on_exit_code_3()),
                ..spec(2, Some(1))
            },
            PodBuilder::new(0)
                .index_failure_count("0")
                .phase(Failed)
                .container("main", terminated(3, SimTime::ZERO))
                .index("0"),
        ),
    ];
    for (name, spec, pod) in cases {
        let pod = pod.tracking_finalizer().build();
        assert!(is_index_failed(&spec, &pod), "{name}");
    }
    // The counterparts: one failure short of the limit, and an ignored failure.
    let pod = PodBuilder::new(0)
        .index_failure_count("0")
        .phase(Failed)
        .index("0")
        .build();
    assert!(!is_index_failed(&spec(2, Some(1)), &pod));
    let ignored = PodBuilder::new(0)
        .index_failure_count("5")
        .phase(Failed)
        .condition("DisruptionTarget", true, SimTime::ZERO)
        .build();
    let ignoring = JobSpec {
        pod_failure_policy: Some(ignore_disruption()),
        ..spec(2, Some(1))
    };
    assert!(!is_index_failed(&ignoring, &ignored));
}

#[test]
fn calculate_failed_indexes_table() {
    let cases = [
        (
            "one new index failed",
            spec(2, Some(1)),
            None,
            vec![
                PodBuilder::new(0)
                    .index_failure_count("0")
                    .phase(Failed)
                    .index("0")
                    .tracking_finalizer(),
                PodBuilder::new(1)
                    .index_failure_count("1")
                    .phase(Failed)
                    .index("1")
                    .tracking_finalizer(),
            ],
            vec![(1, 1)],
        ),
        (
            "pod without finalizer is ignored",
            spec(2, Some(0)),
            None,
            vec![
                PodBuilder::new(0)
                    .index_failure_count("0")
                    .phase(Failed)
                    .index("0"),
            ],
            vec![],
        ),
        (
            "pod outside completions is ignored",
            spec(2, Some(0)),
            None,
            vec![
                PodBuilder::new(0)
                    .index_failure_count("0")
                    .phase(Failed)
                    .index("3"),
            ],
            vec![],
        ),
        (
            "extend the failed indexes",
            spec(2, Some(0)),
            Some("0"),
            vec![
                PodBuilder::new(0)
                    .index_failure_count("0")
                    .phase(Failed)
                    .index("1")
                    .tracking_finalizer(),
            ],
            vec![(0, 1)],
        ),
        (
            "prev failed indexes empty",
            spec(2, Some(0)),
            Some(""),
            vec![
                PodBuilder::new(0)
                    .index_failure_count("0")
                    .phase(Failed)
                    .index("1")
                    .tracking_finalizer(),
            ],
            vec![(1, 1)],
        ),
        (
            "prev failed indexes outside the completions",
            spec(2, Some(0)),
            Some("9"),
            vec![
                PodBuilder::new(0)
                    .index_failure_count("0")
                    .phase(Failed)
                    .index("1")
                    .tracking_finalizer(),
            ],
            vec![(1, 1)],
        ),
    ];
    for (name, spec, prev, pods, want) in cases {
        let pods: Vec<Pod> = pods.into_iter().map(PodBuilder::build).collect();
        let got = calculate_failed_indexes(&spec, prev, &refs(&pods));
        assert_eq!(got, ivs(&want), "{name}");
    }
}

#[test]
fn get_pods_with_delayed_deletion_per_index_table() {
    let now = SimTime::from_secs(100);
    let failed = |id: u32, count: &str, index: &str| {
        PodBuilder::new(id)
            .index_failure_count(count)
            .phase(Failed)
            .index(index)
    };
    type Case = (&'static str, JobSpec, Vec<PodBuilder>, Vec<u32>, Vec<u32>);
    let cases: Vec<Case> = vec![
        (
            "failed pods are kept corresponding to non-failed indexes are kept",
            spec(3, Some(1)),
            vec![
                failed(0, "0", "0").tracking_finalizer(),
                failed(1, "1", "1").tracking_finalizer(),
                failed(2, "0", "2").tracking_finalizer(),
            ],
            vec![],
            vec![0, 2],
        ),
        (
            "failed pod without finalizer; the pod's deletion is not delayed as it already started",
            spec(2, Some(0)),
            vec![failed(0, "0", "0")],
            vec![],
            vec![],
        ),
        (
            "failed pod with expected finalizer removal; the pod's deletion is not delayed as it already started",
            spec(2, Some(0)),
            vec![failed(0, "0", "0").tracking_finalizer()],
            vec![0],
            vec![],
        ),
        (
            "failed pod with index outside of completions; the pod's deletion is not delayed",
            spec(2, Some(0)),
            vec![failed(0, "0", "4").tracking_finalizer()],
            vec![],
            vec![],
        ),
        (
            "failed pod for active index; the pod's deletion is not delayed as it is already replaced",
            spec(2, Some(1)),
            vec![
                failed(0, "0", "0").tracking_finalizer(),
                failed(1, "1", "0").phase(Running).tracking_finalizer(),
            ],
            vec![],
            vec![],
        ),
        (
            "failed pod for succeeded index; the pod's deletion is not delayed as it is already replaced",
            spec(2, Some(1)),
            vec![
                failed(0, "0", "0").tracking_finalizer(),
                failed(1, "1", "0").phase(Succeeded).tracking_finalizer(),
            ],
            vec![],
            vec![],
        ),
        (
            "multiple failed pods for index with different failure count; only the pod with highest failure count is kept",
            spec(2, Some(4)),
            vec![
                failed(1, "0", "0").tracking_finalizer(),
                failed(3, "2", "0").tracking_finalizer(),
                failed(2, "1", "0").tracking_finalizer(),
            ],
            vec![],
            vec![3],
        ),
        (
            "multiple failed pods for index with different finish times; only the last failed pod is kept",
            spec(2, Some(4)),
            vec![
                failed(1, "1", "0")
                    .deleted(SimTime::from_secs(99), None)
                    .tracking_finalizer(),
                failed(3, "1", "0").deleted(now, None).tracking_finalizer(),
                failed(2, "1", "0")
                    .deleted(SimTime::from_secs(98), None)
                    .tracking_finalizer(),
            ],
            vec![],
            vec![3],
        ),
    ];
    for (name, spec, pods, expected_rm, want) in cases {
        let pods: Vec<Pod> = pods.into_iter().map(PodBuilder::build).collect();
        let pods = refs(&pods);
        let failed_indexes = calculate_failed_indexes(&spec, None, &pods);
        let (_, succeeded) = calculate_succeeded_indexes("", spec.completions.unwrap_or(0), &pods);
        let expected_rm: BTreeSet<PodId> = expected_rm.into_iter().map(PodId).collect();
        let got = get_pods_with_delayed_deletion_per_index(
            &spec,
            &pods,
            &succeeded,
            &failed_indexes,
            &expected_rm,
        );
        let got: BTreeSet<u32> = got.values().map(|p| p.id.0).collect();
        assert_eq!(got, want.into_iter().collect(), "{name}");
    }
}

#[test]
fn new_index_failure_counts_table() {
    let cases = [
        ("first pod created", None, None, (0, 0)),
        (
            "failed pod being replaced with 0 index failure count",
            None,
            Some(PodBuilder::new(0).index_failure_count("0").phase(Failed)),
            (1, 0),
        ),
        (
            "failed pod being replaced with >0 index failure count",
            None,
            Some(PodBuilder::new(0).index_failure_count("3").phase(Failed)),
            (4, 0),
        ),
        (
            "failed pod being replaced, matching the ignore rule",
            Some(ignore_disruption()),
            Some(
                PodBuilder::new(0)
                    .index_failure_count("3")
                    .phase(Failed)
                    .condition("DisruptionTarget", true, SimTime::ZERO)
                    .index("3"),
            ),
            (3, 1),
        ),
    ];
    for (name, policy, pod, want) in cases {
        let pod = pod.map(|b| b.index("0").tracking_finalizer().build());
        let got = new_index_failure_counts(policy.as_ref(), pod.as_ref());
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn add_index_failure_count_annotation_writes_ignored_count_only_when_positive() {
    let replaced = PodBuilder::new(0)
        .index_failure_count("2")
        .phase(Failed)
        .build();
    let mut annotations = BTreeMap::new();
    add_index_failure_count_annotation(&mut annotations, None, Some(&replaced));
    assert_eq!(
        annotations,
        BTreeMap::from([(
            JOB_INDEX_FAILURE_COUNT_ANNOTATION.to_string(),
            "3".to_string()
        )])
    );
    let ignored = PodBuilder::new(1)
        .index_failure_count("2")
        .phase(Failed)
        .condition("DisruptionTarget", true, SimTime::ZERO)
        .build();
    let mut annotations = BTreeMap::new();
    let policy = ignore_disruption();
    add_index_failure_count_annotation(&mut annotations, Some(&policy), Some(&ignored));
    assert_eq!(
        annotations.get(JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION),
        Some(&"1".to_string())
    );
    assert_eq!(
        annotations.get(JOB_INDEX_FAILURE_COUNT_ANNOTATION),
        Some(&"2".to_string())
    );
}

#[test]
fn intervals_have_index_table() {
    let cases: [(&str, Ivs, i32, bool); 6] = [
        ("empty", &[], 4, false),
        ("before all", &[(2, 4), (5, 7)], 1, false),
        ("after all", &[(2, 4), (6, 8)], 9, false),
        ("in between", &[(2, 4), (6, 8)], 5, false),
        ("in first", &[(2, 4), (6, 8)], 2, true),
        ("in second", &[(2, 4), (6, 8)], 8, true),
    ];
    for (name, intervals, index, want) in cases {
        assert_eq!(ivs(intervals).has(index), want, "{name}");
    }
}

#[test]
fn first_pending_indexes_table() {
    struct Case {
        name: &'static str,
        cnt: usize,
        completions: i32,
        active_pods: &'static [(&'static str, PodPhase)],
        succeeded_indexes: &'static [(i32, i32)],
        failed_indexes: Option<&'static [(i32, i32)]>,
        want: &'static [i32],
    }
    let cases = [
        Case {
            name: "cnt greater than completions",
            cnt: 5,
            completions: 3,
            active_pods: &[],
            succeeded_indexes: &[],
            failed_indexes: None,
            want: &[0, 1, 2],
        },
        Case {
            name: "cnt less than completions",
            cnt: 2,
            completions: 5,
            active_pods: &[],
            succeeded_indexes: &[],
            failed_indexes: None,
            want: &[0, 1],
        },
        Case {
            name: "first pods active",
            cnt: 3,
            completions: 10,
            active_pods: &[("0", Running), ("1", Pending)],
            succeeded_indexes: &[],
            failed_indexes: None,
            want: &[2, 3, 4],
        },
        Case {
            name: "last pods active or succeeded",
            cnt: 6,
            completions: 6,
            active_pods: &[("6", Pending)],
            succeeded_indexes: &[(4, 5)],
            failed_indexes: None,
            want: &[0, 1, 2, 3],
        },
        Case {
            name: "mixed",
            cnt: 5,
            completions: 20,
            active_pods: &[
                ("3", Pending),
                ("5", Running),
                ("8", Pending),
                (NO_INDEX, Running),
                ("-3", Running),
            ],
            succeeded_indexes: &[(2, 4), (9, 9)],
            failed_indexes: None,
            want: &[0, 1, 6, 7, 10],
        },
        Case {
            name: "with failed indexes",
            cnt: 5,
            completions: 20,
            active_pods: &[("3", Pending), ("9", Pending)],
            succeeded_indexes: &[(1, 1), (5, 5), (9, 9)],
            failed_indexes: Some(&[(2, 2), (6, 7)]),
            want: &[0, 4, 8, 10, 11],
        },
    ];
    for case in cases {
        let pods = hollow_pods(case.active_pods);
        let failed = case.failed_indexes.map(ivs);
        let got = first_pending_indexes(
            case.completions,
            case.cnt,
            &ivs(case.succeeded_indexes),
            pods.iter().filter_map(completion_index),
            [],
            failed.as_ref(),
        );
        assert_eq!(got, case.want, "{}", case.name);
    }
}

#[test]
fn first_pending_indexes_skips_terminating_indexes_given_for_replacement_policy_failed() {
    let got = first_pending_indexes(5, 5, &ivs(&[(0, 0)]), [2], [1, 3], None);
    assert_eq!(got, [4]);
}

#[test]
fn append_duplicated_index_pods_for_removal_table() {
    type Descs = &'static [(&'static str, PodPhase)];
    let cases: [(&str, Descs, Descs, Descs, i32); 3] = [
        (
            "all unique",
            &[
                (NO_INDEX, Pending),
                ("2", Pending),
                ("5", Running),
                ("6", Running),
            ],
            &[(NO_INDEX, Pending), ("6", Running)],
            &[("2", Pending), ("5", Running)],
            6,
        ),
        (
            "all with index",
            &[
                ("5", Pending),
                ("0", Running),
                ("3", Pending),
                ("0", Running),
                ("3", Running),
                ("0", Pending),
                ("6", Running),
                ("6", Pending),
            ],
            &[
                ("0", Pending),
                ("0", Running),
                ("3", Pending),
                ("6", Running),
                ("6", Pending),
            ],
            &[("0", Running), ("3", Running), ("5", Pending)],
            6,
        ),
        (
            "mixed",
            &[
                (NO_INDEX, Pending),
                ("invalid", Running),
                ("-2", Running),
                ("0", Pending),
                ("1", Pending),
                ("1", Pending),
                ("1", Running),
            ],
            &[
                (NO_INDEX, Pending),
                ("invalid", Running),
                ("-2", Running),
                ("1", Pending),
                ("1", Pending),
            ],
            &[("0", Pending), ("1", Running)],
            6,
        ),
    ];
    for (name, pods, want_rm, want_left, completions) in cases {
        let pods = hollow_pods(pods);
        let (rm, left) = append_duplicated_index_pods_for_removal(&refs(&pods), completions);
        assert_eq!(index_phases(&rm), owned(want_rm), "{name}: removed");
        assert_eq!(index_phases(&left), owned(want_left), "{name}: kept");
    }
}

#[test]
fn index_failure_count_table() {
    let cases = [
        ("no annotation", None, 0),
        ("valid value", Some("2"), 2),
        ("valid maxint32 value", Some("2147483647"), i32::MAX),
        ("too large value", Some("2147483648"), 0),
        ("negative value", Some("-1"), 0),
        ("invalid int value", Some("xyz"), 0),
    ];
    for (name, value, want) in cases {
        let builder = PodBuilder::new(0);
        let pod = match value {
            Some(v) => builder.index_failure_count(v),
            None => builder,
        }
        .build();
        assert_eq!(index_failure_count(&pod), want, "{name}");
    }
}

#[test]
fn completion_index_reads_the_annotation_like_get_completion_index() {
    let cases = [
        ("no annotation", None, None),
        ("zero", Some("0"), Some(0)),
        ("plus sign, as strconv.Atoi accepts", Some("+7"), Some(7)),
        ("negative is unknown", Some("-1"), None),
        ("not a number is unknown", Some("1x"), None),
        (
            "beyond int32 stays a number",
            Some("5000000000"),
            Some(5_000_000_000),
        ),
    ];
    for (name, value, want) in cases {
        let builder = PodBuilder::new(0);
        let pod = match value {
            Some(v) => builder.index(v),
            None => builder,
        }
        .build();
        assert_eq!(completion_index(&pod), want, "{name}");
    }
}

#[test]
fn completed_indexes_format_table() {
    let cases: [(&str, &[i32], &str); 7] = [
        ("no indexes is the empty string", &[], ""),
        ("a single index stands alone", &[4], "4"),
        ("a run of two is written a,b", &[0, 1], "0,1"),
        ("a run of three is written first-last", &[0, 1, 2], "0-2"),
        ("reference example", &[1, 3, 4, 5, 7], "1,3-5,7"),
        (
            "runs of two inside a list",
            &[0, 1, 5, 6, 8, 9, 10],
            "0,1,5,6,8-10",
        ),
        ("large indexes", &[99_999, 100_000], "99999,100000"),
    ];
    for (name, indexes, want) in cases {
        let got = OrderedIntervals::new().with_ordered_indexes(indexes);
        assert_eq!(got.to_string(), want, "{name}");
    }
}

#[test]
fn parse_indexes_from_string_table() {
    let cases: [(&str, &str, i32, Ivs); 12] = [
        ("empty string", "", 10, &[]),
        (
            "single indexes and runs",
            "1,3-5,7",
            10,
            &[(1, 1), (3, 5), (7, 7)],
        ),
        ("adjacent fragments merge", "0,1,2-4,5", 10, &[(0, 5)]),
        (
            "interval past completions is clipped",
            "2-20",
            10,
            &[(2, 9)],
        ),
        (
            "fragment at completions stops the parse",
            "1,10,3",
            10,
            &[(1, 1)],
        ),
        (
            "corrupt fragments are skipped",
            "0,1-foo,bar,3",
            4,
            &[(0, 0), (3, 3)],
        ),
        ("a lone dash is corrupt", "-,2", 4, &[(2, 2)]),
        ("a negative number is corrupt", "-1,2", 4, &[(2, 2)]),
        ("text after a second dash is ignored", "1-2-3", 5, &[(1, 2)]),
        ("spaces are corrupt", " 1,2", 5, &[(2, 2)]),
        ("zero completions keeps nothing", "0,1", 0, &[]),
        (
            "numbers beyond int64 are corrupt",
            "99999999999999999999,1",
            5,
            &[(1, 1)],
        ),
    ];
    for (name, text, completions, want) in cases {
        assert_eq!(
            parse_indexes_from_string(text, completions),
            ivs(want),
            "{name}"
        );
    }
}

#[test]
fn active_pods_order_table() {
    let t = SimTime::from_secs;
    let cases: [(&str, PodBuilder, PodBuilder); 8] = [
        (
            "unscheduled before scheduled",
            PodBuilder::new(0).phase(Running),
            PodBuilder::new(1).phase(Pending).node("n1"),
        ),
        (
            "pending before running",
            PodBuilder::new(0).phase(Pending).node("n1"),
            PodBuilder::new(1).phase(Running).node("n1"),
        ),
        (
            "not ready before ready",
            PodBuilder::new(0).phase(Running).node("n1"),
            PodBuilder::new(1)
                .phase(Running)
                .node("n1")
                .condition("Ready", true, t(5)),
        ),
        (
            "of two ready pods the more recently ready first",
            PodBuilder::new(0)
                .phase(Running)
                .node("n1")
                .condition("Ready", true, t(9)),
            PodBuilder::new(1)
                .phase(Running)
                .node("n1")
                .condition("Ready", true, t(5)),
        ),
        (
            "more app container restarts first",
            PodBuilder::new(0)
                .phase(Running)
                .node("n1")
                .container_restarts("main", 3),
            PodBuilder::new(1)
                .phase(Running)
                .node("n1")
                .container_restarts("main", 1),
        ),
        (
            "then more sidecar restarts first",
            PodBuilder::new(0)
                .phase(Running)
                .node("n1")
                .sidecar("proxy")
                .init_container_restarts("proxy", 2)
                .container_restarts("main", 1),
            PodBuilder::new(1)
                .phase(Running)
                .node("n1")
                .container_restarts("main", 1),
        ),
        (
            "newer creation first",
            PodBuilder::new(0).phase(Running).node("n1").created(t(20)),
            PodBuilder::new(1).phase(Running).node("n1").created(t(10)),
        ),
        (
            "two scheduled pods on different nodes compare by phase",
            PodBuilder::new(0).phase(Pending).node("n2"),
            PodBuilder::new(1).phase(Running).node("n1"),
        ),
    ];
    for (name, first, second) in cases {
        let (first, second) = (first.build(), second.build());
        assert_eq!(
            active_pods_order(&first, &second),
            std::cmp::Ordering::Less,
            "{name}"
        );
        assert_eq!(
            active_pods_order(&second, &first),
            std::cmp::Ordering::Greater,
            "{name} (reversed)"
        );
    }
    let a = PodBuilder::new(0).phase(Running).node("n1").build();
    let b = PodBuilder::new(1).phase(Running).node("n1").build();
    assert_eq!(active_pods_order(&a, &b), std::cmp::Ordering::Equal);
}

/// The intervals of a set of indexes, built without the code under test.
fn from_set(set: &BTreeSet<i32>) -> OrderedIntervals {
    let mut out: Vec<Interval> = Vec::new();
    for &ix in set {
        match out.last_mut() {
            Some(last) if last.last + 1 == ix => last.last = ix,
            _ => out.push(iv(ix, ix)),
        }
    }
    OrderedIntervals::from_intervals(out)
}

fn index_sets() -> impl Strategy<Value = BTreeSet<i32>> {
    prop::collection::btree_set(0..300i32, 0..120)
}

proptest! {
    #[test]
    fn parse_of_display_is_identity(set in index_sets()) {
        let x = from_set(&set);
        prop_assert_eq!(parse_indexes_from_string(&x.to_string(), i32::MAX), x);
    }

    #[test]
    fn total_is_the_set_size(set in index_sets()) {
        prop_assert_eq!(from_set(&set).total(), set.len());
    }

    #[test]
    fn has_is_set_membership(set in index_sets(), probe in -5..310i32) {
        prop_assert_eq!(from_set(&set).has(probe), set.contains(&probe));
    }

    #[test]
    fn with_ordered_indexes_is_set_union(a in index_sets(), b in index_sets()) {
        let new: Vec<i32> = b.iter().copied().collect();
        let union: BTreeSet<i32> = a.union(&b).copied().collect();
        prop_assert_eq!(from_set(&a).with_ordered_indexes(&new), from_set(&union));
    }

    #[test]
    fn merge_is_set_union(a in index_sets(), b in index_sets()) {
        let union: BTreeSet<i32> = a.union(&b).copied().collect();
        prop_assert_eq!(from_set(&a).merge(&from_set(&b)), from_set(&union));
    }

    #[test]
    fn first_pending_indexes_are_the_lowest_free_ones(
        succeeded in index_sets(),
        active in prop::collection::vec(0..300i64, 0..40),
        failed in index_sets(),
        completions in 0..320i32,
        count in 0..50usize,
    ) {
        let got = first_pending_indexes(
            completions, count, &from_set(&succeeded), active.clone(), [], Some(&from_set(&failed)),
        );
        let want: Vec<i32> = (0..completions)
            .filter(|ix| !succeeded.contains(ix) && !failed.contains(ix)
                && !active.contains(&i64::from(*ix)))
            .take(count)
            .collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn duplicate_removal_keeps_one_pod_per_valid_index(
        indexes in prop::collection::vec(-2..12i32, 0..30),
        completions in 0..10i32,
    ) {
        let pods: Vec<Pod> = indexes.iter().enumerate()
            .map(|(n, ix)| {
                let b = PodBuilder::new(n as u32).phase(Running);
                if *ix == -2 { b } else { b.index(&ix.to_string()) }.build()
            })
            .collect();
        let (rm, left) = append_duplicated_index_pods_for_removal(&refs(&pods), completions);
        prop_assert_eq!(rm.len() + left.len(), pods.len());
        let kept: Vec<i32> = left.iter().filter_map(|p| completion_index_in_range(p, completions)).collect();
        let want: BTreeSet<i32> = indexes.iter().copied().filter(|ix| (0..completions).contains(ix)).collect();
        prop_assert_eq!(kept.len(), left.len());
        prop_assert_eq!(kept.iter().copied().collect::<BTreeSet<_>>(), want);
        prop_assert_eq!(kept.len(), kept.iter().collect::<BTreeSet<_>>().len());
    }

    #[test]
    fn parse_never_panics_and_stays_below_completions(
        text in prop::collection::vec(prop::sample::select(&['0', '1', '7', '9', ',', '-', '+', 'x', ' ']), 0..40)
            .prop_map(|cs| cs.into_iter().collect::<String>()),
        completions in -3..20i32,
    ) {
        let parsed = parse_indexes_from_string(&text, completions);
        for iv in parsed.intervals() {
            prop_assert!(iv.first >= 0 && iv.first < completions.max(0));
            prop_assert!(iv.last < completions.max(0));
        }
        let _ = parsed.total();
        let _ = parsed.to_string();
    }
}
