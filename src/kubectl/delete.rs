//! `kubectl delete`: by name, `--all`, `-l` or `--field-selector`; `--cascade`
//! (background, foreground, orphan), `--grace-period`, `--force`; and, like kubectl,
//! waiting until the objects are really gone (`--wait`, on by default).

use super::flags::{self, Spec, flag, value};
use super::objects::{self, ListOptions};
use super::resources::{self, Resource};
use super::{Continuation, Execution, Output, Progress, namespace, usage_error};
use crate::apiserver::store::Propagation;
use crate::sim::Cluster;

const FLAGS: &[Spec] = &[
    flag("all", None),
    flag("all-namespaces", Some('A')),
    value("selector", Some('l')),
    value("field-selector", None),
    value("cascade", None),
    value("grace-period", None),
    flag("force", None),
    flag("now", None),
    value("wait", None),
    flag("ignore-not-found", None),
    value("timeout", None),
    flags::values("filename", Some('f')),
];

/// Runs `kubectl delete …`.
pub fn run(cluster: &mut Cluster, args: &[String]) -> Execution {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("delete", &e).into(),
    };
    let ns = namespace(&parsed);
    if parsed.args.is_empty() {
        return Output::error("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'").into();
    }
    let request = match resources::parse_request(&parsed.args) {
        Ok(r) => r,
        Err(e) => return Output::error(e).into(),
    };
    let propagation = match parsed.value("cascade").unwrap_or("background") {
        "background" | "true" => Propagation::Background,
        "foreground" => Propagation::Foreground,
        "orphan" | "false" => Propagation::Orphan,
        other => {
            return Output::error(format!(
                "invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\""
            ))
            .into();
        }
    };
    let force = parsed.bool("force");
    let grace: Option<i64> = match parsed.value("grace-period").map(str::parse::<i64>) {
        Some(Ok(g)) if g >= 0 => Some(g),
        Some(Ok(_)) => None,
        Some(Err(_)) => return Output::error("invalid argument for --grace-period").into(),
        None if parsed.bool("now") => Some(1),
        None => None,
    };
    // kubectl: --force without --grace-period means --grace-period=0.
    let grace = if force {
        Some(grace.unwrap_or(0))
    } else {
        grace
    };
    let force_now = force && grace == Some(0);
    let selecting = parsed.bool("all") || parsed.has("selector") || parsed.has("field-selector");
    let mut output = Output::default();
    if force_now {
        output.stderr.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    let mut waiting = Vec::new();
    for (resource, names) in &request.groups {
        let targets: Vec<String> = if names.is_empty() {
            if !selecting {
                return Output::error("resource(s) were provided, but no name was specified")
                    .into();
            }
            let options = ListOptions {
                label_selector: parsed.value("selector").unwrap_or("").to_string(),
                field_selector: parsed.value("field-selector").unwrap_or("").to_string(),
            };
            match objects::list(cluster, *resource, Some(&ns), &options) {
                Ok(list) => list.iter().map(|o| o.name().to_string()).collect(),
                Err(e) => {
                    return Output::server(format!("Error from server (BadRequest): {e}")).into();
                }
            }
        } else {
            names.clone()
        };
        for name in targets {
            let found = match resource {
                Resource::Jobs => cluster.find_job(&ns, &name).map(|j| {
                    cluster.delete_job(
                        j,
                        if force_now && propagation == Propagation::Foreground {
                            Propagation::Background
                        } else {
                            propagation
                        },
                    );
                    Gone::Job(j)
                }),
                Resource::Pods => cluster.find_pod(&ns, &name).map(|p| {
                    cluster.delete_pod(p, grace, force);
                    Gone::Pod(p)
                }),
                _ => {
                    output.append(Output::error(format!(
                        "jobsim cannot delete {}",
                        resource.plural()
                    )));
                    continue;
                }
            };
            match found {
                Some(gone) => {
                    let verb = if force_now {
                        "force deleted"
                    } else {
                        "deleted"
                    };
                    // `PrintObj` (kubectl 1.34+) names the namespace of namespaced objects.
                    output.stdout.push_str(&format!(
                        "{} \"{name}\" {verb} from {ns} namespace\n",
                        resource.singular_qualified()
                    ));
                    waiting.push(gone);
                }
                None if parsed.bool("ignore-not-found") => {}
                None => output.append(Output::server(format!(
                    "Error from server (NotFound): {} \"{name}\" not found",
                    resource.qualified()
                ))),
            }
        }
    }
    if waiting.is_empty() && output.stdout.is_empty() && output.stderr.trim().is_empty() {
        output.stderr.push_str("No resources found\n");
    }
    let wait = parsed.value("wait").is_none_or(|v| v == "true") && !force_now;
    let mut pending = Pending { gone: waiting };
    if wait && !pending.poll(cluster).done {
        return Execution {
            output,
            continuation: Some(Continuation::Delete(pending)),
        };
    }
    output.into()
}

#[derive(Clone, Copy, Debug)]
enum Gone {
    Job(usize),
    Pod(crate::objects::PodId),
}

/// Deletions kubectl waits for.
#[derive(Clone, Debug)]
pub struct Pending {
    gone: Vec<Gone>,
}

impl Pending {
    /// Done when every deleted object has left the API server.
    pub fn poll(&mut self, cluster: &Cluster) -> Progress {
        let done = self.gone.iter().all(|g| match g {
            Gone::Job(j) => cluster.job(*j).removed.is_some(),
            Gone::Pod(p) => cluster.pod(*p).removed.is_some(),
        });
        Progress {
            output: Output::default(),
            done,
        }
    }
}
