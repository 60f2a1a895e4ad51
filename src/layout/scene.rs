//! The layout engine's input: a tree of what to draw, already in drawing order.
//!
//! A [`Scene`] knows nothing about Alibaba's rules; it only says which box holds which, what
//! each one is called, and which cross links exist. Order is significant everywhere: siblings
//! are placed in the order given, which should be creation order (id order), so that adding
//! one item never moves the items before it. [`Scene::from_topology`](crate::layout::Scene)
//! builds one from the model; tests and benchmarks build them by hand.
//!
//! Geometry is not part of the input. The coordinate system of the output is described in
//! [`crate::layout`] (origin top-left, y down, one unit ≈ one CSS pixel at zoom 1).

use serde::Serialize;

use super::diagram::{Badge, LinkKind};
use super::text::Detail;
use crate::model::ElementId;

/// One drawable item: the text it carries and, for a resource with a public address, its
/// badge. Used for leaves (instances, gateways, services) and as the header of containers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// The element it draws (for example `vsw-0001`, `i-0003`, or the region `ap-south-1`).
    pub id: ElementId,
    /// The name drawn as the title.
    pub label: String,
    /// Lines drawn under the title (CIDR, private IP, address usage), as data.
    pub detail: Vec<Detail>,
    /// The public address, if any.
    pub badge: Option<Badge>,
}

impl Item {
    /// An item with an id and a label, no detail lines and no badge.
    ///
    /// ```
    /// use vpclab::layout::scene::Item;
    /// use vpclab::model::ElementId;
    /// let internet = Item::new(ElementId::Internet, "Internet");
    /// assert!(internet.detail.is_empty());
    /// ```
    pub fn new(id: ElementId, label: impl Into<String>) -> Self {
        Self {
            id,
            label: label.into(),
            detail: Vec::new(),
            badge: None,
        }
    }

    /// An item that draws the resource with this Alibaba id.
    ///
    /// ```
    /// use vpclab::layout::scene::Item;
    /// use vpclab::layout::Detail;
    /// let vm = Item::resource("i-0001", "VM1").with_address("192.168.1.1");
    /// assert_eq!(vm.id.to_string(), "i-0001");
    /// assert_eq!(vm.detail, vec![Detail::address("192.168.1.1")]);
    /// ```
    pub fn resource(id: impl Into<String>, label: impl Into<String>) -> Self {
        Self::new(ElementId::Resource(id.into()), label)
    }

    /// The same item with one more detail line.
    #[must_use]
    pub fn with_detail(mut self, line: Detail) -> Self {
        self.detail.push(line);
        self
    }

    /// The same item with one more line showing an address or CIDR block.
    #[must_use]
    pub fn with_address(self, address: impl Into<String>) -> Self {
        self.with_detail(Detail::Address(address.into()))
    }

    /// The same item with a public-address badge.
    #[must_use]
    pub fn with_badge(mut self, badge: Badge) -> Self {
        self.badge = Some(badge);
        self
    }
}

/// Everything to draw: the regions (with their VPCs), the data centres outside the cloud, and
/// the cross links between items. The Internet is always drawn.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Scene {
    /// Regions, drawn left to right.
    pub regions: Vec<Region>,
    /// On-premises data centres, drawn in a row under the regions.
    pub datacenters: Vec<Item>,
    /// Links other than the ones the engine derives itself (VRouter → VSwitch and
    /// Internet → public address), for example VPN gateway → data centre. A link whose end
    /// is hidden in a collapsed VSwitch goes to that VSwitch's "+N more" node instead; a
    /// link to an id that is not in the scene is dropped.
    pub links: Vec<SceneLink>,
}

/// A link between two items of the scene.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SceneLink {
    /// The item it starts from.
    pub from: ElementId,
    /// The item it ends at.
    pub to: ElementId,
    /// What the link means.
    pub kind: LinkKind,
}

/// A region: its regional services, its VPCs and its Express Connect border routers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Region {
    /// The region's id ([`ElementId::Region`]), name and detail lines.
    pub item: Item,
    /// The region's OSS endpoint, drawn first in the services strip at the top.
    pub oss: Option<Item>,
    /// Unbound EIPs in the region's pool, drawn after OSS in the services strip.
    pub eips: Vec<Item>,
    /// VPCs, drawn left to right.
    pub vpcs: Vec<Vpc>,
    /// Virtual border routers (Express Connect), drawn in a strip at the bottom.
    pub vbrs: Vec<Item>,
}

/// A VPC: its VRouter and gateways in a band at the top, then one column per zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vpc {
    /// The VPC's id, name and detail lines (its CIDR blocks).
    pub item: Item,
    /// The VRouter, drawn first in the band; the engine links it to every VSwitch.
    pub vrouter: Item,
    /// NAT gateways, drawn in the band after the VRouter.
    pub nat_gateways: Vec<Item>,
    /// VPN gateways, drawn in the band after the NAT gateways.
    pub vpn_gateways: Vec<Item>,
    /// Zones, drawn as columns left to right.
    pub zones: Vec<Zone>,
}

/// One zone's column inside a VPC.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Zone {
    /// The column's id (an [`ElementId::Zone`], `vpc-0001/ap-south-1a`), the zone name and
    /// detail lines.
    pub item: Item,
    /// VSwitches, stacked top to bottom.
    pub vswitches: Vec<Vswitch>,
    /// CLB instances in this zone, drawn under the VSwitches.
    pub clbs: Vec<Item>,
    /// RDS instances in this zone, drawn after the CLBs.
    pub rds: Vec<Item>,
}

/// A VSwitch and the instances in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vswitch {
    /// The VSwitch's id, name and detail lines (CIDR, addresses used and free).
    pub item: Item,
    /// ECS instances, in creation order.
    pub instances: Vec<Item>,
}

impl Region {
    /// A region with nothing in it yet.
    pub fn new(item: Item) -> Region {
        Region {
            item,
            oss: None,
            eips: Vec::new(),
            vpcs: Vec::new(),
            vbrs: Vec::new(),
        }
    }
}

impl Vpc {
    /// A VPC with its VRouter and nothing else yet.
    pub fn new(item: Item, vrouter: Item) -> Vpc {
        Vpc {
            item,
            vrouter,
            nat_gateways: Vec::new(),
            vpn_gateways: Vec::new(),
            zones: Vec::new(),
        }
    }
}

impl Zone {
    /// A zone column with nothing in it yet.
    pub fn new(item: Item) -> Zone {
        Zone {
            item,
            vswitches: Vec::new(),
            clbs: Vec::new(),
            rds: Vec::new(),
        }
    }
}
