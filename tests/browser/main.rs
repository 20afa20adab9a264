//! wasm-bindgen tests: the Yew components rendered in headless Chromium (wasm32 only; native
//! `cargo test` compiles this file to nothing).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod app;
mod editor;
mod engine_speed;
mod time_controls;
