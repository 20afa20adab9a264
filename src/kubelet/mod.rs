//! The kubelet: runs the pods bound to each simulated node. It keeps, per pod, the state a
//! real kubelet's pod worker keeps (sandbox, image pulls, container processes, restart
//! back-off, termination) and writes the pod status a real one reports: phases, container
//! states, conditions and events.
//!
//! Split like `pkg/kubelet`: [`images`] (pulls), [`process`] (what a container runs),
//! [`status`] (phase and conditions), [`runtime`] (the per-pod state machine).

pub mod env;
pub mod images;
pub mod process;
mod runtime;
pub mod status;

use std::collections::{BTreeMap, BTreeSet};

use crate::objects::{Node, PodId, Resources};
use crate::sim::Cluster;
use crate::sim::clock::SimTime;
pub use runtime::{Attempt, PodRuntime};

/// Every pod runtime, indexed by pod id (pods are never renumbered).
#[derive(Clone, Debug, Default)]
pub struct Kubelet {
    pods: crate::sim::arena::Arena<Option<PodRuntime>>,
    /// Image digests by image name (`imageID` of container statuses).
    pub(crate) image_ids: BTreeMap<String, std::sync::Arc<str>>,
}

impl Kubelet {
    pub(crate) fn get(&self, id: PodId) -> Option<&PodRuntime> {
        self.pods.get(id.0 as usize).and_then(Option::as_ref)
    }

    pub(crate) fn get_mut(&mut self, id: PodId) -> Option<&mut PodRuntime> {
        self.pods.get_mut(id.0 as usize).and_then(Option::as_mut)
    }

    pub(crate) fn insert(&mut self, id: PodId, runtime: PodRuntime) {
        let i = id.0 as usize;
        while self.pods.len() <= i {
            self.pods.push(None);
        }
        self.pods[i] = Some(runtime);
    }
}

/// Creates the nodes of the cluster config (the kubelets register their nodes).
pub fn register_nodes(cluster: &mut Cluster) {
    let configs = cluster.config.nodes.clone();
    for (i, config) in configs.iter().enumerate() {
        let allocatable = Resources {
            cpu_millis: config.cpu_millis,
            memory_bytes: config.memory_bytes,
            pods: config.max_pods,
        };
        let mut labels = BTreeMap::new();
        labels.insert("beta.kubernetes.io/arch".to_string(), "amd64".to_string());
        labels.insert("beta.kubernetes.io/os".to_string(), "linux".to_string());
        labels.insert("kubernetes.io/arch".to_string(), "amd64".to_string());
        labels.insert("kubernetes.io/hostname".to_string(), config.name.clone());
        labels.insert("kubernetes.io/os".to_string(), "linux".to_string());
        let uid = crate::apiserver::names::uid(cluster.seed, &format!("node/{}", config.name));
        cluster.nodes.push(Node {
            name: config.name.clone(),
            uid,
            labels,
            capacity: allocatable,
            allocatable,
            allocated: Resources::default(),
            unschedulable: false,
            taints: Vec::new(),
            creation: SimTime::ZERO,
            pod_cidr_octet: (i + 1) as u8,
            next_pod_ip: 2,
            internal_ip: format!("172.18.0.{}", i + 2),
            images: BTreeSet::new(),
            puller_free_at: SimTime::ZERO,
            layers: Default::default(),
        });
    }
}

/// The scheduler bound a pod to a node: its kubelet admits it shortly.
pub fn pod_bound(cluster: &mut Cluster, id: PodId) {
    runtime::admit(cluster, id);
}

/// The pod got a deletionTimestamp: its kubelet starts graceful termination.
pub fn pod_deleted(cluster: &mut Cluster, id: PodId) {
    runtime::wake_soon(cluster, id);
}

/// A force delete with grace 0: stop everything now.
pub fn kill_now(cluster: &mut Cluster, id: PodId) {
    runtime::kill_now(cluster, id);
}

/// The pod object left the API server: its kubelet stops looking at it (the record of what
/// ran stays, for reports and timelines).
pub fn pod_removed(cluster: &mut Cluster, id: PodId) {
    if let Some(rt) = cluster.kubelet.get_mut(id) {
        rt.wake_at = None;
    }
}

/// A scheduled kubelet wake-up for this pod.
pub fn on_wake(cluster: &mut Cluster, id: PodId) {
    runtime::sync_pod(cluster, id);
}

impl Cluster {
    /// The runs (attempts) of one container of a pod, oldest first; empty if it never ran.
    pub fn container_attempts(&self, id: PodId, container: &str) -> &[Attempt] {
        self.kubelet
            .get(id)
            .map_or(&[], |rt| rt.attempts(container))
    }

    /// The kubelet's record of a pod, while it runs on a node.
    pub fn pod_runtime(&self, id: PodId) -> Option<&PodRuntime> {
        self.kubelet.get(id)
    }
}

pub use process::SharedProcess;
