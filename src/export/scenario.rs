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

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::net::Ipv4Addr;

use super::compare::{same_up_to_ids, Difference};
use crate::model::catalog;
use crate::model::scenario::{self, KIND, VERSION};
use crate::model::{
    AddressType, BackendServerParam, Command, CommandError, Direction, Eip, Instance, IpProtocol,
    LoadBalancer, Policy, PortRange, Response, RulePeer, SnatSource, Topology, VpnGateway,
};

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
        action: &'static str,
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
    Ok(render(topology, &plan))
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
    network(&mut plan)?;
    public_addresses(&mut plan)?;
    private_resources(&mut plan)?;
    default_groups(&mut plan)?;
    security_group_rules(&mut plan)?;
    nat_gateways(&mut plan)?;
    eip_bindings(&mut plan)?;
    nat_entries(&mut plan)?;
    connections_routes_and_back_ends(&mut plan)?;
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

/// Data centres, VPCs with their secondary blocks, VSwitches, security groups (but the
/// default ones), customer gateways and virtual border routers: everything without an
/// address of its own.
fn network(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    let original = plan.original;
    for data_center in original.data_centers().values() {
        let command = Command::CreateDataCenter {
            cidr_block: data_center.cidr_block.to_string(),
            data_center_name: non_empty(&data_center.name),
        };
        plan.create(&data_center.id, command)?;
    }
    for vpc in original.vpcs().values() {
        let command = Command::CreateVpc {
            region_id: vpc.region_id.clone(),
            cidr_block: text(vpc.cidr_block),
            vpc_name: non_empty(&vpc.name),
        };
        plan.create(&vpc.id, command)?;
        for block in &vpc.secondary_cidr_blocks {
            let command = Command::AssociateVpcCidrBlock {
                vpc_id: plan.name(&vpc.id),
                secondary_cidr_block: block.to_string(),
                region_id: None,
            };
            plan.run(command, None)?;
        }
    }
    for vswitch in original.vswitches().values() {
        let command = Command::CreateVSwitch {
            vpc_id: plan.name(&vswitch.vpc_id),
            zone_id: vswitch.zone_id.clone(),
            cidr_block: vswitch.cidr_block.to_string(),
            vswitch_name: non_empty(&vswitch.name),
        };
        plan.create(&vswitch.id, command)?;
    }
    for group in original.security_groups().values() {
        if group.is_default {
            continue;
        }
        let group_type = serde_json::to_value(group.group_type)
            .ok()
            .and_then(|value| value.as_str().map(str::to_string));
        let command = Command::CreateSecurityGroup {
            vpc_id: plan.name(&group.vpc_id),
            security_group_name: non_empty(&group.name),
            security_group_type: group_type,
        };
        plan.create(&group.id, command)?;
    }
    for gateway in original.customer_gateways().values() {
        let command = Command::CreateCustomerGateway {
            region_id: gateway.region_id.clone(),
            ip_address: gateway.ip_address.to_string(),
            asn: gateway.asn.map(|asn| asn.to_string()),
            name: non_empty(&gateway.name),
            data_center_id: gateway.data_center_id.as_deref().map(|id| plan.name(id)),
        };
        plan.create(&gateway.id, command)?;
    }
    for router in original.virtual_border_routers().values() {
        let command = Command::CreateVirtualBorderRouter {
            region_id: router.region_id.clone(),
            vlan_id: router.vlan_id.to_string(),
            name: non_empty(&router.name),
            vpc_id: router.vpc_id.as_deref().map(|id| plan.name(id)),
            data_center_id: router.data_center_id.as_deref().map(|id| plan.name(id)),
        };
        plan.create(&router.id, command)?;
    }
    Ok(())
}

/// A resource holding a public address.
enum PublicHolder<'a> {
    Instance(&'a Instance),
    Eip(&'a Eip),
    VpnGateway(&'a VpnGateway),
    LoadBalancer(&'a LoadBalancer),
}

/// The region of the VPC holding a VSwitch.
fn region_of_vswitch(topology: &Topology, vswitch_id: &str) -> String {
    topology
        .vpc_of_vswitch(vswitch_id)
        .map(|vpc| vpc.region_id.clone())
        .unwrap_or_default()
}

/// Every public address of the original, with its region and holder, in address order.
fn public_holders(topology: &Topology) -> Vec<(String, Ipv4Addr, PublicHolder<'_>)> {
    let mut holders = Vec::new();
    for instance in topology.instances().values() {
        if let Some(address) = instance.nat_public_ip {
            let region = region_of_vswitch(topology, &instance.vswitch_id);
            holders.push((region, address, PublicHolder::Instance(instance)));
        }
    }
    for eip in topology.eips().values() {
        holders.push((
            eip.region_id.clone(),
            eip.ip_address,
            PublicHolder::Eip(eip),
        ));
    }
    for gateway in topology.vpn_gateways().values() {
        let region = topology
            .vpc(&gateway.vpc_id)
            .map(|vpc| vpc.region_id.clone())
            .unwrap_or_default();
        let holder = PublicHolder::VpnGateway(gateway);
        holders.push((region, gateway.public_ip_address, holder));
    }
    for balancer in topology.load_balancers().values() {
        if let Some(address) = balancer.public_ip_address {
            let region = region_of_vswitch(topology, &balancer.vswitch_id);
            holders.push((region, address, PublicHolder::LoadBalancer(balancer)));
        }
    }
    holders.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    holders
}

/// The lowest free address of a region's public pool in the rebuilt topology (the one the
/// next public address will be), from `from` on.
fn lowest_free_public(topology: &Topology, region_id: &str) -> Option<Ipv4Addr> {
    let pool = catalog::region(region_id)?.public_pool();
    let first = u32::from(pool.network()).saturating_add(1);
    let last = u32::from(pool.broadcast()).saturating_sub(1);
    (first..=last)
        .map(Ipv4Addr::from)
        .find(|address| topology.public_holder_of(region_id, *address).is_none())
}

/// The resources holding public addresses, in address order, with placeholder EIPs on the
/// addresses that are free in the original.
fn public_addresses(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    for (region, address, holder) in public_holders(plan.original) {
        while let Some(lowest) = lowest_free_public(&plan.rebuilt, &region) {
            if lowest >= address {
                break;
            }
            let reference = plan.placeholder();
            let command = Command::AllocateEipAddress {
                region_id: region.clone(),
                bandwidth: None,
                name: None,
            };
            plan.run(command, Some(reference.clone()))?;
            plan.held_public.push(reference);
        }
        match holder {
            PublicHolder::Instance(instance) => launch(plan, instance)?,
            PublicHolder::Eip(eip) => {
                let command = Command::AllocateEipAddress {
                    region_id: eip.region_id.clone(),
                    bandwidth: text(eip.bandwidth),
                    name: non_empty(&eip.name),
                };
                plan.create(&eip.id, command)?;
            }
            PublicHolder::VpnGateway(gateway) => {
                let command = Command::CreateVpnGateway {
                    vpc_id: plan.name(&gateway.vpc_id),
                    bandwidth: text(gateway.bandwidth),
                    name: non_empty(&gateway.name),
                };
                plan.create(&gateway.id, command)?;
            }
            PublicHolder::LoadBalancer(balancer) => load_balancer(plan, balancer)?,
        }
    }
    Ok(())
}

/// Launches the counterpart of an original instance at its private address. An instance
/// of the default group is launched without a group, which makes (or joins) the default.
fn launch(plan: &mut Plan<'_>, instance: &Instance) -> Result<(), ScenarioExportError> {
    let [group_id] = instance.security_group_ids.as_slice() else {
        return Err(ScenarioExportError::Unsupported {
            id: instance.id.clone(),
            reason: Unsupported::SecurityGroupCount(instance.security_group_ids.len()),
        });
    };
    let is_default = plan
        .original
        .security_group(group_id)
        .is_some_and(|group| group.is_default);
    // A bandwidth above 0 at launch gives a NatPublicIP: an instance with a bandwidth but
    // no NatPublicIP (converted to an EIP) is launched without and given it afterwards.
    let bandwidth = instance.internet_max_bandwidth_out;
    let launched_bandwidth = if instance.nat_public_ip.is_some() {
        bandwidth
    } else {
        0
    };
    let command = Command::RunInstances {
        vswitch_id: plan.name(&instance.vswitch_id),
        instance_name: non_empty(&instance.name),
        private_ip_address: text(instance.private_ip_address),
        security_group_id: (!is_default).then(|| plan.name(group_id)),
        internet_max_bandwidth_out: (launched_bandwidth > 0).then(|| bandwidth.to_string()),
    };
    let response = plan.create(&instance.id, command)?;
    if is_default && !plan.names.contains_key(group_id) {
        if let Some(created) = response.field("SecurityGroupId") {
            plan.names.insert(group_id.clone(), created.to_string());
        }
    }
    if launched_bandwidth != bandwidth {
        let command = Command::ModifyInstanceNetworkSpec {
            instance_id: plan.name(&instance.id),
            internet_max_bandwidth_out: bandwidth.to_string(),
        };
        plan.run(command, None)?;
    }
    Ok(())
}

fn load_balancer(plan: &mut Plan<'_>, balancer: &LoadBalancer) -> Result<(), ScenarioExportError> {
    let address_type = match balancer.address_type {
        AddressType::Intranet => None,
        AddressType::Internet => text("internet"),
    };
    let command = Command::CreateLoadBalancer {
        vswitch_id: plan.name(&balancer.vswitch_id),
        load_balancer_name: non_empty(&balancer.name),
        address: text(balancer.address),
        address_type,
    };
    plan.create(&balancer.id, command)?;
    Ok(())
}

/// Instances, CLBs and RDS instances without a public address.
fn private_resources(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    let original = plan.original;
    for instance in original.instances().values() {
        if instance.nat_public_ip.is_none() {
            launch(plan, instance)?;
        }
    }
    for balancer in original.load_balancers().values() {
        if balancer.public_ip_address.is_none() {
            load_balancer(plan, balancer)?;
        }
    }
    for database in original.db_instances().values() {
        let command = Command::CreateDBInstance {
            vswitch_id: plan.name(&database.vswitch_id),
            engine: database.engine.clone(),
            engine_version: None,
            db_instance_class: None,
            db_instance_description: non_empty(&database.name),
            private_ip_address: text(database.private_ip_address),
        };
        plan.create(&database.id, command)?;
    }
    Ok(())
}

/// Default security groups without members: launching an instance without a group
/// creates one, and the instance is deleted again. A VPC without a VSwitch with a free
/// address gets a placeholder VSwitch for that moment.
fn default_groups(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    let original = plan.original;
    for group in original.security_groups().values() {
        if !group.is_default || plan.names.contains_key(&group.id) {
            continue;
        }
        let existing = original
            .vswitches_of(&group.vpc_id)
            .map(|vswitch| plan.name(&vswitch.id))
            .find(|name| {
                plan.rebuilt
                    .next_free_address(&plan.rebuilt_id(name))
                    .is_some()
            });
        let (vswitch, temporary) = match existing {
            Some(vswitch) => (vswitch, false),
            None => (placeholder_vswitch(plan, &group.vpc_id, &group.id)?, true),
        };
        let reference = plan.placeholder();
        let command = Command::RunInstances {
            vswitch_id: vswitch.clone(),
            instance_name: None,
            private_ip_address: None,
            security_group_id: None,
            internet_max_bandwidth_out: None,
        };
        let response = plan.run(command, Some(reference.clone()))?;
        if let Some(created) = response.field("SecurityGroupId") {
            plan.names.insert(group.id.clone(), created.to_string());
        }
        let command = Command::DeleteInstance {
            instance_id: reference,
        };
        plan.run(command, None)?;
        if temporary {
            let command = Command::DeleteVSwitch {
                vswitch_id: vswitch,
            };
            plan.run(command, None)?;
        }
    }
    Ok(())
}

/// Creates a placeholder VSwitch in a VPC (original id `vpc_id`), in the first block of
/// the VPC that no VSwitch of it uses, and answers its Ref.
fn placeholder_vswitch(
    plan: &mut Plan<'_>,
    vpc_id: &str,
    group_id: &str,
) -> Result<String, ScenarioExportError> {
    let unsupported = || ScenarioExportError::Unsupported {
        id: group_id.to_string(),
        reason: Unsupported::DefaultGroupWithoutVswitch,
    };
    let vpc = plan.original.vpc(vpc_id).ok_or_else(unsupported)?;
    let rebuilt_vpc = plan.rebuilt_id(&plan.name(vpc_id));
    let used: Vec<ipnet::Ipv4Net> = plan
        .rebuilt
        .vswitches_of(&rebuilt_vpc)
        .map(|vswitch| vswitch.cidr_block)
        .collect();
    let block = vpc
        .cidr_blocks()
        .filter_map(|block| block.subnets(block.prefix_len().clamp(16, 29)).ok())
        .flat_map(|subnets| subnets.take(64))
        .find(|candidate| {
            !used
                .iter()
                .any(|other| other.contains(candidate) || candidate.contains(other))
        })
        .ok_or_else(unsupported)?;
    let zone = catalog::region(&vpc.region_id)
        .and_then(|region| region.zones.first())
        .ok_or_else(unsupported)?;
    let reference = plan.placeholder();
    let command = Command::CreateVSwitch {
        vpc_id: plan.name(vpc_id),
        zone_id: (*zone).to_string(),
        cidr_block: block.to_string(),
        vswitch_name: None,
    };
    plan.run(command, Some(reference.clone()))?;
    Ok(reference)
}

fn protocol_name(protocol: IpProtocol) -> &'static str {
    match protocol {
        IpProtocol::Tcp => "tcp",
        IpProtocol::Udp => "udp",
        IpProtocol::Icmp => "icmp",
        IpProtocol::Gre => "gre",
        IpProtocol::All => "all",
    }
}

/// The `PortRange` parameter: `from/to` for TCP and UDP, `-1/-1` for other protocols.
fn port_range(protocol: IpProtocol, range: PortRange) -> String {
    if protocol.has_ports() {
        range.to_string()
    } else {
        "-1/-1".to_string()
    }
}

fn security_group_rules(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    for group in plan.original.security_groups().values() {
        for rule in &group.rules {
            let security_group_id = plan.name(&group.id);
            let ip_protocol = protocol_name(rule.ip_protocol).to_string();
            let port_range = port_range(rule.ip_protocol, rule.port_range);
            let (cidr, peer_group) = match &rule.peer {
                RulePeer::Cidr(block) => (Some(block.to_string()), None),
                RulePeer::Group(peer) => (None, Some(plan.name(peer))),
            };
            let policy = text(match rule.policy {
                Policy::Accept => "accept",
                Policy::Drop => "drop",
            });
            let priority = text(rule.priority);
            let command = match rule.direction {
                Direction::Ingress => Command::AuthorizeSecurityGroup {
                    security_group_id,
                    ip_protocol,
                    port_range,
                    source_cidr_ip: cidr,
                    source_group_id: peer_group,
                    policy,
                    priority,
                },
                Direction::Egress => Command::AuthorizeSecurityGroupEgress {
                    security_group_id,
                    ip_protocol,
                    port_range,
                    dest_cidr_ip: cidr,
                    dest_group_id: peer_group,
                    policy,
                    priority,
                },
            };
            plan.run(command, None)?;
        }
    }
    Ok(())
}

/// NAT gateways, last of the private addresses: each takes the lowest free address of its
/// VSwitch, so the free addresses below it are held by placeholder CLBs meanwhile.
fn nat_gateways(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    let mut gateways: Vec<_> = plan.original.nat_gateways().values().collect();
    gateways.sort_by_key(|gateway| (gateway.vswitch_id.clone(), gateway.private_ip_address));
    for gateway in gateways {
        let mut held = Vec::new();
        if let (Some(vswitch), Some(address)) = (&gateway.vswitch_id, gateway.private_ip_address) {
            let vswitch = plan.name(vswitch);
            let rebuilt_vswitch = plan.rebuilt_id(&vswitch);
            while let Some(lowest) = plan.rebuilt.next_free_address(&rebuilt_vswitch) {
                if lowest >= address {
                    break;
                }
                let reference = plan.placeholder();
                let command = Command::CreateLoadBalancer {
                    vswitch_id: vswitch.clone(),
                    load_balancer_name: None,
                    address: text(lowest),
                    address_type: None,
                };
                plan.run(command, Some(reference.clone()))?;
                held.push(reference);
            }
        }
        let command = Command::CreateNatGateway {
            vpc_id: plan.name(&gateway.vpc_id),
            vswitch_id: gateway.vswitch_id.as_deref().map(|id| plan.name(id)),
            name: non_empty(&gateway.name),
        };
        plan.create(&gateway.id, command)?;
        for reference in held {
            let command = Command::DeleteLoadBalancer {
                load_balancer_id: reference,
            };
            plan.run(command, None)?;
        }
    }
    Ok(())
}

fn eip_bindings(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    for eip in plan.original.eips().values() {
        if let Some(binding) = &eip.binding {
            let command = Command::AssociateEipAddress {
                allocation_id: plan.name(&eip.id),
                instance_id: plan.name(&binding.instance_id),
                instance_type: text(binding.instance_type.name()),
            };
            plan.run(command, None)?;
        }
    }
    Ok(())
}

fn port(port: Option<u16>) -> String {
    port.map_or_else(|| "Any".to_string(), |port| port.to_string())
}

fn nat_entries(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    for gateway in plan.original.nat_gateways().values() {
        for entry in &gateway.snat_entries {
            let (source_vswitch_id, source_cidr) = match &entry.source {
                SnatSource::Vswitch(vswitch) => (Some(plan.name(vswitch)), None),
                SnatSource::Cidr(block) => (None, Some(block.to_string())),
            };
            let command = Command::CreateSnatEntry {
                snat_table_id: plan.name(&gateway.id),
                snat_ip: entry.snat_ip.to_string(),
                source_vswitch_id,
                source_cidr,
            };
            plan.run(command, None)?;
        }
        for entry in &gateway.forward_entries {
            let command = Command::CreateForwardEntry {
                forward_table_id: plan.name(&gateway.id),
                external_ip: entry.external_ip.to_string(),
                external_port: port(entry.external_port),
                ip_protocol: entry.ip_protocol.clone(),
                internal_ip: entry.internal_ip.to_string(),
                internal_port: port(entry.internal_port),
            };
            plan.run(command, None)?;
        }
    }
    Ok(())
}

fn blocks(list: &[ipnet::Ipv4Net]) -> String {
    let texts: Vec<String> = list.iter().map(ToString::to_string).collect();
    texts.join(",")
}

/// IPsec connections, then custom routes (which may go through a VPN gateway), then CLB
/// back ends.
fn connections_routes_and_back_ends(plan: &mut Plan<'_>) -> Result<(), ScenarioExportError> {
    let original = plan.original;
    for connection in original.vpn_connections().values() {
        let command = Command::CreateVpnConnection {
            vpn_gateway_id: plan.name(&connection.vpn_gateway_id),
            customer_gateway_id: plan.name(&connection.customer_gateway_id),
            local_subnet: blocks(&connection.local_subnets),
            remote_subnet: blocks(&connection.remote_subnets),
            name: non_empty(&connection.name),
        };
        plan.create(&connection.id, command)?;
    }
    for vpc in original.vpcs().values() {
        for entry in &vpc.route_entries {
            let command = Command::CreateRouteEntry {
                route_table_id: plan.name(&vpc.id),
                destination_cidr_block: entry.destination_cidr_block.to_string(),
                next_hop_id: plan.name(&entry.next_hop_id),
                next_hop_type: text(entry.next_hop_type.name()),
                route_entry_name: None,
            };
            plan.run(command, None)?;
        }
    }
    for balancer in original.load_balancers().values() {
        if balancer.backend_servers.is_empty() {
            continue;
        }
        let backend_servers = balancer
            .backend_servers
            .iter()
            .map(|server| BackendServerParam {
                server_id: plan.name(&server.server_id),
                weight: text(server.weight),
            })
            .collect();
        let command = Command::AddBackendServers {
            load_balancer_id: plan.name(&balancer.id),
            backend_servers,
        };
        plan.run(command, None)?;
    }
    Ok(())
}

/// JSON with a space after `:` and `,` and inside braces, as the hand-written scenarios.
struct Spaced;

impl serde_json::ser::Formatter for Spaced {
    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b"{ ")
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b" }")
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }
}

/// One step on one line: `{ "Action": ..., parameters in the API's order, "Ref": ... }`.
fn step_line(step: &Step) -> String {
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, Spaced);
    // Commands are plain data: serialising one cannot fail.
    let _ = serde::Serialize::serialize(&step.command, &mut serializer);
    let mut line = String::from_utf8(bytes).unwrap_or_default();
    if let Some(reference) = &step.reference {
        if line.ends_with(" }") {
            line.truncate(line.len() - 2);
            line.push_str(&format!(", \"Ref\": {} }}", json_string(reference)));
        }
    }
    line
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

fn count(number: usize, one: &str, many: &str) -> String {
    if number == 1 {
        format!("1 {one}")
    } else {
        format!("{number} {many}")
    }
}

fn render(topology: &Topology, plan: &Plan<'_>) -> String {
    let title = format!(
        "Exported network: {}, {}",
        count(topology.vpcs().len(), "VPC", "VPCs"),
        count(topology.instances().len(), "instance", "instances")
    );
    let mut description = String::from(
        "Rebuilds the network with the API calls that create it. Each Ref is the original id with _ for - (vpc_0001 stands for vpc-0001).",
    );
    if plan.placeholders > 0 {
        description.push_str(
            " Steps with a placeholder_ Ref hold an address for a while, so that every address is the same as in the original.",
        );
    }
    let steps: Vec<String> = plan
        .steps
        .iter()
        .map(|step| format!("    {}", step_line(step)))
        .collect();
    format!(
        "{{\n  \"vpclab\": {},\n  \"version\": {VERSION},\n  \"title\": {},\n  \"description\": {},\n  \"rules\": {},\n  \"steps\": [\n{}\n  ]\n}}\n",
        json_string(KIND),
        json_string(&title),
        json_string(&description),
        json_string(topology.rules().name()),
        steps.join(",\n")
    )
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
            },
            Command::AllocateEipAddress {
                region_id: "ap-south-1".into(),
                bandwidth: None,
                name: Some("kept".into()),
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
                assert_eq!((step, action), (0, "CreateVpc"));
                assert_eq!(error.code(), "InvalidRegionId.Closed");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}
