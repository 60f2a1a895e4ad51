//! Path analysis, case by case: each test builds a small design with scenario steps and
//! pins the hops, the rule named at each, and the reason when a packet cannot pass.

use std::collections::BTreeMap;

use super::*;
use crate::model::element::{ElementId, ElementKind};
use crate::model::entity::Direction;
use crate::model::scenario;

/// The article's network: VM1 (NatPublicIP 149.129.0.1) and VM2 in vsw1, VM3 (EIP
/// 149.129.0.2) in vsw2, all in the VPC's default basic group.
pub(super) const ARTICLE: &str = r#"
    {"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"192.168.0.0/16","Ref":"vpc"},
    {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1a","CidrBlock":"192.168.1.0/24","Ref":"vsw1"},
    {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1b","CidrBlock":"192.168.2.0/24","Ref":"vsw2"},
    {"Action":"RunInstances","VSwitchId":"vsw1","InternetMaxBandwidthOut":"5","Ref":"vm1"},
    {"Action":"RunInstances","VSwitchId":"vsw1","Ref":"vm2"},
    {"Action":"RunInstances","VSwitchId":"vsw2","Ref":"vm3"},
    {"Action":"AllocateEipAddress","RegionId":"ap-south-1","Ref":"eip"},
    {"Action":"AssociateEipAddress","AllocationId":"eip","InstanceId":"vm3"}"#;

/// Runs the article's steps then `extra`, and answers the topology and the Refs (also used
/// by the one-click fixes' tests).
pub(super) fn build(extra: &str) -> (Topology, BTreeMap<String, String>) {
    let steps = if extra.trim().is_empty() {
        ARTICLE.to_string()
    } else {
        format!("{ARTICLE},{extra}")
    };
    let text = format!(r#"{{"vpclab":"scenario","version":1,"rules":"2020","steps":[{steps}]}}"#);
    let report = scenario::run_text(&text).expect("a valid scenario");
    assert!(report.passed(), "{:?}", report.first_failure());
    (report.topology, report.refs)
}

struct Net {
    topology: Topology,
    refs: BTreeMap<String, String>,
}

impl Net {
    fn new(extra: &str) -> Net {
        let (topology, refs) = build(extra);
        Net { topology, refs }
    }

    fn endpoint(&self, name: &str) -> Endpoint {
        let text = self.refs.get(name).map_or(name, String::as_str);
        Endpoint::parse(&self.topology, text).expect("an endpoint")
    }

    fn trace(&self, from: &str, to: &str, protocol: Protocol, port: Option<u16>) -> Trace {
        trace(
            &self.topology,
            &self.endpoint(from),
            &self.endpoint(to),
            protocol,
            port,
        )
    }

    fn tcp(&self, from: &str, to: &str, port: u16) -> Trace {
        self.trace(from, to, Protocol::Tcp, Some(port))
    }

    /// The hops as Refs, or kinds where the element has no Ref.
    fn path(&self, trace: &Trace) -> Vec<String> {
        trace
            .hops
            .iter()
            .map(|hop| self.name(&hop.element, hop.kind))
            .collect()
    }

    fn name(&self, id: &ElementId, kind: ElementKind) -> String {
        self.refs
            .iter()
            .find(|(_, value)| id.as_resource() == Some(value.as_str()))
            .map_or_else(|| kind.to_string(), |(name, _)| name.clone())
    }

    fn id(&self, name: &str) -> String {
        self.refs[name].clone()
    }
}

fn code(trace: &Trace) -> &'static str {
    trace.reason.as_ref().map_or("", Reason::code)
}

/// The element that stopped the packet, as the diagram writes it.
fn blocked_at(trace: &Trace) -> Option<String> {
    trace.blocked_at.as_ref().map(ToString::to_string)
}

#[test]
fn same_vswitch_goes_through_the_vswitch_without_the_vrouter() {
    let net = Net::new("");
    let answer = net.tcp("vm1", "vm2", 22);
    assert!(answer.reachable, "{answer:?}");
    assert_eq!(net.path(&answer), ["vm1", "vsw1", "vm2"]);
    assert!(answer.hops[1].rule.to_string().contains("same VSwitch"));
    assert!(answer.hops[2]
        .rule
        .to_string()
        .contains("InnerAccessPolicy Accept): members always reach each other"));
}

#[test]
fn different_zones_go_through_the_vrouter_naming_the_system_route() {
    let net = Net::new("");
    let answer = net.tcp("vm1", "vm3", 22);
    assert!(answer.reachable);
    assert_eq!(net.path(&answer), ["vm1", "vsw1", "vrouter", "vsw2", "vm3"]);
    assert_eq!(answer.hops[2].element.to_string(), "vrt-0001");
    assert_eq!(
        answer.hops[2].rule.to_string(),
        format!("system route 192.168.2.0/24 → {}", net.id("vsw2"))
    );
    let back = answer.return_path.expect("a way back");
    let back: Vec<String> = back.iter().map(|hop| hop.element.to_string()).collect();
    assert_eq!(
        back,
        [
            net.id("vm3").as_str(),
            &net.id("vsw2"),
            "vrt-0001",
            &net.id("vsw1"),
            &net.id("vm1")
        ]
    );
}

#[test]
fn vpcs_are_isolated_even_with_overlapping_blocks() {
    let net = Net::new(
        r#"{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"192.168.0.0/16","Ref":"vpcb"},
           {"Action":"CreateVSwitch","VpcId":"vpcb","ZoneId":"ap-south-1a","CidrBlock":"192.168.1.0/24","Ref":"vswb"},
           {"Action":"RunInstances","VSwitchId":"vswb","Ref":"other"}"#,
    );
    let answer = net.tcp("vm1", "other", 22);
    assert!(!answer.reachable);
    assert_eq!(code(&answer), "VpcIsolation");
    assert_eq!(
        blocked_at(&answer).as_deref(),
        Some(net.id("vpcb").as_str())
    );
    // The other VPC's instance has the same address as VM1.
    assert_eq!(
        net.topology
            .instance(&net.id("other"))
            .map(|i| i.private_ip_address),
        net.topology
            .instance(&net.id("vm1"))
            .map(|i| i.private_ip_address)
    );
}

#[test]
fn the_internet_through_a_nat_public_ip_or_an_eip_and_else_no_public_ip() {
    let net = Net::new("");
    for (vm, vswitch, words) in [
        ("vm1", "vsw1", "NatPublicIP 149.129.0.1"),
        ("vm3", "vsw2", "EIP 149.129.0.2"),
    ] {
        let out = net.tcp(vm, "internet", 443);
        assert!(out.reachable, "{out:?}");
        let expected = [vm, vswitch, "vrouter", "publicip", "internet"];
        assert_eq!(net.path(&out), expected);
        assert!(out.hops[3].rule.to_string().starts_with(words), "{out:?}");
    }
    let vm2 = net.tcp("vm2", "internet", 443);
    assert!(!vm2.reachable);
    assert_eq!(code(&vm2), "NoPublicIp");
    assert_eq!(blocked_at(&vm2).as_deref(), Some(net.id("vm2").as_str()));
    assert!(vm2.hops.is_empty());
}

const NAT: &str = r#"
    {"Action":"CreateNatGateway","VpcId":"vpc","VSwitchId":"vsw1","Ref":"ngw"},
    {"Action":"AllocateEipAddress","RegionId":"ap-south-1","Ref":"eipnat","Expect":{"EipAddress":"149.129.0.3"}},
    {"Action":"AssociateEipAddress","AllocationId":"eipnat","InstanceId":"ngw"}"#;

#[test]
fn snat_gives_a_vswitch_the_internet_through_the_nat_gateway() {
    let net = Net::new(&format!(
        r#"{NAT},{{"Action":"CreateSnatEntry","SnatTableId":"ngw","SnatIp":"149.129.0.3","SourceVSwitchId":"vsw1"}}"#
    ));
    let answer = net.tcp("vm2", "internet", 443);
    assert!(answer.reachable, "{answer:?}");
    assert_eq!(
        net.path(&answer),
        ["vm2", "vsw1", "vrouter", "ngw", "internet"]
    );
    assert!(answer.hops[3].rule.to_string().contains("SNAT entry"));
    assert!(answer.hops[4].rule.to_string().contains("149.129.0.3"));
    // VM1's NatPublicIP wins over the SNAT entry of its VSwitch.
    assert_eq!(net.path(&net.tcp("vm1", "internet", 443))[3], "publicip");
}

#[test]
fn snat_for_one_instance_covers_only_that_instance() {
    let net = Net::new(&format!(
        r#"{NAT},{{"Action":"CreateSnatEntry","SnatTableId":"ngw","SnatIp":"149.129.0.3","SourceCIDR":"192.168.1.2/32"}}"#
    ));
    assert!(net.tcp("vm2", "internet", 80).reachable);
    let net = Net::new(&format!(
        r#"{NAT},{{"Action":"CreateSnatEntry","SnatTableId":"ngw","SnatIp":"149.129.0.3","SourceCIDR":"192.168.1.200/32"}}"#
    ));
    assert_eq!(code(&net.tcp("vm2", "internet", 80)), "NoPublicIp");
}

#[test]
fn internet_to_an_instance_needs_a_public_address_and_an_inbound_rule() {
    let net = Net::new("");
    let denied = net.tcp("internet", "vm1", 22);
    assert_eq!(code(&denied), "SecurityGroupDenied");
    let group = net
        .topology
        .instance(&net.id("vm1"))
        .expect("vm1")
        .security_group_ids[0]
        .clone();
    assert_eq!(
        denied.reason,
        Some(Reason::SecurityGroupDenied {
            group: group.clone(),
            direction: Direction::Ingress,
            rule: None
        })
    );
    assert_eq!(blocked_at(&denied).as_deref(), Some(net.id("vm1").as_str()));
    assert_eq!(
        net.path(&denied),
        ["internet", "publicip", "vrouter", "vsw1"]
    );
    assert_eq!(code(&net.tcp("internet", "vm2", 22)), "NoPublicIp");

    let net = Net::new(&format!(
        r#"{{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"{group}","IpProtocol":"tcp","PortRange":"22/22","SourceCidrIp":"0.0.0.0/0"}}"#
    ));
    let open = net.tcp("internet", "vm1", 22);
    assert!(open.reachable);
    let expected = ["internet", "publicip", "vrouter", "vsw1", "vm1"];
    assert_eq!(net.path(&open), expected);
    assert_eq!(
        open.hops[4].rule.to_string(),
        format!("security group {group} rule tcp 22/22 from 0.0.0.0/0 accept (priority 1)")
    );
    assert!(open.return_path.is_some());
    assert_eq!(code(&net.tcp("internet", "vm1", 80)), "SecurityGroupDenied");
    assert_eq!(code(&net.tcp("internet", "vm2", 22)), "NoPublicIp");
}

#[test]
fn dnat_maps_a_public_port_to_an_instance() {
    let net = Net::new(&format!(
        r#"{NAT},
           {{"Action":"CreateForwardEntry","ForwardTableId":"ngw","ExternalIp":"149.129.0.3","ExternalPort":"8080","IpProtocol":"tcp","InternalIp":"192.168.1.2","InternalPort":"80"}},
           {{"Action":"CreateSecurityGroup","VpcId":"vpc","Ref":"sgweb"}},
           {{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sgweb","IpProtocol":"tcp","PortRange":"80/80","SourceCidrIp":"0.0.0.0/0"}}"#
    ));
    // VM2 is in the default group, which has no rule for port 80 from outside.
    let denied = net.tcp("internet", "vm2", 8080);
    assert_eq!(code(&denied), "SecurityGroupDenied");
    assert_eq!(net.path(&denied), ["internet", "ngw", "vrouter", "vsw1"]);
    assert_eq!(code(&net.tcp("internet", "vm2", 9090)), "NoPublicIp");
    let udp = net.trace("internet", "vm2", Protocol::Udp, Some(8080));
    assert_eq!(code(&udp), "NoPublicIp");
}

#[test]
fn dnat_with_an_inbound_rule_reaches_the_instance() {
    let net = Net::new(&format!(
        r#"{NAT},
           {{"Action":"CreateSecurityGroup","VpcId":"vpc","Ref":"sgweb"}},
           {{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sgweb","IpProtocol":"tcp","PortRange":"80/80","SourceCidrIp":"0.0.0.0/0"}},
           {{"Action":"RunInstances","VSwitchId":"vsw2","SecurityGroupId":"sgweb","Ref":"web","Expect":{{"PrivateIpAddress":"192.168.2.2"}}}},
           {{"Action":"CreateForwardEntry","ForwardTableId":"ngw","ExternalIp":"149.129.0.3","ExternalPort":"8080","IpProtocol":"tcp","InternalIp":"192.168.2.2","InternalPort":"80"}}"#
    ));
    let answer = net.tcp("internet", "web", 8080);
    assert!(answer.reachable, "{answer:?}");
    assert_eq!(
        net.path(&answer),
        ["internet", "ngw", "vrouter", "vsw2", "web"]
    );
    assert!(answer.hops[1].rule.to_string().contains("DNAT entry"));
    assert!(answer.hops[4].rule.to_string().contains("80/80"));
    let back = answer.return_path.expect("a way back");
    assert_eq!(back.len(), 5);
    assert!(back[3].rule.to_string().contains("translated back"));
}

#[test]
fn oss_is_reached_over_the_cloud_services_route() {
    let net = Net::new("");
    let answer = net.tcp("vm2", "oss", 443);
    assert!(answer.reachable);
    assert_eq!(net.path(&answer), ["vm2", "vsw1", "vrouter", "oss"]);
    assert_eq!(answer.hops[3].element, ElementId::Oss("ap-south-1".into()));
    assert_eq!(
        answer.hops[2].rule.to_string(),
        "system route 100.64.0.0/10 → cloud services"
    );
    assert_eq!(code(&net.tcp("oss", "vm2", 443)), "UnsupportedPath");
}

const SERVICES: &str = r#"
    {"Action":"CreateDBInstance","VSwitchId":"vsw2","Engine":"MySQL","Ref":"db"},
    {"Action":"CreateLoadBalancer","VSwitchId":"vsw1","Ref":"lb"},
    {"Action":"AddBackendServers","LoadBalancerId":"lb","BackendServers":[{"ServerId":"vm3"}]}"#;

#[test]
fn rds_and_clb_are_reached_by_private_address() {
    let net = Net::new(SERVICES);
    let db = net.tcp("vm1", "db", 3306);
    assert!(db.reachable, "{db:?}");
    assert_eq!(net.path(&db), ["vm1", "vsw1", "vrouter", "vsw2", "db"]);
    let lb = net.tcp("vm2", "lb", 80);
    assert_eq!(net.path(&lb), ["vm2", "vsw1", "lb"]);
    assert!(lb.hops[2].rule.to_string().contains(&net.id("vm3")));
    assert_eq!(code(&net.tcp("db", "vm1", 22)), "UnsupportedPath");
    assert_eq!(code(&net.tcp("internet", "db", 3306)), "NoPublicIp");
    assert_eq!(code(&net.tcp("internet", "lb", 80)), "NoPublicIp");
}

#[test]
fn a_clb_reaches_its_back_ends_only() {
    let net = Net::new(SERVICES);
    let answer = net.tcp("lb", "vm3", 80);
    assert!(answer.reachable, "{answer:?}");
    assert_eq!(net.path(&answer), ["lb", "vsw1", "vrouter", "vsw2", "vm3"]);
    assert!(answer.hops[4].rule.to_string().contains("100.64.0.0/10"));
    let other = net.tcp("lb", "vm2", 80);
    assert_eq!(code(&other), "NotABackend");
    assert_eq!(blocked_at(&other).as_deref(), Some(net.id("lb").as_str()));
}

#[test]
fn an_internet_clb_is_reached_from_the_internet() {
    let net = Net::new(
        r#"{"Action":"CreateLoadBalancer","VSwitchId":"vsw1","AddressType":"internet","Ref":"lb"}"#,
    );
    let answer = net.tcp("internet", "lb", 80);
    assert!(answer.reachable, "{answer:?}");
    assert_eq!(net.path(&answer), ["internet", "lb"]);
}

/// A data centre 10.0.0.0/8 joined through a VPN gateway (route and IPsec connection).
const VPN: &str = r#"
    {"Action":"CreateDataCenter","CidrBlock":"10.0.0.0/8","Ref":"idc"},
    {"Action":"CreateVpnGateway","VpcId":"vpc","Ref":"vpn"},
    {"Action":"CreateCustomerGateway","RegionId":"ap-south-1","IpAddress":"203.0.113.10","DataCenterId":"idc","Ref":"cgw"},
    {"Action":"CreateVpnConnection","VpnGatewayId":"vpn","CustomerGatewayId":"cgw","LocalSubnet":"192.168.0.0/16","RemoteSubnet":"10.0.0.0/8","Ref":"ipsec"}"#;

const VPN_ROUTE: &str = r#"{"Action":"CreateRouteEntry","RouteTableId":"vpc","DestinationCidrBlock":"10.0.0.0/8","NextHopId":"vpn"}"#;

#[test]
fn a_data_centre_through_a_vpn_gateway() {
    let net = Net::new(&format!("{VPN},{VPN_ROUTE}"));
    let answer = net.tcp("vm2", "idc", 22);
    assert!(answer.reachable, "{answer:?}");
    assert_eq!(net.path(&answer), ["vm2", "vsw1", "vrouter", "vpn", "idc"]);
    assert!(answer.hops[2]
        .rule
        .to_string()
        .starts_with("custom route 10.0.0.0/8 → "));
    assert!(answer.hops[3].rule.to_string().contains("IPsec connection"));
    let host = trace(
        &net.topology,
        &net.endpoint("vm2"),
        &Endpoint::DataCenterHost(net.id("idc"), Some("10.1.2.3".parse().expect("ip"))),
        Protocol::Tcp,
        Some(22),
    );
    assert!(host.reachable);
    assert!(host.hops[4].rule.to_string().contains("10.1.2.3"));
}

#[test]
fn a_data_centre_without_a_route_is_no_route() {
    let net = Net::new(VPN);
    let answer = net.tcp("vm2", "idc", 22);
    assert_eq!(code(&answer), "NoRoute");
    assert_eq!(blocked_at(&answer).as_deref(), Some("vrt-0001"));
}

#[test]
fn a_connection_that_does_not_cover_the_addresses_is_no_vpn_connection() {
    let net = Net::new(&format!(
        r#"{{"Action":"CreateDataCenter","CidrBlock":"10.0.0.0/8","Ref":"idc"}},
           {{"Action":"CreateVpnGateway","VpcId":"vpc","Ref":"vpn"}},
           {{"Action":"CreateCustomerGateway","RegionId":"ap-south-1","IpAddress":"203.0.113.10","DataCenterId":"idc","Ref":"cgw"}},
           {{"Action":"CreateVpnConnection","VpnGatewayId":"vpn","CustomerGatewayId":"cgw","LocalSubnet":"192.168.2.0/24","RemoteSubnet":"10.0.0.0/8"}},
           {VPN_ROUTE}"#
    ));
    let answer = net.tcp("vm2", "idc", 22);
    assert_eq!(code(&answer), "NoVpnConnection");
    assert_eq!(blocked_at(&answer).as_deref(), Some(net.id("vpn").as_str()));
    assert!(net.tcp("vm3", "idc", 22).reachable);
}

#[test]
fn a_data_centre_overlapping_a_vswitch_is_a_cidr_conflict() {
    let net = Net::new(r#"{"Action":"CreateDataCenter","CidrBlock":"192.168.2.0/23","Ref":"idc"}"#);
    let answer = net.tcp("vm1", "idc", 22);
    assert_eq!(code(&answer), "CidrConflict");
    assert_eq!(
        answer.reason,
        Some(Reason::CidrConflict {
            data_center: net.id("idc"),
            data_center_cidr: "192.168.2.0/23".parse().expect("cidr"),
            vswitch: net.id("vsw2"),
            vswitch_cidr: "192.168.2.0/24".parse().expect("cidr"),
        })
    );
    assert_eq!(code(&net.tcp("idc", "vm1", 22)), "CidrConflict");
}

#[test]
fn a_data_centre_reaches_an_instance_only_with_a_route_back() {
    let group = "sg-0001";
    let rule = format!(
        r#"{{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"{group}","IpProtocol":"tcp","PortRange":"22/22","SourceCidrIp":"10.0.0.0/8"}}"#
    );
    let net = Net::new(&format!("{VPN},{VPN_ROUTE},{rule}"));
    let answer = net.tcp("idc", "vm2", 22);
    assert!(answer.reachable, "{answer:?}");
    assert_eq!(net.path(&answer), ["idc", "vpn", "vrouter", "vsw1", "vm2"]);
    let back = answer.return_path.expect("a way back");
    assert_eq!(
        back.last().map(|hop| hop.element.to_string()),
        Some(net.id("idc"))
    );

    let no_way_back = Net::new(&format!("{VPN},{rule}"));
    let answer = no_way_back.tcp("idc", "vm2", 22);
    assert_eq!(code(&answer), "NoRoute", "{answer:?}");
    assert_eq!(blocked_at(&answer).as_deref(), Some("vrt-0001"));

    let nothing = Net::new(r#"{"Action":"CreateDataCenter","CidrBlock":"10.0.0.0/8","Ref":"idc"}"#);
    assert_eq!(code(&nothing.tcp("idc", "vm2", 22)), "NoVpnConnection");
}

#[test]
fn a_data_centre_through_express_connect() {
    let net = Net::new(
        r#"{"Action":"CreateDataCenter","CidrBlock":"172.16.0.0/12","Ref":"idc"},
           {"Action":"CreateVirtualBorderRouter","RegionId":"ap-south-1","VlanId":"100","VpcId":"vpc","DataCenterId":"idc","Ref":"vbr"},
           {"Action":"CreateRouteEntry","RouteTableId":"vpc","DestinationCidrBlock":"172.16.0.0/12","NextHopId":"vbr"}"#,
    );
    let answer = net.tcp("vm3", "idc", 443);
    assert!(answer.reachable, "{answer:?}");
    assert_eq!(net.path(&answer), ["vm3", "vsw2", "vrouter", "vbr", "idc"]);
    assert!(answer.hops[3].rule.to_string().contains("VLAN 100"));
}

#[test]
fn the_longest_prefix_wins_and_an_instance_can_be_the_next_hop() {
    // 10.0.0.0/8 goes to the VPN gateway, but 10.1.0.0/16 to a router instance (VM1),
    // which forwards it back to the VRouter, where the /8 route takes it on.
    let net = Net::new(&format!(
        r#"{VPN},{VPN_ROUTE},
           {{"Action":"CreateRouteEntry","RouteTableId":"vpc","DestinationCidrBlock":"10.1.0.0/16","NextHopId":"vm1","Ref":"rte"}}"#
    ));
    let host = |ip: &str| Endpoint::DataCenterHost(net.id("idc"), Some(ip.parse().expect("ip")));
    let direct = trace(
        &net.topology,
        &net.endpoint("vm3"),
        &host("10.2.0.1"),
        Protocol::Icmp,
        None,
    );
    assert_eq!(net.path(&direct), ["vm3", "vsw2", "vrouter", "vpn", "idc"]);
    let routed = trace(
        &net.topology,
        &net.endpoint("vm3"),
        &host("10.1.0.1"),
        Protocol::Icmp,
        None,
    );
    assert!(routed.reachable, "{routed:?}");
    assert_eq!(
        net.path(&routed),
        ["vm3", "vsw2", "vrouter", "vsw1", "vm1", "vsw1", "vrouter", "vpn", "idc"]
    );
    assert!(routed.hops[2].rule.to_string().contains("10.1.0.0/16"));
    assert!(routed.hops[6].rule.to_string().contains("10.0.0.0/8"));
}

#[test]
fn a_router_instance_takes_internet_traffic_out_through_its_public_address() {
    let net = Net::new(
        r#"{"Action":"CreateRouteEntry","RouteTableId":"vpc","DestinationCidrBlock":"0.0.0.0/0","NextHopId":"vm1"}"#,
    );
    let answer = net.tcp("vm2", "internet", 443);
    assert!(answer.reachable, "{answer:?}");
    assert_eq!(
        net.path(&answer),
        ["vm2", "vsw1", "vrouter", "vsw1", "vm1", "vsw1", "vrouter", "publicip", "internet"]
    );
    assert!(answer.hops[7].rule.to_string().contains("149.129.0.1"));
}

#[test]
fn a_basic_group_lets_its_members_in_and_everything_out_but_not_strangers() {
    let net = Net::new(
        r#"{"Action":"CreateSecurityGroup","VpcId":"vpc","Ref":"sgb"},
           {"Action":"RunInstances","VSwitchId":"vsw1","SecurityGroupId":"sgb","Ref":"vm4"},
           {"Action":"RunInstances","VSwitchId":"vsw2","SecurityGroupId":"sgb","Ref":"vm5"}"#,
    );
    assert!(net.tcp("vm4", "vm5", 3389).reachable);
    let stranger = net.tcp("vm1", "vm4", 22);
    assert_eq!(
        stranger.reason,
        Some(Reason::SecurityGroupDenied {
            group: net.id("sgb"),
            direction: Direction::Ingress,
            rule: None
        })
    );
    // Outbound is open, so VM4 reaches the Internet... it has no public address though.
    assert_eq!(code(&net.tcp("vm4", "internet", 80)), "NoPublicIp");
}

#[test]
fn an_enterprise_group_denies_both_ways_unless_a_rule_allows() {
    let net = Net::new(
        r#"{"Action":"CreateSecurityGroup","VpcId":"vpc","SecurityGroupType":"enterprise","Ref":"sge"},
           {"Action":"RunInstances","VSwitchId":"vsw1","SecurityGroupId":"sge","Ref":"e1"},
           {"Action":"RunInstances","VSwitchId":"vsw1","SecurityGroupId":"sge","Ref":"e2"}"#,
    );
    let out = net.tcp("e1", "e2", 22);
    assert_eq!(
        out.reason,
        Some(Reason::SecurityGroupDenied {
            group: net.id("sge"),
            direction: Direction::Egress,
            rule: None
        })
    );
    assert_eq!(blocked_at(&out).as_deref(), Some(net.id("e1").as_str()));
    assert_eq!(code(&net.tcp("vm1", "e1", 22)), "SecurityGroupDenied");

    // An outbound rule on the source side, an inbound rule on the other: the answer needs
    // neither (stateful).
    let net = Net::new(
        r#"{"Action":"CreateSecurityGroup","VpcId":"vpc","SecurityGroupType":"enterprise","Ref":"sge"},
           {"Action":"RunInstances","VSwitchId":"vsw1","SecurityGroupId":"sge","Ref":"e1"},
           {"Action":"RunInstances","VSwitchId":"vsw1","SecurityGroupId":"sge","Ref":"e2"},
           {"Action":"AuthorizeSecurityGroupEgress","SecurityGroupId":"sge","IpProtocol":"tcp","PortRange":"22/22","DestCidrIp":"192.168.1.0/24"},
           {"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sge","IpProtocol":"tcp","PortRange":"22/22","SourceCidrIp":"192.168.1.0/24"}"#,
    );
    let answer = net.tcp("e1", "e2", 22);
    assert!(answer.reachable, "{answer:?}");
    assert!(answer.hops[2]
        .rule
        .to_string()
        .contains("from 192.168.1.0/24"));
    let back = answer.return_path.expect("a way back");
    assert!(back[0].rule.to_string().contains("stateful"));
    assert!(back[2].rule.to_string().contains("stateful"));
    assert_eq!(code(&net.tcp("e1", "e2", 23)), "SecurityGroupDenied");
}

#[test]
fn priorities_decide_and_drop_wins_at_equal_priority() {
    let rules = |a: &str, b: &str| {
        Net::new(&format!(
            r#"{{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"1/65535","SourceCidrIp":"0.0.0.0/0","Policy":"accept","Priority":"{a}"}},
               {{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"22/22","SourceCidrIp":"0.0.0.0/0","Policy":"drop","Priority":"{b}"}}"#
        ))
    };
    let accept_first = rules("1", "2");
    assert!(accept_first.tcp("internet", "vm1", 22).reachable);
    let drop_first = rules("2", "1");
    let dropped = drop_first.tcp("internet", "vm1", 22);
    let reason = dropped.reason.expect("blocked");
    assert_eq!(reason.code(), "SecurityGroupDenied");
    assert_eq!(
        reason.explanation(),
        "Security group sg-0001 drops the packet in: tcp 22/22 from 0.0.0.0/0 drop (priority 1)."
    );
    assert!(drop_first.tcp("internet", "vm1", 80).reachable);
    let tie = rules("5", "5");
    assert_eq!(code(&tie.tcp("internet", "vm1", 22)), "SecurityGroupDenied");
    assert!(tie.tcp("internet", "vm1", 23).reachable);
}

#[test]
fn protocol_ports_and_source_blocks_must_match() {
    let net = Net::new(
        r#"{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"udp","PortRange":"53/53","SourceCidrIp":"198.51.100.0/24"},
           {"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"icmp","PortRange":"-1/-1","SourceCidrIp":"0.0.0.0/0"}"#,
    );
    let from = |ip: &str| Endpoint::Internet(Some(ip.parse().expect("ip")));
    let vm1 = net.endpoint("vm1");
    assert!(
        trace(
            &net.topology,
            &from("198.51.100.7"),
            &vm1,
            Protocol::Udp,
            Some(53)
        )
        .reachable
    );
    assert!(
        !trace(
            &net.topology,
            &from("198.51.100.7"),
            &vm1,
            Protocol::Tcp,
            Some(53)
        )
        .reachable
    );
    assert!(
        !trace(
            &net.topology,
            &from("198.51.100.7"),
            &vm1,
            Protocol::Udp,
            Some(54)
        )
        .reachable
    );
    assert!(
        !trace(
            &net.topology,
            &from("203.0.113.7"),
            &vm1,
            Protocol::Udp,
            Some(53)
        )
        .reachable
    );
    // "Any address" is only let in by a rule for every address.
    assert!(
        !net.trace("internet", "vm1", Protocol::Udp, Some(53))
            .reachable
    );
    assert!(net.trace("internet", "vm1", Protocol::Icmp, None).reachable);
}

#[test]
fn an_egress_drop_rule_stops_the_packet_at_the_source() {
    let net = Net::new(
        r#"{"Action":"AuthorizeSecurityGroupEgress","SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"25/25","DestCidrIp":"0.0.0.0/0","Policy":"drop"}"#,
    );
    let answer = net.tcp("vm1", "internet", 25);
    assert_eq!(code(&answer), "SecurityGroupDenied");
    assert!(answer.hops.is_empty());
    assert_eq!(blocked_at(&answer).as_deref(), Some(net.id("vm1").as_str()));
    assert!(net.tcp("vm1", "internet", 587).reachable);
}

#[test]
fn without_a_port_the_first_open_port_answers() {
    let net = Net::new(
        r#"{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"8443/8443","SourceCidrIp":"0.0.0.0/0"}"#,
    );
    let answer = net.trace("internet", "vm1", Protocol::Tcp, None);
    assert!(answer.reachable);
    assert_eq!(answer.port, Some(8443));
    let closed = net.trace("internet", "vm1", Protocol::Udp, None);
    assert!(!closed.reachable);
}

#[test]
fn unknown_and_identical_endpoints() {
    let net = Net::new("");
    let unknown = trace(
        &net.topology,
        &Endpoint::Resource("i-9999".into()),
        &net.endpoint("vm1"),
        Protocol::Tcp,
        Some(22),
    );
    assert_eq!(code(&unknown), "UnknownEndpoint");
    assert_eq!(code(&net.tcp("vm1", "vm1", 22)), "SameEndpoint");
    assert_eq!(code(&net.tcp("internet", "internet", 22)), "SameEndpoint");
    assert!(Endpoint::parse(&net.topology, "vsw-0001").is_err());
    assert!(Endpoint::parse(&net.topology, "nothing").is_err());
}

#[test]
fn endpoints_parse_from_ids_names_and_addresses() {
    let net = Net::new(r#"{"Action":"CreateDataCenter","CidrBlock":"10.0.0.0/8","Ref":"idc"}"#);
    let parse = |text: &str| Endpoint::parse(&net.topology, text).expect("an endpoint");
    assert_eq!(
        parse("internet:8.8.8.8"),
        Endpoint::Internet(Some("8.8.8.8".parse().expect("ip")))
    );
    assert_eq!(
        parse("8.8.8.8"),
        Endpoint::Internet(Some("8.8.8.8".parse().expect("ip")))
    );
    assert_eq!(parse("ap-south-1/oss"), Endpoint::Oss);
    assert_eq!(parse("oss-ap-south-1"), Endpoint::Oss);
    assert_eq!(parse("192.168.1.2"), Endpoint::Resource(net.id("vm2")));
    assert_eq!(
        parse("10.9.9.9"),
        Endpoint::DataCenterHost(net.id("idc"), Some("10.9.9.9".parse().expect("ip")))
    );
    assert_eq!(
        parse(&format!("{}:10.0.0.1", net.id("idc"))).to_string(),
        format!("{}:10.0.0.1", net.id("idc"))
    );
    assert!(Endpoint::parse(&net.topology, &format!("{}:11.0.0.1", net.id("idc"))).is_err());
}

#[test]
fn who_can_this_instance_reach() {
    let net = Net::new(&format!("{SERVICES},{VPN},{VPN_ROUTE}"));
    let names = |reached: Vec<ElementId>| -> Vec<String> {
        reached.iter().map(ToString::to_string).collect()
    };
    let vm1 = names(reachable_from(&net.topology, &net.endpoint("vm1")));
    let ids = |names: &[&str]| {
        names
            .iter()
            .map(|name| {
                net.refs
                    .get(*name)
                    .cloned()
                    .unwrap_or_else(|| name.to_string())
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        vm1,
        ids(&[
            "vm2",
            "vm3",
            "lb",
            "db",
            "internet",
            "ap-south-1/oss",
            "idc"
        ])
    );
    let internet = reachable_from(&net.topology, &Endpoint::Internet(None));
    assert!(internet.is_empty(), "{internet:?}");
    let lb = names(reachable_from(&net.topology, &net.endpoint("lb")));
    assert_eq!(lb, ids(&["vm3"]));
}

#[test]
fn every_reason_has_a_code_and_explanations_in_both_languages() {
    let cidr: ipnet::Ipv4Net = "10.0.0.0/8".parse().expect("cidr");
    let reasons = [
        Reason::UnknownEndpoint {
            endpoint: "x".into(),
        },
        Reason::SameEndpoint,
        Reason::UnsupportedPath {
            path: super::Unsupported::FromOss,
        },
        Reason::VpcIsolation {
            source_vpc: "a".into(),
            destination_vpc: "b".into(),
        },
        Reason::NoPublicIp {
            resource: "i".into(),
        },
        Reason::SecurityGroupDenied {
            group: "sg".into(),
            direction: Direction::Egress,
            rule: None,
        },
        Reason::NoRoute {
            element: "vrt".into(),
            destination: cidr,
        },
        Reason::CidrConflict {
            data_center: "idc".into(),
            data_center_cidr: cidr,
            vswitch: "vsw".into(),
            vswitch_cidr: cidr,
        },
        Reason::NoVpnConnection {
            vpn_gateway: None,
            data_center: "idc".into(),
        },
        Reason::NotABackend {
            load_balancer: "lb".into(),
            server: "i".into(),
        },
    ];
    let codes: Vec<&str> = reasons.iter().map(Reason::code).collect();
    assert_eq!(codes, Reason::CODES);
    for reason in &reasons {
        assert!(!reason.explanation().is_empty());
        assert!(!reason.explanation_es().is_empty());
        assert_ne!(reason.explanation(), reason.explanation_es());
        assert!(reason.to_string().starts_with(reason.code()));
    }
}
