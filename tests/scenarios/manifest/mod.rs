//! The manifests layer end to end: rules, decoding, examples, golden diagnostics, the CLI.

mod cli;
mod decoding;
mod examples;
mod golden;
mod properties;
mod rules;
