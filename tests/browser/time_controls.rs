//! The time controls: Play and Pause swap, Step moves the clock to the next event, the
//! scrubber goes back, the speed menu and the seed box drive the run.

use wasm_bindgen_test::*;

use crate::support::{mount, wait};

#[wasm_bindgen_test]
async fn play_pause_step_and_scrub() {
    let page = mount(false).await;
    assert_eq!(page.sim_ms(), 0);
    assert!(page.find("button[aria-label='Play']").is_some());
    page.click("Apply").await;
    page.click("Pause").await;
    let paused = page.sim_ms();
    wait(200).await;
    assert_eq!(page.sim_ms(), paused, "pause holds time");

    let next: u64 = page
        .find("button[data-next-ms]")
        .and_then(|b| b.get_attribute("data-next-ms"))
        .and_then(|v| v.parse().ok())
        .expect("Step shows the next event");
    page.click("Step").await;
    assert_eq!(page.sim_ms(), next, "Step goes to exactly the next event");

    page.click("Jump to end").await;
    page.wait_until("the run settles", |p| {
        p.text(".clock-status") == "all Jobs finished"
    })
    .await;
    let end = page.sim_ms();
    page.scrub(1_000).await;
    page.wait_until("the clock is back at 1 s", |p| p.sim_ms() == 1_000)
        .await;
    assert_eq!(page.text("output.sim-time"), "00:00:01.000");
    let max = page
        .find("input[aria-label='Scrub simulated time']")
        .and_then(|s| s.get_attribute("max"));
    assert_eq!(max, Some(end.to_string()));
    page.remove();
}

#[wasm_bindgen_test]
async fn speed_makes_the_clock_run_faster() {
    let page = mount(false).await;
    page.click("Apply").await;
    page.choose("Speed", "8").await; // 1000×
    wait(300).await;
    assert!(
        page.sim_ms() > 30_000,
        "1000× for 0.3 s is minutes: {}",
        page.sim_ms()
    );
    page.remove();
}

#[wasm_bindgen_test]
async fn a_new_seed_reruns_and_shows_it() {
    let page = mount(false).await;
    let seed = |p: &crate::support::Page| {
        p.get::<web_sys::HtmlInputElement>("input[aria-label='Seed']")
            .value()
    };
    assert_eq!(seed(&page), jobsim::playground::DEFAULT_SEED.to_string());
    page.click("Apply").await;
    page.click("New seed").await;
    assert_eq!(
        seed(&page),
        jobsim::playground::next_seed(jobsim::playground::DEFAULT_SEED).to_string()
    );
    page.wait_until("the Job is back after the rerun", |p| {
        p.find("article[data-job='data-processing-job']").is_some()
    })
    .await;
    page.click("Reset").await;
    assert_eq!(page.sim_ms(), 0);
    assert!(page.find("article[data-job]").is_none());
    page.remove();
}
