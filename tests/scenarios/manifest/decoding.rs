//! What the API server refuses before validation: broken YAML, unknown or mistyped fields,
//! kinds jobsim does not run; and that one bad document never hides the others.

use jobsim::apiserver::ErrorType;
use jobsim::manifest::{self, Object, Outcome, Position, Reason, Severity};

fn errors(text: &str) -> Vec<(String, Reason, String, Option<Position>)> {
    manifest::check("t.yaml", text)
        .diagnostics()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.field.clone(), d.reason, d.message.clone(), d.position))
        .collect()
}

fn at(line: usize, column: usize) -> Option<Position> {
    Some(Position { line, column })
}

const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: t\nspec:\n";

#[test]
fn unknown_fields_are_strict_decoding_errors_at_their_keys() {
    let text = format!(
        "{JOB}  completion: 3\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n        restartpolicy: Never\n"
    );
    let report = manifest::check("job.yaml", &text);
    let Outcome::BadRequest { kubectl, api } = &report.documents[0].outcome else {
        panic!("refused: {:?}", report.documents[0].outcome);
    };
    assert_eq!(
        api,
        "Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"spec.completion\", unknown field \"spec.template.spec.containers[0].restartpolicy\""
    );
    assert_eq!(
        kubectl,
        &format!("Error from server (BadRequest): error when creating \"job.yaml\": {api}")
    );
    assert_eq!(
        errors(&text),
        [
            (
                "spec.completion".into(),
                Reason::UnknownField,
                "unknown field \"spec.completion\"".into(),
                at(6, 3)
            ),
            (
                "spec.template.spec.containers[0].restartpolicy".into(),
                Reason::UnknownField,
                "unknown field \"spec.template.spec.containers[0].restartpolicy\"".into(),
                at(13, 9)
            ),
        ]
    );
}

#[test]
fn wrong_types_read_like_the_api_server() {
    let text = format!("{JOB}  completions: \"three\"\n");
    assert_eq!(
        errors(&text),
        [(
            "spec.completions".into(),
            Reason::Cause(ErrorType::TypeInvalid),
            "Job in version \"v1\" cannot be handled as a Job: json: cannot unmarshal string into Go struct field JobSpec.spec.completions of type int32".into(),
            at(6, 16)
        )]
    );
    let env = format!(
        "{JOB}  template:\n    spec:\n      containers:\n      - name: a\n        env:\n        - name: DEBUG\n          value: yes\n"
    );
    let found = errors(&env);
    assert_eq!(found[0].0, "spec.template.spec.containers[0].env[0].value");
    assert!(found[0].2.ends_with("json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string"), "{found:?}");
    assert_eq!(found[0].3, at(12, 18));
}

#[test]
fn broken_yaml_is_a_syntax_error_with_its_line_not_a_type_error() {
    let found = errors("apiVersion: batch/v1\nkind: Job\nspec: [unclosed\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, Reason::Syntax);
    assert!(
        found[0]
            .2
            .starts_with("error converting YAML to JSON: yaml: line 3: "),
        "{found:?}"
    );
    assert_eq!(found[0].3.map(|p| p.line), Some(3));
    let tab = errors("apiVersion: batch/v1\nkind: Job\nmetadata:\n\tname: x\n");
    assert_eq!(tab[0].1, Reason::Syntax);
    assert_eq!(tab[0].3.map(|p| p.line), Some(4));
}

#[test]
fn kinds_and_versions() {
    let cases = [
        (
            "kind: Job\nmetadata: {name: a}\n",
            "apiVersion",
            "error validating data: apiVersion not set",
        ),
        (
            "apiVersion: batch/v1\nmetadata: {name: a}\n",
            "kind",
            "error validating data: kind not set",
        ),
        (
            "apiVersion: batch/v2\nkind: Job\nmetadata: {name: a}\n",
            "apiVersion",
            "no matches for kind \"Job\" in version \"batch/v2\"",
        ),
        (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n",
            "kind",
            "jobsim runs batch/v1 Job (and later CronJob); Deployment (apps/v1) is not simulated: a Job runs pods to completion: wrap the pod spec in a Job's spec.template",
        ),
        (
            "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: a}\n",
            "kind",
            "CronJob support is planned",
        ),
        (
            "- just\n- a list\n",
            "",
            "error validating data: the document is not a mapping",
        ),
    ];
    for (text, field, says) in cases {
        let found = errors(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].0, field, "{text}");
        assert!(found[0].2.contains(says), "{text}: {found:?}");
        assert!(found[0].3.is_some());
    }
}

#[test]
fn one_bad_document_does_not_hide_the_others() {
    let text = format!(
        "{JOB}  completions: [oops\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n---\n# just a comment\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  token: abc\n---\n{JOB}  completions: -1\n"
    );
    let loaded = manifest::load("s.yaml", &text);
    let kinds: Vec<(usize, &str, &str)> = loaded
        .documents
        .iter()
        .map(|d| (d.index, d.object.kind(), d.object.name()))
        .collect();
    assert_eq!(
        kinds,
        [
            (1, "ConfigMap", "settings"),
            (2, "Secret", "creds"),
            (3, "Job", "t")
        ]
    );
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].document, 0);
    let report = manifest::check("s.yaml", &text);
    let outcomes: Vec<bool> = report
        .documents
        .iter()
        .map(|d| d.outcome == Outcome::Valid)
        .collect();
    assert_eq!(outcomes, [false, true, true, false]);
    let Some(Object::Secret(secret)) = &report.documents[2].object else {
        panic!("a Secret");
    };
    assert_eq!(secret.type_.as_deref(), Some("Opaque"));
    assert_eq!(
        secret.data.as_ref().map(|d| d["token"].0.clone()),
        Some(b"abc".to_vec())
    );
    let job_error = report.documents[3]
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .expect("an error");
    assert_eq!(job_error.position, at(29, 16));
}

#[test]
fn duplicate_keys_and_bad_separators_are_refused() {
    let dup = errors(&format!("{JOB}  completions: 1\n  completions: 2\n"));
    assert_eq!(dup[0].0, "spec.completions");
    assert!(
        dup[0]
            .2
            .contains("line 7: key \"completions\" already set in map"),
        "{dup:?}"
    );
    let sep = errors("apiVersion: v1\n--- !tag\nkind: x\n");
    assert_eq!(sep[0].2, "invalid Yaml document separator: !tag");
    assert_eq!(sep[0].3, at(2, 1));
}

#[test]
fn secret_data_must_be_base64() {
    let found = errors(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  token: \"not base64!\"\n",
    );
    assert_eq!(found[0].0, "data.token");
    assert_eq!(
        found[0].2,
        "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3"
    );
    assert_eq!(found[0].3, at(6, 10));
}

#[test]
fn malformed_quantities_are_refused_while_decoding() {
    let text = format!(
        "{JOB}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n        resources:\n          limits:\n            memory: 64 MB\n"
    );
    let found = errors(&text);
    assert_eq!(
        found[0].0,
        "spec.template.spec.containers[0].resources.limits[memory]"
    );
    assert!(found[0].2.ends_with("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
    assert_eq!(found[0].3, at(14, 21));
}

#[test]
fn defaults_show_what_the_api_server_stores() {
    let text = format!(
        "{JOB}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox\n"
    );
    let report = manifest::check("d.yaml", &text);
    let Some(Object::Job(job)) = &report.documents[0].object else {
        panic!("a Job");
    };
    let spec = job.spec.as_ref().expect("spec");
    assert_eq!(
        (spec.completions, spec.parallelism, spec.backoff_limit),
        (Some(1), Some(1), Some(6))
    );
    assert_eq!(spec.completion_mode.as_deref(), Some("NonIndexed"));
    assert_eq!(spec.suspend, Some(false));
    assert_eq!(spec.manual_selector, Some(false));
    assert_eq!(
        spec.pod_replacement_policy.as_deref(),
        Some("TerminatingOrFailed")
    );
    let selector = spec
        .selector
        .as_ref()
        .and_then(|s| s.match_labels.as_ref())
        .expect("generated");
    assert_eq!(
        selector["batch.kubernetes.io/controller-uid"],
        manifest::PLACEHOLDER_UID
    );
    let labels = job
        .metadata
        .labels
        .as_ref()
        .expect("copied from the template");
    assert_eq!(labels["job-name"], "t");
    assert_eq!(labels["batch.kubernetes.io/job-name"], "t");
    assert_eq!(job.metadata.generation, Some(1));
    let pod = spec.template.spec.as_ref().expect("pod");
    assert_eq!(pod.dns_policy.as_deref(), Some("ClusterFirst"));
    assert_eq!(pod.scheduler_name.as_deref(), Some("default-scheduler"));
    assert_eq!(pod.termination_grace_period_seconds, Some(30));
    assert!(pod.security_context.is_some());
    let c = &pod.containers[0];
    assert_eq!(c.image_pull_policy.as_deref(), Some("Always"));
    assert_eq!(
        c.termination_message_path.as_deref(),
        Some("/dev/termination-log")
    );
    assert_eq!(c.termination_message_policy.as_deref(), Some("File"));
}

#[test]
fn generate_name_stands_in_for_a_name() {
    let text = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: pi-\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n";
    let report = manifest::check("g.yaml", text);
    assert_eq!(
        report.documents[0].outcome,
        Outcome::Valid,
        "{:#?}",
        report.documents[0].diagnostics
    );
    let name = &report.documents[0].name;
    assert!(name.starts_with("pi-") && name.len() == 8, "{name}");
}
