//! NAT gateways and their SNAT and DNAT (forward) tables.
//!
//! A NAT gateway is an enhanced Internet NAT gateway. Creating it adds a `0.0.0.0/0`
//! route entry pointing at it to its VPC's route table (unless the table already routes
//! `0.0.0.0/0`); deleting it removes that entry. Path analysis uses the entry like any
//! custom route. SNAT and DNAT entries use EIPs bound to their gateway. Each VSwitch,
//! instance or block is the source of one SNAT entry (a `SourceCIDR` equal to a VSwitch's
//! block is that VSwitch); in a DNAT table `IpProtocol + ExternalIp + ExternalPort` and
//! `IpProtocol + InternalIp + InternalPort` are each unique. Deleting a gateway with
//! `Force` removes its entries and unbinds its EIPs (they stay allocated).

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::{
    claim_private, dependency, find, find_optional, number, private_address, release_private,
    CommandError, ErrorCode, Response, Topology,
};
use crate::model::catalog::RuleSet;
use crate::model::entity::{
    ForwardEntry, ForwardProtocol, NatGateway, NextHopType, RouteEntry, SnatEntry, SnatSource,
};
use crate::model::error::{Dependant, ErrorDetail, Noun};
use crate::model::topology::prefix;

/// The destination of the route an Internet NAT gateway adds to its VPC's route table.
fn default_route() -> Ipv4Net {
    Ipv4Net::default()
}

/// CreateNatGateway. The gateway is an enhanced Internet NAT gateway: under today's rules
/// it needs a VSwitch, and it adds a `0.0.0.0/0` route entry pointing at itself to the
/// VPC's route table (unless the table already has a `0.0.0.0/0` entry, which then keeps
/// deciding where Internet traffic goes).
pub(crate) fn create_nat_gateway(
    topology: &mut Topology,
    vpc_id: &str,
    vswitch_id: Option<&str>,
    name: Option<&str>,
    description: Option<&str>,
) -> Result<Response, CommandError> {
    if vswitch_id.is_none() && topology.rules() == RuleSet::Current {
        return Err(CommandError::new(
            ErrorCode::MissingParameter,
            ErrorDetail::NatNeedsVswitch,
        ));
    }
    let vpc = find(&topology.vpcs, Noun::Vpc, vpc_id)?;
    let vswitch = find_optional(&topology.vswitches, Noun::Vswitch, vswitch_id)?;
    let address = match vswitch {
        Some(vswitch) if vswitch.vpc_id != vpc.id => {
            return Err(CommandError::new(
                ErrorCode::VpcMismatch,
                ErrorDetail::BelongsToOther {
                    id: vswitch.id.clone(),
                    vpc: vswitch.vpc_id.clone(),
                    expected: vpc_id.into(),
                },
            ))
        }
        Some(vswitch) => Some(private_address(topology, vswitch, None)?),
        None => None,
    };
    let quota = topology.rules().quotas().custom_route_entries_per_table;
    let add_route = !vpc
        .route_entries
        .iter()
        .any(|entry| entry.destination_cidr_block == default_route())
        && vpc.route_entries.len() < quota;
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
            description: description.unwrap_or_default().to_string(),
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
    if add_route {
        let entry_id = topology.next_id(prefix::ROUTE_ENTRY);
        if let Some(vpc) = topology.vpcs.get_mut(vpc_id) {
            vpc.route_entries.push(RouteEntry {
                id: entry_id.clone(),
                destination_cidr_block: default_route(),
                next_hop_type: NextHopType::NatGateway,
                next_hop_id: id.clone(),
                name: String::new(),
                description: String::new(),
            });
        }
        response = response.with("RouteEntryId", entry_id);
    }
    Ok(response)
}

/// DeleteNatGateway: the `0.0.0.0/0` route entry pointing at the gateway goes with it;
/// other routes through it block it. Its SNAT/DNAT entries and bound EIPs block it too
/// unless `force`, which deletes the entries and unbinds the EIPs (as Alibaba's `Force`
/// parameter does).
pub(crate) fn delete_nat_gateway(
    topology: &mut Topology,
    id: &str,
    force: bool,
) -> Result<Response, CommandError> {
    let ngw = find(&topology.nat_gateways, Noun::NatGateway, id)?.clone();
    let own_route = |entry: &RouteEntry| {
        entry.next_hop_id == id && entry.destination_cidr_block == default_route()
    };
    let routes: Vec<Dependant> = topology
        .vpcs
        .values()
        .flat_map(|vpc| vpc.route_entries.iter())
        .filter(|entry| entry.next_hop_id == id && !own_route(entry))
        .map(|entry| Dependant::Route {
            id: entry.id.clone(),
            destination: entry.destination_cidr_block,
        })
        .collect();
    dependency(id, &routes)?;
    if !force {
        let mut dependants: Vec<Dependant> = ngw
            .snat_entries
            .iter()
            .map(|entry| Dependant::Named {
                noun: Noun::SnatEntry,
                id: entry.id.clone(),
            })
            .chain(ngw.forward_entries.iter().map(|entry| Dependant::Named {
                noun: Noun::DnatEntry,
                id: entry.id.clone(),
            }))
            .collect();
        dependants.extend(
            topology
                .eips
                .values()
                .filter(|eip| eip.binding.as_ref().is_some_and(|b| b.instance_id == id))
                .map(|eip| Dependant::Named {
                    noun: Noun::BoundEip,
                    id: eip.id.clone(),
                }),
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
    if let Some(vpc) = topology.vpcs.get_mut(&ngw.vpc_id) {
        vpc.route_entries.retain(|entry| !own_route(entry));
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
        .ok_or_else(|| super::not_found(Noun::NatTable, table))
}

/// Refuses an address that is not an EIP bound to the gateway, with `code`.
fn bound_eip(
    topology: &Topology,
    ngw: &NatGateway,
    param: &str,
    address: Ipv4Addr,
    code: ErrorCode,
) -> Result<(), CommandError> {
    if topology
        .eips_of(&ngw.id)
        .any(|eip| eip.ip_address == address)
    {
        Ok(())
    } else {
        Err(CommandError::new(
            code,
            ErrorDetail::NotBoundToGateway {
                param: param.into(),
                address,
                gateway: ngw.id.clone(),
            },
        ))
    }
}

/// Parses an address parameter with the code the NAT pages document for it.
fn nat_ip(param: &str, value: &str, code: ErrorCode) -> Result<Ipv4Addr, CommandError> {
    crate::model::net::parse_ip(value).ok_or_else(|| {
        CommandError::new(
            code,
            ErrorDetail::NotAnAddress {
                param: param.into(),
                value: value.into(),
            },
        )
    })
}

/// The parameters of CreateSnatEntry.
pub(crate) struct SnatParams<'a> {
    pub table: &'a str,
    pub snat_ip: &'a str,
    pub source_vswitch_id: Option<&'a str>,
    pub source_cidr: Option<&'a str>,
    pub name: Option<&'a str>,
}

/// The block an SNAT source covers: a VSwitch's own block, or the block given.
fn snat_block(topology: &Topology, source: &SnatSource) -> Option<Ipv4Net> {
    match source {
        SnatSource::Vswitch(id) => topology.vswitches.get(id).map(|v| v.cidr_block),
        SnatSource::Cidr(block) => Some(*block),
    }
}

/// CreateSnatEntry. Each VSwitch, instance (`/32`) or block is the source of one entry
/// per table; a `SourceCIDR` equal to a VSwitch's block is that VSwitch.
pub(crate) fn create_snat_entry(
    topology: &mut Topology,
    params: SnatParams<'_>,
) -> Result<Response, CommandError> {
    let address = nat_ip("SnatIp", params.snat_ip, ErrorCode::SnatIpMalformed)?;
    let block = params
        .source_cidr
        .map(|value| super::cidr_or_ip("SourceCIDR", value))
        .transpose()?;
    let source = match (params.source_vswitch_id, block) {
        (Some(vswitch_id), None) => SnatSource::Vswitch(vswitch_id.to_string()),
        (None, Some(block)) => SnatSource::Cidr(block),
        (vswitch, _) => {
            return Err(CommandError::new(
                if vswitch.is_some() {
                    ErrorCode::InvalidParameter
                } else {
                    ErrorCode::MissingParameter
                },
                ErrorDetail::SnatSourceChoice,
            ))
        }
    };
    let ngw = gateway_of_table(topology, params.table)?;
    let vswitch = find_optional(&topology.vswitches, Noun::Vswitch, params.source_vswitch_id)?;
    if let Some(vswitch) = vswitch {
        if vswitch.vpc_id != ngw.vpc_id {
            return Err(CommandError::new(
                ErrorCode::VpcMismatch,
                ErrorDetail::Apart {
                    first: vswitch.id.clone(),
                    first_in: vswitch.vpc_id.clone(),
                    second: ngw.id.clone(),
                    second_in: ngw.vpc_id.clone(),
                },
            ));
        }
    }
    bound_eip(topology, ngw, "SnatIp", address, ErrorCode::SnatIpNotFound)?;
    let covered = snat_block(topology, &source);
    if let Some(entry) = ngw
        .snat_entries
        .iter()
        .find(|entry| snat_block(topology, &entry.source) == covered)
    {
        let (source, vswitch_of_block) = match &source {
            SnatSource::Vswitch(id) => (id.clone(), None),
            SnatSource::Cidr(block) => (
                block.to_string(),
                topology
                    .vswitches_of(&ngw.vpc_id)
                    .find(|vswitch| vswitch.cidr_block == *block)
                    .map(|vswitch| vswitch.id.clone()),
            ),
        };
        return Err(CommandError::new(
            ErrorCode::SnatSourceDuplicated,
            ErrorDetail::SnatSourceTaken {
                source,
                vswitch_of_block,
                entry: entry.id.clone(),
                table: ngw.snat_table_id.clone(),
            },
        ));
    }
    let ngw_id = ngw.id.clone();
    let id = topology.next_id(prefix::SNAT_ENTRY);
    if let Some(ngw) = topology.nat_gateways.get_mut(&ngw_id) {
        ngw.snat_entries.push(SnatEntry {
            id: id.clone(),
            source,
            snat_ip: address,
            name: params.name.unwrap_or_default().to_string(),
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
    pub name: Option<&'a str>,
}

/// A DNAT port: 1 to 65535, or `Any` (only with protocol Any, where both ports are Any).
fn port(
    param: &str,
    value: &str,
    any_protocol: bool,
    code: ErrorCode,
) -> Result<Option<u16>, CommandError> {
    let is_any = value.eq_ignore_ascii_case("any");
    if any_protocol != is_any {
        return Err(CommandError::new(
            code,
            ErrorDetail::PortAnyMismatch {
                param: param.into(),
                value: value.into(),
                any_protocol,
            },
        ));
    }
    if is_any {
        return Ok(None);
    }
    let parsed =
        number(param, value, 1, 65535).map_err(|error| CommandError::new(code, *error.detail))?;
    Ok(u16::try_from(parsed).ok())
}

/// CreateForwardEntry (DNAT). `IpProtocol + ExternalIp + ExternalPort` and
/// `IpProtocol + InternalIp + InternalPort` are each unique in the table.
pub(crate) fn create_forward_entry(
    topology: &mut Topology,
    params: ForwardParams<'_>,
) -> Result<Response, CommandError> {
    let external_ip = nat_ip(
        "ExternalIp",
        params.external_ip,
        ErrorCode::ExternalIpMalformed,
    )?;
    let internal_ip = nat_ip(
        "InternalIp",
        params.internal_ip,
        ErrorCode::InternalIpMalformed,
    )?;
    let Some(protocol) = ForwardProtocol::from_name(params.ip_protocol) else {
        return Err(CommandError::new(
            ErrorCode::ForwardProtocolNotSupported,
            ErrorDetail::ForwardProtocolUnknown {
                value: params.ip_protocol.into(),
            },
        ));
    };
    let any = protocol == ForwardProtocol::Any;
    let external_port = port(
        "ExternalPort",
        params.external_port,
        any,
        ErrorCode::ExternalPortMalformed,
    )?;
    let internal_port = port(
        "InternalPort",
        params.internal_port,
        any,
        ErrorCode::InternalPortMalformed,
    )?;
    let ngw = gateway_of_table(topology, params.table)?;
    bound_eip(
        topology,
        ngw,
        "ExternalIp",
        external_ip,
        ErrorCode::ExternalIpNotFound,
    )?;
    let in_vpc = topology
        .vpc(&ngw.vpc_id)
        .is_some_and(|vpc| vpc.cidr_blocks().any(|block| block.contains(&internal_ip)));
    if !in_vpc {
        return Err(CommandError::new(
            ErrorCode::InternalIpOutOfVpc,
            ErrorDetail::InternalIpOutsideVpc {
                address: internal_ip,
                vpc: ngw.vpc_id.clone(),
            },
        ));
    }
    let show = |port: Option<u16>| port.map_or("Any".to_string(), |port| port.to_string());
    if let Some(entry) = ngw.forward_entries.iter().find(|entry| {
        entry.ip_protocol == protocol
            && entry.external_ip == external_ip
            && entry.external_port == external_port
    }) {
        return Err(CommandError::new(
            ErrorCode::ForwardEntryDuplicated,
            ErrorDetail::ForwardPublicTaken {
                table: ngw.forward_table_id.clone(),
                protocol: protocol.to_string(),
                address: external_ip,
                port: show(external_port),
                entry: entry.id.clone(),
            },
        ));
    }
    if let Some(entry) = ngw.forward_entries.iter().find(|entry| {
        entry.ip_protocol == protocol
            && entry.internal_ip == internal_ip
            && entry.internal_port == internal_port
    }) {
        return Err(CommandError::new(
            ErrorCode::ForwardEntryDuplicated,
            ErrorDetail::ForwardPrivateTaken {
                table: ngw.forward_table_id.clone(),
                protocol: protocol.to_string(),
                address: internal_ip,
                port: show(internal_port),
                entry: entry.id.clone(),
            },
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
            name: params.name.unwrap_or_default().to_string(),
        });
    }
    Ok(Response::created("ForwardEntryId", &id))
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
        assert_eq!(code_of(&topology, snat.clone()), "InvalidSnatIp.NotFound");
        attempt(&mut topology, json!({"Action":"AssociateEipAddress","AllocationId":"eip-0001","InstanceId":"ngw-0001"})).expect("bind");
        attempt(&mut topology, snat.clone()).expect("snat");
        assert_eq!(
            code_of(&topology, snat),
            "Forbidden.SourceVSwitchId.Duplicated"
        );
        let neither =
            json!({"Action":"CreateSnatEntry","SnatTableId":"ngw-0001","SnatIp":"149.129.0.1"});
        assert_eq!(code_of(&topology, neither), "MissingParameter");
        let dnat = json!({"Action":"CreateForwardEntry","ForwardTableId":"ftb-0001","ExternalIp":"149.129.0.1","ExternalPort":"80","IpProtocol":"tcp","InternalIp":"192.168.1.1","InternalPort":"8080"});
        attempt(&mut topology, dnat.clone()).expect("dnat");
        assert_eq!(
            code_of(&topology, dnat),
            "OperationUnsupported.ForwardEntry"
        );
        let outside = json!({"Action":"CreateForwardEntry","ForwardTableId":"ftb-0001","ExternalIp":"149.129.0.1","ExternalPort":"22","IpProtocol":"tcp","InternalIp":"10.0.0.1","InternalPort":"22"});
        assert_eq!(
            code_of(&topology, outside),
            "Forbidden.DestnationIpOutOfVpcCIDR"
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
        assert!(topology
            .vpc("vpc-0001")
            .is_some_and(|vpc| vpc.route_entries.is_empty()));
    }

    fn with_nat_gateway(rules: RuleSet) -> crate::model::Topology {
        let mut topology = article_base(RuleSet::Y2020);
        for step in [
            json!({"Action":"RunInstances","VSwitchId":"vsw-0001"}),
            json!({"Action":"RunInstances","VSwitchId":"vsw-0002"}),
            json!({"Action":"CreateNatGateway","VpcId":"vpc-0001","VSwitchId":"vsw-0001"}),
            json!({"Action":"AllocateEipAddress","RegionId":"ap-south-1"}),
            json!({"Action":"AssociateEipAddress","AllocationId":"eip-0001","InstanceId":"ngw-0001"}),
        ] {
            attempt(&mut topology, step).expect("built");
        }
        topology.with_rules(rules)
    }

    #[test]
    fn a_nat_gateway_brings_its_default_route_and_takes_it_away() {
        let mut topology = with_nat_gateway(RuleSet::Y2020);
        let vpc = topology.vpc("vpc-0001").expect("vpc");
        assert_eq!(vpc.route_entries.len(), 1);
        let entry = &vpc.route_entries[0];
        assert_eq!(entry.destination_cidr_block.to_string(), "0.0.0.0/0");
        assert_eq!(entry.next_hop_type, crate::model::NextHopType::NatGateway);
        assert_eq!(entry.next_hop_id, "ngw-0001");
        let custom = json!({"Action":"CreateRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":"0.0.0.0/0","NextHopId":"i-0001"});
        let error = attempt(&mut topology.clone(), custom.clone()).expect_err("conflict");
        assert_eq!(error.code(), "InvalidRouteEntry.Conflict");
        assert!(
            error.message().contains("added with NAT gateway ngw-0001"),
            "{}",
            error.message()
        );
        // A route of the user's through the gateway blocks its deletion; its own does not.
        attempt(&mut topology, json!({"Action":"CreateRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":"8.8.8.0/24","NextHopId":"ngw-0001","NextHopType":"NatGateway"})).expect("route");
        let delete = json!({"Action":"DeleteNatGateway","NatGatewayId":"ngw-0001","Force":"true"});
        assert_eq!(code_of(&topology, delete.clone()), "DependencyViolation");
        attempt(&mut topology, json!({"Action":"DeleteRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":"8.8.8.0/24"})).expect("gone");
        attempt(&mut topology, delete).expect("deleted");
        assert!(topology
            .vpc("vpc-0001")
            .is_some_and(|vpc| vpc.route_entries.is_empty()));
        attempt(&mut topology, custom).expect("0.0.0.0/0 is free again");
    }

    #[test]
    fn an_existing_default_route_stays_in_charge() {
        let mut topology = article_base(RuleSet::Y2020).with_rules(RuleSet::Current);
        attempt(
            &mut topology,
            json!({"Action":"RunInstances","VSwitchId":"vsw-0001"}),
        )
        .expect("vm");
        attempt(&mut topology, json!({"Action":"CreateRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":"0.0.0.0/0","NextHopId":"i-0001"})).expect("route");
        let no_vswitch = json!({"Action":"CreateNatGateway","VpcId":"vpc-0001"});
        assert_eq!(code_of(&topology, no_vswitch), "MissingParameter");
        let created = attempt(
            &mut topology,
            json!({"Action":"CreateNatGateway","VpcId":"vpc-0001","VSwitchId":"vsw-0002"}),
        )
        .expect("ngw");
        assert_eq!(created.field("RouteEntryId"), None);
        let vpc = topology.vpc("vpc-0001").expect("vpc");
        assert_eq!(vpc.route_entries.len(), 1);
        assert_eq!(vpc.route_entries[0].next_hop_id, "i-0001");
    }

    #[test]
    fn each_source_is_in_one_snat_entry() {
        let mut topology = with_nat_gateway(RuleSet::Y2020);
        let snat = |source: serde_json::Value| {
            let mut step =
                json!({"Action":"CreateSnatEntry","SnatTableId":"stb-0001","SnatIp":"149.129.0.1"});
            if let (Some(step), Some(source)) = (step.as_object_mut(), source.as_object()) {
                step.extend(source.clone());
            }
            step
        };
        attempt(&mut topology, snat(json!({"SourceVSwitchId":"vsw-0001"}))).expect("vswitch");
        // (source, expected code or "" for accepted), applied in order.
        let cases = [
            (
                json!({"SourceCIDR":"192.168.1.0/24"}),
                "Forbidden.SourceVSwitchId.Duplicated",
            ),
            (
                json!({"SourceVSwitchId":"vsw-0001"}),
                "Forbidden.SourceVSwitchId.Duplicated",
            ),
            (json!({"SourceCIDR":"192.168.2.0/24"}), ""),
            (
                json!({"SourceVSwitchId":"vsw-0002"}),
                "Forbidden.SourceVSwitchId.Duplicated",
            ),
            (json!({"SourceCIDR":"192.168.1.1"}), ""),
            (
                json!({"SourceCIDR":"192.168.1.1/32"}),
                "Forbidden.SourceVSwitchId.Duplicated",
            ),
            (json!({"SourceCIDR":"192.168.1.0/25"}), ""),
            (
                json!({"SourceCIDR":"192.168.1.0/25","SourceVSwitchId":"vsw-0001"}),
                "InvalidParameter",
            ),
        ];
        for (source, expected) in cases {
            let result = attempt(&mut topology, snat(source.clone())).map_err(|error| error.code());
            match expected {
                "" => assert!(result.is_ok(), "{source}: {result:?}"),
                code => assert_eq!(result.err(), Some(code), "{source}"),
            }
        }
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"CreateSnatEntry","SnatTableId":"stb-0001","SnatIp":"149.129.0.300","SourceCIDR":"10.0.0.0/8"})
            ),
            "InvalidSnatIp.Malformed"
        );
    }

    #[test]
    fn dnat_entries_are_unique_on_both_sides() {
        let mut topology = with_nat_gateway(RuleSet::Current);
        let dnat = |external: &str, protocol: &str, internal: &str, port: &str| json!({"Action":"CreateForwardEntry","ForwardTableId":"ftb-0001","ExternalIp":"149.129.0.1","ExternalPort":external,"IpProtocol":protocol,"InternalIp":internal,"InternalPort":port});
        attempt(&mut topology, dnat("80", "TCP", "192.168.1.1", "80")).expect("first");
        // (external port, protocol, internal address, internal port, expected)
        let cases = [
            (
                "80",
                "tcp",
                "192.168.2.1",
                "80",
                "OperationUnsupported.ForwardEntry",
            ),
            (
                "8080",
                "TCP",
                "192.168.1.1",
                "80",
                "OperationUnsupported.ForwardEntry",
            ),
            ("80", "UDP", "192.168.1.1", "80", ""),
            ("8080", "TCP", "192.168.1.1", "8080", ""),
            (
                "Any",
                "TCP",
                "192.168.2.1",
                "22",
                "InvalidExternalPort.Malformed",
            ),
            (
                "22",
                "Any",
                "192.168.2.1",
                "22",
                "InvalidExternalPort.Malformed",
            ),
            (
                "Any",
                "Any",
                "192.168.2.1",
                "22",
                "InvalidInternalPort.Malformed",
            ),
            (
                "0",
                "TCP",
                "192.168.2.1",
                "22",
                "InvalidExternalPort.Malformed",
            ),
            (
                "22",
                "TCP",
                "192.168.2.1",
                "65536",
                "InvalidInternalPort.Malformed",
            ),
            (
                "22",
                "ICMP",
                "192.168.2.1",
                "22",
                "InvalidProtocal.ValueNotSupported",
            ),
            (
                "22",
                "TCP",
                "192.168.2.300",
                "22",
                "InvalidInternalIp.Malformed",
            ),
            ("22", "TCP", "192.168.200.9", "22", ""),
            ("Any", "Any", "192.168.2.1", "Any", ""),
        ];
        for (external, protocol, internal, port, expected) in cases {
            let result = attempt(&mut topology, dnat(external, protocol, internal, port))
                .map_err(|error| error.code());
            match expected {
                "" => assert!(
                    result.is_ok(),
                    "{external} {protocol} {internal}:{port}: {result:?}"
                ),
                code => assert_eq!(
                    result.err(),
                    Some(code),
                    "{external} {protocol} {internal}:{port}"
                ),
            }
        }
        let elsewhere = json!({"Action":"CreateForwardEntry","ForwardTableId":"ftb-0001","ExternalIp":"149.129.9.9","ExternalPort":"22","IpProtocol":"TCP","InternalIp":"192.168.1.1","InternalPort":"22"});
        assert_eq!(code_of(&topology, elsewhere), "InvalidExternalIp.NotFound");
        let malformed = json!({"Action":"CreateForwardEntry","ForwardTableId":"ftb-0001","ExternalIp":"149.129.0.01","ExternalPort":"22","IpProtocol":"TCP","InternalIp":"192.168.1.1","InternalPort":"22"});
        assert_eq!(code_of(&topology, malformed), "InvalidExternalIp.Malformed");
    }
}
