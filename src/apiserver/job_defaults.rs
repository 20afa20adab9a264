//! What the API server keeps on a Job update (`pkg/registry/batch/job/strategy.go`
//! `PrepareForUpdate`): the generated template labels the user's new spec left out.

use std::collections::BTreeMap;

use k8s_openapi::api::batch::v1::JobSpec;

const LEGACY_JOB_NAME: &str = "job-name";
const JOB_NAME: &str = "batch.kubernetes.io/job-name";
const LEGACY_CONTROLLER_UID: &str = "controller-uid";
const CONTROLLER_UID: &str = "batch.kubernetes.io/controller-uid";

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
