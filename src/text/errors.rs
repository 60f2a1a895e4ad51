//! A refused command in words: the rule behind each [`ErrorCode`] and every
//! [`ErrorDetail`], in English (the model's own wording) and in Spanish.

use crate::model::catalog::RuleSet;
use crate::model::error::text_problem_english;
use crate::model::text_rules::{TextProblem, TextRule};
use crate::model::{CommandError, Dependant, ErrorCode, ErrorDetail, Noun};

use super::Language;

/// The rule behind `code`, in one sentence.
pub fn rule(language: Language, code: ErrorCode) -> &'static str {
    match language {
        Language::English => code.rule(),
        Language::Spanish => rule_spanish(code),
    }
}

/// What went wrong, naming the values involved.
pub fn detail(language: Language, detail: &ErrorDetail) -> String {
    match language {
        Language::English => detail.to_string(),
        Language::Spanish => detail_spanish(detail),
    }
}

/// The code and what went wrong, as one line: `InvalidCidrBlock.Overlapped: …`.
pub fn error(language: Language, error: &CommandError) -> String {
    format!("{}: {}", error.code(), detail(language, &error.detail))
}

/// A kind of resource, as an error names it.
pub fn noun(language: Language, noun: Noun) -> &'static str {
    match language {
        Language::English => noun.english(),
        Language::Spanish => noun_spanish(noun),
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "one arm per code: the Spanish column of the table in model::error"
)]
fn rule_spanish(code: ErrorCode) -> &'static str {
    use ErrorCode as C;
    match code {
        C::CidrMalformed => "Un bloque CIDR se escribe a.b.c.d/n, con n como mucho 32 y sin bits puestos tras el prefijo.",
        C::CidrForbidden => "Los bloques de VPC y de VSwitch no pueden tocar 100.64.0.0/10, 224.0.0.0/4, 127.0.0.0/8, 169.254.0.0/16 ni 0.0.0.0/8.",
        C::CidrMaskOutOfRange => "Un bloque de VPC tiene una máscara de /8 a /28; uno de VSwitch, de /16 a /29.",
        C::CidrNotInVpc => "El bloque de un VSwitch debe estar dentro de (o ser igual a) uno de los bloques de su VPC.",
        C::CidrOverlapped => "Los bloques de los VSwitch de una VPC nunca se solapan entre sí ni con el destino de una ruta personalizada; los bloques de una VPC tampoco se solapan entre sí.",
        C::RegionNotFound => "Los recursos se crean en una de las regiones del catálogo.",
        C::RegionClosed => "Una región cerrada (Bombay desde julio de 2024, con las reglas actuales) no admite recursos nuevos.",
        C::RegionMismatch => "Una EIP solo se asocia a recursos de su propia región; los extremos de una VPN están en la misma región.",
        C::ZoneNotFound => "Un VSwitch vive en una zona de la región de su VPC.",
        C::QuotaVpc => "Una región admite como mucho 10 VPC por defecto.",
        C::QuotaVswitch => "Una VPC admite como mucho 24 VSwitches con las reglas de 2020 y 150 con las actuales.",
        C::QuotaSecondaryCidr => "Una VPC tiene como mucho 5 bloques IPv4 secundarios.",
        C::QuotaRouteEntry => "Una tabla de rutas admite como mucho 200 entradas personalizadas.",
        C::QuotaVpnGateway => "Una VPC tiene como mucho un VPN Gateway.",
        C::IpNotInVswitch => "Una dirección privada sale del bloque del VSwitch de la instancia.",
        C::IpReserved => "La primera dirección y las tres últimas de cada VSwitch están reservadas.",
        C::IpDuplicated => "Dos recursos nunca comparten una dirección privada.",
        C::IpMalformed => "Una dirección se escribe a.b.c.d.",
        C::IpForbidden => "La dirección de un gateway de cliente es pública: no está en 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4 ni 255.0.0.0/8.",
        C::IpAlreadyExist => "Una región registra cada dirección de gateway de cliente una sola vez.",
        C::IpNotEnough => "Un VSwitch lleno no tiene dirección para otro recurso.",
        C::PublicIpNotEnough => "Se ha agotado el conjunto de direcciones públicas de la región.",
        C::DependencyViolation => "Un recurso del que dependen otros solo se elimina después de ellos.",
        C::ResourceNotFound => "Cada id nombra un recurso existente del tipo correcto.",
        C::IncorrectEipStatus => "Una EIP se asocia solo si está libre, y se desasocia o libera solo en el estado adecuado.",
        C::InstanceHasPublicIp => "Una instancia tiene como mucho una dirección pública: una NatPublicIP o una EIP.",
        C::InstanceNoPublicIp => "Solo una NatPublicIP puede convertirse en EIP.",
        C::RouteEntryConflict => "Un destino personalizado no puede ser igual a un bloque de VSwitch ni estar dentro de uno, estar dentro de 100.64.0.0/10 ni repetirse en una tabla.",
        C::RouteEntryNotFound => "Solo se puede eliminar una entrada de ruta personalizada que exista.",
        C::NextHopMismatch => "Un siguiente salto es del tipo indicado y pertenece a la VPC de la tabla de rutas (o a su región).",
        C::VpcMismatch => "Los recursos de una misma operación pertenecen a la misma VPC.",
        C::SecurityGroupRuleNotFound => "Desde julio de 2024 revocar una regla que no existe falla; con las reglas de 2020 tenía éxito y no cambiaba nada.",
        C::PortRangeMalformed => "Un rango de puertos son dos números enteros separados por una barra, como 22/22 o 1/65535.",
        C::ProtocolPortMismatch => "tcp y udp llevan desde/hasta con 1 <= desde <= hasta <= 65535; icmp, gre y all llevan exactamente -1/-1.",
        C::IpProtocolNotSupported => "El IpProtocol de una regla es tcp, udp, icmp, gre o all (en mayúsculas o minúsculas).",
        C::PolicyMalformed => "Una política es Accept o Drop (en mayúsculas o minúsculas).",
        C::PriorityMalformed => "La Priority de una regla es un número entero de 1 (la más alta) a 100.",
        C::GroupAuthDenied => "Una regla de un grupo de seguridad avanzado (empresarial) no puede nombrar un grupo de seguridad (SourceGroupId / DestGroupId).",
        C::EnterpriseGroupDenied => "Un grupo de seguridad avanzado (empresarial) siempre aísla a sus miembros; su política de acceso interno no se puede cambiar.",
        C::SecurityGroupTypeInvalid => "SecurityGroupType es normal (básico) o enterprise (avanzado).",
        C::SnatSourceDuplicated => "Cada VSwitch, instancia ECS o bloque de origen está en una sola entrada SNAT de una tabla; un SourceCIDR igual al bloque de un VSwitch es ese VSwitch.",
        C::ForwardEntryDuplicated => "En una tabla DNAT, IpProtocol + ExternalIp + ExternalPort es único, y también IpProtocol + InternalIp + InternalPort.",
        C::InternalIpOutOfVpc => "El InternalIp de una entrada DNAT está en un bloque de la VPC del NAT Gateway.",
        C::ForwardProtocolNotSupported => "El IpProtocol de una entrada DNAT es TCP, UDP o Any; Any traduce todos los puertos, así que ambos puertos son Any también.",
        C::ExternalIpMalformed => "ExternalIp es una dirección IPv4 a.b.c.d.",
        C::InternalIpMalformed => "InternalIp es una dirección IPv4 a.b.c.d.",
        C::ExternalPortMalformed => "ExternalPort es un puerto de 1 a 65535, o Any con IpProtocol Any.",
        C::InternalPortMalformed => "InternalPort es un puerto de 1 a 65535, o Any con IpProtocol Any.",
        C::ExternalIpNotFound => "El ExternalIp de una entrada DNAT es una EIP asociada a su NAT Gateway.",
        C::SnatIpMalformed => "SnatIp es una dirección IPv4 a.b.c.d.",
        C::SnatIpNotFound => "El SnatIp de una entrada SNAT es una EIP asociada a su NAT Gateway.",
        C::VpcNameMalformed => "Un VpcName sigue las reglas vigentes: hoy de 1 a 128 caracteres; en 2020, de 2 a 128 y empezando por una letra.",
        C::VpcDescriptionMalformed => "La Description de una VPC sigue las reglas vigentes.",
        C::VswitchNameMalformed => "Un VSwitchName sigue las reglas vigentes.",
        C::DescriptionMalformed => "Una Description sigue las reglas vigentes: nunca empieza por http:// o https:// ni lleva caracteres de control.",
        C::RouteEntryNameMalformed => "Un RouteEntryName sigue las reglas vigentes.",
        C::InstanceNameMalformed => "Un InstanceName empieza por una letra y lleva letras, cifras y algunos signos.",
        C::NameMalformed => "Un Name sigue las reglas vigentes.",
        C::EntryNameMalformed => "El nombre de una entrada SNAT o DNAT tiene de 2 a 128 caracteres y empieza por una letra.",
        C::SecurityGroupNameMalformed => "Un SecurityGroupName empieza por una letra y lleva letras, cifras y algunos signos.",
        C::RuleDescriptionMalformed => "La Description de una regla de grupo de seguridad tiene de 1 a 512 caracteres.",
        C::DbDescriptionMalformed => "Un DBInstanceDescription tiene de 2 a 256 caracteres.",
        C::AsnReserved => "El número de AS 45104 pertenece a Alibaba Cloud.",
        C::InvalidParameter => "Cada parámetro tiene un formato y un rango (ancho de banda 0-100, VLAN 0-2999, puerto 1-65535...).",
        C::MissingParameter => "La operación necesita este parámetro.",
        C::Unsupported => "El modelo todavía no admite esta operación.",
    }
}

fn noun_spanish(noun: Noun) -> &'static str {
    match noun {
        Noun::Vpc => "VPC",
        Noun::Vswitch => "VSwitch",
        Noun::Instance => "instancia",
        Noun::Eip => "EIP",
        Noun::EipTarget => "instancia, NAT Gateway o CLB",
        Noun::SecurityGroup => "grupo de seguridad",
        Noun::RouteTable => "tabla de rutas",
        Noun::RouteEntry => "entrada de ruta",
        Noun::NextHop => "siguiente salto",
        Noun::NatGateway => "NAT Gateway",
        Noun::NatTable => "tabla NAT",
        Noun::SnatEntry => "entrada SNAT",
        Noun::DnatEntry => "entrada DNAT",
        Noun::BoundEip => "EIP asociada",
        Noun::VpnGateway => "VPN Gateway",
        Noun::CustomerGateway => "gateway de cliente",
        Noun::IpsecConnection => "conexión IPsec",
        Noun::VirtualBorderRouter => "router de borde virtual",
        Noun::DataCentre => "centro de datos",
        Noun::LoadBalancer => "balanceador de carga",
        Noun::RdsInstance => "instancia RDS",
        Noun::Resource => "recurso",
    }
}

/// Something that keeps a resource from being deleted, in words.
pub fn dependant(language: Language, dependant: &Dependant) -> String {
    if language == Language::English {
        return dependant.to_string();
    }
    match dependant {
        Dependant::Named { noun, id } => format!("{} {id}", with_article(*noun)),
        Dependant::Address { owner, address } => format!("{owner} ({address})"),
        Dependant::Route { id, destination } => format!("la entrada de ruta {id} ({destination})"),
        Dependant::SnatOf { id, gateway } => format!("la entrada SNAT {id} de {gateway}"),
        Dependant::Member { id } => format!("el miembro {id}"),
        Dependant::RuleNaming { group } => format!("una regla de {group} que lo nombra"),
    }
}

/// Why a name or description breaks its rule ("has 200 characters").
pub fn text_problem(language: Language, problem: &TextProblem) -> String {
    if language == Language::English {
        return text_problem_english(problem);
    }
    match problem {
        TextProblem::BidiControl(c) => format!(
            "contiene el control de texto bidireccional U+{:04X}, que cambia cómo se muestra el texto",
            u32::from(*c)
        ),
        TextProblem::Control(c) => format!("contiene el carácter de control U+{:04X}", u32::from(*c)),
        TextProblem::Length(length) => format!("tiene {length} caracteres"),
        TextProblem::HttpPrefix => "empieza por http:// o https://".to_string(),
        TextProblem::FirstNotLetter => "no empieza por una letra".to_string(),
        TextProblem::Character(c) => format!("contiene «{c}»"),
    }
}

/// A text rule in words ("2 to 128 characters, starting with a letter...").
pub fn text_rule(language: Language, rule: TextRule) -> String {
    if language == Language::English {
        return rule.describe();
    }
    let mut text = format!("de {} a {} caracteres", rule.min, rule.max);
    if rule.starts_with_letter {
        text.push_str(", empezando por una letra");
    }
    if let Some(also) = rule.also {
        let listed: Vec<String> = also.chars().map(|c| format!("«{c}»")).collect();
        text.push_str(&format!(", letras, cifras y {}", listed.join(" ")));
    }
    text.push_str(", sin empezar por http:// ni https://");
    text
}

/// The rule set's name as a sentence says it ("the 2020 rules").
pub fn rules_name(language: Language, rules: RuleSet) -> &'static str {
    match (language, rules) {
        (Language::English, RuleSet::Y2020) => "2020",
        (Language::English, RuleSet::Current) => "current",
        (Language::Spanish, RuleSet::Y2020) => "de 2020",
        (Language::Spanish, RuleSet::Current) => "actuales",
    }
}

fn joined<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[allow(
    clippy::too_many_lines,
    reason = "one arm per detail: the Spanish column of ErrorDetail's Display"
)]
fn detail_spanish(detail: &ErrorDetail) -> String {
    use ErrorDetail as D;
    let es = Language::Spanish;
    match detail {
        D::NotACidr { param, value } => format!("{param} «{value}» no es un bloque CIDR (a.b.c.d/n, n ≤ 32)"),
        D::CidrLeadingZeros { param, value } => format!("{param} «{value}» tiene números con ceros a la izquierda, que la API rechaza"),
        D::CidrHostBits { param, value, block } => format!("{param} «{value}» tiene bits de host puestos (el bloque es {block})"),
        D::NotAnAddress { param, value } => format!("{param} «{value}» no es una dirección IPv4"),
        D::NotANumber { param, value, min, max } => format!("{param} «{value}» no es un número entero de {min} a {max}"),
        D::NotFound { noun, id } => format!("no existe {} {id}", with_article(*noun)),
        D::RegionUnknown { region } => format!("{region} no es una región del catálogo"),
        D::RegionClosed { region, rules, since } => format!(
            "{region} ({}) no admite recursos nuevos con las reglas {} (cerrada desde {since})",
            super::places::region_name(es, region),
            rules_name(es, *rules)
        ),
        D::ReservedRange { param, block, range } => format!("{param} {block} toca el rango reservado {range}"),
        D::MaskOutOfRange { block, noun, min, max } => format!("{block}: un bloque de {} tiene una máscara de /{min} a /{max}", noun_spanish(*noun)),
        D::AddressNotInVswitch { address, vswitch, block } => format!("{address} no está en {vswitch} ({block})"),
        D::AddressReserved { address, vswitch, block } => format!("{address} está reservada en {vswitch} ({block}): lo están la primera dirección y las tres últimas"),
        D::AddressTaken { address, owner } => format!("{address} ya la usa {owner}"),
        D::VswitchFull { vswitch, block, usable } => format!("{vswitch} ({block}) no tiene ninguna dirección libre ({usable} utilizables, todas en uso)"),
        D::PublicPoolExhausted { region } => format!("se ha agotado el conjunto de direcciones públicas de {region}"),
        D::StillHasDependants { id, dependants } => {
            let list: Vec<String> = dependants.iter().map(|d| dependant(es, d)).collect();
            format!("{id} todavía tiene {}", list.join(", "))
        }
        D::Unhandled { action } => format!("ningún gestor aplica {action}"),
        D::TextBreaksRule { param, problem, rules, rule } => format!(
            "{param} {}; con las reglas {} debe tener {}",
            text_problem(es, problem),
            rules_name(es, *rules),
            text_rule(es, *rule)
        ),
        D::VpcQuota { region, count, quota } => format!("{region} ya tiene {count} VPC (cuota {quota})"),
        D::InRegionNot { id, region, expected } => format!("{id} está en {region}, no en {expected}"),
        D::Apart { first, first_in, second, second_in } => format!("{first} está en {first_in}, y {second} en {second_in}"),
        D::BelongsToOther { id, vpc, expected } => format!("{id} pertenece a {vpc}, no a {expected}"),
        D::OverlapsVpcBlock { block, existing, vpc } => format!("{block} se solapa con {existing}, que ya es un bloque de {vpc}"),
        D::SecondaryQuota { vpc, quota } => format!("{vpc} ya tiene {quota} bloques secundarios (cuota {quota})"),
        D::ZoneNotInRegion { zone, region, zones } => format!("{zone} no es una zona de {region} (zonas: {})", zones.join(", ")),
        D::NotInsideVpc { block, vpc, blocks } => format!("{block} no está dentro de {vpc} ({})", joined(blocks)),
        D::OverlapsVswitch { block, vswitch, vswitch_block } => format!("{block} se solapa con {vswitch} ({vswitch_block})"),
        D::ContainsRouteDestination { block, entry, destination } => format!("{block} contiene el destino de la entrada de ruta {entry} ({destination})"),
        D::VswitchQuota { vpc, count, quota, rules } => format!("{vpc} ya tiene {count} VSwitches (cuota {quota} con las reglas {})", rules_name(es, *rules)),
        D::NextHopTypeUnknown { value } => format!("NextHopType «{value}» no es Instance, VpnGateway, NatGateway ni RouterInterface"),
        D::NextHopWrongType { id, actual, stated } => format!("{id} es de tipo {actual}, no {stated}"),
        D::NextHopElsewhere { id, vpc, table } => format!("{id} no pertenece a {vpc} ({table})"),
        D::RouteInCloudServices { block, services } => format!("{block} está dentro de {services}, el bloque de servicios en la nube de la tabla de rutas del sistema"),
        D::RouteInVswitch { block, vswitch, vswitch_block } => format!("{block} está dentro del bloque de {vswitch} ({vswitch_block}), que tiene una ruta del sistema"),
        D::RouteRepeated { table, block, entry, nat_gateway } => {
            let origin = nat_gateway
                .as_ref()
                .map_or(String::new(), |gateway| format!(", añadida con el NAT Gateway {gateway}"));
            format!("{table} ya tiene una ruta hacia {block} (entrada {entry}{origin})")
        }
        D::RouteQuota { table, quota } => format!("{table} ya tiene {quota} entradas personalizadas (cuota {quota})"),
        D::NoCustomRoute { table, block } => format!("{table} no tiene ninguna ruta personalizada hacia {block}"),
        D::DeleteRouteNeedsIds => "DeleteRouteEntry necesita RouteEntryId, o RouteTableId y DestinationCidrBlock".to_string(),
        D::GroupTypeUnknown { value } => format!("SecurityGroupType «{value}» no es normal ni enterprise"),
        D::InnerPolicyUnknown { value } => format!("InnerAccessPolicy «{value}» no es Accept ni Drop"),
        D::EnterpriseIsolates { group } => format!("{group} es un grupo avanzado (empresarial): sus miembros siempre están aislados entre sí"),
        D::PortRangeMalformed { value } => format!("PortRange «{value}» no son dos números enteros separados por una barra, como 22/22"),
        D::PortRangeForPorts { value, protocol } => format!("PortRange «{value}» no vale para {protocol}: usa desde/hasta con 1 <= desde <= hasta <= 65535"),
        D::PortRangeForPortless { value, protocol } => format!("PortRange «{value}» no vale para {protocol}: {protocol} lleva exactamente -1/-1"),
        D::IpProtocolUnknown { value } => format!("IpProtocol «{value}» no es tcp, udp, icmp, gre ni all"),
        D::PolicyUnknown { value } => format!("Policy «{value}» no es accept ni drop"),
        D::EnterpriseNamesGroup { group, param } => format!("{group} es un grupo avanzado (empresarial): sus reglas nombran bloques de direcciones, no grupos de seguridad ({param})"),
        D::RuleNeedsPeer { cidr_param, group_param } => format!("una regla necesita {cidr_param} o {group_param}"),
        D::NoSuchRule { group } => format!("{group} no tiene esa regla"),
        D::NoNatPublicIp { instance } => format!("{instance} no tiene ninguna NatPublicIP que convertir"),
        D::EipTargetTypeUnknown { value } => format!("InstanceType «{value}» no es EcsInstance, Nat ni SlbInstance"),
        D::EipAlreadyBound { eip, bound_to } => format!("{eip} ya está asociada a {bound_to}"),
        D::HasPublicAddress { instance, address } => format!("{instance} ya tiene la dirección pública {address}"),
        D::EipUnbound { eip } => format!("{eip} no está asociada a nada"),
        D::EipBoundElsewhere { eip, bound_to, instance } => format!("{eip} está asociada a {bound_to}, no a {instance}"),
        D::EipStillBound { eip, bound_to } => format!("{eip} está asociada a {bound_to}; desasóciala primero"),
        D::NatNeedsVswitch => "VSwitchId es obligatorio: un NAT Gateway de Internet mejorado toma una dirección privada de un VSwitch".to_string(),
        D::NotBoundToGateway { param, address, gateway } => format!("{param} {address} no es una EIP asociada a {gateway}"),
        D::SnatSourceChoice => "una entrada SNAT lleva exactamente uno de SourceVSwitchId y SourceCIDR".to_string(),
        D::SnatSourceTaken { source, vswitch_of_block, entry, table } => {
            let of = vswitch_of_block
                .as_ref()
                .map_or(String::new(), |vswitch| format!(" (el bloque de {vswitch})"));
            format!("{source}{of} ya es el origen de la entrada SNAT {entry} en {table}")
        }
        D::PortAnyMismatch { param, value, any_protocol: true } => format!("{param} «{value}»: IpProtocol Any traduce todos los puertos, así que el puerto es Any también"),
        D::PortAnyMismatch { param, value, any_protocol: false } => format!("{param} «{value}»: Any solo es un puerto con IpProtocol Any"),
        D::ForwardProtocolUnknown { value } => format!("IpProtocol «{value}» no es TCP, UDP ni Any"),
        D::InternalIpOutsideVpc { address, vpc } => format!("InternalIp {address} está fuera de los bloques de {vpc}"),
        D::ForwardPublicTaken { table, protocol, address, port, entry } => format!("{table} ya reenvía {protocol} {address}:{port} (entrada {entry})"),
        D::ForwardPrivateTaken { table, protocol, address, port, entry } => format!("{table} ya reenvía hacia {protocol} {address}:{port} (entrada {entry})"),
        D::BandwidthNotOffered { bandwidth } => format!("Bandwidth {bandwidth} no es 5, 10, 20, 50, 100, 200, 500 ni 1000 (Mbit/s)"),
        D::VpnGatewayQuota { vpc, quota } => format!("{vpc} ya tiene {quota} VPN Gateway (cuota {quota})"),
        D::AddressNotPublic { address, range } => format!("{address} está en {range}: no es una dirección pública"),
        D::AsnReserved { asn } => format!("el número de AS {asn} está reservado por Alibaba Cloud"),
        D::AddressRegistered { address, gateway } => format!("{address} ya es el gateway de cliente {gateway}"),
        D::AddressTypeUnknown { value } => format!("AddressType «{value}» no es intranet ni internet"),
        D::BackendsEmpty => "BackendServers está vacío".to_string(),
        D::BackendElsewhere { server, vpc, load_balancer } => format!("{server} está en {vpc}, y {load_balancer} en otra VPC"),
        D::EngineUnknown { value, engines } => format!("Engine «{value}» no es ninguno de {engines}"),
        D::TraceProtocolUnknown { value } => format!("Protocol «{value}» no es tcp, udp, icmp, gre ni all"),
        D::TracePortMalformed { value, min, max } => format!("Port «{value}» no es un número de puerto de {min} a {max}"),
        D::TraceDidNotRun => "el trazado no se ha ejecutado".to_string(),
    }
}

/// A kind of resource with its article, for "no existe la VPC …".
fn with_article(noun: Noun) -> String {
    let feminine = matches!(
        noun,
        Noun::Vpc
            | Noun::Instance
            | Noun::Eip
            | Noun::EipTarget
            | Noun::RouteTable
            | Noun::RouteEntry
            | Noun::NatTable
            | Noun::SnatEntry
            | Noun::DnatEntry
            | Noun::BoundEip
            | Noun::IpsecConnection
            | Noun::RdsInstance
    );
    let article = if feminine { "la" } else { "el" };
    format!("{article} {}", noun_spanish(noun))
}
