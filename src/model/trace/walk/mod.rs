//! The path walker behind [`super::trace`]: resolves the endpoints, then follows the packet
//! element by element, pushing a hop for each element it passes.
//!
//! Every step returns `Result<(), Blocked>`: a [`Blocked`] stops the walk with a reason
//! and the element that stopped it. A walk in "answer" mode (`Ctx::answer`) skips the
//! security groups, which are stateful, and the rules about who may open a connection
//! (an RDS instance answers but never opens one; a CLB answers clients and only opens
//! connections to its back ends).
//!
//! The walk is split by what each part walks: [`inside`] a VPC (route lookup, VSwitch to
//! VSwitch, OSS), [`leave`] it (to the Internet or a data centre, through public
//! addresses, NAT, VPN, Express Connect and router instances), and [`inbound`] from the
//! Internet or a data centre.

mod inbound;
mod inside;
mod leave;

use crate::model::trace::{HopRule, Unsupported};
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use crate::model::element::{ElementId, ElementKind};
use crate::model::entity::{DataCenter, Direction, Instance, LoadBalancer, Vpc, Vswitch};
use crate::model::net::overlaps;
use crate::model::topology::Topology;

use super::reason::Reason;
use super::security::{self, Peer, Traffic};
use super::{Endpoint, Hop, Protocol, Trace};
use inbound::{data_center_to_placed, internet_to_placed};
use inside::{placed_to_oss, placed_to_placed};
use leave::placed_to_exit;

/// What stopped a packet, and where.
#[derive(Debug)]
struct Blocked {
    reason: Reason,
    at: Option<ElementId>,
}

type Step = Result<(), Blocked>;

/// Stopped by the resource `at`.
fn blocked(reason: Reason, at: impl Into<String>) -> Blocked {
    Blocked {
        reason,
        at: Some(ElementId::Resource(at.into())),
    }
}

/// Stopped at `element` (a VRouter, a gateway, a router instance), which has no route to
/// `destination`.
fn no_route(element: &str, destination: Ipv4Net) -> Blocked {
    blocked(
        Reason::NoRoute {
            element: element.to_string(),
            destination,
        },
        element,
    )
}

/// Refuses a data centre whose block overlaps a VSwitch of `vpc`: the VPC could not route
/// to it, the addresses being ambiguous.
fn no_cidr_conflict(topology: &Topology, vpc: &Vpc, dc: &DataCenter) -> Step {
    match topology
        .vswitches_of(&vpc.id)
        .find(|vswitch| overlaps(vswitch.cidr_block, dc.cidr_block))
    {
        Some(vswitch) => Err(blocked(
            Reason::CidrConflict {
                data_center: dc.id.clone(),
                data_center_cidr: dc.cidr_block,
                vswitch: vswitch.id.clone(),
                vswitch_cidr: vswitch.cidr_block,
            },
            dc.id.clone(),
        )),
        None => Ok(()),
    }
}

/// A resource with a private address in a VSwitch: an instance, a CLB or an RDS instance.
#[derive(Clone, Copy, Debug)]
struct Placed<'a> {
    id: &'a str,
    kind: ElementKind,
    address: Ipv4Addr,
    vswitch: &'a Vswitch,
    vpc: &'a Vpc,
    instance: Option<&'a Instance>,
    load_balancer: Option<&'a LoadBalancer>,
}

impl Placed<'_> {
    fn host(&self) -> Ipv4Net {
        host(self.address)
    }
}

/// A resolved endpoint.
#[derive(Clone, Copy, Debug)]
enum Node<'a> {
    Placed(Placed<'a>),
    Internet(Option<Ipv4Addr>),
    Oss,
    DataCenter(&'a DataCenter, Option<Ipv4Addr>),
}

/// Where a packet leaving a VPC is going.
#[derive(Clone, Copy, Debug)]
enum Exit<'a> {
    Internet(Option<Ipv4Addr>),
    DataCenter(&'a DataCenter, Option<Ipv4Addr>),
}

impl Exit<'_> {
    /// The block looked up in route tables: one address, any Internet address
    /// (`0.0.0.0/0`), or a data centre's whole block.
    fn target(&self) -> Ipv4Net {
        match self {
            Exit::Internet(Some(ip)) | Exit::DataCenter(_, Some(ip)) => host(*ip),
            Exit::Internet(None) => Ipv4Net::default(),
            Exit::DataCenter(dc, None) => dc.cidr_block,
        }
    }
}

fn host(address: Ipv4Addr) -> Ipv4Net {
    Ipv4Net::from(address)
}

/// The walk's settings.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    topology: &'a Topology,
    traffic: Traffic,
    /// Tracing an answer: security groups and "who may open" rules are skipped.
    answer: bool,
}

fn resolve<'a>(topology: &'a Topology, endpoint: &Endpoint) -> Result<Node<'a>, Reason> {
    let unknown = || Reason::UnknownEndpoint {
        endpoint: endpoint.to_string(),
    };
    let placed = |id: &'a str, kind, address, vswitch_id: &str| {
        let vswitch = topology.vswitch(vswitch_id)?;
        let vpc = topology.vpc(&vswitch.vpc_id)?;
        Some(Placed {
            id,
            kind,
            address,
            vswitch,
            vpc,
            instance: None,
            load_balancer: None,
        })
    };
    match endpoint {
        Endpoint::Resource(id) => {
            if let Some(instance) = topology.instance(id) {
                let mut node = placed(
                    &instance.id,
                    ElementKind::Instance,
                    instance.private_ip_address,
                    &instance.vswitch_id,
                )
                .ok_or_else(unknown)?;
                node.instance = Some(instance);
                return Ok(Node::Placed(node));
            }
            if let Some(lb) = topology.load_balancer(id) {
                let mut node = placed(&lb.id, ElementKind::Clb, lb.address, &lb.vswitch_id)
                    .ok_or_else(unknown)?;
                node.load_balancer = Some(lb);
                return Ok(Node::Placed(node));
            }
            if let Some(db) = topology.db_instance(id) {
                let node = placed(
                    &db.id,
                    ElementKind::Rds,
                    db.private_ip_address,
                    &db.vswitch_id,
                )
                .ok_or_else(unknown)?;
                return Ok(Node::Placed(node));
            }
            Err(unknown())
        }
        Endpoint::Internet(ip) => Ok(Node::Internet(*ip)),
        Endpoint::Oss => Ok(Node::Oss),
        Endpoint::DataCenterHost(id, ip) => {
            let dc = topology.data_center(id).ok_or_else(unknown)?;
            match ip {
                Some(ip) if !dc.cidr_block.contains(ip) => Err(unknown()),
                _ => Ok(Node::DataCenter(dc, *ip)),
            }
        }
    }
}

/// The element id a resolved endpoint is drawn as.
fn element_of(node: &Node<'_>, region: Option<&str>) -> ElementId {
    match node {
        Node::Placed(placed) => ElementId::resource(placed.id),
        Node::Internet(_) => ElementId::Internet,
        Node::Oss => ElementId::Oss(region.unwrap_or_default().to_owned()),
        Node::DataCenter(dc, _) => ElementId::resource(&dc.id),
    }
}

fn same_node(a: &Node<'_>, b: &Node<'_>) -> bool {
    match (a, b) {
        (Node::Placed(a), Node::Placed(b)) => a.id == b.id,
        (Node::Internet(_), Node::Internet(_)) | (Node::Oss, Node::Oss) => true,
        (Node::DataCenter(a, x), Node::DataCenter(b, y)) => {
            a.id == b.id && (x == y || x.is_none() || y.is_none())
        }
        _ => false,
    }
}

pub(super) fn trace(
    topology: &Topology,
    source: &Endpoint,
    destination: &Endpoint,
    protocol: Protocol,
    port: Option<u16>,
) -> Trace {
    let (src, dst) = match (resolve(topology, source), resolve(topology, destination)) {
        (Ok(src), Ok(dst)) => (src, dst),
        (Err(reason), _) | (_, Err(reason)) => return Trace::refused(reason, protocol, port),
    };
    trace_nodes(topology, &src, &dst, protocol, port)
}

fn trace_nodes(
    topology: &Topology,
    src: &Node<'_>,
    dst: &Node<'_>,
    protocol: Protocol,
    port: Option<u16>,
) -> Trace {
    if same_node(src, dst) {
        return Trace::refused(Reason::SameEndpoint, protocol, port);
    }
    if port.is_some() || !protocol.has_ports() {
        let port = if protocol.has_ports() { port } else { None };
        return trace_port(topology, src, dst, Traffic { protocol, port });
    }
    // "Some port": try each port where a verdict may change; keep the first that passes,
    // or else the attempt that got furthest.
    let mut best: Option<Trace> = None;
    for port in candidate_ports(topology, src, dst) {
        let attempt = trace_port(
            topology,
            src,
            dst,
            Traffic {
                protocol,
                port: Some(port),
            },
        );
        if attempt.reachable {
            return attempt;
        }
        if best
            .as_ref()
            .is_none_or(|best| attempt.hops.len() > best.hops.len())
        {
            best = Some(attempt);
        }
    }
    best.unwrap_or_else(|| {
        trace_port(
            topology,
            src,
            dst,
            Traffic {
                protocol,
                port: Some(1),
            },
        )
    })
}

fn candidate_ports(topology: &Topology, src: &Node<'_>, dst: &Node<'_>) -> Vec<u16> {
    let mut ports = vec![1];
    let instances = [src, dst].into_iter().filter_map(|node| match node {
        Node::Placed(placed) => placed.instance,
        _ => None,
    });
    security::boundary_ports(topology, instances, &mut ports);
    if let Node::Placed(placed) = dst {
        for ngw in topology.nat_gateways_of(&placed.vpc.id) {
            ports.extend(
                ngw.forward_entries
                    .iter()
                    .filter_map(|entry| entry.external_port),
            );
        }
    }
    ports.sort_unstable();
    ports.dedup();
    ports
}

fn trace_port(topology: &Topology, src: &Node<'_>, dst: &Node<'_>, traffic: Traffic) -> Trace {
    let ctx = Ctx {
        topology,
        traffic,
        answer: false,
    };
    let mut hops = Vec::new();
    let mut outcome = walk(ctx, src, dst, &mut hops);
    let mut return_path = None;
    if outcome.is_ok() {
        match answer_path(ctx, src, dst, &hops) {
            Ok(path) => return_path = Some(path),
            Err(why) => outcome = Err(why),
        }
    }
    match outcome {
        Ok(()) => Trace {
            reachable: true,
            hops,
            reason: None,
            blocked_at: None,
            return_path,
            protocol: traffic.protocol,
            port: traffic.port,
        },
        Err(Blocked { reason, at }) => Trace {
            reachable: false,
            hops,
            reason: Some(reason),
            blocked_at: at,
            return_path: None,
            protocol: traffic.protocol,
            port: traffic.port,
        },
    }
}

/// The way back. Inside a VPC and to or from a data centre the answer is walked for real
/// (routes must lead back; security groups are skipped, being stateful); through public
/// addresses and NAT it retraces the forward path, translated back.
fn answer_path(
    ctx: Ctx<'_>,
    src: &Node<'_>,
    dst: &Node<'_>,
    forward: &[Hop],
) -> Result<Vec<Hop>, Blocked> {
    let answer = Ctx {
        answer: true,
        ..ctx
    };
    match (src, dst) {
        (Node::Placed(_), Node::Placed(_))
        | (Node::Placed(_), Node::DataCenter(..))
        | (Node::DataCenter(..), Node::Placed(_)) => {
            let mut hops = Vec::new();
            walk(answer, dst, src, &mut hops).map(|()| hops)
        }
        _ => Ok(forward
            .iter()
            .rev()
            .enumerate()
            .map(|(index, hop)| {
                let rule = match (index, hop.kind) {
                    (0, ElementKind::Instance) => HopRule::AnswerLeaves,
                    (0, _) => HopRule::Answers,
                    (i, ElementKind::Instance) if i + 1 == forward.len() => HopRule::AnswerComesIn,
                    (_, ElementKind::NatGateway) => HopRule::TranslatedBack {
                        rule: Box::new(hop.rule.clone()),
                    },
                    (_, ElementKind::PublicIp) => HopRule::TranslatesAnswerBack,
                    (_, ElementKind::Internet) => HopRule::AnswerOverInternet,
                    _ => HopRule::CarriesAnswerBack,
                };
                Hop::new(hop.element.clone(), hop.kind, rule)
            })
            .collect()),
    }
}

fn walk(ctx: Ctx<'_>, src: &Node<'_>, dst: &Node<'_>, hops: &mut Vec<Hop>) -> Step {
    if let (Node::Placed(s), false) = (src, ctx.answer) {
        if s.kind == ElementKind::Rds {
            return Err(Blocked {
                reason: Reason::UnsupportedPath {
                    path: Unsupported::FromRds {
                        id: s.id.to_string(),
                    },
                },
                at: None,
            });
        }
        if let Some(lb) = s.load_balancer {
            let backend = match dst {
                Node::Placed(d) => lb
                    .backend_servers
                    .iter()
                    .any(|b| b.server_id == d.id && b.weight > 0),
                _ => false,
            };
            if !backend {
                let server = element_of(dst, Some(&s.vpc.region_id)).to_string();
                return Err(blocked(
                    Reason::NotABackend {
                        load_balancer: lb.id.clone(),
                        server,
                    },
                    lb.id.clone(),
                ));
            }
        }
    }
    match (src, dst) {
        (Node::Placed(s), Node::Placed(d)) => placed_to_placed(ctx, s, d, hops),
        (Node::Placed(s), Node::Internet(ip)) => placed_to_exit(ctx, s, Exit::Internet(*ip), hops),
        (Node::Placed(s), Node::DataCenter(dc, ip)) => {
            placed_to_exit(ctx, s, Exit::DataCenter(dc, *ip), hops)
        }
        (Node::Placed(s), Node::Oss) => placed_to_oss(ctx, s, hops),
        (Node::Internet(ip), Node::Placed(d)) => internet_to_placed(ctx, *ip, d, hops),
        (Node::DataCenter(dc, ip), Node::Placed(d)) => data_center_to_placed(ctx, dc, *ip, d, hops),
        (Node::Oss, _) => Err(unsupported(Unsupported::FromOss)),
        _ => Err(unsupported(Unsupported::NoResourceEnd)),
    }
}

fn unsupported(path: Unsupported) -> Blocked {
    Blocked {
        reason: Reason::UnsupportedPath { path },
        at: None,
    }
}

/// The source's outbound check. Returns the hop rule.
fn egress(ctx: Ctx<'_>, s: &Placed<'_>, peer: Peer<'_>) -> Result<HopRule, Blocked> {
    if ctx.answer {
        return Ok(match s.kind {
            ElementKind::Instance => HopRule::AnswerLeaves,
            _ => HopRule::AnswersFrom {
                id: s.id.to_string(),
                address: s.address,
            },
        });
    }
    match (s.instance, s.load_balancer) {
        (Some(instance), _) => {
            security::check(ctx.topology, instance, Direction::Egress, ctx.traffic, peer)
                .map_err(|reason| blocked(reason, s.id))
        }
        (None, Some(lb)) => Ok(HopRule::ClbSends {
            load_balancer: lb.id.clone(),
            address: lb.address,
        }),
        (None, None) => Ok(HopRule::Sends {
            id: s.id.to_string(),
            address: s.address,
        }),
    }
}

/// The destination's inbound check. Returns the hop rule.
fn ingress(
    ctx: Ctx<'_>,
    d: &Placed<'_>,
    peer: Peer<'_>,
    from_clb: bool,
) -> Result<HopRule, Blocked> {
    if ctx.answer {
        return Ok(match d.kind {
            ElementKind::Instance => HopRule::AnswerComesIn,
            _ => HopRule::ReceivesAnswer {
                id: d.id.to_string(),
            },
        });
    }
    if let Some(lb) = d.load_balancer {
        let backends: Vec<String> = lb
            .backend_servers
            .iter()
            .filter(|b| b.weight > 0)
            .map(|b| b.server_id.clone())
            .collect();
        return Ok(HopRule::ClbListens {
            load_balancer: lb.id.clone(),
            address: lb.address,
            backends,
        });
    }
    let Some(instance) = d.instance else {
        let engine = ctx
            .topology
            .db_instance(d.id)
            .map_or(String::new(), |db| db.engine.clone());
        return Ok(HopRule::RdsAccepts {
            id: d.id.to_string(),
            engine,
            address: d.address,
        });
    };
    if from_clb {
        return Ok(HopRule::FromClb);
    }
    security::check(
        ctx.topology,
        instance,
        Direction::Ingress,
        ctx.traffic,
        peer,
    )
    .map_err(|reason| blocked(reason, d.id))
}

fn peer_of<'a>(placed: &Placed<'a>) -> Peer<'a> {
    Peer {
        net: placed.host(),
        instance: placed.instance,
    }
}

pub(super) fn reachable_from(topology: &Topology, source: &Endpoint) -> Vec<ElementId> {
    let Ok(src) = resolve(topology, source) else {
        return Vec::new();
    };
    let region = match &src {
        Node::Placed(placed) => Some(placed.vpc.region_id.clone()),
        _ => None,
    };
    let mut candidates: Vec<Endpoint> = Vec::new();
    candidates.extend(
        topology
            .instances()
            .keys()
            .map(|id| Endpoint::Resource(id.clone())),
    );
    candidates.extend(
        topology
            .load_balancers()
            .keys()
            .map(|id| Endpoint::Resource(id.clone())),
    );
    candidates.extend(
        topology
            .db_instances()
            .keys()
            .map(|id| Endpoint::Resource(id.clone())),
    );
    candidates.push(Endpoint::Internet(None));
    if region.is_some() {
        candidates.push(Endpoint::Oss);
    }
    candidates.extend(
        topology
            .data_centers()
            .keys()
            .map(|id| Endpoint::DataCenterHost(id.clone(), None)),
    );
    let mut reached = Vec::new();
    for candidate in &candidates {
        let Ok(dst) = resolve(topology, candidate) else {
            continue;
        };
        // A quick answer for the common case: resources of another VPC are never reached.
        if let (Node::Placed(s), Node::Placed(d)) = (&src, &dst) {
            if s.vpc.id != d.vpc.id {
                continue;
            }
        }
        let reachable = [Protocol::Tcp, Protocol::Udp, Protocol::Icmp]
            .into_iter()
            .any(|protocol| trace_nodes(topology, &src, &dst, protocol, None).reachable);
        if reachable {
            reached.push(element_of(&dst, region.as_deref()));
        }
    }
    reached
}
