//! The diagram's words in the user's language: kind names, the sub-labels the layout gives
//! as data ([`Detail`]), public-address kinds and link meanings. Used by the drawing, its
//! tooltip, its legend and the accessible names.

use crate::app::i18n::{pick, Language};
use crate::layout::{BadgeKind, Detail, LineText, LinkKind, Shape};
use crate::model::ElementKind;

/// What a shape is, as a reader says it ("ECS instance", "Instancia ECS").
pub fn kind_name(language: Language, kind: ElementKind) -> &'static str {
    let (en, es) = match kind {
        ElementKind::Region => ("Region", "Región"),
        ElementKind::Zone => ("Zone", "Zona"),
        ElementKind::Vpc => ("VPC", "VPC"),
        ElementKind::Vrouter => ("VRouter", "VRouter"),
        ElementKind::Vswitch => ("VSwitch", "VSwitch"),
        ElementKind::Instance => ("ECS instance", "Instancia ECS"),
        ElementKind::Eip => ("Elastic IP", "IP elástica"),
        ElementKind::PublicIp => ("Public IP address", "Dirección IP pública"),
        ElementKind::SecurityGroup => ("Security group", "Grupo de seguridad"),
        ElementKind::NatGateway => ("NAT Gateway", "NAT Gateway"),
        ElementKind::VpnGateway => ("VPN Gateway", "VPN Gateway"),
        ElementKind::CustomerGateway => ("Customer gateway", "Gateway de cliente"),
        ElementKind::Vbr => ("Virtual border router", "Router de borde virtual"),
        ElementKind::DataCenter => ("Data centre", "Centro de datos"),
        ElementKind::Clb => ("CLB load balancer", "Balanceador CLB"),
        ElementKind::Rds => ("RDS database", "Base de datos RDS"),
        ElementKind::Oss => ("OSS", "OSS"),
        ElementKind::Internet => ("Internet", "Internet"),
        ElementKind::More => ("Collapsed instances", "Instancias plegadas"),
    };
    pick(language, en, es)
}

/// The name of a kind of public address.
pub fn badge_name(language: Language, kind: BadgeKind) -> &'static str {
    match kind {
        BadgeKind::NatPublicIp => "NatPublicIP",
        BadgeKind::Eip => "EIP",
        BadgeKind::Public => pick(language, "public IP", "IP pública"),
    }
}

/// A count with the singular or plural word.
fn count(language: Language, n: usize, en: (&str, &str), es: (&str, &str)) -> String {
    let (one, many) = match language {
        Language::English => en,
        Language::Spanish => es,
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A detail line in words: `Usage { used: 2, free: 250 }` is "2 used / 250 free" in
/// English and "2 usadas / 250 libres" in Spanish; addresses stay as they are.
pub fn detail_text(language: Language, detail: &Detail) -> String {
    match detail {
        Detail::Address(text) | Detail::Text(text) => text.clone(),
        Detail::Usage { used, free } => match language {
            Language::English => format!("{used} used / {free} free"),
            Language::Spanish => format!(
                "{used} {} / {free} {}",
                if *used == 1 { "usada" } else { "usadas" },
                if *free == 1 { "libre" } else { "libres" }
            ),
        },
        Detail::Routes(n) => count(language, *n, ("route", "routes"), ("ruta", "rutas")),
        Detail::InternalEndpoint => pick(language, "internal endpoint", "endpoint interno").into(),
        Detail::RegionClosed => pick(
            language,
            "closed to new resources",
            "cerrada a nuevos recursos",
        )
        .into(),
        Detail::Bandwidth(mbps) => format!("{mbps} Mbit/s"),
        Detail::UnboundEip { bandwidth } => match language {
            Language::English => format!("{bandwidth} Mbit/s, unbound"),
            Language::Spanish => format!("{bandwidth} Mbit/s, sin asociar"),
        },
        Detail::BackEnds(n) => count(
            language,
            *n,
            ("back end", "back ends"),
            ("servidor de backend", "servidores de backend"),
        ),
        Detail::Vlan(vlan) => format!("VLAN {vlan}"),
        Detail::GatewayAddress(address) => format!("gateway {address}"),
        Detail::Collapsed { total, .. } => match language {
            Language::English => format!("of {total} instances"),
            Language::Spanish => format!("de {total} instancias"),
        },
    }
}

/// The title as drawn: the name, or "+N more" for a collapsed VSwitch's node.
pub fn title_text(language: Language, shape: &Shape) -> String {
    match (shape.kind, shape.detail.first()) {
        (ElementKind::More, Some(Detail::Collapsed { hidden, .. })) => {
            format!("+{hidden} {}", pick(language, "more", "más"))
        }
        _ => shape.label.clone(),
    }
}

/// The words of one of a shape's lines when they are too long for its room, if the shape
/// has shorter ones: "+997" for "+997 more" (cut, it read "+997…").
pub fn short_line_text(shape: &Shape, line: LineText) -> Option<String> {
    match (shape.kind, line, shape.detail.first()) {
        (ElementKind::More, LineText::Title, Some(Detail::Collapsed { hidden, .. })) => {
            Some(format!("+{hidden}"))
        }
        _ => None,
    }
}

/// The words of one of a shape's lines.
pub fn line_text(language: Language, shape: &Shape, line: LineText) -> String {
    match line {
        LineText::Title => title_text(language, shape),
        LineText::Detail(index) => shape
            .detail
            .get(index)
            .map(|detail| detail_text(language, detail))
            .unwrap_or_default(),
        LineText::Badge => shape
            .badge
            .as_ref()
            .map(|badge| badge.text.clone())
            .unwrap_or_default(),
    }
}

/// The accessible name of a shape: its kind, name and every line of it, the public address
/// with its kind.
pub fn accessible_name(language: Language, shape: &Shape) -> String {
    // The words drawn come first, in the order they are drawn (WCAG 2.5.3, label in name:
    // someone who says what they see selects the shape), then what kind of thing it is.
    let mut parts = vec![title_text(language, shape)];
    parts.extend(shape.detail.iter().map(|d| detail_text(language, d)));
    if let Some(badge) = &shape.badge {
        parts.push(badge.text.clone());
    }
    parts.push(kind_name(language, shape.kind).to_string());
    if let Some(badge) = &shape.badge {
        parts.push(badge_name(language, badge.kind).to_string());
    }
    parts.join(", ")
}

/// What a kind of link means, for the legend.
pub fn link_meaning(language: Language, kind: LinkKind) -> &'static str {
    let (en, es) = match kind {
        LinkKind::Route => (
            "System route: the VRouter reaches the VSwitch",
            "Ruta del sistema: el VRouter llega al VSwitch",
        ),
        LinkKind::Internet => (
            "Internet access through a public address",
            "Acceso a Internet por una dirección pública",
        ),
        LinkKind::EipBinding => ("EIP bound to a resource", "EIP asociada a un recurso"),
        LinkKind::Vpn => ("IPsec VPN connection", "Conexión VPN IPsec"),
        LinkKind::ExpressConnect => (
            "Express Connect physical connection",
            "Conexión física de Express Connect",
        ),
        LinkKind::RouterInterface => (
            "Router interface between the VRouter and a VBR",
            "Interfaz de router entre el VRouter y un VBR",
        ),
        LinkKind::Snat => (
            "SNAT entry: the NAT Gateway serves this source",
            "Entrada SNAT: el NAT Gateway da salida a este origen",
        ),
        LinkKind::Backend => ("CLB back-end server", "Servidor de backend del CLB"),
        LinkKind::Attachment => ("Sits in this VSwitch", "Está en este VSwitch"),
        LinkKind::Service => (
            "Internal endpoint: the VPC reaches OSS",
            "Endpoint interno: la VPC llega a OSS",
        ),
    };
    pick(language, en, es)
}

/// The CSS class of a link kind (`route`, `expressconnect`...).
pub fn link_class(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Route => "route",
        LinkKind::Internet => "internet",
        LinkKind::EipBinding => "eipbinding",
        LinkKind::Vpn => "vpn",
        LinkKind::ExpressConnect => "expressconnect",
        LinkKind::RouterInterface => "routerinterface",
        LinkKind::Snat => "snat",
        LinkKind::Backend => "backend",
        LinkKind::Attachment => "attachment",
        LinkKind::Service => "service",
    }
}

/// The CSS class of a public-address kind.
pub fn badge_class(kind: BadgeKind) -> &'static str {
    match kind {
        BadgeKind::NatPublicIp => "natip",
        BadgeKind::Eip => "eip",
        BadgeKind::Public => "public",
    }
}
