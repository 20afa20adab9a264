//! Job updates (`ValidateJobSpecUpdate` in `pkg/apis/batch/validation`): which spec fields
//! may change on an existing Job, with the API server's `field is immutable` errors.

use k8s_openapi::api::batch::v1::JobSpec;

/// The causes that make an update of `old` to `new` invalid (empty: allowed).
/// `suspended_never_started`: the template's scheduling directives, labels and annotations
/// may change while the Job is suspended and has never started.
pub fn validate_job_spec_update(
    old: &JobSpec,
    new: &JobSpec,
    suspended_never_started: bool,
) -> Vec<String> {
    let mut causes = Vec::new();
    let immutable =
        |field: &str, value: String| format!("{field}: Invalid value: {value}: field is immutable");
    let indexed = new.completion_mode.as_deref() == Some("Indexed");
    if old.completions != new.completions {
        let tandem =
            indexed && old.parallelism != new.parallelism && new.completions == new.parallelism;
        if !tandem {
            let value = new
                .completions
                .map_or("null".to_string(), |c| c.to_string());
            let detail = if indexed {
                "can only be modified in tandem with spec.parallelism"
            } else {
                "field is immutable"
            };
            causes.push(format!(
                "spec.completions: Invalid value: {value}: {detail}"
            ));
        }
    }
    if old.selector != new.selector {
        causes.push(immutable(
            "spec.selector",
            "v1.LabelSelector{…}".to_string(),
        ));
    }
    if old.template != new.template {
        let mut old_t = old.template.clone();
        let mut new_t = new.template.clone();
        if suspended_never_started {
            for t in [&mut old_t, &mut new_t] {
                t.metadata = None;
                if let Some(spec) = t.spec.as_mut() {
                    spec.node_selector = None;
                    spec.tolerations = None;
                    spec.affinity = None;
                    spec.scheduling_gates = None;
                }
            }
        }
        if old_t != new_t {
            causes.push(immutable(
                "spec.template",
                "core.PodTemplateSpec{…}".to_string(),
            ));
        }
    }
    if old.completion_mode != new.completion_mode {
        causes.push(immutable(
            "spec.completionMode",
            format!("{:?}", new.completion_mode.as_deref().unwrap_or("")),
        ));
    }
    if old.pod_failure_policy != new.pod_failure_policy {
        causes.push(immutable(
            "spec.podFailurePolicy",
            "batch.PodFailurePolicy{…}".to_string(),
        ));
    }
    if old.backoff_limit_per_index != new.backoff_limit_per_index {
        let value = new
            .backoff_limit_per_index
            .map_or("null".to_string(), |v| v.to_string());
        causes.push(immutable("spec.backoffLimitPerIndex", value));
    }
    if old.success_policy != new.success_policy {
        causes.push(immutable(
            "spec.successPolicy",
            "batch.SuccessPolicy{…}".to_string(),
        ));
    }
    if old.managed_by != new.managed_by {
        causes.push(immutable(
            "spec.managedBy",
            format!("{:?}", new.managed_by.as_deref().unwrap_or("")),
        ));
    }
    causes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(completions: i32, parallelism: i32, indexed: bool) -> JobSpec {
        JobSpec {
            completions: Some(completions),
            parallelism: Some(parallelism),
            completion_mode: Some(if indexed { "Indexed" } else { "NonIndexed" }.to_string()),
            ..JobSpec::default()
        }
    }

    #[test]
    fn immutable_fields_are_refused_and_mutable_ones_pass() {
        assert_eq!(
            validate_job_spec_update(&spec(3, 1, false), &spec(5, 1, false), false),
            ["spec.completions: Invalid value: 5: field is immutable"]
        );
        assert!(
            validate_job_spec_update(&spec(3, 1, false), &spec(3, 4, false), false).is_empty(),
            "parallelism is mutable"
        );
        assert!(
            validate_job_spec_update(&spec(3, 3, true), &spec(5, 5, true), false).is_empty(),
            "indexed in tandem"
        );
        assert_eq!(
            validate_job_spec_update(&spec(3, 3, true), &spec(5, 3, true), false),
            [
                "spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism"
            ]
        );
    }
}
