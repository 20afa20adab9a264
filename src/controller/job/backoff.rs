//! The pod re-creation back-off after failures: 10 s doubling up to a cap, per Job or,
//! with `backoffLimitPerIndex`, per index; and when a pod finished. Follows
//! `pkg/controller/job/backoff_utils.go` (constants from `job_controller.go`).

use super::indexed::{index_absolute_failure_count, restartable_init_containers};
use crate::objects::{ContainerState, ContainerStatus, Pod};
use crate::sim::clock::{SimDuration, SimTime};

/// `DefaultJobPodFailureBackOff`: the delay after the first failure.
pub const DEFAULT_JOB_POD_FAILURE_BACKOFF: SimDuration = SimDuration::from_secs(10);
/// `MaxJobPodFailureBackOff`: the cap, 10 minutes in the current controller source (the
/// Job docs say 6 minutes).
pub const MAX_JOB_POD_FAILURE_BACKOFF: SimDuration = SimDuration::from_secs(600);

/// `backoffRecord`: consecutive failures since the last success, kept in controller
/// memory per Job (the record key is the caller's business).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BackoffRecord {
    pub failures_after_last_success: u32,
    pub last_failure_time: Option<SimTime>,
}

/// `backoffStore.newBackoffRecord`: the record after a sync that saw pods newly finish.
///
/// - no new pods: unchanged;
/// - only failures: the count grows by their number, the time is the latest one;
/// - any success: the count restarts from the failures that finished strictly after the
///   latest success, the time is the latest of those (none: no time).
pub fn new_backoff_record(
    old: Option<&BackoffRecord>,
    new_succeeded_finish_times: &[SimTime],
    new_failed_finish_times: &[SimTime],
) -> BackoffRecord {
    let mut record = old.copied().unwrap_or_default();
    let latest_failure = new_failed_finish_times.iter().max().copied();
    match new_succeeded_finish_times.iter().max() {
        None => {
            if let Some(latest) = latest_failure {
                let n_new = u32::try_from(new_failed_finish_times.len()).unwrap_or(u32::MAX);
                record.failures_after_last_success =
                    record.failures_after_last_success.saturating_add(n_new);
                record.last_failure_time = Some(latest);
            }
        }
        Some(&last_success) => {
            let after: Vec<SimTime> = new_failed_finish_times
                .iter()
                .copied()
                .filter(|t| *t > last_success)
                .collect();
            record.failures_after_last_success = u32::try_from(after.len()).unwrap_or(u32::MAX);
            record.last_failure_time = after.into_iter().max();
        }
    }
    record
}

/// `backoffRecord.getRemainingTime`: how long pod creation must still wait at `now`.
/// A record with failures but no failure time (upstream would dereference nil) waits 0.
pub fn remaining_time(
    record: &BackoffRecord,
    now: SimTime,
    default_backoff: SimDuration,
    max_backoff: SimDuration,
) -> SimDuration {
    match record.last_failure_time {
        Some(last) => remaining_for_failures(
            i64::from(record.failures_after_last_success),
            last,
            now,
            default_backoff,
            max_backoff,
        ),
        None => SimDuration::ZERO,
    }
}

/// `getRemainingTimePerIndex`: the wait before re-creating a pod for an index, from the
/// index's last failed pod: its counted plus ignored failures, plus one, and its finish
/// time. No failed pod: no wait.
pub fn remaining_time_per_index(
    now: SimTime,
    default_backoff: SimDuration,
    max_backoff: SimDuration,
    last_failed_pod: Option<&Pod>,
) -> SimDuration {
    let Some(pod) = last_failed_pod else {
        return SimDuration::ZERO;
    };
    // Go adds in int32, wrapping.
    let failures = index_absolute_failure_count(pod).wrapping_add(1);
    remaining_for_failures(
        i64::from(failures),
        finished_time(pod),
        now,
        default_backoff,
        max_backoff,
    )
}

/// `getRemainingTimeForFailuresCount`.
fn remaining_for_failures(
    failures: i64,
    last_failure: SimTime,
    now: SimTime,
    default_backoff: SimDuration,
    max_backoff: SimDuration,
) -> SimDuration {
    if failures == 0 {
        return SimDuration::ZERO;
    }
    let mut backoff = default_backoff.as_millis();
    for _ in 1..failures {
        backoff = backoff.saturating_mul(2);
        if backoff >= max_backoff.as_millis() {
            backoff = max_backoff.as_millis();
            break;
        }
        if backoff == 0 {
            // Doubling zero never reaches the cap; stop instead of looping on.
            break;
        }
    }
    let elapsed = i128::from(now.as_millis()) - i128::from(last_failure.as_millis());
    let backoff = i128::from(backoff);
    if backoff < elapsed {
        return SimDuration::ZERO;
    }
    SimDuration::from_millis(u64::try_from(backoff - elapsed).unwrap_or(u64::MAX))
}

/// `getFinishedTime`: when a pod finished, from the first of
/// 1. the latest `finishedAt` of the app containers, if all have terminated, and of the
///    restartable init containers (sidecars), if all of those have;
/// 2. the `lastTransitionTime` of a `Ready=False` condition;
/// 3. `deletionTimestamp - deletionGracePeriodSeconds` (clamped to the cluster start);
/// 4. `creationTimestamp`.
pub fn finished_time(pod: &Pod) -> SimTime {
    if let Some(t) = finish_time_from_containers(pod) {
        return t;
    }
    if let Some(c) = pod.condition("Ready").filter(|c| !c.status) {
        return c.last_transition;
    }
    if let Some(requested) = pod.meta.deletion_requested() {
        return requested;
    }
    pod.meta.creation
}

/// `getFinishTimeFromContainers`: the app containers, then the sidecars. As upstream,
/// a sidecar pass starts afresh when an app container has not terminated, so terminated
/// sidecars alone still give a time.
fn finish_time_from_containers(pod: &Pod) -> Option<SimTime> {
    let app = latest_finish_time(None, pod.status.container_statuses.iter());
    let sidecars = restartable_init_containers(pod);
    let sidecar_statuses = pod
        .status
        .init_container_statuses
        .iter()
        .filter(|c| sidecars.contains(c.name.as_str()));
    latest_finish_time(app, sidecar_statuses)
}

/// `latestFinishTimeFromContainers`: the latest of `prev` and the containers' finish
/// times; `None` as soon as one container has not terminated.
fn latest_finish_time<'a>(
    prev: Option<SimTime>,
    statuses: impl Iterator<Item = &'a ContainerStatus>,
) -> Option<SimTime> {
    let mut latest = prev;
    for status in statuses {
        // A zero finishedAt (`ContainerStatusUnknown`) gives no time either.
        let ContainerState::Terminated {
            finished_at: Some(finished_at),
            ..
        } = status.state
        else {
            return None;
        };
        latest = Some(latest.map_or(finished_at, |t| t.max(finished_at)));
    }
    latest
}

#[cfg(test)]
mod tests;
