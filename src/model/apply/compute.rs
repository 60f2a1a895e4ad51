//! ECS instances (security groups are in [`super::security_group`]).
//!
//! An instance takes the lowest free address of its VSwitch unless it asks for one (which
//! must be inside the VSwitch, not reserved, not in use). Without `SecurityGroupId` it joins
//! the VPC's default basic group, created on first use and removed with the VPC. An
//! outbound bandwidth above 0 at creation gives it a NatPublicIP from the region's pool;
//! setting the bandwidth to 0 later releases that address. A released instance leaves its
//! EIP allocated and unbound.

use super::{
    claim_private, dependency, find, find_optional, optional_ip, optional_number, private_address,
    public_address, release_private, routes_through, CommandError, ErrorCode, Response, Topology,
};
use crate::model::entity::{InnerAccessPolicy, Instance, SecurityGroup, SecurityGroupType};
use crate::model::error::{ErrorDetail, Noun};
use crate::model::net;
use crate::model::topology::prefix;
use std::rc::Rc;

/// The parameters of RunInstances.
pub(crate) struct RunInstances<'a> {
    pub vswitch_id: &'a str,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub private_ip_address: Option<&'a str>,
    pub security_group_id: Option<&'a str>,
    pub bandwidth: Option<&'a str>,
}

fn bandwidth(topology: &Topology, value: Option<&str>) -> Result<u32, CommandError> {
    let max = topology.rules().quotas().max_instance_bandwidth;
    optional_number("InternetMaxBandwidthOut", value, 0, 0, max)
}

/// RunInstances (one instance).
pub(crate) fn run_instances(
    topology: &mut Topology,
    params: RunInstances<'_>,
) -> Result<Response, CommandError> {
    let requested = optional_ip("PrivateIpAddress", params.private_ip_address)?;
    let bandwidth = bandwidth(topology, params.bandwidth)?;
    let vswitch = find(&topology.vswitches, Noun::Vswitch, params.vswitch_id)?;
    let group = find_optional(
        &topology.security_groups,
        Noun::SecurityGroup,
        params.security_group_id,
    )?;
    let vpc = find(&topology.vpcs, Noun::Vpc, &vswitch.vpc_id)?;
    if let Some(group) = group {
        if group.vpc_id != vpc.id {
            return Err(CommandError::new(
                ErrorCode::VpcMismatch,
                ErrorDetail::Apart {
                    first: group.id.clone(),
                    first_in: group.vpc_id.clone(),
                    second: vswitch.id.clone(),
                    second_in: vpc.id.clone(),
                },
            ));
        }
    }
    let address = private_address(topology, vswitch, requested)?;
    let public = if bandwidth > 0 {
        Some(public_address(topology, &vpc.region_id)?)
    } else {
        None
    };

    // The default group is found without allocating: this is the hot path of bulk builds.
    let existing = group.map(|group| group.id.clone()).or_else(|| {
        topology
            .security_groups
            .values()
            .find(|sg| sg.is_default && sg.vpc_id == vpc.id)
            .map(|sg| sg.id.clone())
    });
    let vswitch_id = vswitch.id.clone();
    let region_id = public.map(|_| vpc.region_id.clone());
    let group_id = match existing {
        Some(id) => id,
        None => {
            let vpc_id = vpc.id.clone();
            let id = topology.next_id(prefix::SECURITY_GROUP);
            topology.security_groups.insert(
                id.clone(),
                SecurityGroup {
                    id: id.clone(),
                    name: "default".to_string(),
                    description: String::new(),
                    vpc_id,
                    group_type: SecurityGroupType::Normal,
                    inner_access_policy: InnerAccessPolicy::Accept,
                    is_default: true,
                    rules: Vec::new(),
                },
            );
            id
        }
    };
    let id = topology.next_id(prefix::INSTANCE);
    claim_private(topology, &vswitch_id, address, &id);
    if let (Some(public), Some(region_id)) = (public, &region_id) {
        topology.claim_public(region_id, public, &id);
    }
    let mut response = Response::created("InstanceId", &id)
        .with_text("PrivateIpAddress", net::dotted(address))
        .with_text("SecurityGroupId", group_id.clone());
    if let Some(public) = public {
        response = response.with_text("PublicIpAddress", net::dotted(public));
    }
    // The id and the group id move into the record rather than being copied again.
    topology.instances.insert(
        id.clone(),
        Rc::new(Instance {
            id,
            name: params.name.unwrap_or_default().to_string(),
            description: params.description.unwrap_or_default().to_string(),
            vswitch_id,
            private_ip_address: address,
            security_group_ids: vec![group_id],
            internet_max_bandwidth_out: bandwidth,
            nat_public_ip: public,
        }),
    );
    Ok(response)
}

/// DeleteInstance.
pub(crate) fn delete_instance(
    topology: &mut Topology,
    instance_id: &str,
) -> Result<Response, CommandError> {
    find(&topology.instances, Noun::Instance, instance_id)?;
    dependency(instance_id, &routes_through(topology, instance_id))?;

    // Taken out rather than copied: "Delete all" on a VPC runs thousands of these.
    let Some(instance) = topology.instances.remove(instance_id) else {
        // Found just above; should it ever not be, the caller gets the "not found" error.
        return find(&topology.instances, Noun::Instance, instance_id).map(|_| Response::default());
    };
    release_private(topology, &instance.vswitch_id, instance.private_ip_address);
    if let Some(public) = instance.nat_public_ip {
        // The region is looked up only for the instances that hold a public address.
        let region_id = topology
            .vpc_of_vswitch(&instance.vswitch_id)
            .map(|vpc| vpc.region_id.clone())
            .unwrap_or_default();
        topology.release_public(&region_id, public);
    }
    // The EIP outlives the instance: it stays allocated, unbound.
    for eip in topology.eips.values_mut() {
        if eip
            .binding
            .as_ref()
            .is_some_and(|b| b.instance_id == instance_id)
        {
            eip.binding = None;
        }
    }
    for lb in topology.load_balancers.values_mut() {
        lb.backend_servers
            .retain(|server| server.server_id != instance_id);
    }
    Ok(Response::default().with("InstanceId", instance_id))
}

/// ModifyInstanceNetworkSpec: a bandwidth of 0 releases the NatPublicIP.
pub(crate) fn modify_instance_network_spec(
    topology: &mut Topology,
    instance_id: &str,
    value: &str,
) -> Result<Response, CommandError> {
    let bandwidth = check_network_spec(topology, instance_id, value)?;
    let region_id = topology
        .vpc_of_instance(instance_id)
        .map(|vpc| vpc.region_id.clone())
        .unwrap_or_default();
    let mut released = None;
    if let Some(instance) = topology.instances.get_mut(instance_id).map(Rc::make_mut) {
        instance.internet_max_bandwidth_out = bandwidth;
        if bandwidth == 0 {
            released = instance.nat_public_ip.take();
        }
    }
    let mut response = Response::default()
        .with("InstanceId", instance_id)
        .with("InternetMaxBandwidthOut", bandwidth);
    if let Some(address) = released {
        topology.release_public(&region_id, address);
        response = response.with("ReleasedPublicIpAddress", address);
    }
    Ok(response)
}

/// ModifyInstanceNetworkSpec's checks (it changes nothing): the bandwidth, then the
/// instance. Gives the bandwidth.
pub(crate) fn check_network_spec(
    topology: &Topology,
    instance_id: &str,
    value: &str,
) -> Result<u32, CommandError> {
    let bandwidth = bandwidth(topology, Some(value))?;
    find(&topology.instances, Noun::Instance, instance_id)?;
    Ok(bandwidth)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::apply::test_support::{article_base, attempt, code_of};
    use crate::model::catalog::RuleSet;
    use crate::model::PublicIpKind;

    fn run(vsw: &str) -> serde_json::Value {
        json!({"Action":"RunInstances","VSwitchId":vsw})
    }

    #[test]
    fn first_instance_gets_the_first_usable_address() {
        let mut topology = article_base(RuleSet::Y2020);
        let vm1 = attempt(&mut topology, run("vsw-0001")).expect("run");
        assert_eq!(vm1.field("PrivateIpAddress"), Some("192.168.1.1"));
        assert_eq!(vm1.field("InstanceId"), Some("i-0001"));
        let vm2 = attempt(&mut topology, run("vsw-0001")).expect("run");
        assert_eq!(vm2.field("PrivateIpAddress"), Some("192.168.1.2"));
        let vm3 = attempt(&mut topology, run("vsw-0002")).expect("run");
        assert_eq!(vm3.field("PrivateIpAddress"), Some("192.168.2.1"));
    }

    #[test]
    fn chosen_private_addresses_are_checked() {
        let mut topology = article_base(RuleSet::Y2020);
        let at = |ip: &str| json!({"Action":"RunInstances","VSwitchId":"vsw-0001","PrivateIpAddress":ip});
        assert_eq!(
            code_of(&topology, at("192.168.1.300")),
            "InvalidIpAddress.Malformed"
        );
        assert_eq!(
            code_of(&topology, at("192.168.2.10")),
            "InvalidPrivateIpAddress.NotInVSwitch"
        );
        for reserved in [
            "192.168.1.0",
            "192.168.1.253",
            "192.168.1.254",
            "192.168.1.255",
        ] {
            assert_eq!(
                code_of(&topology, at(reserved)),
                "InvalidPrivateIpAddress.Reserved"
            );
        }
        attempt(&mut topology, at("192.168.1.252")).expect("last usable");
        assert_eq!(
            code_of(&topology, at("192.168.1.252")),
            "InvalidPrivateIpAddress.Duplicated"
        );
        let unknown_vswitch = json!({"Action":"RunInstances","VSwitchId":"vsw-0042","PrivateIpAddress":"192.168.1.300"});
        assert_eq!(
            code_of(&topology, unknown_vswitch),
            "InvalidIpAddress.Malformed"
        );
    }

    #[test]
    fn a_full_vswitch_has_no_address_left() {
        let mut topology = crate::model::apply::test_support::build(
            RuleSet::Y2020,
            &[
                json!({"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"10.0.0.0/16"}),
                json!({"Action":"CreateVSwitch","VpcId":"vpc-0001","ZoneId":"ap-south-1a","CidrBlock":"10.0.0.0/29"}),
            ],
        );
        for _ in 0..4 {
            attempt(&mut topology, run("vsw-0001")).expect("room");
        }
        assert_eq!(
            code_of(&topology, run("vsw-0001")),
            "InvalidVSwitchId.IpNotEnough"
        );
    }

    #[test]
    fn default_security_group_is_created_once_and_leaves_with_the_vpc() {
        let mut topology = article_base(RuleSet::Y2020);
        let first = attempt(&mut topology, run("vsw-0001")).expect("run");
        let second = attempt(&mut topology, run("vsw-0002")).expect("run");
        assert_eq!(first.field("SecurityGroupId"), Some("sg-0001"));
        assert_eq!(second.field("SecurityGroupId"), Some("sg-0001"));
        assert!(topology
            .security_group("sg-0001")
            .is_some_and(|sg| sg.is_default));
        for step in [
            json!({"Action":"DeleteInstance","InstanceId":"i-0001"}),
            json!({"Action":"DeleteInstance","InstanceId":"i-0002"}),
            json!({"Action":"DeleteVSwitch","VSwitchId":"vsw-0001"}),
            json!({"Action":"DeleteVSwitch","VSwitchId":"vsw-0002"}),
            json!({"Action":"DeleteVpc","VpcId":"vpc-0001"}),
        ] {
            attempt(&mut topology, step).expect("teardown");
        }
        assert!(topology.security_groups().is_empty());
    }

    #[test]
    fn bandwidth_gives_a_nat_public_ip_and_zero_releases_it() {
        let mut topology = article_base(RuleSet::Y2020);
        let response = attempt(
            &mut topology,
            json!({"Action":"RunInstances","VSwitchId":"vsw-0001","InternetMaxBandwidthOut":"5"}),
        )
        .expect("run");
        assert_eq!(response.field("PublicIpAddress"), Some("149.129.0.1"));
        assert_eq!(
            topology.public_ip_of("i-0001").map(|(_, k)| k),
            Some(PublicIpKind::NatPublicIp)
        );
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"ModifyInstanceNetworkSpec","InstanceId":"i-0001","InternetMaxBandwidthOut":"101"})
            ),
            "InvalidParameter"
        );
        attempt(&mut topology, json!({"Action":"ModifyInstanceNetworkSpec","InstanceId":"i-0001","InternetMaxBandwidthOut":"0"}))
            .expect("modify");
        assert_eq!(topology.public_ip_of("i-0001"), None);
        assert!(topology.public_books.is_empty());
    }

    #[test]
    fn security_group_of_another_vpc_is_refused() {
        let mut topology = article_base(RuleSet::Y2020);
        attempt(
            &mut topology,
            json!({"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"10.0.0.0/8"}),
        )
        .expect("vpc");
        attempt(
            &mut topology,
            json!({"Action":"CreateSecurityGroup","VpcId":"vpc-0002"}),
        )
        .expect("sg");
        let step =
            json!({"Action":"RunInstances","VSwitchId":"vsw-0001","SecurityGroupId":"sg-0001"});
        assert_eq!(code_of(&topology, step), "InvalidVpcId.Mismatch");
    }
}
