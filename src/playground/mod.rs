//! The playground state machine behind the browser UI: target-independent, tested natively.
//!
//! The UI keeps one [`State`], sends it [`Action`]s and renders what it holds; every decision
//! lives here, where `cargo test` reaches it.

pub mod examples;
pub mod guide;
pub mod replay;
pub mod share;
pub mod timeline;

use crate::manifest::{self, Severity};

/// What the page shows after an Apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplyOutcome {
    /// kubectl-style lines, one per applied object (`job.batch/pi created`).
    Applied(Vec<String>),
    /// The errors, each with its line when known.
    Rejected(Vec<String>),
}

/// Everything the playground page holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    pub editor_text: String,
    pub last_apply: Option<ApplyOutcome>,
}

impl Default for State {
    fn default() -> Self {
        State {
            editor_text: examples::DEFAULT.yaml.to_string(),
            last_apply: None,
        }
    }
}

/// What the user can do to the playground.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The editor text changed.
    Edit(String),
    /// Apply the editor's manifests to the cluster.
    Apply,
}

impl State {
    /// Applies one action; the editor text is never lost, whatever the action does.
    pub fn reduce(&mut self, action: Action) {
        match action {
            Action::Edit(text) => self.editor_text = text,
            Action::Apply => self.last_apply = Some(apply_outcome(&self.editor_text)),
        }
    }
}

fn apply_outcome(text: &str) -> ApplyOutcome {
    let report = manifest::check("manifest.yaml", text);
    let errors: Vec<String> = report
        .diagnostics()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| match d.position {
            Some(p) => format!("line {}, column {}: {}", p.line, p.column, d.message),
            None => d.message.clone(),
        })
        .collect();
    if !errors.is_empty() {
        return ApplyOutcome::Rejected(errors);
    }
    if report.documents.is_empty() {
        return ApplyOutcome::Rejected(vec!["error: no objects passed to apply".to_string()]);
    }
    let lines = report
        .documents
        .iter()
        .map(|d| {
            let kind = match d.kind.as_str() {
                "Job" => "job.batch".to_string(),
                other => other.to_lowercase(),
            };
            format!("{kind}/{} created", d.name)
        })
        .collect();
    ApplyOutcome::Applied(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_the_seed_guide_first_manifest() {
        let state = State::default();
        assert!(state.editor_text.contains("kind: Job"));
        assert!(state.editor_text.contains("name: data-processing-job"));
    }

    #[test]
    fn apply_reports_the_created_job() {
        let mut state = State::default();
        state.reduce(Action::Apply);
        assert_eq!(
            state.last_apply,
            Some(ApplyOutcome::Applied(vec![
                "job.batch/data-processing-job created".into()
            ]))
        );
    }

    #[test]
    fn invalid_jobs_are_rejected_in_kubectl_words() {
        let mut state = State::default();
        let text = state
            .editor_text
            .replace("restartPolicy: Never", "restartPolicy: Always");
        state.reduce(Action::Edit(text));
        state.reduce(Action::Apply);
        let Some(ApplyOutcome::Rejected(errors)) = &state.last_apply else {
            panic!("expected a rejection, got {:?}", state.last_apply);
        };
        assert!(
            errors[0].ends_with("spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""),
            "{errors:?}"
        );
    }

    #[test]
    fn broken_yaml_is_rejected_with_a_line_and_the_text_is_kept() {
        let mut state = State::default();
        let broken = "apiVersion: batch/v1\nkind: Job\nmetadata: [oops\n".to_string();
        state.reduce(Action::Edit(broken.clone()));
        state.reduce(Action::Apply);
        match &state.last_apply {
            Some(ApplyOutcome::Rejected(errors)) => {
                assert!(errors[0].starts_with("line "), "{errors:?}")
            }
            other => panic!("expected a rejection, got {other:?}"),
        }
        assert_eq!(state.editor_text, broken);
    }
}
