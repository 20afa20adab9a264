//! The seed guide, runnable: its sections with every YAML block loadable into the editor and
//! every shell command runnable in the terminal, and the checks of its Hands-On Exercises.

use crate::kubectl::session::split_commands;
use crate::sim::Cluster;

/// The guide's text (a copy of the tutorial jobsim brings to life).
pub const GUIDE_MARKDOWN: &str = include_str!("../../static/guide/kubernetes-jobs-guide.md");

/// A piece of a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// Prose (markdown source, shown as text).
    Text(String),
    /// A YAML block; `file` is the editor file it loads into (None: a fragment to read).
    Yaml { file: Option<String>, text: String },
    /// A shell block split into commands (a heredoc stays one command).
    Commands(Vec<Command>),
    /// Any other code block (diagrams), shown as is.
    Code(String),
}

/// One command of a shell block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    pub text: String,
    /// It has a `<job-name>`/`<pod-name>` placeholder the learner fills in.
    pub has_placeholder: bool,
}

/// A `##` or `###` section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub level: usize,
    pub blocks: Vec<Block>,
}

/// The guide split into sections.
pub fn sections() -> Vec<Section> {
    parse(GUIDE_MARKDOWN)
}

/// Splits markdown into sections of prose, YAML, command and code blocks.
pub fn parse(markdown: &str) -> Vec<Section> {
    let mut sections = vec![Section {
        title: String::new(),
        level: 1,
        blocks: Vec::new(),
    }];
    let mut text = String::new();
    let mut fence: Option<(String, String)> = None;
    let mut last_file: Option<String> = None;
    let flush_text = |sections: &mut Vec<Section>, text: &mut String| {
        if !text.trim().is_empty()
            && let Some(section) = sections.last_mut()
        {
            section.blocks.push(Block::Text(text.trim().to_string()));
        }
        text.clear();
    };
    for line in markdown.lines() {
        if let Some((lang, body)) = fence.as_mut() {
            if line.trim_start().starts_with("```") {
                let block = make_block(lang, body, last_file.take());
                if let Some(section) = sections.last_mut() {
                    section.blocks.push(block);
                }
                fence = None;
            } else {
                body.push_str(line);
                body.push('\n');
            }
            continue;
        }
        if let Some(lang) = line.trim_start().strip_prefix("```") {
            flush_text(&mut sections, &mut text);
            fence = Some((lang.trim().to_string(), String::new()));
            continue;
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if hashes > 0 && line[hashes..].starts_with(' ') {
            flush_text(&mut sections, &mut text);
            sections.push(Section {
                title: line[hashes..].trim().to_string(),
                level: hashes,
                blocks: Vec::new(),
            });
            continue;
        }
        if let Some(file) = file_named_in(line) {
            last_file = Some(file);
        }
        text.push_str(line);
        text.push('\n');
    }
    flush_text(&mut sections, &mut text);
    sections.retain(|s| !s.blocks.is_empty() || s.level > 1);
    sections
}

/// "Create a file called `parallel-job.yaml`" → the file name.
fn file_named_in(line: &str) -> Option<String> {
    let rest = line.split("file called `").nth(1)?;
    rest.split('`').next().map(str::to_string)
}

fn make_block(lang: &str, body: &str, named: Option<String>) -> Block {
    match lang {
        "yaml" | "yml" => {
            let is_object = body.lines().any(|l| l.starts_with("kind:"));
            let file = named.or_else(|| {
                is_object.then(|| {
                    let name = body
                        .lines()
                        .find_map(|l| l.trim().strip_prefix("name:"))
                        .map(str::trim)
                        .unwrap_or("manifest");
                    format!("{name}.yaml")
                })
            });
            Block::Yaml {
                file: if is_object { file } else { None },
                text: body.to_string(),
            }
        }
        "bash" | "sh" | "shell" => {
            // `<job-name>` would parse as redirections: hide it while splitting.
            let hidden = body
                .replace("<job-name>", "JOBSIM_JOB_NAME")
                .replace("<pod-name>", "JOBSIM_POD_NAME");
            let commands = split_commands(&hidden)
                .into_iter()
                .map(|c| {
                    c.trim_end()
                        .replace("JOBSIM_JOB_NAME", "<job-name>")
                        .replace("JOBSIM_POD_NAME", "<pod-name>")
                })
                // YAML fragments inside a shell block (`spec:`, `  ttlSeconds…: 86400`) are
                // shown, not run.
                .filter(|c| {
                    !c.split_whitespace()
                        .next()
                        .is_some_and(|w| w.ends_with(':'))
                })
                .map(|text| Command {
                    has_placeholder: text.contains("<job-name>") || text.contains("<pod-name>"),
                    text,
                })
                .collect();
            Block::Commands(commands)
        }
        _ => Block::Code(body.to_string()),
    }
}

/// Exercise 2's measured result: both Jobs' durations side by side, explained.
pub fn exercise2(cluster: &Cluster) -> Option<String> {
    let duration = |name: &str| {
        let job = cluster
            .job_records()
            .iter()
            .rev()
            .find(|j| j.meta.name == name)?;
        let start = job.status.start_time?;
        let end = job.status.completion_time?;
        Some(end.since(start).as_secs())
    };
    let sequential = duration("sequential-job")?;
    let parallel = duration("parallel-job-demo")?;
    let ratio = sequential as f64 / parallel.max(1) as f64;
    Some(format!(
        "sequential-job took {sequential}s, parallel-job-demo took {parallel}s: {ratio:.1}× longer. \
         Both run four 10-second pods; with parallelism 1 the Job controller starts the next pod only \
         after the previous one succeeded (plus a second of batching and the pod start-up each time), \
         while with parallelism 4 all four run at once."
    ))
}

/// Exercise 1's measured result: how many attempts the failing job needed with this seed.
pub fn exercise1(cluster: &Cluster) -> Option<String> {
    let job = cluster
        .job_records()
        .iter()
        .rev()
        .find(|j| j.meta.name == "failing-job-demo")?;
    let finished = job.status.finished_condition()?;
    let attempts = job.pods.len();
    let outcome = if finished.type_ == "Complete" {
        "succeeded"
    } else {
        "gave up (BackoffLimitExceeded)"
    };
    Some(format!(
        "With seed {}, failing-job-demo {outcome} after {attempts} pod(s): {} failed. Each failure waited \
         out the pod back-off (10s, 20s, 40s…) before the next pod; backoffLimit 3 allows 4 failures at most. \
         Try another seed to see a different run.",
        cluster.seed(),
        job.status.failed
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_guide_manifest_is_loadable_under_its_file_name() {
        let files: Vec<String> = sections()
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Yaml { file: Some(f), .. } => Some(f.clone()),
                _ => None,
            })
            .collect();
        for expected in [
            "data-processing-job.yaml",
            "parallel-job.yaml",
            "job-with-init.yaml",
            "job-with-storage.yaml",
            "indexed-job.yaml",
            "failing-job-demo.yaml",
        ] {
            assert!(
                files.contains(&expected.to_string()),
                "{expected} in {files:?}"
            );
        }
    }

    #[test]
    fn shell_blocks_split_into_runnable_commands() {
        let commands: Vec<Command> = sections()
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Commands(c) => Some(c.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        assert!(
            commands
                .iter()
                .any(|c| c.text == "kubectl get jobs --watch")
        );
        assert!(commands.iter().any(|c| {
            c.text
                .starts_with("cat <<EOF | kubectl apply -f -\napiVersion: batch/v1")
        }));
        assert!(
            commands
                .iter()
                .any(|c| c.has_placeholder && c.text == "kubectl describe job <job-name>")
        );
        assert!(commands.iter().all(|c| !c.text.starts_with('#')));
        assert!(
            commands
                .iter()
                .all(|c| !c.text.contains("ttlSecondsAfterFinished: 86400")),
            "a YAML fragment in a shell block is not a command"
        );
    }
}
