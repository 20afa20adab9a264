//! Native scenario and golden tests, one binary (add a `mod` per area).

mod manifest;
mod support;
