//! The topology: every resource of one network design, and read helpers that answer
//! questions about it in prose (`vswitches_of`, `instances_of`, `free_hosts`...).
//!
//! Resources live in ordered maps keyed by id, so iteration is deterministic. Ids are
//! generated per kind as prefix + zero-padded counter (`vpc-0001`, `vsw-0001`, `i-0001`)
//! and are never reused, even after a deletion; past 9999 they simply grow a digit.
//!
//! A topology changes only through [`crate::model::apply()`] (or
//! [`Topology::apply_in_place`]) and is loaded only through
//! [`crate::model::document::restore`], so the address books it keeps alongside the
//! resources (used and free addresses per VSwitch and per region's public pool) always
//! agree with them. Its serde form is the stored document, validated on the way in.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::catalog::{self, RuleSet};
use super::entity::{
    CustomerGateway, DataCenter, DbInstance, Eip, Instance, LoadBalancer, NatGateway,
    SecurityGroup, SystemRoute, SystemTarget, VirtualBorderRouter, Vpc, VpnConnection, VpnGateway,
    Vswitch,
};
use super::net::AddressBook;

/// The id prefix of each kind of resource.
pub mod prefix {
    /// VPCs.
    pub const VPC: &str = "vpc";
    /// VRouters.
    pub const VROUTER: &str = "vrt";
    /// Route tables.
    pub const ROUTE_TABLE: &str = "vtb";
    /// Custom route entries.
    pub const ROUTE_ENTRY: &str = "rte";
    /// VSwitches.
    pub const VSWITCH: &str = "vsw";
    /// ECS instances.
    pub const INSTANCE: &str = "i";
    /// EIPs (allocation ids).
    pub const EIP: &str = "eip";
    /// Security groups.
    pub const SECURITY_GROUP: &str = "sg";
    /// NAT gateways.
    pub const NAT_GATEWAY: &str = "ngw";
    /// SNAT tables.
    pub const SNAT_TABLE: &str = "stb";
    /// Forward (DNAT) tables.
    pub const FORWARD_TABLE: &str = "ftb";
    /// SNAT entries.
    pub const SNAT_ENTRY: &str = "snat";
    /// Forward (DNAT) entries.
    pub const FORWARD_ENTRY: &str = "fwd";
    /// VPN gateways.
    pub const VPN_GATEWAY: &str = "vpn";
    /// Customer gateways.
    pub const CUSTOMER_GATEWAY: &str = "cgw";
    /// IPsec connections.
    pub const VPN_CONNECTION: &str = "vco";
    /// Virtual border routers.
    pub const VBR: &str = "vbr";
    /// Data centres.
    pub const DATA_CENTER: &str = "idc";
    /// CLB instances.
    pub const LOAD_BALANCER: &str = "lb";
    /// RDS instances.
    pub const DB_INSTANCE: &str = "rm";
}

/// The number an id carries (`vsw-0012` → 12), if it has the given prefix.
pub fn id_number(id: &str, kind: &str) -> Option<u32> {
    id.strip_prefix(kind)?.strip_prefix('-')?.parse().ok()
}

/// `kind-NNNN`: the counter in decimal, zero-padded to four digits. Written digit by digit
/// into one allocation, since bulk builds generate an id per command.
fn id_text(kind: &str, counter: u32) -> String {
    let mut digits = [b'0'; 10];
    let mut rest = counter;
    let mut start = digits.len();
    while rest > 0 || start > digits.len() - 4 {
        start -= 1;
        // `rest % 10` is below 10, so the cast keeps it whole.
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    let mut id = String::with_capacity(kind.len() + 1 + digits.len() - start);
    id.push_str(kind);
    id.push('-');
    for digit in &digits[start..] {
        id.push(char::from(*digit));
    }
    id
}

/// The kinds of public address an instance can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicIpKind {
    /// A static public IP assigned at creation.
    NatPublicIp,
    /// An elastic IP bound to it.
    Eip,
}

/// A whole network design.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "super::document::Stored", try_from = "super::document::Stored")]
pub struct Topology {
    pub(crate) rules: RuleSet,
    pub(crate) counters: BTreeMap<String, u32>,
    pub(crate) vpcs: BTreeMap<String, Vpc>,
    pub(crate) vswitches: BTreeMap<String, Vswitch>,
    /// Instances are shared between copies of the network: the app copies it for every
    /// command it applies (so a refused command leaves it as it was), and at thousands of
    /// instances copying and then freeing each record was most of "Delete all".
    pub(crate) instances: BTreeMap<String, Rc<Instance>>,
    pub(crate) eips: BTreeMap<String, Eip>,
    pub(crate) security_groups: BTreeMap<String, SecurityGroup>,
    pub(crate) nat_gateways: BTreeMap<String, NatGateway>,
    pub(crate) vpn_gateways: BTreeMap<String, VpnGateway>,
    pub(crate) customer_gateways: BTreeMap<String, CustomerGateway>,
    pub(crate) vpn_connections: BTreeMap<String, VpnConnection>,
    pub(crate) vbrs: BTreeMap<String, VirtualBorderRouter>,
    pub(crate) data_centers: BTreeMap<String, DataCenter>,
    pub(crate) load_balancers: BTreeMap<String, LoadBalancer>,
    pub(crate) db_instances: BTreeMap<String, DbInstance>,
    /// Private addresses per VSwitch id.
    pub(crate) private_books: BTreeMap<String, AddressBook>,
    /// Public addresses per region id (present only while a region has one in use).
    pub(crate) public_books: BTreeMap<String, AddressBook>,
}

impl Default for Topology {
    fn default() -> Topology {
        Topology::new(RuleSet::Current)
    }
}

impl Topology {
    /// An empty topology following `rules`.
    ///
    /// ```
    /// use vpclab::model::{RuleSet, Topology};
    /// let topology = Topology::new(RuleSet::Y2020);
    /// assert_eq!(topology.rules(), RuleSet::Y2020);
    /// assert!(topology.vpcs().is_empty());
    /// ```
    pub fn new(rules: RuleSet) -> Topology {
        Topology {
            rules,
            counters: BTreeMap::new(),
            vpcs: BTreeMap::new(),
            vswitches: BTreeMap::new(),
            instances: BTreeMap::new(),
            eips: BTreeMap::new(),
            security_groups: BTreeMap::new(),
            nat_gateways: BTreeMap::new(),
            vpn_gateways: BTreeMap::new(),
            customer_gateways: BTreeMap::new(),
            vpn_connections: BTreeMap::new(),
            vbrs: BTreeMap::new(),
            data_centers: BTreeMap::new(),
            load_balancers: BTreeMap::new(),
            db_instances: BTreeMap::new(),
            private_books: BTreeMap::new(),
            public_books: BTreeMap::new(),
        }
    }

    /// The same topology under another rule set. Existing resources stay as they are, even
    /// where the new rules would refuse them (a closed region, a quota); only later commands
    /// follow the new rules.
    pub fn with_rules(mut self, rules: RuleSet) -> Topology {
        self.rules = rules;
        self
    }

    /// The rule set this topology follows.
    pub fn rules(&self) -> RuleSet {
        self.rules
    }

    /// The id counters, by prefix: the number of the last id generated of each kind.
    pub fn counters(&self) -> &BTreeMap<String, u32> {
        &self.counters
    }

    /// Every VPC, by id.
    pub fn vpcs(&self) -> &BTreeMap<String, Vpc> {
        &self.vpcs
    }
    /// Every VSwitch, by id.
    pub fn vswitches(&self) -> &BTreeMap<String, Vswitch> {
        &self.vswitches
    }
    /// Every ECS instance, by id.
    pub fn instances(&self) -> &BTreeMap<String, Rc<Instance>> {
        &self.instances
    }
    /// Every EIP, by allocation id.
    pub fn eips(&self) -> &BTreeMap<String, Eip> {
        &self.eips
    }
    /// Every security group, by id.
    pub fn security_groups(&self) -> &BTreeMap<String, SecurityGroup> {
        &self.security_groups
    }
    /// Every NAT gateway, by id.
    pub fn nat_gateways(&self) -> &BTreeMap<String, NatGateway> {
        &self.nat_gateways
    }
    /// Every VPN gateway, by id.
    pub fn vpn_gateways(&self) -> &BTreeMap<String, VpnGateway> {
        &self.vpn_gateways
    }
    /// Every customer gateway, by id.
    pub fn customer_gateways(&self) -> &BTreeMap<String, CustomerGateway> {
        &self.customer_gateways
    }
    /// Every IPsec connection, by id.
    pub fn vpn_connections(&self) -> &BTreeMap<String, VpnConnection> {
        &self.vpn_connections
    }
    /// Every virtual border router, by id.
    pub fn virtual_border_routers(&self) -> &BTreeMap<String, VirtualBorderRouter> {
        &self.vbrs
    }
    /// Every data centre, by id.
    pub fn data_centers(&self) -> &BTreeMap<String, DataCenter> {
        &self.data_centers
    }
    /// Every CLB, by id.
    pub fn load_balancers(&self) -> &BTreeMap<String, LoadBalancer> {
        &self.load_balancers
    }
    /// Every RDS instance, by id.
    pub fn db_instances(&self) -> &BTreeMap<String, DbInstance> {
        &self.db_instances
    }

    /// The VPC with this id.
    pub fn vpc(&self, id: &str) -> Option<&Vpc> {
        self.vpcs.get(id)
    }
    /// The VSwitch with this id.
    pub fn vswitch(&self, id: &str) -> Option<&Vswitch> {
        self.vswitches.get(id)
    }
    /// The instance with this id.
    pub fn instance(&self, id: &str) -> Option<&Instance> {
        self.instances.get(id).map(|instance| &**instance)
    }
    /// The EIP with this allocation id.
    pub fn eip(&self, id: &str) -> Option<&Eip> {
        self.eips.get(id)
    }
    /// The security group with this id.
    pub fn security_group(&self, id: &str) -> Option<&SecurityGroup> {
        self.security_groups.get(id)
    }
    /// The NAT gateway with this id.
    pub fn nat_gateway(&self, id: &str) -> Option<&NatGateway> {
        self.nat_gateways.get(id)
    }
    /// The VPN gateway with this id.
    pub fn vpn_gateway(&self, id: &str) -> Option<&VpnGateway> {
        self.vpn_gateways.get(id)
    }
    /// The customer gateway with this id.
    pub fn customer_gateway(&self, id: &str) -> Option<&CustomerGateway> {
        self.customer_gateways.get(id)
    }
    /// The IPsec connection with this id.
    pub fn vpn_connection(&self, id: &str) -> Option<&VpnConnection> {
        self.vpn_connections.get(id)
    }
    /// The virtual border router with this id.
    pub fn virtual_border_router(&self, id: &str) -> Option<&VirtualBorderRouter> {
        self.vbrs.get(id)
    }
    /// The data centre with this id.
    pub fn data_center(&self, id: &str) -> Option<&DataCenter> {
        self.data_centers.get(id)
    }
    /// The CLB with this id.
    pub fn load_balancer(&self, id: &str) -> Option<&LoadBalancer> {
        self.load_balancers.get(id)
    }
    /// The RDS instance with this id.
    pub fn db_instance(&self, id: &str) -> Option<&DbInstance> {
        self.db_instances.get(id)
    }

    /// The VPC whose system route table has this id; the VPC's own id is accepted too.
    pub fn vpc_of_route_table(&self, id: &str) -> Option<&Vpc> {
        self.vpcs
            .get(id)
            .or_else(|| self.vpcs.values().find(|vpc| vpc.route_table_id == id))
    }

    /// The VPCs of a region, by id.
    pub fn vpcs_in(&self, region_id: &str) -> impl Iterator<Item = &Vpc> + '_ {
        let region_id = region_id.to_string();
        self.vpcs
            .values()
            .filter(move |vpc| vpc.region_id == region_id)
    }

    /// The VSwitches of a VPC, by id.
    ///
    /// ```
    /// let article = vpclab::model::example::article_network();
    /// let vpc = article.vpcs().keys().next().unwrap();
    /// assert_eq!(article.vswitches_of(vpc).count(), 2);
    /// ```
    pub fn vswitches_of(&self, vpc_id: &str) -> impl Iterator<Item = &Vswitch> + '_ {
        let vpc_id = vpc_id.to_string();
        self.vswitches
            .values()
            .filter(move |vswitch| vswitch.vpc_id == vpc_id)
    }

    /// The instances of a VSwitch, in ascending order of private address.
    ///
    /// ```
    /// let article = vpclab::model::example::article_network();
    /// let zone1 = article.vswitches().values().find(|v| v.name == "vsw-zone1").unwrap();
    /// let names: Vec<_> = article.instances_of(&zone1.id).map(|i| i.name.as_str()).collect();
    /// assert_eq!(names, ["VM1", "VM2"]);
    /// ```
    pub fn instances_of(&self, vswitch_id: &str) -> impl Iterator<Item = &Instance> + '_ {
        self.private_books
            .get(vswitch_id)
            .into_iter()
            .flat_map(|book| book.used())
            .filter_map(move |(_, owner)| self.instance(owner))
    }

    /// The instances of a VPC, VSwitch by VSwitch.
    pub fn instances_in_vpc(&self, vpc_id: &str) -> impl Iterator<Item = &Instance> + '_ {
        self.vswitches_of(vpc_id)
            .flat_map(move |vswitch| self.instances_of(&vswitch.id))
    }

    /// The CLBs of a VSwitch, by id.
    pub fn load_balancers_of(&self, vswitch_id: &str) -> impl Iterator<Item = &LoadBalancer> + '_ {
        let vswitch_id = vswitch_id.to_string();
        self.load_balancers
            .values()
            .filter(move |lb| lb.vswitch_id == vswitch_id)
    }

    /// The RDS instances of a VSwitch, by id.
    pub fn db_instances_of(&self, vswitch_id: &str) -> impl Iterator<Item = &DbInstance> + '_ {
        let vswitch_id = vswitch_id.to_string();
        self.db_instances
            .values()
            .filter(move |db| db.vswitch_id == vswitch_id)
    }

    /// The NAT gateways of a VPC, by id.
    pub fn nat_gateways_of(&self, vpc_id: &str) -> impl Iterator<Item = &NatGateway> + '_ {
        let vpc_id = vpc_id.to_string();
        self.nat_gateways
            .values()
            .filter(move |ngw| ngw.vpc_id == vpc_id)
    }

    /// The VPN gateways of a VPC, by id.
    pub fn vpn_gateways_of(&self, vpc_id: &str) -> impl Iterator<Item = &VpnGateway> + '_ {
        let vpc_id = vpc_id.to_string();
        self.vpn_gateways
            .values()
            .filter(move |vpn| vpn.vpc_id == vpc_id)
    }

    /// The security groups of a VPC, by id.
    pub fn security_groups_of(&self, vpc_id: &str) -> impl Iterator<Item = &SecurityGroup> + '_ {
        let vpc_id = vpc_id.to_string();
        self.security_groups
            .values()
            .filter(move |sg| sg.vpc_id == vpc_id)
    }

    /// The instances that are members of a security group, by id.
    pub fn members_of(&self, security_group_id: &str) -> impl Iterator<Item = &Instance> + '_ {
        let security_group_id = security_group_id.to_string();
        self.instances
            .values()
            .map(|instance| &**instance)
            .filter(move |instance| instance.security_group_ids.contains(&security_group_id))
    }

    /// The security groups `instance` is a member of, in its own order (a group it names
    /// that no longer exists is left out).
    pub fn groups_of<'t, 'i>(
        &'t self,
        instance: &'i Instance,
    ) -> impl Iterator<Item = &'t SecurityGroup> + use<'t, 'i> {
        instance
            .security_group_ids
            .iter()
            .filter_map(|id| self.security_groups.get(id))
    }

    /// The default security group of a VPC, once RunInstances has created it.
    pub fn default_security_group_of(&self, vpc_id: &str) -> Option<&SecurityGroup> {
        self.security_groups_of(vpc_id).find(|sg| sg.is_default)
    }

    /// The EIPs bound to a resource (an instance has at most one; a NAT gateway may have
    /// several), by allocation id.
    pub fn eips_of<'t, 'r>(
        &'t self,
        resource_id: &'r str,
    ) -> impl Iterator<Item = &'t Eip> + use<'t, 'r> {
        self.eips.values().filter(move |eip| {
            eip.binding
                .as_ref()
                .is_some_and(|binding| binding.instance_id == resource_id)
        })
    }

    /// The EIP bound to a resource, if any (the first, for a NAT gateway).
    pub fn eip_of(&self, resource_id: &str) -> Option<&Eip> {
        self.eips_of(resource_id).next()
    }

    /// The public address of an instance and its kind: its NatPublicIP or its EIP.
    ///
    /// ```
    /// use vpclab::model::PublicIpKind;
    /// let article = vpclab::model::example::article_network();
    /// let vm1 = article.instances().values().find(|i| i.name == "VM1").unwrap();
    /// assert_eq!(article.public_ip_of(&vm1.id).map(|(_, kind)| kind), Some(PublicIpKind::NatPublicIp));
    /// ```
    pub fn public_ip_of(&self, instance_id: &str) -> Option<(Ipv4Addr, PublicIpKind)> {
        let instance = self.instances.get(instance_id)?;
        if let Some(address) = instance.nat_public_ip {
            return Some((address, PublicIpKind::NatPublicIp));
        }
        self.eip_of(instance_id)
            .map(|eip| (eip.ip_address, PublicIpKind::Eip))
    }

    /// The VPC a VSwitch belongs to.
    pub fn vpc_of_vswitch(&self, vswitch_id: &str) -> Option<&Vpc> {
        self.vswitches
            .get(vswitch_id)
            .and_then(|vswitch| self.vpcs.get(&vswitch.vpc_id))
    }

    /// The VPC an instance belongs to.
    pub fn vpc_of_instance(&self, instance_id: &str) -> Option<&Vpc> {
        self.instances
            .get(instance_id)
            .and_then(|instance| self.vpc_of_vswitch(&instance.vswitch_id))
    }

    /// The used private addresses of a VSwitch in ascending order, with the id of the
    /// resource holding each (instance, CLB, RDS instance or NAT gateway).
    ///
    /// ```
    /// let article = vpclab::model::example::article_network();
    /// let zone2 = article.vswitches().values().find(|v| v.name == "vsw-zone2").unwrap();
    /// let used: Vec<_> = article.used_addresses(&zone2.id).map(|(ip, _)| ip.to_string()).collect();
    /// assert_eq!(used, ["192.168.2.1"]);
    /// ```
    pub fn used_addresses(&self, vswitch_id: &str) -> impl Iterator<Item = (Ipv4Addr, &str)> + '_ {
        self.private_books
            .get(vswitch_id)
            .into_iter()
            .flat_map(|book| book.used())
    }

    /// How many private addresses of a VSwitch are still free (0 for an unknown VSwitch).
    ///
    /// ```
    /// let article = vpclab::model::example::article_network();
    /// let zone1 = article.vswitches().values().find(|v| v.name == "vsw-zone1").unwrap();
    /// assert_eq!(article.free_hosts(&zone1.id), 252 - 2);
    /// ```
    pub fn free_hosts(&self, vswitch_id: &str) -> u64 {
        self.private_books
            .get(vswitch_id)
            .map_or(0, AddressBook::free_count)
    }

    /// How many private addresses of a VSwitch are in use (0 for an unknown VSwitch), without
    /// walking them.
    ///
    /// ```
    /// let article = vpclab::model::example::article_network();
    /// let zone1 = article.vswitches().values().find(|v| v.name == "vsw-zone1").unwrap();
    /// assert_eq!(article.used_hosts(&zone1.id), 2);
    /// assert_eq!(article.used_hosts(&zone1.id), article.used_addresses(&zone1.id).count() as u64);
    /// ```
    pub fn used_hosts(&self, vswitch_id: &str) -> u64 {
        self.private_books
            .get(vswitch_id)
            .map_or(0, AddressBook::used_count)
    }

    /// The lowest free private address of a VSwitch: the one the next instance gets.
    pub fn next_free_address(&self, vswitch_id: &str) -> Option<Ipv4Addr> {
        self.private_books
            .get(vswitch_id)
            .and_then(AddressBook::lowest_free)
    }

    /// The VSwitch of a VPC whose block holds `address`.
    pub fn vswitch_holding(&self, vpc_id: &str, address: Ipv4Addr) -> Option<&Vswitch> {
        self.vswitches_of(vpc_id)
            .find(|vswitch| vswitch.cidr_block.contains(&address))
    }

    /// The id of the resource holding a private address in a VPC, if any.
    pub fn holder_of(&self, vpc_id: &str, address: Ipv4Addr) -> Option<&str> {
        let vswitch = self.vswitch_holding(vpc_id, address)?;
        self.private_books.get(&vswitch.id)?.owner(address)
    }

    /// The id of the resource holding a public address of a region (an EIP's allocation
    /// id, an instance with a NatPublicIP, a VPN gateway or an internet CLB).
    pub fn public_holder_of(&self, region_id: &str, address: Ipv4Addr) -> Option<&str> {
        self.public_books.get(region_id)?.owner(address)
    }

    /// The routes the VPC's system route table has by itself: one per VSwitch block, then
    /// cloud services over 100.64.0.0/10.
    ///
    /// ```
    /// let article = vpclab::model::example::article_network();
    /// let vpc = article.vpcs().keys().next().unwrap();
    /// let routes: Vec<_> = article.system_routes(vpc).iter().map(|r| r.destination_cidr_block.to_string()).collect();
    /// assert_eq!(routes, ["192.168.1.0/24", "192.168.2.0/24", "100.64.0.0/10"]);
    /// ```
    pub fn system_routes(&self, vpc_id: &str) -> Vec<SystemRoute> {
        let mut routes: Vec<SystemRoute> = self
            .vswitches_of(vpc_id)
            .map(|vswitch| SystemRoute {
                destination_cidr_block: vswitch.cidr_block,
                target: SystemTarget::Vswitch(vswitch.id.clone()),
            })
            .collect();
        routes.sort_by_key(|route| route.destination_cidr_block);
        routes.push(SystemRoute {
            destination_cidr_block: catalog::cloud_services_cidr(),
            target: SystemTarget::CloudServices,
        });
        routes
    }

    /// Whether any resource has this id.
    pub fn contains_id(&self, id: &str) -> bool {
        self.vpcs.contains_key(id)
            || self.vswitches.contains_key(id)
            || self.instances.contains_key(id)
            || self.eips.contains_key(id)
            || self.security_groups.contains_key(id)
            || self.nat_gateways.contains_key(id)
            || self.vpn_gateways.contains_key(id)
            || self.customer_gateways.contains_key(id)
            || self.vpn_connections.contains_key(id)
            || self.vbrs.contains_key(id)
            || self.data_centers.contains_key(id)
            || self.load_balancers.contains_key(id)
            || self.db_instances.contains_key(id)
    }

    /// Generates the next id of a kind.
    pub(crate) fn next_id(&mut self, kind: &str) -> String {
        let counter = match self.counters.get_mut(kind) {
            Some(counter) => counter,
            None => self.counters.entry(kind.to_string()).or_insert(0),
        };
        *counter += 1;
        id_text(kind, *counter)
    }

    /// The lowest free public address of a region's pool.
    pub(crate) fn next_public_address(&self, region_id: &str) -> Option<Ipv4Addr> {
        match self.public_books.get(region_id) {
            Some(book) => book.lowest_free(),
            None => {
                let region = catalog::region(region_id)?;
                AddressBook::for_pool(region.public_pool()).lowest_free()
            }
        }
    }

    /// Claims a public address of a region for `owner` (checked beforehand by the caller).
    pub(crate) fn claim_public(&mut self, region_id: &str, address: Ipv4Addr, owner: &str) -> bool {
        let Some(region) = catalog::region(region_id) else {
            return false;
        };
        self.public_books
            .entry(region_id.to_string())
            .or_insert_with(|| AddressBook::for_pool(region.public_pool()))
            .claim(address, owner)
            .is_ok()
    }

    /// Releases a public address of a region; a pool with nothing in use is dropped, so
    /// equal designs compare equal however they were reached.
    pub(crate) fn release_public(&mut self, region_id: &str, address: Ipv4Addr) {
        if let Some(book) = self.public_books.get_mut(region_id) {
            book.release(address);
            if book.used_count() == 0 {
                self.public_books.remove(region_id);
            }
        }
    }

    /// Hands a public address to a new owner.
    pub(crate) fn transfer_public(&mut self, region_id: &str, address: Ipv4Addr, owner: &str) {
        if let Some(book) = self.public_books.get_mut(region_id) {
            book.transfer(address, owner);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_prefixed_zero_padded_and_never_reused() {
        let mut topology = Topology::new(RuleSet::Current);
        assert_eq!(topology.next_id(prefix::VPC), "vpc-0001");
        assert_eq!(topology.next_id(prefix::VPC), "vpc-0002");
        assert_eq!(topology.next_id(prefix::INSTANCE), "i-0001");
        assert_eq!(id_number("vpc-0002", prefix::VPC), Some(2));
        assert_eq!(id_number("vpc-0002", prefix::VSWITCH), None);
    }

    #[test]
    fn ids_past_four_digits_grow_a_digit_as_the_padded_decimal_would() {
        for counter in [
            0,
            1,
            9,
            10,
            999,
            1000,
            9999,
            10_000,
            65_535,
            123_456_789,
            u32::MAX,
        ] {
            assert_eq!(id_text("i", counter), format!("i-{counter:04}"));
            assert_eq!(id_text("vsw", counter), format!("vsw-{counter:04}"));
        }
    }

    #[test]
    fn with_rules_changes_only_the_rule_set() {
        let topology = Topology::new(RuleSet::Y2020).with_rules(RuleSet::Current);
        assert_eq!(topology, Topology::new(RuleSet::Current));
    }
}
