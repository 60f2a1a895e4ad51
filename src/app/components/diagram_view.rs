//! Draws a laid-out [`Diagram`] as SVG: boxes, nodes, links and their text.
//!
//! Every element carries `data-kind`, `data-id` and an `aria-label` with its kind, name and
//! lines in the user's language, and can take keyboard focus. The view only draws: clicks,
//! hovers and long presses are reported through `onselect` and `onhover`.
//!
//! Level of detail: the text of each shape is what [`Shape::text_at`] keeps at the current
//! zoom (secondary lines go first, the name last, and a lone name grows to stay readable);
//! each line is cut with an ellipsis to the room the layout left for it.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::canvas_size::use_first_layout;
use super::diagram_text::{accessible_name, link_class};
use super::shape_batch::{ShapeBatch, BATCH_ABOVE};
use super::shape_markup::{
    aria_pressed, badge_mark_class, coordinate, corner_radius, line_anchor, line_class, line_words,
    public_ip_class, public_ip_id, push_tenths, shape_class, ShapeMarks,
};
use crate::app::i18n::Language;
use crate::layout::{is_container, Diagram, Link, Shape, TextLine};
use crate::model::{ElementId, ElementKind};

/// How long a touch must rest on an element to show its tooltip, in milliseconds.
const LONG_PRESS_MS: u64 = 550;
/// How far, in CSS pixels, a touch may move and still be a long press.
const LONG_PRESS_SLOP: f64 = 8.0;

/// A request to show (or hide) an element's tooltip.
#[derive(Debug, Clone, PartialEq)]
pub struct Hover {
    /// The element.
    pub id: ElementId,
    /// Where the pointer is, in client coordinates.
    pub x: f64,
    /// Where the pointer is, in client coordinates.
    pub y: f64,
    /// Whether it came from a long press (it stays until the next touch).
    pub pinned: bool,
}

/// The app's layout of the network for a canvas of the size given (none for no size).
pub type LayOut = Callback<(u32, u32), Option<Rc<Diagram>>>;

/// What the diagram needs to draw the page's first frame itself: the canvas's SVG to
/// measure, its viewport group to fit, where the size goes, and the app's layout for a size
/// (see `use_first_layout` in `canvas_size.rs`). Only its first render reads it.
#[derive(Clone, Default)]
pub struct FirstLayout {
    /// The canvas's SVG.
    pub node: NodeRef,
    /// The viewport group the diagram is drawn in.
    pub viewport: NodeRef,
    /// Where the SVG's measured size goes.
    pub tell: Callback<(f64, f64)>,
    /// The app's layout for a size (none for a canvas with no size).
    pub lay_out: Option<LayOut>,
}

/// Props of [`DiagramView`].
#[derive(Properties)]
pub struct DiagramViewProps {
    /// What to draw.
    pub diagram: Rc<Diagram>,
    /// The zoom scale, rounded so that panning alone never redraws the diagram.
    pub lod_scale: f64,
    /// The UI language, for sub-labels and accessible names.
    #[prop_or_default]
    pub language: Language,
    /// The selected element.
    #[prop_or_default]
    pub selected: Option<ElementId>,
    /// Elements to highlight (a traced path, reachable endpoints).
    #[prop_or_default]
    pub highlighted: Rc<BTreeSet<ElementId>>,
    /// An element to mark as blocking (a failed trace).
    #[prop_or_default]
    pub blocked: Option<ElementId>,
    /// Called with the element the user clicked or focused and pressed Enter on.
    pub onselect: Callback<ElementId>,
    /// Called when the pointer comes to rest on an element or leaves it (`None`), and on a
    /// long press.
    #[prop_or_default]
    pub onhover: Callback<Option<Hover>>,
    /// Set by the canvas: the diagram measures it and lays the network out at once while
    /// the page is first built, if `diagram` is still the unmeasured canvas's empty one.
    /// Not compared: only the first render reads it.
    #[prop_or_default]
    pub first: FirstLayout,
    /// A VSwitch's instances are drawn as one batch when it draws more than this many (see
    /// `shape_batch`); tests set it to compare the two drawings.
    #[prop_or(BATCH_ABOVE)]
    pub batch_above: usize,
}

impl PartialEq for DiagramViewProps {
    /// The diagram compares by identity first (the app lays out again only when the network,
    /// the expanded VSwitches or the canvas's size change), then by value.
    fn eq(&self, other: &Self) -> bool {
        (Rc::ptr_eq(&self.diagram, &other.diagram) || self.diagram == other.diagram)
            && self.lod_scale == other.lod_scale
            && self.language == other.language
            && self.selected == other.selected
            && self.highlighted == other.highlighted
            && self.blocked == other.blocked
            && self.onselect == other.onselect
            && self.onhover == other.onhover
            && self.batch_above == other.batch_above
    }
}

fn points_attr(link: &Link) -> String {
    let mut points = String::with_capacity(link.points.len() * 12);
    for (index, point) in link.points.iter().enumerate() {
        if index > 0 {
            points.push(' ');
        }
        push_tenths(&mut points, point.x);
        points.push(',');
        push_tenths(&mut points, point.y);
    }
    points
}

/// The text of a shape (`lines`: what is drawn of it at the current zoom), each line worded
/// and cut to its room.
fn draw_text(shape: &Shape, lines: &[TextLine], language: Language) -> Html {
    if lines.is_empty() {
        return Html::default();
    }
    html! {
        <text class="label" aria-hidden="true">
            { for lines.iter().map(|line| {
                // The space keeps the lines apart as words in the text's content (what
                // assistive tools and "label in name" checks read); each line has its own
                // position, so it draws nothing.
                html! {
                    <>
                        <tspan class={line_class(shape, line)} x={coordinate(line.at.x)} y={coordinate(line.at.y)}
                            font-size={coordinate(line.size)} text-anchor={line_anchor(line.anchor)}>
                            { line_words(language, shape, line) }
                        </tspan>
                        { " " }
                    </>
                }
            }) }
        </text>
    }
}

/// Timers and flags of the touch gestures on shapes.
#[derive(Default)]
struct Press {
    /// Bumped by every press, move and release, so a stale timer knows it is stale.
    generation: u64,
    /// Where the current press started (client coordinates).
    start: Option<(f64, f64)>,
    /// Set when a press became a long press, so the click that ends it selects nothing.
    long: bool,
}

/// The coloured mark along the right edge of a shape with a public address. It is the
/// public address itself for a trace (`<resource>/publicip`): a path to or from the
/// Internet lights it up.
fn badge_mark(shape: &Shape, lit: bool) -> Html {
    let rect = &shape.rect;
    let Some(badge) = &shape.badge else {
        return Html::default();
    };
    html! {
        <g class={public_ip_class(lit)} data-kind={ElementKind::PublicIp.as_str()}
            data-id={public_ip_id(shape).map(|id| id.to_string())}>
            <rect class={badge_mark_class(badge.kind)} x={coordinate(rect.right() - 10.0)}
                y={coordinate(rect.y + 4.0)} width="6" height={coordinate(rect.height - 8.0)} rx="3" />
        </g>
    }
}

thread_local! {
    /// How many times a shape has been drawn, for [`shape_renders`].
    static SHAPE_RENDERS: Cell<u64> = const { Cell::new(0) };
}

/// How many times any shape of any diagram has been drawn (its component rendered) since
/// the page loaded. Selecting, zooming and panning redraw only the shapes that change; tests
/// pin that by reading this count before and after.
pub fn shape_renders() -> u64 {
    SHAPE_RENDERS.with(Cell::get)
}

/// Props of one shape: the diagram and the shape's place in it, what is drawn of its text
/// at the current zoom, and how it is marked.
#[derive(Properties)]
struct ShapeProps {
    diagram: Rc<Diagram>,
    index: usize,
    /// Its text at the current level of detail (`Shape::text_at`).
    lines: Vec<TextLine>,
    language: Language,
    marks: ShapeMarks,
}

impl ShapeProps {
    fn shape(&self) -> &Shape {
        &self.diagram.shapes[self.index]
    }
}

impl PartialEq for ShapeProps {
    /// Equal when the same shape would be drawn the same way: the same diagram and place, or
    /// an equal shape in a new layout (most shapes of a network that gained one instance).
    fn eq(&self, other: &Self) -> bool {
        let same_shape = (Rc::ptr_eq(&self.diagram, &other.diagram) && self.index == other.index)
            || self.shape() == other.shape();
        same_shape
            && self.lines == other.lines
            && self.language == other.language
            && self.marks == other.marks
    }
}

/// The shape an event happened on (its `g.shape` element, found from the event's target or
/// from `related`, the element the pointer came from or went to) and its id.
fn shape_at(target: Option<web_sys::EventTarget>) -> Option<(web_sys::Element, ElementId)> {
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    let shape = element.closest("g.shape").ok()??;
    let id = shape.get_attribute("data-id")?.parse().ok()?;
    Some((shape, id))
}

/// The shape a mouse or pen (not a finger) entered (`pointerover`) or left (`pointerout`):
/// the event's target's shape, when the pointer crossed that shape's edge, from or to
/// something outside it, not from one of its children to another.
fn crossed_edge(event: &PointerEvent) -> Option<ElementId> {
    if event.pointer_type() != "mouse" && event.pointer_type() != "pen" {
        return None;
    }
    let (shape, id) = shape_at(event.target())?;
    let other = shape_at(event.related_target());
    other.is_none_or(|(other, _)| other != shape).then_some(id)
}

/// The diagram's pointer and click handlers, one set for every shape (delegated from the
/// drawing's group): a click selects, a mouse resting on a shape shows its tooltip, a long
/// press (a touch that neither moves nor lifts) pins it. One set instead of seven closures
/// per shape: building and dropping those was a fifth of drawing a thousand shapes.
struct ShapeEvents {
    onclick: Callback<MouseEvent>,
    onpointerover: Callback<PointerEvent>,
    onpointerout: Callback<PointerEvent>,
    onpointerdown: Callback<PointerEvent>,
    onpointermove: Callback<PointerEvent>,
    /// Ends a press: `pointerup` and `pointercancel`.
    onpointerup: Callback<PointerEvent>,
}

#[hook]
fn use_shape_events(
    onselect: Callback<ElementId>,
    onhover: Callback<Option<Hover>>,
) -> ShapeEvents {
    let press = use_mut_ref(Press::default);
    let onclick = {
        let press = press.clone();
        use_callback(onselect, move |event: MouseEvent, onselect| {
            if let Some((_, id)) = shape_at(event.target()) {
                event.stop_propagation();
                if !std::mem::take(&mut press.borrow_mut().long) {
                    onselect.emit(id);
                }
            }
        })
    };
    // `pointerover` and `pointerout` bubble (`pointerenter` and `pointerleave` do not).
    let onpointerover = use_callback(onhover.clone(), |event: PointerEvent, onhover| {
        if let Some(id) = crossed_edge(&event) {
            onhover.emit(Some(Hover {
                id,
                x: f64::from(event.client_x()),
                y: f64::from(event.client_y()),
                pinned: false,
            }));
        }
    });
    let onpointerout = use_callback(onhover.clone(), |event: PointerEvent, onhover| {
        if crossed_edge(&event).is_some() {
            onhover.emit(None);
        }
    });
    let onpointerdown = {
        let press = press.clone();
        use_callback(onhover, move |event: PointerEvent, onhover| {
            if event.pointer_type() != "touch" {
                return;
            }
            let Some((_, id)) = shape_at(event.target()) else {
                return;
            };
            let (x, y) = (f64::from(event.client_x()), f64::from(event.client_y()));
            let generation = {
                let mut press = press.borrow_mut();
                press.generation += 1;
                press.start = Some((x, y));
                press.long = false;
                press.generation
            };
            let press = press.clone();
            let onhover = onhover.clone();
            yew::platform::spawn_local(async move {
                yew::platform::time::sleep(std::time::Duration::from_millis(LONG_PRESS_MS)).await;
                let mut state = press.borrow_mut();
                if state.generation == generation && state.start.is_some() {
                    state.long = true;
                    drop(state);
                    onhover.emit(Some(Hover {
                        id,
                        x,
                        y,
                        pinned: true,
                    }));
                }
            });
        })
    };
    let onpointermove = {
        let press = press.clone();
        use_callback((), move |event: PointerEvent, ()| {
            let mut press = press.borrow_mut();
            if let Some((x, y)) = press.start {
                let moved =
                    (f64::from(event.client_x()) - x).hypot(f64::from(event.client_y()) - y);
                if moved > LONG_PRESS_SLOP {
                    press.start = None;
                    press.generation += 1;
                }
            }
        })
    };
    let onpointerup = use_callback((), move |_: PointerEvent, ()| {
        let mut press = press.borrow_mut();
        press.start = None;
        press.generation += 1;
    });
    ShapeEvents {
        onclick,
        onpointerover,
        onpointerout,
        onpointerdown,
        onpointermove,
        onpointerup,
    }
}

/// One shape: its box, its public-address mark and its text. A component of its own, so
/// that a new selection or zoom redraws only the shapes whose props changed. Its events are
/// the diagram's ([`ShapeEvents`]).
#[component]
fn ShapeView(props: &ShapeProps) -> Html {
    SHAPE_RENDERS.with(|count| count.set(count.get() + 1));
    let shape = props.shape();
    let rect = &shape.rect;
    let marks = props.marks;
    html! {
        <g class={shape_class(shape.kind, marks)} data-kind={shape.kind.as_str()} data-id={shape.id.to_string()}
            role="button" tabindex="0" aria-label={accessible_name(props.language, shape)}
            aria-pressed={aria_pressed(marks)}>
            <rect x={coordinate(rect.x)} y={coordinate(rect.y)}
                width={coordinate(rect.width)} height={coordinate(rect.height)}
                rx={corner_radius(shape.kind)} />
            { badge_mark(shape, marks.public_lit) }
            { draw_text(shape, &props.lines, props.language) }
        </g>
    }
}

/// Props of [`Links`].
#[derive(Properties)]
struct LinksProps {
    diagram: Rc<Diagram>,
    highlighted: Rc<BTreeSet<ElementId>>,
}

impl PartialEq for LinksProps {
    fn eq(&self, other: &Self) -> bool {
        (Rc::ptr_eq(&self.diagram, &other.diagram) || self.diagram.links == other.diagram.links)
            && self.highlighted == other.highlighted
    }
}

/// Every link of the diagram; redrawn only when the links or the highlighted path change.
#[component]
fn Links(props: &LinksProps) -> Html {
    html! {
        <g class="links">
            { for props.diagram.links.iter().map(|link| {
                let lit = props.highlighted.contains(&link.from) && props.highlighted.contains(&link.to);
                html! {
                    <polyline class={classes!("link", link_class(link.kind), lit.then_some("highlighted"))}
                        data-from={link.from.to_string()} data-to={link.to.to_string()} points={points_attr(link)} />
                }
            }) }
        </g>
    }
}

/// The drawing of a whole diagram. Each shape is its own keyed component, so selecting,
/// highlighting or zooming redraws only the shapes whose look changes.
#[component]
pub fn DiagramView(props: &DiagramViewProps) -> Html {
    let events = use_shape_events(props.onselect.clone(), props.onhover.clone());
    let (diagram, lod_scale) = use_first_layout(&props.first, &props.diagram, props.lod_scale);
    let diagram = &diagram;
    let marks = |shape: &Shape| ShapeMarks {
        selected: props.selected.as_ref() == Some(&shape.id),
        highlighted: props.highlighted.contains(&shape.id),
        blocked: props.blocked.as_ref() == Some(&shape.id),
        public_lit: !props.highlighted.is_empty()
            && public_ip_id(shape).is_some_and(|id| props.highlighted.contains(&id)),
    };
    let shape = |index: usize| {
        let shape = &diagram.shapes[index];
        html! {
            <ShapeView key={shape.id.to_string()} diagram={diagram.clone()} {index}
                lines={shape.text_at(lod_scale)} language={props.language} marks={marks(shape)} />
        }
    };
    let batch = |members: &[usize]| {
        let key = diagram.shapes[members[0]]
            .parent
            .as_ref()
            .map_or_else(String::new, |parent| format!("batch {parent}"));
        let lines: Rc<[Vec<TextLine>]> = members
            .iter()
            .map(|&index| diagram.shapes[index].text_at(lod_scale))
            .collect();
        let marks: Rc<[(usize, ShapeMarks)]> = members
            .iter()
            .enumerate()
            .map(|(position, &index)| (position, marks(&diagram.shapes[index])))
            .filter(|(_, marks)| *marks != ShapeMarks::default())
            .collect();
        html! {
            <ShapeBatch {key} diagram={diagram.clone()} members={Rc::<[usize]>::from(members)}
                {lines} language={props.language} {marks} />
        }
    };
    // Containers first so their contents paint on top; links between the two layers so a
    // line from the VRouter to a VSwitch shows over the VPC but under the nodes.
    let (containers, nodes): (Vec<usize>, Vec<usize>) =
        (0..diagram.shapes.len()).partition(|&index| is_container(diagram.shapes[index].kind));
    let nodes = batched(diagram, nodes, props.batch_above);
    let ShapeEvents {
        onclick,
        onpointerover,
        onpointerout,
        onpointerdown,
        onpointermove,
        onpointerup,
    } = events;
    html! {
        <g class="diagram-content" {onclick} {onpointerover} {onpointerout} {onpointerdown}
            {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}>
            <g class="containers">{ for containers.into_iter().map(shape) }</g>
            <Links diagram={diagram.clone()} highlighted={props.highlighted.clone()} />
            <g class="nodes">
                { for nodes.iter().map(|drawn| match drawn {
                    Node::One(index) => shape(*index),
                    Node::Batch(members) => batch(members),
                }) }
            </g>
        </g>
    }
}

/// How a node is drawn: as its own component, or with the other instances of its VSwitch in
/// one batch.
enum Node {
    /// One shape, by its index in the diagram.
    One(usize),
    /// A VSwitch's instance shapes, by their indices, in order.
    Batch(Vec<usize>),
}

/// The nodes (indices, in drawing order) as they are drawn: the instances of a VSwitch that
/// draws more than `above` of them as one batch, where its first instance is; the rest one
/// by one.
fn batched(diagram: &Diagram, nodes: Vec<usize>, above: usize) -> Vec<Node> {
    let parent_of = |index: usize| {
        let shape = &diagram.shapes[index];
        (shape.kind == ElementKind::Instance)
            .then_some(shape.parent.as_ref())
            .flatten()
    };
    let mut groups: BTreeMap<&ElementId, Vec<usize>> = BTreeMap::new();
    for &index in &nodes {
        if let Some(parent) = parent_of(index) {
            groups.entry(parent).or_default().push(index);
        }
    }
    groups.retain(|_, members| members.len() > above);
    if groups.is_empty() {
        return nodes.into_iter().map(Node::One).collect();
    }
    let mut in_batch = vec![false; diagram.shapes.len()];
    let mut by_first: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for members in groups.into_values() {
        for &index in &members {
            in_batch[index] = true;
        }
        by_first.insert(members[0], members);
    }
    let mut drawn = Vec::with_capacity(nodes.len());
    for index in nodes {
        if let Some(members) = by_first.remove(&index) {
            drawn.push(Node::Batch(members));
        } else if !in_batch[index] {
            drawn.push(Node::One(index));
        }
    }
    drawn
}
