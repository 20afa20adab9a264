//! Pods as the API server stores them: metadata, a shared spec, and the status the kubelet
//! and scheduler write (`core/v1` PodStatus, the parts Jobs show).

use std::sync::Arc;

use k8s_openapi::api::core::v1::PodSpec;

use super::meta::ObjectMeta;
use crate::sim::clock::SimTime;

/// A pod's index in the cluster's pod arena; stable for the life of the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PodId(pub u32);

/// `status.phase`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PodPhase {
    Pending,
    Running,
    Succeeded,
    Failed,
}

impl PodPhase {
    pub fn as_str(self) -> &'static str {
        match self {
            PodPhase::Pending => "Pending",
            PodPhase::Running => "Running",
            PodPhase::Succeeded => "Succeeded",
            PodPhase::Failed => "Failed",
        }
    }

    /// Succeeded or Failed: the phase never changes again.
    pub fn is_terminal(self) -> bool {
        matches!(self, PodPhase::Succeeded | PodPhase::Failed)
    }
}

/// One entry of `status.conditions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodCondition {
    pub type_: &'static str,
    pub status: bool,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub last_transition: SimTime,
}

/// `state` / `lastState` of a container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContainerState {
    Waiting {
        reason: String,
        message: Option<String>,
    },
    Running {
        started_at: SimTime,
    },
    Terminated {
        exit_code: i32,
        reason: String,
        message: Option<String>,
        started_at: SimTime,
        finished_at: SimTime,
    },
}

impl ContainerState {
    /// A waiting state with just a reason (`ContainerCreating`, `PodInitializing`).
    pub fn waiting(reason: &str) -> Self {
        ContainerState::Waiting {
            reason: reason.to_string(),
            message: None,
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self, ContainerState::Running { .. })
    }

    pub fn exit_code(&self) -> Option<i32> {
        match self {
            ContainerState::Terminated { exit_code, .. } => Some(*exit_code),
            _ => None,
        }
    }
}

/// One entry of `status.containerStatuses` / `initContainerStatuses`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerStatus {
    pub name: String,
    pub image: String,
    pub image_id: String,
    pub container_id: Option<String>,
    pub ready: bool,
    pub started: bool,
    pub restart_count: i32,
    pub state: ContainerState,
    pub last_state: Option<ContainerState>,
}

/// `status` of a pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodStatus {
    pub phase: PodPhase,
    pub conditions: Vec<PodCondition>,
    pub init_container_statuses: Vec<ContainerStatus>,
    pub container_statuses: Vec<ContainerStatus>,
    pub start_time: Option<SimTime>,
    pub pod_ip: Option<String>,
    pub host_ip: Option<String>,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub qos_class: &'static str,
}

/// A pod object.
#[derive(Clone, Debug)]
pub struct Pod {
    pub id: PodId,
    pub meta: ObjectMeta,
    /// The spec, shared with the other pods of the same Job template.
    pub spec: Arc<PodSpec>,
    /// Per-pod spec fields the Job controller sets on Indexed pods.
    pub hostname: Option<String>,
    pub completion_index: Option<i32>,
    pub node_name: Option<String>,
    pub status: PodStatus,
    /// When the object left the API server (finalizers gone and, if it was deleted, the
    /// kubelet confirmed). It stays in the arena so runs can report every pod they made.
    pub removed: Option<SimTime>,
}

impl Pod {
    /// The `Ready` condition is True.
    pub fn is_ready(&self) -> bool {
        self.condition("Ready").is_some_and(|c| c.status)
    }

    /// `controller.IsPodActive`: not terminal and not being deleted.
    pub fn is_active(&self) -> bool {
        !self.status.phase.is_terminal() && self.meta.deletion.is_none() && self.removed.is_none()
    }

    /// `controller.CountTerminatingPods`: being deleted and not terminal.
    pub fn is_terminating(&self) -> bool {
        self.meta.deletion.is_some() && !self.status.phase.is_terminal() && self.removed.is_none()
    }

    pub fn condition(&self, type_: &str) -> Option<&PodCondition> {
        self.status.conditions.iter().find(|c| c.type_ == type_)
    }

    /// Sets (or adds) a condition; the transition time changes only when the status does.
    pub fn set_condition(
        &mut self,
        type_: &'static str,
        status: bool,
        reason: Option<&str>,
        now: SimTime,
    ) {
        let now = now.truncated_to_secs();
        let reason = reason.map(str::to_string);
        match self.status.conditions.iter_mut().find(|c| c.type_ == type_) {
            Some(c) => {
                if c.status != status {
                    c.last_transition = now;
                }
                c.status = status;
                c.reason = reason;
            }
            None => self.status.conditions.push(PodCondition {
                type_,
                status,
                reason,
                message: None,
                last_transition: now,
            }),
        }
    }

    /// Total restarts of the app containers (what `kubectl get pods` RESTARTS shows).
    pub fn restarts(&self) -> i32 {
        self.status
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .sum()
    }
}
