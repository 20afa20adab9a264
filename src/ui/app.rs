//! The App component: the page layout (time controls on top; editor | cluster side by side;
//! details and events), the reducer, the context every component dispatches through, and
//! the animation-frame ticker.

use std::rc::Rc;

use yew::prelude::*;

use super::components::{
    ClusterPane, DetailsPanel, EditorPane, EventsPane, ExamplesMenu, GuidePane, Notice, SharePanel,
    TerminalPane, TimeControls, TimelinePane,
};
use super::dom;
use super::store::{Dispatch, Store};
use super::ticker::Ticker;
use crate::playground::teach::{Panel, TeachAction, scenarios};
use crate::playground::{Action, share};

/// The whole playground page.
#[component(App)]
pub fn app() -> Html {
    let store = use_reducer(Store::restored);
    let dispatch = {
        let dispatcher = store.dispatcher();
        (*use_memo((), move |_| {
            Dispatch(Callback::from(move |action| dispatcher.dispatch(action)))
        }))
        .clone()
    };
    let ticker = {
        let dispatch = dispatch.0.clone();
        use_memo((), move |_| Ticker::new(dispatch))
    };
    let state = store.state();
    {
        let ticker = Rc::clone(&ticker);
        use_effect_with(state.clock.needs_ticks(), move |needs| {
            ticker.set_active(*needs);
        });
    }
    {
        let reporter = store.reporter();
        let dispatch = dispatch.0.clone();
        use_effect_with((), move |_| {
            *reporter.borrow_mut() = Some(dispatch);
            dom::mark("jobsim-first-render");
        });
    }
    let embed = *use_memo((), |_| {
        let embed = crate::playground::embed::parse(&dom::query()).embed;
        if embed {
            dom::add_root_class("embed");
        }
        embed
    });

    let clock = state.clock_view();
    let selected_pod = match state.details.as_ref().map(|d| &d.selection) {
        Some(crate::playground::details::Selection::Pod { name, .. }) => Some(name.clone()),
        _ => None,
    };
    let details_open = state.details_view.is_some();
    let teach = &state.teach;
    let scenario_buttons = state
        .details
        .as_ref()
        .map(|d| scenarios(&d.selection))
        .unwrap_or_default();
    let toggle = |panel: Panel| {
        let open = teach.is_open(panel);
        let dispatch = dispatch.0.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Teach(TeachAction::TogglePanel(panel)));
            if !open {
                // Show the panel just opened (after Yew's render, queued by the dispatch).
                let css = format!("section[aria-label='{}']", panel.name());
                dom::after_microtasks(move || dom::scroll_into_view(&css));
            }
        });
        html! {
            <button aria-pressed={if open { "true" } else { "false" }} {onclick}>{ panel.name() }</button>
        }
    };
    let share_button = html! {
        <button onclick={dispatch.on(Action::Teach(TeachAction::Share))}>{ "Share" }</button>
    };
    // The full playground with this state: the link is made at the moment of the click.
    let open_full = {
        let state = store.shared_state();
        Callback::from(move |event: MouseEvent| {
            let anchor: web_sys::HtmlAnchorElement = event.target_unchecked_into();
            let fragment = share::encode(&state.borrow().shared());
            anchor.set_href(&dom::link_with_fragment(&fragment));
        })
    };
    let panels = html! {
        <>
            if teach.is_open(Panel::Terminal) {
                <TerminalPane lines={Rc::clone(&teach.console.lines)} input={teach.console.input.clone()} busy={teach.console.is_busy()} />
            }
            if !embed && teach.is_open(Panel::Timeline) {
                <TimelinePane chart={teach.chart.clone()} />
            }
            if !embed && teach.is_open(Panel::Guide) {
                <GuidePane checks={Rc::clone(&teach.checks)} />
            }
        </>
    };
    html! {
        <ContextProvider<Dispatch> context={dispatch.clone()}>
            if embed {
                <header class="topbar embed-bar">
                    <h1>{ "jobsim" }</h1>
                    <ExamplesMenu />
                    <a class="open-full" href={dom::link_with_fragment("")} target="_blank" rel="noopener" onclick={open_full}>{ "Open in full playground" }</a>
                </header>
            } else {
                <header class="topbar">
                    <h1>{ "jobsim" }</h1>
                    <p class="tagline">{ "Kubernetes Jobs, simulated in your browser" }</p>
                    <ExamplesMenu />
                    <nav class="panel-toggles" aria-label="Panels">
                        { for Panel::ALL.into_iter().map(toggle) }
                    </nav>
                    { share_button }
                </header>
            }
            if let Some(message) = &teach.notice {
                <Notice message={message.clone()} />
            }
            if let Some(share) = &teach.share {
                <SharePanel share={share.clone()} />
            }
            <TimeControls clock={clock} />
            <div class={classes!("workspace", details_open.then_some("with-details"))}>
                <EditorPane editor={Rc::clone(&state.editor)} applies={Rc::clone(&state.applies)} />
                if let Some(details) = &state.details_view {
                    <DetailsPanel details={Rc::clone(details)} scenarios={scenario_buttons} />
                }
                <div class="cluster-column">
                    <ClusterPane view={Rc::clone(&state.view)} selected_pod={selected_pod} />
                    <EventsPane events={Rc::clone(&state.events)} filter={state.event_filter.clone()} />
                </div>
            </div>
            <div class="teach-panels">{ panels }</div>
        </ContextProvider<Dispatch>>
    }
}
