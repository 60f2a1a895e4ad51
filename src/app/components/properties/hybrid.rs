//! The sections of NAT and VPN gateways, data centres and Express Connect border routers.

use yew::prelude::*;

use super::Panel;
use crate::model::entity::{DataCenter, NatGateway, VirtualBorderRouter, VpnGateway};
use crate::model::ActionKind;

impl Panel<'_> {
    pub(super) fn nat_gateway(&self, gateway: &NatGateway) -> Html {
        let rows = vec![
            self.row("NatGatewayId", gateway.id.clone()),
            self.row(self.l("Name", "Nombre"), gateway.name.clone()),
            self.row("SnatTableId", gateway.snat_table_id.clone()),
            self.row("ForwardTableId", gateway.forward_table_id.clone()),
            self.row(
                self.l("SNAT entries", "Entradas SNAT"),
                gateway.snat_entries.len().to_string(),
            ),
            self.row(
                self.l("DNAT entries", "Entradas DNAT"),
                gateway.forward_entries.len().to_string(),
            ),
        ];
        let actions = [
            ActionKind::AssociateEipAddress,
            ActionKind::CreateSnatEntry,
            ActionKind::CreateForwardEntry,
        ]
        .into_iter()
        .map(|action| self.form_button(action))
        .collect();
        self.section(
            format!("NAT {}", gateway.name),
            rows,
            actions,
            self.delete_button(&gateway.id, gateway.name.clone()),
        )
    }

    pub(super) fn vpn_gateway(&self, gateway: &VpnGateway) -> Html {
        let rows = vec![
            self.row("VpnGatewayId", gateway.id.clone()),
            self.row(self.l("Name", "Nombre"), gateway.name.clone()),
            self.row("PublicIpAddress", gateway.public_ip_address.to_string()),
            self.row("VpcId", gateway.vpc_id.clone()),
        ];
        self.section(
            format!("VPN {}", gateway.name),
            rows,
            vec![self.form_button(ActionKind::CreateVpnConnection)],
            self.delete_button(&gateway.id, gateway.name.clone()),
        )
    }

    pub(super) fn data_center(&self, centre: &DataCenter) -> Html {
        let rows = vec![
            self.row("DataCenterId", centre.id.clone()),
            self.row(self.l("Name", "Nombre"), centre.name.clone()),
            self.row("CidrBlock", centre.cidr_block.to_string()),
        ];
        let actions = [
            ActionKind::CreateCustomerGateway,
            ActionKind::CreateVirtualBorderRouter,
        ]
        .into_iter()
        .map(|action| self.form_button(action))
        .collect();
        self.section(
            centre.name.clone(),
            rows,
            actions,
            self.delete_button(&centre.id, centre.name.clone()),
        )
    }

    pub(super) fn vbr(&self, vbr: &VirtualBorderRouter) -> Html {
        let rows = vec![
            self.row("VbrId", vbr.id.clone()),
            self.row("VlanId", vbr.vlan_id.to_string()),
            self.row("VpcId", vbr.vpc_id.clone().unwrap_or_default()),
            self.row(
                "DataCenterId",
                vbr.data_center_id.clone().unwrap_or_default(),
            ),
        ];
        self.section(
            format!("VBR {}", vbr.name),
            rows,
            vec![self.form_button(ActionKind::CreateRouteEntry)],
            self.delete_button(&vbr.id, vbr.name.clone()),
        )
    }
}
