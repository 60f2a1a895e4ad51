//! Why a packet passed a hop, as typed data: the security-group rule, the route, the NAT
//! entry, the public address, the IPsec connection... with the values involved.
//!
//! The model words nothing for the UI: the app renders a [`HopRule`] from its catalogue
//! (`text::trace`) in the user's language. The [`Display`](fmt::Display) here is the English
//! wording the command line, the tests and the lessons' English explanations read.

use std::fmt;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use crate::model::entity::{
    Direction, ForwardProtocol, NextHopType, Policy, RulePeer, SecurityGroupRule,
};

/// A public address a packet uses, and whose it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicAddress {
    /// An instance's NatPublicIP.
    NatPublicIp {
        /// The address.
        address: Ipv4Addr,
        /// The instance.
        owner: String,
    },
    /// An EIP bound to a resource.
    Eip {
        /// The address.
        address: Ipv4Addr,
        /// The EIP's id.
        eip: String,
        /// What it is bound to.
        owner: String,
    },
    /// A CLB's own public address.
    LoadBalancer {
        /// The address.
        address: Ipv4Addr,
        /// The CLB.
        owner: String,
    },
}

impl PublicAddress {
    /// The address itself.
    pub fn address(&self) -> Ipv4Addr {
        match self {
            PublicAddress::NatPublicIp { address, .. }
            | PublicAddress::Eip { address, .. }
            | PublicAddress::LoadBalancer { address, .. } => *address,
        }
    }
}

impl fmt::Display for PublicAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublicAddress::NatPublicIp { address, owner } => {
                write!(f, "NatPublicIP {address} of {owner}")
            }
            PublicAddress::Eip {
                address,
                eip,
                owner,
            } => write!(f, "EIP {address} ({eip}) bound to {owner}"),
            PublicAddress::LoadBalancer { address, owner } => {
                write!(f, "public address {address} of {owner}")
            }
        }
    }
}

/// A security group rule in English words: `tcp 22/22 from 0.0.0.0/0 accept (priority 1)`.
pub fn rule_english(rule: &SecurityGroupRule) -> String {
    let way = match rule.direction {
        Direction::Ingress => "from",
        Direction::Egress => "to",
    };
    let peer = match &rule.peer {
        RulePeer::Cidr(block) => block.to_string(),
        RulePeer::Group(group) => format!("group {group}"),
    };
    let policy = match rule.policy {
        Policy::Accept => "accept",
        Policy::Drop => "drop",
    };
    format!(
        "{} {} {way} {peer} {policy} (priority {})",
        rule.ip_protocol.name(),
        rule_ports(rule),
        rule.priority
    )
}

/// A security group rule in Spanish words: `tcp 22/22 desde 0.0.0.0/0 aceptar (prioridad 1)`.
/// The model's lessons explain a blocked trace in both languages, so both wordings of a
/// rule live here, next to each other.
pub fn rule_spanish(rule: &SecurityGroupRule) -> String {
    let way = match rule.direction {
        Direction::Ingress => "desde",
        Direction::Egress => "hacia",
    };
    let peer = match &rule.peer {
        RulePeer::Cidr(block) => block.to_string(),
        RulePeer::Group(group) => format!("el grupo {group}"),
    };
    let policy = match rule.policy {
        Policy::Accept => "aceptar",
        Policy::Drop => "descartar",
    };
    format!(
        "{} {} {way} {peer} {policy} (prioridad {})",
        rule.ip_protocol.name(),
        rule_ports(rule),
        rule.priority
    )
}

/// A rule's ports as the API writes them (`22/22`, `-1/-1` for a protocol without ports).
pub fn rule_ports(rule: &SecurityGroupRule) -> String {
    if rule.ip_protocol.has_ports() {
        rule.port_range.to_string()
    } else {
        "-1/-1".to_string()
    }
}

/// A port as a hop shows it: the number, or `any`.
pub fn port_or_any(port: Option<u16>) -> String {
    port.map_or("any".to_string(), |port| port.to_string())
}

/// What let a packet through one hop.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's fields are named after what they hold"
)]
pub enum HopRule {
    /// A security group's accept rule matched.
    SecurityGroupRule {
        group: String,
        rule: SecurityGroupRule,
    },
    /// Members of a basic group with InnerAccessPolicy Accept reach each other.
    SecurityGroupInner { group: String },
    /// A basic group lets outbound traffic out when no rule says otherwise.
    SecurityGroupBasicEgress { group: String },
    /// The system route of a VSwitch's block.
    SystemRoute { block: Ipv4Net, vswitch: String },
    /// The system route of the cloud services block.
    CloudServicesRoute { block: Ipv4Net },
    /// A custom route entry.
    CustomRoute {
        destination: Ipv4Net,
        next_hop: String,
        next_hop_type: NextHopType,
        entry: String,
    },
    /// The target is outside the VSwitch: the packet goes to the VRouter.
    ToVrouter {
        target: Ipv4Net,
        vswitch: String,
        block: Ipv4Net,
    },
    /// A router instance sends the packet back to the VRouter.
    BackToVrouter {
        target: Ipv4Net,
        vswitch: String,
        block: Ipv4Net,
    },
    /// The VSwitch delivers to an address of its block.
    Delivered {
        address: Ipv4Addr,
        vswitch: String,
        block: Ipv4Net,
    },
    /// Both ends in one VSwitch: delivered without the VRouter.
    SameVswitch { vswitch: String, block: Ipv4Net },
    /// OSS's internal endpoint of a region.
    OssEndpoint { region: String, block: Ipv4Net },
    /// The source address becomes a public one.
    LeavesFrom { public: PublicAddress },
    /// A router instance leaves through its own public address.
    RouterLeavesFrom { public: PublicAddress },
    /// From the Internet to a public address.
    ToPublic { public: PublicAddress },
    /// The VRouter, as the VPC's gateway, sends Internet traffic out through a public address.
    GatewayOut { public: PublicAddress },
    /// From a public address the packet reaches the Internet.
    ReachesInternet,
    /// From the Internet, a packet addressed to a public address.
    AddressedTo { public: PublicAddress },
    /// A public address hands the packet on to the private address behind it.
    ToPrivate { public: PublicAddress },
    /// The VRouter, as the VPC's gateway, takes a packet in from a public address and routes
    /// it by `route`.
    GatewayIn { route: Box<HopRule> },
    /// A public address translates the answer's address back.
    TranslatesAnswerBack,
    /// An SNAT entry translates the source.
    Snat {
        entry: String,
        source: String,
        snat_ip: Ipv4Addr,
    },
    /// The packet leaves from the SNAT address.
    LeavesBySnat { snat_ip: Ipv4Addr },
    /// From the Internet to an EIP of a NAT gateway.
    ToNatEip {
        address: Ipv4Addr,
        port: Option<u16>,
        gateway: String,
    },
    /// A DNAT entry forwards the packet.
    Dnat {
        entry: String,
        external_ip: Ipv4Addr,
        external_port: Option<u16>,
        internal_ip: Ipv4Addr,
        internal_port: Option<u16>,
        protocol: ForwardProtocol,
    },
    /// An Express Connect VBR carries the packet.
    ExpressConnect { vbr: String, vlan: u16, to: String },
    /// An IPsec connection carries the packet out to a data centre.
    IpsecOut {
        connection: String,
        customer_gateway: Option<(String, Ipv4Addr)>,
        local: Vec<Ipv4Net>,
        remote: Vec<Ipv4Net>,
    },
    /// An IPsec connection brings the packet in from a data centre.
    IpsecIn {
        connection: String,
        remote: Vec<Ipv4Net>,
        local: Vec<Ipv4Net>,
    },
    /// The packet arrives in a data centre (at one host, or its block).
    ArrivesIn {
        host: Option<Ipv4Addr>,
        data_center: String,
        block: Ipv4Net,
    },
    /// The packet leaves a data centre through a customer gateway.
    LeavesThroughCustomerGateway {
        source: Ipv4Net,
        gateway: String,
        address: Ipv4Addr,
    },
    /// The packet leaves a data centre over Express Connect.
    LeavesOverExpressConnect { source: Ipv4Net },
    /// A router instance forwards the packet, after its own security groups.
    RouterForwards {
        inbound: Box<HopRule>,
        outbound: Box<HopRule>,
    },
    /// A router instance forwards the answer.
    RouterForwardsAnswer,
    /// A CLB sends to its back end.
    ClbSends {
        load_balancer: String,
        address: Ipv4Addr,
    },
    /// A resource without security groups sends.
    Sends { id: String, address: Ipv4Addr },
    /// A CLB's listener takes the packet.
    ClbListens {
        load_balancer: String,
        address: Ipv4Addr,
        backends: Vec<String>,
    },
    /// An RDS instance accepts the connection.
    RdsAccepts {
        id: String,
        engine: String,
        address: Ipv4Addr,
    },
    /// Traffic from a CLB, which security groups always let in.
    FromClb,
    /// The answer leaves an instance without an outbound rule.
    AnswerLeaves,
    /// The answer comes into an instance without an inbound rule.
    AnswerComesIn,
    /// A resource answers from its address.
    AnswersFrom { id: String, address: Ipv4Addr },
    /// A resource receives the answer.
    ReceivesAnswer { id: String },
    /// The first hop of a way back.
    Answers,
    /// A NAT gateway translates the answer back.
    TranslatedBack { rule: Box<HopRule> },
    /// The answer goes back over the Internet.
    AnswerOverInternet,
    /// An element carries the answer back.
    CarriesAnswerBack,
}

fn blocks(list: &[Ipv4Net]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for HopRule {
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per rule: a table, read top to bottom"
    )]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use HopRule as H;
        match self {
            H::SecurityGroupRule { group, rule } => write!(f, "security group {group} rule {}", rule_english(rule)),
            H::SecurityGroupInner { group } => write!(f, "security group {group} (basic, InnerAccessPolicy Accept): members always reach each other"),
            H::SecurityGroupBasicEgress { group } => write!(f, "security group {group} (basic): outbound traffic is allowed when no rule says otherwise"),
            H::SystemRoute { block, vswitch } => write!(f, "system route {block} → {vswitch}"),
            H::CloudServicesRoute { block } => write!(f, "system route {block} → cloud services"),
            H::CustomRoute { destination, next_hop, next_hop_type, entry } => write!(f, "custom route {destination} → {next_hop} ({}, {entry})", next_hop_type.name()),
            H::ToVrouter { target, vswitch, block } => write!(f, "{target} is outside {vswitch} ({block}): sent to the VRouter"),
            H::BackToVrouter { target, vswitch, block } => write!(f, "{target} is outside {vswitch} ({block}): sent back to the VRouter"),
            H::Delivered { address, vswitch, block } => write!(f, "{address} is in {vswitch} ({block}): delivered"),
            H::SameVswitch { vswitch, block } => write!(f, "same VSwitch {vswitch} ({block}): delivered directly, without the VRouter"),
            H::OssEndpoint { region, block } => write!(f, "OSS internal endpoint of {region}, over {block}"),
            H::LeavesFrom { public } => write!(f, "{public}: the source address becomes public"),
            H::RouterLeavesFrom { public } => write!(f, "{public}: the router's public address"),
            H::ToPublic { public } => write!(f, "to {public}"),
            H::GatewayOut { public } => write!(f, "the VRouter is the VPC's gateway: it sends Internet traffic out through {public}"),
            H::ReachesInternet => f.write_str("reaches the Internet from the public address"),
            H::AddressedTo { public } => write!(f, "the packet is addressed to {public}"),
            H::ToPrivate { public } => write!(f, "{public}: the destination becomes the private address"),
            H::GatewayIn { route } => write!(f, "the VRouter is the VPC's gateway: it takes the packet in from the public address; {route}"),
            H::TranslatesAnswerBack => f.write_str("translates the answer's address back"),
            H::Snat { entry, source, snat_ip } => write!(f, "SNAT entry {entry}: {source} → {snat_ip}"),
            H::LeavesBySnat { snat_ip } => write!(f, "leaves from {snat_ip}, the SNAT address"),
            H::ToNatEip { address, port, gateway } => write!(f, "to {address}:{}, an EIP of {gateway}", port_or_any(*port)),
            H::Dnat { entry, external_ip, external_port, internal_ip, internal_port, protocol } => write!(f, "DNAT entry {entry}: {external_ip}:{} → {internal_ip}:{} ({protocol})", port_or_any(*external_port), port_or_any(*internal_port)),
            H::ExpressConnect { vbr, vlan, to } => write!(f, "Express Connect VBR {vbr} (VLAN {vlan}) → {to}"),
            H::IpsecOut { connection, customer_gateway, local, remote } => {
                write!(f, "IPsec connection {connection}")?;
                if let Some((gateway, address)) = customer_gateway {
                    write!(f, " to customer gateway {gateway} ({address})")?;
                }
                write!(f, ": local {} ↔ remote {}", blocks(local), blocks(remote))
            }
            H::IpsecIn { connection, remote, local } => write!(f, "IPsec connection {connection}: remote {} ↔ local {}", blocks(remote), blocks(local)),
            H::ArrivesIn { host: Some(host), data_center, block } => write!(f, "host {host} in {data_center} ({block})"),
            H::ArrivesIn { host: None, data_center, block } => write!(f, "{data_center} ({block})"),
            H::LeavesThroughCustomerGateway { source, gateway, address } => write!(f, "{source} leaves through customer gateway {gateway} ({address})"),
            H::LeavesOverExpressConnect { source } => write!(f, "{source} leaves over Express Connect"),
            H::RouterForwards { inbound, outbound } => write!(f, "forwards the packet (in: {inbound}; out: {outbound})"),
            H::RouterForwardsAnswer => f.write_str("forwards the answer"),
            H::ClbSends { load_balancer, address } => write!(f, "CLB {load_balancer} forwards to its back end from 100.64.0.0/10 (listener on {address})"),
            H::Sends { id, address } => write!(f, "{id} sends from {address}"),
            H::ClbListens { load_balancer, address, backends } if backends.is_empty() => write!(f, "CLB {load_balancer} listens on {address}; it forwards to no back end yet"),
            H::ClbListens { load_balancer, address, backends } => write!(f, "CLB {load_balancer} listens on {address}; it forwards to back ends {}", backends.join(", ")),
            H::RdsAccepts { id, engine, address } => write!(f, "RDS {id} ({engine}) accepts connections on {address}"),
            H::FromClb => f.write_str("traffic from the CLB comes from 100.64.0.0/10, which security groups always let in (Alibaba reserves it)"),
            H::AnswerLeaves => f.write_str("the answer leaves: security groups are stateful, no outbound rule is needed"),
            H::AnswerComesIn => f.write_str("the answer comes in: security groups are stateful, no inbound rule is needed"),
            H::AnswersFrom { id, address } => write!(f, "{id} answers from {address}"),
            H::ReceivesAnswer { id } => write!(f, "{id} receives the answer"),
            H::Answers => f.write_str("answers"),
            H::TranslatedBack { rule } => write!(f, "{rule}: translated back"),
            H::AnswerOverInternet => f.write_str("the answer goes back over the Internet, through the same public address"),
            H::CarriesAnswerBack => f.write_str("carries the answer back along the connection"),
        }
    }
}
