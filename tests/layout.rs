//! Layout tests: snapshots of known networks, the geometric invariants on random scenes, and
//! stability (adding an item moves nothing that comes before it).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proptest::prelude::*;
use serde::Serialize;
use serde_json::json;
use vpclab::layout::metrics::{self, fitted_scale};
use vpclab::layout::scene::{Item, Region, SceneLink, Vpc, Vswitch, Zone};
use vpclab::layout::{
    diagram, Badge, BadgeKind, Detail, Diagram, LayoutOptions, LinkKind, Rect, Scene, ShapeKind,
    TextRole,
};
use vpclab::model::{example, Command, RuleSet, Topology};

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

fn items(prefix: &str, count: usize, label: &str) -> Vec<Item> {
    (1..=count)
        .map(|i| Item::new(format!("{prefix}-{i}"), format!("{label}{i}")))
        .collect()
}

fn link(links: &mut Vec<SceneLink>, from: &str, to: &str, kind: LinkKind) {
    links.push(SceneLink {
        from: from.to_owned(),
        to: to.to_owned(),
        kind,
    });
}

/// Builds the scene a plan describes, with every kind of link the adapter makes: the VRouter
/// to OSS and to border routers, NAT gateways to VSwitches, CLBs and RDS to their VSwitch, CLBs
/// to back ends in other zones, VPN gateways and border routers to data centres, and public
/// addresses on instances, NAT and VPN gateways and CLBs (the Internet links to them).
fn build(plan: &Plan) -> Scene {
    let mut links = Vec::new();
    let datacenters = items("dc", plan.datacenters, "DC");
    let mut regions = Vec::new();
    for (r, region) in plan.regions.iter().enumerate() {
        let rid = format!("region-{r}");
        let oss = format!("{rid}/oss");
        let mut vpcs = Vec::new();
        for (v, vpc) in region.vpcs.iter().enumerate() {
            let vid = format!("{rid}/vpc-{v}");
            let vrouter = format!("{vid}/vrt");
            let mut zones = Vec::new();
            let mut first_instances = Vec::new();
            for (z, zone) in vpc.zones.iter().enumerate() {
                let zid = format!("{vid}/zone-{z}");
                let vswitches: Vec<Vswitch> = zone
                    .vswitches
                    .iter()
                    .enumerate()
                    .map(|(s, count)| {
                        let sid = format!("{zid}/vsw-{s}");
                        let mut instances = items(&format!("{sid}/i"), *count, "vm");
                        for (i, instance) in instances.iter_mut().enumerate() {
                            instance
                                .detail
                                .push(Detail::address(format!("10.{r}.{s}.{i}")));
                            if i % 3 == 1 {
                                instance.badge = Some(Badge::new(BadgeKind::Eip, "47.0.0.1"));
                            }
                        }
                        Vswitch {
                            item: Item::new(&sid, "vsw")
                                .with_address("10.0.0.0/24")
                                .with_detail(Detail::Usage {
                                    used: *count,
                                    free: 250,
                                }),
                            instances,
                        }
                    })
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
                    item: Item::new(&zid, "zone"),
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
            let mut item = Item::new(&vid, "vpc");
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
                vrouter: Item::new(&vrouter, "VRouter").with_detail(Detail::Routes(3)),
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
            item: Item::new(&rid, "region").with_detail(Detail::text(&rid)),
            oss: region
                .oss
                .then(|| Item::new(&oss, "OSS").with_detail(Detail::InternalEndpoint)),
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
    let vm = |id: &str, name: &str, ip: &str| Item::new(id, name).with_address(ip);
    Scene {
        regions: vec![Region {
            item: Item::new("ap-south-1", "India (Mumbai)").with_detail(Detail::text("ap-south-1")),
            oss: Some(Item::new("ap-south-1/oss", "OSS")),
            vpcs: vec![Vpc {
                item: Item::new("vpc-1", "VPC").with_address("192.168.0.0/16"),
                vrouter: Item::new("vrt-1", "VRouter"),
                zones: vec![
                    Zone {
                        item: Item::new("vpc-1/ap-south-1a", "ap-south-1a"),
                        vswitches: vec![Vswitch {
                            item: Item::new("vsw-1", "VSwitch 1")
                                .with_address("192.168.1.0/24")
                                .with_detail(Detail::Usage { used: 2, free: 250 }),
                            instances: vec![
                                vm("i-1", "VM1", "192.168.1.1"),
                                vm("i-2", "VM2", "192.168.1.2"),
                            ],
                        }],
                        ..Zone::default()
                    },
                    Zone {
                        item: Item::new("vpc-1/ap-south-1b", "ap-south-1b"),
                        vswitches: vec![Vswitch {
                            item: Item::new("vsw-2", "VSwitch 2")
                                .with_address("192.168.2.0/24")
                                .with_detail(Detail::Usage { used: 1, free: 251 }),
                            instances: vec![vm("i-3", "VM3", "192.168.2.1")],
                        }],
                        ..Zone::default()
                    },
                ],
                ..Vpc::default()
            }],
            ..Region::default()
        }],
        ..Scene::default()
    }
}

// --- Invariants --------------------------------------------------------------------------------

/// Every broken geometric rule in `diagram`, as readable lines (empty: all good).
fn violations(diagram: &Diagram) -> Vec<String> {
    let mut found = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, shape) in diagram.shapes.iter().enumerate() {
        if index.insert(shape.id.as_str(), i).is_some() {
            found.push(format!("duplicate id {}", shape.id));
        }
    }
    let canvas = Rect::new(0.0, 0.0, diagram.width, diagram.height);
    let mut siblings: HashMap<Option<&str>, Vec<usize>> = HashMap::new();
    for (i, shape) in diagram.shapes.iter().enumerate() {
        let r = shape.rect;
        if !(r.width > 0.0 && r.height > 0.0) {
            found.push(format!("{} has an empty rect {r:?}", shape.id));
        }
        match shape.parent.as_deref() {
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
        siblings.entry(shape.parent.as_deref()).or_default().push(i);
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
        let shapes = (index.get(link.from.as_str()), index.get(link.to.as_str()));
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
fn crossings(diagram: &Diagram) -> Vec<String> {
    let ancestors = |id: &str| -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut at = diagram.shape(id);
        while let Some(shape) = at {
            found.insert(shape.id.clone());
            at = shape.parent.as_deref().and_then(|p| diagram.shape(p));
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
    fn no_siblings_overlap_every_child_lies_inside_its_parent_and_links_cross_nothing_else(
        plan in plan_strategy(),
        threshold in 0..30usize,
        expand_every_other in any::<bool>(),
        viewport in prop::option::of((200..2000u32, 200..1400u32)),
    ) {
        let scene = build(&plan);
        let mut options = LayoutOptions {
            collapse_threshold: threshold,
            viewport,
            ..LayoutOptions::default()
        };
        if expand_every_other {
            let ids = scene.regions.iter().flat_map(|r| &r.vpcs).flat_map(|v| &v.zones)
                .flat_map(|z| &z.vswitches).map(|s| s.item.id.clone());
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
    let vm2 = diagram.shapes.iter().position(|s| s.id == "i-2");
    let vm1 = diagram.shape("i-1").map(|s| s.rect);
    if let (Some(vm2), Some(vm1)) = (vm2, vm1) {
        diagram.shapes[vm2].rect = Rect::new(vm1.x + 5.0, vm1.y, vm1.width, vm1.height);
        diagram.shapes[vm2].rect.y -= 200.0;
    }
    let found = violations(&diagram).join("\n");
    assert!(
        found.contains("i-2") && found.contains("pokes out"),
        "{found}"
    );
}

#[test]
fn the_invariant_checker_catches_a_link_through_a_box_or_a_label() {
    let mut scene = article_scene();
    scene.regions[0].vpcs[0].zones[0].vswitches[0].instances[0].badge =
        Some(Badge::new(BadgeKind::NatPublicIp, "47.0.0.1"));
    let mut diagram = scene.layout(&LayoutOptions::default());
    assert!(
        violations(&diagram).is_empty(),
        "{:?}",
        violations(&diagram)
    );
    let (Some(vm2), Some(vpc)) = (diagram.shape("i-2"), diagram.shape("vpc-1")) else {
        panic!("the article is drawn");
    };
    let (through_vm2, through_title) = (vm2.rect.center(), vpc.text[0].at);
    let Some(link) = diagram.links.iter_mut().find(|l| l.to == "i-1") else {
        panic!("the Internet links to VM1");
    };
    let end = link.points[link.points.len() - 1];
    link.points = vec![
        link.points[0],
        vpclab::layout::Point::new(link.points[0].x, through_title.y - 4.0),
        vpclab::layout::Point::new(through_vm2.x, through_title.y - 4.0),
        vpclab::layout::Point::new(through_vm2.x, end.y - 1.0),
        vpclab::layout::Point::new(end.x, end.y - 1.0),
        end,
    ];
    let found = violations(&diagram).join("\n");
    assert!(found.contains("through the box of vrt-1"), "{found}");
    assert!(found.contains("through the label of vpc-1"), "{found}");
}

// --- Stability ---------------------------------------------------------------------------------

/// Asserts every shape of `before` is at the same place in `after`, except those `moves` allows
/// (which may shift but not resize). Containers keep their corner but may grow to hold more.
fn assert_nothing_before_moved(before: &Diagram, after: &Diagram, moves: impl Fn(&str) -> bool) {
    for old in &before.shapes {
        let Some(new) = after.shape(&old.id) else {
            panic!("{} disappeared", old.id);
        };
        if moves(&old.id) {
            assert_eq!(new.rect.width, old.rect.width, "{} changed width", old.id);
            continue;
        }
        assert_eq!(
            (new.rect.x, new.rect.y),
            (old.rect.x, old.rect.y),
            "{} moved",
            old.id
        );
        if old.kind.is_container() {
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
        after.count(ShapeKind::Instance),
        before.count(ShapeKind::Instance) + 1
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
    let last = format!("{vsw}/i-24");
    let mut kept = before.clone();
    kept.shapes.retain(|s| s.id != last);
    assert_nothing_before_moved(&kept, &after, |_| false);
    let more = after
        .shape(&format!("{vsw}/more"))
        .map(|s| (s.rect, s.label.clone()));
    let cell = before.shape(&last).map(|s| s.rect);
    assert_eq!(more, cell.map(|rect| (rect, "+2".to_string())));
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
    let kinds: BTreeSet<ShapeKind> = diagram.shapes.iter().map(|s| s.kind).collect();
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
                    ShapeKind::Region
                        | ShapeKind::Vpc
                        | ShapeKind::Zone
                        | ShapeKind::Internet
                        | ShapeKind::Datacenter
                )
            })
            .map(|s| (s.id.clone(), s.kind.as_str(), s.rect))
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
        .filter(|s| s.kind == ShapeKind::Region)
        .flat_map(|region| drawn.children(Some(&region.id)))
        .filter(|s| s.kind == ShapeKind::Vpc)
        .flat_map(|vpc| drawn.children(Some(&vpc.id)))
        .filter(|s| s.kind == ShapeKind::Zone)
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
    let more = |d: &Diagram| d.shape("vsw-0010/more").map(|s| s.label.clone());
    assert_eq!(more(&before).as_deref(), Some("+27"));
    assert_eq!(more(&after).as_deref(), Some("+28"));
}

#[test]
fn public_addresses_become_badges_of_their_kind() {
    let drawn = diagram(&five_hundred_instance_network(), &LayoutOptions::default());
    let badge = |id: &str| {
        drawn
            .shape(id)
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
    let pool: Vec<&str> = drawn
        .shapes
        .iter()
        .filter(|s| s.kind == ShapeKind::Eip)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(pool, ["eip-0003"]);
}

// --- Readable at every size ----------------------------------------------------------------------

/// A topology from one of the scenario files.
fn scenario_network(file: &str) -> Topology {
    let path = format!("{}/tests/scenarios/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    match vpclab::model::scenario::parse(&text) {
        Ok(parsed) => vpclab::model::scenario::run(&parsed).topology,
        Err(error) => panic!("{path}: {error}"),
    }
}

/// The diagram of `topology` arranged for a `width` × `height` canvas, and the zoom "fit"
/// gives it there.
fn fitted(topology: &Topology, width: u32, height: u32) -> (Diagram, f64) {
    let options = LayoutOptions {
        viewport: Some((width, height)),
        ..LayoutOptions::default()
    };
    let drawn = diagram(topology, &options);
    let found = violations(&drawn);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let scale = fitted_scale(
        drawn.width,
        drawn.height,
        f64::from(width),
        f64::from(height),
    );
    (drawn, scale)
}

/// The smallest on-screen size, in CSS pixels, of the names and addresses of every instance
/// at the fitted zoom; panics if any of them is not drawn.
fn smallest_instance_text(drawn: &Diagram, scale: f64) -> f64 {
    let mut smallest = f64::INFINITY;
    for shape in drawn
        .shapes
        .iter()
        .filter(|s| s.kind == ShapeKind::Instance)
    {
        let lines = shape.text_at(scale);
        for role in [TextRole::Title, TextRole::Address] {
            let Some(line) = lines.iter().find(|line| line.role == role) else {
                panic!("{} has no {role:?} drawn at {scale}", shape.id);
            };
            smallest = smallest.min(line.size * scale);
        }
    }
    smallest
}

#[test]
fn the_article_fitted_to_a_projector_or_a_small_screen_shows_names_and_ips_at_12px() {
    let article = example::article_network();
    // The canvas at 1024×768 (between the toolbar and the side panel, under the header and
    // the first-visit hint), at 800×500 (the panels are drawers there) and on a phone.
    for (width, height) in [(520, 660), (800, 400), (384, 720)] {
        let (drawn, scale) = fitted(&article, width, height);
        let px = smallest_instance_text(&drawn, scale);
        assert!(
            px >= 12.0,
            "{width}×{height}: {px:.1} px at scale {scale:.3}"
        );
        // Fit fills the canvas: one side of the diagram spans it, less the fit margin.
        let used =
            (drawn.width * scale / f64::from(width)).max(drawn.height * scale / f64::from(height));
        assert!(
            used > 0.95,
            "{width}×{height}: the diagram fills {used:.2} of the canvas"
        );
    }
}

#[test]
fn a_tall_canvas_stacks_zones_and_a_wide_one_lines_them_up() {
    let article = example::article_network();
    let zone_ys = |drawn: &Diagram| -> Vec<f64> {
        drawn
            .shapes
            .iter()
            .filter(|s| s.kind == ShapeKind::Zone)
            .map(|s| s.rect.y)
            .collect()
    };
    let (phone, _) = fitted(&article, 384, 720);
    let ys = zone_ys(&phone);
    assert!(ys[1] > ys[0], "stacked on a phone: {ys:?}");
    assert!(phone.height > phone.width);
    let (wide, _) = fitted(&article, 800, 400);
    let ys = zone_ys(&wide);
    assert_eq!(ys[0], ys[1], "side by side on a short, wide screen");
}

#[test]
fn two_and_three_regions_stay_readable_on_a_laptop_canvas() {
    // The canvas at 1400×900, between the toolbar and the side panel.
    for (file, regions, least_px) in [
        ("two-regions.json", 2, 12.0),
        ("three-regions.json", 3, 11.5),
    ] {
        let network = scenario_network(file);
        let (drawn, scale) = fitted(&network, 900, 800);
        assert_eq!(drawn.count(ShapeKind::Region), regions);
        let px = smallest_instance_text(&drawn, scale);
        assert!(px >= least_px, "{file}: {px:.1} px at scale {scale:.3}");
        for region in drawn.shapes.iter().filter(|s| s.kind.is_container()) {
            assert!(
                region
                    .text_at(scale)
                    .iter()
                    .any(|line| line.role == TextRole::Title),
                "{file}: {} has its name drawn",
                region.id
            );
        }
    }
}

#[test]
fn zooming_out_drops_counts_before_names_and_keeps_a_name_while_its_box_has_room() {
    let network = five_hundred_instance_network();
    let drawn = diagram(&network, &LayoutOptions::default());
    for step in 1..=40 {
        let scale = f64::from(step) * 0.05;
        for shape in &drawn.shapes {
            let lines = shape.text_at(scale);
            let has = |role: TextRole| lines.iter().any(|line| line.role == role);
            if has(TextRole::Secondary) || has(TextRole::Address) || has(TextRole::Badge) {
                assert!(
                    has(TextRole::Title),
                    "{} lost its name before its details at {scale}",
                    shape.id
                );
            }
            if has(TextRole::Secondary) {
                let address = shape.text.iter().any(|l| l.role == TextRole::Address);
                assert!(
                    !address || has(TextRole::Address),
                    "{} kept a count but not its address at {scale}",
                    shape.id
                );
            }
            if shape.kind == ShapeKind::Instance {
                // Room for a name: the box, on screen, can hold a few letters at 6 px.
                let room = shape.rect.height * scale * metrics::GROWN_TITLE_HEIGHT
                    >= metrics::TITLE_MIN_PX;
                assert_eq!(has(TextRole::Title), room, "{} at {scale}", shape.id);
            }
        }
    }
}
