//! Draws a laid-out [`Diagram`] as SVG: boxes, nodes, links and their text.
//!
//! Every element carries `data-kind`, `data-id` and an `aria-label` with its name and
//! addresses, and can take keyboard focus. The view only draws: clicks and keys are reported
//! through `onselect` / `onactivate`. Level of detail: text is left out of shapes whose
//! lettering would be unreadably small at the current zoom ([`Shape::visible_at`]).

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::layout::{is_container, BadgeKind, Diagram, Link, Shape};
use crate::model::{ElementId, ElementKind};

/// Props of [`DiagramView`].
#[derive(Properties, PartialEq)]
pub struct DiagramViewProps {
    /// What to draw.
    pub diagram: Rc<Diagram>,
    /// The zoom scale, rounded so that panning alone never redraws the diagram.
    pub lod_scale: f64,
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

fn kind_word(kind: ElementKind) -> &'static str {
    match kind {
        ElementKind::Region => "Region",
        ElementKind::Zone => "Zone",
        ElementKind::Vpc => "VPC",
        ElementKind::Vrouter => "VRouter",
        ElementKind::Vswitch => "VSwitch",
        ElementKind::Instance => "ECS instance",
        ElementKind::Eip => "Elastic IP",
        ElementKind::SecurityGroup => "Security group",
        ElementKind::NatGateway => "NAT Gateway",
        ElementKind::VpnGateway => "VPN Gateway",
        ElementKind::CustomerGateway => "Customer gateway",
        ElementKind::Vbr => "Virtual border router",
        ElementKind::DataCenter => "Data centre",
        ElementKind::Clb => "CLB",
        ElementKind::Rds => "RDS",
        ElementKind::Oss => "OSS",
        ElementKind::Internet => "Internet",
        ElementKind::More => "Collapsed",
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
    let selected = props.selected.as_ref() == Some(&shape.id);
    let highlighted = props.highlighted.contains(&shape.id);
    let blocked = props.blocked.as_ref() == Some(&shape.id);
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
        ElementKind::Region | ElementKind::Vpc => 10.0,
        ElementKind::Zone => 8.0,
        ElementKind::Internet | ElementKind::Oss | ElementKind::DataCenter => 16.0,
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
        <g class={class} data-kind={shape.kind.as_str()} data-id={shape.id.to_string()}
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
        .partition(|shape| is_container(shape.kind));
    html! {
        <g class="diagram-content">
            <g class="containers">{ for containers.into_iter().map(|shape| draw_shape(shape, props)) }</g>
            <g class="links">
                { for diagram.links.iter().map(|link| {
                    let lit = props.highlighted.contains(&link.from) && props.highlighted.contains(&link.to);
                    html! {
                        <polyline class={classes!("link", format!("{:?}", link.kind).to_lowercase(), lit.then_some("highlighted"))}
                            data-from={link.from.to_string()} data-to={link.to.to_string()} points={points_attr(link)} />
                    }
                }) }
            </g>
            <g class="nodes">{ for nodes.into_iter().map(|shape| draw_shape(shape, props)) }</g>
        </g>
    }
}
