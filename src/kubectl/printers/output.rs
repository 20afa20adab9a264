//! `-o FORMAT` for `kubectl get` and friends: parsing the flag value (`get_flags.go`
//! `PrintFlags.ToPrinter` and its "unable to match a printer" error) and printing objects the
//! generic way (`GetOptions.printGeneric`): several objects, or any list request, are wrapped in
//! a `List`; one named object prints alone.

use serde_json::{Map, Value, json};

use super::custom_columns::CustomColumns;
use super::json::to_json;
use super::jsonpath::{JsonPath, execute_error_message, parse_error_message};
use super::name::print_name;
use super::yaml::to_yaml;

/// A parsed `-o` value.
#[derive(Clone, Debug)]
pub enum OutputFormat {
    /// No `-o`: the human-readable table.
    Table,
    /// `-o wide`.
    Wide,
    /// `-o yaml`.
    Yaml,
    /// `-o json`.
    Json,
    /// `-o name`.
    Name,
    /// `-o jsonpath=TEMPLATE` (the raw template is kept for error messages).
    JsonPath(String, JsonPath),
    /// `-o jsonpath-as-json=TEMPLATE`.
    JsonPathAsJson(String, JsonPath),
    /// `-o custom-columns=SPEC`.
    CustomColumns(CustomColumns),
}

const ALLOWED: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

impl OutputFormat {
    /// Parses `-o`; errors are kubectl's text after `error: ` (parse errors of jsonpath templates
    /// end with a newline, as kubectl's do).
    pub fn parse(value: &str, no_headers: bool) -> Result<OutputFormat, String> {
        let (name, arg) = value.split_once('=').unwrap_or((value, ""));
        match name {
            "" => Ok(OutputFormat::Table),
            "wide" if arg.is_empty() => Ok(OutputFormat::Wide),
            "yaml" if arg.is_empty() => Ok(OutputFormat::Yaml),
            "json" if arg.is_empty() => Ok(OutputFormat::Json),
            "name" if arg.is_empty() => Ok(OutputFormat::Name),
            "jsonpath" | "jsonpath-as-json" => {
                if arg.is_empty() {
                    return Err("template format specified but no template given".to_string());
                }
                let parsed = JsonPath::parse(arg).map_err(|e| parse_error_message(arg, &e))?;
                Ok(if name == "jsonpath" {
                    OutputFormat::JsonPath(arg.to_string(), parsed)
                } else {
                    OutputFormat::JsonPathAsJson(arg.to_string(), parsed)
                })
            }
            "custom-columns" => Ok(OutputFormat::CustomColumns(CustomColumns::parse(
                arg, no_headers,
            )?)),
            _ => Err(format!(
                "unable to match a printer suitable for the output format {}, allowed formats are: {ALLOWED}",
                crate::apiserver::selectors::validation::go_quote(value)
            )),
        }
    }

    /// Whether this is one of the table formats (printed with [`super::human`]).
    pub fn is_human_readable(&self) -> bool {
        matches!(self, OutputFormat::Table | OutputFormat::Wide)
    }
}

/// Serialises a k8s-openapi object to the JSON the API server would return. k8s-openapi omits
/// unset optional fields, but Go always writes a few zero-valued struct fields; those are put
/// back: Pod `status.conditions[].lastProbeTime: null` and a terminated container's
/// `startedAt`/`finishedAt: null` (`ContainerStatusUnknown` has neither); every container's
/// `resources: {}` (`Container.Resources` is a struct, which `omitempty` never drops); an
/// Event's `eventTime`, `firstTimestamp` and `lastTimestamp` (`null` when zero), `source: {}`
/// and its non-omitempty `reportingComponent`/`reportingInstance` strings.
pub fn to_api_json<T: serde::Serialize>(object: &T) -> Value {
    let mut value = serde_json::to_value(object).unwrap_or(Value::Null);
    let kind = value
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    match kind.as_str() {
        "Pod" => {
            put_back_container_resources(&mut value, "/spec");
            put_back_pod_status_fields(&mut value);
        }
        "Job" => put_back_container_resources(&mut value, "/spec/template/spec"),
        "Event" => put_back_event_fields(&mut value),
        _ => {}
    }
    value
}

fn put_back_container_resources(value: &mut Value, pod_spec: &str) {
    for list in ["containers", "initContainers"] {
        let pointer = format!("{pod_spec}/{list}");
        if let Some(Value::Array(containers)) = value.pointer_mut(&pointer) {
            for container in containers.iter_mut().filter_map(Value::as_object_mut) {
                container
                    .entry("resources")
                    .or_insert_with(|| Value::Object(Map::new()));
            }
        }
    }
}

fn put_back_pod_status_fields(value: &mut Value) {
    if let Some(Value::Array(conditions)) = value.pointer_mut("/status/conditions") {
        for condition in conditions.iter_mut().filter_map(Value::as_object_mut) {
            condition.entry("lastProbeTime").or_insert(Value::Null);
        }
    }
    for list in ["/status/initContainerStatuses", "/status/containerStatuses"] {
        let Some(Value::Array(statuses)) = value.pointer_mut(list) else {
            continue;
        };
        for status in statuses.iter_mut() {
            for state in ["state", "lastState"] {
                if let Some(terminated) = status
                    .pointer_mut(&format!("/{state}/terminated"))
                    .and_then(Value::as_object_mut)
                {
                    terminated.entry("startedAt").or_insert(Value::Null);
                    terminated.entry("finishedAt").or_insert(Value::Null);
                }
            }
        }
    }
}

fn put_back_event_fields(value: &mut Value) {
    if let Some(event) = value.as_object_mut() {
        for field in ["eventTime", "firstTimestamp", "lastTimestamp"] {
            event.entry(field).or_insert(Value::Null);
        }
        event.entry("source").or_insert_with(|| json!({}));
        for field in ["reportingComponent", "reportingInstance"] {
            event.entry(field).or_insert_with(|| json!(""));
        }
    }
}

/// `printGeneric`'s object: the single object when `single_item_implied` (one named object),
/// else a `List` (`apiVersion: v1, items, kind: List, metadata: {resourceVersion: ""}`).
pub fn generic_object(objects: &[Value], single_item_implied: bool) -> Value {
    if single_item_implied && objects.len() == 1 {
        return objects[0].clone();
    }
    let mut list = Map::new();
    list.insert("apiVersion".to_string(), json!("v1"));
    list.insert("items".to_string(), Value::Array(objects.to_vec()));
    list.insert("kind".to_string(), json!("List"));
    list.insert("metadata".to_string(), json!({"resourceVersion": ""}));
    Value::Object(list)
}

/// Prints objects in a non-table format. `single_item_implied` is true when the request named
/// exactly one object (`get job pi`), false for lists and several names. Errors are kubectl's
/// text after `error: `.
pub fn print_objects(
    objects: &[Value],
    single_item_implied: bool,
    format: &OutputFormat,
) -> Result<String, String> {
    let object = generic_object(objects, single_item_implied);
    match format {
        OutputFormat::Yaml => Ok(to_yaml(&object)),
        OutputFormat::Json => Ok(to_json(&object)),
        OutputFormat::Name => Ok(items_of(&object)
            .iter()
            .map(|o| print_name(o, None))
            .collect()),
        OutputFormat::JsonPath(raw, path) => path
            .execute(&object)
            .map_err(|e| execute_error_message(raw, &e, &object)),
        OutputFormat::JsonPathAsJson(raw, path) => path
            .execute_as_json(&object)
            .map_err(|e| execute_error_message(raw, &e, &object)),
        OutputFormat::CustomColumns(columns) => columns.print(&items_of(&object)),
        OutputFormat::Table | OutputFormat::Wide => {
            Err("table formats are printed by printers::human".to_string())
        }
    }
}

/// The items of a List, or the object itself.
fn items_of(object: &Value) -> Vec<Value> {
    match (
        object.get("kind").and_then(Value::as_str),
        object.get("items"),
    ) {
        (Some("List"), Some(Value::Array(items))) => items.clone(),
        _ => vec![object.clone()],
    }
}

#[cfg(test)]
mod api_json_tests {
    use super::*;
    use k8s_openapi::api::batch::v1::{Job, JobSpec};
    use k8s_openapi::api::core::v1::{Container, Pod, PodSpec, ResourceRequirements};
    use std::collections::BTreeMap;

    fn container(resources: Option<ResourceRequirements>) -> Container {
        Container {
            name: "main".into(),
            resources,
            ..Default::default()
        }
    }

    #[test]
    fn go_writes_every_container_resources_struct() {
        let spec = PodSpec {
            containers: vec![container(None)],
            init_containers: Some(vec![container(None)]),
            ..Default::default()
        };
        let job = Job {
            spec: Some(JobSpec {
                template: k8s_openapi::api::core::v1::PodTemplateSpec {
                    metadata: None,
                    spec: Some(spec.clone()),
                },
                ..Default::default()
            }),
            ..Default::default()
        };
        let value = to_api_json(&job);
        for pointer in [
            "/spec/template/spec/containers/0/resources",
            "/spec/template/spec/initContainers/0/resources",
        ] {
            assert_eq!(value.pointer(pointer), Some(&json!({})), "Job {pointer}");
        }
        let limits = BTreeMap::from([(
            "cpu".to_string(),
            k8s_openapi::apimachinery::pkg::api::resource::Quantity("1".into()),
        )]);
        let pod = Pod {
            spec: Some(PodSpec {
                containers: vec![container(Some(ResourceRequirements {
                    limits: Some(limits),
                    ..Default::default()
                }))],
                ..spec
            }),
            ..Default::default()
        };
        let value = to_api_json(&pod);
        assert_eq!(
            value.pointer("/spec/containers/0/resources"),
            Some(&json!({"limits": {"cpu": "1"}})),
            "set resources are kept"
        );
        assert_eq!(
            value.pointer("/spec/initContainers/0/resources"),
            Some(&json!({}))
        );
    }
}
