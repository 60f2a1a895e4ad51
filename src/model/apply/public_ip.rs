//! Public addresses: converting a NatPublicIP, and the life of an EIP.
//!
//! An instance has at most one public address: a NatPublicIP (from its bandwidth at
//! creation) or one EIP. An EIP is allocated in a region, bound to one resource of that
//! region at a time (an instance, a NAT gateway or a CLB), unbound, and released only when
//! unbound. Converting a NatPublicIP makes an EIP with the same address, bound to the
//! instance.

use super::{
    dependency, find, optional_number, public_address, CommandError, ErrorCode, Response, Topology,
};
use crate::model::entity::{Eip, EipBinding, EipTargetType};
use crate::model::error::{Dependant, ErrorDetail, Noun};
use crate::model::limits;
use crate::model::topology::prefix;
use std::rc::Rc;

/// ConvertNatPublicIpToEip.
pub(crate) fn convert_nat_public_ip_to_eip(
    topology: &mut Topology,
    instance_id: &str,
) -> Result<Response, CommandError> {
    let (address, bandwidth) = check_convert(topology, instance_id)?;
    let region_id = topology
        .vpc_of_instance(instance_id)
        .map(|vpc| vpc.region_id.clone())
        .unwrap_or_default();

    let id = topology.next_id(prefix::EIP);
    topology.transfer_public(&region_id, address, &id);
    if let Some(instance) = topology.instances.get_mut(instance_id).map(Rc::make_mut) {
        instance.nat_public_ip = None;
    }
    topology.eips.insert(
        id.clone(),
        Eip {
            id: id.clone(),
            name: String::new(),
            description: String::new(),
            region_id,
            ip_address: address,
            bandwidth,
            binding: Some(EipBinding {
                instance_id: instance_id.to_string(),
                instance_type: EipTargetType::EcsInstance,
            }),
        },
    );
    Ok(Response::created("AllocationId", &id).with("EipAddress", address))
}

/// ConvertNatPublicIpToEip's checks (it changes nothing): the instance exists and has a
/// NatPublicIP. Gives the address and the instance's bandwidth.
pub(crate) fn check_convert(
    topology: &Topology,
    instance_id: &str,
) -> Result<(std::net::Ipv4Addr, u32), CommandError> {
    let instance = find(&topology.instances, Noun::Instance, instance_id)?;
    let Some(address) = instance.nat_public_ip else {
        return Err(CommandError::new(
            ErrorCode::InstanceNoPublicIp,
            ErrorDetail::NoNatPublicIp {
                instance: instance_id.into(),
            },
        ));
    };
    Ok((address, instance.internet_max_bandwidth_out))
}

/// AllocateEipAddress.
pub(crate) fn allocate_eip_address(
    topology: &mut Topology,
    region_id: &str,
    bandwidth: Option<&str>,
    name: Option<&str>,
    description: Option<&str>,
) -> Result<Response, CommandError> {
    let bandwidth = optional_number(
        "Bandwidth",
        bandwidth,
        limits::DEFAULT_EIP_BANDWIDTH,
        limits::EIP_BANDWIDTH.min,
        limits::EIP_BANDWIDTH.max,
    )?;
    let region = super::open_region(topology, region_id)?;
    let address = public_address(topology, region.id)?;
    let id = topology.next_id(prefix::EIP);
    topology.claim_public(region.id, address, &id);
    topology.eips.insert(
        id.clone(),
        Eip {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            description: description.unwrap_or_default().to_string(),
            region_id: region.id.to_string(),
            ip_address: address,
            bandwidth,
            binding: None,
        },
    );
    Ok(Response::created("AllocationId", &id).with("EipAddress", address))
}

/// What an id to bind an EIP to names: its kind and region.
fn target(topology: &Topology, id: &str) -> Option<(EipTargetType, String)> {
    let region = |vpc_id: &str| topology.vpc(vpc_id).map(|vpc| vpc.region_id.clone());
    if let Some(vpc) = topology.vpc_of_instance(id) {
        return Some((EipTargetType::EcsInstance, vpc.region_id.clone()));
    }
    if let Some(ngw) = topology.nat_gateways.get(id) {
        return Some((EipTargetType::Nat, region(&ngw.vpc_id)?));
    }
    if let Some(lb) = topology.load_balancers.get(id) {
        return Some((
            EipTargetType::SlbInstance,
            topology.vpc_of_vswitch(&lb.vswitch_id)?.region_id.clone(),
        ));
    }
    None
}

/// AssociateEipAddress.
pub(crate) fn associate_eip_address(
    topology: &mut Topology,
    allocation_id: &str,
    instance_id: &str,
    instance_type: Option<&str>,
) -> Result<Response, CommandError> {
    let stated = match instance_type {
        None => None,
        Some("EcsInstance") => Some(EipTargetType::EcsInstance),
        Some("Nat") => Some(EipTargetType::Nat),
        Some("SlbInstance") => Some(EipTargetType::SlbInstance),
        Some(other) => {
            return Err(CommandError::new(
                ErrorCode::InvalidParameter,
                ErrorDetail::EipTargetTypeUnknown {
                    value: other.into(),
                },
            ))
        }
    };
    let eip = find(&topology.eips, Noun::Eip, allocation_id)?;
    let (kind, region_id) = target(topology, instance_id)
        .filter(|(kind, _)| stated.is_none_or(|stated| stated == *kind))
        .ok_or_else(|| {
            let noun = match stated {
                None => Noun::EipTarget,
                Some(EipTargetType::EcsInstance) => Noun::Instance,
                Some(EipTargetType::Nat) => Noun::NatGateway,
                Some(EipTargetType::SlbInstance) => Noun::LoadBalancer,
            };
            super::not_found(noun, instance_id)
        })?;
    if region_id != eip.region_id {
        return Err(CommandError::new(
            ErrorCode::RegionMismatch,
            ErrorDetail::Apart {
                first: allocation_id.into(),
                first_in: eip.region_id.clone(),
                second: instance_id.into(),
                second_in: region_id.clone(),
            },
        ));
    }
    if let Some(binding) = &eip.binding {
        return Err(CommandError::new(
            ErrorCode::IncorrectEipStatus,
            ErrorDetail::EipAlreadyBound {
                eip: allocation_id.into(),
                bound_to: binding.instance_id.clone(),
            },
        ));
    }
    let has_public = match kind {
        EipTargetType::EcsInstance => topology
            .public_ip_of(instance_id)
            .map(|(address, _)| address),
        EipTargetType::SlbInstance => topology
            .load_balancers
            .get(instance_id)
            .and_then(|lb| lb.public_ip_address)
            .or_else(|| topology.eip_of(instance_id).map(|eip| eip.ip_address)),
        EipTargetType::Nat => None,
    };
    if let Some(address) = has_public {
        return Err(CommandError::new(
            ErrorCode::InstanceHasPublicIp,
            ErrorDetail::HasPublicAddress {
                instance: instance_id.into(),
                address,
            },
        ));
    }

    let address = eip.ip_address;
    if let Some(eip) = topology.eips.get_mut(allocation_id) {
        eip.binding = Some(EipBinding {
            instance_id: instance_id.to_string(),
            instance_type: kind,
        });
    }
    Ok(Response::default()
        .with("AllocationId", allocation_id)
        .with("EipAddress", address)
        .with("InstanceId", instance_id))
}

/// UnassociateEipAddress.
pub(crate) fn unassociate_eip_address(
    topology: &mut Topology,
    allocation_id: &str,
    instance_id: Option<&str>,
) -> Result<Response, CommandError> {
    let bound_to = check_unassociate(topology, allocation_id, instance_id)?;
    if let Some(eip) = topology.eips.get_mut(allocation_id) {
        eip.binding = None;
    }
    Ok(Response::default()
        .with("AllocationId", allocation_id)
        .with("InstanceId", bound_to))
}

/// UnassociateEipAddress's checks (it changes nothing): the EIP, the instance named, the
/// binding, and no SNAT or DNAT entry of a NAT gateway using the address. Gives the id the
/// EIP is bound to.
pub(crate) fn check_unassociate(
    topology: &Topology,
    allocation_id: &str,
    instance_id: Option<&str>,
) -> Result<String, CommandError> {
    let eip = find(&topology.eips, Noun::Eip, allocation_id)?;
    if let Some(instance_id) = instance_id {
        if !topology.contains_id(instance_id) {
            return Err(super::not_found(Noun::Resource, instance_id));
        }
    }
    let Some(binding) = &eip.binding else {
        return Err(CommandError::new(
            ErrorCode::IncorrectEipStatus,
            ErrorDetail::EipUnbound {
                eip: allocation_id.into(),
            },
        ));
    };
    if let Some(instance_id) = instance_id {
        if binding.instance_id != instance_id {
            return Err(CommandError::new(
                ErrorCode::IncorrectEipStatus,
                ErrorDetail::EipBoundElsewhere {
                    eip: allocation_id.into(),
                    bound_to: binding.instance_id.clone(),
                    instance: instance_id.into(),
                },
            ));
        }
    }
    let mut users = Vec::new();
    if let Some(ngw) = topology.nat_gateways.get(&binding.instance_id) {
        users.extend(
            ngw.snat_entries
                .iter()
                .filter(|entry| entry.snat_ip == eip.ip_address)
                .map(|entry| Dependant::Named {
                    noun: Noun::SnatEntry,
                    id: entry.id.clone(),
                }),
        );
        users.extend(
            ngw.forward_entries
                .iter()
                .filter(|entry| entry.external_ip == eip.ip_address)
                .map(|entry| Dependant::Named {
                    noun: Noun::DnatEntry,
                    id: entry.id.clone(),
                }),
        );
    }
    dependency(allocation_id, &users)?;
    Ok(binding.instance_id.clone())
}

/// ReleaseEipAddress.
pub(crate) fn release_eip_address(
    topology: &mut Topology,
    allocation_id: &str,
) -> Result<Response, CommandError> {
    let (region_id, address) = check_release(topology, allocation_id)?;
    topology.release_public(&region_id, address);
    topology.eips.remove(allocation_id);
    Ok(Response::default().with("AllocationId", allocation_id))
}

/// ReleaseEipAddress's checks (it changes nothing): the EIP exists and is unbound. Gives its
/// region and address.
pub(crate) fn check_release(
    topology: &Topology,
    allocation_id: &str,
) -> Result<(String, std::net::Ipv4Addr), CommandError> {
    let eip = find(&topology.eips, Noun::Eip, allocation_id)?;
    if let Some(binding) = &eip.binding {
        return Err(CommandError::new(
            ErrorCode::IncorrectEipStatus,
            ErrorDetail::EipStillBound {
                eip: allocation_id.into(),
                bound_to: binding.instance_id.clone(),
            },
        ));
    }
    Ok((eip.region_id.clone(), eip.ip_address))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::apply::test_support::{article_base, attempt, code_of};
    use crate::model::catalog::RuleSet;
    use crate::model::PublicIpKind;

    fn with_instances() -> crate::model::Topology {
        let mut topology = article_base(RuleSet::Y2020);
        attempt(
            &mut topology,
            json!({"Action":"RunInstances","VSwitchId":"vsw-0001","InternetMaxBandwidthOut":"10"}),
        )
        .expect("vm1");
        attempt(
            &mut topology,
            json!({"Action":"RunInstances","VSwitchId":"vsw-0002"}),
        )
        .expect("vm2");
        topology
    }

    #[test]
    fn eip_life_cycle() {
        let mut topology = with_instances();
        let allocated = attempt(
            &mut topology,
            json!({"Action":"AllocateEipAddress","RegionId":"ap-south-1"}),
        )
        .expect("eip");
        assert_eq!(allocated.field("AllocationId"), Some("eip-0001"));
        assert_eq!(allocated.field("EipAddress"), Some("149.129.0.2"));
        let associate =
            json!({"Action":"AssociateEipAddress","AllocationId":"eip-0001","InstanceId":"i-0002"});
        attempt(&mut topology, associate.clone()).expect("bind");
        assert_eq!(
            topology.public_ip_of("i-0002").map(|(_, k)| k),
            Some(PublicIpKind::Eip)
        );
        assert_eq!(code_of(&topology, associate), "IncorrectEipStatus");
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"ReleaseEipAddress","AllocationId":"eip-0001"})
            ),
            "IncorrectEipStatus"
        );
        attempt(
            &mut topology,
            json!({"Action":"UnassociateEipAddress","AllocationId":"eip-0001"}),
        )
        .expect("unbind");
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"UnassociateEipAddress","AllocationId":"eip-0001"})
            ),
            "IncorrectEipStatus"
        );
        attempt(
            &mut topology,
            json!({"Action":"ReleaseEipAddress","AllocationId":"eip-0001"}),
        )
        .expect("release");
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"ReleaseEipAddress","AllocationId":"eip-0001"})
            ),
            "InvalidResourceId.NotFound"
        );
    }

    #[test]
    fn an_instance_with_a_nat_public_ip_takes_no_eip() {
        let mut topology = with_instances();
        attempt(
            &mut topology,
            json!({"Action":"AllocateEipAddress","RegionId":"ap-south-1"}),
        )
        .expect("eip");
        let step =
            json!({"Action":"AssociateEipAddress","AllocationId":"eip-0001","InstanceId":"i-0001"});
        assert_eq!(code_of(&topology, step), "InvalidInstance.HasPublicIp");
    }

    #[test]
    fn eip_and_instance_must_share_a_region() {
        let mut topology = with_instances();
        attempt(
            &mut topology,
            json!({"Action":"AllocateEipAddress","RegionId":"cn-hangzhou"}),
        )
        .expect("eip");
        let step =
            json!({"Action":"AssociateEipAddress","AllocationId":"eip-0001","InstanceId":"i-0002"});
        assert_eq!(code_of(&topology, step), "InvalidRegionId.Mismatch");
    }

    #[test]
    fn conversion_keeps_the_address_and_needs_a_nat_public_ip() {
        let mut topology = with_instances();
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"ConvertNatPublicIpToEip","InstanceId":"i-0002"})
            ),
            "InvalidInstance.NoPublicIp"
        );
        let converted = attempt(
            &mut topology,
            json!({"Action":"ConvertNatPublicIpToEip","InstanceId":"i-0001"}),
        )
        .expect("convert");
        assert_eq!(converted.field("EipAddress"), Some("149.129.0.1"));
        assert_eq!(
            topology.public_ip_of("i-0001").map(|(_, k)| k),
            Some(PublicIpKind::Eip)
        );
        assert_eq!(
            topology.public_holder_of("ap-south-1", "149.129.0.1".parse().expect("ip")),
            Some("eip-0001")
        );
        // Once converted, the instance holds an EIP, not a NatPublicIP.
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"ConvertNatPublicIpToEip","InstanceId":"i-0001"})
            ),
            "InvalidInstance.NoPublicIp"
        );
    }

    #[test]
    fn the_eip_outlives_its_instance() {
        let mut topology = with_instances();
        attempt(
            &mut topology,
            json!({"Action":"AllocateEipAddress","RegionId":"ap-south-1"}),
        )
        .expect("eip");
        attempt(
            &mut topology,
            json!({"Action":"AssociateEipAddress","AllocationId":"eip-0001","InstanceId":"i-0002"}),
        )
        .expect("bind");
        attempt(
            &mut topology,
            json!({"Action":"DeleteInstance","InstanceId":"i-0002"}),
        )
        .expect("delete");
        let eip = topology.eip("eip-0001").expect("still allocated");
        assert!(eip.binding.is_none());
    }

    #[test]
    fn allocation_in_a_closed_region_fails() {
        let topology = crate::model::Topology::new(RuleSet::Current);
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"AllocateEipAddress","RegionId":"ap-south-1"})
            ),
            "InvalidRegionId.Closed"
        );
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"AllocateEipAddress","RegionId":"atlantis-1"})
            ),
            "InvalidRegionId.NotFound"
        );
    }
}
