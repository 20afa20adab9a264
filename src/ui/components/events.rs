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
pub fn event_rows(rows: &[Rc<EventRow>]) -> Html {
    html! {
        <table class="events">
            <thead><tr>
                <th scope="col">{ "Time" }</th>
                <th scope="col">{ "Reason" }</th><th scope="col">{ "Object" }</th>
                <th scope="col">{ "Message" }</th>
            </tr></thead>
            <tbody>
                { for rows.iter().map(|r| html! {
                    <tr key={r.serial} class={classes!(r.warning.then_some("warning"))}>
                        <td class="at">{ &r.at }</td>
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

#[derive(Properties, PartialEq)]
struct ChoicesProps {
    objects: Rc<Vec<String>>,
    filter: Option<String>,
    left_out: usize,
    onchange: Callback<Event>,
}

/// The filter's `<select>`: its own component, so its options render only when they change.
#[component(ObjectChoices)]
fn object_choices(props: &ChoicesProps) -> Html {
    let filter = props.filter.as_deref();
    let missing = filter.filter(|f| !props.objects.iter().any(|o| o == f));
    let title = (props.left_out > 0).then(|| {
        format!(
            "{} pods are not listed: open a pod (click its tile) to see its events",
            props.left_out
        )
    });
    html! {
        <select aria-label="Filter events by object" {title} onchange={props.onchange.clone()}>
            <option value="" selected={filter.is_none()}>{ "All objects" }</option>
            if let Some(f) = missing {
                <option value={f.to_string()} selected=true>{ f }</option>
            }
            { for props.objects.iter().map(|o| html! {
                <option value={o.clone()} selected={filter == Some(o.as_str())}>{ o }</option>
            }) }
        </select>
    }
}

#[component(EventsPane)]
pub fn events_pane(props: &Props) -> Html {
    let dispatch = use_dispatch();
    let onchange = use_callback(dispatch, |event: Event, dispatch| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        let value = select.value();
        dispatch
            .0
            .emit(Action::FilterEvents((!value.is_empty()).then_some(value)));
    });
    let events = &props.events;
    html! {
        <section class="events-pane" aria-label="Events">
            <div class="pane-head">
                <h2>{ "Events" }</h2>
                <label>
                    { "Object " }
                    <ObjectChoices objects={Rc::clone(&events.objects)} filter={props.filter.clone()}
                        left_out={events.pods_left_out} {onchange} />
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
