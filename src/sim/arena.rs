//! An append-only arena in fixed-size chunks: what the cluster keeps for every pod, event and
//! pod runtime of a run. Unlike a `Vec`, growing never copies what is stored nor leaves up to
//! half of a doubled allocation unused, so a 100,000-pod run's memory is what it stores.

use std::ops::{Index, IndexMut};

/// Elements per chunk: large enough that the chunk list stays short, small enough that the
/// last, partly filled chunk costs little.
const CHUNK: usize = 1024;

/// Append-only storage indexed by position, like a `Vec` that never moves its elements.
#[derive(Clone, Debug)]
pub struct Arena<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Self {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Arena<T> {
    /// An empty arena.
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `value` at position `len()`.
    pub fn push(&mut self, value: T) {
        if self.len.is_multiple_of(CHUNK) {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.push(value);
            self.len += 1;
        }
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.chunks.get_mut(i / CHUNK)?.get_mut(i % CHUNK)
    }

    /// The elements in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + Clone + '_ {
        self.chunks.iter().flatten()
    }
}

impl<T> Index<usize> for Arena<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

impl<T> IndexMut<usize> for Arena<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.chunks[i / CHUNK][i % CHUNK]
    }
}

impl<'a, T> IntoIterator for &'a Arena<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.chunks.iter().flatten()
    }
}

impl<T> FromIterator<T> for Arena<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut arena = Arena::new();
        items.into_iter().for_each(|item| arena.push(item));
        arena
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_vec_across_chunk_boundaries() {
        let n = 3 * CHUNK + 7;
        let arena: Arena<usize> = (0..n).collect();
        let vec: Vec<usize> = (0..n).collect();
        assert_eq!(arena.len(), n);
        assert!(arena.iter().eq(vec.iter()));
        assert!(arena.iter().rev().eq(vec.iter().rev()));
        assert_eq!(
            (arena[CHUNK], arena.get(n), arena.get(n - 1)),
            (CHUNK, None, Some(&(n - 1)))
        );
    }

    #[test]
    fn growing_never_moves_stored_elements() {
        let mut arena = Arena::new();
        arena.push(String::from("first"));
        let before: *const String = &arena[0];
        (0..5 * CHUNK).for_each(|i| arena.push(i.to_string()));
        assert!(std::ptr::eq(&arena[0], before));
        arena[1].push('!');
        assert_eq!(arena.get_mut(1).map(|s| s.as_str()), Some("0!"));
    }
}
