//! The playground page: the manifest editor, the Apply button and what Apply did.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::storage;
use crate::playground::{Action, ApplyOutcome, State};

/// `playground::State` made a Yew reducer; the rules stay in `State::reduce`.
#[derive(Clone, PartialEq)]
struct Store(State);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = self.0.clone();
        state.reduce(action);
        Rc::new(Store(state))
    }
}

/// The whole playground page.
#[component(App)]
pub fn app() -> Html {
    let store = use_reducer(|| {
        let mut state = State::default();
        if let Some(saved) = storage::load_editor_text() {
            state.editor_text = saved;
        }
        Store(state)
    });

    {
        let text = store.0.editor_text.clone();
        use_effect_with(text, |text| storage::save_editor_text(text));
    }

    let on_input = {
        let store = store.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            store.dispatch(Action::Edit(area.value()));
        })
    };
    let on_apply = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::Apply))
    };
    let on_keydown = {
        let store = store.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                event.prevent_default();
                store.dispatch(Action::Apply);
            }
        })
    };

    html! {
        <>
            <header class="topbar">
                <h1>{ "jobsim" }</h1>
                <p class="tagline">{ "A Kubernetes Job playground — no cluster needed" }</p>
            </header>
            <section class="editor-pane" aria-label="Editor">
                <label for="manifest-editor" class="pane-title">{ "Manifest" }</label>
                <textarea
                    id="manifest-editor"
                    aria-label="Manifest editor"
                    spellcheck="false"
                    value={store.0.editor_text.clone()}
                    oninput={on_input}
                    onkeydown={on_keydown}
                />
                <div class="actions">
                    <button class="primary" onclick={on_apply} title="Apply (Ctrl+Enter)">{ "Apply" }</button>
                </div>
            </section>
            <section class="result-pane" aria-label="Result" aria-live="polite">
                { render_outcome(store.0.last_apply.as_ref()) }
            </section>
        </>
    }
}

fn render_outcome(outcome: Option<&ApplyOutcome>) -> Html {
    match outcome {
        None => {
            html! { <p class="hint">{ "Press Apply to create the objects in the simulated cluster." }</p> }
        }
        Some(ApplyOutcome::Applied(lines)) => html! {
            <pre class="apply-result ok" role="status">{ lines.join("\n") }</pre>
        },
        Some(ApplyOutcome::Rejected(errors)) => html! {
            <pre class="apply-result error" role="alert">{ errors.join("\n") }</pre>
        },
    }
}
