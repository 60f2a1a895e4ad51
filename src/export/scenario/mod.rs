//! A topology as a scenario: the API calls that rebuild it, in a file `vpclab run` accepts.
//!
//! Every step names what it creates with a `Ref` made from the original id (`vpc-0001` is
//! created under `"Ref": "vpc_0001"`), and later steps name resources by those Refs, so
//! the file still works when the rebuilt ids differ from the original ones (a design with
//! gaps from deletions). The one exception is the VPC's default security group, which
//! `RunInstances` creates on the side without a Ref of its own: steps after it name it by
//! its literal id, which is the same on every run because ids are deterministic.
//!
//! The steps come in an order that reproduces every address, not only every resource:
//! - private addresses are given explicitly (`PrivateIpAddress`, `Address`), except a NAT
//!   gateway's, which takes the lowest free address of its VSwitch: NAT gateways are
//!   created last, and a free address below one is held meanwhile by a placeholder CLB
//!   that is deleted right after;
//! - public addresses cannot be chosen (each takes the lowest free one of the region's
//!   pool), so the resources holding one are created in the order of their addresses, and
//!   an address that was free in the original is held by a placeholder EIP, released by
//!   the last steps.
//!
//! Placeholders carry a `placeholder_N` Ref. The plan is checked as it is made, by
//! applying each step to a topology of its own, and at the end the rebuilt topology is
//! compared with the original up to ids ([`super::compare::same_up_to_ids`]): export
//! either gives a scenario that rebuilds the network, or an error saying why it cannot.

mod steps;
mod text;

use std::collections::BTreeMap;
use std::fmt;

use super::compare::{same_up_to_ids, Difference};
use crate::model::scenario;
use crate::model::{Command, CommandError, Response, Topology};

/// Why a topology cannot be exported as a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScenarioExportError {
    /// A resource has a shape no sequence of the supported API calls can build.
    Unsupported {
        /// The resource.
        id: String,
        /// What it has that cannot be built.
        reason: Unsupported,
    },
    /// A rebuilding step breaks the topology's own rules: the design was made under other
    /// rules (for example in Mumbai under the 2020 rules, then switched to today's), or
    /// loaded from a document that no sequence of calls can reach.
    Refused {
        /// The step's position in the scenario, from 0.
        step: usize,
        /// The step's action.
        action: crate::model::ActionKind,
        /// The rule it breaks.
        error: CommandError,
    },
    /// The steps run, but rebuild a different network (a shape this exporter does not know).
    Diverged(Difference),
}

/// A shape of a resource that the scenario format cannot build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsupported {
    /// An instance in no security group, or in more than one (`RunInstances` takes one).
    SecurityGroupCount(usize),
    /// A VPC's default security group with no member, in a VPC where no VSwitch can be
    /// made to launch the member whose launch would create it.
    DefaultGroupWithoutVswitch,
}

impl fmt::Display for ScenarioExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioExportError::Unsupported { id, reason } => match reason {
                Unsupported::SecurityGroupCount(count) => write!(
                    f,
                    "{id} is in {count} security groups; a scenario launches an instance into exactly one"
                ),
                Unsupported::DefaultGroupWithoutVswitch => write!(
                    f,
                    "{id} is a default security group in a VPC where no instance can be launched; a scenario can only create it by launching one"
                ),
            },
            ScenarioExportError::Refused {
                step,
                action,
                error,
            } => write!(
                f,
                "step {step} ({action}) of the rebuild is refused by the network's own rules: {error}"
            ),
            ScenarioExportError::Diverged(difference) => {
                write!(f, "the scenario would rebuild another network: {difference}")
            }
        }
    }
}

impl std::error::Error for ScenarioExportError {}

/// The scenario that rebuilds `topology`, as the text of a scenario file.
///
/// # Errors
/// A [`ScenarioExportError`] when no scenario rebuilds it: a shape the API calls cannot
/// build, a step its own rules refuse, or a rebuild that differs.
///
/// ```
/// use vpclab::export::{compare, scenario};
/// use vpclab::model::{example, scenario as runner};
/// let article = example::article_network();
/// let text = scenario::to_scenario(&article).unwrap();
/// let report = runner::run_text(&text).unwrap();
/// assert!(report.passed());
/// assert!(compare::same_up_to_ids(&report.topology, &article).is_ok());
/// ```
pub fn to_scenario(topology: &Topology) -> Result<String, ScenarioExportError> {
    let plan = plan(topology)?;
    Ok(text::render(topology, &plan))
}

/// One planned step: the command, with Refs for ids, and the Ref of what it creates.
struct Step {
    command: Command,
    reference: Option<String>,
}

/// The steps planned so far, applied as they are planned to a topology of their own.
struct Plan<'a> {
    original: &'a Topology,
    rebuilt: Topology,
    steps: Vec<Step>,
    /// Ref → id in the rebuilt topology (what the scenario runner will know).
    refs: BTreeMap<String, String>,
    /// Original id → how the steps name that resource (a Ref, or a literal id).
    names: BTreeMap<String, String>,
    /// The Refs of the placeholder EIPs, released at the end.
    held_public: Vec<String>,
    placeholders: usize,
}

/// The Ref naming the resource that had this id: `vpc-0001` → `vpc_0001`.
fn ref_of(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

impl<'a> Plan<'a> {
    fn new(original: &'a Topology) -> Plan<'a> {
        Plan {
            original,
            rebuilt: Topology::new(original.rules()),
            steps: Vec::new(),
            refs: BTreeMap::new(),
            names: BTreeMap::new(),
            held_public: Vec::new(),
            placeholders: 0,
        }
    }

    /// How the steps name the resource that has `id` in the original.
    fn name(&self, id: &str) -> String {
        self.names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// The id the rebuilt topology has for the resource named `name` in the steps.
    fn rebuilt_id(&self, name: &str) -> String {
        self.refs
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    /// Plans a step and applies it.
    fn run(
        &mut self,
        command: Command,
        reference: Option<String>,
    ) -> Result<Response, ScenarioExportError> {
        let resolved = scenario::resolve(&command, &self.refs);
        let response = self.rebuilt.apply_in_place(&resolved).map_err(|error| {
            ScenarioExportError::Refused {
                step: self.steps.len(),
                action: command.action(),
                error,
            }
        })?;
        if let (Some(name), Some(id)) = (&reference, &response.created) {
            self.refs.insert(name.clone(), id.clone());
        }
        self.steps.push(Step { command, reference });
        Ok(response)
    }

    /// Plans the step creating the counterpart of the original resource `id`.
    fn create(&mut self, id: &str, command: Command) -> Result<Response, ScenarioExportError> {
        let reference = ref_of(id);
        self.names.insert(id.to_string(), reference.clone());
        self.run(command, Some(reference))
    }

    fn placeholder(&mut self) -> String {
        self.placeholders += 1;
        format!("placeholder_{}", self.placeholders)
    }
}

fn text(value: impl ToString) -> Option<String> {
    Some(value.to_string())
}

fn non_empty(name: &str) -> Option<String> {
    (!name.is_empty()).then(|| name.to_string())
}

fn plan(topology: &Topology) -> Result<Plan<'_>, ScenarioExportError> {
    let mut plan = Plan::new(topology);
    steps::network(&mut plan)?;
    steps::public_addresses(&mut plan)?;
    steps::private_resources(&mut plan)?;
    steps::default_groups(&mut plan)?;
    steps::security_group_rules(&mut plan)?;
    steps::nat_gateways(&mut plan)?;
    steps::eip_bindings(&mut plan)?;
    steps::nat_entries(&mut plan)?;
    steps::connections_routes_and_back_ends(&mut plan)?;
    for held in std::mem::take(&mut plan.held_public) {
        plan.run(
            Command::ReleaseEipAddress {
                allocation_id: held,
            },
            None,
        )?;
    }
    same_up_to_ids(topology, &plan.rebuilt).map_err(ScenarioExportError::Diverged)?;
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{example, scenario as runner};

    fn rebuilt(topology: &Topology) -> Topology {
        let text = to_scenario(topology).expect("exports");
        let report = runner::run_text(&text).expect("a valid scenario");
        assert!(report.passed(), "{:?}", report.first_failure());
        report.topology
    }

    #[test]
    fn the_article_network_rebuilds_with_the_same_ids() {
        let article = example::article_network();
        assert_eq!(rebuilt(&article), article);
        let text = to_scenario(&article).expect("exports");
        assert!(text.contains(
            r#"{ "Action": "CreateVpc", "RegionId": "ap-south-1", "CidrBlock": "192.168.0.0/16", "VpcName": "vpc-article", "Ref": "vpc_0001" }"#
        ), "{text}");
        assert!(!text.contains("placeholder"), "{text}");
    }

    #[test]
    fn released_addresses_are_kept_free_by_placeholders() {
        let mut topology = example::article_network();
        for command in [
            Command::AllocateEipAddress {
                region_id: "ap-south-1".into(),
                bandwidth: None,
                name: None,
                description: None,
            },
            Command::AllocateEipAddress {
                region_id: "ap-south-1".into(),
                bandwidth: None,
                name: Some("kept".into()),
                description: None,
            },
            Command::ReleaseEipAddress {
                allocation_id: "eip-0002".into(),
            },
            Command::DeleteInstance {
                instance_id: "i-0001".into(),
            },
        ] {
            topology.apply_in_place(&command).expect("applies");
        }
        let kept = topology.eip("eip-0003").expect("kept").ip_address;
        let again = rebuilt(&topology);
        assert_eq!(same_up_to_ids(&again, &topology), Ok(()));
        let eip = again.eips().values().find(|eip| eip.name == "kept");
        assert_eq!(eip.map(|eip| eip.ip_address), Some(kept));
    }

    #[test]
    fn a_network_made_under_other_rules_is_refused_with_the_step() {
        let moved = example::article_network().with_rules(crate::model::RuleSet::Current);
        match to_scenario(&moved) {
            Err(ScenarioExportError::Refused {
                step,
                action,
                error,
            }) => {
                assert_eq!((step, action), (0, crate::model::ActionKind::CreateVpc));
                assert_eq!(error.code(), "InvalidRegionId.Closed");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn an_instance_in_two_groups_is_unsupported_and_says_which() {
        let article = example::article_network();
        let mut value: serde_json::Value =
            serde_json::from_str(&crate::model::document::to_json(&article)).expect("json");
        let mut second = value["security_groups"][0].clone();
        second["id"] = "sg-0002".into();
        second["name"] = "second".into();
        second["is_default"] = false.into();
        value["security_groups"]
            .as_array_mut()
            .expect("a list")
            .push(second);
        value["counters"]["sg"] = 2.into();
        value["instances"][1]["security_group_ids"] = serde_json::json!(["sg-0001", "sg-0002"]);
        let loaded = crate::model::document::restore(&value.to_string()).expect("a valid document");
        let error = to_scenario(&loaded).expect_err("cannot launch into two groups");
        assert_eq!(
            error,
            ScenarioExportError::Unsupported {
                id: "i-0002".into(),
                reason: Unsupported::SecurityGroupCount(2)
            }
        );
        assert_eq!(
            error.to_string(),
            "i-0002 is in 2 security groups; a scenario launches an instance into exactly one"
        );
    }
}
