//! Small DOM helpers the components share: the mount point, the crash notice, the editor's
//! textarea operations, and the first-render mark.

use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlTextAreaElement};

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// `<main id="app">`, or the body.
pub fn app_root() -> web_sys::Element {
    let document = document().expect("a browser page always has a document");
    document
        .get_element_by_id("app")
        .or_else(|| document.body().map(Into::into))
        .expect("index.html has <main id=\"app\"> or at least a body")
}

/// After a panic: tell the user their text is safe (it is saved on every keystroke).
pub fn show_crash_notice() {
    let Some(document) = document() else { return };
    let (Ok(notice), Some(body)) = (document.create_element("div"), document.body()) else {
        return;
    };
    notice.set_class_name("crash-notice");
    let _ = notice.set_attribute("role", "alert");
    notice.set_text_content(Some(
        "jobsim hit an internal error and stopped. Your manifest is saved: reload the page to \
         continue. (Details are in the browser console.)",
    ));
    let _ = body.prepend_with_node_1(&notice);
}

/// Puts `text` into the editor. Once the user has typed, the browser's own insertText is
/// used so the replacement is one step on the native undo stack (Ctrl+Z brings the old
/// text back); the first fill just sets the value.
pub fn replace_editor_text(area: &HtmlTextAreaElement, text: &str) {
    if area.value() == text {
        return;
    }
    if !area.value().is_empty() {
        let html: Option<HtmlDocument> = document().and_then(|d| d.dyn_into().ok());
        if let Some(html) = html {
            let _ = area.focus();
            area.select();
            let inserted = html
                .exec_command_with_show_ui_and_value("insertText", false, text)
                .unwrap_or(false);
            if inserted && area.value() == text {
                area.set_selection_range(0, 0).ok();
                area.set_scroll_top(0);
                return;
            }
        }
    }
    area.set_value(text);
}

/// Records `performance.mark(name)` (the first-render measurement reads it).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Arrow keys, Home and End move the focus between the pod tiles of one Job card (only
/// one tile per card is in the Tab order).
pub fn move_between_tiles(event: web_sys::KeyboardEvent) {
    let step: i64 = match event.key().as_str() {
        "ArrowRight" | "ArrowDown" => 1,
        "ArrowLeft" | "ArrowUp" => -1,
        "Home" => i64::MIN,
        "End" => i64::MAX,
        _ => return,
    };
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .filter(|t| t.class_list().contains("tile"))
    else {
        return;
    };
    let Some(card) = event
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(list) = card.query_selector_all("button.tile") else {
        return;
    };
    let tiles: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect();
    let Some(at) = tiles.iter().position(|t| t.is_same_node(Some(&target))) else {
        return;
    };
    let next = match step {
        i64::MIN => 0,
        i64::MAX => tiles.len() - 1,
        _ => (at as i64 + step).clamp(0, tiles.len() as i64 - 1) as usize,
    };
    event.prevent_default();
    if let Some(tile) = tiles.get(next) {
        let _ = tile.focus();
    }
}

/// Records `performance.measure(name)` from the mark `from` to now.
pub fn measure(name: &str, from: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.measure_with_start_mark(name, from);
    }
}

/// The page was opened with `?profile` (record per-frame work for measurements).
pub fn profiling() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.trim_start_matches('?').split('&').any(|p| p == "profile"))
}

/// Runs `f` in a microtask queued now (after the ones already queued, such as Yew's render).
pub fn after_microtasks(f: impl FnOnce() + 'static) {
    if let Some(window) = web_sys::window() {
        let callback = wasm_bindgen::closure::Closure::once_into_js(f);
        window.queue_microtask(callback.unchecked_ref());
    }
}

/// The page's query string (`?embed&…`), empty when there is none.
pub fn query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The page's fragment without `#`.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// This page's address without query or fragment, then `#fragment`: the full playground.
pub fn link_with_fragment(fragment: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let origin = location
        .as_ref()
        .and_then(|l| l.origin().ok())
        .unwrap_or_default();
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    format!("{origin}{path}#{fragment}")
}

/// Adds a class to the page's root (`embed` for the compact layout).
pub fn add_root_class(class: &str) {
    let _ = app_root().class_list().add_1(class);
}

/// Copies `text` to the clipboard; `done(true)` when it was, `done(false)` when the
/// clipboard is missing (plain http, old browsers) or refused.
pub fn copy_to_clipboard(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        return done(false);
    };
    let clipboard = window.navigator().clipboard();
    if clipboard.is_undefined() {
        return done(false);
    }
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Scrolls the first element matching `css` into view.
pub fn scroll_into_view(css: &str) {
    if let Some(element) = document().and_then(|d| d.query_selector(css).ok().flatten()) {
        element.scroll_into_view();
    }
}
