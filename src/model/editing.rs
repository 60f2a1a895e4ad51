//! Helpers for editing a topology by hand: sensible values to pre-fill in a form, and the
//! ordered commands that delete a resource together with everything inside it.
//!
//! Nothing here changes a topology; it only reads one and proposes. The proposals go
//! through [`crate::model::apply()`] like any other command, so the rules stay in one place.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::catalog;
use super::command::Command;
use super::limits;
use super::topology::Topology;

/// The CIDR blocks offered, in order, for a new VPC.
const VPC_BLOCKS: [&str; 3] = ["192.168.0.0/16", "172.16.0.0/16", "10.0.0.0/16"];

/// The prefix length offered for a new VSwitch when the VPC is large enough.
const SUGGESTED_VSWITCH_PREFIX: u8 = 24;

/// A CIDR block for a new VPC in `region_id`: the first of the usual private blocks that no
/// VPC of the region uses yet (VPCs may overlap, but a plan reads better when they don't).
///
/// ```
/// use vpclab::model::{editing, RuleSet, Topology};
/// let empty = Topology::new(RuleSet::Current);
/// assert_eq!(editing::suggest_vpc_cidr(&empty, "cn-hangzhou").to_string(), "192.168.0.0/16");
/// ```
pub fn suggest_vpc_cidr(topology: &Topology, region_id: &str) -> Ipv4Net {
    let used: Vec<Ipv4Net> = topology
        .vpcs_in(region_id)
        .flat_map(|vpc| vpc.cidr_blocks().collect::<Vec<_>>())
        .collect();
    VPC_BLOCKS
        .iter()
        .filter_map(|text| text.parse::<Ipv4Net>().ok())
        .find(|block| !used.iter().any(|other| overlaps(block, other)))
        .unwrap_or(Ipv4Net::new(Ipv4Addr::new(192, 168, 0, 0), 16).unwrap_or_default())
}

/// The first /24 (or the VPC's own block, if smaller) inside the VPC's CIDR blocks that no
/// VSwitch of the VPC overlaps, or `None` when the VPC is full or unknown.
///
/// ```
/// use vpclab::model::{editing, example};
/// let article = example::article_network();
/// let vpc = article.vpcs().keys().next().expect("a VPC").clone();
/// // 192.168.0.0/24 is still free in the article's VPC.
/// assert_eq!(editing::suggest_vswitch_cidr(&article, &vpc).map(|n| n.to_string()),
///            Some("192.168.0.0/24".to_string()));
/// ```
pub fn suggest_vswitch_cidr(topology: &Topology, vpc_id: &str) -> Option<Ipv4Net> {
    let vpc = topology.vpc(vpc_id)?;
    let taken: Vec<Ipv4Net> = topology
        .vswitches_of(vpc_id)
        .map(|vswitch| vswitch.cidr_block)
        .collect();
    vpc.cidr_blocks().find_map(|block| {
        let prefix = block
            .prefix_len()
            .clamp(SUGGESTED_VSWITCH_PREFIX, limits::VSWITCH_PREFIX.max);
        let mut candidates = block.subnets(prefix).ok()?;
        candidates.find(|candidate| !taken.iter().any(|other| overlaps(candidate, other)))
    })
}

/// A zone of the VPC's region that has no VSwitch of this VPC yet, else the region's first.
///
/// ```
/// use vpclab::model::{editing, Command, RuleSet, Topology, apply};
/// let empty = Topology::new(RuleSet::Y2020);
/// let vpc = apply(&empty, &serde_json::from_str::<Command>(
///     r#"{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"192.168.0.0/16"}"#).unwrap()).unwrap();
/// let id = vpc.topology.vpcs().keys().next().unwrap().clone();
/// assert_eq!(editing::suggest_zone(&vpc.topology, &id), Some("ap-south-1a"));
/// ```
pub fn suggest_zone(topology: &Topology, vpc_id: &str) -> Option<&'static str> {
    let vpc = topology.vpc(vpc_id)?;
    let region = catalog::region(&vpc.region_id)?;
    region
        .zones
        .iter()
        .copied()
        .find(|zone| {
            !topology
                .vswitches_of(vpc_id)
                .any(|vswitch| vswitch.zone_id == *zone)
        })
        .or_else(|| region.zones.first().copied())
}

fn overlaps(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// The commands that delete `id` and everything that depends on it, in an order the rules
/// accept (contents first). Applied one after the other they succeed, or the first failure
/// says why; an unknown id gives an empty list.
pub fn delete_with_contents(topology: &Topology, id: &str) -> Vec<Command> {
    let mut plan = Vec::new();
    if topology.vpc(id).is_some() {
        delete_vpc(topology, id, &mut plan);
    } else if topology.vswitch(id).is_some() {
        delete_vswitch(topology, id, true, &mut plan);
    } else if let Some(command) = delete_one(topology, id) {
        if topology.data_center(id).is_some() {
            for vbr in topology
                .virtual_border_routers()
                .values()
                .filter(|vbr| vbr.data_center_id.as_deref() == Some(id))
            {
                plan.push(Command::DeleteVirtualBorderRouter {
                    vbr_id: vbr.id.clone(),
                });
            }
            for gateway in topology
                .customer_gateways()
                .values()
                .filter(|gateway| gateway.data_center_id.as_deref() == Some(id))
            {
                delete_customer_gateway(topology, &gateway.id, &mut plan);
            }
        }
        if topology.vpn_gateway(id).is_some() {
            for connection in topology
                .vpn_connections()
                .values()
                .filter(|connection| connection.vpn_gateway_id == id)
            {
                plan.push(Command::DeleteVpnConnection {
                    vpn_connection_id: connection.id.clone(),
                });
            }
        }
        if topology.customer_gateway(id).is_some() {
            delete_customer_gateway(topology, id, &mut plan);
            return plan;
        }
        plan.push(match command {
            // A gateway's own SNAT/DNAT entries and bound EIPs go with it.
            Command::DeleteNatGateway { nat_gateway_id, .. } => Command::DeleteNatGateway {
                nat_gateway_id,
                force: Some("true".into()),
            },
            other => other,
        });
    }
    plan
}

fn delete_customer_gateway(topology: &Topology, id: &str, plan: &mut Vec<Command>) {
    for connection in topology
        .vpn_connections()
        .values()
        .filter(|connection| connection.customer_gateway_id == id)
    {
        plan.push(Command::DeleteVpnConnection {
            vpn_connection_id: connection.id.clone(),
        });
    }
    plan.push(Command::DeleteCustomerGateway {
        customer_gateway_id: id.to_owned(),
    });
}

fn delete_vswitch(topology: &Topology, id: &str, with_nat_gateways: bool, plan: &mut Vec<Command>) {
    // Custom routes whose next hop is an instance of this VSwitch go first.
    if let Some(vpc) = topology.vpc_of_vswitch(id) {
        for entry in vpc.route_entries.iter().filter(|entry| {
            topology
                .instance(&entry.next_hop_id)
                .is_some_and(|instance| instance.vswitch_id == id)
        }) {
            let command = Command::DeleteRouteEntry {
                route_entry_id: Some(entry.id.clone()),
                route_table_id: Some(vpc.route_table_id.clone()),
                destination_cidr_block: None,
                next_hop_id: None,
            };
            if !plan.contains(&command) {
                plan.push(command);
            }
        }
    }
    for balancer in topology.load_balancers_of(id) {
        plan.push(Command::DeleteLoadBalancer {
            load_balancer_id: balancer.id.clone(),
        });
    }
    for database in topology.db_instances_of(id) {
        plan.push(Command::DeleteDBInstance {
            db_instance_id: database.id.clone(),
        });
    }
    for instance in topology.instances_of(id) {
        plan.push(Command::DeleteInstance {
            instance_id: instance.id.clone(),
        });
    }
    for gateway in topology
        .nat_gateways()
        .values()
        .filter(|gateway| with_nat_gateways && gateway.vswitch_id.as_deref() == Some(id))
    {
        plan.push(Command::DeleteNatGateway {
            nat_gateway_id: gateway.id.clone(),
            force: Some("true".into()),
        });
    }
    plan.push(Command::DeleteVSwitch {
        vswitch_id: id.to_owned(),
    });
}

fn delete_vpc(topology: &Topology, id: &str, plan: &mut Vec<Command>) {
    let Some(vpc) = topology.vpc(id) else {
        return;
    };
    // Routes first: they may point at instances and gateways about to go.
    for entry in &vpc.route_entries {
        plan.push(Command::DeleteRouteEntry {
            route_entry_id: Some(entry.id.clone()),
            route_table_id: Some(vpc.route_table_id.clone()),
            destination_cidr_block: None,
            next_hop_id: None,
        });
    }
    for gateway in topology.vpn_gateways_of(id) {
        for connection in topology
            .vpn_connections()
            .values()
            .filter(|connection| connection.vpn_gateway_id == gateway.id)
        {
            plan.push(Command::DeleteVpnConnection {
                vpn_connection_id: connection.id.clone(),
            });
        }
        plan.push(Command::DeleteVpnGateway {
            vpn_gateway_id: gateway.id.clone(),
        });
    }
    for gateway in topology.nat_gateways_of(id) {
        plan.push(Command::DeleteNatGateway {
            nat_gateway_id: gateway.id.clone(),
            force: Some("true".into()),
        });
    }
    for vbr in topology
        .virtual_border_routers()
        .values()
        .filter(|vbr| vbr.vpc_id.as_deref() == Some(id))
    {
        plan.push(Command::DeleteVirtualBorderRouter {
            vbr_id: vbr.id.clone(),
        });
    }
    let vswitches: Vec<String> = topology
        .vswitches_of(id)
        .map(|vswitch| vswitch.id.clone())
        .collect();
    for vswitch in vswitches {
        // The VPC's NAT gateways are already in the plan.
        delete_vswitch(topology, &vswitch, false, plan);
    }
    for group in topology
        .security_groups_of(id)
        .filter(|group| !group.is_default)
    {
        plan.push(Command::DeleteSecurityGroup {
            security_group_id: group.id.clone(),
        });
    }
    plan.push(Command::DeleteVpc {
        vpc_id: id.to_owned(),
    });
}

/// The single command that deletes or releases the resource `id`, if it is of a kind that
/// has one (VPCs and VSwitches included: they fail with `DependencyViolation` when not empty).
pub fn delete_one(topology: &Topology, id: &str) -> Option<Command> {
    let id = id.to_owned();
    Some(if topology.vpc(&id).is_some() {
        Command::DeleteVpc { vpc_id: id }
    } else if topology.vswitch(&id).is_some() {
        Command::DeleteVSwitch { vswitch_id: id }
    } else if topology.instance(&id).is_some() {
        Command::DeleteInstance { instance_id: id }
    } else if topology.eip(&id).is_some() {
        Command::ReleaseEipAddress { allocation_id: id }
    } else if topology.security_group(&id).is_some() {
        Command::DeleteSecurityGroup {
            security_group_id: id,
        }
    } else if topology.nat_gateway(&id).is_some() {
        Command::DeleteNatGateway {
            nat_gateway_id: id,
            force: None,
        }
    } else if topology.vpn_gateway(&id).is_some() {
        Command::DeleteVpnGateway { vpn_gateway_id: id }
    } else if topology.customer_gateway(&id).is_some() {
        Command::DeleteCustomerGateway {
            customer_gateway_id: id,
        }
    } else if topology.vpn_connection(&id).is_some() {
        Command::DeleteVpnConnection {
            vpn_connection_id: id,
        }
    } else if topology.virtual_border_router(&id).is_some() {
        Command::DeleteVirtualBorderRouter { vbr_id: id }
    } else if topology.data_center(&id).is_some() {
        Command::DeleteDataCenter { data_center_id: id }
    } else if topology.load_balancer(&id).is_some() {
        Command::DeleteLoadBalancer {
            load_balancer_id: id,
        }
    } else if topology.db_instance(&id).is_some() {
        Command::DeleteDBInstance { db_instance_id: id }
    } else {
        return None;
    })
}
