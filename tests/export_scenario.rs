//! Exporting a network as a scenario and running it rebuilds the same network (up to ids):
//! for the article's network, a hybrid one, the final network of every scenario file, and
//! generated networks with deletions, gaps and every kind of resource.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use proptest::prelude::*;
use vpclab::export::compare::same_up_to_ids;
use vpclab::export::scenario::to_scenario;
use vpclab::model::{example, scenario, Command, RuleSet, Topology};

const HYBRID: &str = include_str!("scenarios/hybrid-network.json");

fn hybrid() -> Topology {
    let report = scenario::run_text(HYBRID).expect("a valid scenario");
    assert!(report.passed(), "{:?}", report.first_failure());
    report.topology
}

/// Exports, runs the export, and checks the rebuilt network; answers the scenario text.
fn round_trip(topology: &Topology) -> String {
    let text = to_scenario(topology).unwrap_or_else(|error| panic!("export failed: {error}"));
    let report = scenario::run_text(&text).unwrap_or_else(|error| panic!("{error}\n{text}"));
    if let Some(step) = report.first_failure() {
        panic!("{step}\n{text}");
    }
    if let Err(difference) = same_up_to_ids(topology, &report.topology) {
        panic!("rebuilt another network: {difference}\n{text}");
    }
    text
}

#[test]
fn the_article_network_rebuilds_from_its_scenario() {
    round_trip(&example::article_network());
}

#[test]
fn the_hybrid_network_rebuilds_from_its_scenario_with_placeholders_for_its_gaps() {
    let network = hybrid();
    let text = round_trip(&network);
    // The deleted scratch instance left 172.16.1.2 free below the NAT gateway's address,
    // and the released spare EIP left 47.96.0.3 free between two public addresses.
    assert!(text.contains(r#""Action": "CreateLoadBalancer", "VSwitchId": "vsw_0001", "Address": "172.16.1.2", "Ref": "placeholder_2""#), "{text}");
    assert!(text.contains(r#""Action": "AllocateEipAddress", "RegionId": "cn-hangzhou", "Ref": "placeholder_1""#), "{text}");
    assert!(text.contains(r#"{ "Action": "ReleaseEipAddress", "AllocationId": "placeholder_1" }"#), "{text}");
}

#[test]
fn the_final_network_of_every_scenario_file_rebuilds_from_its_export() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let report = scenario::run_text(&text).expect("a scenario");
        round_trip(&report.topology);
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} scenario files");
}
