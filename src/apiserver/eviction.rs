//! The Eviction API (`pods/eviction`) and node cordoning: what `kubectl drain` and scenario
//! actions use. An evicted pod gets the `DisruptionTarget` condition (reason
//! `EvictionByEvictionAPI`) before its graceful deletion, so pod failure policies can match it.

use std::sync::Arc;

use crate::objects::PodId;
use crate::sim::Cluster;

impl Cluster {
    /// Evicts a pod: `DisruptionTarget=True`, then a graceful delete.
    pub fn evict_pod(&mut self, id: PodId) {
        let now = self.now;
        let pod = self.pod_mut(id);
        if pod.removed.is_some() || pod.meta.deletion.is_some() {
            return;
        }
        pod.set_condition("DisruptionTarget", true, Some("EvictionByEvictionAPI"), now);
        if let Some(c) = pod
            .status
            .conditions
            .iter_mut()
            .find(|c| c.type_ == "DisruptionTarget")
        {
            c.message = Some("Eviction API: evicting".into());
        }
        self.pod_written(id);
        self.delete_pod(id, None, false);
    }

    /// Marks a node (un)schedulable; returns whether anything changed.
    pub fn set_unschedulable(&mut self, node: usize, unschedulable: bool) -> bool {
        let Some(n) = self.nodes.get_mut(node) else {
            return false;
        };
        if n.unschedulable == unschedulable {
            return false;
        }
        n.unschedulable = unschedulable;
        if !unschedulable {
            crate::scheduler::capacity_freed(self);
        }
        true
    }

    /// Sets or removes labels and annotations on a live Job or pod (what `kubectl label` and
    /// `annotate` send). `changes` pairs a key with `Some(value)` to set or `None` to remove.
    pub fn update_metadata(
        &mut self,
        target: MetadataTarget,
        labels: bool,
        changes: &[(String, Option<String>)],
    ) {
        let rv = self.serial();
        let meta = match target {
            MetadataTarget::Job(j) => &mut self.jobs[j].meta,
            MetadataTarget::Pod(p) => &mut self.pod_mut(p).meta,
        };
        let map = Arc::make_mut(if labels {
            &mut meta.labels
        } else {
            &mut meta.annotations
        });
        for (key, value) in changes {
            match value {
                Some(v) => {
                    map.insert(key.clone(), v.clone());
                }
                None => {
                    map.remove(key);
                }
            }
        }
        meta.resource_version = rv;
        if let MetadataTarget::Pod(p) = target {
            self.pod_written(p);
        }
    }
}

/// An object whose labels or annotations can change.
#[derive(Clone, Copy, Debug)]
pub enum MetadataTarget {
    Job(usize),
    Pod(PodId),
}
