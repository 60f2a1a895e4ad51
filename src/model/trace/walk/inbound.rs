//! Inbound: a packet from the Internet (to a public address, or through a NAT gateway's
//! DNAT entry) or from a data centre (over an IPsec connection or an Express Connect VBR)
//! to a resource of a VPC.

use crate::model::trace::HopRule;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use crate::model::element::{ElementId, ElementKind};
use crate::model::entity::DataCenter;

use super::super::security::{Peer, Traffic};
use super::inside::{vrouter_delivers, vrouter_delivers_as};
use super::leave::public_address;
use super::{blocked, host, ingress, no_cidr_conflict, Ctx, Hop, Placed, Reason, Step};

pub(super) fn internet_to_placed(
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
    if d.kind == ElementKind::Rds {
        return Err(blocked(
            Reason::NoPublicIp {
                resource: d.id.to_string(),
            },
            d.id,
        ));
    }
    if let Some(public) = public_address(topology, d.id) {
        if d.kind == ElementKind::Instance {
            // The article's way in: the public address, the VRouter as the VPC's gateway,
            // the VSwitch, then the instance's security groups.
            hops.push(Hop::internet(HopRule::AddressedTo {
                public: public.clone(),
            }));
            hops.push(Hop::new(
                ElementId::PublicIp(d.id.to_string()),
                ElementKind::PublicIp,
                HopRule::ToPrivate { public },
            ));
            vrouter_delivers_as(topology, d, hops, |route| HopRule::GatewayIn {
                route: Box::new(route),
            })?;
            let rule = ingress(ctx, d, peer, false)?;
            hops.push(Hop::resource(d.id, d.kind, rule));
            return Ok(());
        }
        let rule = ingress(ctx, d, peer, false)?;
        hops.push(Hop::internet(HopRule::ToPublic { public }));
        hops.push(Hop::resource(d.id, d.kind, rule));
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
                    && entry.ip_protocol.forwards(ctx.traffic.protocol)
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
    hops.push(Hop::internet(HopRule::ToNatEip {
        address: entry.external_ip,
        port,
        gateway: ngw.id.clone(),
    }));
    hops.push(Hop::resource(
        &ngw.id,
        ElementKind::NatGateway,
        HopRule::Dnat {
            entry: entry.id.clone(),
            external_ip: entry.external_ip,
            external_port: entry.external_port,
            internal_ip: entry.internal_ip,
            internal_port: entry.internal_port,
            protocol: entry.ip_protocol,
        },
    ));
    vrouter_delivers(topology, d, hops)?;
    let rule = ingress(inside, d, peer, false)?;
    hops.push(Hop::resource(d.id, d.kind, rule));
    Ok(())
}

pub(super) fn data_center_to_placed(
    ctx: Ctx<'_>,
    dc: &DataCenter,
    ip: Option<Ipv4Addr>,
    d: &Placed<'_>,
    hops: &mut Vec<Hop>,
) -> Step {
    let topology = ctx.topology;
    let source = ip.map_or(dc.cidr_block, host);
    no_cidr_conflict(topology, d.vpc, dc)?;
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
        hops.push(Hop::resource(
            &dc.id,
            ElementKind::DataCenter,
            HopRule::LeavesThroughCustomerGateway {
                source,
                gateway: cgw.id.clone(),
                address: cgw.ip_address,
            },
        ));
        Hop::resource(
            &gateway.id,
            ElementKind::VpnGateway,
            HopRule::IpsecIn {
                connection: connection.id.clone(),
                remote: connection.remote_subnets.clone(),
                local: connection.local_subnets.clone(),
            },
        )
    } else if let Some(vbr) = topology.virtual_border_routers().values().find(|vbr| {
        vbr.data_center_id.as_deref() == Some(dc.id.as_str())
            && vbr.vpc_id.as_deref() == Some(d.vpc.id.as_str())
    }) {
        hops.push(Hop::resource(
            &dc.id,
            ElementKind::DataCenter,
            HopRule::LeavesOverExpressConnect { source },
        ));
        Hop::resource(
            &vbr.id,
            ElementKind::Vbr,
            HopRule::ExpressConnect {
                vbr: vbr.id.clone(),
                vlan: vbr.vlan_id,
                to: d.vpc.id.clone(),
            },
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
    hops.push(Hop::resource(d.id, d.kind, rule));
    Ok(())
}
