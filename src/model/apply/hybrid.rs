//! The hybrid cloud: VPN gateways, customer gateways and IPsec connections, Express Connect
//! virtual border routers, and on-premises data centres (NAT gateways are in [`super::nat`]).
//!
//! A VPN gateway is sold in bandwidth tiers ([`VPN_BANDWIDTHS`]). A customer gateway's
//! address is public (not in 100.64.0.0/10, 127.0.0.0/8,
//! 169.254.0.0/16, 224.0.0.0/4 or 255.0.0.0/8) and AS number 45104 is Alibaba's own.

use ipnet::Ipv4Net;

use super::{
    cidr, dependency, find, find_optional, ip, number, open_region, optional_number,
    public_address, routes_through, CommandError, ErrorCode, Response, Topology,
};
use crate::model::entity::{
    CustomerGateway, DataCenter, VirtualBorderRouter, VpnConnection, VpnGateway,
};
use crate::model::error::{Dependant, ErrorDetail, Noun};
use crate::model::limits;
use crate::model::net::forbidden_gateway_ranges;
use crate::model::topology::prefix;

/// The bandwidths a VPN gateway is sold in, in Mbit/s.
pub const VPN_BANDWIDTHS: [u32; 8] = [5, 10, 20, 50, 100, 200, 500, 1000];

/// CreateVpnGateway.
pub(crate) fn create_vpn_gateway(
    topology: &mut Topology,
    vpc_id: &str,
    bandwidth: Option<&str>,
    name: Option<&str>,
) -> Result<Response, CommandError> {
    let bandwidth = optional_number("Bandwidth", bandwidth, 10, 1, 1000)?;
    if !VPN_BANDWIDTHS.contains(&bandwidth) {
        return Err(CommandError::new(
            ErrorCode::InvalidParameter,
            ErrorDetail::BandwidthNotOffered {
                bandwidth: bandwidth.to_string(),
            },
        ));
    }
    let vpc = find(&topology.vpcs, Noun::Vpc, vpc_id)?;
    let quota = topology.rules().quotas().vpn_gateways_per_vpc;
    if topology.vpn_gateways_of(vpc_id).count() >= quota {
        return Err(CommandError::new(
            ErrorCode::QuotaVpnGateway,
            ErrorDetail::VpnGatewayQuota {
                vpc: vpc_id.into(),
                quota,
            },
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
    let vpn = find(&topology.vpn_gateways, Noun::VpnGateway, id)?;
    let mut dependants: Vec<Dependant> = topology
        .vpn_connections
        .values()
        .filter(|connection| connection.vpn_gateway_id == id)
        .map(|connection| Dependant::Named {
            noun: Noun::IpsecConnection,
            id: connection.id.clone(),
        })
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

/// The parameters of CreateCustomerGateway.
pub(crate) struct CustomerGatewayParams<'a> {
    pub region_id: &'a str,
    pub ip_address: &'a str,
    pub asn: Option<&'a str>,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub data_center_id: Option<&'a str>,
}

/// CreateCustomerGateway.
pub(crate) fn create_customer_gateway(
    topology: &mut Topology,
    params: CustomerGatewayParams<'_>,
) -> Result<Response, CommandError> {
    let CustomerGatewayParams {
        region_id,
        ip_address,
        asn,
        name,
        description,
        data_center_id,
    } = params;
    let address = ip("IpAddress", ip_address)?;
    let asn = asn
        .map(|value| number("Asn", value, limits::ASN.min, limits::ASN.max))
        .transpose()?;
    let region = open_region(topology, region_id)?;
    find_optional(&topology.data_centers, Noun::DataCentre, data_center_id)?;
    if let Some(range) = forbidden_gateway_ranges()
        .into_iter()
        .find(|range| range.contains(&address))
    {
        return Err(CommandError::new(
            ErrorCode::IpForbidden,
            ErrorDetail::AddressNotPublic { address, range },
        ));
    }
    if asn == Some(limits::RESERVED_ASN) {
        return Err(CommandError::new(
            ErrorCode::AsnReserved,
            ErrorDetail::AsnReserved {
                asn: limits::RESERVED_ASN,
            },
        ));
    }
    if let Some(existing) = topology
        .customer_gateways
        .values()
        .find(|cgw| cgw.region_id == region.id && cgw.ip_address == address)
    {
        return Err(CommandError::new(
            ErrorCode::IpAlreadyExist,
            ErrorDetail::AddressRegistered {
                address,
                gateway: existing.id.clone(),
            },
        ));
    }
    let id = topology.next_id(prefix::CUSTOMER_GATEWAY);
    topology.customer_gateways.insert(
        id.clone(),
        CustomerGateway {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            description: description.unwrap_or_default().to_string(),
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
    find(&topology.customer_gateways, Noun::CustomerGateway, id)?;
    let dependants: Vec<Dependant> = topology
        .vpn_connections
        .values()
        .filter(|connection| connection.customer_gateway_id == id)
        .map(|connection| Dependant::Named {
            noun: Noun::IpsecConnection,
            id: connection.id.clone(),
        })
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
    let vpn = find(&topology.vpn_gateways, Noun::VpnGateway, vpn_gateway_id)?;
    let cgw = find(
        &topology.customer_gateways,
        Noun::CustomerGateway,
        customer_gateway_id,
    )?;
    let vpn_region = topology
        .vpc(&vpn.vpc_id)
        .map(|vpc| vpc.region_id.as_str())
        .unwrap_or_default();
    if vpn_region != cgw.region_id {
        return Err(CommandError::new(
            ErrorCode::RegionMismatch,
            ErrorDetail::Apart {
                first: vpn_gateway_id.into(),
                first_in: vpn_region.into(),
                second: customer_gateway_id.into(),
                second_in: cgw.region_id.clone(),
            },
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
    find(&topology.vpn_connections, Noun::IpsecConnection, id)?;
    topology.vpn_connections.remove(id);
    Ok(Response::default().with("VpnConnectionId", id))
}

/// The parameters of CreateVirtualBorderRouter.
pub(crate) struct VbrParams<'a> {
    pub region_id: &'a str,
    pub vlan_id: &'a str,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub vpc_id: Option<&'a str>,
    pub data_center_id: Option<&'a str>,
}

/// CreateVirtualBorderRouter.
pub(crate) fn create_virtual_border_router(
    topology: &mut Topology,
    params: VbrParams<'_>,
) -> Result<Response, CommandError> {
    let VbrParams {
        region_id,
        vlan_id,
        name,
        description,
        vpc_id,
        data_center_id,
    } = params;
    let vlan = number("VlanId", vlan_id, 0, 2999)?;
    let region = open_region(topology, region_id)?;
    let vpc = find_optional(&topology.vpcs, Noun::Vpc, vpc_id)?;
    find_optional(&topology.data_centers, Noun::DataCentre, data_center_id)?;
    if let Some(vpc) = vpc {
        if vpc.region_id != region.id {
            return Err(CommandError::new(
                ErrorCode::RegionMismatch,
                ErrorDetail::InRegionNot {
                    id: vpc.id.clone(),
                    region: vpc.region_id.clone(),
                    expected: region.id.into(),
                },
            ));
        }
    }
    let id = topology.next_id(prefix::VBR);
    topology.vbrs.insert(
        id.clone(),
        VirtualBorderRouter {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            description: description.unwrap_or_default().to_string(),
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
    find(&topology.vbrs, Noun::VirtualBorderRouter, id)?;
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
    find(&topology.data_centers, Noun::DataCentre, id)?;
    let mut dependants: Vec<Dependant> = topology
        .customer_gateways
        .values()
        .filter(|cgw| cgw.data_center_id.as_deref() == Some(id))
        .map(|cgw| Dependant::Named {
            noun: Noun::CustomerGateway,
            id: cgw.id.clone(),
        })
        .collect();
    dependants.extend(
        topology
            .vbrs
            .values()
            .filter(|vbr| vbr.data_center_id.as_deref() == Some(id))
            .map(|vbr| Dependant::Named {
                noun: Noun::VirtualBorderRouter,
                id: vbr.id.clone(),
            }),
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
    fn vpn_gateways_come_in_fixed_bandwidths() {
        let topology = article_base(RuleSet::Y2020).with_rules(RuleSet::Current);
        for (bandwidth, accepted) in [
            ("5", true),
            ("10", true),
            ("1000", true),
            ("7", false),
            ("2000", false),
        ] {
            let step =
                json!({"Action":"CreateVpnGateway","VpcId":"vpc-0001","Bandwidth":bandwidth});
            let mut copy = topology.clone();
            assert_eq!(attempt(&mut copy, step).is_ok(), accepted, "{bandwidth}");
        }
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
