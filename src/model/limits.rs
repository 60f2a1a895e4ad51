//! Size limits on untrusted input: the most text each decoder agrees to read.
//!
//! A decoder checks the size of its input before it parses anything, so a huge file or a
//! huge stored entry costs one comparison instead of a parse that freezes the tab or runs
//! out of memory. Sizes are in bytes of UTF-8 text (`str::len`), the unit a file on disk
//! and a download have. Each limit leaves ample room over what a real user produces; the
//! figures behind each choice are next to it.
//!
//! ```
//! use vpclab::model::limits::{self, TooLarge};
//! assert_eq!(limits::check("{}", 10), Ok(()));
//! let error = limits::check("0123456789ab", 10).unwrap_err();
//! assert_eq!(error, TooLarge { size: 12, limit: 10 });
//! assert_eq!(error.to_string(), "12 bytes is more than the limit of 10 bytes");
//! ```

use std::fmt;

/// The largest topology document [`crate::model::document::restore`] reads: 4 MiB.
///
/// A network of 5,000 instances (the largest the browser benchmarks draw) takes 0.79 MB,
/// and a browser's localStorage holds about 5 MB per site: 4 MiB is five times the largest
/// network the app is timed on, and about as much as could be stored anyway. Restoring a
/// document of that size takes a few seconds at most: validation is O(n log n) in the
/// number of resources.
pub const DOCUMENT_BYTES: usize = 4 * 1024 * 1024;

/// The largest scenario file [`crate::model::scenario::parse`] reads: 1 MiB.
///
/// Scenarios and lessons are written by people; the largest in `tests/scenarios/` is
/// 21 KB. 1 MiB is fifty times that; a scenario of that size made of 23,295
/// `RunInstances` steps runs in under a second natively.
pub const SCENARIO_BYTES: usize = 1024 * 1024;

/// An input refused for its size alone, before it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// The input's size, in bytes.
    pub size: usize,
    /// The limit it passes, in bytes.
    pub limit: usize,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} bytes is more than the limit of {} bytes",
            self.size, self.limit
        )
    }
}

impl std::error::Error for TooLarge {}

/// Accepts `text` when it is at most `limit` bytes long.
///
/// # Errors
/// [`TooLarge`] with the text's size and the limit when it is longer.
pub fn check(text: &str, limit: usize) -> Result<(), TooLarge> {
    check_size(text.len(), limit)
}

/// Accepts an input of `size` bytes when it is at most `limit`: for callers that know the
/// size before reading (a file's length on disk).
///
/// # Errors
/// [`TooLarge`] with the size and the limit when the size is larger.
pub fn check_size(size: usize, limit: usize) -> Result<(), TooLarge> {
    if size > limit {
        Err(TooLarge { size, limit })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_exactly_at_the_limit_is_accepted_and_one_byte_more_is_not() {
        assert_eq!(check_size(10, 10), Ok(()));
        assert_eq!(
            check_size(11, 10),
            Err(TooLarge {
                size: 11,
                limit: 10
            })
        );
    }

    #[test]
    fn sizes_count_utf8_bytes_not_characters() {
        // "é" is one character and two bytes.
        assert_eq!(check("éé", 4), Ok(()));
        assert_eq!(check("ééé", 4), Err(TooLarge { size: 6, limit: 4 }));
    }
}
