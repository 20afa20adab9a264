//! The editor: highlighting, a marker and message on the line with a problem, warnings
//! quieter than errors, Ctrl+Enter applies, the Examples menu loads a file.

use wasm_bindgen_test::*;

use crate::support::mount;
use jobsim::playground::editor::Editor;
use jobsim::playground::examples;

#[wasm_bindgen_test]
async fn the_text_is_highlighted_line_by_line() {
    let page = mount(false).await;
    let lines = page.all(".layers .code-line");
    assert_eq!(lines.len(), page.editor().value().split('\n').count());
    assert_eq!(page.text(".layers .code-line .tok-key"), "apiVersion");
    assert_eq!(page.all(".gutter .ln").len(), lines.len());
    page.remove();
}

#[wasm_bindgen_test]
async fn a_broken_manifest_marks_its_line_with_the_message_beside_it() {
    let page = mount(false).await;
    let broken = "apiVersion: batch/v1\nkind: Job\nmetadata: [broken\n";
    page.type_text(broken).await;
    let expected = Editor::new("data-processing-job.yaml", broken);
    let problem = &expected.problems[0];
    let marked = page.all(".gutter .ln.error");
    assert_eq!(marked.len(), 1);
    assert!(
        marked[0]
            .text_content()
            .unwrap_or_default()
            .ends_with(&problem.line.to_string())
    );
    assert_eq!(
        page.text(".code-line.error .inline-problem").trim(),
        problem.message
    );
    assert_eq!(
        page.editor().get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert!(page.text(".problems").contains(&problem.message));

    // Ctrl+Enter applies: refused, with the line, and the text is kept.
    page.key(&page.editor(), "Enter", true).await;
    let result = page.text(".apply-result.error");
    assert!(
        result.contains(&format!("line {}", problem.line)),
        "{result}"
    );
    assert_eq!(page.editor().value(), broken);
    page.remove();
}

#[wasm_bindgen_test]
async fn warnings_are_shown_apart_from_errors() {
    let page = mount(false).await;
    let errors = page.all(".gutter .ln.error").len();
    let warnings = page.all(".gutter .ln.warning").len();
    assert_eq!(errors, 0);
    assert!(
        warnings > 0,
        "the guide's example lacks activeDeadlineSeconds"
    );
    assert!(page.text(".problem-counts").starts_with("0 errors"));
    page.remove();
}

#[wasm_bindgen_test]
async fn the_examples_menu_loads_every_example() {
    let page = mount(false).await;
    let options = page.all("select[aria-label='Examples'] option[value]");
    assert_eq!(
        options.len(),
        examples::ALL.len() + 1,
        "a prompt plus every example"
    );
    for (i, example) in examples::ALL.iter().enumerate() {
        page.choose("Examples", &i.to_string()).await;
        assert_eq!(page.editor().value(), example.yaml, "{}", example.file_name);
        assert_eq!(page.text(".file-name"), example.file_name);
    }
    page.remove();
}
