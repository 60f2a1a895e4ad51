//! The diagram canvas: an SVG that fills the space left by the panels, with pan (drag the
//! background), zoom (wheel or buttons) and fit-to-screen.
//!
//! Coordinates: the diagram is drawn in its own units (the layout's); the view maps them to
//! screen pixels with one translation and one uniform scale, kept in this component because
//! the view is not part of the saved network.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::diagram_view::DiagramView;
use super::packet::Packet;
use crate::app::i18n::{text, Language, Text};
use crate::layout::Diagram;
use crate::model::ElementId;

/// The smallest and largest zoom factors the view allows.
const ZOOM_RANGE: (f64, f64) = (0.05, 4.0);
/// How much one zoom-button press or wheel notch scales the view.
const ZOOM_STEP: f64 = 1.2;

/// The current view: screen = diagram * scale + offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Horizontal offset in screen pixels.
    pub x: f64,
    /// Vertical offset in screen pixels.
    pub y: f64,
    /// Zoom factor.
    pub scale: f64,
}

impl Default for View {
    fn default() -> Self {
        View {
            x: 24.0,
            y: 24.0,
            scale: 1.0,
        }
    }
}

impl View {
    /// Zooms by `factor` keeping the screen point (`cx`, `cy`) fixed under the cursor.
    pub fn zoom_at(self, factor: f64, cx: f64, cy: f64) -> View {
        let scale = (self.scale * factor).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
        let applied = scale / self.scale;
        View {
            x: cx - (cx - self.x) * applied,
            y: cy - (cy - self.y) * applied,
            scale,
        }
    }

    /// The view that shows a `width` × `height` diagram whole in a `screen_w` × `screen_h` area.
    pub fn fit(width: f64, height: f64, screen_w: f64, screen_h: f64) -> View {
        let margin = 24.0;
        if width <= 0.0 || height <= 0.0 || screen_w <= 2.0 * margin || screen_h <= 2.0 * margin {
            return View::default();
        }
        let scale = ((screen_w - 2.0 * margin) / width)
            .min((screen_h - 2.0 * margin) / height)
            .clamp(ZOOM_RANGE.0, 1.5);
        View {
            x: (screen_w - width * scale) / 2.0,
            y: margin.max((screen_h - height * scale) / 2.0),
            scale,
        }
    }
}

/// Props of [`Canvas`].
#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    /// The UI language.
    pub language: Language,
    /// What to draw.
    pub diagram: Rc<Diagram>,
    /// The selected element.
    #[prop_or_default]
    pub selected: Option<ElementId>,
    /// Elements to highlight.
    #[prop_or_default]
    pub highlighted: Rc<BTreeSet<ElementId>>,
    /// An element to mark as blocking.
    #[prop_or_default]
    pub blocked: Option<ElementId>,
    /// Where the traced packet is, in diagram units.
    #[prop_or_default]
    pub packet: Option<(f64, f64)>,
    /// Changing this number fits the drawing to the screen (after a load or a reset).
    #[prop_or_default]
    pub fit_key: u32,
    /// Called with the element the user clicked.
    pub onselect: Callback<ElementId>,
    /// Called when the background is clicked (to clear the selection).
    #[prop_or_default]
    pub onbackground: Callback<()>,
}

/// The distance between the first two pointers, when two are down.
fn spread(pointers: &Pointers) -> Option<f64> {
    let mut points = pointers.values();
    let (a, b) = (points.next()?, points.next()?);
    let distance = (a.0 - b.0).hypot(a.1 - b.1);
    (distance > 1.0).then_some(distance)
}

/// The point halfway between the first two pointers.
fn middle(pointers: &Pointers) -> Option<(f64, f64)> {
    let mut points = pointers.values();
    let (a, b) = (points.next()?, points.next()?);
    Some(((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0))
}

/// Rounds a zoom scale to a few levels, so that panning and small zooms never redraw the
/// diagram, only move it.
fn level_of_detail(scale: f64) -> f64 {
    (scale.log2() * 4.0).floor().exp2().powf(0.25)
}

/// Pointers down on the canvas, by id, where they are in the SVG's own pixels.
type Pointers = std::collections::BTreeMap<i32, (f64, f64)>;

/// A press that may become a pan: where it started, the view then, and whether it moved.
type Drag = Option<(f64, f64, View, bool)>;

/// The canvas's view and the gesture in progress, shared by its event callbacks.
#[derive(Clone)]
struct Gestures {
    view: UseStateHandle<View>,
    /// The press in progress.
    drag: Rc<RefCell<Drag>>,
    /// While the user has not panned or zoomed since the last fit, the view follows the
    /// drawing as it grows, so what they just created is never off-screen.
    following: Rc<RefCell<bool>>,
    /// Set when a press turned into a pan, so the click that ends it selects nothing.
    panned: Rc<RefCell<bool>>,
    /// Touch: every pointer down; two of them pinch-zoom.
    pointers: Rc<RefCell<Pointers>>,
    /// A pinch in progress: the pointers' first spread and the view then.
    pinch: Rc<RefCell<Option<(f64, View)>>>,
    svg: NodeRef,
}

impl Gestures {
    /// The size of the SVG on screen.
    fn screen_size(&self) -> (f64, f64) {
        self.svg
            .cast::<web_sys::Element>()
            .map(|element| {
                let rect = element.get_bounding_client_rect();
                (rect.width(), rect.height())
            })
            .unwrap_or((1024.0, 768.0))
    }

    /// Where a pointer or wheel event happened, in the SVG's own pixels.
    fn local(&self, event: &MouseEvent) -> (f64, f64) {
        let (left, top) = self
            .svg
            .cast::<web_sys::Element>()
            .map(|element| {
                let rect = element.get_bounding_client_rect();
                (rect.left(), rect.top())
            })
            .unwrap_or((0.0, 0.0));
        (
            f64::from(event.client_x()) - left,
            f64::from(event.client_y()) - top,
        )
    }

    /// Selects what was clicked, unless the press was a pan.
    fn onselect(&self, onselect: Callback<ElementId>) -> Callback<ElementId> {
        let panned = self.panned.clone();
        Callback::from(move |id: ElementId| {
            if !std::mem::replace(&mut *panned.borrow_mut(), false) {
                onselect.emit(id);
            }
        })
    }

    fn onpointerdown(&self) -> Callback<PointerEvent> {
        let this = self.clone();
        Callback::from(move |event: PointerEvent| {
            let at = this.local(&event);
            this.pointers.borrow_mut().insert(event.pointer_id(), at);
            if let Some(distance) = spread(&this.pointers.borrow()) {
                *this.drag.borrow_mut() = None;
                *this.pinch.borrow_mut() = Some((distance, *this.view));
                *this.following.borrow_mut() = false;
                return;
            }
            // Any press can start a pan (a zoomed-in diagram may leave no background in
            // view); only a press that does not move counts as a click.
            *this.panned.borrow_mut() = false;
            if event.button() == 0 {
                *this.drag.borrow_mut() = Some((
                    f64::from(event.client_x()),
                    f64::from(event.client_y()),
                    *this.view,
                    false,
                ));
            }
        })
    }

    fn onpointermove(&self) -> Callback<PointerEvent> {
        let this = self.clone();
        Callback::from(move |event: PointerEvent| {
            let at = this.local(&event);
            if let Some(position) = this.pointers.borrow_mut().get_mut(&event.pointer_id()) {
                *position = at;
            }
            if let Some((start_distance, start)) = *this.pinch.borrow() {
                let pointers = this.pointers.borrow();
                if let (Some(distance), Some((cx, cy))) = (spread(&pointers), middle(&pointers)) {
                    this.view
                        .set(start.zoom_at(distance / start_distance, cx, cy));
                }
                return;
            }
            let mut drag = this.drag.borrow_mut();
            if let Some((start_x, start_y, start, moved)) = drag.as_mut() {
                let dx = f64::from(event.client_x()) - *start_x;
                let dy = f64::from(event.client_y()) - *start_y;
                if dx.abs() + dy.abs() > 3.0 {
                    *moved = true;
                    *this.following.borrow_mut() = false;
                }
                this.view.set(View {
                    x: start.x + dx,
                    y: start.y + dy,
                    scale: start.scale,
                });
            }
        })
    }

    fn onpointerup(&self, onbackground: Callback<()>) -> Callback<PointerEvent> {
        let this = self.clone();
        Callback::from(move |event: PointerEvent| {
            this.pointers.borrow_mut().remove(&event.pointer_id());
            if this.pinch.borrow_mut().take().is_some() {
                return;
            }
            if let Some((_, _, _, moved)) = this.drag.borrow_mut().take() {
                let on_background = event
                    .target_dyn_into::<web_sys::Element>()
                    .is_some_and(|target| target.get_attribute("data-pan").is_some());
                if moved {
                    *this.panned.borrow_mut() = true;
                } else if on_background {
                    onbackground.emit(());
                }
            }
        })
    }

    fn onwheel(&self) -> Callback<WheelEvent> {
        let this = self.clone();
        Callback::from(move |event: WheelEvent| {
            event.prevent_default();
            *this.following.borrow_mut() = false;
            let factor = if event.delta_y() < 0.0 {
                ZOOM_STEP
            } else {
                1.0 / ZOOM_STEP
            };
            let (x, y) = this.local(&event);
            this.view.set(this.view.zoom_at(factor, x, y));
        })
    }

    /// A button that zooms by `factor` around the middle of the canvas.
    fn zoom_button(&self, factor: f64) -> Callback<MouseEvent> {
        let this = self.clone();
        Callback::from(move |_: MouseEvent| {
            *this.following.borrow_mut() = false;
            let (w, h) = this.screen_size();
            this.view.set(this.view.zoom_at(factor, w / 2.0, h / 2.0));
        })
    }

    /// Fits the drawing to the screen and follows it again.
    fn onfit(&self, width: f64, height: f64) -> Callback<MouseEvent> {
        let this = self.clone();
        Callback::from(move |_: MouseEvent| {
            *this.following.borrow_mut() = true;
            let (w, h) = this.screen_size();
            this.view.set(View::fit(width, height, w, h));
        })
    }
}

/// The view and gestures of a canvas; fits once the SVG has its size, whenever `fit_key`
/// changes, and whenever the drawing changes size while the view is following it.
#[hook]
fn use_gestures(fit_key: u32, width: f64, height: f64) -> Gestures {
    let gestures = Gestures {
        view: use_state(View::default),
        drag: use_mut_ref(|| None),
        following: use_mut_ref(|| true),
        panned: use_mut_ref(|| false),
        pointers: use_mut_ref(Pointers::new),
        pinch: use_mut_ref(|| None),
        svg: use_node_ref(),
    };
    let last_key = use_mut_ref(|| None::<u32>);
    let size_key = (fit_key, width.to_bits(), height.to_bits());
    let fitting = gestures.clone();
    use_effect_with(size_key, move |&(fit_key, _, _)| {
        let asked = last_key.borrow_mut().replace(fit_key) != Some(fit_key);
        if asked {
            *fitting.following.borrow_mut() = true;
        }
        if *fitting.following.borrow() {
            let (w, h) = fitting.screen_size();
            fitting.view.set(View::fit(width, height, w, h));
        }
    });
    gestures
}

/// The pannable, zoomable SVG canvas.
#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let (width, height) = (props.diagram.width, props.diagram.height);
    let gestures = use_gestures(props.fit_key, width, height);
    let language = props.language;
    let view = *gestures.view;
    let onpointerup = gestures.onpointerup(props.onbackground.clone());
    let transform = format!(
        "translate({:.2} {:.2}) scale({:.4})",
        view.x, view.y, view.scale
    );
    html! {
        <section class="canvas" aria-label={text(language, Text::Diagram)}>
            <svg
                ref={gestures.svg.clone()}
                class="diagram"
                role="img"
                aria-label={text(language, Text::Diagram)}
                data-testid="diagram"
                data-scale={format!("{:.3}", view.scale)}
                onpointerdown={gestures.onpointerdown()}
                onpointermove={gestures.onpointermove()}
                onpointerup={onpointerup.clone()}
                onpointercancel={onpointerup.clone()}
                onpointerleave={onpointerup}
                onwheel={gestures.onwheel()}
            >
                <defs>
                    <pattern id="grid" width="24" height="24" patternUnits="userSpaceOnUse">
                        <path d="M 24 0 L 0 0 0 24" fill="none" class="grid-line" />
                    </pattern>
                </defs>
                <rect class="background" data-pan="" x="0" y="0" width="100%" height="100%" fill="url(#grid)" />
                <g class="viewport" transform={transform}>
                    <DiagramView diagram={props.diagram.clone()} lod_scale={level_of_detail(view.scale)}
                        selected={props.selected.clone()} highlighted={props.highlighted.clone()}
                        blocked={props.blocked.clone()} onselect={gestures.onselect(props.onselect.clone())} />
                    if let Some((x, y)) = props.packet {
                        <Packet {x} {y} />
                    }
                </g>
            </svg>
            <div class="zoom-controls" role="group">
                <button title={text(language, Text::ZoomIn)} aria-label={text(language, Text::ZoomIn)}
                    data-testid="zoom-in" onclick={gestures.zoom_button(ZOOM_STEP)}>{ "+" }</button>
                <button title={text(language, Text::ZoomOut)} aria-label={text(language, Text::ZoomOut)}
                    data-testid="zoom-out" onclick={gestures.zoom_button(1.0 / ZOOM_STEP)}>{ "−" }</button>
                <button title={text(language, Text::FitToScreen)} aria-label={text(language, Text::FitToScreen)}
                    data-testid="zoom-fit" onclick={gestures.onfit(width, height)}>{ "⤢" }</button>
            </div>
        </section>
    }
}
