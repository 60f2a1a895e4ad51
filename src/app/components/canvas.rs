//! The diagram canvas: an SVG that fills the space left by the panels, with pan (drag the
//! background), zoom (wheel or buttons) and fit-to-screen.
//!
//! Coordinates: the diagram is drawn in its own units (the layout's); the view maps them to
//! screen pixels with one translation and one uniform scale, kept in this component because
//! the view is not part of the saved network.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::diagram_view::DiagramView;
use super::packet::Packet;
use crate::app::i18n::{text, Language, Text};
use crate::layout::Diagram;

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
    /// The selected element's id.
    #[prop_or_default]
    pub selected: Option<String>,
    /// Ids to highlight.
    #[prop_or_default]
    pub highlighted: Rc<BTreeSet<String>>,
    /// The id of an element to mark as blocking.
    #[prop_or_default]
    pub blocked: Option<String>,
    /// Where the traced packet is, in diagram units.
    #[prop_or_default]
    pub packet: Option<(f64, f64)>,
    /// Changing this number fits the drawing to the screen (after a load or a reset).
    #[prop_or_default]
    pub fit_key: u32,
    /// Called with the id of the element the user clicked.
    pub onselect: Callback<String>,
    /// Called when the background is clicked (to clear the selection).
    #[prop_or_default]
    pub onbackground: Callback<()>,
}

/// The distance between the first two pointers, when two are down.
fn spread(pointers: &std::collections::BTreeMap<i32, (f64, f64)>) -> Option<f64> {
    let mut points = pointers.values();
    let (a, b) = (points.next()?, points.next()?);
    let distance = (a.0 - b.0).hypot(a.1 - b.1);
    (distance > 1.0).then_some(distance)
}

/// The point halfway between the first two pointers.
fn middle(pointers: &std::collections::BTreeMap<i32, (f64, f64)>) -> Option<(f64, f64)> {
    let mut points = pointers.values();
    let (a, b) = (points.next()?, points.next()?);
    Some(((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0))
}

/// Rounds a zoom scale to a few levels, so that panning and small zooms never redraw the
/// diagram, only move it.
fn level_of_detail(scale: f64) -> f64 {
    (scale.log2() * 4.0).floor().exp2().powf(0.25)
}

/// The pannable, zoomable SVG canvas.
#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let view = use_state(View::default);
    let drag = use_mut_ref(|| None::<(f64, f64, View, bool)>);
    // While the user has not panned or zoomed since the last fit, the view follows the
    // drawing as it grows, so what they just created is never off-screen.
    let following = use_mut_ref(|| true);
    // Set when a press turned into a pan, so the click that ends it selects nothing.
    let panned = use_mut_ref(|| false);
    let onselect = {
        let panned = panned.clone();
        let onselect = props.onselect.clone();
        Callback::from(move |id: String| {
            if !std::mem::replace(&mut *panned.borrow_mut(), false) {
                onselect.emit(id);
            }
        })
    };
    let svg_ref = use_node_ref();
    let language = props.language;

    let screen_size = {
        let svg_ref = svg_ref.clone();
        move || {
            svg_ref
                .cast::<web_sys::Element>()
                .map(|element| {
                    let rect = element.get_bounding_client_rect();
                    (rect.width(), rect.height())
                })
                .unwrap_or((1024.0, 768.0))
        }
    };

    // Touch: every pointer down on the background, by id; two of them pinch-zoom.
    let pointers = use_mut_ref(std::collections::BTreeMap::<i32, (f64, f64)>::new);
    let pinch = use_mut_ref(|| None::<(f64, View)>);
    // Where a pointer or wheel event happened, in the SVG's own pixels.
    let local = {
        let svg_ref = svg_ref.clone();
        move |event: &MouseEvent| {
            let (left, top) = svg_ref
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
    };
    let onpointerdown = {
        let panned = panned.clone();
        let view = view.clone();
        let drag = drag.clone();
        let pointers = pointers.clone();
        let pinch = pinch.clone();
        let following = following.clone();
        let local = local.clone();
        Callback::from(move |event: PointerEvent| {
            pointers
                .borrow_mut()
                .insert(event.pointer_id(), local(&event));
            if let Some(distance) = spread(&pointers.borrow()) {
                *drag.borrow_mut() = None;
                *pinch.borrow_mut() = Some((distance, *view));
                *following.borrow_mut() = false;
                return;
            }
            // Any press can start a pan (a zoomed-in diagram may leave no background in
            // view); only a press that does not move counts as a click.
            *panned.borrow_mut() = false;
            if event.button() == 0 {
                *drag.borrow_mut() = Some((
                    f64::from(event.client_x()),
                    f64::from(event.client_y()),
                    *view,
                    false,
                ));
            }
        })
    };
    let onpointermove = {
        let view = view.clone();
        let drag = drag.clone();
        let following = following.clone();
        let pointers = pointers.clone();
        let pinch = pinch.clone();
        let local = local.clone();
        Callback::from(move |event: PointerEvent| {
            if let Some(position) = pointers.borrow_mut().get_mut(&event.pointer_id()) {
                *position = local(&event);
            }
            if let Some((start_distance, start)) = *pinch.borrow() {
                let pointers = pointers.borrow();
                if let (Some(distance), Some((cx, cy))) = (spread(&pointers), middle(&pointers)) {
                    view.set(start.zoom_at(distance / start_distance, cx, cy));
                }
                return;
            }
            let mut drag = drag.borrow_mut();
            if let Some((start_x, start_y, start, moved)) = drag.as_mut() {
                let dx = f64::from(event.client_x()) - *start_x;
                let dy = f64::from(event.client_y()) - *start_y;
                if dx.abs() + dy.abs() > 3.0 {
                    *moved = true;
                    *following.borrow_mut() = false;
                }
                view.set(View {
                    x: start.x + dx,
                    y: start.y + dy,
                    scale: start.scale,
                });
            }
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        let panned = panned.clone();
        let onbackground = props.onbackground.clone();
        let pointers = pointers.clone();
        let pinch = pinch.clone();
        Callback::from(move |event: PointerEvent| {
            pointers.borrow_mut().remove(&event.pointer_id());
            if pinch.borrow_mut().take().is_some() {
                return;
            }
            if let Some((_, _, _, moved)) = drag.borrow_mut().take() {
                let on_background = event
                    .target_dyn_into::<web_sys::Element>()
                    .is_some_and(|target| target.get_attribute("data-pan").is_some());
                if moved {
                    *panned.borrow_mut() = true;
                } else if on_background {
                    onbackground.emit(());
                }
            }
        })
    };
    let onwheel = {
        let view = view.clone();
        let following = following.clone();
        let local = local.clone();
        Callback::from(move |event: WheelEvent| {
            event.prevent_default();
            *following.borrow_mut() = false;
            let factor = if event.delta_y() < 0.0 {
                ZOOM_STEP
            } else {
                1.0 / ZOOM_STEP
            };
            let (x, y) = local(&event);
            view.set(view.zoom_at(factor, x, y));
        })
    };
    let zoom_button = |factor: f64| {
        let view = view.clone();
        let screen_size = screen_size.clone();
        let following = following.clone();
        Callback::from(move |_: MouseEvent| {
            *following.borrow_mut() = false;
            let (w, h) = screen_size();
            view.set(view.zoom_at(factor, w / 2.0, h / 2.0));
        })
    };
    {
        // Fit once the SVG has its size, whenever the parent asks, and whenever the drawing
        // changes size while the view is following it.
        let view = view.clone();
        let screen_size = screen_size.clone();
        let following = following.clone();
        let last_key = use_mut_ref(|| None::<u32>);
        let (width, height) = (props.diagram.width, props.diagram.height);
        let size_key = (props.fit_key, width.to_bits(), height.to_bits());
        use_effect_with(size_key, move |&(fit_key, _, _)| {
            let asked = last_key.borrow_mut().replace(fit_key) != Some(fit_key);
            if asked {
                *following.borrow_mut() = true;
            }
            if *following.borrow() {
                let (w, h) = screen_size();
                view.set(View::fit(width, height, w, h));
            }
        });
    }
    let onfit = {
        let view = view.clone();
        let (width, height) = (props.diagram.width, props.diagram.height);
        let screen_size = screen_size.clone();
        let following = following.clone();
        Callback::from(move |_: MouseEvent| {
            *following.borrow_mut() = true;
            let (w, h) = screen_size();
            view.set(View::fit(width, height, w, h));
        })
    };

    let transform = format!(
        "translate({:.2} {:.2}) scale({:.4})",
        view.x, view.y, view.scale
    );
    html! {
        <section class="canvas" aria-label={text(language, Text::Diagram)}>
            <svg
                ref={svg_ref}
                class="diagram"
                role="img"
                aria-label={text(language, Text::Diagram)}
                data-testid="diagram"
                data-scale={format!("{:.3}", view.scale)}
                {onpointerdown}
                {onpointermove}
                onpointerup={onpointerup.clone()}
                onpointercancel={onpointerup.clone()}
                onpointerleave={onpointerup}
                {onwheel}
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
                        blocked={props.blocked.clone()} {onselect} />
                    if let Some((x, y)) = props.packet {
                        <Packet {x} {y} />
                    }
                </g>
            </svg>
            <div class="zoom-controls" role="group">
                <button title={text(language, Text::ZoomIn)} aria-label={text(language, Text::ZoomIn)}
                    data-testid="zoom-in" onclick={zoom_button(ZOOM_STEP)}>{ "+" }</button>
                <button title={text(language, Text::ZoomOut)} aria-label={text(language, Text::ZoomOut)}
                    data-testid="zoom-out" onclick={zoom_button(1.0 / ZOOM_STEP)}>{ "−" }</button>
                <button title={text(language, Text::FitToScreen)} aria-label={text(language, Text::FitToScreen)}
                    data-testid="zoom-fit" onclick={onfit}>{ "⤢" }</button>
            </div>
        </section>
    }
}
