//! `kubectl describe`: jobs, pods and nodes in kubectl's layout, with their events. A name
//! that matches no object exactly is used as a prefix, as kubectl does.

use k8s_openapi::api::core::v1::{Event, Pod};

use super::flags::{self, Spec, flag, value};
use super::objects::{self, ApiObject, ListOptions};
use super::printers::describe::{
    describe_job, describe_namespace, describe_node, describe_pod, join_descriptions,
};
use super::resources::{self, Resource};
use super::{Output, namespace, now, usage_error};
use crate::sim::Cluster;

const FLAGS: &[Spec] = &[
    value("selector", Some('l')),
    flag("all-namespaces", Some('A')),
    value("show-events", None),
    value("chunk-size", None),
];

/// Runs `kubectl describe …`.
pub fn run(cluster: &mut Cluster, args: &[String]) -> Output {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("describe", &e),
    };
    if parsed.args.is_empty() {
        return Output::error(
            "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.",
        );
    }
    let request = match resources::parse_request(&parsed.args) {
        Ok(r) => r,
        Err(e) => return Output::error(e),
    };
    let ns = namespace(&parsed);
    let scope = (!parsed.bool("all-namespaces")).then_some(ns.as_str());
    let options = ListOptions {
        label_selector: parsed.value("selector").unwrap_or("").to_string(),
        field_selector: String::new(),
    };
    let show_events = parsed.value("show-events") != Some("false");
    let events: Vec<Event> =
        match objects::list(cluster, Resource::Events, None, &ListOptions::default()) {
            Ok(list) => list
                .into_iter()
                .filter_map(|o| {
                    if let ApiObject::Event(e) = o {
                        Some(*e)
                    } else {
                        None
                    }
                })
                .collect(),
            Err(_) => Vec::new(),
        };
    let mut output = Output::default();
    let mut descriptions = Vec::new();
    for (resource, names) in &request.groups {
        let all = match objects::list(cluster, *resource, scope, &options) {
            Ok(list) => list,
            Err(e) => return Output::server(format!("Error from server (BadRequest): {e}")),
        };
        let chosen: Vec<&ApiObject> = if names.is_empty() {
            all.iter().collect()
        } else {
            let mut chosen = Vec::new();
            for name in names {
                let exact: Vec<&ApiObject> = all.iter().filter(|o| o.name() == name).collect();
                let matched = if exact.is_empty() {
                    all.iter()
                        .filter(|o| o.name().starts_with(name.as_str()))
                        .collect()
                } else {
                    exact
                };
                if matched.is_empty() {
                    output.append(Output::server(format!(
                        "Error from server (NotFound): {} \"{name}\" not found",
                        resource.qualified()
                    )));
                }
                chosen.extend(matched);
            }
            chosen
        };
        for object in chosen {
            descriptions.push(describe_one(
                cluster,
                object,
                show_events.then_some(events.as_slice()),
            ));
        }
    }
    if descriptions.is_empty() && output.stderr.is_empty() {
        output.stderr = match scope {
            Some(ns) => format!("No resources found in {ns} namespace.\n"),
            None => "No resources found\n".to_string(),
        };
    }
    output.stdout = join_descriptions(&descriptions);
    output
}

fn describe_one(cluster: &Cluster, object: &ApiObject, events: Option<&[Event]>) -> String {
    let time = now(cluster);
    match object {
        ApiObject::Job(job) => describe_job(job, events, time),
        ApiObject::Pod(pod) => describe_pod(pod, events, time),
        ApiObject::Node(node) => {
            let pods: Vec<Pod> =
                match objects::list(cluster, Resource::Pods, None, &ListOptions::default()) {
                    Ok(list) => list
                        .into_iter()
                        .filter_map(|o| {
                            if let ApiObject::Pod(p) = o {
                                Some(*p)
                            } else {
                                None
                            }
                        })
                        .filter(|p| {
                            p.spec.as_ref().and_then(|s| s.node_name.as_deref())
                                == node.metadata.name.as_deref()
                        })
                        .collect(),
                    Err(_) => Vec::new(),
                };
            describe_node(node, &pods, events, None, time)
        }
        ApiObject::Namespace(namespace) => describe_namespace(namespace),
        ApiObject::Event(_) | ApiObject::ConfigMap(_) | ApiObject::Secret(_) => String::new(),
    }
}
