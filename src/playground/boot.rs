//! The page before the simulator has arrived (in the browser it is a second WebAssembly
//! module, fetched after the first render): the file the address opens, in the editor, not
//! yet checked, and what the user did meanwhile, kept in order to be replayed once it is
//! there. Typing is saved at once, so nothing is lost even if the simulator never arrives.
//! [`open`] is the simulator's side: the state the address asks for.

use std::rc::Rc;

use super::editor::Editor;
use super::embed::{self, PageOptions};
use super::share::{self, ShareError};
use super::teach::{Panel, TeachAction};
use super::{Action, Effect, State, examples, reduce};

/// What the page's address and storage hold when it loads.
#[derive(Clone, Debug, Default)]
pub struct Address {
    /// The editor file saved by an earlier visit: its name (if saved) and text.
    pub saved: Option<(Option<String>, String)>,
    /// The `#…` fragment (a share link).
    pub fragment: String,
    /// The `?…` query (embed options).
    pub query: String,
}

impl Address {
    /// Whether the fragment is a share link (`#share=…`).
    fn shares(&self) -> bool {
        self.fragment
            .split('&')
            .any(|p| p.starts_with(share::FRAGMENT_KEY))
    }
}

/// The editor and the queue of actions, until the simulator arrives.
#[derive(Debug)]
pub struct Boot {
    /// The file shown, without diagnostics (validation comes with the simulator).
    pub editor: Rc<Editor>,
    queued: Vec<Action>,
    /// A share link is being opened: its files replace the editor's when the simulator
    /// arrives, so typing meanwhile is neither kept nor saved over the saved work.
    opening_link: bool,
    /// The simulator could not be fetched.
    pub failed: bool,
}

impl Boot {
    /// The file [`open`] will show: `?example=`'s, else the saved one, else the default
    /// example.
    pub fn new(address: &Address) -> Boot {
        let example = embed::parse(&address.query)
            .example
            .and_then(|i| examples::ALL.get(i));
        let (file_name, text) = match (example, &address.saved) {
            (Some(example), _) => (example.file_name.to_string(), example.yaml.to_string()),
            (None, Some((file_name, text))) => (
                file_name
                    .clone()
                    .unwrap_or_else(|| examples::DEFAULT.file_name.to_string()),
                text.clone(),
            ),
            (None, None) => (
                examples::DEFAULT.file_name.to_string(),
                examples::DEFAULT.yaml.to_string(),
            ),
        };
        Boot {
            editor: Rc::new(Editor::unchecked(file_name, text)),
            queued: Vec::new(),
            opening_link: address.shares(),
            failed: false,
        }
    }

    /// Keeps `action` for the simulator. Typing also shows at once and is saved.
    pub fn play(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Action::Edit(text) = &action {
            let editor = Rc::make_mut(&mut self.editor);
            editor.text.clone_from(text);
            if self.opening_link {
                return effects;
            }
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

/// The playground as the address asks: a `#share=` link's state (replaying to its moment),
/// else the file saved by an earlier visit; then `?example=`, `&terminal` and `?autoplay`.
/// A link that cannot be opened leaves the saved work as it was and says so.
pub fn open(address: Address) -> State {
    let options = embed::parse(&address.query);
    let shared = address.shares().then(|| share::decode(&address.fragment));
    let mut state = match shared {
        Some(Ok(shared)) => State::from_shared(&shared),
        other => {
            let mut state = match address.saved {
                Some((file_name, text)) => State::new(
                    file_name.as_deref().unwrap_or(examples::DEFAULT.file_name),
                    &text,
                ),
                None => State::default(),
            };
            if let Some(Err(error)) = other {
                state.teach.notice = Some(error_message(&error));
            }
            state
        }
    };
    apply_options(&mut state, &options);
    state
}

fn error_message(error: &ShareError) -> String {
    error.to_string()
}

/// `?example=`, `?autoplay` and `&terminal` (the embed parameters, honoured everywhere).
fn apply_options(state: &mut State, options: &PageOptions) {
    if let Some(example) = options.example {
        reduce(state, Action::LoadExample(example));
    }
    if options.terminal {
        reduce(
            state,
            Action::Teach(TeachAction::OpenPanel(Panel::Terminal)),
        );
    }
    if options.autoplay {
        reduce(state, Action::Apply);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let boot = Boot::new(&Address {
                saved,
                ..Address::default()
            });
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
        let mut boot = Boot::new(&Address {
            saved: Some((Some("job.yaml".into()), "old\n".into())),
            ..Address::default()
        });
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

    /// `?example=` is what the page opens, so the boot editor shows it; a share link's files
    /// replace whatever is typed before the simulator arrives, so that typing is not kept
    /// (and the saved work is not overwritten).
    #[test]
    fn the_address_decides_what_the_boot_editor_shows_and_keeps() {
        let saved = Some((Some("mine.yaml".to_string()), "kind: Job\n".to_string()));
        let example = examples::ALL[1];
        let query = format!("?example={}", example.file_name);
        let boot = Boot::new(&Address {
            saved: saved.clone(),
            query: query.clone(),
            ..Address::default()
        });
        assert_eq!(
            (boot.editor.file_name.as_str(), boot.editor.text.as_str()),
            (example.file_name, example.yaml)
        );
        let state = open(Address {
            saved: saved.clone(),
            query,
            ..Address::default()
        });
        assert_eq!(state.editor.file_name, example.file_name);

        let fragment = format!("{}v1.damaged", share::FRAGMENT_KEY);
        let mut boot = Boot::new(&Address {
            saved: saved.clone(),
            fragment: fragment.clone(),
            ..Address::default()
        });
        assert_eq!(boot.editor.file_name, "mine.yaml");
        assert!(
            boot.play(Action::Edit("typed".into())).is_empty(),
            "not saved"
        );
        assert!(boot.take_queued().is_empty(), "not replayed over the link");
        // A damaged link keeps the saved work and says so.
        let state = open(Address {
            saved,
            fragment,
            ..Address::default()
        });
        assert_eq!(state.editor.text, "kind: Job\n");
        assert!(state.teach.notice.is_some());
    }
}
