//! How a simulated cluster is built: its nodes and the latencies of its components.

use super::clock::Epoch;

/// One worker node to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeConfig {
    pub name: String,
    pub cpu_millis: i64,
    pub memory_bytes: i64,
    pub max_pods: i64,
}

/// Everything a [`super::Cluster`] is created from, besides the seed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterConfig {
    pub nodes: Vec<NodeConfig>,
    /// The wall-clock instant simulated time 0 stands for.
    pub epoch: Epoch,
    /// The Kubernetes version the cluster reports (`kubectl version`, node VERSION).
    pub version: String,
}

/// Gibibytes in bytes.
pub const GI: i64 = 1024 * 1024 * 1024;

impl ClusterConfig {
    /// A cluster of `n` kind-style workers (`jobsim-worker`, `jobsim-worker2`, …), each with
    /// 4 CPUs, 16 GiB of memory and room for 110 pods.
    pub fn with_workers(n: usize) -> Self {
        let nodes = (1..=n)
            .map(|i| NodeConfig {
                name: if i == 1 {
                    "jobsim-worker".to_string()
                } else {
                    format!("jobsim-worker{i}")
                },
                cpu_millis: 4000,
                memory_bytes: 16 * GI,
                max_pods: 110,
            })
            .collect();
        ClusterConfig {
            nodes,
            epoch: Epoch::default(),
            version: "v1.37.0".to_string(),
        }
    }
}

impl Default for ClusterConfig {
    /// Three workers, as the cluster issue asks.
    fn default() -> Self {
        ClusterConfig::with_workers(3)
    }
}
