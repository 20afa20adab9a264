//! Label selectors: validation (`apimachinery/pkg/apis/meta/v1/validation`), matching
//! (`LabelSelectorAsSelector`) and the two ways Go prints them in error values.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::names::{
    is_qualified_name, is_valid_label_value, validate_labels, validate_qualified_name,
};
use crate::apiserver::field::{BadValue, FieldError, Path};

/// `ValidateLabelSelector`
pub fn validate_label_selector(selector: &LabelSelector, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_labels(selector.match_labels.as_ref(), &path.child("matchLabels"));
    for (i, expr) in selector.match_expressions.iter().flatten().enumerate() {
        let path = path.child("matchExpressions").index(i);
        let values = expr.values.as_deref().unwrap_or_default();
        match expr.operator.as_str() {
            "In" | "NotIn" if values.is_empty() => errs.push(FieldError::required(
                &path.child("values"),
                "must be specified when `operator` is 'In' or 'NotIn'",
            )),
            "In" | "NotIn" => {}
            "Exists" | "DoesNotExist" if !values.is_empty() => errs.push(FieldError::forbidden(
                &path.child("values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            )),
            "Exists" | "DoesNotExist" => {}
            other => errs.push(FieldError::invalid(
                &path.child("operator"),
                other.into(),
                "not a valid selector operator",
            )),
        }
        errs.extend(validate_qualified_name(&expr.key, &path.child("key")));
        for (j, value) in values.iter().enumerate() {
            for msg in is_valid_label_value(value) {
                errs.push(FieldError::invalid(
                    &path.child("values").index(j),
                    value.into(),
                    &msg,
                ));
            }
        }
    }
    errs
}

/// `LabelSelectorAsSelector(selector).Matches(labels)`; `None` when the selector cannot be
/// converted (the caller then skips the check, as upstream does on a conversion error).
/// A missing selector matches nothing; an empty one matches everything.
pub fn selector_matches(
    selector: Option<&LabelSelector>,
    labels: &BTreeMap<String, String>,
) -> Option<bool> {
    let Some(selector) = selector else {
        return Some(false);
    };
    let mut matched = true;
    for (key, value) in selector.match_labels.iter().flatten() {
        if !is_qualified_name(key).is_empty() || !is_valid_label_value(value).is_empty() {
            return None;
        }
        matched &= labels.get(key) == Some(value);
    }
    for expr in selector.match_expressions.iter().flatten() {
        let values = expr.values.as_deref().unwrap_or_default();
        if !is_qualified_name(&expr.key).is_empty() {
            return None;
        }
        let actual = labels.get(&expr.key);
        matched &= match expr.operator.as_str() {
            "In" if !values.is_empty() => actual.is_some_and(|a| values.contains(a)),
            "NotIn" if !values.is_empty() => actual.is_none_or(|a| !values.contains(a)),
            "Exists" if values.is_empty() => actual.is_some(),
            "DoesNotExist" if values.is_empty() => actual.is_none(),
            _ => return None,
        };
    }
    Some(matched)
}

/// A `map[string]string` as Go's `%#v` prints it: `map[string]string{"a":"b", "c":"d"}`.
pub fn go_map(map: Option<&BTreeMap<String, String>>) -> BadValue {
    match map {
        None => BadValue::Go("map[string]string(nil)".to_string()),
        Some(map) => {
            let entries: Vec<String> = map.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect();
            BadValue::Go(format!("map[string]string{{{}}}", entries.join(", ")))
        }
    }
}

/// A selector as its generated protobuf `String()` prints it.
pub fn go_selector(selector: &LabelSelector) -> BadValue {
    let labels: String = selector
        .match_labels
        .iter()
        .flatten()
        .map(|(k, v)| format!("{k}: {v},"))
        .collect();
    let exprs: String = selector
        .match_expressions
        .iter()
        .flatten()
        .map(|e| {
            format!(
                "LabelSelectorRequirement{{Key:{},Operator:{},Values:[{}],}},",
                e.key,
                e.operator,
                e.values.as_deref().unwrap_or_default().join(" ")
            )
        })
        .collect();
    BadValue::Go(format!(
        "&LabelSelector{{MatchLabels:map[string]string{{{labels}}},MatchExpressions:[]LabelSelectorRequirement{{{exprs}}},}}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn matching_follows_label_selector_as_selector() {
        let selector = LabelSelector {
            match_labels: Some(labels(&[("app", "x")])),
            ..Default::default()
        };
        assert_eq!(
            selector_matches(Some(&selector), &labels(&[("app", "x")])),
            Some(true)
        );
        assert_eq!(
            selector_matches(Some(&selector), &labels(&[("app", "y")])),
            Some(false)
        );
        assert_eq!(selector_matches(None, &labels(&[])), Some(false));
        assert_eq!(
            selector_matches(Some(&LabelSelector::default()), &labels(&[])),
            Some(true)
        );
    }

    #[test]
    fn go_renderings() {
        let selector = LabelSelector {
            match_labels: Some(labels(&[("a", "b")])),
            ..Default::default()
        };
        assert_eq!(
            go_selector(&selector),
            BadValue::Go("&LabelSelector{MatchLabels:map[string]string{a: b,},MatchExpressions:[]LabelSelectorRequirement{},}".into())
        );
        assert_eq!(
            go_map(Some(&labels(&[("a", "b"), ("c", "d")]))),
            BadValue::Go("map[string]string{\"a\":\"b\", \"c\":\"d\"}".into())
        );
    }
}
