//! Goals: predicates over a topology (and the error codes a learner met) that say whether
//! a `do` step is done. [`Predicate::evaluate`] answers with the Refs a goal names (`as`)
//! or with an [`Unmet`] that says in plain words why the goal is not met.
//!
//! A [`Filter`] picks resources of one kind by their properties; the properties are read
//! from each resource as [`Facts`], so every kind answers the same questions the same way.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::explain::{Mismatch, Unmet};
use super::Verdict;
use crate::model::element::ElementKind;
use crate::model::error::ErrorCode;
use crate::model::scenario::{self, Outcome, TraceStep};
use crate::model::topology::{PublicIpKind, Topology};

/// What a goal asks. Written in a lesson as an object with one of the keys `exists`,
/// `count`, `trace`, `met_error` or `all` (see `docs/LESSONS.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Predicate {
    /// `{"exists": {filter}}`: at least one resource passes the filter.
    Exists(Filter),
    /// `{"count": {filter}, "equals": 2}` (or `at_least`, `at_most`): how many pass.
    Count {
        /// The resources counted.
        filter: Filter,
        /// How many there must be.
        bound: CountBound,
    },
    /// `{"trace": {"Source": ..., "Destination": ...}, "verdict": "unreachable", "reason":
    /// "NoRoute"}`: what a trace answers.
    Trace {
        /// The trace, written like a scenario's `Trace` step (Refs allowed).
        query: TraceStep,
        /// What it must answer.
        verdict: Verdict,
    },
    /// `{"met_error": "InvalidCidrBlock.Overlapped"}`: the learner met this error code
    /// during the step (for steps that teach a rule by breaking it).
    MetError(ErrorCode),
    /// `{"all": [goal, ...]}`: every goal holds.
    All(Vec<Predicate>),
}

/// How many resources a `count` goal wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountBound {
    /// `equals`: exactly this many.
    Equals(usize),
    /// `at_least`: this many or more.
    AtLeast(usize),
    /// `at_most`: this many or fewer.
    AtMost(usize),
}

impl CountBound {
    /// Whether `count` satisfies the bound.
    pub fn allows(self, count: usize) -> bool {
        match self {
            CountBound::Equals(wanted) => count == wanted,
            CountBound::AtLeast(wanted) => count >= wanted,
            CountBound::AtMost(wanted) => count <= wanted,
        }
    }
}

/// Which public address an instance has, as a filter asks it (`"public_ip": "eip"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicIpState {
    /// `none`: no public address.
    None,
    /// `nat`: a NatPublicIP given at creation.
    NatPublicIp,
    /// `eip`: an EIP bound to it.
    Eip,
    /// `any`: either.
    Any,
}

impl PublicIpState {
    /// The spelling in a lesson file.
    pub fn name(self) -> &'static str {
        match self {
            PublicIpState::None => "none",
            PublicIpState::NatPublicIp => "nat",
            PublicIpState::Eip => "eip",
            PublicIpState::Any => "any",
        }
    }

    /// The state with this spelling.
    pub fn from_name(name: &str) -> Option<PublicIpState> {
        [
            PublicIpState::None,
            PublicIpState::NatPublicIp,
            PublicIpState::Eip,
            PublicIpState::Any,
        ]
        .into_iter()
        .find(|state| state.name() == name)
    }

    fn of(address: Option<PublicIpKind>) -> PublicIpState {
        match address {
            None => PublicIpState::None,
            Some(PublicIpKind::NatPublicIp) => PublicIpState::NatPublicIp,
            Some(PublicIpKind::Eip) => PublicIpState::Eip,
        }
    }

    fn accepts(self, actual: PublicIpState) -> bool {
        self == actual || (self == PublicIpState::Any && actual != PublicIpState::None)
    }
}

/// One property a filter asks of a resource. Values that name resources (`id`, `vpc`,
/// `vswitch`, `bound_to`) take a Ref or an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Property {
    /// `id`: this very resource.
    Id(String),
    /// `name`: its name, exactly.
    Name(String),
    /// `region`: its region's id.
    Region(String),
    /// `zone`: its zone's id (an instance, CLB or RDS instance: its VSwitch's zone).
    Zone(String),
    /// `vpc`: the VPC it belongs to.
    Vpc(String),
    /// `vswitch`: the VSwitch it sits in.
    Vswitch(String),
    /// `cidr`: its block (a VPC's primary block), exactly.
    Cidr(Ipv4Net),
    /// `cidr_within`: its block lies inside (or equals) this one.
    CidrWithin(Ipv4Net),
    /// `cidr_outside`: its block does not overlap this one.
    CidrOutside(Ipv4Net),
    /// `private_ip`: its private address.
    PrivateIp(Ipv4Addr),
    /// `public_ip`: which public address an instance has.
    PublicIp(PublicIpState),
    /// `bound_to`: what an EIP is bound to (`null`: nothing).
    BoundTo(Option<String>),
    /// `bandwidth`: its bandwidth in Mbit/s (an instance's outbound bandwidth).
    Bandwidth(u32),
}

/// The kinds a filter may pick.
pub const FILTER_KINDS: [ElementKind; 13] = [
    ElementKind::Vpc,
    ElementKind::Vrouter,
    ElementKind::Vswitch,
    ElementKind::Instance,
    ElementKind::Eip,
    ElementKind::SecurityGroup,
    ElementKind::NatGateway,
    ElementKind::VpnGateway,
    ElementKind::CustomerGateway,
    ElementKind::Vbr,
    ElementKind::DataCenter,
    ElementKind::Clb,
    ElementKind::Rds,
];

/// Every property's key in a lesson file, with the kinds it applies to (`id` and `name`
/// apply to every kind).
pub const PROPERTY_NAMES: [(&str, &[ElementKind]); 13] = {
    use ElementKind::{
        Clb, CustomerGateway, DataCenter, Eip, Instance, NatGateway, Rds, SecurityGroup, Vbr, Vpc,
        VpnGateway, Vrouter, Vswitch,
    };
    [
        ("id", &FILTER_KINDS),
        ("name", &FILTER_KINDS),
        (
            "region",
            &[
                Vpc,
                Vrouter,
                Vswitch,
                Instance,
                Eip,
                SecurityGroup,
                NatGateway,
                VpnGateway,
                CustomerGateway,
                Vbr,
                Clb,
                Rds,
            ],
        ),
        ("zone", &[Vswitch, Instance, Clb, Rds]),
        (
            "vpc",
            &[
                Vrouter,
                Vswitch,
                Instance,
                SecurityGroup,
                NatGateway,
                VpnGateway,
                Vbr,
                Clb,
                Rds,
            ],
        ),
        ("vswitch", &[Instance, NatGateway, Clb, Rds]),
        ("cidr", &[Vpc, Vswitch, DataCenter]),
        ("cidr_within", &[Vpc, Vswitch, DataCenter]),
        ("cidr_outside", &[Vpc, Vswitch, DataCenter]),
        ("private_ip", &[Instance, NatGateway, Clb, Rds]),
        ("public_ip", &[Instance]),
        ("bound_to", &[Eip]),
        ("bandwidth", &[Instance, Eip, VpnGateway]),
    ]
};

impl Property {
    /// The property's key in a lesson file.
    pub fn key(&self) -> &'static str {
        match self {
            Property::Id(_) => "id",
            Property::Name(_) => "name",
            Property::Region(_) => "region",
            Property::Zone(_) => "zone",
            Property::Vpc(_) => "vpc",
            Property::Vswitch(_) => "vswitch",
            Property::Cidr(_) => "cidr",
            Property::CidrWithin(_) => "cidr_within",
            Property::CidrOutside(_) => "cidr_outside",
            Property::PrivateIp(_) => "private_ip",
            Property::PublicIp(_) => "public_ip",
            Property::BoundTo(_) => "bound_to",
            Property::Bandwidth(_) => "bandwidth",
        }
    }

    /// The same property with its Refs replaced by the ids they name (for explanations).
    pub(super) fn resolved(&self, refs: &BTreeMap<String, String>) -> Property {
        let id = |text: &String| refs.get(text).unwrap_or(text).clone();
        match self {
            Property::Id(text) => Property::Id(id(text)),
            Property::Vpc(text) => Property::Vpc(id(text)),
            Property::Vswitch(text) => Property::Vswitch(id(text)),
            Property::BoundTo(Some(text)) => Property::BoundTo(Some(id(text))),
            other => other.clone(),
        }
    }

    /// Whether the facts of a resource have the property; `None` when they do not, with
    /// what they have instead, in words.
    fn check(&self, facts: &Facts<'_>, refs: &BTreeMap<String, String>) -> Result<(), String> {
        let id = |text: &String| refs.get(text).unwrap_or(text).clone();
        let text = |value: Option<&str>| value.unwrap_or("-").to_string();
        let block = || facts.cidr.map_or("-".to_string(), |net| net.to_string());
        let holds = match self {
            Property::Id(wanted) => return same(facts.id, &id(wanted), facts.id),
            Property::Name(wanted) => {
                return same(facts.name, wanted, &format!("\"{}\"", facts.name))
            }
            Property::Region(wanted) => facts.region == Some(wanted.as_str()),
            Property::Zone(wanted) => facts.zone == Some(wanted.as_str()),
            Property::Vpc(wanted) => facts.vpc == Some(id(wanted).as_str()),
            Property::Vswitch(wanted) => facts.vswitch == Some(id(wanted).as_str()),
            Property::Cidr(wanted) => facts.cidr == Some(*wanted),
            Property::CidrWithin(outer) => facts.cidr.is_some_and(|net| outer.contains(&net)),
            Property::CidrOutside(other) => facts.cidr.is_some_and(|net| {
                !(net.contains(&other.network()) || other.contains(&net.network()))
            }),
            Property::PrivateIp(wanted) => facts.private_ip == Some(*wanted),
            Property::PublicIp(wanted) => facts.public_ip.is_some_and(|got| wanted.accepts(got)),
            Property::BoundTo(wanted) => facts.bound_to == Some(wanted.as_ref().map(id).as_deref()),
            Property::Bandwidth(wanted) => facts.bandwidth == Some(*wanted),
        };
        if holds {
            return Ok(());
        }
        Err(match self {
            Property::Region(_) => text(facts.region),
            Property::Zone(_) => text(facts.zone),
            Property::Vpc(_) => text(facts.vpc),
            Property::Vswitch(_) => text(facts.vswitch),
            Property::PrivateIp(_) => facts.private_ip.map_or("-".into(), |ip| ip.to_string()),
            Property::PublicIp(_) => facts.public_ip.map_or("-", PublicIpState::name).into(),
            Property::BoundTo(_) => text(facts.bound_to.flatten()),
            Property::Bandwidth(_) => facts.bandwidth.map_or("-".into(), |b| b.to_string()),
            _ => block(),
        })
    }
}

fn same(actual: &str, wanted: &str, shown: &str) -> Result<(), String> {
    if actual == wanted {
        Ok(())
    } else {
        Err(shown.to_string())
    }
}

/// Resources of one kind with given properties (`{"kind": "vswitch", "zone":
/// "ap-south-1b", "as": "vsw2"}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    /// The kind.
    pub kind: ElementKind,
    /// What each must have (all of it).
    pub properties: Vec<Property>,
    /// `as`: a Ref to name the first resource found (by id order), for later steps.
    pub bind: Option<String>,
}

/// What a filter can ask of one resource, read once.
#[derive(Debug, Default)]
pub(super) struct Facts<'a> {
    id: &'a str,
    name: &'a str,
    region: Option<&'a str>,
    zone: Option<&'a str>,
    vpc: Option<&'a str>,
    vswitch: Option<&'a str>,
    cidr: Option<Ipv4Net>,
    private_ip: Option<Ipv4Addr>,
    public_ip: Option<PublicIpState>,
    bound_to: Option<Option<&'a str>>,
    bandwidth: Option<u32>,
}

/// The facts of every resource of `kind`, in id order.
fn facts_of(topology: &Topology, kind: ElementKind) -> Vec<Facts<'_>> {
    match kind {
        ElementKind::Vpc
        | ElementKind::Vrouter
        | ElementKind::Vswitch
        | ElementKind::DataCenter => network_facts(topology, kind),
        ElementKind::Instance | ElementKind::Eip | ElementKind::Clb | ElementKind::Rds => {
            compute_facts(topology, kind)
        }
        _ => gateway_facts(topology, kind),
    }
}

fn region_of_vpc<'a>(topology: &'a Topology, vpc: &str) -> Option<&'a str> {
    topology.vpc(vpc).map(|vpc| vpc.region_id.as_str())
}

/// The zone, VPC and region of what sits in a VSwitch.
fn in_vswitch<'a>(
    topology: &'a Topology,
    vswitch: &str,
) -> (Option<&'a str>, Option<&'a str>, Option<&'a str>) {
    let vpc = topology.vpc_of_vswitch(vswitch);
    (
        topology.vswitch(vswitch).map(|v| v.zone_id.as_str()),
        vpc.map(|vpc| vpc.id.as_str()),
        vpc.map(|vpc| vpc.region_id.as_str()),
    )
}

/// VPCs, VRouters, VSwitches and data centres.
fn network_facts(topology: &Topology, kind: ElementKind) -> Vec<Facts<'_>> {
    match kind {
        ElementKind::Vpc => topology
            .vpcs()
            .values()
            .map(|vpc| Facts {
                id: &vpc.id,
                name: &vpc.name,
                region: Some(&vpc.region_id),
                cidr: Some(vpc.cidr_block),
                ..Facts::default()
            })
            .collect(),
        ElementKind::Vrouter => topology
            .vpcs()
            .values()
            .map(|vpc| Facts {
                id: &vpc.vrouter_id,
                region: Some(&vpc.region_id),
                vpc: Some(&vpc.id),
                ..Facts::default()
            })
            .collect(),
        ElementKind::Vswitch => topology
            .vswitches()
            .values()
            .map(|vsw| Facts {
                id: &vsw.id,
                name: &vsw.name,
                region: region_of_vpc(topology, &vsw.vpc_id),
                zone: Some(&vsw.zone_id),
                vpc: Some(&vsw.vpc_id),
                cidr: Some(vsw.cidr_block),
                ..Facts::default()
            })
            .collect(),
        _ => topology
            .data_centers()
            .values()
            .map(|dc| Facts {
                id: &dc.id,
                name: &dc.name,
                cidr: Some(dc.cidr_block),
                ..Facts::default()
            })
            .collect(),
    }
}

/// Instances, EIPs, CLBs and RDS instances.
fn compute_facts(topology: &Topology, kind: ElementKind) -> Vec<Facts<'_>> {
    match kind {
        ElementKind::Instance => topology
            .instances()
            .values()
            .map(|instance| {
                let (zone, vpc, region) = in_vswitch(topology, &instance.vswitch_id);
                Facts {
                    id: &instance.id,
                    name: &instance.name,
                    region,
                    zone,
                    vpc,
                    vswitch: Some(&instance.vswitch_id),
                    private_ip: Some(instance.private_ip_address),
                    public_ip: Some(PublicIpState::of(
                        topology.public_ip_of(&instance.id).map(|(_, kind)| kind),
                    )),
                    bandwidth: Some(instance.internet_max_bandwidth_out),
                    ..Facts::default()
                }
            })
            .collect(),
        ElementKind::Eip => topology
            .eips()
            .values()
            .map(|eip| Facts {
                id: &eip.id,
                name: &eip.name,
                region: Some(&eip.region_id),
                bound_to: Some(
                    eip.binding
                        .as_ref()
                        .map(|binding| binding.instance_id.as_str()),
                ),
                bandwidth: Some(eip.bandwidth),
                ..Facts::default()
            })
            .collect(),
        ElementKind::Clb => topology
            .load_balancers()
            .values()
            .map(|clb| {
                let (zone, vpc, region) = in_vswitch(topology, &clb.vswitch_id);
                Facts {
                    id: &clb.id,
                    name: &clb.name,
                    region,
                    zone,
                    vpc,
                    vswitch: Some(&clb.vswitch_id),
                    private_ip: Some(clb.address),
                    ..Facts::default()
                }
            })
            .collect(),
        _ => topology
            .db_instances()
            .values()
            .map(|db| {
                let (zone, vpc, region) = in_vswitch(topology, &db.vswitch_id);
                Facts {
                    id: &db.id,
                    name: &db.name,
                    region,
                    zone,
                    vpc,
                    vswitch: Some(&db.vswitch_id),
                    private_ip: Some(db.private_ip_address),
                    ..Facts::default()
                }
            })
            .collect(),
    }
}

/// Security groups and the gateways: NAT, VPN, customer, VBR.
fn gateway_facts(topology: &Topology, kind: ElementKind) -> Vec<Facts<'_>> {
    match kind {
        ElementKind::SecurityGroup => topology
            .security_groups()
            .values()
            .map(|group| Facts {
                id: &group.id,
                name: &group.name,
                region: region_of_vpc(topology, &group.vpc_id),
                vpc: Some(&group.vpc_id),
                ..Facts::default()
            })
            .collect(),
        ElementKind::NatGateway => topology
            .nat_gateways()
            .values()
            .map(|gateway| Facts {
                id: &gateway.id,
                name: &gateway.name,
                region: region_of_vpc(topology, &gateway.vpc_id),
                vpc: Some(&gateway.vpc_id),
                vswitch: gateway.vswitch_id.as_deref(),
                private_ip: gateway.private_ip_address,
                ..Facts::default()
            })
            .collect(),
        ElementKind::VpnGateway => topology
            .vpn_gateways()
            .values()
            .map(|gateway| Facts {
                id: &gateway.id,
                name: &gateway.name,
                region: region_of_vpc(topology, &gateway.vpc_id),
                vpc: Some(&gateway.vpc_id),
                bandwidth: Some(gateway.bandwidth),
                ..Facts::default()
            })
            .collect(),
        ElementKind::CustomerGateway => topology
            .customer_gateways()
            .values()
            .map(|gateway| Facts {
                id: &gateway.id,
                name: &gateway.name,
                region: Some(&gateway.region_id),
                ..Facts::default()
            })
            .collect(),
        ElementKind::Vbr => topology
            .virtual_border_routers()
            .values()
            .map(|vbr| Facts {
                id: &vbr.id,
                name: &vbr.name,
                region: Some(&vbr.region_id),
                vpc: vbr.vpc_id.as_deref(),
                ..Facts::default()
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl Filter {
    /// The ids of the resources that pass the filter, in id order.
    pub fn matches(&self, topology: &Topology, refs: &BTreeMap<String, String>) -> Vec<String> {
        facts_of(topology, self.kind)
            .iter()
            .filter(|facts| self.properties.iter().all(|p| p.check(facts, refs).is_ok()))
            .map(|facts| facts.id.to_string())
            .collect()
    }

    /// The resource that passes the most properties without passing them all, and the
    /// first property it misses (for the explanation of an unmet goal).
    fn nearest_miss(
        &self,
        topology: &Topology,
        refs: &BTreeMap<String, String>,
    ) -> Option<Mismatch> {
        facts_of(topology, self.kind)
            .iter()
            .filter_map(|facts| {
                let results: Vec<Result<(), String>> = self
                    .properties
                    .iter()
                    .map(|p| p.check(facts, refs))
                    .collect();
                let passed = results.iter().filter(|result| result.is_ok()).count();
                let (property, actual) = self
                    .properties
                    .iter()
                    .zip(results)
                    .find_map(|(property, result)| result.err().map(|actual| (property, actual)))?;
                Some((passed, facts.id, property, actual))
            })
            .max_by_key(|(passed, ..)| *passed)
            .map(|(_, id, property, actual)| Mismatch {
                id: id.to_string(),
                property: property.resolved(refs),
                actual,
            })
    }

    fn resolved(&self, refs: &BTreeMap<String, String>) -> Vec<Property> {
        self.properties.iter().map(|p| p.resolved(refs)).collect()
    }
}

/// The Refs a met goal names: each `as` with the id it found.
pub type Bindings = Vec<(String, String)>;

impl Predicate {
    /// Whether the goal holds on `topology`, with Refs named in `refs` and the error codes
    /// the learner met during the step.
    ///
    /// # Errors
    /// An [`Unmet`] saying why not (for `all`, the first goal that does not hold).
    pub fn evaluate(
        &self,
        topology: &Topology,
        refs: &BTreeMap<String, String>,
        met: &[ErrorCode],
    ) -> Result<Bindings, Unmet> {
        match self {
            Predicate::Exists(filter) => match filter.matches(topology, refs).first() {
                Some(id) => Ok(filter
                    .bind
                    .iter()
                    .map(|name| (name.clone(), id.clone()))
                    .collect()),
                None => Err(Unmet::NoMatch {
                    kind: filter.kind,
                    properties: filter.resolved(refs),
                    nearest: filter.nearest_miss(topology, refs),
                }),
            },
            Predicate::Count { filter, bound } => {
                let found = filter.matches(topology, refs);
                if !bound.allows(found.len()) {
                    return Err(Unmet::Count {
                        kind: filter.kind,
                        properties: filter.resolved(refs),
                        bound: *bound,
                        found: found.len(),
                    });
                }
                Ok(match (&filter.bind, found.first()) {
                    (Some(name), Some(id)) => vec![(name.clone(), id.clone())],
                    _ => Vec::new(),
                })
            }
            Predicate::Trace { query, verdict } => {
                match scenario::trace_query(query, refs, topology) {
                    Outcome::Traced(trace) if Verdict::of(&trace) == *verdict => Ok(Vec::new()),
                    Outcome::Traced(trace) => Err(Unmet::Verdict {
                        source: query.source.clone(),
                        destination: query.destination.clone(),
                        wanted: *verdict,
                        got: Verdict::of(&trace),
                        reason: trace.reason,
                    }),
                    Outcome::Failed(error) => Err(Unmet::TraceFailed { error }),
                    Outcome::Succeeded(_) | Outcome::Unsupported(_) => Err(Unmet::TraceFailed {
                        error: crate::model::error::CommandError::new(
                            ErrorCode::Unsupported,
                            crate::model::error::ErrorDetail::TraceDidNotRun,
                        ),
                    }),
                }
            }
            Predicate::MetError(code) => {
                if met.contains(code) {
                    Ok(Vec::new())
                } else {
                    Err(Unmet::ErrorNotMet { code: *code })
                }
            }
            Predicate::All(goals) => goals.iter().try_fold(Vec::new(), |mut bound, goal| {
                bound.extend(goal.evaluate(topology, refs, met)?);
                Ok(bound)
            }),
        }
    }
}
