//! The catalogue: regions, zones, rule sets and quotas.
//!
//! A topology follows one [`RuleSet`]: `"2020"` (the article, written around 2020: 24
//! VSwitches per VPC, Mumbai open) or `"current"` (today's documentation: 150 VSwitches per
//! VPC, Mumbai closed since July 2024). Every quota lives in [`QUOTA_TABLE`], one row per rule
//! set, so no limit is a scattered literal.
//!
//! Names and descriptions follow [`TEXT_PARAMETERS`]: one row per free-text parameter of
//! an action, with today's rule from its API reference page and the error code the page
//! documents. Under the 2020 rules every name follows [`NAME_2020`] and every description
//! [`DESCRIPTION_2020`] (the article-era pages), unless the row says otherwise.
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

/// What a free-text parameter (a name or a description) may hold. Whatever the rule, a
/// value never starts with `http://` or `https://` and never holds a control character
/// or a bidirectional-text control (U+202E and the like, which make `abc\u{202e}exe.txt`
/// display as `abctxt.exe`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextRule {
    /// The fewest characters.
    pub min: usize,
    /// The most characters.
    pub max: usize,
    /// Whether the first character must be a letter.
    pub starts_with_letter: bool,
    /// The characters allowed besides letters and digits; `None` when any character is.
    pub also: Option<&'static str>,
}

/// Why a value breaks its [`TextRule`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// A bidirectional-text control character (refused whatever the rule set).
    BidiControl(char),
    /// Another control character (a line break, a tab...).
    Control(char),
    /// Too short or too long: the length found, in characters.
    Length(usize),
    /// It starts with `http://` or `https://`.
    HttpPrefix,
    /// The first character is not a letter.
    FirstNotLetter,
    /// A character the rule does not allow.
    Character(char),
}

/// The bidirectional-text controls: they reorder how the text is displayed.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

impl TextRule {
    /// Checks a value against the rule (length in characters, not bytes).
    ///
    /// # Errors
    /// The first [`TextProblem`] found, bidi and control characters first.
    ///
    /// ```
    /// use vpclab::model::catalog::{TextProblem, NAME_2020};
    /// assert_eq!(NAME_2020.check("web-01"), Ok(()));
    /// assert_eq!(NAME_2020.check("1st"), Err(TextProblem::FirstNotLetter));
    /// assert_eq!(NAME_2020.check("abc\u{202e}exe.txt"), Err(TextProblem::BidiControl('\u{202e}')));
    /// ```
    pub fn check(self, value: &str) -> Result<(), TextProblem> {
        if let Some(c) = value.chars().find(|c| is_bidi_control(*c)) {
            return Err(TextProblem::BidiControl(c));
        }
        if let Some(c) = value.chars().find(|c| c.is_control()) {
            return Err(TextProblem::Control(c));
        }
        let length = value.chars().count();
        if length < self.min || length > self.max {
            return Err(TextProblem::Length(length));
        }
        let lower = value.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return Err(TextProblem::HttpPrefix);
        }
        if self.starts_with_letter && !value.chars().next().is_some_and(char::is_alphabetic) {
            return Err(TextProblem::FirstNotLetter);
        }
        if let Some(also) = self.also {
            if let Some(c) = value
                .chars()
                .find(|c| !(c.is_alphabetic() || c.is_ascii_digit() || also.contains(*c)))
            {
                return Err(TextProblem::Character(c));
            }
        }
        Ok(())
    }

    /// The rule in one sentence, for messages.
    pub fn describe(self) -> String {
        let mut text = format!("{} to {} characters", self.min, self.max);
        if self.starts_with_letter {
            text.push_str(", starting with a letter");
        }
        if let Some(also) = self.also {
            let listed: Vec<String> = also.chars().map(|c| format!("\"{c}\"")).collect();
            text.push_str(&format!(", letters, digits and {}", listed.join(" ")));
        }
        text.push_str(", not starting with http:// or https://");
        text
    }
}

/// A name under the 2020 rules: 2 to 128 characters, starting with a letter; letters,
/// digits, `_`, `-` and `.` (the article-era pages).
pub const NAME_2020: TextRule = TextRule {
    min: 2,
    max: 128,
    starts_with_letter: true,
    also: Some("_-."),
};

/// A description under the 2020 rules: 2 to 256 characters.
pub const DESCRIPTION_2020: TextRule = TextRule {
    min: 2,
    max: 256,
    starts_with_letter: false,
    also: None,
};

const fn any(min: usize, max: usize) -> TextRule {
    TextRule {
        min,
        max,
        starts_with_letter: false,
        also: None,
    }
}

const fn lettered(min: usize, max: usize, also: Option<&'static str>) -> TextRule {
    TextRule {
        min,
        max,
        starts_with_letter: true,
        also,
    }
}

/// One free-text parameter of an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextParameter {
    /// The API action, for example `CreateVpc`.
    pub action: &'static str,
    /// The parameter, for example `VpcName`.
    pub param: &'static str,
    /// Today's rule, from the action's API reference page.
    pub current: TextRule,
    /// The 2020 rule when it is not the generic [`NAME_2020`] / [`DESCRIPTION_2020`].
    pub y2020: Option<TextRule>,
    /// The error code the page documents for a malformed value.
    pub code: &'static str,
}

const fn text(
    action: &'static str,
    param: &'static str,
    current: TextRule,
    code: &'static str,
) -> TextParameter {
    TextParameter {
        action,
        param,
        current,
        y2020: None,
        code,
    }
}

/// Every name and description parameter the model takes, with its rules.
pub const TEXT_PARAMETERS: &[TextParameter] = &[
    text(
        "CreateVpc",
        "VpcName",
        any(1, 128),
        "InvalidVpcName.Malformed",
    ),
    text(
        "CreateVpc",
        "Description",
        any(1, 256),
        "InvalidVpcDiscription.Malformed",
    ),
    text(
        "CreateVSwitch",
        "VSwitchName",
        any(1, 128),
        "InvalidVSwitchName.Malformed",
    ),
    text(
        "CreateVSwitch",
        "Description",
        any(1, 256),
        "InvalidDescription.Malformed",
    ),
    text(
        "CreateRouteEntry",
        "RouteEntryName",
        any(1, 128),
        "InvalidRouteEntryName.Malformed",
    ),
    text(
        "CreateRouteEntry",
        "Description",
        any(1, 256),
        "InvalidDescription.Malformed",
    ),
    text(
        "RunInstances",
        "InstanceName",
        lettered(2, 128, Some(":_.-")),
        "InvalidInstanceName.Malformed",
    ),
    text(
        "RunInstances",
        "Description",
        any(2, 256),
        "InvalidDescription.Malformed",
    ),
    text(
        "AllocateEipAddress",
        "Name",
        any(0, 128),
        "InvalidName.Malformed",
    ),
    text(
        "AllocateEipAddress",
        "Description",
        any(0, 256),
        "InvalidDescription.Malformed",
    ),
    text(
        "CreateSecurityGroup",
        "SecurityGroupName",
        lettered(2, 128, Some(":_.-")),
        "InvalidSecurityGroupName.Malformed",
    ),
    text(
        "CreateSecurityGroup",
        "Description",
        any(2, 256),
        "InvalidDescription.Malformed",
    ),
    TextParameter {
        y2020: Some(any(1, 512)),
        ..text(
            "AuthorizeSecurityGroup",
            "Description",
            any(1, 512),
            "InvalidSecurityGroupDiscription.Malformed",
        )
    },
    TextParameter {
        y2020: Some(any(1, 512)),
        ..text(
            "AuthorizeSecurityGroupEgress",
            "Description",
            any(1, 512),
            "InvalidSecurityGroupDiscription.Malformed",
        )
    },
    text(
        "CreateNatGateway",
        "Name",
        lettered(2, 128, Some("_-")),
        "InvalidName.Malformed",
    ),
    text(
        "CreateNatGateway",
        "Description",
        any(2, 256),
        "InvalidDescription.Malformed",
    ),
    text(
        "CreateSnatEntry",
        "SnatEntryName",
        lettered(2, 128, None),
        "InvalidParameter.Name.Malformed",
    ),
    text(
        "CreateForwardEntry",
        "ForwardEntryName",
        lettered(2, 128, None),
        "InvalidParameter.Name.Malformed",
    ),
    text(
        "CreateVpnGateway",
        "Name",
        any(1, 128),
        "InvalidName.Malformed",
    ),
    text(
        "CreateCustomerGateway",
        "Name",
        any(1, 100),
        "InvalidName.Malformed",
    ),
    text(
        "CreateCustomerGateway",
        "Description",
        any(1, 100),
        "InvalidDescription.Malformed",
    ),
    text(
        "CreateVpnConnection",
        "Name",
        any(1, 100),
        "InvalidName.Malformed",
    ),
    text(
        "CreateVirtualBorderRouter",
        "Name",
        lettered(2, 128, Some("_-")),
        "InvalidName.Malformed",
    ),
    text(
        "CreateVirtualBorderRouter",
        "Description",
        any(2, 256),
        "InvalidDescription.Malformed",
    ),
    // Ours, not an Alibaba resource: a data centre's name is free text in both rule sets.
    TextParameter {
        y2020: Some(any(1, 128)),
        ..text(
            "CreateDataCenter",
            "DataCenterName",
            any(1, 128),
            "InvalidName.Malformed",
        )
    },
    TextParameter {
        y2020: Some(lettered(1, 80, Some("_-."))),
        ..text(
            "CreateLoadBalancer",
            "LoadBalancerName",
            lettered(1, 80, Some("_-.")),
            "InvalidParameter",
        )
    },
    text(
        "CreateDBInstance",
        "DBInstanceDescription",
        any(2, 256),
        "InvalidDBInstanceDescription.Malformed",
    ),
];

/// The rule and error code of a free-text parameter under a rule set, or `None` when the
/// parameter is not in [`TEXT_PARAMETERS`].
///
/// ```
/// use vpclab::model::{catalog, RuleSet};
/// let (rule, code) = catalog::text_rule(RuleSet::Current, "CreateVpc", "VpcName").unwrap();
/// assert_eq!((rule.min, rule.max, code), (1, 128, "InvalidVpcName.Malformed"));
/// let (rule, _) = catalog::text_rule(RuleSet::Y2020, "CreateVpc", "VpcName").unwrap();
/// assert_eq!(rule, catalog::NAME_2020);
/// ```
pub fn text_rule(rules: RuleSet, action: &str, param: &str) -> Option<(TextRule, &'static str)> {
    let row = TEXT_PARAMETERS
        .iter()
        .find(|row| row.action == action && row.param == param)?;
    let rule = match rules {
        RuleSet::Current => row.current,
        RuleSet::Y2020 => row.y2020.unwrap_or(if param.ends_with("Description") {
            DESCRIPTION_2020
        } else {
            NAME_2020
        }),
    };
    Some((rule, row.code))
}

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
    fn text_rules_table() {
        // (rule set, action, parameter, value, accepted)
        let cases = [
            (RuleSet::Current, "CreateVpc", "VpcName", "a", true),
            (RuleSet::Y2020, "CreateVpc", "VpcName", "a", false),
            (RuleSet::Current, "CreateVpc", "VpcName", "1st vpc", true),
            (RuleSet::Y2020, "CreateVpc", "VpcName", "1st-vpc", false),
            (RuleSet::Y2020, "CreateVpc", "VpcName", "vpc.prod_1-a", true),
            (RuleSet::Y2020, "CreateVpc", "VpcName", "vpc prod", false),
            (RuleSet::Current, "CreateVpc", "VpcName", "http://x", false),
            (RuleSet::Current, "CreateVpc", "VpcName", "HTTPS://x", false),
            (
                RuleSet::Current,
                "CreateVpc",
                "VpcName",
                "abc\u{202e}exe.txt",
                false,
            ),
            (
                RuleSet::Y2020,
                "CreateVpc",
                "VpcName",
                "abc\u{202e}exe",
                false,
            ),
            (
                RuleSet::Current,
                "CreateVpc",
                "VpcName",
                "line\nbreak",
                false,
            ),
            (
                RuleSet::Current,
                "CreateVSwitch",
                "VSwitchName",
                "año-1",
                true,
            ),
            (
                RuleSet::Y2020,
                "RunInstances",
                "InstanceName",
                "Servidor-Año",
                true,
            ),
            (
                RuleSet::Current,
                "RunInstances",
                "InstanceName",
                "web:01",
                true,
            ),
            (
                RuleSet::Y2020,
                "RunInstances",
                "InstanceName",
                "web:01",
                false,
            ),
            (
                RuleSet::Current,
                "CreateSecurityGroup",
                "Description",
                "x",
                false,
            ),
            (
                RuleSet::Current,
                "AuthorizeSecurityGroup",
                "Description",
                "x",
                true,
            ),
            (
                RuleSet::Y2020,
                "AuthorizeSecurityGroup",
                "Description",
                "x",
                true,
            ),
            (RuleSet::Current, "CreateNatGateway", "Name", "nat.1", false),
            (
                RuleSet::Current,
                "CreateLoadBalancer",
                "LoadBalancerName",
                "c",
                true,
            ),
        ];
        for (rules, action, param, value, accepted) in cases {
            let (rule, _) = text_rule(rules, action, param).expect("catalogued");
            assert_eq!(
                rule.check(value).is_ok(),
                accepted,
                "{rules:?} {action}.{param} = {value:?}"
            );
        }
        let long = "a".repeat(300);
        for rules in RuleSet::ALL {
            let (rule, _) = text_rule(rules, "CreateVpc", "VpcName").expect("catalogued");
            assert_eq!(rule.check(&long), Err(TextProblem::Length(300)));
        }
    }

    #[test]
    fn every_text_parameter_is_listed_once_with_a_known_code() {
        for (index, row) in TEXT_PARAMETERS.iter().enumerate() {
            assert!(
                crate::model::ErrorCode::from_code(row.code).is_some(),
                "{} is not in the error table",
                row.code
            );
            assert!(
                !TEXT_PARAMETERS[..index]
                    .iter()
                    .any(|other| other.action == row.action && other.param == row.param),
                "{}.{}",
                row.action,
                row.param
            );
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
