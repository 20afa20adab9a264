//! The playground as a learner uses it: every seed-guide example from the Examples menu,
//! Apply, run at high speed, and the page's final Job status equals the core's; a broken
//! manifest shows its marker; the editor survives a reload, and a simulator that cannot be
//! fetched.

use fantoccini::key::Key;
use jobsim::playground::examples::{self, Source};

use crate::page::{native_cards, native_run};
use crate::support;

fn seconds(duration: &str) -> u64 {
    // kubectl's HumanDuration below two minutes: `48s`; above: `2m5s`.
    let (minutes, rest) = duration.split_once('m').unwrap_or(("0", duration));
    let secs: u64 = rest.trim_end_matches('s').parse().unwrap_or(0);
    minutes.parse::<u64>().unwrap_or(0) * 60 + secs
}

#[tokio::test]
async fn every_seed_guide_example_runs_to_the_cores_result() {
    let browser = support::open().await;
    browser.goto("/").await;
    let seed = browser.seed().await;
    let mut durations = std::collections::BTreeMap::new();
    let guide = examples::ALL
        .iter()
        .filter(|e| e.source == Source::SeedGuide);
    for (n, example) in guide.enumerate() {
        browser.click_button("Reset").await;
        browser.choose_example(example.file_name).await;
        browser.click_button("Apply").await;
        let expected = native_cards(&native_run(example.file_name, seed));
        let names: Vec<String> = expected.iter().map(|(name, _)| name.clone()).collect();
        if n % 2 == 0 {
            browser.click_button("Jump to end").await;
        } else {
            browser.set_speed("1000×").await;
        }
        let shown = browser.wait_for_finished_jobs(&names).await;
        assert_eq!(shown, expected, "{} with seed {seed}", example.file_name);
        let stem = example.file_name.trim_end_matches(".yaml");
        browser.screenshot(&format!("example-{stem}")).await;
        for (name, card) in shown {
            durations.insert(name, seconds(&card.duration));
        }
        browser.set_speed("1×").await;
    }
    let (sequential, parallel) = (durations["sequential-job"], durations["parallel-job-demo"]);
    let ratio = sequential as f64 / parallel as f64;
    assert!(
        (3.0..=5.0).contains(&ratio),
        "Exercise 2: sequential {sequential}s is about 4× parallel {parallel}s (ratio {ratio:.2})"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_broken_manifest_shows_its_marker_and_message_on_the_line() {
    let browser = support::open().await;
    browser.goto("/").await;
    let broken = "apiVersion: batch/v1\nkind: Job\nmetadata: [broken\n";
    browser.set_editor_text(broken).await;
    browser
        .wait_until("the error marker appears", || async {
            browser.text_of(".gutter .ln.error").await.is_some()
        })
        .await;
    let line = browser
        .text_of(".gutter .ln.error")
        .await
        .expect("a marked line");
    let message = browser
        .text_of(".code-line.error .inline-problem")
        .await
        .expect("the message beside the line");
    let expected = jobsim::playground::editor::Editor::new("x.yaml", broken);
    let problem = &expected.problems[0];
    assert!(
        line.ends_with(&problem.line.to_string()),
        "marker on {line:?}"
    );
    assert_eq!(message.trim(), problem.message);
    assert_eq!(
        browser
            .attr_of("#manifest-editor", "aria-invalid")
            .await
            .as_deref(),
        Some("true")
    );
    let counts = browser.text_of(".problem-counts").await.unwrap_or_default();
    assert!(counts.starts_with("1 error"), "{counts}");
    browser.screenshot("editor-error-marker").await;

    // Ctrl+Enter applies from the editor; the refusal names the line too.
    browser
        .editor()
        .await
        .send_keys(&(Key::Control + &Key::Enter.to_string()))
        .await
        .expect("press Ctrl+Enter");
    let result = browser.wait_for_text(".apply-result.error", "line ").await;
    assert!(
        result.contains(&format!("line {}", problem.line)),
        "{result}"
    );
    assert_eq!(browser.editor_text().await, broken, "the text is kept");
    browser.close().await;
}

#[tokio::test]
async fn edited_text_comes_back_after_a_reload() {
    let browser = support::open().await;
    browser.goto("/").await;
    browser.choose_example("k8s-pi.yaml").await;
    let edited = browser.type_at_the_end("# edited in the e2e test\n").await;
    browser.reload().await;
    browser
        .wait_until("the saved text is restored", || async {
            browser.editor_text().await == edited
        })
        .await;
    let file = browser.text_of(".file-name").await.unwrap_or_default();
    assert_eq!(file, "k8s-pi.yaml");
    browser.screenshot("editor-restored-after-reload").await;

    // Undo still works: the browser's own Ctrl+Z takes the last typing back.
    let editor = browser.editor().await;
    editor.click().await.expect("focus the editor");
    editor.send_keys("x").await.expect("type");
    editor.send_keys(&(Key::Control + "z")).await.expect("undo");
    assert_eq!(browser.editor_text().await, edited, "undo removed the x");
    browser.close().await;
}

/// The simulator comes in a second module, fetched after the first render. When that fetch
/// fails, the page says so, the editor keeps working and saving, and a reload once the
/// network is back brings the simulator with the text typed meanwhile.
#[tokio::test]
async fn when_the_simulator_cannot_be_fetched_the_editor_keeps_working_and_saving() {
    let browser = support::open().await;
    browser.fail_files("split_engine");
    browser
        .client
        .goto(&format!("{}/?offline", browser.base_url))
        .await
        .expect("navigate to the app");
    let alert = browser
        .wait_for_text("[role='alert']", "could not be loaded")
        .await;
    assert!(alert.contains("reload the page"), "{alert}");
    let typed = browser
        .type_at_the_end("# typed while the simulator was away\n")
        .await;
    browser.screenshot("simulator-could-not-be-fetched").await;

    browser.serve_all_files();
    browser.reload().await;
    browser
        .wait_until("the typed text is restored", || async {
            browser.editor_text().await == typed
        })
        .await;
    browser.click_button("Apply").await;
    browser
        .wait_for_text(
            "article[data-job='data-processing-job'] .job-name",
            "data-processing-job",
        )
        .await;
    browser.close().await;
}

/// Some static hosts send `.wasm` without the `application/wasm` type, which
/// `WebAssembly.instantiateStreaming` refuses; the simulator's module then loads from its
/// bytes, as wasm-bindgen's own loader does for the first one.
#[tokio::test]
async fn the_simulator_loads_when_the_server_sends_wasm_untyped() {
    let browser = support::open().await;
    browser.untype_files("split_engine");
    browser.goto("/").await;
    browser.click_button("Apply").await;
    browser
        .wait_for_text(
            "article[data-job='data-processing-job'] .job-name",
            "data-processing-job",
        )
        .await;
    browser.close().await;
}
