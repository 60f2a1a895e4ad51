//! Ready-made topologies: the article's network, the network a first visit shows, and an
//! empty design.
//!
//! Both networks are built by running a scenario embedded at compile time
//! (`tests/scenarios/article-network.json` and `tests/scenarios/first-run-network.json`),
//! so the examples, the tests and the lessons cannot drift apart. The first-run network,
//! which every first visit opens, is also kept as the stored document its scenario builds
//! (`first_run_network.json`, checked against the scenario by a test), so a visit restores
//! it instead of playing the scenario.

use super::catalog::RuleSet;
use super::document;
use super::scenario;
use super::topology::Topology;

/// The scenario that builds the article's network.
pub const ARTICLE_SCENARIO: &str = include_str!("../../tests/scenarios/article-network.json");

/// The network of the original article, under the 2020 rules: VPC `vpc-article`
/// (192.168.0.0/16) in Mumbai (`ap-south-1`); VSwitch `vsw-zone1` (192.168.1.0/24, zone
/// ap-south-1a) with VM1 (192.168.1.1, with a NatPublicIP) and VM2 (192.168.1.2); VSwitch
/// `vsw-zone2` (192.168.2.0/24, zone ap-south-1b) with VM3 (192.168.2.1, with an EIP).
///
/// ```
/// let article = vpclab::model::example::article_network();
/// assert_eq!(article.instances().len(), 3);
/// assert_eq!(article.eips().len(), 1);
/// ```
pub fn article_network() -> Topology {
    // The embedded scenario is checked by the tests; should it ever fail, the topology built
    // so far is still a valid design, so the app shows that rather than nothing.
    match scenario::parse(ARTICLE_SCENARIO) {
        Ok(parsed) => scenario::run(&parsed).topology,
        Err(_) => empty(RuleSet::Y2020),
    }
}

/// The scenario that builds the network a first visit shows.
pub const FIRST_RUN_SCENARIO: &str = include_str!("../../tests/scenarios/first-run-network.json");

/// The network a first visit shows (and "Reset to example" brings back): the article's
/// network ([`article_network`], same ids and addresses) with the hybrid cloud the article
/// talks about, so that part is on screen from the start. The on-premises data centre
/// `data-centre` (10.10.0.0/16) is joined by Express Connect (VBR `vbr-line`, the route for
/// the whole block) and by a VPN gateway (`vpn-gw`, customer gateway `cgw-dc`, IPsec
/// connection `ipsec-dc`, the route for the office subnet 10.10.100.0/24).
///
/// ```
/// let first = vpclab::model::example::first_run_network();
/// assert_eq!(first.instances().len(), 3);
/// assert_eq!(first.data_centers().len(), 1);
/// assert_eq!(first.vpn_connections().len(), 1);
/// assert_eq!(first.virtual_border_routers().len(), 1);
/// ```
pub fn first_run_network() -> Topology {
    // Every first visit starts here, so the browser restores the network the scenario built
    // (a stored document: about a millisecond) instead of parsing and playing the scenario
    // with its traces (tens of milliseconds). A test keeps the two identical.
    document::restore(FIRST_RUN_DOCUMENT).unwrap_or_else(|_| first_run_network_played())
}

/// The network a first visit shows, built by playing [`FIRST_RUN_SCENARIO`]; as for the
/// article's network, a failure still leaves a valid design.
fn first_run_network_played() -> Topology {
    match scenario::parse(FIRST_RUN_SCENARIO) {
        Ok(parsed) => scenario::run(&parsed).topology,
        Err(_) => article_network(),
    }
}

/// [`first_run_network`] as a stored document (`document::to_json`), written from the
/// scenario by the test `the_stored_first_run_network_is_what_its_scenario_builds`
/// (`UPDATE_FIRST_RUN=1 cargo test --lib example` rewrites it after the scenario changes).
pub const FIRST_RUN_DOCUMENT: &str = include_str!("first_run_network.json");

/// An empty design under the given rules.
pub fn empty(rules: RuleSet) -> Topology {
    Topology::new(rules)
}

/// A large design for benchmarks and stress tests: one VPC (10.0.0.0/8) in `cn-hangzhou`
/// under the current rules, with `/22` VSwitches spread over the region's zones and
/// `instances` instances named `vm-N` filling them in order; every tenth instance has a
/// NatPublicIP. Up to 153,000 instances (150 VSwitches of 1,020 addresses).
///
/// ```
/// let big = vpclab::model::example::large_network(1_000);
/// assert_eq!(big.instances().len(), 1_000);
/// ```
pub fn large_network(instances: usize) -> Topology {
    use super::command::Command;
    use super::net::usable_count;

    let mut topology = Topology::new(RuleSet::Current);
    let zones = super::catalog::region("cn-hangzhou").map_or(&[][..], |region| region.zones);
    let create_vpc = Command::CreateVpc {
        region_id: "cn-hangzhou".into(),
        cidr_block: Some("10.0.0.0/8".into()),
        vpc_name: Some("large".into()),
        description: None,
    };
    let Ok(vpc) = topology.apply_in_place(&create_vpc) else {
        return topology;
    };
    let vpc_id = vpc.created.unwrap_or_default();
    let per_vswitch =
        usize::try_from(usable_count("10.0.0.0/22".parse().unwrap_or_default())).unwrap_or(1);
    let mut vswitch_id = String::new();
    for n in 0..instances {
        if n % per_vswitch == 0 {
            let index = n / per_vswitch;
            let create = Command::CreateVSwitch {
                vpc_id: vpc_id.clone(),
                zone_id: zones
                    .get(index % zones.len().max(1))
                    .copied()
                    .unwrap_or_default()
                    .into(),
                cidr_block: format!("10.{}.{}.0/22", index / 64, (index % 64) * 4),
                vswitch_name: Some(format!("vsw-{index}")),
                description: None,
            };
            match topology.apply_in_place(&create) {
                Ok(response) => vswitch_id = response.created.unwrap_or_default(),
                Err(_) => break,
            }
        }
        let run = Command::RunInstances {
            vswitch_id: vswitch_id.clone(),
            instance_name: Some(format!("vm-{n}")),
            private_ip_address: None,
            security_group_id: None,
            internet_max_bandwidth_out: (n % 10 == 0).then(|| "5".to_string()),
            description: None,
        };
        if topology.apply_in_place(&run).is_err() {
            break;
        }
    }
    topology
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_scenario_passes() {
        let report = scenario::run(&scenario::parse(ARTICLE_SCENARIO).expect("valid"));
        assert!(report.passed(), "{:?}", report.first_failure());
    }

    #[test]
    fn the_first_run_scenario_passes() {
        let report = scenario::run(&scenario::parse(FIRST_RUN_SCENARIO).expect("valid"));
        assert!(report.passed(), "{:?}", report.first_failure());
    }

    #[test]
    fn the_stored_first_run_network_is_what_its_scenario_builds() {
        let played = first_run_network_played();
        let stored = document::to_json(&played);
        if std::env::var_os("UPDATE_FIRST_RUN").is_some() {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/model/first_run_network.json"
            );
            std::fs::write(path, format!("{stored}\n")).expect("written");
            return;
        }
        assert_eq!(
            FIRST_RUN_DOCUMENT.trim_end(),
            stored,
            "src/model/first_run_network.json is stale: run UPDATE_FIRST_RUN=1 cargo test --lib example"
        );
        assert_eq!(
            document::restore(FIRST_RUN_DOCUMENT).expect("restores"),
            played
        );
        assert_eq!(first_run_network(), played);
    }

    #[test]
    fn the_first_run_network_is_the_article_network_with_its_data_centre() {
        let article = article_network();
        let first = first_run_network();
        assert_eq!(first.rules(), article.rules());
        let routes: Vec<_> = first
            .vpc("vpc-0001")
            .expect("vpc")
            .route_entries
            .iter()
            .map(|entry| {
                (
                    entry.destination_cidr_block.to_string(),
                    entry.next_hop_id.as_str(),
                )
            })
            .collect();
        assert_eq!(
            routes,
            [
                ("10.10.0.0/16".to_string(), "vbr-0001"),
                ("10.10.100.0/24".to_string(), "vpn-0001")
            ]
        );
        assert_eq!(first.vswitches(), article.vswitches());
        assert_eq!(first.instances(), article.instances());
        assert_eq!(first.eips(), article.eips());
        let dc = first.data_center("idc-0001").expect("data centre");
        assert_eq!(dc.cidr_block.to_string(), "10.10.0.0/16");
        let vbr = first.virtual_border_routers().values().next().expect("VBR");
        assert_eq!(vbr.data_center_id.as_deref(), Some("idc-0001"));
        let cgw = first
            .customer_gateways()
            .values()
            .next()
            .expect("customer gateway");
        assert_eq!(cgw.data_center_id.as_deref(), Some("idc-0001"));
        assert_eq!(first.vpn_gateways().len(), 1);
        assert_eq!(first.vpn_connections().len(), 1);
    }

    #[test]
    fn the_article_network_has_the_diagram_of_the_article() {
        let article = article_network();
        assert_eq!(article.rules(), RuleSet::Y2020);
        let vpc = article.vpc("vpc-0001").expect("vpc");
        assert_eq!(
            (vpc.name.as_str(), vpc.region_id.as_str()),
            ("vpc-article", "ap-south-1")
        );
        let zones: Vec<_> = article
            .vswitches_of("vpc-0001")
            .map(|v| (v.name.as_str(), v.zone_id.as_str()))
            .collect();
        assert_eq!(
            zones,
            [("vsw-zone1", "ap-south-1a"), ("vsw-zone2", "ap-south-1b")]
        );
        let vm3 = article
            .instances()
            .values()
            .find(|i| i.name == "VM3")
            .expect("VM3");
        assert_eq!(vm3.private_ip_address.to_string(), "192.168.2.1");
        assert_eq!(
            article.public_ip_of(&vm3.id).map(|(ip, _)| ip.to_string()),
            Some("149.129.0.2".into())
        );
    }
}
