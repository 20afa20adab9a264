//! The time controls: pause holds time, Step advances exactly to the next event, the
//! scrubber goes back to an earlier state (which the core confirms), and the details panel
//! follows a pod.

use std::time::Duration;

use fantoccini::Locator;
use jobsim::playground::{self, Action};

use crate::page::native_run;
use crate::support;

#[tokio::test]
async fn pause_holds_time_step_advances_one_event_and_scrubbing_goes_back() {
    let browser = support::open().await;
    browser.goto("/").await;
    let seed = browser.seed().await;
    browser.choose_example("sequential-job.yaml").await;
    browser.click_button("Apply").await;
    browser
        .wait_until("the clock runs after Apply", || async {
            browser.sim_ms().await > 300
        })
        .await;

    browser.click_button("Pause").await;
    let paused_at = browser.sim_ms().await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(browser.sim_ms().await, paused_at, "pause holds time");
    browser.screenshot("time-paused").await;

    for _ in 0..3 {
        let next: u64 = browser
            .attr_of("button[data-next-ms]", "data-next-ms")
            .await
            .and_then(|v| v.parse().ok())
            .expect("Step knows the next event");
        let before = browser.sim_ms().await;
        assert!(next >= before);
        browser.click_button("Step").await;
        browser
            .wait_until("the clock reaches the next event", || async {
                browser.sim_ms().await == next
            })
            .await;
    }
    browser.screenshot("time-stepped").await;

    browser.click_button("Jump to end").await;
    let finished = browser
        .wait_for_finished_jobs(&["sequential-job".to_string()])
        .await;
    assert_eq!(finished[0].1.completions, "4/4");
    let end = browser.sim_ms().await;
    browser.screenshot("time-at-end").await;

    // Back to 20 s: the page shows what the core shows at 20 s.
    let mut expected = native_run("sequential-job.yaml", seed);
    playground::reduce(&mut expected, Action::Seek(20_000));
    let mut wall = 0.0;
    while expected.clock.needs_ticks() {
        wall += 16.0;
        playground::reduce(&mut expected, Action::Tick { wall_ms: wall });
    }
    let want = &expected.view.jobs[0];
    browser.scrub_to(20_000).await;
    browser
        .wait_until("the clock shows 20 s", || async {
            browser.sim_ms().await == 20_000
        })
        .await;
    assert_eq!(browser.sim_clock().await, "00:00:20.000");
    let card = browser.card("sequential-job").await.expect("the card");
    assert_eq!(
        (card.status.as_str(), card.completions.as_str()),
        (want.status.as_str(), want.completions.as_str())
    );
    assert_ne!(card.completions, "4/4", "an earlier state");
    let max = browser
        .attr_of("input[aria-label='Scrub simulated time']", "max")
        .await;
    assert_eq!(
        max,
        Some(end.to_string()),
        "the scrubber still reaches the end"
    );
    browser.screenshot("time-scrubbed-back").await;

    // Open a pod's details: describe first, then its logs.
    let tile = browser
        .client
        .find(Locator::Css("article[data-job='sequential-job'] .tile"))
        .await
        .expect("a pod tile");
    tile.click().await.expect("open the pod's details");
    let describe = browser.wait_for_text(".details-text", "Name:").await;
    assert!(
        describe.contains("Controlled By:  Job/sequential-job"),
        "{describe}"
    );
    browser.click_button("Logs").await;
    browser
        .wait_for_text(".details .command", "kubectl logs")
        .await;
    browser.screenshot("details-pod-logs").await;
    browser.click_button("Close details").await;
    browser.close().await;
}
