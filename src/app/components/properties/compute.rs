//! The sections of ECS instances, EIPs and security groups. Security groups are not drawn:
//! an instance lists its groups as links that select them, and a group lists its rules,
//! each with the call that revokes it, and its members as links back.

use yew::prelude::*;

use super::Panel;
use crate::app::i18n::{action_title, Language};
use crate::model::entity::{
    Direction, Eip, Instance, Policy, RulePeer, SecurityGroup, SecurityGroupType,
};
use crate::model::trace::fix;
use crate::model::{request_line, ActionKind, Command, ElementId};

impl Panel<'_> {
    pub(super) fn instance(&self, instance: &Instance) -> Html {
        let eip = self.topology.eip_of(&instance.id);
        let mut rows = vec![
            self.row("InstanceId", instance.id.clone()),
            self.row(self.l("Name", "Nombre"), instance.name.clone()),
            self.row("VSwitchId", instance.vswitch_id.clone()),
            self.row("PrivateIpAddress", instance.private_ip_address.to_string()),
            self.row(
                "InternetMaxBandwidthOut",
                format!("{} Mbps", instance.internet_max_bandwidth_out),
            ),
            self.group_links(instance),
        ];
        if let Some(address) = instance.nat_public_ip {
            rows.push(self.row("PublicIpAddress (NatPublicIP)", address.to_string()));
        }
        if let Some(eip) = eip {
            rows.push(self.row("EipAddress", format!("{} ({})", eip.ip_address, eip.id)));
        }
        let mut actions = match (instance.nat_public_ip, eip) {
            (Some(_), _) => self.nat_public_ip_actions(instance),
            (None, Some(eip)) => vec![self.apply_button(
                self.l("Unassociate EIP", "Desasociar EIP"),
                Command::UnassociateEipAddress {
                    allocation_id: eip.id.clone(),
                    instance_id: Some(instance.id.clone()),
                },
            )],
            (None, None) => vec![self.form_button(ActionKind::AssociateEipAddress)],
        };
        actions.push(self.form_button(ActionKind::ModifyInstanceNetworkSpec));
        // Security groups are not drawn: their forms open from a member.
        actions.push(self.form_button(ActionKind::AuthorizeSecurityGroup));
        if self.is_basic_group_member(instance) {
            actions.push(self.form_button(ActionKind::ModifySecurityGroupPolicy));
        }
        self.section(
            format!("ECS {}", instance.name),
            rows,
            actions,
            self.delete_button(&instance.id, format!("ECS {}", instance.name)),
        )
    }

    /// A NatPublicIP can be converted or released, never unbound, and keeps out an EIP.
    fn nat_public_ip_actions(&self, instance: &Instance) -> Vec<Html> {
        vec![
            self.apply_button(
                self.l("Convert NatPublicIP to EIP", "Convertir NatPublicIP en EIP"),
                Command::ConvertNatPublicIpToEip {
                    instance_id: instance.id.clone(),
                },
            ),
            self.apply_button(
                self.l(
                    "Set bandwidth to 0 (releases the NatPublicIP)",
                    "Ancho de banda a 0 (libera la NatPublicIP)",
                ),
                Command::ModifyInstanceNetworkSpec {
                    instance_id: instance.id.clone(),
                    internet_max_bandwidth_out: "0".into(),
                },
            ),
            self.forbidden(
                self.l("Unbind public IP", "Desvincular IP pública"),
                self.l("A NatPublicIP can't be unbound, only released (set the bandwidth to 0) or converted to an EIP.",
                  "Una NatPublicIP no se puede desvincular, solo liberar (ancho de banda a 0) o convertir en EIP."),
            ),
            self.forbidden(
                action_title(self.language, ActionKind::AssociateEipAddress),
                self.l("An instance with a NatPublicIP can't take an EIP (InvalidInstance.HasPublicIp).",
                  "Una instancia con NatPublicIP no puede recibir una EIP (InvalidInstance.HasPublicIp)."),
            ),
        ]
    }

    pub(super) fn eip(&self, eip: &Eip) -> Html {
        let bound = eip
            .binding
            .as_ref()
            .map(|binding| format!("{} ({})", binding.instance_id, binding.instance_type.name()))
            .unwrap_or_else(|| self.l("not bound", "sin asociar").to_owned());
        let rows = vec![
            self.row("AllocationId", eip.id.clone()),
            self.row("EipAddress", eip.ip_address.to_string()),
            self.row("RegionId", eip.region_id.clone()),
            self.row("Bandwidth", format!("{} Mbps", eip.bandwidth)),
            self.row(self.l("Bound to", "Asociada a"), bound),
        ];
        let mut actions = Vec::new();
        match &eip.binding {
            Some(binding) => actions.push(self.apply_button(
                self.l("Unassociate", "Desasociar"),
                Command::UnassociateEipAddress {
                    allocation_id: eip.id.clone(),
                    instance_id: Some(binding.instance_id.clone()),
                },
            )),
            None => actions.push(self.form_button(ActionKind::AssociateEipAddress)),
        }
        // Release is offered even while bound, disabled with the model's reason.
        let release = Command::ReleaseEipAddress {
            allocation_id: eip.id.clone(),
        };
        actions.push(self.apply_button(self.l("Release", "Liberar"), release));
        self.section(
            format!("EIP {}", eip.ip_address),
            rows,
            actions,
            Html::default(),
        )
    }

    pub(super) fn security_group(&self, group: &SecurityGroup) -> Html {
        let name = if group.name.is_empty() {
            group.id.clone()
        } else {
            group.name.clone()
        };
        let kind = match (group.group_type, group.is_default) {
            (SecurityGroupType::Normal, false) => self.l("basic", "básico"),
            (SecurityGroupType::Normal, true) => self.l(
                "basic, the VPC's default",
                "básico, el predeterminado de la VPC",
            ),
            (SecurityGroupType::Enterprise, _) => self.l("enterprise", "empresarial"),
        };
        let rows = vec![
            self.row("SecurityGroupId", group.id.clone()),
            self.row(self.l("Name", "Nombre"), group.name.clone()),
            self.row("SecurityGroupType", kind),
            self.row(
                "InnerAccessPolicy",
                group.inner_access_policy.name().to_owned(),
            ),
            self.member_links(group),
        ];
        let mut actions = vec![
            self.form_button(ActionKind::AuthorizeSecurityGroup),
            self.form_button(ActionKind::AuthorizeSecurityGroupEgress),
        ];
        if group.group_type == SecurityGroupType::Normal {
            actions.push(self.form_button(ActionKind::ModifySecurityGroupPolicy));
        }
        html! {
            <div class="selection" data-selected={self.props.selected.to_string()}>
                <h3>{ format!("{} {name}", self.l("Security group", "Grupo de seguridad")) }</h3>
                <dl>{ for rows }</dl>
                <h4 class="rules-title">{ self.l("Rules", "Reglas") }</h4>
                { self.rules_table(group) }
                <div class="actions">{ for actions }{ self.delete_button(&group.id, name) }</div>
            </div>
        }
    }

    /// A button that selects `id`.
    fn select_link(&self, id: &str, label: String, testid: &'static str) -> Html {
        let onselect = self.props.onselect.clone();
        let target = ElementId::resource(id);
        html! {
            <button class="link" data-testid={testid} data-id={id.to_owned()}
                onclick={Callback::from(move |_: MouseEvent| onselect.emit(target.clone()))}>{ label }</button>
        }
    }

    /// An instance's security groups, each a link that selects the group.
    fn group_links(&self, instance: &Instance) -> Html {
        let links = instance.security_group_ids.iter().map(|id| {
            let group = self.topology.security_group(id);
            let name = group
                .map(|group| group.name.as_str())
                .filter(|name| !name.is_empty())
                .unwrap_or(id);
            let rules = group.map_or(0, |group| group.rules.len());
            let mut label = format!("{name} ({id})");
            if group.is_some_and(|group| group.is_default) {
                label.push_str(self.l(" · default", " · predeterminado"));
            }
            label.push_str(&match (self.language, rules) {
                (Language::Spanish, 1) => " · 1 regla".to_string(),
                (Language::Spanish, n) => format!(" · {n} reglas"),
                (_, 1) => " · 1 rule".to_string(),
                (_, n) => format!(" · {n} rules"),
            });
            self.select_link(id, label, "group-link")
        });
        html! {
            <div class="prop"><dt>{ "SecurityGroupIds" }</dt>
                <dd data-prop="SecurityGroupIds" class="links">{ for links }</dd></div>
        }
    }

    /// A group's members, each a link that selects the instance.
    fn member_links(&self, group: &SecurityGroup) -> Html {
        let links = self.topology.members_of(&group.id).map(|instance| {
            let label = if instance.name.is_empty() {
                instance.id.clone()
            } else {
                instance.name.clone()
            };
            self.select_link(&instance.id, label, "member-link")
        });
        html! {
            <div class="prop"><dt>{ self.l("Members", "Miembros") }</dt>
                <dd data-prop="Members" class="links">{ for links }</dd></div>
        }
    }

    /// The group's rules (direction, policy, protocol, ports, peer, priority), each with
    /// the call that revokes it.
    fn rules_table(&self, group: &SecurityGroup) -> Html {
        if group.rules.is_empty() {
            return html! { <p class="muted" data-testid="no-rules">{ self.l(
                "No rules yet: the group type decides (a basic group lets everything out and nothing in from outside the group).",
                "Aún no hay reglas: decide el tipo de grupo (uno básico deja salir todo y no deja entrar nada de fuera del grupo).",
            ) }</p> };
        }
        let rows = group.rules.iter().map(|rule| {
            let (direction, way) = match rule.direction {
                Direction::Ingress => (self.l("in", "entrada"), self.l("from", "desde")),
                Direction::Egress => (self.l("out", "salida"), self.l("to", "hacia")),
            };
            let policy = match rule.policy {
                Policy::Accept => self.l("accept", "aceptar"),
                Policy::Drop => self.l("drop", "descartar"),
            };
            let ports = if rule.ip_protocol.has_ports() {
                rule.port_range.to_string()
            } else {
                "-1/-1".to_owned()
            };
            let peer = match &rule.peer {
                RulePeer::Cidr(block) => block.to_string(),
                RulePeer::Group(id) => id.clone(),
            };
            let revoke = fix::revoke(&group.id, rule);
            let label = format!(
                "{} {direction} {} {ports} {way} {peer}",
                self.l("Revoke the rule", "Revocar la regla"),
                rule.ip_protocol.name()
            );
            let title = format!("{}: {}", self.l("Revoke", "Revocar"), request_line(&revoke));
            let onapply = self.props.onapply.clone();
            let action = revoke.action().api_name();
            let onclick = Callback::from(move |_: MouseEvent| onapply.emit(vec![revoke.clone()]));
            html! {
                <tr data-testid="rule">
                    <td>{ direction }</td><td>{ policy }</td><td>{ rule.ip_protocol.name() }</td>
                    <td>{ ports }</td><td class="peer">{ format!("{way} {peer}") }</td><td>{ rule.priority }</td>
                    <td><button class="revoke" data-action={action} aria-label={label} {title} {onclick}>{ "✕" }</button></td>
                </tr>
            }
        });
        html! {
            <table class="rules" data-testid="rules">
                <thead><tr>
                    <th>{ self.l("Dir.", "Dir.") }</th><th>{ self.l("Policy", "Política") }</th>
                    <th>{ self.l("Proto.", "Proto.") }</th><th>{ self.l("Ports", "Puertos") }</th>
                    <th>{ self.l("Peer", "Origen o destino") }</th><th>{ self.l("Prio.", "Prio.") }</th><th></th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        }
    }

    /// Whether an instance's first group is a basic one (whose internal policy can change).
    fn is_basic_group_member(&self, instance: &Instance) -> bool {
        instance
            .security_group_ids
            .first()
            .and_then(|id| self.topology.security_group(id))
            .is_some_and(|group| group.group_type == SecurityGroupType::Normal)
    }
}
