//! VPCs with their secondary blocks, VSwitches, security groups with their rules, and
//! custom route entries.

use super::hcl::{identifier, Expr};
use super::{region_of_vpc, Output};
use crate::model::{Direction, NextHopType, Policy, RouteEntry, RulePeer};

/// The label of a VPC's n-th secondary block (from 1): `vpc_0001_cidr_1`.
fn secondary_label(vpc_id: &str, number: usize) -> String {
    format!("{}_cidr_{number}", identifier(vpc_id))
}

/// VPCs, their secondary blocks and their VSwitches.
pub(super) fn vpcs(out: &mut Output<'_>) {
    let topology = out.topology;
    for vpc in topology.vpcs().values() {
        let block = out
            .resource("alicloud_vpc", &vpc.id, &vpc.region_id)
            .name("vpc_name", &vpc.name)
            .name("description", &vpc.description)
            .attr("cidr_block", Expr::str(vpc.cidr_block.to_string()));
        out.push(&block);
        for (index, secondary) in vpc.secondary_cidr_blocks.iter().enumerate() {
            let label = secondary_label(&vpc.id, index + 1);
            let block = out
                .resource("alicloud_vpc_ipv4_cidr_block", &label, &vpc.region_id)
                .attr("vpc_id", Expr::attribute("alicloud_vpc", &vpc.id, "id"))
                .attr("secondary_cidr_block", Expr::str(secondary.to_string()));
            out.push(&block);
        }
        for vswitch in topology.vswitches_of(&vpc.id) {
            // A VSwitch in a secondary block names the VPC through that block, so that
            // Terraform adds the block first.
            let secondary = vpc
                .secondary_cidr_blocks
                .iter()
                .position(|block| block.contains(&vswitch.cidr_block));
            let vpc_id = match secondary {
                Some(index) => Expr::attribute(
                    "alicloud_vpc_ipv4_cidr_block",
                    &secondary_label(&vpc.id, index + 1),
                    "vpc_id",
                ),
                None => Expr::attribute("alicloud_vpc", &vpc.id, "id"),
            };
            let block = out
                .resource("alicloud_vswitch", &vswitch.id, &vpc.region_id)
                .name("vswitch_name", &vswitch.name)
                .name("description", &vswitch.description)
                .attr("vpc_id", vpc_id)
                .attr("cidr_block", Expr::str(vswitch.cidr_block.to_string()))
                .attr("zone_id", Expr::str(&vswitch.zone_id));
            out.push(&block);
        }
    }
}

/// Security groups and their rules, one `alicloud_security_group_rule` per rule, labelled
/// `<group>_rule_<n>` in the group's order.
pub(super) fn security_groups(out: &mut Output<'_>) {
    let topology = out.topology;
    for group in topology.security_groups().values() {
        let region = region_of_vpc(topology, &group.vpc_id);
        let group_type = match group.group_type {
            crate::model::SecurityGroupType::Normal => "normal",
            crate::model::SecurityGroupType::Enterprise => "enterprise",
        };
        let mut block = out.resource("alicloud_security_group", &group.id, &region);
        if group.is_default {
            block = block.comment(
                "The VPC's default group, which vpclab's RunInstances makes on first use: here an ordinary group.",
            );
        }
        let block = block
            .name("security_group_name", &group.name)
            .name("description", &group.description)
            .attr(
                "vpc_id",
                Expr::attribute("alicloud_vpc", &group.vpc_id, "id"),
            )
            .attr("security_group_type", Expr::str(group_type));
        // `Accept` is a basic group's default, and an enterprise group is always `Drop`.
        let isolated = group.group_type == crate::model::SecurityGroupType::Normal
            && group.inner_access_policy == crate::model::InnerAccessPolicy::Drop;
        let block = if isolated {
            block.attr(
                "inner_access_policy",
                Expr::str(group.inner_access_policy.name()),
            )
        } else {
            block
        };
        out.push(&block);
        for (index, rule) in group.rules.iter().enumerate() {
            let label = format!("{}_rule_{}", identifier(&group.id), index + 1);
            let direction = match rule.direction {
                Direction::Ingress => "ingress",
                Direction::Egress => "egress",
            };
            let ports = if rule.ip_protocol.has_ports() {
                rule.port_range.to_string()
            } else {
                "-1/-1".to_string()
            };
            let policy = match rule.policy {
                Policy::Accept => "accept",
                Policy::Drop => "drop",
            };
            let block = out
                .resource("alicloud_security_group_rule", &label, &region)
                .attr(
                    "security_group_id",
                    Expr::attribute("alicloud_security_group", &group.id, "id"),
                )
                .attr("type", Expr::str(direction))
                .attr("ip_protocol", Expr::str(rule.ip_protocol.name()))
                .attr("port_range", Expr::str(ports))
                .attr("policy", Expr::str(policy))
                .attr("priority", Expr::Number(u64::from(rule.priority)))
                .attr("nic_type", Expr::str("intranet"))
                .name("description", &rule.description);
            let block = match &rule.peer {
                RulePeer::Cidr(block_of_peers) => {
                    block.attr("cidr_ip", Expr::str(block_of_peers.to_string()))
                }
                // The provider names the other group `source_security_group_id` in both
                // directions ("the target security group").
                RulePeer::Group(peer) => block.attr(
                    "source_security_group_id",
                    Expr::attribute("alicloud_security_group", peer, "id"),
                ),
            };
            out.push(&block);
        }
    }
}

/// Whether a route entry is the `0.0.0.0/0` entry that creating its (Internet, enhanced)
/// NAT gateway added by itself: `alicloud_nat_gateway` makes it, and a second
/// `alicloud_route_entry` for it would fail to apply. Only an entry without a name or
/// description of its own qualifies: one the user re-created by hand is exported.
fn is_added_by_nat_gateway(entry: &RouteEntry) -> bool {
    entry.next_hop_type == NextHopType::NatGateway
        && entry.destination_cidr_block == ipnet::Ipv4Net::default()
        && entry.name.is_empty()
        && entry.description.is_empty()
}

/// Custom route entries, in each route table's order; a route through a virtual border
/// router is a comment (the router interface it needs is not modelled).
pub(super) fn routes(out: &mut Output<'_>) {
    let topology = out.topology;
    for vpc in topology.vpcs().values() {
        for entry in &vpc.route_entries {
            if is_added_by_nat_gateway(entry) {
                continue;
            }
            let (kind, attribute) = match entry.next_hop_type {
                NextHopType::Instance => ("alicloud_instance", "id"),
                NextHopType::VpnGateway => ("alicloud_vpn_gateway", "id"),
                NextHopType::NatGateway => ("alicloud_nat_gateway", "id"),
                NextHopType::RouterInterface => {
                    out.not_exported(format!(
                        "route {} of {} to {} through virtual border router {}: it needs the router interface pair joining the VBR to the VPC (alicloud_router_interface), which vpclab does not model",
                        entry.id, vpc.id, entry.destination_cidr_block, entry.next_hop_id
                    ));
                    continue;
                }
            };
            let block = out
                .resource("alicloud_route_entry", &entry.id, &vpc.region_id)
                .attr(
                    "route_table_id",
                    Expr::attribute("alicloud_vpc", &vpc.id, "route_table_id"),
                )
                .attr(
                    "destination_cidrblock",
                    Expr::str(entry.destination_cidr_block.to_string()),
                )
                .attr("nexthop_type", Expr::str(entry.next_hop_type.name()))
                .attr(
                    "nexthop_id",
                    Expr::attribute(kind, &entry.next_hop_id, attribute),
                );
            out.push(&block);
        }
    }
}
