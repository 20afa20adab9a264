//! Golden tests: every script in `tests/golden/shell/*.sh` runs as a container with a fixed
//! seed; its log (with timestamps), end and exit code must equal the `.log` beside it.
//! `UPDATE_GOLDEN=1 cargo test --test scenarios` rewrites the `.log` files.
//!
//! Header comments configure the run: `# image:`, `# hostname:`, `# seed:`, `# env: K=V`,
//! `# mount: PATH VOLUME`, `# termination: TERM_MS KILL_MS` (offsets from the start) and
//! `# exec: ARG|ARG|…` (exec form instead of `["/bin/sh", "-c", script]`). The script text
//! goes through the kubelet's `$(VAR)` expansion exactly as a manifest's `command` would.

use std::path::Path;

use jobsim::shell::{self, ContainerSpec, End, Mount, Stream, Termination, Volumes};

/// 2026-11-27T03:17:39Z.
const T0: i64 = 1_795_749_459_000;

fn timestamp(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let nanos = ms.rem_euclid(1000) * 1_000_000;
    let date = shell::applets::date::strftime(secs * 1000, "%Y-%m-%dT%H:%M:%S");
    format!("{date}.{nanos:09}Z")
}

fn render(spec: &ContainerSpec, run: &shell::ContainerRun, volumes: &Volumes) -> String {
    let mut out = String::new();
    for l in &run.logs {
        let stream = if l.stream == Stream::Stdout {
            "stdout"
        } else {
            "stderr"
        };
        out.push_str(&format!(
            "{} {stream} {}\n",
            timestamp(spec.start_ms + l.offset_ms),
            l.text
        ));
    }
    let end = match &run.end {
        End::Exited { offset_ms, code } => format!("exited code={code} after={}ms", offset_ms),
        End::Killed { offset_ms, signal } => {
            format!(
                "killed signal={signal} code={} after={}ms",
                128 + signal,
                offset_ms
            )
        }
        End::Burning { from_offset_ms } => format!("burning from={from_offset_ms}ms"),
        End::Blocked { from_offset_ms } => format!("blocked from={from_offset_ms}ms"),
        End::StartError { message } => format!("start error: {message}"),
    };
    out.push_str(&format!("# end: {end}\n"));
    for t in &run.traps {
        out.push_str(&format!(
            "# trap: signal={} {:?} at={}ms\n",
            t.signal, t.action, t.offset_ms
        ));
    }
    for (name, vol) in volumes {
        for file in vol.root.entries.keys() {
            out.push_str(&format!("# volume {name}: {file}\n"));
        }
    }
    for n in &run.notes {
        out.push_str(&format!("# note: {n}\n"));
    }
    out
}

fn spec_for(script: &str) -> (ContainerSpec, Volumes) {
    let mut spec = ContainerSpec::new(
        "busybox:1.35",
        &["/bin/sh", "-c", script],
        &[],
        "pod",
        T0,
        42,
    );
    let mut volumes = Volumes::new();
    for line in script.lines() {
        let Some(header) = line.strip_prefix("# ") else {
            continue;
        };
        let Some((key, value)) = header.split_once(": ") else {
            continue;
        };
        match key {
            "image" => spec.image = value.to_owned(),
            "hostname" => spec.hostname = value.to_owned(),
            "seed" => spec.seed = value.parse().expect("seed header is a number"),
            "env" => {
                let (k, v) = value.split_once('=').expect("env header is K=V");
                spec.env.push((k.to_owned(), v.to_owned()));
            }
            "mount" => {
                let (path, vol) = value.split_once(' ').expect("mount header is PATH VOLUME");
                spec.mounts.push(Mount {
                    path: path.to_owned(),
                    volume: vol.to_owned(),
                    read_only: false,
                });
                volumes.insert(vol.to_owned(), shell::Volume::empty_dir());
            }
            "termination" => {
                let (term, kill) = value
                    .split_once(' ')
                    .expect("termination header is TERM KILL");
                spec.termination = Some(Termination {
                    term_at_ms: T0 + term.parse::<i64>().expect("term offset"),
                    kill_at_ms: T0 + kill.parse::<i64>().expect("kill offset"),
                });
            }
            "exec" => spec.command = value.split('|').map(str::to_owned).collect(),
            _ => {}
        }
    }
    (spec, volumes)
}

#[test]
fn golden_shell_scripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/shell");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("golden dir exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no golden scripts in {}", dir.display());
    let mut failures = Vec::new();
    for path in paths {
        let script = std::fs::read_to_string(&path).expect("script readable");
        let (spec, mut volumes) = spec_for(&script);
        let run = shell::run(&spec, &mut volumes);
        let got = render(&spec, &run, &volumes);
        // Deterministic: a second run gives the same trace.
        let (spec2, mut volumes2) = spec_for(&script);
        assert_eq!(
            shell::run(&spec2, &mut volumes2),
            run,
            "{} is not deterministic",
            path.display()
        );
        let log_path = path.with_extension("log");
        if update {
            std::fs::write(&log_path, &got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&log_path).unwrap_or_default();
        if want != got {
            failures.push(format!(
                "{}:\n--- want\n{want}--- got\n{got}",
                log_path.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatch (UPDATE_GOLDEN=1 to rewrite):\n{}",
        failures.join("\n")
    );
}
