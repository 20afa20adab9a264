//! Native integration tests in one binary: scenarios through the public API.

mod engine;
