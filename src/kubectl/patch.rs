//! `kubectl patch TYPE NAME -p PATCH|--patch-file FILE [--type strategic|merge|json]`: edits
//! a live Job (suspend and resume, parallelism, deadlines, labels…), or a pod's conditions
//! with `--subresource=status`. Patches are YAML or JSON (kubectl converts YAML). Strategic
//! merge patches are applied as JSON merge patches (RFC 7386), which is what they are for the
//! fields a Job's users change; `--type json` takes RFC 6902 operations.

use serde_json::Value;

use super::flags::{self, Spec, value};
use super::objects::{self, ApiObject};
use super::resources::{self, Resource};
use super::{Env, Output, namespace, usage_error};
use crate::sim::Cluster;

const FLAGS: &[Spec] = &[
    value("patch", Some('p')),
    value("type", None),
    value("patch-file", None),
    value("output", Some('o')),
    value("subresource", None),
];

/// Runs `kubectl patch …`.
pub fn run(cluster: &mut Cluster, env: &Env<'_>, args: &[String]) -> Output {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("patch", &e),
    };
    let patch_text = match read_patch(&parsed, env) {
        Ok(text) => text,
        Err(error) => return error,
    };
    let patch_text = patch_text.as_str();
    let request = match resources::parse_request(&parsed.args) {
        Ok(r) => r,
        Err(e) => return Output::error(e),
    };
    let [(resource, names)] = request.groups.as_slice() else {
        return Output::error("you must specify only one resource");
    };
    let [name] = names.as_slice() else {
        return Output::error("resource(s) were provided, but no name was specified");
    };
    let ns = namespace(&parsed);
    let patch: Value = match crate::manifest::yaml_value(patch_text) {
        Ok(v) => v,
        Err(e) => return Output::error(format!("unable to parse \"{patch_text}\": {e}")),
    };
    match (resource, parsed.value("subresource")) {
        (Resource::Pods, Some("status")) => return patch_pod_status(cluster, &ns, name, &patch),
        (Resource::Jobs, None) => {}
        (_, Some(sub)) if sub != "status" && sub != "scale" => {
            return Output::error(format!(
                "invalid subresource value: \"{sub}\". Must be one of [status scale]"
            ));
        }
        (resource, _) => {
            return Output::error(format!(
                "jobsim patches jobs, and pods' status with --subresource=status; not {}{}",
                resource.plural(),
                parsed
                    .value("subresource")
                    .map_or(String::new(), |s| format!("/{s}"))
            ));
        }
    }
    patch_job(cluster, &ns, name, &patch, parsed.value("type"))
}

/// The patch's text: `-p`, or the file `--patch-file` names.
fn read_patch(parsed: &flags::Parsed, env: &Env<'_>) -> Result<String, Output> {
    match (parsed.value("patch"), parsed.value("patch-file")) {
        (Some(_), Some(_)) => Err(Output::error(
            "--patch and --patch-file are mutually exclusive",
        )),
        (Some(text), None) => Ok(text.to_string()),
        (None, Some(file)) => env.read(file).map(|(_, text)| text),
        (None, None) => Err(Output::error(
            "must specify --patch or --patch-file containing the contents of the patch",
        )),
    }
}

/// Applies `patch` (of `--type`, strategic by default) to Job `ns/name`.
fn patch_job(
    cluster: &mut Cluster,
    ns: &str,
    name: &str,
    patch: &Value,
    type_: Option<&str>,
) -> Output {
    let current = match objects::get(cluster, Resource::Jobs, ns, name) {
        Ok(ApiObject::Job(job)) => *job,
        Ok(_) => return Output::error("unexpected object"),
        Err(e) => return Output::server(e),
    };
    let mut document = serde_json::to_value(&current).unwrap_or_default();
    match type_.unwrap_or("strategic") {
        "strategic" | "merge" => merge_patch(&mut document, patch),
        "json" => {
            if let Err(e) = json_patch(&mut document, patch) {
                return Output::error(e);
            }
        }
        other => {
            return Output::error(format!(
                "--type must be one of [json merge strategic], not \"{other}\""
            ));
        }
    }
    // The manifest decoder's deserializer: one instantiation of the Job decoder for both.
    let decoded =
        crate::manifest::value_de::from_value::<k8s_openapi::api::batch::v1::Job>(&document);
    let updated = match decoded.result {
        Ok(job) => job,
        Err(e) => return Output::server(format!("Error from server (BadRequest): {e}")),
    };
    let Some(idx) = cluster.find_job(ns, name) else {
        return Output::server(format!(
            "Error from server (NotFound): jobs.batch \"{name}\" not found"
        ));
    };
    match cluster.update_job(idx, updated) {
        Ok(true) => Output::ok(format!("job.batch/{name} patched\n")),
        Ok(false) => Output::ok(format!("job.batch/{name} patched (no change)\n")),
        Err(e) => Output::server(e.to_string()),
    }
}

/// `kubectl patch pod NAME --subresource=status`: the pod's conditions (merged by type).
fn patch_pod_status(cluster: &mut Cluster, ns: &str, name: &str, patch: &Value) -> Output {
    let Some(id) = cluster.find_pod(ns, name) else {
        return Output::server(format!(
            "Error from server (NotFound): pods \"{name}\" not found"
        ));
    };
    let conditions = patch
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    match cluster.patch_pod_conditions(id, &conditions) {
        Ok(()) if conditions.is_empty() => Output::ok(format!("pod/{name} patched (no change)\n")),
        Ok(()) => Output::ok(format!("pod/{name} patched\n")),
        Err(e) => Output::server(format!("The Pod \"{name}\" is invalid: {e}")),
    }
}

/// RFC 7386: objects merge key by key, `null` removes, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch_map) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let Value::Object(target_map) = target else {
        return;
    };
    for (key, value) in patch_map {
        if value.is_null() {
            target_map.remove(key);
        } else {
            merge_patch(target_map.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

/// RFC 6902 `add`, `remove`, `replace` and `test` on JSON pointers.
fn json_patch(document: &mut Value, patch: &Value) -> Result<(), String> {
    let Value::Array(operations) = patch else {
        return Err("json patch must be a list of operations".to_string());
    };
    for op in operations {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str).unwrap_or("");
        let (parent, last) = path
            .rsplit_once('/')
            .ok_or_else(|| format!("invalid path {path:?}"))?;
        let last = last.replace("~1", "/").replace("~0", "~");
        let container = document
            .pointer_mut(parent)
            .ok_or_else(|| format!("unable to find path {path:?}"))?;
        match (kind, container) {
            ("add" | "replace", Value::Object(map)) => {
                map.insert(last, op.get("value").cloned().unwrap_or(Value::Null));
            }
            ("add", Value::Array(list)) => {
                let value = op.get("value").cloned().unwrap_or(Value::Null);
                if last == "-" {
                    list.push(value);
                } else {
                    let i: usize = last
                        .parse()
                        .map_err(|_| format!("invalid index in {path:?}"))?;
                    if i > list.len() {
                        return Err(format!("index out of range in {path:?}"));
                    }
                    list.insert(i, value);
                }
            }
            ("replace", Value::Array(list)) => {
                let i: usize = last
                    .parse()
                    .map_err(|_| format!("invalid index in {path:?}"))?;
                let slot = list
                    .get_mut(i)
                    .ok_or_else(|| format!("index out of range in {path:?}"))?;
                *slot = op.get("value").cloned().unwrap_or(Value::Null);
            }
            ("remove", Value::Object(map)) => {
                map.remove(&last)
                    .ok_or_else(|| format!("unable to remove nonexistent key: {last}"))?;
            }
            ("remove", Value::Array(list)) => {
                let i: usize = last
                    .parse()
                    .map_err(|_| format!("invalid index in {path:?}"))?;
                if i >= list.len() {
                    return Err(format!("index out of range in {path:?}"));
                }
                list.remove(i);
            }
            ("test", container) => {
                let actual = match container {
                    Value::Object(map) => map.get(&last).cloned(),
                    Value::Array(list) => last
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| list.get(i).cloned()),
                    _ => None,
                };
                if actual.as_ref() != op.get("value") {
                    return Err(format!("testing value {path} failed"));
                }
            }
            (other, _) => return Err(format!("unexpected kind: {other}")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patches_follow_rfc_7386() {
        let mut doc = json!({"spec": {"suspend": false, "parallelism": 2}, "metadata": {"labels": {"a": "1"}}});
        merge_patch(
            &mut doc,
            &json!({"spec": {"suspend": true}, "metadata": {"labels": {"a": null, "b": "2"}}}),
        );
        assert_eq!(
            doc,
            json!({"spec": {"suspend": true, "parallelism": 2}, "metadata": {"labels": {"b": "2"}}})
        );
    }

    #[test]
    fn json_patches_follow_rfc_6902() {
        let mut doc = json!({"spec": {"parallelism": 2, "list": [1, 2]}});
        json_patch(
            &mut doc,
            &json!([
                {"op": "replace", "path": "/spec/parallelism", "value": 5},
                {"op": "add", "path": "/spec/list/-", "value": 3},
                {"op": "remove", "path": "/spec/list/0"}
            ]),
        )
        .unwrap();
        assert_eq!(doc, json!({"spec": {"parallelism": 5, "list": [2, 3]}}));
        assert!(json_patch(&mut doc, &json!([{"op": "remove", "path": "/spec/nope"}])).is_err());
    }
}
