//! The TTL-after-finished controller (`pkg/controller/ttlafterfinished`): a finished Job
//! with `ttlSecondsAfterFinished` is deleted, with foreground propagation, once that many
//! seconds have passed since its Complete or Failed condition.

use crate::apiserver::store::Propagation;
use crate::sim::clock::SimDuration;
use crate::sim::{Cluster, JobIdx, Wake};

/// A Job finished: if it has a TTL, come back when it expires.
pub fn job_finished(cluster: &mut Cluster, j: JobIdx) {
    if let Some(expiry) = expiry(cluster, j) {
        cluster.schedule(expiry, Wake::TtlAfterFinished(j));
    }
}

/// When Job `j` expires: the finish time (`lastTransitionTime` of the terminal condition)
/// plus the TTL.
pub fn expiry(cluster: &Cluster, j: JobIdx) -> Option<crate::sim::clock::SimTime> {
    let job = &cluster.jobs[j];
    let ttl = job.spec.ttl_seconds_after_finished?;
    let finished = job.status.finished_condition()?.time;
    Some(finished + SimDuration::from_secs(ttl.max(0) as u64))
}

/// Re-reads the Job and deletes it if it has expired (`processJob`).
pub fn check(cluster: &mut Cluster, j: JobIdx) {
    let job = &cluster.jobs[j];
    if job.removed.is_some() || job.meta.deletion.is_some() {
        return;
    }
    match expiry(cluster, j) {
        Some(at) if at <= cluster.now => cluster.delete_job(j, Propagation::Foreground),
        Some(at) => cluster.schedule(at, Wake::TtlAfterFinished(j)),
        None => {}
    }
}
