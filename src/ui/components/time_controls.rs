//! The time controls: play/pause, step, jump to the end, speed, the simulated clock, the
//! scrubber, the seed and reset.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::playground::Action;
use crate::playground::view::ClockView;
use crate::ui::store::use_dispatch;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub clock: ClockView,
}

/// The toolbar that drives simulated time.
#[component(TimeControls)]
pub fn time_controls(props: &Props) -> Html {
    let dispatch = use_dispatch();
    let clock = &props.clock;
    let (play_label, play_icon, play_action) = if clock.playing {
        ("Pause", "icon-pause", Action::Pause)
    } else {
        ("Play", "icon-play", Action::Play)
    };
    let on_speed = dispatch.with(|event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        Action::SetSpeed(
            select
                .value()
                .parse()
                .unwrap_or(crate::playground::clock::DEFAULT_SPEED),
        )
    });
    let on_scrub = dispatch.with(|event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        Action::Seek(
            input
                .value()
                .parse::<f64>()
                .map_or(0, |v| v.max(0.0) as u64),
        )
    });
    let on_seed = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Ok(seed) = input.value().trim().parse::<u64>() {
                dispatch.0.emit(Action::SetSeed(seed));
            }
        })
    };
    let step_title = match &clock.next_event {
        Some(at) => format!("Step to the next event ({at})"),
        None => "Nothing is scheduled".to_string(),
    };
    let status = if clock.working {
        "working…"
    } else if clock.settled && clock.now_ms > 0 {
        "all Jobs finished"
    } else {
        ""
    };
    html! {
        <section class="timebar" role="toolbar" aria-label="Time controls">
            <div class="buttons">
                <button class="play" aria-label={play_label} title={play_label} onclick={dispatch.on(play_action)}>
                    <span class={classes!("icon", play_icon)} aria-hidden="true"></span>{ play_label }
                </button>
                <button title={step_title} data-next-ms={clock.next_event_ms.map(|ms| ms.to_string())} disabled={clock.next_event.is_none()} onclick={dispatch.on(Action::Step)}>{ "Step" }</button>
                <button title="Run until every Job has finished" onclick={dispatch.on(Action::JumpToEnd)}>{ "Jump to end" }</button>
                <label class="speed">
                    { "Speed " }
                    <select aria-label="Speed" onchange={on_speed}>
                        { for clock.speeds.iter().enumerate().map(|(i, label)| html! {
                            <option value={i.to_string()} selected={i == clock.speed}>{ *label }</option>
                        }) }
                    </select>
                </label>
            </div>
            <div class="clock" title="Simulated time since the cluster started">
                <output class="sim-time" aria-label="Simulated time" data-ms={clock.now_ms.to_string()}>{ &clock.now }</output>
                <span class="wall-time">{ &clock.wall }</span>
                <span class="clock-status" role="status">{ status }</span>
            </div>
            <input class="scrubber" type="range" aria-label="Scrub simulated time"
                min="0" max={clock.horizon_ms.to_string()} step="100"
                value={clock.now_ms.to_string()} oninput={on_scrub} />
            <div class="seed">
                <label>
                    { "Seed " }
                    <input type="number" aria-label="Seed" min="0" value={clock.seed.to_string()} onchange={on_seed} />
                </label>
                <button title="Rerun with another seed" onclick={dispatch.on(Action::NewSeed)}>{ "New seed" }</button>
                <button title="Empty the cluster and start over" onclick={dispatch.on(Action::Reset)}>{ "Reset" }</button>
            </div>
        </section>
    }
}
