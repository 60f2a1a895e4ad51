//! Names and descriptions: every `*Name` and `Description` parameter of a command is checked
//! against its rule in [`catalog::TEXT_PARAMETERS`] for the topology's rule set, before
//! anything else of the command (it is malformed input, the first class of the precedence
//! order). An empty value counts as not given, as the API reads an empty optional string.

use super::{CommandError, ErrorCode};
use crate::model::catalog::{self, RuleSet};
use crate::model::command::Command;
use crate::model::error::ErrorDetail;

/// A free-text parameter of a command with its value, as (parameter, value).
type Text<'a> = (&'static str, Option<&'a str>);

/// The free-text parameters of a command with their values (at most two; `None` pads). An
/// array rather than a vector: every command is checked, so this runs once per command.
fn texts(command: &Command) -> [Option<Text<'_>>; 2] {
    use Command as C;
    match command {
        C::CreateVpc {
            vpc_name,
            description,
            ..
        } => [
            Some(("VpcName", vpc_name.as_deref())),
            Some(("Description", description.as_deref())),
        ],
        C::CreateVSwitch {
            vswitch_name,
            description,
            ..
        } => [
            Some(("VSwitchName", vswitch_name.as_deref())),
            Some(("Description", description.as_deref())),
        ],
        C::CreateRouteEntry {
            route_entry_name,
            description,
            ..
        } => [
            Some(("RouteEntryName", route_entry_name.as_deref())),
            Some(("Description", description.as_deref())),
        ],
        C::RunInstances {
            instance_name,
            description,
            ..
        } => [
            Some(("InstanceName", instance_name.as_deref())),
            Some(("Description", description.as_deref())),
        ],
        C::AllocateEipAddress {
            name, description, ..
        }
        | C::CreateNatGateway {
            name, description, ..
        }
        | C::CreateCustomerGateway {
            name, description, ..
        }
        | C::CreateVirtualBorderRouter {
            name, description, ..
        } => [
            Some(("Name", name.as_deref())),
            Some(("Description", description.as_deref())),
        ],
        C::CreateSecurityGroup {
            security_group_name,
            description,
            ..
        } => [
            Some(("SecurityGroupName", security_group_name.as_deref())),
            Some(("Description", description.as_deref())),
        ],
        C::AuthorizeSecurityGroup { description, .. }
        | C::AuthorizeSecurityGroupEgress { description, .. } => {
            [Some(("Description", description.as_deref())), None]
        }
        C::CreateSnatEntry {
            snat_entry_name, ..
        } => [Some(("SnatEntryName", snat_entry_name.as_deref())), None],
        C::CreateForwardEntry {
            forward_entry_name, ..
        } => [
            Some(("ForwardEntryName", forward_entry_name.as_deref())),
            None,
        ],
        C::CreateVpnGateway { name, .. } | C::CreateVpnConnection { name, .. } => {
            [Some(("Name", name.as_deref())), None]
        }
        C::CreateDataCenter {
            data_center_name, ..
        } => [Some(("DataCenterName", data_center_name.as_deref())), None],
        C::CreateLoadBalancer {
            load_balancer_name, ..
        } => [
            Some(("LoadBalancerName", load_balancer_name.as_deref())),
            None,
        ],
        C::CreateDBInstance {
            db_instance_description,
            ..
        } => [
            Some(("DBInstanceDescription", db_instance_description.as_deref())),
            None,
        ],
        _ => [None, None],
    }
}

/// Checks one value against the rule of `action`'s `param` under `rules`. An empty or
/// absent value passes (it is not given).
///
/// # Errors
/// The code the API reference page documents for the parameter, with a message naming the
/// rule and what broke it.
pub(crate) fn check_text(
    rules: RuleSet,
    action: &str,
    param: &str,
    value: Option<&str>,
) -> Result<(), CommandError> {
    let Some(value) = value.filter(|value| !value.is_empty()) else {
        return Ok(());
    };
    let Some((rule, code)) = catalog::text_rule(rules, action, param) else {
        return Ok(());
    };
    let Err(problem) = rule.check(value) else {
        return Ok(());
    };
    let kind = ErrorCode::from_code(code).unwrap_or(ErrorCode::InvalidParameter);
    Err(CommandError::new(
        kind,
        ErrorDetail::TextBreaksRule {
            param: param.into(),
            problem,
            rules,
            rule,
        },
    ))
}

/// Checks every name and description of a command.
///
/// # Errors
/// The first parameter that breaks its rule, as [`check_text`] reports it.
pub(crate) fn check_command(rules: RuleSet, command: &Command) -> Result<(), CommandError> {
    let action = command.action().api_name();
    texts(command)
        .into_iter()
        .flatten()
        .try_for_each(|(param, value)| check_text(rules, action, param, value))
}

#[cfg(test)]
mod tests {
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::model::apply::test_support::{article_base, code_of};

    #[test]
    fn every_free_text_parameter_of_a_command_is_catalogued() {
        let commands = [
            json!({"Action":"CreateVpc","RegionId":"cn-hangzhou","VpcName":"a","Description":"b"}),
            json!({"Action":"CreateVSwitch","VpcId":"v","ZoneId":"z","CidrBlock":"c","VSwitchName":"a","Description":"b"}),
            json!({"Action":"CreateRouteEntry","RouteTableId":"t","DestinationCidrBlock":"d","NextHopId":"n","RouteEntryName":"a","Description":"b"}),
            json!({"Action":"RunInstances","VSwitchId":"v","InstanceName":"a","Description":"b"}),
            json!({"Action":"AllocateEipAddress","RegionId":"r","Name":"a","Description":"b"}),
            json!({"Action":"CreateSecurityGroup","VpcId":"v","SecurityGroupName":"a","Description":"b"}),
            json!({"Action":"AuthorizeSecurityGroup","SecurityGroupId":"s","IpProtocol":"tcp","PortRange":"1/1","Description":"b"}),
            json!({"Action":"AuthorizeSecurityGroupEgress","SecurityGroupId":"s","IpProtocol":"tcp","PortRange":"1/1","Description":"b"}),
            json!({"Action":"CreateNatGateway","VpcId":"v","Name":"a","Description":"b"}),
            json!({"Action":"CreateSnatEntry","SnatTableId":"t","SnatIp":"i","SnatEntryName":"a"}),
            json!({"Action":"CreateForwardEntry","ForwardTableId":"t","ExternalIp":"i","ExternalPort":"1","IpProtocol":"tcp","InternalIp":"i","InternalPort":"1","ForwardEntryName":"a"}),
            json!({"Action":"CreateVpnGateway","VpcId":"v","Name":"a"}),
            json!({"Action":"CreateCustomerGateway","RegionId":"r","IpAddress":"i","Name":"a","Description":"b"}),
            json!({"Action":"CreateVpnConnection","VpnGatewayId":"v","CustomerGatewayId":"c","LocalSubnet":"l","RemoteSubnet":"r","Name":"a"}),
            json!({"Action":"CreateVirtualBorderRouter","RegionId":"r","VlanId":"1","Name":"a","Description":"b"}),
            json!({"Action":"CreateDataCenter","CidrBlock":"c","DataCenterName":"a"}),
            json!({"Action":"CreateLoadBalancer","VSwitchId":"v","LoadBalancerName":"a"}),
            json!({"Action":"CreateDBInstance","VSwitchId":"v","Engine":"MySQL","DBInstanceDescription":"a"}),
        ];
        let mut seen = 0;
        for step in commands {
            let command: Command = serde_json::from_value(step).expect("command");
            for (param, value) in texts(&command).into_iter().flatten() {
                assert!(value.is_some(), "{} {param}", command.action());
                assert!(
                    catalog::text_rule(RuleSet::Current, command.action().api_name(), param)
                        .is_some(),
                    "{}.{param} has no rule",
                    command.action()
                );
                seen += 1;
            }
        }
        assert_eq!(seen, catalog::TEXT_PARAMETERS.len());
    }

    #[test]
    fn names_follow_the_rule_set_in_force() {
        // (rule set, VpcName, expected code or "" for accepted)
        let cases = [
            (RuleSet::Current, "a", ""),
            (RuleSet::Y2020, "a", "InvalidVpcName.Malformed"),
            (RuleSet::Current, &*"v".repeat(128), ""),
            (
                RuleSet::Current,
                &*"v".repeat(129),
                "InvalidVpcName.Malformed",
            ),
            (
                RuleSet::Y2020,
                &*"v".repeat(300),
                "InvalidVpcName.Malformed",
            ),
            (RuleSet::Current, "https://evil", "InvalidVpcName.Malformed"),
            (
                RuleSet::Current,
                "abc\u{202e}exe.txt",
                "InvalidVpcName.Malformed",
            ),
            (RuleSet::Y2020, "abc\u{2067}exe", "InvalidVpcName.Malformed"),
            (RuleSet::Current, "", ""),
        ];
        for (rules, name, expected) in cases {
            let result = check_text(rules, "CreateVpc", "VpcName", Some(name));
            match expected {
                "" => assert_eq!(result, Ok(()), "{rules:?} {name:?}"),
                code => assert_eq!(
                    result.map_err(|error| error.code()),
                    Err(code),
                    "{rules:?} {name:?}"
                ),
            }
        }
    }

    #[test]
    fn a_bad_name_fails_before_an_unknown_resource() {
        let topology = article_base(RuleSet::Y2020);
        let step = json!({"Action":"CreateVSwitch","VpcId":"vpc-0099","ZoneId":"ap-south-1a","CidrBlock":"192.168.3.0/24","VSwitchName":"3rd"});
        assert_eq!(code_of(&topology, step), "InvalidVSwitchName.Malformed");
        let step = json!({"Action":"CreateSecurityGroup","VpcId":"vpc-0001","Description":"x"});
        assert_eq!(code_of(&topology, step), "InvalidDescription.Malformed");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn a_bidi_control_is_refused_by_every_rule(
            prefix in "[a-z]{1,20}",
            suffix in "[a-z]{0,20}",
            control in prop::sample::select(vec!['\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}']),
        ) {
            let value = format!("{prefix}{control}{suffix}");
            for row in catalog::TEXT_PARAMETERS {
                for rules in RuleSet::ALL {
                    let result = check_text(rules, row.action, row.param, Some(&value));
                    prop_assert!(result.is_err(), "{} {} accepted {:?}", row.action, row.param, value);
                }
            }
        }
    }
}
