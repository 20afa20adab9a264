//! A Job's card: kubectl's STATUS, COMPLETIONS and DURATION, counters, countdowns,
//! conditions, and its pods as tiles (Indexed Jobs: a lane per index).

use std::rc::Rc;

use yew::prelude::*;

use super::pod_tile::PodTile;
use crate::playground::Action;
use crate::playground::details::Selection;
use crate::playground::view::jobs::{JobCard, PodLayout};
use crate::playground::view::tiles::Tile;
use crate::ui::dom;
use crate::ui::store::use_dispatch;

/// More pods than this and tiles show only their shape.
const COMPACT_FROM: usize = 24;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub card: Rc<JobCard>,
    /// The pod whose details are open, if any.
    pub selected_pod: Option<String>,
}

fn status_class(status: &str) -> &'static str {
    match status {
        "Complete" => "status-complete",
        "Failed" => "status-failed",
        "Running" => "status-running",
        _ => "status-other",
    }
}

#[component(JobCardView)]
pub fn job_card_view(props: &Props) -> Html {
    let dispatch = use_dispatch();
    let card = &props.card;
    let namespace = AttrValue::from(card.namespace.clone());
    let compact = card.pod_count > COMPACT_FROM;
    let first = match &card.pods {
        PodLayout::Flat(list) => list.first(),
        PodLayout::Lanes(lanes) => lanes.iter().find_map(|l| l.attempts.first()),
    }
    .map(|t| t.id);
    let tiles = |tiles: &[Rc<Tile>]| {
        html! {
            <ul class="tiles">
                { for tiles.iter().map(|t| html! {
                    <PodTile key={t.id} tile={Rc::clone(t)} namespace={namespace.clone()}
                        selected={props.selected_pod.as_deref() == Some(t.name.as_str())} {compact}
                        tab_stop={Some(t.id) == first} />
                }) }
            </ul>
        }
    };
    let pods = match &card.pods {
        PodLayout::Flat(list) if list.is_empty() => {
            html! { <p class="muted">{ "No pods yet." }</p> }
        }
        PodLayout::Flat(list) => tiles(list),
        PodLayout::Lanes(lanes) => html! {
            <ol class="lanes" aria-label="Indexes">
                { for lanes.iter().map(|lane| html! {
                    <li key={lane.index} class={classes!("lane", format!("lane-{}", lane.state.label()))}>
                        <span class="lane-index">{ format!("index {}", lane.index) }</span>
                        <span class="lane-state">{ lane.state.label() }</span>
                        if let Some(retry) = &lane.retry_in {
                            <span class="countdown">{ retry }</span>
                        }
                        { tiles(&lane.attempts) }
                    </li>
                }) }
            </ol>
        },
    };
    let c = card.counters;
    let select = dispatch.on(Action::Select(Some(Selection::Job {
        namespace: card.namespace.clone(),
        name: card.name.clone(),
    })));
    html! {
        <article class={classes!("job-card", card.selected.then_some("selected"))} aria-label={format!("Job {}", card.name)}
            data-job={card.name.clone()} onkeydown={Callback::from(dom::move_between_tiles)}>
            <header class="job-head">
                <button class="job-name link" title="Describe this Job" onclick={select}>{ &card.name }</button>
                <span class={classes!("job-status", status_class(&card.status))}>{ &card.status }</span>
                <dl class="job-stats">
                    <div><dt>{ "Completions" }</dt><dd class="completions">{ &card.completions }</dd></div>
                    <div><dt>{ "Duration" }</dt><dd class="duration">{ &card.duration }</dd></div>
                </dl>
            </header>
            <p class="counters">
                { format!("active {} · ready {} · succeeded {} · failed {} · terminating {}",
                    c.active, c.ready, c.succeeded, c.failed, c.terminating) }
            </p>
            if card.backoff.is_some() || card.deadline.is_some() {
                <p class="countdowns">
                    if let Some(b) = &card.backoff { <span class="countdown backoff">{ b }</span> }
                    if let Some(d) = &card.deadline { <span class="countdown deadline">{ d }</span> }
                </p>
            }
            if !card.conditions.is_empty() {
                <ul class="conditions" aria-label="Conditions">
                    { for card.conditions.iter().map(|cond| html! {
                        <li>
                            <strong>{ format!("{}={}", cond.type_, cond.status) }</strong>
                            if !cond.reason.is_empty() { { " " }<span class="reason">{ &cond.reason }</span> }
                            if !cond.message.is_empty() { { ": " }<span class="message">{ &cond.message }</span> }
                        </li>
                    }) }
                </ul>
            }
            { pods }
        </article>
    }
}
