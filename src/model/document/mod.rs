//! The stored document: a versioned JSON form of a whole topology, and the one path that
//! turns such a document back into a topology.
//!
//! A document reads `{"vpclab":"topology","version":2,"rules":"2020","counters":{...},
//! "vpcs":[...],"vswitches":[...],...}`. [`Stored`] is its unchecked shape; [`restore`] is
//! the only way in: it parses, upgrades old versions through [`MIGRATIONS`], refuses future
//! versions, and validates everything (ids, references, regions and zones, blocks and their
//! overlaps, addresses inside their VSwitch, unreserved and unique) before it builds the
//! [`Topology`] and its address books. It refuses loudly with a typed [`LoadError`]; it
//! never guesses or repairs silently. The checks live in `validate.rs`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::catalog::RuleSet;
use super::entity::{
    CustomerGateway, DataCenter, DbInstance, Eip, Instance, LoadBalancer, NatGateway,
    SecurityGroup, VirtualBorderRouter, Vpc, VpnConnection, VpnGateway, Vswitch,
};
use super::limits::{self, TooLarge};
use super::topology::Topology;

mod validate;

pub use validate::validate;

/// The document version this build writes.
pub const VERSION: u32 = 2;

/// The tag every topology document carries under `"vpclab"`.
pub const KIND: &str = "topology";

/// A migration upgrades a document of one version to the next.
pub type Migration = fn(Value) -> Result<Value, LoadError>;

/// The migrations, in order: `MIGRATIONS[n]` upgrades version `n + 1` to `n + 2` (see
/// [`super::migrations`]).
pub const MIGRATIONS: &[Migration] = &[super::migrations::v1_to_v2];

/// Why a document could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The text is longer than [`limits::DOCUMENT_BYTES`]; it was not read.
    TooLarge(TooLarge),
    /// The text is not JSON.
    NotJson(String),
    /// The JSON is not a topology document (`"vpclab"` is missing or something else).
    NotATopology(Option<String>),
    /// The `version` field is missing or not a positive whole number.
    BadVersion,
    /// The document comes from a newer vpclab.
    FutureVersion {
        /// The document's version.
        version: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A field has the wrong shape (type, missing, unknown value), with serde's message.
    Shape(String),
    /// Two resources share an id.
    DuplicateId(String),
    /// A resource refers to one that does not exist (or is of the wrong kind).
    DanglingReference {
        /// The referring resource.
        from: String,
        /// The field holding the reference.
        field: &'static str,
        /// The missing id.
        to: String,
    },
    /// A resource breaks a rule (an overlap, an address outside its VSwitch...).
    Invalid {
        /// The resource.
        id: String,
        /// What is wrong, with the values involved.
        reason: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::TooLarge(too_large) => write!(f, "the document is too large: {too_large}"),
            LoadError::NotJson(message) => write!(f, "not JSON: {message}"),
            LoadError::NotATopology(Some(kind)) => {
                write!(f, "not a topology document (\"vpclab\" is \"{kind}\")")
            }
            LoadError::NotATopology(None) => {
                write!(f, "not a topology document (no \"vpclab\": \"topology\")")
            }
            LoadError::BadVersion => write!(f, "\"version\" is missing or not a positive number"),
            LoadError::FutureVersion { version, supported } => write!(
                f,
                "the document is version {version}, newer than this vpclab reads ({supported})"
            ),
            LoadError::Shape(message) => write!(f, "malformed document: {message}"),
            LoadError::DuplicateId(id) => write!(f, "two resources share the id {id}"),
            LoadError::DanglingReference { from, field, to } => {
                write!(f, "{from}.{field} names {to}, which does not exist")
            }
            LoadError::Invalid { id, reason } => write!(f, "{id}: {reason}"),
        }
    }
}

impl std::error::Error for LoadError {}

fn is_empty<T>(items: &[T]) -> bool {
    items.is_empty()
}

/// The unchecked shape of a topology document. It becomes a [`Topology`] only through
/// validation ([`restore`], or `Topology`'s `Deserialize`, which validates the current
/// version without migrating).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stored {
    /// Always `"topology"`.
    pub vpclab: String,
    /// The document version.
    pub version: u32,
    /// The rule set.
    pub rules: RuleSet,
    /// The last id number generated per prefix.
    #[serde(default)]
    pub counters: BTreeMap<String, u32>,
    /// VPCs.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub vpcs: Vec<Vpc>,
    /// VSwitches.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub vswitches: Vec<Vswitch>,
    /// Security groups.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub security_groups: Vec<SecurityGroup>,
    /// ECS instances.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub instances: Vec<Instance>,
    /// Data centres.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub data_centers: Vec<DataCenter>,
    /// NAT gateways.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub nat_gateways: Vec<NatGateway>,
    /// VPN gateways.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub vpn_gateways: Vec<VpnGateway>,
    /// Customer gateways.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub customer_gateways: Vec<CustomerGateway>,
    /// IPsec connections.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub vpn_connections: Vec<VpnConnection>,
    /// Virtual border routers.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub virtual_border_routers: Vec<VirtualBorderRouter>,
    /// CLBs.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub load_balancers: Vec<LoadBalancer>,
    /// RDS instances.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub db_instances: Vec<DbInstance>,
    /// EIPs.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub eips: Vec<Eip>,
}

impl From<&Topology> for Stored {
    fn from(topology: &Topology) -> Stored {
        // `V` is the record itself or, for instances, the record shared between copies.
        fn all<T: Clone, V: std::borrow::Borrow<T>>(map: &BTreeMap<String, V>) -> Vec<T> {
            map.values().map(|value| value.borrow().clone()).collect()
        }
        Stored {
            vpclab: KIND.to_string(),
            version: VERSION,
            rules: topology.rules,
            counters: topology.counters.clone(),
            vpcs: all(&topology.vpcs),
            vswitches: all(&topology.vswitches),
            security_groups: all(&topology.security_groups),
            instances: all(&topology.instances),
            data_centers: all(&topology.data_centers),
            nat_gateways: all(&topology.nat_gateways),
            vpn_gateways: all(&topology.vpn_gateways),
            customer_gateways: all(&topology.customer_gateways),
            vpn_connections: all(&topology.vpn_connections),
            virtual_border_routers: all(&topology.vbrs),
            load_balancers: all(&topology.load_balancers),
            db_instances: all(&topology.db_instances),
            eips: all(&topology.eips),
        }
    }
}

impl From<Topology> for Stored {
    fn from(topology: Topology) -> Stored {
        Stored::from(&topology)
    }
}

impl TryFrom<Stored> for Topology {
    type Error = LoadError;

    fn try_from(stored: Stored) -> Result<Topology, LoadError> {
        validate(stored)
    }
}

/// The stored JSON of a topology (compact, deterministic).
///
/// ```
/// use vpclab::model::{document, example};
/// let json = document::to_json(&example::article_network());
/// assert!(json.starts_with(r#"{"vpclab":"topology","version":2,"rules":"2020""#));
/// ```
pub fn to_json(topology: &Topology) -> String {
    // Serialising plain data into a string cannot fail; an empty string would be refused by
    // `restore` rather than mistaken for a design.
    serde_json::to_string(&Stored::from(topology)).unwrap_or_default()
}

/// The stored JSON of a topology, indented for people (as `serde_json::to_string_pretty`
/// indents it; [`crate::model::pretty`] says why it is not that function).
pub fn to_json_pretty(topology: &Topology) -> String {
    crate::model::pretty::indent(&to_json(topology))
}

/// Loads a stored document: check its size, parse, migrate, validate.
///
/// # Errors
/// A [`LoadError`] saying what is wrong: longer than [`limits::DOCUMENT_BYTES`], not JSON,
/// not a topology, a future version, a malformed field, or a resource that breaks a rule or
/// names a missing one.
///
/// ```
/// use vpclab::model::{document, example};
/// let article = example::article_network();
/// let restored = document::restore(&document::to_json(&article)).unwrap();
/// assert_eq!(restored, article);
///
/// let future = r#"{"vpclab":"topology","version":99,"rules":"current"}"#;
/// assert!(matches!(document::restore(future), Err(document::LoadError::FutureVersion { version: 99, .. })));
/// ```
// Kept out of its callers, so that V8 optimises it (or not) on its own: see
// `model::document::validate`.
#[inline(never)]
pub fn restore(text: &str) -> Result<Topology, LoadError> {
    limits::check(text, limits::DOCUMENT_BYTES).map_err(LoadError::TooLarge)?;
    // A document of this version is read straight into its types: through a `Value` first,
    // reading a network of 20,000 instances took twice as long. Anything else (an older
    // version, a malformed text, a duplicated key) takes the general way, which words the
    // errors and runs the migrations.
    if let Ok(stored) = serde_json::from_str::<Stored>(text) {
        if stored.vpclab == KIND && stored.version == VERSION {
            return validate(stored);
        }
    }
    restore_through_value(text)
}

/// [`restore`] the general way: parse to a `Value`, check the header, migrate, then read the
/// types.
fn restore_through_value(text: &str) -> Result<Topology, LoadError> {
    let value: Value =
        serde_json::from_str(text).map_err(|error| LoadError::NotJson(error.to_string()))?;
    let value = migrate(value)?;
    // Read again as text by the same reader as the straight way, so the app carries one
    // copy of the types' readers, not two (one per source). A position would point into this
    // rewritten text, not the user's, so the message leaves it out.
    let stored: Stored = serde_json::from_str(&value.to_string())
        .map_err(|error| LoadError::Shape(without_position(&error)))?;
    validate(stored)
}

/// A serde_json error's message without its " at line L column C".
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(bare) => bare.to_owned(),
        None => message,
    }
}

/// Checks the header and runs the migrations up to [`VERSION`].
///
/// # Errors
/// [`LoadError::NotATopology`], [`LoadError::BadVersion`], [`LoadError::FutureVersion`], or
/// the error of a migration.
pub fn migrate(mut value: Value) -> Result<Value, LoadError> {
    match value.get("vpclab") {
        Some(Value::String(kind)) if kind == KIND => {}
        Some(Value::String(kind)) => return Err(LoadError::NotATopology(Some(kind.clone()))),
        _ => return Err(LoadError::NotATopology(None)),
    }
    let mut version = value
        .get("version")
        .and_then(Value::as_u64)
        .filter(|version| *version >= 1)
        .ok_or(LoadError::BadVersion)?;
    if version > u64::from(VERSION) {
        return Err(LoadError::FutureVersion {
            version,
            supported: VERSION,
        });
    }
    while version < u64::from(VERSION) {
        let step = usize::try_from(version - 1)
            .ok()
            .and_then(|index| MIGRATIONS.get(index))
            .ok_or(LoadError::BadVersion)?;
        value = step(value)?;
        version += 1;
        if let Some(object) = value.as_object_mut() {
            object.insert("version".into(), Value::from(version));
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::model::example::article_network;

    fn article_value_text() -> String {
        to_json(&article_network())
    }

    fn article_value() -> Value {
        serde_json::from_str(&to_json(&article_network())).expect("json")
    }

    fn restore_value(value: &Value) -> Result<Topology, LoadError> {
        restore(&value.to_string())
    }

    #[test]
    fn the_article_round_trips() {
        let article = article_network();
        assert_eq!(restore(&to_json(&article)), Ok(article.clone()));
        assert_eq!(restore(&to_json_pretty(&article)), Ok(article.clone()));
        // Topology's own serde form is the same document.
        let via_serde: Topology =
            serde_json::from_str(&serde_json::to_string(&article).expect("ser")).expect("de");
        assert_eq!(via_serde, article);
    }

    #[test]
    fn header_problems_have_their_own_errors() {
        assert!(matches!(restore("{"), Err(LoadError::NotJson(_))));
        assert_eq!(
            restore(r#"{"vpclab":"scenario","version":1}"#),
            Err(LoadError::NotATopology(Some("scenario".into())))
        );
        assert_eq!(restore("[]"), Err(LoadError::NotATopology(None)));
        assert_eq!(
            restore(r#"{"vpclab":"topology"}"#),
            Err(LoadError::BadVersion)
        );
        assert_eq!(
            restore(r#"{"vpclab":"topology","version":3,"rules":"2020"}"#),
            Err(LoadError::FutureVersion {
                version: 3,
                supported: 2
            })
        );
        assert!(matches!(
            restore(r#"{"vpclab":"topology","version":1,"rules":"1999"}"#),
            Err(LoadError::Shape(_))
        ));
    }

    #[test]
    fn a_dangling_vswitch_is_refused() {
        let mut value = article_value();
        value["vswitches"][0]["vpc_id"] = json!("vpc-0042");
        assert_eq!(
            restore_value(&value),
            Err(LoadError::DanglingReference {
                from: "vsw-0001".into(),
                field: "vpc_id",
                to: "vpc-0042".into()
            })
        );
    }

    #[test]
    fn overlapping_vswitches_are_refused() {
        let mut value = article_value();
        value["vswitches"][1]["cidr_block"] = json!("192.168.1.0/25");
        assert!(
            matches!(restore_value(&value), Err(LoadError::Invalid { id, .. }) if id == "vsw-0002")
        );
    }

    #[test]
    fn out_of_range_reserved_and_duplicate_addresses_are_refused() {
        for address in ["192.168.9.9", "192.168.1.255", "192.168.1.2"] {
            let mut value = article_value();
            value["instances"][0]["private_ip_address"] = json!(address);
            assert!(
                matches!(restore_value(&value), Err(LoadError::Invalid { .. })),
                "{address}"
            );
        }
    }

    #[test]
    fn duplicate_ids_and_stale_counters_are_refused() {
        let mut value = article_value();
        let copy = value["vpcs"][0].clone();
        value["vpcs"].as_array_mut().expect("array").push(copy);
        assert_eq!(
            restore_value(&value),
            Err(LoadError::DuplicateId("vpc-0001".into()))
        );
        // Ids are unique across kinds too: the first resource whose id an earlier one
        // holds is named, whichever kind it is.
        let mut value = article_value();
        value["instances"][1]["id"] = value["vswitches"][0]["id"].clone();
        let vswitch = value["vswitches"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(restore_value(&value), Err(LoadError::DuplicateId(vswitch)));
        let mut value = article_value();
        let instance = value["instances"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        value["eips"][0]["id"] = json!(instance.clone());
        assert_eq!(restore_value(&value), Err(LoadError::DuplicateId(instance)));
        let mut value = article_value();
        value["counters"]["i"] = json!(1);
        assert!(matches!(
            restore_value(&value),
            Err(LoadError::Invalid { .. })
        ));
    }

    /// A saved document lists each kind in id order, and `validate` builds its maps in one
    /// pass when it does; a file written by hand in any other order reads the same, and a
    /// clash in it is still the first one in reading order.
    #[test]
    fn lists_in_any_order_read_the_same() {
        let network = crate::model::example::large_network(60);
        let mut value: Value = serde_json::from_str(&to_json(&network)).expect("json");
        for list in value.as_object_mut().expect("object").values_mut() {
            if let Some(items) = list.as_array_mut() {
                items.reverse();
            }
        }
        assert_eq!(restore_value(&value), Ok(network));
        // Reversed, the instance list reads i-0060 first: both clashes below are refused,
        // and the one named is the one read first.
        let vswitch = value["vswitches"][0]["id"].clone();
        let count = value["instances"].as_array().map_or(0, Vec::len);
        value["instances"][count - 1]["id"] = vswitch;
        let security_group = value["security_groups"][0]["id"].clone();
        value["instances"][1]["id"] = security_group.clone();
        assert_eq!(
            restore_value(&value),
            Err(LoadError::DuplicateId(
                security_group.as_str().unwrap_or_default().to_owned()
            ))
        );
    }

    /// Texts of every kind `restore` meets: each test scenario's network, compact and
    /// indented, and versions of it that are malformed, older, duplicated or broken.
    fn documents() -> Vec<String> {
        let mut texts = Vec::new();
        for (_, scenario) in crate::model::scenario::test_files() {
            let network = crate::model::scenario::run(&scenario).topology;
            texts.push(to_json(&network));
            texts.push(to_json_pretty(&network));
        }
        let article = to_json(&article_network());
        let variants = [
            article.replacen('{', r#"{"rules":"current","#, 1),
            article.replacen(r#""version":2"#, r#""version":1"#, 1),
            article.replacen(r#""version":2"#, r#""version":3"#, 1),
            article.replacen(r#""version":2"#, r#""version":2.0"#, 1),
            article.replacen(r#""vpclab":"topology""#, r#""vpclab":"scenario""#, 1),
            article.replacen("192.168.1.1", "192.168.9.9", 1),
            article.replacen("vsw-0001", "vsw-0404", 1),
            article.replacen('{', r#"{"surprise":true,"#, 1),
            article.replacen("\"name\":", "\"name\":7,\"x\":", 1),
            format!("{article} trailing"),
            article[..article.len() / 2].to_owned(),
        ];
        for variant in variants {
            assert_ne!(variant, article);
            texts.push(variant);
        }
        texts.push(crate::model::migrations::tests::version_1().to_string());
        texts
    }

    #[test]
    fn the_indented_document_is_what_serde_json_would_indent() {
        let mut networks = vec![article_network(), crate::model::example::large_network(300)];
        for (_, scenario) in crate::model::scenario::test_files() {
            networks.push(crate::model::scenario::run(&scenario).topology);
        }
        for network in &networks {
            let serde = serde_json::to_string_pretty(&Stored::from(network)).unwrap_or_default();
            assert_eq!(to_json_pretty(network), serde);
        }
    }

    #[test]
    fn reading_a_current_document_straight_gives_what_the_general_way_gives() {
        let texts = documents();
        let mut refused = 0;
        for text in &texts {
            let straight = restore(text);
            assert_eq!(straight, restore_through_value(text), "{text}");
            refused += usize::from(straight.is_err());
        }
        // The message names the problem, not a place in a text the user never saw.
        let wrong_type = article_value_text().replacen("\"name\":", "\"name\":7,\"x\":", 1);
        assert_eq!(
            restore(&wrong_type),
            Err(LoadError::Shape(
                "invalid type: integer `7`, expected a string".into()
            ))
        );
        // Both sides of the comparison are exercised.
        assert!(refused >= 9, "{refused} refused");
        assert!(
            texts.len() - refused >= 100,
            "{} read",
            texts.len() - refused
        );
    }

    #[test]
    fn a_topology_document_from_an_unknown_field_is_refused() {
        let mut value = article_value();
        value["surprise"] = json!(true);
        assert!(matches!(restore_value(&value), Err(LoadError::Shape(_))));
    }
}
