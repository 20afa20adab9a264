//! `kubectl label` and `kubectl annotate`: `key=value` sets, `key-` removes, and an existing
//! key changes only with `--overwrite`.

use super::flags::{self, Spec, flag, value};
use super::resources::{self, Resource};
use super::{Output, namespace, usage_error};
use crate::apiserver::eviction::MetadataTarget;
use crate::sim::Cluster;

const FLAGS: &[Spec] = &[
    flag("overwrite", None),
    flag("all", None),
    value("selector", Some('l')),
    flag("list", None),
];

/// Runs `kubectl label …` (`labels` true) or `kubectl annotate …`.
pub fn run(cluster: &mut Cluster, args: &[String], labels: bool) -> Output {
    let command = if labels { "label" } else { "annotate" };
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error(command, &e),
    };
    let (targets, changes): (Vec<String>, Vec<String>) = parsed
        .args
        .iter()
        .cloned()
        .partition(|a| !(a.contains('=') || a.ends_with('-')));
    if changes.is_empty() {
        return Output::error("at least one label update is required");
    }
    let mut parsed_changes: Vec<(String, Option<String>)> = Vec::new();
    for change in &changes {
        match change.split_once('=') {
            Some((k, v)) => parsed_changes.push((k.to_string(), Some(v.to_string()))),
            None => parsed_changes.push((change.trim_end_matches('-').to_string(), None)),
        }
    }
    let request = match resources::parse_request(&targets) {
        Ok(r) => r,
        Err(e) => return Output::error(e),
    };
    let ns = namespace(&parsed);
    let verb = if labels { "labeled" } else { "annotated" };
    let mut output = Output::default();
    for (resource, names) in &request.groups {
        for name in names {
            let found = match resource {
                Resource::Jobs => cluster
                    .find_job(&ns, name)
                    .map(|j| (MetadataTarget::Job(j), &cluster.job(j).meta))
                    .ok_or("jobs.batch"),
                Resource::Pods => cluster
                    .find_pod(&ns, name)
                    .map(|p| (MetadataTarget::Pod(p), &cluster.pod(p).meta))
                    .ok_or("pods"),
                other => {
                    output.append(Output::error(format!(
                        "jobsim can {command} jobs and pods, not {}",
                        other.plural()
                    )));
                    continue;
                }
            };
            let (target, existing) = match found {
                Ok((target, meta)) => (
                    target,
                    if labels {
                        meta.labels.clone()
                    } else {
                        meta.annotations.clone()
                    },
                ),
                Err(kind) => {
                    output.append(Output::server(format!(
                        "Error from server (NotFound): {kind} \"{name}\" not found"
                    )));
                    continue;
                }
            };
            if !parsed.bool("overwrite")
                && let Some((key, _)) = parsed_changes
                    .iter()
                    .find(|(k, v)| v.is_some() && existing.contains_key(k))
            {
                output.append(Output::error(format!(
                    "'{key}' already has a value ({}), and --overwrite is false",
                    existing[key]
                )));
                continue;
            }
            let changed = parsed_changes
                .iter()
                .any(|(k, v)| existing.get(k) != v.as_ref());
            cluster.update_metadata(target, labels, &parsed_changes);
            let suffix = if changed {
                verb.to_string()
            } else {
                "not labeled".to_string()
            };
            output.stdout.push_str(&format!(
                "{}/{name} {suffix}\n",
                resource.singular_qualified()
            ));
        }
    }
    output
}
