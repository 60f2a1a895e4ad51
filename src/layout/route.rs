//! Link routing: right-angled paths that run only in the lanes the engine keeps free, so a
//! link never crosses a box or a label it does not connect.
//!
//! Coordinates are diagram units (origin top-left, y down). Every container is a [`Frame`]:
//! a vertical *spine* in its left padding and horizontal *channels* between its rows of
//! children (the first above the first row, the last under the last row). The top level is a
//! frame too (its spine is the left margin, or the gap right of the outside column). A link
//! climbs from its source through the spines and channels of the source's containers to the
//! deepest container both ends share, crosses it in a channel (or along its spine when the
//! two rows are not next to each other), and descends the same way to its target:
//!
//! - a leaf is reached at the middle of its top or bottom edge, from the channel above or
//!   under its row;
//! - a container is entered through its top or bottom edge at its spine; a container that
//!   is itself the end of the link and stands in the first column (a VSwitch in its zone) is
//!   reached at its left edge, level with its title, straight from the parent's spine;
//! - links of different kinds keep apart in three lanes ([`metrics::LANE`] apart).

use super::diagram::{LinkKind, Shape};
use super::geometry::Point;
use super::metrics::{LANE, PAD};

/// A row of children in a frame, top and bottom.
#[derive(Debug, Clone, Copy)]
pub(super) struct Row {
    pub top: f64,
    pub bottom: f64,
}

/// A container's free lanes, as the router sees them.
#[derive(Debug, Clone, Default)]
pub(super) struct Frame {
    /// The x of the spine's middle lane.
    pub spine: f64,
    /// The rows of children, top to bottom.
    pub rows: Vec<Row>,
    /// Where the free space above the first row starts (the container's top edge, or the
    /// bottom of its header text).
    pub content_top: f64,
    /// The container's bottom edge.
    pub bottom: f64,
}

impl Frame {
    /// Starts a frame whose spine is at `spine` and whose free space starts at `content_top`.
    pub fn new(spine: f64, content_top: f64, bottom: f64) -> Self {
        Self {
            spine,
            rows: Vec::new(),
            content_top,
            bottom,
        }
    }

    /// Adds a row and returns its index.
    pub fn push_row(&mut self, top: f64, bottom: f64) -> usize {
        self.rows.push(Row { top, bottom });
        self.rows.len() - 1
    }

    /// The channel above row `row`.
    fn above(&self, row: usize) -> f64 {
        let top = self.rows[row].top;
        let upper = match row {
            0 => self.content_top,
            _ => self.rows[row - 1].bottom,
        };
        (upper + top) / 2.0
    }

    /// The channel under row `row`: the same as the one above the next row, and close under
    /// the last row (a stretched container may have much room there).
    fn below(&self, row: usize) -> f64 {
        let bottom = self.rows[row].bottom;
        match self.rows.get(row + 1) {
            Some(next) => (bottom + next.top) / 2.0,
            None => bottom + (self.bottom - bottom).min(PAD) / 2.0,
        }
    }
}

/// Where a shape sits in its parent's frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    /// In row `n` of its parent's frame.
    Row(usize),
    /// In the outside column, left of the top level's spine (left-column arrangement).
    Side,
}

/// An edge a path enters or leaves a shape through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Top,
    Bottom,
}

/// The lane of a link kind: -1, 0 or 1 times [`LANE`] from a spine's or channel's middle.
fn lane(kind: LinkKind) -> f64 {
    match kind {
        LinkKind::Route | LinkKind::Service | LinkKind::RouterInterface => -1.0,
        LinkKind::Internet => 0.0,
        LinkKind::EipBinding
        | LinkKind::Vpn
        | LinkKind::ExpressConnect
        | LinkKind::Snat
        | LinkKind::Backend
        | LinkKind::Attachment => 1.0,
    }
}

/// The laid-out shapes and the frames of every container, to route links through.
pub(super) struct Router<'a> {
    pub shapes: &'a [Shape],
    /// The parent of each shape, by index (`None`: top level).
    pub parents: &'a [Option<usize>],
    /// Where each shape sits in its parent's frame.
    pub slots: &'a [Slot],
    /// The frame of each container shape, by index (`None` for leaves).
    pub frames: &'a [Option<Frame>],
    /// The top level's frame.
    pub top: &'a Frame,
}

impl Router<'_> {
    fn frame(&self, container: Option<usize>) -> &Frame {
        match container {
            Some(index) => self.frames[index].as_ref().unwrap_or(self.top),
            None => self.top,
        }
    }

    fn is_container(&self, index: usize) -> bool {
        self.frames[index].is_some()
    }

    /// `index` and its ancestors, innermost first.
    fn chain(&self, index: usize) -> Vec<usize> {
        let mut chain = vec![index];
        let mut at = index;
        while let Some(parent) = self.parents[at] {
            chain.push(parent);
            at = parent;
        }
        chain
    }

    fn row(&self, index: usize) -> usize {
        match self.slots[index] {
            Slot::Row(row) => row,
            Slot::Side => 0,
        }
    }

    /// Where a path crosses `index`'s `side` edge: a leaf's edge middle (shifted by the
    /// lane), a container's spine.
    fn port(&self, index: usize, side: Side, lane: f64) -> Point {
        let rect = self.shapes[index].rect;
        let y = match side {
            Side::Top => rect.y,
            Side::Bottom => rect.bottom(),
        };
        let x = match &self.frames[index] {
            Some(frame) => frame.spine + lane * LANE,
            None => rect.center().x + lane * 4.0 * LANE,
        };
        Point::new(x, y)
    }

    /// The y of a container's title middle, where a link to it from its parent's spine ends.
    fn title_middle(&self, index: usize) -> f64 {
        let shape = &self.shapes[index];
        shape
            .text
            .first()
            .map_or(shape.rect.y + PAD, |title| title.at.y - 0.3 * title.size)
    }

    /// Whether a link to container `index` can end at its left edge, straight from its
    /// parent's spine (it stands in the first column, with only padding in between).
    fn beside_spine(&self, index: usize) -> bool {
        self.is_container(index)
            && self.slots[index] != Slot::Side
            && self.shapes[index].rect.x - self.frame(self.parents[index]).spine <= PAD
    }

    /// The channel on `side` of the row of `child` in `frame`.
    fn channel(&self, frame: &Frame, child: usize, side: Side, lane: f64) -> f64 {
        let row = self.row(child).min(frame.rows.len().saturating_sub(1));
        if frame.rows.is_empty() {
            return frame.content_top;
        }
        let y = match side {
            Side::Top => frame.above(row),
            Side::Bottom => frame.below(row),
        };
        y + lane * LANE
    }

    /// The path from where it crosses `outer`'s `side` edge down (or up) to the end of
    /// `chain` inside `outer`; `[port]` when `outer` is that end.
    fn descend(&self, outer: usize, side: Side, chain: &[usize], lane: f64) -> Vec<Point> {
        let position = chain.iter().position(|&at| at == outer).unwrap_or(0);
        if position == 0 {
            return vec![self.port(outer, side, lane)];
        }
        let child = chain[position - 1];
        let frame = self.frame(Some(outer));
        let rect = self.shapes[outer].rect;
        let edge = match side {
            Side::Top => rect.y,
            Side::Bottom => rect.bottom(),
        };
        let spine = frame.spine + lane * LANE;
        if position == 1 && self.beside_spine(child) {
            let y = self.title_middle(child);
            return vec![
                Point::new(spine, edge),
                Point::new(spine, y),
                Point::new(self.shapes[child].rect.x, y),
            ];
        }
        let inner = self.descend(child, side, chain, lane);
        let entry = inner[0];
        // Straight through the free padding when the child's row is the first one (and no
        // header text lies above it) or the last one.
        let row = self.row(child);
        let straight = match side {
            Side::Top => row == 0 && frame.content_top <= rect.y,
            Side::Bottom => row + 1 == frame.rows.len(),
        };
        let mut path = if straight {
            vec![Point::new(entry.x, edge)]
        } else {
            let y = self.channel(frame, child, side, lane);
            vec![
                Point::new(spine, edge),
                Point::new(spine, y),
                Point::new(entry.x, y),
            ]
        };
        path.extend(inner);
        path
    }

    /// The right-angled path of a link of `kind` from shape `from` to shape `to`.
    pub fn route(&self, from: usize, to: usize, kind: LinkKind) -> Vec<Point> {
        let lane = lane(kind);
        let (chain_a, chain_b) = (self.chain(from), self.chain(to));
        // The deepest container both ends are in (or the top level).
        let common = chain_a.iter().copied().find(|at| chain_b.contains(at));
        let mut points = match common {
            Some(shared) if shared == from => self.out_of_container(from, &chain_b, lane),
            Some(shared) if shared == to => {
                let mut path = self.out_of_container(to, &chain_a, lane);
                path.reverse();
                path
            }
            _ => self.across(common, &chain_a, &chain_b, lane),
        };
        simplify(&mut points);
        points
    }

    /// A path from container `outer`'s left edge (level with its title) to a shape inside it.
    fn out_of_container(&self, outer: usize, chain: &[usize], lane: f64) -> Vec<Point> {
        let rect = self.shapes[outer].rect;
        let frame = self.frame(Some(outer));
        let spine = frame.spine + lane * LANE;
        let y = self.title_middle(outer);
        let mut path = vec![Point::new(rect.x, y), Point::new(spine, y)];
        let position = chain.iter().position(|&at| at == outer).unwrap_or(0);
        if position == 0 {
            return path;
        }
        path.extend(self.approach(frame, chain[position - 1], Side::Top, chain, spine, lane));
        path
    }

    /// A path between two shapes in different children of `common` (`None`: the top level).
    fn across(
        &self,
        common: Option<usize>,
        chain_a: &[usize],
        chain_b: &[usize],
        lane: f64,
    ) -> Vec<Point> {
        let child_of = |chain: &[usize]| -> usize {
            match common {
                Some(shared) => {
                    let at = chain
                        .iter()
                        .position(|&c| c == shared)
                        .unwrap_or(chain.len());
                    chain[at.saturating_sub(1)]
                }
                None => chain[chain.len() - 1],
            }
        };
        let (a, b) = (child_of(chain_a), child_of(chain_b));
        let frame = self.frame(common);
        let spine = frame.spine + lane * LANE;

        // A shape of the outside column joins the spine sideways, level with its middle.
        if self.slots[a] == Slot::Side || self.slots[b] == Slot::Side {
            let (side_item, other, chain_other, reversed) = if self.slots[a] == Slot::Side {
                (a, b, chain_b, false)
            } else {
                (b, a, chain_a, true)
            };
            let rect = self.shapes[side_item].rect;
            let start = Point::new(rect.right(), rect.center().y + lane * 2.0 * LANE);
            let side = if rect.center().y <= self.shapes[other].rect.center().y {
                Side::Top
            } else {
                Side::Bottom
            };
            let mut path = vec![start, Point::new(spine, start.y)];
            path.extend(self.approach(frame, other, side, chain_other, spine, lane));
            if reversed {
                path.reverse();
            }
            return path;
        }

        let (row_a, row_b) = (self.row(a), self.row(b));
        let (side_a, side_b) = match row_a.cmp(&row_b) {
            std::cmp::Ordering::Less => (Side::Bottom, Side::Top),
            std::cmp::Ordering::Greater => (Side::Top, Side::Bottom),
            std::cmp::Ordering::Equal => (Side::Bottom, Side::Bottom),
        };
        let mut out = self.approach(frame, a, side_a, chain_a, spine, lane);
        out.reverse();
        let back = self.approach(frame, b, side_b, chain_b, spine, lane);
        // Both approaches start on the spine; when they leave it in the same channel, cut
        // straight across.
        let (Some(&first_a), Some(&first_b)) = (out.last(), back.first()) else {
            return out;
        };
        if first_a.y == first_b.y {
            out.pop();
            out.extend(back.into_iter().skip(1));
        } else {
            out.extend(back);
        }
        out
    }

    /// The path from `frame`'s spine to the end of `chain` inside `child` (a child of the
    /// frame's container), through `child`'s `side`: it starts on the spine.
    fn approach(
        &self,
        frame: &Frame,
        child: usize,
        side: Side,
        chain: &[usize],
        spine: f64,
        lane: f64,
    ) -> Vec<Point> {
        if chain.first() == Some(&child) && self.beside_spine(child) {
            let y = self.title_middle(child);
            return vec![
                Point::new(spine, y),
                Point::new(self.shapes[child].rect.x, y),
            ];
        }
        let y = self.channel(frame, child, side, lane);
        let inner = self.descend(child, side, chain, lane);
        let mut path = vec![Point::new(spine, y), Point::new(inner[0].x, y)];
        path.extend(inner);
        path
    }
}

/// Drops repeated points and the middle of three points on one line.
fn simplify(points: &mut Vec<Point>) {
    points.dedup();
    let mut i = 1;
    while i + 1 < points.len() {
        let (a, b, c) = (points[i - 1], points[i], points[i + 1]);
        if (a.x == b.x && b.x == c.x) || (a.y == b.y && b.y == c.y) {
            points.remove(i);
        } else {
            i += 1;
        }
    }
}
