//! Label selectors, parsed and matched exactly as apimachinery `pkg/labels/selector.go`
//! (`labels.Parse`: `=`, `==`, `!=`, `in`, `notin`, `>`/`<` as gt/lt, `key`, `!key`, with its
//! error messages) and `metav1.LabelSelectorAsSelector` / `FormatLabelSelector`. Field
//! selectors and the per-kind selectable fields are in [`fields`]; label key/value validation
//! messages in [`validation`].
//!
//! Shared by kubectl (`-l`, `--field-selector`) and the controllers (a Job's selector).

pub mod fields;
mod parser;
#[cfg(test)]
mod tests;
pub mod validation;

use std::collections::BTreeMap;
use std::fmt;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use validation::{FieldError, aggregate, is_valid_label_value, validate_label_key};

/// A requirement's operator (`selection.Operator`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Operator {
    /// `=`
    Equals,
    /// `==`
    DoubleEquals,
    /// `!=`
    NotEquals,
    /// `in (…)`
    In,
    /// `notin (…)`
    NotIn,
    /// `key`
    Exists,
    /// `!key`
    DoesNotExist,
    /// `>` (`gt`)
    GreaterThan,
    /// `<` (`lt`)
    LessThan,
}

/// One term of a label selector (`labels.Requirement`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// The label key.
    pub key: String,
    /// The operator.
    pub operator: Operator,
    /// Values as given (the parser passes them sorted and de-duplicated).
    pub values: Vec<String>,
}

impl Requirement {
    /// `labels.NewRequirement`: validates the key, the value count for the operator, integer
    /// values for gt/lt, and each value; errors are aggregated as apimachinery does.
    pub fn new(key: &str, operator: Operator, values: Vec<String>) -> Result<Requirement, String> {
        let mut errs: Vec<FieldError> = Vec::new();
        if let Some(err) = validate_label_key(key, "key") {
            errs.push(err);
        }
        match operator {
            Operator::In | Operator::NotIn if values.is_empty() => {
                errs.push(FieldError::invalid_list(
                    "values",
                    &values,
                    "for 'in', 'notin' operators, values set can't be empty",
                ))
            }
            Operator::Equals | Operator::DoubleEquals | Operator::NotEquals
                if values.len() != 1 =>
            {
                errs.push(FieldError::invalid_list(
                    "values",
                    &values,
                    "exact-match compatibility requires one single value",
                ))
            }
            Operator::Exists | Operator::DoesNotExist if !values.is_empty() => {
                errs.push(FieldError::invalid_list(
                    "values",
                    &values,
                    "values set must be empty for exists and does not exist",
                ))
            }
            Operator::GreaterThan | Operator::LessThan => {
                if values.len() != 1 {
                    errs.push(FieldError::invalid_list(
                        "values",
                        &values,
                        "for 'Gt', 'Lt' operators, exactly one value is required",
                    ));
                }
                for (i, value) in values.iter().enumerate() {
                    if value.parse::<i64>().is_err() {
                        errs.push(FieldError::invalid(
                            &format!("values[{i}]"),
                            value,
                            "for 'Gt', 'Lt' operators, the value must be an integer",
                        ));
                    }
                }
            }
            _ => {}
        }
        for (i, value) in values.iter().enumerate() {
            let msgs = is_valid_label_value(value);
            if !msgs.is_empty() {
                errs.push(FieldError::invalid(
                    &format!("values[{i}][{key}]"),
                    value,
                    &msgs.join("; "),
                ));
            }
        }
        if errs.is_empty() {
            Ok(Requirement {
                key: key.to_string(),
                operator,
                values,
            })
        } else {
            Err(aggregate(&errs))
        }
    }

    /// `Requirement.Matches`.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        match self.operator {
            Operator::In | Operator::Equals | Operator::DoubleEquals => labels
                .get(&self.key)
                .is_some_and(|v| self.values.contains(v)),
            Operator::NotIn | Operator::NotEquals => labels
                .get(&self.key)
                .is_none_or(|v| !self.values.contains(v)),
            Operator::Exists => labels.contains_key(&self.key),
            Operator::DoesNotExist => !labels.contains_key(&self.key),
            Operator::GreaterThan | Operator::LessThan => {
                let (Some(value), [bound]) = (labels.get(&self.key), self.values.as_slice()) else {
                    return false;
                };
                match (value.parse::<i64>(), bound.parse::<i64>()) {
                    (Ok(v), Ok(b)) => {
                        (self.operator == Operator::GreaterThan && v > b)
                            || (self.operator == Operator::LessThan && v < b)
                    }
                    _ => false,
                }
            }
        }
    }
}

impl fmt::Display for Requirement {
    /// `Requirement.String`: `!k`, `k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a)`, `k>1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.operator == Operator::DoesNotExist {
            f.write_str("!")?;
        }
        f.write_str(&self.key)?;
        let op = match self.operator {
            Operator::Equals => "=",
            Operator::DoubleEquals => "==",
            Operator::NotEquals => "!=",
            Operator::In => " in ",
            Operator::NotIn => " notin ",
            Operator::GreaterThan => ">",
            Operator::LessThan => "<",
            Operator::Exists | Operator::DoesNotExist => return Ok(()),
        };
        f.write_str(op)?;
        let set_based = matches!(self.operator, Operator::In | Operator::NotIn);
        if set_based {
            f.write_str("(")?;
        }
        let mut values = self.values.clone();
        crate::sort::sort(&mut values);
        f.write_str(&values.join(","))?;
        if set_based {
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// A parsed label selector: the AND of its requirements, or `Nothing`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    /// Matches every label set whose requirements all hold (empty: everything).
    Requirements(Vec<Requirement>),
    /// `labels.Nothing()`: matches nothing (a nil `LabelSelector`).
    Nothing,
}

impl Selector {
    /// `labels.Everything()`.
    pub fn everything() -> Selector {
        Selector::Requirements(Vec::new())
    }

    /// Whether `labels` satisfy every requirement.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        match self {
            Selector::Requirements(reqs) => reqs.iter().all(|r| r.matches(labels)),
            Selector::Nothing => false,
        }
    }

    /// Whether the selector restricts nothing (`Empty()`).
    pub fn is_empty(&self) -> bool {
        matches!(self, Selector::Requirements(r) if r.is_empty())
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Requirements(reqs) => {
                let parts: Vec<String> = reqs.iter().map(ToString::to_string).collect();
                f.write_str(&parts.join(","))
            }
            Selector::Nothing => Ok(()),
        }
    }
}

/// `labels.Parse`: the error text is exactly apimachinery's (e.g.
/// `unable to parse requirement: found '', expected: identifier`).
pub fn parse(selector: &str) -> Result<Selector, String> {
    let mut requirements = parser::parse_requirements(selector)?;
    crate::sort::sort_by(&mut requirements, |a, b| a.key.cmp(&b.key));
    Ok(Selector::Requirements(requirements))
}

/// `metav1.LabelSelectorAsSelector`: `None` → Nothing, empty → Everything.
pub fn label_selector_as_selector(selector: Option<&LabelSelector>) -> Result<Selector, String> {
    let Some(selector) = selector else {
        return Ok(Selector::Nothing);
    };
    let match_labels = selector.match_labels.as_ref();
    let expressions = selector.match_expressions.as_deref().unwrap_or(&[]);
    if match_labels.map_or(0, BTreeMap::len) + expressions.len() == 0 {
        return Ok(Selector::everything());
    }
    let mut requirements = Vec::new();
    for (key, value) in match_labels.into_iter().flatten() {
        requirements.push(Requirement::new(
            key,
            Operator::Equals,
            vec![value.clone()],
        )?);
    }
    for expr in expressions {
        let operator = match expr.operator.as_str() {
            "In" => Operator::In,
            "NotIn" => Operator::NotIn,
            "Exists" => Operator::Exists,
            "DoesNotExist" => Operator::DoesNotExist,
            other => {
                return Err(format!(
                    "{} is not a valid label selector operator",
                    validation::go_quote(other)
                ));
            }
        };
        requirements.push(Requirement::new(
            &expr.key,
            operator,
            expr.values.clone().unwrap_or_default(),
        )?);
    }
    crate::sort::sort_by(&mut requirements, |a, b| a.key.cmp(&b.key));
    Ok(Selector::Requirements(requirements))
}

/// `metav1.FormatLabelSelector`: the selector string, `<none>` when empty, `<error>` if invalid.
pub fn format_label_selector(selector: Option<&LabelSelector>) -> String {
    match label_selector_as_selector(selector) {
        Err(_) => "<error>".to_string(),
        Ok(s) => {
            let text = s.to_string();
            if text.is_empty() {
                "<none>".to_string()
            } else {
                text
            }
        }
    }
}

/// `labels.FormatLabels`: `k=v` pairs sorted by key, comma-separated; `<none>` when empty.
pub fn format_labels(labels: &BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        return "<none>".to_string();
    }
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}
