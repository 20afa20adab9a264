//! The page before the simulator has arrived (in the browser it is a second WebAssembly
//! module, fetched after the first render): the saved file in the editor, not yet checked,
//! and what the user did meanwhile, kept in order to be replayed once it is there. Typing is
//! saved at once, so nothing is lost even if the simulator never arrives.

use std::rc::Rc;

use super::editor::Editor;
use super::{Action, Effect, examples};

/// The editor and the queue of actions, until the simulator arrives.
#[derive(Debug)]
pub struct Boot {
    /// The file shown, without diagnostics (validation comes with the simulator).
    pub editor: Rc<Editor>,
    queued: Vec<Action>,
    /// The simulator could not be fetched.
    pub failed: bool,
}

impl Boot {
    /// The file saved by an earlier visit (its name, if saved, and text), else the default
    /// example — what [`super::State::new`] will open once the simulator is there.
    pub fn new(saved: Option<(Option<String>, String)>) -> Boot {
        let (file_name, text) = match saved {
            Some((file_name, text)) => (
                file_name.unwrap_or_else(|| examples::DEFAULT.file_name.to_string()),
                text,
            ),
            None => (
                examples::DEFAULT.file_name.to_string(),
                examples::DEFAULT.yaml.to_string(),
            ),
        };
        Boot {
            editor: Rc::new(Editor::unchecked(file_name, text)),
            queued: Vec::new(),
            failed: false,
        }
    }

    /// Keeps `action` for the simulator. Typing also shows at once and is saved.
    pub fn play(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Action::Edit(text) = &action {
            let editor = Rc::make_mut(&mut self.editor);
            editor.text.clone_from(text);
            effects.push(Effect::SaveEditor {
                file_name: editor.file_name.clone(),
                text: editor.text.clone(),
            });
        }
        self.queued.push(action);
        effects
    }

    /// What the user did, oldest first (the queue is left empty).
    pub fn take_queued(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.queued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playground::{State, reduce};

    #[test]
    fn the_saved_file_or_the_default_example_is_shown_unchecked() {
        let cases = [
            (None, "data-processing-job.yaml", examples::DEFAULT.yaml),
            (
                Some((None, "kind: Job\n")),
                "data-processing-job.yaml",
                "kind: Job\n",
            ),
            (Some((Some("pi.yaml"), "x: [\n")), "pi.yaml", "x: [\n"),
        ];
        for (saved, file_name, text) in cases {
            let saved =
                saved.map(|(f, t): (Option<&str>, &str)| (f.map(String::from), t.to_string()));
            let boot = Boot::new(saved);
            assert_eq!(boot.editor.file_name, file_name);
            assert_eq!(boot.editor.text, text);
            assert!(
                boot.editor.problems.is_empty(),
                "not checked before the simulator"
            );
            assert!(!boot.failed);
        }
    }

    #[test]
    fn typing_shows_at_once_is_saved_and_replays_into_the_simulator_in_order() {
        let mut boot = Boot::new(Some((Some("job.yaml".into()), "old\n".into())));
        let effects = boot.play(Action::Edit("kind: Job\n".into()));
        assert_eq!(
            effects,
            vec![Effect::SaveEditor {
                file_name: "job.yaml".into(),
                text: "kind: Job\n".into()
            }]
        );
        assert_eq!(boot.editor.text, "kind: Job\n");
        assert!(boot.play(Action::Apply).is_empty());
        let typed = examples::DEFAULT
            .yaml
            .replace("data-processing-job", "typed-early");
        boot.play(Action::Edit(typed.clone()));

        let queued = boot.take_queued();
        assert_eq!(queued.len(), 3);
        assert!(boot.take_queued().is_empty());
        let mut state = State::new("job.yaml", "old\n");
        for action in queued {
            reduce(&mut state, action);
        }
        assert_eq!(state.editor.text, typed);
        assert!(
            state.applies[0].stderr.contains("error") || !state.applies[0].ok,
            "the Apply queued while the text was `kind: Job` ran on that text: {:?}",
            state.applies[0]
        );
    }
}
