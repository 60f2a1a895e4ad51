//! Placing the planned shapes top-down, keeping a record of every container's free lanes,
//! then routing the links through them.
//!
//! Coordinates are diagram units, origin top-left, y down (see [`crate::layout`]); the sizes
//! come from the plan ([`super::engine`]), so placing only adds positions.
//!
//! Its stages are functions of their own (`#[inline(never)]`), for the reason
//! [`crate::model::document`]'s validation gives: the whole layout as one 30 KB function
//! cost about 50 ms of V8's optimising compiler when 20,000 instances were first drawn.

use std::collections::{HashMap, HashSet};

use super::arrange::{choose, plan, TopPlan};
use super::diagram::{Diagram, Link, LinkKind, Shape};
use super::engine::{
    grid_cell, header_text, leaf_text, title_column, Arrangement, Outside, Planner, RegionPlan,
    VpcPlan, VswitchPlan, ZonePlan,
};
use super::geometry::{Point, Rect};
use super::metrics::*;
use super::route::{Frame, Router, Slot};
use super::scene::{Item, Region, Scene, Vpc, Vswitch, Zone};
use super::text::{Detail, TextLine};
use super::LayoutOptions;
use crate::model::{ElementId, ElementKind};

struct Builder<'a> {
    shapes: Vec<Shape>,
    parents: Vec<Option<usize>>,
    slots: Vec<Slot>,
    frames: Vec<Option<Frame>>,
    /// Hidden instance → the shape index of the "+N more" node that stands for it (an
    /// index, not a copy of the node's id: 20,000 instances hide 19,540 behind a few nodes).
    /// Only the hidden instances a link ends at are kept: those are all it is asked for.
    hidden: HashMap<&'a ElementId, usize>,
    /// The items the scene's own links end at.
    linked: HashSet<&'a ElementId>,
    /// VRouter → VSwitch pairs, by shape index, in the order placed.
    routes: Vec<(usize, usize)>,
}

/// A title area whose grown title starts where the normal title does (`text_x`).
fn title_area(text_x: f64, y: f64, text_width: f64, height: f64) -> Rect {
    Rect::new(
        text_x - LEAF_INSET,
        y,
        text_width + 2.0 * LEAF_INSET,
        height,
    )
}

impl<'a> Builder<'a> {
    #[allow(clippy::too_many_arguments, reason = "a shape is all of these")]
    fn push(
        &mut self,
        kind: ElementKind,
        item: &Item,
        rect: Rect,
        parent: Option<usize>,
        slot: Slot,
        text: Vec<TextLine>,
        title_area: Rect,
    ) -> usize {
        self.shapes.push(Shape {
            kind,
            id: item.id.clone(),
            label: item.label.clone(),
            detail: item.detail.clone(),
            badge: item.badge.clone(),
            rect,
            parent: parent.map(|p| self.shapes[p].id.clone()),
            text,
            title_area,
        });
        self.parents.push(parent);
        self.slots.push(slot);
        self.frames.push(None);
        self.shapes.len() - 1
    }

    fn push_leaf(
        &mut self,
        kind: ElementKind,
        item: &Item,
        rect: Rect,
        parent: Option<usize>,
        slot: Slot,
    ) -> usize {
        let text = leaf_text(item, rect);
        self.push(kind, item, rect, parent, slot, text, rect)
    }

    /// Pushes `items` into cells `first..` of a grid of `cols` columns at `origin`; each in
    /// row `first_row + cell / cols` of the parent's frame.
    #[allow(clippy::too_many_arguments, reason = "a grid is all of these")]
    fn push_grid(
        &mut self,
        kind: ElementKind,
        items: &[Item],
        origin: Point,
        cols: usize,
        cell_h: f64,
        first: usize,
        parent: usize,
        first_row: usize,
    ) {
        let cols = cols.max(1);
        for (i, item) in items.iter().enumerate() {
            let cell = first + i;
            let rect = grid_cell(origin, cell, cols, cell_h);
            self.push_leaf(
                kind,
                item,
                rect,
                Some(parent),
                Slot::Row(first_row + cell / cols),
            );
        }
    }

    /// Adds the rows of a grid of `count` cells to `frame`; returns the first row's index.
    fn grid_rows(frame: &mut Frame, top: f64, count: usize, cols: usize, cell_h: f64) -> usize {
        let first = frame.rows.len();
        for row in 0..count.div_ceil(cols.max(1)) {
            let y = top + row as f64 * (cell_h + NODE_GAP);
            frame.push_row(y, y + cell_h);
        }
        first
    }

    fn place_vswitch(
        &mut self,
        vswitch: &'a Vswitch,
        plan: &VswitchPlan,
        rect: Rect,
        parent: usize,
        slot: Slot,
    ) -> usize {
        let (text, text_h) = header_text(
            ElementKind::Vswitch,
            &vswitch.item,
            rect.x,
            rect.y,
            rect.width,
            VSWITCH_TEXT_INSET,
        );
        let area = title_area(
            rect.x + VSWITCH_TEXT_INSET,
            rect.y,
            rect.width - 2.0 * VSWITCH_TEXT_INSET,
            text_h,
        );
        let me = self.push(
            ElementKind::Vswitch,
            &vswitch.item,
            rect,
            Some(parent),
            slot,
            text,
            area,
        );
        let mut frame = Frame::new(rect.x + VSWITCH_PAD / 2.0, rect.y + text_h, rect.bottom());
        let origin = Point::new(rect.x + VSWITCH_PAD, rect.y + text_h + HEADER_CHANNEL);
        let shown = plan.shown;
        let first_row =
            Self::grid_rows(&mut frame, origin.y, shown.nodes(), plan.cols, NODE_HEIGHT);
        self.push_grid(
            ElementKind::Instance,
            &vswitch.instances[..shown.instances],
            origin,
            plan.cols,
            NODE_HEIGHT,
            0,
            me,
            first_row,
        );
        if shown.hidden > 0 {
            let more = Item {
                id: ElementId::More(vswitch.item.id.to_string()),
                label: format!("+{}", shown.hidden),
                detail: vec![Detail::Collapsed {
                    hidden: shown.hidden,
                    total: vswitch.instances.len(),
                }],
                badge: None,
            };
            let cell = grid_cell(origin, shown.instances, plan.cols, NODE_HEIGHT);
            let row = first_row + shown.instances / plan.cols.max(1);
            let stands_for =
                self.push_leaf(ElementKind::More, &more, cell, Some(me), Slot::Row(row));
            if !self.linked.is_empty() {
                for instance in &vswitch.instances[shown.instances..] {
                    if self.linked.contains(&instance.id) {
                        self.hidden.insert(&instance.id, stands_for);
                    }
                }
            }
        }
        self.frames[me] = Some(frame);
        me
    }

    fn place_zone(
        &mut self,
        zone: &'a Zone,
        plan: &ZonePlan,
        rect: Rect,
        parent: usize,
        slot: Slot,
        vrouter: usize,
    ) {
        let (text, text_h) = header_text(
            ElementKind::Zone,
            &zone.item,
            rect.x,
            rect.y,
            rect.width,
            TEXT_INSET,
        );
        let area = title_area(
            rect.x + TEXT_INSET,
            rect.y,
            rect.width - 2.0 * TEXT_INSET,
            text_h,
        );
        let me = self.push(
            ElementKind::Zone,
            &zone.item,
            rect,
            Some(parent),
            slot,
            text,
            area,
        );
        let mut frame = Frame::new(rect.x + PAD / 2.0, rect.y + text_h, rect.bottom());
        let mut y = rect.y + text_h + HEADER_CHANNEL;
        for (vswitch, vplan) in zone.vswitches.iter().zip(&plan.vswitches) {
            let h = Planner::vswitch_height(vswitch, vplan, plan.inner_w);
            let row = frame.push_row(y, y + h);
            let drawn = self.place_vswitch(
                vswitch,
                vplan,
                Rect::new(rect.x + PAD, y, plan.inner_w, h),
                me,
                Slot::Row(row),
            );
            self.routes.push((vrouter, drawn));
            y += h + VSWITCH_GAP;
        }
        let count = zone.clbs.len() + zone.rds.len();
        let cols = plan.service_cols.clamp(1, count.max(1));
        let first_row = Self::grid_rows(&mut frame, y, count, cols, plan.service_cell);
        let origin = Point::new(rect.x + PAD, y);
        self.push_grid(
            ElementKind::Clb,
            &zone.clbs,
            origin,
            cols,
            plan.service_cell,
            0,
            me,
            first_row,
        );
        let first = zone.clbs.len();
        self.push_grid(
            ElementKind::Rds,
            &zone.rds,
            origin,
            cols,
            plan.service_cell,
            first,
            me,
            first_row,
        );
        self.frames[me] = Some(frame);
    }

    fn place_vpc(&mut self, vpc: &'a Vpc, plan: &VpcPlan, rect: Rect, parent: usize, slot: Slot) {
        let band = &plan.band;
        let (x, band_y) = (rect.x + PAD, rect.y + PAD);
        let (text, _) = title_column(ElementKind::Vpc, &vpc.item, x, band_y, band.title_w);
        let area = title_area(x, band_y, band.title_w, band.first_row_h);
        let me = self.push(
            ElementKind::Vpc,
            &vpc.item,
            rect,
            Some(parent),
            slot,
            text,
            area,
        );
        let mut frame = Frame::new(rect.x + PAD / 2.0, rect.y, rect.bottom());
        for (top, bottom) in band.row_bounds(band_y) {
            frame.push_row(top, bottom);
        }
        let cols = band.cols.max(1);
        let vrouter = self.push_leaf(
            ElementKind::Vrouter,
            &vpc.vrouter,
            band.cell(x, band_y, 0),
            Some(me),
            Slot::Row(0),
        );
        let gateways = vpc
            .nat_gateways
            .iter()
            .map(|item| (ElementKind::NatGateway, item))
            .chain(
                vpc.vpn_gateways
                    .iter()
                    .map(|item| (ElementKind::VpnGateway, item)),
            );
        for (i, (kind, item)) in gateways.enumerate() {
            let index = i + 1;
            self.push_leaf(
                kind,
                item,
                band.cell(x, band_y, index),
                Some(me),
                Slot::Row(index / cols),
            );
        }

        let mut y = band_y + band.height() + BUS_GAP;
        let last = plan.rows.len().saturating_sub(1);
        for (n, (range, row_h)) in plan.rows.iter().enumerate() {
            // The last row of zones reaches down to the VPC's padding, should the VPC be
            // stretched to the height of its row.
            let h = if n == last {
                (rect.bottom() - PAD - y).max(*row_h)
            } else {
                *row_h
            };
            let row = frame.push_row(y, y + h);
            let mut zone_x = x;
            for index in range.clone() {
                let zplan = &plan.zones[index];
                let zone_rect = Rect::new(zone_x, y, zplan.size.w, h);
                self.place_zone(
                    &vpc.zones[index],
                    zplan,
                    zone_rect,
                    me,
                    Slot::Row(row),
                    vrouter,
                );
                zone_x += zplan.size.w + ZONE_GAP;
            }
            y += h + ZONE_GAP;
        }
        self.frames[me] = Some(frame);
    }

    fn place_region(&mut self, region: &'a Region, plan: &RegionPlan, rect: Rect, slot: Slot) {
        let band = &plan.band;
        let (x, band_y) = (rect.x + PAD, rect.y + PAD);
        let (text, _) = title_column(ElementKind::Region, &region.item, x, band_y, band.title_w);
        let area = title_area(x, band_y, band.title_w, band.first_row_h);
        let me = self.push(
            ElementKind::Region,
            &region.item,
            rect,
            None,
            slot,
            text,
            area,
        );
        let mut frame = Frame::new(rect.x + PAD / 2.0, rect.y, rect.bottom());
        // The band is the first row even with no services: its title lies in it.
        for (top, bottom) in band.row_bounds(band_y) {
            frame.push_row(top, bottom);
        }
        let cols = band.cols.max(1);
        let services = region
            .oss
            .iter()
            .map(|item| (ElementKind::Oss, item))
            .chain(region.eips.iter().map(|item| (ElementKind::Eip, item)))
            .chain(region.vbrs.iter().map(|item| (ElementKind::Vbr, item)));
        for (index, (kind, item)) in services.enumerate() {
            self.push_leaf(
                kind,
                item,
                band.cell(x, band_y, index),
                Some(me),
                Slot::Row(index / cols),
            );
        }

        let mut y = band_y + band.height() + GAP;
        for (range, h) in &plan.rows {
            let row = frame.push_row(y, y + h);
            let mut vpc_x = x;
            for index in range.clone() {
                let vplan = &plan.vpcs[index];
                let vpc_rect = Rect::new(vpc_x, y, vplan.size.w, *h);
                self.place_vpc(&region.vpcs[index], vplan, vpc_rect, me, Slot::Row(row));
                vpc_x += vplan.size.w + GAP;
            }
            y += h + GAP;
        }
        self.frames[me] = Some(frame);
    }

    /// Places everything; returns the top level's frame.
    #[inline(never)]
    fn place(&mut self, scene: &'a Scene, plan: &TopPlan) -> Frame {
        let internet = Item::new(ElementId::Internet, "Internet");
        let outside: Vec<&Item> = std::iter::once(&internet)
            .chain(&scene.datacenters)
            .collect();
        let kind_of = |i: usize| {
            if i == 0 {
                ElementKind::Internet
            } else {
                ElementKind::DataCenter
            }
        };
        let (mut top, regions_x, mut y) = match plan.arrangement.outside {
            Outside::Top => {
                let mut top = Frame::new(MARGIN / 2.0, 0.0, plan.size.h);
                let origin = Point::new(MARGIN, MARGIN);
                let cols = plan.outside_cols.max(1);
                Self::grid_rows(&mut top, MARGIN, outside.len(), cols, OUTSIDE_HEIGHT);
                for (i, item) in outside.iter().enumerate() {
                    let rect = grid_cell(origin, i, cols, OUTSIDE_HEIGHT);
                    self.push_leaf(kind_of(i), item, rect, None, Slot::Row(i / cols));
                }
                (top, MARGIN, MARGIN + plan.outside_size.h + OUTSIDE_GAP)
            }
            Outside::Left => {
                let top = Frame::new(MARGIN + NODE_WIDTH + OUTSIDE_GAP / 2.0, 0.0, plan.size.h);
                for (i, item) in outside.iter().enumerate() {
                    let rect = grid_cell(Point::new(MARGIN, MARGIN), i, 1, OUTSIDE_HEIGHT);
                    self.push_leaf(kind_of(i), item, rect, None, Slot::Side);
                }
                (top, MARGIN + NODE_WIDTH + OUTSIDE_GAP, MARGIN)
            }
        };
        for (range, h) in &plan.rows {
            let row = top.push_row(y, y + h);
            let mut x = regions_x;
            for index in range.clone() {
                let rplan = &plan.regions[index];
                self.place_region(
                    &scene.regions[index],
                    rplan,
                    Rect::new(x, y, rplan.size.w, *h),
                    Slot::Row(row),
                );
                x += rplan.size.w + REGION_GAP;
            }
            y += h + OUTSIDE_GAP;
        }
        top
    }

    /// Routes the VRouter's lines, the scene's links and the Internet's links.
    #[inline(never)]
    fn links(&self, scene: &Scene, top: &Frame) -> Vec<Link> {
        let index: HashMap<&ElementId, usize> = self
            .shapes
            .iter()
            .enumerate()
            .map(|(i, shape)| (&shape.id, i))
            .collect();
        let resolve = |id: &ElementId| -> Option<usize> {
            index.get(id).or_else(|| self.hidden.get(id)).copied()
        };
        let internet = index.get(&ElementId::Internet).copied();
        let wanted = self
            .routes
            .iter()
            .map(|&(from, to)| (Some(from), Some(to), LinkKind::Route))
            .chain(
                scene
                    .links
                    .iter()
                    .map(|link| (resolve(&link.from), resolve(&link.to), link.kind)),
            )
            .chain(
                self.shapes
                    .iter()
                    .enumerate()
                    .filter(|(_, shape)| shape.badge.is_some() && shape.kind != ElementKind::Eip)
                    .map(|(i, _)| (internet, Some(i), LinkKind::Internet)),
            );
        let router = Router {
            shapes: &self.shapes,
            parents: &self.parents,
            slots: &self.slots,
            frames: &self.frames,
            top,
        };
        let mut seen = HashSet::new();
        let mut links = Vec::new();
        for (from, to, kind) in wanted {
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            if from == to || !seen.insert((from, to, kind)) {
                continue;
            }
            links.push(Link {
                from: self.shapes[from].id.clone(),
                to: self.shapes[to].id.clone(),
                kind,
                points: router.route(from, to, kind),
            });
        }
        links
    }
}

/// Lays out `scene`: chooses the arrangement for the options' viewport (if any), plans,
/// places and routes.
pub(super) fn layout(scene: &Scene, options: &LayoutOptions) -> Diagram {
    let arrangement = match options.viewport {
        Some((width, height)) => choose(scene, options, f64::from(width), f64::from(height)),
        None => Arrangement::default(),
    };
    let plan = plan(scene, options, arrangement);
    let mut builder = Builder {
        shapes: Vec::new(),
        parents: Vec::new(),
        slots: Vec::new(),
        frames: Vec::new(),
        hidden: HashMap::new(),
        linked: scene
            .links
            .iter()
            .flat_map(|link| [&link.from, &link.to])
            .collect(),
        routes: Vec::new(),
    };
    let top = builder.place(scene, &plan);
    let links = builder.links(scene, &top);
    Diagram {
        width: plan.size.w,
        height: plan.size.h,
        shapes: builder.shapes,
        links,
        arrangement,
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
            item: Item::resource(&id, &id).with_address("10.0.0.0/24"),
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

    fn vswitch_1() -> ElementId {
        ElementId::resource("vsw-0001")
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
        assert_eq!(diagram.height, 2.0 * MARGIN + OUTSIDE_HEIGHT);
    }

    #[test]
    fn a_vswitch_over_the_threshold_shows_threshold_nodes_ending_in_more() {
        // Table: (instances, expected instance nodes, expected "more" label and detail).
        for (count, shown, more) in [
            (0, 0, None),
            (24, 24, None),
            (25, 23, Some(("+2", 2, 25))),
            (5000, 23, Some(("+4977", 4977, 5000))),
        ] {
            let diagram = layout(&one_vswitch_scene(count), &LayoutOptions::default());
            assert_eq!(
                diagram.count(ElementKind::Instance),
                shown,
                "{count} instances"
            );
            let drawn = diagram
                .shape(&more_of_vswitch_1())
                .map(|shape| (shape.label.as_str(), shape.detail.clone()));
            let expected = more
                .map(|(label, hidden, total)| (label, vec![Detail::Collapsed { hidden, total }]));
            assert_eq!(drawn, expected, "{count} instances");
        }
    }

    #[test]
    fn an_expanded_vswitch_shows_every_instance_in_more_columns() {
        let mut options = LayoutOptions::default();
        options.expanded.insert("vsw-0001".into());
        let diagram = layout(&one_vswitch_scene(100), &options);
        assert_eq!(diagram.count(ElementKind::Instance), 100);
        assert_eq!(diagram.count(ElementKind::More), 0);
        let vsw = diagram.shape(&vswitch_1()).map(|s| s.rect.width);
        assert_eq!(
            vsw,
            Some(2.0 * VSWITCH_PAD + 6.0 * NODE_WIDTH + 5.0 * NODE_GAP)
        );
    }

    #[test]
    fn the_vrouter_gets_one_route_link_per_vswitch_ending_at_its_left_edge_by_its_title() {
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
            let target = diagram.shape(&link.to).map(|s| (s.rect, s.text[0]));
            let end = link.points.last().copied();
            let (Some((rect, title)), Some(end)) = (target, end) else {
                panic!("route to {} has an end", link.to);
            };
            assert_eq!(end.x, rect.x);
            let title_box = title.bounds();
            assert!(
                end.y > title_box.y && end.y < title_box.bottom(),
                "{end:?} {title_box:?}"
            );
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
    fn links_bend_at_right_angles_and_never_double_back_on_a_point() {
        let mut scene = one_vswitch_scene(3);
        scene.regions[0].vpcs[0].zones[0].vswitches[0].instances[2].badge =
            Some(Badge::new(BadgeKind::Eip, "47.0.0.3"));
        let diagram = layout(&scene, &LayoutOptions::default());
        assert!(!diagram.links.is_empty());
        for link in &diagram.links {
            for pair in link.points.windows(2) {
                assert!(pair[0].x == pair[1].x || pair[0].y == pair[1].y, "{link:?}");
                assert_ne!(pair[0], pair[1], "{link:?}");
            }
        }
    }

    #[test]
    fn a_vswitch_title_and_cidr_share_a_line_when_both_fit() {
        let diagram = layout(&one_vswitch_scene(2), &LayoutOptions::default());
        let Some(vsw) = diagram.shape(&vswitch_1()) else {
            panic!("the VSwitch is drawn");
        };
        let (title, cidr) = (vsw.text[0], vsw.text[1]);
        assert_eq!(title.at.y, cidr.at.y);
        assert_eq!(cidr.anchor, crate::layout::Anchor::End);
        assert!(!title.bounds().overlaps(&cidr.bounds()));
    }
}
