//! The Job controller, mirroring `pkg/controller/job` of Kubernetes.
//!
//! - `mod.rs` (this file): the work queue (`enqueueSyncJob*`), the controller's memory
//!   (back-off records) and pod naming;
//! - [`sync`]: `syncJob`, the decision of whether the Job finishes and how;
//! - [`manage`]: `manageJob`, creating and deleting pods;
//! - [`tracking`]: `trackJobStatusAndRemoveFinalizers`, counting finished pods;
//! - the rule files: [`backoff`], [`indexed`], [`pod_failure_policy`], [`success_policy`].

pub mod backoff;
pub mod indexed;
mod manage;
pub mod pod_failure_policy;
pub mod success_policy;
mod sync;
mod tracking;

use std::collections::BTreeMap;

use crate::objects::{EventType, Involved};
use crate::sim::clock::{SimDuration, SimTime};
use crate::sim::{Cluster, JobIdx, Wake};
use backoff::BackoffRecord;

/// `syncJobBatchPeriod`: pod events are batched for one second.
pub const SYNC_JOB_BATCH_PERIOD: SimDuration = SimDuration::from_secs(1);
pub use backoff::{DEFAULT_JOB_POD_FAILURE_BACKOFF, MAX_JOB_POD_FAILURE_BACKOFF};
pub use sync::JOB_CONTROLLER_NAME;
/// `MaxPodCreateDeletePerSync` and `MaxUncountedPods`.
pub const MAX_POD_CREATE_DELETE_PER_SYNC: usize = 500;
pub const MAX_UNCOUNTED_PODS: usize = 500;

/// The Job controller's own memory: when each Job is due for a sync, and its pod-failure
/// back-off record (`podBackoffStore`).
#[derive(Clone, Debug, Default)]
pub struct Controller {
    sync_at: BTreeMap<JobIdx, SimTime>,
    backoff: BTreeMap<JobIdx, BackoffRecord>,
}

impl Controller {
    /// Drops what the controller remembers about a deleted Job.
    pub fn forget(&mut self, j: JobIdx) {
        self.backoff.remove(&j);
    }
}

impl Cluster {
    /// The Job controller's pod-failure back-off record for Job `j` (what delays its next
    /// pod after failures), if it has one.
    pub fn job_backoff(&self, j: JobIdx) -> Option<BackoffRecord> {
        self.job_controller.backoff.get(&j).copied()
    }
}

/// `enqueueSyncJobImmediately`: Job added, deleted, or its spec changed.
pub fn enqueue_immediately(cluster: &mut Cluster, j: JobIdx) {
    enqueue_after(cluster, j, SimDuration::ZERO);
}

/// `enqueueSyncJobBatched`: a pod event or a status-only Job update.
pub fn enqueue_batched(cluster: &mut Cluster, j: JobIdx) {
    enqueue_after(cluster, j, SYNC_JOB_BATCH_PERIOD);
}

/// `queue.AddAfter`: a Job already waiting keeps the earlier of its two times.
pub fn enqueue_after(cluster: &mut Cluster, j: JobIdx, delay: SimDuration) {
    let at = cluster.now + delay;
    if cluster
        .job_controller
        .sync_at
        .get(&j)
        .is_some_and(|t| *t <= at)
    {
        return;
    }
    cluster.job_controller.sync_at.insert(j, at);
    cluster.schedule(at, Wake::SyncJob(j));
}

/// The work queue hands out Job `j` (if this wake-up is the current one for it).
pub fn on_queue_wake(cluster: &mut Cluster, j: JobIdx) {
    if cluster.job_controller.sync_at.get(&j) != Some(&cluster.now) {
        return;
    }
    cluster.job_controller.sync_at.remove(&j);
    sync::sync_job(cluster, j);
}

/// `updateJob` with a generation change: sync now, and re-arm the deadline if it changed.
pub fn on_spec_changed(cluster: &mut Cluster, j: JobIdx) {
    enqueue_immediately(cluster, j);
    let job = &cluster.jobs[j];
    if let (Some(start), Some(ads)) = (job.status.start_time, job.spec.active_deadline_seconds) {
        let deadline = start + SimDuration::from_secs(ads.max(0) as u64);
        let delay = deadline.since(cluster.now);
        enqueue_after(cluster, j, delay);
    }
}

/// `getPodsPrefix`: `<job>-` when that is a valid name prefix, else `<job>`.
pub fn pods_prefix(job_name: &str) -> String {
    let prefix = format!("{job_name}-");
    if prefix.len() > 63 {
        job_name.to_string()
    } else {
        prefix
    }
}

/// `podGenerateNameWithIndex`: `<job>-<index>-`, with the Job name cut so the prefix stays
/// within `MaxGeneratedNameLength` (58).
pub fn pod_generate_name_with_index(job_name: &str, index: i32) -> String {
    let append = format!("-{index}-");
    let max_name = 58usize.saturating_sub(append.len());
    let name: String = job_name.chars().take(max_name).collect();
    format!("{name}{append}")
}

/// Records an event from the `job-controller` source about Job `j`.
pub(crate) fn job_event(
    cluster: &mut Cluster,
    j: JobIdx,
    type_: EventType,
    reason: impl Into<std::borrow::Cow<'static, str>>,
    message: impl Into<crate::objects::event::Message>,
) {
    cluster.record_event(
        Involved::Job(j as u32),
        None,
        type_,
        reason,
        message,
        crate::objects::event::Source::JobController,
        None,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_generate_names_keep_the_index_within_58_characters() {
        assert_eq!(
            pod_generate_name_with_index("indexed-job", 2),
            "indexed-job-2-"
        );
        let long = "a".repeat(70);
        let name = pod_generate_name_with_index(&long, 12);
        assert_eq!(name.len(), 58);
        assert!(name.ends_with("-12-"));
    }
}
