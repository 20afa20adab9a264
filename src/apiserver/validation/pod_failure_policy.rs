//! `spec.podFailurePolicy` validation (`validatePodFailurePolicy`,
//! `validatePodFailurePolicyRule` and its onExitCodes / onPodConditions parts in
//! `pkg/apis/batch/validation/validation.go`).

use std::collections::BTreeSet;

use k8s_openapi::api::batch::v1::{JobSpec, PodFailurePolicy, PodFailurePolicyRule};

use super::names::validate_qualified_name;
use crate::apiserver::field::{BadValue, FieldError, Path};

const MAX_POD_FAILURE_POLICY_RULES: usize = 20;
const MAX_ON_EXIT_CODES_VALUES: usize = 255;
const MAX_ON_POD_CONDITIONS_PATTERNS: usize = 20;

/// `validatePodFailurePolicy`
pub fn validate(spec: &JobSpec, policy: &PodFailurePolicy, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let rules_path = path.child("rules");
    if policy.rules.len() > MAX_POD_FAILURE_POLICY_RULES {
        errs.push(FieldError::too_many(
            &rules_path,
            policy.rules.len(),
            MAX_POD_FAILURE_POLICY_RULES,
        ));
    }
    let pod = spec.template.spec.as_ref();
    let container_names: BTreeSet<&str> = crate::sort::set_of(
        pod.into_iter()
            .flat_map(|p| {
                p.containers
                    .iter()
                    .chain(p.init_containers.iter().flatten())
            })
            .map(|c| c.name.as_str()),
    );
    for (i, rule) in policy.rules.iter().enumerate() {
        errs.extend(validate_rule(
            spec,
            rule,
            &rules_path.index(i),
            &container_names,
        ));
    }
    errs
}

/// `validatePodFailurePolicyRule` and its onExitCodes / onPodConditions parts.
fn validate_rule(
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
        let json_values = || {
            let items: Vec<String> = values.iter().map(i32::to_string).collect();
            BadValue::Json(format!("[{}]", items.join(",")))
        };
        if values.is_empty() {
            // Upstream marshals the slice: `null` when `values` was left out, `[]` when
            // written empty; the decoded type cannot tell them apart, and leaving it out
            // is the usual mistake.
            errs.push(FieldError::invalid(
                &values_path,
                BadValue::Json("null".into()),
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
                json_values(),
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
