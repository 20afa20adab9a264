//! `spec.successPolicy` validation (`validateSuccessPolicy`, `validateSuccessPolicyRule`,
//! `validateIndexesFormat` in `pkg/apis/batch/validation/validation.go`).

use k8s_openapi::api::batch::v1::{JobSpec, SuccessPolicy};

use super::nonnegative;
use crate::apiserver::field::{BadValue, FieldError, Path, go_json_string};

const MAX_SUCCEEDED_INDEXES_LENGTH: usize = 64 * 1024;
const MAX_SUCCESS_POLICY_RULES: usize = 20;

/// `validateSuccessPolicy` and `validateSuccessPolicyRule`.
pub fn validate(spec: &JobSpec, policy: &SuccessPolicy, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let rules_path = path.child("rules");
    if policy.rules.is_empty() {
        errs.push(FieldError::required(
            &rules_path,
            "at least one rules must be specified when the successPolicy is specified",
        ));
    }
    if policy.rules.len() > MAX_SUCCESS_POLICY_RULES {
        errs.push(FieldError::too_many(
            &rules_path,
            policy.rules.len(),
            MAX_SUCCESS_POLICY_RULES,
        ));
    }
    let completions = spec.completions.unwrap_or(0);
    for (i, rule) in policy.rules.iter().enumerate() {
        let rule_path = rules_path.index(i);
        if rule.succeeded_count.is_none() && rule.succeeded_indexes.is_none() {
            errs.push(FieldError::required(
                &rule_path,
                "at least one of succeededCount or succeededIndexes must be specified",
            ));
        }
        let mut total_indexes = 0;
        if let Some(indexes) = &rule.succeeded_indexes {
            let indexes_path = rule_path.child("succeededIndexes");
            if indexes.len() > MAX_SUCCEEDED_INDEXES_LENGTH {
                errs.push(FieldError::too_long(
                    &indexes_path,
                    MAX_SUCCEEDED_INDEXES_LENGTH,
                ));
            }
            match validate_indexes_format(indexes, completions) {
                Ok(total) => total_indexes = total,
                Err(e) => errs.push(FieldError::invalid(
                    &indexes_path,
                    indexes.into(),
                    &format!("error parsing succeededIndexes: {e}"),
                )),
            }
        }
        if let Some(count) = rule.succeeded_count {
            let count_path = rule_path.child("succeededCount");
            nonnegative(Some(count), &count_path, &mut errs);
            if count > completions {
                errs.push(FieldError::invalid(
                    &count_path,
                    count.into(),
                    &format!("must be less than or equal to {completions} (the number of specified completions)"),
                ));
            }
            if rule.succeeded_indexes.is_some() && i64::from(count) > total_indexes {
                errs.push(FieldError::invalid(
                    &count_path,
                    count.into(),
                    &format!("must be less than or equal to {total_indexes} (the number of indexes in the specified succeededIndexes field)"),
                ));
            }
        }
    }
    errs
}

/// `validateIndexesFormat`: `"1,3-5"` style intervals, increasing and below `completions`;
/// returns how many indexes they cover.
pub fn validate_indexes_format(indexes: &str, completions: i32) -> Result<i64, String> {
    if indexes.is_empty() {
        return Ok(0);
    }
    let mut last: Option<i64> = None;
    let mut total = 0;
    for interval in indexes.split(',') {
        let (x, y) = parse_index_interval(interval, completions)?;
        if let Some(last) = last.filter(|l| *l >= x) {
            return Err(format!(
                "non-increasing order, previous: {last}, current: {x}"
            ));
        }
        total += y - x + 1;
        last = Some(y);
    }
    Ok(total)
}

fn parse_index_interval(interval: &str, completions: i32) -> Result<(i64, i64), String> {
    let limits: Vec<&str> = interval.split('-').collect();
    if limits.len() > 2 {
        return Err(format!(
            "the fragment {interval:?} violates the requirement that an index interval can have at most two parts separated by '-'"
        ));
    }
    let parse = |s: &str| -> Result<i64, String> {
        let x = go_atoi(s)
            .ok_or_else(|| format!("cannot convert string to integer for index: {s:?}"))?;
        if x >= i64::from(completions) {
            return Err(format!("too large index: {s:?}"));
        }
        Ok(x)
    };
    let x = parse(limits[0])?;
    match limits.get(1) {
        None => Ok((x, x)),
        Some(second) => {
            let y = parse(second)?;
            if x >= y {
                return Err(format!("non-increasing order, previous: {x}, current: {y}"));
            }
            Ok((x, y))
        }
    }
}

/// Go's `strconv.Atoi`: optional sign and decimal digits.
fn go_atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The internal `batch.SuccessPolicy` as `json.Marshal` writes it: Go field names (the
/// internal type has no JSON tags), unset pointers as `null`. An empty rule list is
/// rendered as an omitted one (`null`); the decoded type cannot tell them apart.
pub fn json_value(policy: &SuccessPolicy) -> BadValue {
    if policy.rules.is_empty() {
        return BadValue::Json("{\"Rules\":null}".to_string());
    }
    let rules: Vec<String> = policy
        .rules
        .iter()
        .map(|r| {
            let indexes = r
                .succeeded_indexes
                .as_deref()
                .map_or("null".to_string(), go_json_string);
            let count = r
                .succeeded_count
                .map_or("null".to_string(), |c| c.to_string());
            format!("{{\"SucceededIndexes\":{indexes},\"SucceededCount\":{count}}}")
        })
        .collect();
    BadValue::Json(format!("{{\"Rules\":[{}]}}", rules.join(",")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_format_errors_match_upstream() {
        assert_eq!(validate_indexes_format("0,2-3", 5), Ok(3));
        assert_eq!(
            validate_indexes_format("a", 5),
            Err("cannot convert string to integer for index: \"a\"".into())
        );
        assert_eq!(
            validate_indexes_format("7", 5),
            Err("too large index: \"7\"".into())
        );
        assert_eq!(
            validate_indexes_format("3,1", 5),
            Err("non-increasing order, previous: 3, current: 1".into())
        );
        assert_eq!(
            validate_indexes_format("1-2-3", 5),
            Err("the fragment \"1-2-3\" violates the requirement that an index interval can have at most two parts separated by '-'".into())
        );
    }
}
