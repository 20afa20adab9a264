//! Indexed Jobs: the `completedIndexes`/`failedIndexes` interval lists, which indexes get
//! pods next, which duplicate pods go, and the per-index failure counts of
//! `backoffLimitPerIndex`. Follows `pkg/controller/job/indexed_job_utils.go`.
//!
//! A completion index is read from the pod's `batch.kubernetes.io/job-completion-index`
//! annotation as upstream `getCompletionIndex` does; Go's `int` is 64-bit, so it is an
//! `i64` here until a caller has checked it against `completions`.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::batch::v1::{JobSpec, PodFailurePolicy};

use super::backoff::finished_time;
use super::pod_failure_policy::{Action, PolicyMatch, match_pod_failure_policy};
use crate::objects::{Pod, PodId, PodPhase};

mod intervals;
pub use intervals::{Interval, OrderedIntervals, parse_indexes_from_string};

/// `batch.JobCompletionIndexAnnotation` (also used as a label).
pub const JOB_COMPLETION_INDEX_ANNOTATION: &str = "batch.kubernetes.io/job-completion-index";
/// `batch.JobIndexFailureCountAnnotation`: counted failures of the pod's index so far.
pub const JOB_INDEX_FAILURE_COUNT_ANNOTATION: &str = "batch.kubernetes.io/job-index-failure-count";
/// `batch.JobIndexIgnoredFailureCountAnnotation`: failures an `Ignore` rule did not count.
pub const JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION: &str =
    "batch.kubernetes.io/job-index-ignored-failure-count";
/// `batch.JobTrackingFinalizer`: the pod is not yet counted in the Job status.
pub const JOB_TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";

/// `getCompletionIndex`: the index annotation as a non-negative number, `None` when it
/// is missing, not a number, or negative (upstream `unknownCompletionIndex`).
pub fn completion_index(pod: &Pod) -> Option<i64> {
    let value = pod.meta.annotations.get(JOB_COMPLETION_INDEX_ANNOTATION)?;
    value.parse::<i64>().ok().filter(|ix| *ix >= 0)
}

/// The completion index when it is valid for `completions` (`0 <= ix < completions`).
pub fn completion_index_in_range(pod: &Pod, completions: i32) -> Option<i32> {
    completion_index(pod)
        .filter(|ix| *ix < i64::from(completions))
        .and_then(|ix| i32::try_from(ix).ok())
}

/// `hasJobTrackingFinalizer`.
pub fn has_job_tracking_finalizer(pod: &Pod) -> bool {
    pod.meta.has_finalizer(JOB_TRACKING_FINALIZER)
}

/// `isPodFailed` (job_controller.go): phase Failed, or, unless only failed pods are
/// replaced (`podReplacementPolicy: Failed`), being deleted without having succeeded.
pub fn is_pod_failed(pod: &Pod, only_replace_failed_pods: bool) -> bool {
    if pod.status.phase == PodPhase::Failed {
        return true;
    }
    if only_replace_failed_pods {
        return false;
    }
    pod.meta.deletion.is_some() && pod.status.phase != PodPhase::Succeeded
}

fn only_replace_failed_pods(spec: &JobSpec) -> bool {
    spec.pod_replacement_policy.as_deref() == Some("Failed")
}

/// `calculateSucceededIndexes`: the indexes in `status.completedIndexes`, and those plus
/// the indexes of succeeded pods that still carry the tracking finalizer.
pub fn calculate_succeeded_indexes(
    completed_indexes: &str,
    completions: i32,
    pods: &[&Pod],
) -> (OrderedIntervals, OrderedIntervals) {
    let prev = parse_indexes_from_string(completed_indexes, completions);
    let new: BTreeSet<i32> = crate::sort::set_of(
        pods.iter()
            .filter(|p| p.status.phase == PodPhase::Succeeded && has_job_tracking_finalizer(p))
            .filter_map(|p| completion_index_in_range(p, completions)),
    );
    let result = prev.with_ordered_indexes(&new.into_iter().collect::<Vec<_>>());
    (prev, result)
}

/// `calculateFailedIndexes`: the indexes in `status.failedIndexes` plus those whose
/// uncounted failed pod failed the index ([`is_index_failed`]).
pub fn calculate_failed_indexes(
    spec: &JobSpec,
    prev_failed_indexes: Option<&str>,
    pods: &[&Pod],
) -> OrderedIntervals {
    let completions = spec.completions.unwrap_or(0);
    let prev = prev_failed_indexes
        .map(|s| parse_indexes_from_string(s, completions))
        .unwrap_or_default();
    let new: BTreeSet<i32> = crate::sort::set_of(
        pods.iter()
            .filter(|p| has_job_tracking_finalizer(p) && is_index_failed(spec, p))
            .filter_map(|p| completion_index_in_range(p, completions)),
    );
    prev.with_ordered_indexes(&new.into_iter().collect::<Vec<_>>())
}

/// `isIndexFailed`: the failed pod matched a `FailIndex` rule, or its failure counts and
/// its index has used up `backoffLimitPerIndex`.
pub fn is_index_failed(spec: &JobSpec, pod: &Pod) -> bool {
    let mut counted = false;
    if is_pod_failed(pod, only_replace_failed_pods(spec)) {
        match &spec.pod_failure_policy {
            Some(policy) => {
                let PolicyMatch {
                    count_failed,
                    action,
                    ..
                } = match_pod_failure_policy(policy, pod);
                if action == Some(Action::FailIndex) {
                    return true;
                }
                counted = count_failed;
            }
            None => counted = true,
        }
    }
    counted
        && spec
            .backoff_limit_per_index
            .is_some_and(|limit| index_failure_count(pod) >= limit)
}

/// `firstPendingIndexes`: up to `count` of the lowest indexes in `[0, completions)` that
/// are not succeeded, active, terminating or failed, in increasing order.
///
/// Pass the indexes of terminating pods only when `podReplacementPolicy` is `Failed`
/// (otherwise an empty iterator), and `failed` only with `backoffLimitPerIndex`.
pub fn first_pending_indexes(
    completions: i32,
    count: usize,
    succeeded: &OrderedIntervals,
    active: impl IntoIterator<Item = i64>,
    terminating: impl IntoIterator<Item = i64>,
    failed: Option<&OrderedIntervals>,
) -> Vec<i32> {
    if count == 0 {
        return Vec::new();
    }
    let mut non_pending = succeeded.with_ordered_indexes(&index_set(active));
    non_pending = non_pending.with_ordered_indexes(&index_set(terminating));
    if let Some(failed) = failed {
        non_pending = non_pending.merge(failed);
    }
    let completions = i64::from(completions);
    let mut result = Vec::new();
    let mut candidate: i64 = 0;
    let take_until = |candidate: &mut i64, end: i64, result: &mut Vec<i32>| {
        while *candidate < completions && result.len() < count && *candidate < end {
            // candidate < completions <= i32::MAX
            result.extend(i32::try_from(*candidate).ok());
            *candidate += 1;
        }
    };
    for iv in non_pending.intervals() {
        take_until(&mut candidate, i64::from(iv.first), &mut result);
        candidate = candidate.max(i64::from(iv.last) + 1);
    }
    take_until(&mut candidate, i64::MAX, &mut result);
    result
}

/// `getIndexes`, sorted: indexes beyond `i32` are past any `completions` and dropped.
fn index_set(indexes: impl IntoIterator<Item = i64>) -> Vec<i32> {
    let set: BTreeSet<i32> = crate::sort::set_of(
        indexes
            .into_iter()
            .filter_map(|ix| i32::try_from(ix).ok())
            .filter(|ix| *ix >= 0),
    );
    set.into_iter().collect()
}

/// `appendDuplicatedIndexPodsForRemoval`: splits active pods into those to remove (no
/// index, index `>= completions`, or all but one of a repeated index) and those to keep.
/// Of a repeated index the pod kept is the last in [`active_pods_order`].
pub fn append_duplicated_index_pods_for_removal<'a>(
    pods: &[&'a Pod],
    completions: i32,
) -> (Vec<&'a Pod>, Vec<&'a Pod>) {
    let index_of = |p: &Pod| completion_index(p).unwrap_or(-1);
    let mut sorted = pods.to_vec();
    crate::sort::sort_by_key(&mut sorted, |p| index_of(p));
    let (mut rm, mut left) = (Vec::new(), Vec::new());
    let mut last_index = -1;
    let mut first_repeat = 0;
    let mut looped = 0;
    for (i, pod) in sorted.iter().enumerate() {
        let ix = index_of(pod);
        if ix >= i64::from(completions) {
            rm.extend_from_slice(&sorted[i..]);
            break;
        }
        if ix != last_index {
            split_same_index(&mut rm, &mut left, &sorted[first_repeat..i], last_index);
            first_repeat = i;
            last_index = ix;
        }
        looped += 1;
    }
    split_same_index(
        &mut rm,
        &mut left,
        &sorted[first_repeat..looped],
        last_index,
    );
    (rm, left)
}

/// `appendPodsWithSameIndexForRemovalAndRemaining`.
fn split_same_index<'a>(rm: &mut Vec<&'a Pod>, left: &mut Vec<&'a Pod>, pods: &[&'a Pod], ix: i64) {
    if ix == -1 {
        rm.extend_from_slice(pods);
        return;
    }
    let mut pods = pods.to_vec();
    crate::sort::sort_by(&mut pods, |a, b| active_pods_order(a, b));
    if let Some(keep) = pods.pop() {
        rm.extend(pods);
        left.push(keep);
    }
}

/// `controller.ActivePods` as an ordering: `Less` means `a` is removed before `b`.
/// Unscheduled before scheduled; Pending, then Unknown, then Running; not ready before
/// ready; of two ready pods the more recently ready; more app-container restarts, then
/// more sidecar restarts; newer creation.
pub fn active_pods_order(a: &Pod, b: &Pod) -> Ordering {
    let node_a = a.node_name.as_deref().unwrap_or("");
    let node_b = b.node_name.as_deref().unwrap_or("");
    if node_a != node_b && (node_a.is_empty() || node_b.is_empty()) {
        return if node_a.is_empty() {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    let phase_ordinal = |p: &Pod| match p.status.phase {
        PodPhase::Running => 2,
        // Go's map lookup gives 0 for Pending and for phases it does not list.
        _ => 0,
    };
    let by_phase = phase_ordinal(a).cmp(&phase_ordinal(b));
    if by_phase != Ordering::Equal {
        return by_phase;
    }
    let (ready_a, ready_b) = (a.is_ready(), b.is_ready());
    if ready_a != ready_b {
        return if ready_a {
            Ordering::Greater
        } else {
            Ordering::Less
        };
    }
    if ready_a {
        let ready_time = |p: &Pod| p.condition("Ready").map(|c| c.last_transition);
        let (ta, tb) = (ready_time(a), ready_time(b));
        if ta != tb {
            // afterOrZero(ta, tb): the later one goes first.
            return if ta > tb {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
    }
    let (regular_a, sidecar_a) = max_container_restarts(a);
    let (regular_b, sidecar_b) = max_container_restarts(b);
    let by_restarts = regular_b.cmp(&regular_a).then(sidecar_b.cmp(&sidecar_a));
    if by_restarts != Ordering::Equal {
        return by_restarts;
    }
    b.meta.creation.cmp(&a.meta.creation)
}

/// `maxContainerRestarts`: the highest restart count of app containers and of
/// restartable init containers (sidecars).
fn max_container_restarts(pod: &Pod) -> (i32, i32) {
    let regular = pod
        .status
        .container_statuses
        .iter()
        .map(|c| c.restart_count)
        .fold(0, i32::max);
    let sidecars = restartable_init_containers(pod);
    let sidecar = pod
        .status
        .init_container_statuses
        .iter()
        .filter(|c| sidecars.contains(c.name.as_str()))
        .map(|c| c.restart_count)
        .fold(0, i32::max);
    (regular, sidecar)
}

/// Names of the init containers declared with `restartPolicy: Always`.
pub(crate) fn restartable_init_containers(pod: &Pod) -> BTreeSet<&str> {
    crate::sort::set_of(
        pod.spec
            .init_containers
            .iter()
            .flatten()
            .filter(|c| c.restart_policy.as_deref() == Some("Always"))
            .map(|c| c.name.as_str()),
    )
}

/// `getPodsWithDelayedDeletionPerIndex`: per index, the last failed pod whose finalizer
/// removal waits until its replacement exists (so the replacement can inherit the failure
/// count). Indexes already succeeded, failed or active need no such pod.
pub fn get_pods_with_delayed_deletion_per_index<'a>(
    spec: &JobSpec,
    pods: &[&'a Pod],
    succeeded: &OrderedIntervals,
    failed: &OrderedIntervals,
    expected_rm_finalizers: &BTreeSet<PodId>,
) -> BTreeMap<i32, &'a Pod> {
    let completions = spec.completions.unwrap_or(0);
    let only_failed = only_replace_failed_pods(spec);
    let active: BTreeSet<i64> = crate::sort::set_of(
        pods.iter()
            .filter(|p| p.is_active())
            .filter_map(|p| completion_index(p)),
    );
    let mut delayed: BTreeMap<i32, &'a Pod> = BTreeMap::new();
    for &pod in pods {
        // getValidPodsWithFilter: uncounted pods with a valid index only.
        if !has_job_tracking_finalizer(pod) || expected_rm_finalizers.contains(&pod.id) {
            continue;
        }
        let Some(ix) = completion_index_in_range(pod, completions) else {
            continue;
        };
        if !is_pod_failed(pod, only_failed)
            || succeeded.has(ix)
            || failed.has(ix)
            || active.contains(&i64::from(ix))
        {
            continue;
        }
        match delayed.get(&ix) {
            Some(last)
                if !(index_absolute_failure_count(last) <= index_absolute_failure_count(pod)
                    && finished_time(pod) >= finished_time(last)) => {}
            _ => {
                delayed.insert(ix, pod);
            }
        }
    }
    delayed
}

/// `addIndexFailureCountAnnotation`: sets the failure-count annotations of a new pod for
/// an index, carrying over (and incrementing) the counts of the pod it replaces.
pub fn add_index_failure_count_annotation(
    annotations: &mut BTreeMap<String, String>,
    policy: Option<&PodFailurePolicy>,
    pod_being_replaced: Option<&Pod>,
) {
    let (failures, ignored) = new_index_failure_counts(policy, pod_being_replaced);
    annotations.insert(
        JOB_INDEX_FAILURE_COUNT_ANNOTATION.to_string(),
        failures.to_string(),
    );
    if ignored > 0 {
        annotations.insert(
            JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION.to_string(),
            ignored.to_string(),
        );
    }
}

/// `getNewIndexFailureCounts`: (failure count, ignored failure count) for the pod that
/// replaces `pod_being_replaced`; a failure an `Ignore` rule matched bumps the second.
pub fn new_index_failure_counts(
    policy: Option<&PodFailurePolicy>,
    pod_being_replaced: Option<&Pod>,
) -> (i32, i32) {
    let Some(pod) = pod_being_replaced else {
        return (0, 0);
    };
    let (failures, ignored) = (index_failure_count(pod), index_ignored_failure_count(pod));
    let counted = policy.is_none_or(|p| match_pod_failure_policy(p, pod).count_failed);
    // Go's int32 increment wraps; so does this.
    if counted {
        (failures.wrapping_add(1), ignored)
    } else {
        (failures, ignored.wrapping_add(1))
    }
}

/// `getIndexFailureCount`: the `job-index-failure-count` annotation, 0 when it is
/// missing, not a number, negative or above `i32::MAX`.
pub fn index_failure_count(pod: &Pod) -> i32 {
    annotation_i32(pod, JOB_INDEX_FAILURE_COUNT_ANNOTATION)
}

/// The `job-index-ignored-failure-count` annotation, read as [`index_failure_count`].
pub fn index_ignored_failure_count(pod: &Pod) -> i32 {
    annotation_i32(pod, JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION)
}

/// `getIndexAbsoluteFailureCount`: counted plus ignored failures (wrapping, as Go's int32).
pub fn index_absolute_failure_count(pod: &Pod) -> i32 {
    index_failure_count(pod).wrapping_add(index_ignored_failure_count(pod))
}

/// `parseInt32` over an annotation.
fn annotation_i32(pod: &Pod, key: &str) -> i32 {
    pod.meta
        .annotations
        .get(key)
        .and_then(|v| v.parse::<i64>().ok())
        .and_then(|v| i32::try_from(v).ok())
        .filter(|v| *v >= 0)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
