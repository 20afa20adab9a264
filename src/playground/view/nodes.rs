//! Nodes with what is allocated on them, and the pods no node can take (with the
//! scheduler's FailedScheduling message).

use crate::playground::format;
use crate::sim::Cluster;

/// One node's allocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeView {
    pub name: String,
    /// `1.25 / 4`
    pub cpu: String,
    /// `640Mi / 16Gi`
    pub memory: String,
    /// `3 / 110`
    pub pods: String,
    /// Percent of allocatable CPU, memory and pods requested (0–100).
    pub cpu_percent: u8,
    pub memory_percent: u8,
    pub pods_percent: u8,
    pub cordoned: bool,
}

/// A pod waiting for a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingPod {
    pub namespace: String,
    pub name: String,
    /// `0/3 nodes are available: 3 Insufficient cpu. …`
    pub message: String,
}

fn percent(used: i64, total: i64) -> u8 {
    if total <= 0 {
        return 0;
    }
    u8::try_from((used.max(0) * 100 / total).min(100)).unwrap_or(100)
}

/// Every node, in the cluster's order.
pub fn nodes(cluster: &Cluster) -> Vec<NodeView> {
    let running: Vec<i64> = cluster
        .nodes()
        .iter()
        .map(|n| {
            cluster
                .pods()
                .iter()
                .filter(|p| {
                    p.removed.is_none()
                        && !p.status.phase.is_terminal()
                        && p.node_name.as_deref() == Some(n.name.as_str())
                })
                .count() as i64
        })
        .collect();
    cluster
        .nodes()
        .iter()
        .zip(running)
        .map(|(n, pods)| NodeView {
            name: n.name.clone(),
            cpu: format!(
                "{} / {}",
                format::cpu(n.allocated.cpu_millis),
                format::cpu(n.allocatable.cpu_millis)
            ),
            memory: format!(
                "{} / {}",
                format::memory(n.allocated.memory_bytes),
                format::memory(n.allocatable.memory_bytes)
            ),
            pods: format!("{pods} / {}", n.allocatable.pods),
            cpu_percent: percent(n.allocated.cpu_millis, n.allocatable.cpu_millis),
            memory_percent: percent(n.allocated.memory_bytes, n.allocatable.memory_bytes),
            pods_percent: percent(pods, n.allocatable.pods),
            cordoned: n.unschedulable,
        })
        .collect()
}

/// Pods the scheduler could not place, with its message, oldest first.
pub fn unschedulable(cluster: &Cluster) -> Vec<PendingPod> {
    cluster
        .pods()
        .iter()
        .filter(|p| p.removed.is_none() && p.node_name.is_none())
        .filter_map(|p| {
            let condition = p.condition("PodScheduled")?;
            (!condition.status && condition.reason == Some("Unschedulable")).then(|| PendingPod {
                namespace: p.meta.namespace.clone(),
                name: p.meta.name.clone(),
                message: condition.message.as_deref().unwrap_or_default().to_string(),
            })
        })
        .collect()
}
