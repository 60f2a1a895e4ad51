//! Reading a [`Command`] from JSON: the `Action`, then the action's parameters by a table of
//! their names, each a string, an optional string or the back-end list.
//!
//! Written by hand because serde's derived reader of an internally tagged enum of 41 actions
//! was the largest function of the wasm (106 KB of 1.97 MB, issue 13). It reads as the
//! derived one did, message for message (`tests/command_reading.rs` pins them): the
//! `Action` where it stands, with its position in the text; then the parameters in the
//! request's order, stopping at the first unknown, repeated or mistyped one; then the
//! required ones that are missing, in declaration order. Those errors have no position,
//! as before: they are found once the whole request has been read.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Error as _, MapAccess, Visitor};
use serde_json::Value;

use super::{BackendServerParam, Command};
use crate::model::ActionKind;

impl<'de> Deserialize<'de> for Command {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Command, D::Error> {
        let request = deserializer.deserialize_any(RequestVisitor)?;
        request.command().map_err(D::Error::custom)
    }
}

/// A request as read: its action, and its other entries in the order they came.
struct Request {
    action: ActionKind,
    entries: Vec<(String, Value)>,
}

/// Reads a request's entries, taking the `Action` out.
struct RequestVisitor;

impl<'de> Visitor<'de> for RequestVisitor {
    type Value = Request;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("internally tagged enum Command")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Request, A::Error> {
        let mut action = None;
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "Action" {
                if action.is_some() {
                    return Err(A::Error::duplicate_field("Action"));
                }
                action = Some(map.next_value::<Tag>()?.0);
            } else {
                entries.push((key, map.next_value::<Value>()?));
            }
        }
        let action = action.ok_or_else(|| A::Error::missing_field("Action"))?;
        Ok(Request { action, entries })
    }
}

/// The `Action` of a request.
struct Tag(ActionKind);

impl<'de> Deserialize<'de> for Tag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tag, D::Error> {
        deserializer.deserialize_identifier(TagVisitor)
    }
}

/// Reads an action's API name.
struct TagVisitor;

impl Visitor<'_> for TagVisitor {
    type Value = Tag;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("variant identifier")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Tag, E> {
        ActionKind::from_name(name)
            .map(Tag)
            .ok_or_else(|| E::unknown_variant(name, ActionKind::NAMES))
    }
}

/// How a parameter is read.
#[derive(Clone, Copy)]
enum Kind {
    /// A required string.
    Text,
    /// An optional string (absent or `null`: none).
    Optional,
    /// The back ends of `AddBackendServers`: a list, or Alibaba's JSON-encoded text of one.
    Backends,
}

/// A parameter's value once read.
enum Slot {
    Text(String),
    Backends(Vec<BackendServerParam>),
}

/// What a command's field takes from its parameter's [`Slot`]. The slots of required
/// parameters are always filled by the time fields take them ([`read_parameters`] checks).
trait FromSlot {
    fn from_slot(slot: Option<Slot>) -> Self;
}

impl FromSlot for String {
    fn from_slot(slot: Option<Slot>) -> String {
        Option::<String>::from_slot(slot).unwrap_or_default()
    }
}

impl FromSlot for Option<String> {
    fn from_slot(slot: Option<Slot>) -> Option<String> {
        match slot {
            Some(Slot::Text(text)) => Some(text),
            _ => None,
        }
    }
}

impl FromSlot for Vec<BackendServerParam> {
    fn from_slot(slot: Option<Slot>) -> Vec<BackendServerParam> {
        match slot {
            Some(Slot::Backends(list)) => list,
            _ => Vec::new(),
        }
    }
}

/// Reads `entries` as the parameters `names` (declaration order) of the kinds `kinds`: in
/// the request's order, refusing the first unknown, repeated or mistyped one, then the
/// first missing required one. Returns a slot per name.
fn read_parameters(
    entries: Vec<(String, Value)>,
    names: &'static [&'static str],
    kinds: &[Kind],
) -> Result<Vec<Option<Slot>>, serde_json::Error> {
    let mut slots: Vec<Option<Slot>> = names.iter().map(|_| None).collect();
    let mut seen = vec![false; names.len()];
    for (key, value) in entries {
        let Some(index) = names.iter().position(|name| *name == key) else {
            return Err(serde_json::Error::unknown_field(&key, names));
        };
        if std::mem::replace(&mut seen[index], true) {
            return Err(serde_json::Error::duplicate_field(names[index]));
        }
        slots[index] = match kinds[index] {
            Kind::Text => Some(Slot::Text(String::deserialize(value)?)),
            Kind::Optional => Option::<String>::deserialize(value)?.map(Slot::Text),
            Kind::Backends => Some(Slot::Backends(backends(value)?)),
        };
    }
    let missing = kinds
        .iter()
        .zip(&seen)
        .position(|(kind, seen)| !seen && !matches!(kind, Kind::Optional));
    match missing {
        Some(index) => Err(serde_json::Error::missing_field(names[index])),
        None => Ok(slots),
    }
}

/// Accepts the back ends as a JSON array, or as Alibaba's JSON-encoded string.
fn backends(value: Value) -> Result<Vec<BackendServerParam>, serde_json::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Form {
        List(Vec<BackendServerParam>),
        Text(String),
    }
    match Form::deserialize(value)? {
        Form::List(list) => Ok(list),
        Form::Text(text) => serde_json::from_str(&text),
    }
}

/// `read!(entries, Variant { field: Kind "Name", .. })`: the command `Variant` from the
/// request's `entries`, its fields read as the parameters named, of the kinds given.
macro_rules! read {
    ($entries:expr, $variant:ident { $($field:ident: $kind:ident $name:literal),* $(,)? }) => {{
        let slots = read_parameters($entries, &[$($name),*], &[$(Kind::$kind),*])?;
        let mut slots = slots.into_iter();
        Command::$variant { $($field: FromSlot::from_slot(slots.next().flatten())),* }
    }};
}

impl Request {
    /// The command this request asks for. Each row names an action's parameters in
    /// declaration order, with how each is read ([`Kind`]) and its API name.
    fn command(self) -> Result<Command, serde_json::Error> {
        let mut entries = self.entries;
        match network_command(self.action, &mut entries)? {
            Some(command) => Ok(command),
            None => connection_command(self.action, entries),
        }
    }
}

/// The VPC, VSwitch, ECS, EIP, route and security-group actions, taking `entries`; none
/// for the others, which leave them.
fn network_command(
    action: ActionKind,
    entries: &mut Vec<(String, Value)>,
) -> Result<Option<Command>, serde_json::Error> {
    use ActionKind as A;
    Ok(Some(match action {
        A::CreateVpc => read!(std::mem::take(entries), CreateVpc {
            region_id: Text "RegionId", cidr_block: Optional "CidrBlock",
            vpc_name: Optional "VpcName", description: Optional "Description",
        }),
        A::DeleteVpc => read!(std::mem::take(entries), DeleteVpc {
            vpc_id: Text "VpcId",
        }),
        A::AssociateVpcCidrBlock => read!(std::mem::take(entries), AssociateVpcCidrBlock {
            vpc_id: Text "VpcId", secondary_cidr_block: Text "SecondaryCidrBlock",
            region_id: Optional "RegionId",
        }),
        A::CreateVSwitch => read!(std::mem::take(entries), CreateVSwitch {
            vpc_id: Text "VpcId", zone_id: Text "ZoneId", cidr_block: Text "CidrBlock",
            vswitch_name: Optional "VSwitchName", description: Optional "Description",
        }),
        A::DeleteVSwitch => read!(std::mem::take(entries), DeleteVSwitch {
            vswitch_id: Text "VSwitchId",
        }),
        A::RunInstances => read!(std::mem::take(entries), RunInstances {
            vswitch_id: Text "VSwitchId", instance_name: Optional "InstanceName",
            private_ip_address: Optional "PrivateIpAddress",
            security_group_id: Optional "SecurityGroupId",
            internet_max_bandwidth_out: Optional "InternetMaxBandwidthOut",
            description: Optional "Description",
        }),
        A::DeleteInstance => read!(std::mem::take(entries), DeleteInstance {
            instance_id: Text "InstanceId",
        }),
        A::ModifyInstanceNetworkSpec => read!(std::mem::take(entries), ModifyInstanceNetworkSpec {
            instance_id: Text "InstanceId",
            internet_max_bandwidth_out: Text "InternetMaxBandwidthOut",
        }),
        A::ConvertNatPublicIpToEip => read!(std::mem::take(entries), ConvertNatPublicIpToEip {
            instance_id: Text "InstanceId",
        }),
        A::AllocateEipAddress => read!(std::mem::take(entries), AllocateEipAddress {
            region_id: Text "RegionId", bandwidth: Optional "Bandwidth",
            name: Optional "Name", description: Optional "Description",
        }),
        A::AssociateEipAddress => read!(std::mem::take(entries), AssociateEipAddress {
            allocation_id: Text "AllocationId", instance_id: Text "InstanceId",
            instance_type: Optional "InstanceType",
        }),
        A::UnassociateEipAddress => read!(std::mem::take(entries), UnassociateEipAddress {
            allocation_id: Text "AllocationId", instance_id: Optional "InstanceId",
        }),
        A::ReleaseEipAddress => read!(std::mem::take(entries), ReleaseEipAddress {
            allocation_id: Text "AllocationId",
        }),
        A::CreateRouteEntry => read!(std::mem::take(entries), CreateRouteEntry {
            route_table_id: Text "RouteTableId",
            destination_cidr_block: Text "DestinationCidrBlock",
            next_hop_id: Text "NextHopId", next_hop_type: Optional "NextHopType",
            route_entry_name: Optional "RouteEntryName",
            description: Optional "Description",
        }),
        A::DeleteRouteEntry => read!(std::mem::take(entries), DeleteRouteEntry {
            route_entry_id: Optional "RouteEntryId",
            route_table_id: Optional "RouteTableId",
            destination_cidr_block: Optional "DestinationCidrBlock",
            next_hop_id: Optional "NextHopId",
        }),
        A::CreateSecurityGroup => read!(std::mem::take(entries), CreateSecurityGroup {
            vpc_id: Text "VpcId", security_group_name: Optional "SecurityGroupName",
            security_group_type: Optional "SecurityGroupType",
            description: Optional "Description",
        }),
        A::DeleteSecurityGroup => read!(std::mem::take(entries), DeleteSecurityGroup {
            security_group_id: Text "SecurityGroupId",
        }),
        A::ModifySecurityGroupPolicy => read!(std::mem::take(entries), ModifySecurityGroupPolicy {
            security_group_id: Text "SecurityGroupId",
            inner_access_policy: Text "InnerAccessPolicy", region_id: Optional "RegionId",
        }),
        A::AuthorizeSecurityGroup => read!(std::mem::take(entries), AuthorizeSecurityGroup {
            security_group_id: Text "SecurityGroupId", ip_protocol: Text "IpProtocol",
            port_range: Text "PortRange", source_cidr_ip: Optional "SourceCidrIp",
            source_group_id: Optional "SourceGroupId", policy: Optional "Policy",
            priority: Optional "Priority", description: Optional "Description",
        }),
        A::RevokeSecurityGroup => read!(std::mem::take(entries), RevokeSecurityGroup {
            security_group_id: Text "SecurityGroupId", ip_protocol: Text "IpProtocol",
            port_range: Text "PortRange", source_cidr_ip: Optional "SourceCidrIp",
            source_group_id: Optional "SourceGroupId", policy: Optional "Policy",
            priority: Optional "Priority",
        }),
        A::AuthorizeSecurityGroupEgress => {
            read!(std::mem::take(entries), AuthorizeSecurityGroupEgress {
                security_group_id: Text "SecurityGroupId", ip_protocol: Text "IpProtocol",
                port_range: Text "PortRange", dest_cidr_ip: Optional "DestCidrIp",
                dest_group_id: Optional "DestGroupId", policy: Optional "Policy",
                priority: Optional "Priority", description: Optional "Description",
            })
        }
        A::RevokeSecurityGroupEgress => read!(std::mem::take(entries), RevokeSecurityGroupEgress {
            security_group_id: Text "SecurityGroupId", ip_protocol: Text "IpProtocol",
            port_range: Text "PortRange", dest_cidr_ip: Optional "DestCidrIp",
            dest_group_id: Optional "DestGroupId", policy: Optional "Policy",
            priority: Optional "Priority",
        }),
        _ => return Ok(None),
    }))
}

/// The gateway, hybrid-cloud, load-balancer and database actions.
fn connection_command(
    action: ActionKind,
    entries: Vec<(String, Value)>,
) -> Result<Command, serde_json::Error> {
    use ActionKind as A;
    Ok(match action {
        A::CreateNatGateway => read!(entries, CreateNatGateway {
            vpc_id: Text "VpcId", vswitch_id: Optional "VSwitchId", name: Optional "Name",
            description: Optional "Description",
        }),
        A::DeleteNatGateway => read!(entries, DeleteNatGateway {
            nat_gateway_id: Text "NatGatewayId", force: Optional "Force",
        }),
        A::CreateSnatEntry => read!(entries, CreateSnatEntry {
            snat_table_id: Text "SnatTableId", snat_ip: Text "SnatIp",
            source_vswitch_id: Optional "SourceVSwitchId",
            source_cidr: Optional "SourceCIDR", snat_entry_name: Optional "SnatEntryName",
        }),
        A::CreateForwardEntry => read!(entries, CreateForwardEntry {
            forward_table_id: Text "ForwardTableId", external_ip: Text "ExternalIp",
            external_port: Text "ExternalPort", ip_protocol: Text "IpProtocol",
            internal_ip: Text "InternalIp", internal_port: Text "InternalPort",
            forward_entry_name: Optional "ForwardEntryName",
        }),
        A::CreateVpnGateway => read!(entries, CreateVpnGateway {
            vpc_id: Text "VpcId", bandwidth: Optional "Bandwidth", name: Optional "Name",
        }),
        A::DeleteVpnGateway => read!(entries, DeleteVpnGateway {
            vpn_gateway_id: Text "VpnGatewayId",
        }),
        A::CreateCustomerGateway => read!(entries, CreateCustomerGateway {
            region_id: Text "RegionId", ip_address: Text "IpAddress", asn: Optional "Asn",
            name: Optional "Name", description: Optional "Description",
            data_center_id: Optional "DataCenterId",
        }),
        A::DeleteCustomerGateway => read!(entries, DeleteCustomerGateway {
            customer_gateway_id: Text "CustomerGatewayId",
        }),
        A::CreateVpnConnection => read!(entries, CreateVpnConnection {
            vpn_gateway_id: Text "VpnGatewayId",
            customer_gateway_id: Text "CustomerGatewayId",
            local_subnet: Text "LocalSubnet", remote_subnet: Text "RemoteSubnet",
            name: Optional "Name",
        }),
        A::DeleteVpnConnection => read!(entries, DeleteVpnConnection {
            vpn_connection_id: Text "VpnConnectionId",
        }),
        A::CreateVirtualBorderRouter => read!(entries, CreateVirtualBorderRouter {
            region_id: Text "RegionId", vlan_id: Text "VlanId", name: Optional "Name",
            description: Optional "Description", vpc_id: Optional "VpcId",
            data_center_id: Optional "DataCenterId",
        }),
        A::DeleteVirtualBorderRouter => read!(entries, DeleteVirtualBorderRouter {
            vbr_id: Text "VbrId",
        }),
        A::CreateDataCenter => read!(entries, CreateDataCenter {
            cidr_block: Text "CidrBlock", data_center_name: Optional "DataCenterName",
        }),
        A::DeleteDataCenter => read!(entries, DeleteDataCenter {
            data_center_id: Text "DataCenterId",
        }),
        A::CreateLoadBalancer => read!(entries, CreateLoadBalancer {
            vswitch_id: Text "VSwitchId", load_balancer_name: Optional "LoadBalancerName",
            address: Optional "Address", address_type: Optional "AddressType",
        }),
        A::DeleteLoadBalancer => read!(entries, DeleteLoadBalancer {
            load_balancer_id: Text "LoadBalancerId",
        }),
        A::AddBackendServers => read!(entries, AddBackendServers {
            load_balancer_id: Text "LoadBalancerId",
            backend_servers: Backends "BackendServers",
        }),
        A::CreateDBInstance => read!(entries, CreateDBInstance {
            vswitch_id: Text "VSwitchId", engine: Text "Engine",
            engine_version: Optional "EngineVersion",
            db_instance_class: Optional "DBInstanceClass",
            db_instance_description: Optional "DBInstanceDescription",
            private_ip_address: Optional "PrivateIpAddress",
        }),
        A::DeleteDBInstance => read!(entries, DeleteDBInstance {
            db_instance_id: Text "DBInstanceId",
        }),
        // Every action has its row in one of the two tables (`tests/command_reading.rs`).
        _ => {
            return Err(serde_json::Error::unknown_variant(
                action.api_name(),
                ActionKind::NAMES,
            ))
        }
    })
}
