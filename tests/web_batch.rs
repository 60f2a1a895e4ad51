//! Browser tests of the batch drawing (`app::components::shape_batch`): an expanded
//! VSwitch's instances, drawn from one string, are the same elements and attributes as when
//! each is its own component, names escaped; selecting among them marks the shapes without
//! redrawing the batch; and a shape with the keyboard focus keeps it when the batch is
//! redrawn for a new level of detail.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a missing element"
)]

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;
use browser::{
    attribute, clear_storage, click, click_shape, find, find_all, settle, show, show_app,
    store_network, unmount,
};

use std::collections::BTreeSet;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Node};
use yew::prelude::*;

use vpclab::app::components::diagram_view::{DiagramView, DiagramViewProps, FirstLayout};
use vpclab::app::i18n::Language;
use vpclab::layout::{self, Diagram, LayoutOptions};
use vpclab::model::{example, ElementId, ElementKind};

wasm_bindgen_test_configure!(run_in_browser);

/// The element tree under `node` as text: each element's tag, its attributes sorted by name
/// and its children; text as it is, empty text left out. Two drawings compare equal when
/// they are the same elements with the same attributes and words, whatever order the
/// attributes were set in.
fn tree(node: &Node) -> String {
    if let Some(element) = node.dyn_ref::<Element>() {
        let names = element.get_attribute_names();
        let mut attributes: Vec<String> = (0..names.length())
            .filter_map(|index| names.get(index).as_string())
            .map(|name| format!("{name}={:?}", element.get_attribute(&name).unwrap()))
            .collect();
        attributes.sort();
        let children = element.child_nodes();
        let inner: String = (0..children.length())
            .filter_map(|index| children.item(index))
            .map(|child| tree(&child))
            .collect();
        format!(
            "<{} {}>{inner}</{}>",
            element.tag_name(),
            attributes.join(" "),
            element.tag_name()
        )
    } else {
        node.text_content().unwrap_or_default()
    }
}

/// Every instance shape under `root` by its id, as [`tree`] writes it.
fn instance_trees(root: &Element) -> Vec<(String, String)> {
    find_all(root, "[data-kind=instance]")
        .iter()
        .map(|shape| (attribute(shape, "data-id"), tree(shape)))
        .collect()
}

/// The ids of the instances `diagram` draws, in drawing order.
fn instance_ids(diagram: &Diagram) -> Vec<ElementId> {
    diagram
        .shapes
        .iter()
        .filter(|shape| shape.kind == ElementKind::Instance)
        .map(|shape| shape.id.clone())
        .collect()
}

#[wasm_bindgen_test]
async fn a_batch_draws_the_same_elements_as_one_component_per_shape_with_names_escaped() {
    let topology = example::article_network();
    let mut diagram = layout::diagram(&topology, &LayoutOptions::default());
    let instances = instance_ids(&diagram);
    assert_eq!(instances.len(), 3, "the article's three instances");
    // A name that would be markup if it were not escaped (the model refuses such names; an
    // old or hand-made document is read by the same drawing).
    let hostile = r#"VM<b>1</b> & "quotes" 'too'"#;
    for shape in diagram.shapes.iter_mut() {
        if shape.id == instances[0] {
            shape.label = hostile.to_owned();
        }
    }
    let diagram = Rc::new(diagram);
    let holders = instances
        .iter()
        .filter_map(|id| id.as_resource().map(str::to_owned));
    let mut highlighted: BTreeSet<ElementId> = holders.map(ElementId::PublicIp).collect();
    highlighted.insert(instances[1].clone());
    let highlighted = Rc::new(highlighted);
    for lod in [1.0, 0.45, 0.05] {
        let drawing = |batch_above: usize| {
            let (diagram, highlighted) = (diagram.clone(), highlighted.clone());
            let (selected, blocked) = (instances[0].clone(), instances[2].clone());
            move || {
                html! {
                    <svg><DiagramView diagram={diagram.clone()} lod_scale={lod}
                        selected={Some(selected.clone())} highlighted={highlighted.clone()}
                        blocked={Some(blocked.clone())} onselect={Callback::noop()}
                        {batch_above} /></svg>
                }
            }
        };
        let (one_each, one_each_handle) = show(drawing(usize::MAX)).await;
        let (batched, batched_handle) = show(drawing(0)).await;
        assert!(find_all(&one_each, "g.batch").is_empty());
        assert_eq!(
            find_all(&batched, "g.batch").len(),
            2,
            "one batch per VSwitch"
        );
        assert_eq!(
            instance_trees(&batched),
            instance_trees(&one_each),
            "at level of detail {lod}"
        );
        let named = find(&batched, &format!("[data-id='{}']", instances[0]));
        assert!(
            attribute(&named, "aria-label").starts_with(hostile),
            "the name is text, not markup"
        );
        assert!(find_all(&batched, "b").is_empty(), "no element from a name");
        if lod == 1.0 {
            assert!(
                named.text_content().unwrap().contains("VM<b>"),
                "the drawn title is the name's text"
            );
        }
        unmount(batched, batched_handle);
        unmount(one_each, one_each_handle);
    }
}

/// What a test marks: the selected, highlighted and blocked elements.
type Marks = (Option<ElementId>, BTreeSet<ElementId>, Option<ElementId>);

/// The props of a diagram view of `diagram` with `marks`, batching VSwitches past
/// `batch_above` instances.
fn view_props(diagram: &Rc<Diagram>, marks: &Marks, batch_above: usize) -> DiagramViewProps {
    DiagramViewProps {
        diagram: diagram.clone(),
        lod_scale: 1.0,
        language: Language::Spanish,
        selected: marks.0.clone(),
        highlighted: Rc::new(marks.1.clone()),
        blocked: marks.2.clone(),
        onselect: Callback::noop(),
        onhover: Callback::noop(),
        first: FirstLayout::default(),
        batch_above,
    }
}

/// A fresh `<svg>` in the document to mount a diagram view into.
fn svg_root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let svg = document
        .create_element_ns(Some("http://www.w3.org/2000/svg"), "svg")
        .unwrap();
    document.body().unwrap().append_child(&svg).unwrap();
    svg
}

#[wasm_bindgen_test]
async fn new_marks_on_a_batch_are_drawn_as_a_fresh_drawing_would_draw_them() {
    let topology = example::article_network();
    let diagram = Rc::new(layout::diagram(&topology, &LayoutOptions::default()));
    let instances = instance_ids(&diagram);
    let public = |id: &ElementId| ElementId::PublicIp(id.as_resource().unwrap().to_owned());
    let steps: Vec<Marks> = vec![
        (Some(instances[0].clone()), BTreeSet::new(), None),
        (
            Some(instances[1].clone()),
            instances
                .iter()
                .map(public)
                .chain([instances[2].clone()])
                .collect(),
            Some(instances[0].clone()),
        ),
        (
            None,
            [instances[0].clone()].into(),
            Some(instances[2].clone()),
        ),
        (None, BTreeSet::new(), None),
    ];
    let root = svg_root();
    let mut handle = yew::Renderer::<DiagramView>::with_root_and_props(
        root.clone(),
        view_props(&diagram, &(None, BTreeSet::new(), None), 0),
    )
    .render();
    settle().await;
    let drawn = find(&root, "g.batch > g");
    for marks in &steps {
        handle.update(view_props(&diagram, marks, 0));
        settle().await;
        let fresh_root = svg_root();
        let fresh = yew::Renderer::<DiagramView>::with_root_and_props(
            fresh_root.clone(),
            view_props(&diagram, marks, usize::MAX),
        )
        .render();
        settle().await;
        assert!(find_all(&fresh_root, "g.batch").is_empty());
        assert_eq!(
            instance_trees(&root),
            instance_trees(&fresh_root),
            "marks {marks:?}"
        );
        unmount(fresh_root, fresh);
    }
    assert!(
        find(&root, "g.batch > g").is_same_node(Some(&drawn)),
        "the marks changed in place; the batch was not drawn again"
    );
    unmount(root, handle);
}

/// The ids of the instances drawn in the batch, in order.
fn batch_ids(root: &Element) -> Vec<String> {
    find_all(root, "g.batch [data-kind=instance]")
        .iter()
        .map(|shape| attribute(shape, "data-id"))
        .collect()
}

/// The ids of the shapes marked pressed (selected) anywhere in the diagram.
fn pressed(root: &Element) -> Vec<String> {
    find_all(root, "svg.diagram [aria-pressed=true]")
        .iter()
        .map(|shape| attribute(shape, "data-id"))
        .collect()
}

/// Mounts the app on a network of 500 instances in one VSwitch, expanded.
async fn show_expanded() -> (Element, yew::AppHandle<vpclab::app::App>) {
    clear_storage();
    store_network(&example::large_network(500));
    let (root, handle) = show_app().await;
    assert!(find_all(&root, "g.batch").is_empty(), "collapsed: no batch");
    click_shape(&root, "[data-kind=more]");
    settle().await;
    (root, handle)
}

#[wasm_bindgen_test]
async fn selecting_inside_a_batch_marks_the_shapes_and_keeps_the_batch() {
    let (root, handle) = show_expanded().await;
    let ids = batch_ids(&root);
    assert_eq!(
        ids.len(),
        500,
        "the expanded VSwitch's instances, in one batch"
    );
    let drawn = find(&root, "g.batch > g");

    for pair in ids.windows(2).take(3) {
        click_shape(&root, &format!("[data-id='{}']", pair[1]));
        settle().await;
        assert_eq!(pressed(&root), vec![pair[1].clone()]);
        let left = find(&root, &format!("[data-id='{}']", pair[0]));
        assert_eq!(attribute(&left, "class"), "shape instance");
        let selected = find(&root, &format!("[data-id='{}']", pair[1]));
        assert_eq!(attribute(&selected, "class"), "shape instance selected");
        assert_eq!(
            find(&root, "[data-testid=properties] .selection").get_attribute("data-selected"),
            Some(pair[1].clone())
        );
    }
    assert!(
        find(&root, "g.batch > g").is_same_node(Some(&drawn)),
        "selecting re-marked the shapes; it did not redraw the batch"
    );
    unmount(root, handle);
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_focused_shape_keeps_the_focus_when_its_batch_is_redrawn() {
    let (root, handle) = show_expanded().await;
    let ids = batch_ids(&root);
    let target = ids[5].clone();
    click_shape(&root, &format!("[data-id='{target}']"));
    settle().await;
    find(&root, &format!("[data-id='{target}']"))
        .dyn_into::<web_sys::SvgElement>()
        .unwrap()
        .focus()
        .unwrap();
    settle().await;
    let drawn = find(&root, "g.batch > g");
    // Zooming in far enough brings the instances' names back: a new level of detail, so
    // the batch is drawn again.
    for _ in 0..20 {
        click(&root, "[data-testid=zoom-in]");
        settle().await;
        if !find(&root, "g.batch > g").is_same_node(Some(&drawn)) {
            break;
        }
    }
    assert!(
        !find(&root, "g.batch > g").is_same_node(Some(&drawn)),
        "the zoom redrew the batch"
    );
    let document = web_sys::window().unwrap().document().unwrap();
    let focused = document.active_element().unwrap();
    assert_eq!(focused.get_attribute("data-id"), Some(target.clone()));
    assert!(focused.is_connected(), "the focus is on the new drawing");
    assert_eq!(pressed(&root), vec![target]);
    unmount(root, handle);
    clear_storage();
}

/// The drawing writes coordinates as tenths without the float formatter: the same text as
/// `{:.1}` except at an exact half tenth (which `{:.1}` rounds to even and the drawing
/// away from zero), never more than half a tenth from the value, and `{:.1}`'s own text
/// where whole tenths would not be exact.
#[wasm_bindgen_test]
fn coordinates_are_written_to_the_nearest_tenth() {
    use vpclab::app::components::shape_markup::coordinate;
    let pinned = [
        (0.0, "0.0"),
        (12.0, "12.0"),
        (12.34, "12.3"),
        (12.36, "12.4"),
        (12.25, "12.3"),
        (-3.21, "-3.2"),
        (-0.26, "-0.3"),
        (1e9 + 0.04, "1000000000.0"),
    ];
    for (value, text) in pinned {
        assert_eq!(coordinate(value), text, "{value}");
    }
    assert_eq!(coordinate(f64::NAN), format!("{:.1}", f64::NAN));
    assert_eq!(coordinate(1e300), format!("{:.1}", 1e300));
    let mut value = -5_000.0_f64;
    while value < 5_000.0 {
        let written = coordinate(value);
        let read: f64 = written.parse().expect("a number");
        assert!(
            (read - value).abs() <= 0.050_000_1,
            "{value} written {written}"
        );
        let tie = ((value * 10.0).fract().abs() - 0.5).abs() < 1e-9;
        if !tie && read != 0.0 {
            assert_eq!(written, format!("{value:.1}"), "{value}");
        }
        value += 0.173;
    }
}
