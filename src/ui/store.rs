//! `playground::State` as a Yew reducer. The state lives in one `RefCell` (it holds the
//! whole simulated cluster, which must not be cloned per action); each action mutates it in
//! place through [`playground::reduce`], the returned effects run here, and the component
//! re-renders only when the state's revision moved.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use super::{dom, storage};
use crate::playground::embed::PageOptions;
use crate::playground::share::{self, ShareError};
use crate::playground::teach::{Panel, TeachAction};
use crate::playground::{self, Action, Effect, State};

/// How long "Copied to the clipboard" stays (milliseconds).
const COPIED_NOTICE_MS: u32 = 4_000;

/// The dispatcher effects report back through (set by the App once it exists).
pub type Reporter = Rc<RefCell<Option<Callback<Action>>>>;

/// The reducer's value: the shared state and the revision last rendered.
pub struct Store {
    state: Rc<RefCell<State>>,
    revision: u64,
    reporter: Reporter,
}

impl Store {
    /// The playground as the address asks: a `#share=` link's state (replaying to its
    /// moment), else the editor file saved by an earlier visit; then `?example=` and
    /// `?autoplay`. A link that cannot be opened leaves the saved work as it was and says so.
    pub fn restored() -> Store {
        let options = playground::embed::parse(&dom::query());
        let fragment = dom::fragment();
        let shared = fragment
            .split('&')
            .any(|p| p.starts_with(share::FRAGMENT_KEY))
            .then(|| share::decode(&fragment));
        let mut state = match shared {
            Some(Ok(shared)) => State::from_shared(&shared),
            other => {
                let mut state = saved_state();
                if let Some(Err(error)) = other {
                    state.teach.notice = Some(error_message(&error));
                }
                state
            }
        };
        apply_options(&mut state, &options);
        let revision = state.revision;
        Store {
            state: Rc::new(RefCell::new(state)),
            revision,
            reporter: Rc::default(),
        }
    }

    /// Where effects report (the App sets its dispatcher here).
    pub fn reporter(&self) -> Reporter {
        Rc::clone(&self.reporter)
    }

    /// The state itself (for a link built at the moment of a click).
    pub fn shared_state(&self) -> Rc<RefCell<State>> {
        Rc::clone(&self.state)
    }

    /// Reads the state (only while rendering; never held across a dispatch).
    pub fn state(&self) -> Ref<'_, State> {
        self.state.borrow()
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let (effects, revision) = {
            let mut state = self.state.borrow_mut();
            let effects = playground::reduce(&mut state, action);
            (effects, state.revision)
        };
        run_effects(effects, &self.reporter);
        if revision == self.revision {
            return self;
        }
        Rc::new(Store {
            state: Rc::clone(&self.state),
            revision,
            reporter: Rc::clone(&self.reporter),
        })
    }
}

fn saved_state() -> State {
    match storage::load_editor() {
        Some((file_name, text)) => State::new(
            file_name
                .as_deref()
                .unwrap_or(playground::examples::DEFAULT.file_name),
            &text,
        ),
        None => State::default(),
    }
}

fn error_message(error: &ShareError) -> String {
    error.to_string()
}

/// `?example=`, `?autoplay` and `&terminal` (the embed parameters, honoured everywhere).
fn apply_options(state: &mut State, options: &PageOptions) {
    if let Some(example) = options.example {
        playground::reduce(state, Action::LoadExample(example));
    }
    if options.terminal {
        playground::reduce(
            state,
            Action::Teach(TeachAction::OpenPanel(Panel::Terminal)),
        );
    }
    if options.autoplay {
        playground::reduce(state, Action::Apply);
    }
}

/// Performs what the reducer asked for.
fn run_effects(effects: Vec<Effect>, reporter: &Reporter) {
    for effect in effects {
        match effect {
            Effect::SaveEditor { file_name, text } => storage::save_editor(&file_name, &text),
            Effect::CopyLink { fragment } => {
                let reporter = Rc::clone(reporter);
                dom::copy_to_clipboard(&dom::link_with_fragment(&fragment), move |copied| {
                    report(&reporter, Action::Teach(TeachAction::ShareCopied(copied)));
                    if copied {
                        gloo_timers::callback::Timeout::new(COPIED_NOTICE_MS, move || {
                            report(&reporter, Action::Teach(TeachAction::ShareNoticeDone));
                        })
                        .forget();
                    }
                });
            }
        }
    }
}

fn report(reporter: &Reporter, action: Action) {
    let callback = reporter.borrow().clone();
    if let Some(callback) = callback {
        callback.emit(action);
    }
}

/// The dispatcher every component reaches through context.
#[derive(Clone, PartialEq)]
pub struct Dispatch(pub Callback<Action>);

impl Dispatch {
    /// A callback that dispatches `make(event)`.
    pub fn with<E: 'static>(&self, make: impl Fn(E) -> Action + 'static) -> Callback<E> {
        let dispatch = self.0.clone();
        Callback::from(move |event: E| dispatch.emit(make(event)))
    }

    /// A callback that dispatches a fixed action, whatever the event.
    pub fn on<E: 'static>(&self, action: Action) -> Callback<E> {
        self.with(move |_| action.clone())
    }
}

/// The dispatcher from context (the App provides it).
#[hook]
pub fn use_dispatch() -> Dispatch {
    use_context::<Dispatch>().expect("components are rendered inside the App's provider")
}
