//! The simulator behind one boundary, so the page can render before it arrives.
//!
//! Everything that decides — validation, the cluster, kubectl, the shell, share links — is
//! reached only through [`Engine`], a trait object made by [`start`]. In the release build
//! (`--cfg jobsim_split`, set by `./dev`) `start` is a `wasm_split` point: the code behind it
//! is cut into a second WebAssembly module that the page fetches after its first render, and
//! the first download holds only Yew, the components and the editor. Elsewhere (tests,
//! `cargo check`) `start` is a plain call.

use std::rc::Rc;

use crate::playground::embed::PageOptions;
use crate::playground::guide::{self, Section};
use crate::playground::share::{self, ShareError};
use crate::playground::teach::{Panel, TeachAction};
use crate::playground::view::ClockView;
use crate::playground::{self, Action, Effect, State};

/// What the page learned before the simulator arrived.
pub struct Boot {
    /// The editor file saved by an earlier visit: its name (if saved) and text.
    pub saved: Option<(Option<String>, String)>,
    /// The address's `#…` fragment (a share link).
    pub fragment: String,
    /// The address's `?…` query (embed options).
    pub query: String,
}

/// The playground's state machine, as the page reaches it.
pub trait Engine {
    /// The state components render.
    fn state(&self) -> &State;
    /// Runs one action; returns what the page must do.
    fn reduce(&mut self, action: Action) -> Vec<Effect>;
    /// The time controls' numbers.
    fn clock_view(&self) -> ClockView;
    /// The `#share=` fragment of a link to this state.
    fn share_fragment(&self) -> String;
    /// The seed guide, split into sections (computed once).
    fn guide_sections(&self) -> Rc<Vec<Section>>;
}

impl Engine for State {
    fn state(&self) -> &State {
        self
    }

    fn reduce(&mut self, action: Action) -> Vec<Effect> {
        playground::reduce(self, action)
    }

    fn clock_view(&self) -> ClockView {
        State::clock_view(self)
    }

    fn share_fragment(&self) -> String {
        share::encode(&self.shared())
    }

    fn guide_sections(&self) -> Rc<Vec<Section>> {
        thread_local! {
            static SECTIONS: Rc<Vec<Section>> = Rc::new(guide::sections());
        }
        SECTIONS.with(Rc::clone)
    }
}

/// The playground as the address asks: a `#share=` link's state (replaying to its moment),
/// else the file saved by an earlier visit; then `?example=`, `&terminal` and `?autoplay`.
/// A link that cannot be opened leaves the saved work as it was and says so.
fn open(boot: Boot) -> Box<dyn Engine> {
    let options = playground::embed::parse(&boot.query);
    let shared = boot
        .fragment
        .split('&')
        .any(|p| p.starts_with(share::FRAGMENT_KEY))
        .then(|| share::decode(&boot.fragment));
    let mut state = match shared {
        Some(Ok(shared)) => State::from_shared(&shared),
        other => {
            let mut state = match boot.saved {
                Some((file_name, text)) => State::new(
                    file_name
                        .as_deref()
                        .unwrap_or(playground::examples::DEFAULT.file_name),
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
    Box::new(state)
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

/// The simulator's module could not be fetched or instantiated (offline, a server error).
#[derive(Debug)]
pub struct LoadError;

/// Makes the engine (in the release build: fetches its module first).
#[cfg(jobsim_split)]
pub async fn start(boot: Boot) -> Result<Box<dyn Engine>, LoadError> {
    split::open_engine(boot).await
}

/// Makes the engine (no split here: a direct call).
#[cfg(not(jobsim_split))]
pub async fn start(boot: Boot) -> Result<Box<dyn Engine>, LoadError> {
    Ok(open(boot))
}

/// The split point. `wasm_split` expands to the loader's foreign imports, hence `unsafe`.
#[cfg(jobsim_split)]
#[allow(unsafe_code)]
mod split {
    use super::{Boot, Engine, LoadError};

    impl From<wasm_split_helpers::SplitLoaderError> for LoadError {
        fn from(_: wasm_split_helpers::SplitLoaderError) -> LoadError {
            LoadError
        }
    }

    #[wasm_split_helpers::wasm_split(engine, fallible)]
    pub fn open_engine(boot: Boot) -> Result<Box<dyn Engine>, LoadError> {
        Ok(super::open(boot))
    }
}
