//! What the Job REST strategy does on create (`pkg/registry/batch/job/strategy.go`):
//! `PrepareForCreate` (generated selector and template labels, generation 1, empty status),
//! `WarningsOnCreate` (`pkg/api/job/warnings.go`), and `generateName`
//! (`apiserver/pkg/storage/names/generate.go`).

use std::collections::BTreeMap;

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::validation::names::is_dns1123_label;

/// `batch.kubernetes.io/job-name`
pub const JOB_NAME_LABEL: &str = "batch.kubernetes.io/job-name";
/// `batch.kubernetes.io/controller-uid`
pub const CONTROLLER_UID_LABEL: &str = "batch.kubernetes.io/controller-uid";
/// `job-name` (legacy)
pub const LEGACY_JOB_NAME_LABEL: &str = "job-name";
/// `controller-uid` (legacy)
pub const LEGACY_CONTROLLER_UID_LABEL: &str = "controller-uid";

/// `PrepareForCreate` for a Job whose name is already final (generated if needed): sets the
/// uid, adds the four template labels and the selector unless `manualSelector` is true,
/// sets generation 1 and clears status.
///
/// Upstream, `SetDefaults_Job` makes the Job's labels *the same map* as the template's when
/// the Job has none, so the generated labels show on the Job too; that sharing is kept here.
/// A Job whose template had no labels gets its labels only when defaulting runs again on
/// read: call [`super::defaults::set_defaults_job`] once more for the stored view.
pub fn prepare_job_for_create(job: &mut Job, uid: &str) {
    job.metadata.uid = Some(uid.to_string());
    let name = job.metadata.name.clone().unwrap_or_default();
    let spec = job.spec.get_or_insert_with(Default::default);
    let template_labels = spec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.as_ref());
    let shared = template_labels.is_some() && job.metadata.labels.as_ref() == template_labels;
    if !spec.manual_selector.unwrap_or(false) {
        let labels = spec
            .template
            .metadata
            .get_or_insert_with(Default::default)
            .labels
            .get_or_insert_with(BTreeMap::new);
        for (key, value) in [
            (LEGACY_JOB_NAME_LABEL, name.as_str()),
            (JOB_NAME_LABEL, name.as_str()),
            (LEGACY_CONTROLLER_UID_LABEL, uid),
            (CONTROLLER_UID_LABEL, uid),
        ] {
            labels
                .entry(key.to_string())
                .or_insert_with(|| value.to_string());
        }
        spec.selector
            .get_or_insert_with(LabelSelector::default)
            .match_labels
            .get_or_insert_with(BTreeMap::new)
            .entry(CONTROLLER_UID_LABEL.to_string())
            .or_insert_with(|| uid.to_string());
    }
    job.status = None;
    job.metadata.generation = Some(1);
    if shared {
        job.metadata.labels = spec
            .template
            .metadata
            .as_ref()
            .and_then(|m| m.labels.clone());
    }
}

/// `names.SimpleNameGenerator.GenerateName`: the base cut to 58 bytes plus five characters
/// drawn from `bcdfghjklmnpqrstvwxz2456789`; `random` supplies the draws (callers pass a
/// seeded generator, the core has no ambient randomness).
pub fn generate_name(base: &str, mut random: impl FnMut() -> u32) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    const MAX_GENERATED_NAME_LENGTH: usize = 63 - 5;
    let mut cut = base.len().min(MAX_GENERATED_NAME_LENGTH);
    while !base.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut name = base[..cut].to_string();
    for _ in 0..5 {
        let i = random() as usize % ALPHANUMS.len();
        name.push(char::from(ALPHANUMS[i]));
    }
    name
}

/// `WarningsOnCreate`: the API server's `Warning:` lines for a new Job, as (field, text).
pub fn warnings_on_create(job: &Job) -> Vec<(String, String)> {
    let mut warnings = Vec::new();
    let name = job.metadata.name.as_deref().unwrap_or("");
    let msgs = is_dns1123_label(name);
    if !name.is_empty() && !msgs.is_empty() {
        warnings.push((
            "metadata.name".to_string(),
            format!(
                "metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [{}]",
                msgs.join(" ")
            ),
        ));
    }
    if let Some(spec) = &job.spec
        && spec.completion_mode.as_deref() == Some("Indexed")
        && spec.completions.unwrap_or(0) > 100_000
        && spec.parallelism.unwrap_or(0) > 10_000
    {
        warnings.push(("spec".to_string(), "spec: In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might not be able to track completedIndexes when a big number of indexes fail".to_string()));
    }
    if let Some(spec) = &job.spec {
        let path = super::field::Path::new("spec").child("template");
        warnings.extend(super::warnings::pod_template_warnings(
            &spec.template,
            &path,
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_adds_the_four_labels_and_the_selector() {
        let mut job = Job::default();
        job.metadata.name = Some("pi".into());
        prepare_job_for_create(&mut job, "uid-1");
        assert_eq!(job.metadata.labels, None, "no template labels to share");
        crate::apiserver::defaults::set_defaults_job(&mut job);
        let spec = job.spec.as_ref().expect("created");
        let labels = spec
            .template
            .metadata
            .as_ref()
            .and_then(|m| m.labels.clone());
        let expected: BTreeMap<String, String> = [
            (CONTROLLER_UID_LABEL, "uid-1"),
            (JOB_NAME_LABEL, "pi"),
            (LEGACY_CONTROLLER_UID_LABEL, "uid-1"),
            (LEGACY_JOB_NAME_LABEL, "pi"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(labels.as_ref(), Some(&expected));
        assert_eq!(job.metadata.labels.as_ref(), Some(&expected));
        assert_eq!(job.metadata.generation, Some(1));
        let selector = spec.selector.as_ref().and_then(|s| s.match_labels.clone());
        assert_eq!(
            selector,
            Some(BTreeMap::from([(
                CONTROLLER_UID_LABEL.to_string(),
                "uid-1".to_string()
            )]))
        );
    }

    #[test]
    fn generate_name_cuts_the_base_and_appends_five_characters() {
        let mut n = 0;
        let name = generate_name(&"a".repeat(70), || {
            n += 1;
            n
        });
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("cdfgh"));
    }

    #[test]
    fn dotted_names_warn() {
        let mut job = Job::default();
        job.metadata.name = Some("a.b".into());
        let warnings = warnings_on_create(&job);
        assert_eq!(
            warnings[0].1,
            "metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]"
        );
    }
}
