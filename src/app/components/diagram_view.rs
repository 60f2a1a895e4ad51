//! Draws a laid-out [`Diagram`] as SVG: boxes, nodes, links and their text.
//!
//! Every element carries `data-kind`, `data-id` and an `aria-label` with its name and
//! addresses, and can take keyboard focus. The view only draws: clicks and keys are reported
//! through `onselect` / `onactivate`. Level of detail: text is left out of shapes whose
//! lettering would be unreadably small at the current zoom ([`Shape::visible_at`]).

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::layout::{BadgeKind, Diagram, Link, Shape, ShapeKind};

/// Props of [`DiagramView`].
#[derive(Properties, PartialEq)]
pub struct DiagramViewProps {
    /// What to draw.
    pub diagram: Rc<Diagram>,
    /// The zoom scale, rounded so that panning alone never redraws the diagram.
    pub lod_scale: f64,
    /// The selected element's id.
    #[prop_or_default]
    pub selected: Option<String>,
    /// Ids to highlight (a traced path, reachable endpoints).
    #[prop_or_default]
    pub highlighted: Rc<BTreeSet<String>>,
    /// The id of an element to mark as blocking (a failed trace).
    #[prop_or_default]
    pub blocked: Option<String>,
    /// Called with the id of the element the user clicked or focused and pressed Enter on.
    pub onselect: Callback<String>,
}

/// The accessible name of a shape: its kind, name and addresses.
pub fn accessible_name(shape: &Shape) -> String {
    let mut parts = vec![format!("{} {}", kind_word(shape.kind), shape.label)];
    parts.extend(shape.detail.iter().cloned());
    if let Some(badge) = &shape.badge {
        parts.push(format!("{} {}", badge_style(badge.kind).1, badge.text));
    }
    parts.join(", ")
}

/// The CSS class and the spoken name of a public-address badge.
fn badge_style(kind: BadgeKind) -> (&'static str, &'static str) {
    match kind {
        BadgeKind::NatPublicIp => ("natip", "NatPublicIP"),
        BadgeKind::Eip => ("eip", "EIP"),
        BadgeKind::Public => ("public", "public IP"),
    }
}

fn kind_word(kind: ShapeKind) -> &'static str {
    match kind {
        ShapeKind::Region => "Region",
        ShapeKind::Zone => "Zone",
        ShapeKind::Vpc => "VPC",
        ShapeKind::Vrouter => "VRouter",
        ShapeKind::Vswitch => "VSwitch",
        ShapeKind::Instance => "ECS instance",
        ShapeKind::Eip => "Elastic IP",
        ShapeKind::Natgw => "NAT Gateway",
        ShapeKind::Vpngw => "VPN Gateway",
        ShapeKind::Vbr => "Virtual border router",
        ShapeKind::Datacenter => "Data centre",
        ShapeKind::Clb => "CLB",
        ShapeKind::Rds => "RDS",
        ShapeKind::Oss => "OSS",
        ShapeKind::Internet => "Internet",
        ShapeKind::More => "Collapsed",
    }
}

fn points_attr(link: &Link) -> String {
    link.points
        .iter()
        .map(|point| format!("{:.1},{:.1}", point.x, point.y))
        .collect::<Vec<_>>()
        .join(" ")
}

fn draw_shape(shape: &Shape, props: &DiagramViewProps) -> Html {
    let rect = &shape.rect;
    let selected = props.selected.as_deref() == Some(shape.id.as_str());
    let highlighted = props.highlighted.contains(&shape.id);
    let blocked = props.blocked.as_deref() == Some(shape.id.as_str());
    let class = classes!(
        "shape",
        shape.kind.as_str(),
        selected.then_some("selected"),
        highlighted.then_some("highlighted"),
        blocked.then_some("blocked"),
    );
    let onclick = {
        let onselect = props.onselect.clone();
        let id = shape.id.clone();
        Callback::from(move |event: MouseEvent| {
            event.stop_propagation();
            onselect.emit(id.clone());
        })
    };
    let radius = match shape.kind {
        ShapeKind::Region | ShapeKind::Vpc => 10.0,
        ShapeKind::Zone => 8.0,
        ShapeKind::Internet | ShapeKind::Oss | ShapeKind::Datacenter => 16.0,
        _ => 6.0,
    };
    let text = if shape.visible_at(props.lod_scale) {
        let lines = shape.text_lines();
        let badge_line = shape.badge.as_ref().map(|_| lines.len() - 1);
        html! {
            <text class="label" aria-hidden="true">
                { for lines.iter().enumerate().map(|(index, line)| {
                    let class = match (index, badge_line, &shape.badge) {
                        (0, _, _) => classes!("title"),
                        (i, Some(b), Some(badge)) if i == b => classes!(
                            "badge-text",
                            badge_style(badge.kind).0,
                        ),
                        _ => classes!("detail"),
                    };
                    html! {
                        <tspan class={class} x={format!("{:.1}", line.at.x)} y={format!("{:.1}", line.at.y)}
                            font-size={format!("{:.1}", line.size)}>{ line.text }</tspan>
                    }
                }) }
            </text>
        }
    } else {
        Html::default()
    };
    let badge_mark = match &shape.badge {
        Some(badge) if shape.visible_at(props.lod_scale) => {
            let kind = badge_style(badge.kind).0;
            html! {
                <rect class={classes!("badge-mark", kind)} x={format!("{:.1}", rect.right() - 10.0)}
                    y={format!("{:.1}", rect.y + 4.0)} width="6" height={format!("{:.1}", rect.height - 8.0)} rx="3" />
            }
        }
        _ => Html::default(),
    };
    html! {
        <g class={class} data-kind={shape.kind.as_str()} data-id={shape.id.clone()}
            role="button" tabindex="0" aria-label={accessible_name(shape)}
            aria-pressed={selected.to_string()} {onclick}>
            <rect x={format!("{:.1}", rect.x)} y={format!("{:.1}", rect.y)}
                width={format!("{:.1}", rect.width)} height={format!("{:.1}", rect.height)}
                rx={radius.to_string()} />
            { badge_mark }
            { text }
        </g>
    }
}

/// The drawing of a whole diagram.
#[component]
pub fn DiagramView(props: &DiagramViewProps) -> Html {
    let diagram = &props.diagram;
    // Containers first so their contents paint on top; links between the two layers so a
    // line from the VRouter to a VSwitch shows over the VPC but under the nodes.
    let (containers, nodes): (Vec<&Shape>, Vec<&Shape>) = diagram
        .shapes
        .iter()
        .partition(|shape| shape.kind.is_container());
    html! {
        <g class="diagram-content">
            <g class="containers">{ for containers.into_iter().map(|shape| draw_shape(shape, props)) }</g>
            <g class="links">
                { for diagram.links.iter().map(|link| {
                    let lit = props.highlighted.contains(&link.from) && props.highlighted.contains(&link.to);
                    html! {
                        <polyline class={classes!("link", format!("{:?}", link.kind).to_lowercase(), lit.then_some("highlighted"))}
                            data-from={link.from.clone()} data-to={link.to.clone()} points={points_attr(link)} />
                    }
                }) }
            </g>
            <g class="nodes">{ for nodes.into_iter().map(|shape| draw_shape(shape, props)) }</g>
        </g>
    }
}
