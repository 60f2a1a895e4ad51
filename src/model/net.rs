//! Address arithmetic: strict CIDR parsing, forbidden ranges, reserved addresses, and the
//! address books that hand out addresses.
//!
//! Conventions:
//! - A CIDR is parsed strictly: host bits set (`192.168.1.5/24`) or a prefix over 32 is
//!   malformed, never truncated.
//! - "Inside" includes equal: `192.168.0.0/16` is inside `192.168.0.0/16`.
//! - Each VSwitch reserves its first address and its last three (in `192.168.1.0/24`:
//!   `.0`, `.253`, `.254` and `.255`), so it has `2^(32-n) - 4` usable addresses.
//! - An [`AddressBook`] keeps the owners of used addresses and the free addresses as maximal
//!   ranges, so the lowest free address, a claim and a release are all O(log n).

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use std::rc::Rc;

use ipnet::Ipv4Net;

/// Why a string is not a CIDR block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CidrProblem {
    /// Not of the form `a.b.c.d/n` with `n` at most 32.
    NotACidr,
    /// An octet or the prefix length is written with leading zeros (`010.0.0.0/8`), which
    /// the API refuses rather than guess between decimal and octal.
    LeadingZeros,
    /// The address has bits set beyond the prefix; the block it probably means is given.
    HostBitsSet(Ipv4Net),
}

/// Parses a CIDR block strictly: host bits set, a prefix over 32 or numbers written with
/// leading zeros are refused.
///
/// # Errors
/// [`CidrProblem::NotACidr`] for anything that is not `a.b.c.d/n` with `n ≤ 32`,
/// [`CidrProblem::LeadingZeros`] for `010.0.0.0/8` or `10.0.0.0/08`, and
/// [`CidrProblem::HostBitsSet`] for `192.168.1.5/24` and the like.
///
/// ```
/// use vpclab::model::net::{parse_cidr, CidrProblem};
/// assert_eq!(parse_cidr("192.168.1.0/24").unwrap().to_string(), "192.168.1.0/24");
/// assert!(matches!(parse_cidr("192.168.1.5/24"), Err(CidrProblem::HostBitsSet(_))));
/// assert_eq!(parse_cidr("192.168.1.0/33"), Err(CidrProblem::NotACidr));
/// assert_eq!(parse_cidr("192.168.1.0"), Err(CidrProblem::NotACidr));
/// assert_eq!(parse_cidr("010.0.0.0/8"), Err(CidrProblem::LeadingZeros));
/// ```
pub fn parse_cidr(text: &str) -> Result<Ipv4Net, CidrProblem> {
    let text = text.trim();
    let net: Ipv4Net = text.parse().map_err(|_| CidrProblem::NotACidr)?;
    // ipnet reads `010` as ten; the API refuses such text, so look at the digits themselves.
    if text.split(['.', '/']).any(has_leading_zero) {
        return Err(CidrProblem::LeadingZeros);
    }
    if net.trunc() != net {
        return Err(CidrProblem::HostBitsSet(net.trunc()));
    }
    Ok(net)
}

/// Whether a decimal number is written with a leading zero (`010`, but not `0`).
fn has_leading_zero(number: &str) -> bool {
    number.len() > 1 && number.starts_with('0')
}

/// Parses an IPv4 address in dotted form, or `None` when `text` is not one. Octets with
/// leading zeros (`192.168.001.1`) are not an address, as for the API.
pub fn parse_ip(text: &str) -> Option<Ipv4Addr> {
    text.trim().parse().ok()
}

/// An address in dotted decimal, as [`Ipv4Addr`]'s own `Display` writes it, but built in
/// one allocation of the right size without the formatting machinery: `Ipv4Addr` writes
/// its four numbers and three dots separately, growing the string several times, and bulk
/// builds answer an address per command.
///
/// ```
/// use std::net::Ipv4Addr;
/// use vpclab::model::net::dotted;
/// let address = Ipv4Addr::new(192, 168, 10, 255);
/// assert_eq!(dotted(address), address.to_string());
/// assert_eq!(dotted(Ipv4Addr::new(10, 0, 0, 7)), "10.0.0.7");
/// ```
pub fn dotted(address: Ipv4Addr) -> String {
    // "255.255.255.255" is the longest: 15 bytes.
    let mut text = String::with_capacity(15);
    for (index, octet) in address.octets().into_iter().enumerate() {
        if index > 0 {
            text.push('.');
        }
        if octet >= 100 {
            text.push(char::from(b'0' + octet / 100));
        }
        if octet >= 10 {
            text.push(char::from(b'0' + octet / 10 % 10));
        }
        text.push(char::from(b'0' + octet % 10));
    }
    text
}

/// The ranges no VPC or VSwitch block may touch: shared address space (used by cloud
/// services), multicast, loopback, link-local, and "this network" (0.0.0.0/8).
pub fn forbidden_ranges() -> [Ipv4Net; 5] {
    [
        net([100, 64, 0, 0], 10),
        net([224, 0, 0, 0], 4),
        net([127, 0, 0, 0], 8),
        net([169, 254, 0, 0], 16),
        net([0, 0, 0, 0], 8),
    ]
}

/// The forbidden range `block` overlaps, if any.
///
/// ```
/// use vpclab::model::net::{forbidden_overlap, parse_cidr};
/// let shared = parse_cidr("100.64.1.0/24").unwrap();
/// assert_eq!(forbidden_overlap(shared).unwrap().to_string(), "100.64.0.0/10");
/// assert!(forbidden_overlap(parse_cidr("10.0.0.0/8").unwrap()).is_none());
/// ```
pub fn forbidden_overlap(block: Ipv4Net) -> Option<Ipv4Net> {
    forbidden_ranges()
        .into_iter()
        .find(|range| overlaps(*range, block))
}

/// The ranges a customer gateway's public address may not be in.
pub fn forbidden_gateway_ranges() -> [Ipv4Net; 5] {
    [
        net([100, 64, 0, 0], 10),
        net([127, 0, 0, 0], 8),
        net([169, 254, 0, 0], 16),
        net([224, 0, 0, 0], 4),
        net([255, 0, 0, 0], 8),
    ]
}

fn net(octets: [u8; 4], prefix: u8) -> Ipv4Net {
    let [a, b, c, d] = octets;
    Ipv4Net::new(Ipv4Addr::new(a, b, c, d), prefix).unwrap_or_default()
}

/// Whether two blocks share at least one address.
///
/// ```
/// use vpclab::model::net::{overlaps, parse_cidr};
/// let a = parse_cidr("192.168.1.0/24").unwrap();
/// assert!(overlaps(a, parse_cidr("192.168.1.128/25").unwrap()));
/// assert!(!overlaps(a, parse_cidr("192.168.2.0/24").unwrap()));
/// ```
pub fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// Whether `inner` is inside `outer` (equal counts as inside).
pub fn is_inside(inner: Ipv4Net, outer: Ipv4Net) -> bool {
    outer.contains(&inner)
}

/// The usable addresses of a VSwitch block as an inclusive range of integers: all but the
/// first address and the last three.
///
/// ```
/// use vpclab::model::net::{parse_cidr, usable_range};
/// let (first, last) = usable_range(parse_cidr("192.168.1.0/24").unwrap());
/// assert_eq!(std::net::Ipv4Addr::from(first).to_string(), "192.168.1.1");
/// assert_eq!(std::net::Ipv4Addr::from(last).to_string(), "192.168.1.252");
/// ```
pub fn usable_range(block: Ipv4Net) -> (u32, u32) {
    let first = u32::from(block.network());
    let last = u32::from(block.broadcast());
    (first.saturating_add(1), last.saturating_sub(3))
}

/// How many usable addresses a VSwitch block has: `2^(32-n) - 4`, or 0 for blocks smaller
/// than /30.
pub fn usable_count(block: Ipv4Net) -> u64 {
    (1u64 << (32 - u32::from(block.prefix_len()))).saturating_sub(4)
}

/// Whether `addr` is one of the reserved addresses of a VSwitch block.
pub fn is_reserved(block: Ipv4Net, addr: Ipv4Addr) -> bool {
    let (first, last) = usable_range(block);
    block.contains(&addr) && !(first..=last).contains(&u32::from(addr))
}

/// Why an address cannot be claimed from a book.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimProblem {
    /// The address is outside the book's usable range.
    OutOfRange,
    /// The address is in use by the named owner.
    Taken(String),
}

/// The addresses of one VSwitch (or one public pool): who owns each used address, and the
/// free addresses as maximal inclusive ranges.
///
/// The free ranges are keyed by their last address, with their first address as the value:
/// claiming the lowest free address (what almost every claim does) then only moves the start
/// of the first range, in place, with no removal or insertion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressBook {
    first: u32,
    last: u32,
    /// Owners are shared between copies of the network, which the app makes for every
    /// command it applies: a copy then allocates nothing per address.
    owners: BTreeMap<u32, Rc<str>>,
    /// Each free range's last address → its first address.
    free: BTreeMap<u32, u32>,
}

impl AddressBook {
    /// A book where every address of `first..=last` is free (empty when `first > last`).
    pub fn new(first: u32, last: u32) -> AddressBook {
        let mut free = BTreeMap::new();
        if first <= last {
            free.insert(last, first);
        }
        AddressBook {
            first,
            last,
            owners: BTreeMap::new(),
            free,
        }
    }

    /// The book of a VSwitch block: its usable addresses.
    pub fn for_vswitch(block: Ipv4Net) -> AddressBook {
        let (first, last) = usable_range(block);
        AddressBook::new(first, last)
    }

    /// The book of a public pool: every address but the network and broadcast addresses.
    pub fn for_pool(pool: Ipv4Net) -> AddressBook {
        AddressBook::new(
            u32::from(pool.network()).saturating_add(1),
            u32::from(pool.broadcast()).saturating_sub(1),
        )
    }

    /// The lowest free address, if any.
    pub fn lowest_free(&self) -> Option<Ipv4Addr> {
        // The ranges are disjoint, so the one that ends first also starts first.
        self.free
            .values()
            .next()
            .map(|first| Ipv4Addr::from(*first))
    }

    /// The owner of `addr`, if it is in use.
    pub fn owner(&self, addr: Ipv4Addr) -> Option<&str> {
        self.owners.get(&u32::from(addr)).map(|owner| &**owner)
    }

    /// Whether `addr` could be claimed now.
    ///
    /// # Errors
    /// [`ClaimProblem::OutOfRange`] or [`ClaimProblem::Taken`] with the owner.
    pub fn check(&self, addr: Ipv4Addr) -> Result<(), ClaimProblem> {
        let value = u32::from(addr);
        if value < self.first || value > self.last {
            return Err(ClaimProblem::OutOfRange);
        }
        match self.owners.get(&value) {
            Some(owner) => Err(ClaimProblem::Taken(owner.to_string())),
            None => Ok(()),
        }
    }

    /// Claims `addr` for `owner`.
    ///
    /// # Errors
    /// As [`AddressBook::check`]; the book is unchanged on error.
    pub fn claim(&mut self, addr: Ipv4Addr, owner: &str) -> Result<(), ClaimProblem> {
        let value = u32::from(addr);
        if value < self.first || value > self.last {
            return Err(ClaimProblem::OutOfRange);
        }
        // One lookup both checks that the address is free and finds where its owner goes.
        let slot = match self.owners.entry(value) {
            Entry::Occupied(taken) => return Err(ClaimProblem::Taken(taken.get().to_string())),
            Entry::Vacant(slot) => slot,
        };
        // The free range holding `value` is the first one ending at or after it.
        if let Some((&end, start)) = self.free.range_mut(value..).next() {
            if *start <= value {
                let before = *start;
                if value < end {
                    // The range keeps its end; only its start moves past `value`.
                    *start = value + 1;
                } else {
                    self.free.remove(&end);
                }
                if before < value {
                    self.free.insert(value - 1, before);
                }
            }
        }
        slot.insert(Rc::from(owner));
        Ok(())
    }

    /// Hands `addr` over to a new owner without freeing it (an address converted from a
    /// NatPublicIP to an EIP keeps its number).
    pub fn transfer(&mut self, addr: Ipv4Addr, owner: &str) {
        if let Some(current) = self.owners.get_mut(&u32::from(addr)) {
            *current = Rc::from(owner);
        }
    }

    /// Releases `addr`, merging it with the free ranges around it. Releasing a free address
    /// does nothing.
    pub fn release(&mut self, addr: Ipv4Addr) {
        let value = u32::from(addr);
        if self.owners.remove(&value).is_none() {
            return;
        }
        // A free range ending just before `value` joins it (and is taken out of the map).
        let start = value
            .checked_sub(1)
            .and_then(|previous| self.free.remove(&previous))
            .unwrap_or(value);
        // A free range starting just after `value` grows down to `start` in place.
        let after = value.checked_add(1).and_then(|next| {
            self.free
                .range_mut(next..)
                .next()
                .filter(|(_, after_start)| **after_start == next)
        });
        match after {
            Some((_, after_start)) => *after_start = start,
            None => {
                self.free.insert(value, start);
            }
        }
    }

    /// The used addresses in ascending order, with their owners.
    pub fn used(&self) -> impl Iterator<Item = (Ipv4Addr, &str)> + '_ {
        self.owners
            .iter()
            .map(|(addr, owner)| (Ipv4Addr::from(*addr), &**owner))
    }

    /// How many addresses are in use.
    pub fn used_count(&self) -> u64 {
        self.owners.len() as u64
    }

    /// How many addresses are still free.
    pub fn free_count(&self) -> u64 {
        self.free
            .iter()
            .map(|(end, start)| u64::from(end - start) + 1)
            .sum()
    }
}

/// Blocks that do not overlap one another, each with an owner, answering "which one
/// overlaps this block?" in O(log n). Restoring a document checks every new block against
/// those already seen with it; a linear scan there made a large document quadratic (39,000
/// VSwitches in one VPC, a 4 MB document, took minutes).
///
/// ```
/// use vpclab::model::net::{parse_cidr, DisjointBlocks};
/// let mut blocks = DisjointBlocks::new();
/// assert_eq!(blocks.claim(parse_cidr("192.168.1.0/24").unwrap(), "vsw-1"), Ok(()));
/// assert_eq!(blocks.claim(parse_cidr("192.168.2.0/24").unwrap(), "vsw-2"), Ok(()));
/// assert_eq!(blocks.claim(parse_cidr("192.168.1.128/25").unwrap(), "vsw-3"), Err(&"vsw-1"));
/// assert_eq!(blocks.overlapping(parse_cidr("192.168.0.0/16").unwrap()), Some(&"vsw-2"));
/// assert_eq!(blocks.overlapping(parse_cidr("10.0.0.0/8").unwrap()), None);
/// ```
#[derive(Clone, Debug)]
pub struct DisjointBlocks<T> {
    /// Each block's first address → (its last address, its owner).
    by_first: BTreeMap<u32, (u32, T)>,
}

impl<T> Default for DisjointBlocks<T> {
    fn default() -> DisjointBlocks<T> {
        DisjointBlocks::new()
    }
}

impl<T> DisjointBlocks<T> {
    /// No blocks.
    pub fn new() -> DisjointBlocks<T> {
        DisjointBlocks {
            by_first: BTreeMap::new(),
        }
    }

    /// The owner of a held block that overlaps `block`, if any. When several do (`block`
    /// spans them), the one that starts last.
    pub fn overlapping(&self, block: Ipv4Net) -> Option<&T> {
        let first = self.clash(block)?;
        self.by_first.get(&first).map(|(_, owner)| owner)
    }

    /// Adds `block` for `owner` unless it overlaps a held block.
    ///
    /// # Errors
    /// The owner of a held block that `block` overlaps; nothing is added.
    pub fn claim(&mut self, block: Ipv4Net, owner: T) -> Result<(), &T> {
        if let Some(first) = self.clash(block) {
            // `first` was just found in the map, so the lookup always finds it.
            return self
                .by_first
                .get(&first)
                .map_or(Ok(()), |(_, owner)| Err(owner));
        }
        self.by_first.insert(
            u32::from(block.network()),
            (u32::from(block.broadcast()), owner),
        );
        Ok(())
    }

    /// The first address of the held block that overlaps `block`, if any.
    fn clash(&self, block: Ipv4Net) -> Option<u32> {
        let (first, last) = (u32::from(block.network()), u32::from(block.broadcast()));
        // The held blocks are disjoint, so they are ordered by their last address too: the
        // one starting last at or before `last` is the only one that can reach `first`.
        self.by_first
            .range(..=last)
            .next_back()
            .filter(|(_, (held_last, _))| *held_last >= first)
            .map(|(held_first, _)| *held_first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cidr(text: &str) -> Ipv4Net {
        parse_cidr(text).expect("valid CIDR in test")
    }

    fn ip(text: &str) -> Ipv4Addr {
        parse_ip(text).expect("valid IP in test")
    }

    #[test]
    fn strict_parsing_refuses_host_bits_and_long_prefixes() {
        assert_eq!(
            parse_cidr("192.168.1.128/24"),
            Err(CidrProblem::HostBitsSet(cidr("192.168.1.0/24")))
        );
        for bad in [
            "",
            "10.0.0.0/33",
            "10.0.0/8",
            "300.0.0.0/8",
            "10.0.0.0",
            "abc",
        ] {
            assert_eq!(parse_cidr(bad), Err(CidrProblem::NotACidr), "{bad}");
        }
    }

    #[test]
    fn leading_zeros_are_refused_not_rewritten() {
        for bad in [
            "010.0.0.0/8",
            "10.0.0.0/08",
            "192.168.001.0/24",
            "00.0.0.0/0",
        ] {
            assert_eq!(parse_cidr(bad), Err(CidrProblem::LeadingZeros), "{bad}");
        }
        for good in [
            "0.0.0.0/0",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "192.168.10.0/24",
        ] {
            assert!(parse_cidr(good).is_ok(), "{good}");
        }
        assert_eq!(parse_ip("192.168.001.1"), None);
        assert_eq!(parse_ip("192.168.1.1"), Some(ip("192.168.1.1")));
    }

    #[test]
    fn dotted_writes_every_address_as_ipv4addr_does() {
        for value in (0..=u32::MAX).step_by(65_521).chain([0, 1, 255, u32::MAX]) {
            let address = Ipv4Addr::from(value);
            assert_eq!(dotted(address), address.to_string());
        }
        for octet in 0..=255u8 {
            let address = Ipv4Addr::new(octet, 0, octet, 9);
            assert_eq!(dotted(address), address.to_string());
        }
    }

    #[test]
    fn forbidden_ranges_are_found_by_overlap() {
        for text in [
            "100.64.0.0/10",
            "224.0.0.0/8",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "0.0.0.0/8",
        ] {
            assert!(forbidden_overlap(cidr(text)).is_some(), "{text}");
        }
        assert!(forbidden_overlap(cidr("100.0.0.0/8")).is_some());
        assert!(forbidden_overlap(cidr("172.16.0.0/12")).is_none());
    }

    #[test]
    fn reserved_addresses_are_the_first_and_last_three() {
        let block = cidr("192.168.1.0/24");
        for reserved in [
            "192.168.1.0",
            "192.168.1.253",
            "192.168.1.254",
            "192.168.1.255",
        ] {
            assert!(is_reserved(block, ip(reserved)), "{reserved}");
        }
        assert!(!is_reserved(block, ip("192.168.1.1")));
        assert!(!is_reserved(block, ip("192.168.1.252")));
        assert_eq!(usable_count(block), 252);
        assert_eq!(usable_count(cidr("10.0.0.0/29")), 4);
        assert_eq!(usable_count(cidr("10.0.0.0/16")), 65_532);
    }

    #[test]
    fn book_hands_out_lowest_free_and_reuses_released() {
        let mut book = AddressBook::for_vswitch(cidr("192.168.1.0/24"));
        for n in 1..=3u8 {
            let next = book.lowest_free().expect("free address");
            assert_eq!(next, Ipv4Addr::new(192, 168, 1, n));
            book.claim(next, "i").expect("claimable");
        }
        book.release(ip("192.168.1.2"));
        assert_eq!(book.lowest_free(), Some(ip("192.168.1.2")));
        book.release(ip("192.168.1.1"));
        book.release(ip("192.168.1.3"));
        assert_eq!(book, AddressBook::for_vswitch(cidr("192.168.1.0/24")));
    }

    #[test]
    fn book_refuses_reserved_and_taken_addresses() {
        let mut book = AddressBook::for_vswitch(cidr("192.168.1.0/24"));
        assert_eq!(
            book.check(ip("192.168.1.255")),
            Err(ClaimProblem::OutOfRange)
        );
        book.claim(ip("192.168.1.7"), "i-0001").expect("claimable");
        assert_eq!(
            book.claim(ip("192.168.1.7"), "i-0002"),
            Err(ClaimProblem::Taken("i-0001".into()))
        );
        assert_eq!(book.lowest_free(), Some(ip("192.168.1.1")));
        assert_eq!(book.free_count(), 251);
        assert_eq!(
            book.used().collect::<Vec<_>>(),
            vec![(ip("192.168.1.7"), "i-0001")]
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Any mix of claims and releases leaves the book agreeing with a plain set of used
        /// addresses: the same lowest free address and free count, and, once everything is
        /// released, a book equal to a fresh one (the free ranges merged back into one).
        #[test]
        fn claims_and_releases_agree_with_a_set_of_used_addresses(
            steps in proptest::collection::vec((proptest::bool::ANY, 0u32..20), 0..80)
        ) {
            let (first, last) = (100u32, 115u32);
            let mut book = AddressBook::new(first, last);
            let mut used = std::collections::BTreeSet::new();
            for (claiming, offset) in steps {
                let addr = Ipv4Addr::from(first - 2 + offset);
                let value = u32::from(addr);
                if claiming {
                    let expected = if !(first..=last).contains(&value) {
                        Err(ClaimProblem::OutOfRange)
                    } else if used.contains(&value) {
                        Err(ClaimProblem::Taken("owner".into()))
                    } else {
                        Ok(())
                    };
                    proptest::prop_assert_eq!(book.claim(addr, "owner"), expected.clone());
                    if expected.is_ok() {
                        used.insert(value);
                    }
                } else {
                    book.release(addr);
                    used.remove(&value);
                }
                let lowest = (first..=last).find(|value| !used.contains(value));
                proptest::prop_assert_eq!(book.lowest_free(), lowest.map(Ipv4Addr::from));
                proptest::prop_assert_eq!(book.free_count(), u64::from(last - first + 1) - used.len() as u64);
                proptest::prop_assert_eq!(book.used_count(), used.len() as u64);
            }
            for value in used {
                book.release(Ipv4Addr::from(value));
            }
            proptest::prop_assert_eq!(book, AddressBook::new(first, last));
        }
    }

    #[test]
    fn full_book_has_no_free_address() {
        let mut book = AddressBook::for_vswitch(cidr("10.0.0.0/29"));
        while let Some(next) = book.lowest_free() {
            book.claim(next, "x").expect("claimable");
        }
        assert_eq!(book.used_count(), 4);
        assert_eq!(book.free_count(), 0);
    }
}
