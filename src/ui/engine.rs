//! The simulator behind one boundary, so the page can render before it arrives.
//!
//! Everything that decides — validation, the cluster, kubectl, the shell, share links — is
//! reached only through [`Engine`], a trait object made by [`start`]. In the release build
//! (`--cfg jobsim_split`, set by `./dev`) `start` is a `wasm_split` point: the code behind it
//! is cut into a second WebAssembly module that the page fetches after its first render, and
//! the first download holds only Yew, the components and the editor. Elsewhere (tests,
//! `cargo check`) `start` is a plain call.

use std::rc::Rc;

use crate::playground::boot::{self, Address};
use crate::playground::guide::{self, Section};
use crate::playground::share;
use crate::playground::view::ClockView;
use crate::playground::{self, Action, Effect, State};

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

/// The simulator's module could not be fetched or instantiated (offline, a server error).
#[derive(Debug)]
pub struct LoadError;

/// Makes the engine (in the release build: fetches its module first).
#[cfg(jobsim_split)]
pub async fn start(address: Address) -> Result<Box<dyn Engine>, LoadError> {
    split::open_engine(address).await
}

/// Makes the engine (no split here: a direct call).
#[cfg(not(jobsim_split))]
pub async fn start(address: Address) -> Result<Box<dyn Engine>, LoadError> {
    Ok(Box::new(boot::open(address)))
}

/// The split point. `wasm_split` expands to the loader's foreign imports, hence `unsafe`.
#[cfg(jobsim_split)]
#[allow(unsafe_code)]
mod split {
    use super::{Address, Engine, LoadError};

    impl From<wasm_split_helpers::SplitLoaderError> for LoadError {
        fn from(_: wasm_split_helpers::SplitLoaderError) -> LoadError {
            LoadError
        }
    }

    #[wasm_split_helpers::wasm_split(engine, fallible)]
    pub fn open_engine(address: Address) -> Result<Box<dyn Engine>, LoadError> {
        Ok(Box::new(super::boot::open(address)))
    }
}
