//! The wake-up queue: a min-heap keyed by `(time, sequence)`, so wake-ups at the same instant
//! run in the order they were scheduled and two runs never differ in order.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::clock::SimTime;

/// A priority queue of `T` ordered by time, then by insertion.
#[derive(Clone, Debug)]
pub struct Queue<T: Ord> {
    heap: BinaryHeap<Reverse<(SimTime, u64, T)>>,
    next_seq: u64,
}

impl<T: Ord> Default for Queue<T> {
    fn default() -> Self {
        Queue {
            heap: BinaryHeap::new(),
            next_seq: 0,
        }
    }
}

impl<T: Ord> Queue<T> {
    /// Schedules `item` at `at`.
    pub fn push(&mut self, at: SimTime, item: T) {
        self.heap.push(Reverse((at, self.next_seq, item)));
        self.next_seq += 1;
    }

    /// The time of the earliest wake-up.
    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|Reverse((t, _, _))| *t)
    }

    /// Removes and returns the earliest wake-up.
    pub fn pop(&mut self) -> Option<(SimTime, T)> {
        self.heap.pop().map(|Reverse((t, _, item))| (t, item))
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_keep_insertion_order() {
        let mut q = Queue::default();
        q.push(SimTime(5), 'b');
        q.push(SimTime(1), 'z');
        q.push(SimTime(5), 'a');
        let order: Vec<char> = std::iter::from_fn(|| q.pop().map(|(_, c)| c)).collect();
        assert_eq!(order, ['z', 'b', 'a']);
    }
}
