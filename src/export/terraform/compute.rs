//! ECS instances, EIPs and their bindings, CLBs with their back ends, RDS instances.

use super::hcl::{Block, Expr};
use super::{region_of_vswitch, Output, Variable};
use crate::model::{AddressType, EipTargetType};

/// ECS instances. A bandwidth above 0 makes the provider give the instance a public
/// address, as vpclab's NatPublicIP; an instance without one (its NatPublicIP converted to
/// an EIP) is written with 0, since Alibaba binds no EIP to an instance that has a public
/// address.
pub(super) fn instances(out: &mut Output<'_>) {
    let topology = out.topology;
    for instance in topology.instances().values() {
        let region = region_of_vswitch(topology, &instance.vswitch_id);
        let groups = instance
            .security_group_ids
            .iter()
            .map(|group| Expr::attribute("alicloud_security_group", group, "id"))
            .collect();
        let image = out.image(&region);
        let instance_type = out.variable(Variable::InstanceType);
        let bandwidth = if instance.nat_public_ip.is_some() {
            instance.internet_max_bandwidth_out
        } else {
            0
        };
        let mut block = out.resource("alicloud_instance", &instance.id, &region);
        if bandwidth != instance.internet_max_bandwidth_out {
            block = block.comment(&format!(
                "vpclab's bandwidth of {} Mbit/s without a NatPublicIP (converted to an EIP) is 0 here: a bandwidth would give the instance a public address.",
                instance.internet_max_bandwidth_out
            ));
        }
        let block = block
            .name("instance_name", &instance.name)
            .attr("image_id", image)
            .attr("instance_type", instance_type)
            .attr(
                "vswitch_id",
                Expr::attribute("alicloud_vswitch", &instance.vswitch_id, "id"),
            )
            .attr(
                "private_ip",
                Expr::str(instance.private_ip_address.to_string()),
            )
            .attr("security_groups", Expr::List(groups))
            .attr("instance_charge_type", Expr::str("PostPaid"))
            .attr("internet_charge_type", Expr::str("PayByTraffic"))
            .attr(
                "internet_max_bandwidth_out",
                Expr::Number(u64::from(bandwidth)),
            );
        out.push(&block);
    }
}

/// The resource kind an EIP is bound to, and the provider's `instance_type` for it.
fn binding_target(kind: EipTargetType) -> (&'static str, &'static str) {
    match kind {
        EipTargetType::EcsInstance => ("alicloud_instance", "EcsInstance"),
        EipTargetType::Nat => ("alicloud_nat_gateway", "Nat"),
        EipTargetType::SlbInstance => ("alicloud_slb_load_balancer", "SlbInstance"),
    }
}

/// EIPs, and an `alicloud_eip_association` (labelled like the EIP) for each bound one.
pub(super) fn eips(out: &mut Output<'_>) {
    let topology = out.topology;
    for eip in topology.eips().values() {
        let block = out
            .resource("alicloud_eip_address", &eip.id, &eip.region_id)
            .name("address_name", &eip.name)
            .attr("bandwidth", Expr::str(eip.bandwidth.to_string()))
            .attr("payment_type", Expr::str("PayAsYouGo"))
            .attr("internet_charge_type", Expr::str("PayByBandwidth"));
        out.push(&block);
        if let Some(binding) = &eip.binding {
            let (kind, instance_type) = binding_target(binding.instance_type);
            let block = out
                .resource("alicloud_eip_association", &eip.id, &eip.region_id)
                .attr(
                    "allocation_id",
                    Expr::attribute("alicloud_eip_address", &eip.id, "id"),
                )
                .attr(
                    "instance_id",
                    Expr::attribute(kind, &binding.instance_id, "id"),
                )
                .attr("instance_type", Expr::str(instance_type));
            out.push(&block);
        }
    }
}

/// CLBs and, for each with back ends, one `alicloud_slb_backend_server` (labelled like
/// the CLB).
pub(super) fn load_balancers(out: &mut Output<'_>) {
    let topology = out.topology;
    for balancer in topology.load_balancers().values() {
        let region = region_of_vswitch(topology, &balancer.vswitch_id);
        let spec = out.variable(Variable::ClbSpec);
        let mut block = out.resource("alicloud_slb_load_balancer", &balancer.id, &region);
        if balancer.address_type == AddressType::Internet {
            block = block.comment(&format!(
                "An internet CLB takes no VSwitch in the provider: its place in {} ({}) is not exported.",
                balancer.vswitch_id, balancer.address
            ));
        }
        let block = block.name("load_balancer_name", &balancer.name);
        let block = match balancer.address_type {
            AddressType::Intranet => block
                .attr("address_type", Expr::str("intranet"))
                .attr(
                    "vswitch_id",
                    Expr::attribute("alicloud_vswitch", &balancer.vswitch_id, "id"),
                )
                .attr("address", Expr::str(balancer.address.to_string())),
            AddressType::Internet => block.attr("address_type", Expr::str("internet")),
        };
        let block = block
            .attr("load_balancer_spec", spec)
            .attr("payment_type", Expr::str("PayAsYouGo"));
        out.push(&block);
        if balancer.backend_servers.is_empty() {
            continue;
        }
        let mut block = out
            .resource("alicloud_slb_backend_server", &balancer.id, &region)
            .attr(
                "load_balancer_id",
                Expr::attribute("alicloud_slb_load_balancer", &balancer.id, "id"),
            );
        for server in &balancer.backend_servers {
            block = block.block(
                Block::new("backend_servers")
                    .attr(
                        "server_id",
                        Expr::attribute("alicloud_instance", &server.server_id, "id"),
                    )
                    .attr("weight", Expr::Number(u64::from(server.weight))),
            );
        }
        out.push(&block);
    }
}

/// RDS instances; the class, storage and engine version come from variables.
pub(super) fn databases(out: &mut Output<'_>) {
    let topology = out.topology;
    for database in topology.db_instances().values() {
        let region = region_of_vswitch(topology, &database.vswitch_id);
        out.variable(Variable::RdsEngineVersion);
        let version = Expr::Index(
            format!("var.{}", Variable::RdsEngineVersion.name()),
            database.engine.clone(),
        );
        let class = out.variable(Variable::RdsInstanceType);
        let storage = out.variable(Variable::RdsInstanceStorage);
        let block = out
            .resource("alicloud_db_instance", &database.id, &region)
            .name("instance_name", &database.name)
            .attr("engine", Expr::str(&database.engine))
            .attr("engine_version", version)
            .attr("instance_type", class)
            .attr("instance_storage", storage)
            .attr("instance_charge_type", Expr::str("Postpaid"))
            .attr(
                "vswitch_id",
                Expr::attribute("alicloud_vswitch", &database.vswitch_id, "id"),
            )
            .attr(
                "private_ip_address",
                Expr::str(database.private_ip_address.to_string()),
            );
        out.push(&block);
    }
}
