//! The App component: renders the editor with the seed manifest and reacts to Apply.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlTextAreaElement};

fn mount_point() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

#[wasm_bindgen_test]
async fn app_renders_the_editor_and_applies() {
    let host = mount_point();
    yew::Renderer::<jobsim::ui::App>::with_root(host.clone()).render();
    yew::scheduler::flush().await;

    let editor: HtmlTextAreaElement = host
        .query_selector("textarea[aria-label='Manifest editor']")
        .unwrap()
        .expect("the editor renders")
        .dyn_into()
        .unwrap();
    assert!(editor.value().contains("kind: Job"));

    let apply: HtmlElement = host
        .query_selector("button.primary")
        .unwrap()
        .expect("the Apply button renders")
        .dyn_into()
        .unwrap();
    assert_eq!(apply.text_content().unwrap(), "Apply");
    apply.click();
    yew::scheduler::flush().await;

    let result = host
        .query_selector(".apply-result")
        .unwrap()
        .expect("a result after Apply");
    assert!(
        result
            .text_content()
            .unwrap()
            .contains("data-processing-job")
    );
}
