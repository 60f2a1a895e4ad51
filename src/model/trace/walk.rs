//! The path walker behind [`super::trace`]: resolves the endpoints, then follows the packet
//! element by element, pushing a hop for each element it passes.
//!
//! Every step returns `Result<(), Blocked>`: a [`Blocked`] stops the walk with a reason
//! and the element that stopped it. A walk in "answer" mode (`Ctx::answer`) skips the
//! security groups, which are stateful, and the rules about who may open a connection
//! (an RDS instance answers but never opens one; a CLB answers clients and only opens
//! connections to its back ends).

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use crate::model::catalog::cloud_services_cidr;
use crate::model::entity::{
    DataCenter, Direction, Instance, LoadBalancer, NextHopType, RouteEntry, SnatSource, Vpc,
    Vswitch,
};
use crate::model::net::overlaps;
use crate::model::topology::{PublicIpKind, Topology};

use super::reason::Reason;
use super::security::{self, Peer, Traffic};
use super::{kind, oss_id, Endpoint, Hop, Protocol, Trace, INTERNET};

/// What stopped a packet, and where.
#[derive(Debug)]
struct Blocked {
    reason: Reason,
    at: Option<String>,
}

type Step = Result<(), Blocked>;

fn blocked(reason: Reason, at: impl Into<String>) -> Blocked {
    Blocked {
        reason,
        at: Some(at.into()),
    }
}

/// A resource with a private address in a VSwitch: an instance, a CLB or an RDS instance.
#[derive(Clone, Copy, Debug)]
struct Placed<'a> {
    id: &'a str,
    kind: &'static str,
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
                    kind::INSTANCE,
                    instance.private_ip_address,
                    &instance.vswitch_id,
                )
                .ok_or_else(unknown)?;
                node.instance = Some(instance);
                return Ok(Node::Placed(node));
            }
            if let Some(lb) = topology.load_balancer(id) {
                let mut node =
                    placed(&lb.id, kind::CLB, lb.address, &lb.vswitch_id).ok_or_else(unknown)?;
                node.load_balancer = Some(lb);
                return Ok(Node::Placed(node));
            }
            if let Some(db) = topology.db_instance(id) {
                let node = placed(&db.id, kind::RDS, db.private_ip_address, &db.vswitch_id)
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
fn element_of(node: &Node<'_>, region: Option<&str>) -> String {
    match node {
        Node::Placed(placed) => placed.id.to_string(),
        Node::Internet(_) => INTERNET.to_string(),
        Node::Oss => oss_id(region.unwrap_or_default()),
        Node::DataCenter(dc, _) => dc.id.clone(),
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
        (Node::Placed(_), Node::Placed(_)) | (Node::Placed(_), Node::DataCenter(..)) | (Node::DataCenter(..), Node::Placed(_)) => {
            let mut hops = Vec::new();
            walk(answer, dst, src, &mut hops).map(|()| hops)
        }
        _ => Ok(forward
            .iter()
            .rev()
            .enumerate()
            .map(|(index, hop)| {
                let rule = match (index, hop.kind) {
                    (0, kind::INSTANCE) => "the answer leaves: security groups are stateful, no outbound rule is needed".to_string(),
                    (0, _) => "answers".to_string(),
                    (i, kind::INSTANCE) if i + 1 == forward.len() => {
                        "the answer comes in: security groups are stateful, no inbound rule is needed".to_string()
                    }
                    (_, kind::NATGW) => format!("{}: translated back", hop.rule),
                    (_, kind::INTERNET) => "the answer goes back over the Internet, through the same public address".to_string(),
                    _ => "carries the answer back along the connection".to_string(),
                };
                Hop::new(hop.element.clone(), hop.kind, rule)
            })
            .collect()),
    }
}

fn walk(ctx: Ctx<'_>, src: &Node<'_>, dst: &Node<'_>, hops: &mut Vec<Hop>) -> Step {
    if let (Node::Placed(s), false) = (src, ctx.answer) {
        if s.kind == kind::RDS {
            return Err(Blocked {
                reason: Reason::UnsupportedPath {
                    detail: format!(
                        "{} is an RDS instance: it answers connections but does not open them",
                        s.id
                    ),
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
                let server = element_of(dst, Some(&s.vpc.region_id));
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
        (Node::Placed(s), Node::DataCenter(dc, ip)) => placed_to_exit(ctx, s, Exit::DataCenter(dc, *ip), hops),
        (Node::Placed(s), Node::Oss) => placed_to_oss(ctx, s, hops),
        (Node::Internet(ip), Node::Placed(d)) => internet_to_placed(ctx, *ip, d, hops),
        (Node::DataCenter(dc, ip), Node::Placed(d)) => data_center_to_placed(ctx, dc, *ip, d, hops),
        (Node::Oss, _) => Err(unsupported("OSS answers requests; it does not open connections")),
        _ => Err(unsupported(
            "only paths with an instance, CLB or RDS instance at one end are traced (the Internet, OSS and data centres meet only through a VPC)",
        )),
    }
}

fn unsupported(detail: &str) -> Blocked {
    Blocked {
        reason: Reason::UnsupportedPath {
            detail: detail.to_string(),
        },
        at: None,
    }
}

/// The source's outbound check. Returns the hop rule.
fn egress(ctx: Ctx<'_>, s: &Placed<'_>, peer: Peer<'_>) -> Result<String, Blocked> {
    if ctx.answer {
        return Ok(match s.kind {
            kind::INSTANCE => {
                "the answer leaves: security groups are stateful, no outbound rule is needed"
                    .to_string()
            }
            _ => format!("{} answers from {}", s.id, s.address),
        });
    }
    match (s.instance, s.load_balancer) {
        (Some(instance), _) => {
            security::check(ctx.topology, instance, Direction::Egress, ctx.traffic, peer)
                .map_err(|reason| blocked(reason, s.id))
        }
        (None, Some(lb)) => Ok(format!(
            "CLB {} forwards to its back end from 100.64.0.0/10 (listener on {})",
            lb.id, lb.address
        )),
        (None, None) => Ok(format!("{} sends from {}", s.id, s.address)),
    }
}

/// The destination's inbound check. Returns the hop rule.
fn ingress(
    ctx: Ctx<'_>,
    d: &Placed<'_>,
    peer: Peer<'_>,
    from_clb: bool,
) -> Result<String, Blocked> {
    if ctx.answer {
        return Ok(match d.kind {
            kind::INSTANCE => {
                "the answer comes in: security groups are stateful, no inbound rule is needed"
                    .to_string()
            }
            _ => format!("{} receives the answer", d.id),
        });
    }
    if let Some(lb) = d.load_balancer {
        let backends: Vec<&str> = lb
            .backend_servers
            .iter()
            .filter(|b| b.weight > 0)
            .map(|b| b.server_id.as_str())
            .collect();
        let to = if backends.is_empty() {
            "no back end yet".to_string()
        } else {
            format!("back ends {}", backends.join(", "))
        };
        return Ok(format!(
            "CLB {} listens on {}; it forwards to {to}",
            lb.id, lb.address
        ));
    }
    let Some(instance) = d.instance else {
        let engine = ctx
            .topology
            .db_instance(d.id)
            .map_or("", |db| db.engine.as_str());
        return Ok(format!(
            "RDS {} ({engine}) accepts connections on {}",
            d.id, d.address
        ));
    };
    if from_clb {
        return Ok(
            "traffic from the CLB comes from 100.64.0.0/10, which security groups always let in (Alibaba reserves it)"
                .to_string(),
        );
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

/// The route the VRouter picks for `target`: the longest prefix holding all of it.
#[derive(Clone, Copy, Debug)]
enum Route<'a> {
    Vswitch(&'a Vswitch),
    CloudServices(Ipv4Net),
    Custom(&'a RouteEntry),
}

fn lookup<'a>(
    topology: &'a Topology,
    vpc: &'a Vpc,
    target: Ipv4Net,
    skip: &[&str],
) -> Option<Route<'a>> {
    let mut best: Option<(u8, Route<'a>)> = None;
    let mut consider = |prefix: u8, route: Route<'a>| {
        if best.is_none_or(|(len, _)| prefix > len) {
            best = Some((prefix, route));
        }
    };
    for vswitch in topology.vswitches_of(&vpc.id) {
        if vswitch.cidr_block.contains(&target) {
            consider(vswitch.cidr_block.prefix_len(), Route::Vswitch(vswitch));
        }
    }
    let cloud = cloud_services_cidr();
    if cloud.contains(&target) {
        consider(cloud.prefix_len(), Route::CloudServices(cloud));
    }
    for entry in &vpc.route_entries {
        if entry.destination_cidr_block.contains(&target)
            && !skip.contains(&entry.next_hop_id.as_str())
        {
            consider(
                entry.destination_cidr_block.prefix_len(),
                Route::Custom(entry),
            );
        }
    }
    best.map(|(_, route)| route)
}

fn describe_route(route: Route<'_>) -> String {
    match route {
        Route::Vswitch(vswitch) => format!("system route {} → {}", vswitch.cidr_block, vswitch.id),
        Route::CloudServices(block) => format!("system route {block} → cloud services"),
        Route::Custom(entry) => format!(
            "custom route {} → {} ({}, {})",
            entry.destination_cidr_block,
            entry.next_hop_id,
            entry.next_hop_type.name(),
            entry.id
        ),
    }
}

fn to_vrouter(s: &Placed<'_>, target: Ipv4Net) -> Hop {
    Hop::new(
        &s.vswitch.id,
        kind::VSWITCH,
        format!(
            "{target} is outside {} ({}): sent to the VRouter",
            s.vswitch.id, s.vswitch.cidr_block
        ),
    )
}

fn vrouter_hop(vpc: &Vpc, rule: String) -> Hop {
    Hop::new(&vpc.vrouter_id, kind::VROUTER, rule)
}

fn delivers(vswitch: &Vswitch, address: Ipv4Addr) -> Hop {
    Hop::new(
        &vswitch.id,
        kind::VSWITCH,
        format!(
            "{address} is in {} ({}): delivered",
            vswitch.id, vswitch.cidr_block
        ),
    )
}

/// Traffic arriving at the VPC's VRouter from outside: the VRouter must route the
/// destination's address to the destination's own VSwitch (a system route), which then
/// delivers it. Any other answer of the route table is `NoRoute` at the VRouter.
fn vrouter_delivers(topology: &Topology, d: &Placed<'_>, hops: &mut Vec<Hop>) -> Step {
    match lookup(topology, d.vpc, d.host(), &[]) {
        Some(route @ Route::Vswitch(vswitch)) if vswitch.id == d.vswitch.id => {
            hops.push(vrouter_hop(d.vpc, describe_route(route)));
        }
        _ => {
            return Err(blocked(
                Reason::NoRoute {
                    element: d.vpc.vrouter_id.clone(),
                    destination: d.host(),
                },
                d.vpc.vrouter_id.clone(),
            ))
        }
    }
    hops.push(delivers(d.vswitch, d.address));
    Ok(())
}

fn placed_to_placed(ctx: Ctx<'_>, s: &Placed<'_>, d: &Placed<'_>, hops: &mut Vec<Hop>) -> Step {
    if s.vpc.id != d.vpc.id {
        return Err(blocked(
            Reason::VpcIsolation {
                source_vpc: s.vpc.id.clone(),
                destination_vpc: d.vpc.id.clone(),
            },
            d.vpc.id.clone(),
        ));
    }
    let rule = egress(ctx, s, peer_of(d))?;
    hops.push(Hop::new(s.id, s.kind, rule));
    if s.vswitch.id == d.vswitch.id {
        hops.push(Hop::new(
            &s.vswitch.id,
            kind::VSWITCH,
            format!(
                "same VSwitch {} ({}): delivered directly, without the VRouter",
                s.vswitch.id, s.vswitch.cidr_block
            ),
        ));
    } else {
        hops.push(to_vrouter(s, d.host()));
        match lookup(ctx.topology, s.vpc, d.host(), &[]) {
            Some(route @ Route::Vswitch(vswitch)) if vswitch.id == d.vswitch.id => {
                hops.push(vrouter_hop(s.vpc, describe_route(route)));
            }
            _ => {
                return Err(blocked(
                    Reason::NoRoute {
                        element: s.vpc.vrouter_id.clone(),
                        destination: d.host(),
                    },
                    s.vpc.vrouter_id.clone(),
                ))
            }
        }
        hops.push(delivers(d.vswitch, d.address));
    }
    let rule = ingress(ctx, d, peer_of(s), s.load_balancer.is_some())?;
    hops.push(Hop::new(d.id, d.kind, rule));
    Ok(())
}

fn placed_to_oss(ctx: Ctx<'_>, s: &Placed<'_>, hops: &mut Vec<Hop>) -> Step {
    let cloud = cloud_services_cidr();
    let rule = egress(
        ctx,
        s,
        Peer {
            net: cloud,
            instance: None,
        },
    )?;
    hops.push(Hop::new(s.id, s.kind, rule));
    hops.push(to_vrouter(s, cloud));
    match lookup(ctx.topology, s.vpc, cloud, &[]) {
        Some(route @ Route::CloudServices(_)) => {
            hops.push(vrouter_hop(s.vpc, describe_route(route)))
        }
        _ => {
            return Err(blocked(
                Reason::NoRoute {
                    element: s.vpc.vrouter_id.clone(),
                    destination: cloud,
                },
                s.vpc.vrouter_id.clone(),
            ))
        }
    }
    hops.push(Hop::new(
        oss_id(&s.vpc.region_id),
        kind::OSS,
        format!("OSS internal endpoint of {}, over {cloud}", s.vpc.region_id),
    ));
    Ok(())
}

/// The public address of a resource, in words, if it has one.
fn public_address(topology: &Topology, id: &str) -> Option<(Ipv4Addr, String)> {
    if let Some((address, kind)) = topology.public_ip_of(id) {
        let words = match kind {
            PublicIpKind::NatPublicIp => format!("NatPublicIP {address} of {id}"),
            PublicIpKind::Eip => {
                let eip = topology.eip_of(id).map_or("", |eip| eip.id.as_str());
                format!("EIP {address} ({eip}) bound to {id}")
            }
        };
        return Some((address, words));
    }
    let lb = topology.load_balancer(id)?;
    if let Some(eip) = topology.eip_of(id) {
        return Some((
            eip.ip_address,
            format!("EIP {} ({}) bound to {id}", eip.ip_address, eip.id),
        ));
    }
    lb.public_ip_address
        .map(|address| (address, format!("public address {address} of {id}")))
}

/// The SNAT entry of a NAT gateway that translates traffic from `address` in `vswitch`.
fn snat_for<'a>(
    ngw: &'a crate::model::entity::NatGateway,
    vswitch: &Vswitch,
    address: Ipv4Addr,
) -> Option<&'a crate::model::entity::SnatEntry> {
    // A more specific block wins over a whole VSwitch, as Alibaba documents.
    ngw.snat_entries
        .iter()
        .filter(|entry| match &entry.source {
            SnatSource::Vswitch(id) => *id == vswitch.id,
            SnatSource::Cidr(block) => block.contains(&address),
        })
        .max_by_key(|entry| match &entry.source {
            SnatSource::Vswitch(_) => vswitch.cidr_block.prefix_len(),
            SnatSource::Cidr(block) => block.prefix_len(),
        })
}

fn describe_snat(entry: &crate::model::entity::SnatEntry) -> String {
    let source = match &entry.source {
        SnatSource::Vswitch(id) => id.clone(),
        SnatSource::Cidr(block) => block.to_string(),
    };
    format!("SNAT entry {}: {source} → {}", entry.id, entry.snat_ip)
}

/// A packet from a resource of a VPC to the Internet or a data centre.
fn placed_to_exit(ctx: Ctx<'_>, s: &Placed<'_>, exit: Exit<'_>, hops: &mut Vec<Hop>) -> Step {
    let target = exit.target();
    if let Exit::DataCenter(dc, _) = exit {
        if let Some(vswitch) = ctx
            .topology
            .vswitches_of(&s.vpc.id)
            .find(|vswitch| overlaps(vswitch.cidr_block, dc.cidr_block))
        {
            return Err(blocked(
                Reason::CidrConflict {
                    data_center: dc.id.clone(),
                    data_center_cidr: dc.cidr_block,
                    vswitch: vswitch.id.clone(),
                    vswitch_cidr: vswitch.cidr_block,
                },
                dc.id.clone(),
            ));
        }
    }
    let rule = egress(
        ctx,
        s,
        Peer {
            net: target,
            instance: None,
        },
    )?;
    if let Exit::Internet(_) = exit {
        if let Some((_, words)) = public_address(ctx.topology, s.id) {
            hops.push(Hop::new(s.id, s.kind, rule));
            hops.push(Hop::new(
                INTERNET,
                kind::INTERNET,
                format!("{words}: the source address becomes public"),
            ));
            return Ok(());
        }
        // Without a public address the packet needs a custom route (a NAT gateway's
        // 0.0.0.0/0 entry is one: it exists only while it is in the route table).
        let routed = matches!(
            lookup(ctx.topology, s.vpc, target, &[]),
            Some(Route::Custom(_))
        );
        if !routed {
            return Err(blocked(
                Reason::NoPublicIp {
                    resource: s.id.to_string(),
                },
                s.id,
            ));
        }
    }
    hops.push(Hop::new(s.id, s.kind, rule));
    hops.push(to_vrouter(s, target));
    let mut skip = Vec::new();
    leave_vpc(ctx, s, s.vpc, exit, hops, &mut skip)
}

/// At the VRouter of `vpc`, a packet from `origin` leaves for `exit`. `skip` holds the
/// router instances already passed: routes leading back to them are ignored.
fn leave_vpc<'a>(
    ctx: Ctx<'a>,
    origin: &Placed<'a>,
    vpc: &'a Vpc,
    exit: Exit<'a>,
    hops: &mut Vec<Hop>,
    skip: &mut Vec<&'a str>,
) -> Step {
    let topology = ctx.topology;
    let target = exit.target();
    let no_route = |element: &str| {
        blocked(
            Reason::NoRoute {
                element: element.to_string(),
                destination: target,
            },
            element,
        )
    };
    let route = lookup(topology, vpc, target, skip);
    let Some(Route::Custom(entry)) = route else {
        // No custom route: nothing takes the packet out of the VPC.
        if let Exit::Internet(_) = exit {
            return Err(blocked(
                Reason::NoPublicIp {
                    resource: origin.id.to_string(),
                },
                &vpc.vrouter_id,
            ));
        }
        return Err(no_route(&vpc.vrouter_id));
    };
    hops.push(vrouter_hop(vpc, describe_route(Route::Custom(entry))));
    let next = entry.next_hop_id.as_str();
    match (entry.next_hop_type, exit) {
        (NextHopType::NatGateway, Exit::Internet(_)) => {
            let Some(ngw) = topology.nat_gateway(next) else {
                return Err(no_route(next));
            };
            match snat_for(ngw, origin.vswitch, origin.address) {
                Some(snat) => {
                    hops.push(Hop::new(&ngw.id, kind::NATGW, describe_snat(snat)));
                    hops.push(Hop::new(
                        INTERNET,
                        kind::INTERNET,
                        format!("leaves from {}, the SNAT address", snat.snat_ip),
                    ));
                    Ok(())
                }
                None => Err(blocked(
                    Reason::NoPublicIp {
                        resource: origin.id.to_string(),
                    },
                    next,
                )),
            }
        }
        (NextHopType::VpnGateway, Exit::DataCenter(dc, _)) => {
            let connection = topology.vpn_connections().values().find(|connection| {
                connection.vpn_gateway_id == next
                    && connection
                        .remote_subnets
                        .iter()
                        .any(|block| block.contains(&target))
                    && connection
                        .local_subnets
                        .iter()
                        .any(|block| block.contains(&origin.address))
                    && topology
                        .customer_gateway(&connection.customer_gateway_id)
                        .is_some_and(|cgw| {
                            cgw.data_center_id.as_deref().is_none_or(|id| id == dc.id)
                        })
            });
            let Some(connection) = connection else {
                return Err(blocked(
                    Reason::NoVpnConnection {
                        vpn_gateway: Some(next.to_string()),
                        data_center: dc.id.clone(),
                    },
                    next,
                ));
            };
            let gateway = topology
                .customer_gateway(&connection.customer_gateway_id)
                .map_or(String::new(), |cgw| {
                    format!(" to customer gateway {} ({})", cgw.id, cgw.ip_address)
                });
            hops.push(Hop::new(
                next,
                kind::VPNGW,
                format!(
                    "IPsec connection {}{gateway}: local {} ↔ remote {}",
                    connection.id,
                    join(&connection.local_subnets),
                    join(&connection.remote_subnets)
                ),
            ));
            hops.push(Hop::new(&dc.id, kind::DATACENTER, arrives_in(dc, target)));
            Ok(())
        }
        (NextHopType::RouterInterface, Exit::DataCenter(dc, _)) => {
            let Some(vbr) = topology.virtual_border_router(next) else {
                return Err(no_route(next));
            };
            if vbr.vpc_id.as_deref() != Some(vpc.id.as_str())
                || vbr.data_center_id.as_deref() != Some(dc.id.as_str())
            {
                return Err(no_route(next));
            }
            hops.push(Hop::new(
                next,
                kind::VBR,
                format!(
                    "Express Connect VBR {} (VLAN {}) → {}",
                    vbr.id, vbr.vlan_id, dc.id
                ),
            ));
            hops.push(Hop::new(&dc.id, kind::DATACENTER, arrives_in(dc, target)));
            Ok(())
        }
        (NextHopType::Instance, _) => through_router(ctx, origin, vpc, next, exit, hops, skip),
        _ => Err(no_route(next)),
    }
}

fn join(blocks: &[Ipv4Net]) -> String {
    blocks
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn arrives_in(dc: &DataCenter, target: Ipv4Net) -> String {
    if target.prefix_len() == 32 {
        format!("host {} in {} ({})", target.addr(), dc.id, dc.cidr_block)
    } else {
        format!("{} ({})", dc.id, dc.cidr_block)
    }
}

/// A custom route sent the packet to an instance, which forwards it.
fn through_router<'a>(
    ctx: Ctx<'a>,
    origin: &Placed<'a>,
    vpc: &'a Vpc,
    router_id: &'a str,
    exit: Exit<'a>,
    hops: &mut Vec<Hop>,
    skip: &mut Vec<&'a str>,
) -> Step {
    let topology = ctx.topology;
    let target = exit.target();
    let Some(router) = topology.instance(router_id) else {
        return Err(blocked(
            Reason::NoRoute {
                element: router_id.to_string(),
                destination: target,
            },
            router_id,
        ));
    };
    let Some(vswitch) = topology.vswitch(&router.vswitch_id) else {
        return Err(blocked(
            Reason::NoRoute {
                element: router_id.to_string(),
                destination: target,
            },
            router_id,
        ));
    };
    hops.push(delivers(vswitch, router.private_ip_address));
    let inbound = if ctx.answer {
        "forwards the answer".to_string()
    } else {
        security::check(
            topology,
            router,
            Direction::Ingress,
            ctx.traffic,
            peer_of(origin),
        )
        .map_err(|reason| blocked(reason, router_id))?
    };
    let outbound = if ctx.answer {
        String::new()
    } else {
        security::check(
            topology,
            router,
            Direction::Egress,
            ctx.traffic,
            Peer {
                net: target,
                instance: None,
            },
        )
        .map_err(|reason| blocked(reason, router_id))?
    };
    let rule = format!("forwards the packet (in: {inbound}; out: {outbound})");
    if let (Exit::Internet(_), Some((_, words))) = (exit, public_address(topology, router_id)) {
        hops.push(Hop::new(router_id, kind::INSTANCE, rule));
        hops.push(Hop::new(
            INTERNET,
            kind::INTERNET,
            format!("{words}: the router's public address"),
        ));
        return Ok(());
    }
    hops.push(Hop::new(router_id, kind::INSTANCE, rule));
    hops.push(Hop::new(
        &vswitch.id,
        kind::VSWITCH,
        format!(
            "{target} is outside {} ({}): sent back to the VRouter",
            vswitch.id, vswitch.cidr_block
        ),
    ));
    skip.push(router_id);
    leave_vpc(ctx, origin, vpc, exit, hops, skip)
}

fn dnat_protocol_matches(entry_protocol: &str, protocol: Protocol) -> bool {
    match entry_protocol.to_ascii_lowercase().as_str() {
        "any" => true,
        "tcp" => protocol == Protocol::Tcp,
        "udp" => protocol == Protocol::Udp,
        _ => false,
    }
}

fn internet_to_placed(
    ctx: Ctx<'_>,
    ip: Option<Ipv4Addr>,
    d: &Placed<'_>,
    hops: &mut Vec<Hop>,
) -> Step {
    let topology = ctx.topology;
    let peer = Peer {
        net: ip.map_or(Ipv4Net::default(), host),
        instance: None,
    };
    if d.kind == kind::RDS {
        return Err(blocked(
            Reason::NoPublicIp {
                resource: d.id.to_string(),
            },
            d.id,
        ));
    }
    if let Some((_, words)) = public_address(topology, d.id) {
        let rule = ingress(ctx, d, peer, false)?;
        hops.push(Hop::new(INTERNET, kind::INTERNET, format!("to {words}")));
        hops.push(Hop::new(d.id, d.kind, rule));
        return Ok(());
    }
    if d.instance.is_none() {
        return Err(blocked(
            Reason::NoPublicIp {
                resource: d.id.to_string(),
            },
            d.id,
        ));
    }
    let port = ctx.traffic.port;
    let dnat = topology.nat_gateways_of(&d.vpc.id).find_map(|ngw| {
        ngw.forward_entries
            .iter()
            .find(|entry| {
                entry.internal_ip == d.address
                    && dnat_protocol_matches(&entry.ip_protocol, ctx.traffic.protocol)
                    && (entry.external_port.is_none()
                        || port.is_none()
                        || entry.external_port == port)
            })
            .map(|entry| (ngw, entry))
    });
    let Some((ngw, entry)) = dnat else {
        return Err(blocked(
            Reason::NoPublicIp {
                resource: d.id.to_string(),
            },
            d.id,
        ));
    };
    let internal_port = entry.internal_port.or(port);
    let inside = Ctx {
        traffic: Traffic {
            port: internal_port,
            ..ctx.traffic
        },
        ..ctx
    };
    let show = |port: Option<u16>| port.map_or("any".to_string(), |port| port.to_string());
    hops.push(Hop::new(
        INTERNET,
        kind::INTERNET,
        format!(
            "to {}:{}, an EIP of {}",
            entry.external_ip,
            show(port),
            ngw.id
        ),
    ));
    hops.push(Hop::new(
        &ngw.id,
        kind::NATGW,
        format!(
            "DNAT entry {}: {}:{} → {}:{} ({})",
            entry.id,
            entry.external_ip,
            show(entry.external_port),
            entry.internal_ip,
            show(entry.internal_port),
            entry.ip_protocol
        ),
    ));
    vrouter_delivers(topology, d, hops)?;
    let rule = ingress(inside, d, peer, false)?;
    hops.push(Hop::new(d.id, d.kind, rule));
    Ok(())
}

fn data_center_to_placed(
    ctx: Ctx<'_>,
    dc: &DataCenter,
    ip: Option<Ipv4Addr>,
    d: &Placed<'_>,
    hops: &mut Vec<Hop>,
) -> Step {
    let topology = ctx.topology;
    let source = ip.map_or(dc.cidr_block, host);
    if let Some(vswitch) = topology
        .vswitches_of(&d.vpc.id)
        .find(|vswitch| overlaps(vswitch.cidr_block, dc.cidr_block))
    {
        return Err(blocked(
            Reason::CidrConflict {
                data_center: dc.id.clone(),
                data_center_cidr: dc.cidr_block,
                vswitch: vswitch.id.clone(),
                vswitch_cidr: vswitch.cidr_block,
            },
            dc.id.clone(),
        ));
    }
    // The way in: an IPsec connection of a VPN gateway of the VPC, or a VBR joined to it.
    let vpn = topology.vpn_connections().values().find_map(|connection| {
        let gateway = topology.vpn_gateway(&connection.vpn_gateway_id)?;
        let cgw = topology.customer_gateway(&connection.customer_gateway_id)?;
        let ours = cgw.data_center_id.as_deref().is_none_or(|id| id == dc.id);
        (gateway.vpc_id == d.vpc.id
            && ours
            && connection
                .remote_subnets
                .iter()
                .any(|block| block.contains(&source))
            && connection
                .local_subnets
                .iter()
                .any(|block| block.contains(&d.address)))
        .then_some((connection, gateway, cgw))
    });
    let gateway_hop = if let Some((connection, gateway, cgw)) = vpn {
        hops.push(Hop::new(
            &dc.id,
            kind::DATACENTER,
            format!(
                "{} leaves through customer gateway {} ({})",
                source, cgw.id, cgw.ip_address
            ),
        ));
        Hop::new(
            &gateway.id,
            kind::VPNGW,
            format!(
                "IPsec connection {}: remote {} ↔ local {}",
                connection.id,
                join(&connection.remote_subnets),
                join(&connection.local_subnets)
            ),
        )
    } else if let Some(vbr) = topology.virtual_border_routers().values().find(|vbr| {
        vbr.data_center_id.as_deref() == Some(dc.id.as_str())
            && vbr.vpc_id.as_deref() == Some(d.vpc.id.as_str())
    }) {
        hops.push(Hop::new(
            &dc.id,
            kind::DATACENTER,
            format!("{source} leaves over Express Connect"),
        ));
        Hop::new(
            &vbr.id,
            kind::VBR,
            format!(
                "Express Connect VBR {} (VLAN {}) → {}",
                vbr.id, vbr.vlan_id, d.vpc.id
            ),
        )
    } else {
        return Err(blocked(
            Reason::NoVpnConnection {
                vpn_gateway: None,
                data_center: dc.id.clone(),
            },
            dc.id.clone(),
        ));
    };
    hops.push(gateway_hop);
    vrouter_delivers(topology, d, hops)?;
    let rule = ingress(
        ctx,
        d,
        Peer {
            net: source,
            instance: None,
        },
        false,
    )?;
    hops.push(Hop::new(d.id, d.kind, rule));
    Ok(())
}

pub(super) fn reachable_from(topology: &Topology, source: &Endpoint) -> Vec<String> {
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
