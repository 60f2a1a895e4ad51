//! What exactly went wrong with a command, as typed data: one variant per shape of message,
//! with the values a person needs to fix the input (ids, blocks, addresses, limits).
//!
//! The model words nothing for the UI: the app renders an [`ErrorDetail`] from its catalogue
//! (`text::errors`) in the user's language. The [`Display`](fmt::Display) here is the
//! English wording the command line and the tests read. Alibaba's parameter names
//! (`CidrBlock`, `PortRange`...) and ids are data, never translated.

use std::fmt;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use crate::model::action::ActionKind;
use crate::model::catalog::RuleSet;
use crate::model::text_rules::{TextProblem, TextRule};

/// A kind of resource, as an error names it ("there is no VSwitch vsw-0009").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs, reason = "each variant names its kind of resource")]
pub enum Noun {
    Vpc,
    Vswitch,
    Instance,
    Eip,
    EipTarget,
    SecurityGroup,
    RouteTable,
    RouteEntry,
    NextHop,
    NatGateway,
    NatTable,
    SnatEntry,
    DnatEntry,
    BoundEip,
    VpnGateway,
    CustomerGateway,
    IpsecConnection,
    VirtualBorderRouter,
    DataCentre,
    LoadBalancer,
    RdsInstance,
    Resource,
}

impl Noun {
    /// Every noun, for the catalogue's completeness test.
    pub const ALL: [Noun; 22] = [
        Noun::Vpc,
        Noun::Vswitch,
        Noun::Instance,
        Noun::Eip,
        Noun::EipTarget,
        Noun::SecurityGroup,
        Noun::RouteTable,
        Noun::RouteEntry,
        Noun::NextHop,
        Noun::NatGateway,
        Noun::NatTable,
        Noun::SnatEntry,
        Noun::DnatEntry,
        Noun::BoundEip,
        Noun::VpnGateway,
        Noun::CustomerGateway,
        Noun::IpsecConnection,
        Noun::VirtualBorderRouter,
        Noun::DataCentre,
        Noun::LoadBalancer,
        Noun::RdsInstance,
        Noun::Resource,
    ];

    /// The English words for the kind.
    pub fn english(self) -> &'static str {
        match self {
            Noun::Vpc => "VPC",
            Noun::Vswitch => "VSwitch",
            Noun::Instance => "instance",
            Noun::Eip => "EIP",
            Noun::EipTarget => "instance, NAT gateway or CLB",
            Noun::SecurityGroup => "security group",
            Noun::RouteTable => "route table",
            Noun::RouteEntry => "route entry",
            Noun::NextHop => "next hop",
            Noun::NatGateway => "NAT gateway",
            Noun::NatTable => "NAT table",
            Noun::SnatEntry => "SNAT entry",
            Noun::DnatEntry => "DNAT entry",
            Noun::BoundEip => "bound EIP",
            Noun::VpnGateway => "VPN gateway",
            Noun::CustomerGateway => "customer gateway",
            Noun::IpsecConnection => "IPsec connection",
            Noun::VirtualBorderRouter => "virtual border router",
            Noun::DataCentre => "data centre",
            Noun::LoadBalancer => "load balancer",
            Noun::RdsInstance => "RDS instance",
            Noun::Resource => "resource",
        }
    }
}

impl fmt::Display for Noun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.english())
    }
}

/// Something that keeps a resource from being deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dependant {
    /// A resource of a kind, by id ("VSwitch vsw-0001").
    Named {
        /// Its kind.
        noun: Noun,
        /// Its id.
        id: String,
    },
    /// A resource holding an address of a VSwitch ("i-0001 (192.168.1.1)").
    Address {
        /// The owner's id.
        owner: String,
        /// The address it holds.
        address: Ipv4Addr,
    },
    /// A custom route entry ("route entry rte-0001 (10.0.0.0/8)").
    Route {
        /// The entry's id.
        id: String,
        /// Its destination.
        destination: Ipv4Net,
    },
    /// An instance in a security group ("member i-0001").
    Member {
        /// The instance's id.
        id: String,
    },
    /// Another security group whose rule names this one.
    RuleNaming {
        /// The other group.
        group: String,
    },
    /// An SNAT entry of a NAT gateway ("SNAT entry snat-0001 of ngw-0001").
    SnatOf {
        /// The entry's id.
        id: String,
        /// The NAT gateway.
        gateway: String,
    },
}

impl fmt::Display for Dependant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dependant::Named { noun, id } => write!(f, "{noun} {id}"),
            Dependant::Address { owner, address } => write!(f, "{owner} ({address})"),
            Dependant::Route { id, destination } => write!(f, "route entry {id} ({destination})"),
            Dependant::SnatOf { id, gateway } => write!(f, "SNAT entry {id} of {gateway}"),
            Dependant::Member { id } => write!(f, "member {id}"),
            Dependant::RuleNaming { group } => write!(f, "a rule of {group} naming it"),
        }
    }
}

/// The details of a failed command: the values involved, typed, one variant per message.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's fields are named after what they hold"
)]
pub enum ErrorDetail {
    /// A parameter that is not a CIDR block.
    NotACidr { param: String, value: String },
    /// A CIDR block with leading zeros.
    CidrLeadingZeros { param: String, value: String },
    /// A CIDR block with host bits set.
    CidrHostBits {
        param: String,
        value: String,
        block: Ipv4Net,
    },
    /// A parameter that is not an IPv4 address.
    NotAnAddress { param: String, value: String },
    /// A parameter that is not a whole number in its range.
    NotANumber {
        param: String,
        value: String,
        min: u32,
        max: u32,
    },
    /// An id that names nothing of the kind.
    NotFound { noun: Noun, id: String },
    /// A region the catalogue does not know.
    RegionUnknown { region: String },
    /// A region closed to new resources under the rules in force.
    RegionClosed {
        region: String,
        rules: RuleSet,
        since: String,
    },
    /// A block that touches a reserved range.
    ReservedRange {
        param: String,
        block: Ipv4Net,
        range: Ipv4Net,
    },
    /// A netmask outside the range of a kind of block.
    MaskOutOfRange {
        block: Ipv4Net,
        noun: Noun,
        min: u8,
        max: u8,
    },
    /// A private address outside its VSwitch.
    AddressNotInVswitch {
        address: Ipv4Addr,
        vswitch: String,
        block: Ipv4Net,
    },
    /// A reserved private address.
    AddressReserved {
        address: Ipv4Addr,
        vswitch: String,
        block: Ipv4Net,
    },
    /// A private address already in use.
    AddressTaken { address: Ipv4Addr, owner: String },
    /// A VSwitch without a free address.
    VswitchFull {
        vswitch: String,
        block: Ipv4Net,
        usable: u64,
    },
    /// A region whose public pool is exhausted.
    PublicPoolExhausted { region: String },
    /// A resource that still has dependants.
    StillHasDependants {
        id: String,
        dependants: Vec<Dependant>,
    },
    /// An action no handler applies.
    Unhandled { action: ActionKind },
    /// A name or description that breaks its rule.
    TextBreaksRule {
        param: String,
        problem: TextProblem,
        rules: RuleSet,
        rule: TextRule,
    },
    /// A region already at its VPC quota.
    VpcQuota {
        region: String,
        count: usize,
        quota: usize,
    },
    /// A resource in another region than the one named.
    InRegionNot {
        id: String,
        region: String,
        expected: String,
    },
    /// Two resources in different places ("vsw-1 is in vpc-1, ngw-1 in vpc-2").
    Apart {
        first: String,
        first_in: String,
        second: String,
        second_in: String,
    },
    /// A resource in another VPC than the one named.
    BelongsToOther {
        id: String,
        vpc: String,
        expected: String,
    },
    /// A block that overlaps a block of its VPC.
    OverlapsVpcBlock {
        block: Ipv4Net,
        existing: Ipv4Net,
        vpc: String,
    },
    /// A VPC at its secondary-block quota.
    SecondaryQuota { vpc: String, quota: usize },
    /// A zone that is not in the VPC's region.
    ZoneNotInRegion {
        zone: String,
        region: String,
        zones: Vec<String>,
    },
    /// A VSwitch block outside its VPC's blocks.
    NotInsideVpc {
        block: Ipv4Net,
        vpc: String,
        blocks: Vec<Ipv4Net>,
    },
    /// A VSwitch block overlapping another VSwitch.
    OverlapsVswitch {
        block: Ipv4Net,
        vswitch: String,
        vswitch_block: Ipv4Net,
    },
    /// A VSwitch block containing a custom route's destination.
    ContainsRouteDestination {
        block: Ipv4Net,
        entry: String,
        destination: Ipv4Net,
    },
    /// A VPC at its VSwitch quota.
    VswitchQuota {
        vpc: String,
        count: usize,
        quota: usize,
        rules: RuleSet,
    },
    /// An unknown `NextHopType`.
    NextHopTypeUnknown { value: String },
    /// A next hop of another type than the one stated.
    NextHopWrongType {
        id: String,
        actual: String,
        stated: String,
    },
    /// A next hop outside the route table's VPC.
    NextHopElsewhere {
        id: String,
        vpc: String,
        table: String,
    },
    /// A destination inside the cloud services block.
    RouteInCloudServices { block: Ipv4Net, services: Ipv4Net },
    /// A destination inside a VSwitch's block.
    RouteInVswitch {
        block: Ipv4Net,
        vswitch: String,
        vswitch_block: Ipv4Net,
    },
    /// A destination the table already routes.
    RouteRepeated {
        table: String,
        block: Ipv4Net,
        entry: String,
        nat_gateway: Option<String>,
    },
    /// A route table at its quota.
    RouteQuota { table: String, quota: usize },
    /// A table without a custom route to the block.
    NoCustomRoute { table: String, block: Ipv4Net },
    /// DeleteRouteEntry without the ids it needs.
    DeleteRouteNeedsIds,
    /// An unknown `SecurityGroupType`.
    GroupTypeUnknown { value: String },
    /// An unknown `InnerAccessPolicy`.
    InnerPolicyUnknown { value: String },
    /// An enterprise group's policy cannot change.
    EnterpriseIsolates { group: String },
    /// A `PortRange` that is not `from/to`.
    PortRangeMalformed { value: String },
    /// A `PortRange` outside 1..65535 for tcp or udp.
    PortRangeForPorts { value: String, protocol: String },
    /// A `PortRange` other than -1/-1 for a protocol without ports.
    PortRangeForPortless { value: String, protocol: String },
    /// An unknown rule `IpProtocol`.
    IpProtocolUnknown { value: String },
    /// An unknown rule `Policy`.
    PolicyUnknown { value: String },
    /// An enterprise group's rule naming a group.
    EnterpriseNamesGroup { group: String, param: String },
    /// A rule with neither a block nor a group.
    RuleNeedsPeer {
        cidr_param: String,
        group_param: String,
    },
    /// A rule the group does not have.
    NoSuchRule { group: String },
    /// An instance without a NatPublicIP.
    NoNatPublicIp { instance: String },
    /// An unknown EIP `InstanceType`.
    EipTargetTypeUnknown { value: String },
    /// An EIP already bound.
    EipAlreadyBound { eip: String, bound_to: String },
    /// An instance that already has a public address.
    HasPublicAddress { instance: String, address: Ipv4Addr },
    /// An EIP bound to nothing.
    EipUnbound { eip: String },
    /// An EIP bound to another resource than the one named.
    EipBoundElsewhere {
        eip: String,
        bound_to: String,
        instance: String,
    },
    /// An EIP still bound, so not released.
    EipStillBound { eip: String, bound_to: String },
    /// An enhanced NAT gateway without a VSwitch.
    NatNeedsVswitch,
    /// An address that is not an EIP of the NAT gateway.
    NotBoundToGateway {
        param: String,
        address: Ipv4Addr,
        gateway: String,
    },
    /// An SNAT entry with both or neither source.
    SnatSourceChoice,
    /// An SNAT source already in an entry.
    SnatSourceTaken {
        source: String,
        vswitch_of_block: Option<String>,
        entry: String,
        table: String,
    },
    /// A DNAT port that does not match Any-ness of the protocol.
    PortAnyMismatch {
        param: String,
        value: String,
        any_protocol: bool,
    },
    /// An unknown DNAT protocol.
    ForwardProtocolUnknown { value: String },
    /// A DNAT private address outside the VPC.
    InternalIpOutsideVpc { address: Ipv4Addr, vpc: String },
    /// A DNAT public side already forwarded.
    ForwardPublicTaken {
        table: String,
        protocol: String,
        address: Ipv4Addr,
        port: String,
        entry: String,
    },
    /// A DNAT private side already forwarded to.
    ForwardPrivateTaken {
        table: String,
        protocol: String,
        address: Ipv4Addr,
        port: String,
        entry: String,
    },
    /// A VBR bandwidth not offered.
    BandwidthNotOffered { bandwidth: String },
    /// A VPC at its VPN gateway quota.
    VpnGatewayQuota { vpc: String, quota: usize },
    /// A gateway address that is not public.
    AddressNotPublic { address: Ipv4Addr, range: Ipv4Net },
    /// The reserved AS number.
    AsnReserved { asn: u32 },
    /// A customer gateway address already registered.
    AddressRegistered { address: Ipv4Addr, gateway: String },
    /// An unknown CLB `AddressType`.
    AddressTypeUnknown { value: String },
    /// AddBackendServers without servers.
    BackendsEmpty,
    /// A back end in another VPC than the load balancer.
    BackendElsewhere {
        server: String,
        vpc: String,
        load_balancer: String,
    },
    /// An unknown RDS engine.
    EngineUnknown { value: String, engines: String },
    /// A trace step's unknown protocol.
    TraceProtocolUnknown { value: String },
    /// A trace step's port out of range.
    TracePortMalformed { value: String, min: u32, max: u32 },
    /// A lesson's trace that did not run.
    TraceDidNotRun,
}

fn list<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The English sentence of a text problem ("has 200 characters").
pub fn text_problem_english(problem: &TextProblem) -> String {
    match problem {
        TextProblem::BidiControl(c) => format!(
            "holds the bidirectional-text control U+{:04X}, which changes how the text displays",
            u32::from(*c)
        ),
        TextProblem::Control(c) => format!("holds the control character U+{:04X}", u32::from(*c)),
        TextProblem::Length(length) => format!("has {length} characters"),
        TextProblem::HttpPrefix => "starts with http:// or https://".to_string(),
        TextProblem::FirstNotLetter => "does not start with a letter".to_string(),
        TextProblem::Character(c) => format!("holds \"{c}\""),
    }
}

impl fmt::Display for ErrorDetail {
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per message: a table, read top to bottom"
    )]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorDetail as D;
        match self {
            D::NotACidr { param, value } => write!(f, "{param} \"{value}\" is not a CIDR block (a.b.c.d/n, n ≤ 32)"),
            D::CidrLeadingZeros { param, value } => write!(f, "{param} \"{value}\" has numbers with leading zeros, which the API refuses"),
            D::CidrHostBits { param, value, block } => write!(f, "{param} \"{value}\" has host bits set (the block is {block})"),
            D::NotAnAddress { param, value } => write!(f, "{param} \"{value}\" is not an IPv4 address"),
            D::NotANumber { param, value, min, max } => write!(f, "{param} \"{value}\" is not a whole number from {min} to {max}"),
            D::NotFound { noun, id } => write!(f, "there is no {noun} {id}"),
            D::RegionUnknown { region } => write!(f, "{region} is not a region of the catalogue"),
            D::RegionClosed { region, rules, since } => {
                let name = crate::model::catalog::region(region).map_or("?", |r| r.name);
                write!(f, "{region} ({name}) is closed to new resources under the {} rules (closed since {since})", rules.name())
            }
            D::ReservedRange { param, block, range } => write!(f, "{param} {block} touches the reserved range {range}"),
            D::MaskOutOfRange { block, noun, min, max } => write!(f, "{block}: a {noun} block has a netmask from /{min} to /{max}"),
            D::AddressNotInVswitch { address, vswitch, block } => write!(f, "{address} is not in {vswitch} ({block})"),
            D::AddressReserved { address, vswitch, block } => write!(f, "{address} is reserved in {vswitch} ({block}): the first address and the last three are"),
            D::AddressTaken { address, owner } => write!(f, "{address} is already used by {owner}"),
            D::VswitchFull { vswitch, block, usable } => write!(f, "{vswitch} ({block}) has no free address left ({usable} usable, all in use)"),
            D::PublicPoolExhausted { region } => write!(f, "the public address pool of {region} is exhausted"),
            D::StillHasDependants { id, dependants } => write!(f, "{id} still has {}", list(dependants)),
            D::Unhandled { action } => write!(f, "{action} is not applied by any handler"),
            D::TextBreaksRule { param, problem, rules, rule } => write!(f, "{param} {}; under the {} rules it is {}", text_problem_english(problem), rules.name(), rule.describe()),
            D::VpcQuota { region, count, quota } => write!(f, "{region} already has {count} VPCs (quota {quota})"),
            D::InRegionNot { id, region, expected } => write!(f, "{id} is in {region}, not {expected}"),
            D::Apart { first, first_in, second, second_in } => write!(f, "{first} is in {first_in}, {second} in {second_in}"),
            D::BelongsToOther { id, vpc, expected } => write!(f, "{id} belongs to {vpc}, not {expected}"),
            D::OverlapsVpcBlock { block, existing, vpc } => write!(f, "{block} overlaps {existing}, already a block of {vpc}"),
            D::SecondaryQuota { vpc, quota } => write!(f, "{vpc} already has {quota} secondary blocks (quota {quota})"),
            D::ZoneNotInRegion { zone, region, zones } => write!(f, "{zone} is not a zone of {region} (zones: {})", zones.join(", ")),
            D::NotInsideVpc { block, vpc, blocks } => write!(f, "{block} is not inside {vpc} ({})", list(blocks)),
            D::OverlapsVswitch { block, vswitch, vswitch_block } => write!(f, "{block} overlaps {vswitch} ({vswitch_block})"),
            D::ContainsRouteDestination { block, entry, destination } => write!(f, "{block} contains the destination of route entry {entry} ({destination})"),
            D::VswitchQuota { vpc, count, quota, rules } => write!(f, "{vpc} already has {count} VSwitches (quota {quota} under the {} rules)", rules.name()),
            D::NextHopTypeUnknown { value } => write!(f, "NextHopType \"{value}\" is not one of Instance, VpnGateway, NatGateway, RouterInterface"),
            D::NextHopWrongType { id, actual, stated } => write!(f, "{id} is a {actual}, not a {stated}"),
            D::NextHopElsewhere { id, vpc, table } => write!(f, "{id} does not belong to {vpc} ({table})"),
            D::RouteInCloudServices { block, services } => write!(f, "{block} is inside {services}, the cloud services block of the system route table"),
            D::RouteInVswitch { block, vswitch, vswitch_block } => write!(f, "{block} is inside the block of {vswitch} ({vswitch_block}), which has a system route"),
            D::RouteRepeated { table, block, entry, nat_gateway } => {
                write!(f, "{table} already has a route to {block} (entry {entry}")?;
                if let Some(gateway) = nat_gateway {
                    write!(f, ", added with NAT gateway {gateway}")?;
                }
                f.write_str(")")
            }
            D::RouteQuota { table, quota } => write!(f, "{table} already has {quota} custom entries (quota {quota})"),
            D::NoCustomRoute { table, block } => write!(f, "{table} has no custom route to {block}"),
            D::DeleteRouteNeedsIds => f.write_str("DeleteRouteEntry needs RouteEntryId, or RouteTableId and DestinationCidrBlock"),
            D::GroupTypeUnknown { value } => write!(f, "SecurityGroupType \"{value}\" is not normal or enterprise"),
            D::InnerPolicyUnknown { value } => write!(f, "InnerAccessPolicy \"{value}\" is not Accept or Drop"),
            D::EnterpriseIsolates { group } => write!(f, "{group} is an enterprise (advanced) group: its members are always isolated from each other"),
            D::PortRangeMalformed { value } => write!(f, "PortRange \"{value}\" is not two whole numbers separated by a slash, such as 22/22"),
            D::PortRangeForPorts { value, protocol } => write!(f, "PortRange \"{value}\" does not fit {protocol}: use from/to with 1 <= from <= to <= 65535"),
            D::PortRangeForPortless { value, protocol } => write!(f, "PortRange \"{value}\" does not fit {protocol}: {protocol} takes exactly -1/-1"),
            D::IpProtocolUnknown { value } => write!(f, "IpProtocol \"{value}\" is not tcp, udp, icmp, gre or all"),
            D::PolicyUnknown { value } => write!(f, "Policy \"{value}\" is not accept or drop"),
            D::EnterpriseNamesGroup { group, param } => write!(f, "{group} is an enterprise (advanced) group: its rules name address blocks, not security groups ({param})"),
            D::RuleNeedsPeer { cidr_param, group_param } => write!(f, "a rule needs {cidr_param} or {group_param}"),
            D::NoSuchRule { group } => write!(f, "{group} has no such rule"),
            D::NoNatPublicIp { instance } => write!(f, "{instance} has no NatPublicIP to convert"),
            D::EipTargetTypeUnknown { value } => write!(f, "InstanceType \"{value}\" is not EcsInstance, Nat or SlbInstance"),
            D::EipAlreadyBound { eip, bound_to } => write!(f, "{eip} is already bound to {bound_to}"),
            D::HasPublicAddress { instance, address } => write!(f, "{instance} already has the public address {address}"),
            D::EipUnbound { eip } => write!(f, "{eip} is not bound to anything"),
            D::EipBoundElsewhere { eip, bound_to, instance } => write!(f, "{eip} is bound to {bound_to}, not {instance}"),
            D::EipStillBound { eip, bound_to } => write!(f, "{eip} is bound to {bound_to}; unassociate it first"),
            D::NatNeedsVswitch => f.write_str("VSwitchId is required: an enhanced Internet NAT gateway takes a private address from a VSwitch"),
            D::NotBoundToGateway { param, address, gateway } => write!(f, "{param} {address} is not an EIP bound to {gateway}"),
            D::SnatSourceChoice => f.write_str("an SNAT entry takes exactly one of SourceVSwitchId and SourceCIDR"),
            D::SnatSourceTaken { source, vswitch_of_block, entry, table } => {
                f.write_str(source)?;
                if let Some(vswitch) = vswitch_of_block {
                    write!(f, " (the block of {vswitch})")?;
                }
                write!(f, " is already the source of SNAT entry {entry} in {table}")
            }
            D::PortAnyMismatch { param, value, any_protocol: true } => write!(f, "{param} \"{value}\": IpProtocol Any maps every port, so the port is Any too"),
            D::PortAnyMismatch { param, value, any_protocol: false } => write!(f, "{param} \"{value}\": Any is a port only with IpProtocol Any"),
            D::ForwardProtocolUnknown { value } => write!(f, "IpProtocol \"{value}\" is not TCP, UDP or Any"),
            D::InternalIpOutsideVpc { address, vpc } => write!(f, "InternalIp {address} is outside the blocks of {vpc}"),
            D::ForwardPublicTaken { table, protocol, address, port, entry } => write!(f, "{table} already forwards {protocol} {address}:{port} (entry {entry})"),
            D::ForwardPrivateTaken { table, protocol, address, port, entry } => write!(f, "{table} already forwards to {protocol} {address}:{port} (entry {entry})"),
            D::BandwidthNotOffered { bandwidth } => write!(f, "Bandwidth {bandwidth} is not one of 5, 10, 20, 50, 100, 200, 500, 1000 (Mbit/s)"),
            D::VpnGatewayQuota { vpc, quota } => write!(f, "{vpc} already has {quota} VPN gateway (quota {quota})"),
            D::AddressNotPublic { address, range } => write!(f, "{address} is in {range}, not a public address"),
            D::AsnReserved { asn } => write!(f, "AS number {asn} is reserved by Alibaba Cloud"),
            D::AddressRegistered { address, gateway } => write!(f, "{address} is already customer gateway {gateway}"),
            D::AddressTypeUnknown { value } => write!(f, "AddressType \"{value}\" is not intranet or internet"),
            D::BackendsEmpty => f.write_str("BackendServers is empty"),
            D::BackendElsewhere { server, vpc, load_balancer } => write!(f, "{server} is in {vpc}, {load_balancer} in another VPC"),
            D::EngineUnknown { value, engines } => write!(f, "Engine \"{value}\" is not one of {engines}"),
            D::TraceProtocolUnknown { value } => write!(f, "Protocol \"{value}\" is not tcp, udp, icmp, gre or all"),
            D::TracePortMalformed { value, min, max } => write!(f, "Port \"{value}\" is not a port number from {min} to {max}"),
            D::TraceDidNotRun => f.write_str("the trace did not run"),
        }
    }
}
