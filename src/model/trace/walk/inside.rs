//! Inside a VPC: the VRouter's route lookup (longest prefix first), and packets from one
//! resource to another of the same VPC or to the region's OSS endpoint.

use crate::model::trace::HopRule;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use crate::model::catalog::cloud_services_cidr;
use crate::model::element::{ElementId, ElementKind};
use crate::model::entity::{RouteEntry, Vpc, Vswitch};
use crate::model::topology::Topology;

use super::super::security::Peer;
use super::{blocked, egress, ingress, no_route, peer_of, Ctx, Hop, Placed, Reason, Step};

/// The route the VRouter picks for `target`: the longest prefix holding all of it.
#[derive(Clone, Copy, Debug)]
pub(super) enum Route<'a> {
    Vswitch(&'a Vswitch),
    CloudServices(Ipv4Net),
    Custom(&'a RouteEntry),
}

pub(super) fn lookup<'a>(
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

pub(super) fn describe_route(route: Route<'_>) -> HopRule {
    match route {
        Route::Vswitch(vswitch) => HopRule::SystemRoute {
            block: vswitch.cidr_block,
            vswitch: vswitch.id.clone(),
        },
        Route::CloudServices(block) => HopRule::CloudServicesRoute { block },
        Route::Custom(entry) => HopRule::CustomRoute {
            destination: entry.destination_cidr_block,
            next_hop: entry.next_hop_id.clone(),
            next_hop_type: entry.next_hop_type,
            entry: entry.id.clone(),
        },
    }
}

pub(super) fn to_vrouter(s: &Placed<'_>, target: Ipv4Net) -> Hop {
    Hop::resource(
        &s.vswitch.id,
        ElementKind::Vswitch,
        HopRule::ToVrouter {
            target,
            vswitch: s.vswitch.id.clone(),
            block: s.vswitch.cidr_block,
        },
    )
}

pub(super) fn vrouter_hop(vpc: &Vpc, rule: HopRule) -> Hop {
    Hop::resource(&vpc.vrouter_id, ElementKind::Vrouter, rule)
}

pub(super) fn delivers(vswitch: &Vswitch, address: Ipv4Addr) -> Hop {
    Hop::resource(
        &vswitch.id,
        ElementKind::Vswitch,
        HopRule::Delivered {
            address,
            vswitch: vswitch.id.clone(),
            block: vswitch.cidr_block,
        },
    )
}

/// Traffic arriving at the VPC's VRouter from outside: the VRouter must route the
/// destination's address to the destination's own VSwitch (a system route), which then
/// delivers it. Any other answer of the route table is `NoRoute` at the VRouter.
pub(super) fn vrouter_delivers(topology: &Topology, d: &Placed<'_>, hops: &mut Vec<Hop>) -> Step {
    vrouter_delivers_as(topology, d, hops, |route| route)
}

/// [`vrouter_delivers`], with the VRouter's rule worded by `rule` from the route's words.
pub(super) fn vrouter_delivers_as(
    topology: &Topology,
    d: &Placed<'_>,
    hops: &mut Vec<Hop>,
    rule: impl FnOnce(HopRule) -> HopRule,
) -> Step {
    match lookup(topology, d.vpc, d.host(), &[]) {
        Some(route @ Route::Vswitch(vswitch)) if vswitch.id == d.vswitch.id => {
            hops.push(vrouter_hop(d.vpc, rule(describe_route(route))));
        }
        _ => return Err(no_route(&d.vpc.vrouter_id, d.host())),
    }
    hops.push(delivers(d.vswitch, d.address));
    Ok(())
}

pub(super) fn placed_to_placed(
    ctx: Ctx<'_>,
    s: &Placed<'_>,
    d: &Placed<'_>,
    hops: &mut Vec<Hop>,
) -> Step {
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
    hops.push(Hop::resource(s.id, s.kind, rule));
    if s.vswitch.id == d.vswitch.id {
        hops.push(Hop::resource(
            &s.vswitch.id,
            ElementKind::Vswitch,
            HopRule::SameVswitch {
                vswitch: s.vswitch.id.clone(),
                block: s.vswitch.cidr_block,
            },
        ));
    } else {
        hops.push(to_vrouter(s, d.host()));
        // Both ends are in one VPC, so the VRouter that receives the packet is the
        // destination's.
        vrouter_delivers(ctx.topology, d, hops)?;
    }
    let rule = ingress(ctx, d, peer_of(s), s.load_balancer.is_some())?;
    hops.push(Hop::resource(d.id, d.kind, rule));
    Ok(())
}

pub(super) fn placed_to_oss(ctx: Ctx<'_>, s: &Placed<'_>, hops: &mut Vec<Hop>) -> Step {
    let cloud = cloud_services_cidr();
    let rule = egress(
        ctx,
        s,
        Peer {
            net: cloud,
            instance: None,
        },
    )?;
    hops.push(Hop::resource(s.id, s.kind, rule));
    hops.push(to_vrouter(s, cloud));
    match lookup(ctx.topology, s.vpc, cloud, &[]) {
        Some(route @ Route::CloudServices(_)) => {
            hops.push(vrouter_hop(s.vpc, describe_route(route)))
        }
        _ => return Err(no_route(&s.vpc.vrouter_id, cloud)),
    }
    hops.push(Hop::new(
        ElementId::Oss(s.vpc.region_id.clone()),
        ElementKind::Oss,
        HopRule::OssEndpoint {
            region: s.vpc.region_id.clone(),
            block: cloud,
        },
    ));
    Ok(())
}
