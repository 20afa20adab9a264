//! Native scenario and golden tests, one binary.

mod shell;
mod shell_props;
