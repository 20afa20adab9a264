//! What the API server adds to a Job on create (`pkg/registry/batch/job/strategy.go`
//! `PrepareForCreate` → `generateSelector`): the controller-uid selector and the four labels
//! the pod template receives.

use std::collections::BTreeMap;

use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

const LEGACY_JOB_NAME: &str = "job-name";
const JOB_NAME: &str = "batch.kubernetes.io/job-name";
const LEGACY_CONTROLLER_UID: &str = "controller-uid";
const CONTROLLER_UID: &str = "batch.kubernetes.io/controller-uid";

/// `generateSelector` plus the Job-label copy: unless `manualSelector` is true, the template
/// gets the four generated labels (each only if absent) and the selector matches the uid.
pub fn prepare_job_for_create(job: &mut Job, uid: &str) {
    let name = job.metadata.name.clone().unwrap_or_default();
    let spec = job.spec.get_or_insert_with(JobSpec::default);
    if spec.manual_selector != Some(true) {
        let template_meta = spec.template.metadata.get_or_insert_with(Default::default);
        let labels = template_meta.labels.get_or_insert_with(BTreeMap::new);
        for (key, value) in [
            (LEGACY_CONTROLLER_UID, uid),
            (CONTROLLER_UID, uid),
            (LEGACY_JOB_NAME, name.as_str()),
            (JOB_NAME, name.as_str()),
        ] {
            labels
                .entry(key.to_string())
                .or_insert_with(|| value.to_string());
        }
        let selector = spec.selector.get_or_insert_with(LabelSelector::default);
        let match_labels = selector.match_labels.get_or_insert_with(BTreeMap::new);
        match_labels
            .entry(CONTROLLER_UID.to_string())
            .or_insert_with(|| uid.to_string());
    }
    if job.metadata.labels.as_ref().is_none_or(BTreeMap::is_empty) {
        job.metadata.labels = spec
            .template
            .metadata
            .as_ref()
            .and_then(|m| m.labels.clone());
    }
}

/// On update, the generated template labels the user did not send are kept.
pub fn keep_generated_labels(new: &mut JobSpec, old: &JobSpec) {
    let old_labels = old
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    let labels = new
        .template
        .metadata
        .get_or_insert_with(Default::default)
        .labels
        .get_or_insert_with(BTreeMap::new);
    for key in [
        LEGACY_CONTROLLER_UID,
        CONTROLLER_UID,
        LEGACY_JOB_NAME,
        JOB_NAME,
    ] {
        if let Some(value) = old_labels.get(key) {
            labels
                .entry(key.to_string())
                .or_insert_with(|| value.clone());
        }
    }
}

/// `SetDefaults_Job` (`pkg/apis/batch/v1/defaults.go`): the spec fields the API server fills
/// in on every decode.
pub fn set_spec_defaults(spec: &mut JobSpec) {
    match (spec.completions, spec.parallelism) {
        (None, None) => {
            spec.completions = Some(1);
            spec.parallelism = Some(1);
        }
        (_, None) => spec.parallelism = Some(1),
        _ => {}
    }
    if spec.backoff_limit.is_none() {
        spec.backoff_limit = Some(if spec.backoff_limit_per_index.is_some() {
            i32::MAX
        } else {
            6
        });
    }
    spec.completion_mode
        .get_or_insert_with(|| "NonIndexed".to_string());
    spec.suspend.get_or_insert(false);
    spec.manual_selector.get_or_insert(false);
    spec.pod_replacement_policy.get_or_insert_with(|| {
        if spec.pod_failure_policy.is_some() {
            "Failed".to_string()
        } else {
            "TerminatingOrFailed".to_string()
        }
    });
    if let Some(pod_spec) = spec.template.spec.as_mut() {
        pod_spec
            .restart_policy
            .get_or_insert_with(|| "Always".to_string());
        pod_spec.termination_grace_period_seconds.get_or_insert(30);
    }
}
