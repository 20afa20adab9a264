//! The browser shell (wasm32 only): Yew components that render [`crate::playground`] state
//! and dispatch its actions. Components decide nothing; the only browser APIs used live here
//! ([`store`] wraps the reducer and runs its effects, [`ticker`] turns animation frames into
//! ticks, [`storage`] keeps the editor's file).

mod app;
mod components;
mod dom;
mod engine;
mod storage;
mod store;
mod ticker;

pub use app::App;

/// Mounts the playground into the page's `<main id="app">`.
pub fn start() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        dom::show_crash_notice();
    }));
    yew::Renderer::<App>::with_root(dom::app_root()).render();
}
