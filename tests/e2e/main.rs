//! End-to-end tests: the release build from `dist/`, served on 127.0.0.1, driven in headless
//! Chromium through WebDriver (chromedriver), the way a user meets the page.
//!
//! Run by `./dev test` (feature `e2e`, `JOBSIM_DIST` pointing at Trunk's output).

mod page;
mod support;

mod foundation;
mod performance;
mod playground;
mod teach;
mod time_controls;
