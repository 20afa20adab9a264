//! `-o name`: cli-runtime `NamePrinter` — `<lower-case kind>[.<group>]/<name>`, optionally followed
//! by an operation (`job.batch/pi created`).

use serde_json::Value;

/// The `resource/name` of an object from its apiVersion, kind and name
/// (`GroupKind.String()` lower-cased: `job.batch/pi`, `pod/pi-abcde`).
pub fn resource_name(object: &Value) -> String {
    let api_version = object
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or("");
    let kind = object.get("kind").and_then(Value::as_str).unwrap_or("");
    let name = object
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    let group = api_version.rsplit_once('/').map_or("", |(group, _)| group);
    let kind_group = if group.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}.{group}")
    };
    format!("{}/{name}", kind_group.to_lowercase())
}

/// One `-o name` line; `operation` is what `apply`/`create`/`delete` add (`created`, …).
pub fn print_name(object: &Value, operation: Option<&str>) -> String {
    match operation {
        Some(op) if !op.is_empty() => format!("{} {op}\n", resource_name(object)),
        _ => format!("{}\n", resource_name(object)),
    }
}
