//! The store's index of live pods by namespace and name. It keeps a 64-bit hash of the key
//! and the pod's id, not the strings (the pod has them): a 100,000-pod run would otherwise
//! hold every name twice. Hits are checked against the pod itself, and the rare key whose
//! hash another live pod already holds goes to a small map keyed by the strings.

use rustc_hash::{FxHashMap, FxHasher};
use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};

use crate::objects::{Pod, PodId};
use crate::sim::arena::Arena;

/// Live pods by (namespace, name). Only ever looked up, never iterated, so its hasher (fixed,
/// unseeded) cannot make two runs differ.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    by_hash: FxHashMap<u64, PodId>,
    collided: FxHashMap<(String, String), PodId>,
}

fn key_hash(namespace: &str, name: &str) -> u64 {
    let mut hasher = FxHasher::default();
    (namespace, name).hash(&mut hasher);
    hasher.finish()
}

fn is(pods: &Arena<Pod>, id: PodId, namespace: &str, name: &str) -> bool {
    pods.get(id.0 as usize)
        .is_some_and(|p| p.meta.name == name && p.meta.namespace == namespace)
}

impl NameIndex {
    /// The live pod called `namespace/name`.
    pub fn get(&self, pods: &Arena<Pod>, namespace: &str, name: &str) -> Option<PodId> {
        match self.by_hash.get(&key_hash(namespace, name)) {
            Some(&id) if is(pods, id, namespace, name) => Some(id),
            _ if self.collided.is_empty() => None,
            _ => self
                .collided
                .get(&(namespace.to_string(), name.to_string()))
                .copied(),
        }
    }

    /// Records pod `id`, called `namespace/name` (no live pod has that name).
    pub fn insert(&mut self, namespace: &str, name: &str, id: PodId) {
        match self.by_hash.entry(key_hash(namespace, name)) {
            Entry::Occupied(_) => {
                self.collided
                    .insert((namespace.to_string(), name.to_string()), id);
            }
            Entry::Vacant(slot) => {
                slot.insert(id);
            }
        }
    }

    /// Forgets pod `id`, called `namespace/name`.
    pub fn remove(&mut self, namespace: &str, name: &str, id: PodId) {
        let hash = key_hash(namespace, name);
        if self.by_hash.get(&hash) == Some(&id) {
            self.by_hash.remove(&hash);
        } else {
            self.collided
                .remove(&(namespace.to_string(), name.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::pod::testing::PodBuilder;

    fn pods(names: &[&str]) -> Arena<Pod> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| PodBuilder::new(i as u32).name("default", n).build())
            .collect()
    }

    #[test]
    fn finds_live_pods_by_namespace_and_name_only() {
        let pods = pods(&["a", "b"]);
        let mut index = NameIndex::default();
        index.insert("default", "a", PodId(0));
        index.insert("default", "b", PodId(1));
        assert_eq!(index.get(&pods, "default", "a"), Some(PodId(0)));
        assert_eq!(index.get(&pods, "default", "b"), Some(PodId(1)));
        assert_eq!(index.get(&pods, "other", "a"), None);
        index.remove("default", "a", PodId(0));
        assert_eq!(index.get(&pods, "default", "a"), None);
        assert_eq!(index.get(&pods, "default", "b"), Some(PodId(1)));
    }

    #[test]
    fn a_hash_held_by_another_pod_goes_to_the_collision_map() {
        let pods = pods(&["a", "b"]);
        let mut index = NameIndex::default();
        // Force a collision: "b" under the hash "a" already holds.
        index.by_hash.insert(key_hash("default", "b"), PodId(0));
        index.insert("default", "b", PodId(1));
        assert_eq!(index.collided.len(), 1);
        assert_eq!(index.get(&pods, "default", "b"), Some(PodId(1)));
        index.remove("default", "b", PodId(1));
        assert_eq!(index.get(&pods, "default", "b"), None);
        assert_eq!(index.by_hash.len(), 1, "the other pod's entry stays");
    }
}
