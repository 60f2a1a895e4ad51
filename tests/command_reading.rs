//! How a [`Command`] is read from JSON: every action's parameters, which are required, and
//! the exact error for each way a request can be wrong (a missing, unknown, repeated or
//! mistyped parameter; a missing, unknown or mistyped `Action`).
//!
//! The messages are serde's own wording, which scenario files and the embedding API show to
//! their authors, and which `scenario::parse` reads the parameter's name from. They were
//! pinned here against serde's derived reader, before `Command` got a reader of its own
//! (issue 13: the derived one was the largest function of the wasm), so the two read alike.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Map, Value};
use vpclab::model::{ActionKind, Command};

/// Every action's parameters in declaration order; `!` marks a required one.
const PARAMETERS: &[(&str, &[&str])] = &[
    (
        "CreateVpc",
        &["!RegionId", "CidrBlock", "VpcName", "Description"],
    ),
    ("DeleteVpc", &["!VpcId"]),
    (
        "AssociateVpcCidrBlock",
        &["!VpcId", "!SecondaryCidrBlock", "RegionId"],
    ),
    (
        "CreateVSwitch",
        &[
            "!VpcId",
            "!ZoneId",
            "!CidrBlock",
            "VSwitchName",
            "Description",
        ],
    ),
    ("DeleteVSwitch", &["!VSwitchId"]),
    (
        "RunInstances",
        &[
            "!VSwitchId",
            "InstanceName",
            "PrivateIpAddress",
            "SecurityGroupId",
            "InternetMaxBandwidthOut",
            "Description",
        ],
    ),
    ("DeleteInstance", &["!InstanceId"]),
    (
        "ModifyInstanceNetworkSpec",
        &["!InstanceId", "!InternetMaxBandwidthOut"],
    ),
    ("ConvertNatPublicIpToEip", &["!InstanceId"]),
    (
        "AllocateEipAddress",
        &["!RegionId", "Bandwidth", "Name", "Description"],
    ),
    (
        "AssociateEipAddress",
        &["!AllocationId", "!InstanceId", "InstanceType"],
    ),
    ("UnassociateEipAddress", &["!AllocationId", "InstanceId"]),
    ("ReleaseEipAddress", &["!AllocationId"]),
    (
        "CreateRouteEntry",
        &[
            "!RouteTableId",
            "!DestinationCidrBlock",
            "!NextHopId",
            "NextHopType",
            "RouteEntryName",
            "Description",
        ],
    ),
    (
        "DeleteRouteEntry",
        &[
            "RouteEntryId",
            "RouteTableId",
            "DestinationCidrBlock",
            "NextHopId",
        ],
    ),
    (
        "CreateSecurityGroup",
        &[
            "!VpcId",
            "SecurityGroupName",
            "SecurityGroupType",
            "Description",
        ],
    ),
    ("DeleteSecurityGroup", &["!SecurityGroupId"]),
    (
        "ModifySecurityGroupPolicy",
        &["!SecurityGroupId", "!InnerAccessPolicy", "RegionId"],
    ),
    (
        "AuthorizeSecurityGroup",
        &[
            "!SecurityGroupId",
            "!IpProtocol",
            "!PortRange",
            "SourceCidrIp",
            "SourceGroupId",
            "Policy",
            "Priority",
            "Description",
        ],
    ),
    (
        "RevokeSecurityGroup",
        &[
            "!SecurityGroupId",
            "!IpProtocol",
            "!PortRange",
            "SourceCidrIp",
            "SourceGroupId",
            "Policy",
            "Priority",
        ],
    ),
    (
        "AuthorizeSecurityGroupEgress",
        &[
            "!SecurityGroupId",
            "!IpProtocol",
            "!PortRange",
            "DestCidrIp",
            "DestGroupId",
            "Policy",
            "Priority",
            "Description",
        ],
    ),
    (
        "RevokeSecurityGroupEgress",
        &[
            "!SecurityGroupId",
            "!IpProtocol",
            "!PortRange",
            "DestCidrIp",
            "DestGroupId",
            "Policy",
            "Priority",
        ],
    ),
    (
        "CreateNatGateway",
        &["!VpcId", "VSwitchId", "Name", "Description"],
    ),
    ("DeleteNatGateway", &["!NatGatewayId", "Force"]),
    (
        "CreateSnatEntry",
        &[
            "!SnatTableId",
            "!SnatIp",
            "SourceVSwitchId",
            "SourceCIDR",
            "SnatEntryName",
        ],
    ),
    (
        "CreateForwardEntry",
        &[
            "!ForwardTableId",
            "!ExternalIp",
            "!ExternalPort",
            "!IpProtocol",
            "!InternalIp",
            "!InternalPort",
            "ForwardEntryName",
        ],
    ),
    ("CreateVpnGateway", &["!VpcId", "Bandwidth", "Name"]),
    ("DeleteVpnGateway", &["!VpnGatewayId"]),
    (
        "CreateCustomerGateway",
        &[
            "!RegionId",
            "!IpAddress",
            "Asn",
            "Name",
            "Description",
            "DataCenterId",
        ],
    ),
    ("DeleteCustomerGateway", &["!CustomerGatewayId"]),
    (
        "CreateVpnConnection",
        &[
            "!VpnGatewayId",
            "!CustomerGatewayId",
            "!LocalSubnet",
            "!RemoteSubnet",
            "Name",
        ],
    ),
    ("DeleteVpnConnection", &["!VpnConnectionId"]),
    (
        "CreateVirtualBorderRouter",
        &[
            "!RegionId",
            "!VlanId",
            "Name",
            "Description",
            "VpcId",
            "DataCenterId",
        ],
    ),
    ("DeleteVirtualBorderRouter", &["!VbrId"]),
    ("CreateDataCenter", &["!CidrBlock", "DataCenterName"]),
    ("DeleteDataCenter", &["!DataCenterId"]),
    (
        "CreateLoadBalancer",
        &["!VSwitchId", "LoadBalancerName", "Address", "AddressType"],
    ),
    ("DeleteLoadBalancer", &["!LoadBalancerId"]),
    ("AddBackendServers", &["!LoadBalancerId", "!BackendServers"]),
    (
        "CreateDBInstance",
        &[
            "!VSwitchId",
            "!Engine",
            "EngineVersion",
            "DBInstanceClass",
            "DBInstanceDescription",
            "PrivateIpAddress",
        ],
    ),
    ("DeleteDBInstance", &["!DBInstanceId"]),
];

/// A parameter's name and whether it is required.
fn parameter(marked: &str) -> (&str, bool) {
    match marked.strip_prefix('!') {
        Some(name) => (name, true),
        None => (marked, false),
    }
}

/// A valid value for the parameter `name`.
fn value_for(name: &str) -> Value {
    if name == "BackendServers" {
        json!([{"ServerId": "i-0001", "Weight": "50"}, {"ServerId": "i-0002"}])
    } else {
        Value::String(format!("v-{name}"))
    }
}

/// A request of `action` with the parameters `names` (unmarked), each with a valid value.
fn request(action: &str, names: &[&str]) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("Action".into(), action.into());
    for name in names {
        map.insert((*name).to_string(), value_for(name));
    }
    map
}

/// What reading `value` gives: the command's JSON, or the error's text.
fn read_value(value: Value) -> Result<Value, String> {
    serde_json::from_value::<Command>(value)
        .map(|command| serde_json::to_value(command).expect("serialises"))
        .map_err(|error| error.to_string())
}

/// What reading `text` gives: the command's JSON, or the error's text (with its position).
fn read_text(text: &str) -> Result<Value, String> {
    serde_json::from_str::<Command>(text)
        .map(|command| serde_json::to_value(command).expect("serialises"))
        .map_err(|error| error.to_string())
}

/// serde's list of expected names in an unknown-field or unknown-variant error.
fn expected(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.as_slice() {
        [] => "there are no fields".into(),
        [one] => format!("expected {one}"),
        [first, second] => format!("expected {first} or {second}"),
        _ => format!("expected one of {}", quoted.join(", ")),
    }
}

#[test]
fn the_table_names_every_action_in_the_order_serde_lists_them() {
    let actions: Vec<&str> = PARAMETERS.iter().map(|(action, _)| *action).collect();
    let kinds: Vec<&str> = ActionKind::ALL.iter().map(|kind| kind.api_name()).collect();
    assert_eq!(actions, kinds);
    assert_eq!(
        read_text(r#"{"Action":"Nope"}"#),
        Err(format!(
            "unknown variant `Nope`, {} at line 1 column 16",
            expected(&actions)
        ))
    );
}

#[test]
fn every_parameter_is_read_and_written_back_unchanged() {
    for (action, marked) in PARAMETERS {
        let names: Vec<&str> = marked.iter().map(|m| parameter(m).0).collect();
        let full = Value::Object(request(action, &names));
        assert_eq!(read_value(full.clone()), Ok(full.clone()), "{action}");
        assert_eq!(read_text(&full.to_string()), Ok(full), "{action}");
        let required: Vec<&str> = marked
            .iter()
            .map(|m| parameter(m))
            .filter(|(_, required)| *required)
            .map(|(name, _)| name)
            .collect();
        let least = Value::Object(request(action, &required));
        assert_eq!(read_value(least.clone()), Ok(least), "{action}");
    }
}

#[test]
fn each_wrong_parameter_gets_serdes_own_message() {
    for (action, marked) in PARAMETERS {
        let names: Vec<&str> = marked.iter().map(|m| parameter(m).0).collect();
        for marked_name in *marked {
            let (name, required) = parameter(marked_name);
            let mut without = request(action, &names);
            without.remove(name);
            let missing = read_value(Value::Object(without.clone()));
            if required {
                assert_eq!(missing, Err(format!("missing field `{name}`")), "{action}");
            } else {
                assert_eq!(missing, Ok(Value::Object(without.clone())), "{action}");
            }

            let mut null = request(action, &names);
            null.insert(name.into(), Value::Null);
            let read = read_text(&Value::Object(null).to_string());
            match (required, name) {
                (_, "BackendServers") => assert_eq!(
                    read,
                    Err("data did not match any variant of untagged enum Form".into())
                ),
                (true, _) => assert_eq!(
                    read,
                    Err("invalid type: null, expected a string".into()),
                    "{action}"
                ),
                (false, _) => assert_eq!(read, Ok(Value::Object(without)), "{action}"),
            }

            if name != "BackendServers" {
                for (wrong, unexpected) in [
                    (json!(7), "integer `7`"),
                    (json!(-2), "integer `-2`"),
                    (json!(1.5), "floating point `1.5`"),
                    (json!(true), "boolean `true`"),
                    (json!(["a"]), "sequence"),
                    (json!({"a": "b"}), "map"),
                ] {
                    let mut mistyped = request(action, &names);
                    mistyped.insert(name.into(), wrong);
                    let message = format!("invalid type: {unexpected}, expected a string");
                    let text = Value::Object(mistyped.clone()).to_string();
                    assert_eq!(read_text(&text), Err(message.clone()), "{action}");
                    assert_eq!(read_value(Value::Object(mistyped)), Err(message));
                }
            }
        }
        let mut unknown = request(action, &names);
        unknown.insert("Zzz".into(), "1".into());
        assert_eq!(
            read_value(Value::Object(unknown)),
            Err(format!("unknown field `Zzz`, {}", expected(&names))),
            "{action}"
        );
    }
}

#[test]
fn the_first_wrong_parameter_in_the_request_is_the_one_named() {
    // serde reads the parameters in the request's order and stops at the first wrong one;
    // a missing one is found only after the others were read.
    let cases = [
        (
            r#"{"Action":"CreateVSwitch","CidrBlock":7,"Zzz":"1"}"#,
            "invalid type: integer `7`, expected a string",
        ),
        (
            r#"{"Action":"CreateVSwitch","Zzz":"1","CidrBlock":7}"#,
            "unknown field `Zzz`, expected one of `VpcId`, `ZoneId`, `CidrBlock`, `VSwitchName`, `Description`",
        ),
        (
            r#"{"Action":"CreateVSwitch","CidrBlock":7}"#,
            "invalid type: integer `7`, expected a string",
        ),
        (
            r#"{"Action":"CreateVSwitch","CidrBlock":"c"}"#,
            "missing field `VpcId`",
        ),
        (
            r#"{"Action":"CreateVSwitch","VpcId":"v","CidrBlock":"c"}"#,
            "missing field `ZoneId`",
        ),
        (
            r#"{"Action":"DeleteVpc","VpcId":"a","VpcId":"b"}"#,
            "duplicate field `VpcId`",
        ),
        (
            r#"{"Action":"DeleteVpc","VpcId":"a","Zzz":"1","VpcId":"b"}"#,
            "unknown field `Zzz`, expected `VpcId`",
        ),
        (
            r#"{"Action":"UnassociateEipAddress","Zzz":"1"}"#,
            "unknown field `Zzz`, expected `AllocationId` or `InstanceId`",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(read_text(text), Err(message.to_string()), "{text}");
    }
}

#[test]
fn the_action_is_read_where_it_stands_and_its_errors_say_where() {
    let cases = [
        (
            "5",
            "invalid type: integer `5`, expected internally tagged enum Command at line 1 column 1",
        ),
        (
            r#""x""#,
            "invalid type: string \"x\", expected internally tagged enum Command at line 1 column 3",
        ),
        ("{}", "missing field `Action` at line 1 column 2"),
        (
            r#"{"VpcId":"a"}"#,
            "missing field `Action` at line 1 column 13",
        ),
        (
            r#"{"Action":5}"#,
            "invalid type: integer `5`, expected variant identifier at line 1 column 11",
        ),
        (
            r#"{"Action":null}"#,
            "invalid type: null, expected variant identifier at line 1 column 14",
        ),
        (
            r#"{"Action":"DeleteVpc","Action":"DeleteVpc","VpcId":"a"}"#,
            "duplicate field `Action` at line 1 column 30",
        ),
        (
            r#"{"Action":"deletevpc","VpcId":"a"}"#,
            "unknown variant `deletevpc`, expected one of `CreateVpc`",
        ),
    ];
    for (text, message) in cases {
        let read = read_text(text);
        match read {
            Err(error) if message.ends_with('`') => assert!(error.starts_with(message), "{error}"),
            other => assert_eq!(other, Err(message.to_string()), "{text}"),
        }
    }
    // The Action may come anywhere in the request.
    assert_eq!(
        read_text(r#"{"VpcId":"a","Action":"DeleteVpc"}"#),
        Ok(json!({"Action": "DeleteVpc", "VpcId": "a"}))
    );
}

#[test]
fn back_ends_are_a_list_or_alibabas_json_encoded_text() {
    let as_text = json!({
        "Action": "AddBackendServers",
        "LoadBalancerId": "lb-1",
        "BackendServers": "[{\"ServerId\":\"i-0001\",\"Weight\":\"50\"}]",
    });
    assert_eq!(
        read_value(as_text),
        Ok(json!({
            "Action": "AddBackendServers",
            "LoadBalancerId": "lb-1",
            "BackendServers": [{"ServerId": "i-0001", "Weight": "50"}],
        }))
    );
    for wrong in [
        json!(7),
        json!([{"ServerId": "i-0001", "Weight": 5}]),
        json!([{"ServerId": "i-0001", "Port": "80"}]),
        json!([{"Weight": "5"}]),
    ] {
        let request = json!({
            "Action": "AddBackendServers",
            "LoadBalancerId": "lb-1",
            "BackendServers": wrong,
        });
        assert_eq!(
            read_text(&request.to_string()),
            Err("data did not match any variant of untagged enum Form".into())
        );
    }
    let broken_text = json!({
        "Action": "AddBackendServers",
        "LoadBalancerId": "lb-1",
        "BackendServers": "[{",
    });
    assert_eq!(
        read_value(broken_text),
        Err("EOF while parsing an object at line 1 column 2".into())
    );
}
