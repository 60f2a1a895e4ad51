//! Ready-made topologies: the article's network and an empty design.
//!
//! The article's network is built by running the scenario
//! `tests/scenarios/article-network.json` (embedded at compile time), so the example, the
//! tests and the lessons cannot drift apart.

use super::catalog::RuleSet;
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
