//! Label selectors: validation (`apimachinery/pkg/apis/meta/v1/validation`), matching
//! (`LabelSelectorAsSelector`) and their JSON rendering in error values.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::names::{
    is_qualified_name, is_valid_label_value, validate_labels, validate_qualified_name,
};
use crate::apiserver::field::{BadValue, FieldError, Path, go_json_string, json_string_map};

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

/// A `map[string]string` bad value (`json.Marshal`: `{"a":"b","c":"d"}`, nil is `null`).
pub fn json_map(map: Option<&BTreeMap<String, String>>) -> BadValue {
    BadValue::Json(json_string_map(map))
}

/// A `*metav1.LabelSelector` bad value as `json.Marshal` writes it (its JSON field names,
/// empty `matchLabels` / `matchExpressions` / `values` left out).
pub fn json_selector(selector: &LabelSelector) -> BadValue {
    let mut fields = Vec::new();
    if let Some(labels) = selector.match_labels.as_ref().filter(|l| !l.is_empty()) {
        fields.push(format!("\"matchLabels\":{}", json_string_map(Some(labels))));
    }
    let exprs: Vec<String> = selector
        .match_expressions
        .iter()
        .flatten()
        .map(|e| {
            let mut parts = vec![
                format!("\"key\":{}", go_json_string(&e.key)),
                format!("\"operator\":{}", go_json_string(&e.operator)),
            ];
            if let Some(values) = e.values.as_ref().filter(|v| !v.is_empty()) {
                let values: Vec<String> = values.iter().map(|v| go_json_string(v)).collect();
                parts.push(format!("\"values\":[{}]", values.join(",")));
            }
            format!("{{{}}}", parts.join(","))
        })
        .collect();
    if !exprs.is_empty() {
        fields.push(format!("\"matchExpressions\":[{}]", exprs.join(",")));
    }
    BadValue::Json(format!("{{{}}}", fields.join(",")))
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
    fn bad_values_render_as_json() {
        let selector = LabelSelector {
            match_labels: Some(labels(&[("a", "b")])),
            ..Default::default()
        };
        assert_eq!(
            json_selector(&selector),
            BadValue::Json("{\"matchLabels\":{\"a\":\"b\"}}".into())
        );
        assert_eq!(
            json_map(Some(&labels(&[("a", "b"), ("c", "d")]))),
            BadValue::Json("{\"a\":\"b\",\"c\":\"d\"}".into())
        );
    }
}
