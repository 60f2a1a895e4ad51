//! Path analysis: can A reach B? A hop-by-hop answer from the configuration alone, in the
//! manner of Alibaba's Network Intelligence Service reachability analyser.
//!
//! [`trace`] follows one packet (a protocol and a destination port) from a source to a
//! destination through the design: security groups, VSwitches, the VRouter's route table
//! (system routes and custom routes, longest prefix first), public addresses (NatPublicIP,
//! EIP), NAT gateways (SNAT out, DNAT in), VPN gateways with their IPsec connections, and
//! Express Connect VBRs. The answer lists the [`Hop`]s the packet passed, each naming the
//! rule that let it through, and on failure the element that stopped it and a [`Reason`].
//!
//! Conventions:
//! - A hop's `element` is the [`ElementId`] the diagram draws: an instance, VSwitch or
//!   VRouter, the Internet, a gateway or VBR, a data centre, a CLB or RDS instance, and a
//!   region's OSS endpoint ([`ElementId::Oss`]); its `kind` is the [`ElementKind`] drawn.
//! - `hops` holds the elements the packet passed; `blocked_at` is the element that
//!   stopped it and is not in `hops`, with one exception: when a packet from a data
//!   centre arrives but its answer has no route back, `reason` is `NoRoute` and
//!   `blocked_at` is the VRouter it passed on the way in.
//! - Within one VSwitch a packet goes instance → VSwitch → instance, with no VRouter hop;
//!   between VSwitches it goes through the VRouter, which names the route that matched.
//! - An instance with a NatPublicIP or an EIP reaches the Internet through it, as the
//!   article teaches it: instance → VSwitch → VRouter (the VPC's gateway) → the public
//!   address ([`ElementId::PublicIp`], the badge on the instance) → Internet, and the
//!   other way in; that address wins over SNAT, as in Alibaba. A CLB's public address is
//!   its own: the Internet meets it directly. Without one, traffic follows the route table: a NAT gateway takes it only
//!   through a route entry to it, such as the `0.0.0.0/0` entry the gateway adds when it is
//!   created, and then only when one of its SNAT entries covers the source.
//! - Security groups are stateful: the answer returns without any rule. `return_path`
//!   shows the way back. A packet coming from a data centre is reachable only if the
//!   VPC also has a route back (the answer must find its way).
//! - A TCP or UDP trace without a port asks "is some port open?": the answer is for the
//!   first port that passes (see [`Trace::port`]).
//! - A CLB sends to its back ends from 100.64.0.0/10, which security groups always let in
//!   (Alibaba reserves that block and documents that it needs no rule).
//! - A custom route whose next hop is an instance sends the packet to that instance, which
//!   forwards it: to the Internet through its own public address, or back to the VRouter,
//!   where routes leading to itself are skipped.

pub mod fix;
mod hop_rule;
mod reason;
mod security;
mod walk;

use std::fmt;
use std::net::Ipv4Addr;

pub use hop_rule::{port_or_any, rule_english, rule_ports, rule_spanish, HopRule, PublicAddress};
pub use reason::{Reason, ReasonCode, Unsupported};

use crate::model::element::{ElementId, ElementKind};
use crate::model::entity::IpProtocol;
use crate::model::topology::Topology;

/// The protocol of a traced packet (Alibaba's `IpProtocol`). A trace of `All` matches only
/// security-group rules written for all protocols.
pub type Protocol = IpProtocol;

/// One end of a traced path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// An ECS instance, a CLB or an RDS instance, by id.
    Resource(String),
    /// The Internet: any address, or one public address.
    Internet(Option<Ipv4Addr>),
    /// OSS, in the source's region, reached over 100.64.0.0/10.
    Oss,
    /// A data centre, by id: its whole block, or one host address in it.
    DataCenterHost(String, Option<Ipv4Addr>),
}

/// Text that [`Endpoint::parse`] cannot read as an endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseEndpointError {
    /// The text.
    pub text: String,
}

impl fmt::Display for ParseEndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not an endpoint: expected an instance, CLB, RDS or data centre id, \"internet\", \"oss\" or an address",
            self.text
        )
    }
}

impl std::error::Error for ParseEndpointError {}

impl Endpoint {
    /// Reads an endpoint: an instance, CLB or RDS id; a data centre id (optionally
    /// `idc-0001:10.0.0.5` for one host); `internet` or `internet:1.2.3.4`; `oss` (or
    /// `<region>/oss`, or `oss-<region>`); or an address: the private address of exactly one instance, CLB or
    /// RDS instance, a host in a data centre, or else an Internet address.
    ///
    /// # Errors
    /// [`ParseEndpointError`] when the text is none of these (an unknown id, a VSwitch...).
    ///
    /// ```
    /// use vpclab::model::trace::Endpoint;
    /// let article = vpclab::model::example::article_network();
    /// assert_eq!(Endpoint::parse(&article, "i-0001"), Ok(Endpoint::Resource("i-0001".into())));
    /// assert_eq!(Endpoint::parse(&article, "192.168.2.1"), Ok(Endpoint::Resource("i-0003".into())));
    /// assert_eq!(Endpoint::parse(&article, "Internet"), Ok(Endpoint::Internet(None)));
    /// assert_eq!(Endpoint::parse(&article, "oss"), Ok(Endpoint::Oss));
    /// assert!(Endpoint::parse(&article, "vsw-0001").is_err());
    /// ```
    pub fn parse(topology: &Topology, text: &str) -> Result<Endpoint, ParseEndpointError> {
        let text = text.trim();
        let error = || ParseEndpointError {
            text: text.to_string(),
        };
        let lower = text.to_ascii_lowercase();
        match lower.parse::<ElementId>() {
            Ok(ElementId::Internet) => return Ok(Endpoint::Internet(None)),
            Ok(ElementId::Oss(_)) => return Ok(Endpoint::Oss),
            _ => {}
        }
        if let Some(address) = lower.strip_prefix("internet:") {
            return address
                .trim()
                .parse()
                .map(|ip| Endpoint::Internet(Some(ip)))
                .map_err(|_| error());
        }
        if lower == "oss" || lower.starts_with("oss-") {
            return Ok(Endpoint::Oss);
        }
        if topology.instance(text).is_some()
            || topology.load_balancer(text).is_some()
            || topology.db_instance(text).is_some()
        {
            return Ok(Endpoint::Resource(text.to_string()));
        }
        if topology.data_center(text).is_some() {
            return Ok(Endpoint::DataCenterHost(text.to_string(), None));
        }
        if let Some((id, address)) = text.split_once(':') {
            let data_center = topology.data_center(id.trim()).ok_or_else(error)?;
            let ip: Ipv4Addr = address.trim().parse().map_err(|_| error())?;
            if !data_center.cidr_block.contains(&ip) {
                return Err(error());
            }
            return Ok(Endpoint::DataCenterHost(data_center.id.clone(), Some(ip)));
        }
        let ip: Ipv4Addr = text.parse().map_err(|_| error())?;
        let mut holders = topology
            .vpcs()
            .keys()
            .filter_map(|vpc| topology.holder_of(vpc, ip))
            .filter(|id| {
                topology.instance(id).is_some()
                    || topology.load_balancer(id).is_some()
                    || topology.db_instance(id).is_some()
            });
        if let (Some(holder), None) = (holders.next(), holders.next()) {
            return Ok(Endpoint::Resource(holder.to_string()));
        }
        if let Some(data_center) = topology
            .data_centers()
            .values()
            .find(|dc| dc.cidr_block.contains(&ip))
        {
            return Ok(Endpoint::DataCenterHost(data_center.id.clone(), Some(ip)));
        }
        Ok(Endpoint::Internet(Some(ip)))
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Resource(id) => f.write_str(id),
            Endpoint::Internet(None) => write!(f, "{}", ElementId::Internet),
            Endpoint::Internet(Some(ip)) => write!(f, "{}:{ip}", ElementId::Internet),
            Endpoint::Oss => f.write_str("oss"),
            Endpoint::DataCenterHost(id, None) => f.write_str(id),
            Endpoint::DataCenterHost(id, Some(ip)) => write!(f, "{id}:{ip}"),
        }
    }
}

/// One element a packet passed, and the rule that let it through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// The element as the diagram draws it (see the module conventions).
    pub element: ElementId,
    /// The element's kind.
    pub kind: ElementKind,
    /// The rule that let the packet pass: a security-group rule, a route, a NAT entry, a
    /// public address, an IPsec connection (its `Display` is the English wording).
    pub rule: HopRule,
}

impl Hop {
    /// A hop through `element` of `kind`, let through by `rule`.
    pub fn new(element: ElementId, kind: ElementKind, rule: HopRule) -> Hop {
        Hop {
            element,
            kind,
            rule,
        }
    }

    /// A hop through the resource with this Alibaba id.
    pub fn resource(id: impl Into<String>, kind: ElementKind, rule: HopRule) -> Hop {
        Hop::new(ElementId::Resource(id.into()), kind, rule)
    }

    /// A hop over the Internet.
    pub fn internet(rule: HopRule) -> Hop {
        Hop::new(ElementId::Internet, ElementKind::Internet, rule)
    }
}

/// The answer of [`trace`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// Whether the packet reaches the destination (and, for a connection from a data
    /// centre, whether the answer can come back).
    pub reachable: bool,
    /// The elements the packet passed, in order.
    pub hops: Vec<Hop>,
    /// Why it does not reach the destination (`None` when it does).
    pub reason: Option<Reason>,
    /// The element that stopped it, when one did (not part of `hops`, but for the VRouter
    /// of an answer that has no route back).
    pub blocked_at: Option<ElementId>,
    /// The way the answer comes back, when the packet is reachable.
    pub return_path: Option<Vec<Hop>>,
    /// The protocol traced.
    pub protocol: Protocol,
    /// The destination port the answer is about: the one asked for, or for a TCP/UDP
    /// trace without a port, the first port that passes (or the one tried last).
    pub port: Option<u16>,
}

impl Trace {
    /// A trace that did not start: no hops, only a reason.
    pub fn refused(reason: Reason, protocol: Protocol, port: Option<u16>) -> Trace {
        Trace {
            reachable: false,
            hops: Vec::new(),
            reason: Some(reason),
            blocked_at: None,
            return_path: None,
            protocol,
            port,
        }
    }

    /// The elements of the hops, in order.
    pub fn elements(&self) -> impl Iterator<Item = &ElementId> + '_ {
        self.hops.iter().map(|hop| &hop.element)
    }
}

/// Traces one packet from `source` to `destination`.
///
/// Never fails: an unknown endpoint is an unreachable trace with
/// [`Reason::UnknownEndpoint`].
///
/// ```
/// use vpclab::model::trace::{trace, Endpoint, Protocol};
/// let article = vpclab::model::example::article_network();
/// let vm1 = Endpoint::Resource("i-0001".into());
/// let vm3 = Endpoint::Resource("i-0003".into());
/// let answer = trace(&article, &vm1, &vm3, Protocol::Tcp, Some(22));
/// assert!(answer.reachable);
/// let path: Vec<String> = answer.elements().map(ToString::to_string).collect();
/// assert_eq!(path, ["i-0001", "vsw-0001", "vrt-0001", "vsw-0002", "i-0003"]);
/// assert!(answer.hops[2].rule.to_string().contains("system route 192.168.2.0/24"));
/// ```
pub fn trace(
    topology: &Topology,
    source: &Endpoint,
    destination: &Endpoint,
    protocol: Protocol,
    port: Option<u16>,
) -> Trace {
    walk::trace(topology, source, destination, protocol, port)
}

/// Every endpoint the source can reach with some protocol and port (TCP, UDP or ICMP):
/// instances, CLBs and RDS instances, the Internet, the OSS of the source's region and
/// data centres, in that order.
///
/// ```
/// use vpclab::model::trace::{reachable_from, Endpoint};
/// let article = vpclab::model::example::article_network();
/// let reached = reachable_from(&article, &Endpoint::Resource("i-0002".into()));
/// let names: Vec<String> = reached.iter().map(ToString::to_string).collect();
/// assert_eq!(names, ["i-0001", "i-0003", "ap-south-1/oss"]);
/// ```
pub fn reachable_from(topology: &Topology, source: &Endpoint) -> Vec<ElementId> {
    walk::reachable_from(topology, source)
}

#[cfg(test)]
mod internet_paths;
#[cfg(test)]
mod tests;
