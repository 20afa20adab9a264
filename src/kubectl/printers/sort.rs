//! `--sort-by`: kubectl `cmd/get/sorter.go` (`SortObjects`, `RuntimeSort.Less`, `isLess`):
//! the first value the JSONPath finds in each object; objects without it sort first; strings
//! compare as quantities when both parse, else in natural order (`sortorder.NaturalLess`).

use std::cmp::Ordering;

use serde_json::Value;

use super::custom_columns::relaxed_jsonpath_expression;
use super::jsonpath::JsonPath;
use super::quantity::Quantity;

/// Returns the order (indexes into `objects`) `--sort-by=field` prints them in. The error is
/// kubectl's, e.g. `couldn't find any field with path "{.metadata.foo}" in the list of objects`.
pub fn sort_by(objects: &[Value], field: &str) -> Result<Vec<usize>, String> {
    let mut order: Vec<usize> = (0..objects.len()).collect();
    if objects.is_empty() {
        return Ok(order);
    }
    let expr = relaxed_jsonpath_expression(field)?;
    let path = JsonPath::parse(&expr)?;
    let keys: Vec<Option<Value>> = objects
        .iter()
        .map(|o| {
            path.find_results(o)
                .map(|r| r.into_iter().next().and_then(|v| v.into_iter().next()))
        })
        .collect::<Result<_, _>>()?;
    if keys.iter().all(Option::is_none) {
        return Err(format!(
            "couldn't find any field with path {} in the list of objects",
            crate::apiserver::selectors::validation::go_quote(&expr)
        ));
    }
    crate::sort::sort_by(&mut order, |&a, &b| match (&keys[a], &keys[b]) {
        (None, None) => Ordering::Equal,
        (None, _) => Ordering::Less,
        (_, None) => Ordering::Greater,
        (Some(x), Some(y)) => {
            if is_less(x, y) {
                Ordering::Less
            } else if is_less(y, x) {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        }
    });
    Ok(order)
}

fn is_less(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() < y.as_f64(),
        (Value::String(x), Value::String(y)) => match (Quantity::parse(x), Quantity::parse(y)) {
            (Some(qx), Some(qy)) => qx.nanos < qy.nanos,
            _ => natural_less(x, y),
        },
        (Value::Array(x), Value::Array(y)) => x.iter().zip(y).all(|(i, j)| is_less(i, j)),
        (Value::Null, Value::Null) => false,
        (Value::Null, _) => true,
        _ => false,
    }
}

/// `sortorder.NaturalLess`: digit runs compare numerically and sort before other bytes.
pub fn natural_less(s1: &str, s2: &str) -> bool {
    let (a, b) = (s1.as_bytes(), s2.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (d1, d2) = (a[i].is_ascii_digit(), b[j].is_ascii_digit());
        if d1 != d2 {
            return d1;
        }
        if !d1 {
            if a[i] != b[j] {
                return a[i] < b[j];
            }
            i += 1;
            j += 1;
            continue;
        }
        while i < a.len() && a[i] == b'0' {
            i += 1;
        }
        while j < b.len() && b[j] == b'0' {
            j += 1;
        }
        let (nz1, nz2) = (i, j);
        while i < a.len() && a[i].is_ascii_digit() {
            i += 1;
        }
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if i - nz1 != j - nz2 {
            return i - nz1 < j - nz2;
        }
        if a[nz1..i] != b[nz2..j] {
            return a[nz1..i] < b[nz2..j];
        }
        if nz1 != nz2 {
            return nz1 < nz2;
        }
    }
    a.len() < b.len()
}
