//! NAT gateways with their SNAT and DNAT entries, VPN gateways with customer gateways and
//! IPsec connections, Express Connect virtual border routers, and the data centres (which
//! are not Alibaba resources, so only comments).

use std::net::Ipv4Addr;

use super::hcl::{identifier, quoted, Block, Expr};
use super::{region_of_vpc, Output, Variable};
use crate::model::NatGateway;

/// The bandwidths the provider accepts for a public VPN gateway, in Mbit/s.
const VPN_BANDWIDTHS: [u32; 8] = [5, 10, 20, 50, 100, 200, 500, 1000];

/// The EIP bound to a NAT gateway with this address, if any.
fn eip_of(out: &Output<'_>, gateway: &NatGateway, address: Ipv4Addr) -> Option<String> {
    out.topology
        .eips_of(&gateway.id)
        .find(|eip| eip.ip_address == address)
        .map(|eip| eip.id.clone())
}

/// An entry's EIP address as a reference to the EIP resource, with the `depends_on` that
/// makes Terraform bind the EIP to the gateway before adding the entry; the literal
/// address when no EIP of the gateway has it.
fn eip_address(out: &Output<'_>, gateway: &NatGateway, address: Ipv4Addr) -> (Expr, Option<Expr>) {
    match eip_of(out, gateway, address) {
        Some(eip) => (
            Expr::attribute("alicloud_eip_address", &eip, "ip_address"),
            Some(Expr::List(vec![Expr::Reference(format!(
                "alicloud_eip_association.{}",
                identifier(&eip)
            ))])),
        ),
        None => (Expr::str(address.to_string()), None),
    }
}

fn port(port: Option<u16>) -> Expr {
    Expr::str(port.map_or_else(|| "any".to_string(), |port| port.to_string()))
}

/// NAT gateways (enhanced, pay by LCU, as the provider now creates them), then their SNAT
/// and DNAT entries, labelled by the entries' ids.
pub(super) fn nat_gateways(out: &mut Output<'_>) {
    let topology = out.topology;
    for gateway in topology.nat_gateways().values() {
        let region = region_of_vpc(topology, &gateway.vpc_id);
        let mut block = out.resource("alicloud_nat_gateway", &gateway.id, &region);
        if gateway.vswitch_id.is_none() {
            block = block.comment(
                "An enhanced NAT gateway needs a VSwitch (vswitch_id): vpclab's has none, choose one of the VPC.",
            );
        }
        let vswitch = gateway
            .vswitch_id
            .as_deref()
            .map(|vswitch| Expr::attribute("alicloud_vswitch", vswitch, "id"));
        let block = block
            .name("nat_gateway_name", &gateway.name)
            .attr(
                "vpc_id",
                Expr::attribute("alicloud_vpc", &gateway.vpc_id, "id"),
            )
            .attr_if("vswitch_id", vswitch)
            .attr("nat_type", Expr::str("Enhanced"))
            .attr("network_type", Expr::str("internet"))
            .attr("payment_type", Expr::str("PayAsYouGo"))
            .attr("internet_charge_type", Expr::str("PayByLcu"));
        out.push(&block);
        for entry in &gateway.snat_entries {
            let (snat_ip, depends_on) = eip_address(out, gateway, entry.snat_ip);
            let block = out
                .resource("alicloud_snat_entry", &entry.id, &region)
                .attr(
                    "snat_table_id",
                    Expr::attribute("alicloud_nat_gateway", &gateway.id, "snat_table_ids"),
                )
                .attr("snat_ip", snat_ip);
            let block = match &entry.source {
                crate::model::SnatSource::Vswitch(vswitch) => block.attr(
                    "source_vswitch_id",
                    Expr::attribute("alicloud_vswitch", vswitch, "id"),
                ),
                crate::model::SnatSource::Cidr(cidr) => {
                    block.attr("source_cidr", Expr::str(cidr.to_string()))
                }
            };
            out.push(&block.attr_if("depends_on", depends_on));
        }
        for entry in &gateway.forward_entries {
            // The private side names the instance holding the address, when one does.
            let internal = topology
                .holder_of(&gateway.vpc_id, entry.internal_ip)
                .filter(|holder| topology.instances().contains_key(*holder))
                .map_or_else(
                    || Expr::str(entry.internal_ip.to_string()),
                    |holder| Expr::attribute("alicloud_instance", holder, "private_ip"),
                );
            let (external_ip, depends_on) = eip_address(out, gateway, entry.external_ip);
            let block = out
                .resource("alicloud_forward_entry", &entry.id, &region)
                .attr(
                    "forward_table_id",
                    Expr::attribute("alicloud_nat_gateway", &gateway.id, "forward_table_ids"),
                )
                .attr("external_ip", external_ip)
                .attr("external_port", port(entry.external_port))
                .attr("ip_protocol", Expr::str(entry.ip_protocol.name()))
                .attr("internal_ip", internal)
                .attr("internal_port", port(entry.internal_port))
                .attr_if("depends_on", depends_on);
            out.push(&block);
        }
    }
}

/// VPN gateways, customer gateways and IPsec connections.
pub(super) fn vpn(out: &mut Output<'_>) {
    let topology = out.topology;
    for gateway in topology.vpn_gateways().values() {
        let region = region_of_vpc(topology, &gateway.vpc_id);
        let mut block = out.resource("alicloud_vpn_gateway", &gateway.id, &region);
        if !VPN_BANDWIDTHS.contains(&gateway.bandwidth) {
            block = block.comment(&format!(
                "{} Mbit/s is not a bandwidth the provider offers a public VPN gateway (5, 10, 20, 50, 100, 200, 500 or 1000).",
                gateway.bandwidth
            ));
        }
        let block = block
            .name("vpn_gateway_name", &gateway.name)
            .attr(
                "vpc_id",
                Expr::attribute("alicloud_vpc", &gateway.vpc_id, "id"),
            )
            .attr("bandwidth", Expr::Number(u64::from(gateway.bandwidth)))
            .attr("network_type", Expr::str("public"))
            .attr("enable_ipsec", Expr::Bool(true))
            .attr("enable_ssl", Expr::Bool(false))
            .attr("payment_type", Expr::str("PayAsYouGo"));
        out.push(&block);
    }
    for gateway in topology.customer_gateways().values() {
        let mut block = out.resource(
            "alicloud_vpn_customer_gateway",
            &gateway.id,
            &gateway.region_id,
        );
        if let Some(data_center) = gateway
            .data_center_id
            .as_deref()
            .and_then(|id| topology.data_center(id))
        {
            block = block.comment(&format!(
                "The public address of data centre {} ({}).",
                data_center.id, data_center.cidr_block
            ));
        }
        let block = block
            .name("customer_gateway_name", &gateway.name)
            .attr("ip_address", Expr::str(gateway.ip_address.to_string()))
            .attr_if("asn", gateway.asn.map(|asn| Expr::str(asn.to_string())));
        out.push(&block);
    }
    for connection in topology.vpn_connections().values() {
        let region = topology
            .vpn_gateway(&connection.vpn_gateway_id)
            .map(|gateway| region_of_vpc(topology, &gateway.vpc_id))
            .unwrap_or_default();
        let blocks = |list: &[ipnet::Ipv4Net]| {
            Expr::List(
                list.iter()
                    .map(|block| Expr::str(block.to_string()))
                    .collect(),
            )
        };
        let psk = out.variable(Variable::IpsecPsk);
        let block = out
            .resource("alicloud_vpn_connection", &connection.id, &region)
            .name("vpn_connection_name", &connection.name)
            .attr(
                "vpn_gateway_id",
                Expr::attribute("alicloud_vpn_gateway", &connection.vpn_gateway_id, "id"),
            )
            .attr(
                "customer_gateway_id",
                Expr::attribute(
                    "alicloud_vpn_customer_gateway",
                    &connection.customer_gateway_id,
                    "id",
                ),
            )
            .attr("local_subnet", blocks(&connection.local_subnets))
            .attr("remote_subnet", blocks(&connection.remote_subnets))
            .attr("effect_immediately", Expr::Bool(true))
            .block(Block::new("ike_config").attr("psk", psk));
        out.push(&block);
    }
}

/// Virtual border routers; their joins to VPCs and the data centres are comments.
pub(super) fn express_connect(out: &mut Output<'_>) {
    let topology = out.topology;
    for router in topology.virtual_border_routers().values() {
        let connection = out.variable(Variable::PhysicalConnectionId);
        out.variable(Variable::VbrPeering);
        let peering = |field: &str| {
            Expr::Reference(format!(
                "var.{}[{}].{field}",
                Variable::VbrPeering.name(),
                quoted(&identifier(&router.id))
            ))
        };
        let block = out
            .resource(
                "alicloud_express_connect_virtual_border_router",
                &router.id,
                &router.region_id,
            )
            .name("virtual_border_router_name", &router.name)
            .attr("physical_connection_id", connection)
            .attr("vlan_id", Expr::Number(u64::from(router.vlan_id)))
            .attr("local_gateway_ip", peering("local_gateway_ip"))
            .attr("peer_gateway_ip", peering("peer_gateway_ip"))
            .attr("peering_subnet_mask", peering("peering_subnet_mask"));
        out.push(&block);
        if let Some(vpc) = &router.vpc_id {
            out.not_exported(format!(
                "the join of virtual border router {} to {vpc}: a router interface pair (alicloud_router_interface) that vpclab does not model",
                router.id
            ));
        }
    }
    for data_center in topology.data_centers().values() {
        let name = if data_center.name.is_empty() {
            String::new()
        } else {
            format!(" ({})", data_center.name)
        };
        out.not_exported(format!(
            "data centre {}{name}, {}: an on-premises network, not an Alibaba Cloud resource",
            data_center.id, data_center.cidr_block
        ));
    }
}
