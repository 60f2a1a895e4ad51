//! Layout tests: snapshots of known networks, the geometric invariants on random scenes, and
//! stability (adding an item moves nothing that comes before it).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proptest::prelude::*;
use serde::Serialize;
use serde_json::json;
use vpclab::layout::scene::{Item, Region, SceneLink, Vpc, Vswitch, Zone};
use vpclab::layout::{
    diagram, is_container, Badge, BadgeKind, Diagram, LayoutOptions, LinkKind, Rect, Scene,
};
use vpclab::model::{example, Command, ElementId, ElementKind, RuleSet, Topology};

// --- Scene builders ----------------------------------------------------------------------------

/// The shape of a generated scene: per region, per VPC, per zone, the instance count of each
/// VSwitch; plus counts of the things around them.
#[derive(Debug, Clone)]
struct Plan {
    regions: Vec<RegionPlan>,
    datacenters: usize,
}

#[derive(Debug, Clone)]
struct RegionPlan {
    oss: bool,
    eips: usize,
    vbrs: usize,
    vpcs: Vec<VpcPlan>,
}

#[derive(Debug, Clone)]
struct VpcPlan {
    nat_gateways: usize,
    vpn_gateways: usize,
    detail_lines: usize,
    zones: Vec<ZonePlan>,
}

#[derive(Debug, Clone)]
struct ZonePlan {
    clbs: usize,
    rds: usize,
    vswitches: Vec<usize>,
}

/// An element of a generated scene. Generated scenes name their resources by their place
/// (`region-0/vpc-1/zone-0/vsw-2/i-3`), so the stability tests can tell what lies where; the
/// engine takes ids as they come.
fn generated(id: impl Into<String>) -> ElementId {
    ElementId::Resource(id.into())
}

fn items(prefix: &str, count: usize, label: &str) -> Vec<Item> {
    (1..=count)
        .map(|i| Item::new(generated(format!("{prefix}-{i}")), format!("{label}{i}")))
        .collect()
}

fn build(plan: &Plan) -> Scene {
    let mut links = Vec::new();
    let datacenters = items("dc", plan.datacenters, "DC");
    let mut regions = Vec::new();
    for (r, region) in plan.regions.iter().enumerate() {
        let rid = format!("region-{r}");
        let mut vpcs = Vec::new();
        for (v, vpc) in region.vpcs.iter().enumerate() {
            let vid = format!("{rid}/vpc-{v}");
            let mut zones = Vec::new();
            for (z, zone) in vpc.zones.iter().enumerate() {
                let zid = format!("{vid}/zone-{z}");
                let vswitches = zone
                    .vswitches
                    .iter()
                    .enumerate()
                    .map(|(s, count)| {
                        let sid = format!("{zid}/vsw-{s}");
                        let mut instances = items(&format!("{sid}/i"), *count, "vm");
                        for (i, instance) in instances.iter_mut().enumerate() {
                            instance.detail.push(format!("10.{r}.{s}.{i}"));
                            if i % 3 == 1 {
                                instance.badge = Some(Badge::new(BadgeKind::Eip, "47.0.0.1"));
                            }
                        }
                        Vswitch {
                            item: Item::new(generated(&sid), "vsw")
                                .with_detail("10.0.0.0/24")
                                .with_detail(format!("{count} used")),
                            instances,
                        }
                    })
                    .collect();
                zones.push(Zone {
                    item: Item::new(ElementId::zone(&vid, format!("zone-{z}")), "zone"),
                    vswitches,
                    clbs: items(&format!("{zid}/clb"), zone.clbs, "clb"),
                    rds: items(&format!("{zid}/rds"), zone.rds, "rds"),
                });
            }
            let mut item = Item::new(generated(&vid), "vpc");
            for line in 0..vpc.detail_lines {
                item.detail.push(format!("10.{line}.0.0/16"));
            }
            let vpn_gateways = items(&format!("{vid}/vpn"), vpc.vpn_gateways, "vpn");
            for (i, gateway) in vpn_gateways.iter().enumerate() {
                if let Some(dc) = datacenters.get(i) {
                    links.push(SceneLink {
                        from: gateway.id.clone(),
                        to: dc.id.clone(),
                        kind: LinkKind::Vpn,
                    });
                }
            }
            vpcs.push(Vpc {
                item,
                vrouter: Item::new(generated(format!("{vid}/vrt")), "VRouter"),
                nat_gateways: items(&format!("{vid}/nat"), vpc.nat_gateways, "nat"),
                vpn_gateways,
                zones,
            });
        }
        regions.push(Region {
            item: Item::new(ElementId::Region(rid.clone()), "region").with_detail(&rid),
            oss: region
                .oss
                .then(|| Item::new(ElementId::Oss(rid.clone()), "OSS")),
            eips: items(&format!("{rid}/eip"), region.eips, "eip"),
            vpcs,
            vbrs: items(&format!("{rid}/vbr"), region.vbrs, "vbr"),
        });
    }
    Scene {
        regions,
        datacenters,
        links,
    }
}

/// One region, one VPC, `zones` zones of `vswitches` VSwitches of `instances` instances.
fn uniform(zones: usize, vswitches: usize, instances: usize) -> Plan {
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
fn article_scene() -> Scene {
    let vm = |id: &str, name: &str, ip: &str| Item::resource(id, name).with_detail(ip);
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
                        .with_detail("192.168.1.0/24")
                        .with_detail("2 used / 250 free"),
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
                        .with_detail("192.168.2.0/24")
                        .with_detail("1 used / 251 free"),
                    instances: vec![vm("i-0003", "VM3", "192.168.2.1")],
                },
            ),
        ],
        ..Vpc::new(
            Item::resource("vpc-0001", "VPC").with_detail("192.168.0.0/16"),
            Item::resource("vrt-0001", "VRouter"),
        )
    };
    let region = Region {
        oss: Some(Item::new(ElementId::Oss("ap-south-1".into()), "OSS")),
        vpcs: vec![vpc],
        ..Region::new(
            Item::new(ElementId::Region("ap-south-1".into()), "India (Mumbai)")
                .with_detail("ap-south-1"),
        )
    };
    Scene {
        regions: vec![region],
        ..Scene::default()
    }
}

// --- Invariants --------------------------------------------------------------------------------

/// Every broken geometric rule in `diagram`, as readable lines (empty: all good).
fn violations(diagram: &Diagram) -> Vec<String> {
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

fn plan_strategy() -> impl Strategy<Value = Plan> {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_siblings_overlap_and_every_child_lies_inside_its_parent(
        plan in plan_strategy(),
        threshold in 0..30usize,
        expand_every_other in any::<bool>(),
    ) {
        let scene = build(&plan);
        let mut options = LayoutOptions { collapse_threshold: threshold, ..LayoutOptions::default() };
        if expand_every_other {
            let ids = scene.regions.iter().flat_map(|r| &r.vpcs).flat_map(|v| &v.zones)
                .flat_map(|z| &z.vswitches).map(|s| s.item.id.to_string());
            options.expanded = ids.step_by(2).collect();
        }
        let diagram = scene.layout(&options);
        let found = violations(&diagram);
        prop_assert!(found.is_empty(), "{}", found.join("\n"));
        prop_assert_eq!(&diagram, &scene.layout(&options), "layout is deterministic");
    }
}

#[test]
fn the_invariant_checker_catches_overlaps_and_escapes() {
    let mut diagram = article_scene().layout(&LayoutOptions::default());
    assert!(violations(&diagram).is_empty());
    let vm2 = diagram
        .shapes
        .iter()
        .position(|s| s.id == ElementId::resource("i-0002"));
    let vm1 = diagram
        .shape(&ElementId::resource("i-0001"))
        .map(|s| s.rect);
    if let (Some(vm2), Some(vm1)) = (vm2, vm1) {
        diagram.shapes[vm2].rect = Rect::new(vm1.x + 5.0, vm1.y, vm1.width, vm1.height);
        diagram.shapes[vm2].rect.y -= 200.0;
    }
    let found = violations(&diagram).join("\n");
    assert!(
        found.contains("i-0002") && found.contains("pokes out"),
        "{found}"
    );
}

// --- Stability ---------------------------------------------------------------------------------

/// Asserts every shape of `before` is at the same place in `after`, except those `moves` allows
/// (which may shift but not resize). Containers keep their corner but may grow to hold more.
fn assert_nothing_before_moved(before: &Diagram, after: &Diagram, moves: impl Fn(&str) -> bool) {
    for old in &before.shapes {
        let Some(new) = after.shape(&old.id) else {
            panic!("{} disappeared", old.id);
        };
        if moves(&old.id.to_string()) {
            assert_eq!(new.rect.width, old.rect.width, "{} changed width", old.id);
            continue;
        }
        assert_eq!(
            (new.rect.x, new.rect.y),
            (old.rect.x, old.rect.y),
            "{} moved",
            old.id
        );
        if is_container(old.kind) {
            assert!(new.rect.width >= old.rect.width, "{} narrowed", old.id);
            assert!(new.rect.height >= old.rect.height, "{} shrank", old.id);
        } else {
            assert_eq!(new.rect.width, old.rect.width, "{} changed width", old.id);
            assert_eq!(new.rect.height, old.rect.height, "{} resized", old.id);
        }
    }
}

#[test]
fn adding_an_instance_moves_nothing_before_it() {
    let plan = uniform(3, 2, 7);
    let before = build(&plan).layout(&LayoutOptions::default());
    let mut bigger = plan.clone();
    // The 8th instance opens a new grid row in the first zone's first VSwitch.
    bigger.regions[0].vpcs[0].zones[0].vswitches[0] = 8;
    let after = build(&bigger).layout(&LayoutOptions::default());
    assert_eq!(
        after.count(ElementKind::Instance),
        before.count(ElementKind::Instance) + 1
    );
    let first_zone = "region-0/vpc-0/zone-0/";
    // Only what lies below the grown VSwitch in its own column may shift down, and the
    // Express Connect strip and data centres under the whole row.
    assert_nothing_before_moved(&before, &after, |id| {
        id.starts_with(&format!("{first_zone}vsw-1"))
            || id.starts_with(&format!("{first_zone}clb"))
            || id.starts_with(&format!("{first_zone}rds"))
            || id.contains("/vbr-")
            || id.starts_with("dc-")
    });
}

#[test]
fn adding_an_instance_to_the_last_vswitch_of_a_zone_moves_only_what_is_under_it() {
    let plan = uniform(2, 2, 7);
    let before = build(&plan).layout(&LayoutOptions::default());
    let mut bigger = plan.clone();
    bigger.regions[0].vpcs[0].zones[1].vswitches[1] = 8;
    let after = build(&bigger).layout(&LayoutOptions::default());
    // The new grid row pushes down the zone's CLB and RDS, and (since the zone row grows) the
    // border-router strip and the data centres, which sit under every VPC.
    assert_nothing_before_moved(&before, &after, |id| {
        id.contains("/zone-1/clb")
            || id.contains("/zone-1/rds")
            || id.contains("/vbr-")
            || id.starts_with("dc-")
    });
}

#[test]
fn the_instance_that_crosses_the_threshold_folds_the_rest_into_more() {
    let plan = uniform(1, 1, 24);
    let before = build(&plan).layout(&LayoutOptions::default());
    let mut bigger = plan.clone();
    bigger.regions[0].vpcs[0].zones[0].vswitches[0] = 25;
    let after = build(&bigger).layout(&LayoutOptions::default());
    let vsw = "region-0/vpc-0/zone-0/vsw-0";
    // The first 23 instances stay put; the 24th gives its cell to "+2 more".
    let last = generated(format!("{vsw}/i-24"));
    let mut kept = before.clone();
    kept.shapes.retain(|s| s.id != last);
    assert_nothing_before_moved(&kept, &after, |_| false);
    let more = after
        .shape(&ElementId::More(vsw.to_owned()))
        .map(|s| (s.rect, s.label.clone()));
    let cell = before.shape(&last).map(|s| s.rect);
    assert_eq!(more, cell.map(|rect| (rect, "+2 more".to_string())));
}

#[test]
fn adding_a_vswitch_zone_or_vpc_moves_nothing_before_it() {
    let plan = uniform(2, 1, 5);
    let before = build(&plan).layout(&LayoutOptions::default());

    let mut more_vswitches = plan.clone();
    more_vswitches.regions[0].vpcs[0].zones[1].vswitches.push(3);
    let mut more_zones = plan.clone();
    more_zones.regions[0].vpcs[0].zones.push(ZonePlan {
        clbs: 0,
        rds: 0,
        vswitches: vec![1],
    });
    let mut more_vpcs = plan.clone();
    let new_vpc = more_vpcs.regions[0].vpcs[0].clone();
    more_vpcs.regions[0].vpcs.push(new_vpc);

    for (what, bigger) in [
        ("a VSwitch", more_vswitches),
        ("a zone", more_zones),
        ("a VPC", more_vpcs),
    ] {
        let after = build(&bigger).layout(&LayoutOptions::default());
        assert!(after.shapes.len() > before.shapes.len(), "{what}");
        assert_nothing_before_moved(&before, &after, |id| {
            id.contains("/zone-1/clb")
                || id.contains("/zone-1/rds")
                || id.contains("/vbr-")
                || id.starts_with("dc-")
        });
    }
}

// --- Snapshots ---------------------------------------------------------------------------------

/// What a big diagram is worth pinning: counts, the total size and the top-level boxes.
#[derive(Serialize)]
struct Summary {
    width: f64,
    height: f64,
    shapes_by_kind: BTreeMap<&'static str, usize>,
    links_by_kind: BTreeMap<LinkKind, usize>,
    boxes: Vec<(String, &'static str, Rect)>,
}

fn summary(diagram: &Diagram) -> Summary {
    let kinds: BTreeSet<ElementKind> = diagram.shapes.iter().map(|s| s.kind).collect();
    let link_kinds: BTreeSet<LinkKind> = diagram.links.iter().map(|l| l.kind).collect();
    Summary {
        width: diagram.width,
        height: diagram.height,
        shapes_by_kind: kinds
            .into_iter()
            .map(|k| (k.as_str(), diagram.count(k)))
            .collect(),
        links_by_kind: link_kinds
            .into_iter()
            .map(|k| (k, diagram.links.iter().filter(|l| l.kind == k).count()))
            .collect(),
        boxes: diagram
            .shapes
            .iter()
            .filter(|s| {
                matches!(
                    s.kind,
                    ElementKind::Region
                        | ElementKind::Vpc
                        | ElementKind::Zone
                        | ElementKind::Internet
                        | ElementKind::DataCenter
                )
            })
            .map(|s| (s.id.to_string(), s.kind.as_str(), s.rect))
            .collect(),
    }
}

#[test]
fn five_hundred_instance_scene_summary_snapshot() {
    // 2 zones × 5 VSwitches × 50 instances: every VSwitch collapses to 23 + "+27 more".
    let scene = build(&uniform(2, 5, 50));
    let diagram = scene.layout(&LayoutOptions::default());
    assert!(violations(&diagram).is_empty());
    insta::assert_json_snapshot!(summary(&diagram));
}

// --- From the model ----------------------------------------------------------------------------

/// Applies a command written as Alibaba's JSON (`{"Action": "CreateVpc", ...}`).
fn run(topology: &mut Topology, command: serde_json::Value) {
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
fn five_hundred_instance_network() -> Topology {
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

#[test]
fn article_network_snapshot() {
    let article = example::article_network();
    let drawn = diagram(&article, &LayoutOptions::default());
    assert!(
        violations(&drawn).is_empty(),
        "{}",
        violations(&drawn).join("\n")
    );
    // The article's picture: two zones, VM1 and VM2 in the first, VM3 in the second.
    let zones: Vec<(&str, Vec<&str>)> = drawn
        .children(None)
        .filter(|s| s.kind == ElementKind::Region)
        .flat_map(|region| drawn.children(Some(&region.id)))
        .filter(|s| s.kind == ElementKind::Vpc)
        .flat_map(|vpc| drawn.children(Some(&vpc.id)))
        .filter(|s| s.kind == ElementKind::Zone)
        .map(|zone| {
            let vms = drawn
                .children(Some(&zone.id))
                .flat_map(|vsw| drawn.children(Some(&vsw.id)))
                .map(|vm| vm.label.as_str())
                .collect();
            (zone.label.as_str(), vms)
        })
        .collect();
    assert_eq!(
        zones,
        [
            ("ap-south-1a", vec!["VM1", "VM2"]),
            ("ap-south-1b", vec!["VM3"])
        ]
    );
    insta::assert_json_snapshot!(drawn);
}

#[test]
fn five_hundred_instance_network_summary_snapshot() {
    let drawn = diagram(&five_hundred_instance_network(), &LayoutOptions::default());
    assert!(
        violations(&drawn).is_empty(),
        "{}",
        violations(&drawn).join("\n")
    );
    insta::assert_json_snapshot!(summary(&drawn));
}

#[test]
fn running_one_more_instance_moves_nothing_before_it() {
    let mut topology = five_hundred_instance_network();
    let before = diagram(&topology, &LayoutOptions::default());
    // vsw-0010 is the last VSwitch of the second zone; it holds 50, so it is collapsed and
    // the new instance only changes the "+N more" count.
    run(
        &mut topology,
        json!({"Action": "RunInstances", "VSwitchId": "vsw-0010"}),
    );
    let after = diagram(&topology, &LayoutOptions::default());
    assert_nothing_before_moved(&before, &after, |_| false);
    let more = |d: &Diagram| {
        d.shape(&ElementId::More("vsw-0010".into()))
            .map(|s| s.label.clone())
    };
    assert_eq!(more(&before).as_deref(), Some("+27 more"));
    assert_eq!(more(&after).as_deref(), Some("+28 more"));
}

#[test]
fn public_addresses_become_badges_of_their_kind() {
    let drawn = diagram(&five_hundred_instance_network(), &LayoutOptions::default());
    let badge = |id: &str| {
        drawn
            .shape(&ElementId::resource(id))
            .and_then(|s| s.badge.as_ref())
            .map(|b| b.kind)
    };
    assert_eq!(badge("i-0001"), Some(BadgeKind::NatPublicIp));
    assert_eq!(badge("i-0002"), Some(BadgeKind::Eip));
    assert_eq!(badge("i-0003"), None);
    assert_eq!(badge("ngw-0001"), Some(BadgeKind::Eip));
    assert_eq!(badge("vpn-0001"), Some(BadgeKind::Public));
    assert_eq!(badge("lb-0001"), Some(BadgeKind::Public));
    // Only the unbound EIP is a shape of its own, in the region's pool.
    let pool: Vec<String> = drawn
        .shapes
        .iter()
        .filter(|s| s.kind == ElementKind::Eip)
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(pool, ["eip-0003"]);
}
