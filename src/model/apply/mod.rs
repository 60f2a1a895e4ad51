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

/// Why `command` would be refused on `topology`, or `None` when it would be accepted: what
/// [`apply`] would answer, without applying it. The actions the properties panel asks about
/// at each selection (converting a NatPublicIP, setting an instance's bandwidth,
/// unassociating and releasing an EIP) are answered by their handlers' own checks, which
/// stand apart from their changes, so asking costs no copy of the network (at 5,000
/// instances a copy is milliseconds, and a selection asks twice); any other action is
/// answered by [`apply`] on a copy.
///
/// ```
/// use vpclab::model::{apply, example, refusal, Command};
/// let network = example::article_network();
/// let release = Command::ReleaseEipAddress { allocation_id: "eip-9999".into() };
/// assert!(refusal(&network, &release).is_some());
/// assert_eq!(refusal(&network, &release), apply(&network, &release).err());
/// ```
pub fn refusal(topology: &Topology, command: &Command) -> Option<CommandError> {
    use Command as C;
    let checked =
        text::check_command(topology.rules(), command).and_then(|()| match command {
            C::ConvertNatPublicIpToEip { instance_id } => {
                public_ip::check_convert(topology, instance_id).map(drop)
            }
            C::ModifyInstanceNetworkSpec {
                instance_id,
                internet_max_bandwidth_out,
            } => compute::check_network_spec(topology, instance_id, internet_max_bandwidth_out)
                .map(drop),
            C::UnassociateEipAddress {
                allocation_id,
                instance_id,
            } => public_ip::check_unassociate(topology, allocation_id, instance_id.as_deref())
                .map(drop),
            C::ReleaseEipAddress { allocation_id } => {
                public_ip::check_release(topology, allocation_id).map(drop)
            }
            other => apply(topology, other).map(drop),
        });
    checked.err()
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
mod refusal_tests {
    use super::*;
    use crate::model::scenario;

    /// Every call `refusal` answers from checks alone, on the ids of `topology` (and unknown
    /// ones), with bandwidths good and bad.
    fn questions(topology: &Topology) -> Vec<Command> {
        let mut instances: Vec<String> = topology.instances().keys().cloned().collect();
        let mut eips: Vec<String> = topology.eips().keys().cloned().collect();
        let mut holders: Vec<Option<String>> = vec![None];
        holders.extend(topology.nat_gateways().keys().cloned().map(Some));
        instances.push("i-9999".into());
        eips.push("eip-9999".into());
        holders.extend(instances.iter().cloned().map(Some));
        let mut questions = Vec::new();
        for instance_id in &instances {
            questions.push(Command::ConvertNatPublicIpToEip {
                instance_id: instance_id.clone(),
            });
            for bandwidth in ["0", "5", "200", "201", "-1", "ten", ""] {
                questions.push(Command::ModifyInstanceNetworkSpec {
                    instance_id: instance_id.clone(),
                    internet_max_bandwidth_out: bandwidth.into(),
                });
            }
        }
        for allocation_id in &eips {
            questions.push(Command::ReleaseEipAddress {
                allocation_id: allocation_id.clone(),
            });
            for holder in &holders {
                questions.push(Command::UnassociateEipAddress {
                    allocation_id: allocation_id.clone(),
                    instance_id: holder.clone(),
                });
            }
        }
        questions
    }

    #[test]
    fn a_refusal_from_checks_alone_is_the_one_applying_gives() {
        let (mut asked, mut refused, mut with_eips) = (0, 0, 0);
        for (path, parsed) in scenario::test_files() {
            let topology = scenario::run(&parsed).topology;
            with_eips += usize::from(!topology.eips().is_empty());
            for command in questions(&topology) {
                let expected = apply(&topology, &command).err();
                refused += usize::from(expected.is_some());
                assert_eq!(
                    refusal(&topology, &command),
                    expected,
                    "{path:?}: {command:?}"
                );
                asked += 1;
            }
        }
        assert!(with_eips >= 5, "only {with_eips} networks with EIPs");
        assert!(
            refused > 100 && asked - refused > 100,
            "{refused} of {asked} refused"
        );
    }
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
