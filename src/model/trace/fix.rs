//! One-click fixes: when a trace is blocked, the API calls that would let the packet past
//! what stopped it, as pure data.
//!
//! [`suggest`] reads the reason and the element that stopped the packet, proposes the
//! commands a person would send to Alibaba, and keeps them only if they work: it applies
//! them to a copy of the network and traces again, and the packet must get past the place
//! where it was stopped (reach the destination, or be stopped later for another reason).
//! So a suggestion is never a guess that changes nothing. Handled:
//! - `SecurityGroupDenied`: an accept rule for that protocol and port from that source
//!   (`AuthorizeSecurityGroup`) or to that destination (`AuthorizeSecurityGroupEgress`),
//!   one priority above the drop rule that matched; when the drop rule already has the
//!   highest priority (1), revoking it instead.
//! - `NoPublicIp` for an ECS instance: binding an unbound EIP of its region
//!   (`AssociateEipAddress`), or allocating one first (`AllocateEipAddress`).
//! - `NoRoute` at a VRouter towards a data centre: a custom route
//!   (`CreateRouteEntry`) to the VPN gateway whose IPsec connection reaches it, or to the
//!   VBR joined to it.
//! - `NotABackend`: adding the server to the CLB's back ends (`AddBackendServers`).
//!
//! Other reasons (isolated VPCs, overlapping blocks, a missing IPsec connection) need a
//! design decision, not one call, and get no suggestion.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::security::{deciding_rule, Peer, Traffic};
use super::{trace, Endpoint, Reason, Trace};
use crate::model::catalog::cloud_services_cidr;
use crate::model::command::{BackendServerParam, Command};
use crate::model::entity::{Direction, Policy, PortRange, SecurityGroupRule};
use crate::model::rule_calls::{rule_call, RuleCall};
use crate::model::topology::Topology;

/// The commands that get the packet of `answer` (traced from `source` to `destination`)
/// past what stopped it, in the order to run them; `None` when the trace passes, or when
/// no single change is evident (see the module documentation).
///
/// ```
/// use vpclab::model::trace::{fix, trace, Endpoint, Protocol};
/// use vpclab::model::Command;
/// let article = vpclab::model::example::article_network();
/// let (internet, vm1) = (Endpoint::Internet(None), Endpoint::Resource("i-0001".into()));
/// let blocked = trace(&article, &internet, &vm1, Protocol::Tcp, Some(80));
/// let commands = fix::suggest(&article, &internet, &vm1, &blocked).expect("a fix");
/// assert!(matches!(&commands[0], Command::AuthorizeSecurityGroup { port_range, .. } if port_range == "80/80"));
/// ```
pub fn suggest(
    topology: &Topology,
    source: &Endpoint,
    destination: &Endpoint,
    answer: &Trace,
) -> Option<Vec<Command>> {
    if answer.reachable {
        return None;
    }
    let candidates = match answer.reason.as_ref()? {
        Reason::SecurityGroupDenied {
            group, direction, ..
        } => security_fixes(topology, source, destination, answer, (group, *direction)),
        Reason::NoPublicIp { resource } => {
            public_address_fix(topology, resource).into_iter().collect()
        }
        Reason::NoRoute {
            element,
            destination: block,
        } => route_fixes(topology, element, *block),
        Reason::NotABackend {
            load_balancer,
            server,
        } => vec![vec![Command::AddBackendServers {
            load_balancer_id: load_balancer.clone(),
            backend_servers: vec![BackendServerParam {
                server_id: server.clone(),
                weight: None,
            }],
        }]],
        _ => Vec::new(),
    };
    candidates
        .into_iter()
        .find(|commands| gets_past(topology, source, destination, answer, commands))
}

/// Whether `commands` all apply to a copy of the network, and the same packet then reaches
/// the destination or is stopped by something else, somewhere else.
fn gets_past(
    topology: &Topology,
    source: &Endpoint,
    destination: &Endpoint,
    answer: &Trace,
    commands: &[Command],
) -> bool {
    let mut next = topology.clone();
    if commands
        .iter()
        .any(|command| next.apply_in_place(command).is_err())
    {
        return false;
    }
    let again = trace(&next, source, destination, answer.protocol, answer.port);
    again.reachable
        || (again.reason.as_ref().map(Reason::code) != answer.reason.as_ref().map(Reason::code))
        || again.blocked_at != answer.blocked_at
}

/// The block a security group sees for an endpoint: an address, a data centre's block or
/// one host in it, any Internet address, or the cloud services' block for OSS.
fn peer_block(topology: &Topology, endpoint: &Endpoint) -> Option<Ipv4Net> {
    let host = |ip: Ipv4Addr| Ipv4Net::new(ip, 32).ok();
    match endpoint {
        Endpoint::Resource(id) => {
            let address = topology
                .instance(id)
                .map(|instance| instance.private_ip_address)
                .or_else(|| topology.load_balancer(id).map(|lb| lb.address))
                .or_else(|| topology.db_instance(id).map(|db| db.private_ip_address))?;
            host(address)
        }
        Endpoint::Internet(None) => Some(Ipv4Net::default()),
        Endpoint::Internet(Some(ip)) | Endpoint::DataCenterHost(_, Some(ip)) => host(*ip),
        Endpoint::DataCenterHost(id, None) => topology.data_center(id).map(|dc| dc.cidr_block),
        Endpoint::Oss => Some(cloud_services_cidr()),
    }
}

/// The ports a security group may have seen: the traced one, and for a packet from the
/// Internet through a DNAT entry, the internal port the entry forwards it to.
fn ports_seen(topology: &Topology, destination: &Endpoint, answer: &Trace) -> Vec<Option<u16>> {
    let mut ports = vec![answer.port];
    if let Endpoint::Resource(id) = destination {
        if let Some(instance) = topology.instance(id) {
            ports.extend(
                topology
                    .nat_gateways()
                    .values()
                    .flat_map(|ngw| &ngw.forward_entries)
                    .filter(|entry| {
                        entry.internal_ip == instance.private_ip_address
                            && (entry.external_port.is_none() || entry.external_port == answer.port)
                    })
                    .map(|entry| entry.internal_port.or(answer.port)),
            );
        }
    }
    ports.dedup();
    ports
}

/// Accept rules (or the revocation of the drop rule that wins) for the instance that
/// stopped the packet: its inbound side when it is the destination, its outbound side when
/// it is the source. `group` is the group the reason names, where a new rule goes.
fn security_fixes(
    topology: &Topology,
    source: &Endpoint,
    destination: &Endpoint,
    answer: &Trace,
    (group, direction): (&str, Direction),
) -> Vec<Vec<Command>> {
    let Some(blocked) = answer.blocked_at.as_ref().and_then(|id| id.as_resource()) else {
        return Vec::new();
    };
    let Some(instance) = topology.instance(blocked) else {
        return Vec::new();
    };
    let is_blocked =
        |endpoint: &Endpoint| matches!(endpoint, Endpoint::Resource(id) if id == blocked);
    let (peer_end, ports) = match direction {
        Direction::Ingress if is_blocked(destination) => {
            (source, ports_seen(topology, destination, answer))
        }
        Direction::Egress if is_blocked(source) => (destination, vec![answer.port]),
        // A router instance on the way: which end it should allow is not evident.
        _ => return Vec::new(),
    };
    let Some(net) = peer_block(topology, peer_end) else {
        return Vec::new();
    };
    let peer = Peer {
        net,
        instance: match peer_end {
            Endpoint::Resource(id) => topology.instance(id),
            _ => None,
        },
    };
    ports
        .into_iter()
        .flat_map(|port| {
            let traffic = Traffic {
                protocol: answer.protocol,
                port,
            };
            let open = |priority: Option<u8>| authorize(group, direction, traffic, net, priority);
            match deciding_rule(topology, instance, direction, traffic, peer) {
                // Nothing outranks a drop rule of priority 1: it goes, and an accept rule
                // takes its place unless another one already lets the packet in.
                Some((owner, rule)) if rule.policy == Policy::Drop && rule.priority <= 1 => {
                    vec![
                        vec![revoke(owner, rule), open(None)],
                        vec![revoke(owner, rule)],
                    ]
                }
                Some((_, rule)) if rule.policy == Policy::Drop => {
                    vec![vec![open(Some(rule.priority - 1))]]
                }
                _ => vec![vec![open(None)]],
            }
        })
        .collect()
}

/// An accept rule in `group` for this traffic from (inbound) or to (outbound) `peer`.
fn authorize(
    group: &str,
    direction: Direction,
    traffic: Traffic,
    peer: Ipv4Net,
    priority: Option<u8>,
) -> Command {
    let (from, to) = traffic.port.map_or((1, 65535), |port| (port, port));
    let security_group_id = group.to_string();
    let ip_protocol = traffic.protocol.name().to_string();
    let port_range = traffic
        .protocol
        .port_range_parameter(PortRange { from, to });
    let policy = Some("accept".to_string());
    let priority = priority.map(|priority| priority.to_string());
    match direction {
        Direction::Ingress => Command::AuthorizeSecurityGroup {
            security_group_id,
            ip_protocol,
            port_range,
            source_cidr_ip: Some(peer.to_string()),
            source_group_id: None,
            policy,
            priority,
            description: None,
        },
        Direction::Egress => Command::AuthorizeSecurityGroupEgress {
            security_group_id,
            ip_protocol,
            port_range,
            dest_cidr_ip: Some(peer.to_string()),
            dest_group_id: None,
            policy,
            priority,
            description: None,
        },
    }
}

/// The call that removes `rule` from `group`: the same parameters as when it was added.
pub fn revoke(group: &str, rule: &SecurityGroupRule) -> Command {
    rule_call(RuleCall::Revoke, group.to_string(), rule, str::to_owned)
}

/// A public address for an ECS instance: an unbound EIP of its region, bound to it, or a
/// new one allocated and bound.
fn public_address_fix(topology: &Topology, resource: &str) -> Option<Vec<Command>> {
    topology.instance(resource)?;
    let region = topology.vpc_of_instance(resource)?.region_id.clone();
    let associate = |allocation_id: String| Command::AssociateEipAddress {
        allocation_id,
        instance_id: resource.to_string(),
        instance_type: None,
    };
    if let Some(eip) = topology
        .eips()
        .values()
        .find(|eip| eip.region_id == region && eip.binding.is_none())
    {
        return Some(vec![associate(eip.id.clone())]);
    }
    let allocate = Command::AllocateEipAddress {
        region_id: region,
        bandwidth: None,
        name: None,
        description: None,
    };
    // The id the allocation will get: the model numbers ids deterministically, so the
    // same call on a copy answers it.
    let allocation_id = topology.clone().apply_in_place(&allocate).ok()?.created?;
    Some(vec![allocate, associate(allocation_id)])
}

/// Custom routes from the VPC whose VRouter is `element` towards `block`: to a VPN gateway
/// of the VPC whose IPsec connection reaches it, or to a VBR joined to the VPC and to the
/// data centre holding it.
fn route_fixes(topology: &Topology, element: &str, block: Ipv4Net) -> Vec<Vec<Command>> {
    let Some(vpc) = topology
        .vpcs()
        .values()
        .find(|vpc| vpc.vrouter_id == element)
    else {
        return Vec::new();
    };
    let route = |destination: Ipv4Net, next_hop: &str, kind: &str| {
        vec![Command::CreateRouteEntry {
            route_table_id: vpc.route_table_id.clone(),
            destination_cidr_block: destination.to_string(),
            next_hop_id: next_hop.to_string(),
            next_hop_type: Some(kind.to_string()),
            route_entry_name: None,
            description: None,
        }]
    };
    let mut candidates = Vec::new();
    for connection in topology.vpn_connections().values() {
        let ours = topology
            .vpn_gateway(&connection.vpn_gateway_id)
            .is_some_and(|gateway| gateway.vpc_id == vpc.id);
        if let (true, Some(remote)) = (
            ours,
            connection
                .remote_subnets
                .iter()
                .find(|remote| remote.contains(&block)),
        ) {
            candidates.push(route(*remote, &connection.vpn_gateway_id, "VpnGateway"));
        }
    }
    for vbr in topology.virtual_border_routers().values() {
        let data_center = vbr
            .data_center_id
            .as_deref()
            .and_then(|id| topology.data_center(id));
        if let (true, Some(dc)) = (vbr.vpc_id.as_deref() == Some(vpc.id.as_str()), data_center) {
            if dc.cidr_block.contains(&block) {
                candidates.push(route(dc.cidr_block, &vbr.id, "RouterInterface"));
            }
        }
    }
    candidates
}

#[cfg(test)]
mod tests;
