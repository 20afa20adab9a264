//! `kubectl wait --for=condition=…|delete|jsonpath=…`: polls the objects as simulated time
//! runs, until the condition holds or `--timeout` (30 s by default) passes.

use super::flags::{self, Spec, flag, value};
use super::objects::{self, ApiObject, ListOptions};
use super::printers::jsonpath::JsonPath;
use super::resources;
use super::{Continuation, Execution, Output, Progress, namespace, usage_error};
use crate::sim::Cluster;
use crate::sim::clock::{SimTime, parse_duration};

const FLAGS: &[Spec] = &[
    value("for", None),
    value("timeout", None),
    value("selector", Some('l')),
    flag("all", None),
    flag("all-namespaces", Some('A')),
    value("field-selector", None),
];

#[derive(Clone, Debug)]
enum Condition {
    /// `condition=Type[=value]`
    Status {
        type_: String,
        value: String,
    },
    Delete,
    /// `jsonpath={…}=value`
    JsonPath {
        path: JsonPath,
        value: Option<String>,
    },
}

/// A running `kubectl wait`.
#[derive(Clone, Debug)]
pub struct Wait {
    targets: Vec<(resources::Resource, String, String)>,
    condition: Condition,
    deadline: SimTime,
    met: Vec<bool>,
}

/// Runs `kubectl wait …`.
pub fn run(cluster: &mut Cluster, args: &[String]) -> Execution {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("wait", &e).into(),
    };
    let Some(spec) = parsed.value("for") else {
        return Output::error("--for must be specified").into();
    };
    let condition = match parse_condition(spec) {
        Ok(c) => c,
        Err(e) => return Output::error(e).into(),
    };
    let timeout = match parse_duration(parsed.value("timeout").unwrap_or("30s")) {
        Ok(d) => d,
        Err(e) => return Output::error(e).into(),
    };
    let ns = namespace(&parsed);
    let request = match resources::parse_request(&parsed.args) {
        Ok(r) => r,
        Err(e) => return Output::error(e).into(),
    };
    let mut targets = Vec::new();
    for (resource, names) in &request.groups {
        if names.is_empty() {
            let options = ListOptions {
                label_selector: parsed.value("selector").unwrap_or("").to_string(),
                field_selector: parsed.value("field-selector").unwrap_or("").to_string(),
            };
            match objects::list(cluster, *resource, Some(&ns), &options) {
                Ok(list) => targets.extend(
                    list.iter()
                        .map(|o| (*resource, ns.clone(), o.name().to_string())),
                ),
                Err(e) => {
                    return Output::server(format!("Error from server (BadRequest): {e}")).into();
                }
            }
        } else {
            for name in names {
                if objects::get(cluster, *resource, &ns, name).is_err()
                    && !matches!(condition, Condition::Delete)
                {
                    return Output::server(format!(
                        "Error from server (NotFound): {} \"{name}\" not found",
                        resource.qualified()
                    ))
                    .into();
                }
                targets.push((*resource, ns.clone(), name.clone()));
            }
        }
    }
    if targets.is_empty() {
        return Output::error("no matching resources found").into();
    }
    let met = vec![false; targets.len()];
    let mut wait = Wait {
        targets,
        condition,
        deadline: cluster.now() + timeout,
        met,
    };
    let progress = wait.poll(cluster);
    if progress.done {
        return progress.output.into();
    }
    Execution {
        output: progress.output,
        continuation: Some(Continuation::Wait(wait)),
    }
}

fn parse_condition(spec: &str) -> Result<Condition, String> {
    if spec.eq_ignore_ascii_case("delete") {
        return Ok(Condition::Delete);
    }
    if let Some(rest) = spec.strip_prefix("condition=") {
        let (type_, value) = rest.split_once('=').unwrap_or((rest, "true"));
        return Ok(Condition::Status {
            type_: type_.to_string(),
            value: value.to_string(),
        });
    }
    if let Some(rest) = spec.strip_prefix("jsonpath=") {
        let (path, value) = match rest.rfind('}') {
            Some(i) => (
                &rest[..=i],
                rest[i + 1..].strip_prefix('=').map(str::to_string),
            ),
            None => (rest, None),
        };
        let path = JsonPath::parse(path).map_err(|e| format!("unrecognized jsonpath: {e}"))?;
        return Ok(Condition::JsonPath { path, value });
    }
    Err(format!("unrecognized condition: \"{spec}\""))
}

impl Wait {
    /// Prints `… condition met` for each object as its condition holds; fails at the timeout.
    pub fn poll(&mut self, cluster: &Cluster) -> Progress {
        let mut output = Output::default();
        for (i, (resource, ns, name)) in self.targets.iter().enumerate() {
            if self.met[i] {
                continue;
            }
            let object = objects::get(cluster, *resource, ns, name).ok();
            let (holds, verb) = match (&self.condition, &object) {
                (Condition::Delete, None) => (true, "deleted"),
                (Condition::Delete, Some(_)) => (false, ""),
                (_, None) => (false, ""),
                (Condition::Status { type_, value }, Some(o)) => {
                    (condition_holds(o, type_, value), "condition met")
                }
                (Condition::JsonPath { path, value }, Some(o)) => {
                    let got = path.execute(&o.json()).unwrap_or_default();
                    (
                        match value {
                            Some(v) => got.trim() == v,
                            None => !got.trim().is_empty(),
                        },
                        "condition met",
                    )
                }
            };
            if holds {
                self.met[i] = true;
                output.stdout.push_str(&format!(
                    "{}/{name} {verb}\n",
                    resource.singular_qualified()
                ));
            }
        }
        if self.met.iter().all(|m| *m) {
            return Progress { output, done: true };
        }
        if cluster.now() >= self.deadline {
            for (i, (resource, _, name)) in self.targets.iter().enumerate() {
                if !self.met[i] {
                    let what = match self.condition {
                        Condition::Delete => "delete",
                        _ => "the condition",
                    };
                    output.append(Output::error(format!(
                        "timed out waiting for {what} on {}/{name}",
                        resource.plural()
                    )));
                }
            }
            return Progress { output, done: true };
        }
        Progress {
            output,
            done: false,
        }
    }
}

fn condition_holds(object: &ApiObject, type_: &str, value: &str) -> bool {
    let json = object.json();
    json.pointer("/status/conditions")
        .and_then(|c| c.as_array())
        .into_iter()
        .flatten()
        .any(|c| {
            c.get("type")
                .and_then(|t| t.as_str())
                .is_some_and(|t| t.eq_ignore_ascii_case(type_))
                && c.get("status")
                    .and_then(|s| s.as_str())
                    .is_some_and(|s| s.eq_ignore_ascii_case(value))
        })
}
