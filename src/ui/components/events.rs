//! The events stream: newest first, filterable by object.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::playground::Action;
use crate::playground::view::events::{EventRow, EventsView};
use crate::ui::store::use_dispatch;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub events: Rc<EventsView>,
    pub filter: Option<String>,
}

/// The rows of an events table (also used by the details panel).
pub fn event_rows(rows: &[EventRow]) -> Html {
    html! {
        <table class="events">
            <thead><tr>
                <th scope="col">{ "Time" }</th><th scope="col">{ "Type" }</th>
                <th scope="col">{ "Reason" }</th><th scope="col">{ "Object" }</th>
                <th scope="col">{ "Message" }</th>
            </tr></thead>
            <tbody>
                { for rows.iter().map(|r| html! {
                    <tr key={r.serial} class={classes!(r.warning.then_some("warning"))}>
                        <td class="at">{ &r.at }</td>
                        <td>{ if r.warning { "Warning" } else { "Normal" } }</td>
                        <td class="reason">{ &r.reason }</td>
                        <td class="object">{ &r.object }</td>
                        <td class="message">
                            { &r.message }
                            if r.count > 1 { <span class="count">{ format!(" (×{})", r.count) }</span> }
                        </td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

#[component(EventsPane)]
pub fn events_pane(props: &Props) -> Html {
    let dispatch = use_dispatch();
    let onchange = dispatch.with(|event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        let value = select.value();
        Action::FilterEvents((!value.is_empty()).then_some(value))
    });
    let events = &props.events;
    let mut objects = events.objects.clone();
    if let Some(f) = &props.filter
        && !objects.contains(f)
    {
        objects.insert(0, f.clone());
    }
    html! {
        <section class="events-pane" aria-label="Events">
            <div class="pane-head">
                <h2>{ "Events" }</h2>
                <label>
                    { "Object " }
                    <select aria-label="Filter events by object" {onchange}>
                        <option value="" selected={props.filter.is_none()}>{ "All objects" }</option>
                        { for objects.iter().map(|o| html! {
                            <option value={o.clone()} selected={props.filter.as_deref() == Some(o.as_str())}>{ o }</option>
                        }) }
                    </select>
                </label>
                <span class="muted">
                    { if events.matching > events.rows.len() {
                        format!("newest {} of {}", events.rows.len(), events.matching)
                    } else {
                        format!("{} events", events.matching)
                    } }
                </span>
            </div>
            if events.rows.is_empty() {
                <p class="hint">{ "No events yet." }</p>
            } else {
                <div class="events-scroll">{ event_rows(&events.rows) }</div>
            }
        </section>
    }
}
