//! Benchmarks of the diagram layout: a 5,000-instance network, collapsed (the default) and with
//! every VSwitch expanded. Native only: on wasm32 this compiles to an empty program, since
//! criterion is a native dev-dependency.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::Criterion;
    use vpclab::layout::scene::{Item, Region, Vpc, Vswitch, Zone};
    use vpclab::layout::{diagram, Badge, BadgeKind, LayoutOptions, Scene};
    use vpclab::model::{Command, ElementId, RuleSet, Topology};

    /// Applies a command written as Alibaba's JSON; a refused one is a bug in this file.
    fn apply(topology: &mut Topology, command: serde_json::Value) {
        let parsed: Command = serde_json::from_value(command).expect("a well-formed command");
        topology
            .apply_in_place(&parsed)
            .expect("an accepted command");
    }

    /// The same shape as a topology: one VPC in Hangzhou, 4 zones × 5 VSwitches × 250
    /// instances, every other one with a NatPublicIP.
    fn big_topology() -> Topology {
        let mut t = Topology::new(RuleSet::Current);
        let create_vpc = serde_json::json!({"Action": "CreateVpc", "RegionId": "cn-hangzhou", "CidrBlock": "10.0.0.0/16"});
        apply(&mut t, create_vpc);
        let zones = [
            "cn-hangzhou-b",
            "cn-hangzhou-e",
            "cn-hangzhou-f",
            "cn-hangzhou-g",
        ];
        for k in 0..20 {
            let zone = zones[k / 5];
            let create = serde_json::json!({"Action": "CreateVSwitch", "VpcId": "vpc-0001", "ZoneId": zone, "CidrBlock": format!("10.0.{k}.0/24")});
            apply(&mut t, create);
            for i in 0..250 {
                let bandwidth = if i % 2 == 0 { "1" } else { "0" };
                let vsw = format!("vsw-{:04}", k + 1);
                let create = serde_json::json!({"Action": "RunInstances", "VSwitchId": vsw, "InternetMaxBandwidthOut": bandwidth});
                apply(&mut t, create);
            }
        }
        t
    }

    /// One VPC, 4 zones × 5 VSwitches × 250 instances = 5,000 instances.
    fn big_scene() -> Scene {
        let zones = (0..4)
            .map(|z| Zone {
                vswitches: (0..5)
                    .map(|s| Vswitch {
                        item: Item::resource(format!("vsw-{z}{s:03}"), "vsw")
                            .with_address("10.0.0.0/24"),
                        instances: (0..250)
                            .map(|i| {
                                let item =
                                    Item::resource(format!("i-{z}{s}{i:03}"), format!("vm{i}"))
                                        .with_address(format!("10.{z}.{s}.{i}"));
                                if i % 2 == 0 {
                                    item.with_badge(Badge::new(BadgeKind::Eip, "47.0.0.1"))
                                } else {
                                    item
                                }
                            })
                            .collect(),
                    })
                    .collect(),
                ..Zone::new(Item::new(
                    ElementId::zone("vpc-0001", format!("zone-{z}")),
                    format!("zone {z}"),
                ))
            })
            .collect();
        let vpc = Vpc {
            zones,
            ..Vpc::new(
                Item::resource("vpc-0001", "VPC"),
                Item::resource("vrt-0001", "VRouter"),
            )
        };
        let region = Region {
            vpcs: vec![vpc],
            ..Region::new(Item::new(ElementId::Region("cn-hangzhou".into()), "Region"))
        };
        Scene {
            regions: vec![region],
            ..Scene::default()
        }
    }

    pub fn run() {
        let scene = big_scene();
        let collapsed = LayoutOptions::default();
        let expanded = LayoutOptions {
            expanded: (0..4)
                .flat_map(|z| (0..5).map(move |s| format!("vsw-{z}{s:03}")))
                .collect(),
            ..LayoutOptions::default()
        };
        let mut criterion = Criterion::default().configure_from_args();
        criterion.bench_function("layout 5000 instances, collapsed", |b| {
            b.iter(|| black_box(&scene).layout(black_box(&collapsed)));
        });
        criterion.bench_function("layout 5000 instances, all expanded", |b| {
            b.iter(|| black_box(&scene).layout(black_box(&expanded)));
        });
        // What the app does: arrange for the canvas (1280×800 less the panels) first.
        let fitted = LayoutOptions {
            viewport: Some((784, 712)),
            ..LayoutOptions::default()
        };
        criterion.bench_function(
            "layout 5000 instances, collapsed, arranged for a 784x712 canvas",
            |b| {
                b.iter(|| black_box(&scene).layout(black_box(&fitted)));
            },
        );
        let fitted_expanded = LayoutOptions {
            viewport: Some((784, 712)),
            ..expanded.clone()
        };
        criterion.bench_function(
            "layout 5000 instances, all expanded, arranged for a 784x712 canvas",
            |b| {
                b.iter(|| black_box(&scene).layout(black_box(&fitted_expanded)));
            },
        );
        let topology = big_topology();
        criterion.bench_function("diagram() of a 5000-instance topology, collapsed", |b| {
            b.iter(|| diagram(black_box(&topology), black_box(&collapsed)));
        });
        criterion.bench_function(
            "diagram() of a 5000-instance topology, arranged for a 784x712 canvas",
            |b| {
                b.iter(|| diagram(black_box(&topology), black_box(&fitted)));
            },
        );
        criterion.final_summary();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::run();
}
