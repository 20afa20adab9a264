//! Native scenario and golden tests, one binary (add a `mod` per area).

mod engine;
mod jobs;
mod manifest;
mod printers;
mod sessions;
mod share;
mod shell;
mod shell_props;
mod support;
