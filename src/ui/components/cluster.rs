//! The cluster view: Job cards, the tile legend, nodes and the pods waiting for one.

use std::rc::Rc;

use yew::prelude::*;

use super::job_card::JobCardView;
use super::nodes::NodesView;
use crate::playground::view::ClusterView;
use crate::playground::view::tiles::TileKind;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<ClusterView>,
    pub selected_pod: Option<String>,
}

#[component(ClusterPane)]
pub fn cluster_pane(props: &Props) -> Html {
    let view = &props.view;
    html! {
        <section class="cluster-pane" aria-label="Cluster">
            <h2>{ "Jobs" }</h2>
            if view.jobs.is_empty() {
                <p class="hint">{ "No Jobs yet: press Apply (or Ctrl+Enter in the editor) to create the objects in the simulated cluster." }</p>
            }
            { for view.jobs.iter().map(|card| html! {
                <JobCardView key={format!("{}/{}", card.namespace, card.name)} card={Rc::clone(card)} selected_pod={props.selected_pod.clone()} />
            }) }
            <Legend />
            <NodesView nodes={Rc::clone(&view.nodes)} waiting={Rc::clone(&view.unschedulable)} />
        </section>
    }
}

/// What each tile shape and colour means.
#[component(Legend)]
fn legend() -> Html {
    html! {
        <details class="legend">
            <summary>{ "Legend" }</summary>
            <ul class="tiles">
                { for TileKind::ALL.iter().map(|k| html! {
                    <li><span class={classes!("tile", "static", k.class())}>
                        <span class="glyph" aria-hidden="true">{ k.glyph() }</span>
                        <span class="tile-status">{ k.legend() }</span>
                    </span></li>
                }) }
            </ul>
        </details>
    }
}
