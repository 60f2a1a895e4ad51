//! Gateways and the hybrid cloud: NAT gateways with SNAT/DNAT entries, VPN gateways,
//! customer gateways and IPsec connections, Express Connect virtual border routers, and
//! on-premises data centres.
//!
//! NAT entries use EIPs bound to their gateway. Deleting a NAT gateway removes its entries
//! and unbinds its EIPs (they stay allocated), as the console's forced deletion does. A
//! customer gateway's address is public (not in 100.64.0.0/10, 127.0.0.0/8,
//! 169.254.0.0/16, 224.0.0.0/4 or 255.0.0.0/8) and AS number 45104 is Alibaba's own.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::{
    cidr, claim_private, dependency, find, find_optional, ip, number, open_region, optional_number,
    private_address, public_address, release_private, routes_through, CommandError, ErrorCode,
    Response, Topology,
};
use crate::model::entity::{
    CustomerGateway, DataCenter, ForwardEntry, ForwardProtocol, NatGateway, SnatEntry, SnatSource,
    VirtualBorderRouter, VpnConnection, VpnGateway,
};
use crate::model::limits;
use crate::model::net::forbidden_gateway_ranges;
use crate::model::topology::prefix;

/// CreateNatGateway.
pub(crate) fn create_nat_gateway(
    topology: &mut Topology,
    vpc_id: &str,
    vswitch_id: Option<&str>,
    name: Option<&str>,
) -> Result<Response, CommandError> {
    let vpc = find(&topology.vpcs, "VPC", vpc_id)?;
    let vswitch = find_optional(&topology.vswitches, "VSwitch", vswitch_id)?;
    let address = match vswitch {
        Some(vswitch) if vswitch.vpc_id != vpc.id => {
            return Err(CommandError::new(
                ErrorCode::VpcMismatch,
                format!("{} belongs to {}, not {vpc_id}", vswitch.id, vswitch.vpc_id),
            ))
        }
        Some(vswitch) => Some(private_address(topology, vswitch, None)?),
        None => None,
    };
    let id = topology.next_id(prefix::NAT_GATEWAY);
    let snat_table_id = topology.next_id(prefix::SNAT_TABLE);
    let forward_table_id = topology.next_id(prefix::FORWARD_TABLE);
    if let (Some(vswitch_id), Some(address)) = (vswitch_id, address) {
        claim_private(topology, vswitch_id, address, &id);
    }
    topology.nat_gateways.insert(
        id.clone(),
        NatGateway {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            vpc_id: vpc_id.to_string(),
            vswitch_id: vswitch_id.map(str::to_string),
            private_ip_address: address,
            snat_table_id: snat_table_id.clone(),
            forward_table_id: forward_table_id.clone(),
            snat_entries: Vec::new(),
            forward_entries: Vec::new(),
        },
    );
    let mut response = Response::created("NatGatewayId", &id)
        .with("SnatTableId", snat_table_id)
        .with("ForwardTableId", forward_table_id);
    if let Some(address) = address {
        response = response.with("PrivateIpAddress", address);
    }
    Ok(response)
}

/// DeleteNatGateway: routes through it always block it; its SNAT/DNAT entries and bound
/// EIPs block it too unless `force`, which deletes the entries and unbinds the EIPs (as
/// Alibaba's `Force` parameter does).
pub(crate) fn delete_nat_gateway(
    topology: &mut Topology,
    id: &str,
    force: bool,
) -> Result<Response, CommandError> {
    let ngw = find(&topology.nat_gateways, "NAT gateway", id)?.clone();
    dependency(id, &routes_through(topology, id))?;
    if !force {
        let mut dependants: Vec<String> = ngw
            .snat_entries
            .iter()
            .map(|entry| format!("SNAT entry {}", entry.id))
            .chain(
                ngw.forward_entries
                    .iter()
                    .map(|entry| format!("DNAT entry {}", entry.id)),
            )
            .collect();
        dependants.extend(
            topology
                .eips
                .values()
                .filter(|eip| eip.binding.as_ref().is_some_and(|b| b.instance_id == id))
                .map(|eip| format!("bound EIP {}", eip.id)),
        );
        dependency(id, &dependants)?;
    }
    if let (Some(vswitch_id), Some(address)) = (&ngw.vswitch_id, ngw.private_ip_address) {
        release_private(topology, vswitch_id, address);
    }
    for eip in topology.eips.values_mut() {
        if eip.binding.as_ref().is_some_and(|b| b.instance_id == id) {
            eip.binding = None;
        }
    }
    topology.nat_gateways.remove(id);
    Ok(Response::default().with("NatGatewayId", id))
}

/// The NAT gateway owning a SNAT or forward table (the gateway's own id is accepted too).
fn gateway_of_table<'a>(
    topology: &'a Topology,
    table: &str,
) -> Result<&'a NatGateway, CommandError> {
    topology
        .nat_gateways
        .get(table)
        .or_else(|| {
            topology
                .nat_gateways
                .values()
                .find(|ngw| ngw.snat_table_id == table || ngw.forward_table_id == table)
        })
        .ok_or_else(|| super::not_found("NAT table", table))
}

/// Refuses an address that is not an EIP bound to the gateway.
fn bound_eip(
    topology: &Topology,
    ngw: &NatGateway,
    param: &str,
    address: Ipv4Addr,
) -> Result<(), CommandError> {
    if topology
        .eips_of(&ngw.id)
        .any(|eip| eip.ip_address == address)
    {
        Ok(())
    } else {
        Err(CommandError::new(
            ErrorCode::EipNotOnNatGateway,
            format!("{param} {address} is not an EIP bound to {}", ngw.id),
        ))
    }
}

/// CreateSnatEntry.
pub(crate) fn create_snat_entry(
    topology: &mut Topology,
    table: &str,
    snat_ip: &str,
    source_vswitch_id: Option<&str>,
    source_cidr: Option<&str>,
) -> Result<Response, CommandError> {
    let address = ip("SnatIp", snat_ip)?;
    let block = source_cidr
        .map(|value| super::cidr_or_ip("SourceCIDR", value))
        .transpose()?;
    if source_vswitch_id.is_some() == block.is_some() {
        return Err(CommandError::new(
            if block.is_some() {
                ErrorCode::InvalidParameter
            } else {
                ErrorCode::MissingParameter
            },
            "an SNAT entry takes exactly one of SourceVSwitchId and SourceCIDR",
        ));
    }
    let ngw = gateway_of_table(topology, table)?;
    let vswitch = find_optional(&topology.vswitches, "VSwitch", source_vswitch_id)?;
    if let Some(vswitch) = vswitch {
        if vswitch.vpc_id != ngw.vpc_id {
            return Err(CommandError::new(
                ErrorCode::VpcMismatch,
                format!(
                    "{} belongs to {}, {} to {}",
                    vswitch.id, vswitch.vpc_id, ngw.id, ngw.vpc_id
                ),
            ));
        }
    }
    bound_eip(topology, ngw, "SnatIp", address)?;
    let source = match (source_vswitch_id, block) {
        (Some(vswitch_id), _) => SnatSource::Vswitch(vswitch_id.to_string()),
        (None, Some(block)) => SnatSource::Cidr(block),
        (None, None) => SnatSource::Cidr(Ipv4Net::default()),
    };
    if ngw.snat_entries.iter().any(|entry| entry.source == source) {
        return Err(CommandError::new(
            ErrorCode::NatEntryDuplicated,
            format!(
                "{} already has an SNAT entry for this source",
                ngw.snat_table_id
            ),
        ));
    }
    let ngw_id = ngw.id.clone();
    let id = topology.next_id(prefix::SNAT_ENTRY);
    if let Some(ngw) = topology.nat_gateways.get_mut(&ngw_id) {
        ngw.snat_entries.push(SnatEntry {
            id: id.clone(),
            source,
            snat_ip: address,
        });
    }
    Ok(Response::created("SnatEntryId", &id))
}

/// The parameters of CreateForwardEntry.
pub(crate) struct ForwardParams<'a> {
    pub table: &'a str,
    pub external_ip: &'a str,
    pub external_port: &'a str,
    pub ip_protocol: &'a str,
    pub internal_ip: &'a str,
    pub internal_port: &'a str,
}

fn port(param: &str, value: &str) -> Result<Option<u16>, CommandError> {
    if value.eq_ignore_ascii_case("any") {
        return Ok(None);
    }
    let parsed = number(param, value, limits::PORT.min, limits::PORT.max)?;
    Ok(u16::try_from(parsed).ok())
}

/// CreateForwardEntry (DNAT).
pub(crate) fn create_forward_entry(
    topology: &mut Topology,
    params: ForwardParams<'_>,
) -> Result<Response, CommandError> {
    let external_ip = ip("ExternalIp", params.external_ip)?;
    let internal_ip = ip("InternalIp", params.internal_ip)?;
    let external_port = port("ExternalPort", params.external_port)?;
    let internal_port = port("InternalPort", params.internal_port)?;
    let Some(protocol) = ForwardProtocol::from_name(params.ip_protocol) else {
        return Err(CommandError::new(
            ErrorCode::InvalidParameter,
            format!(
                "IpProtocol \"{}\" is not tcp, udp or any",
                params.ip_protocol
            ),
        ));
    };
    let ngw = gateway_of_table(topology, params.table)?;
    bound_eip(topology, ngw, "ExternalIp", external_ip)?;
    if topology.vswitch_holding(&ngw.vpc_id, internal_ip).is_none() {
        return Err(CommandError::new(
            ErrorCode::IpNotInVswitch,
            format!(
                "InternalIp {internal_ip} is in no VSwitch of {}",
                ngw.vpc_id
            ),
        ));
    }
    if ngw.forward_entries.iter().any(|entry| {
        entry.external_ip == external_ip
            && entry.external_port == external_port
            && entry.ip_protocol == protocol
    }) {
        return Err(CommandError::new(
            ErrorCode::NatEntryDuplicated,
            format!(
                "{} already forwards {external_ip}:{}",
                ngw.forward_table_id, params.external_port
            ),
        ));
    }
    let ngw_id = ngw.id.clone();
    let id = topology.next_id(prefix::FORWARD_ENTRY);
    if let Some(ngw) = topology.nat_gateways.get_mut(&ngw_id) {
        ngw.forward_entries.push(ForwardEntry {
            id: id.clone(),
            ip_protocol: protocol,
            external_ip,
            external_port,
            internal_ip,
            internal_port,
        });
    }
    Ok(Response::created("ForwardEntryId", &id))
}

/// CreateVpnGateway.
pub(crate) fn create_vpn_gateway(
    topology: &mut Topology,
    vpc_id: &str,
    bandwidth: Option<&str>,
    name: Option<&str>,
) -> Result<Response, CommandError> {
    let bandwidth = optional_number(
        "Bandwidth",
        bandwidth,
        limits::DEFAULT_VPN_GATEWAY_BANDWIDTH,
        limits::VPN_GATEWAY_BANDWIDTH.min,
        limits::VPN_GATEWAY_BANDWIDTH.max,
    )?;
    let vpc = find(&topology.vpcs, "VPC", vpc_id)?;
    let quota = topology.rules().quotas().vpn_gateways_per_vpc;
    if topology.vpn_gateways_of(vpc_id).count() >= quota {
        return Err(CommandError::new(
            ErrorCode::QuotaVpnGateway,
            format!("{vpc_id} already has {quota} VPN gateway (quota {quota})"),
        ));
    }
    let region_id = vpc.region_id.clone();
    let address = public_address(topology, &region_id)?;
    let id = topology.next_id(prefix::VPN_GATEWAY);
    topology.claim_public(&region_id, address, &id);
    topology.vpn_gateways.insert(
        id.clone(),
        VpnGateway {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            vpc_id: vpc_id.to_string(),
            public_ip_address: address,
            bandwidth,
        },
    );
    Ok(Response::created("VpnGatewayId", &id)
        .with("IpAddress", address)
        .with("PublicIpAddress", address))
}

/// DeleteVpnGateway.
pub(crate) fn delete_vpn_gateway(
    topology: &mut Topology,
    id: &str,
) -> Result<Response, CommandError> {
    let vpn = find(&topology.vpn_gateways, "VPN gateway", id)?;
    let mut dependants: Vec<String> = topology
        .vpn_connections
        .values()
        .filter(|connection| connection.vpn_gateway_id == id)
        .map(|connection| format!("IPsec connection {}", connection.id))
        .collect();
    dependants.extend(routes_through(topology, id));
    dependency(id, &dependants)?;
    let address = vpn.public_ip_address;
    let region_id = topology
        .vpc(&vpn.vpc_id)
        .map(|vpc| vpc.region_id.clone())
        .unwrap_or_default();
    topology.release_public(&region_id, address);
    topology.vpn_gateways.remove(id);
    Ok(Response::default().with("VpnGatewayId", id))
}

/// CreateCustomerGateway.
pub(crate) fn create_customer_gateway(
    topology: &mut Topology,
    region_id: &str,
    ip_address: &str,
    asn: Option<&str>,
    name: Option<&str>,
    data_center_id: Option<&str>,
) -> Result<Response, CommandError> {
    let address = ip("IpAddress", ip_address)?;
    let asn = asn
        .map(|value| number("Asn", value, limits::ASN.min, limits::ASN.max))
        .transpose()?;
    let region = open_region(topology, region_id)?;
    find_optional(&topology.data_centers, "data centre", data_center_id)?;
    if let Some(range) = forbidden_gateway_ranges()
        .into_iter()
        .find(|range| range.contains(&address))
    {
        return Err(CommandError::new(
            ErrorCode::IpForbidden,
            format!("{address} is in {range}, not a public address"),
        ));
    }
    if asn == Some(limits::RESERVED_ASN) {
        return Err(CommandError::new(
            ErrorCode::AsnReserved,
            format!(
                "AS number {} is reserved by Alibaba Cloud",
                limits::RESERVED_ASN
            ),
        ));
    }
    if let Some(existing) = topology
        .customer_gateways
        .values()
        .find(|cgw| cgw.region_id == region.id && cgw.ip_address == address)
    {
        return Err(CommandError::new(
            ErrorCode::IpAlreadyExist,
            format!("{address} is already customer gateway {}", existing.id),
        ));
    }
    let id = topology.next_id(prefix::CUSTOMER_GATEWAY);
    topology.customer_gateways.insert(
        id.clone(),
        CustomerGateway {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            region_id: region.id.to_string(),
            ip_address: address,
            asn,
            data_center_id: data_center_id.map(str::to_string),
        },
    );
    Ok(Response::created("CustomerGatewayId", &id).with("IpAddress", address))
}

/// DeleteCustomerGateway.
pub(crate) fn delete_customer_gateway(
    topology: &mut Topology,
    id: &str,
) -> Result<Response, CommandError> {
    find(&topology.customer_gateways, "customer gateway", id)?;
    let dependants: Vec<String> = topology
        .vpn_connections
        .values()
        .filter(|connection| connection.customer_gateway_id == id)
        .map(|connection| format!("IPsec connection {}", connection.id))
        .collect();
    dependency(id, &dependants)?;
    topology.customer_gateways.remove(id);
    Ok(Response::default().with("CustomerGatewayId", id))
}

fn subnets(param: &str, value: &str) -> Result<Vec<Ipv4Net>, CommandError> {
    value
        .split(',')
        .map(|part| cidr(param, part.trim()))
        .collect()
}

/// CreateVpnConnection.
pub(crate) fn create_vpn_connection(
    topology: &mut Topology,
    vpn_gateway_id: &str,
    customer_gateway_id: &str,
    local_subnet: &str,
    remote_subnet: &str,
    name: Option<&str>,
) -> Result<Response, CommandError> {
    let local = subnets("LocalSubnet", local_subnet)?;
    let remote = subnets("RemoteSubnet", remote_subnet)?;
    let vpn = find(&topology.vpn_gateways, "VPN gateway", vpn_gateway_id)?;
    let cgw = find(
        &topology.customer_gateways,
        "customer gateway",
        customer_gateway_id,
    )?;
    let vpn_region = topology
        .vpc(&vpn.vpc_id)
        .map(|vpc| vpc.region_id.as_str())
        .unwrap_or_default();
    if vpn_region != cgw.region_id {
        return Err(CommandError::new(
            ErrorCode::RegionMismatch,
            format!(
                "{vpn_gateway_id} is in {vpn_region}, {customer_gateway_id} in {}",
                cgw.region_id
            ),
        ));
    }
    let id = topology.next_id(prefix::VPN_CONNECTION);
    topology.vpn_connections.insert(
        id.clone(),
        VpnConnection {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            vpn_gateway_id: vpn_gateway_id.to_string(),
            customer_gateway_id: customer_gateway_id.to_string(),
            local_subnets: local,
            remote_subnets: remote,
        },
    );
    Ok(Response::created("VpnConnectionId", &id))
}

/// DeleteVpnConnection.
pub(crate) fn delete_vpn_connection(
    topology: &mut Topology,
    id: &str,
) -> Result<Response, CommandError> {
    find(&topology.vpn_connections, "IPsec connection", id)?;
    topology.vpn_connections.remove(id);
    Ok(Response::default().with("VpnConnectionId", id))
}

/// CreateVirtualBorderRouter.
pub(crate) fn create_virtual_border_router(
    topology: &mut Topology,
    region_id: &str,
    vlan_id: &str,
    name: Option<&str>,
    vpc_id: Option<&str>,
    data_center_id: Option<&str>,
) -> Result<Response, CommandError> {
    let vlan = number("VlanId", vlan_id, limits::VLAN_ID.min, limits::VLAN_ID.max)?;
    let region = open_region(topology, region_id)?;
    let vpc = find_optional(&topology.vpcs, "VPC", vpc_id)?;
    find_optional(&topology.data_centers, "data centre", data_center_id)?;
    if let Some(vpc) = vpc {
        if vpc.region_id != region.id {
            return Err(CommandError::new(
                ErrorCode::RegionMismatch,
                format!("{} is in {}, not {}", vpc.id, vpc.region_id, region.id),
            ));
        }
    }
    let id = topology.next_id(prefix::VBR);
    topology.vbrs.insert(
        id.clone(),
        VirtualBorderRouter {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            region_id: region.id.to_string(),
            vlan_id: u16::try_from(vlan).unwrap_or_default(),
            vpc_id: vpc_id.map(str::to_string),
            data_center_id: data_center_id.map(str::to_string),
        },
    );
    Ok(Response::created("VbrId", &id))
}

/// DeleteVirtualBorderRouter.
pub(crate) fn delete_virtual_border_router(
    topology: &mut Topology,
    id: &str,
) -> Result<Response, CommandError> {
    find(&topology.vbrs, "virtual border router", id)?;
    dependency(id, &routes_through(topology, id))?;
    topology.vbrs.remove(id);
    Ok(Response::default().with("VbrId", id))
}

/// CreateDataCenter (ours).
pub(crate) fn create_data_center(
    topology: &mut Topology,
    cidr_block: &str,
    name: Option<&str>,
) -> Result<Response, CommandError> {
    let block = cidr("CidrBlock", cidr_block)?;
    let id = topology.next_id(prefix::DATA_CENTER);
    topology.data_centers.insert(
        id.clone(),
        DataCenter {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            cidr_block: block,
        },
    );
    Ok(Response::created("DataCenterId", &id).with("CidrBlock", block))
}

/// DeleteDataCenter (ours).
pub(crate) fn delete_data_center(
    topology: &mut Topology,
    id: &str,
) -> Result<Response, CommandError> {
    find(&topology.data_centers, "data centre", id)?;
    let mut dependants: Vec<String> = topology
        .customer_gateways
        .values()
        .filter(|cgw| cgw.data_center_id.as_deref() == Some(id))
        .map(|cgw| format!("customer gateway {}", cgw.id))
        .collect();
    dependants.extend(
        topology
            .vbrs
            .values()
            .filter(|vbr| vbr.data_center_id.as_deref() == Some(id))
            .map(|vbr| format!("virtual border router {}", vbr.id)),
    );
    dependency(id, &dependants)?;
    topology.data_centers.remove(id);
    Ok(Response::default().with("DataCenterId", id))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::apply::test_support::{article_base, attempt, code_of};
    use crate::model::catalog::RuleSet;

    #[test]
    fn nat_gateway_snat_and_dnat() {
        let mut topology = article_base(RuleSet::Y2020);
        attempt(
            &mut topology,
            json!({"Action":"RunInstances","VSwitchId":"vsw-0001"}),
        )
        .expect("vm");
        let created = attempt(
            &mut topology,
            json!({"Action":"CreateNatGateway","VpcId":"vpc-0001","VSwitchId":"vsw-0001"}),
        )
        .expect("ngw");
        assert_eq!(created.field("NatGatewayId"), Some("ngw-0001"));
        assert_eq!(created.field("PrivateIpAddress"), Some("192.168.1.2"));
        attempt(
            &mut topology,
            json!({"Action":"AllocateEipAddress","RegionId":"ap-south-1"}),
        )
        .expect("eip");
        let snat = json!({"Action":"CreateSnatEntry","SnatTableId":"stb-0001","SnatIp":"149.129.0.1","SourceVSwitchId":"vsw-0002"});
        assert_eq!(
            code_of(&topology, snat.clone()),
            "InvalidIpAddress.NotBoundToNatGateway"
        );
        attempt(&mut topology, json!({"Action":"AssociateEipAddress","AllocationId":"eip-0001","InstanceId":"ngw-0001"})).expect("bind");
        attempt(&mut topology, snat.clone()).expect("snat");
        assert_eq!(code_of(&topology, snat), "InvalidNatEntry.Duplicated");
        let neither =
            json!({"Action":"CreateSnatEntry","SnatTableId":"ngw-0001","SnatIp":"149.129.0.1"});
        assert_eq!(code_of(&topology, neither), "MissingParameter");
        let dnat = json!({"Action":"CreateForwardEntry","ForwardTableId":"ftb-0001","ExternalIp":"149.129.0.1","ExternalPort":"80","IpProtocol":"tcp","InternalIp":"192.168.1.1","InternalPort":"8080"});
        attempt(&mut topology, dnat.clone()).expect("dnat");
        assert_eq!(code_of(&topology, dnat), "InvalidNatEntry.Duplicated");
        let outside = json!({"Action":"CreateForwardEntry","ForwardTableId":"ftb-0001","ExternalIp":"149.129.0.1","ExternalPort":"22","IpProtocol":"tcp","InternalIp":"10.0.0.1","InternalPort":"22"});
        assert_eq!(
            code_of(&topology, outside),
            "InvalidPrivateIpAddress.NotInVSwitch"
        );
        // The EIP is in use by the entries, so it cannot be unbound by itself.
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"UnassociateEipAddress","AllocationId":"eip-0001"})
            ),
            "DependencyViolation"
        );
        // The VSwitch the SNAT entry names cannot go either.
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"DeleteVSwitch","VSwitchId":"vsw-0002"})
            ),
            "DependencyViolation"
        );
        // Entries and a bound EIP block a plain delete; Force takes them along.
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"DeleteNatGateway","NatGatewayId":"ngw-0001"})
            ),
            "DependencyViolation"
        );
        attempt(
            &mut topology,
            json!({"Action":"DeleteNatGateway","NatGatewayId":"ngw-0001","Force":"true"}),
        )
        .expect("delete");
        assert!(topology
            .eip("eip-0001")
            .is_some_and(|eip| eip.binding.is_none()));
        assert_eq!(topology.free_hosts("vsw-0001"), 251);
    }

    #[test]
    fn vpn_between_a_vpc_and_a_data_centre() {
        let mut topology = article_base(RuleSet::Y2020);
        attempt(&mut topology, json!({"Action":"CreateDataCenter","CidrBlock":"10.10.0.0/16","DataCenterName":"Madrid"})).expect("idc");
        let vpn = attempt(
            &mut topology,
            json!({"Action":"CreateVpnGateway","VpcId":"vpc-0001"}),
        )
        .expect("vpn");
        assert_eq!(vpn.field("VpnGatewayId"), Some("vpn-0001"));
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"CreateVpnGateway","VpcId":"vpc-0001"})
            ),
            "QuotaExceeded.VpnGateway"
        );
        let cgw = |ip: &str, asn: &str| json!({"Action":"CreateCustomerGateway","RegionId":"ap-south-1","IpAddress":ip,"Asn":asn,"DataCenterId":"idc-0001"});
        assert_eq!(
            code_of(&topology, cgw("100.64.0.1", "65000")),
            "InvalidIpAddress.Forbidden"
        );
        assert_eq!(
            code_of(&topology, cgw("203.0.113.7", "45104")),
            "InvalidAsn.Reserved"
        );
        assert_eq!(
            code_of(&topology, cgw("203.0.113.777", "65000")),
            "InvalidIpAddress.Malformed"
        );
        attempt(&mut topology, cgw("203.0.113.7", "65000")).expect("cgw");
        assert_eq!(
            code_of(&topology, cgw("203.0.113.7", "65001")),
            "InvalidIpAddress.AlreadyExist"
        );
        let connection = json!({"Action":"CreateVpnConnection","VpnGatewayId":"vpn-0001","CustomerGatewayId":"cgw-0001","LocalSubnet":"192.168.0.0/16","RemoteSubnet":"10.10.0.0/16"});
        attempt(&mut topology, connection).expect("ipsec");
        attempt(&mut topology, json!({"Action":"CreateRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":"10.10.0.0/16","NextHopId":"vpn-0001"})).expect("route");
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"DeleteVpnGateway","VpnGatewayId":"vpn-0001"})
            ),
            "DependencyViolation"
        );
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"DeleteDataCenter","DataCenterId":"idc-0001"})
            ),
            "DependencyViolation"
        );
    }

    #[test]
    fn express_connect_router() {
        let mut topology = article_base(RuleSet::Y2020);
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"CreateVirtualBorderRouter","RegionId":"ap-south-1","VlanId":"3000"})
            ),
            "InvalidParameter"
        );
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"CreateVirtualBorderRouter","RegionId":"cn-hangzhou","VlanId":"10","VpcId":"vpc-0001"})
            ),
            "InvalidRegionId.Mismatch"
        );
        attempt(&mut topology, json!({"Action":"CreateVirtualBorderRouter","RegionId":"ap-south-1","VlanId":"10","VpcId":"vpc-0001"})).expect("vbr");
        attempt(&mut topology, json!({"Action":"CreateRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":"10.10.0.0/16","NextHopId":"vbr-0001","NextHopType":"RouterInterface"})).expect("route");
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"DeleteVirtualBorderRouter","VbrId":"vbr-0001"})
            ),
            "DependencyViolation"
        );
    }
}
