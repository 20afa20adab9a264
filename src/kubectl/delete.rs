//! `kubectl delete`: by name, `-f FILE|FOLDER`, `--all`, `-l` or `--field-selector`; `--cascade`
//! (background, foreground, orphan), `--grace-period`, `--force`; and, like kubectl,
//! waiting until the objects are really gone (`--wait`, on by default).

use super::flags::{self, Spec, flag, value};
use super::objects::{self, ListOptions};
use super::resources::{self, Resource};
use super::{Continuation, Env, Execution, Output, Progress, namespace, usage_error};
use crate::apiserver::store::Propagation;
use crate::manifest::Object;
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
pub fn run(cluster: &mut Cluster, env: &Env<'_>, args: &[String]) -> Execution {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("delete", &e).into(),
    };
    let ns = namespace(&parsed);
    let files = parsed.all("filename");
    if parsed.args.is_empty() && files.is_empty() {
        return Output::error("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'").into();
    }
    let (targets, mut output) = if files.is_empty() {
        match resources::parse_request(&parsed.args) {
            Ok(r) => (
                r.groups
                    .into_iter()
                    .map(|(resource, names)| (resource, ns.clone(), names, None))
                    .collect(),
                Output::default(),
            ),
            Err(e) => return Output::error(e).into(),
        }
    } else if !parsed.args.is_empty() {
        // kubectl's resource builder (`cli-runtime/pkg/resource/builder.go`).
        return Output::error(
            "when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well",
        )
        .into();
    } else {
        named_in_files(env, files, &ns)
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
    if force_now {
        output.note("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    let mut waiting = Vec::new();
    for (resource, ns, names, source) in &targets {
        let (resource, ns) = (*resource, ns.as_str());
        let targets: Vec<String> = if names.is_empty() {
            if !selecting {
                return Output::error("resource(s) were provided, but no name was specified")
                    .into();
            }
            let options = ListOptions {
                label_selector: parsed.value("selector").unwrap_or("").to_string(),
                field_selector: parsed.value("field-selector").unwrap_or("").to_string(),
            };
            match objects::list(cluster, resource, Some(ns), &options) {
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
                Resource::Jobs => cluster.find_job(ns, &name).map(|j| {
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
                Resource::Pods => cluster.find_pod(ns, &name).map(|p| {
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
                // `cmdutil.AddSourceToErr` names the file an object came from.
                None => output.append(Output::server(format!(
                    "Error from server (NotFound): {}{} \"{name}\" not found",
                    source
                        .as_ref()
                        .map(|s| format!("error when deleting \"{s}\": "))
                        .unwrap_or_default(),
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

/// Objects to delete: their resource, namespace, names and the file that named them.
type Targets = Vec<(Resource, String, Vec<String>, Option<String>)>;

/// The objects `-f FILE|FOLDER` names, by resource, namespace (the object's own, else
/// `namespace`) and file, and the errors met reading the files.
fn named_in_files(env: &Env<'_>, files: &[String], namespace: &str) -> (Targets, Output) {
    let mut targets: Targets = Vec::new();
    let mut output = Output::default();
    for file in files {
        let read = match env.read_all(file) {
            Ok(read) => read,
            Err(error) => {
                output.append(error);
                continue;
            }
        };
        for (shown, text) in read {
            for document in crate::manifest::load(&shown, &text).documents {
                let object = &document.object;
                let resource = match object {
                    Object::Job(_) => Resource::Jobs,
                    Object::ConfigMap(_) => Resource::ConfigMaps,
                    Object::Secret(_) => Resource::Secrets,
                };
                let ns = object
                    .metadata()
                    .namespace
                    .clone()
                    .unwrap_or_else(|| namespace.to_string());
                let name = object.name().to_string();
                let source = Some(shown.clone());
                match targets
                    .iter_mut()
                    .find(|(r, n, _, s)| *r == resource && *n == ns && *s == source)
                {
                    Some((_, _, names, _)) => names.push(name),
                    None => targets.push((resource, ns, vec![name], source)),
                }
            }
        }
    }
    (targets, output)
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
