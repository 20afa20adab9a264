//! The manifest editor: a plain textarea (so typing, selection and the browser's undo are
//! native) over a highlighted copy of the text, with line numbers, a marker on each line
//! with a problem and the message beside it.

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::manifest::Severity;
use crate::playground::Action;
use crate::playground::editor::Editor;
use crate::playground::highlight::highlight;
use crate::ui::dom;
use crate::ui::store::use_dispatch;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub editor: Rc<Editor>,
    /// Where the editor's textarea is, for the problems list to move the caret.
    pub area: NodeRef,
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The editor itself (the pane adds the toolbar and the problems list).
#[component(ManifestEditor)]
pub fn manifest_editor(props: &Props) -> Html {
    let dispatch = use_dispatch();
    let editor = &props.editor;
    let layers = use_node_ref();
    let gutter = use_node_ref();
    {
        let area = props.area.clone();
        let text = editor.text.clone();
        use_effect_with(editor.revision, move |_| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                dom::replace_editor_text(&area, &text);
            }
        });
    }
    let oninput = dispatch.with(|event: InputEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        Action::Edit(area.value())
    });
    let onkeydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                event.prevent_default();
                let area: HtmlTextAreaElement = event.target_unchecked_into();
                dispatch.0.emit(Action::Edit(area.value()));
                dispatch.0.emit(Action::Apply);
            }
        })
    };
    let onscroll = {
        let (layers, gutter) = (layers.clone(), gutter.clone());
        Callback::from(move |event: Event| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let (top, left) = (area.scroll_top(), area.scroll_left());
            if let Some(layers) = layers.cast::<HtmlElement>() {
                let _ = layers
                    .style()
                    .set_property("transform", &format!("translate({}px, {}px)", -left, -top));
            }
            if let Some(gutter) = gutter.cast::<HtmlElement>() {
                let _ = gutter
                    .style()
                    .set_property("transform", &format!("translateY({}px)", -top));
            }
        })
    };

    let text = &editor.text;
    let lines: Vec<&str> = text.split('\n').collect();
    let spans = highlight(text);
    let gutter_rows = lines.iter().enumerate().map(|(i, _)| {
        let n = i + 1;
        match editor.problem_on_line(n) {
            Some(p) => html! {
                <div class={classes!("ln", severity_class(p.severity))} title={p.message.clone()}>
                    <span class="marker" aria-hidden="true">{ if p.severity == Severity::Error { "●" } else { "▲" } }</span>
                    { n }
                </div>
            },
            None => html! { <div class="ln">{ n }</div> },
        }
    });
    let code_lines = lines.iter().zip(&spans).enumerate().map(|(i, (line, spans))| {
        let problem = editor.problem_on_line(i + 1);
        html! {
            <div class={classes!("code-line", problem.map(|p| severity_class(p.severity)))}>
                { for spans.iter().map(|s| {
                    let piece = line.get(s.start..s.end).unwrap_or("").to_string();
                    match s.token.class() {
                        Some(class) => html! { <span class={class}>{ piece }</span> },
                        None => html! { piece },
                    }
                }) }
                if let Some(p) = problem {
                    <span class={classes!("inline-problem", severity_class(p.severity))}>{ format!("  {}", p.message) }</span>
                }
                { "\u{200b}" }
            </div>
        }
    });
    let invalid = if editor.error_count() > 0 {
        "true"
    } else {
        "false"
    };
    html! {
        <div class="editor">
            <div class="gutter" aria-hidden="true"><div class="gutter-rows" ref={gutter}>{ for gutter_rows }</div></div>
            <div class="code">
                <div class="layers" ref={layers} aria-hidden="true">{ for code_lines }</div>
                <textarea
                    ref={props.area.clone()}
                    id="manifest-editor"
                    aria-label="Manifest editor"
                    aria-describedby="problems"
                    aria-invalid={invalid}
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    {oninput}
                    {onkeydown}
                    {onscroll}
                />
            </div>
        </div>
    }
}
