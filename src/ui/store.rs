//! `playground::State` as a Yew reducer. The state lives in one `RefCell` (it holds the
//! whole simulated cluster, which must not be cloned per action); each action mutates it in
//! place through [`playground::reduce`], the returned effects run here, and the component
//! re-renders only when the state's revision moved.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use super::storage;
use crate::playground::{self, Action, Effect, State};

/// The reducer's value: the shared state and the revision last rendered.
pub struct Store {
    state: Rc<RefCell<State>>,
    revision: u64,
}

impl Store {
    /// The playground, with the editor file saved by an earlier visit when there is one.
    pub fn restored() -> Store {
        let state = match storage::load_editor() {
            Some((file_name, text)) => State::new(
                file_name
                    .as_deref()
                    .unwrap_or(playground::examples::DEFAULT.file_name),
                &text,
            ),
            None => State::default(),
        };
        let revision = state.revision;
        Store {
            state: Rc::new(RefCell::new(state)),
            revision,
        }
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
        run_effects(effects);
        if revision == self.revision {
            return self;
        }
        Rc::new(Store {
            state: Rc::clone(&self.state),
            revision,
        })
    }
}

/// Performs what the reducer asked for.
fn run_effects(effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::SaveEditor { file_name, text } => storage::save_editor(&file_name, &text),
        }
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
