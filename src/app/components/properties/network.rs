//! The sections of regions, zone columns, OSS endpoints, VPCs, VRouters and VSwitches.

use yew::prelude::*;

use super::Panel;
use crate::model::entity::{Vpc, Vswitch};
use crate::model::{catalog, ActionKind, Command, SystemTarget};

impl Panel<'_> {
    pub(super) fn vpc(&self, vpc: &Vpc) -> Html {
        let topology = self.topology;
        let region = catalog::region(&vpc.region_id);
        let quotas = topology.rules().quotas();
        let mut rows = vec![
            self.row("VpcId", vpc.id.clone()),
            self.row(self.l("Name", "Nombre"), vpc.name.clone()),
            self.row("RegionId", vpc.region_id.clone()),
            self.row("CidrBlock", vpc.cidr_block.to_string()),
        ];
        if !vpc.secondary_cidr_blocks.is_empty() {
            let blocks: Vec<String> = vpc
                .secondary_cidr_blocks
                .iter()
                .map(|b| b.to_string())
                .collect();
            rows.push(self.row("SecondaryCidrBlocks", blocks.join(", ")));
        }
        rows.push(self.row("VRouterId", vpc.vrouter_id.clone()));
        rows.push(self.row(
            self.l("VSwitches", "VSwitches"),
            format!(
                "{} / {}",
                topology.vswitches_of(&vpc.id).count(),
                quotas.vswitches_per_vpc
            ),
        ));
        if let Some(region) = region.filter(|region| !topology.rules().is_open(region)) {
            rows.push(self.row(
                self.l("Region status", "Estado de la región"),
                format!(
                    "{} {}",
                    self.l(
                        "closed to new resources since",
                        "cerrada a nuevos recursos desde"
                    ),
                    region.closed_since.unwrap_or("—")
                ),
            ));
        }
        let actions = [
            ActionKind::CreateVSwitch,
            ActionKind::AssociateVpcCidrBlock,
            ActionKind::CreateRouteEntry,
            ActionKind::CreateSecurityGroup,
            ActionKind::CreateNatGateway,
            ActionKind::CreateVpnGateway,
        ]
        .into_iter()
        .map(|action| self.form_button(action))
        .collect();
        self.section(
            format!("VPC {}", vpc.name),
            rows,
            actions,
            self.delete_button(&vpc.id, format!("VPC {}", vpc.name)),
        )
    }

    /// The VRouter shows the route table: the system routes, then the custom entries (each
    /// with a button that deletes it).
    pub(super) fn vrouter(&self, vpc: &Vpc) -> Html {
        let l = |en, es| self.l(en, es);
        let routes = self.topology.system_routes(&vpc.id);
        let table = html! {
            <table class="routes" data-testid="route-table">
                <thead><tr><th>{ l("Destination", "Destino") }</th><th>{ l("Next hop", "Siguiente salto") }</th><th>{ l("Type", "Tipo") }</th></tr></thead>
                <tbody>
                    { for routes.iter().map(|route| {
                        let hop = match &route.target {
                            SystemTarget::Vswitch(vswitch) => vswitch.clone(),
                            SystemTarget::CloudServices => l("cloud services", "servicios en la nube").to_owned(),
                        };
                        html! { <tr><td><code>{ route.destination_cidr_block.to_string() }</code></td><td>{ hop }</td><td>{ l("System", "Sistema") }</td></tr> }
                    }) }
                    { for vpc.route_entries.iter().map(|entry| {
                        let onapply = self.props.onapply.clone();
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
                                <button class="link-button" title={ActionKind::DeleteRouteEntry.api_name()}
                                    onclick={Callback::from(move |_: MouseEvent| onapply.emit(vec![command.clone()]))}>{ "×" }</button></td>
                        </tr> }
                    }) }
                </tbody>
            </table>
        };
        let rows = vec![
            self.row("VRouterId", vpc.vrouter_id.clone()),
            self.row("RouteTableId", vpc.route_table_id.clone()),
            self.row("VpcId", vpc.id.clone()),
            table,
        ];
        self.section(
            "VRouter".to_owned(),
            rows,
            vec![self.form_button(ActionKind::CreateRouteEntry)],
            Html::default(),
        )
    }

    pub(super) fn vswitch(&self, vswitch: &Vswitch) -> Html {
        let topology = self.topology;
        let used = topology.used_addresses(&vswitch.id).count();
        let rows = vec![
            self.row("VSwitchId", vswitch.id.clone()),
            self.row(self.l("Name", "Nombre"), vswitch.name.clone()),
            self.row("ZoneId", vswitch.zone_id.clone()),
            self.row("CidrBlock", vswitch.cidr_block.to_string()),
            self.row(
                self.l("Addresses used", "Direcciones usadas"),
                used.to_string(),
            ),
            self.row(
                self.l("Addresses free", "Direcciones libres"),
                topology.free_hosts(&vswitch.id).to_string(),
            ),
            self.row(
                self.l("Reserved", "Reservadas"),
                self.l(
                    "first address and last three",
                    "la primera y las tres últimas",
                ),
            ),
        ];
        let mut actions: Vec<Html> = [
            ActionKind::RunInstances,
            ActionKind::CreateLoadBalancer,
            ActionKind::CreateDBInstance,
        ]
        .into_iter()
        .map(|action| self.form_button(action))
        .collect();
        let expanded = self.props.expanded;
        if topology.instances_of(&vswitch.id).count() > crate::layout::metrics::COLLAPSE_THRESHOLD
            || expanded
        {
            let ontoggle = self.props.ontoggle.clone();
            let id = vswitch.id.clone();
            let label = if expanded {
                self.l("Collapse in the diagram", "Contraer en el diagrama")
            } else {
                self.l(
                    "Show every instance in the diagram",
                    "Mostrar todas las instancias en el diagrama",
                )
            };
            actions.push(html! {
                <button class="action" data-testid="toggle-expanded"
                    onclick={Callback::from(move |_: MouseEvent| ontoggle.emit(id.clone()))}>{ label }</button>
            });
        }
        self.section(
            format!("VSwitch {}", vswitch.name),
            rows,
            actions,
            self.delete_button(&vswitch.id, format!("VSwitch {}", vswitch.name)),
        )
    }

    /// A region of the catalogue; `None` for one it does not have.
    pub(super) fn region(&self, region_id: &str) -> Option<Html> {
        let topology = self.topology;
        let region = catalog::region(region_id)?;
        let status = if topology.rules().is_open(region) {
            self.l("open", "abierta").to_owned()
        } else {
            format!(
                "{} {}",
                self.l("closed since", "cerrada desde"),
                region.closed_since.unwrap_or("—")
            )
        };
        let rows = vec![
            self.row("RegionId", region.id),
            self.row(self.l("Name", "Nombre"), self.region_name(region.id)),
            self.row(self.l("Zones", "Zonas"), region.zones.join(", ")),
            self.row(self.l("Status", "Estado"), status),
            self.row(
                "VPCs",
                format!(
                    "{} / {}",
                    topology.vpcs_in(region.id).count(),
                    topology.rules().quotas().vpcs_per_region
                ),
            ),
        ];
        let actions = [
            ActionKind::CreateVpc,
            ActionKind::AllocateEipAddress,
            ActionKind::CreateDataCenter,
        ]
        .into_iter()
        .map(|action| self.form_button(action))
        .collect();
        Some(self.section(self.region_name(region.id), rows, actions, Html::default()))
    }

    /// A zone's column inside a VPC: it offers a VSwitch in that zone.
    pub(super) fn zone(&self, vpc: &str, zone: &str) -> Html {
        let rows = vec![self.row("ZoneId", zone), self.row("VpcId", vpc)];
        self.section(
            format!(
                "{} · {zone}",
                crate::text::places::zone_name(self.language.lesson(), zone)
            ),
            rows,
            vec![self.form_button(ActionKind::CreateVSwitch)],
            Html::default(),
        )
    }

    /// A region's OSS endpoint: reached from the VPCs of the region over the cloud
    /// services block, through the system route table. Nothing is created in it.
    pub(super) fn oss(&self, region: &str) -> Html {
        let rows = vec![
            self.row("RegionId", region),
            self.row(
                self.l("Reached over", "Se llega por"),
                catalog::cloud_services_cidr().to_string(),
            ),
        ];
        self.section(format!("OSS {region}"), rows, Vec::new(), Html::default())
    }
}
