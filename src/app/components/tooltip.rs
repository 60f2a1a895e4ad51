//! The tooltip of a diagram element: its kind, full name, id and every line of it, shown on
//! hover or on a long press. The canvas places it next to the pointer.

use yew::prelude::*;

use super::diagram_text::{badge_name, detail_text, kind_name, title_text};
use crate::app::i18n::{pick, Language};
use crate::layout::Shape;
use crate::model::{ElementId, ElementKind};

/// Props of [`Tooltip`].
#[derive(Properties, PartialEq)]
pub struct TooltipProps {
    /// The UI language.
    pub language: Language,
    /// The element described.
    pub shape: Shape,
    /// Where it goes: the canvas sets its position through this reference.
    pub node: NodeRef,
}

/// The id as a reader should see it: a resource's or a region's (a zone column's, OSS's or
/// a "+N more" node's composite id is not one a reader would look up).
fn shown_id(shape: &Shape) -> Option<&str> {
    match &shape.id {
        ElementId::Resource(id) | ElementId::Region(id) => Some(id),
        ElementId::Internet
        | ElementId::Oss(_)
        | ElementId::Zone { .. }
        | ElementId::More(_)
        | ElementId::PublicIp(_) => None,
    }
}

/// The tooltip box.
#[component]
pub fn Tooltip(props: &TooltipProps) -> Html {
    let language = props.language;
    let shape = &props.shape;
    html! {
        <div class="tooltip" role="tooltip" ref={props.node.clone()} data-testid="tooltip">
            <div class="tooltip-kind">{ kind_name(language, shape.kind) }</div>
            <div class="tooltip-name">{ title_text(language, shape) }</div>
            if let Some(id) = shown_id(shape) {
                <div class="tooltip-id"><span>{ pick(language, "id ", "id ") }</span><code>{ id }</code></div>
            }
            <ul>
                { for shape.detail.iter().map(|detail| html! { <li>{ detail_text(language, detail) }</li> }) }
                if let Some(badge) = &shape.badge {
                    <li class="tooltip-badge"><strong>{ badge_name(language, badge.kind) }</strong>{ " " }<code>{ &badge.text }</code></li>
                }
            </ul>
            if shape.kind == ElementKind::More {
                <div class="tooltip-hint">{ pick(language, "Click to show them all.", "Haz clic para verlas todas.") }</div>
            }
        </div>
    }
}
