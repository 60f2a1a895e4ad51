//! The resources of a topology, as plain data with public fields.
//!
//! Each resource carries its own generated id (`vpc-0001`, `i-0003`...) and the ids of the
//! resources it belongs to. The relations are owned by the child (an instance names its
//! VSwitch; a VSwitch names its VPC), so the topology's read helpers answer "what is in
//! this" by looking children up. Field names are snake_case in the stored document; the
//! Alibaba parameter names live on [`crate::model::Command`].

use std::fmt;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

fn is_false(value: &bool) -> bool {
    !*value
}

/// A virtual private cloud: an isolated network in one region, with one VRouter and its
/// system route table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vpc {
    /// The VPC id, `vpc-NNNN`.
    pub id: String,
    /// The name given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The description given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The region the VPC lives in.
    pub region_id: String,
    /// The primary IPv4 block.
    pub cidr_block: Ipv4Net,
    /// Up to five secondary IPv4 blocks, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_cidr_blocks: Vec<Ipv4Net>,
    /// The VRouter created with the VPC, `vrt-NNNN`.
    pub vrouter_id: String,
    /// The system route table of the VRouter, `vtb-NNNN`.
    pub route_table_id: String,
    /// The custom route entries of the system route table, in creation order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_entries: Vec<RouteEntry>,
}

impl Vpc {
    /// The primary block followed by the secondary blocks.
    pub fn cidr_blocks(&self) -> impl Iterator<Item = Ipv4Net> + '_ {
        std::iter::once(self.cidr_block).chain(self.secondary_cidr_blocks.iter().copied())
    }
}

/// What a route entry forwards to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum NextHopType {
    /// An ECS instance (for example a software router or firewall).
    Instance,
    /// A VPN gateway of the VPC.
    VpnGateway,
    /// A NAT gateway of the VPC.
    NatGateway,
    /// An Express Connect virtual border router (reached through a router interface).
    RouterInterface,
}

impl NextHopType {
    /// Alibaba's name of the type, as used in `NextHopType`.
    pub fn name(self) -> &'static str {
        match self {
            NextHopType::Instance => "Instance",
            NextHopType::VpnGateway => "VpnGateway",
            NextHopType::NatGateway => "NatGateway",
            NextHopType::RouterInterface => "RouterInterface",
        }
    }

    /// The type with the given Alibaba name.
    pub fn from_name(name: &str) -> Option<NextHopType> {
        [
            NextHopType::Instance,
            NextHopType::VpnGateway,
            NextHopType::NatGateway,
            NextHopType::RouterInterface,
        ]
        .into_iter()
        .find(|kind| kind.name() == name)
    }
}

/// A custom route entry of a route table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteEntry {
    /// The entry id, `rte-NNNN`.
    pub id: String,
    /// The destination block.
    pub destination_cidr_block: Ipv4Net,
    /// What the next hop is.
    pub next_hop_type: NextHopType,
    /// The id of the next hop.
    pub next_hop_id: String,
    /// The name given at creation (`RouteEntryName`, may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The description given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Where a system route sends traffic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SystemTarget {
    /// The VSwitch whose block this is (local traffic in the VPC, across zones).
    Vswitch(String),
    /// Regional cloud services such as OSS, over 100.64.0.0/10.
    CloudServices,
}

/// A route the system route table has by itself (one per VSwitch, plus cloud services).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemRoute {
    /// The destination block.
    pub destination_cidr_block: Ipv4Net,
    /// Where it leads.
    pub target: SystemTarget,
}

/// A VSwitch: a subnet of a VPC in one zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vswitch {
    /// The VSwitch id, `vsw-NNNN`.
    pub id: String,
    /// The name given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The description given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The VPC it belongs to.
    pub vpc_id: String,
    /// Its zone, one of the VPC's region.
    pub zone_id: String,
    /// Its block, inside one of the VPC's blocks.
    pub cidr_block: Ipv4Net,
}

/// An ECS instance with its network settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instance {
    /// The instance id, `i-NNNN`.
    pub id: String,
    /// The name given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The description given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The VSwitch it is attached to.
    pub vswitch_id: String,
    /// Its private address, from the VSwitch's block.
    pub private_ip_address: Ipv4Addr,
    /// Its security groups (at least one).
    pub security_group_ids: Vec<String>,
    /// Outbound Internet bandwidth in Mbit/s; above 0 at creation gives a NatPublicIP.
    #[serde(default)]
    pub internet_max_bandwidth_out: u32,
    /// Its static public address (NatPublicIP), if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nat_public_ip: Option<Ipv4Addr>,
}

/// What kind of resource an EIP is bound to (Alibaba's `InstanceType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EipTargetType {
    /// An ECS instance.
    EcsInstance,
    /// A NAT gateway.
    Nat,
    /// A CLB (SLB) instance.
    SlbInstance,
}

impl EipTargetType {
    /// Alibaba's name of the type.
    pub fn name(self) -> &'static str {
        match self {
            EipTargetType::EcsInstance => "EcsInstance",
            EipTargetType::Nat => "Nat",
            EipTargetType::SlbInstance => "SlbInstance",
        }
    }
}

/// The resource an EIP is bound to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EipBinding {
    /// The bound resource's id.
    pub instance_id: String,
    /// The bound resource's kind.
    pub instance_type: EipTargetType,
}

/// An elastic IP address: allocated in a region, bound to one resource at a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eip {
    /// The allocation id, `eip-NNNN`.
    pub id: String,
    /// The name given at allocation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The description given at allocation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The region the address belongs to.
    pub region_id: String,
    /// The public address.
    pub ip_address: Ipv4Addr,
    /// Its bandwidth in Mbit/s.
    pub bandwidth: u32,
    /// What it is bound to, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binding: Option<EipBinding>,
}

/// Basic ("normal") or enterprise security group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SecurityGroupType {
    /// Basic: with no rules, members reach each other and everything may go out.
    #[serde(rename = "normal")]
    Normal,
    /// Enterprise: with no rules, both directions are denied.
    #[serde(rename = "enterprise")]
    Enterprise,
}

/// How the members of one security group reach each other (Alibaba's `InnerAccessPolicy`).
///
/// `Accept` (the default of a basic group): members always reach each other, whatever the
/// user rules say. `Drop` (always the case for an enterprise group): members are isolated
/// from each other and the user rules decide.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum InnerAccessPolicy {
    /// Members reach each other regardless of the rules.
    #[default]
    Accept,
    /// Members are isolated; rules decide.
    Drop,
}

impl InnerAccessPolicy {
    /// Alibaba's name of the policy: `Accept` or `Drop`.
    pub fn name(self) -> &'static str {
        match self {
            InnerAccessPolicy::Accept => "Accept",
            InnerAccessPolicy::Drop => "Drop",
        }
    }

    /// Parses Alibaba's value (case-insensitive, as the API reads it).
    ///
    /// ```
    /// use vpclab::model::InnerAccessPolicy;
    /// assert_eq!(InnerAccessPolicy::from_name("drop"), Some(InnerAccessPolicy::Drop));
    /// assert_eq!(InnerAccessPolicy::from_name("deny"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<InnerAccessPolicy> {
        match name.to_ascii_lowercase().as_str() {
            "accept" => Some(InnerAccessPolicy::Accept),
            "drop" => Some(InnerAccessPolicy::Drop),
            _ => None,
        }
    }
}

/// Which direction a security group rule filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// Traffic coming in to members.
    #[serde(rename = "ingress")]
    Ingress,
    /// Traffic leaving members.
    #[serde(rename = "egress")]
    Egress,
}

/// The protocol a rule applies to (Alibaba's `IpProtocol`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IpProtocol {
    /// TCP.
    #[serde(rename = "tcp")]
    Tcp,
    /// UDP.
    #[serde(rename = "udp")]
    Udp,
    /// ICMP.
    #[serde(rename = "icmp")]
    Icmp,
    /// GRE.
    #[serde(rename = "gre")]
    Gre,
    /// Every protocol.
    #[serde(rename = "all")]
    All,
}

impl IpProtocol {
    /// Every protocol, in the order the API lists them.
    pub const ALL: [IpProtocol; 5] = [
        IpProtocol::Tcp,
        IpProtocol::Udp,
        IpProtocol::Icmp,
        IpProtocol::Gre,
        IpProtocol::All,
    ];

    /// Alibaba's value: `tcp`, `udp`, `icmp`, `gre` or `all`.
    pub fn name(self) -> &'static str {
        match self {
            IpProtocol::Tcp => "tcp",
            IpProtocol::Udp => "udp",
            IpProtocol::Icmp => "icmp",
            IpProtocol::Gre => "gre",
            IpProtocol::All => "all",
        }
    }

    /// Parses Alibaba's value (case-insensitive): `tcp`, `udp`, `icmp`, `gre`, `all`.
    ///
    /// ```
    /// use vpclab::model::IpProtocol;
    /// assert_eq!(IpProtocol::from_name("TCP"), Some(IpProtocol::Tcp));
    /// assert_eq!(IpProtocol::from_name("sctp"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<IpProtocol> {
        IpProtocol::ALL
            .into_iter()
            .find(|protocol| protocol.name().eq_ignore_ascii_case(name))
    }

    /// Whether ports apply to the protocol (TCP and UDP).
    pub fn has_ports(self) -> bool {
        matches!(self, IpProtocol::Tcp | IpProtocol::Udp)
    }

    /// The `PortRange` parameter of a rule for this protocol: `from/to` for TCP and UDP,
    /// `-1/-1` for the others.
    ///
    /// ```
    /// use vpclab::model::{IpProtocol, PortRange};
    /// let range = PortRange { from: 22, to: 22 };
    /// assert_eq!(IpProtocol::Tcp.port_range_parameter(range), "22/22");
    /// assert_eq!(IpProtocol::Icmp.port_range_parameter(range), "-1/-1");
    /// ```
    pub fn port_range_parameter(self, range: PortRange) -> String {
        if self.has_ports() {
            range.to_string()
        } else {
            "-1/-1".to_string()
        }
    }
}

/// An inclusive port range; Alibaba writes it `80/80`, and `-1/-1` for "no ports".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PortRange {
    /// First port.
    pub from: u16,
    /// Last port.
    pub to: u16,
}

impl PortRange {
    /// Every port, 1 to 65535.
    pub const ALL: PortRange = PortRange { from: 1, to: 65535 };

    /// Parses `80/80` or `1/65535`; `-1/-1` means every port. `None` when malformed.
    ///
    /// ```
    /// use vpclab::model::PortRange;
    /// assert_eq!(PortRange::parse("22/22"), Some(PortRange { from: 22, to: 22 }));
    /// assert_eq!(PortRange::parse("-1/-1"), Some(PortRange::ALL));
    /// assert_eq!(PortRange::parse("90/80"), None);
    /// ```
    pub fn parse(text: &str) -> Option<PortRange> {
        if text.trim() == "-1/-1" {
            return Some(PortRange::ALL);
        }
        let (from, to) = text.trim().split_once('/')?;
        let from: u16 = from.parse().ok()?;
        let to: u16 = to.parse().ok()?;
        (from >= 1 && from <= to).then_some(PortRange { from, to })
    }

    /// Whether `port` is in the range.
    pub fn contains(self, port: u16) -> bool {
        (self.from..=self.to).contains(&port)
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.from, self.to)
    }
}

/// Whether a rule lets traffic through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Policy {
    /// Let it through.
    #[serde(rename = "accept")]
    Accept,
    /// Drop it.
    #[serde(rename = "drop")]
    Drop,
}

/// The other end a rule names: a block or another security group.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RulePeer {
    /// Addresses in a block (`SourceCidrIp` / `DestCidrIp`).
    Cidr(Ipv4Net),
    /// Members of a security group (`SourceGroupId` / `DestGroupId`).
    Group(String),
}

/// One security group rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupRule {
    /// Ingress or egress.
    pub direction: Direction,
    /// The protocol.
    pub ip_protocol: IpProtocol,
    /// The destination ports.
    pub port_range: PortRange,
    /// The source (ingress) or destination (egress).
    pub peer: RulePeer,
    /// Accept or drop.
    pub policy: Policy,
    /// 1 (highest) to 100.
    pub priority: u8,
    /// The rule's description (may be empty). Not part of what identifies the rule.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl SecurityGroupRule {
    /// Whether two rules are the same rule: everything but the description counts.
    pub fn same_as(&self, other: &SecurityGroupRule) -> bool {
        (
            self.direction,
            self.ip_protocol,
            self.port_range,
            &self.peer,
            self.policy,
            self.priority,
        ) == (
            other.direction,
            other.ip_protocol,
            other.port_range,
            &other.peer,
            other.policy,
            other.priority,
        )
    }
}

/// A security group: a stateful firewall shared by its member instances.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroup {
    /// The group id, `sg-NNNN`.
    pub id: String,
    /// The name given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The description given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The VPC it belongs to.
    pub vpc_id: String,
    /// Basic or enterprise.
    pub group_type: SecurityGroupType,
    /// How members of the group reach each other (`InnerAccessPolicy`): `Accept` for a
    /// new basic group, always `Drop` for an enterprise group.
    #[serde(default)]
    pub inner_access_policy: InnerAccessPolicy,
    /// Whether RunInstances created it as the VPC's default group.
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_default: bool,
    /// Its rules, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<SecurityGroupRule>,
}

/// Where an SNAT entry's traffic comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SnatSource {
    /// A whole VSwitch (`SourceVSwitchId`).
    Vswitch(String),
    /// A block, for example one instance as a /32 (`SourceCIDR`).
    Cidr(Ipv4Net),
}

/// An SNAT entry: outbound Internet access through one of the gateway's EIPs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnatEntry {
    /// The entry id, `snat-NNNN`.
    pub id: String,
    /// The traffic it translates.
    pub source: SnatSource,
    /// The EIP address it leaves from.
    pub snat_ip: Ipv4Addr,
    /// The name given at creation (`SnatEntryName`, may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// The protocol a DNAT entry forwards (CreateForwardEntry's `IpProtocol`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ForwardProtocol {
    /// TCP only.
    #[serde(rename = "tcp")]
    Tcp,
    /// UDP only.
    #[serde(rename = "udp")]
    Udp,
    /// Every protocol.
    #[serde(rename = "any")]
    Any,
}

impl ForwardProtocol {
    /// Every value, in the order the API lists them.
    pub const ALL: [ForwardProtocol; 3] = [
        ForwardProtocol::Tcp,
        ForwardProtocol::Udp,
        ForwardProtocol::Any,
    ];

    /// The value as stored: `tcp`, `udp` or `any`.
    pub fn name(self) -> &'static str {
        match self {
            ForwardProtocol::Tcp => "tcp",
            ForwardProtocol::Udp => "udp",
            ForwardProtocol::Any => "any",
        }
    }

    /// Parses the API's value, whatever its case (`TCP`, `udp`, `Any`).
    ///
    /// ```
    /// use vpclab::model::ForwardProtocol;
    /// assert_eq!(ForwardProtocol::from_name("Any"), Some(ForwardProtocol::Any));
    /// assert_eq!(ForwardProtocol::from_name("icmp"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<ForwardProtocol> {
        ForwardProtocol::ALL
            .into_iter()
            .find(|protocol| protocol.name().eq_ignore_ascii_case(name))
    }

    /// Whether an entry for this protocol forwards a packet of `protocol`.
    pub fn forwards(self, protocol: IpProtocol) -> bool {
        match self {
            ForwardProtocol::Any => true,
            ForwardProtocol::Tcp => protocol == IpProtocol::Tcp,
            ForwardProtocol::Udp => protocol == IpProtocol::Udp,
        }
    }
}

impl fmt::Display for ForwardProtocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A DNAT (forward) entry: an EIP port mapped to a private address and port.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardEntry {
    /// The entry id, `fwd-NNNN`.
    pub id: String,
    /// The protocol.
    pub ip_protocol: ForwardProtocol,
    /// The EIP address.
    pub external_ip: Ipv4Addr,
    /// The public port, or `None` for any.
    pub external_port: Option<u16>,
    /// The private address.
    pub internal_ip: Ipv4Addr,
    /// The private port, or `None` for any.
    pub internal_port: Option<u16>,
    /// The name given at creation (`ForwardEntryName`, may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// A NAT gateway of a VPC, with its SNAT and DNAT tables.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NatGateway {
    /// The gateway id, `ngw-NNNN`.
    pub id: String,
    /// The name given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The description given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The VPC it serves.
    pub vpc_id: String,
    /// The VSwitch it sits in, if one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vswitch_id: Option<String>,
    /// Its private address in that VSwitch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<Ipv4Addr>,
    /// The SNAT table id, `stb-NNNN`.
    pub snat_table_id: String,
    /// The forward (DNAT) table id, `ftb-NNNN`.
    pub forward_table_id: String,
    /// SNAT entries, in creation order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snat_entries: Vec<SnatEntry>,
    /// DNAT entries, in creation order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forward_entries: Vec<ForwardEntry>,
}

/// A VPN gateway of a VPC, with its own public address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VpnGateway {
    /// The gateway id, `vpn-NNNN`.
    pub id: String,
    /// The name given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The VPC it serves.
    pub vpc_id: String,
    /// Its public address, from the region's pool.
    pub public_ip_address: Ipv4Addr,
    /// Its bandwidth in Mbit/s.
    pub bandwidth: u32,
}

/// A customer gateway: the data centre's side of an IPsec connection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerGateway {
    /// The gateway id, `cgw-NNNN`.
    pub id: String,
    /// The name given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The description given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The region it is registered in.
    pub region_id: String,
    /// The data centre's public address.
    pub ip_address: Ipv4Addr,
    /// Its BGP AS number, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asn: Option<u32>,
    /// The data centre it stands for (ours), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_center_id: Option<String>,
}

/// An IPsec connection between a VPN gateway and a customer gateway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VpnConnection {
    /// The connection id, `vco-NNNN`.
    pub id: String,
    /// The name given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The VPN gateway.
    pub vpn_gateway_id: String,
    /// The customer gateway.
    pub customer_gateway_id: String,
    /// The VPC-side blocks.
    pub local_subnets: Vec<Ipv4Net>,
    /// The data-centre-side blocks.
    pub remote_subnets: Vec<Ipv4Net>,
}

/// An Express Connect virtual border router.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VirtualBorderRouter {
    /// The router id, `vbr-NNNN`.
    pub id: String,
    /// The name given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The description given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The region it is in.
    pub region_id: String,
    /// The VLAN of the physical connection, 0 to 2999.
    pub vlan_id: u16,
    /// The VPC it is joined to through a router interface (ours), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// The data centre at the other end of the line (ours), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_center_id: Option<String>,
}

/// An on-premises network (ours, not an Alibaba resource).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataCenter {
    /// The data centre id, `idc-NNNN`.
    pub id: String,
    /// The name given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Its address block.
    pub cidr_block: Ipv4Net,
}

/// Whether a CLB listens on a private address only or also on a public one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AddressType {
    /// Private address in the VSwitch only.
    #[serde(rename = "intranet")]
    Intranet,
    /// Also a public address from the region's pool.
    #[serde(rename = "internet")]
    Internet,
}

/// One back end of a CLB.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackendServer {
    /// The ECS instance.
    pub server_id: String,
    /// Its weight, 0 to 100.
    pub weight: u8,
}

/// A CLB (classic load balancer) in a VSwitch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadBalancer {
    /// The load balancer id, `lb-NNNN`.
    pub id: String,
    /// The name given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The VSwitch it sits in.
    pub vswitch_id: String,
    /// Its private address.
    pub address: Ipv4Addr,
    /// Intranet or internet.
    pub address_type: AddressType,
    /// Its public address, when internet-facing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip_address: Option<Ipv4Addr>,
    /// Its ECS back ends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_servers: Vec<BackendServer>,
}

/// An RDS database instance in a VSwitch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbInstance {
    /// The instance id, `rm-NNNN`.
    pub id: String,
    /// The description given at creation (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The engine, for example `MySQL`.
    pub engine: String,
    /// The VSwitch it sits in.
    pub vswitch_id: String,
    /// Its private address.
    pub private_ip_address: Ipv4Addr,
}
