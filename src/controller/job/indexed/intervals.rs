//! `orderedIntervals`, the interval lists of `status.completedIndexes`,
//! `status.failedIndexes` and `successPolicy` rules (`1,3-5,7`): merging, counting,
//! printing and parsing. Part of `pkg/controller/job/indexed_job_utils.go`.

use std::fmt;

/// A run of consecutive indexes `first..=last`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub first: i32,
    pub last: i32,
}

/// Upstream `orderedIntervals`: sorted, merged intervals of indexes.
///
/// Every operation keeps the list sorted and merged when its inputs are; only
/// [`parse_indexes_from_string`] on a string the API would reject (unsorted, overlapping
/// or reversed ranges) yields a list that is not, exactly as upstream does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderedIntervals(Vec<Interval>);

impl OrderedIntervals {
    /// No indexes.
    pub fn new() -> Self {
        OrderedIntervals(Vec::new())
    }

    /// Wraps intervals the caller already keeps sorted and merged.
    pub fn from_intervals(intervals: Vec<Interval>) -> Self {
        OrderedIntervals(intervals)
    }

    pub fn intervals(&self) -> &[Interval] {
        &self.0
    }

    /// No intervals at all (upstream `len(oi) == 0`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `withOrderedIndexes`: these intervals plus `new_indexes`, given in increasing order.
    pub fn with_ordered_indexes(&self, new_indexes: &[i32]) -> Self {
        let singles = new_indexes
            .iter()
            .map(|&ix| Interval {
                first: ix,
                last: ix,
            })
            .collect();
        self.merge(&OrderedIntervals(singles))
    }

    /// `merge`: the union of two ordered lists.
    pub fn merge(&self, other: &OrderedIntervals) -> Self {
        let mut result: Vec<Interval> = Vec::with_capacity(self.0.len() + other.0.len());
        let (mut i, mut j) = (0, 0);
        while i < self.0.len() && j < other.0.len() {
            if self.0[i].first < other.0[j].first {
                push_or_merge(&mut result, self.0[i]);
                i += 1;
            } else {
                push_or_merge(&mut result, other.0[j]);
                j += 1;
            }
        }
        for &iv in self.0[i..].iter().chain(&other.0[j..]) {
            push_or_merge(&mut result, iv);
        }
        OrderedIntervals(result)
    }

    /// `total`: how many indexes the intervals hold.
    pub fn total(&self) -> usize {
        usize::try_from(self.total_i64().max(0)).unwrap_or(usize::MAX)
    }

    /// Upstream's signed sum (negative only for reversed intervals of a corrupt string).
    pub(crate) fn total_i64(&self) -> i64 {
        self.0.iter().fold(0i64, |sum, iv| {
            sum.saturating_add(i64::from(iv.last) - i64::from(iv.first) + 1)
        })
    }

    /// `has`: whether `ix` is in one of the intervals (binary search).
    pub fn has(&self, ix: i32) -> bool {
        let pos = self.0.partition_point(|iv| iv.last < ix);
        self.0.get(pos).is_some_and(|iv| iv.first <= ix)
    }
}

fn push_or_merge(result: &mut Vec<Interval>, iv: Interval) {
    match result.last_mut() {
        Some(last) if i64::from(iv.first) <= i64::from(last.last) + 1 => {
            if last.last < iv.last {
                last.last = iv.last;
            }
        }
        _ => result.push(iv),
    }
}

/// The `completedIndexes` format: `1,3-5,7`; a run of two is written `a,b`, never `a-b`.
impl fmt::Display for OrderedIntervals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, iv) in self.0.iter().enumerate() {
            if n > 0 {
                f.write_str(",")?;
            }
            write!(f, "{}", iv.first)?;
            if iv.last > iv.first {
                let sep = if i64::from(iv.last) == i64::from(iv.first) + 1 {
                    ","
                } else {
                    "-"
                };
                write!(f, "{sep}{}", iv.last)?;
            }
        }
        Ok(())
    }
}

/// `parseIndexesFromString`: reads an interval list, dropping fragments that start at or
/// past `completions` (and everything after them), clipping the last one, and skipping
/// fragments that are not numbers (upstream logs "Corrupted indexes interval, ignoring").
pub fn parse_indexes_from_string(indexes: &str, completions: i32) -> OrderedIntervals {
    let mut result: Vec<Interval> = Vec::new();
    if indexes.is_empty() {
        return OrderedIntervals(result);
    }
    let completions = i64::from(completions);
    for fragment in indexes.split(',') {
        let mut limits = fragment.split('-');
        // `split` yields at least one piece; a fragment holds no '-', so values are >= 0.
        let Ok(first) = limits.next().unwrap_or("").parse::<i64>() else {
            continue;
        };
        if first >= completions {
            break;
        }
        let last = match limits.next() {
            Some(text) => match text.parse::<i64>() {
                Ok(last) => last.min(completions - 1),
                Err(_) => continue,
            },
            None => first,
        };
        // Both are in [0, completions) now, so they fit an i32.
        let (Ok(first), Ok(last)) = (i32::try_from(first), i32::try_from(last)) else {
            continue;
        };
        match result.last_mut() {
            Some(prev) if i64::from(prev.last) == i64::from(first) - 1 => prev.last = last,
            _ => result.push(Interval { first, last }),
        }
    }
    OrderedIntervals(result)
}
