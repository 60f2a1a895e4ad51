//! The shared harness of vpclab's fuzz targets: one function per decoder of untrusted
//! input, each feeding the fuzzer's bytes to the decoder and then checking what must hold
//! for everything the decoder accepts.
//!
//! A decoder must never panic, hang or allocate without bound, whatever it is given; it
//! either refuses the input with its typed error or returns a value the rest of the app
//! can use. "Can use" is checked the way the app uses it: a restored topology is saved
//! again and must come back identical, is drawn, and is traced from.
//!
//! Allocations are bounded by [`LimitedAllocator`]: any single allocation over
//! [`ALLOCATION_LIMIT`] aborts, which libFuzzer reports as a crash with the input saved.
//! libFuzzer's own `-malloc_limit_mb` does the same only under a sanitizer, and the long
//! runs go without one (four to six times faster; vpclab itself forbids `unsafe`).
//!
//! Adding a decoder: write a function here that calls
//! [`exercise`] with the decoder and its checks, a two-line target in `fuzz_targets/`, a
//! `[[bin]]` entry in `Cargo.toml`, seeds in `seeds/<target>/`, and add the target to
//! `scripts/fuzz.sh`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use vpclab::export::share;
use vpclab::layout::{self, LayoutOptions};
use vpclab::model::trace::{self, Endpoint};
use vpclab::model::{document, lesson, scenario, Topology};

/// How many instances of a restored topology are traced from (each traces to every
/// endpoint); enough to reach every hop kind without making each run slow.
const TRACED_SOURCES: usize = 3;

/// The largest single allocation a decoder may make while fuzzed: 256 MiB. Inputs are at
/// most 32 KiB (`-max_len`), so anything near this is growth without bound.
pub const ALLOCATION_LIMIT: usize = 256 * 1024 * 1024;

/// The system allocator, aborting on any allocation over [`ALLOCATION_LIMIT`].
pub struct LimitedAllocator;

/// Reports an allocation over the limit and aborts, without allocating (this runs inside
/// the allocator).
fn allocation_too_large(size: usize) -> ! {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(
        stderr,
        "==vpclab-fuzz== allocation of {size} bytes is over the limit of {ALLOCATION_LIMIT} bytes"
    );
    std::process::abort()
}

// Plain delegation to `System`; the only addition is the size check before each call.
#[allow(
    unsafe_code,
    reason = "a GlobalAlloc is unsafe to implement by definition"
)]
unsafe impl GlobalAlloc for LimitedAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > ALLOCATION_LIMIT {
            allocation_too_large(layout.size());
        }
        // SAFETY: the caller's contract for `alloc` is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() > ALLOCATION_LIMIT {
            allocation_too_large(layout.size());
        }
        // SAFETY: the caller's contract for `alloc_zeroed` is passed on unchanged.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract for `dealloc` is passed on unchanged.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > ALLOCATION_LIMIT {
            allocation_too_large(new_size);
        }
        // SAFETY: the caller's contract for `realloc` is passed on unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: LimitedAllocator = LimitedAllocator;

/// Feeds `data` to `decode` as text, then runs `accepted` on what it accepts.
///
/// Bytes that are not UTF-8 are decoded lossily: every caller of a decoder holds a
/// `&str` (a browser string, a file read as UTF-8), so the replacement characters are
/// what a decoder would meet.
pub fn exercise<T, E>(
    data: &[u8],
    decode: impl FnOnce(&str) -> Result<T, E>,
    accepted: impl FnOnce(&T),
) {
    let text = String::from_utf8_lossy(data);
    if let Ok(value) = decode(&text) {
        accepted(&value);
    }
}

/// What must hold for every topology a decoder lets in: saving it and restoring the save
/// gives it back unchanged (nothing is lost on the next reload), it can be drawn, and
/// path analysis from its first instances completes.
///
/// # Panics
/// When the round trip changes the topology: that is the bug the fuzzer reports.
pub fn check_topology(topology: &Topology) {
    let saved = document::to_json(topology);
    match document::restore(&saved) {
        Ok(again) => assert_eq!(&again, topology, "a saved topology restores differently"),
        Err(error) => panic!("a topology's own save is refused: {error}\n{saved}"),
    }
    let diagram = layout::diagram(topology, &LayoutOptions::default());
    assert!(diagram.width.is_finite() && diagram.height.is_finite());
    for instance in topology.instances().keys().take(TRACED_SOURCES) {
        let _ = trace::reachable_from(topology, &Endpoint::Resource(instance.clone()));
    }
}

/// The topology document decoder ([`document::restore`]): stored networks, imported
/// files.
pub fn document(data: &[u8]) {
    exercise(data, document::restore, check_topology);
}

/// The scenario decoder ([`scenario::parse`]) and its runner: scenario files, lessons.
/// Every parsed scenario is run, and the topology it ends with must itself be a valid
/// document (a user who builds it by hand must be able to reload it).
pub fn scenario(data: &[u8]) {
    exercise(data, scenario::parse, |parsed| {
        let report = scenario::run(parsed);
        check_topology(&report.topology);
    });
}

/// The lesson decoder ([`lesson::parse`]) and its checker: lesson files a teacher opens.
/// Every parsed lesson is played through by [`lesson::check`]; when it passes, the network
/// it ends with must itself be a valid document.
pub fn lesson(data: &[u8]) {
    exercise(data, lesson::parse, |parsed| {
        if let Ok(report) = lesson::check(parsed) {
            check_topology(&report.topology);
        }
    });
}

/// The share-link decoder ([`share::decode`]): links people open from a chat or a lesson.
///
/// Input starting with `#` is a fragment as typed or cut (`#network=1.…`), decoded as
/// text. Any other input is taken as the compressed payload itself and sent through a
/// well-formed `#network=1.<base64url>` fragment, so that the fuzzer's mutations reach
/// the bounded inflate and the document behind it instead of dying in base64.
pub fn share(data: &[u8]) {
    if data.first() == Some(&b'#') {
        exercise(data, share::decode, check_topology);
    } else {
        let fragment = format!("#network=1.{}", URL_SAFE_NO_PAD.encode(data));
        if let Ok(topology) = share::decode(&fragment) {
            check_topology(&topology);
            // A network that came in by link goes out by link unchanged.
            let again = share::decode(&share::encode(&topology));
            assert_eq!(
                again.as_ref(),
                Ok(&topology),
                "a shared network re-shares differently"
            );
        }
    }
}
