//! Which handler applies which command: one function per area, each answering only the
//! actions of its area, so no single function holds the whole table.

use super::{
    compute, hybrid, nat, network, public_ip, routes, rule_description, security_group, services,
    text,
};
use crate::model::command::{Command, Response};
use crate::model::error::CommandError;
use crate::model::topology::Topology;

/// Applies a command after checking its names and descriptions.
pub(super) fn apply(topology: &mut Topology, command: &Command) -> Result<Response, CommandError> {
    text::check_command(topology.rules(), command)?;
    let areas = [
        network,
        compute,
        security,
        public_ips,
        nat_gateways,
        hybrid_cloud,
        services,
    ];
    for area in areas {
        if let Some(result) = area(topology, command) {
            return result;
        }
    }
    // Every action belongs to an area; a new action without one is a bug caught by tests.
    Err(CommandError::new(
        crate::model::error::ErrorCode::Unsupported,
        crate::model::error::ErrorDetail::Unhandled {
            action: command.action(),
        },
    ))
}

/// Applies the command when it is one of the VPCs, secondary blocks, VSwitches and route entries. actions; `None` otherwise.
fn network(topology: &mut Topology, command: &Command) -> Option<Result<Response, CommandError>> {
    use Command as C;
    match command {
        C::CreateVpc {
            region_id,
            cidr_block,
            vpc_name,
            description,
        } => Some(network::create_vpc(
            topology,
            region_id,
            cidr_block.as_deref(),
            vpc_name.as_deref(),
            description.as_deref(),
        )),
        C::DeleteVpc { vpc_id } => Some(network::delete_vpc(topology, vpc_id)),
        C::AssociateVpcCidrBlock {
            vpc_id,
            secondary_cidr_block,
            region_id,
        } => Some(network::associate_vpc_cidr_block(
            topology,
            vpc_id,
            secondary_cidr_block,
            region_id.as_deref(),
        )),
        C::CreateVSwitch {
            vpc_id,
            zone_id,
            cidr_block,
            vswitch_name,
            description,
        } => Some(network::create_vswitch(
            topology,
            network::NewVswitch {
                vpc_id,
                zone_id,
                cidr_block,
                name: vswitch_name.as_deref(),
                description: description.as_deref(),
            },
        )),
        C::DeleteVSwitch { vswitch_id } => Some(network::delete_vswitch(topology, vswitch_id)),
        C::CreateRouteEntry {
            route_table_id,
            destination_cidr_block,
            next_hop_id,
            next_hop_type,
            route_entry_name,
            description,
        } => Some(routes::create_route_entry(
            topology,
            routes::NewRouteEntry {
                route_table_id,
                destination: destination_cidr_block,
                next_hop_id,
                next_hop_type: next_hop_type.as_deref(),
                name: route_entry_name.as_deref(),
                description: description.as_deref(),
            },
        )),
        C::DeleteRouteEntry {
            route_entry_id,
            route_table_id,
            destination_cidr_block,
            next_hop_id,
        } => Some(routes::delete_route_entry(
            topology,
            route_entry_id.as_deref(),
            route_table_id.as_deref(),
            destination_cidr_block.as_deref(),
            next_hop_id.as_deref(),
        )),
        _ => None,
    }
}

/// Applies the command when it is one of the ECS instances. actions; `None` otherwise.
fn compute(topology: &mut Topology, command: &Command) -> Option<Result<Response, CommandError>> {
    use Command as C;
    match command {
        C::RunInstances {
            vswitch_id,
            instance_name,
            private_ip_address,
            security_group_id,
            internet_max_bandwidth_out,
            description,
        } => Some(compute::run_instances(
            topology,
            compute::RunInstances {
                vswitch_id,
                name: instance_name.as_deref(),
                description: description.as_deref(),
                private_ip_address: private_ip_address.as_deref(),
                security_group_id: security_group_id.as_deref(),
                bandwidth: internet_max_bandwidth_out.as_deref(),
            },
        )),
        C::DeleteInstance { instance_id } => Some(compute::delete_instance(topology, instance_id)),
        C::ModifyInstanceNetworkSpec {
            instance_id,
            internet_max_bandwidth_out,
        } => Some(compute::modify_instance_network_spec(
            topology,
            instance_id,
            internet_max_bandwidth_out,
        )),
        _ => None,
    }
}

/// Applies the command when it is one of the Security groups, their policy and rules. actions; `None` otherwise.
fn security(topology: &mut Topology, command: &Command) -> Option<Result<Response, CommandError>> {
    use Command as C;
    match command {
        C::CreateSecurityGroup {
            vpc_id,
            security_group_name,
            security_group_type,
            description,
        } => Some(security_group::create_security_group(
            topology,
            vpc_id,
            security_group_name.as_deref(),
            security_group_type.as_deref(),
            description.as_deref(),
        )),
        C::ModifySecurityGroupPolicy {
            security_group_id,
            inner_access_policy,
            region_id,
        } => Some(security_group::modify_security_group_policy(
            topology,
            security_group_id,
            inner_access_policy,
            region_id.as_deref(),
        )),
        C::DeleteSecurityGroup { security_group_id } => Some(
            security_group::delete_security_group(topology, security_group_id),
        ),
        C::AuthorizeSecurityGroup {
            security_group_id,
            ip_protocol,
            port_range,
            source_cidr_ip,
            source_group_id,
            policy,
            priority,
            ..
        }
        | C::RevokeSecurityGroup {
            security_group_id,
            ip_protocol,
            port_range,
            source_cidr_ip,
            source_group_id,
            policy,
            priority,
        } => Some(security_group::change_rule(
            topology,
            security_group::RuleChange {
                authorize: matches!(command, C::AuthorizeSecurityGroup { .. }),
                description: rule_description(command),
                direction: crate::model::entity::Direction::Ingress,
                security_group_id,
                ip_protocol,
                port_range,
                peer_cidr: source_cidr_ip.as_deref(),
                peer_group: source_group_id.as_deref(),
                policy: policy.as_deref(),
                priority: priority.as_deref(),
            },
        )),
        C::AuthorizeSecurityGroupEgress {
            security_group_id,
            ip_protocol,
            port_range,
            dest_cidr_ip,
            dest_group_id,
            policy,
            priority,
            ..
        }
        | C::RevokeSecurityGroupEgress {
            security_group_id,
            ip_protocol,
            port_range,
            dest_cidr_ip,
            dest_group_id,
            policy,
            priority,
        } => Some(security_group::change_rule(
            topology,
            security_group::RuleChange {
                authorize: matches!(command, C::AuthorizeSecurityGroupEgress { .. }),
                description: rule_description(command),
                direction: crate::model::entity::Direction::Egress,
                security_group_id,
                ip_protocol,
                port_range,
                peer_cidr: dest_cidr_ip.as_deref(),
                peer_group: dest_group_id.as_deref(),
                policy: policy.as_deref(),
                priority: priority.as_deref(),
            },
        )),
        _ => None,
    }
}

/// Applies the command when it is one of the NatPublicIPs and EIPs. actions; `None` otherwise.
fn public_ips(
    topology: &mut Topology,
    command: &Command,
) -> Option<Result<Response, CommandError>> {
    use Command as C;
    match command {
        C::ConvertNatPublicIpToEip { instance_id } => Some(
            public_ip::convert_nat_public_ip_to_eip(topology, instance_id),
        ),
        C::AllocateEipAddress {
            region_id,
            bandwidth,
            name,
            description,
        } => Some(public_ip::allocate_eip_address(
            topology,
            region_id,
            bandwidth.as_deref(),
            name.as_deref(),
            description.as_deref(),
        )),
        C::AssociateEipAddress {
            allocation_id,
            instance_id,
            instance_type,
        } => Some(public_ip::associate_eip_address(
            topology,
            allocation_id,
            instance_id,
            instance_type.as_deref(),
        )),
        C::UnassociateEipAddress {
            allocation_id,
            instance_id,
        } => Some(public_ip::unassociate_eip_address(
            topology,
            allocation_id,
            instance_id.as_deref(),
        )),
        C::ReleaseEipAddress { allocation_id } => {
            Some(public_ip::release_eip_address(topology, allocation_id))
        }
        _ => None,
    }
}

/// Applies the command when it is one of the NAT gateway actions; `None` otherwise.
fn nat_gateways(
    topology: &mut Topology,
    command: &Command,
) -> Option<Result<Response, CommandError>> {
    use Command as C;
    match command {
        C::CreateNatGateway {
            vpc_id,
            vswitch_id,
            name,
            description,
        } => Some(nat::create_nat_gateway(
            topology,
            vpc_id,
            vswitch_id.as_deref(),
            name.as_deref(),
            description.as_deref(),
        )),
        C::DeleteNatGateway {
            nat_gateway_id,
            force,
        } => Some(nat::delete_nat_gateway(
            topology,
            nat_gateway_id,
            force.as_deref() == Some("true"),
        )),
        C::CreateSnatEntry {
            snat_table_id,
            snat_ip,
            source_vswitch_id,
            source_cidr,
            snat_entry_name,
        } => Some(nat::create_snat_entry(
            topology,
            nat::SnatParams {
                table: snat_table_id,
                snat_ip,
                source_vswitch_id: source_vswitch_id.as_deref(),
                source_cidr: source_cidr.as_deref(),
                name: snat_entry_name.as_deref(),
            },
        )),
        C::CreateForwardEntry {
            forward_table_id,
            external_ip,
            external_port,
            ip_protocol,
            internal_ip,
            internal_port,
            forward_entry_name,
        } => Some(nat::create_forward_entry(
            topology,
            nat::ForwardParams {
                table: forward_table_id,
                external_ip,
                external_port,
                ip_protocol,
                internal_ip,
                internal_port,
                name: forward_entry_name.as_deref(),
            },
        )),
        _ => None,
    }
}

/// Applies the command when it is one of the VPN, Express Connect and data centre actions; `None` otherwise.
fn hybrid_cloud(
    topology: &mut Topology,
    command: &Command,
) -> Option<Result<Response, CommandError>> {
    use Command as C;
    match command {
        C::CreateVpnGateway {
            vpc_id,
            bandwidth,
            name,
        } => Some(hybrid::create_vpn_gateway(
            topology,
            vpc_id,
            bandwidth.as_deref(),
            name.as_deref(),
        )),
        C::DeleteVpnGateway { vpn_gateway_id } => {
            Some(hybrid::delete_vpn_gateway(topology, vpn_gateway_id))
        }
        C::CreateCustomerGateway {
            region_id,
            ip_address,
            asn,
            name,
            description,
            data_center_id,
        } => Some(hybrid::create_customer_gateway(
            topology,
            hybrid::CustomerGatewayParams {
                region_id,
                ip_address,
                asn: asn.as_deref(),
                name: name.as_deref(),
                description: description.as_deref(),
                data_center_id: data_center_id.as_deref(),
            },
        )),
        C::DeleteCustomerGateway {
            customer_gateway_id,
        } => Some(hybrid::delete_customer_gateway(
            topology,
            customer_gateway_id,
        )),
        C::CreateVpnConnection {
            vpn_gateway_id,
            customer_gateway_id,
            local_subnet,
            remote_subnet,
            name,
        } => Some(hybrid::create_vpn_connection(
            topology,
            vpn_gateway_id,
            customer_gateway_id,
            local_subnet,
            remote_subnet,
            name.as_deref(),
        )),
        C::DeleteVpnConnection { vpn_connection_id } => {
            Some(hybrid::delete_vpn_connection(topology, vpn_connection_id))
        }
        C::CreateVirtualBorderRouter {
            region_id,
            vlan_id,
            name,
            description,
            vpc_id,
            data_center_id,
        } => Some(hybrid::create_virtual_border_router(
            topology,
            hybrid::VbrParams {
                region_id,
                vlan_id,
                name: name.as_deref(),
                description: description.as_deref(),
                vpc_id: vpc_id.as_deref(),
                data_center_id: data_center_id.as_deref(),
            },
        )),
        C::DeleteVirtualBorderRouter { vbr_id } => {
            Some(hybrid::delete_virtual_border_router(topology, vbr_id))
        }
        C::CreateDataCenter {
            cidr_block,
            data_center_name,
        } => Some(hybrid::create_data_center(
            topology,
            cidr_block,
            data_center_name.as_deref(),
        )),
        C::DeleteDataCenter { data_center_id } => {
            Some(hybrid::delete_data_center(topology, data_center_id))
        }
        _ => None,
    }
}

/// Applies the command when it is one of the CLB and RDS. actions; `None` otherwise.
fn services(topology: &mut Topology, command: &Command) -> Option<Result<Response, CommandError>> {
    use Command as C;
    match command {
        C::CreateLoadBalancer {
            vswitch_id,
            load_balancer_name,
            address,
            address_type,
        } => Some(services::create_load_balancer(
            topology,
            vswitch_id,
            load_balancer_name.as_deref(),
            address.as_deref(),
            address_type.as_deref(),
        )),
        C::DeleteLoadBalancer { load_balancer_id } => {
            Some(services::delete_load_balancer(topology, load_balancer_id))
        }
        C::AddBackendServers {
            load_balancer_id,
            backend_servers,
        } => Some(services::add_backend_servers(
            topology,
            load_balancer_id,
            backend_servers,
        )),
        C::CreateDBInstance {
            vswitch_id,
            engine,
            engine_version: _,
            db_instance_class: _,
            db_instance_description,
            private_ip_address,
        } => Some(services::create_db_instance(
            topology,
            vswitch_id,
            engine,
            db_instance_description.as_deref(),
            private_ip_address.as_deref(),
        )),
        C::DeleteDBInstance { db_instance_id } => {
            Some(services::delete_db_instance(topology, db_instance_id))
        }
        _ => None,
    }
}
