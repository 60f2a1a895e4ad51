//! The article's network, to and from the Internet: every path goes through the VSwitch,
//! the VRouter as the VPC's gateway and a public address (the instance's NatPublicIP or
//! EIP, or a NAT gateway's SNAT or DNAT entry), never straight from instance to Internet.

use super::*;
use crate::model::example::article_network;
use crate::model::Command;

/// The article's network with a NAT gateway: SNAT for VM2's VSwitch, DNAT from port 8080
/// of its EIP to port 80 of VM2, and port 80 open in the default group.
fn article_with_nat() -> Topology {
    let mut topology = article_network();
    let steps = [
        r#"{"Action":"CreateNatGateway","VpcId":"vpc-0001","VSwitchId":"vsw-0001"}"#,
        r#"{"Action":"AllocateEipAddress","RegionId":"ap-south-1"}"#,
        r#"{"Action":"AssociateEipAddress","AllocationId":"eip-0002","InstanceId":"ngw-0001"}"#,
        r#"{"Action":"CreateSnatEntry","SnatTableId":"ngw-0001","SnatIp":"149.129.0.3","SourceVSwitchId":"vsw-0001"}"#,
        r#"{"Action":"CreateForwardEntry","ForwardTableId":"ngw-0001","ExternalIp":"149.129.0.3","ExternalPort":"8080","IpProtocol":"tcp","InternalIp":"192.168.1.2","InternalPort":"80"}"#,
        r#"{"Action":"AuthorizeSecurityGroup","SecurityGroupId":"sg-0001","IpProtocol":"tcp","PortRange":"80/80","SourceCidrIp":"0.0.0.0/0"}"#,
    ];
    for step in steps {
        let command: Command = serde_json::from_str(step).expect("a command");
        topology.apply_in_place(&command).expect("applies");
    }
    topology
}

fn path(answer: &Trace) -> Vec<String> {
    answer.elements().map(ToString::to_string).collect()
}

/// The elements the answer passes on its way back.
fn way_back(answer: &Trace) -> Vec<String> {
    answer
        .return_path
        .iter()
        .flatten()
        .map(|hop| hop.element.to_string())
        .collect()
}

fn tcp(topology: &Topology, from: &Endpoint, to: &Endpoint, port: u16) -> Trace {
    let answer = trace(topology, from, to, Protocol::Tcp, Some(port));
    assert!(answer.reachable, "{answer:?}");
    answer
}

#[test]
fn the_article_network_reaches_the_internet_through_the_vrouter_and_a_public_address() {
    let topology = article_with_nat();
    let internet = Endpoint::Internet(None);
    let vm = |id: &str| Endpoint::Resource(id.into());
    // VM1: its NatPublicIP (it wins over the SNAT entry of its VSwitch).
    let vm1 = tcp(&topology, &vm("i-0001"), &internet, 443);
    assert_eq!(
        path(&vm1),
        [
            "i-0001",
            "vsw-0001",
            "vrt-0001",
            "i-0001/publicip",
            "internet"
        ]
    );
    assert_eq!(vm1.hops[3].kind, ElementKind::PublicIp);
    assert!(vm1.hops[3]
        .rule
        .to_string()
        .contains("NatPublicIP 149.129.0.1"));
    assert!(vm1.hops[2].rule.to_string().contains("gateway"));
    // VM3: its EIP.
    let vm3 = tcp(&topology, &vm("i-0003"), &internet, 443);
    assert_eq!(
        path(&vm3),
        [
            "i-0003",
            "vsw-0002",
            "vrt-0001",
            "i-0003/publicip",
            "internet"
        ]
    );
    assert!(vm3.hops[3]
        .rule
        .to_string()
        .contains("EIP 149.129.0.2 (eip-0001)"));
    // The answer comes back the same way, translated back at the public address.
    assert_eq!(
        way_back(&vm3),
        [
            "internet",
            "i-0003/publicip",
            "vrt-0001",
            "vsw-0002",
            "i-0003"
        ]
    );
    // VM2: no address of its own, so the route to the NAT gateway and its SNAT entry.
    let vm2 = tcp(&topology, &vm("i-0002"), &internet, 443);
    assert_eq!(
        path(&vm2),
        ["i-0002", "vsw-0001", "vrt-0001", "ngw-0001", "internet"]
    );
    assert!(vm2.hops[3].rule.to_string().contains("SNAT entry"));
    assert!(vm2.hops[2].rule.to_string().contains("0.0.0.0/0"));
}

#[test]
fn the_article_network_is_reached_from_the_internet_through_a_public_address_and_the_vrouter() {
    let topology = article_with_nat();
    let internet = Endpoint::Internet(None);
    let vm = |id: &str| Endpoint::Resource(id.into());
    // Port 80 of VM1, through its NatPublicIP.
    let vm1 = tcp(&topology, &internet, &vm("i-0001"), 80);
    assert_eq!(
        path(&vm1),
        [
            "internet",
            "i-0001/publicip",
            "vrt-0001",
            "vsw-0001",
            "i-0001"
        ]
    );
    assert!(vm1.hops[2].rule.to_string().contains("gateway"));
    assert!(vm1.hops[2].rule.to_string().contains("192.168.1.0/24"));
    // Port 8080 of the NAT gateway's EIP, through its DNAT entry to port 80 of VM2.
    let vm2 = tcp(&topology, &internet, &vm("i-0002"), 8080);
    assert_eq!(
        path(&vm2),
        ["internet", "ngw-0001", "vrt-0001", "vsw-0001", "i-0002"]
    );
    assert!(vm2.hops[1].rule.to_string().contains("DNAT entry"));
    assert_eq!(
        way_back(&vm2),
        ["i-0002", "vsw-0001", "vrt-0001", "ngw-0001", "internet"]
    );
}
