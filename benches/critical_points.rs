//! Placeholder replaced by the PHCpack comparison bench.
fn main() {}
