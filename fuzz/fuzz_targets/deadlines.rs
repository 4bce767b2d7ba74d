//! Fuzz target: see `deadlines` in tests/fuzz/checks.rs for what it checks.
#![no_main]
use libfuzzer_sys::fuzz_target;

include!("../../tests/fuzz/checks.rs");

fuzz_target!(|data: &[u8]| deadlines(data));
