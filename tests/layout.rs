//! Layout tests: snapshots of known networks, the geometric invariants on random scenes
//! (boxes nest without overlapping, links cross nothing they do not connect), and stability
//! (adding an item moves nothing that comes before it).
#![cfg(not(target_arch = "wasm32"))]

mod layout_support;

use std::collections::{BTreeMap, BTreeSet};

use layout_support::*;
use proptest::prelude::*;
use serde::Serialize;
use serde_json::json;
use vpclab::layout::{
    diagram, is_container, Badge, BadgeKind, Diagram, LayoutOptions, LinkKind, Rect,
};
use vpclab::model::{example, ElementId, ElementKind};

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
    let (Some(vm2), Some(vpc)) = (
        diagram.shape(&ElementId::resource("i-0002")),
        diagram.shape(&ElementId::resource("vpc-0001")),
    ) else {
        panic!("the article is drawn");
    };
    let (through_vm2, through_title) = (vm2.rect.center(), vpc.text[0].at);
    let Some(link) = diagram
        .links
        .iter_mut()
        .find(|l| l.to == ElementId::resource("i-0001"))
    else {
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
    assert!(found.contains("through the box of vrt-0001"), "{found}");
    assert!(found.contains("through the label of vpc-0001"), "{found}");
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
    assert_eq!(more(&before).as_deref(), Some("+27"));
    assert_eq!(more(&after).as_deref(), Some("+28"));
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

/// Every network the tests know: the examples, large ones, and the end state of every
/// scenario file (EIPs, NAT gateways, CLB back ends and VPN connections among them).
fn known_networks() -> Vec<(String, vpclab::model::Topology)> {
    let mut networks = vec![
        ("article".to_owned(), example::article_network()),
        ("first run".to_owned(), example::first_run_network()),
    ];
    for count in [0, 7, 60, 500] {
        networks.push((format!("large {count}"), example::large_network(count)));
    }
    let mut files: Vec<_> = std::fs::read_dir("tests/scenarios")
        .expect("the scenarios folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a scenario file");
        if let Ok(parsed) = vpclab::model::scenario::parse(&text) {
            let topology = vpclab::model::scenario::run(&parsed).topology;
            networks.push((path.display().to_string(), topology));
        }
    }
    networks
}

#[test]
fn the_lean_scene_of_diagram_draws_what_the_whole_scene_draws() {
    // `diagram` gives the instances a collapsed VSwitch hides an item with their id only;
    // every other way to lay a topology out builds the whole scene. They must agree.
    let networks = known_networks();
    assert!(networks.len() > 40, "{} networks", networks.len());
    let mut collapsed = 0;
    for (name, topology) in &networks {
        let vswitches: Vec<String> = topology.vswitches().keys().cloned().collect();
        let options = [
            LayoutOptions::default(),
            LayoutOptions {
                collapse_threshold: 1,
                ..LayoutOptions::default()
            },
            LayoutOptions {
                collapse_threshold: 2,
                viewport: Some((1024, 700)),
                ..LayoutOptions::default()
            },
            LayoutOptions {
                collapse_threshold: 3,
                expanded: vswitches.iter().step_by(2).cloned().collect(),
                place_names: BTreeMap::from([(
                    "cn-hangzhou".to_owned(),
                    "Hangzhou (China)".to_owned(),
                )]),
                ..LayoutOptions::default()
            },
        ];
        for options in &options {
            let mut whole = vpclab::layout::Scene::from_topology(topology);
            whole.name_places(&options.place_names);
            let expected = whole.layout(options);
            let drawn = diagram(topology, options);
            collapsed += drawn.count(ElementKind::More);
            assert!(
                drawn == expected,
                "{name}, threshold {}",
                options.collapse_threshold
            );
        }
    }
    assert!(
        collapsed > 50,
        "{collapsed} collapsed VSwitches: the test folds instances"
    );
}
