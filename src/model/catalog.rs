//! The catalogue: regions, zones, rule sets and quotas.
//!
//! A topology follows one [`RuleSet`]: `"2020"` (the article, written around 2020: 24
//! VSwitches per VPC, Mumbai open) or `"current"` (today's documentation: 150 VSwitches per
//! VPC, Mumbai closed since July 2024). Every quota lives in [`QUOTA_TABLE`], one row per rule
//! set, so no limit is a scattered literal.
//!
//! Names and descriptions follow [`TEXT_PARAMETERS`] (in [`super::text_rules`], re-exported
//! here), one row per free-text parameter of an action, for either rule set.
//!
//! Public addresses are simulated: each region owns a deterministic pool of addresses
//! ([`Region::public_pool`]) from which NatPublicIPs, EIPs and gateway addresses are handed
//! out, lowest free first. The pools look like Alibaba's ranges but are not real
//! assignments.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

/// Which set of Alibaba Cloud rules a topology follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RuleSet {
    /// The rules as the original article describes them (around 2020).
    #[serde(rename = "2020")]
    Y2020,
    /// The rules of today's documentation.
    #[serde(rename = "current")]
    Current,
}

impl RuleSet {
    /// Both rule sets, oldest first.
    pub const ALL: [RuleSet; 2] = [RuleSet::Y2020, RuleSet::Current];

    /// The name used in documents and scenario files: `"2020"` or `"current"`.
    ///
    /// ```
    /// use vpclab::model::RuleSet;
    /// assert_eq!(RuleSet::Y2020.name(), "2020");
    /// assert_eq!(RuleSet::from_name("current"), Some(RuleSet::Current));
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            RuleSet::Y2020 => "2020",
            RuleSet::Current => "current",
        }
    }

    /// The rule set with the given document name, if there is one.
    pub fn from_name(name: &str) -> Option<RuleSet> {
        RuleSet::ALL.into_iter().find(|rules| rules.name() == name)
    }

    /// The quotas of this rule set (its row of [`QUOTA_TABLE`]).
    ///
    /// ```
    /// use vpclab::model::RuleSet;
    /// assert_eq!(RuleSet::Y2020.quotas().vswitches_per_vpc, 24);
    /// assert_eq!(RuleSet::Current.quotas().vswitches_per_vpc, 150);
    /// ```
    pub fn quotas(self) -> &'static Quotas {
        match self {
            RuleSet::Y2020 => &QUOTA_TABLE[0],
            RuleSet::Current => &QUOTA_TABLE[1],
        }
    }

    /// Whether new resources may be created in `region` under this rule set.
    ///
    /// ```
    /// use vpclab::model::{catalog, RuleSet};
    /// let mumbai = catalog::region("ap-south-1").unwrap();
    /// assert!(RuleSet::Y2020.is_open(mumbai));
    /// assert!(!RuleSet::Current.is_open(mumbai));
    /// ```
    pub fn is_open(self, region: &Region) -> bool {
        !(self == RuleSet::Current && region.closed_since.is_some())
    }
}

/// The limits of one rule set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quotas {
    /// The rule set the row belongs to.
    pub rules: RuleSet,
    /// VPCs per region.
    pub vpcs_per_region: usize,
    /// VSwitches per VPC.
    pub vswitches_per_vpc: usize,
    /// Secondary IPv4 CIDR blocks per VPC.
    pub secondary_cidrs_per_vpc: usize,
    /// Custom route entries per route table.
    pub custom_route_entries_per_table: usize,
    /// VPN gateways per VPC.
    pub vpn_gateways_per_vpc: usize,
    /// Largest outbound bandwidth of an instance, in Mbit/s.
    pub max_instance_bandwidth: u32,
}

/// Every quota, one row per rule set (the 2020 row first).
pub const QUOTA_TABLE: [Quotas; 2] = [
    Quotas {
        rules: RuleSet::Y2020,
        vpcs_per_region: 10,
        vswitches_per_vpc: 24,
        secondary_cidrs_per_vpc: 5,
        custom_route_entries_per_table: 200,
        vpn_gateways_per_vpc: 1,
        max_instance_bandwidth: 100,
    },
    Quotas {
        rules: RuleSet::Current,
        vpcs_per_region: 10,
        vswitches_per_vpc: 150,
        secondary_cidrs_per_vpc: 5,
        custom_route_entries_per_table: 200,
        vpn_gateways_per_vpc: 1,
        max_instance_bandwidth: 100,
    },
];

pub use super::text_rules::{
    text_rule, TextParameter, TextProblem, TextRule, DESCRIPTION_2020, NAME_2020, TEXT_PARAMETERS,
};

/// One Alibaba Cloud region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// The region id, for example `ap-south-1`.
    pub id: &'static str,
    /// The display name, for example `India (Mumbai)`.
    pub name: &'static str,
    /// The zone ids of the region.
    pub zones: &'static [&'static str],
    /// When the region closed to new resources, if it did.
    pub closed_since: Option<&'static str>,
    /// The simulated public address pool: first octets and prefix length.
    pool: ([u8; 4], u8),
}

impl Region {
    /// Whether `zone_id` is a zone of this region.
    pub fn has_zone(&self, zone_id: &str) -> bool {
        self.zones.contains(&zone_id)
    }

    /// The simulated pool public addresses of this region come from.
    pub fn public_pool(&self) -> Ipv4Net {
        let ([a, b, c, d], prefix) = self.pool;
        Ipv4Net::new(Ipv4Addr::new(a, b, c, d), prefix).unwrap_or_default()
    }
}

/// Every region of the catalogue.
pub const REGIONS: &[Region] = &[
    Region {
        id: "cn-hangzhou",
        name: "China (Hangzhou)",
        zones: &[
            "cn-hangzhou-b",
            "cn-hangzhou-e",
            "cn-hangzhou-f",
            "cn-hangzhou-g",
            "cn-hangzhou-h",
            "cn-hangzhou-i",
            "cn-hangzhou-j",
        ],
        closed_since: None,
        pool: ([47, 96, 0, 0], 16),
    },
    Region {
        id: "cn-shanghai",
        name: "China (Shanghai)",
        zones: &[
            "cn-shanghai-a",
            "cn-shanghai-b",
            "cn-shanghai-c",
            "cn-shanghai-d",
            "cn-shanghai-e",
            "cn-shanghai-f",
            "cn-shanghai-g",
            "cn-shanghai-l",
            "cn-shanghai-m",
            "cn-shanghai-n",
        ],
        closed_since: None,
        pool: ([47, 100, 0, 0], 16),
    },
    Region {
        id: "cn-beijing",
        name: "China (Beijing)",
        zones: &[
            "cn-beijing-f",
            "cn-beijing-g",
            "cn-beijing-h",
            "cn-beijing-i",
            "cn-beijing-j",
            "cn-beijing-k",
            "cn-beijing-l",
        ],
        closed_since: None,
        pool: ([47, 93, 0, 0], 16),
    },
    Region {
        id: "ap-southeast-1",
        name: "Singapore",
        zones: &["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"],
        closed_since: None,
        pool: ([47, 74, 0, 0], 16),
    },
    Region {
        id: "ap-northeast-1",
        name: "Japan (Tokyo)",
        zones: &["ap-northeast-1a", "ap-northeast-1b"],
        closed_since: None,
        pool: ([47, 91, 0, 0], 16),
    },
    Region {
        id: "eu-central-1",
        name: "Germany (Frankfurt)",
        zones: &["eu-central-1a", "eu-central-1b", "eu-central-1c"],
        closed_since: None,
        pool: ([47, 254, 0, 0], 16),
    },
    Region {
        id: "us-west-1",
        name: "US (Silicon Valley)",
        zones: &["us-west-1a", "us-west-1b"],
        closed_since: None,
        pool: ([47, 88, 0, 0], 16),
    },
    Region {
        id: "me-east-1",
        name: "UAE (Dubai)",
        zones: &["me-east-1a", "me-east-1b"],
        closed_since: None,
        pool: ([8, 213, 0, 0], 16),
    },
    Region {
        id: "ap-south-1",
        name: "India (Mumbai)",
        zones: &["ap-south-1a", "ap-south-1b"],
        closed_since: Some("2024-07"),
        pool: ([149, 129, 0, 0], 16),
    },
];

/// The region with the given id, if the catalogue has it.
///
/// ```
/// use vpclab::model::catalog;
/// assert_eq!(catalog::region("ap-south-1").map(|r| r.name), Some("India (Mumbai)"));
/// assert!(catalog::region("mars-1").is_none());
/// ```
pub fn region(id: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|region| region.id == id)
}

/// The region a zone belongs to, if the catalogue has the zone.
pub fn region_of_zone(zone_id: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|region| region.has_zone(zone_id))
}

/// The block cloud services such as OSS are reached over, through the system route table.
pub fn cloud_services_cidr() -> Ipv4Net {
    Ipv4Net::new(Ipv4Addr::new(100, 64, 0, 0), 10).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_table_has_one_row_per_rule_set_in_order() {
        for rules in RuleSet::ALL {
            assert_eq!(rules.quotas().rules, rules);
        }
    }

    #[test]
    fn mumbai_is_open_in_2020_and_closed_now() {
        let mumbai = region("ap-south-1").expect("Mumbai is catalogued");
        assert!(RuleSet::Y2020.is_open(mumbai));
        assert!(!RuleSet::Current.is_open(mumbai));
        assert!(mumbai.has_zone("ap-south-1a") && mumbai.has_zone("ap-south-1b"));
    }

    #[test]
    fn every_zone_belongs_to_exactly_one_region_and_pools_are_disjoint() {
        for region in REGIONS {
            for zone in region.zones {
                assert_eq!(region_of_zone(zone).map(|r| r.id), Some(region.id));
            }
            for other in REGIONS.iter().filter(|o| o.id != region.id) {
                assert!(!region
                    .public_pool()
                    .contains(&other.public_pool().network()));
            }
            assert_eq!(region.public_pool().prefix_len(), 16);
        }
    }

    #[test]
    fn rule_set_names_round_trip_through_serde() {
        for rules in RuleSet::ALL {
            let json = serde_json::to_string(&rules).expect("serialisable");
            assert_eq!(json, format!("\"{}\"", rules.name()));
            assert_eq!(RuleSet::from_name(rules.name()), Some(rules));
        }
    }
}
