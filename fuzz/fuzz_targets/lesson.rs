//! Fuzz target: the lesson decoder and checker (`lesson::parse`, `lesson::check`), as the
//! CLI and the lesson player use them. See `vpclab_fuzz::lesson`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpclab_fuzz::lesson(data));
