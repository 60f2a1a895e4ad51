//! Applying commands: the rules of each Alibaba action, as a pure function from a topology
//! to a new topology and a response, or a typed error.
//!
//! Every handler first checks everything, in the precedence order of
//! [`crate::model::error`] (malformed input, unknown resource, region/zone, forbidden range,
//! mask range, containment, overlap, quota, state), and only then changes the topology. So a
//! failed command changes nothing, which [`Topology::apply_in_place`] relies on and the
//! property tests pin.
//!
//! Before any handler, every name and description is checked against its rule (`text`).
//! The handlers are grouped by area: [`network`] (VPCs, VSwitches), [`routes`] (custom
//! route entries), [`compute`] (instances), [`security_group`] (groups, their policy and
//! rules), [`public_ip`] (NatPublicIPs and EIPs), [`nat`] (NAT gateways, SNAT and DNAT),
//! [`hybrid`] (VPN gateways, Express Connect, data centres) and [`services`] (CLB, RDS); a
//! private `dispatch` module sends each command to its area.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::catalog::{self, Region};
use super::command::{Command, Response};
use super::entity::Vswitch;
use super::error::{CommandError, Dependant, ErrorCode, ErrorDetail, Noun};
use super::net::{self, CidrProblem, ClaimProblem};
use super::topology::Topology;

pub mod compute;
mod dispatch;
pub mod hybrid;
pub mod nat;
pub mod network;
pub mod public_ip;
pub mod routes;
pub mod security_group;
pub mod services;
mod text;

/// The result of a successful command: the new topology and the response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The topology after the command.
    pub topology: Topology,
    /// What the command answered.
    pub response: Response,
}

/// Applies a command to a topology, returning the new topology and the response.
///
/// The input is only borrowed, so a failed command leaves it as it was. This clones the
/// topology; a runner that owns its topology can use [`Topology::apply_in_place`].
///
/// # Errors
/// The [`CommandError`] of the first rule the command breaks, with its Alibaba code.
///
/// ```
/// use vpclab::model::{apply, Command, RuleSet, Topology};
/// let empty = Topology::new(RuleSet::Y2020);
/// let create = Command::CreateVpc {
///     region_id: "ap-south-1".into(),
///     cidr_block: Some("192.168.0.0/16".into()),
///     vpc_name: Some("demo".into()),
///     description: None,
/// };
/// let applied = apply(&empty, &create).unwrap();
/// assert_eq!(applied.response.field("VpcId"), Some("vpc-0001"));
///
/// let overlapping = Command::CreateVSwitch {
///     vpc_id: "vpc-0001".into(),
///     zone_id: "ap-south-1a".into(),
///     cidr_block: "10.0.0.0/24".into(),
///     vswitch_name: None,
///     description: None,
/// };
/// let error = apply(&applied.topology, &overlapping).unwrap_err();
/// assert_eq!(error.code(), "InvalidCidrBlock.NotInVpc");
/// ```
pub fn apply(topology: &Topology, command: &Command) -> Result<Applied, CommandError> {
    let mut next = topology.clone();
    let response = next.apply_in_place(command)?;
    Ok(Applied {
        topology: next,
        response,
    })
}

impl Topology {
    /// Applies a command to this topology in place. On error the topology is unchanged.
    ///
    /// # Errors
    /// The [`CommandError`] of the first rule the command breaks.
    ///
    /// ```
    /// use vpclab::model::{Command, RuleSet, Topology};
    /// let mut topology = Topology::new(RuleSet::Current);
    /// let closed = Command::CreateVpc { region_id: "ap-south-1".into(), cidr_block: None, vpc_name: None, description: None };
    /// let before = topology.clone();
    /// assert_eq!(topology.apply_in_place(&closed).unwrap_err().code(), "InvalidRegionId.Closed");
    /// assert_eq!(topology, before);
    /// ```
    pub fn apply_in_place(&mut self, command: &Command) -> Result<Response, CommandError> {
        dispatch::apply(self, command)
    }
}

/// The `Description` of an Authorize command (Revoke has none).
fn rule_description(command: &Command) -> Option<&str> {
    match command {
        Command::AuthorizeSecurityGroup { description, .. }
        | Command::AuthorizeSecurityGroupEgress { description, .. } => description.as_deref(),
        _ => None,
    }
}

// Shared checks. Each returns the error of its rule with a message naming the values.

/// Parses a CIDR parameter strictly.
pub(crate) fn cidr(param: &str, value: &str) -> Result<Ipv4Net, CommandError> {
    net::parse_cidr(value).map_err(|problem| match problem {
        CidrProblem::NotACidr => CommandError::new(
            ErrorCode::CidrMalformed,
            ErrorDetail::NotACidr {
                param: param.into(),
                value: value.into(),
            },
        ),
        CidrProblem::LeadingZeros => CommandError::new(
            ErrorCode::CidrMalformed,
            ErrorDetail::CidrLeadingZeros {
                param: param.into(),
                value: value.into(),
            },
        ),
        CidrProblem::HostBitsSet(meant) => CommandError::new(
            ErrorCode::CidrMalformed,
            ErrorDetail::CidrHostBits {
                param: param.into(),
                value: value.into(),
                block: meant,
            },
        ),
    })
}

/// Parses a parameter that is a CIDR block or a single address (taken as a /32).
pub(crate) fn cidr_or_ip(param: &str, value: &str) -> Result<Ipv4Net, CommandError> {
    match net::parse_ip(value) {
        Some(address) => Ok(Ipv4Net::from(address)),
        None => cidr(param, value),
    }
}

/// Parses an address parameter.
pub(crate) fn ip(param: &str, value: &str) -> Result<Ipv4Addr, CommandError> {
    net::parse_ip(value).ok_or_else(|| {
        CommandError::new(
            ErrorCode::IpMalformed,
            ErrorDetail::NotAnAddress {
                param: param.into(),
                value: value.into(),
            },
        )
    })
}

/// Parses an optional address parameter.
pub(crate) fn optional_ip(
    param: &str,
    value: Option<&str>,
) -> Result<Option<Ipv4Addr>, CommandError> {
    value.map(|value| ip(param, value)).transpose()
}

/// Parses a whole-number parameter within an inclusive range.
pub(crate) fn number(param: &str, value: &str, min: u32, max: u32) -> Result<u32, CommandError> {
    match value.trim().parse::<u32>() {
        Ok(parsed) if (min..=max).contains(&parsed) => Ok(parsed),
        _ => Err(CommandError::new(
            ErrorCode::InvalidParameter,
            ErrorDetail::NotANumber {
                param: param.into(),
                value: value.into(),
                min,
                max,
            },
        )),
    }
}

/// Parses an optional whole-number parameter, with a default.
pub(crate) fn optional_number(
    param: &str,
    value: Option<&str>,
    default: u32,
    min: u32,
    max: u32,
) -> Result<u32, CommandError> {
    value.map_or(Ok(default), |value| number(param, value, min, max))
}

/// The error for an id that names nothing of the expected kind.
pub(crate) fn not_found(noun: Noun, id: &str) -> CommandError {
    CommandError::new(
        ErrorCode::ResourceNotFound,
        ErrorDetail::NotFound {
            noun,
            id: id.into(),
        },
    )
}

/// Looks an id up in one kind's map.
pub(crate) fn find<'a, T>(
    map: &'a BTreeMap<String, T>,
    noun: Noun,
    id: &str,
) -> Result<&'a T, CommandError> {
    map.get(id).ok_or_else(|| not_found(noun, id))
}

/// Looks an optional id up in one kind's map.
pub(crate) fn find_optional<'a, T>(
    map: &'a BTreeMap<String, T>,
    noun: Noun,
    id: Option<&str>,
) -> Result<Option<&'a T>, CommandError> {
    id.map(|id| find(map, noun, id)).transpose()
}

/// The region, if it is catalogued and open to new resources under the topology's rules.
pub(crate) fn open_region(
    topology: &Topology,
    region_id: &str,
) -> Result<&'static Region, CommandError> {
    let region = catalog::region(region_id).ok_or_else(|| {
        CommandError::new(
            ErrorCode::RegionNotFound,
            ErrorDetail::RegionUnknown {
                region: region_id.into(),
            },
        )
    })?;
    if !topology.rules().is_open(region) {
        return Err(CommandError::new(
            ErrorCode::RegionClosed,
            ErrorDetail::RegionClosed {
                region: region.id.into(),
                rules: topology.rules(),
                since: region.closed_since.unwrap_or("?").into(),
            },
        ));
    }
    Ok(region)
}

/// Refuses a block that touches a forbidden range.
pub(crate) fn not_forbidden(param: &str, block: Ipv4Net) -> Result<(), CommandError> {
    match net::forbidden_overlap(block) {
        Some(range) => Err(CommandError::new(
            ErrorCode::CidrForbidden,
            ErrorDetail::ReservedRange {
                param: param.into(),
                block,
                range,
            },
        )),
        None => Ok(()),
    }
}

/// Refuses a block whose netmask is outside `min..=max`.
pub(crate) fn mask_within(
    noun: Noun,
    block: Ipv4Net,
    min: u8,
    max: u8,
) -> Result<(), CommandError> {
    if (min..=max).contains(&block.prefix_len()) {
        Ok(())
    } else {
        Err(CommandError::new(
            ErrorCode::CidrMaskOutOfRange,
            ErrorDetail::MaskOutOfRange {
                block,
                noun,
                min,
                max,
            },
        ))
    }
}

/// Chooses the private address of a new resource in a VSwitch: the requested one after its
/// checks, or the lowest free one.
pub(crate) fn private_address(
    topology: &Topology,
    vswitch: &Vswitch,
    requested: Option<Ipv4Addr>,
) -> Result<Ipv4Addr, CommandError> {
    let book = topology.private_books.get(&vswitch.id);
    match requested {
        Some(address) => {
            if !vswitch.cidr_block.contains(&address) {
                return Err(CommandError::new(
                    ErrorCode::IpNotInVswitch,
                    ErrorDetail::AddressNotInVswitch {
                        address,
                        vswitch: vswitch.id.clone(),
                        block: vswitch.cidr_block,
                    },
                ));
            }
            if net::is_reserved(vswitch.cidr_block, address) {
                return Err(CommandError::new(
                    ErrorCode::IpReserved,
                    ErrorDetail::AddressReserved {
                        address,
                        vswitch: vswitch.id.clone(),
                        block: vswitch.cidr_block,
                    },
                ));
            }
            match book.map(|book| book.check(address)) {
                Some(Err(ClaimProblem::Taken(owner))) => Err(CommandError::new(
                    ErrorCode::IpDuplicated,
                    ErrorDetail::AddressTaken {
                        address,
                        owner: owner.to_string(),
                    },
                )),
                _ => Ok(address),
            }
        }
        None => book.and_then(|book| book.lowest_free()).ok_or_else(|| {
            CommandError::new(
                ErrorCode::IpNotEnough,
                ErrorDetail::VswitchFull {
                    vswitch: vswitch.id.clone(),
                    block: vswitch.cidr_block,
                    usable: net::usable_count(vswitch.cidr_block),
                },
            )
        }),
    }
}

/// Claims a private address checked by [`private_address`].
pub(crate) fn claim_private(
    topology: &mut Topology,
    vswitch_id: &str,
    address: Ipv4Addr,
    owner: &str,
) {
    if let Some(book) = topology.private_books.get_mut(vswitch_id) {
        // The address was checked by `private_address`, so the claim cannot fail.
        let _ = book.claim(address, owner);
    }
}

/// Releases a private address.
pub(crate) fn release_private(topology: &mut Topology, vswitch_id: &str, address: Ipv4Addr) {
    if let Some(book) = topology.private_books.get_mut(vswitch_id) {
        book.release(address);
    }
}

/// The next public address of a region's pool.
pub(crate) fn public_address(
    topology: &Topology,
    region_id: &str,
) -> Result<Ipv4Addr, CommandError> {
    topology.next_public_address(region_id).ok_or_else(|| {
        CommandError::new(
            ErrorCode::PublicIpNotEnough,
            ErrorDetail::PublicPoolExhausted {
                region: region_id.into(),
            },
        )
    })
}

/// The error for a resource that still has dependants.
pub(crate) fn dependency(id: &str, dependants: &[Dependant]) -> Result<(), CommandError> {
    if dependants.is_empty() {
        return Ok(());
    }
    Err(CommandError::new(
        ErrorCode::DependencyViolation,
        ErrorDetail::StillHasDependants {
            id: id.into(),
            dependants: dependants.to_vec(),
        },
    ))
}

/// The custom route entries (in any VPC) whose next hop is `id`, as `rte-… (dest)`.
pub(crate) fn routes_through(topology: &Topology, id: &str) -> Vec<Dependant> {
    topology
        .vpcs
        .values()
        .flat_map(|vpc| vpc.route_entries.iter())
        .filter(|entry| entry.next_hop_id == id)
        .map(|entry| Dependant::Route {
            id: entry.id.clone(),
            destination: entry.destination_cidr_block,
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for the handler tests: build topologies step by step.

    use super::*;
    use crate::model::catalog::RuleSet;

    /// Runs commands written as scenario JSON steps (without Refs), panicking on failure.
    pub fn build(rules: RuleSet, steps: &[serde_json::Value]) -> Topology {
        let mut topology = Topology::new(rules);
        for step in steps {
            let command: Command = serde_json::from_value(step.clone()).expect("command");
            topology
                .apply_in_place(&command)
                .unwrap_or_else(|error| panic!("{step}: {error}"));
        }
        topology
    }

    /// Applies a JSON step and returns its result, checking a failure changed nothing.
    pub fn attempt(
        topology: &mut Topology,
        step: serde_json::Value,
    ) -> Result<Response, CommandError> {
        let command: Command = serde_json::from_value(step).expect("command");
        let before = topology.clone();
        let result = topology.apply_in_place(&command);
        if result.is_err() {
            assert_eq!(*topology, before, "a failed command changed the topology");
        }
        result
    }

    /// The code a JSON step fails with.
    pub fn code_of(topology: &Topology, step: serde_json::Value) -> &'static str {
        let mut copy = topology.clone();
        match attempt(&mut copy, step) {
            Ok(response) => panic!("expected a failure, got {response:?}"),
            Err(error) => error.code(),
        }
    }

    /// The Mumbai VPC of the article (192.168.0.0/16) with one VSwitch per zone.
    pub fn article_base(rules: RuleSet) -> Topology {
        build(
            rules,
            &[
                serde_json::json!({"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"192.168.0.0/16"}),
                serde_json::json!({"Action":"CreateVSwitch","VpcId":"vpc-0001","ZoneId":"ap-south-1a","CidrBlock":"192.168.1.0/24"}),
                serde_json::json!({"Action":"CreateVSwitch","VpcId":"vpc-0001","ZoneId":"ap-south-1b","CidrBlock":"192.168.2.0/24"}),
            ],
        )
    }
}
