//! The browser shell (wasm32 only): Yew components that render [`crate::playground`] state
//! and dispatch its actions. Components decide nothing; the only browser APIs used live here.

mod app;
mod size_probe;
mod storage;

pub use app::App;

/// Mounts the playground into the page's `<main id="app">`.
pub fn start() {
    console_error_panic_hook::set_once();
    size_probe::run_if_requested();
    let root = gloo_root();
    yew::Renderer::<App>::with_root(root).render();
}

fn gloo_root() -> web_sys::Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser page always has a document");
    document
        .get_element_by_id("app")
        .or_else(|| document.body().map(Into::into))
        .expect("index.html has <main id=\"app\"> or at least a body")
}
