//! Comparing two topologies up to a renaming of ids.
//!
//! Rebuilding a network (for example by running its exported scenario) gives the same
//! resources, but not always the same ids: ids are never reused, so a design with gaps from
//! deletions (`vsw-0001`, `vsw-0003`) is rebuilt as `vsw-0001`, `vsw-0002`. Two topologies
//! are the *same up to ids* when some one-to-one renaming of the ids of one makes it equal
//! to the other, id counters aside.
//!
//! [`same_up_to_ids`] finds such a renaming by giving each topology a canonical form: every
//! resource is coloured by its own content with ids left out, then colours are refined by
//! the colours of what it names and of what names it (colour refinement, as used for graph
//! isomorphism), until the colouring is stable; resources are then renamed in the order of
//! their colours, and the renamed documents are compared. The answer is sound: "same" is
//! only said when the renamed documents are equal, which proves the renaming. Resources
//! that are still tied after refinement are interchangeable in every network vpclab can
//! build, so ties are broken by id.
//!
//! Every id and reference field of the stored document is visited by one function,
//! `visit_ids`, so a new kind or reference needs one line there.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use crate::model::document::Stored;
use crate::model::{RulePeer, SnatSource, Topology};

/// Where two topologies differ once both are renamed canonically.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The path of the first difference in the canonical document, for example
    /// `instances[2].private_ip_address`.
    pub path: String,
    /// The value on the left (compact JSON, or `(absent)`).
    pub left: String,
    /// The value on the right (compact JSON, or `(absent)`).
    pub right: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ≠ {}", self.path, self.left, self.right)
    }
}

impl std::error::Error for Difference {}

/// Whether two topologies are equal up to a renaming of ids (id counters aside).
///
/// # Errors
/// The first [`Difference`] between their canonical forms.
///
/// ```
/// use vpclab::export::compare::same_up_to_ids;
/// use vpclab::model::{example, Command};
/// let article = example::article_network();
/// assert!(same_up_to_ids(&article, &article).is_ok());
///
/// // The same VSwitch created after a deleted one has another id, but the same design.
/// let mut gap = article.clone();
/// for command in [
///     Command::CreateVSwitch { vpc_id: "vpc-0001".into(), zone_id: "ap-south-1a".into(), cidr_block: "192.168.7.0/24".into(), vswitch_name: None, description: None },
///     Command::DeleteVSwitch { vswitch_id: "vsw-0003".into() },
///     Command::CreateVSwitch { vpc_id: "vpc-0001".into(), zone_id: "ap-south-1a".into(), cidr_block: "192.168.9.0/24".into(), vswitch_name: None, description: None },
/// ] {
///     gap.apply_in_place(&command).unwrap();
/// }
/// let mut plain = article.clone();
/// plain.apply_in_place(&Command::CreateVSwitch { vpc_id: "vpc-0001".into(), zone_id: "ap-south-1a".into(), cidr_block: "192.168.9.0/24".into(), vswitch_name: None, description: None }).unwrap();
/// assert!(same_up_to_ids(&gap, &plain).is_ok());
/// assert!(same_up_to_ids(&gap, &article).is_err());
/// ```
pub fn same_up_to_ids(left: &Topology, right: &Topology) -> Result<(), Difference> {
    let left = canonical(left);
    let right = canonical(right);
    match first_difference("", &left, &right) {
        None => Ok(()),
        Some(difference) => Err(difference),
    }
}

/// The canonical form of a topology: its stored document with every id renamed in the
/// order of the resources' refined colours, and without id counters.
pub fn canonical(topology: &Topology) -> Value {
    let stored = Stored::from(topology);
    let names = canonical_names(&stored);
    let mut renamed = stored;
    let mut sub_counts: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    visit_ids(&mut renamed, &mut |site, id| {
        *id = match site.role {
            Role::Own | Role::Reference => names
                .get(id.as_str())
                .cloned()
                .unwrap_or_else(|| format!("?{id}")),
            Role::Sub => {
                let owner = names
                    .get(site.owner)
                    .cloned()
                    .unwrap_or_else(|| format!("?{}", site.owner));
                let count = sub_counts.entry((owner.clone(), site.field)).or_insert(0);
                *count += 1;
                format!("{owner}/{}/{count}", site.field)
            }
        };
    });
    renamed.counters.clear();
    let mut value = document_value(&renamed);
    // Every kind's list is ordered by its (canonical) id.
    if let Value::Object(map) = &mut value {
        for list in map.values_mut() {
            if let Value::Array(items) = list {
                items.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
            }
        }
    }
    value
}

/// A stored document as a JSON value. It goes through the document's text rather than
/// `serde_json::to_value`, which would compile every resource's serialiser a second time
/// into the browser app (the text serialiser and the value parser are already there).
fn document_value(stored: &Stored) -> Value {
    serde_json::to_string(stored)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// What an id field is to the resource holding it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// The resource's own id.
    Own,
    /// An id the resource owns but nothing names (its VRouter, route table, entries...).
    Sub,
    /// The id of another resource.
    Reference,
}

/// One id field: whose it is, which field, and its role.
struct Site<'a> {
    owner: &'a str,
    field: &'static str,
    role: Role,
}

/// The visitor [`visit_ids`] calls on each id field.
type Visitor<'v> = dyn FnMut(Site<'_>, &mut String) + 'v;

/// Visits a resource's own id and answers it as it was before the visit (the owner of the
/// fields visited next).
fn own(visit: &mut Visitor<'_>, id: &mut String) -> String {
    let owner = id.clone();
    let site = Site {
        owner: &owner,
        field: "id",
        role: Role::Own,
    };
    visit(site, id);
    owner
}

fn sub(visit: &mut Visitor<'_>, owner: &str, field: &'static str, id: &mut String) {
    let role = Role::Sub;
    visit(Site { owner, field, role }, id);
}

fn reference(visit: &mut Visitor<'_>, owner: &str, field: &'static str, id: &mut String) {
    let role = Role::Reference;
    visit(Site { owner, field, role }, id);
}

/// Calls `visit` on every id and reference field of the document, resource by resource.
fn visit_ids(stored: &mut Stored, visit: &mut Visitor<'_>) {
    for vpc in &mut stored.vpcs {
        let owner = own(visit, &mut vpc.id);
        sub(visit, &owner, "vrouter_id", &mut vpc.vrouter_id);
        sub(visit, &owner, "route_table_id", &mut vpc.route_table_id);
        for entry in &mut vpc.route_entries {
            sub(visit, &owner, "route_entries.id", &mut entry.id);
            reference(
                visit,
                &owner,
                "route_entries.next_hop_id",
                &mut entry.next_hop_id,
            );
        }
    }
    for vswitch in &mut stored.vswitches {
        let owner = own(visit, &mut vswitch.id);
        reference(visit, &owner, "vpc_id", &mut vswitch.vpc_id);
    }
    for group in &mut stored.security_groups {
        let owner = own(visit, &mut group.id);
        reference(visit, &owner, "vpc_id", &mut group.vpc_id);
        for rule in &mut group.rules {
            if let RulePeer::Group(peer) = &mut rule.peer {
                reference(visit, &owner, "rules.peer", peer);
            }
        }
    }
    for instance in &mut stored.instances {
        let owner = own(visit, &mut instance.id);
        reference(visit, &owner, "vswitch_id", &mut instance.vswitch_id);
        for group in &mut instance.security_group_ids {
            reference(visit, &owner, "security_group_ids", group);
        }
    }
    for data_center in &mut stored.data_centers {
        own(visit, &mut data_center.id);
    }
    for gateway in &mut stored.nat_gateways {
        let owner = own(visit, &mut gateway.id);
        reference(visit, &owner, "vpc_id", &mut gateway.vpc_id);
        if let Some(vswitch) = &mut gateway.vswitch_id {
            reference(visit, &owner, "vswitch_id", vswitch);
        }
        sub(visit, &owner, "snat_table_id", &mut gateway.snat_table_id);
        sub(
            visit,
            &owner,
            "forward_table_id",
            &mut gateway.forward_table_id,
        );
        for entry in &mut gateway.snat_entries {
            sub(visit, &owner, "snat_entries.id", &mut entry.id);
            if let SnatSource::Vswitch(vswitch) = &mut entry.source {
                reference(visit, &owner, "snat_entries.source", vswitch);
            }
        }
        for entry in &mut gateway.forward_entries {
            sub(visit, &owner, "forward_entries.id", &mut entry.id);
        }
    }
    for gateway in &mut stored.vpn_gateways {
        let owner = own(visit, &mut gateway.id);
        reference(visit, &owner, "vpc_id", &mut gateway.vpc_id);
    }
    for gateway in &mut stored.customer_gateways {
        let owner = own(visit, &mut gateway.id);
        if let Some(data_center) = &mut gateway.data_center_id {
            reference(visit, &owner, "data_center_id", data_center);
        }
    }
    for connection in &mut stored.vpn_connections {
        let owner = own(visit, &mut connection.id);
        reference(
            visit,
            &owner,
            "vpn_gateway_id",
            &mut connection.vpn_gateway_id,
        );
        let customer = &mut connection.customer_gateway_id;
        reference(visit, &owner, "customer_gateway_id", customer);
    }
    for router in &mut stored.virtual_border_routers {
        let owner = own(visit, &mut router.id);
        if let Some(vpc) = &mut router.vpc_id {
            reference(visit, &owner, "vpc_id", vpc);
        }
        if let Some(data_center) = &mut router.data_center_id {
            reference(visit, &owner, "data_center_id", data_center);
        }
    }
    for balancer in &mut stored.load_balancers {
        let owner = own(visit, &mut balancer.id);
        reference(visit, &owner, "vswitch_id", &mut balancer.vswitch_id);
        for server in &mut balancer.backend_servers {
            reference(visit, &owner, "backend_servers", &mut server.server_id);
        }
    }
    for database in &mut stored.db_instances {
        let owner = own(visit, &mut database.id);
        reference(visit, &owner, "vswitch_id", &mut database.vswitch_id);
    }
    for eip in &mut stored.eips {
        let owner = own(visit, &mut eip.id);
        if let Some(binding) = &mut eip.binding {
            reference(visit, &owner, "binding", &mut binding.instance_id);
        }
    }
}

/// Every resource as (id, kind, content with every id blanked): what it is, whatever it
/// and its neighbours are called. The kind is the name of its list in the document.
fn resources(stored: &Stored) -> Vec<(String, String, String)> {
    let mut blank = stored.clone();
    visit_ids(&mut blank, &mut |_, id| id.clear());
    let (Value::Object(original), Value::Object(blank)) =
        (document_value(stored), document_value(&blank))
    else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (kind, list) in &original {
        let (Value::Array(items), Some(Value::Array(blanked))) = (list, blank.get(kind)) else {
            continue;
        };
        for (item, blanked) in items.iter().zip(blanked) {
            if let Some(id) = item["id"].as_str() {
                found.push((id.to_string(), kind.clone(), blanked.to_string()));
            }
        }
    }
    found
}

/// The canonical name of every resource id: `<kind>#<rank>` in the order of refined
/// colours (ties broken by id).
fn canonical_names(stored: &Stored) -> BTreeMap<String, String> {
    let resources = resources(stored);
    let mut references: Vec<(String, &'static str, String)> = Vec::new();
    let mut copy = stored.clone();
    visit_ids(&mut copy, &mut |site, id| {
        if site.role == Role::Reference {
            references.push((site.owner.to_string(), site.field, id.clone()));
        }
    });

    // Colour 0: the kind and the blanked content.
    let mut colour: BTreeMap<String, usize> = ranks(
        resources
            .iter()
            .map(|(id, kind, content)| (id.clone(), format!("{kind}\u{0}{content}"))),
    );
    let mut classes = distinct(&colour);
    for _ in 0..=resources.len() {
        let mut outgoing: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
        let mut incoming: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
        for (owner, field, target) in &references {
            let target_colour = colour.get(target).copied().unwrap_or(usize::MAX);
            let owner_colour = colour.get(owner).copied().unwrap_or(usize::MAX);
            outgoing
                .entry(owner.as_str())
                .or_default()
                .push((field, target_colour));
            incoming
                .entry(target.as_str())
                .or_default()
                .push((field, owner_colour));
        }
        let signatures = colour.iter().map(|(id, own)| {
            let mut out = outgoing.get(id.as_str()).cloned().unwrap_or_default();
            let mut into = incoming.get(id.as_str()).cloned().unwrap_or_default();
            out.sort_unstable();
            into.sort_unstable();
            (id.clone(), format!("{own}|{out:?}|{into:?}"))
        });
        let refined = ranks(signatures.collect::<Vec<_>>().into_iter());
        let refined_classes = distinct(&refined);
        colour = refined;
        if refined_classes == classes {
            break;
        }
        classes = refined_classes;
    }
    let kinds: BTreeMap<&str, &str> = resources
        .iter()
        .map(|(id, kind, _)| (id.as_str(), kind.as_str()))
        .collect();
    let mut order: Vec<(&str, usize, &str)> = colour
        .iter()
        .map(|(id, colour)| {
            (
                kinds.get(id.as_str()).copied().unwrap_or(""),
                *colour,
                id.as_str(),
            )
        })
        .collect();
    order.sort_unstable();
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    order
        .into_iter()
        .map(|(kind, _, id)| {
            let rank = per_kind.entry(kind).or_insert(0);
            *rank += 1;
            (id.to_string(), format!("{kind}#{rank}"))
        })
        .collect()
}

/// Replaces each signature by its rank among the distinct signatures, so colours depend on
/// the signatures only, not on the order resources are met in.
fn ranks(signatures: impl Iterator<Item = (String, String)>) -> BTreeMap<String, usize> {
    let signatures: Vec<(String, String)> = signatures.collect();
    let mut distinct: Vec<&String> = signatures.iter().map(|(_, signature)| signature).collect();
    distinct.sort_unstable();
    distinct.dedup();
    signatures
        .iter()
        .map(|(id, signature)| {
            let rank = distinct.binary_search(&signature).unwrap_or(usize::MAX);
            (id.clone(), rank)
        })
        .collect()
}

fn distinct(colour: &BTreeMap<String, usize>) -> usize {
    let mut values: Vec<usize> = colour.values().copied().collect();
    values.sort_unstable();
    values.dedup();
    values.len()
}

fn shown(value: Option<&Value>) -> String {
    let Some(value) = value else {
        return "(absent)".to_string();
    };
    let text = value.to_string();
    if text.chars().count() > 120 {
        let cut: String = text.chars().take(117).collect();
        format!("{cut}...")
    } else {
        text
    }
}

fn first_difference(path: &str, left: &Value, right: &Value) -> Option<Difference> {
    if left == right {
        return None;
    }
    let here = || Difference {
        path: if path.is_empty() {
            "(document)".to_string()
        } else {
            path.to_string()
        },
        left: shown(Some(left)),
        right: shown(Some(right)),
    };
    match (left, right) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort_unstable();
            keys.dedup();
            keys.into_iter().find_map(|key| {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => first_difference(&inner, x, y),
                    (x, y) => (x != y).then(|| Difference {
                        path: inner,
                        left: shown(x),
                        right: shown(y),
                    }),
                }
            })
        }
        (Value::Array(a), Value::Array(b)) => {
            let length = a.len().max(b.len());
            (0..length).find_map(|index| {
                let inner = format!("{path}[{index}]");
                match (a.get(index), b.get(index)) {
                    (Some(x), Some(y)) => first_difference(&inner, x, y),
                    (x, y) => Some(Difference {
                        path: inner,
                        left: shown(x),
                        right: shown(y),
                    }),
                }
            })
        }
        _ => Some(here()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{example, Command};

    fn apply(topology: &mut Topology, command: Command) {
        topology
            .apply_in_place(&command)
            .expect("the command applies");
    }

    fn vswitch(cidr: &str, name: Option<&str>) -> Command {
        Command::CreateVSwitch {
            vpc_id: "vpc-0001".into(),
            zone_id: "ap-south-1a".into(),
            cidr_block: cidr.into(),
            vswitch_name: name.map(str::to_string),
            description: None,
        }
    }

    #[test]
    fn a_topology_is_the_same_as_itself_and_as_its_restored_copy() {
        let article = example::article_network();
        assert_eq!(same_up_to_ids(&article, &article), Ok(()));
        let restored = crate::model::document::restore(&crate::model::document::to_json(&article))
            .expect("restores");
        assert_eq!(same_up_to_ids(&article, &restored), Ok(()));
    }

    #[test]
    fn a_changed_name_or_address_is_a_difference_with_its_path() {
        let article = example::article_network();
        let mut renamed = article.clone();
        apply(&mut renamed, vswitch("192.168.5.0/24", Some("alpha")));
        let mut other = article.clone();
        apply(&mut other, vswitch("192.168.5.0/24", Some("beta")));
        let difference = same_up_to_ids(&renamed, &other).expect_err("names differ");
        assert!(difference.path.starts_with("vswitches["), "{difference}");
        assert_eq!(
            (difference.left.as_str(), difference.right.as_str()),
            ("\"alpha\"", "\"beta\"")
        );
    }

    #[test]
    fn references_decide_between_otherwise_identical_resources() {
        // Two identical empty VPCs: a VSwitch in the first or in the second gives the same
        // design.
        let mut base = Topology::new(crate::model::RuleSet::Y2020);
        for _ in 0..2 {
            apply(
                &mut base,
                Command::CreateVpc {
                    region_id: "ap-south-1".into(),
                    cidr_block: Some("10.0.0.0/16".into()),
                    vpc_name: None,
                    description: None,
                },
            );
        }
        let mut first = base.clone();
        let mut second = base.clone();
        for (topology, vpc) in [(&mut first, "vpc-0001"), (&mut second, "vpc-0002")] {
            apply(
                topology,
                Command::CreateVSwitch {
                    vpc_id: vpc.into(),
                    zone_id: "ap-south-1a".into(),
                    cidr_block: "10.0.1.0/24".into(),
                    vswitch_name: None,
                    description: None,
                },
            );
        }
        assert_eq!(same_up_to_ids(&first, &second), Ok(()));
        // The VSwitch in vpc-0001 beside a VPN gateway in vpc-0001 is not the same design
        // as the VSwitch in vpc-0001 beside a VPN gateway in vpc-0002.
        let mut with_gateway_together = first.clone();
        let mut with_gateway_apart = first.clone();
        for (topology, vpc) in [
            (&mut with_gateway_together, "vpc-0001"),
            (&mut with_gateway_apart, "vpc-0002"),
        ] {
            apply(
                topology,
                Command::CreateVpnGateway {
                    vpc_id: vpc.into(),
                    bandwidth: None,
                    name: None,
                },
            );
        }
        assert!(same_up_to_ids(&with_gateway_together, &with_gateway_apart).is_err());
    }

    #[test]
    fn counters_do_not_matter_but_rules_do() {
        let article = example::article_network();
        let mut with_gap = article.clone();
        apply(&mut with_gap, vswitch("192.168.7.0/24", None));
        apply(
            &mut with_gap,
            Command::DeleteVSwitch {
                vswitch_id: "vsw-0003".into(),
            },
        );
        assert_ne!(with_gap, article);
        assert_eq!(same_up_to_ids(&with_gap, &article), Ok(()));
        let other_rules = article.clone().with_rules(crate::model::RuleSet::Current);
        let difference = same_up_to_ids(&article, &other_rules).expect_err("rules differ");
        assert_eq!(difference.path, "rules");
    }
}
