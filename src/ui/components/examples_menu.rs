//! The Examples menu: every manifest of the seed guide and of kubernetes.io, grouped.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::playground::Action;
use crate::playground::examples::{ALL, Source};
use crate::ui::store::use_dispatch;

/// A `<select>` that loads the chosen example into the editor.
#[component(ExamplesMenu)]
pub fn examples_menu() -> Html {
    let dispatch = use_dispatch();
    let onchange = Callback::from(move |event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        if let Ok(i) = select.value().parse::<usize>() {
            dispatch.0.emit(Action::LoadExample(i));
        }
        select.set_value("");
    });
    let group = |source: Source| {
        html! {
            <optgroup label={source.label()}>
                { for ALL.iter().enumerate().filter(|(_, e)| e.source == source).map(|(i, e)| html! {
                    <option value={i.to_string()}>{ format!("{} — {}", e.file_name, e.title) }</option>
                }) }
            </optgroup>
        }
    };
    html! {
        <label class="examples">
            <span class="visually-hidden">{ "Examples" }</span>
            <select aria-label="Examples" {onchange}>
                <option value="" selected=true>{ "Examples…" }</option>
                { group(Source::SeedGuide) }
                { group(Source::KubernetesIo) }
            </select>
        </label>
    }
}
