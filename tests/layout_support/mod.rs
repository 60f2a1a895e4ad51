//! What the layout tests share: scene builders (a plan of counts becomes a scene with every
//! kind of link), networks built through the model, and the checker of the layout's
//! geometric invariants (including that no link crosses a box or a label it does not connect).
#![allow(
    dead_code,
    reason = "each test file uses its own share of these helpers"
)]

use std::collections::{BTreeSet, HashMap};

use proptest::prelude::*;
use serde_json::json;
use vpclab::layout::scene::{Item, Region, SceneLink, Vpc, Vswitch, Zone};
use vpclab::layout::{Badge, BadgeKind, Detail, Diagram, LinkKind, Rect, Scene};
use vpclab::model::{Command, ElementId, RuleSet, Topology};

// --- Scene builders ----------------------------------------------------------------------------

/// The shape of a generated scene: per region, per VPC, per zone, the instance count of each
/// VSwitch; plus counts of the things around them.
#[derive(Debug, Clone)]
pub struct Plan {
    pub regions: Vec<RegionPlan>,
    pub datacenters: usize,
}

#[derive(Debug, Clone)]
pub struct RegionPlan {
    pub oss: bool,
    pub eips: usize,
    pub vbrs: usize,
    pub vpcs: Vec<VpcPlan>,
}

#[derive(Debug, Clone)]
pub struct VpcPlan {
    pub nat_gateways: usize,
    pub vpn_gateways: usize,
    pub detail_lines: usize,
    pub zones: Vec<ZonePlan>,
}

#[derive(Debug, Clone)]
pub struct ZonePlan {
    pub clbs: usize,
    pub rds: usize,
    pub vswitches: Vec<usize>,
}

/// An element of a generated scene. Generated scenes name their resources by their place
/// (`region-0/vpc-1/zone-0/vsw-2/i-3`), so the stability tests can tell what lies where; the
/// engine takes ids as they come.
pub fn generated(id: impl Into<String>) -> ElementId {
    ElementId::Resource(id.into())
}

pub fn items(prefix: &str, count: usize, label: &str) -> Vec<Item> {
    (1..=count)
        .map(|i| Item::new(generated(format!("{prefix}-{i}")), format!("{label}{i}")))
        .collect()
}

pub fn link(links: &mut Vec<SceneLink>, from: &ElementId, to: &ElementId, kind: LinkKind) {
    links.push(SceneLink {
        from: from.clone(),
        to: to.clone(),
        kind,
    });
}

/// VSwitch `sid` (the `s`th of its zone in region `r`) with `count` instances, every third
/// with an EIP.
fn vswitch(sid: &str, count: usize, r: usize, s: usize) -> Vswitch {
    let mut instances = items(&format!("{sid}/i"), count, "vm");
    for (i, instance) in instances.iter_mut().enumerate() {
        instance
            .detail
            .push(Detail::address(format!("10.{r}.{s}.{i}")));
        if i % 3 == 1 {
            instance.badge = Some(Badge::new(BadgeKind::Eip, "47.0.0.1"));
        }
    }
    Vswitch {
        item: Item::new(generated(sid), "vsw")
            .with_address("10.0.0.0/24")
            .with_detail(Detail::Usage {
                used: count,
                free: 250,
            }),
        instances,
    }
}

/// Builds the scene a plan describes, with every kind of link the adapter makes: the VRouter
/// to OSS and to border routers, NAT gateways to VSwitches, CLBs and RDS to their VSwitch, CLBs
/// to back ends in other zones, VPN gateways and border routers to data centres, and public
/// addresses on instances, NAT and VPN gateways and CLBs (the Internet links to them).
pub fn build(plan: &Plan) -> Scene {
    let mut links = Vec::new();
    let datacenters = items("dc", plan.datacenters, "DC");
    let mut regions = Vec::new();
    for (r, region) in plan.regions.iter().enumerate() {
        let rid = format!("region-{r}");
        let oss = ElementId::Oss(rid.clone());
        let mut vpcs = Vec::new();
        for (v, vpc) in region.vpcs.iter().enumerate() {
            let vid = format!("{rid}/vpc-{v}");
            let vrouter = generated(format!("{vid}/vrt"));
            let mut zones = Vec::new();
            let mut first_instances = Vec::new();
            for (z, zone) in vpc.zones.iter().enumerate() {
                let zid = format!("{vid}/zone-{z}");
                let vswitches: Vec<Vswitch> = zone
                    .vswitches
                    .iter()
                    .enumerate()
                    .map(|(s, count)| vswitch(&format!("{zid}/vsw-{s}"), *count, r, s))
                    .collect();
                first_instances.push(
                    vswitches
                        .iter()
                        .rev()
                        .find_map(|vsw| vsw.instances.last())
                        .map(|i| i.id.clone()),
                );
                let mut clbs = items(&format!("{zid}/clb"), zone.clbs, "clb");
                let rds = items(&format!("{zid}/rds"), zone.rds, "rds");
                if let Some(home) = vswitches.first() {
                    for clb in &mut clbs {
                        clb.detail.push(Detail::address("10.0.0.200"));
                        clb.detail.push(Detail::BackEnds(1));
                        clb.badge = Some(Badge::new(BadgeKind::Public, "47.0.0.9"));
                        link(&mut links, &clb.id, &home.item.id, LinkKind::Attachment);
                    }
                    for db in &rds {
                        link(&mut links, &db.id, &home.item.id, LinkKind::Attachment);
                    }
                }
                zones.push(Zone {
                    item: Item::new(ElementId::zone(&vid, format!("zone-{z}")), "zone"),
                    vswitches,
                    clbs,
                    rds,
                });
            }
            // Each CLB balances the last instance of the VPC's last zone that has one.
            let backend = first_instances.iter().rev().flatten().next().cloned();
            for zone in &zones {
                for clb in &zone.clbs {
                    if let Some(backend) = &backend {
                        link(&mut links, &clb.id, backend, LinkKind::Backend);
                    }
                }
            }
            let mut item = Item::new(generated(&vid), "vpc");
            for line in 0..vpc.detail_lines {
                item.detail
                    .push(Detail::address(format!("10.{line}.0.0/16")));
            }
            let mut vpn_gateways = items(&format!("{vid}/vpn"), vpc.vpn_gateways, "vpn");
            for (i, gateway) in vpn_gateways.iter_mut().enumerate() {
                gateway.detail.push(Detail::Bandwidth(10));
                gateway.badge = Some(Badge::new(BadgeKind::Public, "47.0.1.1"));
                if let Some(dc) = datacenters.get(i) {
                    link(&mut links, &gateway.id, &dc.id, LinkKind::Vpn);
                }
            }
            let mut nat_gateways = items(&format!("{vid}/nat"), vpc.nat_gateways, "nat");
            for (i, gateway) in nat_gateways.iter_mut().enumerate() {
                gateway.badge = Some(Badge::new(BadgeKind::Eip, "47.0.2.1"));
                let served = zones.get(i).and_then(|zone| zone.vswitches.last());
                if let Some(vsw) = served {
                    link(&mut links, &gateway.id, &vsw.item.id, LinkKind::Snat);
                }
            }
            if region.oss {
                link(&mut links, &vrouter, &oss, LinkKind::Service);
            }
            vpcs.push(Vpc {
                item,
                vrouter: Item::new(vrouter, "VRouter").with_detail(Detail::Routes(3)),
                nat_gateways,
                vpn_gateways,
                zones,
            });
        }
        let vbrs = items(&format!("{rid}/vbr"), region.vbrs, "vbr");
        for (i, vbr) in vbrs.iter().enumerate() {
            if let Some(vpc) = vpcs.get(i) {
                link(
                    &mut links,
                    &vpc.vrouter.id,
                    &vbr.id,
                    LinkKind::RouterInterface,
                );
            }
            if let Some(dc) = datacenters.get(i) {
                link(&mut links, &vbr.id, &dc.id, LinkKind::ExpressConnect);
            }
        }
        regions.push(Region {
            item: Item::new(ElementId::Region(rid.clone()), "region")
                .with_detail(Detail::text(&rid)),
            oss: region
                .oss
                .then(|| Item::new(oss, "OSS").with_detail(Detail::InternalEndpoint)),
            eips: items(&format!("{rid}/eip"), region.eips, "eip"),
            vpcs,
            vbrs,
        });
    }
    Scene {
        regions,
        datacenters,
        links,
    }
}

/// One region, one VPC, `zones` zones of `vswitches` VSwitches of `instances` instances.
pub fn uniform(zones: usize, vswitches: usize, instances: usize) -> Plan {
    Plan {
        regions: vec![RegionPlan {
            oss: true,
            eips: 2,
            vbrs: 1,
            vpcs: vec![VpcPlan {
                nat_gateways: 1,
                vpn_gateways: 1,
                detail_lines: 1,
                zones: (0..zones)
                    .map(|_| ZonePlan {
                        clbs: 1,
                        rds: 1,
                        vswitches: vec![instances; vswitches],
                    })
                    .collect(),
            }],
        }],
        datacenters: 1,
    }
}

/// The article's network, built by hand as a scene.
pub fn article_scene() -> Scene {
    let vm = |id: &str, name: &str, ip: &str| Item::resource(id, name).with_address(ip);
    let zone = |name: &str, vswitch: Vswitch| Zone {
        vswitches: vec![vswitch],
        ..Zone::new(Item::new(ElementId::zone("vpc-0001", name), name))
    };
    let vpc = Vpc {
        zones: vec![
            zone(
                "ap-south-1a",
                Vswitch {
                    item: Item::resource("vsw-0001", "VSwitch 1")
                        .with_address("192.168.1.0/24")
                        .with_detail(Detail::Usage { used: 2, free: 250 }),
                    instances: vec![
                        vm("i-0001", "VM1", "192.168.1.1"),
                        vm("i-0002", "VM2", "192.168.1.2"),
                    ],
                },
            ),
            zone(
                "ap-south-1b",
                Vswitch {
                    item: Item::resource("vsw-0002", "VSwitch 2")
                        .with_address("192.168.2.0/24")
                        .with_detail(Detail::Usage { used: 1, free: 251 }),
                    instances: vec![vm("i-0003", "VM3", "192.168.2.1")],
                },
            ),
        ],
        ..Vpc::new(
            Item::resource("vpc-0001", "VPC").with_address("192.168.0.0/16"),
            Item::resource("vrt-0001", "VRouter"),
        )
    };
    let region = Region {
        oss: Some(Item::new(ElementId::Oss("ap-south-1".into()), "OSS")),
        vpcs: vec![vpc],
        ..Region::new(
            Item::new(ElementId::Region("ap-south-1".into()), "India (Mumbai)")
                .with_detail(Detail::text("ap-south-1")),
        )
    };
    Scene {
        regions: vec![region],
        ..Scene::default()
    }
}

// --- Invariants --------------------------------------------------------------------------------

/// Every broken geometric rule in `diagram`, as readable lines (empty: all good).
pub fn violations(diagram: &Diagram) -> Vec<String> {
    let mut found = Vec::new();
    let mut index: HashMap<&ElementId, usize> = HashMap::new();
    for (i, shape) in diagram.shapes.iter().enumerate() {
        if index.insert(&shape.id, i).is_some() {
            found.push(format!("duplicate id {}", shape.id));
        }
    }
    let canvas = Rect::new(0.0, 0.0, diagram.width, diagram.height);
    let mut siblings: HashMap<Option<&ElementId>, Vec<usize>> = HashMap::new();
    for (i, shape) in diagram.shapes.iter().enumerate() {
        let r = shape.rect;
        if !(r.width > 0.0 && r.height > 0.0) {
            found.push(format!("{} has an empty rect {r:?}", shape.id));
        }
        match shape.parent.as_ref() {
            None => {
                if !canvas.contains_rect(&r, vpclab::layout::metrics::MARGIN) {
                    found.push(format!("{} is outside the margins", shape.id));
                }
            }
            Some(parent) => match index.get(parent) {
                None => found.push(format!("{} has a missing parent {parent}", shape.id)),
                Some(&p) if p >= i => found.push(format!("{} is drawn before {parent}", shape.id)),
                Some(&p) => {
                    let outer = diagram.shapes[p].rect;
                    // The smallest padding the engine uses is a VSwitch's.
                    if !outer.contains_rect(&r, vpclab::layout::metrics::VSWITCH_PAD) {
                        found.push(format!(
                            "{} {r:?} pokes out of {parent} {outer:?}",
                            shape.id
                        ));
                    }
                }
            },
        }
        siblings.entry(shape.parent.as_ref()).or_default().push(i);
    }
    for group in siblings.values() {
        for (n, &a) in group.iter().enumerate() {
            for &b in &group[n + 1..] {
                let (sa, sb) = (&diagram.shapes[a], &diagram.shapes[b]);
                if sa.rect.overlaps(&sb.rect) {
                    found.push(format!("{} overlaps its sibling {}", sa.id, sb.id));
                }
            }
        }
    }
    for shape in &diagram.shapes {
        if let Some(text) = shape.text_bounds() {
            if !shape.rect.contains_rect(&text, 0.0) {
                found.push(format!(
                    "{} text {text:?} overflows {:?}",
                    shape.id, shape.rect
                ));
            }
        }
    }
    found.extend(crossings(diagram));
    for link in &diagram.links {
        let ends = (link.points.first(), link.points.last());
        let shapes = (index.get(&link.from), index.get(&link.to));
        match (ends, shapes) {
            ((Some(start), Some(end)), (Some(&from), Some(&to))) => {
                if !diagram.shapes[from].rect.contains_point(*start)
                    || !diagram.shapes[to].rect.contains_point(*end)
                {
                    found.push(format!(
                        "link {} → {} ends off its shapes",
                        link.from, link.to
                    ));
                }
            }
            _ => found.push(format!("link {} → {} is dangling", link.from, link.to)),
        }
    }
    found
}

/// Every link segment that runs through a box or a label it does not connect: a box may be
/// crossed only when it is one of the link's ends or contains one; no text may be crossed
/// (a container's title stays clear even of the links that enter it).
pub fn crossings(diagram: &Diagram) -> Vec<String> {
    let ancestors = |id: &ElementId| -> BTreeSet<ElementId> {
        let mut found = BTreeSet::new();
        let mut at = diagram.shape(id);
        while let Some(shape) = at {
            found.insert(shape.id.clone());
            at = shape.parent.as_ref().and_then(|p| diagram.shape(p));
        }
        found
    };
    let mut found = Vec::new();
    for link in &diagram.links {
        let mut allowed = ancestors(&link.from);
        allowed.extend(ancestors(&link.to));
        for shape in &diagram.shapes {
            let mut boxes: Vec<(&str, Rect)> = shape
                .text
                .iter()
                .map(|line| ("label", line.bounds()))
                .collect();
            if !allowed.contains(&shape.id) {
                boxes.push(("box", shape.rect));
            }
            for pair in link.points.windows(2) {
                for (what, rect) in &boxes {
                    if rect.crossed_by(pair[0], pair[1]) {
                        found.push(format!(
                            "{:?} link {} → {} runs through the {what} of {} ({:?} → {:?})",
                            link.kind, link.from, link.to, shape.id, pair[0], pair[1]
                        ));
                    }
                }
            }
        }
    }
    found
}

pub fn plan_strategy() -> impl Strategy<Value = Plan> {
    let zone = (
        0..3usize,
        0..3usize,
        prop::collection::vec(0..40usize, 0..4),
    )
        .prop_map(|(clbs, rds, vswitches)| ZonePlan {
            clbs,
            rds,
            vswitches,
        });
    let vpc = (
        0..3usize,
        0..3usize,
        0..3usize,
        prop::collection::vec(zone, 0..4),
    )
        .prop_map(
            |(nat_gateways, vpn_gateways, detail_lines, zones)| VpcPlan {
                nat_gateways,
                vpn_gateways,
                detail_lines,
                zones,
            },
        );
    let region = (
        any::<bool>(),
        0..12usize,
        0..4usize,
        prop::collection::vec(vpc, 0..3),
    )
        .prop_map(|(oss, eips, vbrs, vpcs)| RegionPlan {
            oss,
            eips,
            vbrs,
            vpcs,
        });
    (prop::collection::vec(region, 0..3), 0..9usize).prop_map(|(regions, datacenters)| Plan {
        regions,
        datacenters,
    })
}

// --- From the model ----------------------------------------------------------------------------

/// Applies a command written as Alibaba's JSON (`{"Action": "CreateVpc", ...}`).
pub fn run(topology: &mut Topology, command: serde_json::Value) {
    let parsed: Command = match serde_json::from_value(command.clone()) {
        Ok(parsed) => parsed,
        Err(error) => panic!("{command} is not a command: {error}"),
    };
    if let Err(error) = topology.apply_in_place(&parsed) {
        panic!("{command} failed: {error:?}");
    }
}

/// 500 instances in one VPC of Hangzhou: 10 VSwitches (created alternating between two
/// zones) of 50 instances, every 7th with a NatPublicIP, plus one of each other resource.
pub fn five_hundred_instance_network() -> Topology {
    let mut t = Topology::new(RuleSet::Current);
    run(
        &mut t,
        json!({"Action": "CreateVpc", "RegionId": "cn-hangzhou", "CidrBlock": "10.0.0.0/16", "VpcName": "big"}),
    );
    for k in 0..10 {
        let zone = if k % 2 == 0 {
            "cn-hangzhou-b"
        } else {
            "cn-hangzhou-e"
        };
        run(
            &mut t,
            json!({"Action": "CreateVSwitch", "VpcId": "vpc-0001", "ZoneId": zone,
            "CidrBlock": format!("10.0.{k}.0/24"), "VSwitchName": format!("vsw-{k}")}),
        );
    }
    for n in 0..500 {
        let bandwidth = if n % 7 == 0 { "1" } else { "0" };
        run(
            &mut t,
            json!({"Action": "RunInstances", "VSwitchId": format!("vsw-{:04}", n / 50 + 1),
            "InstanceName": format!("vm{n}"), "InternetMaxBandwidthOut": bandwidth}),
        );
    }
    for _ in 0..3 {
        run(
            &mut t,
            json!({"Action": "AllocateEipAddress", "RegionId": "cn-hangzhou"}),
        );
    }
    run(
        &mut t,
        json!({"Action": "AssociateEipAddress", "AllocationId": "eip-0001", "InstanceId": "i-0002"}),
    );
    run(
        &mut t,
        json!({"Action": "CreateNatGateway", "VpcId": "vpc-0001", "VSwitchId": "vsw-0001", "Name": "nat"}),
    );
    run(
        &mut t,
        json!({"Action": "AssociateEipAddress", "AllocationId": "eip-0002", "InstanceId": "ngw-0001"}),
    );
    let snat_ip = t.eip("eip-0002").map(|eip| eip.ip_address.to_string());
    run(
        &mut t,
        json!({"Action": "CreateSnatEntry", "SnatTableId": "ngw-0001", "SnatIp": snat_ip, "SourceVSwitchId": "vsw-0002"}),
    );
    run(
        &mut t,
        json!({"Action": "CreateVpnGateway", "VpcId": "vpc-0001", "Name": "vpn"}),
    );
    run(
        &mut t,
        json!({"Action": "CreateDataCenter", "CidrBlock": "172.16.0.0/16", "DataCenterName": "office"}),
    );
    run(
        &mut t,
        json!({"Action": "CreateCustomerGateway", "RegionId": "cn-hangzhou", "IpAddress": "203.0.113.10", "DataCenterId": "idc-0001"}),
    );
    run(
        &mut t,
        json!({"Action": "CreateVpnConnection", "VpnGatewayId": "vpn-0001", "CustomerGatewayId": "cgw-0001",
        "LocalSubnet": "10.0.0.0/16", "RemoteSubnet": "172.16.0.0/16"}),
    );
    run(
        &mut t,
        json!({"Action": "CreateVirtualBorderRouter", "RegionId": "cn-hangzhou", "VlanId": "100",
        "VpcId": "vpc-0001", "DataCenterId": "idc-0001"}),
    );
    run(
        &mut t,
        json!({"Action": "CreateLoadBalancer", "VSwitchId": "vsw-0002", "LoadBalancerName": "web", "AddressType": "internet"}),
    );
    run(
        &mut t,
        json!({"Action": "AddBackendServers", "LoadBalancerId": "lb-0001",
        "BackendServers": [{"ServerId": "i-0051"}, {"ServerId": "i-0099", "Weight": "50"}]}),
    );
    run(
        &mut t,
        json!({"Action": "CreateDBInstance", "VSwitchId": "vsw-0003", "Engine": "MySQL"}),
    );
    t
}

/// A topology from one of the scenario files.
pub fn scenario_network(file: &str) -> Topology {
    let path = format!("{}/tests/scenarios/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    match vpclab::model::scenario::parse(&text) {
        Ok(parsed) => vpclab::model::scenario::run(&parsed).topology,
        Err(error) => panic!("{path}: {error}"),
    }
}
