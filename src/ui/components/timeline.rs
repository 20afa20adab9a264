//! The timeline chart (SVG): a row per pod or index lane, bars by state with patterns and a
//! legend, restart marks, back-off gaps, deadline/TTL/Complete/Failed markers; each bar and
//! row has its details as a tooltip (`<title>`), rows are focusable. Zoom and pan by buttons
//! or the wheel; "Export SVG" downloads the chart as drawn. Geometry: `playground::chart`.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::playground::Action;
use crate::playground::chart::{self, Chart, Zoom, state_class};
use crate::playground::teach::TeachAction;
use crate::playground::timeline::State;
use crate::ui::store::use_dispatch;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub chart: Option<Rc<Chart>>,
}

const LEGEND: [State; 6] = [
    State::Pending,
    State::Running,
    State::BackOff,
    State::Terminating,
    State::Succeeded,
    State::Failed,
];

fn patterns() -> Html {
    html! {
        <defs>
            <pattern id="tl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <line x1="0" y1="0" x2="0" y2="6" class="hatch" />
            </pattern>
            <pattern id="tl-dots" width="5" height="5" patternUnits="userSpaceOnUse">
                <circle cx="2.5" cy="2.5" r="1" class="dot" />
            </pattern>
        </defs>
    }
}

fn bar_overlay(state: State) -> Option<&'static str> {
    match state {
        State::Failed | State::Terminating => Some("url(#tl-hatch)"),
        State::Pending | State::BackOff => Some("url(#tl-dots)"),
        _ => None,
    }
}

fn draw(chart: &Chart) -> Html {
    let plot_end = chart::WIDTH - 8.0;
    html! {
        <>
            { patterns() }
            <g class="axis">
                { for chart.ticks.iter().map(|t| html! {
                    <g>
                        <line x1={t.x.to_string()} x2={t.x.to_string()} y1="16" y2={chart.height.to_string()} class="grid" />
                        <text x={t.x.to_string()} y="12" text-anchor="middle">{ &t.label }</text>
                    </g>
                }) }
            </g>
            { for chart.rows.iter().map(|row| {
                let y = row.y;
                let mid = y + chart::ROW_HEIGHT / 2.0;
                html! {
                    <g class="tl-row" tabindex="0" aria-label={row.title.clone()}>
                        <title>{ &row.title }</title>
                        if row.first_of_job {
                            <line x1="0" x2={plot_end.to_string()} y1={y.to_string()} y2={y.to_string()} class="job-separator" />
                        }
                        <text x="4" y={(mid + 4.0).to_string()} class="row-label">{ clip_label(&row.label) }</text>
                        { for row.gaps.iter().map(|g| html! {
                            <g class="gap">
                                <title>{ &g.title }</title>
                                <line x1={g.x.to_string()} x2={(g.x + g.width).to_string()} y1={mid.to_string()} y2={mid.to_string()} />
                                <text x={(g.x + g.width / 2.0).to_string()} y={(mid + 4.0).to_string()} text-anchor="middle">{ "back-off" }</text>
                            </g>
                        }) }
                        { for row.bars.iter().map(|b| {
                            // Finished pods stay as thin bars: the attempts and the gaps stand out.
                            let (top, height) = if matches!(b.state, State::Succeeded | State::Failed) {
                                (y + 8.0, chart::ROW_HEIGHT - 16.0)
                            } else {
                                (y + 3.0, chart::ROW_HEIGHT - 6.0)
                            };
                            let (x, w, by, h) = (b.x.to_string(), b.width.to_string(), top.to_string(), height.to_string());
                            html! {
                                <g class={classes!("bar", state_class(b.state))}>
                                    <title>{ &b.title }</title>
                                    <rect x={x.clone()} y={by.clone()} width={w.clone()} height={h.clone()} rx="2" />
                                    if let Some(fill) = bar_overlay(b.state) {
                                        <rect x={x} y={by} width={w} height={h} rx="2" fill={fill} class="overlay" />
                                    }
                                </g>
                            }
                        }) }
                        { for row.restarts.iter().map(|x| html! {
                            <path class="restart" d={format!("M{x} {} l-4 -6 h8 z", y + 8.0)}><title>{ "container restart" }</title></path>
                        }) }
                    </g>
                }
            }) }
            { for chart.markers.iter().map(|m| html! {
                <g class={classes!("marker", m.label.to_lowercase())}>
                    <title>{ &m.title }</title>
                    <line x1={m.x.to_string()} x2={m.x.to_string()} y1="16" y2={chart.height.to_string()} />
                    <text x={(m.x - 3.0).to_string()} y={(chart.height - 4.0).to_string()} text-anchor="end">{ m.label }</text>
                </g>
            }) }
        </>
    }
}

fn clip_label(label: &str) -> String {
    if label.chars().count() > 28 {
        let head: String = label.chars().take(27).collect();
        format!("{head}…")
    } else {
        label.to_string()
    }
}

/// Downloads the drawn SVG (serialized from the page, never parsed back in).
fn export(svg: &NodeRef) {
    let Some(svg) = svg.cast::<Element>() else {
        return;
    };
    let text = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
        svg.outer_html()
    );
    let parts = js_sys_array(&text);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(document) = web_sys::window().and_then(|w| w.document())
        && let Ok(a) = document.create_element("a")
        && let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        a.set_href(&url);
        a.set_download("jobsim-timeline.svg");
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn js_sys_array(text: &str) -> wasm_bindgen::JsValue {
    let array = web_sys::js_sys::Array::new();
    array.push(&wasm_bindgen::JsValue::from_str(text));
    array.into()
}

#[component(TimelinePane)]
pub fn timeline_pane(props: &Props) -> Html {
    let dispatch = use_dispatch();
    let svg = use_node_ref();
    let zoom = |z: Zoom| Action::Teach(TeachAction::Zoom(z));
    let onwheel = dispatch.with(move |event: WheelEvent| {
        event.prevent_default();
        let target: Element = event
            .current_target()
            .and_then(|t| t.dyn_into().ok())
            .unwrap_or_else(|| event.target_unchecked_into());
        let width = f64::from(target.client_width().max(1));
        let x = f64::from(event.offset_x()) * chart::WIDTH / width;
        let at = Some(
            (x - chart::LABEL_WIDTH) / (chart::WIDTH - chart::LABEL_WIDTH - chart::PLOT_MARGIN),
        );
        if event.shift_key() || event.delta_x().abs() > event.delta_y().abs() {
            let by = if event.delta_x() + event.delta_y() > 0.0 {
                0.2
            } else {
                -0.2
            };
            zoom(Zoom::Pan(by))
        } else if event.delta_y() < 0.0 {
            zoom(Zoom::In { at })
        } else {
            zoom(Zoom::Out { at })
        }
    });
    let on_export = {
        let svg = svg.clone();
        Callback::from(move |_: MouseEvent| export(&svg))
    };
    html! {
        <section class="timeline-pane" aria-label="Timeline">
            <div class="pane-head">
                <h2>{ "Timeline" }</h2>
                if let Some(chart) = &props.chart {
                    <span class="hint" id="timeline-summary">{ &chart.summary }</span>
                }
                <div class="buttons">
                    <button aria-label="Zoom in" title="Zoom in (wheel up)" onclick={dispatch.on(zoom(Zoom::In { at: None }))}>{ "+" }</button>
                    <button aria-label="Zoom out" title="Zoom out (wheel down)" onclick={dispatch.on(zoom(Zoom::Out { at: None }))}>{ "−" }</button>
                    <button aria-label="Earlier" title="Pan earlier (Shift+wheel)" onclick={dispatch.on(zoom(Zoom::Pan(-0.5)))}>{ "◀" }</button>
                    <button aria-label="Later" title="Pan later (Shift+wheel)" onclick={dispatch.on(zoom(Zoom::Pan(0.5)))}>{ "▶" }</button>
                    <button onclick={dispatch.on(zoom(Zoom::Reset))}>{ "Whole run" }</button>
                    <button onclick={on_export}>{ "Export SVG" }</button>
                </div>
            </div>
            <ul class="tl-legend" aria-label="Timeline legend">
                { for LEGEND.iter().map(|s| html! {
                    <li><svg width="22" height="12" aria-hidden="true" class={classes!("bar", state_class(*s))}>
                        <rect x="0" y="0" width="22" height="12" rx="2" />
                        if let Some(fill) = bar_overlay(*s) { <rect x="0" y="0" width="22" height="12" rx="2" fill={fill} class="overlay" /> }
                    </svg>{ s.as_str() }</li>
                }) }
                <li><span class="legend-gap" aria-hidden="true"></span>{ "back-off gap" }</li>
                <li>{ "▼ restart" }</li>
            </ul>
            <div class="timeline-scroll" {onwheel}>
                if let Some(chart) = &props.chart {
                    if chart.rows.is_empty() {
                        <p class="hint">{ "No pods yet: apply a Job and the chart fills in as time runs." }</p>
                    } else {
                        <svg ref={svg} xmlns="http://www.w3.org/2000/svg" class="timeline-chart" role="img"
                            aria-describedby="timeline-summary"
                            viewBox={format!("0 0 {} {}", chart.width, chart.height)}
                            width={chart.width.to_string()} height={chart.height.to_string()}>
                            { draw(chart) }
                        </svg>
                    }
                }
            </div>
        </section>
    }
}
