//! kubectl without a cluster: the command engine shared by the browser terminal, the CLI and
//! `jobsim session`. [`execute`] runs one command line against a [`Cluster`]; commands that
//! wait on simulated time (`get --watch`, `logs -f`, `wait`, `delete` waiting for the object
//! to go) return a [`Continuation`] the caller polls as it advances the clock.

pub mod flags;
pub mod printers;

mod apply;
mod create_job;
mod delete;
mod describe;
mod get;
mod label;
mod logs;
mod misc;
mod node;
mod objects;
mod patch;
mod raw;
mod resources;
pub mod session;
pub mod terminal;
mod top;
mod wait;

use std::collections::BTreeMap;

use crate::sim::Cluster;

/// What a command printed and how it ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    /// What went to stderr after all of `stdout` (errors, at the end as kubectl returns them).
    pub stderr: String,
    /// What went to stderr while `stdout` was being written: each at the byte offset of
    /// `stdout` it came before (warnings and notes, printed as they happen).
    pub notes: Vec<(usize, String)>,
    pub exit_code: i32,
}

impl Output {
    fn ok(stdout: String) -> Output {
        Output {
            stdout,
            ..Output::default()
        }
    }

    /// `error: <message>` on stderr, exit status 1.
    fn error(message: impl AsRef<str>) -> Output {
        Output {
            stderr: format!("error: {}\n", message.as_ref()),
            exit_code: 1,
            ..Output::default()
        }
    }

    /// A server error printed as is (it already starts with `Error from server`).
    fn server(message: impl AsRef<str>) -> Output {
        Output {
            stderr: format!("{}\n", message.as_ref()),
            exit_code: 1,
            ..Output::default()
        }
    }

    /// Writes `text` to stderr now: before whatever goes to stdout next.
    fn note(&mut self, text: impl Into<String>) {
        self.notes.push((self.stdout.len(), text.into()));
    }

    /// Adds what a later step printed: its notes where it wrote them, its errors after
    /// everything (kubectl collects errors and `CheckErr` prints them last).
    fn append(&mut self, other: Output) {
        let base = self.stdout.len();
        self.notes
            .extend(other.notes.into_iter().map(|(at, text)| (base + at, text)));
        self.stdout.push_str(&other.stdout);
        self.stderr.push_str(&other.stderr);
        self.exit_code = self.exit_code.max(other.exit_code);
    }

    /// stdout and stderr in the order they were written: `(is_stderr, text)`.
    pub fn pieces(&self) -> Vec<(bool, &str)> {
        let notes = self.notes.iter().map(|(at, text)| (*at, text.as_bytes()));
        // Notes sit at offsets where stdout had been written whole: char boundaries.
        crate::shell::host::interleave(self.stdout.as_bytes(), notes, self.stderr.as_bytes())
            .into_iter()
            .map(|(is_stderr, bytes)| (is_stderr, std::str::from_utf8(bytes).unwrap_or_default()))
            .collect()
    }

    /// Everything printed, as a terminal shows it.
    pub fn merged(&self) -> String {
        self.pieces().into_iter().map(|(_, text)| text).collect()
    }
}

/// A command still running while simulated time passes.
#[derive(Clone, Debug)]
pub enum Continuation {
    /// `get --watch`: prints a row per change, until interrupted.
    Watch(Box<get::Watch>),
    /// `logs -f`: prints lines as they are written, until the container ends.
    Follow(logs::Follow),
    /// `wait --for=…`: until the condition holds or the timeout passes.
    Wait(wait::Wait),
    /// `delete` waits until the objects are gone.
    Delete(delete::Pending),
    /// `drain` waits until the evicted pods are gone.
    Drain(node::DrainWait),
}

/// What the caller learns when it polls a continuation.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    pub output: Output,
    /// The command has finished (it never does for a watch; the user interrupts it).
    pub done: bool,
}

impl Continuation {
    /// Prints what happened since the last poll.
    pub fn poll(&mut self, cluster: &Cluster) -> Progress {
        match self {
            Continuation::Watch(w) => w.poll(cluster),
            Continuation::Follow(f) => f.poll(cluster),
            Continuation::Wait(w) => w.poll(cluster),
            Continuation::Delete(d) => d.poll(cluster),
            Continuation::Drain(d) => d.poll(cluster),
        }
    }

    /// Whether the command ends by itself (a watch only ends when interrupted).
    pub fn ends_by_itself(&self) -> bool {
        !matches!(self, Continuation::Watch(_))
    }
}

/// The result of one command line.
#[derive(Clone, Debug, Default)]
pub struct Execution {
    pub output: Output,
    pub continuation: Option<Continuation>,
}

impl From<Output> for Execution {
    fn from(output: Output) -> Self {
        Execution {
            output,
            continuation: None,
        }
    }
}

/// What commands can read besides the cluster: files by name (`apply -f FILE`) and stdin.
#[derive(Clone, Copy, Debug, Default)]
pub struct Env<'a> {
    pub files: Option<&'a BTreeMap<String, String>>,
    pub stdin: &'a str,
}

impl Env<'_> {
    /// What `-f FILE` names: `(shown name, text)`, with `-` for standard input, or kubectl's
    /// error for a file the playground does not hold.
    fn read(&self, file: &str) -> Result<(String, String), Output> {
        if file == "-" {
            return Ok(("STDIN".to_string(), self.stdin.to_string()));
        }
        self.files
            .and_then(|f| f.get(file))
            .map(|text| (file.to_string(), text.clone()))
            .ok_or_else(|| Output::error(format!("the path \"{file}\" does not exist")))
    }

    /// What `-f PATH` names: the file, or for a folder the manifests directly in it
    /// (`.json`, `.yaml`, `.yml`, in name order, each shown as `FOLDER/NAME`), as kubectl's
    /// resource builder visits a directory without `-R`.
    fn read_all(&self, path: &str) -> Result<Vec<(String, String)>, Output> {
        let folder = path.trim_end_matches('/');
        if path == "-" || self.files.is_some_and(|f| f.contains_key(folder)) {
            return self.read(folder).map(|read| vec![read]);
        }
        let prefix = format!("{folder}/");
        let inside: Vec<(String, String)> = self
            .files
            .into_iter()
            .flatten()
            .filter_map(|(name, text)| {
                let rest = name.strip_prefix(&prefix)?;
                let manifest = [".json", ".yaml", ".yml"].iter().any(|e| rest.ends_with(e));
                (!rest.contains('/') && manifest).then(|| (name.clone(), text.clone()))
            })
            .collect();
        let is_folder = self
            .files
            .is_some_and(|f| f.keys().any(|name| name.starts_with(&prefix)));
        if is_folder {
            Ok(inside)
        } else {
            self.read(path).map(|read| vec![read])
        }
    }
}

/// The commands jobsim answers, for `help` and Tab completion.
pub const COMMANDS: &[&str] = &[
    "annotate",
    "api-resources",
    "apply",
    "cordon",
    "create",
    "delete",
    "describe",
    "drain",
    "get",
    "help",
    "label",
    "logs",
    "patch",
    "replace",
    "top",
    "uncordon",
    "version",
    "wait",
];

/// Every command of a real kubectl, sorted as cobra lists them (suggestions come from these).
const KUBECTL_COMMANDS: &[&str] = &[
    "alpha",
    "annotate",
    "api-resources",
    "api-versions",
    "apply",
    "attach",
    "auth",
    "autoscale",
    "certificate",
    "cluster-info",
    "completion",
    "config",
    "cordon",
    "cp",
    "create",
    "debug",
    "delete",
    "describe",
    "diff",
    "drain",
    "edit",
    "events",
    "exec",
    "explain",
    "expose",
    "get",
    "help",
    "kustomize",
    "label",
    "logs",
    "options",
    "patch",
    "plugin",
    "port-forward",
    "proxy",
    "replace",
    "rollout",
    "run",
    "scale",
    "set",
    "taint",
    "top",
    "uncordon",
    "version",
    "wait",
];

/// Runs `kubectl ARGS…` (without the leading `kubectl`).
pub fn execute(cluster: &mut Cluster, env: &Env<'_>, args: &[String]) -> Execution {
    let Some(command) = args.first() else {
        return Output::ok(misc::HELP.to_string()).into();
    };
    let rest = &args[1..];
    match command.as_str() {
        "get" => get::run(cluster, rest),
        "apply" => apply::run(cluster, env, apply::Verb::Apply, rest),
        "create" if rest.first().is_some_and(|a| a == "job") => {
            create_job::run(cluster, &rest[1..]).into()
        }
        "create" if rest.iter().any(|a| a == "--raw" || a.starts_with("--raw=")) => {
            raw::run(cluster, env, rest)
        }
        "create" => apply::run(cluster, env, apply::Verb::Create, rest),
        "patch" => patch::run(cluster, env, rest).into(),
        "label" => label::run(cluster, rest, true).into(),
        "annotate" => label::run(cluster, rest, false).into(),
        "cordon" => node::cordon(cluster, rest, true).into(),
        "uncordon" => node::cordon(cluster, rest, false).into(),
        "drain" => node::drain(cluster, rest),
        "top" => top::run(cluster, rest).into(),
        "replace" => apply::run(cluster, env, apply::Verb::Replace, rest),
        "describe" => describe::run(cluster, rest).into(),
        "logs" | "log" => logs::run(cluster, rest),
        "delete" => delete::run(cluster, env, rest),
        "wait" => wait::run(cluster, rest),
        "version" => misc::version(cluster, rest).into(),
        "api-resources" => misc::api_resources(rest).into(),
        "help" | "--help" | "-h" => Output::ok(misc::HELP.to_string()).into(),
        other if other.starts_with('-') => misc::global_flag_first(cluster, env, args),
        other if KUBECTL_COMMANDS.contains(&other) => Output::error(format!(
            "jobsim does not simulate \"kubectl {other}\" (its kubectl answers: {})",
            COMMANDS.join(", ")
        ))
        .into(),
        other => Output::error(unknown_command(other)).into(),
    }
}

/// cobra's unknown-command error with its "Did you mean this?" suggestions (Levenshtein
/// distance ≤ 2, or a prefix).
fn unknown_command(typed: &str) -> String {
    let suggestions: Vec<&str> = KUBECTL_COMMANDS
        .iter()
        .copied()
        .filter(|c| levenshtein(typed, c) <= 2 || c.starts_with(&typed.to_ascii_lowercase()))
        .collect();
    let mut message = format!("unknown command \"{typed}\" for \"kubectl\"");
    if !suggestions.is_empty() {
        message.push_str("\n\nDid you mean this?\n");
        for s in suggestions {
            message.push_str(&format!("\t{s}\n"));
        }
        message.pop();
    }
    message
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_ascii_lowercase().chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

/// `error: <flag error>` followed by the usage hint, as kubectl's flag error handler prints.
fn usage_error(command: &str, message: &str) -> Output {
    Output::error(format!(
        "{message}\nSee 'kubectl {command} --help' for usage."
    ))
}

/// The namespace a command works in (`-n`, else `default`).
fn namespace(parsed: &flags::Parsed) -> String {
    parsed.value("namespace").unwrap_or("default").to_string()
}

/// The wall-clock instant the cluster is at (what kubectl's AGE columns count from).
fn now(cluster: &Cluster) -> jiff::Timestamp {
    cluster.epoch().timestamp(cluster.now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_commands_get_cobra_suggestions() {
        assert_eq!(
            unknown_command("gett"),
            "unknown command \"gett\" for \"kubectl\"\n\nDid you mean this?\n\tget\n\tset"
        );
        assert_eq!(
            unknown_command("zzzzzz"),
            "unknown command \"zzzzzz\" for \"kubectl\""
        );
    }

    /// kubectl prints warnings and notes as they happen (before the lines that follow them)
    /// and errors at the end, all of them (`CheckErr` on the collected errors).
    #[test]
    fn stderr_comes_where_it_was_written() {
        let mut first = Output::default();
        first.note("Warning: one\n");
        first.stdout.push_str("job.batch/a created\n");
        first.stderr.push_str("error: a failed\n");
        let mut second = Output::default();
        second.note("Warning: two\n");
        second.stdout.push_str("job.batch/b created\n");
        second.stderr.push_str("error: b failed\n");
        first.append(second);
        assert_eq!(
            first.pieces(),
            [
                (true, "Warning: one\n"),
                (false, "job.batch/a created\n"),
                (true, "Warning: two\n"),
                (false, "job.batch/b created\n"),
                (true, "error: a failed\nerror: b failed\n"),
            ]
        );
        assert_eq!(
            first.merged(),
            "Warning: one\njob.batch/a created\nWarning: two\njob.batch/b created\nerror: a failed\nerror: b failed\n"
        );
        assert!(Output::default().pieces().is_empty());
    }
}
