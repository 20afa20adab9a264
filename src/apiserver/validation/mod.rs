//! Job validation on create, rule for rule and message for message as
//! `pkg/apis/batch/validation/validation.go` (`ValidateJob`); the pod template goes through
//! [`pod`] (`pkg/apis/core/validation`), names and labels through [`names`].

pub mod names;
pub mod pod;
pub mod resources;
pub mod selector;

use std::collections::BTreeSet;

use k8s_openapi::api::batch::v1::{Job, JobSpec, PodFailurePolicyRule, SuccessPolicy};

use self::names::{is_dns1123_label, validate_object_meta, validate_qualified_name};
use self::selector::{go_map, go_selector, selector_matches, validate_label_selector};
use super::field::{BadValue, FieldError, Path};
use super::strategy::{
    CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL,
};

const MAX_PARALLELISM_FOR_INDEXED_JOB: i32 = 100_000;
const MAX_FAILED_INDEXES_FOR_INDEXED_JOB: i32 = 100_000;
const COMPLETIONS_SOFT_LIMIT: i32 = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS: i32 = 10_000;
const MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS: i32 = 10_000;
const MAX_POD_FAILURE_POLICY_RULES: usize = 20;
const MAX_ON_EXIT_CODES_VALUES: usize = 255;
const MAX_ON_POD_CONDITIONS_PATTERNS: usize = 20;
const MAX_MANAGED_BY_LENGTH: usize = 63;
const MAX_SUCCEEDED_INDEXES_LENGTH: usize = 64 * 1024;
const MAX_SUCCESS_POLICY_RULES: usize = 20;

const NONNEGATIVE: &str = "must be greater than or equal to 0";

pub use self::pod::validate_pod_template_spec;

/// `ValidateJob` with the create-time options (`RequirePrefixedLabels`), run on a Job that
/// went through [`super::defaults::set_defaults_job`] and
/// [`super::defaults::prepare_job_for_create`].
pub fn validate_job_create(job: &Job) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&job.metadata, &Path::new("metadata"));
    let default_spec = JobSpec::default();
    let spec = job.spec.as_ref().unwrap_or(&default_spec);
    errs.extend(validate_generated_selector(job, spec));
    errs.extend(validate_job_spec(spec, &Path::new("spec")));
    if spec.completion_mode.as_deref() == Some("Indexed")
        && let Some(completions) = spec.completions.filter(|c| *c > 0)
    {
        let name = job.metadata.name.as_deref().unwrap_or("");
        let hostname = format!("{name}-{}", completions - 1);
        if !is_dns1123_label(&hostname).is_empty() {
            errs.push(FieldError::invalid(
                &Path::new("metadata").child("name"),
                name.into(),
                &format!("will not able to create pod with invalid DNS label: {hostname}"),
            ));
        }
    }
    errs
}

/// `validateGeneratedSelector`
fn validate_generated_selector(job: &Job, spec: &JobSpec) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.manual_selector == Some(true) || spec.selector.is_none() {
        return errs;
    }
    let uid = job.metadata.uid.as_deref().unwrap_or("");
    let name = job.metadata.name.as_deref().unwrap_or("");
    if uid.is_empty() {
        errs.push(FieldError::required(
            &Path::new("metadata").child("uid"),
            "",
        ));
    }
    let labels = spec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.as_ref());
    let labels_path = Path::new("spec")
        .child("template")
        .child("metadata")
        .child("labels");
    for (key, expected) in [
        (LEGACY_CONTROLLER_UID_LABEL, uid),
        (LEGACY_JOB_NAME_LABEL, name),
        (CONTROLLER_UID_LABEL, uid),
        (JOB_NAME_LABEL, name),
    ] {
        let detail = format!("must be '{expected}'");
        match labels.and_then(|l| l.get(key)) {
            None => errs.push(FieldError::required(&labels_path.key(key), &detail)),
            Some(actual) if actual != expected => errs.push(FieldError::invalid(
                &labels_path.key(key),
                go_map(labels),
                &detail,
            )),
            Some(_) => {}
        }
    }
    let expected = [
        (CONTROLLER_UID_LABEL, uid),
        (JOB_NAME_LABEL, name),
        (LEGACY_CONTROLLER_UID_LABEL, uid),
        (LEGACY_JOB_NAME_LABEL, name),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    if selector_matches(spec.selector.as_ref(), &expected) == Some(false)
        && let Some(selector) = &spec.selector
    {
        errs.push(FieldError::invalid(
            &Path::new("spec").child("selector"),
            go_selector(selector),
            "`selector` not auto-generated",
        ));
    }
    errs
}

/// `ValidateJobSpec`: the spec rules, the selector, and selector-matches-template.
pub fn validate_job_spec(spec: &JobSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_job_spec_fields(spec, path);
    match &spec.selector {
        None => errs.push(FieldError::required(&path.child("selector"), "")),
        Some(selector) => errs.extend(validate_label_selector(selector, &path.child("selector"))),
    }
    let template_labels = spec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.as_ref());
    let empty = Default::default();
    if selector_matches(spec.selector.as_ref(), template_labels.unwrap_or(&empty)) == Some(false) {
        errs.push(FieldError::invalid(
            &path.child("template").child("metadata").child("labels"),
            go_map(template_labels),
            "`selector` does not match template `labels`",
        ));
    }
    errs
}

fn nonnegative(value: Option<impl Into<i64>>, path: &Path, errs: &mut Vec<FieldError>) {
    if let Some(value) = value.map(Into::into).filter(|v| *v < 0) {
        errs.push(FieldError::invalid(
            path,
            BadValue::Number(value),
            NONNEGATIVE,
        ));
    }
}

/// `validateJobSpec`
fn validate_job_spec_fields(spec: &JobSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    nonnegative(spec.parallelism, &path.child("parallelism"), &mut errs);
    nonnegative(spec.completions, &path.child("completions"), &mut errs);
    nonnegative(
        spec.active_deadline_seconds,
        &path.child("activeDeadlineSeconds"),
        &mut errs,
    );
    nonnegative(spec.backoff_limit, &path.child("backoffLimit"), &mut errs);
    nonnegative(
        spec.ttl_seconds_after_finished,
        &path.child("ttlSecondsAfterFinished"),
        &mut errs,
    );
    nonnegative(
        spec.backoff_limit_per_index,
        &path.child("backoffLimitPerIndex"),
        &mut errs,
    );
    if spec.max_failed_indexes.is_some() {
        nonnegative(
            spec.max_failed_indexes,
            &path.child("maxFailedIndexes"),
            &mut errs,
        );
        if spec.backoff_limit_per_index.is_none() {
            errs.push(FieldError::required(
                &path.child("backoffLimitPerIndex"),
                "when maxFailedIndexes is specified",
            ));
        }
    }
    if let Some(managed_by) = &spec.managed_by {
        errs.extend(is_domain_prefixed_path(
            &path.child("managedBy"),
            managed_by,
        ));
        if managed_by.len() > MAX_MANAGED_BY_LENGTH {
            errs.push(FieldError::too_long_max_length(
                &path.child("managedBy"),
                MAX_MANAGED_BY_LENGTH,
            ));
        }
    }
    let indexed = spec.completion_mode.as_deref() == Some("Indexed");
    if let Some(mode) = spec.completion_mode.as_deref() {
        if mode != "NonIndexed" && mode != "Indexed" {
            errs.push(FieldError::not_supported(
                &path.child("completionMode"),
                mode.into(),
                &["NonIndexed", "Indexed"],
            ));
        }
        if indexed {
            errs.extend(validate_indexed_limits(spec, path));
        }
    }
    if matches!(spec.completion_mode.as_deref(), None | Some("NonIndexed")) {
        if let Some(v) = spec.backoff_limit_per_index {
            errs.push(FieldError::invalid(
                &path.child("backoffLimitPerIndex"),
                v.into(),
                "requires indexed completion mode",
            ));
        }
        if let Some(v) = spec.max_failed_indexes {
            errs.push(FieldError::invalid(
                &path.child("maxFailedIndexes"),
                v.into(),
                "requires indexed completion mode",
            ));
        }
    }
    if let Some(policy) = &spec.pod_failure_policy {
        let rules_path = path.child("podFailurePolicy").child("rules");
        if policy.rules.len() > MAX_POD_FAILURE_POLICY_RULES {
            errs.push(FieldError::too_many(
                &rules_path,
                policy.rules.len(),
                MAX_POD_FAILURE_POLICY_RULES,
            ));
        }
        let pod = spec.template.spec.as_ref();
        let container_names: BTreeSet<&str> = pod
            .into_iter()
            .flat_map(|p| {
                p.containers
                    .iter()
                    .chain(p.init_containers.iter().flatten())
            })
            .map(|c| c.name.as_str())
            .collect();
        for (i, rule) in policy.rules.iter().enumerate() {
            errs.extend(validate_pod_failure_policy_rule(
                spec,
                rule,
                &rules_path.index(i),
                &container_names,
            ));
        }
    }
    if let Some(policy) = &spec.success_policy {
        if !indexed {
            errs.push(FieldError::invalid(
                &path.child("successPolicy"),
                go_success_policy(policy),
                "requires indexed completion mode",
            ));
        } else {
            errs.extend(validate_success_policy(
                spec,
                policy,
                &path.child("successPolicy"),
            ));
        }
    }
    if let Some(policy) = spec.pod_replacement_policy.as_deref() {
        let path = path.child("podReplacementPolicy");
        if spec.pod_failure_policy.is_some() {
            if policy != "Failed" {
                errs.push(FieldError::not_supported(&path, policy.into(), &["Failed"]));
            }
        } else if policy != "Failed" && policy != "TerminatingOrFailed" {
            errs.push(FieldError::not_supported(
                &path,
                policy.into(),
                &["Failed", "TerminatingOrFailed"],
            ));
        }
    }
    errs.extend(validate_pod_template_spec(
        &spec.template,
        &path.child("template"),
    ));
    let restart_path = path.child("template").child("spec").child("restartPolicy");
    let restart = spec
        .template
        .spec
        .as_ref()
        .and_then(|s| s.restart_policy.as_deref())
        .unwrap_or("");
    match restart {
        "" | "Always" => errs.push(FieldError::required(
            &restart_path,
            "valid values: \"OnFailure\", \"Never\"",
        )),
        "OnFailure" | "Never" => {
            if spec.pod_failure_policy.is_some() && restart != "Never" {
                errs.push(FieldError::invalid(
                    &restart_path,
                    restart.into(),
                    "only \"Never\" is supported when podFailurePolicy is specified",
                ));
            }
        }
        other => errs.push(FieldError::not_supported(
            &restart_path,
            other.into(),
            &["OnFailure", "Never"],
        )),
    }
    errs
}

/// The Indexed-only limits of `validateJobSpec`.
fn validate_indexed_limits(spec: &JobSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.completions.is_none() {
        errs.push(FieldError::required(
            &path.child("completions"),
            "when completion mode is Indexed",
        ));
    }
    if let Some(p) = spec
        .parallelism
        .filter(|p| *p > MAX_PARALLELISM_FOR_INDEXED_JOB)
    {
        errs.push(FieldError::invalid(
            &path.child("parallelism"),
            p.into(),
            &format!("must be less than or equal to {MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed"),
        ));
    }
    if let (Some(c), Some(m)) = (spec.completions, spec.max_failed_indexes)
        && m > c
    {
        errs.push(FieldError::invalid(
            &path.child("maxFailedIndexes"),
            m.into(),
            "must be less than or equal to completions",
        ));
    }
    if let Some(m) = spec
        .max_failed_indexes
        .filter(|m| *m > MAX_FAILED_INDEXES_FOR_INDEXED_JOB)
    {
        errs.push(FieldError::invalid(
            &path.child("maxFailedIndexes"),
            m.into(),
            &format!("must be less than or equal to {MAX_FAILED_INDEXES_FOR_INDEXED_JOB}"),
        ));
    }
    if spec.completions.is_some_and(|c| c > COMPLETIONS_SOFT_LIMIT)
        && spec.backoff_limit_per_index.is_some()
    {
        if spec.max_failed_indexes.is_none() {
            errs.push(FieldError::required(
                &path.child("maxFailedIndexes"),
                &format!("must be specified when completions is above {COMPLETIONS_SOFT_LIMIT}"),
            ));
        }
        let suffix = format!(
            "when completions are above {COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index"
        );
        if let Some(p) = spec
            .parallelism
            .filter(|p| *p > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS)
        {
            errs.push(FieldError::invalid(
                &path.child("parallelism"),
                p.into(),
                &format!("must be less than or equal to {PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} {suffix}"),
            ));
        }
        if let Some(m) = spec
            .max_failed_indexes
            .filter(|m| *m > MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS)
        {
            errs.push(FieldError::invalid(
                &path.child("maxFailedIndexes"),
                m.into(),
                &format!("must be less than or equal to {MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS} {suffix}"),
            ));
        }
    }
    errs
}

/// `IsDomainPrefixedPath`
fn is_domain_prefixed_path(path: &Path, value: &str) -> Vec<FieldError> {
    let Some((host, rest)) = value.split_once('/') else {
        return vec![FieldError::invalid(
            path,
            value.into(),
            "must be a domain-prefixed path (such as \"acme.io/foo\")",
        )];
    };
    let mut errs: Vec<FieldError> = names::is_dns1123_subdomain(host)
        .iter()
        .map(|msg| FieldError::invalid(path, host.into(), msg))
        .collect();
    let valid_path = rest
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/-._~%!$&'()*+,;=:".contains(&b));
    if !valid_path {
        errs.push(FieldError::invalid(path, rest.into(), "Invalid path"));
    }
    errs
}

/// `validatePodFailurePolicyRule` and its onExitCodes / onPodConditions parts.
fn validate_pod_failure_policy_rule(
    spec: &JobSpec,
    rule: &PodFailurePolicyRule,
    path: &Path,
    container_names: &BTreeSet<&str>,
) -> Vec<FieldError> {
    const ACTIONS: [&str; 4] = ["Count", "FailIndex", "FailJob", "Ignore"];
    let mut errs = Vec::new();
    let action_path = path.child("action");
    match rule.action.as_str() {
        "" => errs.push(FieldError::required(
            &action_path,
            "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]",
        )),
        "FailIndex" if spec.backoff_limit_per_index.is_none() => errs.push(FieldError::invalid(
            &action_path,
            "FailIndex".into(),
            "requires the backoffLimitPerIndex to be set",
        )),
        a if !ACTIONS.contains(&a) => {
            errs.push(FieldError::not_supported(&action_path, a.into(), &ACTIONS))
        }
        _ => {}
    }
    if let Some(on_exit_codes) = &rule.on_exit_codes {
        let path = path.child("onExitCodes");
        let operator_path = path.child("operator");
        match on_exit_codes.operator.as_str() {
            "" => errs.push(FieldError::required(
                &operator_path,
                "valid values: [\"In\" \"NotIn\"]",
            )),
            "In" | "NotIn" => {}
            other => errs.push(FieldError::not_supported(
                &operator_path,
                other.into(),
                &["In", "NotIn"],
            )),
        }
        if let Some(name) = &on_exit_codes.container_name
            && !container_names.contains(name.as_str())
        {
            errs.push(FieldError::invalid(
                &path.child("containerName"),
                name.into(),
                "must be one of the container or initContainer names in the pod template",
            ));
        }
        let values_path = path.child("values");
        let values = &on_exit_codes.values;
        let go_values = || {
            let items: Vec<String> = values.iter().map(i32::to_string).collect();
            BadValue::Go(format!("[]int32{{{}}}", items.join(", ")))
        };
        if values.is_empty() {
            errs.push(FieldError::invalid(
                &values_path,
                BadValue::Go("[]int32{}".into()),
                "at least one value is required",
            ));
        } else if values.len() > MAX_ON_EXIT_CODES_VALUES {
            errs.push(FieldError::too_many(
                &values_path,
                values.len(),
                MAX_ON_EXIT_CODES_VALUES,
            ));
        }
        let mut seen = BTreeSet::new();
        for (j, value) in values.iter().enumerate() {
            if on_exit_codes.operator == "In" && *value == 0 {
                errs.push(FieldError::invalid(
                    &values_path.index(j),
                    (*value).into(),
                    "must not be 0 for the In operator",
                ));
            }
            if !seen.insert(*value) {
                errs.push(FieldError::duplicate(
                    &values_path.index(j),
                    (*value).into(),
                ));
            }
        }
        if values.windows(2).any(|w| w[0] > w[1]) {
            errs.push(FieldError::invalid(
                &values_path,
                go_values(),
                "must be ordered",
            ));
        }
    }
    let patterns = rule.on_pod_conditions.as_deref().unwrap_or_default();
    if !patterns.is_empty() {
        let path = path.child("onPodConditions");
        if patterns.len() > MAX_ON_POD_CONDITIONS_PATTERNS {
            errs.push(FieldError::too_many(
                &path,
                patterns.len(),
                MAX_ON_POD_CONDITIONS_PATTERNS,
            ));
        }
        for (j, pattern) in patterns.iter().enumerate() {
            let pattern_path = path.index(j);
            errs.extend(validate_qualified_name(
                &pattern.type_,
                &pattern_path.child("type"),
            ));
            let status_path = pattern_path.child("status");
            match pattern.status.as_deref().unwrap_or("") {
                "" => errs.push(FieldError::required(
                    &status_path,
                    "valid values: [\"False\" \"True\" \"Unknown\"]",
                )),
                "False" | "True" | "Unknown" => {}
                other => errs.push(FieldError::not_supported(
                    &status_path,
                    other.into(),
                    &["False", "True", "Unknown"],
                )),
            }
        }
    }
    match (rule.on_exit_codes.is_some(), !patterns.is_empty()) {
        (true, true) => errs.push(FieldError::invalid(
            path,
            BadValue::Omit,
            "specifying both OnExitCodes and OnPodConditions is not supported",
        )),
        (false, false) => errs.push(FieldError::invalid(
            path,
            BadValue::Omit,
            "specifying one of OnExitCodes and OnPodConditions is required",
        )),
        _ => {}
    }
    errs
}

/// `validateSuccessPolicy` and `validateSuccessPolicyRule`.
fn validate_success_policy(spec: &JobSpec, policy: &SuccessPolicy, path: &Path) -> Vec<FieldError> {
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

/// `%#v` of the internal `batch.SuccessPolicy` (pointer fields print as addresses upstream;
/// set pointers are shown with a fixed placeholder address here).
fn go_success_policy(policy: &SuccessPolicy) -> BadValue {
    let rules: Vec<String> = policy
        .rules
        .iter()
        .map(|r| {
            let indexes = if r.succeeded_indexes.is_some() {
                "(*string)(0xc000000000)"
            } else {
                "(*string)(nil)"
            };
            let count = if r.succeeded_count.is_some() {
                "(*int32)(0xc000000000)"
            } else {
                "(*int32)(nil)"
            };
            format!("batch.SuccessPolicyRule{{SucceededIndexes:{indexes}, SucceededCount:{count}}}")
        })
        .collect();
    BadValue::Go(format!(
        "batch.SuccessPolicy{{Rules:[]batch.SuccessPolicyRule{{{}}}}}",
        rules.join(", ")
    ))
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
