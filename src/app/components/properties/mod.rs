//! The properties of the selected element and the actions that make sense for it.
//!
//! Actions the rules forbid are shown disabled with the reason. The reason comes from the
//! model itself: each one-click action is dry-run with [`crate::model::apply()`], so the
//! panel never disagrees with what would happen.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::i18n::{action_title, pick, Language};
use crate::app::state::Confirmation;
use crate::model::{self, catalog, editing, Command, Topology};

/// Props of [`Properties`](struct@Properties).
#[derive(Properties, PartialEq)]
pub struct PropertiesProps {
    /// The UI language.
    pub language: Language,
    /// The network.
    pub topology: Rc<Topology>,
    /// The selected element's id.
    pub selected: String,
    /// Opens the form for an action, in the context of the selection.
    pub onform: Callback<&'static str>,
    /// Applies commands as one undoable step.
    pub onapply: Callback<Vec<Command>>,
    /// Asks before deleting with contents.
    pub onconfirm: Callback<Confirmation>,
    /// Whether the selected VSwitch shows all its instances.
    #[prop_or_default]
    pub expanded: bool,
    /// Opens or collapses a VSwitch (by id) in the diagram.
    #[prop_or_default]
    pub ontoggle: Callback<String>,
}

struct Panel<'a> {
    language: Language,
    topology: &'a Topology,
    props: &'a PropertiesProps,
}

impl Panel<'_> {
    fn row(&self, label: &str, value: impl Into<String>) -> Html {
        let value: String = value.into();
        html! { <div class="prop"><dt>{ label }</dt><dd data-prop={label.to_owned()}>{ value }</dd></div> }
    }

    fn form_button(&self, action: &'static str) -> Html {
        let onform = self.props.onform.clone();
        html! {
            <button class="action" data-action={action} onclick={Callback::from(move |_: MouseEvent| onform.emit(action))}>
                { action_title(self.language, action) }
            </button>
        }
    }

    /// A one-click action, disabled with the model's reason when the rules forbid it now.
    fn apply_button(&self, label: &str, command: Command) -> Html {
        let reason = model::apply(self.topology, &command).err();
        let disabled = reason.is_some();
        let title = reason
            .as_ref()
            .map(|error| format!("{}: {error}", error.code()))
            .unwrap_or_else(|| crate::app::state::request_text(&command));
        let onapply = self.props.onapply.clone();
        let action = command.action();
        html! {
            <div class="action-row">
                <button class="action" data-action={action} {disabled} title={title.clone()}
                    onclick={Callback::from(move |_: MouseEvent| onapply.emit(vec![command.clone()]))}>
                    { label.to_owned() }
                </button>
                if let Some(error) = reason {
                    <p class="disabled-reason" data-reason-for={action}>{ error.to_string() }</p>
                }
            </div>
        }
    }

    fn forbidden(&self, label: &str, reason: &str) -> Html {
        html! {
            <div class="action-row">
                <button class="action" disabled=true title={reason.to_owned()}>{ label.to_owned() }</button>
                <p class="disabled-reason">{ reason.to_owned() }</p>
            </div>
        }
    }

    /// Delete: straight away when there is nothing inside, else ask once for the whole plan.
    fn delete_button(&self, subject: String) -> Html {
        let id = &self.props.selected;
        let plan = editing::delete_with_contents(self.topology, id);
        if plan.is_empty() {
            return Html::default();
        }
        let onapply = self.props.onapply.clone();
        let onconfirm = self.props.onconfirm.clone();
        let label = if self.topology.eip(id).is_some() {
            pick(self.language, "Release", "Liberar")
        } else {
            pick(self.language, "Delete", "Eliminar")
        };
        let onclick = Callback::from(move |_: MouseEvent| {
            if plan.len() == 1 {
                onapply.emit(plan.clone());
            } else {
                onconfirm.emit(Confirmation {
                    subject: subject.clone(),
                    commands: plan.clone(),
                });
            }
        });
        html! { <button class="action danger" data-testid="delete" {onclick}>{ label }</button> }
    }

    fn section(&self, title: String, rows: Vec<Html>, actions: Vec<Html>, delete: Html) -> Html {
        html! {
            <div class="selection" data-selected={self.props.selected.clone()}>
                <h3>{ title }</h3>
                <dl>{ for rows }</dl>
                <div class="actions">{ for actions }{ delete }</div>
            </div>
        }
    }
}

/// The properties section for the selected element.
#[component]
pub fn Properties(props: &PropertiesProps) -> Html {
    let topology = &*props.topology;
    let language = props.language;
    let p = Panel {
        language,
        topology,
        props,
    };
    let id = props.selected.as_str();
    let l = |en, es| pick(language, en, es);

    if let Some(vpc) = topology.vpc(id) {
        let region = catalog::region(&vpc.region_id);
        let quotas = topology.rules().quotas();
        let mut rows = vec![
            p.row("VpcId", vpc.id.clone()),
            p.row(l("Name", "Nombre"), vpc.name.clone()),
            p.row("RegionId", vpc.region_id.clone()),
            p.row("CidrBlock", vpc.cidr_block.to_string()),
        ];
        if !vpc.secondary_cidr_blocks.is_empty() {
            let blocks: Vec<String> = vpc
                .secondary_cidr_blocks
                .iter()
                .map(|b| b.to_string())
                .collect();
            rows.push(p.row("SecondaryCidrBlocks", blocks.join(", ")));
        }
        rows.push(p.row("VRouterId", vpc.vrouter_id.clone()));
        rows.push(p.row(
            l("VSwitches", "VSwitches"),
            format!(
                "{} / {}",
                topology.vswitches_of(&vpc.id).count(),
                quotas.vswitches_per_vpc
            ),
        ));
        if let Some(region) = region.filter(|region| !topology.rules().is_open(region)) {
            rows.push(p.row(
                l("Region status", "Estado de la región"),
                format!(
                    "{} {}",
                    l(
                        "closed to new resources since",
                        "cerrada a nuevos recursos desde"
                    ),
                    region.closed_since.unwrap_or("—")
                ),
            ));
        }
        let actions = vec![
            p.form_button("CreateVSwitch"),
            p.form_button("AssociateVpcCidrBlock"),
            p.form_button("CreateRouteEntry"),
            p.form_button("CreateSecurityGroup"),
            p.form_button("CreateNatGateway"),
            p.form_button("CreateVpnGateway"),
        ];
        return p.section(
            format!("VPC {}", vpc.name),
            rows,
            actions,
            p.delete_button(format!("VPC {}", vpc.name)),
        );
    }
    if let Some(vpc) = topology.vpcs().values().find(|vpc| vpc.vrouter_id == id) {
        let routes = topology.system_routes(&vpc.id);
        let table = html! {
            <table class="routes" data-testid="route-table">
                <thead><tr><th>{ l("Destination", "Destino") }</th><th>{ l("Next hop", "Siguiente salto") }</th><th>{ l("Type", "Tipo") }</th></tr></thead>
                <tbody>
                    { for routes.iter().map(|route| {
                        let hop = match &route.target {
                            model::SystemTarget::Vswitch(vswitch) => vswitch.clone(),
                            model::SystemTarget::CloudServices => l("cloud services", "servicios en la nube").to_owned(),
                        };
                        html! { <tr><td><code>{ route.destination_cidr_block.to_string() }</code></td><td>{ hop }</td><td>{ l("System", "Sistema") }</td></tr> }
                    }) }
                    { for vpc.route_entries.iter().map(|entry| {
                        let onapply = props.onapply.clone();
                        let command = Command::DeleteRouteEntry {
                            route_entry_id: Some(entry.id.clone()),
                            route_table_id: Some(vpc.route_table_id.clone()),
                            destination_cidr_block: None,
                            next_hop_id: None,
                        };
                        html! { <tr>
                            <td><code>{ entry.destination_cidr_block.to_string() }</code></td>
                            <td>{ format!("{} ({})", entry.next_hop_id, entry.next_hop_type.name()) }</td>
                            <td>{ l("Custom", "Personalizada") }{ " " }
                                <button class="link-button" title="DeleteRouteEntry"
                                    onclick={Callback::from(move |_: MouseEvent| onapply.emit(vec![command.clone()]))}>{ "×" }</button></td>
                        </tr> }
                    }) }
                </tbody>
            </table>
        };
        let rows = vec![
            p.row("VRouterId", vpc.vrouter_id.clone()),
            p.row("RouteTableId", vpc.route_table_id.clone()),
            p.row("VpcId", vpc.id.clone()),
            table,
        ];
        return p.section(
            "VRouter".to_owned(),
            rows,
            vec![p.form_button("CreateRouteEntry")],
            Html::default(),
        );
    }
    if let Some(vswitch) = topology.vswitch(id) {
        let used = topology.used_addresses(&vswitch.id).count();
        let rows = vec![
            p.row("VSwitchId", vswitch.id.clone()),
            p.row(l("Name", "Nombre"), vswitch.name.clone()),
            p.row("ZoneId", vswitch.zone_id.clone()),
            p.row("CidrBlock", vswitch.cidr_block.to_string()),
            p.row(l("Addresses used", "Direcciones usadas"), used.to_string()),
            p.row(
                l("Addresses free", "Direcciones libres"),
                topology.free_hosts(&vswitch.id).to_string(),
            ),
            p.row(
                l("Reserved", "Reservadas"),
                l(
                    "first address and last three",
                    "la primera y las tres últimas",
                ),
            ),
        ];
        let mut actions = vec![
            p.form_button("RunInstances"),
            p.form_button("CreateLoadBalancer"),
            p.form_button("CreateDBInstance"),
        ];
        if topology.instances_of(&vswitch.id).count() > crate::layout::metrics::COLLAPSE_THRESHOLD
            || props.expanded
        {
            let ontoggle = props.ontoggle.clone();
            let id = vswitch.id.clone();
            let label = if props.expanded {
                l("Collapse in the diagram", "Contraer en el diagrama")
            } else {
                l(
                    "Show every instance in the diagram",
                    "Mostrar todas las instancias en el diagrama",
                )
            };
            actions.push(html! {
                <button class="action" data-testid="toggle-expanded"
                    onclick={Callback::from(move |_: MouseEvent| ontoggle.emit(id.clone()))}>{ label }</button>
            });
        }
        return p.section(
            format!("VSwitch {}", vswitch.name),
            rows,
            actions,
            p.delete_button(format!("VSwitch {}", vswitch.name)),
        );
    }
    if let Some(instance) = topology.instance(id) {
        let eip = topology.eip_of(id);
        let mut rows = vec![
            p.row("InstanceId", instance.id.clone()),
            p.row(l("Name", "Nombre"), instance.name.clone()),
            p.row("VSwitchId", instance.vswitch_id.clone()),
            p.row("PrivateIpAddress", instance.private_ip_address.to_string()),
            p.row(
                "InternetMaxBandwidthOut",
                format!("{} Mbps", instance.internet_max_bandwidth_out),
            ),
            p.row("SecurityGroupIds", instance.security_group_ids.join(", ")),
        ];
        if let Some(address) = instance.nat_public_ip {
            rows.push(p.row("PublicIpAddress (NatPublicIP)", address.to_string()));
        }
        if let Some(eip) = eip {
            rows.push(p.row("EipAddress", format!("{} ({})", eip.ip_address, eip.id)));
        }
        let mut actions = Vec::new();
        match (instance.nat_public_ip, eip) {
            (Some(_), _) => {
                actions.push(p.apply_button(
                    l("Convert NatPublicIP to EIP", "Convertir NatPublicIP en EIP"),
                    Command::ConvertNatPublicIpToEip {
                        instance_id: instance.id.clone(),
                    },
                ));
                actions.push(p.apply_button(
                    l(
                        "Set bandwidth to 0 (releases the NatPublicIP)",
                        "Ancho de banda a 0 (libera la NatPublicIP)",
                    ),
                    Command::ModifyInstanceNetworkSpec {
                        instance_id: instance.id.clone(),
                        internet_max_bandwidth_out: "0".into(),
                    },
                ));
                actions.push(p.forbidden(
                    l("Unbind public IP", "Desvincular IP pública"),
                    l("A NatPublicIP can't be unbound, only released (set the bandwidth to 0) or converted to an EIP.",
                      "Una NatPublicIP no se puede desvincular, solo liberar (ancho de banda a 0) o convertir en EIP."),
                ));
                actions.push(p.forbidden(
                    action_title(language, "AssociateEipAddress"),
                    l("An instance with a NatPublicIP can't take an EIP (InvalidInstance.HasPublicIp).",
                      "Una instancia con NatPublicIP no puede recibir una EIP (InvalidInstance.HasPublicIp)."),
                ));
            }
            (None, Some(eip)) => {
                actions.push(p.apply_button(
                    l("Unassociate EIP", "Desasociar EIP"),
                    Command::UnassociateEipAddress {
                        allocation_id: eip.id.clone(),
                        instance_id: Some(instance.id.clone()),
                    },
                ));
            }
            (None, None) => actions.push(p.form_button("AssociateEipAddress")),
        }
        actions.push(p.form_button("ModifyInstanceNetworkSpec"));
        return p.section(
            format!("ECS {}", instance.name),
            rows,
            actions,
            p.delete_button(format!("ECS {}", instance.name)),
        );
    }
    if let Some(eip) = topology.eip(id) {
        let bound = eip
            .binding
            .as_ref()
            .map(|binding| format!("{} ({})", binding.instance_id, binding.instance_type.name()))
            .unwrap_or_else(|| l("not bound", "sin asociar").to_owned());
        let rows = vec![
            p.row("AllocationId", eip.id.clone()),
            p.row("EipAddress", eip.ip_address.to_string()),
            p.row("RegionId", eip.region_id.clone()),
            p.row("Bandwidth", format!("{} Mbps", eip.bandwidth)),
            p.row(l("Bound to", "Asociada a"), bound),
        ];
        let mut actions = Vec::new();
        match &eip.binding {
            Some(binding) => actions.push(p.apply_button(
                l("Unassociate", "Desasociar"),
                Command::UnassociateEipAddress {
                    allocation_id: eip.id.clone(),
                    instance_id: Some(binding.instance_id.clone()),
                },
            )),
            None => actions.push(p.form_button("AssociateEipAddress")),
        }
        // Release is offered even while bound, disabled with the model's reason.
        let release = Command::ReleaseEipAddress {
            allocation_id: eip.id.clone(),
        };
        actions.push(p.apply_button(l("Release", "Liberar"), release));
        return p.section(
            format!("EIP {}", eip.ip_address),
            rows,
            actions,
            Html::default(),
        );
    }
    if let Some(group) = topology.security_group(id) {
        let mut rows = vec![
            p.row("SecurityGroupId", group.id.clone()),
            p.row(l("Name", "Nombre"), group.name.clone()),
            p.row(
                "SecurityGroupType",
                format!("{:?}", group.group_type).to_lowercase(),
            ),
            p.row(
                l("Members", "Miembros"),
                topology.members_of(&group.id).count().to_string(),
            ),
        ];
        for rule in &group.rules {
            rows.push(p.row(
                l("Rule", "Regla"),
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
        return p.section(
            format!("SG {}", group.name),
            rows,
            vec![p.form_button("AuthorizeSecurityGroup")],
            p.delete_button(group.name.clone()),
        );
    }
    if let Some(gateway) = topology.nat_gateway(id) {
        let rows = vec![
            p.row("NatGatewayId", gateway.id.clone()),
            p.row(l("Name", "Nombre"), gateway.name.clone()),
            p.row("SnatTableId", gateway.snat_table_id.clone()),
            p.row("ForwardTableId", gateway.forward_table_id.clone()),
            p.row(
                l("SNAT entries", "Entradas SNAT"),
                gateway.snat_entries.len().to_string(),
            ),
            p.row(
                l("DNAT entries", "Entradas DNAT"),
                gateway.forward_entries.len().to_string(),
            ),
        ];
        let actions = vec![
            p.form_button("AssociateEipAddress"),
            p.form_button("CreateSnatEntry"),
            p.form_button("CreateForwardEntry"),
        ];
        return p.section(
            format!("NAT {}", gateway.name),
            rows,
            actions,
            p.delete_button(gateway.name.clone()),
        );
    }
    if let Some(gateway) = topology.vpn_gateway(id) {
        let rows = vec![
            p.row("VpnGatewayId", gateway.id.clone()),
            p.row(l("Name", "Nombre"), gateway.name.clone()),
            p.row("PublicIpAddress", gateway.public_ip_address.to_string()),
            p.row("VpcId", gateway.vpc_id.clone()),
        ];
        return p.section(
            format!("VPN {}", gateway.name),
            rows,
            vec![p.form_button("CreateVpnConnection")],
            p.delete_button(gateway.name.clone()),
        );
    }
    if let Some(centre) = topology.data_center(id) {
        let rows = vec![
            p.row("DataCenterId", centre.id.clone()),
            p.row(l("Name", "Nombre"), centre.name.clone()),
            p.row("CidrBlock", centre.cidr_block.to_string()),
        ];
        let actions = vec![
            p.form_button("CreateCustomerGateway"),
            p.form_button("CreateVirtualBorderRouter"),
        ];
        return p.section(
            centre.name.clone(),
            rows,
            actions,
            p.delete_button(centre.name.clone()),
        );
    }
    if let Some(vbr) = topology.virtual_border_router(id) {
        let rows = vec![
            p.row("VbrId", vbr.id.clone()),
            p.row("VlanId", vbr.vlan_id.to_string()),
            p.row("VpcId", vbr.vpc_id.clone().unwrap_or_default()),
            p.row(
                "DataCenterId",
                vbr.data_center_id.clone().unwrap_or_default(),
            ),
        ];
        return p.section(
            format!("VBR {}", vbr.name),
            rows,
            vec![p.form_button("CreateRouteEntry")],
            p.delete_button(vbr.name.clone()),
        );
    }
    if let Some(balancer) = topology.load_balancer(id) {
        let rows = vec![
            p.row("LoadBalancerId", balancer.id.clone()),
            p.row(l("Name", "Nombre"), balancer.name.clone()),
            p.row("VSwitchId", balancer.vswitch_id.clone()),
            p.row(
                l("Back ends", "Servidores"),
                balancer
                    .backend_servers
                    .iter()
                    .map(|b| b.server_id.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ];
        return p.section(
            format!("CLB {}", balancer.name),
            rows,
            vec![
                p.form_button("AddBackendServers"),
                p.form_button("AssociateEipAddress"),
            ],
            p.delete_button(balancer.name.clone()),
        );
    }
    if let Some(database) = topology.db_instance(id) {
        let rows = vec![
            p.row("DBInstanceId", database.id.clone()),
            p.row("Engine", database.engine.clone()),
            p.row("VSwitchId", database.vswitch_id.clone()),
        ];
        return p.section(
            format!("RDS {}", database.name),
            rows,
            Vec::new(),
            p.delete_button(database.id.clone()),
        );
    }
    if let Some(region) = catalog::region(id) {
        let status = if topology.rules().is_open(region) {
            l("open", "abierta").to_owned()
        } else {
            format!(
                "{} {}",
                l("closed since", "cerrada desde"),
                region.closed_since.unwrap_or("—")
            )
        };
        let rows = vec![
            p.row("RegionId", region.id),
            p.row(l("Name", "Nombre"), region.name),
            p.row(l("Zones", "Zonas"), region.zones.join(", ")),
            p.row(l("Status", "Estado"), status),
            p.row(
                "VPCs",
                format!(
                    "{} / {}",
                    topology.vpcs_in(region.id).count(),
                    topology.rules().quotas().vpcs_per_region
                ),
            ),
        ];
        let actions = vec![
            p.form_button("CreateVpc"),
            p.form_button("AllocateEipAddress"),
            p.form_button("CreateDataCenter"),
        ];
        return p.section(region.name.to_owned(), rows, actions, Html::default());
    }
    if let Some((vpc, zone)) = id.split_once('/') {
        let rows = vec![p.row("ZoneId", zone), p.row("VpcId", vpc)];
        return p.section(
            format!("{} {zone}", l("Zone", "Zona")),
            rows,
            vec![p.form_button("CreateVSwitch")],
            Html::default(),
        );
    }
    html! {
        <div class="selection" data-selected={id.to_owned()}>
            <h3>{ id.to_owned() }</h3>
        </div>
    }
}
