//! The playground's terminal: one shell line at a time against the live cluster. Variables
//! set on one line are there on the next; files written (`cat > x.yaml`) stay in the working
//! directory. A command that waits on the cluster (`get --watch`, `logs -f`, `wait`) streams
//! as the playground's clock runs: [`Terminal::poll`] prints what it has, Ctrl+C
//! ([`Terminal::interrupt`]) stops it. `sleep N` moves simulated time on by N at once.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::session::{SessionHost, WORKDIR, session_config, session_env};
use super::{COMMANDS, Continuation};
use crate::shell::host::Stream;
use crate::shell::interp::Shell;
use crate::shell::{Fs, parse};
use crate::sim::Cluster;
use crate::sim::clock::SimDuration;

/// A terminal's state between lines.
#[derive(Clone, Debug)]
pub struct Terminal {
    fs: Fs,
    vars: Vec<(String, String)>,
    pending: Option<Continuation>,
    /// Lines typed, oldest first (for ↑/↓).
    pub history: Vec<String>,
}

impl Default for Terminal {
    fn default() -> Self {
        let mut fs = Fs::new_root("jobsim");
        let _ = fs.mkdir_p(WORKDIR);
        Terminal {
            fs,
            vars: session_env(),
            pending: None,
            history: Vec::new(),
        }
    }
}

impl Terminal {
    /// Puts (or replaces) a file in the working directory (the editor's files).
    pub fn put_file(&mut self, name: &str, text: &str) {
        let _ = self
            .fs
            .write(&format!("{WORKDIR}/{name}"), text.as_bytes(), false, 0);
    }

    /// Whether a command is still streaming.
    pub fn is_busy(&self) -> bool {
        self.pending.is_some()
    }

    /// Runs one line (possibly several commands) and returns what it printed.
    pub fn run_line(&mut self, cluster: &mut Cluster, line: &str) -> String {
        let mut out = String::new();
        if !line.trim().is_empty() && self.history.last().is_none_or(|l| l != line) {
            self.history.push(line.to_string());
        }
        if self.pending.is_some() {
            return out;
        }
        let mut pending = None;
        let vars = {
            let mut host = SessionHost {
                cluster,
                fs: &mut self.fs,
                transcript: &mut out,
                watch_limit: SimDuration::from_secs(3600),
                stash: Some(&mut pending),
            };
            let mut shell = Shell::new(&mut host, Rc::new(session_config()), &self.vars, "bash", 1);
            let script = parse::parse_script(line);
            let _ = shell.exec_list(&script.list);
            if let Some(error) = script.error {
                shell.host.write(
                    Stream::Stderr,
                    format!("bash: {}\n", error.message).as_bytes(),
                );
            }
            shell
                .vars
                .iter()
                .filter(|(k, _)| &***k != "IFS")
                .map(|(k, v)| (k.to_string(), v.value.clone()))
                .collect::<Vec<_>>()
        };
        self.vars = vars;
        self.pending = pending;
        out
    }

    /// What a streaming command printed since the last poll.
    pub fn poll(&mut self, cluster: &Cluster) -> String {
        let Some(pending) = self.pending.as_mut() else {
            return String::new();
        };
        let progress = pending.poll(cluster);
        if progress.done {
            self.pending = None;
        }
        progress.output.merged()
    }

    /// Ctrl+C: stops a streaming command.
    pub fn interrupt(&mut self) -> String {
        self.pending = None;
        "^C\n".to_string()
    }

    /// Tab completion for the word under the cursor at the end of `line`: commands, flags,
    /// resource types, and the names of live objects.
    pub fn complete(&self, cluster: &Cluster, line: &str) -> Vec<String> {
        let words: Vec<&str> = line.split_whitespace().collect();
        let ends_with_space = line.ends_with(' ');
        let current = if ends_with_space {
            ""
        } else {
            words.last().copied().unwrap_or("")
        };
        let position = if ends_with_space {
            words.len()
        } else {
            words.len().saturating_sub(1)
        };
        if words.first() != Some(&"kubectl") {
            return if position == 0 {
                ["kubectl"]
                    .iter()
                    .filter(|c| c.starts_with(current))
                    .map(|c| c.to_string())
                    .collect()
            } else {
                Vec::new()
            };
        }
        let candidates: Vec<String> = match position {
            1 => COMMANDS.iter().map(|c| c.to_string()).collect(),
            _ if current.starts_with('-') => FLAGS.iter().map(|f| f.to_string()).collect(),
            2 if matches!(
                words.get(1),
                Some(&("get" | "describe" | "delete" | "label" | "annotate" | "patch" | "wait"))
            ) =>
            {
                RESOURCES.iter().map(|r| r.to_string()).collect()
            }
            _ => object_names(
                cluster,
                words.get(1).copied().unwrap_or(""),
                words.get(2).copied().unwrap_or(""),
            ),
        };
        candidates
            .into_iter()
            .filter(|c| c.starts_with(current))
            .collect()
    }
}

const RESOURCES: &[&str] = &[
    "all",
    "configmaps",
    "cronjobs",
    "events",
    "jobs",
    "nodes",
    "pods",
    "secrets",
];
const FLAGS: &[&str] = &[
    "--all",
    "--all-namespaces",
    "--cascade",
    "--field-selector",
    "--follow",
    "--for",
    "--force",
    "--grace-period",
    "--namespace",
    "--no-headers",
    "--output",
    "--prefix",
    "--previous",
    "--selector",
    "--show-labels",
    "--sort-by",
    "--tail",
    "--timeout",
    "--timestamps",
    "--watch",
];

/// Names of live objects for the command's resource (pods for `logs`).
fn object_names(cluster: &Cluster, command: &str, resource: &str) -> Vec<String> {
    let kind = if command == "logs" { "pods" } else { resource };
    let kind = super::resources::resolve(kind.split('/').next().unwrap_or(kind));
    let mut names: Vec<String> = match kind {
        Some(super::resources::Resource::Jobs) => cluster
            .job_records()
            .iter()
            .filter(|j| j.removed.is_none())
            .map(|j| j.meta.name.clone())
            .collect(),
        Some(super::resources::Resource::Pods) => cluster
            .pods()
            .iter()
            .filter(|p| p.removed.is_none())
            .map(|p| p.meta.name.clone())
            .collect(),
        Some(super::resources::Resource::Nodes) => {
            cluster.nodes().iter().map(|n| n.name.clone()).collect()
        }
        _ => Vec::new(),
    };
    if command == "logs" {
        names.extend(
            cluster
                .job_records()
                .iter()
                .filter(|j| j.removed.is_none())
                .map(|j| format!("job/{}", j.meta.name)),
        );
    }
    crate::sort::sort(&mut names);
    names
}

/// The files of a terminal's working directory (for the editor).
pub fn files(terminal: &mut Terminal) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    if let Ok(names) = terminal.fs.list(WORKDIR) {
        for name in names {
            if let Ok(data) = terminal.fs.read(&format!("{WORKDIR}/{name}")) {
                files.insert(name, String::from_utf8_lossy(data).into_owned());
            }
        }
    }
    files
}

/// For tests: a cluster of `config`'s nodes (seed 1) where `kubectl apply -f job.yaml` has
/// applied `yaml`, and the terminal that did it (for more kubectl lines).
#[cfg(test)]
pub(crate) fn applied(
    config: crate::sim::config::ClusterConfig,
    yaml: &str,
) -> (Cluster, Terminal) {
    let mut cluster = Cluster::new(config, 1);
    let mut terminal = Terminal::default();
    terminal.put_file("job.yaml", yaml);
    terminal.run_line(&mut cluster, "kubectl apply -f job.yaml");
    (cluster, terminal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::config::ClusterConfig;

    const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['sh', '-c', 'echo one; sleep 5; echo two']\n";

    #[test]
    fn lines_keep_variables_and_watches_stream_until_interrupted() {
        let mut cluster = Cluster::new(ClusterConfig::default(), 1);
        let mut terminal = Terminal::default();
        terminal.put_file("pi.yaml", JOB);
        assert_eq!(
            terminal.run_line(&mut cluster, "kubectl apply -f pi.yaml"),
            "job.batch/pi created\n"
        );
        assert_eq!(terminal.run_line(&mut cluster, "NAME=pi"), "");
        let first = terminal.run_line(&mut cluster, "kubectl get job $NAME --watch");
        assert!(first.starts_with("NAME"), "{first}");
        assert!(terminal.is_busy());
        cluster.advance_by(SimDuration::from_secs(30));
        let more = terminal.poll(&cluster);
        assert!(more.contains("Complete"), "{more}");
        assert_eq!(terminal.interrupt(), "^C\n");
        assert!(!terminal.is_busy());
        let logs = terminal.run_line(&mut cluster, "kubectl logs job/pi");
        assert_eq!(logs, "one\ntwo\n");
    }

    #[test]
    fn tab_completes_commands_kinds_and_names() {
        let mut cluster = Cluster::new(ClusterConfig::default(), 1);
        let mut terminal = Terminal::default();
        terminal.put_file("pi.yaml", JOB);
        terminal.run_line(&mut cluster, "kubectl apply -f pi.yaml");
        assert_eq!(
            terminal.complete(&cluster, "kubectl de"),
            ["delete", "describe"]
        );
        assert_eq!(terminal.complete(&cluster, "kubectl get jo"), ["jobs"]);
        assert_eq!(
            terminal.complete(&cluster, "kubectl describe jobs p"),
            ["pi"]
        );
        assert_eq!(
            terminal.complete(&cluster, "kubectl get pods --wa"),
            ["--watch"]
        );
    }
}
