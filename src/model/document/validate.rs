//! Validation: the one path from an unchecked [`Stored`] document to a [`Topology`].
//!
//! Everything is checked (ids, references, regions and zones, blocks and their overlaps,
//! addresses inside their VSwitch, unreserved and unique, id counters) before the topology
//! and its address books are built; the first problem found comes back as a [`LoadError`]
//! naming the id and field at fault.
//!
//! Each check is a function of its own (`#[inline(never)]`). V8 recompiles a function with
//! its optimising tier, on a background thread, once it has run long enough: validating
//! 20,000 instances as one 37 KB function cost about 120 ms of that compiling, on a machine
//! of two cores that also had the page to draw. Apart, only the checks that run long are
//! compiled again, and each is a few KB (`BENCHMARKS.md`, "Seventh round").

use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

use super::{LoadError, Stored, KIND, VERSION};
use crate::model::catalog;
use crate::model::entity::{
    EipTargetType, InnerAccessPolicy, NextHopType, RulePeer, SecurityGroupType, SnatSource, Vswitch,
};
use crate::model::limits::{VLAN_ID, VPC_PREFIX, VSWITCH_PREFIX};
use crate::model::net::{self, AddressBook, ClaimProblem, DisjointBlocks};
use crate::model::topology::{id_number, prefix, Topology};

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

/// A map of resources read before, asked whether an id is already one of its keys.
trait HoldsId {
    fn holds(&self, id: &str) -> bool;
    /// How many ids it holds.
    fn count(&self) -> usize;
    /// Whether `test` holds for any of its ids.
    fn any_id(&self, test: &mut dyn FnMut(&str) -> bool) -> bool;
}

impl<V> HoldsId for BTreeMap<String, V> {
    fn holds(&self, id: &str) -> bool {
        self.contains_key(id)
    }

    fn count(&self) -> usize {
        self.len()
    }

    fn any_id(&self, test: &mut dyn FnMut(&str) -> bool) -> bool {
        self.keys().any(|id| test(id))
    }
}

/// Inserts resources into a map by id, refusing an id seen before in this kind or in any
/// kind read before it (`earlier`): ids are unique across every kind. Asking the earlier
/// maps, rather than keeping every id in a set of its own, spares a copy and an insertion
/// per resource (20,000 instances opened from a share link spent 24 ms on that set).
///
/// A saved document lists each kind in id order (it is written from these maps), so the
/// list is first checked as a whole: in order, and sharing no id with an earlier kind,
/// each compared from the smaller side (a few VSwitches looked up among 20,000 instances,
/// not the reverse). Such a list is inserted without a lookup per resource. Anything else
/// (a hand-written file out of order, or a clash) checks each resource as it is inserted,
/// which finds the first clash in reading order: the error does not depend on which check
/// ran.
#[inline(never)]
fn insert_all<T, V: From<T>>(
    earlier: &[&dyn HoldsId],
    items: Vec<T>,
    id_of: fn(&T) -> &String,
) -> Result<BTreeMap<String, V>, LoadError> {
    let ids: Vec<&str> = items.iter().map(|item| id_of(item).as_str()).collect();
    let known_new = all_new(earlier, &ids);
    let mut map = BTreeMap::new();
    for item in items {
        let id = id_of(&item);
        if !known_new && (map.contains_key(id) || earlier.iter().any(|kind| kind.holds(id))) {
            return Err(LoadError::DuplicateId(id.clone()));
        }
        map.insert(id.clone(), V::from(item));
    }
    Ok(map)
}

/// Whether `ids` are in strictly increasing order (so none repeats) and none is an id of
/// an earlier kind. Not generic, so the thirteen kinds share its code.
fn all_new(earlier: &[&dyn HoldsId], ids: &[&str]) -> bool {
    ids.windows(2).all(|pair| pair[0] < pair[1])
        && !earlier.iter().any(|kind| {
            if kind.count() < ids.len() {
                kind.any_id(&mut |id| ids.binary_search(&id).is_ok())
            } else {
                ids.iter().any(|id| kind.holds(id))
            }
        })
}

/// Claims `address` for `owner` in `book`; `place` words the VSwitch or pool for an error
/// (built only then: a large network claims tens of thousands of addresses).
fn claim(
    book: &mut AddressBook,
    address: Ipv4Addr,
    owner: &str,
    place: impl FnOnce() -> String,
) -> Result<(), LoadError> {
    book.claim(address, owner).map_err(|problem| match problem {
        ClaimProblem::OutOfRange => invalid(
            owner,
            format!("{address} is not a usable address of {}", place()),
        ),
        ClaimProblem::Taken(other) => {
            invalid(owner, format!("{address} is already used by {other}"))
        }
    })
}

/// Claims a run of public addresses of one region (region, owner, address), in order.
fn claim_public(
    books: &mut BTreeMap<String, AddressBook>,
    run: &[(&str, &str, Ipv4Addr)],
) -> Result<(), LoadError> {
    let Some(&(region_id, first_owner, _)) = run.first() else {
        return Ok(());
    };
    let region = catalog::region(region_id).ok_or_else(|| {
        invalid(
            first_owner,
            format!("{region_id} is not a region of the catalogue"),
        )
    })?;
    let book = books
        .entry(region.id.to_string())
        .or_insert_with(|| AddressBook::for_pool(region.public_pool()));
    for &(_, owner, address) in run {
        claim(book, address, owner, || {
            format!("the public pool of {region_id} ({})", region.public_pool())
        })?;
    }
    Ok(())
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
    let mut t = Topology::new(stored.rules);
    t.counters = stored.counters;
    // Each kind is checked against the kinds read before it, which it then joins.
    let mut read: Vec<&dyn HoldsId> = Vec::with_capacity(13);
    t.vpcs = insert_all(&read, stored.vpcs, |x| &x.id)?;
    read.push(&t.vpcs);
    t.vswitches = insert_all(&read, stored.vswitches, |x| &x.id)?;
    read.push(&t.vswitches);
    t.security_groups = insert_all(&read, stored.security_groups, |x| &x.id)?;
    read.push(&t.security_groups);
    t.instances = insert_all(&read, stored.instances, |x| &x.id)?;
    read.push(&t.instances);
    t.data_centers = insert_all(&read, stored.data_centers, |x| &x.id)?;
    read.push(&t.data_centers);
    t.nat_gateways = insert_all(&read, stored.nat_gateways, |x| &x.id)?;
    read.push(&t.nat_gateways);
    t.vpn_gateways = insert_all(&read, stored.vpn_gateways, |x| &x.id)?;
    read.push(&t.vpn_gateways);
    t.customer_gateways = insert_all(&read, stored.customer_gateways, |x| &x.id)?;
    read.push(&t.customer_gateways);
    t.vpn_connections = insert_all(&read, stored.vpn_connections, |x| &x.id)?;
    read.push(&t.vpn_connections);
    t.vbrs = insert_all(&read, stored.virtual_border_routers, |x| &x.id)?;
    read.push(&t.vbrs);
    t.load_balancers = insert_all(&read, stored.load_balancers, |x| &x.id)?;
    read.push(&t.load_balancers);
    t.db_instances = insert_all(&read, stored.db_instances, |x| &x.id)?;
    read.push(&t.db_instances);
    t.eips = insert_all(&read, stored.eips, |x| &x.id)?;

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

#[inline(never)]
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
            if !VPC_PREFIX.contains(block.prefix_len()) {
                return Err(invalid(
                    &vpc.id,
                    format!(
                        "{block}: a VPC block has a netmask from /{} to /{}",
                        VPC_PREFIX.min, VPC_PREFIX.max
                    ),
                ));
            }
            if let Err(other) = held.claim(block, block) {
                return Err(invalid(&vpc.id, format!("{block} overlaps {other}")));
            }
        }
    }
    Ok(())
}

#[inline(never)]
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
        if block.trunc() != block || !VSWITCH_PREFIX.contains(block.prefix_len()) {
            return Err(invalid(
                &vswitch.id,
                format!(
                    "{block} is not a VSwitch block (/{} to /{}, no host bits)",
                    VSWITCH_PREFIX.min, VSWITCH_PREFIX.max
                ),
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

#[inline(never)]
fn check_security_groups(t: &Topology) -> Result<(), LoadError> {
    for sg in t.security_groups.values() {
        if !t.vpcs.contains_key(&sg.vpc_id) {
            return Err(dangling(&sg.id, "vpc_id", &sg.vpc_id));
        }
        if sg.group_type == SecurityGroupType::Enterprise
            && sg.inner_access_policy != InnerAccessPolicy::Drop
        {
            return Err(invalid(
                &sg.id,
                "an enterprise group always isolates its members (inner_access_policy Drop)".into(),
            ));
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

fn region_of_vswitch<'a>(t: &'a Topology, vswitch_id: &str) -> &'a str {
    t.vpc_of_vswitch(vswitch_id)
        .map_or("", |vpc| vpc.region_id.as_str())
}

/// Rebuilds the address books from every resource holding an address, refusing addresses
/// outside their VSwitch or pool, reserved ones and duplicates.
fn check_addresses(t: &mut Topology) -> Result<(), LoadError> {
    // The books are filled apart from the topology, so the claims can borrow its ids.
    let mut private_books = std::mem::take(&mut t.private_books);
    let mut public_books = std::mem::take(&mut t.public_books);
    claim_addresses(t, &mut private_books, &mut public_books)?;
    t.private_books = private_books;
    t.public_books = public_books;
    Ok(())
}

/// Gathers every address held (VSwitch or region, owner, address) and claims them in order.
#[inline(never)]
fn claim_addresses(
    t: &Topology,
    private_books: &mut BTreeMap<String, AddressBook>,
    public_books: &mut BTreeMap<String, AddressBook>,
) -> Result<(), LoadError> {
    let mut private: Vec<(&str, &str, Ipv4Addr)> = Vec::with_capacity(t.instances.len());
    let mut public: Vec<(&str, &str, Ipv4Addr)> = Vec::new();
    // Instances come in id order, which mostly keeps a VSwitch's and a group's together:
    // the last ones found are asked first (20,000 instances looked each up in the maps).
    let mut last_vswitch: Option<(&Vswitch, &str)> = None;
    let mut last_group: Option<(&str, &str)> = None;
    for instance in t.instances.values() {
        let (vswitch, region_id) = match last_vswitch {
            Some(found) if found.0.id == instance.vswitch_id => found,
            _ => {
                let vswitch = vswitch_in(t, &instance.id, &instance.vswitch_id)?;
                (vswitch, region_of_vswitch(t, &vswitch.id))
            }
        };
        last_vswitch = Some((vswitch, region_id));
        if instance.security_group_ids.is_empty() {
            return Err(invalid(
                &instance.id,
                "an instance belongs to at least one security group".into(),
            ));
        }
        for sg in &instance.security_group_ids {
            let group_vpc = match last_group {
                Some((id, vpc_id)) if id == sg => Some(vpc_id),
                _ => t.security_groups.get(sg).map(|group| group.vpc_id.as_str()),
            };
            if group_vpc != Some(vswitch.vpc_id.as_str()) {
                return Err(dangling(&instance.id, "security_group_ids", sg));
            }
            last_group = Some((sg, &vswitch.vpc_id));
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
        private.push((&vswitch.id, &instance.id, instance.private_ip_address));
        if let Some(address) = instance.nat_public_ip {
            public.push((region_id, &instance.id, address));
        }
    }
    for lb in t.load_balancers.values() {
        vswitch_in(t, &lb.id, &lb.vswitch_id)?;
        private.push((&lb.vswitch_id, &lb.id, lb.address));
        if let Some(address) = lb.public_ip_address {
            public.push((region_of_vswitch(t, &lb.vswitch_id), &lb.id, address));
        }
        for server in &lb.backend_servers {
            if !t.instances.contains_key(&server.server_id) {
                return Err(dangling(&lb.id, "backend_servers", &server.server_id));
            }
        }
    }
    for db in t.db_instances.values() {
        vswitch_in(t, &db.id, &db.vswitch_id)?;
        private.push((&db.vswitch_id, &db.id, db.private_ip_address));
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
                private.push((vswitch_id, &ngw.id, address));
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
        public.push((&vpc.region_id, &vpn.id, vpn.public_ip_address));
    }
    for eip in t.eips.values() {
        public.push((&eip.region_id, &eip.id, eip.ip_address));
    }
    // Claimed in order, a run of claims in one book at a time (one lookup per run).
    for run in private.chunk_by(|a, b| a.0 == b.0) {
        let vswitch_id = run[0].0;
        if let Some(book) = private_books.get_mut(vswitch_id) {
            for &(_, owner, address) in run {
                claim(book, address, owner, || {
                    t.vswitches
                        .get(vswitch_id)
                        .map(|v| format!("{} ({})", v.id, v.cidr_block))
                        .unwrap_or_default()
                })?;
            }
        }
    }
    for run in public.chunk_by(|a, b| a.0 == b.0) {
        claim_public(public_books, run)?;
    }
    Ok(())
}

#[inline(never)]
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
        if catalog::region(&vbr.region_id).is_none() || !VLAN_ID.contains(u32::from(vbr.vlan_id)) {
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

#[inline(never)]
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

#[inline(never)]
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
#[inline(never)]
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
