//! Object metadata as the API server keeps it (`metav1.ObjectMeta`), minus what jobsim never
//! shows.

use std::collections::BTreeMap;

use crate::sim::clock::SimTime;

/// Metadata of a stored object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectMeta {
    pub name: String,
    pub generate_name: Option<String>,
    pub namespace: String,
    pub uid: String,
    pub resource_version: u64,
    pub generation: i64,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub creation: SimTime,
    /// Set when a delete was accepted but finalizers or a grace period keep the object.
    pub deletion: Option<SimTime>,
    pub deletion_grace_seconds: Option<i64>,
    pub finalizers: Vec<String>,
    pub owner: Option<OwnerReference>,
}

impl ObjectMeta {
    /// True when the named finalizer is present.
    pub fn has_finalizer(&self, finalizer: &str) -> bool {
        self.finalizers.iter().any(|f| f == finalizer)
    }

    /// Removes the named finalizer; returns whether it was there.
    pub fn remove_finalizer(&mut self, finalizer: &str) -> bool {
        let before = self.finalizers.len();
        self.finalizers.retain(|f| f != finalizer);
        before != self.finalizers.len()
    }
}

/// A controller owner reference (`metav1.NewControllerRef`): controller and
/// blockOwnerDeletion are both true.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerReference {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub uid: String,
}
