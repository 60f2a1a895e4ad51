//! Cloud services placed in a VSwitch: CLB load balancers with their ECS back ends, and
//! RDS database instances. Both take a private address from their VSwitch like an instance.

use super::{
    claim_private, dependency, find, not_found, optional_ip, optional_number, private_address,
    public_address, release_private, CommandError, ErrorCode, Response, Topology,
};
use crate::model::command::BackendServerParam;
use crate::model::entity::{AddressType, BackendServer, DbInstance, LoadBalancer};
use crate::model::error::{Dependant, ErrorDetail, Noun};
use crate::model::limits;
use crate::model::topology::prefix;

/// The engines CreateDBInstance accepts.
pub const ENGINES: [&str; 4] = ["MySQL", "PostgreSQL", "SQLServer", "MariaDB"];

/// CreateLoadBalancer.
pub(crate) fn create_load_balancer(
    topology: &mut Topology,
    vswitch_id: &str,
    name: Option<&str>,
    address: Option<&str>,
    address_type: Option<&str>,
) -> Result<Response, CommandError> {
    let requested = optional_ip("Address", address)?;
    let address_type = match address_type.unwrap_or("intranet") {
        "intranet" => AddressType::Intranet,
        "internet" => AddressType::Internet,
        other => {
            return Err(CommandError::new(
                ErrorCode::InvalidParameter,
                ErrorDetail::AddressTypeUnknown {
                    value: other.into(),
                },
            ))
        }
    };
    let vswitch = find(&topology.vswitches, Noun::Vswitch, vswitch_id)?;
    let region_id = topology
        .vpc_of_vswitch(vswitch_id)
        .map(|vpc| vpc.region_id.clone())
        .unwrap_or_default();
    let private = private_address(topology, vswitch, requested)?;
    let public = match address_type {
        AddressType::Internet => Some(public_address(topology, &region_id)?),
        AddressType::Intranet => None,
    };
    let id = topology.next_id(prefix::LOAD_BALANCER);
    claim_private(topology, vswitch_id, private, &id);
    if let Some(public) = public {
        topology.claim_public(&region_id, public, &id);
    }
    topology.load_balancers.insert(
        id.clone(),
        LoadBalancer {
            id: id.clone(),
            name: name.unwrap_or_default().to_string(),
            vswitch_id: vswitch_id.to_string(),
            address: private,
            address_type,
            public_ip_address: public,
            backend_servers: Vec::new(),
        },
    );
    let mut response = Response::created("LoadBalancerId", &id).with("Address", private);
    if let Some(public) = public {
        response = response.with("PublicIpAddress", public);
    }
    Ok(response)
}

/// DeleteLoadBalancer: an EIP bound to it must be unbound first.
pub(crate) fn delete_load_balancer(
    topology: &mut Topology,
    id: &str,
) -> Result<Response, CommandError> {
    let lb = find(&topology.load_balancers, Noun::LoadBalancer, id)?.clone();
    let eips: Vec<Dependant> = topology
        .eips_of(id)
        .map(|eip| Dependant::Named {
            noun: Noun::Eip,
            id: eip.id.clone(),
        })
        .collect();
    dependency(id, &eips)?;
    release_private(topology, &lb.vswitch_id, lb.address);
    if let (Some(public), Some(vpc)) = (
        lb.public_ip_address,
        topology.vpc_of_vswitch(&lb.vswitch_id),
    ) {
        let region_id = vpc.region_id.clone();
        topology.release_public(&region_id, public);
    }
    topology.load_balancers.remove(id);
    Ok(Response::default().with("LoadBalancerId", id))
}

/// AddBackendServers: adds back ends, or updates the weight of ones already there.
pub(crate) fn add_backend_servers(
    topology: &mut Topology,
    id: &str,
    servers: &[BackendServerParam],
) -> Result<Response, CommandError> {
    let weights = servers
        .iter()
        .map(|server| {
            optional_number(
                "Weight",
                server.weight.as_deref(),
                limits::DEFAULT_BACKEND_WEIGHT,
                limits::BACKEND_WEIGHT.min,
                limits::BACKEND_WEIGHT.max,
            )
        })
        .collect::<Result<Vec<u32>, CommandError>>()?;
    if servers.is_empty() {
        return Err(CommandError::new(
            ErrorCode::MissingParameter,
            ErrorDetail::BackendsEmpty,
        ));
    }
    let lb = find(&topology.load_balancers, Noun::LoadBalancer, id)?;
    let lb_vpc = topology
        .vpc_of_vswitch(&lb.vswitch_id)
        .map(|vpc| vpc.id.clone());
    for server in servers {
        let vpc = topology
            .vpc_of_instance(&server.server_id)
            .ok_or_else(|| not_found(Noun::Instance, &server.server_id))?;
        if Some(&vpc.id) != lb_vpc.as_ref() {
            return Err(CommandError::new(
                ErrorCode::VpcMismatch,
                ErrorDetail::BackendElsewhere {
                    server: server.server_id.clone(),
                    vpc: vpc.id.clone(),
                    load_balancer: id.into(),
                },
            ));
        }
    }
    if let Some(lb) = topology.load_balancers.get_mut(id) {
        for (server, weight) in servers.iter().zip(weights) {
            let weight = u8::try_from(weight).unwrap_or(100);
            match lb
                .backend_servers
                .iter_mut()
                .find(|b| b.server_id == server.server_id)
            {
                Some(existing) => existing.weight = weight,
                None => lb.backend_servers.push(BackendServer {
                    server_id: server.server_id.clone(),
                    weight,
                }),
            }
        }
    }
    Ok(Response::default().with("LoadBalancerId", id))
}

/// CreateDBInstance.
pub(crate) fn create_db_instance(
    topology: &mut Topology,
    vswitch_id: &str,
    engine: &str,
    description: Option<&str>,
    private_ip_address: Option<&str>,
) -> Result<Response, CommandError> {
    let requested = optional_ip("PrivateIpAddress", private_ip_address)?;
    let Some(engine) = ENGINES
        .iter()
        .find(|known| known.eq_ignore_ascii_case(engine))
    else {
        return Err(CommandError::new(
            ErrorCode::InvalidParameter,
            ErrorDetail::EngineUnknown {
                value: engine.into(),
                engines: ENGINES.join(", "),
            },
        ));
    };
    let vswitch = find(&topology.vswitches, Noun::Vswitch, vswitch_id)?;
    let address = private_address(topology, vswitch, requested)?;
    let id = topology.next_id(prefix::DB_INSTANCE);
    claim_private(topology, vswitch_id, address, &id);
    topology.db_instances.insert(
        id.clone(),
        DbInstance {
            id: id.clone(),
            name: description.unwrap_or_default().to_string(),
            engine: engine.to_string(),
            vswitch_id: vswitch_id.to_string(),
            private_ip_address: address,
        },
    );
    let connection = format!("{id}.{}.rds.aliyuncs.com", engine.to_ascii_lowercase());
    Ok(Response::created("DBInstanceId", &id)
        .with("PrivateIpAddress", address)
        .with("ConnectionString", connection))
}

/// DeleteDBInstance.
pub(crate) fn delete_db_instance(
    topology: &mut Topology,
    id: &str,
) -> Result<Response, CommandError> {
    let db = find(&topology.db_instances, Noun::RdsInstance, id)?.clone();
    release_private(topology, &db.vswitch_id, db.private_ip_address);
    topology.db_instances.remove(id);
    Ok(Response::default().with("DBInstanceId", id))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::apply::test_support::{article_base, attempt, code_of};
    use crate::model::catalog::RuleSet;

    #[test]
    fn load_balancer_with_back_ends() {
        let mut topology = article_base(RuleSet::Y2020);
        attempt(
            &mut topology,
            json!({"Action":"RunInstances","VSwitchId":"vsw-0001"}),
        )
        .expect("vm1");
        attempt(
            &mut topology,
            json!({"Action":"RunInstances","VSwitchId":"vsw-0002"}),
        )
        .expect("vm2");
        let lb = attempt(
            &mut topology,
            json!({"Action":"CreateLoadBalancer","VSwitchId":"vsw-0001"}),
        )
        .expect("lb");
        assert_eq!(lb.field("Address"), Some("192.168.1.2"));
        let add = json!({"Action":"AddBackendServers","LoadBalancerId":"lb-0001","BackendServers":[{"ServerId":"i-0001"},{"ServerId":"i-0002","Weight":"50"}]});
        attempt(&mut topology, add).expect("back ends");
        let as_text = json!({"Action":"AddBackendServers","LoadBalancerId":"lb-0001","BackendServers":"[{\"ServerId\":\"i-0001\",\"Weight\":\"10\"}]"});
        attempt(&mut topology, as_text).expect("Alibaba's string form");
        let lb = topology.load_balancer("lb-0001").expect("lb");
        assert_eq!(lb.backend_servers.len(), 2);
        assert_eq!(lb.backend_servers[0].weight, 10);
        let missing = json!({"Action":"AddBackendServers","LoadBalancerId":"lb-0001","BackendServers":[{"ServerId":"i-0009"}]});
        assert_eq!(code_of(&topology, missing), "InvalidResourceId.NotFound");
        attempt(
            &mut topology,
            json!({"Action":"DeleteInstance","InstanceId":"i-0002"}),
        )
        .expect("delete");
        assert_eq!(
            topology
                .load_balancer("lb-0001")
                .map(|lb| lb.backend_servers.len()),
            Some(1)
        );
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"DeleteVSwitch","VSwitchId":"vsw-0001"})
            ),
            "DependencyViolation"
        );
        attempt(
            &mut topology,
            json!({"Action":"DeleteLoadBalancer","LoadBalancerId":"lb-0001"}),
        )
        .expect("delete");
    }

    #[test]
    fn rds_takes_an_address_of_its_vswitch() {
        let mut topology = article_base(RuleSet::Y2020);
        let db = attempt(
            &mut topology,
            json!({"Action":"CreateDBInstance","VSwitchId":"vsw-0002","Engine":"MySQL"}),
        )
        .expect("rds");
        assert_eq!(db.field("DBInstanceId"), Some("rm-0001"));
        assert_eq!(db.field("PrivateIpAddress"), Some("192.168.2.1"));
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"CreateDBInstance","VSwitchId":"vsw-0002","Engine":"Oracle"})
            ),
            "InvalidParameter"
        );
        assert_eq!(
            code_of(
                &topology,
                json!({"Action":"RunInstances","VSwitchId":"vsw-0002","PrivateIpAddress":"192.168.2.1"})
            ),
            "InvalidPrivateIpAddress.Duplicated"
        );
        attempt(
            &mut topology,
            json!({"Action":"DeleteDBInstance","DBInstanceId":"rm-0001"}),
        )
        .expect("delete");
        assert_eq!(topology.free_hosts("vsw-0002"), 252);
    }
}
