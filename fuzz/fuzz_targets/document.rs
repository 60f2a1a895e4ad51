//! Fuzz target: the topology document decoder (`document::restore`), as the app uses it
//! on a stored or imported document. See `vpclab_fuzz::document`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpclab_fuzz::document(data));
