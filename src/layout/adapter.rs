//! From the model to a scene: which box each resource goes in, in which order, with which
//! text and links.
//!
//! This module decides no geometry (coordinates, in diagram units with the origin top-left
//! and y down, come from the engine). What it decides:
//! - **Order is creation order.** Ids are a prefix and a zero-padded counter (`i-0007`), so
//!   creation order is id order, compared by length first so `i-10000` follows `i-9999`.
//!   Zones appear in the order of their first VSwitch; regions in the order of their first
//!   VPC, then of their first EIP or border router.
//! - **Public addresses are badges.** An instance's NatPublicIP or EIP, a NAT gateway's or
//!   CLB's EIP, a VPN gateway's or internet CLB's own address. Only unbound EIPs are shapes
//!   of their own, in the region's pool.
//! - **Where things sit.** NAT and VPN gateways in the VPC's band; CLB and RDS in their
//!   VSwitch's zone column (with a link to the VSwitch); border routers and OSS in their
//!   region; data centres (and customer gateways that name no data centre) under everything.
//!
//! Its stages are functions of their own (`#[inline(never)]`), for the reason
//! [`crate::model::document`]'s validation gives: the whole layout as one 30 KB function
//! cost about 50 ms of V8's optimising compiler when 20,000 instances were first drawn.

use std::collections::{BTreeMap, HashMap};
use std::net::Ipv4Addr;

use crate::model::entity::{
    DataCenter, DbInstance, Eip, Instance, LoadBalancer, NatGateway, SnatSource,
    VirtualBorderRouter, Vpc as ModelVpc, VpnGateway, Vswitch as ModelVswitch,
};
use crate::model::{catalog, net, ElementId, Topology};

use super::diagram::{Badge, BadgeKind, LinkKind};
use super::engine::drawn_instances;
use super::scene::{Item, Region, Scene, SceneLink, Vpc, Vswitch, Zone};
use super::text::Detail;

/// Sorts resources into creation order: by id length, then by id.
fn creation_order<'a, T>(items: &mut [&'a T], id: impl Fn(&'a T) -> &'a str) {
    items.sort_by(|&a, &b| {
        let (a, b) = (id(a), id(b));
        (a.len(), a).cmp(&(b.len(), b))
    });
}

/// Every resource of a map, in creation order.
fn in_creation_order<'a, T>(
    items: impl Iterator<Item = &'a T>,
    id: impl Fn(&'a T) -> &'a str,
) -> Vec<&'a T> {
    let mut items: Vec<&T> = items.collect();
    creation_order(&mut items, id);
    items
}

/// The name to show: the given name, or the id when the name is empty.
fn title(name: &str, id: &str) -> String {
    if name.is_empty() { id } else { name }.to_owned()
}

/// Groups `items` by a key (an id), keeping each group in creation order. The groups are
/// few (VSwitches, VPCs) and the items many (20,000 instances): a B-tree of a few keys finds
/// a group in a handful of comparisons, where a hash map hashed every item's key.
fn grouped<'a, T>(
    items: impl Iterator<Item = &'a T>,
    key: impl Fn(&'a T) -> &'a str,
    id: impl Fn(&'a T) -> &'a str,
) -> BTreeMap<&'a str, Vec<&'a T>> {
    let mut groups: BTreeMap<&str, Vec<&T>> = BTreeMap::new();
    // Items come in id order, which mostly keeps a group's members together: a run of one
    // group is gathered before its group is looked up.
    let mut run: Vec<&T> = Vec::new();
    let mut run_key = "";
    for item in items {
        let item_key = key(item);
        if item_key != run_key && !run.is_empty() {
            groups.entry(run_key).or_default().append(&mut run);
        }
        run_key = item_key;
        run.push(item);
    }
    if !run.is_empty() {
        groups.entry(run_key).or_default().append(&mut run);
    }
    for group in groups.values_mut() {
        creation_order(group, &id);
    }
    groups
}

/// The members of the group `key`, or none.
fn members<'g, 'a, T>(groups: &'g BTreeMap<&'a str, Vec<&'a T>>, key: &str) -> &'g [&'a T] {
    groups.get(key).map_or(&[][..], Vec::as_slice)
}

/// The resources of a topology, grouped by where the scene puts them.
struct Groups<'a> {
    /// Instances by VSwitch.
    instances: BTreeMap<&'a str, Vec<&'a Instance>>,
    /// VSwitches by VPC.
    vswitches: BTreeMap<&'a str, Vec<&'a ModelVswitch>>,
    /// CLBs by VSwitch.
    clbs: BTreeMap<&'a str, Vec<&'a LoadBalancer>>,
    /// RDS instances by VSwitch.
    rds: BTreeMap<&'a str, Vec<&'a DbInstance>>,
    /// NAT gateways by VPC.
    nat_gateways: BTreeMap<&'a str, Vec<&'a NatGateway>>,
    /// VPN gateways by VPC.
    vpn_gateways: BTreeMap<&'a str, Vec<&'a VpnGateway>>,
    /// Every VPC, in creation order.
    vpcs: Vec<&'a ModelVpc>,
    /// Every EIP, in creation order.
    eips: Vec<&'a Eip>,
    /// The address of the EIP bound to each resource (the first by id, as
    /// [`Topology::eip_of`] answers), so an instance's badge is one lookup.
    eip_addresses: HashMap<&'a str, Ipv4Addr>,
    /// Every border router, in creation order.
    vbrs: Vec<&'a VirtualBorderRouter>,
}

/// The address of the first EIP (by id) bound to each resource.
fn eip_addresses(topology: &Topology) -> HashMap<&str, Ipv4Addr> {
    let mut addresses = HashMap::new();
    for eip in topology.eips().values() {
        if let Some(binding) = &eip.binding {
            addresses
                .entry(binding.instance_id.as_str())
                .or_insert(eip.ip_address);
        }
    }
    addresses
}

impl<'a> Groups<'a> {
    #[inline(never)]
    fn of(topology: &'a Topology) -> Groups<'a> {
        Groups {
            instances: grouped(
                topology.instances().values().map(|i| &**i),
                |i| i.vswitch_id.as_str(),
                |i| i.id.as_str(),
            ),
            vswitches: grouped(
                topology.vswitches().values(),
                |v| v.vpc_id.as_str(),
                |v| v.id.as_str(),
            ),
            clbs: grouped(
                topology.load_balancers().values(),
                |lb| lb.vswitch_id.as_str(),
                |lb| lb.id.as_str(),
            ),
            rds: grouped(
                topology.db_instances().values(),
                |db| db.vswitch_id.as_str(),
                |db| db.id.as_str(),
            ),
            nat_gateways: grouped(
                topology.nat_gateways().values(),
                |gw| gw.vpc_id.as_str(),
                |gw| gw.id.as_str(),
            ),
            vpn_gateways: grouped(
                topology.vpn_gateways().values(),
                |gw| gw.vpc_id.as_str(),
                |gw| gw.id.as_str(),
            ),
            vpcs: in_creation_order(topology.vpcs().values(), |v| v.id.as_str()),
            eips: in_creation_order(topology.eips().values(), |e| e.id.as_str()),
            eip_addresses: eip_addresses(topology),
            vbrs: in_creation_order(topology.virtual_border_routers().values(), |v| {
                v.id.as_str()
            }),
        }
    }

    /// The regions in order of first appearance: VPCs first, then EIPs, then VBRs.
    fn region_ids(&self) -> Vec<&'a str> {
        let mut region_ids: Vec<&str> = Vec::new();
        let sources = self
            .vpcs
            .iter()
            .map(|v| v.region_id.as_str())
            .chain(self.eips.iter().map(|e| e.region_id.as_str()))
            .chain(self.vbrs.iter().map(|v| v.region_id.as_str()));
        for region_id in sources {
            if !region_ids.contains(&region_id) {
                region_ids.push(region_id);
            }
        }
        region_ids
    }
}

struct Adapter<'a> {
    topology: &'a Topology,
    groups: Groups<'a>,
    links: Vec<SceneLink>,
    /// The options the scene will be laid out with, when known: the instances a collapsed
    /// VSwitch will not draw then get an item that holds their id only (all the layout
    /// reads of them: links to them go to the "+N more" node), instead of names,
    /// addresses and badges written for 20,000 instances of which a few hundred are drawn.
    options: Option<&'a super::LayoutOptions>,
}

impl<'a> Adapter<'a> {
    fn link(&mut self, from: ElementId, to: ElementId, kind: LinkKind) {
        self.links.push(SceneLink { from, to, kind });
    }

    /// A link between two resources, by their Alibaba ids.
    fn link_resources(&mut self, from: &str, to: &str, kind: LinkKind) {
        self.link(ElementId::resource(from), ElementId::resource(to), kind);
    }

    /// The badge of a resource that can hold EIPs (the first bound one).
    fn eip_badge(&self, resource_id: &str) -> Option<Badge> {
        self.topology
            .eip_of(resource_id)
            .map(|eip| Badge::new(BadgeKind::Eip, eip.ip_address.to_string()))
    }

    #[inline(never)]
    fn region(&mut self, region_id: &str) -> Region {
        let topology = self.topology;
        let mut item = Item::new(ElementId::Region(region_id.to_owned()), region_id);
        if let Some(known) = catalog::region(region_id) {
            item.label = known.name.to_owned();
            item = item.with_detail(Detail::text(region_id));
            if !topology.rules().is_open(known) {
                item = item.with_detail(Detail::RegionClosed);
            }
        }
        let oss = Item::new(ElementId::Oss(region_id.to_owned()), "OSS")
            .with_detail(Detail::InternalEndpoint);
        let vpcs: Vec<&ModelVpc> = self
            .groups
            .vpcs
            .iter()
            .copied()
            .filter(|v| v.region_id == region_id)
            .collect();
        let vpcs = vpcs.into_iter().map(|vpc| self.vpc(vpc, &oss.id)).collect();
        let pool = self
            .groups
            .eips
            .iter()
            .filter(|e| e.region_id == region_id && e.binding.is_none())
            .map(|e| {
                Item::resource(&e.id, title(&e.name, &e.id))
                    .with_detail(Detail::UnboundEip {
                        bandwidth: e.bandwidth,
                    })
                    .with_badge(Badge::new(BadgeKind::Eip, e.ip_address.to_string()))
            })
            .collect();
        Region {
            item,
            oss: Some(oss),
            eips: pool,
            vpcs,
            vbrs: self.vbrs(region_id),
        }
    }

    /// The border routers of a region, with their links to a VPC and a data centre.
    fn vbrs(&mut self, region_id: &str) -> Vec<Item> {
        let topology = self.topology;
        let vbrs: Vec<&VirtualBorderRouter> = self
            .groups
            .vbrs
            .iter()
            .copied()
            .filter(|v| v.region_id == region_id)
            .collect();
        let mut items = Vec::new();
        for vbr in vbrs {
            items.push(
                Item::resource(&vbr.id, title(&vbr.name, &vbr.id))
                    .with_detail(Detail::Vlan(vbr.vlan_id)),
            );
            if let Some(vpc) = vbr.vpc_id.as_deref().and_then(|id| topology.vpc(id)) {
                self.link_resources(&vpc.vrouter_id, &vbr.id, LinkKind::RouterInterface);
            }
            if let Some(dc) = &vbr.data_center_id {
                self.link_resources(&vbr.id, dc, LinkKind::ExpressConnect);
            }
        }
        items
    }

    #[inline(never)]
    fn vpc(&mut self, vpc: &ModelVpc, oss: &ElementId) -> Vpc {
        let mut item = Item::resource(&vpc.id, title(&vpc.name, &vpc.id));
        item.detail = vpc
            .cidr_blocks()
            .map(|block| Detail::address(block.to_string()))
            .collect();
        let routes = self.topology.system_routes(&vpc.id).len() + vpc.route_entries.len();
        let vrouter =
            Item::resource(&vpc.vrouter_id, "VRouter").with_detail(Detail::Routes(routes));
        self.link(vrouter.id.clone(), oss.clone(), LinkKind::Service);
        let zones = self.zones(vpc);
        let gateways = self.groups.nat_gateways.get(vpc.id.as_str()).cloned();
        let nat_gateways = gateways
            .unwrap_or_default()
            .into_iter()
            .map(|gateway| self.nat_gateway(vpc, gateway))
            .collect();
        let vpn_gateways = members(&self.groups.vpn_gateways, &vpc.id)
            .iter()
            .map(|gw| {
                Item::resource(&gw.id, title(&gw.name, &gw.id))
                    .with_detail(Detail::Bandwidth(gw.bandwidth))
                    .with_badge(Badge::new(
                        BadgeKind::Public,
                        gw.public_ip_address.to_string(),
                    ))
            })
            .collect();
        Vpc {
            item,
            vrouter,
            nat_gateways,
            vpn_gateways,
            zones,
        }
    }

    /// A NAT gateway, with a link to each VSwitch or instance an SNAT entry serves.
    fn nat_gateway(&mut self, vpc: &ModelVpc, gateway: &NatGateway) -> Item {
        let topology = self.topology;
        let mut item = Item::resource(&gateway.id, title(&gateway.name, &gateway.id));
        if let Some(ip) = gateway.private_ip_address {
            item = item.with_address(ip.to_string());
        }
        item.badge = self.eip_badge(&gateway.id);
        for entry in &gateway.snat_entries {
            match &entry.source {
                SnatSource::Vswitch(vswitch) => {
                    self.link_resources(&gateway.id, vswitch, LinkKind::Snat);
                }
                SnatSource::Cidr(block) if block.prefix_len() == 32 => {
                    if let Some(holder) = topology.holder_of(&vpc.id, block.addr()) {
                        self.link_resources(&gateway.id, holder, LinkKind::Snat);
                    }
                }
                SnatSource::Cidr(_) => {}
            }
        }
        item
    }

    /// The zone columns of a VPC, in the order of their first VSwitch.
    fn zones(&mut self, vpc: &ModelVpc) -> Vec<Zone> {
        let mut zones: Vec<Zone> = Vec::new();
        let vswitches = members(&self.groups.vswitches, &vpc.id).to_vec();
        for vswitch in vswitches {
            let id = ElementId::zone(&vpc.id, &vswitch.zone_id);
            let at = match zones.iter().position(|z| z.item.id == id) {
                Some(at) => at,
                None => {
                    zones.push(Zone::new(Item::new(id, &vswitch.zone_id)));
                    zones.len() - 1
                }
            };
            let drawn = self.vswitch(vswitch);
            zones[at].vswitches.push(drawn);
            self.services(vswitch, &mut zones[at]);
        }
        zones
    }

    /// The CLB and RDS instances of a VSwitch, drawn in its zone's column, with their links.
    fn services(&mut self, vswitch: &ModelVswitch, zone: &mut Zone) {
        let clbs = members(&self.groups.clbs, &vswitch.id).to_vec();
        for lb in clbs {
            let mut item = Item::resource(&lb.id, title(&lb.name, &lb.id))
                .with_address(lb.address.to_string())
                .with_detail(Detail::BackEnds(lb.backend_servers.len()));
            item.badge = self.eip_badge(&lb.id).or_else(|| {
                lb.public_ip_address
                    .map(|ip| Badge::new(BadgeKind::Public, ip.to_string()))
            });
            zone.clbs.push(item);
            self.link_resources(&lb.id, &vswitch.id, LinkKind::Attachment);
            for backend in &lb.backend_servers {
                self.link_resources(&lb.id, &backend.server_id, LinkKind::Backend);
            }
        }
        let databases = members(&self.groups.rds, &vswitch.id).to_vec();
        for db in databases {
            zone.rds.push(
                Item::resource(&db.id, title(&db.name, &db.id))
                    .with_detail(Detail::text(&db.engine))
                    .with_address(db.private_ip_address.to_string()),
            );
            self.link_resources(&db.id, &vswitch.id, LinkKind::Attachment);
        }
    }

    #[inline(never)]
    fn vswitch(&self, vswitch: &ModelVswitch) -> Vswitch {
        // A VSwitch holds at most a /16's 65,532 hosts: a count that fits any `usize`.
        let used = usize::try_from(self.topology.used_hosts(&vswitch.id)).unwrap_or(usize::MAX);
        let free = self.topology.free_hosts(&vswitch.id);
        let item = Item::resource(&vswitch.id, title(&vswitch.name, &vswitch.id))
            .with_address(vswitch.cidr_block.to_string())
            .with_detail(Detail::Usage { used, free });
        let members = members(&self.groups.instances, &vswitch.id);
        let drawn = self.options.map_or(members.len(), |options| {
            let expanded = options.expanded.contains(&vswitch.id);
            drawn_instances(members.len(), expanded, options.collapse_threshold)
        });
        let hidden = members[drawn..]
            .iter()
            .map(|instance| Item::resource(&instance.id, String::new()));
        let instances = members[..drawn]
            .iter()
            .map(|instance| {
                // What `Topology::public_ip_of` answers, without looking the instance up
                // again or scanning the EIPs for each of thousands of instances.
                let public = instance
                    .nat_public_ip
                    .map(|ip| (ip, BadgeKind::NatPublicIp))
                    .or_else(|| {
                        let ip = self.groups.eip_addresses.get(instance.id.as_str())?;
                        Some((*ip, BadgeKind::Eip))
                    });
                let mut item = Item::resource(&instance.id, title(&instance.name, &instance.id))
                    .with_address(net::dotted(instance.private_ip_address));
                item.badge = public.map(|(ip, kind)| Badge::new(kind, net::dotted(ip)));
                item
            })
            .chain(hidden)
            .collect();
        Vswitch { item, instances }
    }

    /// Data centres, then customer gateways that stand for no data centre of ours; and the
    /// IPsec connections' links to them.
    fn datacenters(&mut self) -> Vec<Item> {
        let topology = self.topology;
        let datacenters_in: Vec<&DataCenter> =
            in_creation_order(topology.data_centers().values(), |d| d.id.as_str());
        let mut datacenters: Vec<Item> = datacenters_in
            .iter()
            .map(|dc| {
                Item::resource(&dc.id, title(&dc.name, &dc.id))
                    .with_address(dc.cidr_block.to_string())
            })
            .collect();
        let customer_gateways =
            in_creation_order(topology.customer_gateways().values(), |c| c.id.as_str());
        for cgw in customer_gateways
            .iter()
            .filter(|c| c.data_center_id.is_none())
        {
            datacenters.push(
                Item::resource(&cgw.id, title(&cgw.name, &cgw.id))
                    .with_detail(Detail::GatewayAddress(cgw.ip_address.to_string())),
            );
        }
        let connections = in_creation_order(topology.vpn_connections().values(), |c| c.id.as_str());
        for connection in connections {
            let far_end = topology
                .customer_gateway(&connection.customer_gateway_id)
                .map(|cgw| cgw.data_center_id.as_deref().unwrap_or(&cgw.id));
            if let Some(far_end) = far_end {
                self.link_resources(&connection.vpn_gateway_id, far_end, LinkKind::Vpn);
            }
        }
        datacenters
    }
}

impl Scene {
    /// The scene of a whole topology.
    ///
    /// Siblings come in creation order (ids compared by length, then text, so `i-10000`
    /// follows `i-9999`); zones in the order of their first VSwitch; regions in the order of
    /// their first VPC, then EIP, then border router. Public addresses are badges (an
    /// instance's NatPublicIP or EIP, a NAT gateway's or CLB's EIP, a VPN gateway's or
    /// internet CLB's own address); only unbound EIPs are shapes, in the region's pool. NAT
    /// and VPN gateways sit in the VPC's band, CLB and RDS in their VSwitch's zone column,
    /// OSS and border routers in the region, data centres (and customer gateways that name
    /// none) under everything. Security groups are not drawn.
    ///
    /// ```
    /// use vpclab::layout::Scene;
    /// let scene = Scene::from_topology(&vpclab::model::example::article_network());
    /// assert_eq!(scene.regions.len(), 1);
    /// assert_eq!(scene.regions[0].vpcs[0].zones.len(), 2);
    /// ```
    pub fn from_topology(topology: &Topology) -> Scene {
        Scene::adapted(topology, None)
    }

    /// The scene of `topology`, lean where `options` will not draw (see
    /// [`Adapter::options`]).
    #[inline(never)]
    fn adapted(topology: &Topology, options: Option<&super::LayoutOptions>) -> Scene {
        let mut adapter = Adapter {
            topology,
            groups: Groups::of(topology),
            links: Vec::new(),
            options,
        };
        let regions = adapter
            .groups
            .region_ids()
            .into_iter()
            .map(|region_id| adapter.region(region_id))
            .collect();
        let datacenters = adapter.datacenters();
        Scene {
            regions,
            datacenters,
            links: adapter.links,
        }
    }
}

/// Lays out a topology: [`Scene::from_topology`] then [`Scene::layout`] (the scene built for
/// `options`: the instances a collapsed VSwitch hides carry their ids only, which gives the
/// same diagram).
///
/// ```
/// use vpclab::layout::{diagram, LayoutOptions};
/// use vpclab::model::ElementKind;
/// let article = vpclab::model::example::article_network();
/// let drawn = diagram(&article, &LayoutOptions::default());
/// assert_eq!(drawn.count(ElementKind::Instance), 3);
/// ```
pub fn diagram(topology: &Topology, options: &super::LayoutOptions) -> super::Diagram {
    let mut scene = Scene::adapted(topology, Some(options));
    scene.name_places(&options.place_names);
    scene.layout(options)
}

impl Scene {
    /// Draws regions and zones with the given names (by region or zone id), as
    /// [`LayoutOptions::place_names`](super::LayoutOptions::place_names) holds them.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use vpclab::layout::Scene;
    /// let mut scene = Scene::from_topology(&vpclab::model::example::article_network());
    /// let names = BTreeMap::from([("ap-south-1".to_string(), "India (Bombay)".to_string())]);
    /// scene.name_places(&names);
    /// assert_eq!(scene.regions[0].item.label, "India (Bombay)");
    /// ```
    pub fn name_places(&mut self, names: &std::collections::BTreeMap<String, String>) {
        if names.is_empty() {
            return;
        }
        for region in &mut self.regions {
            if let ElementId::Region(id) = &region.item.id {
                if let Some(name) = names.get(id) {
                    region.item.label.clone_from(name);
                }
            }
            for zone in region.vpcs.iter_mut().flat_map(|vpc| vpc.zones.iter_mut()) {
                if let ElementId::Zone { zone: id, .. } = &zone.item.id {
                    if let Some(name) = names.get(id) {
                        zone.item.label.clone_from(name);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{scenario, PublicIpKind};

    /// Every instance's item says its address and its public address as the model answers
    /// them (`public_ip_of`): the adapter reads them its own faster way.
    #[test]
    fn instance_items_carry_the_models_addresses() {
        let mut badges = 0;
        for (path, parsed) in scenario::test_files() {
            let network = scenario::run(&parsed).topology;
            let scene = Scene::from_topology(&network);
            let items = scene
                .regions
                .iter()
                .flat_map(|region| &region.vpcs)
                .flat_map(|vpc| &vpc.zones)
                .flat_map(|zone| &zone.vswitches)
                .flat_map(|vswitch| &vswitch.instances);
            let mut seen = 0;
            for item in items {
                let id = item.id.as_resource().expect("a resource");
                let instance = network.instance(id).expect("an instance");
                let expected = network.public_ip_of(id).map(|(ip, kind)| {
                    let kind = match kind {
                        PublicIpKind::NatPublicIp => BadgeKind::NatPublicIp,
                        PublicIpKind::Eip => BadgeKind::Eip,
                    };
                    Badge::new(kind, ip.to_string())
                });
                assert_eq!(item.badge, expected, "{} in {}", id, path.display());
                assert!(
                    item.detail.iter().any(|detail| *detail
                        == Detail::Address(instance.private_ip_address.to_string())),
                    "{id}"
                );
                badges += usize::from(expected.is_some());
                seen += 1;
            }
            assert_eq!(seen, network.instances().len(), "{}", path.display());
        }
        assert!(badges > 20, "{badges} badges");
    }
}
