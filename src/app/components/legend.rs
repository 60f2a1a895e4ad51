//! The diagram's legend: what the public-address marks, the colours of the boxes and the
//! styles of the lines mean. Each sample is drawn with the diagram's own classes, so the
//! legend can never disagree with the drawing. Shown on demand, and always when printing.

use yew::prelude::*;

use super::diagram_text::{badge_class, badge_name, kind_name, link_class, link_meaning};
use crate::app::i18n::{pick, Language};
use crate::layout::{BadgeKind, LinkKind};
use crate::model::ElementKind;

/// Props of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// The UI language.
    pub language: Language,
    /// Whether it is shown on screen (it is always printed).
    pub open: bool,
    /// Called when the user closes it.
    pub onclose: Callback<()>,
}

/// What each public-address kind is, in a sentence.
fn badge_meaning(language: Language, kind: BadgeKind) -> &'static str {
    match kind {
        BadgeKind::NatPublicIp => pick(
            language,
            "static public IP given at creation; it goes with the instance and cannot be unbound",
            "IP pública estática asignada al crear la instancia; se va con ella y no se puede desasociar",
        ),
        BadgeKind::Eip => pick(
            language,
            "Elastic IP: allocated on its own, bound and unbound at will",
            "IP elástica: se reserva aparte y se asocia o desasocia cuando se quiera",
        ),
        BadgeKind::Public => pick(
            language,
            "the resource's own public address (VPN Gateway, Internet-facing CLB)",
            "dirección pública propia del recurso (VPN Gateway, CLB de Internet)",
        ),
    }
}

/// The boxes the legend shows, in the order of the drawing from outside in.
const BOXES: [ElementKind; 14] = [
    ElementKind::Internet,
    ElementKind::Region,
    ElementKind::Vpc,
    ElementKind::Zone,
    ElementKind::Vswitch,
    ElementKind::Instance,
    ElementKind::Vrouter,
    ElementKind::NatGateway,
    ElementKind::Clb,
    ElementKind::Rds,
    ElementKind::Oss,
    ElementKind::Eip,
    ElementKind::DataCenter,
    ElementKind::More,
];

/// The lines the legend shows.
const LINES: [LinkKind; 9] = [
    LinkKind::Route,
    LinkKind::Internet,
    LinkKind::Vpn,
    LinkKind::ExpressConnect,
    LinkKind::RouterInterface,
    LinkKind::Snat,
    LinkKind::Backend,
    LinkKind::Attachment,
    LinkKind::Service,
];

/// The legend panel.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let language = props.language;
    let onclose = {
        let onclose = props.onclose.clone();
        Callback::from(move |_: MouseEvent| onclose.emit(()))
    };
    let marks = [BadgeKind::NatPublicIp, BadgeKind::Eip, BadgeKind::Public]
        .into_iter()
        .map(|kind| {
            html! {
                <li>
                    <svg class="swatch drawing" viewBox="0 0 40 22" aria-hidden="true">
                        <g class="shape instance"><rect x="1" y="1" width="38" height="20" rx="4" /></g>
                        <rect class={classes!("badge-mark", badge_class(kind))} x="31" y="4" width="5" height="14" rx="2.5" />
                    </svg>
                    <span><strong>{ badge_name(language, kind) }</strong>{ ": " }{ badge_meaning(language, kind) }</span>
                </li>
            }
        });
    let boxes = BOXES.into_iter().map(|kind| {
        // Gateways and border routers share one colour.
        let name = match kind {
            ElementKind::NatGateway => pick(
                language,
                "NAT and VPN Gateways, border routers",
                "NAT y VPN Gateways, routers de borde",
            ),
            _ => kind_name(language, kind),
        };
        html! {
            <li>
                <svg class="swatch drawing" viewBox="0 0 40 22" aria-hidden="true">
                    <g class={classes!("shape", kind.as_str())}><rect x="1" y="1" width="38" height="20" rx="4" /></g>
                </svg>
                <span>{ name }</span>
            </li>
        }
    });
    let lines = LINES.into_iter().map(|kind| {
        html! {
            <li>
                <svg class="swatch drawing" viewBox="0 0 40 22" aria-hidden="true">
                    <polyline class={classes!("link", link_class(kind))} points="2,11 38,11" />
                </svg>
                <span>{ link_meaning(language, kind) }</span>
            </li>
        }
    });
    html! {
        <aside class={classes!("legend", props.open.then_some("open"))} data-testid="legend"
            aria-label={pick(language, "Legend", "Leyenda")}>
            <div class="legend-title">
                <h2>{ pick(language, "Legend", "Leyenda") }</h2>
                <button class="dismiss" onclick={onclose} aria-label={pick(language, "Close the legend", "Cerrar la leyenda")}>{ "×" }</button>
            </div>
            <h3>{ pick(language, "Public addresses (the mark at a box's right edge)", "Direcciones públicas (la marca en el borde derecho de una caja)") }</h3>
            <ul class="legend-marks">{ for marks }</ul>
            <h3>{ pick(language, "Boxes", "Cajas") }</h3>
            <ul class="legend-boxes">{ for boxes }</ul>
            <h3>{ pick(language, "Lines", "Líneas") }</h3>
            <ul class="legend-lines">{ for lines }</ul>
        </aside>
    }
}
