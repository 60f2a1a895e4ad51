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
use crate::model::{ElementId, ElementKind};

/// Whether shapes of this kind hold other shapes (region, VPC, zone, VSwitch).
///
/// ```
/// use vpclab::layout::is_container;
/// use vpclab::model::ElementKind;
/// assert!(is_container(ElementKind::Zone));
/// assert!(!is_container(ElementKind::Instance));
/// ```
pub const fn is_container(kind: ElementKind) -> bool {
    matches!(
        kind,
        ElementKind::Region | ElementKind::Vpc | ElementKind::Zone | ElementKind::Vswitch
    )
}

/// The title's font size of a shape of this kind, in diagram units. Detail lines use
/// [`metrics::DETAIL_FONT`].
pub const fn font_size(kind: ElementKind) -> f64 {
    match kind {
        ElementKind::Region => 18.0,
        ElementKind::Vpc => 17.0,
        ElementKind::Zone | ElementKind::Vswitch => 15.0,
        _ => metrics::LEAF_TITLE_FONT,
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
    /// What it stands for: the UI writes it into `data-kind`.
    pub kind: ElementKind,
    /// The element (stable across layouts): a resource, a region, a zone column, OSS, the
    /// Internet or a "+N more" node.
    pub id: ElementId,
    /// The title: the resource's name (or its id when it has none); `+N` for a "+N more" node.
    pub label: String,
    /// Lines under the title, as data the UI words ([`Detail`]).
    pub detail: Vec<Detail>,
    /// The public address, if any.
    pub badge: Option<Badge>,
    /// Where it is drawn.
    pub rect: Rect,
    /// The shape that contains it; `None` for top-level shapes (Internet, regions, data
    /// centres).
    pub parent: Option<ElementId>,
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
    /// let internet = diagram.shape(&vpclab::model::ElementId::Internet).expect("always drawn");
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
    /// The shape it starts from.
    pub from: ElementId,
    /// The shape it ends at.
    pub to: ElementId,
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
    /// The shape of this element, if it is drawn.
    pub fn shape(&self, id: &ElementId) -> Option<&Shape> {
        self.shapes.iter().find(|shape| shape.id == *id)
    }

    /// The shapes directly inside the shape `id`, in order (`None`: the top-level shapes).
    pub fn children<'a>(
        &'a self,
        id: Option<&'a ElementId>,
    ) -> impl Iterator<Item = &'a Shape> + 'a {
        self.shapes
            .iter()
            .filter(move |shape| shape.parent.as_ref() == id)
    }

    /// How many shapes of `kind` are drawn.
    pub fn count(&self, kind: ElementKind) -> usize {
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
    fn containers_are_the_boxes_that_hold_other_shapes() {
        let containers: Vec<&str> = ElementKind::ALL
            .iter()
            .filter(|kind| is_container(**kind))
            .map(|kind| kind.as_str())
            .collect();
        assert_eq!(containers, ["region", "zone", "vpc", "vswitch"]);
    }
}
