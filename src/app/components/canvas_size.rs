//! The canvas's size and its first frame: the canvas measures itself as soon as it is
//! mounted and at every resize ([`use_size`]), once more while the page is first built
//! ([`FirstSize`]), and draws its first view as an SVG attribute ([`use_first_transform`]),
//! so the first frame that shows the diagram already shows it laid out and fitted.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::canvas::View;
use crate::layout::Diagram;

/// Watches the size of `node` and reports it (rounded to whole CSS pixels): once as soon as
/// it is mounted, so the first picture is already laid out and fitted for it, then at every
/// change. Returns the size and the report, which [`FirstSize`] also calls.
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

/// Props of [`FirstSize`].
#[derive(Properties, PartialEq)]
pub(super) struct FirstSizeProps {
    /// The SVG.
    pub node: NodeRef,
    /// Where its size goes ([`use_size`]'s report).
    pub tell: Callback<(f64, f64)>,
}

/// Measures the canvas once, while the page is first built, so the first frame that shows
/// the diagram shows it laid out and fitted for the canvas. The canvas's own measurement
/// runs in an effect, and Yew 0.23 runs the first effects only after yielding to the
/// browser: measured there, the diagram was first drawn unfitted, then moved. (The sizes
/// this reports are still handled after that yield, so the page's frame is painted once
/// without the diagram.) Yew renders the components of the first build in the order they
/// were created, so this one, made by the canvas, renders after the side panel and the rest
/// of the page's frame: the SVG then has its size. An empty component; its render is its
/// measurement.
#[component]
pub(super) fn FirstSize(props: &FirstSizeProps) -> Html {
    let measured = use_mut_ref(|| false);
    if !std::mem::replace(&mut *measured.borrow_mut(), true) {
        if let Some(element) = props.node.cast::<web_sys::Element>() {
            let now = element.get_bounding_client_rect();
            props.tell.emit((now.width(), now.height()));
        }
    }
    Html::default()
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
