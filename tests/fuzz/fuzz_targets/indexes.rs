//! Fuzz target for `parse_indexes_from_string` (the `completedIndexes`/`failedIndexes`
//! and `successPolicy.rules[].succeededIndexes` parser): no input may panic, every
//! interval stays in `[0, completions)`, and a well-formed result prints and re-parses
//! to itself.
#![no_main]

use jobsim::controller::job::indexed::{OrderedIntervals, parse_indexes_from_string};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_first_chunk::<4>() else {
        return;
    };
    let completions = i32::from_le_bytes(*head);
    let text = String::from_utf8_lossy(rest);
    let parsed = parse_indexes_from_string(&text, completions);
    for iv in parsed.intervals() {
        assert!(iv.first >= 0 && iv.first < completions, "{iv:?} of {text:?}");
        assert!(iv.last < completions, "{iv:?} of {text:?}");
    }
    let total = parsed.total();
    let printed = parsed.to_string();
    if is_canonical(&parsed) {
        assert_eq!(parse_indexes_from_string(&printed, completions), parsed);
        assert_eq!(parsed.merge(&parsed), parsed);
        assert!(total <= usize::try_from(completions).unwrap_or(0));
        if let Some(iv) = parsed.intervals().first() {
            assert!(parsed.has(iv.first) && parsed.has(iv.last));
        }
    }
});

/// Sorted, merged and with no reversed interval: what a valid string gives.
fn is_canonical(x: &OrderedIntervals) -> bool {
    let ivs = x.intervals();
    ivs.iter().all(|iv| iv.first <= iv.last)
        && ivs
            .windows(2)
            .all(|w| i64::from(w[1].first) > i64::from(w[0].last) + 1)
}
