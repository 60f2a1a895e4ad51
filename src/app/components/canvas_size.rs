//! The canvas's size and its first frame: the canvas measures itself as soon as it is
//! mounted and at every resize ([`use_size`]), and once more while the page is first built,
//! by the diagram itself ([`use_first_layout`]), which then draws a layout for that size at
//! once; the first view is an SVG attribute ([`use_first_transform`]). So the first frame
//! that shows the page shows its diagram, laid out and fitted.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::canvas::{level_of_detail, View};
use super::diagram_view::FirstLayout;
use crate::layout::Diagram;

/// Watches the size of `node` and reports it (rounded to whole CSS pixels): once as soon as
/// it is mounted, so the first picture is already laid out and fitted for it, then at every
/// change. Returns the size and the report, which [`use_first_layout`] also calls.
#[hook]
pub(super) fn use_size(
    node: NodeRef,
    onresize: Callback<(u32, u32)>,
) -> ((f64, f64), Callback<(f64, f64)>) {
    // `_eq`: the observer's first report repeats the size measured on mount.
    let size = use_state_eq(|| (0.0, 0.0));
    let tell = use_callback(
        (size.setter(), onresize),
        |(width, height): (f64, f64), (size, onresize)| {
            size.set((width, height));
            // A float-to-int cast saturates; sizes are never negative.
            onresize.emit((width.round() as u32, height.round() as u32));
        },
    );
    {
        let tell = tell.clone();
        use_effect_with(node, move |node| {
            let watch = node.cast::<web_sys::Element>().and_then(|element| {
                let now = element.get_bounding_client_rect();
                tell.emit((now.width(), now.height()));
                let report = Closure::<dyn FnMut(web_sys::js_sys::Array)>::new(
                    move |entries: web_sys::js_sys::Array| {
                        let entry = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>();
                        if let Ok(entry) = entry {
                            let rect = entry.content_rect();
                            tell.emit((rect.width(), rect.height()));
                        }
                    },
                );
                let observer =
                    web_sys::ResizeObserver::new(report.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, report))
            });
            move || {
                if let Some((observer, _report)) = watch {
                    observer.disconnect();
                }
            }
        });
    }
    (*size, tell)
}

/// The diagram to draw and its level of detail: `diagram` at `lod_scale`, except while
/// `diagram` is the empty one of a canvas whose size has not reached the app yet, when it is
/// the layout this hook asked for at once.
///
/// The canvas's size reaches the app's layout through a state, and Yew 0.23 runs state
/// updates only after it has yielded to the browser once the first build is done (its
/// scheduler yields every 16 ms whenever no component is being created or rendered, and an
/// update is neither): laid out there, the page's frame was painted once without its
/// diagram. So the diagram, at its first render while the page is first built, measures the
/// SVG, asks the app to lay the network out for that size at once, draws that layout and
/// writes its fit as the viewport's SVG `transform` (the canvas writes the same one once the
/// size reaches it, then replaces it with its CSS transform). The app's own layout, when it
/// comes, is that same one (the app keeps it rather than laying out again), so nothing is
/// redrawn.
///
/// Yew renders the first build's components in the order they were created: the diagram,
/// made by the canvas, renders after the header, the notices and the side panel, so the SVG
/// has its size by then. It is done inside the diagram's own component, not one around it:
/// a component more between the canvas and the shapes is one more place where Yew may yield
/// to the browser in the middle of an update (a wheel event then lands between a VSwitch's
/// expansion and its refit).
#[hook]
pub(super) fn use_first_layout(
    first: &FirstLayout,
    diagram: &Rc<Diagram>,
    lod_scale: f64,
) -> (Rc<Diagram>, f64) {
    let measured = use_mut_ref(|| false);
    let early = use_mut_ref(|| None::<(Rc<Diagram>, f64)>);
    if !std::mem::replace(&mut *measured.borrow_mut(), true) {
        if let Some(svg) = first.node.cast::<web_sys::Element>() {
            let now = svg.get_bounding_client_rect();
            let (width, height) = (now.width(), now.height());
            first.tell.emit((width, height));
            // A float-to-int cast saturates; sizes are never negative.
            let asked = (width.round() as u32, height.round() as u32);
            let laid_out = match &first.lay_out {
                Some(lay_out) if diagram.shapes.is_empty() => lay_out.emit(asked),
                _ => None,
            };
            if let Some(laid_out) = laid_out {
                let view = View::fit(laid_out.width, laid_out.height, width, height);
                if let Some(viewport) = first.viewport.cast::<web_sys::Element>() {
                    // A failure leaves the attribute unwritten: the canvas writes it a frame
                    // later, as it did before the diagram drew the first frame.
                    let _ = viewport.set_attribute("transform", &view.svg_transform());
                }
                *early.borrow_mut() = Some((laid_out, level_of_detail(view.scale)));
            }
        }
    }
    if diagram.shapes.is_empty() {
        if let Some(drawn) = early.borrow().clone() {
            return drawn;
        }
    } else if early.borrow().is_some() {
        early.borrow_mut().take();
    }
    (diagram.clone(), lod_scale)
}

/// The view of the first frame, as the viewport's SVG `transform` attribute, and whether
/// the diagram is placed (the canvas has a size and something to draw; until then there is
/// no attribute). The view's CSS transform is written by an effect, after that frame, which
/// then takes the attribute off. Kept as it was first drawn, so the virtual DOM never writes
/// it again.
#[hook]
pub(super) fn use_first_transform(
    view: View,
    screen: (f64, f64),
    diagram: &Diagram,
) -> (Option<String>, bool) {
    let placed = screen.0 > 0.0 && !diagram.shapes.is_empty();
    let first = use_mut_ref(|| None::<String>);
    if first.borrow().is_none() && placed {
        *first.borrow_mut() = Some(view.svg_transform());
    }
    let transform = first.borrow().clone();
    (transform, placed)
}
