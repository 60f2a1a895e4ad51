//! Diagram geometry: turns a network into positioned boxes, nodes and links, ready to draw.
//!
//! # Coordinate system
//! Diagram units, as in SVG: the origin is the top-left corner of the diagram, x grows to the
//! right, y grows downwards, and one unit is about one CSS pixel at zoom 1. Every rectangle is
//! its top-left corner plus a width and a height. [`Diagram::width`] and [`Diagram::height`]
//! include a [`metrics::MARGIN`] on every side.
//!
//! # Pieces
//! - [`scene`]: the engine's input, a tree of regions → VPCs → zones → VSwitches → instances
//!   plus what lives outside VPCs, in drawing order;
//! - [`Scene::from_topology`] and [`diagram()`]: the adapter from [`crate::model::Topology`]
//!   (creation order, badges for public addresses, where each resource sits);
//! - [`Scene::layout`]: the engine (plan sizes bottom-up, place top-down, route links); pure,
//!   deterministic, and stable: siblings are placed in the order given (creation order), never
//!   by size, so adding an item moves nothing that comes before it. Given a
//!   [`LayoutOptions::viewport`], it first chooses the [`Arrangement`] (outside items on top
//!   or on the left, where rows wrap) that is drawn largest on that screen;
//! - [`Diagram`]: the output, [`Shape`]s (parents first) with their text placed, each an
//!   [`crate::model::ElementKind`] drawn for an [`crate::model::ElementId`], and [`Link`]s:
//!   right-angled polylines that run in lanes kept free for them, never through a box or a
//!   label they do not connect;
//! - [`text`]: the lines of text as typed data ([`Detail`]: the UI words sub-labels in the
//!   user's language) and the level of detail at each zoom;
//! - [`metrics`]: every size the engine uses.
//!
//! This module is pure: it never imports a web crate (`tests/purity.rs` checks it).

mod adapter;
mod arrange;
mod diagram;
mod engine;
mod geometry;
pub mod metrics;
mod place;
mod route;
pub mod scene;
pub mod text;

use std::collections::{BTreeMap, BTreeSet};

pub use adapter::diagram;
pub use diagram::{font_size, is_container, Badge, BadgeKind, Diagram, Link, LinkKind, Shape};
pub use engine::{Arrangement, Outside};
pub use geometry::{Point, Rect};
pub use scene::Scene;
pub use text::{
    estimated_width, fit_text, text_width, Anchor, Detail, LineText, TextLine, TextRole,
};

/// Choices the user makes about how the diagram is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutOptions {
    /// VSwitches (by id) whose instances are all shown even past the threshold.
    pub expanded: BTreeSet<String>,
    /// A VSwitch with more instances than this (and not expanded) shows only this many nodes:
    /// its first instances, then one "+N more" node.
    pub collapse_threshold: usize,
    /// The size, in CSS pixels, of the screen the diagram will be fitted to: the engine then
    /// arranges it to be drawn as large as possible there. `None`: the natural arrangement
    /// (outside items on top, rows that never wrap).
    pub viewport: Option<(u32, u32)>,
    /// The names regions and zones are drawn with, by id, in the user's language (the UI
    /// words them from its catalogue). A region not listed is drawn with its catalogue name,
    /// a zone with its id. The layout measures whatever it is given, so a longer name in
    /// another language is placed like any other.
    pub place_names: BTreeMap<String, String>,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            expanded: BTreeSet::new(),
            collapse_threshold: metrics::COLLAPSE_THRESHOLD,
            viewport: None,
            place_names: BTreeMap::new(),
        }
    }
}

impl Scene {
    /// Lays the scene out: see the [module documentation](self) for the coordinate system and
    /// [`metrics`] for the sizes.
    ///
    /// ```
    /// use vpclab::layout::{LayoutOptions, Scene};
    /// use vpclab::layout::scene::{Item, Region};
    /// use vpclab::model::{ElementId, ElementKind};
    ///
    /// let mumbai = ElementId::Region("ap-south-1".into());
    /// let scene = Scene {
    ///     regions: vec![Region::new(Item::new(mumbai.clone(), "India (Mumbai)"))],
    ///     ..Scene::default()
    /// };
    /// let diagram = scene.layout(&LayoutOptions::default());
    /// let region = diagram.shape(&mumbai).expect("drawn");
    /// assert_eq!(region.kind, ElementKind::Region);
    /// assert!(region.rect.right() < diagram.width);
    /// ```
    pub fn layout(&self, options: &LayoutOptions) -> Diagram {
        place::layout(self, options)
    }
}
