//! Security-group evaluation for path analysis.
//!
//! Conventions, following Alibaba's documentation:
//! - The rules of all the groups of an instance are pooled. Among the rules that match the
//!   packet (direction, protocol, port, peer), the one with the smallest priority number
//!   wins (1 is the highest); at equal priority a `drop` beats an `accept`.
//! - The internal access policy comes first: two instances that share a basic group whose
//!   `InnerAccessPolicy` is `Accept` (a new basic group's default) always reach each other,
//!   in both directions, whatever the user rules say (ModifySecurityGroupPolicy). With
//!   `Drop`, and always in an enterprise group, members are isolated and the rules decide.
//! - When no rule matches, the group types decide: a basic group lets everything out and
//!   nothing in; an enterprise group denies both directions.
//! - Groups are stateful: the answer to an allowed connection is never filtered. Callers
//!   simply skip the check for answers.
//! - A peer is a block rather than an address: "any Internet address" is `0.0.0.0/0`, a
//!   data centre without a chosen host is its whole block, and a CIDR rule matches only
//!   when its block holds the whole peer block.

use crate::model::trace::HopRule;
use ipnet::Ipv4Net;

use crate::model::entity::{
    Direction, InnerAccessPolicy, Instance, IpProtocol, Policy, RulePeer, SecurityGroupRule,
    SecurityGroupType,
};
use crate::model::topology::Topology;

use super::reason::Reason;

/// The protocol and destination port of a traced packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Traffic {
    /// The protocol.
    pub protocol: IpProtocol,
    /// The destination port, for TCP and UDP.
    pub port: Option<u16>,
}

/// The other end of a packet, as a security group sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Peer<'a> {
    /// Its address, or the block it stands for.
    pub net: Ipv4Net,
    /// The instance it is, when it is one (for rules naming a group).
    pub instance: Option<&'a Instance>,
}

fn matches(
    rule: &SecurityGroupRule,
    direction: Direction,
    traffic: Traffic,
    peer: Peer<'_>,
) -> bool {
    if rule.direction != direction {
        return false;
    }
    if rule.ip_protocol != IpProtocol::All && rule.ip_protocol != traffic.protocol {
        return false;
    }
    if rule.ip_protocol.has_ports() {
        if let Some(port) = traffic.port {
            if !rule.port_range.contains(port) {
                return false;
            }
        }
    }
    match &rule.peer {
        RulePeer::Cidr(block) => block.contains(&peer.net),
        RulePeer::Group(group) => peer
            .instance
            .is_some_and(|instance| instance.security_group_ids.iter().any(|id| id == group)),
    }
}

/// Checks a packet against the security groups of `instance` in one direction. Returns the
/// rule that let it pass.
///
/// # Errors
/// [`Reason::SecurityGroupDenied`] naming the group whose drop rule matched, or the
/// instance's first group when no rule allowed the packet.
pub(crate) fn check(
    topology: &Topology,
    instance: &Instance,
    direction: Direction,
    traffic: Traffic,
    peer: Peer<'_>,
) -> Result<HopRule, Reason> {
    if let Some(group) = inner_accept(topology, instance, peer) {
        return Ok(HopRule::SecurityGroupInner {
            group: group.to_string(),
        });
    }
    if let Some((group, rule)) = deciding_rule(topology, instance, direction, traffic, peer) {
        return match rule.policy {
            Policy::Accept => Ok(HopRule::SecurityGroupRule {
                group: group.to_string(),
                rule: rule.clone(),
            }),
            Policy::Drop => Err(Reason::SecurityGroupDenied {
                group: group.to_string(),
                direction,
                rule: Some(Box::new(rule.clone())),
            }),
        };
    }
    let basic = topology
        .groups_of(instance)
        .find(|group| group.group_type == SecurityGroupType::Normal);
    match (direction, basic) {
        (Direction::Egress, Some(group)) => Ok(HopRule::SecurityGroupBasicEgress {
            group: group.id.clone(),
        }),
        _ => Err(denied(instance, direction)),
    }
}

/// The rule that decides a packet among the pooled rules of the groups of `instance` (the
/// smallest priority number, a drop before an accept), with its group; `None` when no rule
/// matches. The internal access policy is not read here.
pub(crate) fn deciding_rule<'t>(
    topology: &'t Topology,
    instance: &Instance,
    direction: Direction,
    traffic: Traffic,
    peer: Peer<'_>,
) -> Option<(&'t str, &'t SecurityGroupRule)> {
    // The best match so far: (priority, drop first, group id, rule).
    let mut best: Option<(u8, bool, &str, &SecurityGroupRule)> = None;
    for group in topology.groups_of(instance) {
        for rule in group
            .rules
            .iter()
            .filter(|rule| matches(rule, direction, traffic, peer))
        {
            let key = (rule.priority, rule.policy != Policy::Drop);
            if best.is_none_or(|(priority, accept, _, _)| key < (priority, accept)) {
                best = Some((key.0, key.1, group.id.as_str(), rule));
            }
        }
    }
    best.map(|(_, _, group, rule)| (group, rule))
}

/// The basic group with `InnerAccessPolicy` Accept that `instance` shares with the peer, if
/// any: its members reach each other before any rule is read.
fn inner_accept<'a>(
    topology: &Topology,
    instance: &'a Instance,
    peer: Peer<'_>,
) -> Option<&'a str> {
    let other = peer.instance?;
    instance
        .security_group_ids
        .iter()
        .find(|id| {
            other.security_group_ids.contains(id)
                && topology.security_group(id).is_some_and(|group| {
                    group.group_type == SecurityGroupType::Normal
                        && group.inner_access_policy == InnerAccessPolicy::Accept
                })
        })
        .map(String::as_str)
}

fn denied(instance: &Instance, direction: Direction) -> Reason {
    Reason::SecurityGroupDenied {
        group: instance
            .security_group_ids
            .first()
            .cloned()
            .unwrap_or_default(),
        direction,
        rule: None,
    }
}

/// The ports where the verdict of the groups of these instances may change: 1 and the
/// edges of every TCP/UDP rule's range. Trying each of them answers "is some port open?".
pub(crate) fn boundary_ports<'a>(
    topology: &Topology,
    instances: impl Iterator<Item = &'a Instance>,
    ports: &mut Vec<u16>,
) {
    for instance in instances {
        for group in topology.groups_of(instance) {
            for rule in group
                .rules
                .iter()
                .filter(|rule| rule.ip_protocol.has_ports())
            {
                ports.push(rule.port_range.from);
                if let Some(after) = rule.port_range.to.checked_add(1) {
                    ports.push(after);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::scenario;
    use crate::model::trace::{trace, Endpoint, Protocol};

    /// Two instances in one new basic group (in two zones), then `extra` steps; answers
    /// whether a TCP packet on `port` from the first reaches the second.
    fn reaches(extra: &str, port: u16) -> bool {
        let steps = format!(
            r#"{{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"192.168.0.0/16","Ref":"vpc"}},
            {{"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1a","CidrBlock":"192.168.1.0/24","Ref":"vsw1"}},
            {{"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1b","CidrBlock":"192.168.2.0/24","Ref":"vsw2"}},
            {{"Action":"CreateSecurityGroup","VpcId":"vpc","Ref":"team"}},
            {{"Action":"RunInstances","VSwitchId":"vsw1","SecurityGroupId":"team","Ref":"a"}},
            {{"Action":"RunInstances","VSwitchId":"vsw2","SecurityGroupId":"team","Ref":"b"}}{extra}"#
        );
        let text =
            format!(r#"{{"vpclab":"scenario","version":1,"rules":"2020","steps":[{steps}]}}"#);
        let report = scenario::run_text(&text).expect("a scenario");
        assert!(report.passed(), "{:?}", report.first_failure());
        let end = |name: &str| Endpoint::Resource(report.refs[name].clone());
        trace(
            &report.topology,
            &end("a"),
            &end("b"),
            Protocol::Tcp,
            Some(port),
        )
        .reachable
    }

    const DROP_22_IN: &str = r#",{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"team","IpProtocol":"tcp","PortRange":"22/22","SourceCidrIp":"0.0.0.0/0","Policy":"drop"}"#;
    const DROP_22_OUT: &str = r#",{"Action":"AuthorizeSecurityGroupEgress","SecurityGroupId":"team","IpProtocol":"tcp","PortRange":"22/22","DestCidrIp":"0.0.0.0/0","Policy":"drop"}"#;
    const ACCEPT_22_FROM_TEAM: &str = r#",{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"team","IpProtocol":"tcp","PortRange":"22/22","SourceGroupId":"team"}"#;
    const POLICY_DROP: &str = r#",{"Action":"ModifySecurityGroupPolicy","SecurityGroupId":"team","InnerAccessPolicy":"Drop"}"#;

    #[test]
    fn the_inner_access_policy_is_read_before_the_rules() {
        // (extra steps, port, reachable)
        let cases = [
            (String::new(), 22, true),
            (DROP_22_IN.to_string(), 22, true),
            (DROP_22_OUT.to_string(), 22, true),
            (POLICY_DROP.to_string(), 22, false),
            (format!("{POLICY_DROP}{ACCEPT_22_FROM_TEAM}"), 22, true),
            (format!("{POLICY_DROP}{ACCEPT_22_FROM_TEAM}"), 23, false),
            (
                format!("{POLICY_DROP}{ACCEPT_22_FROM_TEAM}{DROP_22_OUT}"),
                22,
                false,
            ),
        ];
        for (extra, port, reachable) in cases {
            assert_eq!(reaches(&extra, port), reachable, "{extra} port {port}");
        }
    }
}
