//! Benchmark: interpreting the seed guide's Example 1 script 100,000 times.

fn main() {}
