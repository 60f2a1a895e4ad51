//! The diagram canvas: an SVG that fills the space left by the panels, with pan (drag, one
//! finger), zoom (wheel, pinch, buttons) and fit-to-screen, a tooltip on hover or long press,
//! and the legend.
//!
//! Coordinates: the diagram is drawn in its own units (the layout's); the view maps them to
//! screen pixels with one translation and one uniform scale, kept in this component because
//! the view is not part of the saved network. The canvas reports its size so the layout can
//! choose the arrangement that fills it. Printing fits the whole diagram on a page through
//! an SVG `transform` attribute that only the print stylesheet lets through: the app never
//! writes a `style` attribute (the page's Content-Security-Policy refuses them).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::canvas_size::{use_first_transform, use_size};
pub use super::canvas_view::{level_of_detail, View};
use super::diagram_view::{DiagramView, FirstLayout, Hover};
use super::legend::Legend;
use super::packet::Packet;
use super::tooltip::Tooltip;
use crate::app::i18n::{pick, text, Language, Text};
use crate::layout::Diagram;
use crate::model::ElementId;

/// How much one zoom-button press or wheel notch scales the view.
const ZOOM_STEP: f64 = 1.2;
/// How long the wheel rests before a wheel zoom is committed (the drawing redrawn at the
/// new scale, with the names and addresses of its level of detail).
const ZOOM_SETTLE: std::time::Duration = std::time::Duration::from_millis(160);
/// The area, in CSS pixels, the print stylesheet gives the diagram (it fits landscape A4 and
/// Letter with 10 mm margins, with room for the legend under it).
const PRINT_AREA: (f64, f64) = (960.0, 480.0);

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
    /// Called with the canvas's size in CSS pixels whenever it changes.
    #[prop_or_default]
    pub onresize: Callback<(u32, u32)>,
    /// Lays the network out at once for the size given, so that the canvas's first frame
    /// shows the diagram while `diagram` is still the empty one of an unmeasured canvas.
    pub lay_out: Callback<(u32, u32), Option<Rc<Diagram>>>,
    /// A panel that may open over the canvas (the details sheet of narrow screens): the
    /// selected element is moved out from under it.
    #[prop_or_default]
    pub cover: NodeRef,
}

/// Pointers down on the canvas, by id, where they are in the SVG's own pixels.
type Pointers = BTreeMap<i32, (f64, f64)>;

/// A press that may become a pan: where it started, the view then, and whether it moved.
type Drag = Option<(f64, f64, View, bool)>;

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

/// Places the tooltip next to the pointer, inside the canvas.
#[hook]
fn use_tooltip_position(hover: Option<Hover>, tip: NodeRef, area: NodeRef) {
    use_effect_with(hover, move |hover| {
        let (Some(hover), Some(tip), Some(area)) = (
            hover,
            tip.cast::<web_sys::HtmlElement>(),
            area.cast::<web_sys::Element>(),
        ) else {
            return;
        };
        let bounds = area.get_bounding_client_rect();
        let (w, h) = (
            f64::from(tip.offset_width()),
            f64::from(tip.offset_height()),
        );
        let (px, py) = (hover.x - bounds.left(), hover.y - bounds.top());
        let mut x = px + 16.0;
        let mut y = py + 16.0;
        if x + w > bounds.width() - 4.0 {
            x = (px - w - 12.0).max(4.0);
        }
        if y + h > bounds.height() - 4.0 {
            y = (py - h - 12.0).max(4.0);
        }
        let style = tip.style();
        let _ = style.set_property("left", &format!("{x:.0}px"));
        let _ = style.set_property("top", &format!("{y:.0}px"));
        let _ = style.set_property("visibility", "visible");
    });
}

/// The part of `area` left visible by `cover` (a sheet along its bottom or a drawer along
/// its right), in client coordinates: (left, top, right, bottom).
fn uncovered(area: &web_sys::DomRect, cover: Option<web_sys::DomRect>) -> (f64, f64, f64, f64) {
    let mut visible = (area.left(), area.top(), area.right(), area.bottom());
    if let Some(cover) = cover {
        let overlaps = cover.width() > 0.0
            && cover.left() < area.right()
            && cover.right() > area.left()
            && cover.top() < area.bottom()
            && cover.bottom() > area.top();
        if overlaps {
            if cover.left() <= area.left() + 1.0 {
                visible.3 = visible.3.min(cover.top());
            } else {
                visible.2 = visible.2.min(cover.left());
            }
        }
    }
    visible
}

/// When an element is selected and a panel opens over it, pans the view just enough to
/// show it above (or beside) the panel.
#[hook]
fn use_reveal_selected(
    selected: Option<ElementId>,
    diagram: Rc<Diagram>,
    current: Rc<std::cell::RefCell<View>>,
    view: UseStateSetter<View>,
    svg: NodeRef,
    cover: NodeRef,
) {
    // The view before the last reveal and the view it moved to, to go back when the
    // selection is cleared (unless the user moved the view since).
    let revealed = use_mut_ref(|| None::<(View, View)>);
    use_effect_with(selected, move |selected| {
        let Some(id) = selected.clone() else {
            if let Some((before, after)) = revealed.borrow_mut().take() {
                if *current.borrow() == after {
                    view.set(before);
                }
            }
            return;
        };
        yew::platform::spawn_local(async move {
            // Let the panel finish sliding in.
            yew::platform::time::sleep(std::time::Duration::from_millis(260)).await;
            let (Some(shape), Some(area)) = (diagram.shape(&id), area_rect(&svg)) else {
                return;
            };
            let cover = cover
                .cast::<web_sys::Element>()
                .map(|element| element.get_bounding_client_rect());
            let (left, top, right, bottom) = uncovered(&area, cover);
            let now = *current.borrow();
            let margin = 12.0;
            let shape_left = area.left() + now.x + shape.rect.x * now.scale;
            let shape_top = area.top() + now.y + shape.rect.y * now.scale;
            let shape_right = shape_left + shape.rect.width * now.scale;
            let shape_bottom = shape_top + shape.rect.height * now.scale;
            let shift = |start: f64, end: f64, low: f64, high: f64| {
                if end > high - margin {
                    (high - margin - end).max(low + margin - start).min(0.0)
                } else {
                    0.0
                }
            };
            let dx = shift(shape_left, shape_right, left, right);
            let dy = shift(shape_top, shape_bottom, top, bottom);
            if dx != 0.0 || dy != 0.0 {
                let moved = View {
                    x: now.x + dx,
                    y: now.y + dy,
                    ..now
                };
                let before = revealed.borrow().map_or(now, |(before, _)| before);
                *revealed.borrow_mut() = Some((before, moved));
                view.set(moved);
            }
        });
    });
}

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
    /// The element whose tooltip shows.
    hover: UseStateHandle<Option<Hover>>,
    /// A wheel or pinch zoom not yet committed: the view it goes to, and the number of its
    /// last step (a later notch or gesture makes an earlier commit stand down). See
    /// [`Gestures::onwheel`]; a pinch is committed when its fingers lift.
    zooming: Rc<RefCell<(Option<View>, u32)>>,
    /// What the effect that fits the view last fitted it to (the drawing's and the
    /// screen's sizes, see [`fit_sizes`]); `None` before the first fit.
    fitted: Rc<RefCell<Option<FitKey>>>,
    svg: NodeRef,
}

/// The sizes a fit depends on: the drawing's and the screen's, bit for bit.
type FitKey = [u64; 4];

/// The [`FitKey`] of a drawing `width` × `height` on a `screen`.
fn fit_sizes(width: f64, height: f64, screen: (f64, f64)) -> FitKey {
    [
        width.to_bits(),
        height.to_bits(),
        screen.0.to_bits(),
        screen.1.to_bits(),
    ]
}

impl Gestures {
    /// The view to draw: the view, or, while the view follows the drawing and has not been
    /// fitted to its present size, the fit itself. The fit is an effect, which runs after
    /// the frame is painted: drawn here, the first frame and the frame after a VSwitch is
    /// expanded (a drawing of a new size) already show the fit, at its level of detail,
    /// instead of the old view first and the fit a frame later.
    fn drawn_view(&self, width: f64, height: f64, screen: (f64, f64)) -> View {
        let fitted = *self.fitted.borrow() == Some(fit_sizes(width, height, screen));
        if !fitted && *self.following.borrow() && screen.0 > 0.0 {
            View::fit(width, height, screen.0, screen.1)
        } else {
            *self.view
        }
    }

    /// The size of the SVG on screen.
    fn screen_size(&self) -> (f64, f64) {
        area_rect(&self.svg).map_or((1024.0, 768.0), |rect| (rect.width(), rect.height()))
    }

    /// Where a pointer or wheel event happened, in the SVG's own pixels.
    fn local(&self, event: &MouseEvent) -> (f64, f64) {
        let (left, top) = area_rect(&self.svg).map_or((0.0, 0.0), |rect| (rect.left(), rect.top()));
        (
            f64::from(event.client_x()) - left,
            f64::from(event.client_y()) - top,
        )
    }

    /// Keeps `target` as the zoom waiting to be committed and shows it at once over what
    /// `committed` drew (see [`show_zoom`]); the number of this step, which a later step or
    /// gesture makes stale.
    fn show_pending(&self, committed: View, target: View) -> u32 {
        let mut zooming = self.zooming.borrow_mut();
        zooming.0 = Some(target);
        zooming.1 = zooming.1.wrapping_add(1);
        show_zoom(&self.svg, committed, target);
        zooming.1
    }

    /// Commits a wheel or pinch zoom still in progress, so another gesture starts from what
    /// the user sees; the view to start from.
    fn settle_zoom(&self) -> View {
        let mut zooming = self.zooming.borrow_mut();
        zooming.1 = zooming.1.wrapping_add(1);
        match zooming.0.take() {
            Some(target) => {
                self.view.set(target);
                target
            }
            None => *self.view,
        }
    }

    fn onpointerdown(&self) -> Callback<PointerEvent> {
        let this = self.clone();
        Callback::from(move |event: PointerEvent| {
            // A touch anywhere takes down the tooltip a long press pinned.
            if this.hover.as_ref().is_some_and(|hover| hover.pinned) {
                this.hover.set(None);
            }
            let at = this.local(&event);
            let view = this.settle_zoom();
            this.pointers.borrow_mut().insert(event.pointer_id(), at);
            if let Some(distance) = spread(&this.pointers.borrow()) {
                *this.drag.borrow_mut() = None;
                *this.pinch.borrow_mut() = Some((distance, view));
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
                    view,
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
                    // Shown at once like a wheel burst, by the SVG's transform from the view
                    // the pinch started at; redrawn once, when the fingers lift.
                    this.show_pending(start, start.zoom_at(distance / start_distance, cx, cy));
                }
                return;
            }
            let mut drag = this.drag.borrow_mut();
            if let Some((start_x, start_y, start, moved)) = drag.as_mut() {
                let dx = f64::from(event.client_x()) - *start_x;
                let dy = f64::from(event.client_y()) - *start_y;
                if dx.abs() + dy.abs() > 3.0 {
                    if !*moved && this.hover.is_some() {
                        this.hover.set(None);
                    }
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
                this.settle_zoom();
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

    /// A wheel notch zooms at once, without redrawing: the SVG as a whole gets the CSS
    /// transform from the committed view to the new one, which the compositor applies to
    /// what is already drawn (the SVG gets its own layer for the burst), and `data-scale`
    /// says the new scale. Once the wheel rests for [`ZOOM_SETTLE`] the new view is committed:
    /// one redraw at the new scale, the SVG's transform taken off in the same frame (see
    /// [`use_view_transform`]). Redrawing at every notch cost a repaint of every shape: 5
    /// frames per second with 1,112 instances drawn.
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
            let committed = *this.view;
            let pending = this.zooming.borrow().0;
            let notch = this.show_pending(
                committed,
                pending.unwrap_or(committed).zoom_at(factor, x, y),
            );
            let zooming = this.zooming.clone();
            let view = this.view.setter();
            yew::platform::spawn_local(async move {
                yew::platform::time::sleep(ZOOM_SETTLE).await;
                let mut zooming = zooming.borrow_mut();
                if zooming.1 == notch {
                    if let Some(target) = zooming.0.take() {
                        view.set(target);
                    }
                }
            });
        })
    }

    /// A button that zooms by `factor` around the middle of the canvas.
    fn zoom_button(&self, factor: f64) -> Callback<MouseEvent> {
        let this = self.clone();
        Callback::from(move |_: MouseEvent| {
            *this.following.borrow_mut() = false;
            let view = this.settle_zoom();
            let (w, h) = this.screen_size();
            this.view.set(view.zoom_at(factor, w / 2.0, h / 2.0));
        })
    }

    /// Fits the drawing to the screen and follows it again.
    fn onfit(&self, width: f64, height: f64) -> Callback<MouseEvent> {
        let this = self.clone();
        Callback::from(move |_: MouseEvent| {
            *this.following.borrow_mut() = true;
            this.settle_zoom();
            let (w, h) = this.screen_size();
            this.view.set(View::fit(width, height, w, h));
        })
    }
}

/// The view and gestures of the canvas drawn in `svg`, `screen` in size; fits once the SVG
/// has its size, whenever `fit_key` changes, and whenever the drawing or the screen changes
/// size while the view is following the drawing.
#[hook]
fn use_gestures(
    svg: NodeRef,
    screen: (f64, f64),
    fit_key: u32,
    width: f64,
    height: f64,
) -> Gestures {
    let gestures = Gestures {
        view: use_state(View::default),
        drag: use_mut_ref(|| None),
        following: use_mut_ref(|| true),
        panned: use_mut_ref(|| false),
        pointers: use_mut_ref(Pointers::new),
        pinch: use_mut_ref(|| None),
        hover: use_state(|| None),
        zooming: use_mut_ref(|| (None, 0)),
        fitted: use_mut_ref(|| None),
        svg,
    };
    let last_key = use_mut_ref(|| None::<u32>);
    let key = (
        fit_key,
        width.to_bits(),
        height.to_bits(),
        screen.0.to_bits(),
        screen.1.to_bits(),
    );
    let fitting = gestures.clone();
    use_effect_with(key, move |&(fit_key, ..)| {
        let asked = last_key.borrow_mut().replace(fit_key) != Some(fit_key);
        if asked {
            *fitting.following.borrow_mut() = true;
        }
        if *fitting.following.borrow() && screen.0 > 0.0 {
            *fitting.fitted.borrow_mut() = Some(fit_sizes(width, height, screen));
            fitting
                .view
                .set(View::fit(width, height, screen.0, screen.1));
        }
    });
    gestures
}

/// The attribute that fits the whole diagram into [`PRINT_AREA`]; only the print
/// stylesheet lets it act (on screen the view's own transform places the drawing).
fn print_transform(width: f64, height: f64) -> String {
    let view = View::fit(width, height, PRINT_AREA.0, PRINT_AREA.1);
    format!(
        "translate({:.1} {:.1}) scale({:.4})",
        view.x, view.y, view.scale
    )
}

/// Places the drawing under the view: the viewport group's CSS `transform`, set through the
/// CSS object model after each render in which the view changed (the page's CSP refuses
/// `style` attributes, not the object model). A CSS transform on a group the stylesheet
/// marks `will-change: transform` is moved by the compositor: a pan step repaints nothing,
/// where the SVG `transform` attribute made the browser repaint every shape each frame
/// (7 frames per second with 1,112 instances drawn, against 55 this way).
///
/// The same frame takes off the SVG's own transform, which showed a wheel zoom until it was
/// committed ([`Gestures::onwheel`]).
///
/// Nothing is written while the canvas has no size or nothing to draw (`placed` false): the
/// first frame's view is the viewport's `transform` attribute (see [`Canvas`]), and a CSS
/// transform written for the empty first render would override it.
#[hook]
fn use_view_transform(view: View, svg: NodeRef, placed: bool) -> NodeRef {
    let viewport = use_node_ref();
    {
        let viewport = viewport.clone();
        use_effect_with((view, placed), move |&(ref view, placed)| {
            if !placed {
                return;
            }
            // Rendered before the effect runs; a missing group (unmounted) has nothing to move.
            if let Some(element) = viewport
                .get()
                .and_then(|node| node.dyn_into::<web_sys::SvgElement>().ok())
            {
                let _ = element
                    .style()
                    .set_property("transform", &view.css_transform());
                // The first frame's view, now overridden by the CSS transform: taken off so
                // the group carries one transform, the one that moves (with it left on, the
                // wheel-zoom row measured slower, though within this box's noise).
                let _ = element.remove_attribute("transform");
            }
            if let Some(element) = svg.cast::<web_sys::SvgElement>() {
                let _ = element.style().remove_property("transform");
                let _ = element.style().remove_property("will-change");
                let _ = element.set_attribute("data-scale", &scale_text(view.scale));
            }
        });
    }
    viewport
}

/// The view's scale as the SVG's `data-scale` says it.
fn scale_text(scale: f64) -> String {
    format!("{scale:.3}")
}

/// Shows a wheel zoom not yet committed: the CSS transform of the whole SVG that takes what
/// the committed view drew to where the target view draws it, and the target's scale.
fn show_zoom(svg: &NodeRef, committed: View, target: View) {
    let Some(element) = svg.cast::<web_sys::SvgElement>() else {
        return;
    };
    // A point drawn at p by the committed view is at k·p + (target offset − k·committed
    // offset) under the target view.
    let k = target.scale / committed.scale;
    let shown = View {
        x: target.x - k * committed.x,
        y: target.y - k * committed.y,
        scale: k,
    };
    // Its own compositing layer for the burst: the compositor scales what is drawn. Only
    // for the burst, because a layer on the SVG keeps the viewport group inside it from
    // being moved alone when panning (23 frames per second instead of 50 at 1,112 drawn).
    let style = element.style();
    let _ = style.set_property("will-change", "transform");
    let _ = style.set_property("transform", &shown.css_transform());
    let _ = element.set_attribute("data-scale", &scale_text(target.scale));
}

/// The canvas area's box on screen: the SVG's parent, which the SVG fills and which no
/// transform moves (while a wheel zoom shows, the SVG's own box is scaled).
fn area_rect(svg: &NodeRef) -> Option<web_sys::DomRect> {
    let svg = svg.cast::<web_sys::Element>()?;
    let area = svg.parent_element().unwrap_or(svg);
    Some(area.get_bounding_client_rect())
}

/// The legend's button (opens or closes it) and its own close button.
fn legend_toggles(open: &UseStateHandle<bool>) -> (Callback<MouseEvent>, Callback<()>) {
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    (toggle, close)
}

/// The pannable, zoomable SVG canvas.
#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let language = props.language;
    let (width, height) = (props.diagram.width, props.diagram.height);
    let svg_ref = use_node_ref();
    let area_ref = use_node_ref();
    let tip_ref = use_node_ref();
    let legend_open = use_state(|| false);
    let (screen, tell_size) = use_size(svg_ref.clone(), props.onresize.clone());
    let gestures = use_gestures(svg_ref.clone(), screen, props.fit_key, width, height);
    let view = gestures.drawn_view(width, height, screen);
    let (first_transform, placed) = use_first_transform(view, screen, &props.diagram);
    let current = use_mut_ref(View::default);
    *current.borrow_mut() = view;
    use_reveal_selected(
        props.selected.clone(),
        props.diagram.clone(),
        current,
        gestures.view.setter(),
        gestures.svg.clone(),
        props.cover.clone(),
    );
    use_tooltip_position((*gestures.hover).clone(), tip_ref.clone(), area_ref.clone());

    // Stable callbacks, so hovering, panning and selecting never redraw the diagram itself
    // (only the shapes whose look changes). The parent makes a new `onselect` at each of its
    // renders; the diagram keeps one callback that calls the latest.
    let latest_onselect = use_mut_ref(Callback::noop);
    *latest_onselect.borrow_mut() = props.onselect.clone();
    let onselect = {
        let panned = gestures.panned.clone();
        use_callback(gestures.hover.setter(), move |id: ElementId, hover| {
            // A press that became a pan selects nothing.
            if !std::mem::replace(&mut *panned.borrow_mut(), false) {
                let onselect = latest_onselect.borrow().clone();
                onselect.emit(id);
                // The panel now says what the tooltip said; left up, the tooltip would hide
                // the shapes around, or sit half under the details sheet of a projector.
                hover.set(None);
            }
        })
    };
    let onhover = {
        let drag = gestures.drag.clone();
        use_callback(
            gestures.hover.setter(),
            move |request: Option<Hover>, hover| {
                let dragging = drag.borrow().is_some_and(|(_, _, _, moved)| moved);
                if request.as_ref().is_some_and(|r| r.pinned) || !dragging {
                    hover.set(request);
                }
            },
        )
    };
    let (onlegend, onlegendclose) = legend_toggles(&legend_open);
    let onpointerup = gestures.onpointerup(props.onbackground.clone());
    let viewport = use_view_transform(view, gestures.svg.clone(), placed);
    let first = FirstLayout {
        node: svg_ref,
        viewport: viewport.clone(),
        tell: tell_size,
        lay_out: Some(props.lay_out.clone()),
    };
    let tooltip = gestures
        .hover
        .as_ref()
        .and_then(|hover| props.diagram.shape(&hover.id))
        .map(|shape| html! { <Tooltip {language} shape={shape.clone()} node={tip_ref.clone()} /> });
    // An empty network says where to start.
    let empty = props.diagram.shapes.len() == 1;
    html! {
        <section class="canvas" aria-label={text(language, Text::Diagram)} ref={area_ref}>
            <svg
                ref={gestures.svg.clone()}
                class="diagram drawing"
                role="group"
                aria-label={text(language, Text::Diagram)}
                data-testid="diagram"
                data-scale={scale_text(view.scale)}
                data-picture-size={{
                    let (w, h) = crate::export::picture::picture_size(width, height);
                    format!("{w}x{h}")
                }}
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
                <g class="print-fit" transform={print_transform(width, height)}>
                    <g class="viewport" ref={viewport} data-view={view.css_transform()} transform={first_transform}>
                        <DiagramView diagram={props.diagram.clone()} lod_scale={level_of_detail(view.scale)}
                            {language} selected={props.selected.clone()} highlighted={props.highlighted.clone()}
                            blocked={props.blocked.clone()} {onselect} {onhover} {first} />
                        if let Some((x, y)) = props.packet {
                            <Packet {x} {y} />
                        }
                    </g>
                </g>
            </svg>
            { tooltip.unwrap_or_default() }
            if empty {
                <p class="empty-canvas" data-testid="empty-canvas">{ pick(language,
                    "This network is empty. Start with “+ VPC” in the toolbar (☰ Menu on a narrow screen), then add VSwitches and instances to it.",
                    "Esta red está vacía. Empieza con «+ VPC» en la barra de herramientas (☰ Menú en una pantalla estrecha) y añádele VSwitches e instancias.") }</p>
            }
            <Legend {language} open={*legend_open} onclose={onlegendclose} />
            <div class="zoom-controls" role="group">
                <button class="legend-toggle" data-testid="legend-toggle" aria-expanded={legend_open.to_string()}
                    onclick={onlegend}>{ pick(language, "Legend", "Leyenda") }</button>
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
