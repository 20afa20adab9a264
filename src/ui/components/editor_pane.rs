//! The editor pane: the file's name, Apply, the editor, its problems (each one moves the
//! caret to its line) and what the last Applies printed.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::editor::ManifestEditor;
use crate::manifest::Severity;
use crate::playground::editor::{Editor, utf16_line_start};
use crate::playground::{Action, ApplyEntry};
use crate::ui::store::use_dispatch;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub editor: Rc<Editor>,
    pub applies: Rc<Vec<ApplyEntry>>,
    /// False until the simulator (which validates) has arrived.
    #[prop_or(true)]
    pub checked: bool,
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Everything left of the cluster view.
#[component(EditorPane)]
pub fn editor_pane(props: &Props) -> Html {
    let dispatch = use_dispatch();
    let area = use_node_ref();
    let editor = &props.editor;
    let errors = editor.error_count();
    let warnings = editor.problems.len() - errors;
    let go_to = |line: usize| {
        let area = area.clone();
        let offset = utf16_line_start(&editor.text, line) as u32;
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                let _ = area.focus();
                let _ = area.set_selection_range(offset, offset);
            }
        })
    };
    html! {
        <section class="editor-pane" aria-label="Editor">
            <div class="pane-head">
                <h2 class="file-name" title="The file kubectl apply -f reads">{ &editor.file_name }</h2>
                <span class={classes!("problem-counts", (errors > 0).then_some("has-errors"))}>
                    if props.checked {
                        { format!("{}, {}", count(errors, "error"), count(warnings, "warning")) }
                    } else {
                        { "not checked yet" }
                    }
                </span>
                <button class="primary" title="Apply (Ctrl+Enter)" onclick={dispatch.on(Action::Apply)}>{ "Apply" }</button>
            </div>
            <ManifestEditor editor={Rc::clone(editor)} area={area.clone()} />
            <ul id="problems" class="problems" aria-label="Problems">
                { for editor.problems.iter().map(|p| {
                    let class = if p.severity == Severity::Error { "error" } else { "warning" };
                    html! {
                        <li class={classes!("problem", class)}>
                            if p.line > 0 {
                                <button class="link" onclick={go_to(p.line)}>{ format!("line {}", p.line) }</button>
                            }
                            <span class="problem-kind">{ if p.severity == Severity::Error { "error" } else { "warning" } }</span>
                            <span class="problem-message">{ &p.message }</span>
                        </li>
                    }
                }) }
            </ul>
            <div class="applies" aria-live="polite">
                { for props.applies.iter().enumerate().map(|(i, entry)| html! {
                    <pre class={classes!("apply-result", if entry.ok { "ok" } else { "error" }, (i > 0).then_some("older"))}
                        role={if i == 0 { "status" } else { "none" }}>
                        <span class="prompt">{ format!("{} $ {}\n", entry.at, entry.command) }</span>
                        { &entry.stdout }
                        { &entry.stderr }
                        { for entry.problems.iter().map(|p| format!("{p}\n")) }
                    </pre>
                }) }
            </div>
        </section>
    }
}
