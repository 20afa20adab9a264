//! A terminal session against the simulated cluster: shell lines (pipes, heredocs, loops,
//! variables) run by the same interpreter as containers, with `kubectl` a program bound to
//! the cluster and `sleep` advancing simulated time. `jobsim session` prints its transcript:
//! each command after a `$ ` prompt (continuation lines after `> `), then its output.
//!
//! Commands that wait on the cluster run it forward: `kubectl wait`, `logs -f` and `delete`
//! until they finish; `get --watch` until the cluster has settled (every Job finished, no
//! pod running) — where a user would press Ctrl+C — or [`Session::watch_limit`] passes.

use std::collections::BTreeMap;

use super::{Continuation, Env, Output, execute};
use crate::shell::host::{ExternalOutput, Host, SleepOutcome, Stream};
use crate::shell::interp::{Config, Dialect, Flow, Limits, Shell, Toolbox};
use crate::shell::{Fs, parse};
use crate::sim::Cluster;
use crate::sim::clock::SimDuration;

/// Where the session's working directory is (files given to the session are put there).
pub const WORKDIR: &str = "/home/learner";

/// A shell session's state over one cluster.
pub struct Session {
    pub cluster: Cluster,
    /// How long a `--watch` may run in simulated time before it is stopped.
    pub watch_limit: SimDuration,
    fs: Fs,
    seed: u64,
}

pub(crate) struct SessionHost<'a> {
    pub cluster: &'a mut Cluster,
    pub fs: &'a mut Fs,
    pub transcript: &'a mut String,
    pub watch_limit: SimDuration,
    /// In the live terminal a waiting command is handed back here (it streams as the
    /// playground's clock runs) instead of being run to its end.
    pub stash: Option<&'a mut Option<Continuation>>,
}

impl Session {
    /// A session on `cluster` whose working directory holds `files` (name → content).
    pub fn new(cluster: Cluster, files: &BTreeMap<String, String>) -> Session {
        let seed = cluster.seed();
        let mut fs = Fs::new_root("jobsim");
        let _ = fs.mkdir_p(WORKDIR);
        for (name, text) in files {
            let _ = fs.write(&format!("{WORKDIR}/{name}"), text.as_bytes(), false, 0);
        }
        Session {
            cluster,
            watch_limit: SimDuration::from_secs(3600),
            fs,
            seed,
        }
    }

    /// Runs a whole script, one top-level command at a time, and returns the transcript.
    pub fn run_script(&mut self, script: &str) -> String {
        let mut transcript = String::new();
        let commands = split_commands(script);
        let config = session_config();
        let env = session_env();
        let mut host = SessionHost {
            cluster: &mut self.cluster,
            fs: &mut self.fs,
            transcript: &mut transcript,
            watch_limit: self.watch_limit,
            stash: None,
        };
        let mut shell = Shell::new(&mut host, std::rc::Rc::new(config), &env, "bash", self.seed);
        for command in commands {
            let echo = echo(&command);
            shell.host.write(Stream::Stdout, echo.as_bytes());
            let script = parse::parse_script(&command);
            let result = shell.exec_list(&script.list);
            if let Some(error) = script.error {
                let message = format!("bash: line {}: {}\n", error.line, error.message);
                shell.host.write(Stream::Stderr, message.as_bytes());
            }
            if matches!(
                result,
                Err(Flow::Exit(_) | Flow::Killed(_) | Flow::ContainerKilled | Flow::Burning)
            ) {
                break;
            }
        }
        transcript
    }
}

/// The shell configuration of an interactive session (bash, every applet).
pub(crate) fn session_config() -> Config {
    Config {
        dialect: Dialect::Bash,
        toolbox: Toolbox::All,
        pid1: false,
        hostname: "jobsim".to_string(),
        opaque_programs: Vec::new(),
        cpus: 2,
        limits: Limits::default(),
    }
}

/// The environment a session starts with.
pub(crate) fn session_env() -> Vec<(String, String)> {
    vec![
        ("HOME".to_string(), WORKDIR.to_string()),
        ("PWD".to_string(), WORKDIR.to_string()),
        (
            "PATH".to_string(),
            "/usr/local/bin:/usr/bin:/bin".to_string(),
        ),
        ("USER".to_string(), "learner".to_string()),
    ]
}

/// `$ first line` and `> continuation` lines, as a terminal shows what was typed.
fn echo(command: &str) -> String {
    let mut out = String::new();
    for (i, line) in command.trim_end_matches('\n').split('\n').enumerate() {
        out.push_str(if i == 0 { "$ " } else { "> " });
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Splits a script into top-level commands: lines are gathered until they parse as a whole
/// (a heredoc, an `if … fi` or a loop spans several). Blank and comment-only lines between
/// commands are dropped, as they print nothing.
pub fn split_commands(script: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut current = String::new();
    for line in script.split_inclusive('\n') {
        let trimmed = line.trim();
        if current.is_empty() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        current.push_str(line);
        if !current.ends_with('\n') {
            current.push('\n');
        }
        if parse::compile_cached(&current).is_ok() && !current.trim_end().ends_with('\\') {
            commands.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        commands.push(current);
    }
    commands
}

impl Host for SessionHost<'_> {
    fn now_ms(&self) -> i64 {
        self.cluster
            .epoch()
            .timestamp(self.cluster.now())
            .as_millisecond()
    }

    fn sleep(&mut self, ms: u64, _wake_on_signal: bool) -> SleepOutcome {
        self.cluster.advance_by(SimDuration::from_millis(ms));
        SleepOutcome::Completed
    }

    fn fs(&mut self) -> &mut Fs {
        self.fs
    }

    fn write(&mut self, _stream: Stream, bytes: &[u8]) {
        self.transcript.push_str(&String::from_utf8_lossy(bytes));
    }

    fn run_external(
        &mut self,
        argv: &[String],
        stdin: &[u8],
        output: &mut ExternalOutput,
    ) -> Option<i32> {
        let program = argv.first()?.rsplit('/').next()?;
        if program != "kubectl" {
            return None;
        }
        let files = self.workdir_files();
        let stdin = String::from_utf8_lossy(stdin).into_owned();
        let env = Env {
            files: Some(&files),
            stdin: &stdin,
        };
        let args: Vec<String> = argv[1..].iter().map(|a| strip_workdir(a)).collect();
        // Controllers react within milliseconds of a change, and the next command comes later
        // than that: what is due at this instant (the pods a Job applied just before asks
        // for) has happened by the time this command reads the cluster.
        self.cluster.run_until(self.cluster.now());
        let execution = execute(self.cluster, &env, &args);
        emit(output, &execution.output);
        let mut code = execution.output.exit_code;
        if let Some(mut continuation) = execution.continuation {
            match self.stash.as_deref_mut() {
                Some(slot) => *slot = Some(continuation),
                None => code = code.max(self.drive(&mut continuation, output)),
            }
        }
        Some(code)
    }
}

/// How deep below the working directory `-f` finds files.
const MAX_FOLDER_DEPTH: usize = 4;

/// `./x.yaml` and `/home/learner/x.yaml` name the same file as `x.yaml`.
fn strip_workdir(arg: &str) -> String {
    let arg = arg.strip_prefix("./").unwrap_or(arg);
    arg.strip_prefix(&format!("{WORKDIR}/"))
        .unwrap_or(arg)
        .to_string()
}

impl SessionHost<'_> {
    /// The files of the working directory, by name.
    /// The files of the working directory and of its folders (`jobs/job-a.yaml`), by path.
    fn workdir_files(&mut self) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        let mut folders = vec![String::new()];
        while let Some(folder) = folders.pop() {
            let path = if folder.is_empty() {
                WORKDIR.to_string()
            } else {
                format!("{WORKDIR}/{folder}")
            };
            let Ok(names) = self.fs.list(&path) else {
                continue;
            };
            for name in names {
                let relative = if folder.is_empty() {
                    name
                } else {
                    format!("{folder}/{name}")
                };
                let full = format!("{WORKDIR}/{relative}");
                if self.fs.is_dir(&full) {
                    if relative.matches('/').count() < MAX_FOLDER_DEPTH {
                        folders.push(relative);
                    }
                } else if let Ok(data) = self.fs.read(&full) {
                    files.insert(relative, String::from_utf8_lossy(data).into_owned());
                }
            }
        }
        files
    }

    /// Runs the cluster until a waiting command is done; returns its exit status.
    fn drive(&mut self, continuation: &mut Continuation, output: &mut ExternalOutput) -> i32 {
        let limit = self.cluster.now() + self.watch_limit;
        let watching = !continuation.ends_by_itself();
        loop {
            let progress = continuation.poll(self.cluster);
            emit(output, &progress.output);
            if progress.done {
                return progress.output.exit_code;
            }
            if watching && self.cluster.is_settled() {
                return 0;
            }
            match self.cluster.next_event_at() {
                Some(at) if at <= limit => {
                    self.cluster.step();
                }
                _ => {
                    // Nothing will change any more (or the limit passed): a watch would wait
                    // forever; a wait with a timeout times out.
                    self.cluster.run_until(limit);
                    let last = continuation.poll(self.cluster);
                    emit(output, &last.output);
                    return last.output.exit_code;
                }
            }
        }
    }
}

/// Adds what a kubectl command printed to the shell's output, in the order it was written
/// (a later poll's stdout must not come before an earlier poll's stderr).
fn emit(output: &mut ExternalOutput, printed: &Output) {
    for (is_stderr, text) in printed.pieces() {
        if is_stderr {
            output.note(text.as_bytes());
        } else {
            output.stdout.extend_from_slice(text.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_split_at_complete_statements() {
        let script = "# comment\nkubectl get jobs\n\ncat <<EOF | kubectl apply -f -\nkind: Job\nEOF\nfor i in 1 2; do\n  echo $i\ndone\n";
        let commands = split_commands(script);
        assert_eq!(
            commands,
            [
                "kubectl get jobs\n",
                "cat <<EOF | kubectl apply -f -\nkind: Job\nEOF\n",
                "for i in 1 2; do\n  echo $i\ndone\n"
            ]
        );
    }

    /// The Job controller creates a Job's pods within milliseconds of the Job, well before a
    /// user's next command: `get pods` right after `apply` lists them (still Pending).
    #[test]
    fn a_command_sees_what_controllers_did_at_the_same_instant() {
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: quick\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [\"true\"]\n";
        let files = crate::sort::map_of([("quick.yaml".to_string(), job.to_string())]);
        let cluster = Cluster::new(crate::sim::config::ClusterConfig::default(), 7);
        let mut session = Session::new(cluster, &files);
        let transcript = session.run_script("kubectl apply -f quick.yaml\nkubectl get pods\n");
        let listing = transcript
            .split("$ kubectl get pods\n")
            .nth(1)
            .expect("the get pods output follows its prompt");
        assert!(listing.starts_with("NAME "), "{transcript}");
        assert!(listing.contains("quick-"), "{transcript}");
        assert!(listing.contains("Pending"), "{transcript}");
    }
}
