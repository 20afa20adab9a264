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
    pub reason: Option<&'static str>,
    /// A boxed `str`: every pod keeps five conditions, so each byte counts.
    pub message: Option<Box<str>>,
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
    /// `startedAt`/`finishedAt` are `None` where Go writes the zero time (`null`): a
    /// container the kubelet never saw end (`ContainerStatusUnknown`).
    Terminated {
        exit_code: i32,
        reason: String,
        message: Option<String>,
        started_at: Option<SimTime>,
        finished_at: Option<SimTime>,
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
    /// The image's digest reference, shared by every container of the image.
    pub image_id: Arc<str>,
    pub container_id: Option<String>,
    pub ready: bool,
    pub started: bool,
    pub restart_count: i32,
    pub state: ContainerState,
    /// Boxed: most containers never restart.
    pub last_state: Option<Box<ContainerState>>,
    /// The container runtime's ID of the run `last_state` describes.
    pub last_container_id: Option<Box<str>>,
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
    /// Mirrors the `Ready` condition (read on every Job sync, so kept at hand).
    pub ready: bool,
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
    /// The Job in the cluster's arena that `meta.owner` points at (kept to avoid name
    /// lookups on every status write).
    pub owner_job: Option<usize>,
    pub status: PodStatus,
    /// When the object left the API server (finalizers gone and, if it was deleted, the
    /// kubelet confirmed). It stays in the arena so runs can report every pod they made.
    pub removed: Option<SimTime>,
}

impl Pod {
    /// The `Ready` condition is True.
    pub fn is_ready(&self) -> bool {
        self.status.ready
    }

    /// `controller.IsPodActive`: not terminal and not being deleted.
    pub fn is_active(&self) -> bool {
        !self.status.phase.is_terminal() && self.meta.deletion.is_none() && self.removed.is_none()
    }

    /// `controller.CountTerminatingPods`: being deleted and not terminal.
    pub fn is_terminating(&self) -> bool {
        self.meta.deletion.is_some() && !self.status.phase.is_terminal() && self.removed.is_none()
    }

    /// The container of this pod's spec that an event's `fieldPath` names.
    pub fn container(
        &self,
        c: super::ContainerRef,
    ) -> Option<&k8s_openapi::api::core::v1::Container> {
        let index = usize::from(c.index);
        if c.init {
            self.spec.init_containers.as_ref()?.get(index)
        } else {
            self.spec.containers.get(index)
        }
    }

    pub fn condition(&self, type_: &str) -> Option<&PodCondition> {
        self.status.conditions.iter().find(|c| c.type_ == type_)
    }

    /// Sets (or adds) a condition; the transition time changes only when the status does.
    pub fn set_condition(
        &mut self,
        type_: &'static str,
        status: bool,
        reason: Option<&'static str>,
        now: SimTime,
    ) {
        if type_ == "Ready" {
            self.status.ready = status;
        }
        let now = now.truncated_to_secs();
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

/// A builder for test pods, so rule tables can state only the fields a rule reads.
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::Arc;

    use k8s_openapi::api::core::v1::{Container, PodSpec};

    use super::{ContainerState, ContainerStatus, Pod, PodCondition, PodId, PodPhase, PodStatus};
    use crate::objects::meta::ObjectMeta;
    use crate::sim::clock::SimTime;

    /// Builds a [`Pod`] named `pod-<id>` in namespace `default`, phase Pending, with no
    /// containers, annotations or conditions until a method adds them.
    pub(crate) struct PodBuilder {
        pod: Pod,
        spec: PodSpec,
    }

    impl PodBuilder {
        pub(crate) fn new(id: u32) -> Self {
            PodBuilder {
                pod: Pod {
                    id: PodId(id),
                    meta: ObjectMeta {
                        name: format!("pod-{id}"),
                        namespace: "default".to_string(),
                        uid: format!("uid-{id}"),
                        ..ObjectMeta::default()
                    },
                    spec: Arc::new(PodSpec::default()),
                    hostname: None,
                    completion_index: None,
                    node_name: None,
                    owner_job: None,
                    status: PodStatus {
                        phase: PodPhase::Pending,
                        conditions: Vec::new(),
                        init_container_statuses: Vec::new(),
                        container_statuses: Vec::new(),
                        start_time: None,
                        pod_ip: None,
                        host_ip: None,
                        reason: None,
                        message: None,
                        qos_class: "BestEffort",
                        ready: false,
                    },
                    removed: None,
                },
                spec: PodSpec::default(),
            }
        }

        pub(crate) fn name(mut self, namespace: &str, name: &str) -> Self {
            self.pod.meta.namespace = namespace.to_string();
            self.pod.meta.name = name.to_string();
            self
        }

        pub(crate) fn phase(mut self, phase: PodPhase) -> Self {
            self.pod.status.phase = phase;
            self
        }

        pub(crate) fn annotation(mut self, key: &str, value: &str) -> Self {
            std::sync::Arc::make_mut(&mut self.pod.meta.annotations)
                .insert(key.to_string(), value.to_string());
            self
        }

        /// Sets the `batch.kubernetes.io/job-completion-index` annotation verbatim.
        pub(crate) fn index(self, value: &str) -> Self {
            self.annotation("batch.kubernetes.io/job-completion-index", value)
        }

        pub(crate) fn index_failure_count(self, value: &str) -> Self {
            self.annotation("batch.kubernetes.io/job-index-failure-count", value)
        }

        pub(crate) fn index_ignored_failure_count(self, value: &str) -> Self {
            self.annotation("batch.kubernetes.io/job-index-ignored-failure-count", value)
        }

        pub(crate) fn tracking_finalizer(mut self) -> Self {
            self.pod
                .meta
                .finalizers
                .push("batch.kubernetes.io/job-tracking".to_string());
            self
        }

        pub(crate) fn created(mut self, at: SimTime) -> Self {
            self.pod.meta.creation = at;
            self
        }

        pub(crate) fn deleted(mut self, at: SimTime, grace_seconds: Option<i64>) -> Self {
            self.pod.meta.deletion = Some(at);
            self.pod.meta.deletion_grace_seconds = grace_seconds;
            self
        }

        pub(crate) fn node(mut self, node: &str) -> Self {
            self.pod.node_name = Some(node.to_string());
            self
        }

        pub(crate) fn condition(mut self, type_: &'static str, status: bool, at: SimTime) -> Self {
            if type_ == "Ready" {
                self.pod.status.ready = status;
            }
            self.pod.status.conditions.push(PodCondition {
                type_,
                status,
                reason: None,
                message: None,
                last_transition: at,
            });
            self
        }

        /// An app container status.
        pub(crate) fn container(mut self, name: &str, state: ContainerState) -> Self {
            self.pod
                .status
                .container_statuses
                .push(status(name, state, 0));
            self
        }

        /// An app container status with a restart count.
        pub(crate) fn container_restarts(mut self, name: &str, restarts: i32) -> Self {
            let state = ContainerState::Running {
                started_at: SimTime::ZERO,
            };
            self.pod
                .status
                .container_statuses
                .push(status(name, state, restarts));
            self
        }

        /// An init container status (a plain init container unless [`Self::sidecar`]
        /// declares the name restartable).
        pub(crate) fn init_container(mut self, name: &str, state: ContainerState) -> Self {
            self.pod
                .status
                .init_container_statuses
                .push(status(name, state, 0));
            self
        }

        /// An init container status with a restart count.
        pub(crate) fn init_container_restarts(mut self, name: &str, restarts: i32) -> Self {
            let state = ContainerState::Running {
                started_at: SimTime::ZERO,
            };
            self.pod
                .status
                .init_container_statuses
                .push(status(name, state, restarts));
            self
        }

        /// Declares `name` in the spec as a restartable init container (a sidecar).
        pub(crate) fn sidecar(mut self, name: &str) -> Self {
            self.spec
                .init_containers
                .get_or_insert_with(Vec::new)
                .push(Container {
                    name: name.to_string(),
                    restart_policy: Some("Always".to_string()),
                    ..Container::default()
                });
            self
        }

        pub(crate) fn build(mut self) -> Pod {
            self.pod.spec = Arc::new(self.spec);
            self.pod
        }
    }

    /// A terminated state with the given exit code, finished at `finished_at`.
    pub(crate) fn terminated(exit_code: i32, finished_at: SimTime) -> ContainerState {
        ContainerState::Terminated {
            exit_code,
            reason: if exit_code == 0 { "Completed" } else { "Error" }.to_string(),
            message: None,
            started_at: Some(SimTime::ZERO),
            finished_at: Some(finished_at),
        }
    }

    fn status(name: &str, state: ContainerState, restart_count: i32) -> ContainerStatus {
        ContainerStatus {
            name: name.to_string(),
            image: "busybox".to_string(),
            image_id: Arc::from(""),
            container_id: None,
            ready: false,
            started: false,
            restart_count,
            state,
            last_state: None,
            last_container_id: None,
        }
    }
}
