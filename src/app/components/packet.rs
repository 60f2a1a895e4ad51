//! The traced packet: a dot on the diagram that glides from hop to hop.
//!
//! Its position is a CSS `transform`, so the stylesheet's `transition` animates each move.
//! The transform is set through the CSS object model (`element.style.setProperty`) after
//! each render, never as a `style="…"` attribute: the page's Content-Security-Policy
//! (`style-src 'self'`, no `'unsafe-inline'`) refuses inline style attributes but allows
//! script to set styles, which is what keeps the policy strict.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`Packet`].
#[derive(Properties, PartialEq)]
pub struct PacketProps {
    /// Where the packet is, in diagram units.
    pub x: f64,
    /// Where the packet is, in diagram units.
    pub y: f64,
}

/// The CSS `transform` that puts the packet at (`x`, `y`).
pub fn transform(x: f64, y: f64) -> String {
    format!("translate({x:.1}px, {y:.1}px)")
}

/// The packet dot, moved to its position after each render.
#[component]
pub fn Packet(props: &PacketProps) -> Html {
    let circle = use_node_ref();
    {
        let circle = circle.clone();
        use_effect_with((props.x, props.y), move |&(x, y)| {
            // The element exists once rendered; a missing one (already unmounted) has
            // nothing to move.
            if let Some(element) = circle
                .get()
                .and_then(|node| node.dyn_into::<web_sys::SvgElement>().ok())
            {
                let _ = element.style().set_property("transform", &transform(x, y));
            }
        });
    }
    html! {
        <circle ref={circle} class="packet" data-testid="packet" r="9" cx="0" cy="0" />
    }
}
