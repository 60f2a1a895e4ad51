//! The sections of ECS instances, EIPs and security groups.

use yew::prelude::*;

use super::Panel;
use crate::app::i18n::action_title;
use crate::model::entity::{Eip, Instance, SecurityGroup, SecurityGroupType};
use crate::model::{ActionKind, Command};

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
            self.row("SecurityGroupIds", instance.security_group_ids.join(", ")),
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
        let mut rows = vec![
            self.row("SecurityGroupId", group.id.clone()),
            self.row(self.l("Name", "Nombre"), group.name.clone()),
            self.row(
                "SecurityGroupType",
                format!("{:?}", group.group_type).to_lowercase(),
            ),
            self.row(
                "InnerAccessPolicy",
                group.inner_access_policy.name().to_owned(),
            ),
            self.row(
                self.l("Members", "Miembros"),
                self.topology.members_of(&group.id).count().to_string(),
            ),
        ];
        for rule in &group.rules {
            rows.push(self.row(
                self.l("Rule", "Regla"),
                format!(
                    "{:?} {:?} {} {:?} {:?} p{}",
                    rule.direction,
                    rule.ip_protocol,
                    rule.port_range,
                    rule.peer,
                    rule.policy,
                    rule.priority
                ),
            ));
        }
        let mut actions = vec![self.form_button(ActionKind::AuthorizeSecurityGroup)];
        if group.group_type == SecurityGroupType::Normal {
            actions.push(self.form_button(ActionKind::ModifySecurityGroupPolicy));
        }
        self.section(
            format!("SG {}", group.name),
            rows,
            actions,
            self.delete_button(&group.id, group.name.clone()),
        )
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
