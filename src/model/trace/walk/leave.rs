//! Leaving a VPC: a packet from a resource to the Internet or a data centre, through its
//! own public address, a NAT gateway's SNAT entry, a VPN gateway's IPsec connection, an
//! Express Connect VBR, or a router instance that a custom route points at.

use crate::model::trace::{HopRule, PublicAddress};
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use crate::model::element::{ElementId, ElementKind};
use crate::model::entity::{
    DataCenter, Direction, NatGateway, NextHopType, SnatEntry, SnatSource, Vpc, Vswitch,
};
use crate::model::topology::{PublicIpKind, Topology};

use super::super::security::{self, Peer};
use super::inside::{delivers, describe_route, lookup, to_vrouter, vrouter_hop, Route};
use super::{
    blocked, egress, no_cidr_conflict, no_route, peer_of, Ctx, Exit, Hop, Placed, Reason, Step,
};

/// The public address of a resource, if it has one.
pub(super) fn public_address(topology: &Topology, id: &str) -> Option<PublicAddress> {
    let owner = id.to_string();
    if let Some((address, kind)) = topology.public_ip_of(id) {
        return Some(match kind {
            PublicIpKind::NatPublicIp => PublicAddress::NatPublicIp { address, owner },
            PublicIpKind::Eip => PublicAddress::Eip {
                address,
                eip: topology
                    .eip_of(id)
                    .map_or(String::new(), |eip| eip.id.clone()),
                owner,
            },
        });
    }
    let lb = topology.load_balancer(id)?;
    if let Some(eip) = topology.eip_of(id) {
        return Some(PublicAddress::Eip {
            address: eip.ip_address,
            eip: eip.id.clone(),
            owner,
        });
    }
    lb.public_ip_address
        .map(|address| PublicAddress::LoadBalancer { address, owner })
}

/// The VRouter of `vpc`, as its gateway, sends the packet to `public`, the public address
/// of `holder`, and from there it reaches the Internet.
fn leaves_by_public_address(vpc: &Vpc, holder: &str, public: PublicAddress, hops: &mut Vec<Hop>) {
    hops.push(vrouter_hop(
        vpc,
        HopRule::GatewayOut {
            public: public.clone(),
        },
    ));
    hops.push(Hop::new(
        ElementId::PublicIp(holder.to_string()),
        ElementKind::PublicIp,
        HopRule::LeavesFrom { public },
    ));
    hops.push(Hop::internet(HopRule::ReachesInternet));
}

/// The SNAT entry of a NAT gateway that translates traffic from `address` in `vswitch`.
fn snat_for<'a>(
    ngw: &'a NatGateway,
    vswitch: &Vswitch,
    address: Ipv4Addr,
) -> Option<&'a SnatEntry> {
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

/// The NAT gateway translates the source with its SNAT entry, and the packet leaves for the
/// Internet from the entry's address.
fn leaves_by_snat(ngw: &NatGateway, entry: &SnatEntry, hops: &mut Vec<Hop>) {
    hops.push(Hop::resource(
        &ngw.id,
        ElementKind::NatGateway,
        describe_snat(entry),
    ));
    hops.push(Hop::internet(HopRule::LeavesBySnat {
        snat_ip: entry.snat_ip,
    }));
}

fn describe_snat(entry: &SnatEntry) -> HopRule {
    let source = match &entry.source {
        SnatSource::Vswitch(id) => id.clone(),
        SnatSource::Cidr(block) => block.to_string(),
    };
    HopRule::Snat {
        entry: entry.id.clone(),
        source,
        snat_ip: entry.snat_ip,
    }
}

/// A packet from a resource of a VPC to the Internet or a data centre.
pub(super) fn placed_to_exit(
    ctx: Ctx<'_>,
    s: &Placed<'_>,
    exit: Exit<'_>,
    hops: &mut Vec<Hop>,
) -> Step {
    let target = exit.target();
    if let Exit::DataCenter(dc, _) = exit {
        no_cidr_conflict(ctx.topology, s.vpc, dc)?;
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
        if let Some(public) = public_address(ctx.topology, s.id) {
            hops.push(Hop::resource(s.id, s.kind, rule));
            if s.kind == ElementKind::Instance {
                hops.push(to_vrouter(s, target));
                leaves_by_public_address(s.vpc, s.id, public, hops);
            } else {
                hops.push(Hop::internet(HopRule::LeavesFrom { public }));
            }
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
    hops.push(Hop::resource(s.id, s.kind, rule));
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
    let route = lookup(topology, vpc, target, skip);
    let Some(Route::Custom(entry)) = route else {
        return leave_without_custom_route(origin, vpc, exit);
    };
    hops.push(vrouter_hop(vpc, describe_route(Route::Custom(entry))));
    let next = entry.next_hop_id.as_str();
    match (entry.next_hop_type, exit) {
        (NextHopType::NatGateway, Exit::Internet(_)) => {
            let Some(ngw) = topology.nat_gateway(next) else {
                return Err(no_route(next, target));
            };
            match snat_for(ngw, origin.vswitch, origin.address) {
                Some(snat) => {
                    leaves_by_snat(ngw, snat, hops);
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
            through_vpn_gateway(topology, origin, next, dc, target, hops)
        }
        (NextHopType::RouterInterface, Exit::DataCenter(dc, _)) => {
            let Some(vbr) = topology.virtual_border_router(next) else {
                return Err(no_route(next, target));
            };
            if vbr.vpc_id.as_deref() != Some(vpc.id.as_str())
                || vbr.data_center_id.as_deref() != Some(dc.id.as_str())
            {
                return Err(no_route(next, target));
            }
            hops.push(Hop::resource(
                next,
                ElementKind::Vbr,
                HopRule::ExpressConnect {
                    vbr: vbr.id.clone(),
                    vlan: vbr.vlan_id,
                    to: dc.id.clone(),
                },
            ));
            hops.push(Hop::resource(
                &dc.id,
                ElementKind::DataCenter,
                arrives_in(dc, target),
            ));
            Ok(())
        }
        (NextHopType::Instance, _) => through_router(ctx, origin, vpc, next, exit, hops, skip),
        _ => Err(no_route(next, target)),
    }
}

/// The VRouter of `vpc` found no custom route for `exit`: nothing takes the packet out of
/// the VPC (a NAT gateway's own `0.0.0.0/0` entry is a custom route, and only while it is
/// in the route table).
fn leave_without_custom_route(origin: &Placed<'_>, vpc: &Vpc, exit: Exit<'_>) -> Step {
    let Exit::Internet(_) = exit else {
        return Err(no_route(&vpc.vrouter_id, exit.target()));
    };
    Err(blocked(
        Reason::NoPublicIp {
            resource: origin.id.to_string(),
        },
        &vpc.vrouter_id,
    ))
}

/// A custom route sent the packet for data centre `dc` to the VPN gateway `gateway`: an
/// IPsec connection of that gateway must join both ends.
fn through_vpn_gateway(
    topology: &Topology,
    origin: &Placed<'_>,
    gateway: &str,
    dc: &DataCenter,
    target: Ipv4Net,
    hops: &mut Vec<Hop>,
) -> Step {
    let connection = topology.vpn_connections().values().find(|connection| {
        connection.vpn_gateway_id == gateway
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
                .is_some_and(|cgw| cgw.data_center_id.as_deref().is_none_or(|id| id == dc.id))
    });
    let Some(connection) = connection else {
        return Err(blocked(
            Reason::NoVpnConnection {
                vpn_gateway: Some(gateway.to_string()),
                data_center: dc.id.clone(),
            },
            gateway,
        ));
    };
    let customer_gateway = topology
        .customer_gateway(&connection.customer_gateway_id)
        .map(|cgw| (cgw.id.clone(), cgw.ip_address));
    hops.push(Hop::resource(
        gateway,
        ElementKind::VpnGateway,
        HopRule::IpsecOut {
            connection: connection.id.clone(),
            customer_gateway,
            local: connection.local_subnets.clone(),
            remote: connection.remote_subnets.clone(),
        },
    ));
    hops.push(Hop::resource(
        &dc.id,
        ElementKind::DataCenter,
        arrives_in(dc, target),
    ));
    Ok(())
}

fn arrives_in(dc: &DataCenter, target: Ipv4Net) -> HopRule {
    HopRule::ArrivesIn {
        host: (target.prefix_len() == 32).then(|| target.addr()),
        data_center: dc.id.clone(),
        block: dc.cidr_block,
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
        return Err(no_route(router_id, target));
    };
    let Some(vswitch) = topology.vswitch(&router.vswitch_id) else {
        return Err(no_route(router_id, target));
    };
    hops.push(delivers(vswitch, router.private_ip_address));
    if ctx.answer {
        hops.push(Hop::resource(
            router_id,
            ElementKind::Instance,
            HopRule::RouterForwardsAnswer,
        ));
        return after_router(ctx, origin, vpc, router_id, vswitch, exit, hops, skip);
    }
    let inbound = {
        security::check(
            topology,
            router,
            Direction::Ingress,
            ctx.traffic,
            peer_of(origin),
        )
        .map_err(|reason| blocked(reason, router_id))?
    };
    let outbound = {
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
    let rule = HopRule::RouterForwards {
        inbound: Box::new(inbound),
        outbound: Box::new(outbound),
    };
    hops.push(Hop::resource(router_id, ElementKind::Instance, rule));
    after_router(ctx, origin, vpc, router_id, vswitch, exit, hops, skip)
}

/// After a router instance took the packet: out through its own public address (back
/// through its VSwitch and the VRouter, the VPC's gateway), or back to the VRouter.
#[allow(
    clippy::too_many_arguments,
    reason = "the walk's state, passed on as through_router received it"
)]
fn after_router<'a>(
    ctx: Ctx<'a>,
    origin: &Placed<'a>,
    vpc: &'a Vpc,
    router_id: &'a str,
    vswitch: &Vswitch,
    exit: Exit<'a>,
    hops: &mut Vec<Hop>,
    skip: &mut Vec<&'a str>,
) -> Step {
    let target = exit.target();
    if let (Exit::Internet(_), Some(public)) = (exit, public_address(ctx.topology, router_id)) {
        hops.push(Hop::resource(
            &vswitch.id,
            ElementKind::Vswitch,
            HopRule::ToVrouter {
                target,
                vswitch: vswitch.id.clone(),
                block: vswitch.cidr_block,
            },
        ));
        leaves_by_public_address(vpc, router_id, public, hops);
        return Ok(());
    }
    hops.push(Hop::resource(
        &vswitch.id,
        ElementKind::Vswitch,
        HopRule::BackToVrouter {
            target,
            vswitch: vswitch.id.clone(),
            block: vswitch.cidr_block,
        },
    ));
    skip.push(router_id);
    leave_vpc(ctx, origin, vpc, exit, hops, skip)
}
