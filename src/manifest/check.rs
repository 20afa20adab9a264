//! `check`: a YAML stream through everything the API server does on create (decode,
//! default, prepare, validate, warn) plus the guide's lints, as a report per document with
//! kubectl's words and every diagnostic positioned. The editor and `jobsim validate` use it.

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, Secret};

use super::lints::lint_job;
use super::{Diagnostic, Document, Object, Reason, Refusal, Severity, read_stream};
use crate::apiserver::defaults::{
    generate_name, prepare_job_for_create, set_defaults_job, set_defaults_secret,
};
use crate::apiserver::field::{FieldError, Path, dedup, kubectl_invalid_message};
use crate::apiserver::quantity::Quantity;
use crate::apiserver::strategy::warnings_on_create;
use crate::apiserver::validate_job_create;
use crate::apiserver::validation::env::config_map_key_errors;
use crate::apiserver::validation::names::validate_object_meta;

/// The uid `check` gives a Job; the real one comes from the cluster's store.
pub const PLACEHOLDER_UID: &str = "00000000-0000-4000-8000-000000000000";

/// How the API server would answer a create of this document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Created (warnings may still apply).
    Valid,
    /// `422 Invalid`: validation errors; holds kubectl's `The Job "x" is invalid: ...`.
    Invalid { kubectl: String, api: String },
    /// Refused before validation (syntax, kind, decoding); kubectl's text and the API message.
    BadRequest { kubectl: String, api: String },
}

/// One document's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub index: usize,
    pub api_version: String,
    pub kind: String,
    pub name: String,
    /// The object as the API server would store it (defaulted, prepared), when it decoded.
    pub object: Option<Object>,
    pub outcome: Outcome,
    /// Errors first (in the API server's order), then warnings.
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything `check` found in one stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub file_name: String,
    pub documents: Vec<Checked>,
}

impl Report {
    /// Every diagnostic of every document, in order.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.documents.iter().flat_map(|d| d.diagnostics.iter())
    }

    /// True when no document is refused.
    pub fn is_ok(&self) -> bool {
        self.documents.iter().all(|d| d.outcome == Outcome::Valid)
    }
}

/// Loads, defaults, prepares (with [`PLACEHOLDER_UID`]) and validates every document.
pub fn check(file_name: &str, text: &str) -> Report {
    let documents = read_stream(file_name, text)
        .into_iter()
        .map(|read| match read.result {
            Err(Refusal {
                kubectl,
                api,
                diagnostics,
            }) => Checked {
                index: read.index,
                api_version: read.api_version,
                kind: read.kind,
                name: read.name,
                object: None,
                outcome: Outcome::BadRequest { kubectl, api },
                diagnostics,
            },
            Ok(document) => check_document(document, read.api_version, read.kind),
        })
        .collect();
    Report {
        file_name: file_name.to_string(),
        documents,
    }
}

fn check_document(document: Document, api_version: String, kind: String) -> Checked {
    let Document {
        index,
        object,
        tree,
    } = document;
    let mut warnings = Vec::new();
    let (object, errors, name) = match object {
        Object::Job(mut job) => {
            for lint in lint_job(&job) {
                warnings.push((lint.field, Reason::Lint(lint.id), lint.message));
            }
            let name = create_name(&mut job.metadata, index);
            set_defaults_job(&mut job);
            prepare_job_for_create(&mut job, PLACEHOLDER_UID);
            let errors = validate_job_create(&job);
            set_defaults_job(&mut job);
            if errors.is_empty() {
                let api = warnings_on_create(&job)
                    .into_iter()
                    .map(|(field, message)| (field, Reason::ApiWarning, message));
                warnings.splice(0..0, api);
            }
            (Object::Job(job), errors, name)
        }
        Object::ConfigMap(mut config_map) => {
            let name = create_name(&mut config_map.metadata, index);
            let errors = validate_config_map(&config_map);
            (Object::ConfigMap(config_map), errors, name)
        }
        Object::Secret(mut secret) => {
            let name = create_name(&mut secret.metadata, index);
            set_defaults_secret(&mut secret);
            merge_string_data(&mut secret);
            let errors = validate_secret(&secret);
            (Object::Secret(secret), errors, name)
        }
    };
    let mut diagnostics: Vec<Diagnostic> = dedup(&errors)
        .into_iter()
        .map(|e| Diagnostic {
            severity: Severity::Error,
            document: index,
            field: e.field.to_string(),
            reason: Reason::Cause(e.error_type),
            message: e.to_string(),
            position: Some(tree.locate(&position_path(e, &tree))),
        })
        .collect();
    diagnostics.extend(
        warnings
            .into_iter()
            .map(|(field, reason, message)| Diagnostic {
                severity: Severity::Warning,
                document: index,
                position: Some(tree.locate(&field)),
                field,
                reason,
                message,
            }),
    );
    let outcome = if errors.is_empty() {
        Outcome::Valid
    } else {
        let group = if kind == "Job" {
            "Job.batch"
        } else {
            kind.as_str()
        };
        Outcome::Invalid {
            kubectl: kubectl_invalid_message(&kind, &name, &errors),
            api: crate::apiserver::field::api_invalid_message(group, &name, &errors),
        }
    };
    Checked {
        index,
        api_version,
        kind,
        name,
        object: Some(object),
        outcome,
        diagnostics,
    }
}

/// Where to point for an error whose path names a whole map: the entry it is about, when
/// that can be told (`resources.requests` → `requests[cpu]`, a bad label → its entry).
fn position_path(error: &FieldError, tree: &super::tree::Node) -> String {
    let field = error.field.as_str();
    if field.ends_with(".requests")
        && let Some(resource) = error
            .detail
            .split(" limit of ")
            .next()
            .and_then(|d| d.rsplit(' ').next())
    {
        return format!("{field}[{resource}]");
    }
    if (field.ends_with("labels")
        || field.ends_with("annotations")
        || field.ends_with("matchLabels"))
        && let crate::apiserver::BadValue::Str(bad) = &error.bad_value
        && let Some(key) = tree.map_key_with(field, bad)
    {
        return format!("{field}[{key}]");
    }
    field.to_string()
}

/// Fills the namespace and, for `generateName`, a name as the API server would before
/// validation (the five characters are fixed here; the store draws real ones).
fn create_name(
    meta: &mut k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
    index: usize,
) -> String {
    if meta.namespace.as_deref().unwrap_or("").is_empty() {
        meta.namespace = Some("default".to_string());
    }
    if meta.name.as_deref().unwrap_or("").is_empty()
        && let Some(base) = meta.generate_name.as_deref().filter(|g| !g.is_empty())
    {
        let mut n = index as u32;
        meta.name = Some(generate_name(base, || {
            n = n.wrapping_mul(31).wrapping_add(7);
            n
        }));
    }
    meta.name.clone().unwrap_or_default()
}

/// `ValidateConfigMap`: metadata and data keys.
fn validate_config_map(config_map: &ConfigMap) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&config_map.metadata, &Path::new("metadata"));
    let binary = config_map.binary_data.as_ref();
    for (key, _) in config_map.data.iter().flatten() {
        let path = Path::new("data").key(key);
        for msg in config_map_key_errors(key) {
            errs.push(FieldError::invalid(&path, key.into(), &msg));
        }
        if binary.is_some_and(|b| b.contains_key(key)) {
            errs.push(FieldError::invalid(
                &path,
                key.into(),
                "duplicate of key present in binaryData",
            ));
        }
    }
    for (key, _) in binary.into_iter().flatten() {
        for msg in config_map_key_errors(key) {
            errs.push(FieldError::invalid(
                &Path::new("binaryData").key(key),
                key.into(),
                &msg,
            ));
        }
    }
    errs
}

/// `ValidateSecret`: metadata and data keys.
fn validate_secret(secret: &Secret) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&secret.metadata, &Path::new("metadata"));
    for (key, _) in secret.data.iter().flatten() {
        for msg in config_map_key_errors(key) {
            errs.push(FieldError::invalid(
                &Path::new("data").key(key),
                key.into(),
                &msg,
            ));
        }
    }
    errs
}

/// The v1 → internal conversion folds `stringData` into `data`.
fn merge_string_data(secret: &mut Secret) {
    if let Some(string_data) = secret.string_data.take() {
        let data = secret.data.get_or_insert_with(Default::default);
        for (key, value) in string_data {
            data.insert(key, k8s_openapi::ByteString(value.into_bytes()));
        }
    }
}

/// The first malformed quantity in a Job's containers, with its path: Kubernetes refuses
/// those while decoding (`quantities must match the regular expression ...`).
pub(crate) fn bad_quantity(job: &Job) -> Option<(String, &'static str)> {
    let pod = job.spec.as_ref()?.template.spec.as_ref()?;
    let lists = [
        ("containers", Some(&pod.containers)),
        ("initContainers", pod.init_containers.as_ref()),
    ];
    for (list, containers) in lists {
        for (i, container) in containers.into_iter().flatten().enumerate() {
            let Some(resources) = &container.resources else {
                continue;
            };
            for (part, map) in [
                ("limits", &resources.limits),
                ("requests", &resources.requests),
            ] {
                for (name, quantity) in map.iter().flatten() {
                    if let Err(e) = Quantity::parse(&quantity.0) {
                        return Some((
                            format!("spec.template.spec.{list}[{i}].resources.{part}[{name}]"),
                            e,
                        ));
                    }
                }
            }
        }
    }
    for (i, volume) in pod.volumes.iter().flatten().enumerate() {
        if let Some(limit) = volume
            .empty_dir
            .as_ref()
            .and_then(|e| e.size_limit.as_ref())
            && let Err(e) = Quantity::parse(&limit.0)
        {
            return Some((
                format!("spec.template.spec.volumes[{i}].emptyDir.sizeLimit"),
                e,
            ));
        }
    }
    None
}
