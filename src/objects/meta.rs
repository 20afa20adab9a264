//! Object metadata as the API server keeps it (`metav1.ObjectMeta`), minus what jobsim never
//! shows.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::sim::clock::SimTime;

/// Labels or annotations, shared between objects until one of them changes
/// (`Arc::make_mut`): a 100,000-pod Job keeps one copy of its template's, not 100,000.
pub type SharedMap = Arc<BTreeMap<String, String>>;

/// Metadata of a stored object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectMeta {
    pub name: String,
    pub generate_name: Option<String>,
    pub namespace: String,
    pub uid: String,
    pub resource_version: u64,
    pub generation: i64,
    pub labels: SharedMap,
    pub annotations: SharedMap,
    pub creation: SimTime,
    /// `deletionTimestamp`: set when a delete was accepted but finalizers or a grace period
    /// keep the object — the request's time plus the grace period (`BeforeDelete`), the
    /// moment the object should be gone.
    pub deletion: Option<SimTime>,
    pub deletion_grace_seconds: Option<i64>,
    pub finalizers: Vec<String>,
    /// Shared by every pod of the owning Job.
    pub owner: Option<Arc<OwnerReference>>,
}

impl ObjectMeta {
    /// When the delete was requested: `deletionTimestamp - deletionGracePeriodSeconds`.
    pub fn deletion_requested(&self) -> Option<SimTime> {
        let grace_ms = u64::try_from(self.deletion_grace_seconds.unwrap_or(0)).unwrap_or(0) * 1000;
        self.deletion
            .map(|t| SimTime::from_millis(t.as_millis().saturating_sub(grace_ms)))
    }

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
