//! The App component: the page layout (time controls on top; editor | cluster side by side;
//! details and events), the reducer, the context every component dispatches through, and
//! the animation-frame ticker.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::components::{
    ClusterPane, DetailsPanel, EditorPane, EventsPane, ExamplesMenu, GuidePane, Notice, SharePanel,
    TerminalPane, TimeControls, TimelinePane,
};
use super::dom;
use super::engine;
use super::store::{Dispatch, Msg, Store};
use super::ticker::Ticker;
use crate::playground::Action;
use crate::playground::teach::{Panel, Teach, TeachAction, scenarios};

/// Shown when the simulator's module does not arrive.
const LOAD_FAILED: &str = "The simulated cluster could not be loaded (are you offline?). \
     Your manifest is kept and saved as you type: reload the page to try again.";

/// The whole playground page.
#[component(App)]
pub fn app() -> Html {
    let store = use_reducer(Store::booting);
    let dispatch = {
        let dispatcher = store.dispatcher();
        (*use_memo((), move |_| {
            Dispatch(Callback::from(move |action| {
                dispatcher.dispatch(Msg::Play(action))
            }))
        }))
        .clone()
    };
    let ticker = {
        let dispatch = dispatch.0.clone();
        use_memo((), move |_| Ticker::new(dispatch))
    };
    let needs_ticks = store
        .engine()
        .is_some_and(|e| e.borrow().state().clock.needs_ticks());
    {
        let ticker = Rc::clone(&ticker);
        use_effect_with(needs_ticks, move |needs| {
            ticker.set_active(*needs);
        });
    }
    {
        let reporter = store.reporter();
        let dispatch = dispatch.0.clone();
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            *reporter.borrow_mut() = Some(dispatch);
            dom::mark("jobsim-first-render");
            wasm_bindgen_futures::spawn_local(async move {
                match engine::start(Store::address()).await {
                    Ok(engine) => {
                        dispatcher.dispatch(Msg::Ready(Rc::new(RefCell::new(engine))));
                        dom::mark("jobsim-engine-ready");
                    }
                    Err(_) => dispatcher.dispatch(Msg::Failed),
                }
            });
        });
    }
    let embed = *use_memo((), |_| {
        let embed = crate::playground::embed::parse(&dom::query()).embed;
        if embed {
            dom::add_root_class("embed");
        }
        embed
    });

    let Some(engine) = store.engine() else {
        let failed = store.boot_failed();
        // The same places as the full page below (empty where it shows a notice, a share
        // box, details, panels), so that when the simulator arrives Yew updates the editor
        // in place: the textarea keeps its focus, caret and undo history.
        return html! {
            <ContextProvider<Dispatch> context={dispatch.clone()}>
                { top_bar(embed, None, &dispatch) }
                <></>
                <></>
                <div class="time-controls" aria-busy="true"></div>
                <div class="workspace">
                    <EditorPane editor={store.boot_editor()} applies={Rc::new(Vec::new())} checked={false} />
                    <></>
                    <div class="cluster-column">
                        <section class="cluster-pane" aria-label="Cluster" aria-busy={(!failed).to_string()}>
                            if failed {
                                <p class="load-error" role="alert">{ LOAD_FAILED }</p>
                            } else {
                                <p class="muted">{ "Starting the simulated cluster…" }</p>
                            }
                        </section>
                    </div>
                </div>
                <div class="teach-panels"></div>
            </ContextProvider<Dispatch>>
        };
    };
    let engine = engine.borrow();
    let state = engine.state();
    let clock = engine.clock_view();
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
    // The full playground with this state: the link is made at the moment of the click.
    let open_full = {
        let engine = Rc::clone(store.engine().expect("the engine is here"));
        Callback::from(move |event: MouseEvent| {
            let anchor: web_sys::HtmlAnchorElement = event.target_unchecked_into();
            let fragment = engine.borrow().share_fragment();
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
                <GuidePane checks={Rc::clone(&teach.checks)} sections={engine.guide_sections()} />
            }
        </>
    };
    html! {
        <ContextProvider<Dispatch> context={dispatch.clone()}>
            { top_bar(embed, Some((teach, open_full)), &dispatch) }
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

/// The page's top bar: the examples menu, the panel toggles and Share (embedded: the menu
/// and a link to the full playground). `teach` is `None` until the engine has arrived.
fn top_bar(
    embed: bool,
    teach: Option<(&Teach, Callback<MouseEvent>)>,
    dispatch: &Dispatch,
) -> Html {
    let (teach, open_full) = teach.unzip();
    let toggle = |panel: Panel| {
        let open = teach.is_some_and(|t| t.is_open(panel));
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
    if embed {
        html! {
            <header class="topbar embed-bar">
                <h1>{ "jobsim" }</h1>
                <ExamplesMenu />
                <a class="open-full" href={dom::link_with_fragment("")} target="_blank" rel="noopener" onclick={open_full}>{ "Open in full playground" }</a>
            </header>
        }
    } else {
        html! {
            <header class="topbar">
                <h1>{ "jobsim" }</h1>
                <p class="tagline">{ "Kubernetes Jobs, simulated in your browser" }</p>
                <ExamplesMenu />
                <nav class="panel-toggles" aria-label="Panels">
                    { for Panel::ALL.into_iter().map(toggle) }
                </nav>
                <button onclick={dispatch.on(Action::Teach(TeachAction::Share))}>{ "Share" }</button>
            </header>
        }
    }
}
