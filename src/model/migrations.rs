//! The steps of [`crate::model::document::MIGRATIONS`]: each upgrades a stored document by
//! one version, on its JSON, before it is validated.
//!
//! Version 2 (the fidelity audit, docs/FIDELITY.md) made two things explicit that version
//! 1 left implied:
//! - every security group carries its `inner_access_policy`: `Accept` for a basic group
//!   (its default), `Drop` for an enterprise group (always isolated);
//! - a NAT gateway's `0.0.0.0/0` route entry is a real entry of its VPC's route table.
//!   Version 1 had none and path analysis assumed it; the migration adds it, with a new
//!   `rte-NNNN` id from the document's counter, to every VPC that has a NAT gateway and no
//!   `0.0.0.0/0` entry yet (for its first gateway, as creating that gateway would have).

use serde_json::{Map, Value};

use super::document::LoadError;
use super::topology::prefix;

fn shape(message: &str) -> LoadError {
    LoadError::Shape(format!("version 1 document: {message}"))
}

/// Upgrades a version 1 document to version 2.
///
/// # Errors
/// [`LoadError::Shape`] when a part the migration reads has the wrong JSON type.
pub fn v1_to_v2(mut value: Value) -> Result<Value, LoadError> {
    let document = value
        .as_object_mut()
        .ok_or_else(|| shape("not an object"))?;
    if let Some(groups) = document.get_mut("security_groups") {
        for group in groups
            .as_array_mut()
            .ok_or_else(|| shape("security_groups is not a list"))?
        {
            let group = group
                .as_object_mut()
                .ok_or_else(|| shape("a security group is not an object"))?;
            let policy = match group.get("group_type").and_then(Value::as_str) {
                Some("enterprise") => "Drop",
                _ => "Accept",
            };
            group
                .entry("inner_access_policy")
                .or_insert_with(|| Value::from(policy));
        }
    }
    add_nat_routes(document)
        .map(|()| value)
        .ok_or_else(|| shape("nat_gateways, vpcs or counters have the wrong shape"))
}

/// Adds the `0.0.0.0/0` entry of each VPC's first NAT gateway, when the VPC has none.
fn add_nat_routes(document: &mut Map<String, Value>) -> Option<()> {
    let gateways: Vec<(String, String)> = match document.get("nat_gateways") {
        None => return Some(()),
        Some(list) => list
            .as_array()?
            .iter()
            .map(|ngw| {
                Some((
                    ngw.get("id")?.as_str()?.to_string(),
                    ngw.get("vpc_id")?.as_str()?.to_string(),
                ))
            })
            .collect::<Option<_>>()?,
    };
    let mut counter = match document.get("counters") {
        None => 0,
        Some(counters) => counters
            .as_object()?
            .get(prefix::ROUTE_ENTRY)
            .map_or(Some(0), Value::as_u64)?,
    };
    let mut added = false;
    for (gateway, vpc_id) in gateways {
        let Some(vpc) = document
            .get_mut("vpcs")
            .and_then(Value::as_array_mut)
            .and_then(|vpcs| {
                vpcs.iter_mut()
                    .find(|vpc| vpc.get("id").and_then(Value::as_str) == Some(vpc_id.as_str()))
            })
            .and_then(Value::as_object_mut)
        else {
            // A gateway of a missing VPC: validation names it.
            continue;
        };
        let entries = vpc
            .entry("route_entries")
            .or_insert_with(|| Value::Array(Vec::new()))
            .as_array_mut()?;
        let has_default = entries.iter().any(|entry| {
            entry.get("destination_cidr_block").and_then(Value::as_str) == Some("0.0.0.0/0")
        });
        if has_default {
            continue;
        }
        counter += 1;
        entries.push(serde_json::json!({
            "id": format!("{}-{counter:04}", prefix::ROUTE_ENTRY),
            "destination_cidr_block": "0.0.0.0/0",
            "next_hop_type": "NatGateway",
            "next_hop_id": gateway,
        }));
        added = true;
    }
    if added {
        document
            .entry("counters")
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()?
            .insert(prefix::ROUTE_ENTRY.to_string(), Value::from(counter));
    }
    Some(())
}

#[cfg(test)]
pub(crate) mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::document;
    use crate::model::entity::{InnerAccessPolicy, NextHopType};

    /// A version 1 document as vpclab wrote it before the audit: a NAT gateway with an SNAT
    /// entry and no route entry, a basic and an enterprise group without a policy.
    pub(crate) fn version_1() -> Value {
        json!({
            "vpclab": "topology", "version": 1, "rules": "2020",
            "counters": {"vpc": 1, "vrt": 1, "vtb": 1, "vsw": 1, "sg": 2, "i": 1, "ngw": 1, "stb": 1, "ftb": 1, "eip": 1, "snat": 1, "rte": 3},
            "vpcs": [{"id": "vpc-0001", "region_id": "ap-south-1", "cidr_block": "192.168.0.0/16", "vrouter_id": "vrt-0001", "route_table_id": "vtb-0001"}],
            "vswitches": [{"id": "vsw-0001", "vpc_id": "vpc-0001", "zone_id": "ap-south-1a", "cidr_block": "192.168.1.0/24"}],
            "security_groups": [
                {"id": "sg-0001", "vpc_id": "vpc-0001", "group_type": "normal", "is_default": true},
                {"id": "sg-0002", "vpc_id": "vpc-0001", "group_type": "enterprise"}
            ],
            "instances": [{"id": "i-0001", "vswitch_id": "vsw-0001", "private_ip_address": "192.168.1.1", "security_group_ids": ["sg-0001"]}],
            "nat_gateways": [{"id": "ngw-0001", "vpc_id": "vpc-0001", "vswitch_id": "vsw-0001", "private_ip_address": "192.168.1.2", "snat_table_id": "stb-0001", "forward_table_id": "ftb-0001",
                "snat_entries": [{"id": "snat-0001", "source": {"vswitch": "vsw-0001"}, "snat_ip": "149.129.0.1"}]}],
            "eips": [{"id": "eip-0001", "region_id": "ap-south-1", "ip_address": "149.129.0.1", "bandwidth": 5, "binding": {"instance_id": "ngw-0001", "instance_type": "Nat"}}]
        })
    }

    #[test]
    fn a_version_1_nat_gateway_gets_its_default_route_and_still_reaches_the_internet() {
        let restored = document::restore(&version_1().to_string()).expect("migrates");
        let vpc = restored.vpc("vpc-0001").expect("vpc");
        assert_eq!(vpc.route_entries.len(), 1);
        let entry = &vpc.route_entries[0];
        assert_eq!(entry.id, "rte-0004");
        assert_eq!(entry.destination_cidr_block.to_string(), "0.0.0.0/0");
        assert_eq!(entry.next_hop_type, NextHopType::NatGateway);
        assert_eq!(entry.next_hop_id, "ngw-0001");
        assert_eq!(restored.counters().get("rte"), Some(&4));
        let trace = crate::model::trace::trace(
            &restored,
            &crate::model::Endpoint::Resource("i-0001".into()),
            &crate::model::Endpoint::Internet(None),
            crate::model::trace::Protocol::Tcp,
            Some(443),
        );
        assert!(trace.reachable, "{trace:?}");
    }

    #[test]
    fn version_1_groups_get_the_policy_of_their_type() {
        let restored = document::restore(&version_1().to_string()).expect("migrates");
        let policy = |id: &str| {
            restored
                .security_group(id)
                .map(|group| group.inner_access_policy)
        };
        assert_eq!(policy("sg-0001"), Some(InnerAccessPolicy::Accept));
        assert_eq!(policy("sg-0002"), Some(InnerAccessPolicy::Drop));
    }

    #[test]
    fn an_existing_default_route_is_kept_and_no_second_one_is_added() {
        let mut value = version_1();
        value["vpcs"][0]["route_entries"] = json!([{"id": "rte-0002", "destination_cidr_block": "0.0.0.0/0", "next_hop_type": "Instance", "next_hop_id": "i-0001"}]);
        let migrated = v1_to_v2(value).expect("migrates");
        assert_eq!(
            migrated["vpcs"][0]["route_entries"]
                .as_array()
                .map(Vec::len),
            Some(1)
        );
        assert_eq!(migrated["counters"]["rte"], json!(3));
    }

    #[test]
    fn a_malformed_version_1_document_is_refused_not_repaired() {
        let mut value = version_1();
        value["nat_gateways"] = json!("ngw-0001");
        assert!(matches!(v1_to_v2(value), Err(LoadError::Shape(_))));
    }
}
