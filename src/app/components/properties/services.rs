//! The sections of CLB load balancers and RDS instances.

use yew::prelude::*;

use super::Panel;
use crate::model::entity::{DbInstance, LoadBalancer};
use crate::model::ActionKind;

impl Panel<'_> {
    pub(super) fn load_balancer(&self, balancer: &LoadBalancer) -> Html {
        let rows = vec![
            self.row("LoadBalancerId", balancer.id.clone()),
            self.row(self.l("Name", "Nombre"), balancer.name.clone()),
            self.row("VSwitchId", balancer.vswitch_id.clone()),
            self.row(
                self.l("Back ends", "Servidores"),
                balancer
                    .backend_servers
                    .iter()
                    .map(|b| b.server_id.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ];
        self.section(
            format!("CLB {}", balancer.name),
            rows,
            vec![
                self.form_button(ActionKind::AddBackendServers),
                self.form_button(ActionKind::AssociateEipAddress),
            ],
            self.delete_button(&balancer.id, balancer.name.clone()),
        )
    }

    pub(super) fn db_instance(&self, database: &DbInstance) -> Html {
        let rows = vec![
            self.row("DBInstanceId", database.id.clone()),
            self.row("Engine", database.engine.clone()),
            self.row("VSwitchId", database.vswitch_id.clone()),
        ];
        self.section(
            format!("RDS {}", database.name),
            rows,
            Vec::new(),
            self.delete_button(&database.id, database.id.clone()),
        )
    }
}
