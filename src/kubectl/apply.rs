//! `kubectl apply -f`, `create -f` and `replace -f`: manifests from the playground's files
//! (or stdin, `-f -`) go through the simulated API server. Refused documents print the API
//! server's error in kubectl's words; accepted ones print `job.batch/x created|configured|
//! unchanged`, with the server's warnings.

use super::flags::{self, Spec, flag, value, values};
use super::{Env, Execution, Output, namespace, usage_error};
use crate::apiserver::config::Applied;
use crate::manifest::{self, Object, Outcome, Reason, Severity};
use crate::sim::Cluster;

const FLAGS: &[Spec] = &[
    values("filename", Some('f')),
    flag("recursive", Some('R')),
    value("output", Some('o')),
    value("dry-run", None),
    value("validate", None),
    flag("server-side", None),
    flag("force", None),
    value("field-manager", None),
    flag("save-config", None),
];

/// Which verb: they differ in what an existing (or missing) object means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Apply,
    Create,
    Replace,
}

impl Verb {
    fn name(self) -> &'static str {
        match self {
            Verb::Apply => "apply",
            Verb::Create => "create",
            Verb::Replace => "replace",
        }
    }
}

/// Runs `kubectl apply|create|replace -f …`.
pub fn run(cluster: &mut Cluster, env: &Env<'_>, verb: Verb, args: &[String]) -> Execution {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error(verb.name(), &e).into(),
    };
    let files = parsed.all("filename").to_vec();
    if files.is_empty() {
        let message = match verb {
            Verb::Apply => "error: must specify one of -f and -k",
            _ => "error: must specify one of -f and -k",
        };
        return Output {
            stderr: format!("{message}\n"),
            exit_code: 1,
            ..Output::default()
        }
        .into();
    }
    let ns = namespace(&parsed);
    let mut output = Output::default();
    for file in files {
        let read = match env.read_all(&file) {
            Ok(read) => read,
            Err(error) => {
                output.append(error);
                continue;
            }
        };
        if read.is_empty() {
            output.append(Output::error(format!(
                "no objects passed to {}",
                verb.name()
            )));
        }
        for (shown, text) in read {
            apply_text(cluster, verb, &ns, &shown, &text, &mut output);
        }
    }
    output.into()
}

/// Applies every document of one file, appending what kubectl prints to `output`.
pub fn apply_text(
    cluster: &mut Cluster,
    verb: Verb,
    namespace: &str,
    file: &str,
    text: &str,
    output: &mut Output,
) {
    let report = manifest::check(file, text);
    let mut loaded = manifest::load(file, text);
    if report.documents.is_empty() {
        output.append(Output::error(format!(
            "no objects passed to {}",
            verb.name()
        )));
        return;
    }
    for checked in &report.documents {
        if let Outcome::BadRequest { kubectl, .. } = &checked.outcome {
            output.append(Output::server(kubectl));
            continue;
        }
        let Some(position) = loaded
            .documents
            .iter()
            .position(|d| d.index == checked.index)
        else {
            continue;
        };
        let document = loaded.documents.remove(position);
        if verb == Verb::Apply
            && let Some(refusal) = apply_needs_a_name(&document.object, namespace, file)
        {
            output.append(refusal);
            continue;
        }
        for d in &checked.diagnostics {
            if d.severity == Severity::Warning && d.reason == Reason::ApiWarning {
                output.note(format!("Warning: {}\n", d.message));
            }
        }
        match document.object {
            Object::Job(job) => apply_job(cluster, verb, namespace, *job, output),
            Object::ConfigMap(cm) => {
                let name = cm.metadata.name.clone().unwrap_or_default();
                let ns = cm
                    .metadata
                    .namespace
                    .clone()
                    .unwrap_or_else(|| namespace.to_string());
                let applied = cluster.apply_config_map(*cm, &ns);
                output.stdout.push_str(&format!(
                    "configmap/{name} {}
",
                    word(verb, applied)
                ));
            }
            Object::Secret(secret) => {
                let name = secret.metadata.name.clone().unwrap_or_default();
                let ns = secret
                    .metadata
                    .namespace
                    .clone()
                    .unwrap_or_else(|| namespace.to_string());
                let applied = cluster.apply_secret(*secret, &ns);
                output.stdout.push_str(&format!(
                    "secret/{name} {}
",
                    word(verb, applied)
                ));
            }
        }
    }
}

/// `kubectl apply` needs the object's name before it talks to the server
/// (`applyOneObject` in kubectl `pkg/cmd/apply/apply.go`): with only `generateName` it
/// refuses, with neither its GET of the current object fails in client-go
/// (`Request.Name("")`).
fn apply_needs_a_name(object: &Object, namespace: &str, file: &str) -> Option<Output> {
    if !object.name().is_empty() {
        return None;
    }
    let generate_name = object.generate_name();
    if !generate_name.is_empty() {
        return Some(Output::error(format!(
            "from {generate_name}: cannot use generate name with apply"
        )));
    }
    let namespace = object.metadata().namespace.as_deref().unwrap_or(namespace);
    let (resource, kind) = object.resource_and_kind();
    Some(Output::error(format!(
        "error when retrieving current configuration of:\nResource: {resource:?}, GroupVersionKind: {kind:?}\nName: \"\", Namespace: {namespace:?}\nfrom server for: {file:?}: resource name may not be empty"
    )))
}

fn word(verb: Verb, applied: Applied) -> &'static str {
    match (verb, applied) {
        (Verb::Replace, _) => "replaced",
        (_, Applied::Created) => "created",
        (_, Applied::Configured) => "configured",
        (_, Applied::Unchanged) => "unchanged",
    }
}

fn apply_job(
    cluster: &mut Cluster,
    verb: Verb,
    namespace: &str,
    mut job: k8s_openapi::api::batch::v1::Job,
    output: &mut Output,
) {
    let ns = job
        .metadata
        .namespace
        .clone()
        .unwrap_or_else(|| namespace.to_string());
    job.metadata.namespace = Some(ns.clone());
    let last_applied = last_applied_configuration(&job);
    let name = job.metadata.name.clone().unwrap_or_default();
    let existing = (!name.is_empty())
        .then(|| cluster.find_job(&ns, &name))
        .flatten();
    match (verb, existing) {
        (Verb::Create, Some(_)) => output.append(Output::server(format!(
            "Error from server (AlreadyExists): error when creating {:?}: jobs.batch \"{name}\" already exists",
            "STDIN"
        ))),
        (Verb::Replace, None) => output.append(Output::server(format!(
            "Error from server (NotFound): error when replacing: jobs.batch \"{name}\" not found"
        ))),
        (Verb::Apply | Verb::Create, None) => match cluster.create_job(job) {
            Ok(idx) => {
                if verb == Verb::Apply {
                    cluster.set_last_applied(idx, last_applied);
                }
                output.stdout.push_str(&format!("job.batch/{} created\n", cluster.job(idx).meta.name));
            }
            Err(e) => output.append(Output::server(e.to_string())),
        },
        (Verb::Apply | Verb::Replace, Some(idx)) => match cluster.update_job(idx, job) {
            Ok(changed) => {
                let last_changed = verb == Verb::Apply && cluster.job(idx).last_applied.as_deref() != Some(&last_applied);
                if verb == Verb::Apply {
                    cluster.set_last_applied(idx, last_applied);
                }
                let word = match (verb, changed || last_changed) {
                    (Verb::Replace, _) => "replaced",
                    (_, true) => "configured",
                    (_, false) => "unchanged",
                };
                output.stdout.push_str(&format!("job.batch/{name} {word}\n"));
            }
            Err(e) => output.append(Output::server(e.to_string())),
        },
    }
}

/// The `kubectl.kubernetes.io/last-applied-configuration` annotation: the manifest as sent,
/// with `metadata.annotations` present and the namespace filled in, as Go's `json.Encoder`
/// writes it (`GetModifiedConfiguration`): compact, HTML-safe, and ending in a newline —
/// which is why `-o yaml` shows it as a `|` block.
fn last_applied_configuration(job: &k8s_openapi::api::batch::v1::Job) -> String {
    let mut value = serde_json::to_value(job).unwrap_or_default();
    if let Some(meta) = value.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        meta.entry("annotations")
            .or_insert_with(|| serde_json::json!({}));
    }
    let mut text = super::printers::json::to_compact_json(&value);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use crate::kubectl::terminal::Terminal;
    use crate::sim::Cluster;
    use crate::sim::config::ClusterConfig;

    fn job(metadata: &str) -> String {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n{metadata}spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n"
        )
    }

    #[test]
    fn apply_needs_a_name_before_it_reaches_the_server() {
        let cases = [
            (
                "apply refuses generateName (apply.go applyOneObject)",
                "kubectl apply -f job.yaml",
                job("  generateName: pi-\n"),
                "error: from pi-: cannot use generate name with apply\n",
            ),
            (
                "apply without a name fails its GET (client-go Request.Name)",
                "kubectl apply -f job.yaml",
                job("  namespace: team\n"),
                "error: error when retrieving current configuration of:\nResource: \"batch/v1, Resource=jobs\", GroupVersionKind: \"batch/v1, Kind=Job\"\nName: \"\", Namespace: \"team\"\nfrom server for: \"job.yaml\": resource name may not be empty\n",
            ),
            (
                "create sends a nameless Job to the server, which requires one",
                "kubectl create -f job.yaml",
                job("  labels:\n    a: b\n"),
                "The Job \"\" is invalid: metadata.name: Required value: name or generateName is required\n",
            ),
        ];
        for (rule, line, manifest, expected) in cases {
            let mut cluster = Cluster::new(ClusterConfig::default(), 1);
            let mut terminal = Terminal::default();
            terminal.put_file("job.yaml", &manifest);
            assert_eq!(terminal.run_line(&mut cluster, line), expected, "{rule}");
        }
        let mut cluster = Cluster::new(ClusterConfig::default(), 1);
        let mut terminal = Terminal::default();
        terminal.put_file("job.yaml", &job("  generateName: pi-\n"));
        let created = terminal.run_line(&mut cluster, "kubectl create -f job.yaml");
        assert!(
            created.starts_with("job.batch/pi-") && created.ends_with(" created\n"),
            "create generates the name: {created}"
        );
    }
}
