//! jobsim: a Kubernetes Job playground.
//!
//! The crate is a pure, deterministic simulation core plus two thin shells around it:
//!
//! - [`manifest`] reads YAML into Kubernetes objects with positioned diagnostics;
//! - [`apiserver`] defaults, validates and stores them as the API server does;
//! - [`controller`], [`scheduler`] and [`kubelet`] are the cluster components, driven by the
//!   discrete-event engine in [`sim`]; containers run their commands in the [`shell`];
//! - [`events`] records what the components did; [`kubectl`] answers commands over it all;
//! - [`playground`] is the browser UI's state machine, target-independent;
//! - `ui` (wasm32 only) renders the playground with Yew; `cli` (native only) is the
//!   `jobsim` command.
//!
//! ARCHITECTURE.md has the map and the invariants.

pub mod apiserver;
pub mod controller;
pub mod events;
pub mod kubectl;
pub mod kubelet;
pub mod manifest;
pub mod objects;
pub mod playground;
pub mod scheduler;
pub mod shell;
pub mod sim;
mod sort;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(target_arch = "wasm32")]
pub mod ui;
