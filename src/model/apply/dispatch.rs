//! Dispatching a command to its area's handler.
//!
//! [`Topology::apply_in_place`] sorts every [`Command`] into its area with one exhaustive
//! match (a new command does not compile until it has an area); each area's function then
//! destructures the command and calls its handler.

use super::{compute, hybrid, network, public_ip, services};
use crate::model::command::{Command, Response};
use crate::model::entity::Direction;
use crate::model::error::{CommandError, ErrorCode};
use crate::model::topology::Topology;

impl Topology {
    /// Applies a command to this topology in place. On error the topology is unchanged.
    ///
    /// # Errors
    /// The [`CommandError`] of the first rule the command breaks.
    ///
    /// ```
    /// use vpclab::model::{Command, RuleSet, Topology};
    /// let mut topology = Topology::new(RuleSet::Current);
    /// let closed = Command::CreateVpc { region_id: "ap-south-1".into(), cidr_block: None, vpc_name: None };
    /// let before = topology.clone();
    /// assert_eq!(topology.apply_in_place(&closed).unwrap_err().code(), "InvalidRegionId.Closed");
    /// assert_eq!(topology, before);
    /// ```
    pub fn apply_in_place(&mut self, command: &Command) -> Result<Response, CommandError> {
        use Command as C;
        match command {
            C::CreateVpc { .. }
            | C::DeleteVpc { .. }
            | C::AssociateVpcCidrBlock { .. }
            | C::CreateVSwitch { .. }
            | C::DeleteVSwitch { .. }
            | C::CreateRouteEntry { .. }
            | C::DeleteRouteEntry { .. } => apply_network(self, command),
            C::RunInstances { .. }
            | C::DeleteInstance { .. }
            | C::ModifyInstanceNetworkSpec { .. }
            | C::CreateSecurityGroup { .. }
            | C::DeleteSecurityGroup { .. }
            | C::AuthorizeSecurityGroup { .. }
            | C::RevokeSecurityGroup { .. }
            | C::AuthorizeSecurityGroupEgress { .. }
            | C::RevokeSecurityGroupEgress { .. } => apply_compute(self, command),
            C::ConvertNatPublicIpToEip { .. }
            | C::AllocateEipAddress { .. }
            | C::AssociateEipAddress { .. }
            | C::UnassociateEipAddress { .. }
            | C::ReleaseEipAddress { .. } => apply_public_ip(self, command),
            C::CreateNatGateway { .. }
            | C::DeleteNatGateway { .. }
            | C::CreateSnatEntry { .. }
            | C::CreateForwardEntry { .. }
            | C::CreateVpnGateway { .. }
            | C::DeleteVpnGateway { .. }
            | C::CreateCustomerGateway { .. }
            | C::DeleteCustomerGateway { .. }
            | C::CreateVpnConnection { .. }
            | C::DeleteVpnConnection { .. }
            | C::CreateVirtualBorderRouter { .. }
            | C::DeleteVirtualBorderRouter { .. }
            | C::CreateDataCenter { .. }
            | C::DeleteDataCenter { .. } => apply_hybrid(self, command),
            C::CreateLoadBalancer { .. }
            | C::DeleteLoadBalancer { .. }
            | C::AddBackendServers { .. }
            | C::CreateDBInstance { .. }
            | C::DeleteDBInstance { .. } => apply_services(self, command),
        }
    }
}

/// The error for a command sent to the wrong area's function (the dispatch above never
/// does that).
fn outside_area(command: &Command) -> CommandError {
    CommandError::new(
        ErrorCode::Unsupported,
        format!("{} is not handled here", command.action()),
    )
}

/// Applies a command about VPCs, secondary blocks, VSwitches or route entries.
fn apply_network(topology: &mut Topology, command: &Command) -> Result<Response, CommandError> {
    use Command as C;
    match command {
        C::CreateVpc {
            region_id,
            cidr_block,
            vpc_name,
        } => network::create_vpc(
            topology,
            region_id,
            cidr_block.as_deref(),
            vpc_name.as_deref(),
        ),
        C::DeleteVpc { vpc_id } => network::delete_vpc(topology, vpc_id),
        C::AssociateVpcCidrBlock {
            vpc_id,
            secondary_cidr_block,
            region_id,
        } => network::associate_vpc_cidr_block(
            topology,
            vpc_id,
            secondary_cidr_block,
            region_id.as_deref(),
        ),
        C::CreateVSwitch {
            vpc_id,
            zone_id,
            cidr_block,
            vswitch_name,
        } => network::create_vswitch(
            topology,
            vpc_id,
            zone_id,
            cidr_block,
            vswitch_name.as_deref(),
        ),
        C::DeleteVSwitch { vswitch_id } => network::delete_vswitch(topology, vswitch_id),
        C::CreateRouteEntry {
            route_table_id,
            destination_cidr_block,
            next_hop_id,
            next_hop_type,
            route_entry_name: _,
        } => network::create_route_entry(
            topology,
            route_table_id,
            destination_cidr_block,
            next_hop_id,
            next_hop_type.as_deref(),
        ),
        C::DeleteRouteEntry {
            route_entry_id,
            route_table_id,
            destination_cidr_block,
            next_hop_id,
        } => network::delete_route_entry(
            topology,
            route_entry_id.as_deref(),
            route_table_id.as_deref(),
            destination_cidr_block.as_deref(),
            next_hop_id.as_deref(),
        ),
        other => Err(outside_area(other)),
    }
}

/// Applies a command about instances or security groups.
fn apply_compute(topology: &mut Topology, command: &Command) -> Result<Response, CommandError> {
    use Command as C;
    match command {
        C::RunInstances {
            vswitch_id,
            instance_name,
            private_ip_address,
            security_group_id,
            internet_max_bandwidth_out,
        } => compute::run_instances(
            topology,
            compute::RunInstances {
                vswitch_id,
                name: instance_name.as_deref(),
                private_ip_address: private_ip_address.as_deref(),
                security_group_id: security_group_id.as_deref(),
                bandwidth: internet_max_bandwidth_out.as_deref(),
            },
        ),
        C::DeleteInstance { instance_id } => compute::delete_instance(topology, instance_id),
        C::ModifyInstanceNetworkSpec {
            instance_id,
            internet_max_bandwidth_out,
        } => {
            compute::modify_instance_network_spec(topology, instance_id, internet_max_bandwidth_out)
        }
        C::CreateSecurityGroup {
            vpc_id,
            security_group_name,
            security_group_type,
        } => compute::create_security_group(
            topology,
            vpc_id,
            security_group_name.as_deref(),
            security_group_type.as_deref(),
        ),
        C::DeleteSecurityGroup { security_group_id } => {
            compute::delete_security_group(topology, security_group_id)
        }
        C::AuthorizeSecurityGroup {
            security_group_id,
            ip_protocol,
            port_range,
            source_cidr_ip,
            source_group_id,
            policy,
            priority,
        }
        | C::RevokeSecurityGroup {
            security_group_id,
            ip_protocol,
            port_range,
            source_cidr_ip,
            source_group_id,
            policy,
            priority,
        } => compute::change_rule(
            topology,
            compute::RuleChange {
                authorize: matches!(command, C::AuthorizeSecurityGroup { .. }),
                direction: Direction::Ingress,
                security_group_id,
                ip_protocol,
                port_range,
                peer_cidr: source_cidr_ip.as_deref(),
                peer_group: source_group_id.as_deref(),
                policy: policy.as_deref(),
                priority: priority.as_deref(),
            },
        ),
        C::AuthorizeSecurityGroupEgress {
            security_group_id,
            ip_protocol,
            port_range,
            dest_cidr_ip,
            dest_group_id,
            policy,
            priority,
        }
        | C::RevokeSecurityGroupEgress {
            security_group_id,
            ip_protocol,
            port_range,
            dest_cidr_ip,
            dest_group_id,
            policy,
            priority,
        } => compute::change_rule(
            topology,
            compute::RuleChange {
                authorize: matches!(command, C::AuthorizeSecurityGroupEgress { .. }),
                direction: Direction::Egress,
                security_group_id,
                ip_protocol,
                port_range,
                peer_cidr: dest_cidr_ip.as_deref(),
                peer_group: dest_group_id.as_deref(),
                policy: policy.as_deref(),
                priority: priority.as_deref(),
            },
        ),
        other => Err(outside_area(other)),
    }
}

/// Applies a command about NatPublicIPs or EIPs.
fn apply_public_ip(topology: &mut Topology, command: &Command) -> Result<Response, CommandError> {
    use Command as C;
    match command {
        C::ConvertNatPublicIpToEip { instance_id } => {
            public_ip::convert_nat_public_ip_to_eip(topology, instance_id)
        }
        C::AllocateEipAddress {
            region_id,
            bandwidth,
            name,
        } => public_ip::allocate_eip_address(
            topology,
            region_id,
            bandwidth.as_deref(),
            name.as_deref(),
        ),
        C::AssociateEipAddress {
            allocation_id,
            instance_id,
            instance_type,
        } => public_ip::associate_eip_address(
            topology,
            allocation_id,
            instance_id,
            instance_type.as_deref(),
        ),
        C::UnassociateEipAddress {
            allocation_id,
            instance_id,
        } => public_ip::unassociate_eip_address(topology, allocation_id, instance_id.as_deref()),
        C::ReleaseEipAddress { allocation_id } => {
            public_ip::release_eip_address(topology, allocation_id)
        }
        other => Err(outside_area(other)),
    }
}

/// Applies a command about NAT or VPN gateways, customer gateways, IPsec connections,
/// VBRs or data centres.
fn apply_hybrid(topology: &mut Topology, command: &Command) -> Result<Response, CommandError> {
    use Command as C;
    match command {
        C::CreateNatGateway {
            vpc_id,
            vswitch_id,
            name,
        } => hybrid::create_nat_gateway(topology, vpc_id, vswitch_id.as_deref(), name.as_deref()),
        C::DeleteNatGateway {
            nat_gateway_id,
            force,
        } => hybrid::delete_nat_gateway(topology, nat_gateway_id, force.as_deref() == Some("true")),
        C::CreateSnatEntry {
            snat_table_id,
            snat_ip,
            source_vswitch_id,
            source_cidr,
        } => hybrid::create_snat_entry(
            topology,
            snat_table_id,
            snat_ip,
            source_vswitch_id.as_deref(),
            source_cidr.as_deref(),
        ),
        C::CreateForwardEntry {
            forward_table_id,
            external_ip,
            external_port,
            ip_protocol,
            internal_ip,
            internal_port,
        } => hybrid::create_forward_entry(
            topology,
            hybrid::ForwardParams {
                table: forward_table_id,
                external_ip,
                external_port,
                ip_protocol,
                internal_ip,
                internal_port,
            },
        ),
        C::CreateVpnGateway {
            vpc_id,
            bandwidth,
            name,
        } => hybrid::create_vpn_gateway(topology, vpc_id, bandwidth.as_deref(), name.as_deref()),
        C::DeleteVpnGateway { vpn_gateway_id } => {
            hybrid::delete_vpn_gateway(topology, vpn_gateway_id)
        }
        C::CreateCustomerGateway {
            region_id,
            ip_address,
            asn,
            name,
            data_center_id,
        } => hybrid::create_customer_gateway(
            topology,
            region_id,
            ip_address,
            asn.as_deref(),
            name.as_deref(),
            data_center_id.as_deref(),
        ),
        C::DeleteCustomerGateway {
            customer_gateway_id,
        } => hybrid::delete_customer_gateway(topology, customer_gateway_id),
        C::CreateVpnConnection {
            vpn_gateway_id,
            customer_gateway_id,
            local_subnet,
            remote_subnet,
            name,
        } => hybrid::create_vpn_connection(
            topology,
            vpn_gateway_id,
            customer_gateway_id,
            local_subnet,
            remote_subnet,
            name.as_deref(),
        ),
        C::DeleteVpnConnection { vpn_connection_id } => {
            hybrid::delete_vpn_connection(topology, vpn_connection_id)
        }
        C::CreateVirtualBorderRouter {
            region_id,
            vlan_id,
            name,
            vpc_id,
            data_center_id,
        } => hybrid::create_virtual_border_router(
            topology,
            region_id,
            vlan_id,
            name.as_deref(),
            vpc_id.as_deref(),
            data_center_id.as_deref(),
        ),
        C::DeleteVirtualBorderRouter { vbr_id } => {
            hybrid::delete_virtual_border_router(topology, vbr_id)
        }
        C::CreateDataCenter {
            cidr_block,
            data_center_name,
        } => hybrid::create_data_center(topology, cidr_block, data_center_name.as_deref()),
        C::DeleteDataCenter { data_center_id } => {
            hybrid::delete_data_center(topology, data_center_id)
        }
        other => Err(outside_area(other)),
    }
}

/// Applies a command about CLBs or RDS instances.
fn apply_services(topology: &mut Topology, command: &Command) -> Result<Response, CommandError> {
    use Command as C;
    match command {
        C::CreateLoadBalancer {
            vswitch_id,
            load_balancer_name,
            address,
            address_type,
        } => services::create_load_balancer(
            topology,
            vswitch_id,
            load_balancer_name.as_deref(),
            address.as_deref(),
            address_type.as_deref(),
        ),
        C::DeleteLoadBalancer { load_balancer_id } => {
            services::delete_load_balancer(topology, load_balancer_id)
        }
        C::AddBackendServers {
            load_balancer_id,
            backend_servers,
        } => services::add_backend_servers(topology, load_balancer_id, backend_servers),
        C::CreateDBInstance {
            vswitch_id,
            engine,
            engine_version: _,
            db_instance_class: _,
            db_instance_description,
            private_ip_address,
        } => services::create_db_instance(
            topology,
            vswitch_id,
            engine,
            db_instance_description.as_deref(),
            private_ip_address.as_deref(),
        ),
        C::DeleteDBInstance { db_instance_id } => {
            services::delete_db_instance(topology, db_instance_id)
        }

        other => Err(outside_area(other)),
    }
}
