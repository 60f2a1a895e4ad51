//! Exporting a network as a scenario and running it rebuilds the same network (up to ids):
//! for the article's network, a hybrid one, the final network of every scenario file, and
//! generated networks with deletions, gaps and every kind of resource.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use proptest::prelude::*;
use vpclab::export::compare::same_up_to_ids;
use vpclab::export::scenario::to_scenario;
use vpclab::model::{example, scenario, RuleSet, Topology};

mod generator;

use generator::{generated, op};

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
    assert!(
        text.contains(
            r#""Action": "AllocateEipAddress", "RegionId": "cn-hangzhou", "Ref": "placeholder_1""#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#"{ "Action": "ReleaseEipAddress", "AllocationId": "placeholder_1" }"#),
        "{text}"
    );
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn generated_networks_rebuild_from_their_scenario(
        current in any::<bool>(),
        ops in prop::collection::vec(op(), 1..80),
    ) {
        let rules = if current { RuleSet::Current } else { RuleSet::Y2020 };
        let network = generated(rules, &ops);
        round_trip(&network);
    }

    #[test]
    fn a_renamed_vswitch_makes_generated_networks_differ(
        ops in prop::collection::vec(op(), 1..60),
        which in any::<usize>(),
    ) {
        let network = generated(RuleSet::Y2020, &ops);
        let ids: Vec<String> = network.vswitches().keys().cloned().collect();
        prop_assume!(!ids.is_empty());
        let mut value: serde_json::Value =
            serde_json::from_str(&vpclab::model::document::to_json(&network)).expect("json");
        value["vswitches"][which % ids.len()]["name"] = serde_json::json!("renamed \"elsewhere\"");
        let renamed = vpclab::model::document::restore(&value.to_string()).expect("still valid");
        prop_assert!(same_up_to_ids(&network, &renamed).is_err());
        prop_assert!(same_up_to_ids(&network, &network).is_ok());
    }
}

#[test]
fn the_hybrid_network_scenario_text() {
    insta::assert_snapshot!(round_trip(&hybrid()));
}

/// The property above is only as strong as the networks it sees: the generator must build
/// every kind of resource the scenario export handles, not just VPCs.
#[test]
fn the_generator_reaches_every_kind_of_resource() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = prop::collection::vec(op(), 1..80);
    let mut seen: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for _ in 0..96 {
        let ops = strategy.new_tree(&mut runner).expect("a value").current();
        let network = generated(RuleSet::Y2020, &ops);
        let gateways = network.nat_gateways().values();
        let counts = [
            ("instances", network.instances().len()),
            (
                "bound EIPs",
                network
                    .eips()
                    .values()
                    .filter(|eip| eip.binding.is_some())
                    .count(),
            ),
            (
                "rules",
                network
                    .security_groups()
                    .values()
                    .map(|g| g.rules.len())
                    .sum(),
            ),
            (
                "SNAT entries",
                gateways.clone().map(|g| g.snat_entries.len()).sum(),
            ),
            (
                "DNAT entries",
                gateways.map(|g| g.forward_entries.len()).sum(),
            ),
            ("IPsec connections", network.vpn_connections().len()),
            ("VBRs", network.virtual_border_routers().len()),
            (
                "routes",
                network
                    .vpcs()
                    .values()
                    .map(|vpc| vpc.route_entries.len())
                    .sum(),
            ),
            (
                "secondary blocks",
                network
                    .vpcs()
                    .values()
                    .map(|vpc| vpc.secondary_cidr_blocks.len())
                    .sum(),
            ),
            (
                "CLB back ends",
                network
                    .load_balancers()
                    .values()
                    .map(|lb| lb.backend_servers.len())
                    .sum(),
            ),
            ("RDS instances", network.db_instances().len()),
        ];
        for (kind, count) in counts {
            *seen.entry(kind).or_insert(0) += usize::from(count > 0);
        }
    }
    for (kind, networks) in seen {
        assert!(
            networks >= 2,
            "only {networks} of 96 generated networks have {kind}"
        );
    }
}
