//! The forms that create and change resources, described as data.
//!
//! A form is an Alibaba API action ([`ActionKind`]) plus its parameters as text fields,
//! labelled with the API's own parameter names so learners meet them again in the console
//! and the CLI. The fields become a [`Command`] through the model's own JSON form
//! (`{"Action": ..., ...}`), so there is one definition of every parameter, the model's.
//! [`Form::check`] dry-runs the command against the current network while the user types,
//! and the model answers with the same error the real submit would get. [`form_for`]
//! (in `prefill.rs`) opens a form pre-filled from the network and the selection.

mod prefill;

use serde_json::{Map, Value};

pub use prefill::{form_for, CREATE_ACTIONS};

use super::rejection::Rejection;
use crate::model::{self, catalog, ActionKind, Command, ElementId, IpProtocol, Topology};

/// One parameter of a form.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The Alibaba parameter name, e.g. `CidrBlock`.
    pub param: &'static str,
    /// The text typed or chosen.
    pub value: String,
    /// Whether the parameter may be left empty.
    pub optional: bool,
}

/// An open form.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    /// The API action it calls, e.g. `CreateVSwitch`.
    pub action: ActionKind,
    /// Its parameters, in display order.
    pub fields: Vec<Field>,
    /// The model's answer to the latest submit, when it was a rejection.
    pub rejection: Option<Rejection>,
    /// Whether the user tried to submit (then incomplete fields are pointed out).
    pub attempted: bool,
}

/// What [`Form::check`] found.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// The command would be accepted.
    Accepted(Command),
    /// A required field is empty or the fields don't make a command.
    Incomplete(String),
    /// The model would reject the command, with this error.
    Rejected(Rejection),
}

impl Form {
    fn new(action: ActionKind) -> Form {
        Form {
            action,
            fields: Vec::new(),
            rejection: None,
            attempted: false,
        }
    }

    fn required(mut self, param: &'static str, value: impl Into<String>) -> Form {
        self.fields.push(Field {
            param,
            value: value.into(),
            optional: false,
        });
        self
    }

    fn optional(mut self, param: &'static str, value: impl Into<String>) -> Form {
        self.fields.push(Field {
            param,
            value: value.into(),
            optional: true,
        });
        self
    }

    /// The current text of `param`, or `""`.
    pub fn value(&self, param: &str) -> &str {
        self.fields
            .iter()
            .find(|field| field.param == param)
            .map(|field| field.value.as_str())
            .unwrap_or("")
    }

    /// Sets `param` to `value`; the previous rejection no longer applies.
    pub fn set(&mut self, param: &str, value: String) {
        if let Some(field) = self.fields.iter_mut().find(|field| field.param == param) {
            field.value = value;
            self.rejection = None;
        }
    }

    /// Follows a change of `param`: fields proposed from it are proposed again, so that a
    /// new VSwitch brings a free address of its own and a new VPC a zone and a block of its
    /// own. A value the user typed that still fits is kept.
    pub fn follow(&mut self, param: &str, topology: &Topology) {
        match (self.action, param) {
            (ActionKind::RunInstances, "VSwitchId") => {
                let vswitch = self.value("VSwitchId").to_owned();
                let typed = self
                    .value("PrivateIpAddress")
                    .parse::<std::net::Ipv4Addr>()
                    .ok();
                let fits = typed.is_some_and(|address| {
                    topology.vswitch(&vswitch).is_some_and(|v| {
                        v.cidr_block.contains(&address)
                            && !topology
                                .used_addresses(&vswitch)
                                .any(|(used, _)| used == address)
                    })
                });
                if !fits {
                    let proposed = topology
                        .next_free_address(&vswitch)
                        .map(|address| address.to_string())
                        .unwrap_or_default();
                    self.set("PrivateIpAddress", proposed);
                }
            }
            (ActionKind::CreateVSwitch, "VpcId") => {
                let vpc = self.value("VpcId").to_owned();
                let zone = model::editing::suggest_zone(topology, &vpc).unwrap_or_default();
                let cidr = model::editing::suggest_vswitch_cidr(topology, &vpc)
                    .map(|net| net.to_string())
                    .unwrap_or_default();
                self.set("ZoneId", zone.to_owned());
                self.set("CidrBlock", cidr);
            }
            _ => {}
        }
    }

    /// What the user should know before this form can do what they want, and the form that
    /// helps: a missing resource to create first, or the call that really gives a public IP.
    pub fn advice(&self, topology: &Topology) -> Option<Advice> {
        match self.action {
            ActionKind::CreateVSwitch | ActionKind::CreateSecurityGroup
                if topology.vpcs().is_empty() =>
            {
                Some(Advice::CreateFirst(ActionKind::CreateVpc))
            }
            ActionKind::RunInstances
            | ActionKind::CreateLoadBalancer
            | ActionKind::CreateDBInstance
                if topology.vswitches().is_empty() =>
            {
                Some(Advice::CreateFirst(if topology.vpcs().is_empty() {
                    ActionKind::CreateVpc
                } else {
                    ActionKind::CreateVSwitch
                }))
            }
            ActionKind::AssociateEipAddress
                if topology.eips().values().all(|eip| eip.binding.is_some()) =>
            {
                Some(Advice::CreateFirst(ActionKind::AllocateEipAddress))
            }
            ActionKind::ModifyInstanceNetworkSpec => {
                let instance = self.value("InstanceId");
                let raised = self
                    .value("InternetMaxBandwidthOut")
                    .trim()
                    .parse::<u32>()
                    .is_ok_and(|mbps| mbps > 0);
                let bare = topology.instance(instance).is_some_and(|found| {
                    found.internet_max_bandwidth_out == 0
                        && topology.public_ip_of(&found.id).is_none()
                });
                (raised && bare).then_some(Advice::NoPublicIpFromBandwidth)
            }
            _ => None,
        }
    }

    ///
    /// # Errors
    /// A sentence naming the first empty required field, or what the model's parser said.
    pub fn command(&self) -> Result<Command, String> {
        let mut object = Map::new();
        object.insert(
            "Action".into(),
            Value::String(self.action.api_name().into()),
        );
        for field in &self.fields {
            let value = field.value.trim();
            if value.is_empty() {
                if field.optional {
                    continue;
                }
                return Err(format!("{} is required.", field.param));
            }
            object.insert(field.param.into(), Value::String(value.into()));
        }
        serde_json::from_value(Value::Object(object)).map_err(|error| error.to_string())
    }

    /// Dry-runs the form against `topology`: what would happen if it were submitted now.
    pub fn check(&self, topology: &Topology) -> Check {
        match self.command() {
            Err(problem) => Check::Incomplete(problem),
            Ok(command) => match model::refusal(topology, &command) {
                None => Check::Accepted(command),
                Some(error) => Check::Rejected(Rejection::from(&error)),
            },
        }
    }
}

/// What a form tells the user before they submit ([`Form::advice`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advice {
    /// The form needs a resource that does not exist yet; this action creates it.
    CreateFirst(ActionKind),
    /// Raising the bandwidth of an instance that has no public IP gives it none: a
    /// pay-as-you-go instance gets a NatPublicIP only with `AllocatePublicIp` on this call or
    /// `AllocatePublicIpAddress` after it, and an EIP ([`ActionKind::AllocateEipAddress`],
    /// then associate it) is the address this lab can give it.
    NoPublicIpFromBandwidth,
}

/// A choice for an id, labelled with the resource's name when it has one.
fn named(id: &str, name: &str) -> (String, String) {
    if name.is_empty() || name == id {
        (id.to_owned(), id.to_owned())
    } else {
        (id.to_owned(), format!("{name} ({id})"))
    }
}

/// Choices whose label is their value.
fn pairs<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<(String, String)> {
    values
        .into_iter()
        .map(|value| (value.to_string(), value.to_string()))
        .collect()
}

/// The choices offered for `param` in `form`, as (value, label) pairs, labelled in
/// `language` (region and zone names); `None` for free text.
pub fn choices(
    form: &Form,
    param: &str,
    topology: &Topology,
    language: super::i18n::Language,
) -> Option<Vec<(String, String)>> {
    let list = match param {
        "RegionId" => region_choices(topology, language),
        "ZoneId" => zone_choices(form, topology, language),
        "InstanceId" => instance_choices(form, topology),
        "SecurityGroupType" => pairs(["normal", "enterprise"]),
        // DNAT entries take the API's own spellings (TCP, UDP, Any); the model reads them
        // whatever their case (`ForwardProtocol::from_name`).
        "IpProtocol" if form.action == ActionKind::CreateForwardEntry => {
            pairs(["TCP", "UDP", "Any"])
        }
        "IpProtocol" => pairs(
            IpProtocol::ALL
                .into_iter()
                .filter(|protocol| *protocol != IpProtocol::Gre)
                .map(IpProtocol::name),
        ),
        "Policy" => pairs(["accept", "drop"]),
        "InnerAccessPolicy" => pairs(["Accept", "Drop"]),
        "NextHopType" => pairs(["Instance", "VpnGateway", "NatGateway", "RouterInterface"]),
        "Engine" => pairs(["MySQL", "PostgreSQL", "SQLServer", "MariaDB"]),
        "AddressType" => pairs(["intranet", "internet"]),
        _ => return resource_choices(param, topology),
    };
    Some(list)
}

/// Every region of the catalogue, closed ones marked.
fn region_choices(topology: &Topology, language: super::i18n::Language) -> Vec<(String, String)> {
    catalog::REGIONS
        .iter()
        .map(|region| {
            let closed = if topology.rules().is_open(region) {
                ""
            } else {
                super::i18n::pick(language, " — closed", " — cerrada")
            };
            let name = crate::text::places::region_name(language.lesson(), region.id);
            (
                region.id.to_owned(),
                format!("{} {name}{closed}", region.id),
            )
        })
        .collect()
}

/// The zones of the region of the form's VPC.
fn zone_choices(
    form: &Form,
    topology: &Topology,
    language: super::i18n::Language,
) -> Vec<(String, String)> {
    topology
        .vpc(form.value("VpcId"))
        .and_then(|vpc| catalog::region(&vpc.region_id))
        .map(|region| {
            region
                .zones
                .iter()
                .map(|zone| {
                    let name = crate::text::places::zone_name(language.lesson(), zone);
                    ((*zone).to_owned(), format!("{zone} ({name})"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Instances; for AssociateEipAddress also NAT gateways and CLBs, which take EIPs too.
fn instance_choices(form: &Form, topology: &Topology) -> Vec<(String, String)> {
    let instances = topology
        .instances()
        .values()
        .map(|instance| named(&instance.id, &instance.name));
    if form.action != ActionKind::AssociateEipAddress {
        return instances.collect();
    }
    instances
        .chain(
            topology
                .nat_gateways()
                .values()
                .map(|gateway| named(&gateway.id, &gateway.name)),
        )
        .chain(
            topology
                .load_balancers()
                .values()
                .map(|balancer| named(&balancer.id, &balancer.name)),
        )
        .collect()
}

/// The resources an id parameter can name; `None` when `param` names none.
fn resource_choices(param: &str, topology: &Topology) -> Option<Vec<(String, String)>> {
    let table = |id: &str, name: &str| (id.to_owned(), format!("{id} ({name})"));
    let list = match param {
        "VpcId" => topology
            .vpcs()
            .values()
            .map(|vpc| named(&vpc.id, &vpc.name))
            .collect(),
        "VSwitchId" | "SourceVSwitchId" => topology
            .vswitches()
            .values()
            .map(|vswitch| {
                (
                    vswitch.id.clone(),
                    format!("{} {} ({})", vswitch.name, vswitch.cidr_block, vswitch.id),
                )
            })
            .collect(),
        "AllocationId" => topology
            .eips()
            .values()
            .map(|eip| (eip.id.clone(), format!("{} ({})", eip.ip_address, eip.id)))
            .collect(),
        "SecurityGroupId" => topology
            .security_groups()
            .values()
            .map(|group| named(&group.id, &group.name))
            .collect(),
        "RouteTableId" => topology
            .vpcs()
            .values()
            .map(|vpc| table(&vpc.route_table_id, &vpc.name))
            .collect(),
        "SnatTableId" => topology
            .nat_gateways()
            .values()
            .map(|gateway| table(&gateway.snat_table_id, &gateway.name))
            .collect(),
        "ForwardTableId" => topology
            .nat_gateways()
            .values()
            .map(|gateway| table(&gateway.forward_table_id, &gateway.name))
            .collect(),
        "VpnGatewayId" => topology
            .vpn_gateways()
            .values()
            .map(|gateway| named(&gateway.id, &gateway.name))
            .collect(),
        "CustomerGatewayId" => topology
            .customer_gateways()
            .values()
            .map(|gateway| named(&gateway.id, &gateway.name))
            .collect(),
        "DataCenterId" => topology
            .data_centers()
            .values()
            .map(|centre| named(&centre.id, &centre.name))
            .collect(),
        "LoadBalancerId" => topology
            .load_balancers()
            .values()
            .map(|balancer| named(&balancer.id, &balancer.name))
            .collect(),
        _ => return None,
    };
    Some(list)
}

/// Where a form was opened from: the ids it can infer its parameters from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Context {
    /// The region in play.
    pub region: Option<String>,
    /// The VPC in play.
    pub vpc: Option<String>,
    /// The zone in play (a zone column was selected).
    pub zone: Option<String>,
    /// The VSwitch in play.
    pub vswitch: Option<String>,
    /// The selected resource itself, by its Alibaba id.
    pub selected: Option<String>,
}

impl Context {
    /// Infers the context from the selected element.
    pub fn from_selection(topology: &Topology, selected: Option<&ElementId>) -> Context {
        let mut context = Context::default();
        match selected {
            Some(ElementId::Zone { vpc, zone }) => {
                context.vpc = Some(vpc.clone());
                context.zone = Some(zone.clone());
            }
            Some(ElementId::Region(region) | ElementId::Oss(region)) => {
                context.region = Some(region.clone());
            }
            Some(ElementId::More(vswitch)) => context.infer_from(topology, vswitch),
            Some(ElementId::Resource(id) | ElementId::PublicIp(id)) => {
                context.selected = Some(id.clone());
                context.infer_from(topology, id);
            }
            Some(ElementId::Internet) | None => {}
        }
        if context.vpc.is_none() && context.region.is_none() {
            context.vpc = topology.vpcs().keys().next().cloned();
        }
        if context.region.is_none() {
            context.region = context
                .vpc
                .as_deref()
                .and_then(|vpc| topology.vpc(vpc))
                .map(|vpc| vpc.region_id.clone());
        }
        if context.vswitch.is_none() {
            context.vswitch = context.vpc.as_deref().and_then(|vpc| {
                topology
                    .vswitches_of(vpc)
                    .find(|vswitch| {
                        context
                            .zone
                            .as_deref()
                            .is_none_or(|zone| vswitch.zone_id == zone)
                    })
                    .map(|vswitch| vswitch.id.clone())
            });
        }
        context
    }

    /// The VPC (and VSwitch) a selected resource belongs to.
    fn infer_from(&mut self, topology: &Topology, id: &str) {
        if topology.vpc(id).is_some() {
            self.vpc = Some(id.to_owned());
        } else if let Some(vswitch) = topology.vswitch(id) {
            self.vswitch = Some(vswitch.id.clone());
            self.vpc = Some(vswitch.vpc_id.clone());
        } else if let Some(instance) = topology.instance(id) {
            self.vswitch = Some(instance.vswitch_id.clone());
            self.vpc = topology.vpc_of_instance(id).map(|vpc| vpc.id.clone());
        } else if let Some(vpc) = topology.vpcs().values().find(|vpc| vpc.vrouter_id == id) {
            self.vpc = Some(vpc.id.clone());
        } else if let Some(vpc) = vpc_owning(topology, id) {
            self.vpc = Some(vpc);
        }
    }

    /// The region in play when it is open under the network's rules, else the rules'
    /// default one (Mumbai for the article's 2020 rules, Hangzhou today: Mumbai is closed).
    fn region_or_default(&self, topology: &Topology) -> String {
        let open = |id: &str| catalog::region(id).is_some_and(|r| topology.rules().is_open(r));
        match &self.region {
            Some(region) if open(region) => region.clone(),
            _ => match topology.rules() {
                model::RuleSet::Y2020 => "ap-south-1",
                model::RuleSet::Current => "cn-hangzhou",
            }
            .to_owned(),
        }
    }
}

/// The VPC a gateway, security group, CLB or RDS instance belongs to.
fn vpc_owning(topology: &Topology, id: &str) -> Option<String> {
    if let Some(group) = topology.security_group(id) {
        return Some(group.vpc_id.clone());
    }
    if let Some(gateway) = topology.nat_gateway(id) {
        return Some(gateway.vpc_id.clone());
    }
    if let Some(gateway) = topology.vpn_gateway(id) {
        return Some(gateway.vpc_id.clone());
    }
    let vswitch = topology
        .load_balancer(id)
        .map(|balancer| balancer.vswitch_id.clone())
        .or_else(|| {
            topology
                .db_instance(id)
                .map(|database| database.vswitch_id.clone())
        })?;
    topology
        .vswitch(&vswitch)
        .map(|vswitch| vswitch.vpc_id.clone())
}
