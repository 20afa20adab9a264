//! `kubectl wait --for=condition=…|delete|jsonpath=…`: polls the objects as simulated time
//! runs, until the condition holds or `--timeout` (30 s by default) passes.

use super::flags::{self, Spec, flag, value};
use super::objects::{self, ApiObject, ListOptions};
use super::printers::jsonpath::JsonPath;
use super::resources;
use super::{Continuation, Execution, Output, Progress, namespace, usage_error};
use crate::sim::Cluster;
use crate::sim::clock::{SimDuration, SimTime, parse_duration};

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
    /// `create`: the object exists.
    Create,
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
    /// `None` for `--timeout=0`: check once.
    deadline: Option<SimTime>,
    /// The target being waited on (earlier ones are done).
    next: usize,
    /// NotFound errors for named objects, printed last.
    missing: Vec<String>,
    /// Past the deadline: the remaining targets are checked once each.
    timed_out: bool,
}

/// Runs `kubectl wait …`.
pub fn run(cluster: &mut Cluster, args: &[String]) -> Execution {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("wait", &e).into(),
    };
    let timeout = match go_timeout(parsed.value("timeout").unwrap_or("30s")) {
        Ok(d) => d,
        Err(e) => return usage_error("wait", &e).into(),
    };
    // `conditionFuncFor`: a missing `--for` is the empty condition.
    let condition = match parse_condition(parsed.value("for").unwrap_or("")) {
        Ok(c) => c,
        Err(e) => return Output::error(e).into(),
    };
    let ns = namespace(&parsed);
    let request = match resources::parse_request(&parsed.args) {
        Ok(r) => r,
        Err(e) => return Output::error(e).into(),
    };
    let mut targets = Vec::new();
    let mut missing = Vec::new();
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
                if objects::get(cluster, *resource, &ns, name).is_err() {
                    // `--for=delete` ignores NotFound: the object is not visited at all.
                    if !matches!(condition, Condition::Delete) {
                        // The builder continues on errors: reported after the others.
                        missing.push(not_found(*resource, name));
                    }
                    continue;
                }
                targets.push((*resource, ns.clone(), name.clone()));
            }
        }
    }
    if targets.is_empty() {
        if !missing.is_empty() {
            return Output::server(missing.join("\n")).into();
        }
        if matches!(condition, Condition::Delete) {
            return Output::default().into();
        }
        return Output::error("no matching resources found").into();
    }
    let mut wait = Wait {
        targets,
        condition,
        deadline: timeout.map(|t| cluster.now() + t),
        next: 0,
        missing,
        timed_out: false,
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

/// `--timeout`, a Go duration: `0` checks once (`None`), a negative one waits a week, a bare
/// number other than 0 is pflag's parse error.
fn go_timeout(text: &str) -> Result<Option<SimDuration>, String> {
    let invalid = |why: &str| {
        format!("invalid argument \"{text}\" for \"--timeout\" flag: time: {why} \"{text}\"")
    };
    if text == "0" {
        return Ok(None);
    }
    if let Some(rest) = text.strip_prefix('-') {
        go_timeout(rest)?;
        return Ok(Some(SimDuration::from_secs(168 * 3600)));
    }
    if text.parse::<f64>().is_ok() {
        return Err(invalid("missing unit in duration"));
    }
    match parse_duration(text) {
        Ok(d) if d == SimDuration::ZERO => Ok(None),
        Ok(d) => Ok(Some(d)),
        Err(_) => Err(invalid("invalid duration")),
    }
}

fn not_found(resource: resources::Resource, name: &str) -> String {
    format!(
        "Error from server (NotFound): {} \"{name}\" not found",
        resource.qualified()
    )
}

fn parse_condition(spec: &str) -> Result<Condition, String> {
    if spec.eq_ignore_ascii_case("delete") {
        return Ok(Condition::Delete);
    }
    if spec.eq_ignore_ascii_case("create") {
        return Ok(Condition::Create);
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
    /// Visits the objects in order, as `RunWait` does: each prints `… condition met` once its
    /// condition holds, and the next is only looked at after that. At the deadline (or at once
    /// for `--timeout=0`) the object being waited on fails the command.
    pub fn poll(&mut self, cluster: &Cluster) -> Progress {
        let mut output = Output::default();
        while let Some((resource, ns, name)) = self.targets.get(self.next) {
            let object = objects::get(cluster, *resource, ns, name).ok();
            let holds = match (&self.condition, &object) {
                (Condition::Delete, object) => object.is_none(),
                (Condition::Create, object) => object.is_some(),
                // The watch's precondition: the object went away while waited on.
                (_, None) => {
                    output.append(Output::server(not_found(*resource, name)));
                    return Progress { output, done: true };
                }
                (Condition::Status { type_, value }, Some(o)) => condition_holds(o, type_, value),
                (Condition::JsonPath { path, value }, Some(o)) => {
                    let got = path.execute(&o.json()).unwrap_or_default();
                    match value {
                        Some(v) => got.trim() == v,
                        None => !got.trim().is_empty(),
                    }
                }
            };
            if holds {
                // The wait printer is `NewPrintFlags("condition met")`, for `delete` too.
                output.stdout.push_str(&format!(
                    "{}/{name} condition met\n",
                    resource.singular_qualified()
                ));
            } else {
                let error = match self.deadline {
                    // `--timeout=0`: checked once (`info.ObjectName()` is `resource/name`).
                    None => format!("condition not met for {}/{name}", resource.plural()),
                    Some(deadline) if self.timed_out || cluster.now() >= deadline => {
                        self.timed_out = true;
                        format!(
                            "timed out waiting for the condition on {}/{name}",
                            resource.plural()
                        )
                    }
                    Some(_) => {
                        return Progress {
                            output,
                            done: false,
                        };
                    }
                };
                // The visitor continues on errors; they are printed together at the end.
                self.missing.push(format!("error: {error}"));
            }
            self.next += 1;
        }
        if !self.missing.is_empty() {
            output.append(Output::server(self.missing.join("\n")));
        }
        Progress { output, done: true }
    }
}

/// `ConditionalWait.checkCondition`: the first condition of that type decides (case-folded
/// type and status), unless it was observed for an older generation than the object's.
fn condition_holds(object: &ApiObject, type_: &str, value: &str) -> bool {
    let json = object.json();
    let Some(condition) = json
        .pointer("/status/conditions")
        .and_then(|c| c.as_array())
        .into_iter()
        .flatten()
        .find(|c| {
            c.get("type")
                .and_then(|t| t.as_str())
                .is_some_and(|t| t.eq_ignore_ascii_case(type_))
                && c.get("status").and_then(|s| s.as_str()).is_some()
        })
    else {
        return false;
    };
    let generation = json
        .pointer("/metadata/generation")
        .and_then(|g| g.as_i64());
    let observed = condition
        .get("observedGeneration")
        .or_else(|| json.pointer("/status/observedGeneration"))
        .and_then(|g| g.as_i64());
    if let (Some(generation), Some(observed)) = (generation, observed)
        && observed < generation
    {
        return false;
    }
    condition
        .get("status")
        .and_then(|s| s.as_str())
        .is_some_and(|s| s.eq_ignore_ascii_case(value))
}
