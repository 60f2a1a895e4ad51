//! The layout algorithm: plan every container's size bottom-up, then place it top-down and
//! route the links through the lanes the plan kept free.
//!
//! Coordinates are diagram units, origin top-left, y down (see [`crate::layout`]). The
//! arrangement: the things outside the cloud (the Internet, data centres) in a row on top, or
//! in a column on the left; the regions in rows. Inside a region: a band with its title and
//! its services (OSS, unbound EIPs), its VPCs in rows, its border routers. Inside a VPC: a
//! band with its title, VRouter, NAT and VPN gateways, then its zones in rows. Inside a zone:
//! its title, its VSwitches stacked, then CLBs and RDS. Inside a VSwitch: its title and CIDR,
//! its address usage, and a grid of instances.
//!
//! Rows wrap at the [`Arrangement`]'s width, which [`super::arrange`] picks so the diagram
//! is drawn as large as possible on the screen it will be fitted to. Within one arrangement, sizes
//! depend only on counts and the order of siblings (and on the length of container titles),
//! so adding an item moves only what comes after it, and the same scene always gives the
//! same diagram. Siblings of a row are stretched to the tallest one, and VSwitches to the
//! width of their zone.

use std::ops::Range;

use serde::Serialize;

use super::diagram::font_size;
use super::geometry::{Point, Rect};
use super::metrics::*;
use super::scene::{Item, Region, Vpc, Vswitch, Zone};
use super::text::{text_width, Anchor, Detail, LineText, TextLine, TextRole};
use super::LayoutOptions;
use crate::model::ElementKind;

/// Where the things outside the cloud (the Internet, data centres) go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outside {
    /// In a row above the regions.
    #[default]
    Top,
    /// In a column left of the regions (for wide, short screens).
    Left,
}

/// How a diagram is arranged; [`crate::layout::LayoutOptions::viewport`] lets the engine
/// choose the one drawn largest on a screen of that shape.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Arrangement {
    /// Where the Internet and the data centres go.
    pub outside: Outside,
    /// The width, in diagram units, at which rows of regions, VPCs, zones and nodes wrap;
    /// `None`: rows never wrap and grids keep their natural number of columns.
    pub wrap_width: Option<f64>,
    /// A narrower width for the inside of each region (its VPCs, zones and nodes), so that
    /// several regions can stand side by side; `None`: as wide as `wrap_width` allows.
    pub region_width: Option<f64>,
}

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Size {
    pub(super) w: f64,
    pub(super) h: f64,
}

/// The length of `n` cells of `cell` separated by `gap`.
fn span(n: usize, cell: f64, gap: f64) -> f64 {
    if n == 0 {
        0.0
    } else {
        n as f64 * cell + (n - 1) as f64 * gap
    }
}

/// How many node columns fit in `width` (at least one).
pub(super) fn fit_cols(width: f64) -> usize {
    let fit = ((width + NODE_GAP) / (NODE_WIDTH + NODE_GAP)).floor();
    // A float-to-int cast saturates (an unlimited width gives usize::MAX).
    (fit.max(1.0)) as usize
}

/// The size of a grid of `count` cells of height `cell_h` in `cols` columns.
pub(super) fn grid_size(count: usize, cols: usize, cell_h: f64) -> Size {
    if count == 0 {
        return Size::default();
    }
    let cols = cols.clamp(1, count);
    Size {
        w: span(cols, NODE_WIDTH, NODE_GAP),
        h: span(count.div_ceil(cols), cell_h, NODE_GAP),
    }
}

/// Cell `index` of a grid of `cols` columns of cells `cell_h` high starting at `origin`.
pub(super) fn grid_cell(origin: Point, index: usize, cols: usize, cell_h: f64) -> Rect {
    let cols = cols.max(1);
    let (row, col) = (index / cols, index % cols);
    Rect::new(
        origin.x + col as f64 * (NODE_WIDTH + NODE_GAP),
        origin.y + row as f64 * (cell_h + NODE_GAP),
        NODE_WIDTH,
        cell_h,
    )
}

/// Heights of vertical sections joined by `gap`, skipping empty ones.
pub(super) fn stack(sections: &[f64], gap: f64) -> f64 {
    let nonempty: Vec<f64> = sections.iter().copied().filter(|h| *h > 0.0).collect();
    nonempty.iter().sum::<f64>() + gap * nonempty.len().saturating_sub(1) as f64
}

/// Splits items of the given widths into rows no wider than `max_w` (each row takes at
/// least one item), in order.
fn flow(widths: &[f64], max_w: f64, gap: f64) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0.0;
    for (i, w) in widths.iter().enumerate() {
        if i > start && used + gap + w > max_w {
            rows.push(start..i);
            start = i;
            used = 0.0;
        }
        used += if i > start { gap + w } else { *w };
    }
    if start < widths.len() {
        rows.push(start..widths.len());
    }
    rows
}

/// The height of a leaf with `lines` lines of text (title included), at least a node's.
fn leaf_height(lines: usize) -> f64 {
    let text = LEAF_TOP
        + ASCENT * LEAF_TITLE_FONT
        + lines.saturating_sub(1) as f64 * LINE
        + DESCENT * DETAIL_FONT
        + LEAF_TOP;
    text.ceil().max(NODE_HEIGHT)
}

/// The cell height that holds every item of a grid.
pub(super) fn cell_height(items: &[Item]) -> f64 {
    items
        .iter()
        .map(|item| leaf_height(1 + item.detail.len() + usize::from(item.badge.is_some())))
        .fold(NODE_HEIGHT, f64::max)
}

/// The role of a detail line when drawn.
fn detail_line(index: usize, detail: &Detail) -> (LineText, TextRole) {
    (LineText::Detail(index), detail.role())
}

/// The text of a leaf node: its title, its detail lines and its badge, top-left aligned;
/// a title alone is centred vertically.
pub(super) fn leaf_text(item: &Item, rect: Rect) -> Vec<TextLine> {
    let x = rect.x + LEAF_INSET;
    let max_width = rect.width - LEAF_INSET - BADGE_ROOM;
    let alone = item.detail.is_empty() && item.badge.is_none();
    let mut y = if alone {
        rect.y + rect.height / 2.0 + (ASCENT - DESCENT) * LEAF_TITLE_FONT / 2.0
    } else {
        rect.y + LEAF_TOP + ASCENT * LEAF_TITLE_FONT
    };
    let line = |text, role, y: f64, size| TextLine {
        text,
        role,
        at: Point::new(x, y),
        anchor: Anchor::Start,
        size,
        max_width,
    };
    let mut lines = vec![line(LineText::Title, TextRole::Title, y, LEAF_TITLE_FONT)];
    for (index, detail) in item.detail.iter().enumerate() {
        y += LINE;
        let (text, role) = detail_line(index, detail);
        lines.push(line(text, role, y, DETAIL_FONT));
    }
    if item.badge.is_some() {
        y += LINE;
        lines.push(line(LineText::Badge, TextRole::Badge, y, DETAIL_FONT));
    }
    lines
}

/// The estimated width of an item's widest detail line.
fn widest_detail(item: &Item) -> f64 {
    item.detail
        .iter()
        .map(|d| d.width(DETAIL_FONT))
        .fold(0.0, f64::max)
}

/// The width of a band's title column: room for the title and the detail lines, within
/// bounds (longer text is cut by the UI).
fn title_column_width(kind: ElementKind, item: &Item) -> f64 {
    let title = text_width(TextRole::Title, &item.label, font_size(kind));
    title
        .max(widest_detail(item))
        .ceil()
        .clamp(NODE_WIDTH, TITLE_COLUMN_MAX)
}

/// The lines of a band's title column whose top-left is (`x`, `y`), and their height.
pub(super) fn title_column(
    kind: ElementKind,
    item: &Item,
    x: f64,
    y: f64,
    width: f64,
) -> (Vec<TextLine>, f64) {
    let font = font_size(kind);
    let mut baseline = y + ASCENT * font;
    let line = |text, role, baseline: f64, size| TextLine {
        text,
        role,
        at: Point::new(x, baseline),
        anchor: Anchor::Start,
        size,
        max_width: width,
    };
    let mut lines = vec![line(LineText::Title, TextRole::Title, baseline, font)];
    let mut descent = DESCENT * font;
    for (index, detail) in item.detail.iter().enumerate() {
        baseline += LINE;
        let (text, role) = detail_line(index, detail);
        lines.push(line(text, role, baseline, DETAIL_FONT));
        descent = DESCENT * DETAIL_FONT;
    }
    (lines, (baseline + descent - y).ceil())
}

/// The header of a zone or VSwitch `width` wide at (`x`, `y`): the title, with the first
/// address on the same line (right-aligned) when both fit, then the other lines. Returns the
/// lines and the height from `y` to the bottom of the text.
pub(super) fn header_text(
    kind: ElementKind,
    item: &Item,
    x: f64,
    y: f64,
    width: f64,
    inset: f64,
) -> (Vec<TextLine>, f64) {
    let font = font_size(kind);
    let room = (width - 2.0 * inset).max(0.0);
    let mut baseline = y + HEADER_TOP + ASCENT * font;
    let title_w = text_width(TextRole::Title, &item.label, font);
    let inline = item
        .detail
        .iter()
        .position(|d| d.role() == TextRole::Address)
        .filter(|&i| {
            let d = &item.detail[i];
            i == 0 && title_w + INLINE_GAP + d.width(DETAIL_FONT) <= room
        });
    let mut lines = Vec::new();
    let mut title_room = room;
    if let Some(index) = inline {
        let d = &item.detail[index];
        let w = d.width(DETAIL_FONT).ceil();
        title_room = room - w - INLINE_GAP;
        lines.push(TextLine {
            text: LineText::Detail(index),
            role: d.role(),
            at: Point::new(x + width - inset, baseline),
            anchor: Anchor::End,
            size: DETAIL_FONT,
            max_width: w,
        });
    }
    lines.insert(
        0,
        TextLine {
            text: LineText::Title,
            role: TextRole::Title,
            at: Point::new(x + inset, baseline),
            anchor: Anchor::Start,
            size: font,
            max_width: title_room,
        },
    );
    let mut descent = DESCENT * font;
    for (index, detail) in item.detail.iter().enumerate() {
        if Some(index) == inline {
            continue;
        }
        baseline += LINE;
        let (text, role) = detail_line(index, detail);
        lines.push(TextLine {
            text,
            role,
            at: Point::new(x + inset, baseline),
            anchor: Anchor::Start,
            size: DETAIL_FONT,
            max_width: room,
        });
        descent = DESCENT * DETAIL_FONT;
    }
    (lines, (baseline + descent - y).ceil())
}

/// How a VSwitch's instances are shown under the options.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shown {
    /// Instances drawn.
    pub(super) instances: usize,
    /// Instances folded into the "+N more" node (0: no such node).
    pub(super) hidden: usize,
    /// Natural grid columns.
    pub(super) cols: usize,
}

/// How many of a VSwitch's `total` instances are drawn: all of them when it is `expanded` or
/// has no more than `threshold`; otherwise one fewer than `threshold`, the last place going
/// to the "+N more" node.
pub(super) fn drawn_instances(total: usize, expanded: bool, threshold: usize) -> usize {
    if expanded || total <= threshold {
        total
    } else {
        threshold.saturating_sub(1)
    }
}

impl Shown {
    fn of(vswitch: &Vswitch, options: &LayoutOptions) -> Self {
        let total = vswitch.instances.len();
        let expanded = vswitch
            .item
            .id
            .as_resource()
            .is_some_and(|id| options.expanded.contains(id));
        let drawn = drawn_instances(total, expanded, options.collapse_threshold);
        if drawn == total {
            // Expanded VSwitches widen in steps so a long list stays roughly square; the
            // steps keep the column count unchanged for most additions.
            let cols = match total {
                0..=2 => 2,
                3..=48 => VSWITCH_COLUMNS,
                49..=192 => 2 * VSWITCH_COLUMNS,
                193..=768 => 4 * VSWITCH_COLUMNS,
                _ => 8 * VSWITCH_COLUMNS,
            };
            Self {
                instances: total,
                hidden: 0,
                cols,
            }
        } else {
            Self {
                instances: drawn,
                hidden: total - drawn,
                cols: VSWITCH_COLUMNS,
            }
        }
    }

    pub(super) fn nodes(&self) -> usize {
        self.instances + usize::from(self.hidden > 0)
    }
}

// --- Plans: sizes decided bottom-up, used top-down ------------------------------------------

pub(super) struct VswitchPlan {
    pub(super) shown: Shown,
    pub(super) cols: usize,
    /// The most columns its grid may take (when its zone is wider than it needs).
    pub(super) most: usize,
    pub(super) width: f64,
}

pub(super) struct ZonePlan {
    pub(super) size: Size,
    pub(super) inner_w: f64,
    pub(super) vswitches: Vec<VswitchPlan>,
    pub(super) service_cols: usize,
    pub(super) service_cell: f64,
}

/// A band: a title column and a grid of nodes to its right. Its first row is as tall as
/// the title column needs, so the channel under it runs clear of the title.
pub(super) struct BandPlan {
    pub(super) title_w: f64,
    pub(super) cols: usize,
    pub(super) count: usize,
    pub(super) cell_h: f64,
    pub(super) first_row_h: f64,
}

impl BandPlan {
    fn new(kind: ElementKind, item: &Item, count: usize, cols: usize, cell_h: f64) -> Self {
        let title_w = title_column_width(kind, item);
        let (_, text_h) = title_column(kind, item, 0.0, 0.0, title_w);
        Self {
            title_w,
            cols: cols.clamp(1, count.max(1)),
            count,
            cell_h,
            first_row_h: text_h.max(if count > 0 { cell_h } else { 0.0 }),
        }
    }

    pub(super) fn rows(&self) -> usize {
        self.count.div_ceil(self.cols).max(1)
    }

    fn width(&self) -> f64 {
        if self.count == 0 {
            self.title_w
        } else {
            self.title_w + NODE_GAP + span(self.cols.min(self.count), NODE_WIDTH, NODE_GAP)
        }
    }

    pub(super) fn height(&self) -> f64 {
        self.first_row_h + (self.rows() - 1) as f64 * (self.cell_h + NODE_GAP)
    }

    /// The top and bottom of each row of the band starting at `y`.
    pub(super) fn row_bounds(&self, y: f64) -> Vec<(f64, f64)> {
        let mut bounds = vec![(y, y + self.first_row_h)];
        let mut top = y + self.first_row_h + NODE_GAP;
        for _ in 1..self.rows() {
            bounds.push((top, top + self.cell_h));
            top += self.cell_h + NODE_GAP;
        }
        bounds
    }

    /// The cell of the band's node `index` when the band starts at (`x`, `y`).
    pub(super) fn cell(&self, x: f64, y: f64, index: usize) -> Rect {
        let (row, col) = (index / self.cols, index % self.cols);
        let top = self.row_bounds(y)[row.min(self.rows() - 1)].0;
        Rect::new(
            x + self.title_w + NODE_GAP + col as f64 * (NODE_WIDTH + NODE_GAP),
            top,
            NODE_WIDTH,
            self.cell_h,
        )
    }
}

pub(super) struct VpcPlan {
    pub(super) size: Size,
    pub(super) band: BandPlan,
    pub(super) zones: Vec<ZonePlan>,
    pub(super) rows: Vec<(Range<usize>, f64)>,
}

pub(super) struct RegionPlan {
    pub(super) size: Size,
    pub(super) band: BandPlan,
    pub(super) vpcs: Vec<VpcPlan>,
    pub(super) rows: Vec<(Range<usize>, f64)>,
}

/// Rows of a flow, each with its height (the tallest item's).
pub(super) fn flow_rows(sizes: &[Size], max_w: f64, gap: f64) -> (Vec<(Range<usize>, f64)>, Size) {
    let widths: Vec<f64> = sizes.iter().map(|s| s.w).collect();
    let rows: Vec<(Range<usize>, f64)> = flow(&widths, max_w, gap)
        .into_iter()
        .map(|range| {
            let h = sizes[range.clone()].iter().fold(0.0_f64, |h, s| h.max(s.h));
            (range, h)
        })
        .collect();
    let w = rows
        .iter()
        .map(|(range, _)| span_widths(&widths[range.clone()], gap))
        .fold(0.0_f64, f64::max);
    let h = stack(&rows.iter().map(|(_, h)| *h).collect::<Vec<_>>(), gap);
    (rows, Size { w, h })
}

fn span_widths(widths: &[f64], gap: f64) -> f64 {
    widths.iter().sum::<f64>() + gap * widths.len().saturating_sub(1) as f64
}

/// Plans the sizes of everything under one arrangement.
pub(super) struct Planner<'a> {
    pub(super) options: &'a LayoutOptions,
    /// Whether rows wrap (and grids adapt their columns to the room they have).
    pub(super) wraps: bool,
}

impl Planner<'_> {
    fn vswitch(&self, vswitch: &Vswitch, max_w: f64) -> VswitchPlan {
        let shown = Shown::of(vswitch, self.options);
        let n = shown.nodes();
        let (cols, most) = if self.wraps {
            let most = if n <= 2 { 2 } else { (2 * shown.cols).min(n) };
            (fit_cols(max_w - 2.0 * VSWITCH_PAD).clamp(1, most), most)
        } else {
            (shown.cols, shown.cols)
        };
        VswitchPlan {
            shown,
            cols,
            most,
            width: 2.0 * VSWITCH_PAD + span(cols, NODE_WIDTH, NODE_GAP),
        }
    }

    pub(super) fn vswitch_height(vswitch: &Vswitch, plan: &VswitchPlan, width: f64) -> f64 {
        let (_, text_h) = header_text(
            ElementKind::Vswitch,
            &vswitch.item,
            0.0,
            0.0,
            width,
            VSWITCH_TEXT_INSET,
        );
        let grid = grid_size(plan.shown.nodes(), plan.cols, NODE_HEIGHT);
        let grid_h = if grid.h > 0.0 {
            grid.h + VSWITCH_PAD
        } else {
            VSWITCH_PAD
        };
        text_h + HEADER_CHANNEL + grid_h
    }

    fn zone(&self, zone: &Zone, max_w: f64) -> ZonePlan {
        let inner_max = max_w - 2.0 * PAD;
        let vswitches: Vec<VswitchPlan> = zone
            .vswitches
            .iter()
            .map(|v| self.vswitch(v, inner_max))
            .collect();
        let services = zone.clbs.len() + zone.rds.len();
        let service_cols = if self.wraps {
            fit_cols(inner_max)
        } else {
            SERVICE_COLUMNS
        };
        let service_cell = cell_height(&zone.clbs).max(cell_height(&zone.rds));
        let title = text_width(
            TextRole::Title,
            &zone.item.label,
            font_size(ElementKind::Zone),
        ) + 2.0 * TEXT_INSET
            - 2.0 * PAD;
        let inner_w = vswitches
            .iter()
            .map(|v| v.width)
            .fold(2.0 * VSWITCH_PAD + span(2, NODE_WIDTH, NODE_GAP), f64::max)
            .max(grid_size(services, service_cols, service_cell).w)
            .max(title);
        // A VSwitch stretched to its zone fills the width with columns, as far as it may.
        let room = fit_cols(inner_w - 2.0 * VSWITCH_PAD);
        let vswitches: Vec<VswitchPlan> = vswitches
            .into_iter()
            .map(|plan| VswitchPlan {
                cols: plan.cols.max(room.min(plan.most)),
                ..plan
            })
            .collect();
        let (_, text_h) = header_text(
            ElementKind::Zone,
            &zone.item,
            0.0,
            0.0,
            inner_w + 2.0 * PAD,
            TEXT_INSET,
        );
        let mut heights: Vec<f64> = zone
            .vswitches
            .iter()
            .zip(&vswitches)
            .map(|(v, plan)| Self::vswitch_height(v, plan, inner_w))
            .collect();
        heights.push(grid_size(services, service_cols, service_cell).h);
        ZonePlan {
            size: Size {
                w: 2.0 * PAD + inner_w,
                h: text_h + HEADER_CHANNEL + stack(&heights, VSWITCH_GAP) + PAD,
            },
            inner_w,
            vswitches,
            service_cols,
            service_cell,
        }
    }

    fn vpc(&self, vpc: &Vpc, max_w: f64) -> VpcPlan {
        let inner_max = max_w - 2.0 * PAD;
        let zones: Vec<ZonePlan> = vpc.zones.iter().map(|z| self.zone(z, inner_max)).collect();
        let sizes: Vec<Size> = zones.iter().map(|z| z.size).collect();
        let limit = if self.wraps { inner_max } else { f64::INFINITY };
        let (rows, row_size) = flow_rows(&sizes, limit, ZONE_GAP);
        let count = 1 + vpc.nat_gateways.len() + vpc.vpn_gateways.len();
        let cell_h = cell_height(std::slice::from_ref(&vpc.vrouter))
            .max(cell_height(&vpc.nat_gateways))
            .max(cell_height(&vpc.vpn_gateways));
        let title_w = title_column_width(ElementKind::Vpc, &vpc.item);
        let cols = if self.wraps {
            fit_cols(inner_max.max(row_size.w) - title_w - NODE_GAP)
        } else {
            count
        };
        let band = BandPlan::new(ElementKind::Vpc, &vpc.item, count, cols, cell_h);
        let inner_w = row_size.w.max(band.width()).max(MIN_INNER_WIDTH);
        let zones_h = if zones.is_empty() {
            0.0
        } else {
            BUS_GAP + row_size.h
        };
        VpcPlan {
            size: Size {
                w: 2.0 * PAD + inner_w,
                h: PAD + band.height() + zones_h + PAD,
            },
            band,
            zones,
            rows,
        }
    }

    pub(super) fn region(&self, region: &Region, max_w: f64) -> RegionPlan {
        let inner_max = max_w - 2.0 * PAD;
        let vpcs: Vec<VpcPlan> = region.vpcs.iter().map(|v| self.vpc(v, inner_max)).collect();
        let sizes: Vec<Size> = vpcs.iter().map(|v| v.size).collect();
        let limit = if self.wraps { inner_max } else { f64::INFINITY };
        let (rows, row_size) = flow_rows(&sizes, limit, GAP);
        let title_w = title_column_width(ElementKind::Region, &region.item);
        // Express Connect VBRs share the band with the region's services: a row of their own
        // under the VPCs would cost a whole row's height on a short screen.
        let services: Vec<Item> = region
            .oss
            .iter()
            .chain(&region.eips)
            .chain(&region.vbrs)
            .cloned()
            .collect();
        // Strips take the width of the VPCs (at least a few columns), within the room.
        let strip = |natural_room: f64, most_room: f64| {
            let natural = fit_cols(natural_room).max(STRIP_MIN_COLUMNS);
            if self.wraps {
                natural.min(fit_cols(most_room))
            } else {
                natural
            }
        };
        let vpcs_w = row_size.w.max(MIN_INNER_WIDTH);
        let band_cols = strip(vpcs_w - title_w - NODE_GAP, inner_max - title_w - NODE_GAP);
        let band = BandPlan::new(
            ElementKind::Region,
            &region.item,
            services.len(),
            band_cols,
            cell_height(&services),
        );
        let inner_w = row_size.w.max(band.width()).max(MIN_INNER_WIDTH);
        RegionPlan {
            size: Size {
                w: 2.0 * PAD + inner_w,
                h: PAD + stack(&[band.height(), row_size.h], GAP) + PAD,
            },
            band,
            vpcs,
            rows,
        }
    }
}
