//! Native scenario and golden tests, one binary (see ARCHITECTURE.md: tests by boundary).

mod engine;
mod printers;
mod support;
