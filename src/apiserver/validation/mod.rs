//! Job validation on create, rule for rule and message for message as
//! `pkg/apis/batch/validation/validation.go` (`ValidateJob`); the pod template goes through
//! [`pod`] (`pkg/apis/core/validation`), names and labels through [`names`].

pub mod env;
pub mod names;
pub mod pod;
pub mod pod_failure_policy;
pub mod resources;
pub mod selector;
pub mod success_policy;
pub mod volumes;

use k8s_openapi::api::batch::v1::{Job, JobSpec};

use self::names::{is_dns1123_label, validate_object_meta};
use self::selector::{json_map, json_selector, selector_matches, validate_label_selector};
use super::field::{BadValue, FieldError, Path};
use super::strategy::{
    CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL,
};

const MAX_PARALLELISM_FOR_INDEXED_JOB: i32 = 100_000;
const MAX_FAILED_INDEXES_FOR_INDEXED_JOB: i32 = 100_000;
const COMPLETIONS_SOFT_LIMIT: i32 = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS: i32 = 10_000;
const MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS: i32 = 10_000;
const MAX_MANAGED_BY_LENGTH: usize = 63;

pub(crate) const NONNEGATIVE: &str = "must be greater than or equal to 0";

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
                json_map(labels),
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
            json_selector(selector),
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
            json_map(template_labels),
            "`selector` does not match template `labels`",
        ));
    }
    errs
}

pub(crate) fn nonnegative(value: Option<impl Into<i64>>, path: &Path, errs: &mut Vec<FieldError>) {
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
            errs.push(FieldError::too_long(
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
        errs.extend(pod_failure_policy::validate(
            spec,
            policy,
            &path.child("podFailurePolicy"),
        ));
    }
    if let Some(policy) = &spec.success_policy {
        if !indexed {
            errs.push(FieldError::invalid(
                &path.child("successPolicy"),
                success_policy::json_value(policy),
                "requires indexed completion mode",
            ));
        } else {
            errs.extend(success_policy::validate(
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

/// `IsDomainPrefixedPath`: a DNS-subdomain host, `/`, and a non-empty HTTP path.
fn is_domain_prefixed_path(path: &Path, value: &str) -> Vec<FieldError> {
    const HTTP_PATH_FMT: &str = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
    if value.is_empty() {
        return vec![FieldError::required(path, "")];
    }
    let (host, rest) = match value.split_once('/') {
        Some((host, rest)) if !host.is_empty() && !rest.is_empty() => (host, rest),
        _ => {
            return vec![FieldError::invalid(
                path,
                value.into(),
                "must be a domain-prefixed path (such as \"acme.io/foo\")",
            )];
        }
    };
    let mut errs: Vec<FieldError> = names::is_dns1123_subdomain(host)
        .iter()
        .map(|msg| FieldError::invalid(path, host.into(), msg))
        .collect();
    let valid_path = rest
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/-._~%!$&'()*+,;=:".contains(&b));
    if !valid_path {
        errs.push(FieldError::invalid(
            path,
            rest.into(),
            &names::regex_error("Invalid path", HTTP_PATH_FMT, &[]),
        ));
    }
    errs
}
