//! The table of `TestMatchSuccessPolicy` in `pkg/controller/job/success_policy_test.go`
//! (case names kept; the `JobSuccessPolicy` gate is GA, so "disabled" only leaves the
//! policy unset).

use k8s_openapi::api::batch::v1::{SuccessPolicy, SuccessPolicyRule};

use super::*;
use crate::controller::job::indexed::Interval;

fn ivs(list: &[(i32, i32)]) -> OrderedIntervals {
    OrderedIntervals::from_intervals(
        list.iter()
            .map(|&(first, last)| Interval { first, last })
            .collect(),
    )
}

fn rule(indexes: Option<&str>, count: Option<i32>) -> SuccessPolicyRule {
    SuccessPolicyRule {
        succeeded_indexes: indexes.map(str::to_string),
        succeeded_count: count,
    }
}

#[test]
fn match_success_policy_table() {
    type Rules = Option<Vec<SuccessPolicyRule>>;
    type Ivs = &'static [(i32, i32)];
    let at0 = Some("Matched rules at index 0");
    let cases: Vec<(&str, Rules, Ivs, Option<&str>)> = vec![
        ("JobSuccessPolicy is disabled", None, &[(0, 0)], None),
        ("successPolicy is null", None, &[(0, 0)], None),
        ("any rules are nothing", Some(vec![]), &[(0, 0)], None),
        (
            "rules.succeededIndexes is invalid format",
            Some(vec![rule(Some("invalid-form"), None)]),
            &[(0, 0)],
            None,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes matched rules",
            Some(vec![rule(Some("0-2"), None)]),
            &[(0, 2), (4, 7)],
            at0,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes didn't match rules",
            Some(vec![rule(Some("3"), None)]),
            &[(0, 2)],
            None,
        ),
        (
            "rules.succeededCount is specified; succeededIndexes matched rules",
            Some(vec![rule(None, Some(2))]),
            &[(0, 2)],
            at0,
        ),
        (
            "rules.succeededCount is specified; succeededIndexes didn't match rules",
            Some(vec![rule(None, Some(4))]),
            &[(0, 2)],
            None,
        ),
        (
            "multiple rules; rules.succeededIndexes is specified; succeededIndexes met one of rules",
            Some(vec![rule(Some("9"), None), rule(Some("4,6"), None)]),
            &[(0, 2), (4, 7)],
            Some("Matched rules at index 1"),
        ),
        (
            "multiple rules; rules.succeededIndexes is specified; succeededIndexes met all rules",
            Some(vec![rule(Some("0,1"), None), rule(Some("5"), None)]),
            &[(0, 2), (4, 7)],
            at0,
        ),
        (
            "rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes met all rules",
            Some(vec![rule(Some("3-6"), Some(2))]),
            &[(0, 2), (4, 7)],
            at0,
        ),
        (
            "rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes didn't match rules",
            Some(vec![rule(Some("3-6"), Some(2))]),
            &[(0, 2), (6, 7)],
            None,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes are nothing",
            Some(vec![rule(None, Some(4))]),
            &[],
            None,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes matched rules; rules is proper subset of succeededIndexes",
            Some(vec![rule(Some("2-4,6-8"), None)]),
            &[(1, 5), (6, 9)],
            at0,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes matched rules; rules equals succeededIndexes",
            Some(vec![rule(Some("2-4,6-9"), None)]),
            &[(2, 4), (6, 9)],
            at0,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes matched rules; rules is subset of succeededIndexes",
            Some(vec![rule(Some("2-4,8-12"), None)]),
            &[(2, 5), (7, 15)],
            at0,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules is an empty set",
            Some(vec![rule(Some(""), None)]),
            &[(1, 3)],
            None,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes didn't match rules; succeededIndexes is an empty set",
            Some(vec![rule(Some(""), None)]),
            &[],
            None,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules and succeededIndexes are empty set",
            Some(vec![rule(Some(""), None)]),
            &[],
            None,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes didn't match rules; all elements of rules.succeededIndexes aren't included in succeededIndexes",
            Some(vec![rule(Some("10-12,14-16"), None)]),
            &[(1, 3), (5, 7)],
            None,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps succeededIndexes at first",
            Some(vec![rule(Some("1-3,5-7"), None)]),
            &[(2, 4), (6, 8)],
            None,
        ),
        (
            "rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at first",
            Some(vec![rule(Some("1-3,5-7"), Some(4))]),
            &[(2, 4), (6, 8)],
            at0,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps succeededIndexes at last",
            Some(vec![rule(Some("2-4,6-9"), None)]),
            &[(1, 3), (5, 7)],
            None,
        ),
        (
            "rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at last",
            Some(vec![rule(Some("2-4,6-9"), Some(4))]),
            &[(1, 3), (5, 7)],
            at0,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules completely overlaps succeededIndexes",
            Some(vec![rule(Some("0-4,6-9"), None)]),
            &[(1, 3), (7, 8)],
            None,
        ),
        (
            "rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules completely overlaps succeededIndexes",
            Some(vec![rule(Some("0-4,6-9"), Some(5))]),
            &[(1, 3), (7, 8)],
            at0,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps multiple succeededIndexes at last",
            Some(vec![rule(Some("0-6,8-9"), None)]),
            &[(1, 3), (5, 9)],
            None,
        ),
        (
            "rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps multiple succeededIndexes at last",
            Some(vec![rule(Some("0-6,8-9"), Some(7))]),
            &[(1, 3), (5, 9)],
            at0,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps succeededIndexes at first, and rules equals succeededIndexes at last",
            Some(vec![rule(Some("0-5,7-9"), None)]),
            &[(1, 5), (7, 10)],
            None,
        ),
        (
            "rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at first, and rules equals succeededIndexes at last",
            Some(vec![rule(Some("0-5,7-9"), Some(8))]),
            &[(1, 5), (7, 10)],
            at0,
        ),
        (
            "rules.succeededIndexes is specified; succeededIndexes didn't match rules; the first rules overlaps succeededIndexes at first",
            Some(vec![rule(Some("0-3,6-9"), None)]),
            &[(1, 10)],
            None,
        ),
        (
            "rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; the first rules overlaps succeededIndexes at first",
            Some(vec![rule(Some("0-3,6-9"), Some(7))]),
            &[(1, 10)],
            at0,
        ),
    ];
    for (name, rules, succeeded, want) in cases {
        let policy = rules.map(|rules| SuccessPolicy { rules });
        let got = match_success_policy(policy.as_ref(), 10, &ivs(succeeded));
        assert_eq!(got.as_deref(), want, "{name}");
    }
}
