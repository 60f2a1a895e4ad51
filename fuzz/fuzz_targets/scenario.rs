//! Fuzz target: the scenario decoder and runner (`scenario::parse`, `scenario::run`), as
//! the CLI and lessons use them. See `vpclab_fuzz::scenario`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpclab_fuzz::scenario(data));
