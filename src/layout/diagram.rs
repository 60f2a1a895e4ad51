//! The layout engine's output: positioned shapes and routed links, ready to draw.
//!
//! Coordinates are diagram units: origin at the top-left corner, x to the right, y down, one
//! unit ≈ one CSS pixel at zoom 1. [`Diagram::shapes`] lists parents before their children,
//! so drawing in order paints containers behind their contents.

use serde::Serialize;

use super::engine::Arrangement;
use super::geometry::{Point, Rect};
use super::metrics;
use super::text::{self, Detail, TextLine};

/// What a shape stands for; the UI writes it into `data-kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShapeKind {
    /// A region box.
    Region,
    /// A zone column inside a VPC.
    Zone,
    /// A VPC box.
    Vpc,
    /// The VPC's VRouter, the hub of its routes.
    Vrouter,
    /// A VSwitch box.
    Vswitch,
    /// An ECS instance.
    Instance,
    /// An unbound EIP in the region's pool.
    Eip,
    /// A NAT gateway.
    Natgw,
    /// A VPN gateway.
    Vpngw,
    /// A virtual border router (Express Connect).
    Vbr,
    /// An on-premises data centre.
    Datacenter,
    /// A CLB (server load balancer) instance.
    Clb,
    /// An RDS database instance.
    Rds,
    /// The region's OSS service.
    Oss,
    /// The Internet.
    Internet,
    /// The "+N more" node that stands for the collapsed rest of a VSwitch.
    More,
}

impl ShapeKind {
    /// The name used in `data-kind` and in snapshots (`"vswitch"`, `"more"`...).
    ///
    /// ```
    /// use vpclab::layout::ShapeKind;
    /// assert_eq!(ShapeKind::Natgw.as_str(), "natgw");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Region => "region",
            Self::Zone => "zone",
            Self::Vpc => "vpc",
            Self::Vrouter => "vrouter",
            Self::Vswitch => "vswitch",
            Self::Instance => "instance",
            Self::Eip => "eip",
            Self::Natgw => "natgw",
            Self::Vpngw => "vpngw",
            Self::Vbr => "vbr",
            Self::Datacenter => "datacenter",
            Self::Clb => "clb",
            Self::Rds => "rds",
            Self::Oss => "oss",
            Self::Internet => "internet",
            Self::More => "more",
        }
    }

    /// Whether shapes of this kind hold other shapes (region, VPC, zone, VSwitch).
    pub const fn is_container(self) -> bool {
        matches!(self, Self::Region | Self::Vpc | Self::Zone | Self::Vswitch)
    }

    /// The title's font size in diagram units. Detail lines use [`metrics::DETAIL_FONT`].
    pub const fn font_size(self) -> f64 {
        match self {
            Self::Region => 18.0,
            Self::Vpc => 17.0,
            Self::Zone | Self::Vswitch => 15.0,
            _ => metrics::LEAF_TITLE_FONT,
        }
    }
}

/// Which kind of public address a resource has, so the kinds can be drawn differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BadgeKind {
    /// A static public IP assigned at creation (NatPublicIP): released, never unbound.
    NatPublicIp,
    /// An elastic IP bound to the resource.
    Eip,
    /// A public address that belongs to the resource itself and is neither of the above
    /// (a VPN gateway's address, an internet-facing CLB's address).
    Public,
}

/// A public address shown on a resource.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Badge {
    /// Static public IP or EIP.
    pub kind: BadgeKind,
    /// The text to show, usually the address (`47.91.10.2`).
    pub text: String,
}

impl Badge {
    /// A badge of `kind` showing `text`.
    pub fn new(kind: BadgeKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
        }
    }
}

/// One positioned box or node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shape {
    /// What it stands for.
    pub kind: ShapeKind,
    /// The model id (stable across layouts). Zone columns use `<vpc id>/<zone id>`, the
    /// "+N more" node `<vswitch id>/more`, the Internet `internet`.
    pub id: String,
    /// The title: the resource's name (or its id when it has none); `+N` for a "+N more" node.
    pub label: String,
    /// Lines under the title, as data the UI words ([`Detail`]).
    pub detail: Vec<Detail>,
    /// The public address, if any.
    pub badge: Option<Badge>,
    /// Where it is drawn.
    pub rect: Rect,
    /// The id of the shape that contains it; `None` for top-level shapes (Internet, regions,
    /// data centres).
    pub parent: Option<String>,
    /// Where each line of text goes at full detail: the title first, then the detail lines,
    /// then the badge.
    pub text: Vec<TextLine>,
    /// Where the title may grow, centred, when zooming out leaves no room for the other lines
    /// (the whole node, or a container's header).
    pub title_area: Rect,
}

impl Shape {
    /// The lines worth drawing at zoom `scale` (1.0 = one unit per CSS pixel): see
    /// [`crate::layout::text`] for the level of detail.
    ///
    /// ```
    /// use vpclab::layout::{Scene, LayoutOptions, TextRole};
    /// let diagram = Scene::default().layout(&LayoutOptions::default());
    /// let internet = diagram.shape("internet").expect("always drawn");
    /// assert_eq!(internet.text_at(1.0)[0].role, TextRole::Title);
    /// assert!(internet.text_at(0.05).is_empty());
    /// ```
    pub fn text_at(&self, scale: f64) -> Vec<TextLine> {
        text::drawn_at(&self.text, scale, self.title_area, &self.label)
    }

    /// The box all its text occupies at full detail (`None` when it has none), which links
    /// keep off.
    pub fn text_bounds(&self) -> Option<Rect> {
        self.text
            .iter()
            .map(TextLine::bounds)
            .reduce(|a, b| a.union(&b))
    }
}

/// What a link means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// VRouter → VSwitch: the system route to the VSwitch's CIDR.
    Route,
    /// Internet → a resource with a public address.
    Internet,
    /// EIP → the resource it is bound to.
    EipBinding,
    /// VPN gateway → data centre (IPsec connection).
    Vpn,
    /// VBR → data centre (Express Connect physical connection).
    ExpressConnect,
    /// VRouter → VBR (router interface).
    RouterInterface,
    /// NAT gateway → the VSwitch or instance an SNAT entry serves.
    Snat,
    /// CLB → a back-end instance.
    Backend,
    /// CLB or RDS → the VSwitch it lives in.
    Attachment,
    /// VRouter → OSS over the internal network.
    Service,
}

/// A routed link between two shapes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// The id of the shape it starts from.
    pub from: String,
    /// The id of the shape it ends at.
    pub to: String,
    /// What it means.
    pub kind: LinkKind,
    /// The polyline, from the edge of `from` to the edge of `to`, with right-angle bends.
    pub points: Vec<Point>,
}

/// The laid-out diagram: every shape and link, and the size of the whole drawing.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Diagram {
    /// Total width in diagram units (margins included).
    pub width: f64,
    /// Total height in diagram units (margins included).
    pub height: f64,
    /// Every shape, parents before children, siblings in creation order.
    pub shapes: Vec<Shape>,
    /// Every link.
    pub links: Vec<Link>,
    /// How it is arranged (chosen for the viewport of the [`crate::layout::LayoutOptions`]).
    pub arrangement: Arrangement,
}

impl Diagram {
    /// The shape with this id, if it is drawn.
    pub fn shape(&self, id: &str) -> Option<&Shape> {
        self.shapes.iter().find(|shape| shape.id == id)
    }

    /// The shapes directly inside the shape `id`, in order (`None`: the top-level shapes).
    pub fn children<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = &'a Shape> + 'a {
        self.shapes
            .iter()
            .filter(move |shape| shape.parent.as_deref() == id)
    }

    /// How many shapes of `kind` are drawn.
    pub fn count(&self, kind: ShapeKind) -> usize {
        self.shapes
            .iter()
            .filter(|shape| shape.kind == kind)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_the_data_kind_names_of_the_issue() {
        let names: Vec<&str> = [
            ShapeKind::Region,
            ShapeKind::Zone,
            ShapeKind::Vpc,
            ShapeKind::Vrouter,
            ShapeKind::Vswitch,
            ShapeKind::Instance,
            ShapeKind::Eip,
            ShapeKind::Natgw,
            ShapeKind::Vpngw,
            ShapeKind::Vbr,
            ShapeKind::Datacenter,
            ShapeKind::Clb,
            ShapeKind::Rds,
            ShapeKind::Oss,
            ShapeKind::Internet,
            ShapeKind::More,
        ]
        .into_iter()
        .map(ShapeKind::as_str)
        .collect();
        let expected = "region zone vpc vrouter vswitch instance eip natgw vpngw vbr datacenter clb rds oss internet more";
        assert_eq!(names.join(" "), expected);
        // serde writes the same names.
        let json = serde_json::to_string(&ShapeKind::Datacenter).unwrap_or_default();
        assert_eq!(json, "\"datacenter\"");
    }
}
