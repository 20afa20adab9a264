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

fn busybox(script: &str) -> ContainerSpec {
    ContainerSpec::new(
        "busybox:1.35",
        &["/bin/sh", "-c", script],
        &[],
        "pod-abcde",
        T0,
        42,
    )
}

#[test]
fn emptydir_is_shared_by_init_and_main_containers_and_survives_restarts() {
    let mut volumes = Volumes::new();
    volumes.insert("work".into(), shell::Volume::empty_dir());
    let mount = Mount {
        path: "/work".into(),
        volume: "work".into(),
        read_only: false,
    };
    let mut init = busybox("echo prepared > /work/input.txt; echo private > /tmp/own");
    init.mounts.push(mount.clone());
    assert_eq!(shell::run(&init, &mut volumes).end.exit_code(), Some(0));
    let mut main =
        busybox("cat /work/input.txt; cat /tmp/own; echo run >> /work/runs; wc -l < /work/runs");
    main.mounts.push(mount.clone());
    let first = shell::run(&main, &mut volumes);
    assert_eq!(
        first.log_text(),
        "prepared\ncat: can't open '/tmp/own': No such file or directory\n1\n"
    );
    // An in-place restart (restartPolicy OnFailure) sees the same emptyDir.
    let second = shell::run(&main, &mut volumes);
    assert_eq!(second.logs.last().map(|l| l.text.as_str()), Some("2"));
}

#[test]
fn configmap_and_downward_api_volumes_are_read_only_files() {
    let mut volumes = Volumes::new();
    volumes.insert(
        "config".into(),
        shell::Volume::with_files([("app.properties", &b"mode=fast\n"[..])]),
    );
    volumes.insert(
        "podinfo".into(),
        shell::Volume::with_files([("labels", &b"app=\"worker\"\n"[..])]),
    );
    let mut spec = busybox(
        "cat /etc/config/app.properties /etc/podinfo/labels; echo x > /etc/config/new; echo $?",
    );
    spec.mounts.push(Mount {
        path: "/etc/config".into(),
        volume: "config".into(),
        read_only: true,
    });
    spec.mounts.push(Mount {
        path: "/etc/podinfo".into(),
        volume: "podinfo".into(),
        read_only: true,
    });
    let run = shell::run(&spec, &mut volumes);
    assert_eq!(
        run.log_text(),
        "mode=fast\napp=\"worker\"\n/bin/sh: can't create /etc/config/new: Read-only file system\n2\n"
    );
    assert!(volumes.contains_key("config") && volumes.contains_key("podinfo"));
}

#[test]
fn environment_reaches_the_script() {
    let mut spec =
        busybox("echo $JOB_COMPLETION_INDEX $POD_NAME $KUBERNETES_SERVICE_HOST $HOSTNAME");
    spec.hostname = "indexed-job-1".into();
    for (k, v) in [
        ("JOB_COMPLETION_INDEX", "1"),
        ("POD_NAME", "indexed-job-1-x2c4v"),
        ("KUBERNETES_SERVICE_HOST", "10.96.0.1"),
    ] {
        spec.env.push((k.into(), v.into()));
    }
    let run = shell::run(&spec, &mut Volumes::new());
    assert_eq!(
        run.log_text(),
        "1 indexed-job-1-x2c4v 10.96.0.1 indexed-job-1\n"
    );
}

#[test]
fn sigterm_to_pid1_without_trap_is_ignored_until_sigkill() {
    let mut spec = busybox("echo start; sleep 100; echo never");
    spec.termination = Some(Termination {
        term_at_ms: T0 + 10_000,
        kill_at_ms: T0 + 40_000,
    });
    let run = shell::run(&spec, &mut Volumes::new());
    assert_eq!(
        run.end,
        End::Killed {
            offset_ms: 40_000,
            signal: 9
        }
    );
    assert_eq!(run.end.exit_code(), Some(137));
    assert!(!run.handles_sigterm_at(10_000));
}

#[test]
fn sigterm_trap_with_wait_ends_promptly() {
    // The idiom that makes a shell PID 1 responsive: sleep in the background and `wait`.
    let mut spec = busybox("trap 'echo stopping; exit 143' TERM; sleep 1000 & wait");
    spec.termination = Some(Termination {
        term_at_ms: T0 + 7_000,
        kill_at_ms: T0 + 37_000,
    });
    let run = shell::run(&spec, &mut Volumes::new());
    assert_eq!(run.log_text(), "stopping\n");
    assert_eq!(
        run.end,
        End::Exited {
            offset_ms: 7_000,
            code: 143
        }
    );
    assert!(run.handles_sigterm_at(7_000));
}

#[test]
fn exec_form_sleep_as_pid1_ignores_sigterm() {
    let mut spec = ContainerSpec::new("busybox:1.35", &["sleep", "3600"], &[], "p", T0, 1);
    spec.termination = Some(Termination {
        term_at_ms: T0 + 5_000,
        kill_at_ms: T0 + 35_000,
    });
    let run = shell::run(&spec, &mut Volumes::new());
    assert_eq!(
        run.end,
        End::Killed {
            offset_ms: 35_000,
            signal: 9
        }
    );
}

#[test]
fn sleep_infinity_blocks_forever() {
    let run = shell::run(&busybox("echo up; sleep infinity"), &mut Volumes::new());
    assert_eq!(run.end, End::Blocked { from_offset_ms: 0 });
    assert_eq!(run.end.exit_code(), None);
}

#[test]
fn programs_jobsim_cannot_interpret_are_simulated() {
    // The default is exit 0 after 1 s with a note line; the kubernetes.io pi job is the one
    // perl program whose output jobsim knows (π to 2000 digits).
    let other = ContainerSpec::new("perl:5.34.0", &["perl", "x.pl"], &[], "p", T0, 1);
    let run = shell::run(&other, &mut Volumes::new());
    assert_eq!(
        run.end,
        End::Exited {
            offset_ms: 1_000,
            code: 0
        }
    );
    assert!(run.log_text().contains("is not interpreted"));
    let pi = ContainerSpec::new(
        "perl:5.34.0",
        &["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"],
        &[],
        "pi",
        T0,
        1,
    );
    let run = shell::run(&pi, &mut Volumes::new());
    assert!(run.log_text().starts_with("3.14159265358979"));
    assert_eq!(run.log_text().len(), 2002);
    // Annotations set duration, exit code and output.
    let mut train = ContainerSpec::new("python:3.12", &["python", "train.py"], &[], "t", T0, 1);
    train.simulated = shell::Simulated {
        duration_ms: Some(90_000),
        exit_code: Some(3),
        output: Some("epoch 1\nepoch 2".into()),
    };
    let run = shell::run(&train, &mut Volumes::new());
    assert_eq!(run.log_text(), "epoch 1\nepoch 2\n");
    assert_eq!(
        run.end,
        End::Exited {
            offset_ms: 90_000,
            code: 3
        }
    );
    // Inside a script too.
    let mut script = ContainerSpec::new(
        "python:3.12",
        &["sh", "-c", "echo go; python train.py; echo rc=$?"],
        &[],
        "t",
        T0,
        1,
    );
    script.simulated.exit_code = Some(1);
    script.simulated.output = Some(String::new());
    assert_eq!(
        shell::run(&script, &mut Volumes::new()).log_text(),
        "go\nrc=1\n"
    );
}

#[test]
fn missing_programs_fail_like_the_runtime_and_the_shell() {
    // Exec form: the runtime cannot start it (StartError, exit 128).
    let run = shell::run(
        &ContainerSpec::new("busybox", &["python", "x.py"], &[], "p", T0, 1),
        &mut Volumes::new(),
    );
    assert!(
        matches!(&run.end, End::StartError { message } if message.contains("executable file not found in $PATH"))
    );
    assert_eq!(run.end.exit_code(), Some(128));
    // Shell form: busybox's message and 127.
    let run = shell::run(&busybox("python x.py"), &mut Volumes::new());
    assert_eq!(run.log_text(), "/bin/sh: python: not found\n");
    assert_eq!(run.end.exit_code(), Some(127));
    // Debian's dash words it differently.
    let run = shell::run(
        &ContainerSpec::new("ubuntu:22.04", &["sh", "-c", "nope"], &[], "p", T0, 1),
        &mut Volumes::new(),
    );
    assert_eq!(run.log_text(), "sh: 1: nope: not found\n");
}

#[test]
fn image_defaults_run_when_no_command_is_given() {
    // busybox's CMD is `sh`: with no script on standard input it exits 0 at once.
    let run = shell::run(
        &ContainerSpec::new("busybox:1.35", &[], &[], "p", T0, 1),
        &mut Volumes::new(),
    );
    assert_eq!(run.argv, ["sh"]);
    assert_eq!(
        run.end,
        End::Exited {
            offset_ms: 0,
            code: 0
        }
    );
    let run = shell::run(
        &ContainerSpec::new("busybox:1.35", &[], &["echo", "hi"], "p", T0, 1),
        &mut Volumes::new(),
    );
    assert_eq!(run.log_text(), "hi\n");
}

#[test]
fn stdout_and_stderr_interleave_in_order_with_timestamps() {
    let run = shell::run(
        &busybox("echo a; echo b >&2; sleep 1; echo c; printf partial"),
        &mut Volumes::new(),
    );
    let got: Vec<(i64, Stream, &str)> = run
        .logs
        .iter()
        .map(|l| (l.offset_ms, l.stream, l.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (0, Stream::Stdout, "a"),
            (0, Stream::Stderr, "b"),
            (1_000, Stream::Stdout, "c"),
            (1_000, Stream::Stdout, "partial")
        ]
    );
}

#[test]
fn background_output_merges_by_time_and_dies_with_pid1() {
    let run = shell::run(
        &busybox("(sleep 1; echo bg1; sleep 10; echo bg2) & sleep 2; echo fg; exit 0"),
        &mut Volumes::new(),
    );
    assert_eq!(run.log_text(), "bg1\nfg\n");
    assert_eq!(
        run.end,
        End::Exited {
            offset_ms: 2_000,
            code: 0
        }
    );
}

#[test]
fn session_scripts_run_against_any_host() {
    use jobsim::shell::{ExternalOutput, Fs, Host, ScriptEnd, SleepOutcome};
    /// A host whose clock is the whole cluster's and where `kubectl` is a program.
    struct Cluster {
        now: i64,
        fs: Fs,
        out: String,
    }
    impl Host for Cluster {
        fn now_ms(&self) -> i64 {
            self.now
        }
        fn sleep(&mut self, ms: u64, _: bool) -> SleepOutcome {
            self.now += ms as i64;
            SleepOutcome::Completed
        }
        fn fs(&mut self) -> &mut Fs {
            &mut self.fs
        }
        fn write(&mut self, _: Stream, bytes: &[u8]) {
            self.out.push_str(&String::from_utf8_lossy(bytes));
        }
        fn run_external(
            &mut self,
            argv: &[String],
            stdin: &[u8],
            out: &mut ExternalOutput,
        ) -> Option<i32> {
            (argv[0] == "kubectl").then(|| {
                out.stdout.extend(
                    format!(
                        "kubectl {} ({} bytes in) at {}\n",
                        argv[1..].join(" "),
                        stdin.len(),
                        self.now
                    )
                    .bytes(),
                );
                0
            })
        }
    }
    let mut host = Cluster {
        now: 0,
        fs: Fs::new_root("terminal"),
        out: String::new(),
    };
    let config = shell::Config {
        dialect: shell::Dialect::Ash,
        toolbox: shell::Toolbox::All,
        pid1: false,
        hostname: "terminal".into(),
        opaque_programs: Vec::new(),
        cpus: 2,
        limits: shell::Limits::default(),
    };
    let script = "cat <<EOF | kubectl apply -f -\nkind: Job\nEOF\nsleep 30\nkubectl get jobs | grep -c kubectl\n";
    let end = shell::run_script(&mut host, config, &[], "jobsim", 1, script);
    assert_eq!(end, ScriptEnd::Exited(0));
    assert_eq!(host.out, "kubectl apply -f - (10 bytes in) at 0\n1\n");
    assert_eq!(host.now, 30_000);
}
