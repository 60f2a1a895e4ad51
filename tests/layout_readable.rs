//! The layout, readable at every size: fitted to the canvases of a projector, a small laptop,
//! a laptop and a phone, names and addresses keep their size on screen; the arrangement
//! follows the canvas's shape; zooming out drops counts before names.
#![cfg(not(target_arch = "wasm32"))]

mod layout_support;

use layout_support::*;
use vpclab::layout::metrics::{self, fitted_scale};
use vpclab::layout::{diagram, is_container, Diagram, LayoutOptions, TextRole};
use vpclab::model::ElementKind;
use vpclab::model::{example, Topology};

/// The diagram of `topology` arranged for a `width` × `height` canvas, and the zoom "fit"
/// gives it there.
fn fitted(topology: &Topology, width: u32, height: u32) -> (Diagram, f64) {
    let options = LayoutOptions {
        viewport: Some((width, height)),
        ..LayoutOptions::default()
    };
    let drawn = diagram(topology, &options);
    let found = violations(&drawn);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let scale = fitted_scale(
        drawn.width,
        drawn.height,
        f64::from(width),
        f64::from(height),
    );
    (drawn, scale)
}

/// The smallest on-screen size, in CSS pixels, of the names and addresses of every instance
/// at the fitted zoom; panics if any of them is not drawn.
fn smallest_instance_text(drawn: &Diagram, scale: f64) -> f64 {
    let mut smallest = f64::INFINITY;
    for shape in drawn
        .shapes
        .iter()
        .filter(|s| s.kind == ElementKind::Instance)
    {
        let lines = shape.text_at(scale);
        for role in [TextRole::Title, TextRole::Address] {
            let Some(line) = lines.iter().find(|line| line.role == role) else {
                panic!("{} has no {role:?} drawn at {scale}", shape.id);
            };
            smallest = smallest.min(line.size * scale);
        }
    }
    smallest
}

#[test]
fn the_article_fitted_to_a_projector_or_a_small_screen_shows_names_and_ips_at_12px() {
    let article = example::article_network();
    // The canvas at 1024×768 (between the toolbar and the side panel, under the header and
    // the first-visit hint), at 800×500 (the panels are drawers there) and on a phone.
    for (width, height) in [(520, 660), (800, 400), (384, 720)] {
        let (drawn, scale) = fitted(&article, width, height);
        let px = smallest_instance_text(&drawn, scale);
        assert!(
            px >= 12.0,
            "{width}×{height}: {px:.1} px at scale {scale:.3}"
        );
        // Fit fills the canvas: one side of the diagram spans it, less the fit margin.
        let used =
            (drawn.width * scale / f64::from(width)).max(drawn.height * scale / f64::from(height));
        assert!(
            used > 0.95,
            "{width}×{height}: the diagram fills {used:.2} of the canvas"
        );
    }
}

/// The smallest on-screen size, in CSS pixels, of the names of every element that is not a
/// container (instances, gateways, the data centre...) at the fitted zoom; panics if one of
/// them has no name drawn.
fn smallest_name(drawn: &Diagram, scale: f64) -> f64 {
    let mut smallest = f64::INFINITY;
    for shape in drawn
        .shapes
        .iter()
        .filter(|s| !is_container(s.kind) && s.text.iter().any(|l| l.role == TextRole::Title))
    {
        let lines = shape.text_at(scale);
        let Some(line) = lines.iter().find(|line| line.role == TextRole::Title) else {
            panic!("{} has no name drawn at {scale}", shape.id);
        };
        smallest = smallest.min(line.size * scale);
    }
    smallest
}

#[test]
fn the_first_run_network_shows_its_data_centre_and_every_name_at_12px() {
    let first = example::first_run_network();
    // The canvas at 1024×768 (the side panel is a sheet there), at 800×500 under a
    // two-line first-visit hint, and on a phone.
    for (width, height) in [(840, 650), (800, 400), (384, 720)] {
        let (drawn, scale) = fitted(&first, width, height);
        for kind in [
            ElementKind::DataCenter,
            ElementKind::VpnGateway,
            ElementKind::Vbr,
        ] {
            assert_eq!(drawn.count(kind), 1, "{width}×{height}: one {kind:?}");
        }
        let instances = smallest_instance_text(&drawn, scale);
        let names = smallest_name(&drawn, scale);
        eprintln!(
            "{width}×{height}: scale {scale:.3}, instances {instances:.1} px, names {names:.1} px"
        );
        assert!(
            instances >= 12.0 && names >= 12.0,
            "{width}×{height}: instances {instances:.1} px, names {names:.1} px at scale {scale:.3}"
        );
    }
}

#[test]
fn a_tall_canvas_stacks_zones_and_a_wide_one_lines_them_up() {
    let article = example::article_network();
    let zone_ys = |drawn: &Diagram| -> Vec<f64> {
        drawn
            .shapes
            .iter()
            .filter(|s| s.kind == ElementKind::Zone)
            .map(|s| s.rect.y)
            .collect()
    };
    let (phone, _) = fitted(&article, 384, 720);
    let ys = zone_ys(&phone);
    assert!(ys[1] > ys[0], "stacked on a phone: {ys:?}");
    assert!(phone.height > phone.width);
    let (wide, _) = fitted(&article, 800, 400);
    let ys = zone_ys(&wide);
    assert_eq!(ys[0], ys[1], "side by side on a short, wide screen");
}

#[test]
fn two_and_three_regions_stay_readable_on_a_laptop_canvas() {
    // The canvas at 1400×900, between the toolbar and the side panel.
    for (file, regions, least_px) in [
        ("two-regions.json", 2, 12.0),
        ("three-regions.json", 3, 11.5),
    ] {
        let network = scenario_network(file);
        let (drawn, scale) = fitted(&network, 900, 800);
        assert_eq!(drawn.count(ElementKind::Region), regions);
        let px = smallest_instance_text(&drawn, scale);
        assert!(px >= least_px, "{file}: {px:.1} px at scale {scale:.3}");
        for region in drawn.shapes.iter().filter(|s| is_container(s.kind)) {
            assert!(
                region
                    .text_at(scale)
                    .iter()
                    .any(|line| line.role == TextRole::Title),
                "{file}: {} has its name drawn",
                region.id
            );
        }
    }
}

#[test]
fn two_regions_on_a_projector_keep_names_and_ips_at_12px_and_three_names_at_11px() {
    // The canvas at 1024×768: the toolbar stays, the side panel is a sheet over the diagram.
    // Three regions find no arrangement that draws them larger than 0.75 there.
    for (file, least_name, least_text) in [
        ("two-regions.json", 12.0, 12.0),
        ("three-regions.json", 11.0, 10.5),
    ] {
        let network = scenario_network(file);
        let (drawn, scale) = fitted(&network, 844, 716);
        let px = smallest_instance_text(&drawn, scale);
        assert!(px >= least_text, "{file}: {px:.1} px at scale {scale:.3}");
        let names = smallest_name(&drawn, scale);
        assert!(names >= least_name, "{file}: names {names:.1} px");
    }
}

#[test]
fn zooming_out_drops_counts_before_names_and_keeps_a_name_while_its_box_has_room() {
    let network = five_hundred_instance_network();
    let drawn = diagram(&network, &LayoutOptions::default());
    for step in 1..=40 {
        let scale = f64::from(step) * 0.05;
        for shape in &drawn.shapes {
            let lines = shape.text_at(scale);
            let has = |role: TextRole| lines.iter().any(|line| line.role == role);
            if has(TextRole::Secondary) || has(TextRole::Address) || has(TextRole::Badge) {
                assert!(
                    has(TextRole::Title),
                    "{} lost its name before its details at {scale}",
                    shape.id
                );
            }
            if has(TextRole::Secondary) {
                let address = shape.text.iter().any(|l| l.role == TextRole::Address);
                assert!(
                    !address || has(TextRole::Address),
                    "{} kept a count but not its address at {scale}",
                    shape.id
                );
            }
            if shape.kind == ElementKind::Instance {
                // Room for a name: the box, on screen, can hold a few letters at 6 px.
                let room = shape.rect.height * scale * metrics::GROWN_TITLE_HEIGHT
                    >= metrics::TITLE_MIN_PX;
                assert_eq!(has(TextRole::Title), room, "{} at {scale}", shape.id);
            }
        }
    }
}
