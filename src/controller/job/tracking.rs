//! `trackJobStatusAndRemoveFinalizers`, in upstream's four steps:
//!
//! 1. add newly finished pods to `uncountedTerminatedPods` (and write the interim
//!    `FailureTarget` / `SuccessCriteriaMet` condition);
//! 2. remove their tracking finalizers;
//! 3. move them into the `succeeded` / `failed` counters (Indexed: `completedIndexes`);
//! 4. add the terminal `Complete` / `Failed` condition once nothing is uncounted and no pod
//!    is terminating, with its event.
//!
//! In jobsim the two status writes of one sync happen at the same instant.

use super::indexed;
use super::sync::{SyncCtx, new_condition};
use super::{MAX_UNCOUNTED_PODS, enqueue_batched, job_event, pod_failure_policy};
use crate::apiserver::store::JOB_TRACKING_FINALIZER;
use crate::objects::{EventType, PodId, PodPhase};
use crate::sim::{Cluster, JobIdx};

pub(super) fn track_job_status_and_remove_finalizers(
    cluster: &mut Cluster,
    j: JobIdx,
    mut ctx: SyncCtx,
    mut needs_flush: bool,
) {
    let job = &cluster.jobs[j];
    let is_indexed = job.is_indexed();
    let completions = job.completions().unwrap_or(0);
    let only_failed = job.only_replace_failed_pods();
    let job_deleting = job.meta.deletion.is_some();
    let finishing_as_failure = ctx
        .finished
        .as_ref()
        .is_some_and(|c| c.type_ != "SuccessCriteriaMet");

    let mut to_remove: Vec<PodId> = Vec::new();
    let mut new_succeeded_indexes: Vec<i32> = Vec::new();
    let (mut uncounted_succeeded, mut uncounted_failed) = (0i32, 0i32);
    let mut reached_max = false;
    let mut pods = ctx.pods.clone();
    if is_indexed {
        crate::sort::sort_by_key(&mut pods, |id| {
            indexed::completion_index(cluster.pod(*id)).unwrap_or(i64::MAX)
        });
    }
    for id in pods {
        let pod = cluster.pod(id);
        let consider_failed =
            indexed::is_pod_failed(pod, only_failed) && !ctx.deleted.contains(&id);
        let might_remove = job_deleting
            || ctx.finished.is_some()
            || pod.status.phase == PodPhase::Succeeded
            || consider_failed;
        if !might_remove || !indexed::has_job_tracking_finalizer(pod) {
            continue;
        }
        // canRemoveFinalizer
        let can_remove = job_deleting
            || ctx.finished.is_some()
            || pod.status.phase == PodPhase::Succeeded
            || (consider_failed && !delayed(&ctx, pod));
        if !can_remove {
            continue;
        }
        to_remove.push(id);
        if pod.status.phase == PodPhase::Succeeded {
            if is_indexed {
                if let Some(ix) = indexed::completion_index_in_range(pod, completions)
                    && !ctx.prev_succeeded_indexes.has(ix)
                {
                    new_succeeded_indexes.push(ix);
                    needs_flush = true;
                }
            } else {
                uncounted_succeeded += 1;
                needs_flush = true;
            }
        } else if consider_failed || finishing_as_failure {
            // When the Job finishes as failed, every pod that did not succeed counts as failed.
            let valid =
                !is_indexed || indexed::completion_index_in_range(pod, completions).is_some();
            if valid {
                let counts = match &cluster.jobs[j].spec.pod_failure_policy {
                    Some(policy) => {
                        pod_failure_policy::match_pod_failure_policy(policy, pod).count_failed
                    }
                    None => true,
                };
                if counts {
                    uncounted_failed += 1;
                    needs_flush = true;
                }
            }
        }
        if new_succeeded_indexes.len() + (uncounted_succeeded + uncounted_failed) as usize
            >= MAX_UNCOUNTED_PODS
        {
            reached_max = true;
            break;
        }
    }

    let now = cluster.now.truncated_to_secs();
    {
        let status = &mut cluster.jobs[j].status;
        if is_indexed {
            ctx.succeeded_indexes = ctx
                .succeeded_indexes
                .with_ordered_indexes(&new_succeeded_indexes);
            let text = ctx.succeeded_indexes.to_string();
            if text != status.completed_indexes {
                needs_flush = true;
            }
            status.succeeded = ctx.succeeded_indexes.total() as i32;
            status.completed_indexes = text;
            let failed_text = ctx.failed_indexes.as_ref().map(|f| f.to_string());
            if failed_text != status.failed_indexes {
                status.failed_indexes = failed_text;
                needs_flush = true;
            }
        }
    }
    // The interim condition is written before finalizers are removed.
    if let Some(cond) = ctx.finished.take() {
        let status = &mut cluster.jobs[j].status;
        ctx.finished = Some(match cond.type_ {
            "FailureTarget" => {
                status.conditions.push(cond.clone());
                needs_flush = true;
                new_condition(cluster, "Failed", &cond.reason, &cond.message)
            }
            "SuccessCriteriaMet" => {
                if !status
                    .conditions
                    .iter()
                    .any(|c| c.type_ == "SuccessCriteriaMet")
                {
                    status.conditions.push(cond.clone());
                    needs_flush = true;
                }
                new_condition(cluster, "Complete", &cond.reason, &cond.message)
            }
            _ => cond,
        });
    }
    if needs_flush {
        let record = ctx.new_backoff;
        cluster.job_controller.backoff.insert(j, record);
    }
    // Remove finalizers; the pods are then counted.
    for id in &to_remove {
        if cluster
            .pod_mut(*id)
            .meta
            .remove_finalizer(JOB_TRACKING_FINALIZER)
        {
            cluster.pod_written(*id);
        }
        let pod = cluster.pod(*id);
        if pod.status.phase.is_terminal() || pod.removed.is_some() {
            cluster.jobs[j].live_pods.remove(id);
        }
        cluster.try_remove_pod(*id);
    }
    {
        let status = &mut cluster.jobs[j].status;
        if !is_indexed {
            status.succeeded += uncounted_succeeded;
        }
        status.failed += uncounted_failed;
    }

    // enactJobFinished: only with nothing uncounted and no pod terminating.
    let finished = !reached_max && ctx.terminating == 0 && ctx.finished.is_some();
    if finished && let Some(cond) = ctx.finished.take() {
        let status = &mut cluster.jobs[j].status;
        if cond.type_ == "Complete" {
            status.completion_time = Some(cond.time);
        }
        match status.conditions.iter_mut().find(|c| c.type_ == cond.type_) {
            Some(existing) => *existing = cond.clone(),
            None => status.conditions.push(cond.clone()),
        }
        needs_flush = true;
        let _ = now;
        record_job_finished(cluster, j, &cond);
        crate::controller::ttl_after_finished::job_finished(cluster, j);
    }
    if needs_flush {
        write_status(cluster, j);
    }
}

/// The pod's index waits for this pod's replacement before its finalizer goes.
fn delayed(ctx: &SyncCtx, pod: &crate::objects::Pod) -> bool {
    indexed::completion_index(pod)
        .and_then(|ix| i32::try_from(ix).ok())
        .and_then(|ix| ctx.delayed_deletion.get(&ix))
        .is_some_and(|id| *id == pod.id)
}

/// `recordJobFinished`: the Completed (and TooManySucceededPods) or failure event.
fn record_job_finished(cluster: &mut Cluster, j: JobIdx, cond: &crate::objects::JobCondition) {
    let job = &cluster.jobs[j];
    if cond.type_ == "Complete" {
        if job.completions().is_some_and(|c| job.status.succeeded > c) {
            let message =
                "Too many succeeded pods running after completion count reached".to_string();
            job_event(
                cluster,
                j,
                EventType::Warning,
                "TooManySucceededPods",
                message,
            );
        }
        job_event(
            cluster,
            j,
            EventType::Normal,
            "Completed",
            "Job completed".to_string(),
        );
    } else {
        job_event(
            cluster,
            j,
            EventType::Warning,
            cond.reason.clone(),
            cond.message.clone(),
        );
    }
}

/// A status write: new resourceVersion, and (`updateJob` without a generation change) a
/// batched sync.
fn write_status(cluster: &mut Cluster, j: JobIdx) {
    let rv = cluster.serial();
    let job = &mut cluster.jobs[j];
    job.meta.resource_version = rv;
    job.status.has_written_status = true;
    if !job.status.is_finished() {
        enqueue_batched(cluster, j);
    }
}

/// A finished Job's leftover pods lose their tracking finalizer (the orphan worker's job).
pub(super) fn clean_orphan_finalizers(cluster: &mut Cluster, j: JobIdx) {
    let live: Vec<PodId> = cluster.jobs[j].live_pods.iter().copied().collect();
    for id in live {
        if cluster
            .pod_mut(id)
            .meta
            .remove_finalizer(JOB_TRACKING_FINALIZER)
        {
            cluster.pod_written(id);
        }
        let pod = cluster.pod(id);
        if pod.status.phase.is_terminal() || pod.removed.is_some() {
            cluster.jobs[j].live_pods.remove(&id);
        }
        cluster.try_remove_pod(id);
    }
}
