//! The terminal pane: the transcript and a prompt (a text box named "Terminal"). Enter runs
//! the line, ↑/↓ walk the history, Tab completes, Ctrl+C stops a `--watch`/`-f`, Ctrl+L
//! clears. What each key does is decided by `playground::console`.

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::playground::Action;
use crate::playground::console::{ConsoleKey, ConsoleLine, LineKind, PROMPT};
use crate::playground::teach::TeachAction;
use crate::ui::store::use_dispatch;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lines: Rc<Vec<ConsoleLine>>,
    pub input: String,
    pub busy: bool,
}

#[component(TerminalPane)]
pub fn terminal_pane(props: &Props) -> Html {
    let dispatch = use_dispatch();
    let screen = use_node_ref();
    {
        let screen = screen.clone();
        use_effect_with((Rc::clone(&props.lines), props.input.clone()), move |_| {
            if let Some(screen) = screen.cast::<HtmlElement>() {
                screen.set_scroll_top(screen.scroll_height());
            }
        });
    }
    let teach = |action: TeachAction| Action::Teach(action);
    let oninput = dispatch.with(move |event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        teach(TeachAction::TerminalInput(input.value()))
    });
    let onkeydown = {
        let dispatch = dispatch.0.clone();
        Callback::from(move |event: KeyboardEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let ctrl = event.ctrl_key() || event.meta_key();
            let key = match (event.key().as_str(), ctrl) {
                ("Enter", false) => {
                    event.prevent_default();
                    dispatch.emit(teach(TeachAction::RunLine(input.value())));
                    return;
                }
                ("ArrowUp", false) => ConsoleKey::Up,
                ("ArrowDown", false) => ConsoleKey::Down,
                ("Tab", false) if !input.value().trim().is_empty() => ConsoleKey::Tab,
                ("c" | "C", true) if input.selection_start() == input.selection_end() => {
                    ConsoleKey::Interrupt
                }
                ("l" | "L", true) => ConsoleKey::Clear,
                _ => return,
            };
            event.prevent_default();
            dispatch.emit(teach(TeachAction::TerminalInput(input.value())));
            dispatch.emit(teach(TeachAction::TerminalKey(key)));
        })
    };
    let focus_input = Callback::from(|event: MouseEvent| {
        let target: HtmlElement = event.target_unchecked_into();
        if let Some(input) = target
            .closest(".terminal")
            .ok()
            .flatten()
            .and_then(|t| t.query_selector("input").ok().flatten())
            .and_then(|i| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(i).ok())
        {
            let _ = input.focus();
        }
    });
    html! {
        <section class="terminal-pane" aria-label="Terminal">
            <div class="pane-head">
                <h2>{ "Terminal" }</h2>
                <span class="hint">{ "kubectl against the simulated cluster · Tab completes · ↑/↓ history · Ctrl+C stops · Ctrl+L clears" }</span>
                if props.busy {
                    <button onclick={dispatch.on(teach(TeachAction::TerminalKey(ConsoleKey::Interrupt)))}>{ "Stop (Ctrl+C)" }</button>
                }
            </div>
            <div class="terminal" onclick={focus_input}>
                <pre class="terminal-screen" ref={screen} aria-live="polite" aria-label="Terminal output">
                    { for props.lines.iter().map(|line| match line.kind {
                        LineKind::Command => html! { <span class="term-command"><span class="prompt">{ PROMPT }</span>{ &line.text }{ "\n" }</span> },
                        LineKind::Output => html! { <span>{ &line.text }{ "\n" }</span> },
                    }) }
                </pre>
                <div class="terminal-prompt">
                    <span class="prompt" aria-hidden="true">{ if props.busy { "…" } else { PROMPT } }</span>
                    <input type="text" aria-label="Terminal" spellcheck="false" autocomplete="off"
                        autocapitalize="off" value={props.input.clone()} {oninput} {onkeydown} />
                </div>
            </div>
        </section>
    }
}
