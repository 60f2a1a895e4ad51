//! The diagram as a picture: a standalone SVG of the drawing exactly as the app draws it,
//! and a PNG rendered from that SVG.
//!
//! The drawing is rendered once more, off screen, by the same [`DiagramView`] at 100% zoom
//! (full detail: every name and address the layout placed), inside an `<svg class="drawing">`
//! so the page's stylesheet styles it as it styles the canvas. Its computed styles are then
//! written into the picture as presentation attributes (only where an element differs from
//! its parent, so the file stays small), which makes the SVG draw the same without the
//! stylesheet. The writing and escaping is [`crate::export::picture`] (pure).
//!
//! The PNG: the SVG goes into an `Image` through a `blob:` URL, is drawn on a canvas of the
//! picture's size and encoded by `canvas.toBlob`. The page's Content-Security-Policy already
//! allows `img-src blob:`; a same-origin `blob:` SVG without `foreignObject` does not taint
//! the canvas.

use std::collections::BTreeSet;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys;

use super::components::diagram_view::{DiagramView, DiagramViewProps, FirstLayout};
use super::components::shape_batch::BATCH_ABOVE;
use super::i18n::Language;
use crate::export::picture::{picture_size, png_size, SvgWriter, SVG_NAMESPACE};
use crate::layout::Diagram;
use crate::model::ElementId;

/// The properties every element passes on to its children: written where an element's
/// value differs from its parent's.
const INHERITED: [&str; 16] = [
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-opacity",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "letter-spacing",
    "text-anchor",
];

/// Properties that are not inherited, with their initial value: written where an
/// element's value is not the initial one.
const OWN: [(&str, &str); 2] = [("opacity", "1"), ("filter", "none")];

/// Attributes of the live drawing that belong to the page, not the picture: interaction,
/// accessibility of the editor, and the stylesheet's hooks (the styles are written out).
fn is_page_only(attribute: &str) -> bool {
    matches!(attribute, "class" | "role" | "tabindex" | "style")
        || attribute.starts_with("aria-")
        || attribute.starts_with("on")
}

/// Why a picture could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureError(pub String);

impl std::fmt::Display for PictureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn failed(value: JsValue) -> PictureError {
    PictureError(
        value
            .dyn_ref::<js_sys::Error>()
            .map(|error| String::from(error.message()))
            .or_else(|| value.as_string())
            .unwrap_or_else(|| format!("{value:?}")),
    )
}

/// What the picture shows: the diagram and the marks on it when it was asked for.
#[derive(Clone, Debug)]
pub struct Drawing {
    /// The laid-out diagram.
    pub diagram: Rc<Diagram>,
    /// The UI language (the picture's words).
    pub language: Language,
    /// The selected element, drawn selected as on screen.
    pub selected: Option<ElementId>,
    /// Highlighted elements (a traced path).
    pub highlighted: Rc<BTreeSet<ElementId>>,
    /// The element a trace found blocking.
    pub blocked: Option<ElementId>,
}

/// The picture's size in pixels: the diagram's, in whole units.
pub fn size_of(diagram: &Diagram) -> (u32, u32) {
    picture_size(diagram.width, diagram.height)
}

/// A custom property of the page (`--canvas`), or `fallback`.
fn page_colour(window: &web_sys::Window, name: &str, fallback: &str) -> String {
    window
        .document()
        .and_then(|document| document.document_element())
        .and_then(|root| window.get_computed_style(&root).ok().flatten())
        .and_then(|style| style.get_property_value(name).ok())
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
        .unwrap_or_else(|| fallback.to_owned())
}

/// The computed values of the [`INHERITED`] properties and [`OWN`] ones of `element`.
fn computed(window: &web_sys::Window, element: &web_sys::Element) -> Vec<String> {
    let Ok(Some(style)) = window.get_computed_style(element) else {
        return Vec::new();
    };
    INHERITED
        .iter()
        .chain(OWN.iter().map(|(name, _)| name))
        .map(|name| style.get_property_value(name).unwrap_or_default())
        .collect()
}

/// Writes `element` and its children into `writer`, with the styles that differ from
/// `parent` (the parent's computed values; `None` for the root, which gets them all).
fn write_element(
    window: &web_sys::Window,
    element: &web_sys::Element,
    parent: Option<&[String]>,
    writer: &mut SvgWriter,
) {
    let style = computed(window, element);
    let display_none = window
        .get_computed_style(element)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("display").ok())
        .is_some_and(|display| display == "none");
    if display_none {
        return;
    }
    let mut attributes: Vec<(String, String)> = Vec::new();
    let names = element.get_attribute_names();
    for name in names.iter().filter_map(|name| name.as_string()) {
        if !is_page_only(&name) {
            if let Some(value) = element.get_attribute(&name) {
                attributes.push((name, value));
            }
        }
    }
    let mut set = |name: &str, value: &str| match attributes
        .iter_mut()
        .find(|(existing, _)| existing == name)
    {
        Some(entry) => entry.1 = value.to_owned(),
        None => attributes.push((name.to_owned(), value.to_owned())),
    };
    for (index, name) in INHERITED.iter().enumerate() {
        if let Some(value) = style.get(index).filter(|value| !value.is_empty()) {
            let differs = parent.and_then(|parent| parent.get(index)) != Some(value);
            if differs {
                set(name, value);
            }
        }
    }
    for (offset, (name, initial)) in OWN.iter().enumerate() {
        if let Some(value) = style.get(INHERITED.len() + offset) {
            if !value.is_empty() && value != initial {
                set(name, value);
            }
        }
    }
    writer.open(&element.local_name(), &attributes);
    let children = element.child_nodes();
    for index in 0..children.length() {
        let Some(node) = children.item(index) else {
            continue;
        };
        if let Some(child) = node.dyn_ref::<web_sys::Element>() {
            write_element(window, child, Some(&style), writer);
        } else if node.node_type() == web_sys::Node::TEXT_NODE {
            writer.text(&node.text_content().unwrap_or_default());
        }
    }
    writer.close();
}

/// Draws `drawing` off screen with the app's own [`DiagramView`] at 100% zoom, and writes
/// it as a standalone SVG document titled `title`.
///
/// # Errors
/// A [`PictureError`] when the page has no document, or the drawing did not render.
pub async fn svg(drawing: &Drawing, title: &str) -> Result<String, PictureError> {
    let window = web_sys::window().ok_or_else(|| PictureError("no window".into()))?;
    let document = window
        .document()
        .ok_or_else(|| PictureError("no document".into()))?;
    let body = document
        .body()
        .ok_or_else(|| PictureError("no body".into()))?;
    let (width, height) = size_of(&drawing.diagram);
    let root = document
        .create_element_ns(Some(SVG_NAMESPACE), "svg")
        .map_err(failed)?;
    // `drawing` makes the page's stylesheet style it like the canvas; `picture-source`
    // keeps it off screen (a class: the page's policy refuses `style` attributes).
    root.set_attribute("class", "drawing picture-source")
        .map_err(failed)?;
    root.set_attribute("aria-hidden", "true").map_err(failed)?;
    root.set_attribute("width", &width.to_string())
        .map_err(failed)?;
    root.set_attribute("height", &height.to_string())
        .map_err(failed)?;
    body.append_child(&root).map_err(failed)?;
    let props = DiagramViewProps {
        diagram: drawing.diagram.clone(),
        lod_scale: 1.0,
        language: drawing.language,
        selected: drawing.selected.clone(),
        highlighted: drawing.highlighted.clone(),
        blocked: drawing.blocked.clone(),
        onselect: yew::Callback::noop(),
        onhover: yew::Callback::noop(),
        first: FirstLayout::default(),
        batch_above: BATCH_ABOVE,
    };
    let handle = yew::Renderer::<DiagramView>::with_root_and_props(root.clone(), props).render();
    // The render is scheduled, not immediate when asked from inside an event: wait for it.
    let mut content = None;
    for _ in 0..20 {
        yew::platform::time::sleep(std::time::Duration::ZERO).await;
        content = root.first_element_child();
        if content.is_some() {
            break;
        }
    }
    let result = content
        .ok_or_else(|| PictureError("the drawing did not render".into()))
        .map(|content| {
            let mut writer = SvgWriter::new(
                width,
                height,
                title,
                &page_colour(&window, "--canvas", "#f5f7fa"),
                Some(&page_colour(&window, "--grid", "#e6eaf0")),
            );
            write_element(&window, &content, None, &mut writer);
            writer.finish()
        });
    handle.destroy();
    root.remove();
    result
}

/// A PNG of the SVG picture `svg` (of `size` pixels), drawn at the picture's own size, or
/// smaller when a browser could not hold it (see [`png_size`]). Returns the PNG and the
/// scale it was drawn at.
///
/// # Errors
/// A [`PictureError`] when the SVG does not load as an image or the canvas refuses.
pub async fn png(svg: &str, size: (u32, u32)) -> Result<(web_sys::Blob, f64), PictureError> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| PictureError("no document".into()))?;
    let url = super::download::object_url(svg, super::download::SVG)
        .map_err(|error| PictureError(error.to_string()))?;
    let drawn = draw_png(&document, &url, size).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    drawn
}

async fn draw_png(
    document: &web_sys::Document,
    url: &str,
    (width, height): (u32, u32),
) -> Result<(web_sys::Blob, f64), PictureError> {
    let image = document
        .create_element("img")
        .map_err(failed)?
        .dyn_into::<web_sys::HtmlImageElement>()
        .map_err(|_| PictureError("not an image".into()))?;
    image.set_src(url);
    JsFuture::from(image.decode())
        .await
        .map_err(|_| PictureError("the SVG picture did not load as an image".into()))?;
    let (png_width, png_height, scale) = png_size(width, height);
    let canvas = document
        .create_element("canvas")
        .map_err(failed)?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .map_err(|_| PictureError("not a canvas".into()))?;
    canvas.set_width(png_width);
    canvas.set_height(png_height);
    let context = canvas
        .get_context("2d")
        .map_err(failed)?
        .and_then(|context| context.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or_else(|| PictureError("this browser gives no 2D canvas".into()))?;
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            f64::from(png_width),
            f64::from(png_height),
        )
        .map_err(failed)?;
    let mut encode = |resolve: js_sys::Function, reject: js_sys::Function| {
        if let Err(error) = canvas.to_blob_with_type(&resolve, "image/png") {
            let _ = reject.call1(&JsValue::NULL, &error);
        }
    };
    let blob = JsFuture::from(js_sys::Promise::new(&mut encode))
        .await
        .map_err(failed)?
        .dyn_into::<web_sys::Blob>()
        // `toBlob` hands `null` to its callback when the canvas is too large to encode.
        .map_err(|_| PictureError("the canvas could not be encoded as PNG".into()))?;
    Ok((blob, scale))
}
