//! Why a goal is not met, as data ([`Unmet`]) and in plain words in both languages
//! ([`Unmet::explain`]): what the lesson player shows under "check my work".

use std::fmt;

use super::predicate::{CountBound, Property, PublicIpState};
use super::{Language, Verdict};
use crate::model::element::ElementKind;
use crate::model::error::{CommandError, ErrorCode};
use crate::model::trace::Reason;

/// The resource that comes closest to a filter, and the first property it misses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The resource.
    pub id: String,
    /// The property it misses (Refs replaced by ids).
    pub property: Property,
    /// What it has instead, in words (`ap-south-1a`, `10.0.0.0/24`, `-` for nothing).
    pub actual: String,
}

/// Why a goal does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unmet {
    /// `exists`: no resource passes the filter.
    NoMatch {
        /// The kind looked for.
        kind: ElementKind,
        /// The properties asked (Refs replaced by ids).
        properties: Vec<Property>,
        /// The resource that comes closest, if any of the kind exists.
        nearest: Option<Mismatch>,
    },
    /// `count`: the number of resources that pass the filter is not the one wanted.
    Count {
        /// The kind counted.
        kind: ElementKind,
        /// The properties asked (Refs replaced by ids).
        properties: Vec<Property>,
        /// How many are wanted.
        bound: CountBound,
        /// How many there are.
        found: usize,
    },
    /// `trace`: the trace answers something else.
    Verdict {
        /// The trace's source, as the lesson wrote it.
        source: String,
        /// The trace's destination, as the lesson wrote it.
        destination: String,
        /// What the goal wants.
        wanted: Verdict,
        /// What the trace answers.
        got: Verdict,
        /// Why the packet does not pass, when it does not.
        reason: Option<Reason>,
    },
    /// `trace`: the trace cannot run (a protocol or port that is not one).
    TraceFailed {
        /// Why.
        error: CommandError,
    },
    /// `met_error`: the learner has not met the error code in this step.
    ErrorNotMet {
        /// The code.
        code: ErrorCode,
    },
}

/// A kind's name in a sentence: English, Spanish, and whether the Spanish is feminine.
fn kind_words(kind: ElementKind) -> (&'static str, &'static str, bool) {
    match kind {
        ElementKind::Vpc => ("VPC", "VPC", true),
        ElementKind::Vrouter => ("VRouter", "VRouter", false),
        ElementKind::Vswitch => ("VSwitch", "VSwitch", false),
        ElementKind::Instance => ("ECS instance", "instancia ECS", true),
        ElementKind::Eip => ("EIP", "EIP", true),
        ElementKind::SecurityGroup => ("security group", "grupo de seguridad", false),
        ElementKind::NatGateway => ("NAT gateway", "NAT gateway", false),
        ElementKind::VpnGateway => ("VPN gateway", "VPN gateway", false),
        ElementKind::CustomerGateway => ("customer gateway", "customer gateway", false),
        ElementKind::Vbr => ("virtual border router", "VBR", false),
        ElementKind::DataCenter => ("data centre", "centro de datos", false),
        ElementKind::Clb => ("CLB", "CLB", false),
        ElementKind::Rds => ("RDS instance", "instancia RDS", true),
        other => (other.as_str(), other.as_str(), false),
    }
}

/// A property as a phrase after the kind: "in zone ap-south-1b".
fn property_phrase(property: &Property, language: Language) -> String {
    let english = language == Language::English;
    let pick = |en: String, es: String| if english { en } else { es };
    match property {
        Property::Id(id) => pick(format!("that is {id}"), format!("que sea {id}")),
        Property::Name(name) => pick(
            format!("named \"{name}\""),
            format!("con el nombre «{name}»"),
        ),
        Property::Region(region) => pick(
            format!("in region {region}"),
            format!("en la región {region}"),
        ),
        Property::Zone(zone) => pick(format!("in zone {zone}"), format!("en la zona {zone}")),
        Property::Vpc(vpc) => pick(format!("in VPC {vpc}"), format!("en la VPC {vpc}")),
        Property::Vswitch(vsw) => pick(format!("in VSwitch {vsw}"), format!("en el VSwitch {vsw}")),
        Property::Cidr(net) => pick(
            format!("with the block {net}"),
            format!("con el bloque {net}"),
        ),
        Property::CidrWithin(net) => pick(
            format!("with a block inside {net}"),
            format!("con un bloque dentro de {net}"),
        ),
        Property::CidrOutside(net) => pick(
            format!("with a block that does not overlap {net}"),
            format!("con un bloque que no se solape con {net}"),
        ),
        Property::PrivateIp(ip) => pick(
            format!("with the private address {ip}"),
            format!("con la dirección privada {ip}"),
        ),
        Property::PublicIp(state) => public_ip_phrase(*state, language).to_string(),
        Property::BoundTo(Some(id)) => pick(format!("bound to {id}"), format!("asociada a {id}")),
        Property::BoundTo(None) => pick("not bound to anything".into(), "sin asociar".into()),
        Property::Bandwidth(mbps) => pick(
            format!("with a bandwidth of {mbps} Mbit/s"),
            format!("con un ancho de banda de {mbps} Mbit/s"),
        ),
    }
}

fn public_ip_phrase(state: PublicIpState, language: Language) -> &'static str {
    match (state, language) {
        (PublicIpState::None, Language::English) => "without a public address",
        (PublicIpState::None, Language::Spanish) => "sin dirección pública",
        (PublicIpState::NatPublicIp, Language::English) => "with a NatPublicIP",
        (PublicIpState::NatPublicIp, Language::Spanish) => "con una NatPublicIP",
        (PublicIpState::Eip, Language::English) => "with an EIP",
        (PublicIpState::Eip, Language::Spanish) => "con una EIP",
        (PublicIpState::Any, Language::English) => "with a public address",
        (PublicIpState::Any, Language::Spanish) => "con una dirección pública",
    }
}

/// The name of what a property looks at: "zone", "block"...
fn field_words(property: &Property) -> (&'static str, &'static str) {
    match property {
        Property::Id(_) => ("id", "id"),
        Property::Name(_) => ("name", "nombre"),
        Property::Region(_) => ("region", "región"),
        Property::Zone(_) => ("zone", "zona"),
        Property::Vpc(_) => ("VPC", "VPC"),
        Property::Vswitch(_) => ("VSwitch", "VSwitch"),
        Property::Cidr(_) | Property::CidrWithin(_) | Property::CidrOutside(_) => {
            ("block", "bloque")
        }
        Property::PrivateIp(_) => ("private address", "dirección privada"),
        Property::PublicIp(_) => ("public address", "dirección pública"),
        Property::BoundTo(_) => ("binding", "asociación"),
        Property::Bandwidth(_) => ("bandwidth (Mbit/s)", "ancho de banda (Mbit/s)"),
    }
}

/// The kind followed by its properties: "VSwitch in zone ap-south-1b, in VPC vpc-0001".
fn described(kind: ElementKind, properties: &[Property], language: Language) -> String {
    let (en, es, _) = kind_words(kind);
    let name = if language == Language::English {
        en
    } else {
        es
    };
    if properties.is_empty() {
        return name.to_string();
    }
    let phrases: Vec<String> = properties
        .iter()
        .map(|p| property_phrase(p, language))
        .collect();
    format!("{name} {}", phrases.join(", "))
}

fn verdict_words(verdict: Verdict, language: Language) -> String {
    match (verdict, language) {
        (Verdict::Reachable, Language::English) => "reachable".into(),
        (Verdict::Reachable, Language::Spanish) => "alcanzable".into(),
        (Verdict::Unreachable(reason), Language::English) => format!("unreachable ({reason})"),
        (Verdict::Unreachable(reason), Language::Spanish) => format!("inalcanzable ({reason})"),
    }
}

fn bound_words(bound: CountBound, language: Language) -> String {
    match (bound, language) {
        (CountBound::Equals(n), Language::English) => format!("exactly {n}"),
        (CountBound::Equals(n), Language::Spanish) => format!("exactamente {n}"),
        (CountBound::AtLeast(n), Language::English) => format!("at least {n}"),
        (CountBound::AtLeast(n), Language::Spanish) => format!("al menos {n}"),
        (CountBound::AtMost(n), Language::English) => format!("at most {n}"),
        (CountBound::AtMost(n), Language::Spanish) => format!("como mucho {n}"),
    }
}

impl Unmet {
    /// Why the goal is not met, in plain words in `language`, naming the elements involved.
    ///
    /// ```
    /// use vpclab::model::lesson::{Language, Unmet};
    /// use vpclab::model::ErrorCode;
    /// let unmet = Unmet::ErrorNotMet { code: ErrorCode::CidrOverlapped };
    /// assert!(unmet.explain(Language::English).contains("InvalidCidrBlock.Overlapped"));
    /// assert!(unmet.explain(Language::Spanish).starts_with("Todavía no"));
    /// ```
    pub fn explain(&self, language: Language) -> String {
        let english = language == Language::English;
        match self {
            Unmet::NoMatch {
                kind,
                properties,
                nearest,
            } => {
                let what = described(*kind, properties, language);
                let mut text = if english {
                    format!("There is no {what} yet.")
                } else {
                    let none = if kind_words(*kind).2 {
                        "ninguna"
                    } else {
                        "ningún"
                    };
                    format!("Todavía no hay {none} {what}.")
                };
                if let Some(miss) = nearest {
                    let (field_en, field_es) = field_words(&miss.property);
                    text.push_str(&if english {
                        format!(
                            " {} comes closest, but its {field_en} is {}.",
                            miss.id, miss.actual
                        )
                    } else {
                        format!(
                            " {} es lo que más se acerca, pero su {field_es} es {}.",
                            miss.id, miss.actual
                        )
                    });
                }
                text
            }
            Unmet::Count {
                kind,
                properties,
                bound,
                found,
            } => {
                let what = described(*kind, properties, language);
                let wanted = bound_words(*bound, language);
                if english {
                    format!("Count of {what}: {found}. The goal wants {wanted}.")
                } else {
                    format!("Número de {what}: {found}. El objetivo pide {wanted}.")
                }
            }
            Unmet::Verdict {
                source,
                destination,
                wanted,
                got,
                reason,
            } => {
                let (wanted, got) = (
                    verdict_words(*wanted, language),
                    verdict_words(*got, language),
                );
                let why = reason.as_ref().map_or(String::new(), |reason| {
                    if english {
                        format!(" Why: {}", reason.explanation())
                    } else {
                        format!(" Por qué: {}", reason.explanation_es())
                    }
                });
                if english {
                    format!("The trace from {source} to {destination} answers {got}; the goal wants {wanted}.{why}")
                } else {
                    format!("El trazado de {source} a {destination} responde {got}; el objetivo pide {wanted}.{why}")
                }
            }
            Unmet::TraceFailed { error } => {
                if english {
                    format!("The trace cannot run: {error}")
                } else {
                    format!("El trazado no puede hacerse: {error}")
                }
            }
            Unmet::ErrorNotMet { code } => {
                if english {
                    format!("You have not met the error {code} in this step yet: try the action that breaks the rule. ({})", code.rule())
                } else {
                    format!("Todavía no te has topado con el error {code} en este paso: prueba la acción que rompe la regla.")
                }
            }
        }
    }
}

impl fmt::Display for Unmet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explain(Language::English))
    }
}
