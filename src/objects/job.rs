//! Jobs as stored: metadata, the defaulted `batch/v1` spec, and the status the Job controller
//! writes, with typed fields instead of the wire format's options.

use std::collections::BTreeSet;

use std::sync::Arc;

use k8s_openapi::api::batch::v1::JobSpec;
use k8s_openapi::api::core::v1::PodSpec;

use super::meta::ObjectMeta;
use super::pod::PodId;
use crate::sim::clock::SimTime;

/// `True`, `False` or `Unknown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConditionStatus {
    True,
    False,
}

impl ConditionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ConditionStatus::True => "True",
            ConditionStatus::False => "False",
        }
    }
}

/// One entry of `status.conditions` (`batch/v1` JobCondition).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobCondition {
    pub type_: &'static str,
    pub status: ConditionStatus,
    pub reason: String,
    pub message: String,
    /// lastProbeTime and lastTransitionTime: the Job controller sets both to the same instant.
    pub time: SimTime,
}

/// `status` of a Job.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JobStatus {
    pub active: i32,
    pub ready: i32,
    pub succeeded: i32,
    pub failed: i32,
    pub terminating: i32,
    pub start_time: Option<SimTime>,
    pub completion_time: Option<SimTime>,
    pub conditions: Vec<JobCondition>,
    pub completed_indexes: String,
    pub failed_indexes: Option<String>,
    /// `uncountedTerminatedPods`: always empty between syncs in jobsim, kept for `-o yaml`.
    pub has_written_status: bool,
}

impl JobStatus {
    pub fn condition(&self, type_: &str) -> Option<&JobCondition> {
        self.conditions.iter().find(|c| c.type_ == type_)
    }

    /// The condition `type_` exists with status True.
    pub fn is_true(&self, type_: &str) -> bool {
        self.condition(type_)
            .is_some_and(|c| c.status == ConditionStatus::True)
    }

    /// `util.IsJobFinished`: Complete or Failed is True.
    pub fn is_finished(&self) -> bool {
        self.is_true("Complete") || self.is_true("Failed")
    }

    /// The terminal condition, if any.
    pub fn finished_condition(&self) -> Option<&JobCondition> {
        self.conditions.iter().find(|c| {
            (c.type_ == "Complete" || c.type_ == "Failed") && c.status == ConditionStatus::True
        })
    }
}

/// A stored Job and the pods that belong to it.
#[derive(Clone, Debug)]
pub struct JobRecord {
    pub meta: ObjectMeta,
    pub spec: JobSpec,
    pub status: JobStatus,
    /// Every pod the controller created for this Job, in creation order.
    pub pods: Vec<PodId>,
    /// The pods the controller still has to look at: not yet removed, and either not
    /// finished or still holding the tracking finalizer.
    pub live_pods: BTreeSet<PodId>,
    /// When the object left the API server (deleted, e.g. by the TTL controller).
    pub removed: Option<SimTime>,
    /// The last applied manifest, as `kubectl apply` records it.
    pub last_applied: Option<String>,
    /// The spec every new pod gets (the template's, plus the Indexed env var), shared.
    pub pod_spec: Arc<PodSpec>,
    /// The template's labels and annotations, shared by every new pod until one changes.
    pub pod_labels: super::meta::SharedMap,
    pub pod_annotations: super::meta::SharedMap,
    /// The controller reference every pod of this Job carries, shared.
    pub pod_owner: Arc<super::meta::OwnerReference>,
}

impl JobRecord {
    pub fn completions(&self) -> Option<i32> {
        self.spec.completions
    }

    pub fn parallelism(&self) -> i32 {
        self.spec.parallelism.unwrap_or(1)
    }

    pub fn backoff_limit(&self) -> i32 {
        self.spec.backoff_limit.unwrap_or(6)
    }

    pub fn is_indexed(&self) -> bool {
        self.spec.completion_mode.as_deref() == Some("Indexed")
    }

    pub fn is_suspended(&self) -> bool {
        self.spec.suspend == Some(true)
    }

    pub fn restart_policy(&self) -> &str {
        self.spec
            .template
            .spec
            .as_ref()
            .and_then(|s| s.restart_policy.as_deref())
            .unwrap_or("Always")
    }

    /// `podReplacementPolicy: Failed` (`onlyReplaceFailedPods`).
    pub fn only_replace_failed_pods(&self) -> bool {
        self.spec.pod_replacement_policy.as_deref() == Some("Failed")
    }

    pub fn has_backoff_limit_per_index(&self) -> bool {
        self.spec.backoff_limit_per_index.is_some()
    }
}
