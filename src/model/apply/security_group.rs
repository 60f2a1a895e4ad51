//! Security groups: creating and deleting them, their internal access policy, and their
//! rules.
//!
//! A basic ("normal") group starts with `InnerAccessPolicy` Accept; an enterprise group
//! isolates its members for good and its rules name address blocks, never groups.
//! `PortRange` is `from/to` within 1-65535 for tcp and udp and exactly `-1/-1` for icmp,
//! gre and all. Adding a rule the group already has succeeds and changes nothing; removing
//! one it does not have succeeds under the 2020 rules and fails today.

use super::{
    dependency, find, not_found, optional_number, CommandError, ErrorCode, Response, Topology,
};
use crate::model::catalog::RuleSet;
use crate::model::entity::{
    Direction, InnerAccessPolicy, IpProtocol, Policy, PortRange, RulePeer, SecurityGroup,
    SecurityGroupRule, SecurityGroupType,
};
use crate::model::error::{Dependant, ErrorDetail, Noun};
use crate::model::topology::prefix;

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
                ErrorDetail::GroupTypeUnknown {
                    value: other.into(),
                },
            ))
        }
    };
    find(&topology.vpcs, Noun::Vpc, vpc_id)?;
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
            ErrorDetail::InnerPolicyUnknown {
                value: policy.into(),
            },
        )
    })?;
    let group = find(&topology.security_groups, Noun::SecurityGroup, id)?;
    if let Some(region_id) = region_id {
        let region = topology
            .vpc(&group.vpc_id)
            .map(|vpc| vpc.region_id.as_str());
        if region != Some(region_id) {
            return Err(CommandError::new(
                ErrorCode::RegionMismatch,
                ErrorDetail::InRegionNot {
                    id: id.into(),
                    region: region.unwrap_or("?").into(),
                    expected: region_id.into(),
                },
            ));
        }
    }
    if group.group_type == SecurityGroupType::Enterprise {
        return Err(CommandError::new(
            ErrorCode::EnterpriseGroupDenied,
            ErrorDetail::EnterpriseIsolates { group: id.into() },
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
    find(&topology.security_groups, Noun::SecurityGroup, id)?;
    let mut dependants: Vec<Dependant> = topology
        .members_of(id)
        .map(|instance| Dependant::Member {
            id: instance.id.clone(),
        })
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
            .map(|other| Dependant::RuleNaming {
                group: other.id.clone(),
            }),
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
            ErrorDetail::PortRangeMalformed { value: text.into() },
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
                    ErrorDetail::PortRangeForPorts {
                        value: text.into(),
                        protocol: name.into(),
                    },
                )
            });
    }
    if (from, to) == (-1, -1) {
        Ok(PortRange::ALL)
    } else {
        Err(CommandError::new(
            ErrorCode::ProtocolPortMismatch,
            ErrorDetail::PortRangeForPortless {
                value: text.into(),
                protocol: name.into(),
            },
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
            ErrorDetail::IpProtocolUnknown {
                value: change.ip_protocol.into(),
            },
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
                ErrorDetail::PolicyUnknown {
                    value: other.into(),
                },
            ))
        }
    };
    let priority = optional_number("Priority", change.priority, 1, 1, 100)
        .map_err(|error| CommandError::new(ErrorCode::PriorityMalformed, *error.detail))?;
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
        Noun::SecurityGroup,
        change.security_group_id,
    )?;
    // With both, the block takes precedence, as the API documents.
    let peer = match (cidr, change.peer_group) {
        (Some(cidr), _) => RulePeer::Cidr(cidr),
        (None, Some(peer_id)) => {
            if group.group_type == SecurityGroupType::Enterprise {
                return Err(CommandError::new(
                    ErrorCode::GroupAuthDenied,
                    ErrorDetail::EnterpriseNamesGroup {
                        group: group.id.clone(),
                        param: group_param.into(),
                    },
                ));
            }
            let peer_group = topology
                .security_groups
                .get(peer_id)
                .ok_or_else(|| not_found(Noun::SecurityGroup, peer_id))?;
            if peer_group.vpc_id != group.vpc_id {
                return Err(CommandError::new(
                    ErrorCode::VpcMismatch,
                    ErrorDetail::Apart {
                        first: peer_id.into(),
                        first_in: peer_group.vpc_id.clone(),
                        second: group.id.clone(),
                        second_in: group.vpc_id.clone(),
                    },
                ));
            }
            RulePeer::Group(peer_id.to_string())
        }
        (None, None) => {
            return Err(CommandError::new(
                ErrorCode::MissingParameter,
                ErrorDetail::RuleNeedsPeer {
                    cidr_param: cidr_param.into(),
                    group_param: group_param.into(),
                },
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
            ErrorDetail::NoSuchRule { group: id },
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
