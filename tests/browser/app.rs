//! The App as a whole: the seed manifest in the editor, Apply creates the Job and starts
//! the clock, the Job's card and pod tiles appear, a tile opens the details panel, the
//! autosaved text comes back in a new App.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::support::{mount, wait};

#[wasm_bindgen_test]
async fn apply_creates_the_job_and_its_pods_appear() {
    let page = mount(false).await;
    assert!(page.editor().value().contains("name: data-processing-job"));
    assert_eq!(page.text(".file-name"), "data-processing-job.yaml");
    assert!(page.text(".cluster-pane").contains("No Jobs yet"));

    page.click("Apply").await;
    let result = page.text(".apply-result");
    assert!(
        result.contains("kubectl apply -f data-processing-job.yaml"),
        "{result}"
    );
    assert!(
        result.contains("job.batch/data-processing-job created"),
        "{result}"
    );
    assert!(
        page.find("button[aria-label='Pause']").is_some(),
        "Apply starts the clock"
    );

    page.wait_until("a pod tile appears", |p| {
        p.find(".tile[data-status]").is_some()
    })
    .await;
    assert_eq!(
        page.text("article[data-job='data-processing-job'] .job-status"),
        "Running"
    );
    page.click("Jump to end").await;
    page.wait_until("the Job completes", |p| {
        p.text("article[data-job='data-processing-job'] .job-status") == "Complete"
    })
    .await;
    assert_eq!(
        page.text("article[data-job='data-processing-job'] .completions"),
        "1/1"
    );
    let tile = page
        .find(".tile[data-status='Completed']")
        .expect("a Completed tile");
    assert!(tile.text_content().unwrap_or_default().contains("✓"));
    page.remove();
}

#[wasm_bindgen_test]
async fn a_tile_opens_describe_and_logs_and_escape_closes() {
    let page = mount(false).await;
    page.click("Apply").await;
    // Past Pending: the pod is bound, so its Scheduled event exists when the panel opens.
    page.wait_until("a scheduled pod tile appears", |p| {
        p.find("button.tile")
            .and_then(|t| t.get_attribute("data-status"))
            .is_some_and(|status| status != "Pending")
    })
    .await;
    page.click("Pause").await;
    let tile: HtmlElement = page.get("button.tile");
    let pod = tile
        .get_attribute("aria-label")
        .unwrap_or_default()
        .trim_start_matches("pod ")
        .split(':')
        .next()
        .unwrap_or_default()
        .to_string();
    tile.click();
    yew::scheduler::flush().await;
    assert_eq!(page.text("aside.details h2"), format!("pod/{pod}"));
    let describe = page.text(".details-text");
    let first_line = describe.lines().next().unwrap_or_default();
    assert!(
        first_line.starts_with("Name:") && first_line.ends_with(&format!(" {pod}")),
        "{pod}: {describe}"
    );
    assert_eq!(
        page.find("button.tile.selected")
            .and_then(|t| t.get_attribute("aria-pressed")),
        Some("true".into())
    );

    page.click("Logs").await;
    assert_eq!(
        page.text(".details .command"),
        format!("$ kubectl logs {pod} -c processor")
    );
    page.click("Events").await;
    // Paused as soon as the tile appeared, the pod may not be bound yet: run on until it is.
    page.click("Play").await;
    page.wait_until("the pod's Scheduled event shows", |p| {
        p.text("aside.details table.events").contains("Scheduled")
    })
    .await;
    page.click("Pause").await;

    let aside = page.find("aside.details").expect("the panel");
    page.key(&aside, "Escape", false).await;
    assert!(
        page.find("aside.details").is_none(),
        "Escape closes the details"
    );
    page.remove();
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_tiles_and_only_one_is_in_the_tab_order() {
    let page = mount(false).await;
    page.choose("Examples", "1").await; // parallel-job.yaml: several pods
    page.click("Apply").await;
    page.wait_until("three pod tiles", |p| p.all("button.tile").len() >= 3)
        .await;
    page.click("Pause").await;
    let tiles = page.all("button.tile");
    let tab_stops = tiles
        .iter()
        .filter(|t| t.get_attribute("tabindex").as_deref() == Some("0"))
        .count();
    assert_eq!(tab_stops, 1);
    let first: HtmlElement = tiles[0].clone().dyn_into().expect("a button");
    first.focus().expect("focus the first tile");
    page.key(&tiles[0], "ArrowRight", false).await;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let active = document.active_element().expect("something has focus");
    assert!(
        active.is_same_node(Some(&tiles[1])),
        "focus moved to the second tile"
    );
    page.key(&tiles[1], "End", false).await;
    let active = document.active_element().expect("something has focus");
    assert!(active.is_same_node(tiles.last().map(|t| t.as_ref())));
    page.remove();
}

#[wasm_bindgen_test]
async fn edits_are_saved_and_a_new_app_restores_them() {
    let page = mount(false).await;
    page.type_text("apiVersion: batch/v1\nkind: Job\n# mine\n")
        .await;
    page.remove();
    wait(10).await;
    let page = mount(true).await;
    assert_eq!(
        page.editor().value(),
        "apiVersion: batch/v1\nkind: Job\n# mine\n"
    );
    assert_eq!(page.text(".file-name"), "data-processing-job.yaml");
    page.remove();
}
