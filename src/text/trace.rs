//! A trace in words: why a packet passed each hop ([`HopRule`]) and why it stopped
//! ([`Reason`]), in English (the model's own wording) and in Spanish.

use crate::model::trace::{rule_spanish, HopRule, PublicAddress, Reason};

use super::Language;

/// Why the packet passed a hop.
pub fn hop_rule(language: Language, rule: &HopRule) -> String {
    match language {
        Language::English => rule.to_string(),
        Language::Spanish => hop_rule_spanish(rule),
    }
}

/// Why the packet stopped, naming the elements involved. The model's lessons explain a
/// blocked trace in both languages too, so both wordings of a reason live with it
/// ([`Reason::explanation`], [`Reason::explanation_es`]); this is the UI's one door to them.
pub fn reason(language: Language, reason: &Reason) -> String {
    match language {
        Language::English => reason.explanation(),
        Language::Spanish => reason.explanation_es(),
    }
}

/// A public address and whose it is.
pub fn public_address(language: Language, public: &PublicAddress) -> String {
    if language == Language::English {
        return public.to_string();
    }
    match public {
        PublicAddress::NatPublicIp { address, owner } => {
            format!("la NatPublicIP {address} de {owner}")
        }
        PublicAddress::Eip {
            address,
            eip,
            owner,
        } => format!("la EIP {address} ({eip}) asociada a {owner}"),
        PublicAddress::LoadBalancer { address, owner } => {
            format!("la dirección pública {address} de {owner}")
        }
    }
}

fn blocks(list: &[ipnet::Ipv4Net]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[allow(
    clippy::too_many_lines,
    reason = "one arm per hop rule: the Spanish column of HopRule's Display"
)]
fn hop_rule_spanish(rule: &HopRule) -> String {
    use HopRule as H;
    let es = Language::Spanish;
    match rule {
        H::SecurityGroupRule { group, rule } => format!("regla del grupo de seguridad {group}: {}", rule_spanish(rule)),
        H::SecurityGroupInner { group } => format!("grupo de seguridad {group} (básico, InnerAccessPolicy Accept): sus miembros siempre se alcanzan entre sí"),
        H::SecurityGroupBasicEgress { group } => format!("grupo de seguridad {group} (básico): el tráfico de salida está permitido si ninguna regla dice lo contrario"),
        H::SystemRoute { block, vswitch } => format!("ruta del sistema {block} → {vswitch}"),
        H::CloudServicesRoute { block } => format!("ruta del sistema {block} → servicios en la nube"),
        H::CustomRoute { destination, next_hop, next_hop_type, entry } => format!("ruta personalizada {destination} → {next_hop} ({}, {entry})", next_hop_type.name()),
        H::ToVrouter { target, vswitch, block } => format!("{target} está fuera de {vswitch} ({block}): se envía al VRouter"),
        H::BackToVrouter { target, vswitch, block } => format!("{target} está fuera de {vswitch} ({block}): se devuelve al VRouter"),
        H::Delivered { address, vswitch, block } => format!("{address} está en {vswitch} ({block}): entregado"),
        H::SameVswitch { vswitch, block } => format!("mismo VSwitch {vswitch} ({block}): se entrega directamente, sin pasar por el VRouter"),
        H::OssEndpoint { region, block } => format!("endpoint interno de OSS de {region}, a través de {block}"),
        H::LeavesFrom { public } => format!("{}: la dirección de origen pasa a ser pública", public_address(es, public)),
        H::RouterLeavesFrom { public } => format!("{}: la dirección pública del router", public_address(es, public)),
        H::ToPublic { public } => format!("hacia {}", public_address(es, public)),
        H::GatewayOut { public } => format!("el VRouter es la puerta de enlace de la VPC: envía el tráfico de Internet a través de {}", public_address(es, public)),
        H::ReachesInternet => "llega a Internet desde la dirección pública".to_string(),
        H::AddressedTo { public } => format!("el paquete va dirigido a {}", public_address(es, public)),
        H::ToPrivate { public } => format!("{}: el destino pasa a ser la dirección privada", public_address(es, public)),
        H::GatewayIn { route } => format!("el VRouter es la puerta de enlace de la VPC: recibe el paquete desde la dirección pública; {}", hop_rule_spanish(route)),
        H::TranslatesAnswerBack => "traduce de vuelta la dirección de la respuesta".to_string(),
        H::Snat { entry, source, snat_ip } => format!("entrada SNAT {entry}: {source} → {snat_ip}"),
        H::LeavesBySnat { snat_ip } => format!("sale desde {snat_ip}, la dirección SNAT"),
        H::ToNatEip { address, port, gateway } => format!("hacia {address}:{}, una EIP de {gateway}", any_es(*port)),
        H::Dnat { entry, external_ip, external_port, internal_ip, internal_port, protocol } => format!(
            "entrada DNAT {entry}: {external_ip}:{} → {internal_ip}:{} ({protocol})",
            any_es(*external_port),
            any_es(*internal_port)
        ),
        H::ExpressConnect { vbr, vlan, to } => format!("VBR de Express Connect {vbr} (VLAN {vlan}) → {to}"),
        H::IpsecOut { connection, customer_gateway, local, remote } => {
            let customer = customer_gateway
                .as_ref()
                .map_or(String::new(), |(gateway, address)| format!(" hacia el gateway de cliente {gateway} ({address})"));
            format!("conexión IPsec {connection}{customer}: local {} ↔ remoto {}", blocks(local), blocks(remote))
        }
        H::IpsecIn { connection, remote, local } => format!("conexión IPsec {connection}: remoto {} ↔ local {}", blocks(remote), blocks(local)),
        H::ArrivesIn { host: Some(host), data_center, block } => format!("host {host} en {data_center} ({block})"),
        H::ArrivesIn { host: None, data_center, block } => format!("{data_center} ({block}), destino"),
        H::LeavesThroughCustomerGateway { source, gateway, address } => format!("{source} sale por el gateway de cliente {gateway} ({address})"),
        H::LeavesOverExpressConnect { source } => format!("{source} sale por Express Connect"),
        H::RouterForwards { inbound, outbound } => format!(
            "reenvía el paquete (entrada: {}; salida: {})",
            hop_rule_spanish(inbound),
            hop_rule_spanish(outbound)
        ),
        H::RouterForwardsAnswer => "reenvía la respuesta".to_string(),
        H::ClbSends { load_balancer, address } => format!("el CLB {load_balancer} reenvía a su servidor backend desde 100.64.0.0/10 (escucha en {address})"),
        H::Sends { id, address } => format!("{id} envía desde {address}"),
        H::ClbListens { load_balancer, address, backends } if backends.is_empty() => format!("el CLB {load_balancer} escucha en {address}; todavía no reenvía a ningún servidor backend"),
        H::ClbListens { load_balancer, address, backends } => format!("el CLB {load_balancer} escucha en {address}; reenvía a los servidores backend {}", backends.join(", ")),
        H::RdsAccepts { id, engine, address } => format!("la instancia RDS {id} ({engine}) acepta conexiones en {address}"),
        H::FromClb => "el tráfico del CLB llega desde 100.64.0.0/10, que los grupos de seguridad siempre dejan entrar (Alibaba lo reserva)".to_string(),
        H::AnswerLeaves => "la respuesta sale: los grupos de seguridad tienen estado, no hace falta regla de salida".to_string(),
        H::AnswerComesIn => "la respuesta entra: los grupos de seguridad tienen estado, no hace falta regla de entrada".to_string(),
        H::AnswersFrom { id, address } => format!("{id} responde desde {address}"),
        H::ReceivesAnswer { id } => format!("{id} recibe la respuesta"),
        H::Answers => "responde".to_string(),
        H::TranslatedBack { rule } => format!("{}: traducción de vuelta", hop_rule_spanish(rule)),
        H::AnswerOverInternet => "la respuesta vuelve por Internet, a través de la misma dirección pública".to_string(),
        H::CarriesAnswerBack => "lleva la respuesta de vuelta por la misma conexión".to_string(),
    }
}

fn any_es(port: Option<u16>) -> String {
    port.map_or("cualquiera".to_string(), |port| port.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trace::port_or_any;

    #[test]
    fn an_unknown_port_reads_any_in_english_and_cualquiera_in_spanish() {
        assert_eq!(port_or_any(None), "any");
        assert_eq!(any_es(None), "cualquiera");
        assert_eq!(any_es(Some(80)), "80");
    }
}
