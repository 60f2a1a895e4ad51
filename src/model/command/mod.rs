//! Commands: every change to a topology, named after the Alibaba OpenAPI action.
//!
//! A [`Command`] serialises as Alibaba writes a request: the action under `"Action"` and
//! the parameters with their PascalCase names and string values, for example
//! `{"Action":"CreateVSwitch","VpcId":"vpc-0001","ZoneId":"ap-south-1a","CidrBlock":"192.168.1.0/24"}`.
//! Values stay strings here and are checked when the command is applied, so a malformed
//! CIDR is a failure of that command (`InvalidCidrBlock.Malformed`), not a parse error.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod read;

/// One back end named in `AddBackendServers`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct BackendServerParam {
    /// The ECS instance.
    pub server_id: String,
    /// Its weight, 0 to 100; 100 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
}

/// One change to a topology, as an Alibaba OpenAPI request.
///
/// Written by serde's derived `Serialize`; read by a reader of its own (`command/read.rs`), which
/// knows each action's parameters and which of them are required.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "Action")]
pub enum Command {
    /// Creates a VPC with its VRouter and system route table.
    #[serde(rename_all = "PascalCase")]
    CreateVpc {
        /// The region, for example `ap-south-1`.
        region_id: String,
        /// The primary block; `172.16.0.0/12` when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        cidr_block: Option<String>,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        vpc_name: Option<String>,
        /// The description.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// Deletes an empty VPC (its default security group goes with it).
    #[serde(rename_all = "PascalCase")]
    DeleteVpc {
        /// The VPC.
        vpc_id: String,
    },
    /// Adds a secondary IPv4 block to a VPC.
    #[serde(rename_all = "PascalCase")]
    AssociateVpcCidrBlock {
        /// The VPC.
        vpc_id: String,
        /// The block to add.
        secondary_cidr_block: String,
        /// The VPC's region (checked when given).
        #[serde(skip_serializing_if = "Option::is_none")]
        region_id: Option<String>,
    },
    /// Creates a VSwitch in a zone of the VPC's region.
    #[serde(rename_all = "PascalCase")]
    CreateVSwitch {
        /// The VPC.
        vpc_id: String,
        /// The zone.
        zone_id: String,
        /// The block, inside one of the VPC's blocks.
        cidr_block: String,
        /// The name.
        #[serde(rename = "VSwitchName")]
        #[serde(skip_serializing_if = "Option::is_none")]
        vswitch_name: Option<String>,
        /// The description.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// Deletes an empty VSwitch.
    #[serde(rename_all = "PascalCase")]
    DeleteVSwitch {
        /// The VSwitch.
        #[serde(rename = "VSwitchId")]
        vswitch_id: String,
    },
    /// Creates one ECS instance in a VSwitch.
    #[serde(rename_all = "PascalCase")]
    RunInstances {
        /// The VSwitch.
        #[serde(rename = "VSwitchId")]
        vswitch_id: String,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        instance_name: Option<String>,
        /// A chosen private address; the lowest free one when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        private_ip_address: Option<String>,
        /// The security group; the VPC's default basic group when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        security_group_id: Option<String>,
        /// Outbound bandwidth in Mbit/s, 0 to 100; above 0 gives a NatPublicIP.
        #[serde(skip_serializing_if = "Option::is_none")]
        internet_max_bandwidth_out: Option<String>,
        /// The description.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// Releases an instance (its NatPublicIP goes, a bound EIP stays allocated).
    #[serde(rename_all = "PascalCase")]
    DeleteInstance {
        /// The instance.
        instance_id: String,
    },
    /// Changes an instance's outbound bandwidth; 0 releases its NatPublicIP.
    #[serde(rename_all = "PascalCase")]
    ModifyInstanceNetworkSpec {
        /// The instance.
        instance_id: String,
        /// The new bandwidth in Mbit/s.
        internet_max_bandwidth_out: String,
    },
    /// Turns an instance's NatPublicIP into an EIP bound to it (same address).
    #[serde(rename_all = "PascalCase")]
    ConvertNatPublicIpToEip {
        /// The instance.
        instance_id: String,
    },
    /// Allocates an EIP in a region.
    #[serde(rename_all = "PascalCase")]
    AllocateEipAddress {
        /// The region.
        region_id: String,
        /// Bandwidth in Mbit/s; 5 when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        bandwidth: Option<String>,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// The description.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// Binds an unbound EIP to an instance, NAT gateway or CLB.
    #[serde(rename_all = "PascalCase")]
    AssociateEipAddress {
        /// The EIP.
        allocation_id: String,
        /// The resource to bind to.
        instance_id: String,
        /// `EcsInstance`, `Nat` or `SlbInstance`; taken from the id when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        instance_type: Option<String>,
    },
    /// Unbinds an EIP.
    #[serde(rename_all = "PascalCase")]
    UnassociateEipAddress {
        /// The EIP.
        allocation_id: String,
        /// The resource it should be bound to (checked when given).
        #[serde(skip_serializing_if = "Option::is_none")]
        instance_id: Option<String>,
    },
    /// Releases an unbound EIP.
    #[serde(rename_all = "PascalCase")]
    ReleaseEipAddress {
        /// The EIP.
        allocation_id: String,
    },
    /// Adds a custom route entry to a VPC's route table.
    #[serde(rename_all = "PascalCase")]
    CreateRouteEntry {
        /// The route table (the VPC's id is accepted too).
        route_table_id: String,
        /// The destination block.
        destination_cidr_block: String,
        /// The next hop.
        next_hop_id: String,
        /// `Instance`, `VpnGateway`, `NatGateway` or `RouterInterface`; taken from the id when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        next_hop_type: Option<String>,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        route_entry_name: Option<String>,
        /// The description.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// Removes a custom route entry, by id or by table and destination.
    #[serde(rename_all = "PascalCase")]
    DeleteRouteEntry {
        /// The entry.
        #[serde(skip_serializing_if = "Option::is_none")]
        route_entry_id: Option<String>,
        /// The route table (the VPC's id is accepted too).
        #[serde(skip_serializing_if = "Option::is_none")]
        route_table_id: Option<String>,
        /// The destination of the entry.
        #[serde(skip_serializing_if = "Option::is_none")]
        destination_cidr_block: Option<String>,
        /// The next hop (checked when given).
        #[serde(skip_serializing_if = "Option::is_none")]
        next_hop_id: Option<String>,
    },
    /// Creates a security group in a VPC.
    #[serde(rename_all = "PascalCase")]
    CreateSecurityGroup {
        /// The VPC.
        vpc_id: String,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        security_group_name: Option<String>,
        /// `normal` (basic, the default) or `enterprise`.
        #[serde(skip_serializing_if = "Option::is_none")]
        security_group_type: Option<String>,
        /// The description.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// Deletes a security group that has no members and is not referenced.
    #[serde(rename_all = "PascalCase")]
    DeleteSecurityGroup {
        /// The group.
        security_group_id: String,
    },
    /// Sets how the members of a basic security group reach each other.
    #[serde(rename_all = "PascalCase")]
    ModifySecurityGroupPolicy {
        /// The group.
        security_group_id: String,
        /// `Accept` (members always reach each other) or `Drop` (rules decide).
        inner_access_policy: String,
        /// The group's region (checked when given).
        #[serde(skip_serializing_if = "Option::is_none")]
        region_id: Option<String>,
    },
    /// Adds an inbound rule.
    #[serde(rename_all = "PascalCase")]
    AuthorizeSecurityGroup {
        /// The group.
        security_group_id: String,
        /// `tcp`, `udp`, `icmp`, `gre` or `all`.
        ip_protocol: String,
        /// `80/80`, `1/65535`, or `-1/-1` for every port.
        port_range: String,
        /// The source block or address.
        #[serde(skip_serializing_if = "Option::is_none")]
        source_cidr_ip: Option<String>,
        /// The source security group.
        #[serde(skip_serializing_if = "Option::is_none")]
        source_group_id: Option<String>,
        /// `accept` (the default) or `drop`.
        #[serde(skip_serializing_if = "Option::is_none")]
        policy: Option<String>,
        /// 1 (highest, the default) to 100.
        #[serde(skip_serializing_if = "Option::is_none")]
        priority: Option<String>,
        /// The rule's description.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// Removes an inbound rule (same parameters as when it was added).
    #[serde(rename_all = "PascalCase")]
    RevokeSecurityGroup {
        /// The group.
        security_group_id: String,
        /// The protocol.
        ip_protocol: String,
        /// The port range.
        port_range: String,
        /// The source block or address.
        #[serde(skip_serializing_if = "Option::is_none")]
        source_cidr_ip: Option<String>,
        /// The source security group.
        #[serde(skip_serializing_if = "Option::is_none")]
        source_group_id: Option<String>,
        /// The policy.
        #[serde(skip_serializing_if = "Option::is_none")]
        policy: Option<String>,
        /// The priority.
        #[serde(skip_serializing_if = "Option::is_none")]
        priority: Option<String>,
    },
    /// Adds an outbound rule.
    #[serde(rename_all = "PascalCase")]
    AuthorizeSecurityGroupEgress {
        /// The group.
        security_group_id: String,
        /// `tcp`, `udp`, `icmp`, `gre` or `all`.
        ip_protocol: String,
        /// `80/80`, `1/65535`, or `-1/-1` for every port.
        port_range: String,
        /// The destination block or address.
        #[serde(skip_serializing_if = "Option::is_none")]
        dest_cidr_ip: Option<String>,
        /// The destination security group.
        #[serde(skip_serializing_if = "Option::is_none")]
        dest_group_id: Option<String>,
        /// `accept` (the default) or `drop`.
        #[serde(skip_serializing_if = "Option::is_none")]
        policy: Option<String>,
        /// 1 (highest, the default) to 100.
        #[serde(skip_serializing_if = "Option::is_none")]
        priority: Option<String>,
        /// The rule's description.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// Removes an outbound rule (same parameters as when it was added).
    #[serde(rename_all = "PascalCase")]
    RevokeSecurityGroupEgress {
        /// The group.
        security_group_id: String,
        /// The protocol.
        ip_protocol: String,
        /// The port range.
        port_range: String,
        /// The destination block or address.
        #[serde(skip_serializing_if = "Option::is_none")]
        dest_cidr_ip: Option<String>,
        /// The destination security group.
        #[serde(skip_serializing_if = "Option::is_none")]
        dest_group_id: Option<String>,
        /// The policy.
        #[serde(skip_serializing_if = "Option::is_none")]
        policy: Option<String>,
        /// The priority.
        #[serde(skip_serializing_if = "Option::is_none")]
        priority: Option<String>,
    },
    /// Creates a NAT gateway in a VPC.
    #[serde(rename_all = "PascalCase")]
    CreateNatGateway {
        /// The VPC.
        vpc_id: String,
        /// The VSwitch it takes a private address from.
        #[serde(rename = "VSwitchId")]
        #[serde(skip_serializing_if = "Option::is_none")]
        vswitch_id: Option<String>,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// The description.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// Deletes a NAT gateway with its entries (its EIPs must be unbound first).
    #[serde(rename_all = "PascalCase")]
    DeleteNatGateway {
        /// The gateway.
        nat_gateway_id: String,
        /// `"true"` deletes its SNAT and DNAT entries and unbinds its EIPs with it; without
        /// it, a gateway that still has any of them is refused (`DependencyViolation`).
        #[serde(skip_serializing_if = "Option::is_none")]
        force: Option<String>,
    },
    /// Adds an SNAT entry: a VSwitch or a block goes out through an EIP of the gateway.
    #[serde(rename_all = "PascalCase")]
    CreateSnatEntry {
        /// The SNAT table (the gateway's id is accepted too).
        snat_table_id: String,
        /// An EIP address bound to the gateway.
        snat_ip: String,
        /// The VSwitch whose traffic is translated.
        #[serde(rename = "SourceVSwitchId")]
        #[serde(skip_serializing_if = "Option::is_none")]
        source_vswitch_id: Option<String>,
        /// The block whose traffic is translated.
        #[serde(rename = "SourceCIDR")]
        #[serde(skip_serializing_if = "Option::is_none")]
        source_cidr: Option<String>,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        snat_entry_name: Option<String>,
    },
    /// Adds a DNAT entry: an EIP port forwarded to a private address and port.
    #[serde(rename_all = "PascalCase")]
    CreateForwardEntry {
        /// The forward table (the gateway's id is accepted too).
        forward_table_id: String,
        /// An EIP address bound to the gateway.
        external_ip: String,
        /// The public port, or `Any`.
        external_port: String,
        /// `tcp`, `udp` or `any`.
        ip_protocol: String,
        /// The private address, in a VSwitch of the VPC.
        internal_ip: String,
        /// The private port, or `Any`.
        internal_port: String,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        forward_entry_name: Option<String>,
    },
    /// Creates a VPN gateway in a VPC, with a public address.
    #[serde(rename_all = "PascalCase")]
    CreateVpnGateway {
        /// The VPC.
        vpc_id: String,
        /// Bandwidth in Mbit/s; 10 when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        bandwidth: Option<String>,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// Deletes a VPN gateway that no connection or route uses.
    #[serde(rename_all = "PascalCase")]
    DeleteVpnGateway {
        /// The gateway.
        vpn_gateway_id: String,
    },
    /// Registers a data centre's public address as a customer gateway.
    #[serde(rename_all = "PascalCase")]
    CreateCustomerGateway {
        /// The region.
        region_id: String,
        /// The data centre's public address.
        ip_address: String,
        /// Its BGP AS number.
        #[serde(skip_serializing_if = "Option::is_none")]
        asn: Option<String>,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// The description.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        /// The data centre it stands for (ours).
        #[serde(skip_serializing_if = "Option::is_none")]
        data_center_id: Option<String>,
    },
    /// Deletes a customer gateway that no connection uses.
    #[serde(rename_all = "PascalCase")]
    DeleteCustomerGateway {
        /// The gateway.
        customer_gateway_id: String,
    },
    /// Creates an IPsec connection between a VPN gateway and a customer gateway.
    #[serde(rename_all = "PascalCase")]
    CreateVpnConnection {
        /// The VPN gateway.
        vpn_gateway_id: String,
        /// The customer gateway.
        customer_gateway_id: String,
        /// VPC-side blocks, comma-separated.
        local_subnet: String,
        /// Data-centre-side blocks, comma-separated.
        remote_subnet: String,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// Deletes an IPsec connection.
    #[serde(rename_all = "PascalCase")]
    DeleteVpnConnection {
        /// The connection.
        vpn_connection_id: String,
    },
    /// Creates an Express Connect virtual border router.
    #[serde(rename_all = "PascalCase")]
    CreateVirtualBorderRouter {
        /// The region.
        region_id: String,
        /// The VLAN, 0 to 2999.
        vlan_id: String,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// The description.
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        /// The VPC it is joined to (ours: stands for the router interface pair).
        #[serde(skip_serializing_if = "Option::is_none")]
        vpc_id: Option<String>,
        /// The data centre at the other end (ours).
        #[serde(skip_serializing_if = "Option::is_none")]
        data_center_id: Option<String>,
    },
    /// Deletes a virtual border router that no route uses.
    #[serde(rename_all = "PascalCase")]
    DeleteVirtualBorderRouter {
        /// The router.
        vbr_id: String,
    },
    /// Adds an on-premises network (ours, not an Alibaba action).
    #[serde(rename_all = "PascalCase")]
    CreateDataCenter {
        /// Its address block.
        cidr_block: String,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        data_center_name: Option<String>,
    },
    /// Removes an on-premises network that nothing refers to.
    #[serde(rename_all = "PascalCase")]
    DeleteDataCenter {
        /// The data centre.
        data_center_id: String,
    },
    /// Creates a CLB in a VSwitch.
    #[serde(rename_all = "PascalCase")]
    CreateLoadBalancer {
        /// The VSwitch.
        #[serde(rename = "VSwitchId")]
        vswitch_id: String,
        /// The name.
        #[serde(skip_serializing_if = "Option::is_none")]
        load_balancer_name: Option<String>,
        /// A chosen private address; the lowest free one when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        address: Option<String>,
        /// `intranet` (the default) or `internet` (adds a public address).
        #[serde(skip_serializing_if = "Option::is_none")]
        address_type: Option<String>,
    },
    /// Deletes a CLB (its EIP must be unbound first).
    #[serde(rename_all = "PascalCase")]
    DeleteLoadBalancer {
        /// The load balancer.
        load_balancer_id: String,
    },
    /// Adds ECS back ends to a CLB.
    #[serde(rename_all = "PascalCase")]
    AddBackendServers {
        /// The load balancer.
        load_balancer_id: String,
        /// The back ends: a JSON array (or Alibaba's JSON string) of `{"ServerId", "Weight"}`.
        backend_servers: Vec<BackendServerParam>,
    },
    /// Creates an RDS instance in a VSwitch.
    #[serde(rename_all = "PascalCase")]
    CreateDBInstance {
        /// The VSwitch.
        #[serde(rename = "VSwitchId")]
        vswitch_id: String,
        /// The engine, for example `MySQL`.
        engine: String,
        /// The engine version (not kept).
        #[serde(skip_serializing_if = "Option::is_none")]
        engine_version: Option<String>,
        /// The instance class (not kept).
        #[serde(rename = "DBInstanceClass")]
        #[serde(skip_serializing_if = "Option::is_none")]
        db_instance_class: Option<String>,
        /// The description.
        #[serde(rename = "DBInstanceDescription")]
        #[serde(skip_serializing_if = "Option::is_none")]
        db_instance_description: Option<String>,
        /// A chosen private address; the lowest free one when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        private_ip_address: Option<String>,
    },
    /// Deletes an RDS instance.
    #[serde(rename_all = "PascalCase")]
    DeleteDBInstance {
        /// The instance.
        #[serde(rename = "DBInstanceId")]
        db_instance_id: String,
    },
}

/// What a successful command answers: the id it created (if any) and the response fields
/// under Alibaba's names (`VpcId`, `VSwitchId`, `InstanceId`, `PrivateIpAddress`,
/// `PublicIpAddress`, `EipAddress`, `AllocationId`, `RouteTableId`...).
///
/// The field names are the fixed vocabulary of the handlers, so they are `&'static str`:
/// a response costs no allocation per name (bulk builds answer one per command). It is
/// written out as a map of strings, and never read back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Response {
    /// The id of the resource the command created, if it created one.
    pub created: Option<String>,
    /// The response fields, by Alibaba name, in the order of their names.
    pub fields: BTreeMap<&'static str, String>,
}

impl Response {
    /// A response that created `id`, answering it under `field` (for example `VpcId`).
    ///
    /// ```
    /// use vpclab::model::Response;
    /// let response = Response::created("VpcId", "vpc-0001").with("VRouterId", "vrt-0001");
    /// assert_eq!(response.created.as_deref(), Some("vpc-0001"));
    /// assert_eq!(response.field("VpcId"), Some("vpc-0001"));
    /// assert_eq!(response.fields.keys().collect::<Vec<_>>(), [&"VRouterId", &"VpcId"]);
    /// ```
    pub fn created(field: &'static str, id: &str) -> Response {
        let mut response = Response {
            created: Some(id.to_string()),
            fields: BTreeMap::new(),
        };
        response.fields.insert(field, id.to_string());
        response
    }

    /// Adds a field.
    pub fn with(mut self, field: &'static str, value: impl ToString) -> Response {
        self.fields.insert(field, value.to_string());
        self
    }

    /// Adds a field whose value is already text, taking the string rather than copying it.
    ///
    /// ```
    /// use vpclab::model::Response;
    /// let response = Response::default().with_text("VpcId", String::from("vpc-0001"));
    /// assert_eq!(response, Response::default().with("VpcId", "vpc-0001"));
    /// ```
    pub fn with_text(mut self, field: &'static str, value: String) -> Response {
        self.fields.insert(field, value);
        self
    }

    /// The value of a response field.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}
