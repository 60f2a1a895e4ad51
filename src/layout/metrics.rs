//! The sizes the layout uses, in diagram units (one unit ≈ one CSS pixel at zoom 1; origin
//! top-left, y down).
//!
//! They are public so the UI can draw text where the layout left room for it: a shape's
//! title baseline sits at `rect.y + TEXT_INSET + font_size`, each further line
//! [`DETAIL_LINE`] lower (see [`crate::layout::Shape::text_lines`]).

/// Empty space around the whole diagram.
pub const MARGIN: f64 = 32.0;
/// Vertical space between the Internet, the row of regions and the row of data centres.
pub const TIER_GAP: f64 = 56.0;
/// Horizontal space between regions.
pub const REGION_GAP: f64 = 40.0;
/// Space between sibling containers (VPCs in a region, sections of a region).
pub const GAP: f64 = 24.0;
/// Inner padding of regions, VPCs and zones.
pub const PAD: f64 = 16.0;
/// Inner padding of VSwitches.
pub const VSWITCH_PAD: f64 = 12.0;
/// Space between zone columns in a VPC.
pub const ZONE_GAP: f64 = 16.0;
/// Space between VSwitches stacked in a zone column.
pub const VSWITCH_GAP: f64 = 16.0;
/// Height of the space between a VPC's gateway band and its zones, where the VRouter's
/// route lines run.
pub const BUS_GAP: f64 = 24.0;
/// Distance from a zone's left edge to the vertical route line that feeds its VSwitches.
pub const ROUTE_GUTTER: f64 = 6.0;

/// Width of a leaf node (instance, gateway, service, EIP, data centre, Internet, "+N more").
pub const NODE_WIDTH: f64 = 148.0;
/// Height of a leaf node: a title, two lines (address and badge) and padding.
pub const NODE_HEIGHT: f64 = 64.0;
/// Space between leaf nodes in a grid.
pub const NODE_GAP: f64 = 12.0;

/// Columns of instance nodes in a VSwitch that shows at most the collapse threshold.
pub const VSWITCH_COLUMNS: usize = 3;
/// Columns of CLB and RDS nodes under a zone's VSwitches.
pub const SERVICE_COLUMNS: usize = 3;
/// Least number of columns in a region's services and border-router strips, and in the row
/// of data centres (they widen to the space available).
pub const STRIP_MIN_COLUMNS: usize = 6;
/// Default collapse threshold: a VSwitch with more instances shows this many nodes, the last
/// one being "+N more".
pub const COLLAPSE_THRESHOLD: usize = 24;

/// Least inner width of a zone column (room for one VSwitch of [`VSWITCH_COLUMNS`]).
pub const ZONE_MIN_INNER_WIDTH: f64 = 2.0 * VSWITCH_PAD
    + VSWITCH_COLUMNS as f64 * NODE_WIDTH
    + (VSWITCH_COLUMNS - 1) as f64 * NODE_GAP;
/// Least height of the contents of an empty VPC or region.
pub const EMPTY_HEIGHT: f64 = 48.0;
/// Least inner width of a VPC or region.
pub const MIN_INNER_WIDTH: f64 = 2.0 * NODE_WIDTH + NODE_GAP;

/// Distance from a shape's top-left corner to where its text starts.
pub const TEXT_INSET: f64 = 10.0;
/// Extra space between the title's baseline and the first detail line.
pub const TITLE_GAP: f64 = 2.0;
/// Font size of detail lines and badges.
pub const DETAIL_FONT: f64 = 11.0;
/// Distance between the baselines of two detail lines.
pub const DETAIL_LINE: f64 = 14.0;
/// Space between a container's last header line and its contents.
pub const HEADER_BOTTOM: f64 = 10.0;
/// Screen size, in CSS pixels, a title needs to be worth drawing; a shape's `min_scale` is
/// this divided by its font size.
pub const READABLE_PX: f64 = 7.0;
