//! The first page: the seed guide's first manifest, Apply, and a YAML error with its line.

use crate::support;

#[tokio::test]
async fn editor_applies_the_seed_manifest_and_reports_broken_yaml_with_its_line() {
    let browser = support::open().await;
    browser.goto("/").await;

    let text = browser.editor_text().await;
    assert!(
        text.contains("kind: Job"),
        "editor starts with a Job manifest: {text}"
    );
    assert!(text.contains("data-processing-job"));

    browser.click_button("Apply").await;
    let result = browser
        .wait_for_text(".apply-result", "data-processing-job")
        .await;
    assert!(
        result.contains("created"),
        "apply reports what it did: {result}"
    );
    browser.screenshot("foundation-applied").await;

    let broken = "apiVersion: batch/v1\nkind: Job\nmetadata: [broken\n";
    browser.set_editor_text(broken).await;
    browser.click_button("Apply").await;
    let error = browser.wait_for_text(".apply-result.error", "line ").await;
    assert!(
        error.contains("line 3") && error.contains("did not find expected ',' or ']'"),
        "the error names its line: {error}"
    );
    assert_eq!(
        browser.editor_text().await,
        broken,
        "the editor keeps the user's text"
    );
    browser.screenshot("foundation-error").await;
    browser.close().await;
}
