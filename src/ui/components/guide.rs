//! The Guide panel: the seed guide's sections; each YAML block has a Load button (into the
//! editor under its file name), each command a Run button (into the terminal; a command with
//! a `<job-name>` placeholder goes into the prompt to be completed). The Hands-On Exercises
//! show their automatic checks (`playground::guide`).

use std::rc::Rc;

use yew::prelude::*;

use crate::playground::Action;
use crate::playground::guide::{Block, Section};
use crate::playground::teach::{Checks, TeachAction};
use crate::ui::store::use_dispatch;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub checks: Rc<Checks>,
    /// The guide, split by the engine (finding where a command ends takes the shell's parser).
    pub sections: Rc<Vec<Section>>,
}

fn check(title: &str, text: &Option<String>, hint: &str) -> Html {
    html! {
        <div class="check" role="status" aria-label={title.to_string()}>
            <strong>{ title }</strong>{ " " }
            { match text { Some(text) => html! { <span class="check-result">{ text }</span> }, None => html! { <span class="hint">{ hint }</span> } } }
        </div>
    }
}

#[component(GuidePane)]
pub fn guide_pane(props: &Props) -> Html {
    let dispatch = use_dispatch();
    let sections = &props.sections;
    let teach = |a: TeachAction| Action::Teach(a);
    let block = |block: &Block| -> Html {
        match block {
            Block::Text(text) => html! {
                { for text.split("\n\n").map(|p| html! { <p class="guide-text">{ p }</p> }) }
            },
            Block::Code(code) => html! { <pre class="guide-code">{ code }</pre> },
            Block::Yaml { file, text } => html! {
                <div class="guide-yaml">
                    if let Some(file) = file {
                        <div class="guide-actions">
                            <code>{ file }</code>
                            <button aria-label={format!("Load {file}")} onclick={dispatch.on(teach(TeachAction::LoadFile { file_name: file.clone(), text: text.clone() }))}>{ "Load" }</button>
                        </div>
                    }
                    <pre class="guide-code">{ text }</pre>
                </div>
            },
            Block::Commands(commands) => html! {
                <ul class="guide-commands">
                    { for commands.iter().map(|c| {
                        let action = if c.has_placeholder { TeachAction::TypeLine(c.text.clone()) } else { TeachAction::RunLine(c.text.clone()) };
                        let label = if c.has_placeholder { "Type" } else { "Run" };
                        html! {
                            <li>
                                <button aria-label={format!("{label}: {}", c.text)} title={if c.has_placeholder { "Put into the terminal to fill in the name" } else { "Run in the terminal" }}
                                    onclick={dispatch.on(teach(action))}>{ label }</button>
                                <pre class="guide-command"><code>{ &c.text }</code></pre>
                            </li>
                        }
                    }) }
                </ul>
            },
        }
    };
    html! {
        <section class="guide-pane" aria-label="Guide">
            <div class="pane-head"><h2>{ "Guide: Kubernetes Jobs" }</h2></div>
            <div class="guide-checks">
                { check("Exercise 1:", &props.checks.exercise1, "apply failing-job-demo.yaml and run it to the end to see how many attempts this seed needed.") }
                { check("Exercise 2:", &props.checks.exercise2, "run sequential-job and parallel-job-demo to the end to compare their durations.") }
            </div>
            <div class="guide-scroll">
                { for sections.iter().map(|s| html! {
                    <article class="guide-section">
                        if !s.title.is_empty() {
                            if s.level <= 2 { <h3>{ &s.title }</h3> } else { <h4>{ &s.title }</h4> }
                        }
                        { for s.blocks.iter().map(block) }
                    </article>
                }) }
            </div>
        </section>
    }
}
