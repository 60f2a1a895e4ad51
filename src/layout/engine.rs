//! The layout algorithm: measure every container bottom-up, then place it top-down.
//!
//! Coordinates are diagram units, origin top-left, y down (see [`crate::layout`]). The
//! arrangement, from top to bottom: the Internet; the regions, left to right; the data
//! centres. Inside a region: its services strip (OSS, unbound EIPs), its VPCs left to right,
//! its border routers. Inside a VPC: a band with the VRouter, NAT and VPN gateways, then one
//! column per zone. Inside a zone: VSwitches stacked, then CLBs and RDS. Inside a VSwitch: a
//! grid of instances.
//!
//! Sizes depend only on counts and on the order of siblings, never on names, so adding an
//! item moves only what comes after it, and the same scene always gives the same diagram.
//! Siblings of a row are stretched to the tallest one, and VSwitches to the width of their
//! zone, which keeps the picture tidy without changing anyone's position.

use std::collections::{HashMap, HashSet};

use super::diagram::{font_size, Diagram, Link, LinkKind, Shape};
use super::geometry::{Point, Rect};
use super::metrics::*;
use super::scene::{Item, Region, Scene, Vpc, Vswitch, Zone};
use super::LayoutOptions;
use crate::model::{ElementId, ElementKind};

#[derive(Debug, Clone, Copy)]
struct Size {
    w: f64,
    h: f64,
}

/// The size of a grid of `count` nodes in `cols` columns (nothing when empty).
fn grid_size(count: usize, cols: usize) -> Size {
    if count == 0 {
        return Size { w: 0.0, h: 0.0 };
    }
    let cols = cols.clamp(1, count);
    let rows = count.div_ceil(cols);
    Size {
        w: span(cols, NODE_WIDTH, NODE_GAP),
        h: span(rows, NODE_HEIGHT, NODE_GAP),
    }
}

/// The length of `n` cells of `cell` separated by `gap`.
fn span(n: usize, cell: f64, gap: f64) -> f64 {
    if n == 0 {
        0.0
    } else {
        n as f64 * cell + (n - 1) as f64 * gap
    }
}

/// The top-left corner of cell `index` of a grid of `cols` columns starting at `origin`.
fn grid_cell(origin: Point, index: usize, cols: usize) -> Rect {
    let cols = cols.max(1);
    let (row, col) = (index / cols, index % cols);
    Rect::new(
        origin.x + col as f64 * (NODE_WIDTH + NODE_GAP),
        origin.y + row as f64 * (NODE_HEIGHT + NODE_GAP),
        NODE_WIDTH,
        NODE_HEIGHT,
    )
}

/// Height of a container's header: its title and its detail lines.
fn header_height(kind: ElementKind, item: &Item) -> f64 {
    let lines = item.detail.len() + usize::from(item.badge.is_some());
    TEXT_INSET + font_size(kind) + TITLE_GAP + lines as f64 * DETAIL_LINE + HEADER_BOTTOM
}

/// Heights of vertical sections joined by `gap`, skipping empty ones.
fn stack(sections: &[f64], gap: f64) -> f64 {
    let nonempty: Vec<f64> = sections.iter().copied().filter(|h| *h > 0.0).collect();
    nonempty.iter().sum::<f64>() + gap * nonempty.len().saturating_sub(1) as f64
}

/// How a VSwitch's instances are shown under the options.
#[derive(Debug, Clone, Copy)]
struct Shown {
    /// Instances drawn.
    instances: usize,
    /// Instances folded into the "+N more" node (0: no such node).
    hidden: usize,
    /// Grid columns.
    cols: usize,
}

impl Shown {
    fn of(vswitch: &Vswitch, options: &LayoutOptions) -> Self {
        let total = vswitch.instances.len();
        let expanded = vswitch
            .item
            .id
            .as_resource()
            .is_some_and(|id| options.expanded.contains(id));
        if expanded || total <= options.collapse_threshold {
            // Expanded VSwitches widen in steps so a long list stays roughly square; the
            // steps keep the column count unchanged for most additions.
            let cols = match total {
                0..=48 => VSWITCH_COLUMNS,
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
            let instances = options.collapse_threshold.saturating_sub(1);
            Self {
                instances,
                hidden: total - instances,
                cols: VSWITCH_COLUMNS,
            }
        }
    }

    fn nodes(&self) -> usize {
        self.instances + usize::from(self.hidden > 0)
    }
}

struct Builder<'a> {
    options: &'a LayoutOptions,
    shapes: Vec<Shape>,
    links: Vec<Link>,
    /// Hidden instance → the "+N more" node that stands for it.
    hidden: HashMap<&'a ElementId, ElementId>,
    /// Whether `hidden` is worth filling (the scene has links of its own).
    track_hidden: bool,
}

impl<'a> Builder<'a> {
    fn push(&mut self, kind: ElementKind, item: &Item, rect: Rect, parent: Option<&ElementId>) {
        let font_size = font_size(kind);
        self.shapes.push(Shape {
            kind,
            id: item.id.clone(),
            label: item.label.clone(),
            detail: item.detail.clone(),
            badge: item.badge.clone(),
            rect,
            parent: parent.cloned(),
            font_size,
            min_scale: (READABLE_PX / font_size * 1000.0).round() / 1000.0,
        });
    }

    fn push_grid(
        &mut self,
        kind: ElementKind,
        items: &[Item],
        origin: Point,
        cols: usize,
        first_index: usize,
        parent: &ElementId,
    ) {
        for (i, item) in items.iter().enumerate() {
            let rect = grid_cell(origin, first_index + i, cols);
            self.push(kind, item, rect, Some(parent));
        }
    }

    // --- VSwitch ---------------------------------------------------------------------------

    fn vswitch_size(&self, vswitch: &Vswitch) -> Size {
        let shown = Shown::of(vswitch, self.options);
        let grid = grid_size(shown.nodes(), shown.cols);
        let grid_w = span(shown.cols, NODE_WIDTH, NODE_GAP);
        Size {
            w: 2.0 * VSWITCH_PAD + grid_w,
            h: header_height(ElementKind::Vswitch, &vswitch.item) + grid.h + VSWITCH_PAD,
        }
    }

    fn place_vswitch(&mut self, vswitch: &'a Vswitch, rect: Rect, parent: &ElementId) {
        self.push(ElementKind::Vswitch, &vswitch.item, rect, Some(parent));
        let shown = Shown::of(vswitch, self.options);
        let origin = Point::new(
            rect.x + VSWITCH_PAD,
            rect.y + header_height(ElementKind::Vswitch, &vswitch.item),
        );
        let id = &vswitch.item.id;
        self.push_grid(
            ElementKind::Instance,
            &vswitch.instances[..shown.instances],
            origin,
            shown.cols,
            0,
            id,
        );
        if shown.hidden > 0 {
            let more = Item {
                id: ElementId::More(vswitch.item.id.to_string()),
                label: format!("+{} more", shown.hidden),
                detail: vec![format!("{} instances in all", vswitch.instances.len())],
                badge: None,
            };
            let cell = grid_cell(origin, shown.instances, shown.cols);
            self.push(ElementKind::More, &more, cell, Some(id));
            if self.track_hidden {
                for instance in &vswitch.instances[shown.instances..] {
                    self.hidden.insert(&instance.id, more.id.clone());
                }
            }
        }
    }

    // --- Zone ------------------------------------------------------------------------------

    fn zone_size(&self, zone: &Zone) -> Size {
        let mut inner_w = ZONE_MIN_INNER_WIDTH;
        let mut heights = Vec::with_capacity(zone.vswitches.len() + 1);
        for vswitch in &zone.vswitches {
            let size = self.vswitch_size(vswitch);
            inner_w = inner_w.max(size.w);
            heights.push(size.h);
        }
        let services = grid_size(zone.clbs.len() + zone.rds.len(), SERVICE_COLUMNS);
        inner_w = inner_w.max(services.w);
        heights.push(services.h);
        Size {
            w: 2.0 * PAD + inner_w,
            h: header_height(ElementKind::Zone, &zone.item) + stack(&heights, VSWITCH_GAP) + PAD,
        }
    }

    fn place_zone(&mut self, zone: &'a Zone, rect: Rect, parent: &ElementId) {
        self.push(ElementKind::Zone, &zone.item, rect, Some(parent));
        let id = &zone.item.id;
        let inner_w = rect.width - 2.0 * PAD;
        let mut y = rect.y + header_height(ElementKind::Zone, &zone.item);
        for vswitch in &zone.vswitches {
            let size = self.vswitch_size(vswitch);
            self.place_vswitch(vswitch, Rect::new(rect.x + PAD, y, inner_w, size.h), id);
            y += size.h + VSWITCH_GAP;
        }
        let origin = Point::new(rect.x + PAD, y);
        self.push_grid(ElementKind::Clb, &zone.clbs, origin, SERVICE_COLUMNS, 0, id);
        let first = zone.clbs.len();
        self.push_grid(
            ElementKind::Rds,
            &zone.rds,
            origin,
            SERVICE_COLUMNS,
            first,
            id,
        );
    }

    // --- VPC -------------------------------------------------------------------------------

    fn band_len(vpc: &Vpc) -> usize {
        1 + vpc.nat_gateways.len() + vpc.vpn_gateways.len()
    }

    fn zones_row(&self, vpc: &Vpc) -> Size {
        let mut size = Size { w: 0.0, h: 0.0 };
        for (i, zone) in vpc.zones.iter().enumerate() {
            let zone_size = self.zone_size(zone);
            size.w += zone_size.w + if i > 0 { ZONE_GAP } else { 0.0 };
            size.h = size.h.max(zone_size.h);
        }
        size
    }

    fn vpc_size(&self, vpc: &Vpc) -> Size {
        let zones = self.zones_row(vpc);
        let band_w = span(Self::band_len(vpc), NODE_WIDTH, NODE_GAP);
        let inner_w = zones.w.max(band_w).max(MIN_INNER_WIDTH);
        Size {
            w: 2.0 * PAD + inner_w,
            h: header_height(ElementKind::Vpc, &vpc.item)
                + NODE_HEIGHT
                + BUS_GAP
                + zones.h.max(EMPTY_HEIGHT)
                + PAD,
        }
    }

    fn place_vpc(&mut self, vpc: &'a Vpc, rect: Rect, parent: &ElementId) {
        self.push(ElementKind::Vpc, &vpc.item, rect, Some(parent));
        let id = &vpc.item.id;
        let band = Point::new(
            rect.x + PAD,
            rect.y + header_height(ElementKind::Vpc, &vpc.item),
        );
        let vrouter = grid_cell(band, 0, 1);
        self.push(ElementKind::Vrouter, &vpc.vrouter, vrouter, Some(id));
        let cols = Self::band_len(vpc);
        self.push_grid(
            ElementKind::NatGateway,
            &vpc.nat_gateways,
            band,
            cols,
            1,
            id,
        );
        let first = 1 + vpc.nat_gateways.len();
        self.push_grid(
            ElementKind::VpnGateway,
            &vpc.vpn_gateways,
            band,
            cols,
            first,
            id,
        );

        let bus_y = vrouter.bottom() + BUS_GAP / 2.0;
        let zones_y = vrouter.bottom() + BUS_GAP;
        let zones_h = rect.bottom() - PAD - zones_y;
        let mut x = rect.x + PAD;
        for zone in &vpc.zones {
            let size = self.zone_size(zone);
            let zone_rect = Rect::new(x, zones_y, size.w, zones_h);
            self.place_zone(zone, zone_rect, id);
            // The VRouter's system route to each VSwitch runs along the bus under the band,
            // then down the zone's left gutter, clear of the VSwitches above.
            let gutter = x + ROUTE_GUTTER;
            let mut y = zones_y + header_height(ElementKind::Zone, &zone.item);
            for vswitch in &zone.vswitches {
                let entry = y + TEXT_INSET + font_size(ElementKind::Vswitch) / 2.0;
                let mut points = vec![
                    Point::new(vrouter.center().x, vrouter.bottom()),
                    Point::new(vrouter.center().x, bus_y),
                    Point::new(gutter, bus_y),
                    Point::new(gutter, entry),
                    Point::new(x + PAD, entry),
                ];
                points.dedup();
                self.links.push(Link {
                    from: vpc.vrouter.id.clone(),
                    to: vswitch.item.id.clone(),
                    kind: LinkKind::Route,
                    points,
                });
                y += self.vswitch_size(vswitch).h + VSWITCH_GAP;
            }
            x += size.w + ZONE_GAP;
        }
    }

    // --- Region ----------------------------------------------------------------------------

    fn vpcs_row(&self, region: &Region) -> Size {
        let mut size = Size { w: 0.0, h: 0.0 };
        for (i, vpc) in region.vpcs.iter().enumerate() {
            let vpc_size = self.vpc_size(vpc);
            size.w += vpc_size.w + if i > 0 { GAP } else { 0.0 };
            size.h = size.h.max(vpc_size.h);
        }
        size
    }

    fn strip_columns(row_width: f64) -> usize {
        let fit = ((row_width + NODE_GAP) / (NODE_WIDTH + NODE_GAP)).floor();
        // A float-to-int cast saturates, and `fit` is never negative here.
        (fit as usize).max(STRIP_MIN_COLUMNS)
    }

    fn services_len(region: &Region) -> usize {
        usize::from(region.oss.is_some()) + region.eips.len()
    }

    fn region_size(&self, region: &Region) -> Size {
        let vpcs = self.vpcs_row(region);
        let cols = Self::strip_columns(vpcs.w);
        let services = grid_size(Self::services_len(region), cols);
        let vbrs = grid_size(region.vbrs.len(), cols);
        let inner_w = vpcs.w.max(services.w).max(vbrs.w).max(MIN_INNER_WIDTH);
        let body = stack(&[services.h, vpcs.h, vbrs.h], GAP).max(EMPTY_HEIGHT);
        Size {
            w: 2.0 * PAD + inner_w,
            h: header_height(ElementKind::Region, &region.item) + body + PAD,
        }
    }

    fn place_region(&mut self, region: &'a Region, rect: Rect) {
        self.push(ElementKind::Region, &region.item, rect, None);
        let id = &region.item.id;
        let vpcs = self.vpcs_row(region);
        let cols = Self::strip_columns(vpcs.w);
        let mut y = rect.y + header_height(ElementKind::Region, &region.item);
        let x = rect.x + PAD;

        let services = grid_size(Self::services_len(region), cols);
        if let Some(oss) = &region.oss {
            self.push(
                ElementKind::Oss,
                oss,
                grid_cell(Point::new(x, y), 0, cols),
                Some(id),
            );
        }
        let first = usize::from(region.oss.is_some());
        self.push_grid(
            ElementKind::Eip,
            &region.eips,
            Point::new(x, y),
            cols,
            first,
            id,
        );
        if services.h > 0.0 {
            y += services.h + GAP;
        }

        let mut vpc_x = x;
        for vpc in &region.vpcs {
            let size = self.vpc_size(vpc);
            self.place_vpc(vpc, Rect::new(vpc_x, y, size.w, vpcs.h), id);
            vpc_x += size.w + GAP;
        }
        if vpcs.h > 0.0 {
            y += vpcs.h + GAP;
        }
        self.push_grid(
            ElementKind::Vbr,
            &region.vbrs,
            Point::new(x, y),
            cols,
            0,
            id,
        );
    }

    // --- Links -----------------------------------------------------------------------------

    fn route_scene_links(&mut self, scene: &Scene) {
        let index: HashMap<&ElementId, usize> = self
            .shapes
            .iter()
            .enumerate()
            .map(|(i, shape)| (&shape.id, i))
            .collect();
        let resolve = |id: &ElementId| -> Option<usize> {
            index
                .get(id)
                .or_else(|| self.hidden.get(id).and_then(|more| index.get(more)))
                .copied()
        };
        let mut seen = HashSet::new();
        let mut links = Vec::new();
        let internet_links = self
            .shapes
            .iter()
            .enumerate()
            .filter(|(_, shape)| shape.badge.is_some() && shape.kind != ElementKind::Eip)
            .map(|(i, _)| {
                let internet = index.get(&ElementId::Internet).copied();
                (internet, Some(i), LinkKind::Internet)
            });
        let wanted: Vec<(Option<usize>, Option<usize>, LinkKind)> = scene
            .links
            .iter()
            .map(|link| (resolve(&link.from), resolve(&link.to), link.kind))
            .chain(internet_links)
            .collect();
        for (from, to, kind) in wanted {
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            if from == to || !seen.insert((from, to, kind)) {
                continue;
            }
            let (a, b) = (&self.shapes[from], &self.shapes[to]);
            links.push(Link {
                from: a.id.clone(),
                to: b.id.clone(),
                kind,
                points: elbow(a, b),
            });
        }
        self.links.extend(links);
    }
}

/// A right-angled path from the edge of `a` to the edge of `b`. When exactly one end is a
/// top-level shape (the Internet, a data centre), the crossing run lies in the gap next to
/// it, so the lines from many resources merge into one bus there.
fn elbow(a: &Shape, b: &Shape) -> Vec<Point> {
    let (ra, rb) = (a.rect, b.rect);
    let (ca, cb) = (ra.center(), rb.center());
    let near = |top_level_a: f64, top_level_b: f64, middle: f64| match (&a.parent, &b.parent) {
        (None, Some(_)) => top_level_a,
        (Some(_), None) => top_level_b,
        _ => middle,
    };
    let mut points = if rb.y >= ra.bottom() {
        let (start, end) = (Point::new(ca.x, ra.bottom()), Point::new(cb.x, rb.y));
        let run = near(
            start.y + TIER_GAP / 2.0,
            end.y - TIER_GAP / 2.0,
            (start.y + end.y) / 2.0,
        );
        vec![start, Point::new(start.x, run), Point::new(end.x, run), end]
    } else if ra.y >= rb.bottom() {
        let (start, end) = (Point::new(ca.x, ra.y), Point::new(cb.x, rb.bottom()));
        let run = near(
            start.y - TIER_GAP / 2.0,
            end.y + TIER_GAP / 2.0,
            (start.y + end.y) / 2.0,
        );
        vec![start, Point::new(start.x, run), Point::new(end.x, run), end]
    } else if rb.x >= ra.right() {
        let (start, end) = (Point::new(ra.right(), ca.y), Point::new(rb.x, cb.y));
        let run = (start.x + end.x) / 2.0;
        vec![start, Point::new(run, start.y), Point::new(run, end.y), end]
    } else if ra.x >= rb.right() {
        let (start, end) = (Point::new(ra.x, ca.y), Point::new(rb.right(), cb.y));
        let run = (start.x + end.x) / 2.0;
        vec![start, Point::new(run, start.y), Point::new(run, end.y), end]
    } else {
        vec![ca, cb]
    };
    points.dedup();
    points
}

/// Lays out `scene` (see the module documentation for the arrangement).
pub(super) fn layout(scene: &Scene, options: &LayoutOptions) -> Diagram {
    let mut builder = Builder {
        options,
        shapes: Vec::new(),
        links: Vec::new(),
        hidden: HashMap::new(),
        track_hidden: !scene.links.is_empty(),
    };
    let internet = Item::new(ElementId::Internet, "Internet");
    builder.push(
        ElementKind::Internet,
        &internet,
        Rect::new(MARGIN, MARGIN, NODE_WIDTH, NODE_HEIGHT),
        None,
    );

    let sizes: Vec<Size> = scene
        .regions
        .iter()
        .map(|region| builder.region_size(region))
        .collect();
    let row_h = sizes.iter().fold(0.0_f64, |h, size| h.max(size.h));
    let row_y = MARGIN + NODE_HEIGHT + TIER_GAP;
    let mut x = MARGIN;
    let mut right = MARGIN + NODE_WIDTH;
    for (region, size) in scene.regions.iter().zip(&sizes) {
        builder.place_region(region, Rect::new(x, row_y, size.w, row_h));
        right = x + size.w;
        x += size.w + REGION_GAP;
    }

    let mut bottom = if scene.regions.is_empty() {
        MARGIN + NODE_HEIGHT
    } else {
        row_y + row_h
    };
    if !scene.datacenters.is_empty() {
        let cols = Builder::strip_columns(right - MARGIN);
        let origin = Point::new(MARGIN, bottom + TIER_GAP);
        for (i, datacenter) in scene.datacenters.iter().enumerate() {
            let rect = grid_cell(origin, i, cols);
            builder.push(ElementKind::DataCenter, datacenter, rect, None);
        }
        let grid = grid_size(scene.datacenters.len(), cols);
        right = right.max(MARGIN + grid.w);
        bottom += TIER_GAP + grid.h;
    }

    builder.route_scene_links(scene);
    Diagram {
        width: right + MARGIN,
        height: bottom + MARGIN,
        shapes: builder.shapes,
        links: builder.links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::diagram::{Badge, BadgeKind};
    use crate::layout::scene::SceneLink;

    /// The id of instance `index` of VSwitch `number` (`i-1` + four digits: unique per
    /// VSwitch).
    fn instance_id(number: usize, index: usize) -> ElementId {
        ElementId::resource(format!("i-{number}{index:04}"))
    }

    fn vswitch(number: usize, instances: usize) -> Vswitch {
        let id = format!("vsw-{number:04}");
        Vswitch {
            item: Item::resource(&id, &id).with_detail("10.0.0.0/24"),
            instances: (0..instances)
                .map(|i| Item::new(instance_id(number, i), format!("vm{i}")))
                .collect(),
        }
    }

    fn one_vswitch_scene(instances: usize) -> Scene {
        let zone = Zone {
            vswitches: vec![vswitch(1, instances)],
            ..Zone::new(Item::new(
                ElementId::zone("vpc-0001", "ap-south-1a"),
                "ap-south-1a",
            ))
        };
        let vpc = Vpc {
            zones: vec![zone],
            ..Vpc::new(
                Item::resource("vpc-0001", "VPC"),
                Item::resource("vrt-0001", "VRouter"),
            )
        };
        let region = Region {
            vpcs: vec![vpc],
            ..Region::new(Item::new(ElementId::Region("ap-south-1".into()), "Region"))
        };
        Scene {
            regions: vec![region],
            ..Scene::default()
        }
    }

    fn more_of_vswitch_1() -> ElementId {
        ElementId::More("vsw-0001".into())
    }

    #[test]
    fn an_empty_scene_is_just_the_internet() {
        let diagram = layout(&Scene::default(), &LayoutOptions::default());
        assert_eq!(diagram.shapes.len(), 1);
        assert_eq!(diagram.shapes[0].kind, ElementKind::Internet);
        assert_eq!(diagram.width, 2.0 * MARGIN + NODE_WIDTH);
        assert_eq!(diagram.height, 2.0 * MARGIN + NODE_HEIGHT);
    }

    #[test]
    fn a_vswitch_over_the_threshold_shows_threshold_nodes_ending_in_more() {
        // Table: (instances, expected instance nodes, expected "more" label).
        for (count, shown, more) in [
            (0, 0, None),
            (24, 24, None),
            (25, 23, Some("+2 more")),
            (5000, 23, Some("+4977 more")),
        ] {
            let diagram = layout(&one_vswitch_scene(count), &LayoutOptions::default());
            assert_eq!(
                diagram.count(ElementKind::Instance),
                shown,
                "{count} instances"
            );
            let label = diagram
                .shape(&more_of_vswitch_1())
                .map(|shape| shape.label.as_str());
            assert_eq!(label, more, "{count} instances");
        }
    }

    #[test]
    fn an_expanded_vswitch_shows_every_instance_in_more_columns() {
        let mut options = LayoutOptions::default();
        options.expanded.insert("vsw-0001".into());
        let diagram = layout(&one_vswitch_scene(100), &options);
        assert_eq!(diagram.count(ElementKind::Instance), 100);
        assert_eq!(diagram.count(ElementKind::More), 0);
        let vsw = diagram
            .shape(&ElementId::resource("vsw-0001"))
            .map(|s| s.rect.width);
        assert_eq!(vsw, Some(2.0 * VSWITCH_PAD + span(6, NODE_WIDTH, NODE_GAP)));
    }

    #[test]
    fn the_vrouter_gets_one_route_link_per_vswitch_ending_at_its_left_edge() {
        let mut scene = one_vswitch_scene(1);
        scene.regions[0].vpcs[0].zones[0]
            .vswitches
            .push(vswitch(2, 2));
        let diagram = layout(&scene, &LayoutOptions::default());
        let routes: Vec<&Link> = diagram
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Route)
            .collect();
        assert_eq!(routes.len(), 2);
        for link in routes {
            let target = diagram.shape(&link.to).map(|s| s.rect);
            let end = link.points.last().copied();
            let (Some(target), Some(end)) = (target, end) else {
                panic!("route to {} has an end", link.to);
            };
            assert_eq!(end.x, target.x);
            assert!(end.y > target.y && end.y < target.bottom());
        }
    }

    #[test]
    fn links_to_hidden_instances_go_to_the_more_node_once() {
        let mut scene = one_vswitch_scene(30);
        let dc = ElementId::resource("idc-0001");
        scene.datacenters.push(Item::new(dc.clone(), "DC"));
        for i in [1, 28, 29] {
            scene.links.push(SceneLink {
                from: instance_id(1, i),
                to: dc.clone(),
                kind: LinkKind::Vpn,
            });
        }
        scene.links.push(SceneLink {
            from: ElementId::resource("i-9999"),
            to: dc,
            kind: LinkKind::Vpn,
        });
        let diagram = layout(&scene, &LayoutOptions::default());
        let from: Vec<&ElementId> = diagram
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Vpn)
            .map(|l| &l.from)
            .collect();
        assert_eq!(from, [&instance_id(1, 1), &more_of_vswitch_1()]);
    }

    #[test]
    fn the_internet_links_to_every_drawn_public_address_but_not_pool_eips() {
        let mut scene = one_vswitch_scene(2);
        let vsw = &mut scene.regions[0].vpcs[0].zones[0].vswitches[0];
        vsw.instances[1].badge = Some(Badge::new(BadgeKind::NatPublicIp, "47.0.0.1"));
        scene.regions[0].eips.push(
            Item::resource("eip-0001", "eip-0001")
                .with_badge(Badge::new(BadgeKind::Eip, "47.0.0.2")),
        );
        let diagram = layout(&scene, &LayoutOptions::default());
        let internet: Vec<(&ElementId, &ElementId)> = diagram
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Internet)
            .map(|l| (&l.from, &l.to))
            .collect();
        assert_eq!(internet, [(&ElementId::Internet, &instance_id(1, 1))]);
    }

    #[test]
    fn elbows_bend_at_right_angles() {
        let diagram = layout(&one_vswitch_scene(3), &LayoutOptions::default());
        for link in &diagram.links {
            for pair in link.points.windows(2) {
                assert!(pair[0].x == pair[1].x || pair[0].y == pair[1].y, "{link:?}");
            }
        }
    }
}
