//! Issue 8 as a learner and a tutorial author meet it: the terminal answers the seed guide's
//! kubectl lines and completes names; a share link reopens the same files, seed and moment in
//! a fresh browser, and a damaged one leaves the user's work alone; the embed layout fits an
//! 800×500 frame; the timeline shows one row per attempt and the back-off gaps; every guide
//! block loads and every guide command runs — under a CSP that reports no violation and with
//! no network request after the first load.

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::key::Key;
use jobsim::playground::guide::{self, Block};

use crate::support::{self, Browser};

const TERMINAL: &str = "input[aria-label='Terminal']";
const SCREEN: &str = ".terminal-screen";
/// A Job that always fails: three attempts with back-off between them.
const FAILING: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: always-fails\nspec:\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['sh', '-c', 'echo trying; exit 1']\n";

impl Browser {
    /// Types `line` into the terminal and presses Enter.
    async fn type_line(&self, line: &str) {
        let input = self.terminal_input().await;
        input.send_keys(line).await.expect("type into the terminal");
        input
            .send_keys(&char::from(Key::Enter).to_string())
            .await
            .expect("press Enter");
    }

    async fn terminal_input(&self) -> fantoccini::elements::Element {
        self.client
            .find(Locator::Css(TERMINAL))
            .await
            .expect("the textbox named Terminal")
    }

    /// Scrolls the first element matching `css` to the middle of the window (out from under
    /// the sticky time bar).
    async fn scroll_to(&self, css: &str) {
        let script = format!("document.querySelector({css:?}).scrollIntoView({{block: 'center'}})");
        self.client
            .execute(&script, vec![])
            .await
            .unwrap_or_else(|e| panic!("scroll {css} into view: {e}"));
    }

    async fn screen_text(&self) -> String {
        self.text_of(SCREEN).await.unwrap_or_default()
    }

    /// Starts recording CSP violations and counts the network requests made so far.
    async fn watch_csp_and_network(&self) -> u64 {
        let n = self
            .client
            .execute(
                "window.__csp = []; document.addEventListener('securitypolicyviolation', \
                 e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI)); \
                 return performance.getEntriesByType('resource').length;",
                vec![],
            )
            .await
            .expect("install the CSP listener");
        n.as_u64().unwrap_or(0)
    }

    /// The CSP violations seen and the network requests made since
    /// [`Browser::watch_csp_and_network`].
    async fn csp_and_network(&self) -> (Vec<String>, u64) {
        let v = self
            .client
            .execute(
                "return [window.__csp || [], performance.getEntriesByType('resource').length];",
                vec![],
            )
            .await
            .expect("read the CSP listener");
        let violations = v[0]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|s| s.as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default();
        (violations, v[1].as_u64().unwrap_or(0))
    }
}

#[tokio::test]
async fn the_terminal_answers_guide_commands_completes_names_and_streams_until_ctrl_c() {
    let browser = support::open().await;
    browser.goto("/").await;
    let requests = browser.watch_csp_and_network().await;
    browser.click_button("Terminal").await;
    browser
        .type_line("kubectl apply -f data-processing-job.yaml")
        .await;
    browser
        .wait_for_text(SCREEN, "job.batch/data-processing-job created")
        .await;
    browser.click_button("Pause").await;
    browser.type_line("kubectl get jobs").await;
    browser
        .wait_until("kubectl get jobs prints the table", || async {
            let text = browser.screen_text().await;
            text.contains("COMPLETIONS")
                && text.lines().any(|l| l.starts_with("data-processing-job "))
        })
        .await;

    let input = browser.terminal_input().await;
    input
        .send_keys("kubectl describe job da")
        .await
        .expect("type");
    input
        .send_keys(&char::from(Key::Tab).to_string())
        .await
        .expect("Tab");
    browser
        .wait_until("Tab completes the job's name", || async {
            browser
                .terminal_input()
                .await
                .prop("value")
                .await
                .ok()
                .flatten()
                .as_deref()
                == Some("kubectl describe job data-processing-job ")
        })
        .await;
    input
        .send_keys(&char::from(Key::Enter).to_string())
        .await
        .expect("Enter");
    browser.wait_for_text(SCREEN, "Pods Statuses:").await;

    browser.type_line("kubectl get pods --watch").await;
    browser.click_button("Jump to end").await;
    browser
        .wait_until("the watch streams the pod's completion", || async {
            browser.screen_text().await.contains("Completed")
        })
        .await;
    let ctrl_c = format!("{}c{}", char::from(Key::Control), char::from(Key::Null));
    browser
        .terminal_input()
        .await
        .send_keys(&ctrl_c)
        .await
        .expect("Ctrl+C");
    browser
        .wait_until("Ctrl+C stops the watch", || async {
            browser.screen_text().await.trim_end().ends_with("^C")
        })
        .await;
    browser
        .type_line("kubectl logs job/data-processing-job")
        .await;
    browser
        .wait_for_text(SCREEN, "Data processing completed successfully")
        .await;
    browser.screenshot("teach-terminal").await;

    let input = browser.terminal_input().await;
    input
        .send_keys(&char::from(Key::Up).to_string())
        .await
        .expect("↑");
    assert_eq!(
        input.prop("value").await.ok().flatten().as_deref(),
        Some("kubectl logs job/data-processing-job"),
        "↑ brings back the last line"
    );
    let ctrl_l = format!("{}l{}", char::from(Key::Control), char::from(Key::Null));
    input.send_keys(&ctrl_l).await.expect("Ctrl+L");
    browser
        .wait_until("Ctrl+L clears", || async {
            browser.screen_text().await.trim().is_empty()
        })
        .await;
    let (violations, after) = browser.csp_and_network().await;
    assert!(violations.is_empty(), "CSP violations: {violations:?}");
    assert_eq!(after, requests, "no network request after the first load");
    browser.close().await;
}

#[tokio::test]
async fn a_share_link_reopens_the_same_files_seed_and_moment_and_a_damaged_one_keeps_the_work() {
    let browser = support::open().await;
    browser.goto("/").await;
    browser.set_editor_text(FAILING).await;
    let seed_box = browser
        .client
        .find(Locator::Css("input[aria-label='Seed']"))
        .await
        .expect("the seed box");
    seed_box.clear().await.expect("clear the seed");
    seed_box
        .send_keys(&format!("4242{}", char::from(Key::Enter)))
        .await
        .expect("type a seed");
    browser.click_button("Apply").await;
    browser.click_button("Terminal").await;
    browser.set_speed("10×").await;
    browser
        .wait_until("time runs", || async { browser.sim_ms().await > 8_000 })
        .await;
    browser.click_button("Pause").await;
    browser
        .type_line("kubectl delete pod --all --wait=false")
        .await;
    browser.wait_for_text(SCREEN, "deleted").await;
    browser.click_button("Step").await;
    let (files, seed, clock) = (
        browser.editor_text().await,
        browser.seed().await,
        browser.sim_clock().await,
    );
    assert_eq!(seed, 4242);
    browser.click_button("Share").await;
    let link = browser
        .client
        .find(Locator::Css("input[aria-label='Share link']"))
        .await
        .expect("the share link field")
        .prop("value")
        .await
        .ok()
        .flatten()
        .expect("a link in the field");
    assert!(link.contains("#share=v1."), "{link}");
    browser.screenshot("teach-share").await;
    let path = link
        .strip_prefix(&browser.base_url)
        .expect("a link to this page")
        .to_string();
    let jobs_before = browser.text_of(".cluster-pane").await.unwrap_or_default();
    browser.close().await;

    let fresh = support::open().await;
    fresh.goto(&path).await;
    fresh
        .wait_until("the link replays to the shared moment", || async {
            fresh.sim_clock().await == clock
        })
        .await;
    assert_eq!(fresh.editor_text().await, files);
    assert_eq!(fresh.seed().await, seed);
    assert!(
        fresh.client.find(Locator::Css(TERMINAL)).await.is_ok(),
        "the terminal panel is open again"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(fresh.sim_clock().await, clock, "and stays there, paused");
    assert_eq!(
        fresh.text_of(".cluster-pane").await.unwrap_or_default(),
        jobs_before
    );

    // The user's own work, then a damaged link: the work stays, a message says why.
    fresh.goto("/").await;
    fresh.set_editor_text("# my own work\n").await;
    let damaged = format!(
        "/?again{}",
        &path[..path.len() - 12].replacen("#share=v1.", "#share=v1.!", 1)
    );
    fresh.goto(&damaged).await;
    let notice = fresh.wait_for_text(".notice", "damaged").await;
    assert!(notice.contains("Your own work is unchanged"), "{notice}");
    assert_eq!(fresh.editor_text().await, "# my own work\n");
    fresh.screenshot("teach-damaged-link").await;
    fresh.close().await;
}

#[tokio::test]
async fn the_embed_layout_fits_800_by_500_and_links_to_the_full_playground() {
    let browser = support::open_sized(800, 500).await;
    browser
        .goto("/?embed&terminal&example=parallel-job&autoplay")
        .await;
    assert!(
        browser
            .editor_text()
            .await
            .contains("parallel-processing-job")
    );
    browser
        .wait_until("autoplay runs the example", || async {
            browser.sim_ms().await > 500
        })
        .await;
    browser
        .client
        .find(Locator::Css(TERMINAL))
        .await
        .expect("&terminal shows the terminal");
    let size = browser
        .client
        .execute(
            "const d = document.documentElement; return [innerWidth, innerHeight, d.scrollWidth, d.scrollHeight];",
            vec![],
        )
        .await
        .expect("measure the page");
    let [w, h, sw, sh] = [0, 1, 2, 3].map(|i| size[i].as_u64().unwrap_or(u64::MAX));
    assert!(
        w <= 800 && h <= 500,
        "the window is at most 800×500: {w}×{h}"
    );
    assert!(
        sw <= w && sh <= h,
        "nothing overflows the frame: {sw}×{sh} in {w}×{h}"
    );
    let open = browser
        .client
        .find(Locator::LinkText("Open in full playground"))
        .await
        .expect("the link to the full playground");
    browser.screenshot("teach-embed").await;
    // The href is made at the click (same state, without embed); a middle click would open
    // it: read it after a synthetic click that is prevented from navigating.
    let href = browser
        .client
        .execute(
            "const a = arguments[0]; a.addEventListener('click', e => e.preventDefault(), {once: true}); \
             a.click(); return a.href;",
            vec![serde_json::to_value(&open).expect("element as a script argument")],
        )
        .await
        .expect("click the link");
    let href = href.as_str().unwrap_or_default();
    assert!(
        href.contains("#share=v1.") && !href.contains("embed"),
        "{href}"
    );
    browser.close().await;
}

#[tokio::test]
async fn the_timeline_shows_a_row_per_attempt_and_the_back_off_gaps() {
    let browser = support::open().await;
    browser.goto("/").await;
    browser.set_editor_text(FAILING).await;
    browser.click_button("Apply").await;
    browser.click_button("Jump to end").await;
    browser
        .wait_for_finished_jobs(&["always-fails".to_string()])
        .await;
    browser.click_button("Timeline").await;
    browser
        .wait_until("three rows, one per attempt", || async {
            browser
                .client
                .find_all(Locator::Css("svg.timeline-chart g.tl-row"))
                .await
                .map_or(0, |r| r.len())
                == 3
        })
        .await;
    let gaps = browser
        .client
        .find_all(Locator::Css("svg.timeline-chart g.gap"))
        .await
        .expect("gaps");
    assert_eq!(
        gaps.len(),
        2,
        "a back-off gap before the second and third attempts"
    );
    let failed = browser
        .client
        .find_all(Locator::Css("g.marker.failed"))
        .await
        .expect("markers");
    assert_eq!(failed.len(), 1, "the Job's Failed instant");
    let summary = browser
        .text_of("#timeline-summary")
        .await
        .unwrap_or_default();
    assert!(summary.starts_with("3 rows (3 pods)"), "{summary}");
    browser.screenshot("teach-timeline").await;
    browser.click_button("Zoom in").await;
    browser
        .wait_until("zooming in narrows the window", || async {
            browser
                .text_of("#timeline-summary")
                .await
                .unwrap_or_default()
                != summary
        })
        .await;
    browser.click_button("Whole run").await;
    browser.close().await;
}

#[tokio::test]
async fn every_guide_block_loads_and_every_guide_command_runs() {
    let browser = support::open().await;
    browser.goto("/").await;
    let requests = browser.watch_csp_and_network().await;
    browser.click_button("Guide").await;
    let sections = guide::sections();
    let files: Vec<(String, String)> = sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Yaml {
                file: Some(f),
                text,
            } => Some((f.clone(), text.clone())),
            _ => None,
        })
        .collect();
    for (file, text) in &files {
        browser.click_button(&format!("Load {file}")).await;
        browser
            .wait_until(&format!("{file} loads into the editor"), || async {
                browser.editor_text().await == *text
            })
            .await;
        let name = browser
            .text_of(".editor-pane .file-name")
            .await
            .unwrap_or_default();
        assert_eq!(name, *file);
    }
    browser
        .client
        .execute(
            "document.querySelector('.guide-pane').scrollIntoView()",
            vec![],
        )
        .await
        .expect("scroll to the guide");
    browser.screenshot("teach-guide").await;
    let runs = browser
        .client
        .find_all(Locator::Css(".guide-commands button"))
        .await
        .expect("the guide's command buttons");
    let commands: Vec<String> = sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Commands(c) => Some(c.clone()),
            _ => None,
        })
        .flatten()
        .map(|c| c.text)
        .collect();
    assert_eq!(runs.len(), commands.len(), "a button per guide command");
    let mut seen = std::collections::BTreeMap::new();
    for (button, command) in runs.iter().zip(&commands) {
        let label = button.text().await.unwrap_or_default();
        button.click().await.expect("click Run");
        let first_line = command.lines().next().unwrap_or_default().to_string();
        if label == "Run" {
            let echo = format!("$ {first_line}");
            let before = seen.get(&echo).copied().unwrap_or(0);
            let ran = browser
                .poll_until(|| async {
                    browser.screen_text().await.matches(&echo).count() > before
                })
                .await;
            if !ran {
                // Say what the terminal showed, so a failure here can be explained.
                let screen = browser.screen_text().await;
                let tail: String = screen
                    .chars()
                    .rev()
                    .take(1500)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                panic!(
                    "timed out waiting until `{first_line}` runs in the terminal; the screen ends with:\n{tail}"
                );
            }
            seen.insert(
                echo.clone(),
                browser.screen_text().await.matches(&echo).count(),
            );
        } else {
            browser
                .wait_until(&format!("`{first_line}` goes into the prompt"), || async {
                    browser
                        .terminal_input()
                        .await
                        .prop("value")
                        .await
                        .ok()
                        .flatten()
                        .as_deref()
                        == Some(command.as_str())
                })
                .await;
        }
    }
    let screen = browser.screen_text().await;
    assert!(!screen.contains("command not found"), "{screen}");
    // The cleanup commands deleted everything: run Exercise 2's two Jobs again.
    for button in browser
        .client
        .find_all(Locator::Css(
            ".guide-commands button[aria-label^='Run: cat <<EOF']",
        ))
        .await
        .expect("Exercise 2's commands")
    {
        button.click().await.expect("click Run");
    }
    browser.click_button("Jump to end").await;
    let check = browser
        .wait_for_text(".guide-checks", "sequential-job took")
        .await;
    assert!(check.contains("parallel-job-demo took"), "{check}");
    browser.screenshot("teach-guide-checks").await;
    let (violations, after) = browser.csp_and_network().await;
    assert!(violations.is_empty(), "CSP violations: {violations:?}");
    assert_eq!(after, requests, "no network request after the first load");
    browser.close().await;
}

#[tokio::test]
async fn the_evict_button_evicts_a_running_pod_through_the_eviction_api() {
    let browser = support::open().await;
    browser.goto("/").await;
    browser.click_button("Apply").await;
    browser.click_button("Terminal").await;
    browser.set_speed("10×").await;
    browser
        .wait_until("the pod runs", || async {
            browser
                .client
                .find(Locator::Css("button.tile[data-status='Running']"))
                .await
                .is_ok()
        })
        .await;
    browser.click_button("Pause").await;
    // The terminal pane scrolled the page: bring the tile out from under the sticky time bar.
    browser
        .scroll_to("button.tile[data-status='Running']")
        .await;
    browser
        .client
        .find(Locator::Css("button.tile[data-status='Running']"))
        .await
        .expect("a running pod's tile")
        .click()
        .await
        .expect("open the pod");
    browser.scroll_to("[aria-label='Scenario actions']").await;
    browser.click_button("Evict pod").await;
    let screen = browser.wait_for_text(SCREEN, "\"code\":201").await;
    assert!(
        screen.contains("kubectl create --raw /api/v1/namespaces/default/pods/"),
        "the button runs the Eviction API call as a kubectl line: {screen}"
    );
    browser
        .type_line("kubectl get pods -o jsonpath='{.items[0].status.conditions[?(@.type==\"DisruptionTarget\")].reason}'")
        .await;
    browser.wait_for_text(SCREEN, "EvictionByEvictionAPI").await;
    browser.screenshot("teach-evicted").await;
    browser.close().await;
}
