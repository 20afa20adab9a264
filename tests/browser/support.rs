//! Mounting the App on a fresh element and acting on it as a user would (typing fires
//! `input`, choosing fires `change`, keys fire `keydown`).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// A mounted App: its host element (removed when the test is done with it).
pub struct Page {
    pub host: Element,
    app: yew::AppHandle<jobsim::ui::App>,
}

/// Mounts a fresh App, with an empty localStorage unless `keep_storage`.
pub async fn mount(keep_storage: bool) -> Page {
    let window = web_sys::window().expect("a window");
    if !keep_storage && let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.clear();
    }
    let document = window.document().expect("a document");
    let host = document.create_element("div").expect("create a host");
    document
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("append the host");
    let app = yew::Renderer::<jobsim::ui::App>::with_root(host.clone()).render();
    yew::scheduler::flush().await;
    Page { host, app }
}

/// Lets animation frames and timers run for `ms` milliseconds.
pub async fn wait(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
    yew::scheduler::flush().await;
}

impl Page {
    pub fn find(&self, css: &str) -> Option<Element> {
        self.host.query_selector(css).expect("a valid selector")
    }

    pub fn get<T: JsCast>(&self, css: &str) -> T {
        self.find(css)
            .unwrap_or_else(|| panic!("no element matches {css}"))
            .dyn_into::<T>()
            .unwrap_or_else(|_| panic!("{css} is not the expected element type"))
    }

    pub fn all(&self, css: &str) -> Vec<Element> {
        let list = self.host.query_selector_all(css).expect("a valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .collect()
    }

    pub fn text(&self, css: &str) -> String {
        self.find(css)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    pub fn editor(&self) -> HtmlTextAreaElement {
        self.get("textarea[aria-label='Manifest editor']")
    }

    /// Types `text` into the editor (replacing it) and fires `input`.
    pub async fn type_text(&self, text: &str) {
        let editor = self.editor();
        editor.set_value(text);
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        let event =
            web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("an input event");
        editor.dispatch_event(&event).expect("dispatch input");
        yew::scheduler::flush().await;
    }

    /// Clicks the button whose visible text or aria-label is `name`.
    pub async fn click(&self, name: &str) {
        let button = self
            .all("button")
            .into_iter()
            .find(|b| {
                b.get_attribute("aria-label").as_deref() == Some(name)
                    || b.text_content().unwrap_or_default().trim() == name
            })
            .unwrap_or_else(|| panic!("no button named {name:?}"));
        button
            .dyn_into::<HtmlElement>()
            .expect("a button is an HtmlElement")
            .click();
        yew::scheduler::flush().await;
    }

    /// Chooses `value` in the `<select>` named `label` and fires `change`.
    pub async fn choose(&self, label: &str, value: &str) {
        let select: HtmlSelectElement = self.get(&format!("select[aria-label='{label}']"));
        select.set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event = web_sys::Event::new_with_event_init_dict("change", &init).expect("an event");
        select.dispatch_event(&event).expect("dispatch change");
        yew::scheduler::flush().await;
    }

    /// Fires `keydown` of `key` (with Ctrl when `ctrl`) on `target`.
    pub async fn key(&self, target: &Element, key: &str, ctrl: bool) {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_ctrl_key(ctrl);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
            .expect("a keyboard event");
        target.dispatch_event(&event).expect("dispatch keydown");
        yew::scheduler::flush().await;
    }

    /// The simulated clock in milliseconds.
    pub fn sim_ms(&self) -> u64 {
        self.find("output.sim-time")
            .and_then(|e| e.get_attribute("data-ms"))
            .and_then(|v| v.parse().ok())
            .expect("the clock shows its milliseconds")
    }

    /// Sets the scrubber and fires `input`.
    pub async fn scrub(&self, ms: u64) {
        let input: HtmlInputElement = self.get("input[aria-label='Scrub simulated time']");
        input.set_value(&ms.to_string());
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        let event =
            web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("an input event");
        input.dispatch_event(&event).expect("dispatch input");
        yew::scheduler::flush().await;
    }

    /// Waits (frames running) until `check` holds, for at most ten seconds.
    pub async fn wait_until(&self, what: &str, check: impl Fn(&Page) -> bool) {
        for _ in 0..500 {
            if check(self) {
                return;
            }
            wait(20).await;
        }
        panic!("timed out waiting until {what}");
    }

    /// Unmounts the App and removes its host.
    pub fn remove(self) {
        self.app.destroy();
        self.host.remove();
    }
}
