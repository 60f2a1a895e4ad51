//! The stored document: a versioned JSON form of a whole topology, and the one path that
//! turns such a document back into a topology.
//!
//! A document reads `{"vpclab":"topology","version":1,"rules":"2020","counters":{...},
//! "vpcs":[...],"vswitches":[...],...}`. [`Stored`] is its unchecked shape; [`restore`] is
//! the only way in: it parses, upgrades old versions through [`MIGRATIONS`], refuses future
//! versions, and validates everything (ids, references, regions and zones, blocks and their
//! overlaps, addresses inside their VSwitch, unreserved and unique) before it builds the
//! [`Topology`] and its address books. It refuses loudly with a typed [`LoadError`]; it
//! never guesses or repairs silently.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::catalog::{self, RuleSet};
use super::entity::{
    CustomerGateway, DataCenter, DbInstance, Eip, EipTargetType, Instance, LoadBalancer,
    NatGateway, NextHopType, RulePeer, SecurityGroup, SnatSource, VirtualBorderRouter, Vpc,
    VpnConnection, VpnGateway, Vswitch,
};
use super::limits::{self, TooLarge};
use super::net::{self, AddressBook, ClaimProblem, DisjointBlocks};
use super::topology::{id_number, prefix, Topology};

/// The document version this build writes.
pub const VERSION: u32 = 1;

/// The tag every topology document carries under `"vpclab"`.
pub const KIND: &str = "topology";

/// A migration upgrades a document of one version to the next.
pub type Migration = fn(Value) -> Result<Value, LoadError>;

/// The migrations, in order: `MIGRATIONS[n]` upgrades version `n + 1` to `n + 2`. Version
/// 1 is the first, so the table is empty until the format changes.
pub const MIGRATIONS: &[Migration] = &[];

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
        fn all<T: Clone>(map: &BTreeMap<String, T>) -> Vec<T> {
            map.values().cloned().collect()
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
/// assert!(json.starts_with(r#"{"vpclab":"topology","version":1,"rules":"2020""#));
/// ```
pub fn to_json(topology: &Topology) -> String {
    // Serialising plain data into a string cannot fail; an empty string would be refused by
    // `restore` rather than mistaken for a design.
    serde_json::to_string(&Stored::from(topology)).unwrap_or_default()
}

/// The stored JSON of a topology, indented for people.
pub fn to_json_pretty(topology: &Topology) -> String {
    serde_json::to_string_pretty(&Stored::from(topology)).unwrap_or_default()
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
pub fn restore(text: &str) -> Result<Topology, LoadError> {
    limits::check(text, limits::DOCUMENT_BYTES).map_err(LoadError::TooLarge)?;
    let value: Value =
        serde_json::from_str(text).map_err(|error| LoadError::NotJson(error.to_string()))?;
    let value = migrate(value)?;
    let stored: Stored =
        serde_json::from_value(value).map_err(|error| LoadError::Shape(error.to_string()))?;
    validate(stored)
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

fn invalid(id: &str, reason: String) -> LoadError {
    LoadError::Invalid {
        id: id.to_string(),
        reason,
    }
}

fn dangling(from: &str, field: &'static str, to: &str) -> LoadError {
    LoadError::DanglingReference {
        from: from.to_string(),
        field,
        to: to.to_string(),
    }
}

/// Inserts resources into a map by id, refusing duplicates across every kind.
fn insert_all<T>(
    ids: &mut BTreeSet<String>,
    items: Vec<T>,
    id_of: fn(&T) -> &String,
) -> Result<BTreeMap<String, T>, LoadError> {
    let mut map = BTreeMap::new();
    for item in items {
        let id = id_of(&item).clone();
        if !ids.insert(id.clone()) {
            return Err(LoadError::DuplicateId(id));
        }
        map.insert(id, item);
    }
    Ok(map)
}

fn claim(
    book: &mut AddressBook,
    address: Ipv4Addr,
    owner: &str,
    place: &str,
) -> Result<(), LoadError> {
    book.claim(address, owner).map_err(|problem| match problem {
        ClaimProblem::OutOfRange => invalid(
            owner,
            format!("{address} is not a usable address of {place}"),
        ),
        ClaimProblem::Taken(other) => {
            invalid(owner, format!("{address} is already used by {other}"))
        }
    })
}

fn claim_public(
    topology: &mut Topology,
    region_id: &str,
    address: Ipv4Addr,
    owner: &str,
) -> Result<(), LoadError> {
    let region = catalog::region(region_id).ok_or_else(|| {
        invalid(
            owner,
            format!("{region_id} is not a region of the catalogue"),
        )
    })?;
    let book = topology
        .public_books
        .entry(region.id.to_string())
        .or_insert_with(|| AddressBook::for_pool(region.public_pool()));
    claim(
        book,
        address,
        owner,
        &format!("the public pool of {region_id} ({})", region.public_pool()),
    )
}

/// Validates an unchecked document and builds the topology with its address books.
///
/// # Errors
/// The first problem found, as a [`LoadError`].
pub fn validate(stored: Stored) -> Result<Topology, LoadError> {
    if stored.vpclab != KIND {
        return Err(LoadError::NotATopology(Some(stored.vpclab)));
    }
    if stored.version != VERSION {
        return Err(if stored.version > VERSION {
            LoadError::FutureVersion {
                version: u64::from(stored.version),
                supported: VERSION,
            }
        } else {
            LoadError::BadVersion
        });
    }
    let mut ids = BTreeSet::new();
    let mut t = Topology::new(stored.rules);
    t.counters = stored.counters;
    t.vpcs = insert_all(&mut ids, stored.vpcs, |x| &x.id)?;
    t.vswitches = insert_all(&mut ids, stored.vswitches, |x| &x.id)?;
    t.security_groups = insert_all(&mut ids, stored.security_groups, |x| &x.id)?;
    t.instances = insert_all(&mut ids, stored.instances, |x| &x.id)?;
    t.data_centers = insert_all(&mut ids, stored.data_centers, |x| &x.id)?;
    t.nat_gateways = insert_all(&mut ids, stored.nat_gateways, |x| &x.id)?;
    t.vpn_gateways = insert_all(&mut ids, stored.vpn_gateways, |x| &x.id)?;
    t.customer_gateways = insert_all(&mut ids, stored.customer_gateways, |x| &x.id)?;
    t.vpn_connections = insert_all(&mut ids, stored.vpn_connections, |x| &x.id)?;
    t.vbrs = insert_all(&mut ids, stored.virtual_border_routers, |x| &x.id)?;
    t.load_balancers = insert_all(&mut ids, stored.load_balancers, |x| &x.id)?;
    t.db_instances = insert_all(&mut ids, stored.db_instances, |x| &x.id)?;
    t.eips = insert_all(&mut ids, stored.eips, |x| &x.id)?;

    check_vpcs(&t)?;
    check_vswitches(&mut t)?;
    check_security_groups(&t)?;
    check_addresses(&mut t)?;
    check_gateways(&t)?;
    check_eips(&t)?;
    check_routes(&t)?;
    check_counters(&t)?;
    Ok(t)
}

fn check_vpcs(t: &Topology) -> Result<(), LoadError> {
    for vpc in t.vpcs.values() {
        if catalog::region(&vpc.region_id).is_none() {
            return Err(invalid(
                &vpc.id,
                format!("{} is not a region of the catalogue", vpc.region_id),
            ));
        }
        let mut held = DisjointBlocks::new();
        for block in vpc.cidr_blocks() {
            if let Some(range) = net::forbidden_overlap(block) {
                return Err(invalid(
                    &vpc.id,
                    format!("{block} touches the reserved range {range}"),
                ));
            }
            if !(8..=28).contains(&block.prefix_len()) {
                return Err(invalid(
                    &vpc.id,
                    format!("{block}: a VPC block has a netmask from /8 to /28"),
                ));
            }
            if let Err(other) = held.claim(block, block) {
                return Err(invalid(&vpc.id, format!("{block} overlaps {other}")));
            }
        }
    }
    Ok(())
}

fn check_vswitches(t: &mut Topology) -> Result<(), LoadError> {
    let mut by_vpc: BTreeMap<&str, DisjointBlocks<&Vswitch>> = BTreeMap::new();
    for vswitch in t.vswitches.values() {
        let vpc = t
            .vpcs
            .get(&vswitch.vpc_id)
            .ok_or_else(|| dangling(&vswitch.id, "vpc_id", &vswitch.vpc_id))?;
        if !catalog::region(&vpc.region_id).is_some_and(|region| region.has_zone(&vswitch.zone_id))
        {
            return Err(invalid(
                &vswitch.id,
                format!("{} is not a zone of {}", vswitch.zone_id, vpc.region_id),
            ));
        }
        let block = vswitch.cidr_block;
        if block.trunc() != block || !(16..=29).contains(&block.prefix_len()) {
            return Err(invalid(
                &vswitch.id,
                format!("{block} is not a VSwitch block (/16 to /29, no host bits)"),
            ));
        }
        if !vpc.cidr_blocks().any(|outer| net::is_inside(block, outer)) {
            return Err(invalid(
                &vswitch.id,
                format!("{block} is not inside {}", vpc.id),
            ));
        }
        let siblings = by_vpc.entry(vswitch.vpc_id.as_str()).or_default();
        if let Err(other) = siblings.claim(block, vswitch) {
            return Err(invalid(
                &vswitch.id,
                format!("{block} overlaps {} ({})", other.id, other.cidr_block),
            ));
        }
    }
    t.private_books = t
        .vswitches
        .values()
        .map(|vswitch| {
            (
                vswitch.id.clone(),
                AddressBook::for_vswitch(vswitch.cidr_block),
            )
        })
        .collect();
    Ok(())
}

fn check_security_groups(t: &Topology) -> Result<(), LoadError> {
    for sg in t.security_groups.values() {
        if !t.vpcs.contains_key(&sg.vpc_id) {
            return Err(dangling(&sg.id, "vpc_id", &sg.vpc_id));
        }
        for rule in &sg.rules {
            if let RulePeer::Group(peer) = &rule.peer {
                if t.security_groups
                    .get(peer)
                    .is_none_or(|p| p.vpc_id != sg.vpc_id)
                {
                    return Err(dangling(&sg.id, "rules.peer", peer));
                }
            }
        }
    }
    Ok(())
}

fn vswitch_in<'a>(t: &'a Topology, from: &str, vswitch_id: &str) -> Result<&'a Vswitch, LoadError> {
    t.vswitches
        .get(vswitch_id)
        .ok_or_else(|| dangling(from, "vswitch_id", vswitch_id))
}

fn region_of_vswitch(t: &Topology, vswitch_id: &str) -> String {
    t.vpc_of_vswitch(vswitch_id)
        .map(|vpc| vpc.region_id.clone())
        .unwrap_or_default()
}

/// Rebuilds the address books from every resource holding an address, refusing addresses
/// outside their VSwitch or pool, reserved ones and duplicates.
fn check_addresses(t: &mut Topology) -> Result<(), LoadError> {
    let mut private: Vec<(String, String, Ipv4Addr)> = Vec::new();
    let mut public: Vec<(String, String, Ipv4Addr)> = Vec::new();
    for instance in t.instances.values() {
        let vswitch = vswitch_in(t, &instance.id, &instance.vswitch_id)?;
        if instance.security_group_ids.is_empty() {
            return Err(invalid(
                &instance.id,
                "an instance belongs to at least one security group".into(),
            ));
        }
        for sg in &instance.security_group_ids {
            if t.security_groups
                .get(sg)
                .is_none_or(|group| group.vpc_id != vswitch.vpc_id)
            {
                return Err(dangling(&instance.id, "security_group_ids", sg));
            }
        }
        if instance.internet_max_bandwidth_out > t.rules.quotas().max_instance_bandwidth {
            return Err(invalid(
                &instance.id,
                format!(
                    "bandwidth {} is out of range",
                    instance.internet_max_bandwidth_out
                ),
            ));
        }
        private.push((
            vswitch.id.clone(),
            instance.id.clone(),
            instance.private_ip_address,
        ));
        if let Some(address) = instance.nat_public_ip {
            public.push((
                region_of_vswitch(t, &vswitch.id),
                instance.id.clone(),
                address,
            ));
        }
    }
    for lb in t.load_balancers.values() {
        vswitch_in(t, &lb.id, &lb.vswitch_id)?;
        private.push((lb.vswitch_id.clone(), lb.id.clone(), lb.address));
        if let Some(address) = lb.public_ip_address {
            public.push((region_of_vswitch(t, &lb.vswitch_id), lb.id.clone(), address));
        }
        for server in &lb.backend_servers {
            if !t.instances.contains_key(&server.server_id) {
                return Err(dangling(&lb.id, "backend_servers", &server.server_id));
            }
        }
    }
    for db in t.db_instances.values() {
        vswitch_in(t, &db.id, &db.vswitch_id)?;
        private.push((db.vswitch_id.clone(), db.id.clone(), db.private_ip_address));
    }
    for ngw in t.nat_gateways.values() {
        if !t.vpcs.contains_key(&ngw.vpc_id) {
            return Err(dangling(&ngw.id, "vpc_id", &ngw.vpc_id));
        }
        match (&ngw.vswitch_id, ngw.private_ip_address) {
            (Some(vswitch_id), Some(address)) => {
                let vswitch = vswitch_in(t, &ngw.id, vswitch_id)?;
                if vswitch.vpc_id != ngw.vpc_id {
                    return Err(invalid(
                        &ngw.id,
                        format!("{vswitch_id} is not in {}", ngw.vpc_id),
                    ));
                }
                private.push((vswitch_id.clone(), ngw.id.clone(), address));
            }
            (None, None) => {}
            _ => {
                return Err(invalid(
                    &ngw.id,
                    "a VSwitch and a private address go together".into(),
                ))
            }
        }
    }
    for vpn in t.vpn_gateways.values() {
        let vpc = t
            .vpcs
            .get(&vpn.vpc_id)
            .ok_or_else(|| dangling(&vpn.id, "vpc_id", &vpn.vpc_id))?;
        public.push((vpc.region_id.clone(), vpn.id.clone(), vpn.public_ip_address));
    }
    for eip in t.eips.values() {
        public.push((eip.region_id.clone(), eip.id.clone(), eip.ip_address));
    }
    for (vswitch_id, owner, address) in private {
        let place = t
            .vswitches
            .get(&vswitch_id)
            .map(|v| format!("{} ({})", v.id, v.cidr_block))
            .unwrap_or_default();
        if let Some(book) = t.private_books.get_mut(&vswitch_id) {
            claim(book, address, &owner, &place)?;
        }
    }
    for (region_id, owner, address) in public {
        claim_public(t, &region_id, address, &owner)?;
    }
    Ok(())
}

fn check_gateways(t: &Topology) -> Result<(), LoadError> {
    // The addresses of the EIPs bound to each resource, gathered once.
    let mut eip_addresses: BTreeMap<&str, BTreeSet<Ipv4Addr>> = BTreeMap::new();
    for eip in t.eips.values() {
        if let Some(binding) = &eip.binding {
            eip_addresses
                .entry(binding.instance_id.as_str())
                .or_default()
                .insert(eip.ip_address);
        }
    }
    for ngw in t.nat_gateways.values() {
        let is_eip_of_ngw = |address: &Ipv4Addr| {
            eip_addresses
                .get(ngw.id.as_str())
                .is_some_and(|addresses| addresses.contains(address))
        };
        for entry in &ngw.snat_entries {
            if let SnatSource::Vswitch(vswitch_id) = &entry.source {
                if t.vswitches
                    .get(vswitch_id)
                    .is_none_or(|v| v.vpc_id != ngw.vpc_id)
                {
                    return Err(dangling(&entry.id, "source", vswitch_id));
                }
            }
            if !is_eip_of_ngw(&entry.snat_ip) {
                return Err(invalid(
                    &entry.id,
                    format!("{} is not an EIP of {}", entry.snat_ip, ngw.id),
                ));
            }
        }
        for entry in &ngw.forward_entries {
            if !is_eip_of_ngw(&entry.external_ip) {
                return Err(invalid(
                    &entry.id,
                    format!("{} is not an EIP of {}", entry.external_ip, ngw.id),
                ));
            }
        }
    }
    for dc in t.data_centers.values() {
        if dc.cidr_block.trunc() != dc.cidr_block {
            return Err(invalid(
                &dc.id,
                format!("{} has host bits set", dc.cidr_block),
            ));
        }
    }
    for cgw in t.customer_gateways.values() {
        if catalog::region(&cgw.region_id).is_none() {
            return Err(invalid(
                &cgw.id,
                format!("{} is not a region of the catalogue", cgw.region_id),
            ));
        }
        if let Some(dc) = &cgw.data_center_id {
            if !t.data_centers.contains_key(dc) {
                return Err(dangling(&cgw.id, "data_center_id", dc));
            }
        }
    }
    for connection in t.vpn_connections.values() {
        if !t.vpn_gateways.contains_key(&connection.vpn_gateway_id) {
            return Err(dangling(
                &connection.id,
                "vpn_gateway_id",
                &connection.vpn_gateway_id,
            ));
        }
        if !t
            .customer_gateways
            .contains_key(&connection.customer_gateway_id)
        {
            return Err(dangling(
                &connection.id,
                "customer_gateway_id",
                &connection.customer_gateway_id,
            ));
        }
    }
    for vbr in t.vbrs.values() {
        if catalog::region(&vbr.region_id).is_none() || vbr.vlan_id > 2999 {
            return Err(invalid(
                &vbr.id,
                format!(
                    "region {} / VLAN {} is not valid",
                    vbr.region_id, vbr.vlan_id
                ),
            ));
        }
        if let Some(vpc) = &vbr.vpc_id {
            if !t.vpcs.contains_key(vpc) {
                return Err(dangling(&vbr.id, "vpc_id", vpc));
            }
        }
        if let Some(dc) = &vbr.data_center_id {
            if !t.data_centers.contains_key(dc) {
                return Err(dangling(&vbr.id, "data_center_id", dc));
            }
        }
    }
    Ok(())
}

fn check_eips(t: &Topology) -> Result<(), LoadError> {
    let mut bound = BTreeSet::new();
    for eip in t.eips.values() {
        let Some(binding) = &eip.binding else {
            continue;
        };
        let target = &binding.instance_id;
        let exists = match binding.instance_type {
            EipTargetType::EcsInstance => {
                t.instances.get(target).map(|i| i.nat_public_ip.is_none())
            }
            EipTargetType::Nat => t.nat_gateways.get(target).map(|_| true),
            EipTargetType::SlbInstance => t
                .load_balancers
                .get(target)
                .map(|lb| lb.public_ip_address.is_none()),
        };
        match exists {
            None => return Err(dangling(&eip.id, "binding", target)),
            Some(false) => {
                return Err(invalid(
                    &eip.id,
                    format!("{target} already has a public address"),
                ))
            }
            Some(true) => {}
        }
        if binding.instance_type != EipTargetType::Nat && !bound.insert(target.clone()) {
            return Err(invalid(&eip.id, format!("{target} has more than one EIP")));
        }
    }
    Ok(())
}

fn check_routes(t: &Topology) -> Result<(), LoadError> {
    // The VSwitches of each VPC, already known not to overlap.
    let mut vswitches: BTreeMap<&str, DisjointBlocks<&Vswitch>> = BTreeMap::new();
    for vswitch in t.vswitches.values() {
        let blocks = vswitches.entry(vswitch.vpc_id.as_str()).or_default();
        let _ = blocks.claim(vswitch.cidr_block, vswitch);
    }
    for vpc in t.vpcs.values() {
        let mut seen = BTreeSet::new();
        for entry in &vpc.route_entries {
            let block = entry.destination_cidr_block;
            if !seen.insert(block) {
                return Err(invalid(
                    &entry.id,
                    format!("{} repeats the destination {block}", vpc.route_table_id),
                ));
            }
            // A VSwitch holding the block is the only one overlapping it.
            if let Some(vswitch) = vswitches
                .get(vpc.id.as_str())
                .and_then(|blocks| blocks.overlapping(block))
                .filter(|v| net::is_inside(block, v.cidr_block))
            {
                return Err(invalid(
                    &entry.id,
                    format!("{block} is inside {} ({})", vswitch.id, vswitch.cidr_block),
                ));
            }
            let hop = &entry.next_hop_id;
            let known = match entry.next_hop_type {
                NextHopType::Instance => t.vpc_of_instance(hop).map(|v| v.id == vpc.id),
                NextHopType::VpnGateway => t.vpn_gateways.get(hop).map(|g| g.vpc_id == vpc.id),
                NextHopType::NatGateway => t.nat_gateways.get(hop).map(|g| g.vpc_id == vpc.id),
                NextHopType::RouterInterface => {
                    t.vbrs.get(hop).map(|vbr| vbr.region_id == vpc.region_id)
                }
            };
            if known != Some(true) {
                return Err(dangling(&entry.id, "next_hop_id", hop));
            }
        }
    }
    Ok(())
}

/// Every id's number must be at most its kind's counter, so new ids never collide.
fn check_counters(t: &Topology) -> Result<(), LoadError> {
    let mut ids: Vec<(&str, &str)> = Vec::new();
    for vpc in t.vpcs.values() {
        ids.extend([
            (prefix::VPC, vpc.id.as_str()),
            (prefix::VROUTER, &vpc.vrouter_id),
            (prefix::ROUTE_TABLE, &vpc.route_table_id),
        ]);
        ids.extend(
            vpc.route_entries
                .iter()
                .map(|e| (prefix::ROUTE_ENTRY, e.id.as_str())),
        );
    }
    ids.extend(t.vswitches.keys().map(|id| (prefix::VSWITCH, id.as_str())));
    ids.extend(t.instances.keys().map(|id| (prefix::INSTANCE, id.as_str())));
    ids.extend(t.eips.keys().map(|id| (prefix::EIP, id.as_str())));
    ids.extend(
        t.security_groups
            .keys()
            .map(|id| (prefix::SECURITY_GROUP, id.as_str())),
    );
    for ngw in t.nat_gateways.values() {
        ids.extend([
            (prefix::NAT_GATEWAY, ngw.id.as_str()),
            (prefix::SNAT_TABLE, &ngw.snat_table_id),
            (prefix::FORWARD_TABLE, &ngw.forward_table_id),
        ]);
        ids.extend(
            ngw.snat_entries
                .iter()
                .map(|e| (prefix::SNAT_ENTRY, e.id.as_str())),
        );
        ids.extend(
            ngw.forward_entries
                .iter()
                .map(|e| (prefix::FORWARD_ENTRY, e.id.as_str())),
        );
    }
    ids.extend(
        t.vpn_gateways
            .keys()
            .map(|id| (prefix::VPN_GATEWAY, id.as_str())),
    );
    ids.extend(
        t.customer_gateways
            .keys()
            .map(|id| (prefix::CUSTOMER_GATEWAY, id.as_str())),
    );
    ids.extend(
        t.vpn_connections
            .keys()
            .map(|id| (prefix::VPN_CONNECTION, id.as_str())),
    );
    ids.extend(t.vbrs.keys().map(|id| (prefix::VBR, id.as_str())));
    ids.extend(
        t.data_centers
            .keys()
            .map(|id| (prefix::DATA_CENTER, id.as_str())),
    );
    ids.extend(
        t.load_balancers
            .keys()
            .map(|id| (prefix::LOAD_BALANCER, id.as_str())),
    );
    ids.extend(
        t.db_instances
            .keys()
            .map(|id| (prefix::DB_INSTANCE, id.as_str())),
    );
    for (kind, id) in ids {
        let number = id_number(id, kind)
            .ok_or_else(|| invalid(id, format!("an id of this kind is {kind}-NNNN")))?;
        let counter = t.counters.get(kind).copied().unwrap_or(0);
        if number > counter {
            return Err(invalid(
                id,
                format!("the {kind} counter ({counter}) is behind this id"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::model::example::article_network;

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
            restore(r#"{"vpclab":"topology","version":2,"rules":"2020"}"#),
            Err(LoadError::FutureVersion {
                version: 2,
                supported: 1
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
        let mut value = article_value();
        value["counters"]["i"] = json!(1);
        assert!(matches!(
            restore_value(&value),
            Err(LoadError::Invalid { .. })
        ));
    }

    #[test]
    fn a_topology_document_from_an_unknown_field_is_refused() {
        let mut value = article_value();
        value["surprise"] = json!(true);
        assert!(matches!(restore_value(&value), Err(LoadError::Shape(_))));
    }
}
