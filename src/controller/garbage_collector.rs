//! The garbage collector (`pkg/controller/garbagecollector`), for the one relationship
//! jobsim has: pods owned by a Job. When a Job is deleted in the background, its pods are
//! deleted after it; in the foreground, they are deleted first and the Job goes once they
//! are gone (`foregroundDeletion` finalizer).

use crate::objects::PodId;
use crate::sim::clock::SimDuration;
use crate::sim::{Cluster, JobIdx, Wake};

/// How long the garbage collector takes to notice a deletion and act.
pub const LATENCY: SimDuration = SimDuration::from_millis(120);

/// Deletes the dependents of Job `j`; for a foreground deletion, removes the Job once they
/// are all gone.
pub fn collect(cluster: &mut Cluster, j: JobIdx) {
    let dependents: Vec<PodId> = cluster.jobs[j]
        .pods
        .iter()
        .copied()
        .filter(|id| {
            let pod = cluster.pod(*id);
            pod.removed.is_none()
                && pod
                    .meta
                    .owner
                    .as_ref()
                    .is_some_and(|o| o.uid == cluster.jobs[j].meta.uid)
        })
        .collect();
    for id in &dependents {
        if cluster.pod(*id).meta.deletion.is_none() {
            cluster.delete_pod(*id, None, false);
        }
        // An owner that is gone no longer keeps the tracking finalizer: the Job controller's
        // orphan handling removes it.
        if cluster.jobs[j].removed.is_some() {
            let pod = cluster.pod_mut(*id);
            if pod
                .meta
                .remove_finalizer(crate::apiserver::store::JOB_TRACKING_FINALIZER)
            {
                cluster.pod_written(*id);
                cluster.try_remove_pod(*id);
            }
        }
    }
    let foreground = cluster.jobs[j].meta.has_finalizer("foregroundDeletion");
    if foreground && cluster.jobs[j].removed.is_none() {
        let remaining = dependents
            .iter()
            .any(|id| cluster.pod(*id).removed.is_none());
        if remaining {
            cluster.schedule(
                cluster.now + SimDuration::from_secs(1),
                Wake::GarbageCollect(j),
            );
        } else {
            cluster.jobs[j].meta.remove_finalizer("foregroundDeletion");
            cluster.remove_job(j);
        }
    } else if cluster.jobs[j].removed.is_some()
        && dependents
            .iter()
            .any(|id| cluster.pod(*id).removed.is_none())
    {
        // Pods still terminating: look again so their finalizers are cleaned up.
        cluster.schedule(
            cluster.now + SimDuration::from_secs(1),
            Wake::GarbageCollect(j),
        );
    }
}
