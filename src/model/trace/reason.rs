//! Why a packet cannot pass: the reason codes of path analysis, each with a plain-words
//! explanation in English and in Spanish.
//!
//! A [`Reason`] carries the data a person needs to fix the design (the group that dropped
//! the packet, the route table that has no route, the overlapping blocks). Its
//! [`code`](Reason::code) is a stable string that scenario files and tests compare against;
//! [`Reason::CODES`] lists them all.

use std::fmt;

use ipnet::Ipv4Net;

use crate::model::entity::{Direction, SecurityGroupRule};

use super::hop_rule::{rule_english, rule_spanish};

/// A path vpclab does not trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsupported {
    /// An RDS instance answers connections but does not open them.
    FromRds {
        /// The RDS instance.
        id: String,
    },
    /// OSS answers requests; it does not open connections.
    FromOss,
    /// Neither end is an instance, CLB or RDS instance.
    NoResourceEnd,
}

impl Unsupported {
    /// The path in Spanish, for the Spanish explanation.
    pub fn spanish(&self) -> String {
        match self {
            Unsupported::FromRds { id } => format!(
                "{id} es una instancia RDS: responde a conexiones pero no las abre"
            ),
            Unsupported::FromOss => "OSS responde a peticiones; no abre conexiones".to_string(),
            Unsupported::NoResourceEnd => "solo se trazan caminos con una instancia, un CLB o una instancia RDS en un extremo (Internet, OSS y los centros de datos solo se encuentran a través de una VPC)".to_string(),
        }
    }
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unsupported::FromRds { id } => write!(
                f,
                "{id} is an RDS instance: it answers connections but does not open them"
            ),
            Unsupported::FromOss => f.write_str("OSS answers requests; it does not open connections"),
            Unsupported::NoResourceEnd => f.write_str("only paths with an instance, CLB or RDS instance at one end are traced (the Internet, OSS and data centres meet only through a VPC)"),
        }
    }
}

/// Why a traced packet does not reach its destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `UnknownEndpoint`: the source or destination names nothing in the design (or a kind
    /// of resource that is not an endpoint, such as a VSwitch).
    UnknownEndpoint {
        /// The text or id that was given.
        endpoint: String,
    },
    /// `SameEndpoint`: the source and the destination are the same thing.
    SameEndpoint,
    /// `UnsupportedPath`: vpclab does not trace this pair (for example from OSS, from the
    /// Internet to the Internet, or from an RDS instance, which only answers connections).
    UnsupportedPath {
        /// What is not traced.
        path: Unsupported,
    },
    /// `VpcIsolation`: the two ends are in different VPCs, and VPCs are isolated from each
    /// other (even when their blocks overlap).
    VpcIsolation {
        /// The source's VPC.
        source_vpc: String,
        /// The destination's VPC.
        destination_vpc: String,
    },
    /// `NoPublicIp`: traffic to or from the Internet needs a public address (a NatPublicIP,
    /// an EIP, an SNAT entry of a NAT gateway on the way out, a DNAT entry on the way in),
    /// and this resource has none that applies.
    NoPublicIp {
        /// The resource without a usable public address.
        resource: String,
    },
    /// `SecurityGroupDenied`: a security group of an instance does not let the packet in or
    /// out: a drop rule matched, or no rule allowed it (enterprise groups deny by default,
    /// basic groups deny inbound traffic from outside the group).
    SecurityGroupDenied {
        /// The security group that stopped the packet.
        group: String,
        /// Inbound or outbound.
        direction: Direction,
        /// The drop rule that matched; `None` when no rule allowed the packet.
        rule: Option<Box<SecurityGroupRule>>,
    },
    /// `NoRoute`: the route table (or a gateway on the way) has no route that leads to
    /// the destination.
    NoRoute {
        /// The element without a route: a VRouter, a VBR, a NAT gateway.
        element: String,
        /// The destination block that was looked up.
        destination: Ipv4Net,
    },
    /// `CidrConflict`: the data centre's block overlaps a VSwitch of the VPC, so it cannot
    /// be routed.
    CidrConflict {
        /// The data centre.
        data_center: String,
        /// Its block.
        data_center_cidr: Ipv4Net,
        /// The VSwitch it overlaps.
        vswitch: String,
        /// The VSwitch's block.
        vswitch_cidr: Ipv4Net,
    },
    /// `NoVpnConnection`: no IPsec connection (or Express Connect VBR) joins the data centre
    /// and the VPC for these addresses.
    NoVpnConnection {
        /// The VPN gateway the route leads to, if any.
        vpn_gateway: Option<String>,
        /// The data centre.
        data_center: String,
    },
    /// `NotABackend`: a CLB only forwards to its own back ends with a weight above 0.
    NotABackend {
        /// The load balancer.
        load_balancer: String,
        /// The destination that is not one of its back ends.
        server: String,
    },
}

impl Reason {
    /// Every reason code, in the order of the enum.
    pub const CODES: [&'static str; 10] = [
        "UnknownEndpoint",
        "SameEndpoint",
        "UnsupportedPath",
        "VpcIsolation",
        "NoPublicIp",
        "SecurityGroupDenied",
        "NoRoute",
        "CidrConflict",
        "NoVpnConnection",
        "NotABackend",
    ];

    /// The stable code of the reason, for scenario files and tests.
    ///
    /// ```
    /// use vpclab::model::trace::Reason;
    /// assert_eq!(Reason::SameEndpoint.code(), "SameEndpoint");
    /// ```
    pub fn code(&self) -> &'static str {
        self.kind().as_str()
    }

    /// The kind of the reason, without its data.
    ///
    /// ```
    /// use vpclab::model::trace::{Reason, ReasonCode};
    /// assert_eq!(Reason::SameEndpoint.kind(), ReasonCode::SameEndpoint);
    /// ```
    pub fn kind(&self) -> ReasonCode {
        match self {
            Reason::UnknownEndpoint { .. } => ReasonCode::UnknownEndpoint,
            Reason::SameEndpoint => ReasonCode::SameEndpoint,
            Reason::UnsupportedPath { .. } => ReasonCode::UnsupportedPath,
            Reason::VpcIsolation { .. } => ReasonCode::VpcIsolation,
            Reason::NoPublicIp { .. } => ReasonCode::NoPublicIp,
            Reason::SecurityGroupDenied { .. } => ReasonCode::SecurityGroupDenied,
            Reason::NoRoute { .. } => ReasonCode::NoRoute,
            Reason::CidrConflict { .. } => ReasonCode::CidrConflict,
            Reason::NoVpnConnection { .. } => ReasonCode::NoVpnConnection,
            Reason::NotABackend { .. } => ReasonCode::NotABackend,
        }
    }

    /// What went wrong, in plain English, naming the elements involved.
    ///
    /// ```
    /// use vpclab::model::trace::Reason;
    /// let reason = Reason::NoPublicIp { resource: "i-0002".into() };
    /// assert!(reason.explanation().contains("i-0002"));
    /// ```
    pub fn explanation(&self) -> String {
        match self {
            Reason::UnknownEndpoint { endpoint } => format!(
                "\"{endpoint}\" is not something a packet can start from or go to: pick an ECS instance, a CLB, an RDS instance, the Internet, OSS or a data centre."
            ),
            Reason::SameEndpoint => {
                "The source and the destination are the same: there is no path to trace.".to_string()
            }
            Reason::UnsupportedPath { path } => format!("vpclab does not trace this path: {path}."),
            Reason::VpcIsolation { source_vpc, destination_vpc } => format!(
                "{source_vpc} and {destination_vpc} are different VPCs. VPCs are isolated from each other, even when their address blocks overlap; only a peering connection or CEN could join them."
            ),
            Reason::NoPublicIp { resource } => format!(
                "{resource} has no public address for this traffic: no NatPublicIP, no EIP, and no NAT gateway entry (SNAT going out, DNAT coming in) that covers it."
            ),
            Reason::SecurityGroupDenied { group, direction, rule } => {
                let way = match direction {
                    Direction::Ingress => "in",
                    Direction::Egress => "out",
                };
                match rule {
                    Some(rule) => format!("Security group {group} drops the packet {way}: {}.", rule_english(rule)),
                    None => format!(
                        "Security group {group} has no rule that lets this packet {way} (enterprise groups deny everything not allowed; basic groups only let in members of the same group)."
                    ),
                }
            }
            Reason::NoRoute { element, destination } => format!(
                "{element} has no route to {destination}: add a route entry whose next hop leads there."
            ),
            Reason::CidrConflict { data_center, data_center_cidr, vswitch, vswitch_cidr } => format!(
                "The block of {data_center} ({data_center_cidr}) overlaps {vswitch} ({vswitch_cidr}), so the VPC cannot route to it: the addresses would be ambiguous."
            ),
            Reason::NoVpnConnection { vpn_gateway: Some(vpn), data_center } => format!(
                "No IPsec connection of {vpn} joins these addresses to {data_center}: its local and remote blocks must cover both ends."
            ),
            Reason::NoVpnConnection { vpn_gateway: None, data_center } => format!(
                "Nothing joins {data_center} to this VPC: create a VPN gateway with an IPsec connection, or an Express Connect VBR."
            ),
            Reason::NotABackend { load_balancer, server } => format!(
                "{load_balancer} only forwards to its back ends with a weight above 0, and {server} is not one of them."
            ),
        }
    }

    /// What went wrong, in plain Spanish, naming the elements involved.
    ///
    /// ```
    /// use vpclab::model::trace::Reason;
    /// assert!(Reason::SameEndpoint.explanation_es().starts_with("El origen"));
    /// ```
    pub fn explanation_es(&self) -> String {
        match self {
            Reason::UnknownEndpoint { endpoint } => format!(
                "«{endpoint}» no es algo desde donde o hacia donde pueda ir un paquete: elige una instancia ECS, un CLB, una instancia RDS, Internet, OSS o un centro de datos."
            ),
            Reason::SameEndpoint => {
                "El origen y el destino son el mismo: no hay camino que trazar.".to_string()
            }
            Reason::UnsupportedPath { path } => format!("vpclab no traza este camino: {}.", path.spanish()),
            Reason::VpcIsolation { source_vpc, destination_vpc } => format!(
                "{source_vpc} y {destination_vpc} son VPC distintas. Las VPC están aisladas entre sí, aunque sus bloques de direcciones se solapen; solo una conexión de peering o CEN podría unirlas."
            ),
            Reason::NoPublicIp { resource } => format!(
                "{resource} no tiene dirección pública para este tráfico: ni NatPublicIP, ni EIP, ni una entrada de NAT gateway (SNAT para salir, DNAT para entrar) que la cubra."
            ),
            Reason::SecurityGroupDenied { group, direction, rule } => {
                let way = match direction {
                    Direction::Ingress => "entrar",
                    Direction::Egress => "salir",
                };
                match rule {
                    Some(rule) => format!("El grupo de seguridad {group} descarta el paquete al {way}: {}.", rule_spanish(rule)),
                    None => format!(
                        "El grupo de seguridad {group} no tiene ninguna regla que deje {way} este paquete (los grupos empresariales deniegan todo lo no permitido; los básicos solo dejan entrar a miembros del mismo grupo)."
                    ),
                }
            }
            Reason::NoRoute { element, destination } => format!(
                "{element} no tiene ruta hacia {destination}: añade una entrada de ruta cuyo siguiente salto lleve hasta allí."
            ),
            Reason::CidrConflict { data_center, data_center_cidr, vswitch, vswitch_cidr } => format!(
                "El bloque de {data_center} ({data_center_cidr}) se solapa con {vswitch} ({vswitch_cidr}), así que la VPC no puede enrutar hacia él: las direcciones serían ambiguas."
            ),
            Reason::NoVpnConnection { vpn_gateway: Some(vpn), data_center } => format!(
                "Ninguna conexión IPsec de {vpn} une estas direcciones con {data_center}: sus bloques local y remoto deben cubrir los dos extremos."
            ),
            Reason::NoVpnConnection { vpn_gateway: None, data_center } => format!(
                "Nada une {data_center} con esta VPC: crea un VPN gateway con una conexión IPsec, o un VBR de Express Connect."
            ),
            Reason::NotABackend { load_balancer, server } => format!(
                "{load_balancer} solo reenvía a sus servidores backend con peso mayor que 0, y {server} no es uno de ellos."
            ),
        }
    }
}

/// The kind of a [`Reason`] without its data: what a lesson's prediction or goal names
/// (`"Reason": "NoRoute"`). Its spelling is the reason's [`code`](Reason::code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReasonCode {
    /// [`Reason::UnknownEndpoint`].
    UnknownEndpoint,
    /// [`Reason::SameEndpoint`].
    SameEndpoint,
    /// [`Reason::UnsupportedPath`].
    UnsupportedPath,
    /// [`Reason::VpcIsolation`].
    VpcIsolation,
    /// [`Reason::NoPublicIp`].
    NoPublicIp,
    /// [`Reason::SecurityGroupDenied`].
    SecurityGroupDenied,
    /// [`Reason::NoRoute`].
    NoRoute,
    /// [`Reason::CidrConflict`].
    CidrConflict,
    /// [`Reason::NoVpnConnection`].
    NoVpnConnection,
    /// [`Reason::NotABackend`].
    NotABackend,
}

impl ReasonCode {
    /// Every reason code, in the order of [`Reason::CODES`].
    pub const ALL: [ReasonCode; 10] = [
        ReasonCode::UnknownEndpoint,
        ReasonCode::SameEndpoint,
        ReasonCode::UnsupportedPath,
        ReasonCode::VpcIsolation,
        ReasonCode::NoPublicIp,
        ReasonCode::SecurityGroupDenied,
        ReasonCode::NoRoute,
        ReasonCode::CidrConflict,
        ReasonCode::NoVpnConnection,
        ReasonCode::NotABackend,
    ];

    /// The code as scenario files write it (`NoRoute`).
    pub fn as_str(self) -> &'static str {
        Reason::CODES[self as usize]
    }

    /// The reason code with this spelling.
    ///
    /// ```
    /// use vpclab::model::trace::ReasonCode;
    /// assert_eq!(ReasonCode::from_code("NoRoute"), Some(ReasonCode::NoRoute));
    /// assert_eq!(ReasonCode::from_code("noroute"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<ReasonCode> {
        ReasonCode::ALL
            .iter()
            .copied()
            .find(|known| known.as_str() == code)
    }
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.explanation())
    }
}
