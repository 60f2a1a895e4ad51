//! Custom route entries of a VPC's route table.
//!
//! A destination may not equal or sit inside a VSwitch block, sit inside 100.64.0.0/10,
//! or repeat in the table (a NAT gateway's own `0.0.0.0/0` entry included); written
//! without a mask it is one host (/32). A next hop belongs to the table's VPC (a VBR to its
//! region) and has the stated type, which is inferred from the id when absent.

use super::{cidr_or_ip, not_found, CommandError, ErrorCode, Response, Topology};
use crate::model::catalog::cloud_services_cidr;
use crate::model::entity::{NextHopType, RouteEntry};
use crate::model::error::{ErrorDetail, Noun};
use crate::model::net::is_inside;
use crate::model::topology::prefix;

/// What a next hop id names, and the VPC (or region) it belongs to.
fn next_hop(topology: &Topology, id: &str) -> Option<(NextHopType, Option<String>, String)> {
    if let Some(vpc) = topology.vpc_of_instance(id) {
        return Some((
            NextHopType::Instance,
            Some(vpc.id.clone()),
            vpc.region_id.clone(),
        ));
    }
    if let Some(vpn) = topology.vpn_gateways.get(id) {
        let region = topology.vpc(&vpn.vpc_id).map(|v| v.region_id.clone());
        return Some((
            NextHopType::VpnGateway,
            Some(vpn.vpc_id.clone()),
            region.unwrap_or_default(),
        ));
    }
    if let Some(ngw) = topology.nat_gateways.get(id) {
        let region = topology.vpc(&ngw.vpc_id).map(|v| v.region_id.clone());
        return Some((
            NextHopType::NatGateway,
            Some(ngw.vpc_id.clone()),
            region.unwrap_or_default(),
        ));
    }
    if let Some(vbr) = topology.vbrs.get(id) {
        return Some((
            NextHopType::RouterInterface,
            vbr.vpc_id.clone(),
            vbr.region_id.clone(),
        ));
    }
    None
}

/// The parameters of CreateRouteEntry.
pub(crate) struct NewRouteEntry<'a> {
    pub route_table_id: &'a str,
    pub destination: &'a str,
    pub next_hop_id: &'a str,
    pub next_hop_type: Option<&'a str>,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
}

/// CreateRouteEntry. A destination written without a mask is a host (/32), as the API
/// reads it.
pub(crate) fn create_route_entry(
    topology: &mut Topology,
    params: NewRouteEntry<'_>,
) -> Result<Response, CommandError> {
    let NewRouteEntry {
        route_table_id,
        destination,
        next_hop_id,
        next_hop_type,
        name,
        description,
    } = params;
    let block = cidr_or_ip("DestinationCidrBlock", destination)?;
    let stated = next_hop_type
        .map(|name| {
            NextHopType::from_name(name).ok_or_else(|| {
                CommandError::new(
                    ErrorCode::InvalidParameter,
                    ErrorDetail::NextHopTypeUnknown { value: name.into() },
                )
            })
        })
        .transpose()?;
    let vpc = topology
        .vpc_of_route_table(route_table_id)
        .ok_or_else(|| not_found(Noun::RouteTable, route_table_id))?;
    let (kind, hop_vpc, hop_region) =
        next_hop(topology, next_hop_id).ok_or_else(|| not_found(Noun::NextHop, next_hop_id))?;
    if let Some(stated) = stated {
        if stated != kind {
            return Err(CommandError::new(
                ErrorCode::NextHopMismatch,
                ErrorDetail::NextHopWrongType {
                    id: next_hop_id.into(),
                    actual: kind.name().into(),
                    stated: stated.name().into(),
                },
            ));
        }
    }
    let same_place = match (kind, hop_vpc.as_deref()) {
        (NextHopType::RouterInterface, None) => hop_region == vpc.region_id,
        (_, hop_vpc) => hop_vpc == Some(vpc.id.as_str()),
    };
    if !same_place {
        return Err(CommandError::new(
            ErrorCode::NextHopMismatch,
            ErrorDetail::NextHopElsewhere {
                id: next_hop_id.into(),
                vpc: vpc.id.clone(),
                table: vpc.route_table_id.clone(),
            },
        ));
    }
    let conflict =
        |detail: ErrorDetail| Err(CommandError::new(ErrorCode::RouteEntryConflict, detail));
    if is_inside(block, cloud_services_cidr()) {
        return conflict(ErrorDetail::RouteInCloudServices {
            block,
            services: cloud_services_cidr(),
        });
    }
    if let Some(vswitch) = topology
        .vswitches_of(&vpc.id)
        .find(|vswitch| is_inside(block, vswitch.cidr_block))
    {
        return conflict(ErrorDetail::RouteInVswitch {
            block,
            vswitch: vswitch.id.clone(),
            vswitch_block: vswitch.cidr_block,
        });
    }
    if let Some(entry) = vpc
        .route_entries
        .iter()
        .find(|entry| entry.destination_cidr_block == block)
    {
        let nat_gateway =
            (entry.next_hop_type == NextHopType::NatGateway).then(|| entry.next_hop_id.clone());
        return conflict(ErrorDetail::RouteRepeated {
            table: vpc.route_table_id.clone(),
            block,
            entry: entry.id.clone(),
            nat_gateway,
        });
    }
    let quota = topology.rules().quotas().custom_route_entries_per_table;
    if vpc.route_entries.len() >= quota {
        return Err(CommandError::new(
            ErrorCode::QuotaRouteEntry,
            ErrorDetail::RouteQuota {
                table: vpc.route_table_id.clone(),
                quota,
            },
        ));
    }

    let vpc_id = vpc.id.clone();
    let table = vpc.route_table_id.clone();
    let id = topology.next_id(prefix::ROUTE_ENTRY);
    if let Some(vpc) = topology.vpcs.get_mut(&vpc_id) {
        vpc.route_entries.push(RouteEntry {
            id: id.clone(),
            destination_cidr_block: block,
            next_hop_type: kind,
            next_hop_id: next_hop_id.to_string(),
            name: name.unwrap_or_default().to_string(),
            description: description.unwrap_or_default().to_string(),
        });
    }
    Ok(Response::created("RouteEntryId", &id).with("RouteTableId", table))
}

/// DeleteRouteEntry, by entry id or by table and destination.
pub(crate) fn delete_route_entry(
    topology: &mut Topology,
    route_entry_id: Option<&str>,
    route_table_id: Option<&str>,
    destination: Option<&str>,
    next_hop_id: Option<&str>,
) -> Result<Response, CommandError> {
    let block = destination
        .map(|text| cidr_or_ip("DestinationCidrBlock", text))
        .transpose()?;
    let (vpc_id, entry_id) = match (route_entry_id, route_table_id, block) {
        (Some(entry_id), _, _) => {
            let vpc = topology
                .vpcs
                .values()
                .find(|vpc| vpc.route_entries.iter().any(|e| e.id == entry_id))
                .ok_or_else(|| not_found(Noun::RouteEntry, entry_id))?;
            (vpc.id.clone(), entry_id.to_string())
        }
        (None, Some(table), Some(block)) => {
            let vpc = topology
                .vpc_of_route_table(table)
                .ok_or_else(|| not_found(Noun::RouteTable, table))?;
            let entry = vpc
                .route_entries
                .iter()
                .find(|entry| {
                    entry.destination_cidr_block == block
                        && next_hop_id.is_none_or(|hop| hop == entry.next_hop_id)
                })
                .ok_or_else(|| {
                    CommandError::new(
                        ErrorCode::RouteEntryNotFound,
                        ErrorDetail::NoCustomRoute {
                            table: vpc.route_table_id.clone(),
                            block,
                        },
                    )
                })?;
            (vpc.id.clone(), entry.id.clone())
        }
        _ => {
            return Err(CommandError::new(
                ErrorCode::MissingParameter,
                ErrorDetail::DeleteRouteNeedsIds,
            ))
        }
    };
    if let Some(vpc) = topology.vpcs.get_mut(&vpc_id) {
        vpc.route_entries.retain(|entry| entry.id != entry_id);
    }
    Ok(Response::default().with("RouteEntryId", entry_id))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::apply::test_support::{article_base, attempt, code_of};
    use crate::model::catalog::RuleSet;

    #[test]
    fn route_entry_conflicts() {
        let mut topology = article_base(RuleSet::Y2020);
        attempt(
            &mut topology,
            json!({"Action":"RunInstances","VSwitchId":"vsw-0001"}),
        )
        .expect("run");
        let route = |dest: &str| json!({"Action":"CreateRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":dest,"NextHopId":"i-0001"});
        assert_eq!(
            code_of(&topology, route("192.168.1.0/24")),
            "InvalidRouteEntry.Conflict"
        );
        assert_eq!(
            code_of(&topology, route("192.168.1.64/26")),
            "InvalidRouteEntry.Conflict"
        );
        assert_eq!(
            code_of(&topology, route("100.64.8.0/24")),
            "InvalidRouteEntry.Conflict"
        );
        assert_eq!(
            code_of(&topology, route("10.0.0.0/33")),
            "InvalidCidrBlock.Malformed"
        );
        let response = attempt(&mut topology, route("0.0.0.0/0")).expect("default route");
        assert_eq!(response.field("RouteEntryId"), Some("rte-0001"));
        assert_eq!(
            code_of(&topology, route("0.0.0.0/0")),
            "InvalidRouteEntry.Conflict"
        );
        // The VPC id is accepted as the route table.
        let by_vpc = json!({"Action":"CreateRouteEntry","RouteTableId":"vpc-0001","DestinationCidrBlock":"10.0.0.0/8","NextHopId":"i-0001","NextHopType":"Instance"});
        attempt(&mut topology, by_vpc).expect("by VPC id");
        let wrong_type = json!({"Action":"CreateRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":"10.0.0.0/8","NextHopId":"i-0001","NextHopType":"VpnGateway"});
        assert_eq!(code_of(&topology, wrong_type), "InvalidNextHop.Mismatch");
        // A VSwitch may not contain a custom destination.
        let inner = json!({"Action":"CreateVSwitch","VpcId":"vpc-0001","ZoneId":"ap-south-1a","CidrBlock":"192.168.0.0/24"});
        attempt(&mut topology, json!({"Action":"CreateRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":"192.168.0.128/25","NextHopId":"i-0001"}))
            .expect("route");
        assert_eq!(code_of(&topology, inner), "InvalidCidrBlock.Overlapped");
        // Deleting the next hop is blocked by the routes through it.
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"DeleteInstance","InstanceId":"i-0001"})
            ),
            "DependencyViolation"
        );
        attempt(
            &mut topology,
            json!({"Action":"DeleteRouteEntry","RouteEntryId":"rte-0001"}),
        )
        .expect("by id");
        attempt(&mut topology, json!({"Action":"DeleteRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":"10.0.0.0/8"}))
            .expect("by destination");
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"DeleteRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":"10.0.0.0/8"})
            ),
            "InvalidRouteEntry.NotFound"
        );
    }

    #[test]
    fn route_entry_quota_is_200() {
        let mut topology = article_base(RuleSet::Y2020);
        attempt(
            &mut topology,
            json!({"Action":"RunInstances","VSwitchId":"vsw-0001"}),
        )
        .expect("run");
        for n in 0..200u32 {
            let dest = format!("10.{}.{}.0/24", n / 256, n % 256);
            attempt(&mut topology, json!({"Action":"CreateRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":dest,"NextHopId":"i-0001"}))
                .expect("route");
        }
        let one_more = json!({"Action":"CreateRouteEntry","RouteTableId":"vtb-0001","DestinationCidrBlock":"172.16.0.0/12","NextHopId":"i-0001"});
        assert_eq!(code_of(&topology, one_more), "QuotaExceeded.RouteEntry");
    }
}
