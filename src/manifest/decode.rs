//! JSON to typed objects as the API server decodes a request body: strict field validation
//! (`strict decoding error: unknown field "spec.completion"`, apimachinery
//! `runtime/serializer/json` over sigs.k8s.io/json), Go's type errors
//! (`json: cannot unmarshal string into Go struct field ...`), Go zero values for absent
//! required fields and for `null`, and malformed quantities.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::value_de::from_value;

/// Why a document could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Fields the type does not have, as Kubernetes paths.
    UnknownFields(Vec<String>),
    /// A value of the wrong type (or out of range) at a path, with Go's message.
    Type { path: String, message: String },
}

/// How many absent required fields one document may need filled before we give up.
const MAX_FILLS: usize = 64;

/// Decodes `json` into `T`: absent or null required fields take Go's zero value (as a Go
/// struct would leave them), unknown fields are collected, type errors carry their path.
pub fn decode<T: DeserializeOwned>(mut json: Value, kind: &str) -> Result<T, DecodeError> {
    strip_nulls(&mut json);
    let mut filled: Vec<(Vec<String>, usize)> = Vec::new();
    for _ in 0..=MAX_FILLS {
        let decoded = from_value::<T>(&json);
        match decoded.result {
            Ok(value) if decoded.unknown.is_empty() => return Ok(value),
            Ok(_) => {
                let unknown = decoded.unknown.iter().map(|s| render_segments(s));
                return Err(DecodeError::UnknownFields(unknown.collect()));
            }
            Err(error) => {
                let segments = decoded.error_path;
                let message = error.to_string();
                if let Some(field) = missing_field(&message) {
                    let mut target = segments.clone();
                    target.push(field.to_string());
                    if insert_zero(&mut json, &target, Value::String(String::new())) {
                        filled.push((target, 0));
                        continue;
                    }
                }
                if let Some(attempt) = filled.iter_mut().find(|(p, _)| *p == segments) {
                    attempt.1 += 1;
                    if let Some(zero) = zero_for(&message, attempt.1)
                        && insert_zero(&mut json, &segments, zero)
                    {
                        continue;
                    }
                }
                return Err(DecodeError::Type {
                    path: render_segments(&segments),
                    message: go_type_error(&message, &segments, kind),
                });
            }
        }
    }
    Err(DecodeError::Type {
        path: String::new(),
        message: format!("{kind} in version \"v1\" cannot be handled: too many missing fields"),
    })
}

/// Go leaves a field at its zero value when JSON says `null`; drop such entries.
fn strip_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

/// The zero value to try next for a filled field, from what serde expected.
fn zero_for(message: &str, attempt: usize) -> Option<Value> {
    if attempt > 3 {
        return None;
    }
    let expected = message.rsplit("expected ").next().unwrap_or("");
    Some(match expected {
        "i32" | "i64" | "u16" | "u32" | "u64" | "i16" | "f64" => Value::from(0),
        "a boolean" => Value::Bool(false),
        "a sequence" => Value::Array(Vec::new()),
        _ if expected.contains("string") => Value::String(String::new()),
        _ => Value::Object(Default::default()),
    })
}

fn insert_zero(json: &mut Value, path: &[String], zero: Value) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut node = json;
    for segment in parents {
        node = match node {
            Value::Object(map) => match map.get_mut(segment) {
                Some(next) => next,
                None => return false,
            },
            Value::Array(items) => {
                match segment.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                    Some(next) => next,
                    None => return false,
                }
            }
            _ => return false,
        };
    }
    match node {
        Value::Object(map) => {
            map.insert(last.clone(), zero);
            true
        }
        _ => false,
    }
}

/// `["spec", "containers", "0", "image"]` → `spec.containers[0].image`
fn render_segments(segments: &[String]) -> String {
    let mut out = String::new();
    for segment in segments {
        if segment.bytes().all(|b| b.is_ascii_digit()) && !segment.is_empty() {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(segment);
        }
    }
    out
}

/// Go's `UnmarshalTypeError` text for a serde type error:
/// `json: cannot unmarshal string into Go struct field JobSpec.spec.completions of type int32`.
fn go_type_error(message: &str, segments: &[String], kind: &str) -> String {
    let detail = (|| {
        let (found, expected) = message
            .strip_prefix("invalid type: ")
            .or_else(|| message.strip_prefix("invalid value: "))?
            .rsplit_once(", expected ")?;
        let json_kind = if found.starts_with("string") {
            "string".to_string()
        } else if let Some(n) = found
            .strip_prefix("integer `")
            .and_then(|n| n.strip_suffix('`'))
        {
            format!("number {n}")
        } else if found.starts_with("integer") || found.starts_with("floating point") {
            "number".to_string()
        } else if found.starts_with("boolean") {
            "bool".to_string()
        } else if found.starts_with("sequence") {
            "array".to_string()
        } else if found.starts_with("map") {
            "object".to_string()
        } else {
            return None;
        };
        // Go's `literalStore` names the number only when it fails to become an integer
        // (`number 2.5`, `number 99999999999`); any other type mismatch says `number`.
        let into_integer = matches!(expected, "i32" | "i64");
        let json_kind = match found
            .strip_prefix("floating point `")
            .and_then(|n| n.strip_suffix('`'))
        {
            Some(n) if into_integer => format!("number {n}"),
            _ if message.starts_with("invalid value: ") || !json_kind.starts_with("number ") => {
                json_kind
            }
            _ => "number".to_string(),
        };
        let fields: Vec<&str> = segments
            .iter()
            .filter(|s| !s.bytes().all(|b| b.is_ascii_digit()))
            .map(String::as_str)
            .collect();
        let go_type = match expected {
            "i32" => "int32".to_string(),
            "i64" => "int64".to_string(),
            "a boolean" => "bool".to_string(),
            "a string" => "string".to_string(),
            "a sequence" => go_slice_type(fields.last().copied().unwrap_or("")).to_string(),
            "a map" => "map[string]string".to_string(),
            "Quantity" => "resource.Quantity".to_string(),
            "IntOrString" => "intstr.IntOrString".to_string(),
            other => format!("v1.{other}"),
        };
        Some(format!(
            "json: cannot unmarshal {json_kind} into Go struct field {}.{} of type {go_type}",
            go_struct_name(segments, kind),
            fields.join(".")
        ))
    })()
    .or_else(|| {
        // k8s-openapi's base64 error for `data` values, in Go's words.
        let offset = message
            .strip_prefix("Invalid symbol ")?
            .split(", offset ")
            .nth(1)?;
        Some(format!(
            "illegal base64 data at input byte {}",
            offset.trim_end_matches('.')
        ))
    })
    .unwrap_or_else(|| message.to_string());
    format!("{kind} in version \"v1\" cannot be handled as a {kind}: {detail}")
}

/// The Go type holding the last field of a path (what `UnmarshalTypeError.Struct` names).
fn go_struct_name(segments: &[String], kind: &str) -> String {
    let named: Vec<&str> = segments
        .iter()
        .filter(|s| !s.bytes().all(|b| b.is_ascii_digit()))
        .map(String::as_str)
        .collect();
    let parents = &named[..named.len().saturating_sub(1)];
    let name = match parents {
        [] => kind,
        [.., "template", "spec"] => "PodSpec",
        ["spec"] => match kind {
            "Job" => "JobSpec",
            _ => "Spec",
        },
        [.., last] => match *last {
            "metadata" => "ObjectMeta",
            "template" => "PodTemplateSpec",
            "containers" | "initContainers" => "Container",
            "env" => "EnvVar",
            "valueFrom" => "EnvVarSource",
            "resources" => "ResourceRequirements",
            "volumeMounts" => "VolumeMount",
            "volumes" => "Volume",
            "ports" => "ContainerPort",
            "podFailurePolicy" => "PodFailurePolicy",
            "onExitCodes" => "PodFailurePolicyOnExitCodesRequirement",
            "onPodConditions" => "PodFailurePolicyOnPodConditionsPattern",
            "successPolicy" => "SuccessPolicy",
            "selector" => "LabelSelector",
            "securityContext" => "SecurityContext",
            "emptyDir" => "EmptyDirVolumeSource",
            "configMap" => "ConfigMapVolumeSource",
            "secret" => "SecretVolumeSource",
            other => return capitalize(other),
        },
    };
    name.to_string()
}

/// The Go slice type of a list field, for `... of type []v1.Container`.
fn go_slice_type(field: &str) -> &'static str {
    match field {
        "containers" | "initContainers" => "[]v1.Container",
        "volumes" => "[]v1.Volume",
        "volumeMounts" => "[]v1.VolumeMount",
        "env" => "[]v1.EnvVar",
        "envFrom" => "[]v1.EnvFromSource",
        "ports" => "[]v1.ContainerPort",
        "imagePullSecrets" => "[]v1.LocalObjectReference",
        "tolerations" => "[]v1.Toleration",
        "values" => "[]int32",
        "onPodConditions" => "[]v1.PodFailurePolicyOnPodConditionsPattern",
        "rules" => "[]v1.PodFailurePolicyRule",
        "matchExpressions" => "[]v1.LabelSelectorRequirement",
        _ => "[]string",
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::batch::v1::Job;
    use serde_json::json;

    #[test]
    fn unknown_fields_use_kubernetes_paths() {
        let json = json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"completion": 3,
            "template": {"spec": {"containers": [{"name": "a", "restartpolicy": "Never"}]}}}});
        assert_eq!(
            decode::<Job>(json, "Job"),
            Err(DecodeError::UnknownFields(vec![
                "spec.completion".into(),
                "spec.template.spec.containers[0].restartpolicy".into()
            ]))
        );
    }

    /// Go's `literalStore` names a number that cannot become the integer field.
    #[test]
    fn a_fraction_for_an_integer_is_named() {
        let json = json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"backoffLimit": 2.5, "template": {}}});
        let Err(DecodeError::Type { message, .. }) = decode::<Job>(json, "Job") else {
            panic!("a type error");
        };
        assert!(
            message.ends_with("json: cannot unmarshal number 2.5 into Go struct field JobSpec.spec.backoffLimit of type int32"),
            "{message}"
        );
    }

    #[test]
    fn type_errors_read_like_go() {
        let json = json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"completions": "three", "template": {}}});
        assert_eq!(
            decode::<Job>(json, "Job"),
            Err(DecodeError::Type {
                path: "spec.completions".into(),
                message: "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal string into Go struct field JobSpec.spec.completions of type int32".into()
            })
        );
    }

    #[test]
    fn list_and_element_type_errors_name_go_types() {
        let json = json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"template": {"spec": {
            "containers": "busybox"}}}});
        let Err(DecodeError::Type { message, .. }) = decode::<Job>(json, "Job") else {
            panic!("a type error");
        };
        assert!(message.ends_with("json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container"), "{message}");
        let json = json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"template": {"spec": {
            "imagePullSecrets": ["regcred"]}}}});
        let Err(DecodeError::Type { message, .. }) = decode::<Job>(json, "Job") else {
            panic!("a type error");
        };
        assert!(message.ends_with("json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.imagePullSecrets of type v1.LocalObjectReference"), "{message}");
    }

    #[test]
    fn absent_required_fields_take_zero_values() {
        let json = json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {
            "template": {"spec": {"containers": [{"image": "busybox", "ports": [{"name": "x"}]}]}}}});
        let job: Job = decode(json, "Job").expect("zero values fill the gaps");
        let spec = job.spec.expect("spec").template.spec.expect("pod spec");
        assert_eq!(spec.containers[0].name, "");
        assert_eq!(
            spec.containers[0]
                .ports
                .as_ref()
                .map(|p| p[0].container_port),
            Some(0)
        );
        let no_template =
            json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"parallelism": null}});
        assert!(decode::<Job>(no_template, "Job").is_ok());
    }
}
