//! The sizes the layout uses, in diagram units (one unit ≈ one CSS pixel at zoom 1; origin
//! top-left, y down).
//!
//! They are public so the UI and the tests can reason about what the layout left room for.
//! Text is placed by the engine ([`crate::layout::Shape::text`]); these are the sizes it uses.
//!
//! # Where links run
//! Every container keeps free lanes that links use and nothing else draws in: its left
//! padding (the *spine*), and the gaps between its rows of children (the *channels*): its
//! top padding above the first row, the channel under a header, the bus under a VPC's band,
//! the gaps between stacked VSwitches and between rows of nodes. A text inset larger than half
//! the padding keeps the spine off the titles.

/// Empty space around the whole diagram; its left part is the top level's spine.
pub const MARGIN: f64 = 12.0;
/// Space between the row of outside items (the Internet, data centres) and the regions, and
/// between rows of regions; in the left-column arrangement, between the column and the regions.
pub const OUTSIDE_GAP: f64 = 20.0;
/// Horizontal space between regions.
pub const REGION_GAP: f64 = 20.0;
/// Space between sibling containers in a region (its band, VPCs, border routers).
pub const GAP: f64 = 12.0;
/// Inner padding of regions, VPCs and zones, on every side.
pub const PAD: f64 = 12.0;
/// Inner padding of VSwitches, on every side.
pub const VSWITCH_PAD: f64 = 10.0;
/// Space between zones in a VPC, across and between rows.
pub const ZONE_GAP: f64 = 12.0;
/// Space between VSwitches stacked in a zone.
pub const VSWITCH_GAP: f64 = 12.0;
/// Space between a VPC's band (title, VRouter, gateways) and its zones: the bus where the
/// VRouter's route lines run.
pub const BUS_GAP: f64 = 14.0;
/// The free channel between a header's last line of text and the first row under it.
pub const HEADER_CHANNEL: f64 = 8.0;
/// Distance between two links that share a spine or a channel.
pub const LANE: f64 = 2.5;

/// Width of a leaf node (instance, gateway, service, EIP, data centre, Internet, "+N more").
pub const NODE_WIDTH: f64 = 148.0;
/// Height of a leaf node with a title and two lines (an address and a badge).
pub const NODE_HEIGHT: f64 = 60.0;
/// Height of a node outside the regions (the Internet, data centres): a title and one line.
pub const OUTSIDE_HEIGHT: f64 = 45.0;
/// Space between leaf nodes in a grid.
pub const NODE_GAP: f64 = 10.0;

/// Columns of instance nodes in a VSwitch when nothing limits the width; a VSwitch of one
/// or two instances has two columns.
pub const VSWITCH_COLUMNS: usize = 3;
/// Columns of CLB and RDS nodes under a zone's VSwitches when nothing limits the width.
pub const SERVICE_COLUMNS: usize = 3;
/// Least number of columns of a region's services and border-router strips when nothing
/// limits the width (they widen to the region's width).
pub const STRIP_MIN_COLUMNS: usize = 6;
/// Default collapse threshold: a VSwitch with more instances shows this many nodes, the last
/// one being "+N more".
pub const COLLAPSE_THRESHOLD: usize = 24;

/// Least inner width of a region or VPC with nothing in it.
pub const MIN_INNER_WIDTH: f64 = 2.0 * NODE_WIDTH + NODE_GAP;
/// Least height of the contents of an empty region.
pub const EMPTY_HEIGHT: f64 = 48.0;

/// Font size of a leaf's title.
pub const LEAF_TITLE_FONT: f64 = 15.0;
/// Font size of detail lines and badges.
pub const DETAIL_FONT: f64 = 14.0;
/// Distance between the baselines of two lines of text.
pub const LINE: f64 = 15.0;
/// Distance from a leaf's edges to its text.
pub const LEAF_INSET: f64 = 8.0;
/// Distance from a leaf's top edge to the top of its title's capitals.
pub const LEAF_TOP: f64 = 7.0;
/// Room at a leaf's right edge for its public-address mark.
pub const BADGE_ROOM: f64 = 12.0;
/// Distance from a container's left edge to its text (more than half its padding, so the
/// spine runs clear of it).
pub const TEXT_INSET: f64 = PAD;
/// Distance from a VSwitch's left edge to its text.
pub const VSWITCH_TEXT_INSET: f64 = VSWITCH_PAD;
/// Distance from a container's top edge to the top of its title's capitals.
pub const HEADER_TOP: f64 = 8.0;
/// Least space between a VSwitch's title and an address drawn on the same line.
pub const INLINE_GAP: f64 = 16.0;
/// The widest a band's title column grows (region and VPC names and CIDR blocks).
pub const TITLE_COLUMN_MAX: f64 = 1.6 * NODE_WIDTH;

/// Height of capitals above the baseline, as a fraction of the font size.
pub const ASCENT: f64 = 0.8;
/// Depth of descenders under the baseline, as a fraction of the font size.
pub const DESCENT: f64 = 0.25;
/// Average advance of a bold title character, in ems (DejaVu Sans Bold, the widest fallback).
pub const TITLE_EM: f64 = 0.68;
/// Average advance of a regular character, in ems (DejaVu Sans).
pub const TEXT_EM: f64 = 0.6;
/// Advance of a monospace character, in ems (DejaVu Sans Mono).
pub const MONO_EM: f64 = 0.602;

/// On-screen size, in CSS pixels, under which a title is not drawn.
pub const TITLE_MIN_PX: f64 = 6.0;
/// On-screen size under which addresses and badges are left out.
pub const ADDRESS_PX: f64 = 8.0;
/// On-screen size under which counts and sub-labels are left out (they go first).
pub const SECONDARY_PX: f64 = 10.0;
/// The size a title grows towards, on screen, once the other lines are left out.
pub const READABLE_PX: f64 = 12.0;
/// The largest share of its area's height a grown title takes.
pub const GROWN_TITLE_HEIGHT: f64 = 0.55;

/// Space the view keeps between a fitted diagram and the edges of the screen, in CSS pixels.
pub const FIT_MARGIN: f64 = 8.0;
/// The largest zoom "fit" uses, so a tiny diagram is not blown up.
pub const MAX_FIT_SCALE: f64 = 1.25;
/// The smallest zoom "fit" uses.
pub const MIN_FIT_SCALE: f64 = 0.05;

/// The zoom at which a `width` × `height` diagram fits whole in a `screen_width` ×
/// `screen_height` area with [`FIT_MARGIN`] to spare, between [`MIN_FIT_SCALE`] and
/// [`MAX_FIT_SCALE`]. The engine uses it to choose an arrangement, the view to fit.
///
/// ```
/// use vpclab::layout::metrics::fitted_scale;
/// assert_eq!(fitted_scale(500.0, 200.0, 516.0, 816.0), 1.0);
/// ```
pub fn fitted_scale(width: f64, height: f64, screen_width: f64, screen_height: f64) -> f64 {
    if width <= 0.0 || height <= 0.0 {
        return 1.0;
    }
    let room_w = (screen_width - 2.0 * FIT_MARGIN).max(1.0);
    let room_h = (screen_height - 2.0 * FIT_MARGIN).max(1.0);
    (room_w / width)
        .min(room_h / height)
        .clamp(MIN_FIT_SCALE, MAX_FIT_SCALE)
}
