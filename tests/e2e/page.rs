//! The playground page as a user sees it, for the end-to-end tests: choosing an example,
//! reading a Job card, the simulated clock and the time controls; and the same steps run
//! natively through `jobsim::playground`, so expectations come from the core itself.

use std::time::Duration;

use fantoccini::Locator;
use jobsim::playground::{self, Action, State, examples};

use crate::support::Browser;

/// What a Job card shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardText {
    pub status: String,
    pub completions: String,
    pub duration: String,
}

/// Runs `file_name` natively as the page does (load, Apply at 0, run to the end) with
/// `seed`; returns the core's state.
pub fn native_run(file_name: &str, seed: u64) -> State {
    let mut state = State::default();
    let i = examples::ALL
        .iter()
        .position(|e| e.file_name == file_name)
        .expect("a known example");
    playground::reduce(&mut state, Action::SetSeed(seed));
    playground::reduce(&mut state, Action::LoadExample(i));
    playground::reduce(&mut state, Action::Apply);
    playground::reduce(&mut state, Action::JumpToEnd);
    let mut wall = 0.0;
    while state.clock.needs_ticks() {
        wall += 16.0;
        playground::reduce(&mut state, Action::Tick { wall_ms: wall });
    }
    state
}

/// The card texts of a native state, by Job name.
pub fn native_cards(state: &State) -> Vec<(String, CardText)> {
    state
        .view
        .jobs
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                CardText {
                    status: c.status.clone(),
                    completions: c.completions.clone(),
                    duration: c.duration.clone(),
                },
            )
        })
        .collect()
}

impl Browser {
    /// Picks `file_name` in the Examples menu.
    pub async fn choose_example(&self, file_name: &str) {
        let i = examples::ALL
            .iter()
            .position(|e| e.file_name == file_name)
            .expect("a known example");
        self.client
            .find(Locator::Css("select[aria-label='Examples']"))
            .await
            .expect("the Examples menu")
            .select_by_value(&i.to_string())
            .await
            .expect("choose the example");
        let wanted = examples::ALL[i].yaml;
        self.wait_until(&format!("the editor shows {file_name}"), || async move {
            self.editor_text().await == wanted
        })
        .await;
    }

    /// Polls `check` every 50 ms for up to 30 s.
    pub async fn wait_until<F, Fut>(&self, what: &str, check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        if !self.poll_until(check).await {
            panic!("timed out waiting until {what}");
        }
    }

    /// Polls `check` every 50 ms for up to 30 s; whether it came true.
    pub async fn poll_until<F, Fut>(&self, mut check: F) -> bool
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        for _ in 0..600 {
            if check().await {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        false
    }

    /// Text of the first element matching `css`, if any.
    pub async fn text_of(&self, css: &str) -> Option<String> {
        let element = self.client.find(Locator::Css(css)).await.ok()?;
        element.text().await.ok()
    }

    /// An attribute of the first element matching `css`.
    pub async fn attr_of(&self, css: &str, attr: &str) -> Option<String> {
        let element = self.client.find(Locator::Css(css)).await.ok()?;
        element.attr(attr).await.ok().flatten()
    }

    /// What the card of Job `name` shows.
    pub async fn card(&self, name: &str) -> Option<CardText> {
        let base = format!("article[data-job='{name}']");
        Some(CardText {
            status: self.text_of(&format!("{base} .job-status")).await?,
            completions: self.text_of(&format!("{base} .completions")).await?,
            duration: self.text_of(&format!("{base} .duration")).await?,
        })
    }

    /// The simulated clock in milliseconds.
    pub async fn sim_ms(&self) -> u64 {
        self.attr_of("output.sim-time", "data-ms")
            .await
            .and_then(|v| v.parse().ok())
            .expect("the simulated clock shows its milliseconds")
    }

    /// The simulated clock as shown (`00:00:12.345`).
    pub async fn sim_clock(&self) -> String {
        self.text_of("output.sim-time")
            .await
            .expect("the simulated clock")
    }

    /// The seed in the seed box.
    pub async fn seed(&self) -> u64 {
        self.client
            .find(Locator::Css("input[aria-label='Seed']"))
            .await
            .expect("the seed box")
            .prop("value")
            .await
            .ok()
            .flatten()
            .and_then(|v| v.parse().ok())
            .expect("a number in the seed box")
    }

    /// Waits until every Job card shows Complete or Failed; returns the cards.
    pub async fn wait_for_finished_jobs(&self, names: &[String]) -> Vec<(String, CardText)> {
        let mut cards = Vec::new();
        for name in names {
            let mut found = None;
            for _ in 0..1200 {
                if let Some(card) = self.card(name).await
                    && (card.status == "Complete" || card.status == "Failed")
                {
                    found = Some(card);
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            let card = found.unwrap_or_else(|| panic!("job {name} never finished on the page"));
            cards.push((name.clone(), card));
        }
        cards
    }

    /// Moves the scrubber to `ms` as a drag would (sets the value, fires `input`).
    pub async fn scrub_to(&self, ms: u64) {
        self.client
            .execute(
                "const s = document.querySelector(\"input[aria-label='Scrub simulated time']\");\
                 s.value = String(arguments[0]);\
                 s.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![serde_json::json!(ms)],
            )
            .await
            .expect("move the scrubber");
    }

    /// Chooses a speed by its label (`100×`).
    pub async fn set_speed(&self, label: &str) {
        self.client
            .find(Locator::Css("select[aria-label='Speed']"))
            .await
            .expect("the speed menu")
            .select_by_label(label)
            .await
            .expect("choose the speed");
    }
}
