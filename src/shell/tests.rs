//! Unit tests for the interpreter: every construct and applet, with failure paths, run as a
//! busybox container would run them.

use super::*;

/// Start of every test container: 2026-11-27T03:17:39Z.
pub(crate) const T0: i64 = 1_795_749_459_000;

/// Runs `sh -c script` in busybox:1.35; returns (log as text with `!` marking stderr lines,
/// exit code, duration ms).
pub(crate) fn sh(script: &str) -> (String, Option<i32>, Option<i64>) {
    let spec = ContainerSpec::new(
        "busybox:1.35",
        &["sh", "-c", script],
        &[],
        "job-abc12",
        T0,
        7,
    );
    let run = run(&spec, &mut Volumes::new());
    let mut text = String::new();
    for l in &run.logs {
        if l.stream == Stream::Stderr {
            text.push('!');
        }
        text.push_str(&l.text);
        text.push('\n');
    }
    (text, run.end.exit_code(), run.end.offset_ms())
}

fn out(script: &str) -> String {
    sh(script).0
}

#[test]
fn smoke() {
    assert_eq!(
        sh("echo hello; exit 3"),
        ("hello\n".into(), Some(3), Some(0))
    );
}
