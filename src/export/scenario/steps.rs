//! The steps of the plan, phase by phase: the network without addresses, the resources
//! holding public addresses in address order, the other private resources, default groups,
//! security group rules, NAT gateways (with placeholders below their addresses), EIP
//! bindings, NAT entries, then IPsec connections, routes and CLB back ends.

use std::net::Ipv4Addr;

use super::{non_empty, text, Plan, ScenarioExportError, Unsupported};
use crate::model::catalog;
use crate::model::rule_calls::{rule_call, RuleCall};
use crate::model::{
    AddressType, BackendServerParam, Command, Eip, InnerAccessPolicy, Instance, LoadBalancer,
    RouteEntry, SecurityGroupType, SnatSource, Topology, Vpc, VpnGateway,
};

/// Data centres, VPCs with their secondary blocks, VSwitches, security groups (but the
/// default ones), customer gateways and virtual border routers: everything without an
/// address of its own.
pub(super) fn network(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    let original = plan.original;
    for data_center in original.data_centers().values() {
        let command = Command::CreateDataCenter {
            cidr_block: data_center.cidr_block.to_string(),
            data_center_name: non_empty(&data_center.name),
        };
        plan.create(&data_center.id, command)?;
    }
    for vpc in original.vpcs().values() {
        let command = Command::CreateVpc {
            region_id: vpc.region_id.clone(),
            cidr_block: text(vpc.cidr_block),
            vpc_name: non_empty(&vpc.name),
            description: non_empty(&vpc.description),
        };
        plan.create(&vpc.id, command)?;
        for block in &vpc.secondary_cidr_blocks {
            let command = Command::AssociateVpcCidrBlock {
                vpc_id: plan.name(&vpc.id),
                secondary_cidr_block: block.to_string(),
                region_id: None,
            };
            plan.run(command, None)?;
        }
    }
    for vswitch in original.vswitches().values() {
        let command = Command::CreateVSwitch {
            vpc_id: plan.name(&vswitch.vpc_id),
            zone_id: vswitch.zone_id.clone(),
            cidr_block: vswitch.cidr_block.to_string(),
            vswitch_name: non_empty(&vswitch.name),
            description: non_empty(&vswitch.description),
        };
        plan.create(&vswitch.id, command)?;
    }
    for group in original.security_groups().values() {
        if group.is_default {
            continue;
        }
        let group_type = match group.group_type {
            SecurityGroupType::Normal => "normal",
            SecurityGroupType::Enterprise => "enterprise",
        };
        let command = Command::CreateSecurityGroup {
            vpc_id: plan.name(&group.vpc_id),
            security_group_name: non_empty(&group.name),
            security_group_type: text(group_type),
            description: non_empty(&group.description),
        };
        plan.create(&group.id, command)?;
    }
    for gateway in original.customer_gateways().values() {
        let command = Command::CreateCustomerGateway {
            region_id: gateway.region_id.clone(),
            ip_address: gateway.ip_address.to_string(),
            asn: gateway.asn.map(|asn| asn.to_string()),
            name: non_empty(&gateway.name),
            data_center_id: gateway.data_center_id.as_deref().map(|id| plan.name(id)),
            description: non_empty(&gateway.description),
        };
        plan.create(&gateway.id, command)?;
    }
    for router in original.virtual_border_routers().values() {
        let command = Command::CreateVirtualBorderRouter {
            region_id: router.region_id.clone(),
            vlan_id: router.vlan_id.to_string(),
            name: non_empty(&router.name),
            vpc_id: router.vpc_id.as_deref().map(|id| plan.name(id)),
            data_center_id: router.data_center_id.as_deref().map(|id| plan.name(id)),
            description: non_empty(&router.description),
        };
        plan.create(&router.id, command)?;
    }
    Ok(())
}

/// A resource holding a public address.
enum PublicHolder<'a> {
    Instance(&'a Instance),
    Eip(&'a Eip),
    VpnGateway(&'a VpnGateway),
    LoadBalancer(&'a LoadBalancer),
}

/// The region of the VPC holding a VSwitch.
fn region_of_vswitch(topology: &Topology, vswitch_id: &str) -> String {
    topology
        .vpc_of_vswitch(vswitch_id)
        .map(|vpc| vpc.region_id.clone())
        .unwrap_or_default()
}

/// Every public address of the original, with its region and holder, in address order.
fn public_holders(topology: &Topology) -> Vec<(String, Ipv4Addr, PublicHolder<'_>)> {
    let mut holders = Vec::new();
    for instance in topology.instances().values() {
        if let Some(address) = instance.nat_public_ip {
            let region = region_of_vswitch(topology, &instance.vswitch_id);
            holders.push((region, address, PublicHolder::Instance(instance)));
        }
    }
    for eip in topology.eips().values() {
        holders.push((
            eip.region_id.clone(),
            eip.ip_address,
            PublicHolder::Eip(eip),
        ));
    }
    for gateway in topology.vpn_gateways().values() {
        let region = topology
            .vpc(&gateway.vpc_id)
            .map(|vpc| vpc.region_id.clone())
            .unwrap_or_default();
        let holder = PublicHolder::VpnGateway(gateway);
        holders.push((region, gateway.public_ip_address, holder));
    }
    for balancer in topology.load_balancers().values() {
        if let Some(address) = balancer.public_ip_address {
            let region = region_of_vswitch(topology, &balancer.vswitch_id);
            holders.push((region, address, PublicHolder::LoadBalancer(balancer)));
        }
    }
    holders.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    holders
}

/// The lowest free address of a region's public pool in the rebuilt topology: the one the
/// next public address will be.
fn lowest_free_public(topology: &Topology, region_id: &str) -> Option<Ipv4Addr> {
    let pool = catalog::region(region_id)?.public_pool();
    let first = u32::from(pool.network()).saturating_add(1);
    let last = u32::from(pool.broadcast()).saturating_sub(1);
    (first..=last)
        .map(Ipv4Addr::from)
        .find(|address| topology.public_holder_of(region_id, *address).is_none())
}

/// The resources holding public addresses, in address order, with placeholder EIPs on the
/// addresses that are free in the original.
pub(super) fn public_addresses(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    for (region, address, holder) in public_holders(plan.original) {
        while let Some(lowest) = lowest_free_public(&plan.rebuilt, &region) {
            if lowest >= address {
                break;
            }
            let reference = plan.placeholder();
            let command = Command::AllocateEipAddress {
                region_id: region.clone(),
                bandwidth: None,
                name: None,
                description: None,
            };
            plan.run(command, Some(reference.clone()))?;
            plan.held_public.push(reference);
        }
        match holder {
            PublicHolder::Instance(instance) => launch(plan, instance)?,
            PublicHolder::Eip(eip) => {
                let command = Command::AllocateEipAddress {
                    region_id: eip.region_id.clone(),
                    bandwidth: text(eip.bandwidth),
                    name: non_empty(&eip.name),
                    description: non_empty(&eip.description),
                };
                plan.create(&eip.id, command)?;
            }
            PublicHolder::VpnGateway(gateway) => {
                let command = Command::CreateVpnGateway {
                    vpc_id: plan.name(&gateway.vpc_id),
                    bandwidth: text(gateway.bandwidth),
                    name: non_empty(&gateway.name),
                };
                plan.create(&gateway.id, command)?;
            }
            PublicHolder::LoadBalancer(balancer) => load_balancer(plan, balancer)?,
        }
    }
    Ok(())
}

/// Launches the counterpart of an original instance at its private address. An instance
/// of the default group is launched without a group, which makes (or joins) the default.
fn launch(plan: &mut Plan<'_>, instance: &Instance) -> Result<(), ScenarioExportError> {
    let [group_id] = instance.security_group_ids.as_slice() else {
        return Err(ScenarioExportError::Unsupported {
            id: instance.id.clone(),
            reason: Unsupported::SecurityGroupCount(instance.security_group_ids.len()),
        });
    };
    let is_default = plan
        .original
        .security_group(group_id)
        .is_some_and(|group| group.is_default);
    // A bandwidth above 0 at launch gives a NatPublicIP: an instance with a bandwidth but
    // no NatPublicIP (converted to an EIP) is launched without and given it afterwards.
    let bandwidth = instance.internet_max_bandwidth_out;
    let launched_bandwidth = if instance.nat_public_ip.is_some() {
        bandwidth
    } else {
        0
    };
    let command = Command::RunInstances {
        vswitch_id: plan.name(&instance.vswitch_id),
        instance_name: non_empty(&instance.name),
        private_ip_address: text(instance.private_ip_address),
        security_group_id: (!is_default).then(|| plan.name(group_id)),
        internet_max_bandwidth_out: (launched_bandwidth > 0).then(|| bandwidth.to_string()),
        description: non_empty(&instance.description),
    };
    let response = plan.create(&instance.id, command)?;
    if is_default && !plan.names.contains_key(group_id) {
        if let Some(created) = response.field("SecurityGroupId") {
            plan.names.insert(group_id.clone(), created.to_string());
        }
    }
    if launched_bandwidth != bandwidth {
        let command = Command::ModifyInstanceNetworkSpec {
            instance_id: plan.name(&instance.id),
            internet_max_bandwidth_out: bandwidth.to_string(),
        };
        plan.run(command, None)?;
    }
    Ok(())
}

fn load_balancer(plan: &mut Plan<'_>, balancer: &LoadBalancer) -> Result<(), ScenarioExportError> {
    let address_type = match balancer.address_type {
        AddressType::Intranet => None,
        AddressType::Internet => text("internet"),
    };
    let command = Command::CreateLoadBalancer {
        vswitch_id: plan.name(&balancer.vswitch_id),
        load_balancer_name: non_empty(&balancer.name),
        address: text(balancer.address),
        address_type,
    };
    plan.create(&balancer.id, command)?;
    Ok(())
}

/// Instances, CLBs and RDS instances without a public address.
pub(super) fn private_resources(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    let original = plan.original;
    for instance in original.instances().values() {
        if instance.nat_public_ip.is_none() {
            launch(plan, instance)?;
        }
    }
    for balancer in original.load_balancers().values() {
        if balancer.public_ip_address.is_none() {
            load_balancer(plan, balancer)?;
        }
    }
    for database in original.db_instances().values() {
        let command = Command::CreateDBInstance {
            vswitch_id: plan.name(&database.vswitch_id),
            engine: database.engine.clone(),
            engine_version: None,
            db_instance_class: None,
            db_instance_description: non_empty(&database.name),
            private_ip_address: text(database.private_ip_address),
        };
        plan.create(&database.id, command)?;
    }
    Ok(())
}

/// Default security groups without members: launching an instance without a group
/// creates one, and the instance is deleted again. A VPC without a VSwitch with a free
/// address gets a placeholder VSwitch for that moment.
pub(super) fn default_groups(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    let original = plan.original;
    for group in original.security_groups().values() {
        if !group.is_default || plan.names.contains_key(&group.id) {
            continue;
        }
        let existing = original
            .vswitches_of(&group.vpc_id)
            .map(|vswitch| plan.name(&vswitch.id))
            .find(|name| {
                plan.rebuilt
                    .next_free_address(&plan.rebuilt_id(name))
                    .is_some()
            });
        let (vswitch, temporary) = match existing {
            Some(vswitch) => (vswitch, false),
            None => (placeholder_vswitch(plan, &group.vpc_id, &group.id)?, true),
        };
        let reference = plan.placeholder();
        let command = Command::RunInstances {
            vswitch_id: vswitch.clone(),
            instance_name: None,
            private_ip_address: None,
            security_group_id: None,
            internet_max_bandwidth_out: None,
            description: None,
        };
        let response = plan.run(command, Some(reference.clone()))?;
        if let Some(created) = response.field("SecurityGroupId") {
            plan.names.insert(group.id.clone(), created.to_string());
        }
        let command = Command::DeleteInstance {
            instance_id: reference,
        };
        plan.run(command, None)?;
        if temporary {
            let command = Command::DeleteVSwitch {
                vswitch_id: vswitch,
            };
            plan.run(command, None)?;
        }
    }
    Ok(())
}

/// Creates a placeholder VSwitch in a VPC (original id `vpc_id`), in the first block of
/// the VPC that no VSwitch of it uses, and answers its Ref.
fn placeholder_vswitch(
    plan: &mut Plan<'_>,
    vpc_id: &str,
    group_id: &str,
) -> Result<String, ScenarioExportError> {
    let unsupported = || ScenarioExportError::Unsupported {
        id: group_id.to_string(),
        reason: Unsupported::DefaultGroupWithoutVswitch,
    };
    let vpc = plan.original.vpc(vpc_id).ok_or_else(unsupported)?;
    let rebuilt_vpc = plan.rebuilt_id(&plan.name(vpc_id));
    let used: Vec<ipnet::Ipv4Net> = plan
        .rebuilt
        .vswitches_of(&rebuilt_vpc)
        .map(|vswitch| vswitch.cidr_block)
        .collect();
    let block = vpc
        .cidr_blocks()
        .filter_map(|block| block.subnets(block.prefix_len().clamp(16, 29)).ok())
        .flat_map(|subnets| subnets.take(64))
        .find(|candidate| {
            !used
                .iter()
                .any(|other| other.contains(candidate) || candidate.contains(other))
        })
        .ok_or_else(unsupported)?;
    let zone = catalog::region(&vpc.region_id)
        .and_then(|region| region.zones.first())
        .ok_or_else(unsupported)?;
    let reference = plan.placeholder();
    let command = Command::CreateVSwitch {
        vpc_id: plan.name(vpc_id),
        zone_id: (*zone).to_string(),
        cidr_block: block.to_string(),
        vswitch_name: None,
        description: None,
    };
    plan.run(command, Some(reference.clone()))?;
    Ok(reference)
}

/// Security group rules, and the `InnerAccessPolicy` of basic groups whose members were
/// isolated (`Drop`; an enterprise group is always `Drop` by itself).
pub(super) fn security_group_rules(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    for group in plan.original.security_groups().values() {
        let isolated = group.inner_access_policy == InnerAccessPolicy::Drop;
        if isolated && group.group_type == SecurityGroupType::Normal {
            let command = Command::ModifySecurityGroupPolicy {
                security_group_id: plan.name(&group.id),
                inner_access_policy: InnerAccessPolicy::Drop.name().to_string(),
                region_id: None,
            };
            plan.run(command, None)?;
        }
        for rule in &group.rules {
            let group_ref = plan.name(&group.id);
            let command = rule_call(RuleCall::Authorize, group_ref, rule, |peer| plan.name(peer));
            plan.run(command, None)?;
        }
    }
    Ok(())
}

/// NAT gateways, last of the private addresses: each takes the lowest free address of its
/// VSwitch, so the free addresses below it are held by placeholder CLBs meanwhile.
pub(super) fn nat_gateways(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    let mut gateways: Vec<_> = plan.original.nat_gateways().values().collect();
    gateways.sort_by_key(|gateway| (gateway.vswitch_id.clone(), gateway.private_ip_address));
    for gateway in gateways {
        let mut held = Vec::new();
        if let (Some(vswitch), Some(address)) = (&gateway.vswitch_id, gateway.private_ip_address) {
            let vswitch = plan.name(vswitch);
            let rebuilt_vswitch = plan.rebuilt_id(&vswitch);
            while let Some(lowest) = plan.rebuilt.next_free_address(&rebuilt_vswitch) {
                if lowest >= address {
                    break;
                }
                let reference = plan.placeholder();
                let command = Command::CreateLoadBalancer {
                    vswitch_id: vswitch.clone(),
                    load_balancer_name: None,
                    address: text(lowest),
                    address_type: None,
                };
                plan.run(command, Some(reference.clone()))?;
                held.push(reference);
            }
        }
        let command = Command::CreateNatGateway {
            vpc_id: plan.name(&gateway.vpc_id),
            vswitch_id: gateway.vswitch_id.as_deref().map(|id| plan.name(id)),
            name: non_empty(&gateway.name),
            description: non_empty(&gateway.description),
        };
        plan.create(&gateway.id, command)?;
        for reference in held {
            let command = Command::DeleteLoadBalancer {
                load_balancer_id: reference,
            };
            plan.run(command, None)?;
        }
    }
    Ok(())
}

pub(super) fn eip_bindings(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    for eip in plan.original.eips().values() {
        if let Some(binding) = &eip.binding {
            let command = Command::AssociateEipAddress {
                allocation_id: plan.name(&eip.id),
                instance_id: plan.name(&binding.instance_id),
                instance_type: text(binding.instance_type.name()),
            };
            plan.run(command, None)?;
        }
    }
    Ok(())
}

fn port(port: Option<u16>) -> String {
    port.map_or_else(|| "Any".to_string(), |port| port.to_string())
}

pub(super) fn nat_entries(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    for gateway in plan.original.nat_gateways().values() {
        for entry in &gateway.snat_entries {
            let (source_vswitch_id, source_cidr) = match &entry.source {
                SnatSource::Vswitch(vswitch) => (Some(plan.name(vswitch)), None),
                SnatSource::Cidr(block) => (None, Some(block.to_string())),
            };
            let command = Command::CreateSnatEntry {
                snat_table_id: plan.name(&gateway.id),
                snat_ip: entry.snat_ip.to_string(),
                source_vswitch_id,
                source_cidr,
                snat_entry_name: non_empty(&entry.name),
            };
            plan.run(command, None)?;
        }
        for entry in &gateway.forward_entries {
            let command = Command::CreateForwardEntry {
                forward_table_id: plan.name(&gateway.id),
                external_ip: entry.external_ip.to_string(),
                external_port: port(entry.external_port),
                ip_protocol: entry.ip_protocol.name().to_string(),
                internal_ip: entry.internal_ip.to_string(),
                internal_port: port(entry.internal_port),
                forward_entry_name: non_empty(&entry.name),
            };
            plan.run(command, None)?;
        }
    }
    Ok(())
}

/// The custom route entries of a VPC, in the original's order. Creating a NAT gateway
/// already added a `0.0.0.0/0` entry to the rebuilt table: it is kept when the original
/// starts with the same entry, and deleted first otherwise (its user deleted or replaced
/// it, or added routes before the gateway).
fn routes(plan: &mut Plan<'_>, vpc: &Vpc) -> Result<(), ScenarioExportError> {
    let table = plan.name(&vpc.id);
    let rebuilt_vpc = plan.rebuilt_id(&table);
    let present: Vec<RouteEntry> = plan
        .rebuilt
        .vpc(&rebuilt_vpc)
        .map(|rebuilt| rebuilt.route_entries.clone())
        .unwrap_or_default();
    let same = |original: &RouteEntry, rebuilt: &RouteEntry| {
        original.destination_cidr_block == rebuilt.destination_cidr_block
            && plan.rebuilt_id(&plan.name(&original.next_hop_id)) == rebuilt.next_hop_id
            && original.name == rebuilt.name
            && original.description == rebuilt.description
    };
    let kept = present
        .iter()
        .zip(&vpc.route_entries)
        .take_while(|(rebuilt, original)| same(original, rebuilt))
        .count();
    for entry in &present[kept..] {
        let command = Command::DeleteRouteEntry {
            route_entry_id: None,
            route_table_id: Some(table.clone()),
            destination_cidr_block: Some(entry.destination_cidr_block.to_string()),
            next_hop_id: None,
        };
        plan.run(command, None)?;
    }
    for entry in vpc.route_entries.iter().skip(kept) {
        let command = Command::CreateRouteEntry {
            route_table_id: table.clone(),
            destination_cidr_block: entry.destination_cidr_block.to_string(),
            next_hop_id: plan.name(&entry.next_hop_id),
            next_hop_type: text(entry.next_hop_type.name()),
            route_entry_name: non_empty(&entry.name),
            description: non_empty(&entry.description),
        };
        plan.run(command, None)?;
    }
    Ok(())
}

fn blocks(list: &[ipnet::Ipv4Net]) -> String {
    let texts: Vec<String> = list.iter().map(ToString::to_string).collect();
    texts.join(",")
}

/// IPsec connections, then custom routes (which may go through a VPN gateway), then CLB
/// back ends.
pub(super) fn connections_routes_and_back_ends(
    plan: &mut Plan<'_>,
) -> Result<(), ScenarioExportError> {
    let original = plan.original;
    for connection in original.vpn_connections().values() {
        let command = Command::CreateVpnConnection {
            vpn_gateway_id: plan.name(&connection.vpn_gateway_id),
            customer_gateway_id: plan.name(&connection.customer_gateway_id),
            local_subnet: blocks(&connection.local_subnets),
            remote_subnet: blocks(&connection.remote_subnets),
            name: non_empty(&connection.name),
        };
        plan.create(&connection.id, command)?;
    }
    for vpc in original.vpcs().values() {
        routes(plan, vpc)?;
    }
    for balancer in original.load_balancers().values() {
        if balancer.backend_servers.is_empty() {
            continue;
        }
        let backend_servers = balancer
            .backend_servers
            .iter()
            .map(|server| BackendServerParam {
                server_id: plan.name(&server.server_id),
                weight: text(server.weight),
            })
            .collect();
        let command = Command::AddBackendServers {
            load_balancer_id: plan.name(&balancer.id),
            backend_servers,
        };
        plan.run(command, None)?;
    }
    Ok(())
}
