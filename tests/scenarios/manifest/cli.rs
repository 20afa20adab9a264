//! `jobsim validate` as a process: exit status 0 / 1 / 2, stdin, `-o json`.

use std::io::Write;
use std::process::{Command, Stdio};

fn jobsim(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobsim"))
        .args(args)
        .current_dir(super::super::support::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jobsim runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(stdin.as_bytes())
        .expect("stdin written");
    let out = child.wait_with_output().expect("jobsim finishes");
    (
        out.status.code().expect("exited"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn valid_files_exit_0_with_warnings() {
    let (code, out, _) = jobsim(&["validate", "static/examples/k8s-pi.yaml"], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Warning: spec.activeDeadlineSeconds is not set"));
    assert!(
        out.ends_with("job.batch/pi created (server dry run)\n"),
        "{out}"
    );
}

#[test]
fn invalid_input_exits_1_with_kubectl_words_and_places() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  completions: -1\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n";
    let (code, out, _) = jobsim(&["validate", "-"], job);
    assert_eq!(code, 1);
    assert!(out.contains("The Job \"x\" is invalid: spec.completions: Invalid value: -1: must be greater than or equal to 0\n  --> STDIN:6:16\n"), "{out}");
}

#[test]
fn json_is_a_status_per_document_and_an_array_for_several() {
    let two = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  completion: 1\n";
    let (code, out, _) = jobsim(&["validate", "-o", "json", "-"], two);
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(value[0]["status"], "Success");
    assert_eq!(value[1]["reason"], "BadRequest");
    assert_eq!(
        value[1]["details"]["causes"][0]["reason"],
        "FieldValueUnknown"
    );
    assert_eq!(value[1]["details"]["causes"][0]["field"], "spec.completion");
    assert_eq!(value[1]["details"]["causes"][0]["line"], 11);
    let (code, out, _) = jobsim(
        &["validate", "--output=json", "static/examples/k8s-pi.yaml"],
        "",
    );
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(value["kind"], "Status");
}

#[test]
fn unreadable_files_and_usage_errors_exit_2() {
    assert_eq!(jobsim(&["validate", "no/such/file.yaml"], "").0, 2);
    assert_eq!(jobsim(&["validate"], "").0, 2);
    assert_eq!(jobsim(&["validate", "-o", "xml", "-"], "").0, 2);
}

#[test]
fn every_subcommand_answers_help_with_the_usage() {
    for command in ["validate", "run", "session"] {
        for flag in ["--help", "-h"] {
            let (code, out, err) = jobsim(&[command, flag], "");
            assert_eq!(code, 0, "{command} {flag}: {err}");
            assert!(
                out.contains(&format!("jobsim {command} FILE")),
                "{command} {flag}: {out}"
            );
        }
    }
}

/// `jobsim session DIR/script.sh` reads the manifests beside the script, and only regular
/// files: a named pipe there (as in /dev/fd, where `session <(…)` scripts live) is skipped
/// instead of blocking the run.
#[test]
fn session_reads_only_regular_manifest_files_beside_the_script() {
    let dir = std::env::temp_dir().join(format!("jobsim-session-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp folder");
    std::fs::write(dir.join("script.sh"), "kubectl apply -f job.yaml\n").expect("script");
    std::fs::write(
        dir.join("job.yaml"),
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: beside\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [\"true\"]\n",
    )
    .expect("manifest");
    let fifo = Command::new("mkfifo")
        .arg(dir.join("pipe.yaml"))
        .status()
        .is_ok_and(|s| s.success());
    let script = dir.join("script.sh");
    let (code, out, err) = jobsim(&["session", script.to_str().expect("utf-8")], "");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(fifo, "mkfifo made the named pipe");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "$ kubectl apply -f job.yaml\njob.batch/beside created\n"
    );
}
