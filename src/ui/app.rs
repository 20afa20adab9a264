//! The App component: the page layout (time controls on top; editor | cluster side by side;
//! details and events), the reducer, the context every component dispatches through, and
//! the animation-frame ticker.

use std::rc::Rc;

use yew::prelude::*;

use super::components::{
    ClusterPane, DetailsPanel, EditorPane, EventsPane, ExamplesMenu, TimeControls,
};
use super::dom;
use super::store::{Dispatch, Store};
use super::ticker::Ticker;

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
    use_effect_with((), |_| dom::mark("jobsim-first-render"));

    let clock = state.clock_view();
    let selected_pod = match state.details.as_ref().map(|d| &d.selection) {
        Some(crate::playground::details::Selection::Pod { name, .. }) => Some(name.clone()),
        _ => None,
    };
    let details_open = state.details_view.is_some();
    html! {
        <ContextProvider<Dispatch> context={dispatch}>
            <header class="topbar">
                <h1>{ "jobsim" }</h1>
                <p class="tagline">{ "Kubernetes Jobs, simulated in your browser" }</p>
                <ExamplesMenu />
            </header>
            <TimeControls clock={clock} />
            <div class={classes!("workspace", details_open.then_some("with-details"))}>
                <EditorPane editor={Rc::clone(&state.editor)} applies={Rc::clone(&state.applies)} />
                if let Some(details) = &state.details_view {
                    <DetailsPanel details={Rc::clone(details)} />
                }
                <div class="cluster-column">
                    <ClusterPane view={Rc::clone(&state.view)} selected_pod={selected_pod} />
                    <EventsPane events={Rc::clone(&state.events)} filter={state.event_filter.clone()} />
                </div>
            </div>
        </ContextProvider<Dispatch>>
    }
}
