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

use std::collections::HashMap;

use crate::model::entity::{Instance, SnatSource, Vswitch as ModelVswitch};
use crate::model::{catalog, PublicIpKind, Topology};

use super::diagram::{Badge, BadgeKind, LinkKind};
use super::scene::{Item, Region, Scene, SceneLink, Vpc, Vswitch, Zone};
use super::text::Detail;

/// Sorts resources into creation order: by id length, then by id.
fn creation_order<'a, T>(items: &mut [&'a T], id: impl Fn(&'a T) -> &'a str) {
    items.sort_by(|&a, &b| {
        let (a, b) = (id(a), id(b));
        (a.len(), a).cmp(&(b.len(), b))
    });
}

/// The name to show: the given name, or the id when the name is empty.
fn title(name: &str, id: &str) -> String {
    if name.is_empty() { id } else { name }.to_owned()
}

/// The id of a region's OSS shape.
pub fn oss_id(region_id: &str) -> String {
    format!("{region_id}/oss")
}

/// The id of a zone column inside a VPC.
pub fn zone_id(vpc_id: &str, zone: &str) -> String {
    format!("{vpc_id}/{zone}")
}

/// Groups `items` by a key, keeping each group in creation order and the groups in order of
/// first appearance.
fn grouped<'a, T>(
    items: impl Iterator<Item = &'a T>,
    key: impl Fn(&'a T) -> &'a str,
    id: impl Fn(&'a T) -> &'a str,
) -> HashMap<&'a str, Vec<&'a T>> {
    let mut groups: HashMap<&str, Vec<&T>> = HashMap::new();
    for item in items {
        groups.entry(key(item)).or_default().push(item);
    }
    for group in groups.values_mut() {
        creation_order(group, &id);
    }
    groups
}

struct Adapter<'a> {
    topology: &'a Topology,
    links: Vec<SceneLink>,
}

impl<'a> Adapter<'a> {
    fn link(&mut self, from: &str, to: &str, kind: LinkKind) {
        self.links.push(SceneLink {
            from: from.to_owned(),
            to: to.to_owned(),
            kind,
        });
    }

    /// The badge of a resource that can hold EIPs (the first bound one).
    fn eip_badge(&self, resource_id: &str) -> Option<Badge> {
        self.topology
            .eip_of(resource_id)
            .map(|eip| Badge::new(BadgeKind::Eip, eip.ip_address.to_string()))
    }

    fn vswitch(&self, vswitch: &ModelVswitch, instances: &[&Instance]) -> Vswitch {
        let used = self.topology.used_addresses(&vswitch.id).count();
        let free = self.topology.free_hosts(&vswitch.id);
        let item = Item::new(&vswitch.id, title(&vswitch.name, &vswitch.id))
            .with_address(vswitch.cidr_block.to_string())
            .with_detail(Detail::Usage { used, free });
        let instances = instances
            .iter()
            .map(|instance| {
                let mut item = Item::new(&instance.id, title(&instance.name, &instance.id))
                    .with_address(instance.private_ip_address.to_string());
                item.badge = self.topology.public_ip_of(&instance.id).map(|(ip, kind)| {
                    let kind = match kind {
                        PublicIpKind::NatPublicIp => BadgeKind::NatPublicIp,
                        PublicIpKind::Eip => BadgeKind::Eip,
                    };
                    Badge::new(kind, ip.to_string())
                });
                item
            })
            .collect();
        Vswitch { item, instances }
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
        let mut adapter = Adapter {
            topology,
            links: Vec::new(),
        };
        let instances = grouped(
            topology.instances().values(),
            |i| i.vswitch_id.as_str(),
            |i| i.id.as_str(),
        );
        let vswitches = grouped(
            topology.vswitches().values(),
            |v| v.vpc_id.as_str(),
            |v| v.id.as_str(),
        );
        let clbs = grouped(
            topology.load_balancers().values(),
            |lb| lb.vswitch_id.as_str(),
            |lb| lb.id.as_str(),
        );
        let rds = grouped(
            topology.db_instances().values(),
            |db| db.vswitch_id.as_str(),
            |db| db.id.as_str(),
        );
        let nat_gateways = grouped(
            topology.nat_gateways().values(),
            |gw| gw.vpc_id.as_str(),
            |gw| gw.id.as_str(),
        );
        let vpn_gateways = grouped(
            topology.vpn_gateways().values(),
            |gw| gw.vpc_id.as_str(),
            |gw| gw.id.as_str(),
        );

        // Regions, in order of first appearance.
        let mut vpcs: Vec<_> = topology.vpcs().values().collect();
        creation_order(&mut vpcs, |v| v.id.as_str());
        let mut eips: Vec<_> = topology.eips().values().collect();
        creation_order(&mut eips, |e| e.id.as_str());
        let mut vbrs: Vec<_> = topology.virtual_border_routers().values().collect();
        creation_order(&mut vbrs, |v| v.id.as_str());
        let mut region_ids: Vec<&str> = Vec::new();
        let region_sources = vpcs
            .iter()
            .map(|v| v.region_id.as_str())
            .chain(eips.iter().map(|e| e.region_id.as_str()))
            .chain(vbrs.iter().map(|v| v.region_id.as_str()));
        for region_id in region_sources {
            if !region_ids.contains(&region_id) {
                region_ids.push(region_id);
            }
        }

        let mut regions = Vec::with_capacity(region_ids.len());
        for region_id in region_ids {
            let mut item = Item::new(region_id, region_id);
            if let Some(known) = catalog::region(region_id) {
                item.label = known.name.to_owned();
                item = item.with_detail(Detail::text(region_id));
                if !topology.rules().is_open(known) {
                    item = item.with_detail(Detail::RegionClosed);
                }
            }
            let oss = Item::new(oss_id(region_id), "OSS").with_detail(Detail::InternalEndpoint);

            let mut region_vpcs = Vec::new();
            for vpc in vpcs.iter().filter(|v| v.region_id == region_id) {
                let mut vpc_item = Item::new(&vpc.id, title(&vpc.name, &vpc.id));
                vpc_item.detail = vpc
                    .cidr_blocks()
                    .map(|block| Detail::address(block.to_string()))
                    .collect();
                let routes = topology.system_routes(&vpc.id).len() + vpc.route_entries.len();
                let vrouter =
                    Item::new(&vpc.vrouter_id, "VRouter").with_detail(Detail::Routes(routes));
                adapter.link(&vpc.vrouter_id, &oss.id, LinkKind::Service);

                let mut zones: Vec<Zone> = Vec::new();
                for vswitch in vswitches.get(vpc.id.as_str()).into_iter().flatten() {
                    let id = zone_id(&vpc.id, &vswitch.zone_id);
                    let at = match zones.iter().position(|z| z.item.id == id) {
                        Some(at) => at,
                        None => {
                            zones.push(Zone {
                                item: Item::new(id, &vswitch.zone_id),
                                ..Zone::default()
                            });
                            zones.len() - 1
                        }
                    };
                    let members = instances
                        .get(vswitch.id.as_str())
                        .map_or(&[][..], Vec::as_slice);
                    let drawn = adapter.vswitch(vswitch, members);
                    let zone = &mut zones[at];
                    zone.vswitches.push(drawn);
                    for lb in clbs.get(vswitch.id.as_str()).into_iter().flatten() {
                        let mut item = Item::new(&lb.id, title(&lb.name, &lb.id))
                            .with_address(lb.address.to_string())
                            .with_detail(Detail::BackEnds(lb.backend_servers.len()));
                        item.badge = adapter.eip_badge(&lb.id).or_else(|| {
                            lb.public_ip_address
                                .map(|ip| Badge::new(BadgeKind::Public, ip.to_string()))
                        });
                        zone.clbs.push(item);
                        adapter.link(&lb.id, &vswitch.id, LinkKind::Attachment);
                        for backend in &lb.backend_servers {
                            adapter.link(&lb.id, &backend.server_id, LinkKind::Backend);
                        }
                    }
                    for db in rds.get(vswitch.id.as_str()).into_iter().flatten() {
                        zones[at].rds.push(
                            Item::new(&db.id, title(&db.name, &db.id))
                                .with_detail(Detail::text(&db.engine))
                                .with_address(db.private_ip_address.to_string()),
                        );
                        adapter.link(&db.id, &vswitch.id, LinkKind::Attachment);
                    }
                }

                let mut nat_items = Vec::new();
                for gw in nat_gateways.get(vpc.id.as_str()).into_iter().flatten() {
                    let mut item = Item::new(&gw.id, title(&gw.name, &gw.id));
                    if let Some(ip) = gw.private_ip_address {
                        item = item.with_address(ip.to_string());
                    }
                    item.badge = adapter.eip_badge(&gw.id);
                    nat_items.push(item);
                    for entry in &gw.snat_entries {
                        match &entry.source {
                            SnatSource::Vswitch(vswitch) => {
                                adapter.link(&gw.id, vswitch, LinkKind::Snat);
                            }
                            SnatSource::Cidr(block) if block.prefix_len() == 32 => {
                                if let Some(holder) = topology.holder_of(&vpc.id, block.addr()) {
                                    adapter.link(&gw.id, holder, LinkKind::Snat);
                                }
                            }
                            SnatSource::Cidr(_) => {}
                        }
                    }
                }
                let vpn_items = vpn_gateways
                    .get(vpc.id.as_str())
                    .into_iter()
                    .flatten()
                    .map(|gw| {
                        Item::new(&gw.id, title(&gw.name, &gw.id))
                            .with_detail(Detail::Bandwidth(gw.bandwidth))
                            .with_badge(Badge::new(
                                BadgeKind::Public,
                                gw.public_ip_address.to_string(),
                            ))
                    })
                    .collect();
                region_vpcs.push(Vpc {
                    item: vpc_item,
                    vrouter,
                    nat_gateways: nat_items,
                    vpn_gateways: vpn_items,
                    zones,
                });
            }

            let pool = eips
                .iter()
                .filter(|e| e.region_id == region_id && e.binding.is_none())
                .map(|e| {
                    Item::new(&e.id, title(&e.name, &e.id))
                        .with_detail(Detail::UnboundEip {
                            bandwidth: e.bandwidth,
                        })
                        .with_badge(Badge::new(BadgeKind::Eip, e.ip_address.to_string()))
                })
                .collect();
            let mut region_vbrs = Vec::new();
            for vbr in vbrs.iter().filter(|v| v.region_id == region_id) {
                region_vbrs.push(
                    Item::new(&vbr.id, title(&vbr.name, &vbr.id))
                        .with_detail(Detail::Vlan(vbr.vlan_id)),
                );
                if let Some(vpc) = vbr.vpc_id.as_deref().and_then(|id| topology.vpc(id)) {
                    adapter.link(&vpc.vrouter_id, &vbr.id, LinkKind::RouterInterface);
                }
                if let Some(dc) = &vbr.data_center_id {
                    adapter.link(&vbr.id, dc, LinkKind::ExpressConnect);
                }
            }
            regions.push(Region {
                item,
                oss: Some(oss),
                eips: pool,
                vpcs: region_vpcs,
                vbrs: region_vbrs,
            });
        }

        // Data centres, then customer gateways that stand for no data centre of ours.
        let mut datacenters_in: Vec<_> = topology.data_centers().values().collect();
        creation_order(&mut datacenters_in, |d| d.id.as_str());
        let mut datacenters: Vec<Item> = datacenters_in
            .iter()
            .map(|dc| {
                Item::new(&dc.id, title(&dc.name, &dc.id)).with_address(dc.cidr_block.to_string())
            })
            .collect();
        let mut customer_gateways: Vec<_> = topology.customer_gateways().values().collect();
        creation_order(&mut customer_gateways, |c| c.id.as_str());
        for cgw in customer_gateways
            .iter()
            .filter(|c| c.data_center_id.is_none())
        {
            datacenters.push(
                Item::new(&cgw.id, title(&cgw.name, &cgw.id))
                    .with_detail(Detail::GatewayAddress(cgw.ip_address.to_string())),
            );
        }
        let mut connections: Vec<_> = topology.vpn_connections().values().collect();
        creation_order(&mut connections, |c| c.id.as_str());
        for connection in connections {
            let far_end = topology
                .customer_gateway(&connection.customer_gateway_id)
                .map(|cgw| cgw.data_center_id.as_deref().unwrap_or(&cgw.id));
            if let Some(far_end) = far_end {
                adapter.link(&connection.vpn_gateway_id, far_end, LinkKind::Vpn);
            }
        }

        Scene {
            regions,
            datacenters,
            links: adapter.links,
        }
    }
}

/// Lays out a topology: [`Scene::from_topology`] then [`Scene::layout`].
///
/// ```
/// use vpclab::layout::{diagram, LayoutOptions, ShapeKind};
/// let article = vpclab::model::example::article_network();
/// let drawn = diagram(&article, &LayoutOptions::default());
/// assert_eq!(drawn.count(ShapeKind::Instance), 3);
/// ```
pub fn diagram(topology: &Topology, options: &super::LayoutOptions) -> super::Diagram {
    Scene::from_topology(topology).layout(options)
}
