//! VPCs, secondary blocks and VSwitches (custom route entries are in [`super::routes`]).
//!
//! A VPC block has a netmask from /8 to /28, a VSwitch block from /16 to /29 inside one of
//! its VPC's blocks. VSwitch blocks of a VPC never overlap each other, and never contain
//! (or equal) a custom route destination; they may sit inside one.

use super::{
    cidr, dependency, find, mask_within, not_forbidden, open_region, CommandError, ErrorCode,
    Response, Topology,
};
use crate::model::catalog;
use crate::model::entity::{SnatSource, Vpc, Vswitch};
use crate::model::error::{Dependant, ErrorDetail, Noun};
use crate::model::limits;
use crate::model::net::{is_inside, overlaps, AddressBook};
use crate::model::topology::prefix;
use ipnet::Ipv4Net;

/// The block a VPC gets when CreateVpc names none.
pub const DEFAULT_VPC_CIDR: &str = "172.16.0.0/12";

/// CreateVpc.
pub(crate) fn create_vpc(
    topology: &mut Topology,
    region_id: &str,
    cidr_block: Option<&str>,
    name: Option<&str>,
    description: Option<&str>,
) -> Result<Response, CommandError> {
    let block = cidr("CidrBlock", cidr_block.unwrap_or(DEFAULT_VPC_CIDR))?;
    let region = open_region(topology, region_id)?;
    not_forbidden("CidrBlock", block)?;
    mask_within(
        Noun::Vpc,
        block,
        limits::VPC_PREFIX.min,
        limits::VPC_PREFIX.max,
    )?;
    let quota = topology.rules().quotas().vpcs_per_region;
    let count = topology.vpcs_in(region.id).count();
    if count >= quota {
        return Err(CommandError::new(
            ErrorCode::QuotaVpc,
            ErrorDetail::VpcQuota {
                region: region.id.into(),
                count,
                quota,
            },
        ));
    }

    let id = topology.next_id(prefix::VPC);
    let vrouter_id = topology.next_id(prefix::VROUTER);
    let route_table_id = topology.next_id(prefix::ROUTE_TABLE);
    topology.vpcs.insert(
        id.clone(),
        Vpc {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            description: description.unwrap_or_default().to_string(),
            region_id: region.id.to_string(),
            cidr_block: block,
            secondary_cidr_blocks: Vec::new(),
            vrouter_id: vrouter_id.clone(),
            route_table_id: route_table_id.clone(),
            route_entries: Vec::new(),
        },
    );
    Ok(Response::created("VpcId", &id)
        .with("VRouterId", vrouter_id)
        .with("RouteTableId", route_table_id)
        .with("CidrBlock", block))
}

/// DeleteVpc. Its default security group goes with it; anything else blocks it.
pub(crate) fn delete_vpc(topology: &mut Topology, vpc_id: &str) -> Result<Response, CommandError> {
    let vpc = find(&topology.vpcs, Noun::Vpc, vpc_id)?;
    let named = |noun: Noun, id: &str| Dependant::Named {
        noun,
        id: id.to_string(),
    };
    let mut dependants: Vec<Dependant> = topology
        .vswitches_of(vpc_id)
        .map(|vswitch| named(Noun::Vswitch, &vswitch.id))
        .collect();
    dependants.extend(
        topology
            .nat_gateways_of(vpc_id)
            .map(|n| named(Noun::NatGateway, &n.id)),
    );
    dependants.extend(
        topology
            .vpn_gateways_of(vpc_id)
            .map(|v| named(Noun::VpnGateway, &v.id)),
    );
    dependants.extend(
        topology
            .security_groups_of(vpc_id)
            .filter(|sg| !sg.is_default)
            .map(|sg| Dependant::Named {
                noun: Noun::SecurityGroup,
                id: sg.id.clone(),
            }),
    );
    dependants.extend(vpc.route_entries.iter().map(|entry| Dependant::Route {
        id: entry.id.clone(),
        destination: entry.destination_cidr_block,
    }));
    dependants.extend(
        topology
            .vbrs
            .values()
            .filter(|vbr| vbr.vpc_id.as_deref() == Some(vpc_id))
            .map(|vbr| Dependant::Named {
                noun: Noun::VirtualBorderRouter,
                id: vbr.id.clone(),
            }),
    );
    dependency(vpc_id, &dependants)?;

    topology.vpcs.remove(vpc_id);
    topology.security_groups.retain(|_, sg| sg.vpc_id != vpc_id);
    Ok(Response::default().with("VpcId", vpc_id))
}

/// AssociateVpcCidrBlock.
pub(crate) fn associate_vpc_cidr_block(
    topology: &mut Topology,
    vpc_id: &str,
    secondary: &str,
    region_id: Option<&str>,
) -> Result<Response, CommandError> {
    let block = cidr("SecondaryCidrBlock", secondary)?;
    let vpc = find(&topology.vpcs, Noun::Vpc, vpc_id)?;
    if let Some(region_id) = region_id {
        if catalog::region(region_id).is_none() {
            return Err(CommandError::new(
                ErrorCode::RegionNotFound,
                ErrorDetail::RegionUnknown {
                    region: region_id.into(),
                },
            ));
        }
        if region_id != vpc.region_id {
            return Err(CommandError::new(
                ErrorCode::RegionMismatch,
                ErrorDetail::InRegionNot {
                    id: vpc_id.into(),
                    region: vpc.region_id.clone(),
                    expected: region_id.into(),
                },
            ));
        }
    }
    not_forbidden("SecondaryCidrBlock", block)?;
    mask_within(
        Noun::Vpc,
        block,
        limits::VPC_PREFIX.min,
        limits::VPC_PREFIX.max,
    )?;
    if let Some(existing) = vpc
        .cidr_blocks()
        .find(|existing| overlaps(*existing, block))
    {
        return Err(CommandError::new(
            ErrorCode::CidrOverlapped,
            ErrorDetail::OverlapsVpcBlock {
                block,
                existing,
                vpc: vpc_id.into(),
            },
        ));
    }
    let quota = topology.rules().quotas().secondary_cidrs_per_vpc;
    if vpc.secondary_cidr_blocks.len() >= quota {
        return Err(CommandError::new(
            ErrorCode::QuotaSecondaryCidr,
            ErrorDetail::SecondaryQuota {
                vpc: vpc_id.into(),
                quota,
            },
        ));
    }

    if let Some(vpc) = topology.vpcs.get_mut(vpc_id) {
        vpc.secondary_cidr_blocks.push(block);
    }
    Ok(Response::default()
        .with("VpcId", vpc_id)
        .with("CidrBlock", block))
}

/// The parameters of CreateVSwitch.
pub(crate) struct NewVswitch<'a> {
    pub vpc_id: &'a str,
    pub zone_id: &'a str,
    pub cidr_block: &'a str,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
}

/// CreateVSwitch.
pub(crate) fn create_vswitch(
    topology: &mut Topology,
    params: NewVswitch<'_>,
) -> Result<Response, CommandError> {
    let NewVswitch {
        vpc_id,
        zone_id,
        cidr_block,
        name,
        description,
    } = params;
    let block = cidr("CidrBlock", cidr_block)?;
    let vpc = find(&topology.vpcs, Noun::Vpc, vpc_id)?;
    let in_region = catalog::region(&vpc.region_id).is_some_and(|region| region.has_zone(zone_id));
    if !in_region {
        let zones = catalog::region(&vpc.region_id).map_or(Vec::new(), |r| {
            r.zones.iter().map(|zone| (*zone).to_string()).collect()
        });
        return Err(CommandError::new(
            ErrorCode::ZoneNotFound,
            ErrorDetail::ZoneNotInRegion {
                zone: zone_id.into(),
                region: vpc.region_id.clone(),
                zones,
            },
        ));
    }
    not_forbidden("CidrBlock", block)?;
    mask_within(
        Noun::Vswitch,
        block,
        limits::VSWITCH_PREFIX.min,
        limits::VSWITCH_PREFIX.max,
    )?;
    if !vpc.cidr_blocks().any(|outer| is_inside(block, outer)) {
        let blocks: Vec<Ipv4Net> = vpc.cidr_blocks().collect();
        return Err(CommandError::new(
            ErrorCode::CidrNotInVpc,
            ErrorDetail::NotInsideVpc {
                block,
                vpc: vpc_id.into(),
                blocks,
            },
        ));
    }
    if let Some(other) = topology
        .vswitches_of(vpc_id)
        .find(|other| overlaps(other.cidr_block, block))
    {
        return Err(CommandError::new(
            ErrorCode::CidrOverlapped,
            ErrorDetail::OverlapsVswitch {
                block,
                vswitch: other.id.clone(),
                vswitch_block: other.cidr_block,
            },
        ));
    }
    if let Some(entry) = vpc
        .route_entries
        .iter()
        .find(|entry| is_inside(entry.destination_cidr_block, block))
    {
        return Err(CommandError::new(
            ErrorCode::CidrOverlapped,
            ErrorDetail::ContainsRouteDestination {
                block,
                entry: entry.id.clone(),
                destination: entry.destination_cidr_block,
            },
        ));
    }
    let quota = topology.rules().quotas().vswitches_per_vpc;
    let count = topology.vswitches_of(vpc_id).count();
    if count >= quota {
        return Err(CommandError::new(
            ErrorCode::QuotaVswitch,
            ErrorDetail::VswitchQuota {
                vpc: vpc_id.into(),
                count,
                quota,
                rules: topology.rules(),
            },
        ));
    }

    let id = topology.next_id(prefix::VSWITCH);
    topology.vswitches.insert(
        id.clone(),
        Vswitch {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            description: description.unwrap_or_default().to_string(),
            vpc_id: vpc_id.to_string(),
            zone_id: zone_id.to_string(),
            cidr_block: block,
        },
    );
    topology
        .private_books
        .insert(id.clone(), AddressBook::for_vswitch(block));
    Ok(Response::created("VSwitchId", &id).with("CidrBlock", block))
}

/// DeleteVSwitch.
pub(crate) fn delete_vswitch(
    topology: &mut Topology,
    vswitch_id: &str,
) -> Result<Response, CommandError> {
    find(&topology.vswitches, Noun::Vswitch, vswitch_id)?;
    let mut dependants: Vec<Dependant> = topology
        .used_addresses(vswitch_id)
        .map(|(address, owner)| Dependant::Address {
            owner: owner.to_string(),
            address,
        })
        .collect();
    for ngw in topology.nat_gateways.values() {
        for entry in &ngw.snat_entries {
            if entry.source == SnatSource::Vswitch(vswitch_id.to_string()) {
                dependants.push(Dependant::SnatOf {
                    id: entry.id.clone(),
                    gateway: ngw.id.clone(),
                });
            }
        }
    }
    dependency(vswitch_id, &dependants)?;

    topology.vswitches.remove(vswitch_id);
    topology.private_books.remove(vswitch_id);
    Ok(Response::default().with("VSwitchId", vswitch_id))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::apply::test_support::{article_base, attempt, build, code_of};
    use crate::model::catalog::RuleSet;

    fn vsw(cidr: &str) -> serde_json::Value {
        json!({"Action":"CreateVSwitch","VpcId":"vpc-0001","ZoneId":"ap-south-1a","CidrBlock":cidr})
    }

    #[test]
    fn create_vpc_answers_ids_and_defaults_to_172_16() {
        let mut topology = crate::model::Topology::new(RuleSet::Y2020);
        let response = attempt(
            &mut topology,
            json!({"Action":"CreateVpc","RegionId":"ap-south-1"}),
        )
        .expect("created");
        assert_eq!(response.field("VpcId"), Some("vpc-0001"));
        assert_eq!(response.field("VRouterId"), Some("vrt-0001"));
        assert_eq!(response.field("RouteTableId"), Some("vtb-0001"));
        assert_eq!(response.field("CidrBlock"), Some("172.16.0.0/12"));
    }

    #[test]
    fn create_vpc_rules_in_precedence_order() {
        let empty = crate::model::Topology::new(RuleSet::Current);
        let vpc = |region: &str, cidr: &str| json!({"Action":"CreateVpc","RegionId":region,"CidrBlock":cidr});
        assert_eq!(
            code_of(&empty, vpc("mars-1", "10.0.0.0/33")),
            "InvalidCidrBlock.Malformed"
        );
        assert_eq!(
            code_of(&empty, vpc("mars-1", "10.0.0.0/8")),
            "InvalidRegionId.NotFound"
        );
        assert_eq!(
            code_of(&empty, vpc("ap-south-1", "10.0.0.0/8")),
            "InvalidRegionId.Closed"
        );
        assert_eq!(
            code_of(&empty, vpc("cn-hangzhou", "100.64.0.0/30")),
            "InvalidCidrBlock.Forbidden"
        );
        assert_eq!(
            code_of(&empty, vpc("cn-hangzhou", "169.254.0.0/16")),
            "InvalidCidrBlock.Forbidden"
        );
        assert_eq!(
            code_of(&empty, vpc("cn-hangzhou", "10.0.0.0/29")),
            "InvalidCidrBlock.MaskOutOfRange"
        );
        assert_eq!(
            code_of(&empty, vpc("cn-hangzhou", "8.0.0.0/7")),
            "InvalidCidrBlock.MaskOutOfRange"
        );
        assert_eq!(
            code_of(&empty, vpc("cn-hangzhou", "10.0.0.1/8")),
            "InvalidCidrBlock.Malformed"
        );
    }

    #[test]
    fn ten_vpcs_per_region_then_quota() {
        let steps: Vec<_> = (0..10)
            .map(
                |_| json!({"Action":"CreateVpc","RegionId":"cn-hangzhou","CidrBlock":"10.0.0.0/8"}),
            )
            .collect();
        let topology = build(RuleSet::Current, &steps);
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"CreateVpc","RegionId":"cn-hangzhou"})
            ),
            "QuotaExceeded.Vpc"
        );
        // Another region has its own quota, and two VPCs may share a block.
        let mut topology = topology;
        attempt(
            &mut topology,
            json!({"Action":"CreateVpc","RegionId":"cn-beijing","CidrBlock":"10.0.0.0/8"}),
        )
        .expect("other region");
    }

    #[test]
    fn vswitch_rules_in_precedence_order() {
        let topology = article_base(RuleSet::Y2020);
        assert_eq!(
            code_of(&topology, vsw("192.168.3.0/33")),
            "InvalidCidrBlock.Malformed"
        );
        assert_eq!(
            code_of(&topology, vsw("192.168.3.1/24")),
            "InvalidCidrBlock.Malformed"
        );
        let unknown = json!({"Action":"CreateVSwitch","VpcId":"vpc-0099","ZoneId":"ap-south-1a","CidrBlock":"192.168.3.0/24"});
        assert_eq!(code_of(&topology, unknown), "InvalidResourceId.NotFound");
        let zone = json!({"Action":"CreateVSwitch","VpcId":"vpc-0001","ZoneId":"cn-hangzhou-b","CidrBlock":"100.64.0.0/24"});
        assert_eq!(code_of(&topology, zone), "InvalidZoneId.NotFound");
        assert_eq!(
            code_of(&topology, vsw("100.64.0.0/24")),
            "InvalidCidrBlock.Forbidden"
        );
        assert_eq!(
            code_of(&topology, vsw("192.168.0.0/30")),
            "InvalidCidrBlock.MaskOutOfRange"
        );
        assert_eq!(
            code_of(&topology, vsw("192.0.0.0/15")),
            "InvalidCidrBlock.MaskOutOfRange"
        );
        assert_eq!(
            code_of(&topology, vsw("10.0.0.0/24")),
            "InvalidCidrBlock.NotInVpc"
        );
        assert_eq!(
            code_of(&topology, vsw("192.168.1.128/25")),
            "InvalidCidrBlock.Overlapped"
        );
        assert_eq!(
            code_of(&topology, vsw("192.168.0.0/16")),
            "InvalidCidrBlock.Overlapped"
        );
    }

    #[test]
    fn overlap_message_names_the_other_vswitch() {
        let mut topology = article_base(RuleSet::Y2020);
        let error = attempt(&mut topology, vsw("192.168.1.128/25")).expect_err("overlap");
        assert_eq!(
            error.message(),
            "192.168.1.128/25 overlaps vsw-0001 (192.168.1.0/24)"
        );
    }

    #[test]
    fn a_vswitch_may_span_its_whole_vpc() {
        let mut topology = build(
            RuleSet::Y2020,
            &[json!({"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"192.168.0.0/16"})],
        );
        attempt(&mut topology, vsw("192.168.0.0/16")).expect("equal counts as inside");
    }

    #[test]
    fn vswitch_quota_is_24_in_2020_and_150_now() {
        for (rules, quota) in [(RuleSet::Y2020, 24), (RuleSet::Current, 150)] {
            let mut steps = vec![
                json!({"Action":"CreateVpc","RegionId":"cn-hangzhou","CidrBlock":"10.0.0.0/8"}),
            ];
            steps.extend((0..quota).map(|n| {
                json!({"Action":"CreateVSwitch","VpcId":"vpc-0001","ZoneId":"cn-hangzhou-b","CidrBlock":format!("10.0.{n}.0/24")})
            }));
            let topology = build(rules, &steps);
            let one_more = json!({"Action":"CreateVSwitch","VpcId":"vpc-0001","ZoneId":"cn-hangzhou-b","CidrBlock":"10.1.0.0/24"});
            assert_eq!(
                code_of(&topology, one_more),
                "QuotaExceeded.VSwitch",
                "{rules:?}"
            );
        }
    }

    #[test]
    fn secondary_blocks_extend_the_vpc_up_to_five() {
        let mut topology = article_base(RuleSet::Y2020);
        let add = |cidr: &str| json!({"Action":"AssociateVpcCidrBlock","VpcId":"vpc-0001","SecondaryCidrBlock":cidr});
        assert_eq!(
            code_of(&topology, add("192.168.128.0/17")),
            "InvalidCidrBlock.Overlapped"
        );
        assert_eq!(
            code_of(&topology, add("127.0.0.0/8")),
            "InvalidCidrBlock.Forbidden"
        );
        assert_eq!(
            code_of(&topology, add("10.0.0.0/29")),
            "InvalidCidrBlock.MaskOutOfRange"
        );
        for n in 0..5 {
            attempt(&mut topology, add(&format!("10.{n}.0.0/16"))).expect("secondary");
        }
        assert_eq!(
            code_of(&topology, add("10.9.0.0/16")),
            "QuotaExceeded.SecondaryCidrBlock"
        );
        attempt(&mut topology, vsw("10.2.3.0/24")).expect("inside a secondary block");
        let wrong_region = json!({"Action":"AssociateVpcCidrBlock","VpcId":"vpc-0001","SecondaryCidrBlock":"172.16.0.0/16","RegionId":"cn-hangzhou"});
        assert_eq!(code_of(&topology, wrong_region), "InvalidRegionId.Mismatch");
    }

    #[test]
    fn delete_vpc_needs_it_empty() {
        let mut topology = article_base(RuleSet::Y2020);
        assert_eq!(
            code_of(&topology, json!({"Action":"DeleteVpc","VpcId":"vpc-0001"})),
            "DependencyViolation"
        );
        attempt(
            &mut topology,
            json!({"Action":"DeleteVSwitch","VSwitchId":"vsw-0001"}),
        )
        .expect("empty");
        attempt(
            &mut topology,
            json!({"Action":"DeleteVSwitch","VSwitchId":"vsw-0002"}),
        )
        .expect("empty");
        attempt(
            &mut topology,
            json!({"Action":"DeleteVpc","VpcId":"vpc-0001"}),
        )
        .expect("empty");
        assert_eq!(
            code_of(&topology, json!({"Action":"DeleteVpc","VpcId":"vpc-0001"})),
            "InvalidResourceId.NotFound"
        );
    }

    #[test]
    fn delete_vswitch_with_an_instance_is_a_dependency_violation() {
        let mut topology = article_base(RuleSet::Y2020);
        attempt(
            &mut topology,
            json!({"Action":"RunInstances","VSwitchId":"vsw-0001"}),
        )
        .expect("run");
        let mut copy = topology.clone();
        let error = attempt(
            &mut copy,
            json!({"Action":"DeleteVSwitch","VSwitchId":"vsw-0001"}),
        )
        .expect_err("blocked");
        assert_eq!(error.code(), "DependencyViolation");
        assert_eq!(error.message(), "vsw-0001 still has i-0001 (192.168.1.1)");
    }
}
