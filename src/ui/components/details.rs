//! The details panel of the selected Job or pod: `kubectl describe`, its logs (per
//! container, with `--previous`) and its events. Escape or the close button closes it.

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::events::event_rows;
use crate::playground::Action;
use crate::playground::details::{DetailsTab, DetailsView};
use crate::playground::teach::{Scenario, TeachAction};
use crate::ui::store::use_dispatch;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub details: Rc<DetailsView>,
    /// Buttons that disturb the object (recorded kubectl lines).
    #[prop_or_default]
    pub scenarios: Vec<Scenario>,
}

#[component(DetailsPanel)]
pub fn details_panel(props: &Props) -> Html {
    let dispatch = use_dispatch();
    let heading = use_node_ref();
    let d = &props.details;
    {
        let heading = heading.clone();
        use_effect_with(d.title.clone(), move |_| {
            if let Some(h) = heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let onkeydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                dispatch.0.emit(Action::Select(None));
            }
        })
    };
    let on_container = dispatch.with(|event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        Action::DetailsContainer(select.value())
    });
    let on_previous = dispatch.with(|event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        Action::DetailsPrevious(input.checked())
    });
    let restarted = d
        .containers
        .iter()
        .any(|c| Some(&c.name) == d.container.as_ref() && c.restarts > 0);
    html! {
        <aside class="details" aria-label={format!("Details of {}", d.title)} {onkeydown}>
            <div class="pane-head">
                <h2 tabindex="-1" ref={heading}>{ &d.title }</h2>
                <button class="close" aria-label="Close details" title="Close (Esc)" onclick={dispatch.on(Action::Select(None))}>{ "✕" }</button>
            </div>
            if !props.scenarios.is_empty() {
                <div class="scenarios" aria-label="Scenario actions">
                    { for props.scenarios.iter().map(|s| html! {
                        <button title={s.line.clone()} onclick={dispatch.on(Action::Teach(TeachAction::RunLine(s.line.clone())))}>{ s.label }</button>
                    }) }
                </div>
            }
            <div class="tabs" role="tablist" aria-label="Details views">
                { for DetailsTab::ALL.iter().map(|tab| html! {
                    <button role="tab" aria-selected={if *tab == d.tab { "true" } else { "false" }}
                        onclick={dispatch.on(Action::DetailsTab(*tab))}>{ tab.label() }</button>
                }) }
            </div>
            if d.tab == DetailsTab::Logs && !d.containers.is_empty() {
                <div class="log-options">
                    <label>
                        { "Container " }
                        <select aria-label="Container" onchange={on_container}>
                            { for d.containers.iter().map(|c| html! {
                                <option value={c.name.clone()} selected={Some(&c.name) == d.container.as_ref()}>
                                    { if c.init { format!("{} (init)", c.name) } else { c.name.clone() } }
                                    { if c.restarts > 0 { format!(", {} restarts", c.restarts) } else { String::new() } }
                                </option>
                            }) }
                        </select>
                    </label>
                    <label title={if restarted { "kubectl logs --previous" } else { "The container has not restarted" }}>
                        <input type="checkbox" checked={d.previous} disabled={!restarted && !d.previous} onchange={on_previous} />
                        { " Previous run (--previous)" }
                    </label>
                </div>
            }
            <div role="tabpanel" class="tab-panel">
                if d.tab == DetailsTab::Events {
                    if d.events.is_empty() {
                        <p class="hint">{ "No events about this object." }</p>
                    } else {
                        { event_rows(&d.events) }
                    }
                } else {
                    <p class="command"><code>{ format!("$ {}", d.command) }</code></p>
                    <pre class={classes!("details-text", d.failed.then_some("error"))}>
                        { if d.text.is_empty() { "(no output)".to_string() } else { d.text.clone() } }
                    </pre>
                }
            </div>
        </aside>
    }
}
