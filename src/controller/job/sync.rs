//! `syncJob`: counts the Job's pods, decides whether (and why) the Job finishes, and hands
//! over to `manageJob` and the status tracking. The order of the finishing checks is the
//! upstream one:
//!
//! 1. an existing `SuccessCriteriaMet` stands, then an existing `FailureTarget`;
//! 2. a pod matching a `FailJob` rule of the pod failure policy;
//! 3. `backoffLimit` (or the OnFailure restart count), then `activeDeadlineSeconds`;
//! 4. Indexed Jobs: `maxFailedIndexes`, then failed indexes, then the success policy;
//! 5. otherwise `manageJob`, then completions reached.

use std::collections::BTreeMap;

use super::indexed::{self, OrderedIntervals};
use super::{
    backoff, enqueue_after, job_event, manage, pod_failure_policy, success_policy, tracking,
};
use crate::objects::{ConditionStatus, EventType, JobCondition, PodId, PodPhase};
use crate::sim::clock::SimDuration;
use crate::sim::{Cluster, JobIdx};

/// `syncJobCtx`: what one sync knows about the Job and its pods.
pub(super) struct SyncCtx {
    pub pods: Vec<PodId>,
    pub active: Vec<PodId>,
    pub ready: i32,
    pub terminating: i32,
    pub succeeded: i32,
    pub failed: i32,
    pub new_backoff: backoff::BackoffRecord,
    pub finished: Option<JobCondition>,
    pub prev_succeeded_indexes: OrderedIntervals,
    pub succeeded_indexes: OrderedIntervals,
    pub failed_indexes: Option<OrderedIntervals>,
    /// Per index, the failed pod whose finalizer stays until its replacement exists.
    pub delayed_deletion: BTreeMap<i32, PodId>,
    /// Pods this sync deleted: the tracking step sees them as the informer did, before the
    /// delete (so a success policy's lingering pods are not counted as failed).
    pub deleted: std::collections::BTreeSet<PodId>,
}

pub(super) fn new_condition(
    cluster: &Cluster,
    type_: &'static str,
    reason: &str,
    message: &str,
) -> JobCondition {
    JobCondition {
        type_,
        status: ConditionStatus::True,
        reason: reason.to_string(),
        message: message.to_string(),
        time: cluster.now.truncated_to_secs(),
    }
}

/// `batch.JobControllerName`: the `spec.managedBy` value that means the built-in controller.
pub const JOB_CONTROLLER_NAME: &str = "kubernetes.io/job-controller";

/// One reconciliation of Job `j`.
pub(super) fn sync_job(cluster: &mut Cluster, j: JobIdx) {
    let now = cluster.now;
    if cluster.jobs[j].removed.is_some() {
        cluster.job_controller.backoff.remove(&j);
        return;
    }
    // `managedByExternalController`: a Job another controller manages (JobManagedBy, GA in
    // 1.35) is left alone — no pods, no status, no events.
    if cluster.jobs[j]
        .spec
        .managed_by
        .as_deref()
        .is_some_and(|m| m != JOB_CONTROLLER_NAME)
    {
        return;
    }
    if cluster.jobs[j].status.is_finished() {
        cluster.job_controller.backoff.remove(&j);
        tracking::clean_orphan_finalizers(cluster, j);
        return;
    }
    let mode = cluster.jobs[j].spec.completion_mode.clone();
    if mode
        .as_deref()
        .is_some_and(|m| m != "NonIndexed" && m != "Indexed")
    {
        let message = "Skipped Job sync because completion mode is unknown".to_string();
        job_event(
            cluster,
            j,
            EventType::Warning,
            "UnknownCompletionMode",
            message,
        );
        return;
    }

    let job = &cluster.jobs[j];
    let only_failed = job.only_replace_failed_pods();
    let is_indexed = job.is_indexed();
    let completions = job.completions().unwrap_or(0);
    // One pass over the Job's pods: active, ready, terminating, and getNewFinishedPods
    // (pods still carrying the finalizer, with a valid index if Indexed).
    let mut pods = Vec::with_capacity(job.live_pods.len());
    let mut active = Vec::new();
    let (mut ready, mut terminating) = (0i32, 0i32);
    let (mut new_succeeded, mut new_failed) = (Vec::new(), Vec::new());
    for &id in &job.live_pods {
        let pod = cluster.pod(id);
        if pod.removed.is_some() {
            continue;
        }
        pods.push(id);
        if pod.is_active() {
            active.push(id);
            ready += i32::from(pod.is_ready());
        }
        terminating += i32::from(pod.is_terminating());
        let finished =
            pod.status.phase == PodPhase::Succeeded || indexed::is_pod_failed(pod, only_failed);
        let counted = finished
            && indexed::has_job_tracking_finalizer(pod)
            && (!is_indexed || indexed::completion_index_in_range(pod, completions).is_some());
        if counted && pod.status.phase == PodPhase::Succeeded {
            new_succeeded.push(id);
        } else if counted {
            new_failed.push(id);
        }
    }
    let ignored = match &job.spec.pod_failure_policy {
        Some(policy) => new_failed
            .iter()
            .filter(|id| {
                !pod_failure_policy::match_pod_failure_policy(policy, cluster.pod(**id))
                    .count_failed
            })
            .count(),
        None => 0,
    };
    let succeeded = job.status.succeeded + new_succeeded.len() as i32;
    let failed = job.status.failed + (new_failed.len() - ignored) as i32;

    if cluster.jobs[j].status.start_time.is_none() && !cluster.jobs[j].is_suspended() {
        cluster.jobs[j].status.start_time = Some(now.truncated_to_secs());
    }
    let finish_times = |ids: &[PodId]| {
        ids.iter()
            .map(|id| backoff::finished_time(cluster.pod(*id)))
            .collect::<Vec<_>>()
    };
    let new_backoff = backoff::new_backoff_record(
        cluster.job_controller.backoff.get(&j),
        &finish_times(&new_succeeded),
        &finish_times(&new_failed),
    );

    let mut ctx = SyncCtx {
        pods,
        active,
        ready,
        terminating,
        succeeded,
        failed,
        new_backoff,
        finished: None,
        prev_succeeded_indexes: OrderedIntervals::new(),
        succeeded_indexes: OrderedIntervals::new(),
        failed_indexes: None,
        delayed_deletion: BTreeMap::new(),
        deleted: Default::default(),
    };
    decide_finished(cluster, j, &mut ctx);

    let mut suspend_changed = false;
    let mut active_count = ctx.active.len() as i32;
    if ctx.finished.is_some() {
        let active_ids = ctx.active.clone();
        let (deleted_ready, deleted) = manage::delete_active_pods(cluster, j, &active_ids);
        ctx.deleted.extend(active_ids.iter().copied());
        active_count -= deleted;
        ctx.terminating += deleted;
        ctx.ready -= deleted_ready;
    } else {
        let mut manage_called = false;
        if cluster.jobs[j].meta.deletion.is_none() {
            active_count = manage::manage_job(cluster, j, &mut ctx);
            manage_called = true;
        }
        let job = &cluster.jobs[j];
        let complete = match job.completions() {
            None => ctx.succeeded > 0 && active_count == 0,
            Some(c) => ctx.succeeded >= c && active_count == 0,
        };
        if complete {
            ctx.finished = Some(new_condition(
                cluster,
                "SuccessCriteriaMet",
                "CompletionsReached",
                "Reached expected number of succeeded pods",
            ));
        } else if manage_called {
            suspend_changed = update_suspended_condition(cluster, j);
        }
    }

    let status = &cluster.jobs[j].status;
    let needs_update = suspend_changed
        || active_count != status.active
        || ctx.ready != status.ready
        || ctx.terminating != status.terminating
        || !status.has_written_status;
    let status = &mut cluster.jobs[j].status;
    status.active = active_count;
    status.ready = ctx.ready;
    status.terminating = ctx.terminating;
    tracking::track_job_status_and_remove_finalizers(cluster, j, ctx, needs_update);
}

/// Steps 1–4 of the module doc: sets `ctx.finished` to the interim (or carried-over)
/// condition when the Job must finish.
fn decide_finished(cluster: &mut Cluster, j: JobIdx, ctx: &mut SyncCtx) {
    let now = cluster.now;
    let job = &cluster.jobs[j];
    let exceeds_backoff_limit = ctx.failed > job.backoff_limit();
    ctx.finished = job
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "SuccessCriteriaMet" && c.status == ConditionStatus::True)
        .cloned();
    if ctx.finished.is_none() {
        if let Some(target) = job
            .status
            .conditions
            .iter()
            .find(|c| c.type_ == "FailureTarget" && c.status == ConditionStatus::True)
        {
            let (reason, message) = (target.reason.clone(), target.message.clone());
            ctx.finished = Some(new_condition(cluster, "Failed", &reason, &message));
        } else if let Some(message) = fail_job_message(cluster, j, &ctx.pods) {
            ctx.finished = Some(new_condition(
                cluster,
                "FailureTarget",
                "PodFailurePolicy",
                &message,
            ));
        }
    }
    let job = &cluster.jobs[j];
    if ctx.finished.is_none() {
        if exceeds_backoff_limit || past_backoff_limit_on_failure(cluster, j, &ctx.pods) {
            ctx.finished = Some(new_condition(
                cluster,
                "FailureTarget",
                "BackoffLimitExceeded",
                "Job has reached the specified backoff limit",
            ));
        } else if past_active_deadline(cluster, j) {
            ctx.finished = Some(new_condition(
                cluster,
                "FailureTarget",
                "DeadlineExceeded",
                "Job was active longer than specified deadline",
            ));
        } else if let (Some(ads), Some(start), false) = (
            job.spec.active_deadline_seconds,
            job.status.start_time,
            job.is_suspended(),
        ) {
            let deadline = start + SimDuration::from_secs(ads.max(0) as u64);
            enqueue_after(cluster, j, deadline.since(now));
        }
    }
    let job = &cluster.jobs[j];
    if job.is_indexed() {
        let completions = job.completions().unwrap_or(0);
        let pods: Vec<&crate::objects::Pod> = ctx.pods.iter().map(|id| cluster.pod(*id)).collect();
        let (prev, succeeded) =
            indexed::calculate_succeeded_indexes(&job.status.completed_indexes, completions, &pods);
        ctx.succeeded = succeeded.total() as i32;
        if job.has_backoff_limit_per_index() {
            let failed = indexed::calculate_failed_indexes(
                &job.spec,
                job.status.failed_indexes.as_deref(),
                &pods,
            );
            if ctx.finished.is_none() {
                if job
                    .spec
                    .max_failed_indexes
                    .is_some_and(|max| failed.total() > max.max(0) as usize)
                {
                    ctx.finished = Some(new_condition(
                        cluster,
                        "FailureTarget",
                        "MaxFailedIndexesExceeded",
                        "Job has exceeded the specified maximal number of failed indexes",
                    ));
                } else if failed.total() > 0
                    && failed.total() + succeeded.total() >= completions.max(0) as usize
                {
                    ctx.finished = Some(new_condition(
                        cluster,
                        "FailureTarget",
                        "FailedIndexes",
                        "Job has failed indexes",
                    ));
                }
            }
            let delayed = indexed::get_pods_with_delayed_deletion_per_index(
                &job.spec,
                &pods,
                &succeeded,
                &failed,
                &Default::default(),
            );
            ctx.delayed_deletion =
                crate::sort::map_of(delayed.into_iter().map(|(ix, pod)| (ix, pod.id)));
            ctx.failed_indexes = Some(failed);
        }
        if ctx.finished.is_none()
            && let Some(message) = success_policy::match_success_policy(
                job.spec.success_policy.as_ref(),
                completions,
                &succeeded,
            )
        {
            ctx.finished = Some(new_condition(
                cluster,
                "SuccessCriteriaMet",
                "SuccessPolicy",
                &message,
            ));
        }
        ctx.prev_succeeded_indexes = prev;
        ctx.succeeded_indexes = succeeded;
    }
}

/// `getFailJobMessage`: the first failed pod that matches a `FailJob` rule.
fn fail_job_message(cluster: &Cluster, j: JobIdx, pods: &[PodId]) -> Option<String> {
    let job = &cluster.jobs[j];
    let policy = job.spec.pod_failure_policy.as_ref()?;
    let only_failed = job.only_replace_failed_pods();
    pods.iter()
        .map(|id| cluster.pod(*id))
        .filter(|pod| indexed::is_pod_failed(pod, only_failed))
        .find_map(|pod| {
            pod_failure_policy::match_pod_failure_policy(policy, pod).job_failure_message
        })
}

/// `pastBackoffLimitOnFailure`: with restartPolicy OnFailure, the restarts of all init and
/// app containers of Running or Pending pods reach backoffLimit (or exceed 0).
fn past_backoff_limit_on_failure(cluster: &Cluster, j: JobIdx, pods: &[PodId]) -> bool {
    let job = &cluster.jobs[j];
    if job.restart_policy() != "OnFailure" {
        return false;
    }
    let restarts: i32 = pods
        .iter()
        .map(|id| cluster.pod(*id))
        .filter(|p| matches!(p.status.phase, PodPhase::Running | PodPhase::Pending))
        .flat_map(|p| {
            p.status
                .init_container_statuses
                .iter()
                .chain(p.status.container_statuses.iter())
        })
        .map(|c| c.restart_count)
        .sum();
    let limit = job.backoff_limit();
    if limit == 0 {
        restarts > 0
    } else {
        restarts >= limit
    }
}

/// `pastActiveDeadline`: `now − startTime ≥ activeDeadlineSeconds`, never while suspended.
fn past_active_deadline(cluster: &Cluster, j: JobIdx) -> bool {
    let job = &cluster.jobs[j];
    match (job.spec.active_deadline_seconds, job.status.start_time) {
        (Some(ads), Some(start)) if !job.is_suspended() => {
            cluster.now.since(start) >= SimDuration::from_secs(ads.max(0) as u64)
        }
        _ => false,
    }
}

/// The `Suspended` condition and events on suspend and resume (`ensureJobConditionStatus`:
/// a False condition is never added where none exists). Returns whether it changed.
fn update_suspended_condition(cluster: &mut Cluster, j: JobIdx) -> bool {
    let suspended = cluster.jobs[j].is_suspended();
    let (status, reason, message) = if suspended {
        (ConditionStatus::True, "JobSuspended", "Job suspended")
    } else {
        (ConditionStatus::False, "JobResumed", "Job resumed")
    };
    let now = cluster.now.truncated_to_secs();
    let conditions = &mut cluster.jobs[j].status.conditions;
    let changed = match conditions.iter_mut().find(|c| c.type_ == "Suspended") {
        Some(c) if c.status != status || c.reason != reason || c.message != message => {
            *c = JobCondition {
                type_: "Suspended",
                status,
                reason: reason.into(),
                message: message.into(),
                time: now,
            };
            true
        }
        Some(_) => false,
        None if status == ConditionStatus::True => {
            conditions.push(JobCondition {
                type_: "Suspended",
                status,
                reason: reason.into(),
                message: message.into(),
                time: now,
            });
            true
        }
        None => false,
    };
    if changed {
        if suspended {
            job_event(cluster, j, EventType::Normal, "Suspended", "Job suspended");
        } else {
            job_event(cluster, j, EventType::Normal, "Resumed", "Job resumed");
            // Resuming restarts the deadline clock.
            cluster.jobs[j].status.start_time = Some(now);
        }
    }
    changed
}
