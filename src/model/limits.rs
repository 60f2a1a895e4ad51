//! The numbers of the rules, named once: netmask ranges, the VLAN range, ports, priorities,
//! bandwidths, weights and the reserved AS number.
//!
//! The commands ([`crate::model::apply()`]) and the stored document's validation
//! ([`crate::model::document`]) both check against these, so the two can never disagree.
//! Quotas, which differ between rule sets, live in [`crate::model::catalog::QUOTA_TABLE`].
//!
//! # Size limits
//!
//! The size limits on untrusted input are the most text each decoder agrees to read. A decoder checks the size of its input before it parses anything, so a huge file or a
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

/// An inclusive range of allowed values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds<T> {
    /// The smallest allowed value.
    pub min: T,
    /// The largest allowed value.
    pub max: T,
}

impl<T: PartialOrd + Copy> Bounds<T> {
    /// Whether `value` is allowed.
    ///
    /// ```
    /// use vpclab::model::limits::VPC_PREFIX;
    /// assert!(VPC_PREFIX.contains(16));
    /// assert!(!VPC_PREFIX.contains(29));
    /// ```
    pub fn contains(self, value: T) -> bool {
        self.min <= value && value <= self.max
    }
}

/// The netmask of a VPC block (CreateVpc, AssociateVpcCidrBlock): /8 to /28.
pub const VPC_PREFIX: Bounds<u8> = Bounds { min: 8, max: 28 };

/// The netmask of a VSwitch block (CreateVSwitch): /16 to /29.
pub const VSWITCH_PREFIX: Bounds<u8> = Bounds { min: 16, max: 29 };

/// The VLAN of an Express Connect virtual border router: 0 to 2999.
pub const VLAN_ID: Bounds<u32> = Bounds { min: 0, max: 2999 };

/// A TCP or UDP port: 1 to 65535.
pub const PORT: Bounds<u32> = Bounds { min: 1, max: 65535 };

/// A security group rule's priority: 1 (highest) to 100.
pub const RULE_PRIORITY: Bounds<u32> = Bounds { min: 1, max: 100 };

/// The priority of a rule that names none.
pub const DEFAULT_RULE_PRIORITY: u32 = 1;

/// An EIP's bandwidth in Mbit/s (AllocateEipAddress).
pub const EIP_BANDWIDTH: Bounds<u32> = Bounds { min: 1, max: 500 };

/// The bandwidth of an EIP allocated without one, in Mbit/s.
pub const DEFAULT_EIP_BANDWIDTH: u32 = 5;

/// A VPN gateway's bandwidth in Mbit/s (CreateVpnGateway).
pub const VPN_GATEWAY_BANDWIDTH: Bounds<u32> = Bounds { min: 1, max: 1000 };

/// The bandwidth of a VPN gateway created without one, in Mbit/s.
pub const DEFAULT_VPN_GATEWAY_BANDWIDTH: u32 = 10;

/// A CLB back end's weight (AddBackendServers): 0 to 100.
pub const BACKEND_WEIGHT: Bounds<u32> = Bounds { min: 0, max: 100 };

/// The weight of a back end added without one.
pub const DEFAULT_BACKEND_WEIGHT: u32 = 100;

/// A customer gateway's BGP AS number.
pub const ASN: Bounds<u32> = Bounds {
    min: 1,
    max: u32::MAX,
};

/// The AS number Alibaba Cloud keeps for itself.
pub const RESERVED_ASN: u32 = 45104;

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

/// The largest lesson file [`crate::model::lesson::parse`] reads: 1 MiB.
///
/// Lessons are scenarios with words in two languages: the largest built-in lesson
/// (`lessons/ecs-networking.json`) is 24 KB, so 1 MiB is forty times that. The checker
/// plays a lesson by running its API calls and traces, so a lesson of that size costs about
/// what a scenario of that size does.
pub const LESSON_BYTES: usize = 1024 * 1024;

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
