//! One parsed document to a typed object, or to the refusal kubectl would print: missing or
//! unsupported `apiVersion`/`kind`, repeated keys, strict decoding and type errors,
//! malformed quantities.

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, Secret};

use super::decode::{DecodeError, decode};
use super::tree::Node;
use super::{Diagnostic, Document, Object, Read, Reason, Refusal, Severity, check, resolve};
use crate::apiserver::ErrorType;

pub(crate) fn read_document(index: usize, file: &str, node: Node) -> Read {
    let json = resolve::to_json(&node);
    let text_at = |key: &str| {
        json.get(key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let api_version = text_at("apiVersion");
    let kind = text_at("kind");
    let name = json
        .pointer("/metadata/name")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    let refuse = |field: &str, kubectl: String, message: String| Refusal {
        kubectl,
        api: message.clone(),
        diagnostics: vec![Diagnostic {
            severity: Severity::Error,
            document: index,
            field: field.to_string(),
            reason: Reason::Kind,
            message,
            position: Some(node.locate(field)),
        }],
    };
    let result = if !json.is_object() {
        let message = "error validating data: the document is not a mapping of apiVersion, kind, metadata and spec".to_string();
        Err(refuse(
            "",
            format!("error: error validating {file:?}: {message}"),
            message,
        ))
    } else if kind.is_empty() || api_version.is_empty() {
        let missing = if kind.is_empty() {
            "kind"
        } else {
            "apiVersion"
        };
        let message = format!("error validating data: {missing} not set");
        Err(refuse(
            missing,
            format!(
                "error: error validating {file:?}: {message}; if you choose to ignore these errors, turn validation off with --validate=false"
            ),
            message,
        ))
    } else {
        match (api_version.as_str(), kind.as_str()) {
            ("batch/v1", "Job") => decode_object(index, file, "Job", json, &node, |j: Job| {
                Object::Job(Box::new(j))
            }),
            ("v1", "ConfigMap") => {
                decode_object(index, file, "ConfigMap", json, &node, |c: ConfigMap| {
                    Object::ConfigMap(Box::new(c))
                })
            }
            ("v1", "Secret") => decode_object(index, file, "Secret", json, &node, |s: Secret| {
                Object::Secret(Box::new(s))
            }),
            (_, "Job" | "ConfigMap" | "Secret") => {
                let message = format!("no matches for kind {kind:?} in version {api_version:?}");
                Err(refuse(
                    "apiVersion",
                    format!(
                        "error: resource mapping not found for name: {name:?} namespace: \"\" from {file:?}: {message}\nensure CRDs are installed first"
                    ),
                    message,
                ))
            }
            _ => {
                let message = unsupported_kind(&api_version, &kind);
                Err(refuse("kind", format!("error: {message}"), message))
            }
        }
    };
    Read {
        index,
        api_version,
        kind,
        name,
        result: result.map(|object| Document {
            index,
            object,
            tree: node,
        }),
    }
}

/// The message for a kind jobsim does not run.
fn unsupported_kind(api_version: &str, kind: &str) -> String {
    let hint = match kind {
        "CronJob" => {
            "CronJob support is planned; until then, put its spec.jobTemplate into a batch/v1 Job"
        }
        "Pod" | "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" => {
            "a Job runs pods to completion: wrap the pod spec in a Job's spec.template"
        }
        _ => {
            "only batch/v1 Job, plus v1 ConfigMap and Secret for the volumes and environment of its pods, can be applied"
        }
    };
    format!(
        "jobsim runs batch/v1 Job (and later CronJob); {kind} ({api_version}) is not simulated: {hint}"
    )
}

fn decode_object<T: serde::de::DeserializeOwned>(
    index: usize,
    file: &str,
    kind: &str,
    json: serde_json::Value,
    node: &Node,
    wrap: impl FnOnce(T) -> Object,
) -> Result<Object, Refusal> {
    let duplicates = node.duplicate_keys();
    if !duplicates.is_empty() {
        let lines: Vec<String> = duplicates
            .iter()
            .map(|(field, position)| {
                let key = field.rsplit('.').next().unwrap_or(field);
                format!("line {}: key {key:?} already set in map", position.line)
            })
            .collect();
        let message = format!(
            "error converting YAML to JSON: yaml: unmarshal errors:\n  {}",
            lines.join("\n  ")
        );
        let diagnostics = duplicates
            .iter()
            .zip(&lines)
            .map(|((field, position), line)| Diagnostic {
                severity: Severity::Error,
                document: index,
                field: field.clone(),
                reason: Reason::Syntax,
                message: line.clone(),
                position: Some(*position),
            })
            .collect();
        return Err(Refusal {
            kubectl: format!("error: error parsing {file}: {message}"),
            api: message,
            diagnostics,
        });
    }
    let bad_request = |api: String, diagnostics: Vec<Diagnostic>| Refusal {
        kubectl: format!("Error from server (BadRequest): error when creating {file:?}: {api}"),
        api,
        diagnostics,
    };
    let decoded = decode::<T>(json, kind);
    let object = match decoded {
        Ok(object) => wrap(object),
        Err(DecodeError::UnknownFields(fields)) => {
            let causes: Vec<String> = fields
                .iter()
                .map(|f| format!("unknown field {f:?}"))
                .collect();
            let diagnostics = fields
                .iter()
                .zip(&causes)
                .map(|(field, message)| Diagnostic {
                    severity: Severity::Error,
                    document: index,
                    field: field.clone(),
                    reason: Reason::UnknownField,
                    message: message.clone(),
                    position: Some(node.locate_key(field)),
                })
                .collect();
            let api = format!(
                "{kind} in version \"v1\" cannot be handled as a {kind}: strict decoding error: {}",
                causes.join(", ")
            );
            return Err(bad_request(api, diagnostics));
        }
        Err(DecodeError::Type { path, message }) => {
            let diagnostic = Diagnostic {
                severity: Severity::Error,
                document: index,
                field: path.clone(),
                reason: Reason::Cause(ErrorType::TypeInvalid),
                message: message.clone(),
                position: Some(node.locate(&path)),
            };
            return Err(bad_request(message, vec![diagnostic]));
        }
    };
    if let Object::Job(job) = &object
        && let Some((path, error)) = check::bad_quantity(job)
    {
        let api = format!("{kind} in version \"v1\" cannot be handled as a {kind}: {error}");
        let diagnostic = Diagnostic {
            severity: Severity::Error,
            document: index,
            field: path.clone(),
            reason: Reason::Cause(ErrorType::TypeInvalid),
            message: api.clone(),
            position: Some(node.locate(&path)),
        };
        return Err(bad_request(api, vec![diagnostic]));
    }
    Ok(object)
}
