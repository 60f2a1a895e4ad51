//! Benchmarks of the network model: filling a /16 VSwitch (65,532 instances, one command
//! each) beside a baseline that only inserts the same addresses into a `BTreeSet`, building a 5,000-instance topology, deleting it with its contents, and saving and
//! restoring it. Native only: on
//! wasm32 this compiles to an empty program, since criterion is a native dev-dependency.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Duration;

    use criterion::{BatchSize, Criterion};
    use vpclab::model::{document, editing, example, Command, RuleSet, Topology};

    /// A VPC of 10.0.0.0/16 with one VSwitch spanning all of it.
    fn empty_slash_16() -> Topology {
        let mut topology = Topology::new(RuleSet::Current);
        let steps = [
            Command::CreateVpc {
                region_id: "cn-hangzhou".into(),
                cidr_block: Some("10.0.0.0/16".into()),
                vpc_name: None,
                description: None,
            },
            Command::CreateVSwitch {
                vpc_id: "vpc-0001".into(),
                zone_id: "cn-hangzhou-b".into(),
                cidr_block: "10.0.0.0/16".into(),
                vswitch_name: None,
                description: None,
            },
        ];
        for step in &steps {
            if let Err(error) = topology.apply_in_place(step) {
                panic!("benchmark set-up failed: {error}");
            }
        }
        topology
    }

    fn fill(mut topology: Topology) -> Topology {
        let run = Command::RunInstances {
            vswitch_id: "vsw-0001".into(),
            instance_name: None,
            private_ip_address: None,
            security_group_id: None,
            internet_max_bandwidth_out: None,
            description: None,
        };
        while topology.apply_in_place(&run).is_ok() {}
        topology
    }

    pub fn run() {
        let base = empty_slash_16();
        let filled = fill(base.clone());
        assert_eq!(filled.instances().len(), 65_532);

        let large = example::large_network(5_000);
        let stored = document::to_json(&large);
        println!(
            "stored size of the 5,000-instance topology: {} bytes ({:.1} KiB)",
            stored.len(),
            stored.len() as f64 / 1024.0
        );

        let mut criterion = Criterion::default()
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(5))
            .configure_from_args();
        criterion.bench_function("fill a /16 VSwitch (65,532 RunInstances)", |b| {
            b.iter_batched(|| base.clone(), fill, BatchSize::LargeInput);
        });
        // The baseline in the same run: only inserting the same 65,532 addresses (10.0.0.1 to
        // 10.0.255.252, Alibaba reserving the first and the last three) into a BTreeSet, the
        // least any allocator that keeps its addresses in order must do. The target is
        // the fill within 3x of it.
        criterion.bench_function(
            "baseline: insert the same 65,532 addresses into a BTreeSet",
            |b| {
                b.iter(|| {
                    let mut used = std::collections::BTreeSet::new();
                    for address in black_box(0x0A00_0001_u32)..=0x0A00_FFFC {
                        used.insert(std::net::Ipv4Addr::from(address));
                    }
                    used
                });
            },
        );
        criterion.bench_function("build a 5,000-instance topology", |b| {
            b.iter(|| example::large_network(black_box(5_000)));
        });
        criterion.bench_function("save a 5,000-instance topology", |b| {
            b.iter(|| document::to_json(black_box(&large)));
        });
        criterion.bench_function("restore a 5,000-instance topology", |b| {
            b.iter(|| document::restore(black_box(&stored)));
        });
        // "Delete all" on the VPC, as the app runs it: one copy of the network, then the
        // plan applied to it in place.
        let vpc = large.vpcs().keys().next().cloned().unwrap_or_default();
        let plan = editing::delete_with_contents(&large, &vpc);
        criterion.bench_function(
            "delete a 5,000-instance VPC with contents (one copy)",
            |b| {
                b.iter(|| {
                    let mut working = large.clone();
                    for command in &plan {
                        if working.apply_in_place(command).is_err() {
                            panic!("the delete plan is accepted");
                        }
                    }
                    working
                });
            },
        );
        criterion.bench_function("copy a 5,000-instance topology", |b| {
            b.iter(|| black_box(&large).clone());
        });
        criterion.bench_function("save + restore a 5,000-instance topology", |b| {
            b.iter(|| document::restore(&document::to_json(black_box(&large))));
        });
        criterion.final_summary();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::run();
}
