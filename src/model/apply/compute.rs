//! ECS instances and security groups.
//!
//! An instance takes the lowest free address of its VSwitch unless it asks for one (which
//! must be inside the VSwitch, not reserved, not in use). Without `SecurityGroupId` it joins
//! the VPC's default basic group, created on first use and removed with the VPC. An
//! outbound bandwidth above 0 at creation gives it a NatPublicIP from the region's pool;
//! setting the bandwidth to 0 later releases that address. A released instance leaves its
//! EIP allocated and unbound.

use super::{
    claim_private, dependency, find, find_optional, not_found, optional_ip, optional_number,
    private_address, public_address, release_private, routes_through, CommandError, ErrorCode,
    Response, Topology,
};
use crate::model::catalog::RuleSet;
use crate::model::entity::{
    Direction, InnerAccessPolicy, Instance, IpProtocol, Policy, PortRange, RulePeer, SecurityGroup,
    SecurityGroupRule, SecurityGroupType,
};
use crate::model::topology::prefix;

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
    let vswitch = find(&topology.vswitches, "VSwitch", params.vswitch_id)?;
    let group = find_optional(
        &topology.security_groups,
        "security group",
        params.security_group_id,
    )?;
    let vpc = find(&topology.vpcs, "VPC", &vswitch.vpc_id)?;
    if let Some(group) = group {
        if group.vpc_id != vpc.id {
            return Err(CommandError::new(
                ErrorCode::VpcMismatch,
                format!(
                    "{} belongs to {}, but {} is in {}",
                    group.id, group.vpc_id, vswitch.id, vpc.id
                ),
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
    topology.instances.insert(
        id.clone(),
        Instance {
            id: id.clone(),
            name: params.name.unwrap_or_default().to_string(),
            description: params.description.unwrap_or_default().to_string(),
            vswitch_id,
            private_ip_address: address,
            security_group_ids: vec![group_id.clone()],
            internet_max_bandwidth_out: bandwidth,
            nat_public_ip: public,
        },
    );
    let mut response = Response::created("InstanceId", &id)
        .with("PrivateIpAddress", address)
        .with("SecurityGroupId", group_id);
    if let Some(public) = public {
        response = response.with("PublicIpAddress", public);
    }
    Ok(response)
}

/// DeleteInstance.
pub(crate) fn delete_instance(
    topology: &mut Topology,
    instance_id: &str,
) -> Result<Response, CommandError> {
    let instance = find(&topology.instances, "instance", instance_id)?;
    dependency(instance_id, &routes_through(topology, instance_id))?;

    let instance = instance.clone();
    let region_id = topology
        .vpc_of_instance(instance_id)
        .map(|vpc| vpc.region_id.clone())
        .unwrap_or_default();
    release_private(topology, &instance.vswitch_id, instance.private_ip_address);
    if let Some(public) = instance.nat_public_ip {
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
    topology.instances.remove(instance_id);
    Ok(Response::default().with("InstanceId", instance_id))
}

/// ModifyInstanceNetworkSpec: a bandwidth of 0 releases the NatPublicIP.
pub(crate) fn modify_instance_network_spec(
    topology: &mut Topology,
    instance_id: &str,
    value: &str,
) -> Result<Response, CommandError> {
    let bandwidth = bandwidth(topology, Some(value))?;
    find(&topology.instances, "instance", instance_id)?;
    let region_id = topology
        .vpc_of_instance(instance_id)
        .map(|vpc| vpc.region_id.clone())
        .unwrap_or_default();
    let mut released = None;
    if let Some(instance) = topology.instances.get_mut(instance_id) {
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

/// CreateSecurityGroup. A basic group starts with `InnerAccessPolicy` Accept; an
/// enterprise group isolates its members (Drop) for good.
pub(crate) fn create_security_group(
    topology: &mut Topology,
    vpc_id: &str,
    name: Option<&str>,
    group_type: Option<&str>,
    description: Option<&str>,
) -> Result<Response, CommandError> {
    let group_type = match group_type.unwrap_or("normal") {
        "normal" => SecurityGroupType::Normal,
        "enterprise" => SecurityGroupType::Enterprise,
        other => {
            return Err(CommandError::new(
                ErrorCode::SecurityGroupTypeInvalid,
                format!("SecurityGroupType \"{other}\" is not normal or enterprise"),
            ))
        }
    };
    find(&topology.vpcs, "VPC", vpc_id)?;
    let id = topology.next_id(prefix::SECURITY_GROUP);
    let inner_access_policy = match group_type {
        SecurityGroupType::Normal => InnerAccessPolicy::Accept,
        SecurityGroupType::Enterprise => InnerAccessPolicy::Drop,
    };
    topology.security_groups.insert(
        id.clone(),
        SecurityGroup {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            description: description.unwrap_or_default().to_string(),
            vpc_id: vpc_id.to_string(),
            group_type,
            inner_access_policy,
            is_default: false,
            rules: Vec::new(),
        },
    );
    Ok(Response::created("SecurityGroupId", &id))
}

/// ModifySecurityGroupPolicy: sets the internal access policy of a basic group. An
/// enterprise group always isolates its members and refuses the change.
pub(crate) fn modify_security_group_policy(
    topology: &mut Topology,
    id: &str,
    policy: &str,
    region_id: Option<&str>,
) -> Result<Response, CommandError> {
    let policy = InnerAccessPolicy::from_name(policy).ok_or_else(|| {
        CommandError::new(
            ErrorCode::PolicyMalformed,
            format!("InnerAccessPolicy \"{policy}\" is not Accept or Drop"),
        )
    })?;
    let group = find(&topology.security_groups, "security group", id)?;
    if let Some(region_id) = region_id {
        let region = topology
            .vpc(&group.vpc_id)
            .map(|vpc| vpc.region_id.as_str());
        if region != Some(region_id) {
            return Err(CommandError::new(
                ErrorCode::RegionMismatch,
                format!("{id} is in {}, not {region_id}", region.unwrap_or("?")),
            ));
        }
    }
    if group.group_type == SecurityGroupType::Enterprise {
        return Err(CommandError::new(
            ErrorCode::EnterpriseGroupDenied,
            format!("{id} is an enterprise (advanced) group: its members are always isolated from each other"),
        ));
    }
    if let Some(group) = topology.security_groups.get_mut(id) {
        group.inner_access_policy = policy;
    }
    Ok(Response::default()
        .with("SecurityGroupId", id)
        .with("InnerAccessPolicy", policy.name()))
}

/// DeleteSecurityGroup: only without members and without rules of other groups naming it.
pub(crate) fn delete_security_group(
    topology: &mut Topology,
    id: &str,
) -> Result<Response, CommandError> {
    find(&topology.security_groups, "security group", id)?;
    let mut dependants: Vec<String> = topology
        .members_of(id)
        .map(|instance| format!("member {}", instance.id))
        .collect();
    dependants.extend(
        topology
            .security_groups
            .values()
            .filter(|other| other.id != id)
            .filter(|other| {
                other
                    .rules
                    .iter()
                    .any(|rule| rule.peer == RulePeer::Group(id.to_string()))
            })
            .map(|other| format!("a rule of {} naming it", other.id)),
    );
    dependency(id, &dependants)?;
    topology.security_groups.remove(id);
    Ok(Response::default().with("SecurityGroupId", id))
}

/// The parameters of Authorize/Revoke SecurityGroup(Egress).
pub(crate) struct RuleChange<'a> {
    pub authorize: bool,
    pub description: Option<&'a str>,
    pub direction: Direction,
    pub security_group_id: &'a str,
    pub ip_protocol: &'a str,
    pub port_range: &'a str,
    pub peer_cidr: Option<&'a str>,
    pub peer_group: Option<&'a str>,
    pub policy: Option<&'a str>,
    pub priority: Option<&'a str>,
}

/// Parses `PortRange` for `protocol`: `from/to` within 1-65535 for tcp and udp, exactly
/// `-1/-1` for icmp, gre and all.
///
/// # Errors
/// `InvalidParam.PortRange` when the text is not two whole numbers around a slash, and
/// `OperationDenied` when the numbers do not fit the protocol.
pub(crate) fn port_range(protocol: IpProtocol, text: &str) -> Result<PortRange, CommandError> {
    let malformed = || {
        CommandError::new(
            ErrorCode::PortRangeMalformed,
            format!(
                "PortRange \"{text}\" is not two whole numbers separated by a slash, such as 22/22"
            ),
        )
    };
    let (from, to) = text.trim().split_once('/').ok_or_else(malformed)?;
    let from: i32 = from.trim().parse().map_err(|_| malformed())?;
    let to: i32 = to.trim().parse().map_err(|_| malformed())?;
    let name = protocol_name(protocol);
    if protocol.has_ports() {
        let range = u16::try_from(from)
            .ok()
            .zip(u16::try_from(to).ok())
            .filter(|(from, to)| *from >= 1 && from <= to);
        return range
            .map(|(from, to)| PortRange { from, to })
            .ok_or_else(|| {
                CommandError::new(
                    ErrorCode::ProtocolPortMismatch,
                    format!("PortRange \"{text}\" does not fit {name}: use from/to with 1 <= from <= to <= 65535"),
                )
            });
    }
    if (from, to) == (-1, -1) {
        Ok(PortRange::ALL)
    } else {
        Err(CommandError::new(
            ErrorCode::ProtocolPortMismatch,
            format!("PortRange \"{text}\" does not fit {name}: {name} takes exactly -1/-1"),
        ))
    }
}

fn protocol_name(protocol: IpProtocol) -> &'static str {
    match protocol {
        IpProtocol::Tcp => "tcp",
        IpProtocol::Udp => "udp",
        IpProtocol::Icmp => "icmp",
        IpProtocol::Gre => "gre",
        IpProtocol::All => "all",
    }
}

/// The parsed parts of a rule change, checked before the group is looked up.
fn parse_rule(
    change: &RuleChange<'_>,
    cidr_param: &str,
) -> Result<(IpProtocol, PortRange, Option<ipnet::Ipv4Net>, Policy, u8), CommandError> {
    let protocol = IpProtocol::from_name(change.ip_protocol).ok_or_else(|| {
        CommandError::new(
            ErrorCode::IpProtocolNotSupported,
            format!(
                "IpProtocol \"{}\" is not tcp, udp, icmp, gre or all",
                change.ip_protocol
            ),
        )
    })?;
    let ports = port_range(protocol, change.port_range)?;
    let cidr = change
        .peer_cidr
        .map(|value| super::cidr_or_ip(cidr_param, value))
        .transpose()?;
    let policy = match change
        .policy
        .unwrap_or("accept")
        .to_ascii_lowercase()
        .as_str()
    {
        "accept" => Policy::Accept,
        "drop" => Policy::Drop,
        other => {
            return Err(CommandError::new(
                ErrorCode::PolicyMalformed,
                format!("Policy \"{other}\" is not accept or drop"),
            ))
        }
    };
    let priority = optional_number("Priority", change.priority, 1, 1, 100)
        .map_err(|error| CommandError::new(ErrorCode::PriorityMalformed, error.message))?;
    Ok((
        protocol,
        ports,
        cidr,
        policy,
        u8::try_from(priority).unwrap_or(1),
    ))
}

/// Adds or removes one security group rule. Adding a rule the group already has succeeds
/// and changes nothing, as the API documents. Removing one it does not have succeeds and
/// changes nothing under the 2020 rules, and fails since July 2024.
pub(crate) fn change_rule(
    topology: &mut Topology,
    change: RuleChange<'_>,
) -> Result<Response, CommandError> {
    let (cidr_param, group_param) = match change.direction {
        Direction::Ingress => ("SourceCidrIp", "SourceGroupId"),
        Direction::Egress => ("DestCidrIp", "DestGroupId"),
    };
    let (protocol, ports, cidr, policy, priority) = parse_rule(&change, cidr_param)?;
    let group = find(
        &topology.security_groups,
        "security group",
        change.security_group_id,
    )?;
    // With both, the block takes precedence, as the API documents.
    let peer = match (cidr, change.peer_group) {
        (Some(cidr), _) => RulePeer::Cidr(cidr),
        (None, Some(peer_id)) => {
            if group.group_type == SecurityGroupType::Enterprise {
                return Err(CommandError::new(
                    ErrorCode::GroupAuthDenied,
                    format!(
                        "{} is an enterprise (advanced) group: its rules name address blocks, not security groups ({group_param})",
                        group.id
                    ),
                ));
            }
            let peer_group = topology
                .security_groups
                .get(peer_id)
                .ok_or_else(|| not_found("security group", peer_id))?;
            if peer_group.vpc_id != group.vpc_id {
                return Err(CommandError::new(
                    ErrorCode::VpcMismatch,
                    format!(
                        "{peer_id} is in {}, {} in {}",
                        peer_group.vpc_id, group.id, group.vpc_id
                    ),
                ));
            }
            RulePeer::Group(peer_id.to_string())
        }
        (None, None) => {
            return Err(CommandError::new(
                ErrorCode::MissingParameter,
                format!("a rule needs {cidr_param} or {group_param}"),
            ))
        }
    };
    let rule = SecurityGroupRule {
        direction: change.direction,
        ip_protocol: protocol,
        port_range: ports,
        peer,
        policy,
        priority,
        description: change.description.unwrap_or_default().to_string(),
    };
    let exists = group.rules.iter().any(|existing| existing.same_as(&rule));
    let id = group.id.clone();
    if !change.authorize && !exists && topology.rules() == RuleSet::Current {
        return Err(CommandError::new(
            ErrorCode::SecurityGroupRuleNotFound,
            format!("{id} has no such rule"),
        ));
    }
    let response = Response::default().with("SecurityGroupId", &id);
    if change.authorize == exists {
        // Adding a rule that is there, or (2020) removing one that is not: nothing changes.
        return Ok(response);
    }
    if let Some(group) = topology.security_groups.get_mut(&id) {
        if change.authorize {
            group.rules.push(rule);
        } else {
            group.rules.retain(|existing| !existing.same_as(&rule));
        }
    }
    Ok(response)
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

    #[test]
    fn adding_a_rule_twice_changes_nothing_and_revoking_follows_the_rule_set() {
        for rules in RuleSet::ALL {
            let mut topology = article_base(RuleSet::Y2020).with_rules(rules);
            let response = attempt(
                &mut topology,
                json!({"Action":"CreateSecurityGroup","VpcId":"vpc-0001","SecurityGroupName":"web","SecurityGroupType":"enterprise"}),
            )
            .expect("sg");
            assert_eq!(response.field("SecurityGroupId"), Some("sg-0001"));
            let rule = json!({"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"80/80","SourceCidrIp":"0.0.0.0/0"});
            attempt(&mut topology, rule.clone()).expect("authorize");
            let before = topology.clone();
            attempt(&mut topology, rule).expect("the same rule again succeeds");
            assert_eq!(topology, before, "{rules:?}: a second copy was added");
            let egress = json!({"Action":"AuthorizeSecurityGroupEgress","SecurityGroupId":"sg-0001","IpProtocol":"all","PortRange":"-1/-1","DestCidrIp":"0.0.0.0/0","Description":"all out"});
            attempt(&mut topology, egress).expect("egress");
            let revoke = json!({"Action":"RevokeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"80/80","SourceCidrIp":"0.0.0.0/0"});
            attempt(&mut topology, revoke.clone()).expect("revoke");
            match rules {
                RuleSet::Y2020 => {
                    attempt(&mut topology, revoke).expect("2020: nothing to revoke is a success");
                }
                RuleSet::Current => {
                    assert_eq!(
                        code_of(&topology, revoke),
                        "InvalidParam.SecurityGroupRuleId"
                    );
                }
            }
            let group = topology.security_group("sg-0001").expect("sg");
            assert_eq!(group.rules.len(), 1);
            assert_eq!(group.rules[0].description, "all out");
        }
    }

    #[test]
    fn port_ranges_follow_their_protocol() {
        let mut topology = article_base(RuleSet::Y2020).with_rules(RuleSet::Current);
        attempt(
            &mut topology,
            json!({"Action":"CreateSecurityGroup","VpcId":"vpc-0001"}),
        )
        .expect("sg");
        // (protocol, port range, expected code or "" for accepted)
        let cases = [
            ("tcp", "80/80", ""),
            ("udp", "1/65535", ""),
            ("TCP", "22/22", ""),
            ("tcp", "-1/-1", "OperationDenied"),
            ("tcp", "0/80", "OperationDenied"),
            ("tcp", "90/80", "OperationDenied"),
            ("tcp", "1/65536", "OperationDenied"),
            ("tcp", "80", "InvalidParam.PortRange"),
            ("tcp", "a/b", "InvalidParam.PortRange"),
            ("icmp", "-1/-1", ""),
            ("icmp", "1/65535", "OperationDenied"),
            ("gre", "-1/-1", ""),
            ("gre", "22/22", "OperationDenied"),
            ("all", "-1/-1", ""),
            ("all", "1/65535", "OperationDenied"),
            ("sctp", "-1/-1", "InvalidIpProtocol.ValueNotSupported"),
        ];
        for (protocol, ports, expected) in cases {
            let step = json!({"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":protocol,"PortRange":ports,"SourceCidrIp":"10.0.0.0/8"});
            let mut copy = topology.clone();
            let result = attempt(&mut copy, step).map_err(|error| error.code());
            match expected {
                "" => assert!(result.is_ok(), "{protocol} {ports}: {result:?}"),
                code => assert_eq!(result.err(), Some(code), "{protocol} {ports}"),
            }
        }
    }

    #[test]
    fn rule_parameters_have_their_own_codes() {
        let mut topology = article_base(RuleSet::Y2020);
        attempt(
            &mut topology,
            json!({"Action":"CreateSecurityGroup","VpcId":"vpc-0001"}),
        )
        .expect("sg");
        let rule = |extra: serde_json::Value| {
            let mut step = json!({"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"80/80","SourceCidrIp":"0.0.0.0/0"});
            if let (Some(step), Some(extra)) = (step.as_object_mut(), extra.as_object()) {
                step.extend(extra.clone());
            }
            step
        };
        assert_eq!(
            code_of(&topology, rule(json!({"Policy":"deny"}))),
            "InvalidPolicy.Malformed"
        );
        assert_eq!(
            code_of(&topology, rule(json!({"Priority":"0"}))),
            "InvalidPriority.Malformed"
        );
        assert_eq!(
            code_of(&topology, rule(json!({"Priority":"101"}))),
            "InvalidPriority.Malformed"
        );
        assert_eq!(
            code_of(&topology, rule(json!({"SourceCidrIp":"10.0.0.1/8"}))),
            "InvalidCidrBlock.Malformed"
        );
        let no_source = json!({"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"icmp","PortRange":"-1/-1"});
        assert_eq!(code_of(&topology, no_source), "MissingParameter");
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"CreateSecurityGroup","VpcId":"vpc-0001","SecurityGroupType":"advanced"})
            ),
            "InvalidParameter.SecurityGroupType"
        );
        // With both a block and a group, the block takes precedence.
        attempt(
            &mut topology,
            rule(json!({"SourceGroupId":"sg-0001","SourceCidrIp":"10.1.0.0/16"})),
        )
        .expect("both");
        let group = topology.security_group("sg-0001").expect("sg");
        assert_eq!(
            group.rules[0].peer,
            crate::model::RulePeer::Cidr("10.1.0.0/16".parse().expect("cidr"))
        );
    }

    #[test]
    fn enterprise_groups_isolate_members_and_take_no_group_peers() {
        let mut topology = article_base(RuleSet::Y2020).with_rules(RuleSet::Current);
        for kind in ["normal", "enterprise"] {
            attempt(
                &mut topology,
                json!({"Action":"CreateSecurityGroup","VpcId":"vpc-0001","SecurityGroupType":kind}),
            )
            .expect("sg");
        }
        use crate::model::InnerAccessPolicy as P;
        let policy = |t: &crate::model::Topology, id: &str| {
            t.security_group(id).map(|group| group.inner_access_policy)
        };
        assert_eq!(policy(&topology, "sg-0001"), Some(P::Accept));
        assert_eq!(policy(&topology, "sg-0002"), Some(P::Drop));
        for (direction, param) in [
            ("AuthorizeSecurityGroup", "SourceGroupId"),
            ("AuthorizeSecurityGroupEgress", "DestGroupId"),
        ] {
            let step = json!({"Action":direction,"SecurityGroupId":"sg-0002","IpProtocol":"tcp","PortRange":"22/22",param:"sg-0001"});
            assert_eq!(
                code_of(&topology, step),
                "InvalidGroupAuthParameter.OperationDenied"
            );
            // A basic group may name the enterprise group.
            let step = json!({"Action":direction,"SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"22/22",param:"sg-0002"});
            attempt(&mut topology, step).expect("basic group names a group");
        }
        let modify = |id: &str, value: &str| json!({"Action":"ModifySecurityGroupPolicy","SecurityGroupId":id,"InnerAccessPolicy":value});
        assert_eq!(
            code_of(&topology, modify("sg-0002", "Accept")),
            "InvalidGroupParameter.OperationDenied"
        );
        assert_eq!(
            code_of(&topology, modify("sg-0001", "Deny")),
            "InvalidPolicy.Malformed"
        );
        assert_eq!(
            code_of(&topology, modify("sg-0009", "Drop")),
            "InvalidResourceId.NotFound"
        );
        let wrong_region = json!({"Action":"ModifySecurityGroupPolicy","SecurityGroupId":"sg-0001","InnerAccessPolicy":"Drop","RegionId":"cn-hangzhou"});
        assert_eq!(code_of(&topology, wrong_region), "InvalidRegionId.Mismatch");
        let answer = attempt(&mut topology, modify("sg-0001", "drop")).expect("modify");
        assert_eq!(answer.field("InnerAccessPolicy"), Some("Drop"));
        assert_eq!(policy(&topology, "sg-0001"), Some(P::Drop));
        attempt(&mut topology, modify("sg-0001", "ACCEPT")).expect("back");
        assert_eq!(policy(&topology, "sg-0001"), Some(P::Accept));
    }

    #[test]
    fn a_group_with_members_cannot_be_deleted() {
        let mut topology = article_base(RuleSet::Y2020);
        attempt(
            &mut topology,
            json!({"Action":"CreateSecurityGroup","VpcId":"vpc-0001"}),
        )
        .expect("sg");
        attempt(
            &mut topology,
            json!({"Action":"RunInstances","VSwitchId":"vsw-0001","SecurityGroupId":"sg-0001"}),
        )
        .expect("run");
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"DeleteSecurityGroup","SecurityGroupId":"sg-0001"})
            ),
            "DependencyViolation"
        );
        assert_eq!(
            code_of(&topology, json!({"Action":"DeleteVpc","VpcId":"vpc-0001"})),
            "DependencyViolation"
        );
        attempt(
            &mut topology,
            json!({"Action":"DeleteInstance","InstanceId":"i-0001"}),
        )
        .expect("delete");
        attempt(
            &mut topology,
            json!({"Action":"DeleteSecurityGroup","SecurityGroupId":"sg-0001"}),
        )
        .expect("delete");
    }
}
