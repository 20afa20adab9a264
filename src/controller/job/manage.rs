//! `manageJob`: keeps the number of active pods where the spec wants it — deleting extras
//! (deletion wins over creation in a sync), waiting out the pod-failure back-off, and
//! creating missing pods (lowest pending indexes first for Indexed Jobs) in slow-start
//! batches of 1, 2, 4…

use std::collections::BTreeMap;

use super::indexed::{self, OrderedIntervals};
use super::sync::SyncCtx;
use super::{
    DEFAULT_JOB_POD_FAILURE_BACKOFF, MAX_JOB_POD_FAILURE_BACKOFF, MAX_POD_CREATE_DELETE_PER_SYNC,
    SYNC_JOB_BATCH_PERIOD, backoff, enqueue_after, job_event,
};
use crate::apiserver::store::JOB_TRACKING_FINALIZER;
use crate::objects::event::Message;
use crate::objects::{EventType, Pod, PodId};
use crate::sim::clock::SimDuration;
use crate::sim::{Cluster, JobIdx};

/// Returns the number of active pods after this sync's creations or deletions.
pub(super) fn manage_job(cluster: &mut Cluster, j: JobIdx, ctx: &mut SyncCtx) -> i32 {
    let job = &cluster.jobs[j];
    let mut active = ctx.active.len() as i32;
    let parallelism = job.parallelism();
    if job.is_suspended() {
        let all = active_pods_for_removal(cluster, j, &ctx.active, ctx.active.len());
        let (removed_ready, removed) = delete_job_pods(cluster, j, &all);
        ctx.terminating += removed;
        ctx.ready -= removed_ready;
        return active - removed;
    }
    let want_active = match job.completions() {
        None if ctx.succeeded > 0 => active,
        None => parallelism,
        Some(completions) => (completions - ctx.succeeded).min(parallelism).max(0),
    };
    let rm_at_least = (active - want_active).max(0) as usize;
    let mut to_delete = active_pods_for_removal(cluster, j, &ctx.active, rm_at_least);
    to_delete.truncate(MAX_POD_CREATE_DELETE_PER_SYNC);
    if !to_delete.is_empty() {
        let (removed_ready, removed) = delete_job_pods(cluster, j, &to_delete);
        ctx.terminating += removed;
        ctx.ready -= removed_ready;
        return active - removed;
    }

    let job = &cluster.jobs[j];
    let terminating = if job.only_replace_failed_pods() {
        ctx.terminating
    } else {
        0
    };
    let mut diff = want_active - terminating - active;
    if diff <= 0 {
        return active;
    }
    if !job.has_backoff_limit_per_index() {
        let remaining = backoff::remaining_time(
            &ctx.new_backoff,
            cluster.now,
            DEFAULT_JOB_POD_FAILURE_BACKOFF,
            MAX_JOB_POD_FAILURE_BACKOFF,
        );
        if remaining > SimDuration::ZERO {
            enqueue_after(cluster, j, remaining.max(SYNC_JOB_BATCH_PERIOD));
            return active;
        }
    }
    diff = diff.min(MAX_POD_CREATE_DELETE_PER_SYNC as i32);

    let mut indexes: Vec<Option<i32>> = vec![None; diff as usize];
    if job.is_indexed() {
        let completions = job.completions().unwrap_or(0);
        let pending = first_pending(cluster, j, ctx, diff as usize, completions);
        let pending = if job.has_backoff_limit_per_index() {
            let (now_indexes, remaining) = creatable_now(cluster, ctx, pending);
            if remaining > SimDuration::ZERO {
                enqueue_after(cluster, j, remaining.max(SYNC_JOB_BATCH_PERIOD));
                return active;
            }
            now_indexes
        } else {
            pending
        };
        indexes = pending.into_iter().map(Some).collect();
    }
    // Slow start: batches of 1, 2, 4, … All creates succeed in the simulation, so every
    // missing pod is created in this sync, in index order.
    for index in indexes {
        let mut annotations = BTreeMap::new();
        if let Some(ix) = index
            && cluster.jobs[j].has_backoff_limit_per_index()
        {
            let replaced = ctx
                .delayed_deletion
                .get(&ix)
                .map(|id| cluster.pod(*id).clone());
            indexed::add_index_failure_count_annotation(
                &mut annotations,
                cluster.jobs[j].spec.pod_failure_policy.as_ref(),
                replaced.as_ref(),
            );
        }
        let extra: Vec<(String, String)> = annotations.into_iter().collect();
        let id = cluster.create_job_pod(j, index, &extra);
        job_event(
            cluster,
            j,
            EventType::Normal,
            "SuccessfulCreate",
            Message::CreatedPod(id),
        );
        active += 1;
    }
    active
}

/// `firstPendingIndexes` over this sync's pods.
fn first_pending(
    cluster: &Cluster,
    j: JobIdx,
    ctx: &SyncCtx,
    count: usize,
    completions: i32,
) -> Vec<i32> {
    let job = &cluster.jobs[j];
    let active = ctx
        .active
        .iter()
        .filter_map(|id| indexed::completion_index(cluster.pod(*id)));
    let terminating: Vec<i64> = if job.only_replace_failed_pods() {
        ctx.pods
            .iter()
            .map(|id| cluster.pod(*id))
            .filter(|p| p.is_terminating())
            .filter_map(indexed::completion_index)
            .collect()
    } else {
        Vec::new()
    };
    let failed: Option<&OrderedIntervals> = ctx.failed_indexes.as_ref();
    indexed::first_pending_indexes(
        completions,
        count,
        &ctx.succeeded_indexes,
        active,
        terminating,
        failed,
    )
}

/// `getPodCreationInfoForIndependentIndexes`: the indexes whose per-index back-off is over,
/// or, if none is, the shortest wait.
fn creatable_now(cluster: &Cluster, ctx: &SyncCtx, indexes: Vec<i32>) -> (Vec<i32>, SimDuration) {
    let mut now_indexes = Vec::new();
    let mut min_remaining: Option<SimDuration> = None;
    for ix in indexes {
        let last_failed = ctx.delayed_deletion.get(&ix).map(|id| cluster.pod(*id));
        let remaining = backoff::remaining_time_per_index(
            cluster.now,
            DEFAULT_JOB_POD_FAILURE_BACKOFF,
            MAX_JOB_POD_FAILURE_BACKOFF,
            last_failed,
        );
        if remaining == SimDuration::ZERO {
            now_indexes.push(ix);
        } else if min_remaining.is_none_or(|m| remaining < m) {
            min_remaining = Some(remaining);
        }
    }
    if now_indexes.is_empty() {
        (now_indexes, min_remaining.unwrap_or(SimDuration::ZERO))
    } else {
        (now_indexes, SimDuration::ZERO)
    }
}

/// `activePodsForRemoval`: for Indexed Jobs, pods with a repeated, missing or out-of-range
/// index first; then the least advanced pods (`controller.ActivePods` order).
fn active_pods_for_removal(
    cluster: &Cluster,
    j: JobIdx,
    active: &[PodId],
    rm_at_least: usize,
) -> Vec<PodId> {
    let job = &cluster.jobs[j];
    let pods: Vec<&Pod> = active.iter().map(|id| cluster.pod(*id)).collect();
    let (mut rm, mut left) = if job.is_indexed() {
        indexed::append_duplicated_index_pods_for_removal(&pods, job.completions().unwrap_or(0))
    } else {
        (Vec::new(), pods)
    };
    if rm.len() < rm_at_least {
        crate::sort::sort_by(&mut left, |a, b| indexed::active_pods_order(a, b));
        let take = (rm_at_least - rm.len()).min(left.len());
        rm.extend(left.into_iter().take(take));
    }
    rm.into_iter().map(|p| p.id).collect()
}

/// `deleteJobPods`: removes the tracking finalizer, then deletes (suspend, scale-down,
/// duplicates). Returns (ready pods deleted, pods deleted).
fn delete_job_pods(cluster: &mut Cluster, j: JobIdx, ids: &[PodId]) -> (i32, i32) {
    let mut ready = 0;
    for id in ids {
        if cluster
            .pod_mut(*id)
            .meta
            .remove_finalizer(JOB_TRACKING_FINALIZER)
        {
            cluster.pod_written(*id);
        }
        ready += delete_one(cluster, j, *id);
    }
    (ready, ids.len() as i32)
}

/// `deleteActivePods`: deletes keeping the finalizers (the tracking step removes them),
/// used when the Job is finishing. Returns (ready pods deleted, pods deleted).
pub(super) fn delete_active_pods(cluster: &mut Cluster, j: JobIdx, ids: &[PodId]) -> (i32, i32) {
    let mut ready = 0;
    for id in ids {
        ready += delete_one(cluster, j, *id);
    }
    (ready, ids.len() as i32)
}

fn delete_one(cluster: &mut Cluster, j: JobIdx, id: PodId) -> i32 {
    let was_ready = i32::from(cluster.pod(id).is_ready());
    cluster.delete_pod(id, None, false);
    job_event(
        cluster,
        j,
        EventType::Normal,
        "SuccessfulDelete",
        Message::DeletedPod(id),
    );
    was_ready
}
