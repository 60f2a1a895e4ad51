//! Fuzz target: the share-link decoder (`export::share::decode`), as the app uses it on
//! the fragment of an opened link. See `vpclab_fuzz::share`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpclab_fuzz::share(data));
