//! Browser tests of what the app redraws: counts, never timings. Selecting an element
//! redraws the shape it leaves and the shape it marks, nothing else of the diagram; panning
//! redraws no shape; selecting, zooming and panning never lay the diagram out again (the
//! layout is cached by the network, the expanded VSwitches and the canvas's size). The
//! first picture is laid out once, for the canvas as measured on mount.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a missing element"
)]

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;
use browser::{
    clear_storage, click, click_shape, find, find_all, settle, show_app, store_network, unmount,
};

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

use vpclab::app::components::diagram_view::shape_renders;
use vpclab::app::layouts_computed;
use vpclab::model::example;

wasm_bindgen_test_configure!(run_in_browser);

/// How many instances the network of these tests holds: five VSwitches of 100, each past
/// the collapse threshold, so the diagram draws about 30 shapes (some 20 of them instances).
const INSTANCES: usize = 500;

/// Mounts the app on a stored network of [`INSTANCES`] instances.
async fn show_large_network() -> (Element, yew::AppHandle<vpclab::app::App>) {
    clear_storage();
    store_network(&example::large_network(INSTANCES));
    show_app().await
}

/// The ids of the drawn instances, in drawing order.
fn instance_ids(root: &Element) -> Vec<String> {
    find_all(root, "[data-kind=instance]")
        .iter()
        .filter_map(|shape| shape.get_attribute("data-id"))
        .collect()
}

/// Dispatches a pointer event of `kind` at (`x`, `y`) on `target`, as a mouse would.
fn pointer(target: &Element, kind: &str, x: i32, y: i32) {
    pointer_event(target, kind, 1, "mouse", x, y);
}

/// Dispatches a touch pointer event of `kind` for finger `id` at (`x`, `y`) on `target`.
fn finger(target: &Element, kind: &str, id: i32, x: i32, y: i32) {
    pointer_event(target, kind, id, "touch", x, y);
}

/// Dispatches a pointer event of `kind` from pointer `id` of `pointer_type` (the first one
/// primary, the main button) at (`x`, `y`) on `target`.
fn pointer_event(target: &Element, kind: &str, id: i32, pointer_type: &str, x: i32, y: i32) {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_pointer_id(id);
    init.set_pointer_type(pointer_type);
    init.set_is_primary(id == 1);
    init.set_button(0);
    init.set_client_x(x);
    init.set_client_y(y);
    let event = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).expect("an event");
    target.dispatch_event(&event).expect("dispatched");
}

/// The scale the diagram says it shows (`data-scale`, written to 3 decimals).
fn shown_scale(diagram: &Element) -> f64 {
    diagram
        .get_attribute("data-scale")
        .and_then(|text| text.parse().ok())
        .expect("a scale")
}

/// The SVG's own CSS transform (a zoom shown before it is committed; empty after).
fn svg_transform(diagram: &Element) -> String {
    diagram
        .dyn_ref::<web_sys::SvgElement>()
        .expect("an SVG element")
        .style()
        .get_property_value("transform")
        .expect("readable")
}

/// The view committed on the viewport group (`data-view`), and its scale.
fn committed_view(viewport: &Element) -> (String, f64) {
    let view = viewport.get_attribute("data-view").expect("data-view");
    let scale = view
        .rsplit("scale(")
        .next()
        .and_then(|text| text.trim_end_matches(')').parse().ok())
        .expect("a scale in data-view");
    (view, scale)
}

#[wasm_bindgen_test]
async fn the_first_picture_is_laid_out_once_for_the_measured_canvas() {
    let layouts = layouts_computed();
    let (root, handle) = show_large_network().await;
    let shapes = find_all(&root, "svg.diagram g[data-id]").len();
    assert!(shapes > 20, "{shapes} shapes drawn");
    assert_eq!(
        layouts_computed() - layouts,
        1,
        "laid out once, for the measured canvas (not first for no size, then again)"
    );
    // The size observer's first report (the size measured on mount, again) comes a frame
    // or two later: it changes nothing.
    let drawn = shape_renders();
    settle().await;
    settle().await;
    assert_eq!(
        layouts_computed() - layouts,
        1,
        "the observer's report laid out again"
    );
    assert_eq!(
        shape_renders(),
        drawn,
        "the observer's report redrew shapes"
    );
    unmount(root, handle);
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_hidden_canvas_still_gets_a_diagram_and_is_fitted_once_shown() {
    clear_storage();
    let root = browser::mount_point();
    root.set_attribute("hidden", "").unwrap();
    let layouts = layouts_computed();
    let handle = yew::Renderer::<vpclab::app::App>::with_root(root.clone()).render();
    settle().await;
    assert_eq!(layouts_computed() - layouts, 1, "laid out for no size");
    assert!(!find_all(&root, "svg.diagram [data-kind=vpc]").is_empty());

    root.remove_attribute("hidden").unwrap();
    settle().await;
    settle().await;
    assert_eq!(
        layouts_computed() - layouts,
        2,
        "laid out again once the canvas has a size"
    );
    assert!(!find_all(&root, "svg.diagram [data-kind=vpc]").is_empty());
    unmount(root, handle);
    clear_storage();
}

#[wasm_bindgen_test]
async fn selecting_redraws_only_the_shape_left_and_the_shape_selected_and_never_lays_out() {
    let (root, handle) = show_large_network().await;
    let shapes = find_all(&root, "svg.diagram [data-id]").len();
    assert!(shapes > 20, "{shapes} shapes drawn");
    let ids = instance_ids(&root);
    assert!(ids.len() >= 10, "{} instances drawn", ids.len());
    let layouts = layouts_computed();

    let before = shape_renders();
    click_shape(&root, &format!("[data-id='{}']", ids[0]));
    settle().await;
    assert_eq!(
        shape_renders() - before,
        1,
        "the first selection redraws the selected shape only"
    );
    assert_eq!(
        find(&root, "[data-testid=properties] .selection").get_attribute("data-selected"),
        Some(ids[0].clone())
    );

    for pair in ids.windows(2).take(9) {
        let before = shape_renders();
        click_shape(&root, &format!("[data-id='{}']", pair[1]));
        settle().await;
        assert_eq!(
            shape_renders() - before,
            2,
            "selecting {} after {} redraws those two shapes",
            pair[1],
            pair[0]
        );
        let pressed: Vec<String> = find_all(&root, "[aria-pressed=true]")
            .iter()
            .filter_map(|shape| shape.get_attribute("data-id"))
            .collect();
        assert_eq!(pressed, vec![pair[1].clone()]);
    }
    assert_eq!(
        layouts_computed(),
        layouts,
        "ten selections laid the diagram out again"
    );
    unmount(root, handle);
    clear_storage();
}

#[wasm_bindgen_test]
async fn zooming_and_panning_never_lay_out_and_panning_redraws_no_shape() {
    let (root, handle) = show_large_network().await;
    let shapes = find_all(&root, "svg.diagram [data-id]").len();
    let layouts = layouts_computed();
    let diagram = find(&root, "[data-testid=diagram]");
    let scale = || diagram.get_attribute("data-scale").unwrap_or_default();

    for _ in 0..3 {
        let (before, zoom) = (shape_renders(), scale());
        click(&root, "[data-testid=zoom-in]");
        settle().await;
        assert_ne!(scale(), zoom, "a zoom step changes the scale");
        assert!(
            shape_renders() - before <= shapes as u64,
            "a zoom step redraws each shape at most once"
        );
    }

    let background = find(&root, "rect.background");
    let (before, viewport) = (
        shape_renders(),
        find(&root, "g.viewport").get_attribute("data-view"),
    );
    pointer(&background, "pointerdown", 100, 100);
    for step in 1..=10 {
        pointer(&background, "pointermove", 100 + step * 7, 100 + step * 3);
        settle().await;
    }
    pointer(&background, "pointerup", 170, 130);
    settle().await;
    assert_ne!(
        find(&root, "g.viewport").get_attribute("data-view"),
        viewport,
        "the drag moved the view"
    );
    assert_eq!(shape_renders(), before, "panning redrew shapes");
    // The view reaches the screen as the group's CSS transform (the compositor moves it),
    // not as an SVG transform attribute (which repaints every shape).
    let group = find(&root, "g.viewport");
    let numbers = |text: &str| -> Vec<f64> {
        text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .filter_map(|part| part.parse().ok())
            .collect()
    };
    let style = group
        .dyn_ref::<web_sys::SvgElement>()
        .expect("an SVG element")
        .style()
        .get_property_value("transform")
        .expect("readable");
    let view = group.get_attribute("data-view").expect("data-view");
    let (drawn, wanted) = (numbers(&style), numbers(&view));
    assert_eq!(drawn.len(), 3, "translate and scale: {style}");
    assert!(
        drawn.iter().zip(&wanted).all(|(a, b)| (a - b).abs() < 0.01),
        "the viewport's CSS transform {style} is the view {view}"
    );
    assert_eq!(group.get_attribute("transform"), None);
    assert_eq!(
        layouts_computed(),
        layouts,
        "zooming or panning laid the diagram out again"
    );
    unmount(root, handle);
    clear_storage();
}

/// One wheel notch up (zoom in) over the middle of `target`.
fn wheel_in(target: &Element) {
    let rect = target.get_bounding_client_rect();
    let init = web_sys::WheelEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_delta_y(-100.0);
    init.set_client_x((rect.left() + rect.width() / 2.0) as i32);
    init.set_client_y((rect.top() + rect.height() / 2.0) as i32);
    let event = web_sys::WheelEvent::new_with_event_init_dict("wheel", &init).expect("an event");
    target.dispatch_event(&event).expect("dispatched");
}

#[wasm_bindgen_test]
async fn a_wheel_zoom_shows_at_once_and_is_redrawn_once_the_wheel_rests() {
    let (root, handle) = show_large_network().await;
    let diagram = find(&root, "[data-testid=diagram]");
    let viewport = find(&root, "g.viewport");
    let scale = || shown_scale(&diagram);
    let (start, view, renders, layouts) = (
        scale(),
        viewport.get_attribute("data-view"),
        shape_renders(),
        layouts_computed(),
    );

    for _ in 0..3 {
        wheel_in(&diagram);
        settle().await;
    }
    // At once: the new scale, shown by the SVG's own transform; nothing redrawn yet.
    assert!(
        (scale() - start * 1.2_f64.powi(3)).abs() < 0.002,
        "three notches: {start} → {}",
        scale()
    );
    assert!(
        svg_transform(&diagram).contains("scale"),
        "{}",
        svg_transform(&diagram)
    );
    assert_eq!(viewport.get_attribute("data-view"), view);
    assert_eq!(shape_renders(), renders, "a notch redrew shapes");

    // Once the wheel rests: the view committed, the SVG's transform gone.
    yew::platform::time::sleep(std::time::Duration::from_millis(400)).await;
    settle().await;
    assert_eq!(svg_transform(&diagram), "");
    let (committed, committed_scale) = committed_view(&viewport);
    assert_ne!(Some(committed.clone()), view);
    assert!(
        (committed_scale - start * 1.2_f64.powi(3)).abs() < 0.002,
        "committed {committed}"
    );
    assert_eq!(
        layouts_computed(),
        layouts,
        "zooming laid the diagram out again"
    );
    unmount(root, handle);
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_pinch_shows_at_once_and_is_redrawn_once_the_fingers_lift() {
    let (root, handle) = show_large_network().await;
    let diagram = find(&root, "[data-testid=diagram]");
    let background = find(&root, "rect.background");
    let viewport = find(&root, "g.viewport");
    let scale = || shown_scale(&diagram);
    let rect = diagram.get_bounding_client_rect();
    let (cx, cy) = (
        (rect.left() + rect.width() / 2.0) as i32,
        (rect.top() + rect.height() / 2.0) as i32,
    );
    let (start, view, layouts) = (
        scale(),
        viewport.get_attribute("data-view"),
        layouts_computed(),
    );
    finger(&background, "pointerdown", 1, cx - 40, cy);
    finger(&background, "pointerdown", 2, cx + 40, cy);
    settle().await;
    let renders = shape_renders();
    // The fingers spread to twice their distance, in four moves.
    for step in 1..=4 {
        finger(&background, "pointermove", 1, cx - 40 - 10 * step, cy);
        finger(&background, "pointermove", 2, cx + 40 + 10 * step, cy);
        settle().await;
    }
    assert!(
        (scale() - start * 2.0).abs() < 0.01,
        "{start} → {}",
        scale()
    );
    assert!(
        svg_transform(&diagram).contains("scale"),
        "{}",
        svg_transform(&diagram)
    );
    assert_eq!(viewport.get_attribute("data-view"), view);
    assert_eq!(shape_renders(), renders, "a pinch step redrew shapes");

    finger(&background, "pointerup", 1, cx - 80, cy);
    finger(&background, "pointerup", 2, cx + 80, cy);
    settle().await;
    assert_eq!(svg_transform(&diagram), "");
    let (committed, committed_scale) = committed_view(&viewport);
    // `start` is `data-scale`, written to 3 decimals.
    assert!(
        (committed_scale - start * 2.0).abs() < 0.002,
        "committed {committed}, from {start}"
    );
    assert_eq!(
        layouts_computed(),
        layouts,
        "pinching laid the diagram out again"
    );
    unmount(root, handle);
    clear_storage();
}
