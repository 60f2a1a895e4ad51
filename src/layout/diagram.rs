//! The layout engine's output: positioned shapes and routed links, ready to draw.
//!
//! Coordinates are diagram units: origin at the top-left corner, x to the right, y down, one
//! unit ≈ one CSS pixel at zoom 1. [`Diagram::shapes`] lists parents before their children,
//! so drawing in order paints containers behind their contents.

use serde::Serialize;

use super::geometry::{Point, Rect};
use super::metrics;
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
        ElementKind::Region => 20.0,
        ElementKind::Vpc => 18.0,
        ElementKind::Zone => 15.0,
        ElementKind::Vswitch | ElementKind::Internet => 14.0,
        _ => 13.0,
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
    /// The title.
    pub label: String,
    /// Lines under the title (CIDR, private IP, "12 used / 240 free").
    pub detail: Vec<String>,
    /// The public address, if any.
    pub badge: Option<Badge>,
    /// Where it is drawn.
    pub rect: Rect,
    /// The shape that contains it; `None` for top-level shapes (Internet, regions, data
    /// centres).
    pub parent: Option<ElementId>,
    /// The title's font size, in diagram units.
    pub font_size: f64,
    /// The smallest zoom scale at which its text is worth drawing (the title reaches
    /// [`metrics::READABLE_PX`] screen pixels). Below it, draw the box only.
    pub min_scale: f64,
}

impl Shape {
    /// Whether the shape's text is worth drawing at zoom `scale` (1.0 = one unit per CSS pixel).
    ///
    /// ```
    /// use vpclab::layout::{Scene, LayoutOptions};
    /// let diagram = Scene::default().layout(&LayoutOptions::default());
    /// let internet = diagram.shape(&vpclab::model::ElementId::Internet).expect("always drawn");
    /// assert!(internet.visible_at(1.0));
    /// assert!(!internet.visible_at(0.1));
    /// ```
    pub fn visible_at(&self, scale: f64) -> bool {
        scale >= self.min_scale
    }

    /// Where each line of text goes: the title first, then the detail lines, then the badge,
    /// each as a left-aligned baseline position.
    pub fn text_lines(&self) -> Vec<TextLine<'_>> {
        let x = self.rect.x + metrics::TEXT_INSET;
        let mut y = self.rect.y + metrics::TEXT_INSET + self.font_size;
        let mut lines = vec![TextLine {
            at: Point::new(x, y),
            size: self.font_size,
            text: &self.label,
        }];
        y += metrics::TITLE_GAP;
        for text in self
            .detail
            .iter()
            .chain(self.badge.iter().map(|badge| &badge.text))
        {
            y += metrics::DETAIL_LINE;
            lines.push(TextLine {
                at: Point::new(x, y),
                size: metrics::DETAIL_FONT,
                text,
            });
        }
        lines
    }
}

/// One line of a shape's text, placed by [`Shape::text_lines`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextLine<'a> {
    /// The left end of the baseline.
    pub at: Point,
    /// Font size in diagram units.
    pub size: f64,
    /// The text.
    pub text: &'a str,
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

    fn node(detail: &[&str], badge: Option<Badge>) -> Shape {
        Shape {
            kind: ElementKind::Instance,
            id: ElementId::resource("i-0001"),
            label: "VM1".into(),
            detail: detail.iter().map(|line| line.to_string()).collect(),
            badge,
            rect: Rect::new(100.0, 200.0, metrics::NODE_WIDTH, metrics::NODE_HEIGHT),
            parent: None,
            font_size: font_size(ElementKind::Instance),
            min_scale: 0.5,
        }
    }

    #[test]
    fn text_lines_are_title_then_details_then_badge_and_fit_in_a_node() {
        let badge = Badge::new(BadgeKind::NatPublicIp, "47.0.0.9");
        let shape = node(&["192.168.1.1"], Some(badge));
        let lines = shape.text_lines();
        let texts: Vec<&str> = lines.iter().map(|line| line.text).collect();
        assert_eq!(texts, ["VM1", "192.168.1.1", "47.0.0.9"]);
        assert_eq!(lines[0].at, Point::new(110.0, 223.0));
        assert_eq!(lines[1].size, metrics::DETAIL_FONT);
        let last = lines.last().map_or(0.0, |line| line.at.y);
        assert!(
            last < shape.rect.bottom(),
            "{last} overflows {:?}",
            shape.rect
        );
    }

    #[test]
    fn min_scale_decides_visibility() {
        let shape = node(&[], None);
        assert!(shape.visible_at(0.5));
        assert!(!shape.visible_at(0.49));
    }

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
