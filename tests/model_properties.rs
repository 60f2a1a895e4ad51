//! Property tests of the model's invariants: allocations stay inside their VSwitch, are never
//! reserved nor duplicated, and released addresses are reused lowest first; a failing command
//! leaves the topology equal; save → restore round-trips; restore's overlap check agrees with
//! comparing every pair.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use proptest::prelude::*;
use vpclab::model::{apply, document, net, Command, RuleSet, Topology};

/// A VPC of 10.0.0.0/16 in Hangzhou with one VSwitch of the given prefix at 10.0.0.0.
fn vswitch_of(prefix: u8) -> Topology {
    let mut topology = Topology::new(RuleSet::Current);
    for command in [
        Command::CreateVpc {
            region_id: "cn-hangzhou".into(),
            cidr_block: Some("10.0.0.0/16".into()),
            vpc_name: None,
            description: None,
        },
        Command::CreateVSwitch {
            vpc_id: "vpc-0001".into(),
            zone_id: "cn-hangzhou-b".into(),
            cidr_block: format!("10.0.0.0/{prefix}"),
            vswitch_name: None,
            description: None,
        },
    ] {
        topology.apply_in_place(&command).expect("set-up");
    }
    topology
}

fn run(private_ip: Option<String>, bandwidth: u32) -> Command {
    Command::RunInstances {
        vswitch_id: "vsw-0001".into(),
        instance_name: None,
        private_ip_address: private_ip,
        security_group_id: None,
        internet_max_bandwidth_out: Some(bandwidth.to_string()),
        description: None,
    }
}

/// One random operation on the VSwitch.
#[derive(Clone, Debug)]
enum Op {
    /// RunInstances, lowest free address, with some bandwidth.
    Run(u32),
    /// RunInstances at a chosen offset from the block's start.
    RunAt(u32),
    /// DeleteInstance of the n-th existing instance (modulo their count).
    Delete(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u32..3).prop_map(Op::Run),
        1 => (0u32..80).prop_map(Op::RunAt),
        2 => any::<usize>().prop_map(Op::Delete),
    ]
}

fn check_invariants(topology: &Topology) -> Result<(), TestCaseError> {
    let vswitch = topology.vswitch("vsw-0001").expect("vswitch");
    let mut seen = BTreeSet::new();
    for instance in topology.instances().values() {
        let address = instance.private_ip_address;
        prop_assert!(
            vswitch.cidr_block.contains(&address),
            "{address} outside {}",
            vswitch.cidr_block
        );
        prop_assert!(
            !net::is_reserved(vswitch.cidr_block, address),
            "{address} is reserved"
        );
        prop_assert!(seen.insert(address), "{address} handed out twice");
    }
    let mut public = BTreeSet::new();
    for instance in topology.instances().values() {
        if let Some(address) = instance.nat_public_ip {
            prop_assert!(public.insert(address), "public {address} handed out twice");
        }
    }
    let free = net::usable_count(vswitch.cidr_block) - seen.len() as u64;
    prop_assert_eq!(topology.free_hosts("vsw-0001"), free);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn allocations_stay_inside_unreserved_and_unique(prefix in 24u8..=29, ops in prop::collection::vec(op(), 1..120)) {
        let mut topology = vswitch_of(prefix);
        let block: ipnet::Ipv4Net = format!("10.0.0.0/{prefix}").parse().expect("block");
        for op in ops {
            let lowest_before = topology.next_free_address("vsw-0001");
            let command = match &op {
                Op::Run(bandwidth) => run(None, *bandwidth),
                Op::RunAt(offset) => {
                    let address = Ipv4Addr::from(u32::from(block.network()) + offset % (1 << (32 - prefix)));
                    run(Some(address.to_string()), 0)
                }
                Op::Delete(n) => {
                    let ids: Vec<String> = topology.instances().keys().cloned().collect();
                    if ids.is_empty() { continue; }
                    Command::DeleteInstance { instance_id: ids[n % ids.len()].clone() }
                }
            };
            let before = topology.clone();
            match topology.apply_in_place(&command) {
                Ok(response) => {
                    if let Op::Run(_) = op {
                        // The lowest free address is the one handed out.
                        let given: Option<Ipv4Addr> = response.field("PrivateIpAddress").and_then(|a| a.parse().ok());
                        prop_assert_eq!(given, lowest_before);
                    }
                }
                Err(_) => prop_assert_eq!(&topology, &before),
            }
            check_invariants(&topology)?;
        }
    }

    #[test]
    fn a_released_address_is_reused_when_it_is_the_lowest(count in 2usize..40, victim in any::<usize>()) {
        let mut topology = vswitch_of(24);
        for _ in 0..count {
            topology.apply_in_place(&run(None, 0)).expect("room");
        }
        let ids: Vec<String> = topology.instances().keys().cloned().collect();
        let id = &ids[victim % ids.len()];
        let released = topology.instance(id).expect("instance").private_ip_address;
        topology.apply_in_place(&Command::DeleteInstance { instance_id: id.clone() }).expect("delete");
        let response = topology.apply_in_place(&run(None, 0)).expect("room");
        let released = released.to_string();
        prop_assert_eq!(response.field("PrivateIpAddress"), Some(released.as_str()));
    }

    #[test]
    fn a_failing_command_leaves_the_topology_equal(
        cidr in "(10|192|100|224)\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}/[0-9]{1,2}",
        ip in "192\\.168\\.[0-9]{1,3}\\.[0-9]{1,3}",
        zone in prop::sample::select(vec!["ap-south-1a", "ap-south-1b", "ap-south-1c"]),
    ) {
        let article = vpclab::model::example::article_network();
        let commands = [
            Command::CreateVSwitch { vpc_id: "vpc-0001".into(), zone_id: zone.into(), cidr_block: cidr.clone(), vswitch_name: None, description: None },
            Command::CreateVpc { region_id: "ap-south-1".into(), cidr_block: Some(cidr.clone()), vpc_name: None, description: None },
            Command::AssociateVpcCidrBlock { vpc_id: "vpc-0001".into(), secondary_cidr_block: cidr.clone(), region_id: None },
            Command::CreateRouteEntry { route_table_id: "vtb-0001".into(), destination_cidr_block: cidr, next_hop_id: "i-0001".into(), next_hop_type: None, route_entry_name: None, description: None },
            Command::RunInstances { vswitch_id: "vsw-0001".into(), instance_name: None, private_ip_address: Some(ip), security_group_id: None, internet_max_bandwidth_out: None, description: None },
        ];
        for command in &commands {
            let mut copy = article.clone();
            let in_place = copy.apply_in_place(command);
            let pure = apply(&article, command);
            match (in_place, pure) {
                (Err(a), Err(b)) => { prop_assert_eq!(a, b); prop_assert_eq!(&copy, &article); }
                (Ok(a), Ok(b)) => { prop_assert_eq!(a, b.response); prop_assert_eq!(&copy, &b.topology); }
                (a, b) => prop_assert!(false, "apply and apply_in_place disagree: {a:?} / {b:?}"),
            }
        }
    }

    #[test]
    fn save_then_restore_round_trips(prefix in 24u8..=28, ops in prop::collection::vec(op(), 0..60), eips in 0usize..4) {
        let mut topology = vswitch_of(prefix);
        for op in ops {
            let command = match op {
                Op::Run(bandwidth) | Op::RunAt(bandwidth) => run(None, bandwidth),
                Op::Delete(n) => {
                    let ids: Vec<String> = topology.instances().keys().cloned().collect();
                    if ids.is_empty() { continue; }
                    Command::DeleteInstance { instance_id: ids[n % ids.len()].clone() }
                }
            };
            let _ = topology.apply_in_place(&command);
        }
        for _ in 0..eips {
            topology.apply_in_place(&Command::AllocateEipAddress { region_id: "cn-hangzhou".into(), bandwidth: None, name: None, description: None }).expect("eip");
        }
        let restored = document::restore(&document::to_json(&topology));
        prop_assert_eq!(restored, Ok(topology));
    }
}

#[test]
fn a_5000_instance_topology_is_stored_in_under_a_mebibyte() {
    let large = vpclab::model::example::large_network(5_000);
    assert_eq!(large.instances().len(), 5_000);
    let stored = document::to_json(&large);
    assert!(stored.len() <= 1 << 20, "{} bytes", stored.len());
    assert_eq!(document::restore(&stored), Ok(large));
}

proptest! {
    /// `010.0.0.0/8` could be ten or eight: any octet or prefix written with a leading zero
    /// is refused, while the same block written plainly parses to itself.
    #[test]
    fn cidr_text_with_a_leading_zero_is_refused_never_rewritten(
        octets in prop::array::uniform4(0u8..=255),
        prefix in 0u8..=32,
        padded in 0usize..5,
    ) {
        let block = ipnet::Ipv4Net::new(Ipv4Addr::from(octets), prefix).expect("prefix ≤ 32").trunc();
        let plain = block.to_string();
        prop_assert_eq!(net::parse_cidr(&plain), Ok(block));
        let mut parts: Vec<String> = block.addr().octets().iter().map(u8::to_string).collect();
        parts.push(block.prefix_len().to_string());
        parts[padded] = format!("0{}", parts[padded]);
        let text = format!("{}.{}.{}.{}/{}", parts[0], parts[1], parts[2], parts[3], parts[4]);
        // A padded octet of three digits is a leading zero; of four, no number at all.
        prop_assert!(net::parse_cidr(&text).is_err(), "{} was accepted", text);
        if padded < 4 && parts[padded].len() <= 3 {
            prop_assert_eq!(net::parse_cidr(&text), Err(net::CidrProblem::LeadingZeros));
        }
    }
}

/// A block inside 10.0.0.0/16, from its offset and prefix (host bits cleared).
fn block_at(offset: u32, prefix: u8) -> ipnet::Ipv4Net {
    let address = Ipv4Addr::from(0x0A00_0000 | (offset & 0xFFFF));
    ipnet::Ipv4Net::new(address, prefix)
        .expect("a prefix of at most 32")
        .trunc()
}

proptest! {
    /// `DisjointBlocks` (restore's overlap check, O(log n) per block) accepts and refuses
    /// exactly what comparing with every block held so far does, and the owner it names
    /// really overlaps.
    #[test]
    fn disjoint_blocks_agree_with_comparing_every_pair(
        blocks in proptest::collection::vec((0u32..65_536, 16u8..=29), 1..60)
    ) {
        let mut fast = net::DisjointBlocks::new();
        let mut held: Vec<ipnet::Ipv4Net> = Vec::new();
        for (offset, prefix) in blocks {
            let block = block_at(offset, prefix);
            let clash = held.iter().any(|other| net::overlaps(*other, block));
            match fast.claim(block, block) {
                Ok(()) => {
                    prop_assert!(!clash, "{block} was accepted but overlaps one of {held:?}");
                    held.push(block);
                }
                Err(other) => {
                    prop_assert!(clash, "{block} was refused but overlaps none of {held:?}");
                    prop_assert!(net::overlaps(*other, block), "{other} does not overlap {block}");
                }
            }
        }
    }
}

/// Copies of a network share their instance records and address owners (the app copies the
/// network for every command it applies), so a change to a copy must never reach the
/// network it was copied from. The original is compared as saved text: a comparison with
/// another copy would share the same records and could not see the leak.
#[test]
fn a_command_applied_to_a_copy_leaves_the_original_as_it_was() {
    let original = vpclab::model::example::large_network(40);
    let before = document::to_json(&original);
    let ids: Vec<String> = original.instances().keys().cloned().collect();
    let mut copy = original.clone();
    let mut changed = 0;
    for (n, id) in ids.iter().enumerate() {
        let command = match n % 4 {
            0 => Command::ModifyInstanceNetworkSpec {
                instance_id: id.clone(),
                internet_max_bandwidth_out: "0".into(),
            },
            1 => Command::ModifyInstanceNetworkSpec {
                instance_id: id.clone(),
                internet_max_bandwidth_out: "7".into(),
            },
            2 => Command::ConvertNatPublicIpToEip {
                instance_id: id.clone(),
            },
            _ => Command::DeleteInstance {
                instance_id: id.clone(),
            },
        };
        if copy.apply_in_place(&command).is_ok() {
            changed += 1;
        }
    }
    for _ in 0..3 {
        copy.apply_in_place(&run(None, 1))
            .expect("room in the VSwitch");
    }
    assert!(changed >= 30, "only {changed} commands were accepted");
    assert_ne!(document::to_json(&copy), before);
    assert_eq!(document::to_json(&original), before);
}
