//! `successPolicy` of Indexed Jobs: declaring the Job succeeded once chosen indexes, or
//! enough of them, have succeeded. Follows `pkg/controller/job/success_policy.go`.

use k8s_openapi::api::batch::v1::SuccessPolicy;

use super::indexed::{OrderedIntervals, parse_indexes_from_string};

/// `matchSuccessPolicy`: the `SuccessCriteriaMet` message (`Matched rules at index <i>`)
/// of the first rule the succeeded indexes satisfy, `None` when none does (or no index
/// succeeded yet).
///
/// - A rule with `succeededIndexes` is met when every listed index succeeded or, with
///   `succeededCount`, when at least that many of them did; a list that parses to
///   nothing is skipped.
/// - A rule with only `succeededCount` is met when that many indexes succeeded.
pub fn match_success_policy(
    policy: Option<&SuccessPolicy>,
    completions: i32,
    succeeded: &OrderedIntervals,
) -> Option<String> {
    let policy = policy?;
    if succeeded.is_empty() {
        return None;
    }
    let matched = policy.rules.iter().position(|rule| {
        if let Some(indexes) = &rule.succeeded_indexes {
            let required = parse_indexes_from_string(indexes, completions);
            !required.is_empty()
                && match_succeeded_indexes_rule(&required, succeeded, rule.succeeded_count)
        } else if let Some(count) = rule.succeeded_count {
            succeeded.total_i64() >= i64::from(count)
        } else {
            false
        }
    })?;
    Some(format!("Matched rules at index {matched}"))
}

/// `matchSucceededIndexesRule`: counts the rule's indexes that succeeded by walking both
/// interval lists once.
fn match_succeeded_indexes_rule(
    rule: &OrderedIntervals,
    succeeded: &OrderedIntervals,
    succeeded_count: Option<i32>,
) -> bool {
    let (rule_ivs, succeeded_ivs) = (rule.intervals(), succeeded.intervals());
    let (mut r, mut s) = (0, 0);
    let mut contains: i64 = 0;
    while r < rule_ivs.len() && s < succeeded_ivs.len() {
        let (ri, si) = (rule_ivs[r], succeeded_ivs[s]);
        let overlap = i64::from(ri.last.min(si.last)) - i64::from(ri.first.max(si.first)) + 1;
        if overlap > 0 {
            contains += overlap;
        }
        match si.last.cmp(&ri.last) {
            std::cmp::Ordering::Less => s += 1,
            std::cmp::Ordering::Greater => r += 1,
            std::cmp::Ordering::Equal => {
                s += 1;
                r += 1;
            }
        }
    }
    contains == rule.total_i64() || succeeded_count.is_some_and(|n| contains >= i64::from(n))
}

#[cfg(test)]
mod tests;
