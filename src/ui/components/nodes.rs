//! Nodes with their allocated CPU, memory and pods, and the pods no node can take.

use std::rc::Rc;

use yew::prelude::*;

use crate::playground::Action;
use crate::playground::details::Selection;
use crate::playground::teach::{TeachAction, node_scenarios};
use crate::playground::view::nodes::{NodeView, PendingPod};
use crate::ui::store::use_dispatch;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub nodes: Rc<Vec<NodeView>>,
    pub waiting: Rc<Vec<PendingPod>>,
}

fn meter(label: &str, text: &str, percent: u8) -> Html {
    html! {
        <div class="meter">
            <span class="meter-label">{ label }</span>
            <meter class="meter-bar" aria-hidden="true" min="0" max="100" value={percent.to_string()}></meter>
            <span class="meter-value">{ text }</span>
        </div>
    }
}

#[component(NodesView)]
pub fn nodes_view(props: &Props) -> Html {
    let dispatch = use_dispatch();
    html! {
        <div class="nodes-block">
            <h2>{ "Nodes" }</h2>
            <ul class="nodes">
                { for props.nodes.iter().map(|n| html! {
                    <li class="node" key={n.name.clone()}>
                        <strong>{ &n.name }</strong>
                        if n.cordoned { <span class="cordoned">{ " SchedulingDisabled" }</span> }
                        { meter("CPU", &n.cpu, n.cpu_percent) }
                        { meter("Memory", &n.memory, n.memory_percent) }
                        { meter("Pods", &n.pods, n.pods_percent) }
                        <div class="scenarios">
                            { for node_scenarios(&n.name, n.cordoned).into_iter().map(|s| html! {
                                <button title={s.line.clone()} aria-label={format!("{} {}", s.label, n.name)}
                                    onclick={dispatch.on(Action::Teach(TeachAction::RunLine(s.line)))}>{ s.label }</button>
                            }) }
                        </div>
                    </li>
                }) }
            </ul>
            if !props.waiting.is_empty() {
                <h3>{ format!("Waiting for a node ({})", props.waiting.len()) }</h3>
                <ul class="waiting">
                    { for props.waiting.iter().take(50).map(|p| html! {
                        <li key={p.name.clone()}>
                            <button class="link" onclick={dispatch.on(Action::Select(Some(Selection::Pod {
                                namespace: p.namespace.clone(), name: p.name.clone() })))}>{ &p.name }</button>
                            <span class="reason">{ " FailedScheduling: " }</span>
                            <span class="message">{ &p.message }</span>
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
