//! Field selectors as apimachinery `pkg/fields/selector.go` parses them (`=`, `==`, `!=`,
//! backslash escapes in values), the field labels each kind accepts (`AddFieldLabelConversionFunc`
//! in `pkg/apis/core/v1/conversion.go` and `pkg/apis/batch/v1/conversion.go`, else
//! `runtime.DefaultMetaV1FieldSelectorConversion`), the values each kind exposes (the
//! registries' `ToSelectableFields`), and kubectl's `EnhanceListError` wording.

use std::collections::BTreeMap;

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{Event, Namespace, Node, Pod, Secret};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::validation::go_quote;

/// One `field<op>value` term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldTerm {
    /// The field label, e.g. `status.phase`.
    pub field: String,
    /// `true` for `!=`.
    pub not_equal: bool,
    /// The unescaped value.
    pub value: String,
}

/// A parsed field selector: the AND of its terms (empty matches everything).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSelector {
    /// Terms sorted as `parseSelector` sorts the raw parts.
    pub terms: Vec<FieldTerm>,
}

impl FieldSelector {
    /// Whether the object's selectable fields satisfy every term (a missing field reads `""`).
    pub fn matches(&self, fields: &BTreeMap<String, String>) -> bool {
        self.terms.iter().all(|t| {
            let actual = fields.get(&t.field).map(String::as_str).unwrap_or("");
            (actual == t.value) != t.not_equal
        })
    }

    /// Applies the kind's field-label conversion (as the API server does before listing); the
    /// error is the server's message, e.g. `field label not supported: foo`.
    pub fn convert_for(&self, kind: SelectableKind) -> Result<FieldSelector, String> {
        let mut terms = Vec::with_capacity(self.terms.len());
        for term in &self.terms {
            let field = convert_field_label(kind, &term.field)?;
            terms.push(FieldTerm {
                field,
                ..term.clone()
            });
        }
        Ok(FieldSelector { terms })
    }
}

/// `fields.ParseSelector`.
pub fn parse_field_selector(selector: &str) -> Result<FieldSelector, String> {
    let mut parts = split_terms(selector);
    crate::sort::sort(&mut parts);
    let mut terms = Vec::new();
    for part in parts {
        if part.is_empty() {
            continue;
        }
        let Some((lhs, op, rhs)) = split_term(part) else {
            return Err(format!(
                "invalid selector: '{selector}'; can't understand '{part}'"
            ));
        };
        let value = unescape_value(rhs)?;
        terms.push(FieldTerm {
            field: lhs.to_string(),
            not_equal: op == "!=",
            value,
        });
    }
    Ok(FieldSelector { terms })
}

fn split_terms(selector: &str) -> Vec<&str> {
    if selector.is_empty() {
        return Vec::new();
    }
    let mut terms = Vec::new();
    let mut start = 0;
    let mut in_slash = false;
    for (i, c) in selector.char_indices() {
        if in_slash {
            in_slash = false;
        } else if c == '\\' {
            in_slash = true;
        } else if c == ',' {
            terms.push(&selector[start..i]);
            start = i + 1;
        }
    }
    terms.push(&selector[start..]);
    terms
}

fn split_term(term: &str) -> Option<(&str, &'static str, &str)> {
    for (i, _) in term.char_indices() {
        for op in ["!=", "==", "="] {
            if term[i..].starts_with(op) {
                return Some((&term[..i], op, &term[i + op.len()..]));
            }
        }
    }
    None
}

fn unescape_value(s: &str) -> Result<String, String> {
    if !s.contains(['\\', ',', '=']) {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut in_slash = false;
    for c in s.chars() {
        if in_slash {
            if !matches!(c, '\\' | ',' | '=') {
                return Err(format!(
                    "invalid field selector: invalid escape sequence: \\{c}"
                ));
            }
            out.push(c);
            in_slash = false;
            continue;
        }
        match c {
            '\\' => in_slash = true,
            ',' | '=' => {
                return Err(format!(
                    "invalid field selector: unescaped character in value: {}",
                    c as u32
                ));
            }
            c => out.push(c),
        }
    }
    if in_slash {
        return Err("invalid field selector: invalid escape sequence: \\".to_string());
    }
    Ok(out)
}

/// The kinds whose field labels jobsim serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectableKind {
    /// core/v1 Pod.
    Pod,
    /// batch/v1 Job.
    Job,
    /// core/v1 Event.
    Event,
    /// core/v1 Node (cluster-scoped).
    Node,
    /// core/v1 Secret.
    Secret,
    /// core/v1 Namespace (cluster-scoped).
    Namespace,
    /// Any other namespaced kind (ConfigMap, CronJob, …): metadata fields only.
    Other,
}

/// The kind's field-label conversion: accepted labels pass (`spec.host` becomes
/// `spec.nodeName`), others fail with the API server's message.
pub fn convert_field_label(kind: SelectableKind, label: &str) -> Result<String, String> {
    let accepted: &[&str] = match kind {
        SelectableKind::Pod => &[
            "metadata.name",
            "metadata.namespace",
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.podIPs",
            "status.nominatedNodeName",
        ],
        SelectableKind::Job => &["metadata.name", "metadata.namespace", "status.successful"],
        SelectableKind::Event => &[
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
            "metadata.namespace",
            "metadata.name",
        ],
        SelectableKind::Node => &["metadata.name", "spec.unschedulable"],
        SelectableKind::Secret => &["type", "metadata.namespace", "metadata.name"],
        SelectableKind::Namespace => &["status.phase", "metadata.name"],
        SelectableKind::Other => {
            return match label {
                "metadata.name" | "metadata.namespace" => Ok(label.to_string()),
                _ => Err(format!(
                    "{} is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
                    go_quote(label)
                )),
            };
        }
    };
    if kind == SelectableKind::Pod && label == "spec.host" {
        return Ok("spec.nodeName".to_string());
    }
    if accepted.contains(&label) {
        Ok(label.to_string())
    } else {
        Err(format!("field label not supported: {label}"))
    }
}

/// `generic.ObjectMetaFieldsSet`: `metadata.name`, plus `metadata.namespace` when namespaced.
pub fn object_meta_fields(meta: &ObjectMeta, namespaced: bool) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    fields.insert(
        "metadata.name".to_string(),
        meta.name.clone().unwrap_or_default(),
    );
    if namespaced {
        fields.insert(
            "metadata.namespace".to_string(),
            meta.namespace.clone().unwrap_or_default(),
        );
    }
    fields
}

/// The pod registry's `ToSelectableFields`.
pub fn pod_fields(pod: &Pod) -> BTreeMap<String, String> {
    let mut fields = object_meta_fields(&pod.metadata, true);
    let spec = pod.spec.as_ref();
    let status = pod.status.as_ref();
    let mut put = |k: &str, v: Option<&String>| {
        fields.insert(k.to_string(), v.cloned().unwrap_or_default());
    };
    put("spec.nodeName", spec.and_then(|s| s.node_name.as_ref()));
    put(
        "spec.restartPolicy",
        spec.and_then(|s| s.restart_policy.as_ref()),
    );
    put(
        "spec.schedulerName",
        spec.and_then(|s| s.scheduler_name.as_ref()),
    );
    put(
        "spec.serviceAccountName",
        spec.and_then(|s| s.service_account_name.as_ref()),
    );
    put("status.phase", status.and_then(|s| s.phase.as_ref()));
    put(
        "status.podIP",
        status
            .and_then(|s| s.pod_ips.as_ref())
            .and_then(|ips| ips.first())
            .map(|ip| &ip.ip),
    );
    put(
        "status.nominatedNodeName",
        status.and_then(|s| s.nominated_node_name.as_ref()),
    );
    let host_network = spec.and_then(|s| s.host_network).unwrap_or(false);
    fields.insert("spec.hostNetwork".to_string(), host_network.to_string());
    fields
}

/// The job registry's `JobToSelectableFields` (`status.successful` is `status.succeeded`).
pub fn job_fields(job: &Job) -> BTreeMap<String, String> {
    let mut fields = object_meta_fields(&job.metadata, true);
    let succeeded = job.status.as_ref().and_then(|s| s.succeeded).unwrap_or(0);
    fields.insert("status.successful".to_string(), succeeded.to_string());
    fields
}

/// The event registry's `ToSelectableFields` (`source` falls back to reportingController).
pub fn event_fields(event: &Event) -> BTreeMap<String, String> {
    let mut fields = object_meta_fields(&event.metadata, true);
    let o = &event.involved_object;
    let source = event
        .source
        .as_ref()
        .and_then(|s| s.component.clone())
        .filter(|c| !c.is_empty())
        .or_else(|| event.reporting_component.clone())
        .unwrap_or_default();
    for (k, v) in [
        ("involvedObject.kind", &o.kind),
        ("involvedObject.namespace", &o.namespace),
        ("involvedObject.name", &o.name),
        ("involvedObject.uid", &o.uid),
        ("involvedObject.apiVersion", &o.api_version),
        ("involvedObject.resourceVersion", &o.resource_version),
        ("involvedObject.fieldPath", &o.field_path),
        ("reason", &event.reason),
        ("reportingComponent", &event.reporting_component),
        ("type", &event.type_),
    ] {
        fields.insert(k.to_string(), v.clone().unwrap_or_default());
    }
    fields.insert("source".to_string(), source);
    fields
}

/// The node registry's selectable fields.
pub fn node_fields(node: &Node) -> BTreeMap<String, String> {
    let mut fields = object_meta_fields(&node.metadata, false);
    let unschedulable = node
        .spec
        .as_ref()
        .and_then(|s| s.unschedulable)
        .unwrap_or(false);
    fields.insert("spec.unschedulable".to_string(), unschedulable.to_string());
    fields
}

/// The namespace registry's selectable fields (`status.phase` and the name).
pub fn namespace_fields(namespace: &Namespace) -> BTreeMap<String, String> {
    let mut fields = object_meta_fields(&namespace.metadata, false);
    let phase = namespace.status.as_ref().and_then(|s| s.phase.clone());
    fields.insert("status.phase".to_string(), phase.unwrap_or_default());
    fields
}

/// The secret registry's selectable fields.
pub fn secret_fields(secret: &Secret) -> BTreeMap<String, String> {
    let mut fields = object_meta_fields(&secret.metadata, true);
    fields.insert("type".to_string(), secret.type_.clone().unwrap_or_default());
    fields
}

/// kubectl's `EnhanceListError` for a BadRequest while listing `resource` (a
/// `GroupVersionResource.String()`, e.g. `/v1, Resource=pods` or `batch/v1, Resource=jobs`):
/// prefix this with `Error from server (BadRequest): `.
pub fn enhance_list_error(
    resource: &str,
    label_selector: &str,
    field_selector: &str,
    message: &str,
) -> String {
    if label_selector.is_empty() && field_selector.is_empty() {
        format!("Unable to list {}: {message}", go_quote(resource))
    } else {
        format!(
            "Unable to find {} that match label selector {}, field selector {}: {message}",
            go_quote(resource),
            go_quote(label_selector),
            go_quote(field_selector)
        )
    }
}
