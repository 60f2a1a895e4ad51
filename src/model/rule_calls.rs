//! A security group rule as the API calls that add it and take it away: the
//! `AuthorizeSecurityGroup` and `RevokeSecurityGroup` families, ingress or egress as the
//! rule is. The one-click fixes revoke a rule that blocks a path; the scenario export adds
//! every rule of a network again.

use super::command::Command;
use super::entity::{Direction, Policy, RulePeer, SecurityGroupRule};

/// Which of the two calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleCall {
    /// `AuthorizeSecurityGroup` or `AuthorizeSecurityGroupEgress`, with the rule's
    /// description when it has one.
    Authorize,
    /// `RevokeSecurityGroup` or `RevokeSecurityGroupEgress` (the API takes no description).
    Revoke,
}

/// The `call` for `rule` in the group named `group`, with the same parameters either way
/// (so a revoke names exactly the rule an authorize added). `peer_name` writes a peer
/// group's id as the call names it: the id itself, or a scenario's Ref.
///
/// ```
/// use vpclab::model::rule_calls::{rule_call, RuleCall};
/// use vpclab::model::{Command, Direction, IpProtocol, Policy, PortRange, RulePeer, SecurityGroupRule};
/// let rule = SecurityGroupRule {
///     direction: Direction::Ingress,
///     ip_protocol: IpProtocol::Tcp,
///     port_range: PortRange { from: 22, to: 22 },
///     peer: RulePeer::Cidr("0.0.0.0/0".parse().unwrap()),
///     policy: Policy::Accept,
///     priority: 1,
///     description: String::new(),
/// };
/// let call = rule_call(RuleCall::Revoke, "sg-0001".into(), &rule, str::to_owned);
/// assert_eq!(vpclab::model::request_line(&call),
///     "RevokeSecurityGroup IpProtocol=tcp Policy=accept PortRange=22/22 Priority=1 SecurityGroupId=sg-0001 SourceCidrIp=0.0.0.0/0");
/// ```
pub fn rule_call(
    call: RuleCall,
    group: String,
    rule: &SecurityGroupRule,
    peer_name: impl Fn(&str) -> String,
) -> Command {
    let security_group_id = group;
    let ip_protocol = rule.ip_protocol.name().to_string();
    let port_range = rule.ip_protocol.port_range_parameter(rule.port_range);
    let (cidr, peer_group) = match &rule.peer {
        RulePeer::Cidr(block) => (Some(block.to_string()), None),
        RulePeer::Group(id) => (None, Some(peer_name(id))),
    };
    let policy = Some(
        match rule.policy {
            Policy::Accept => "accept",
            Policy::Drop => "drop",
        }
        .to_string(),
    );
    let priority = Some(rule.priority.to_string());
    let description = (!rule.description.is_empty()).then(|| rule.description.clone());
    match (call, rule.direction) {
        (RuleCall::Authorize, Direction::Ingress) => Command::AuthorizeSecurityGroup {
            security_group_id,
            ip_protocol,
            port_range,
            source_cidr_ip: cidr,
            source_group_id: peer_group,
            policy,
            priority,
            description,
        },
        (RuleCall::Authorize, Direction::Egress) => Command::AuthorizeSecurityGroupEgress {
            security_group_id,
            ip_protocol,
            port_range,
            dest_cidr_ip: cidr,
            dest_group_id: peer_group,
            policy,
            priority,
            description,
        },
        (RuleCall::Revoke, Direction::Ingress) => Command::RevokeSecurityGroup {
            security_group_id,
            ip_protocol,
            port_range,
            source_cidr_ip: cidr,
            source_group_id: peer_group,
            policy,
            priority,
        },
        (RuleCall::Revoke, Direction::Egress) => Command::RevokeSecurityGroupEgress {
            security_group_id,
            ip_protocol,
            port_range,
            dest_cidr_ip: cidr,
            dest_group_id: peer_group,
            policy,
            priority,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::example;

    /// The first-run network with rules of every shape added to its first group: a CIDR
    /// peer with a description, a group peer, egress, drop, ICMP (no ports).
    fn network_with_rules() -> crate::model::Topology {
        let mut network = example::first_run_network();
        let mut groups = network.security_groups().keys().cloned();
        let group = groups.next().expect("a group");
        let peer = groups.next().unwrap_or_else(|| group.clone());
        let calls = [
            (
                "AuthorizeSecurityGroup",
                "tcp",
                "22/22",
                Some("10.0.0.0/8"),
                None,
                "accept",
                "1",
                Some("ssh from the office"),
            ),
            (
                "AuthorizeSecurityGroup",
                "udp",
                "53/53",
                None,
                Some(peer.as_str()),
                "drop",
                "7",
                None,
            ),
            (
                "AuthorizeSecurityGroupEgress",
                "icmp",
                "-1/-1",
                Some("0.0.0.0/0"),
                None,
                "drop",
                "100",
                None,
            ),
            (
                "AuthorizeSecurityGroupEgress",
                "tcp",
                "443/443",
                None,
                Some(peer.as_str()),
                "accept",
                "3",
                Some("web"),
            ),
        ];
        for (action, protocol, ports, cidr, peer_group, policy, priority, description) in calls {
            let (peer_key, group_key) = if action.ends_with("Egress") {
                ("DestCidrIp", "DestGroupId")
            } else {
                ("SourceCidrIp", "SourceGroupId")
            };
            let mut call = serde_json::json!({
                "Action": action, "SecurityGroupId": group, "IpProtocol": protocol,
                "PortRange": ports, "Policy": policy, "Priority": priority,
            });
            if let Some(cidr) = cidr {
                call[peer_key] = cidr.into();
            }
            if let Some(peer_group) = peer_group {
                call[group_key] = peer_group.into();
            }
            if let Some(description) = description {
                call["Description"] = description.into();
            }
            let command: Command = serde_json::from_value(call).expect("a command");
            network.apply_in_place(&command).expect("the rule is added");
        }
        network
    }

    #[test]
    fn revoking_a_rule_then_authorizing_it_again_gives_back_the_same_rule() {
        let network = network_with_rules();
        let mut seen = 0;
        for group in network.security_groups().values() {
            for rule in &group.rules {
                let revoke = rule_call(RuleCall::Revoke, group.id.clone(), rule, str::to_owned);
                let mut without = network.clone();
                without
                    .apply_in_place(&revoke)
                    .expect("the rule is revoked");
                let left = &without.security_groups()[&group.id].rules;
                assert!(!left.iter().any(|other| other.same_as(rule)), "{revoke:?}");

                let authorize =
                    rule_call(RuleCall::Authorize, group.id.clone(), rule, str::to_owned);
                without
                    .apply_in_place(&authorize)
                    .expect("the rule is added");
                let back = &without.security_groups()[&group.id].rules;
                assert!(back.iter().any(|other| other == rule), "{authorize:?}");
                seen += 1;
            }
        }
        assert!(seen >= 4, "only {seen} rules");
    }
}
