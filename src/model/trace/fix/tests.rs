//! One-click fixes, reason by reason: each test blocks a packet, asks for the fix, checks
//! the calls it proposes, applies them and traces again.

use super::*;
use crate::model::trace::tests::build;
use crate::model::trace::Protocol;

/// A blocked trace, its fix, and the trace once the fix is applied.
struct Fixed {
    before: Trace,
    commands: Vec<Command>,
    after: Trace,
}

fn fix(extra: &str, from: &str, to: &str, protocol: Protocol, port: Option<u16>) -> Fixed {
    let (topology, refs) = build(extra);
    let end = |name: &str| {
        let text = refs.get(name).map_or(name, String::as_str);
        Endpoint::parse(&topology, text).expect("an endpoint")
    };
    let (source, destination) = (end(from), end(to));
    let before = trace(&topology, &source, &destination, protocol, port);
    assert!(!before.reachable, "{before:?}");
    let commands = suggest(&topology, &source, &destination, &before).expect("a fix");
    let mut next = topology.clone();
    for command in &commands {
        next.apply_in_place(command).expect("the fix applies");
    }
    let after = trace(&next, &source, &destination, protocol, port);
    Fixed {
        before,
        commands,
        after,
    }
}

fn code(trace: &Trace) -> &'static str {
    trace.reason.as_ref().map_or("", Reason::code)
}

#[test]
fn an_inbound_denial_is_fixed_by_an_accept_rule_for_that_port_from_that_source() {
    let fixed = fix("", "internet", "vm1", Protocol::Tcp, Some(22));
    assert_eq!(code(&fixed.before), "SecurityGroupDenied");
    let Command::AuthorizeSecurityGroup {
        ip_protocol,
        port_range,
        source_cidr_ip,
        ..
    } = &fixed.commands[0]
    else {
        panic!("{:?}", fixed.commands);
    };
    assert_eq!(
        (ip_protocol.as_str(), port_range.as_str()),
        ("tcp", "22/22")
    );
    assert_eq!(source_cidr_ip.as_deref(), Some("0.0.0.0/0"));
    assert_eq!(fixed.commands.len(), 1);
    assert!(fixed.after.reachable, "{:?}", fixed.after);
}

#[test]
fn between_instances_the_rule_names_the_source_address() {
    // VM3 is in the same default group as VM1, whose policy lets members in: a new group
    // for VM4 makes the rules decide.
    let fixed = fix(
        r#"{"Action":"CreateSecurityGroup","VpcId":"vpc","Ref":"sgdb"},
           {"Action":"RunInstances","VSwitchId":"vsw2","SecurityGroupId":"sgdb","Ref":"vm4"}"#,
        "vm1",
        "vm4",
        Protocol::Tcp,
        Some(3306),
    );
    assert!(matches!(
        &fixed.commands[..],
        [Command::AuthorizeSecurityGroup { source_cidr_ip: Some(source), port_range, .. }]
            if source == "192.168.1.1/32" && port_range == "3306/3306"
    ));
    assert!(fixed.after.reachable, "{:?}", fixed.after);
}

#[test]
fn an_outbound_drop_rule_is_outranked_by_an_accept_rule_one_priority_higher() {
    let fixed = fix(
        r#"{"Action":"AuthorizeSecurityGroupEgress","SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"443/443","DestCidrIp":"0.0.0.0/0","Policy":"drop","Priority":"5"}"#,
        "vm1",
        "internet",
        Protocol::Tcp,
        Some(443),
    );
    assert!(matches!(
        &fixed.commands[..],
        [Command::AuthorizeSecurityGroupEgress { priority: Some(priority), dest_cidr_ip: Some(peer), .. }]
            if priority == "4" && peer == "0.0.0.0/0"
    ));
    assert!(fixed.after.reachable, "{:?}", fixed.after);
}

#[test]
fn a_drop_rule_of_the_highest_priority_is_revoked() {
    let fixed = fix(
        r#"{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"80/80","SourceCidrIp":"0.0.0.0/0"},
           {"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"1/1024","SourceCidrIp":"0.0.0.0/0","Policy":"drop","Priority":"1"}"#,
        "internet",
        "vm1",
        Protocol::Tcp,
        Some(80),
    );
    assert!(matches!(
        &fixed.commands[0],
        Command::RevokeSecurityGroup { port_range, policy: Some(policy), priority: Some(priority), .. }
            if port_range == "1/1024" && policy == "drop" && priority == "1"
    ));
    assert!(fixed.after.reachable, "{:?}", fixed.after);
}

#[test]
fn through_a_dnat_entry_the_rule_opens_the_internal_port() {
    let fixed = fix(
        r#"{"Action":"CreateNatGateway","VpcId":"vpc","VSwitchId":"vsw1","Ref":"ngw"},
           {"Action":"AllocateEipAddress","RegionId":"ap-south-1","Ref":"eipnat"},
           {"Action":"AssociateEipAddress","AllocationId":"eipnat","InstanceId":"ngw"},
           {"Action":"CreateForwardEntry","ForwardTableId":"ngw","ExternalIp":"149.129.0.3","ExternalPort":"8080","IpProtocol":"tcp","InternalIp":"192.168.1.2","InternalPort":"80"}"#,
        "internet",
        "vm2",
        Protocol::Tcp,
        Some(8080),
    );
    assert!(matches!(
        &fixed.commands[..],
        [Command::AuthorizeSecurityGroup { port_range, .. }] if port_range == "80/80"
    ));
    assert!(fixed.after.reachable, "{:?}", fixed.after);
}

#[test]
fn an_instance_without_a_public_address_gets_a_new_eip_allocated_and_bound() {
    let fixed = fix("", "vm2", "internet", Protocol::Tcp, Some(443));
    assert_eq!(code(&fixed.before), "NoPublicIp");
    assert!(matches!(
        &fixed.commands[..],
        [Command::AllocateEipAddress { region_id, .. }, Command::AssociateEipAddress { allocation_id, instance_id, .. }]
            if region_id == "ap-south-1" && allocation_id == "eip-0002" && instance_id == "i-0002"
    ));
    assert!(fixed.after.reachable, "{:?}", fixed.after);
}

#[test]
fn an_unbound_eip_of_the_region_is_bound_rather_than_a_new_one_allocated() {
    let fixed = fix(
        r#"{"Action":"AllocateEipAddress","RegionId":"ap-south-1","Ref":"spare"}"#,
        "vm2",
        "internet",
        Protocol::Tcp,
        Some(443),
    );
    assert!(matches!(
        &fixed.commands[..],
        [Command::AssociateEipAddress { allocation_id, .. }] if allocation_id == "eip-0002"
    ));
    assert!(fixed.after.reachable, "{:?}", fixed.after);
}

const OFFICE: &str = r#"
    {"Action":"CreateDataCenter","CidrBlock":"10.10.0.0/16","DataCenterName":"office","Ref":"office"},
    {"Action":"CreateVpnGateway","VpcId":"vpc","Ref":"vpn"},
    {"Action":"CreateCustomerGateway","RegionId":"ap-south-1","IpAddress":"203.0.113.10","DataCenterId":"office","Ref":"cgw"},
    {"Action":"CreateVpnConnection","VpnGatewayId":"vpn","CustomerGatewayId":"cgw","LocalSubnet":"192.168.0.0/16","RemoteSubnet":"10.10.0.0/16","Ref":"ipsec"}"#;

#[test]
fn a_missing_route_to_a_data_centre_goes_to_the_vpn_gateway_that_reaches_it() {
    let fixed = fix(OFFICE, "vm1", "office", Protocol::Icmp, None);
    assert_eq!(code(&fixed.before), "NoRoute");
    assert!(matches!(
        &fixed.commands[..],
        [Command::CreateRouteEntry { destination_cidr_block, next_hop_id, next_hop_type: Some(kind), .. }]
            if destination_cidr_block == "10.10.0.0/16" && next_hop_id.starts_with("vpn-") && kind == "VpnGateway"
    ));
    assert!(fixed.after.reachable, "{:?}", fixed.after);
}

#[test]
fn a_missing_route_to_a_data_centre_goes_to_its_border_router() {
    let fixed = fix(
        r#"{"Action":"CreateDataCenter","CidrBlock":"10.20.0.0/16","Ref":"dc"},
           {"Action":"CreateVirtualBorderRouter","RegionId":"ap-south-1","VlanId":"100","VpcId":"vpc","DataCenterId":"dc","Ref":"vbr"}"#,
        "vm1",
        "dc",
        Protocol::Icmp,
        None,
    );
    assert!(matches!(
        &fixed.commands[..],
        [Command::CreateRouteEntry { next_hop_type: Some(kind), .. }] if kind == "RouterInterface"
    ));
    assert!(fixed.after.reachable, "{:?}", fixed.after);
}

#[test]
fn a_clb_forwards_to_a_server_once_it_is_a_back_end() {
    let fixed = fix(
        r#"{"Action":"CreateLoadBalancer","VSwitchId":"vsw1","Ref":"lb"}"#,
        "lb",
        "vm2",
        Protocol::Tcp,
        Some(80),
    );
    assert_eq!(code(&fixed.before), "NotABackend");
    assert!(matches!(
        &fixed.commands[..],
        [Command::AddBackendServers { .. }]
    ));
    assert!(fixed.after.reachable, "{:?}", fixed.after);
}

#[test]
fn isolated_vpcs_and_passing_traces_get_no_suggestion() {
    let (topology, refs) = build(
        r#"{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"10.0.0.0/16","Ref":"other"},
           {"Action":"CreateVSwitch","VpcId":"other","ZoneId":"ap-south-1a","CidrBlock":"10.0.1.0/24","Ref":"vswo"},
           {"Action":"RunInstances","VSwitchId":"vswo","Ref":"far"}"#,
    );
    let end = |name: &str| Endpoint::Resource(refs[name].clone());
    let isolated = trace(&topology, &end("vm1"), &end("far"), Protocol::Tcp, Some(22));
    assert_eq!(code(&isolated), "VpcIsolation");
    assert_eq!(
        suggest(&topology, &end("vm1"), &end("far"), &isolated),
        None
    );
    let fine = trace(&topology, &end("vm1"), &end("vm3"), Protocol::Tcp, Some(22));
    assert!(fine.reachable);
    assert_eq!(suggest(&topology, &end("vm1"), &end("vm3"), &fine), None);
}
