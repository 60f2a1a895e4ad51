//! A large group of instance shapes (an expanded VSwitch's hundreds) drawn as one piece of
//! markup instead of one component per shape.
//!
//! Why: a thousand per-shape components cost Yew a thousand components, their virtual DOM,
//! and some fifteen thousand `setAttribute` calls, each a string copied out of the wasm; the
//! same shapes written as one string are parsed by the browser in one `innerHTML`, a tenth
//! of the time. The markup is exactly what the per-shape component draws
//! (`shape_markup::write_shape`), so styles, events (delegated by the diagram), keyboard
//! navigation and accessible names are the same.
//!
//! The markup is kept while the shapes and their text stay the same; a new selection, path
//! or blocked element only re-marks the shapes concerned (their classes and
//! `aria-pressed`), so selecting inside a batch neither redraws it nor takes the keyboard
//! focus away.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::shape_markup::{aria_pressed, public_ip_class, shape_class, write_shape, ShapeMarks};
use crate::app::i18n::Language;
use crate::layout::{Diagram, Shape, TextLine};
use crate::model::ElementId;

/// A VSwitch's instance shapes are drawn as a batch when it draws more than this many:
/// only an expanded VSwitch (a collapsed one draws a handful and a "+N more" node), so that
/// selecting among a few shapes still redraws just the two concerned.
pub const BATCH_ABOVE: usize = 64;

/// Props of [`ShapeBatch`].
#[derive(Properties, Clone)]
pub struct ShapeBatchProps {
    /// The diagram the shapes belong to.
    pub diagram: Rc<Diagram>,
    /// The shapes drawn, as indices into the diagram's shapes, in drawing order.
    pub members: Rc<[usize]>,
    /// What is drawn of each member's text at the current zoom, in the same order.
    pub lines: Rc<[Vec<TextLine>]>,
    /// The UI language.
    pub language: Language,
    /// The members that are marked, by their place in `members`; the others are not.
    pub marks: Rc<[(usize, ShapeMarks)]>,
}

impl ShapeBatchProps {
    /// The members' shapes, in order.
    fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.members
            .iter()
            .map(|&index| &self.diagram.shapes[index])
    }

    /// Whether `other` draws the same markup: the same shapes (by identity of the diagram
    /// and places, or equal shapes in a new layout) with the same text and language.
    fn same_drawing(&self, other: &Self) -> bool {
        let same_shapes = (Rc::ptr_eq(&self.diagram, &other.diagram)
            && self.members == other.members)
            || (self.members.len() == other.members.len()
                && self.shapes().zip(other.shapes()).all(|(a, b)| a == b));
        same_shapes && self.lines == other.lines && self.language == other.language
    }
}

impl PartialEq for ShapeBatchProps {
    fn eq(&self, other: &Self) -> bool {
        self.same_drawing(other) && self.marks == other.marks
    }
}

/// What the markup was written for, so a render with only new marks keeps it.
struct Drawn {
    props: ShapeBatchProps,
    markup: AttrValue,
    /// Counts the markups written, so the effect knows a new one without comparing them.
    generation: u64,
}

/// The markup of every member, with the marks of the moment written in (so the frame that
/// shows a new markup is already marked).
fn markup(props: &ShapeBatchProps) -> AttrValue {
    // One root element: the browser parses the markup into it, and Yew moves that one node
    // into the page instead of each shape's.
    let mut out = String::with_capacity(props.members.len() * 420 + 8);
    out.push_str("<g>");
    let mut marks = props.marks.iter().peekable();
    for (position, (shape, lines)) in props.shapes().zip(props.lines.iter()).enumerate() {
        let marked = marks
            .next_if(|(at, _)| *at == position)
            .map(|(_, marks)| *marks)
            .unwrap_or_default();
        write_shape(&mut out, shape, lines, props.language, marked);
    }
    out.push_str("</g>");
    out.into()
}

/// `text` as a double-quoted CSS string's content.
fn css_string(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The drawn group of the shape `id` inside `group`.
fn shape_element(group: &web_sys::Element, id: &str) -> Option<web_sys::Element> {
    let selector = format!("g.shape[data-id=\"{}\"]", css_string(id));
    group.query_selector(&selector).ok().flatten()
}

/// Writes `marks` onto a drawn shape: its classes, `aria-pressed`, its badge's class.
fn mark(element: &web_sys::Element, shape: &Shape, marks: ShapeMarks) {
    let _ = element.set_attribute("class", &shape_class(shape.kind, marks));
    let _ = element.set_attribute("aria-pressed", aria_pressed(marks));
    if let Ok(Some(badge)) = element.query_selector("g.public-ip") {
        let _ = badge.set_attribute("class", public_ip_class(marks.public_lit));
    }
}

/// Brings the drawn marks in `group` in line with `props.marks`: the shapes marked now but
/// no longer are cleared, the ones to mark are marked. Touches only those shapes.
fn apply_marks(group: &web_sys::Element, props: &ShapeBatchProps) {
    let shapes: Vec<&Shape> = props.shapes().collect();
    if let Ok(marked) = group.query_selector_all(
        "g.shape.selected, g.shape.highlighted, g.shape.blocked, g.public-ip.highlighted",
    ) {
        for index in 0..marked.length() {
            let Some(element) = marked
                .item(index)
                .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let Ok(Some(element)) = element.closest("g.shape") else {
                continue;
            };
            let id: Option<ElementId> = element
                .get_attribute("data-id")
                .and_then(|id| id.parse().ok());
            let Some(position) = id.and_then(|id| shapes.iter().position(|s| s.id == id)) else {
                continue;
            };
            if !props.marks.iter().any(|(at, _)| *at == position) {
                mark(&element, shapes[position], ShapeMarks::default());
            }
        }
    }
    for &(position, marks) in props.marks.iter() {
        let Some(shape) = shapes.get(position) else {
            continue;
        };
        if let Some(element) = shape_element(group, &shape.id.to_string()) {
            mark(&element, shape, marks);
        }
    }
}

/// The element with the keyboard focus, if it is a shape inside `group`: its id.
fn focused_inside(group: &web_sys::Element) -> Option<String> {
    let active = web_sys::window()?.document()?.active_element()?;
    group
        .contains(Some(&active))
        .then(|| active.get_attribute("data-id"))
        .flatten()
}

/// Many shapes drawn from one string (see the module's documentation).
#[component]
pub fn ShapeBatch(props: &ShapeBatchProps) -> Html {
    let group = use_node_ref();
    let drawn = use_mut_ref(|| None::<Drawn>);
    // A shape with the keyboard focus is replaced with the markup: noted here, before the
    // new markup goes in, and focused again after.
    let refocus = use_mut_ref(|| None::<String>);
    let (markup, generation) = {
        let mut drawn = drawn.borrow_mut();
        match drawn.as_mut() {
            Some(drawn) if drawn.props.same_drawing(props) => {
                drawn.props.marks = props.marks.clone();
                (drawn.markup.clone(), drawn.generation)
            }
            _ => {
                if let Some(element) = group.cast::<web_sys::Element>() {
                    *refocus.borrow_mut() = focused_inside(&element);
                }
                let generation = drawn.as_ref().map_or(0, |drawn| drawn.generation + 1);
                let markup = markup(props);
                *drawn = Some(Drawn {
                    props: props.clone(),
                    markup: markup.clone(),
                    generation,
                });
                (markup, generation)
            }
        }
    };
    {
        let group = group.clone();
        let marks = props.marks.clone();
        use_effect_with((generation, marks), move |_| {
            let Some(element) = group.cast::<web_sys::Element>() else {
                return;
            };
            if let Some(drawn) = drawn.borrow().as_ref() {
                // The latest props, marks included (kept up to date by every render).
                apply_marks(&element, &drawn.props);
            }
            if let Some(id) = refocus.borrow_mut().take() {
                if let Some(shape) = shape_element(&element, &id) {
                    if let Some(shape) = shape.dyn_ref::<web_sys::SvgElement>() {
                        let _ = shape.focus();
                    }
                }
            }
        });
    }
    html! {
        <g class="batch" ref={group}>{ Html::from_html_unchecked(markup) }</g>
    }
}
