//! Generated networks for property tests: a list of random operations ([`op`]) applied to
//! an empty topology ([`generated`]). Each operation picks its resources and values among
//! what exists, so most apply and some are refused; together they reach every kind of
//! resource the exports handle (checked by `export_scenario`'s
//! `the_generator_reaches_every_kind_of_resource`). Shared by the test files that need
//! realistic networks (`mod generator;`).

use proptest::prelude::*;
use vpclab::model::{Command, RuleSet, Topology};

/// One random operation: an action and the numbers that pick its resources and values
/// (each taken modulo what exists, so most operations apply and some are refused).
#[derive(Clone, Debug)]
pub struct Op {
    pub action: u8,
    pub a: usize,
    pub b: usize,
    pub c: usize,
    pub flag: bool,
}

pub fn op() -> impl Strategy<Value = Op> {
    (
        0u8..45,
        any::<usize>(),
        any::<usize>(),
        any::<usize>(),
        any::<bool>(),
    )
        .prop_map(|(action, a, b, c, flag)| Op {
            action,
            a,
            b,
            c,
            flag,
        })
}

const REGIONS: [&str; 2] = ["ap-south-1", "cn-hangzhou"];

fn nth<T: Clone>(items: &[T], n: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[n % items.len()].clone())
}

/// What an operation can pick from: the ids of each kind, a region, and its numbers.
struct Pick {
    vpcs: Vec<String>,
    vswitches: Vec<String>,
    instances: Vec<String>,
    groups: Vec<String>,
    eips: Vec<String>,
    nats: Vec<String>,
    vpns: Vec<String>,
    customers: Vec<String>,
    routers: Vec<String>,
    centres: Vec<String>,
    balancers: Vec<String>,
    databases: Vec<String>,
    region: String,
}

impl Pick {
    fn new(topology: &Topology, op: &Op) -> Option<Pick> {
        let ids = |map: Vec<&String>| map.into_iter().cloned().collect::<Vec<String>>();
        // Most resources go to the region of an existing VPC, so that they can meet.
        let regions: Vec<String> = topology
            .vpcs()
            .values()
            .map(|vpc| vpc.region_id.clone())
            .collect();
        let region = if op.flag || regions.is_empty() {
            REGIONS[op.a % REGIONS.len()].to_string()
        } else {
            nth(&regions, op.c)?
        };
        Some(Pick {
            vpcs: ids(topology.vpcs().keys().collect()),
            vswitches: ids(topology.vswitches().keys().collect()),
            instances: ids(topology.instances().keys().collect()),
            groups: ids(topology.security_groups().keys().collect()),
            eips: ids(topology.eips().keys().collect()),
            nats: ids(topology.nat_gateways().keys().collect()),
            vpns: ids(topology.vpn_gateways().keys().collect()),
            customers: ids(topology.customer_gateways().keys().collect()),
            routers: ids(topology.virtual_border_routers().keys().collect()),
            centres: ids(topology.data_centers().keys().collect()),
            balancers: ids(topology.load_balancers().keys().collect()),
            databases: ids(topology.db_instances().keys().collect()),
            region,
        })
    }
}

/// The command an operation stands for in this topology, if it can name one.
fn command(topology: &Topology, op: &Op) -> Option<Command> {
    let pick = Pick::new(topology, op)?;
    match op.action {
        18 | 19 => rule_command(op, pick),
        0..=6 | 16 | 17 | 29 | 40 | 41 => network_command(topology, op, pick),
        20..=28 => gateway_command(topology, op, pick),
        _ => compute_command(topology, op, pick),
    }
}

/// Security group rules, in either direction, naming a block or another group.
fn rule_command(op: &Op, pick: Pick) -> Option<Command> {
    let groups = pick.groups;
    let (a, b, c, flag) = (op.a, op.b, op.c, op.flag);
    let protocol = ["tcp", "udp", "icmp", "all"][b % 4];
    let ports = if protocol == "tcp" || protocol == "udp" {
        format!("{}/{}", 20 + c % 5, 20 + c % 5 + b % 3)
    } else {
        "-1/-1".to_string()
    };
    Some(match op.action {
        18 | 19 => {
            let group = nth(&groups, a)?;
            let (cidr, peer) = if flag {
                (
                    Some(["0.0.0.0/0", "10.10.0.0/16", "192.168.1.7"][c % 3].to_string()),
                    None,
                )
            } else {
                (None, Some(nth(&groups, c)?))
            };
            let policy = Some(["accept", "drop"][c % 2].to_string());
            let priority = Some((1 + b % 100).to_string());
            if op.action == 18 {
                Command::AuthorizeSecurityGroup {
                    security_group_id: group,
                    ip_protocol: protocol.into(),
                    port_range: ports,
                    source_cidr_ip: cidr,
                    source_group_id: peer,
                    policy,
                    priority,
                    description: None,
                }
            } else {
                Command::AuthorizeSecurityGroupEgress {
                    security_group_id: group,
                    ip_protocol: protocol.into(),
                    port_range: ports,
                    dest_cidr_ip: cidr,
                    dest_group_id: peer,
                    policy,
                    priority,
                    description: None,
                }
            }
        }
        _ => return None,
    })
}

/// VPCs, VSwitches, security groups, route entries.
#[allow(
    unused_variables,
    reason = "each family of commands picks from some kinds only"
)]
fn network_command(topology: &Topology, op: &Op, pick: Pick) -> Option<Command> {
    let Pick {
        vpcs,
        vswitches,
        instances,
        groups,
        eips,
        nats,
        vpns,
        customers,
        routers,
        centres,
        balancers,
        databases,
        region,
    } = pick;
    let (a, b, c, flag) = (op.a, op.b, op.c, op.flag);
    Some(match op.action {
        0 | 1 => Command::CreateVpc {
            region_id: region,
            cidr_block: Some(
                [
                    "10.0.0.0/16",
                    "172.16.0.0/16",
                    "192.168.0.0/16",
                    "10.0.0.0/8",
                ][b % 4]
                    .into(),
            ),
            vpc_name: flag.then(|| format!("vpc {c}")),
            description: (c % 3 == 0).then(|| format!("plan {b}")),
        },
        2 => Command::AssociateVpcCidrBlock {
            vpc_id: nth(&vpcs, a)?,
            secondary_cidr_block: ["172.20.0.0/16", "10.50.0.0/16"][b % 2].into(),
            region_id: None,
        },
        3..=5 => {
            let vpc = topology.vpc(&nth(&vpcs, a)?)?;
            let blocks: Vec<_> = vpc.cidr_blocks().collect();
            let block = nth(&blocks, b)?;
            let subnet = block.subnets(24.max(block.prefix_len())).ok()?.nth(c % 6)?;
            let zones = vpclab::model::catalog::region(&vpc.region_id)?.zones;
            Command::CreateVSwitch {
                vpc_id: vpc.id.clone(),
                zone_id: zones[c % zones.len()].into(),
                cidr_block: subnet.to_string(),
                vswitch_name: flag.then(|| "vsw".into()),
                description: None,
            }
        }
        6 => Command::DeleteVSwitch {
            vswitch_id: nth(&vswitches, a)?,
        },
        16 => Command::CreateSecurityGroup {
            vpc_id: nth(&vpcs, a)?,
            security_group_name: flag.then(|| "sg".into()),
            security_group_type: Some(["normal", "enterprise"][b % 2].into()),
            description: flag.then(|| "the web tier".into()),
        },
        40 => Command::ModifySecurityGroupPolicy {
            security_group_id: nth(&groups, a)?,
            inner_access_policy: ["Drop", "Accept"][b % 2].into(),
            region_id: None,
        },
        41 => {
            let vpc = topology.vpc(&nth(&vpcs, a)?)?;
            let entry = nth(&vpc.route_entries, b)?;
            Command::DeleteRouteEntry {
                route_entry_id: None,
                route_table_id: Some(vpc.id.clone()),
                destination_cidr_block: Some(entry.destination_cidr_block.to_string()),
                next_hop_id: None,
            }
        }
        17 => Command::DeleteSecurityGroup {
            security_group_id: nth(&groups, a)?,
        },
        29 => {
            let hops: Vec<String> = instances
                .iter()
                .chain(&vpns)
                .chain(&nats)
                .chain(&routers)
                .cloned()
                .collect();
            Command::CreateRouteEntry {
                route_table_id: nth(&vpcs, a)?,
                destination_cidr_block: ["10.10.0.0/16", "10.20.0.0/16", "0.0.0.0/0", "8.8.8.0/24"]
                    [c % 4]
                    .into(),
                next_hop_id: nth(&hops, b)?,
                next_hop_type: None,
                route_entry_name: flag.then(|| "to-office".into()),
                description: (a % 2 == 0).then(|| "via the gateway".into()),
            }
        }
        _ => return None,
    })
}

/// NAT, VPN and Express Connect gateways, data centres.
#[allow(
    unused_variables,
    reason = "each family of commands picks from some kinds only"
)]
fn gateway_command(topology: &Topology, op: &Op, pick: Pick) -> Option<Command> {
    let Pick {
        vpcs,
        vswitches,
        instances,
        groups,
        eips,
        nats,
        vpns,
        customers,
        routers,
        centres,
        balancers,
        databases,
        region,
    } = pick;
    let (a, b, c, flag) = (op.a, op.b, op.c, op.flag);
    Some(match op.action {
        20 => {
            let vpc = nth(&vpcs, a)?;
            let inside: Vec<String> = topology.vswitches_of(&vpc).map(|v| v.id.clone()).collect();
            Command::CreateNatGateway {
                vpc_id: vpc,
                vswitch_id: if flag { nth(&inside, b) } else { None },
                name: (c % 2 == 0).then(|| "nat".into()),
                description: None,
            }
        }
        21 => Command::DeleteNatGateway {
            nat_gateway_id: nth(&nats, a)?,
            force: flag.then(|| "true".into()),
        },
        22 | 23 => {
            let gateway = topology.nat_gateway(&nth(&nats, a)?)?;
            let addresses: Vec<String> = topology
                .eips_of(&gateway.id)
                .map(|eip| eip.ip_address.to_string())
                .collect();
            let address = nth(&addresses, b)?;
            if op.action == 22 {
                let inside: Vec<String> = topology
                    .vswitches_of(&gateway.vpc_id)
                    .map(|v| v.id.clone())
                    .collect();
                Command::CreateSnatEntry {
                    snat_table_id: gateway.snat_table_id.clone(),
                    snat_ip: address,
                    source_vswitch_id: if flag { nth(&inside, c) } else { None },
                    source_cidr: (!flag)
                        .then(|| ["10.0.1.0/24", "192.168.0.5", "172.16.0.0/16"][c % 3].into()),
                    snat_entry_name: (b % 2 == 0).then(|| "outbound".into()),
                }
            } else {
                let hosts: Vec<String> = topology
                    .instances_in_vpc(&gateway.vpc_id)
                    .map(|instance| instance.private_ip_address.to_string())
                    .collect();
                let (protocol, external, internal) = if flag {
                    ("any", "Any".to_string(), "Any".to_string())
                } else {
                    (
                        ["tcp", "udp"][b % 2],
                        (1000 + c % 50).to_string(),
                        (20 + c % 3).to_string(),
                    )
                };
                Command::CreateForwardEntry {
                    forward_table_id: gateway.forward_table_id.clone(),
                    external_ip: address,
                    external_port: external,
                    ip_protocol: protocol.into(),
                    internal_ip: nth(&hosts, c)?,
                    internal_port: internal,
                    forward_entry_name: None,
                }
            }
        }
        24 => Command::CreateVpnGateway {
            vpc_id: nth(&vpcs, a)?,
            bandwidth: flag.then(|| "20".into()),
            name: (b % 2 == 0).then(|| "vpn".into()),
        },
        25 => Command::CreateDataCenter {
            cidr_block: ["10.10.0.0/16", "10.20.0.0/16", "172.31.0.0/16"][b % 3].into(),
            data_center_name: flag.then(|| "office".into()),
        },
        26 => Command::CreateCustomerGateway {
            region_id: region,
            ip_address: format!("203.0.113.{}", 1 + b % 20),
            asn: flag.then(|| "65010".into()),
            name: None,
            data_center_id: nth(&centres, c),
            description: None,
        },
        27 => Command::CreateVpnConnection {
            vpn_gateway_id: nth(&vpns, a)?,
            customer_gateway_id: nth(&customers, b)?,
            local_subnet: "10.0.0.0/16,192.168.0.0/16".into(),
            remote_subnet: ["10.10.0.0/16", "10.20.0.0/16,172.31.0.0/16"][c % 2].into(),
            name: flag.then(|| "ipsec".into()),
        },
        28 => Command::CreateVirtualBorderRouter {
            region_id: region,
            vlan_id: (b % 3000).to_string(),
            name: None,
            vpc_id: if flag { nth(&vpcs, c) } else { None },
            data_center_id: nth(&centres, c),
            description: None,
        },
        _ => return None,
    })
}

/// RunInstances in a picked VSwitch, at a picked address or the next free one.
fn run_instances(topology: &Topology, op: &Op, vswitches: &[String]) -> Option<Command> {
    let (a, b, c, flag) = (op.a, op.b, op.c, op.flag);
    let vswitch = topology.vswitch(&nth(vswitches, a)?)?;
    let address = flag.then(|| {
        std::net::Ipv4Addr::from(u32::from(vswitch.cidr_block.network()) + 1 + (c % 12) as u32)
            .to_string()
    });
    let group = topology
        .security_groups_of(&vswitch.vpc_id)
        .map(|group| group.id.clone())
        .collect::<Vec<_>>();
    Some(Command::RunInstances {
        vswitch_id: vswitch.id.clone(),
        instance_name: (b % 3 == 0).then(|| format!("vm-{c}")),
        private_ip_address: address,
        security_group_id: if b % 2 == 0 { nth(&group, c) } else { None },
        internet_max_bandwidth_out: Some(["0", "5"][b % 2].into()),
        description: None,
    })
}

/// Instances, EIPs, CLBs and RDS, and the deletions.
#[allow(
    unused_variables,
    reason = "each family of commands picks from some kinds only"
)]
fn compute_command(topology: &Topology, op: &Op, pick: Pick) -> Option<Command> {
    let Pick {
        vpcs,
        vswitches,
        instances,
        groups,
        eips,
        nats,
        vpns,
        customers,
        routers,
        centres,
        balancers,
        databases,
        region,
    } = pick;
    let (a, b, c, flag) = (op.a, op.b, op.c, op.flag);
    Some(match op.action {
        7..=9 => run_instances(topology, op, &vswitches)?,
        10 => Command::DeleteInstance {
            instance_id: nth(&instances, a)?,
        },
        11 => Command::ModifyInstanceNetworkSpec {
            instance_id: nth(&instances, a)?,
            internet_max_bandwidth_out: ["0", "3"][b % 2].into(),
        },
        12 => Command::ConvertNatPublicIpToEip {
            instance_id: nth(&instances, a)?,
        },
        13 | 32 => Command::AllocateEipAddress {
            region_id: region,
            bandwidth: flag.then(|| "8".into()),
            name: (b % 2 == 0).then(|| "eip".into()),
            description: None,
        },
        14 | 33 | 34 => {
            let targets: Vec<String> = if op.action == 14 {
                instances.iter().chain(&balancers).cloned().collect()
            } else {
                nats.clone()
            };
            Command::AssociateEipAddress {
                allocation_id: nth(&eips, a)?,
                instance_id: nth(&targets, b)?,
                instance_type: None,
            }
        }
        15 => Command::ReleaseEipAddress {
            allocation_id: nth(&eips, a)?,
        },
        30 => {
            let vswitch = nth(&vswitches, a)?;
            if b % 3 == 0 {
                Command::CreateDBInstance {
                    vswitch_id: vswitch,
                    engine: ["MySQL", "PostgreSQL"][c % 2].into(),
                    engine_version: None,
                    db_instance_class: None,
                    db_instance_description: flag.then(|| "db".into()),
                    private_ip_address: None,
                }
            } else {
                Command::CreateLoadBalancer {
                    vswitch_id: vswitch,
                    load_balancer_name: None,
                    address: None,
                    address_type: Some(["intranet", "internet"][c % 2].into()),
                }
            }
        }
        _ => match b % 4 {
            0 | 3 if op.action > 36 => {
                let balancer = topology.load_balancer(&nth(&balancers, a)?)?;
                let vpc = topology.vpc_of_vswitch(&balancer.vswitch_id)?;
                let members: Vec<String> = topology
                    .instances_in_vpc(&vpc.id)
                    .map(|i| i.id.clone())
                    .collect();
                Command::AddBackendServers {
                    load_balancer_id: balancer.id.clone(),
                    backend_servers: vec![vpclab::model::BackendServerParam {
                        server_id: nth(&members, c)?,
                        weight: Some((c % 101).to_string()),
                    }],
                }
            }
            1 => Command::DeleteLoadBalancer {
                load_balancer_id: nth(&balancers, a)?,
            },
            2 => Command::DeleteDBInstance {
                db_instance_id: nth(&databases, a)?,
            },
            0 => Command::ReleaseEipAddress {
                allocation_id: nth(&eips, a)?,
            },
            _ => Command::DeleteRouteEntry {
                route_entry_id: topology
                    .vpc(&nth(&vpcs, a)?)?
                    .route_entries
                    .get(c % 3)
                    .map(|entry| entry.id.clone()),
                route_table_id: None,
                destination_cidr_block: None,
                next_hop_id: None,
            },
        },
    })
}

/// Gives a NAT gateway a new EIP in its region, then an SNAT or DNAT entry on it: a chain
/// that single random operations rarely line up.
fn nat_with_an_entry(topology: &mut Topology, op: &Op) {
    let gateways: Vec<String> = topology.nat_gateways().keys().cloned().collect();
    let Some(gateway) = nth(&gateways, op.a) else {
        return;
    };
    let Some(region) = topology
        .nat_gateway(&gateway)
        .and_then(|gateway| topology.vpc(&gateway.vpc_id))
        .map(|vpc| vpc.region_id.clone())
    else {
        return;
    };
    let allocate = Command::AllocateEipAddress {
        region_id: region,
        bandwidth: None,
        name: None,
        description: None,
    };
    let Ok(response) = topology.apply_in_place(&allocate) else {
        return;
    };
    let eip = response
        .field("AllocationId")
        .unwrap_or_default()
        .to_string();
    let associate = Command::AssociateEipAddress {
        allocation_id: eip,
        instance_id: gateway,
        instance_type: Some("Nat".into()),
    };
    if topology.apply_in_place(&associate).is_ok() {
        for action in [22, 23] {
            let entry = Op {
                action,
                ..op.clone()
            };
            if let Some(command) = command(topology, &entry) {
                let _ = topology.apply_in_place(&command);
            }
        }
    }
}

pub fn generated(rules: RuleSet, ops: &[Op]) -> Topology {
    let mut topology = Topology::new(rules);
    for op in ops {
        if op.action == 35 || op.action == 36 {
            nat_with_an_entry(&mut topology, op);
        } else if let Some(command) = command(&topology, op) {
            // Refused commands change nothing; the generated network is what applied.
            let _ = topology.apply_in_place(&command);
        }
    }
    topology
}
