//! Nodes: capacity, what is allocated to pods, taints and cordoning.

use std::collections::{BTreeMap, BTreeSet};

use crate::sim::clock::SimTime;

/// CPU in millicores, memory in bytes, and a pod count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Resources {
    pub cpu_millis: i64,
    pub memory_bytes: i64,
    pub pods: i64,
}

impl Resources {
    pub fn add(&mut self, other: Resources) {
        self.cpu_millis += other.cpu_millis;
        self.memory_bytes += other.memory_bytes;
        self.pods += other.pods;
    }

    pub fn sub(&mut self, other: Resources) {
        self.cpu_millis -= other.cpu_millis;
        self.memory_bytes -= other.memory_bytes;
        self.pods -= other.pods;
    }
}

/// A taint on a node (`key=value:Effect`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Taint {
    pub key: String,
    pub value: String,
    pub effect: String,
}

/// A simulated worker node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub uid: String,
    pub labels: BTreeMap<String, String>,
    pub capacity: Resources,
    pub allocatable: Resources,
    /// Sum of the requests of the non-terminated pods bound here.
    pub allocated: Resources,
    pub unschedulable: bool,
    pub taints: Vec<Taint>,
    pub creation: SimTime,
    /// `10.244.N.0/24`: pod IPs on this node come from it.
    pub pod_cidr_octet: u8,
    pub next_pod_ip: u8,
    pub internal_ip: String,
    /// Images already pulled onto this node.
    pub images: BTreeSet<String>,
    /// When the node's (serialized) image puller is free again.
    pub puller_free_at: SimTime,
    /// Images whose layers are on the node or on their way (a pull of them is queued): a
    /// later pull of one (`imagePullPolicy: Always`) only resolves the manifest.
    pub layers: BTreeSet<String>,
}
