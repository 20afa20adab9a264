//! One stable sort for the whole crate. The standard library's sort is instantiated per element
//! type and comparator (about 3.5 KB of WebAssembly each, and the app had some thirty); here the
//! sorting itself is one instance over indices and only a small permutation is per type.
//! Same result as `slice::sort_by`: stable, equal elements keep their order.
//!
//! `collect()` into a `BTreeSet` or `BTreeMap` sorts too (std builds the tree from sorted
//! items), so [`set_of`] and [`map_of`] build them by inserting instead.
//!
//! Tests may use the standard sorts freely; they are not in the WebAssembly build.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` stably by `compare`, as `items.sort_by(compare)` would.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` stably by a key, as `items.sort_by_key(key)` would.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in ascending order, as `items.sort()` would.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The set of `items`, as `collect()` would make it (without a sort instance per item type).
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// The map of `items`, as `collect()` would make it: a repeated key keeps its last value.
pub fn map_of<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(items);
    map
}

/// The positions of `0..n` in stable sorted order.
#[inline(never)]
fn sorted_order(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves `items[order[k]]` to position `k`, one cycle of the permutation at a time.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let next = order[at];
            order[at] = at;
            if next == start {
                break;
            }
            items.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Same order as the standard library's stable sort, ties included.
        #[test]
        fn sorts_like_the_standard_library(items in prop::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items.clone();
            std.sort_by_key(|e| e.0);
            prop_assert_eq!(&ours, &std);
            let mut by_key = items.clone();
            sort_by_key(&mut by_key, |e| e.0);
            prop_assert_eq!(&by_key, &std);
            let mut total = items.clone();
            sort(&mut total);
            let mut std_total = items;
            std_total.sort();
            prop_assert_eq!(total, std_total);
        }

        /// Same set and map as `collect()`, repeated keys included.
        #[test]
        fn collects_like_the_standard_library(items in prop::collection::vec((0u8..6, any::<u16>()), 0..50)) {
            prop_assert_eq!(set_of(items.iter().map(|e| e.0)), items.iter().map(|e| e.0).collect::<BTreeSet<_>>());
            prop_assert_eq!(map_of(items.iter().copied()), items.iter().copied().collect::<BTreeMap<_, _>>());
        }
    }
}
