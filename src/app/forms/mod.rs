//! The forms that create and change resources, described as data.
//!
//! A form is an Alibaba API action plus its parameters as text fields, labelled with the
//! API's own parameter names so learners meet them again in the console and the CLI. The
//! fields become a [`Command`] through the model's own JSON form (`{"Action": ..., ...}`),
//! so there is one definition of every parameter, the model's. [`Form::check`] dry-runs the
//! command against the current network while the user types, and the model answers with the
//! same error the real submit would get.

use serde_json::{Map, Value};

use super::state::Rejection;
use crate::model::{self, catalog, editing, Command, Topology};

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
    pub action: &'static str,
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
    fn new(action: &'static str) -> Form {
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

    /// The command the fields describe.
    ///
    /// # Errors
    /// A sentence naming the first empty required field, or what the model's parser said.
    pub fn command(&self) -> Result<Command, String> {
        let mut object = Map::new();
        object.insert("Action".into(), Value::String(self.action.into()));
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
            Ok(command) => match model::apply(topology, &command) {
                Ok(_) => Check::Accepted(command),
                Err(error) => Check::Rejected(Rejection::from(&error)),
            },
        }
    }
}

/// The choices offered for `param` in `form`, as (value, label) pairs; `None` for free text.
pub fn choices(form: &Form, param: &str, topology: &Topology) -> Option<Vec<(String, String)>> {
    let named = |id: &str, name: &str| {
        if name.is_empty() || name == id {
            (id.to_owned(), id.to_owned())
        } else {
            (id.to_owned(), format!("{name} ({id})"))
        }
    };
    let list = match param {
        "RegionId" => catalog::REGIONS
            .iter()
            .map(|region| {
                let closed = if topology.rules().is_open(region) {
                    ""
                } else {
                    " — closed"
                };
                (
                    region.id.to_owned(),
                    format!("{} {}{closed}", region.id, region.name),
                )
            })
            .collect(),
        "VpcId" => topology
            .vpcs()
            .values()
            .map(|vpc| named(&vpc.id, &vpc.name))
            .collect(),
        "ZoneId" => {
            let region = topology
                .vpc(form.value("VpcId"))
                .and_then(|vpc| catalog::region(&vpc.region_id));
            region
                .map(|region| {
                    region
                        .zones
                        .iter()
                        .map(|zone| (zone.to_string(), zone.to_string()))
                        .collect()
                })
                .unwrap_or_default()
        }
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
        "InstanceId" if form.action == "AssociateEipAddress" => topology
            .instances()
            .values()
            .map(|instance| named(&instance.id, &instance.name))
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
            .collect(),
        "InstanceId" => topology
            .instances()
            .values()
            .map(|instance| named(&instance.id, &instance.name))
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
        "SecurityGroupType" => pairs(&["normal", "enterprise"]),
        "IpProtocol" if form.action == "CreateForwardEntry" => pairs(&["TCP", "UDP", "Any"]),
        "IpProtocol" => pairs(&["tcp", "udp", "icmp", "all"]),
        "Policy" => pairs(&["accept", "drop"]),
        "NextHopType" => pairs(&["Instance", "VpnGateway", "NatGateway", "RouterInterface"]),
        "RouteTableId" => topology
            .vpcs()
            .values()
            .map(|vpc| {
                (
                    vpc.route_table_id.clone(),
                    format!("{} ({})", vpc.route_table_id, vpc.name),
                )
            })
            .collect(),
        "SnatTableId" => topology
            .nat_gateways()
            .values()
            .map(|gateway| {
                (
                    gateway.snat_table_id.clone(),
                    format!("{} ({})", gateway.snat_table_id, gateway.name),
                )
            })
            .collect(),
        "ForwardTableId" => topology
            .nat_gateways()
            .values()
            .map(|gateway| {
                (
                    gateway.forward_table_id.clone(),
                    format!("{} ({})", gateway.forward_table_id, gateway.name),
                )
            })
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
        "Engine" => pairs(&["MySQL", "PostgreSQL", "SQLServer", "MariaDB"]),
        "AddressType" => pairs(&["intranet", "internet"]),
        _ => return None,
    };
    Some(list)
}

fn pairs(values: &[&str]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|value| (value.to_string(), value.to_string()))
        .collect()
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
    /// The selected element itself.
    pub selected: Option<String>,
}

impl Context {
    /// Infers the context from the selected element's id.
    pub fn from_selection(topology: &Topology, selected: Option<&str>) -> Context {
        let mut context = Context {
            selected: selected.map(str::to_owned),
            ..Context::default()
        };
        if let Some(id) = selected {
            if let Some((vpc, zone)) = id.split_once('/') {
                context.vpc = Some(vpc.to_owned());
                context.zone = Some(zone.to_owned());
            } else if topology.vpc(id).is_some() {
                context.vpc = Some(id.to_owned());
            } else if let Some(vswitch) = topology.vswitch(id) {
                context.vswitch = Some(vswitch.id.clone());
                context.vpc = Some(vswitch.vpc_id.clone());
            } else if let Some(instance) = topology.instance(id) {
                context.vswitch = Some(instance.vswitch_id.clone());
                context.vpc = topology.vpc_of_instance(id).map(|vpc| vpc.id.clone());
            } else if let Some(vpc) = topology.vpcs().values().find(|vpc| vpc.vrouter_id == id) {
                context.vpc = Some(vpc.id.clone());
            } else if catalog::region(id).is_some() {
                context.region = Some(id.to_owned());
            } else if let Some(vpc) = vpc_owning(topology, id) {
                context.vpc = Some(vpc);
            }
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

    fn region_or_default(&self, topology: &Topology) -> String {
        self.region.clone().unwrap_or_else(|| {
            let fallback = match topology.rules() {
                model::RuleSet::Y2020 => "ap-south-1",
                model::RuleSet::Current => "cn-hangzhou",
            };
            fallback.to_owned()
        })
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

/// The actions the toolbar offers a form for, in the order it lists them.
pub const CREATE_ACTIONS: [&str; 14] = [
    "CreateVpc",
    "CreateVSwitch",
    "RunInstances",
    "AllocateEipAddress",
    "CreateSecurityGroup",
    "CreateRouteEntry",
    "CreateNatGateway",
    "CreateVpnGateway",
    "CreateDataCenter",
    "CreateCustomerGateway",
    "CreateVpnConnection",
    "CreateVirtualBorderRouter",
    "CreateLoadBalancer",
    "CreateDBInstance",
];

/// A form for `action`, pre-filled with sensible values from the network and the context:
/// the next free /24 for a VSwitch, a zone not used yet, the first free IP, and so on.
pub fn form_for(action: &str, topology: &Topology, context: &Context) -> Option<Form> {
    let vpc = context.vpc.clone().unwrap_or_default();
    let vswitch = context.vswitch.clone().unwrap_or_default();
    let region = context.region_or_default(topology);
    let selected = context.selected.clone().unwrap_or_default();
    let count = |n: usize| n + 1;
    let form = match action {
        "CreateVpc" => Form::new("CreateVpc")
            .required("RegionId", region.clone())
            .required(
                "CidrBlock",
                editing::suggest_vpc_cidr(topology, &region).to_string(),
            )
            .optional("VpcName", format!("vpc-{}", count(topology.vpcs().len()))),
        "AssociateVpcCidrBlock" => Form::new("AssociateVpcCidrBlock")
            .required("VpcId", vpc)
            .required("SecondaryCidrBlock", "172.16.0.0/16"),
        "CreateVSwitch" => {
            let zone = context
                .zone
                .clone()
                .or_else(|| editing::suggest_zone(topology, &vpc).map(str::to_owned))
                .unwrap_or_default();
            let cidr = editing::suggest_vswitch_cidr(topology, &vpc)
                .map(|net| net.to_string())
                .unwrap_or_default();
            Form::new("CreateVSwitch")
                .required("VpcId", vpc.clone())
                .required("ZoneId", zone)
                .required("CidrBlock", cidr)
                .optional(
                    "VSwitchName",
                    format!("vsw-{}", count(topology.vswitches_of(&vpc).count())),
                )
        }
        "RunInstances" => {
            let address = topology
                .next_free_address(&vswitch)
                .map(|address| address.to_string())
                .unwrap_or_default();
            Form::new("RunInstances")
                .required("VSwitchId", vswitch)
                .optional(
                    "InstanceName",
                    format!("VM{}", count(topology.instances().len())),
                )
                .optional("PrivateIpAddress", address)
                .optional("InternetMaxBandwidthOut", "0")
                .optional("SecurityGroupId", "")
        }
        "ModifyInstanceNetworkSpec" => Form::new("ModifyInstanceNetworkSpec")
            .required("InstanceId", selected)
            .required("InternetMaxBandwidthOut", "0"),
        "AllocateEipAddress" => Form::new("AllocateEipAddress")
            .required("RegionId", region)
            .optional("Bandwidth", "5")
            .optional("Name", ""),
        "AssociateEipAddress" => {
            let (allocation, instance) = if topology.eip(&selected).is_some() {
                let target = topology
                    .instances()
                    .values()
                    .find(|instance| topology.public_ip_of(&instance.id).is_none())
                    .map(|instance| instance.id.clone())
                    .unwrap_or_default();
                (selected, target)
            } else {
                let free = topology
                    .eips()
                    .values()
                    .find(|eip| eip.binding.is_none())
                    .map(|eip| eip.id.clone())
                    .unwrap_or_default();
                (free, selected)
            };
            Form::new("AssociateEipAddress")
                .required("AllocationId", allocation)
                .required("InstanceId", instance)
        }
        "CreateSecurityGroup" => Form::new("CreateSecurityGroup")
            .required("VpcId", vpc)
            .optional(
                "SecurityGroupName",
                format!("sg-{}", count(topology.security_groups().len())),
            )
            .optional("SecurityGroupType", "normal"),
        "AuthorizeSecurityGroup" => Form::new("AuthorizeSecurityGroup")
            .required("SecurityGroupId", selected)
            .required("IpProtocol", "tcp")
            .required("PortRange", "22/22")
            .optional("SourceCidrIp", "0.0.0.0/0")
            .optional("Policy", "accept")
            .optional("Priority", "1"),
        "CreateRouteEntry" => {
            let table = topology
                .vpc(&vpc)
                .map(|vpc| vpc.route_table_id.clone())
                .unwrap_or_default();
            Form::new("CreateRouteEntry")
                .required("RouteTableId", table)
                .required("DestinationCidrBlock", "10.0.0.0/16")
                .required("NextHopType", "Instance")
                .required("NextHopId", "")
        }
        "CreateNatGateway" => Form::new("CreateNatGateway")
            .required("VpcId", vpc)
            .optional("VSwitchId", vswitch)
            .optional(
                "Name",
                format!("nat-{}", count(topology.nat_gateways().len())),
            ),
        "CreateSnatEntry" => {
            let table = topology
                .nat_gateway(&selected)
                .map(|gateway| gateway.snat_table_id.clone())
                .unwrap_or_default();
            let address = topology
                .eip_of(&selected)
                .map(|eip| eip.ip_address.to_string())
                .unwrap_or_default();
            Form::new("CreateSnatEntry")
                .required("SnatTableId", table)
                .required("SnatIp", address)
                .optional("SourceVSwitchId", vswitch)
        }
        "CreateForwardEntry" => {
            let table = topology
                .nat_gateway(&selected)
                .map(|gateway| gateway.forward_table_id.clone())
                .unwrap_or_default();
            let address = topology
                .eip_of(&selected)
                .map(|eip| eip.ip_address.to_string())
                .unwrap_or_default();
            Form::new("CreateForwardEntry")
                .required("ForwardTableId", table)
                .required("ExternalIp", address)
                .required("ExternalPort", "80")
                .required("IpProtocol", "TCP")
                .required("InternalIp", "")
                .required("InternalPort", "80")
        }
        "CreateVpnGateway" => Form::new("CreateVpnGateway")
            .required("VpcId", vpc)
            .optional("Bandwidth", "10")
            .optional(
                "Name",
                format!("vpn-{}", count(topology.vpn_gateways().len())),
            ),
        "CreateDataCenter" => Form::new("CreateDataCenter")
            .required("CidrBlock", "10.10.0.0/16")
            .optional(
                "DataCenterName",
                format!("on-premises-{}", count(topology.data_centers().len())),
            ),
        "CreateCustomerGateway" => {
            let centre = if topology.data_center(&selected).is_some() {
                selected
            } else {
                topology
                    .data_centers()
                    .keys()
                    .next()
                    .cloned()
                    .unwrap_or_default()
            };
            Form::new("CreateCustomerGateway")
                .required("RegionId", region)
                .required("IpAddress", "203.0.113.10")
                .optional("Asn", "65000")
                .optional(
                    "Name",
                    format!("cgw-{}", count(topology.customer_gateways().len())),
                )
                .optional("DataCenterId", centre)
        }
        "CreateVpnConnection" => {
            let gateway = topology
                .vpn_gateways()
                .keys()
                .next()
                .cloned()
                .unwrap_or_default();
            let customer = topology
                .customer_gateways()
                .values()
                .next()
                .map(|gateway| gateway.id.clone())
                .unwrap_or_default();
            let local = topology
                .vpn_gateway(&gateway)
                .and_then(|gateway| topology.vpc(&gateway.vpc_id))
                .map(|vpc| vpc.cidr_block.to_string())
                .unwrap_or_default();
            let remote = topology
                .customer_gateway(&customer)
                .and_then(|gateway| gateway.data_center_id.as_deref())
                .and_then(|centre| topology.data_center(centre))
                .map(|centre| centre.cidr_block.to_string())
                .unwrap_or_default();
            Form::new("CreateVpnConnection")
                .required("VpnGatewayId", gateway)
                .required("CustomerGatewayId", customer)
                .required("LocalSubnet", local)
                .required("RemoteSubnet", remote)
                .optional("Name", "")
        }
        "CreateVirtualBorderRouter" => Form::new("CreateVirtualBorderRouter")
            .required("RegionId", region)
            .required("VlanId", "100")
            .optional("VpcId", vpc)
            .optional(
                "DataCenterId",
                topology
                    .data_centers()
                    .keys()
                    .next()
                    .cloned()
                    .unwrap_or_default(),
            )
            .optional("Name", ""),
        "CreateLoadBalancer" => Form::new("CreateLoadBalancer")
            .required("VSwitchId", vswitch)
            .optional(
                "LoadBalancerName",
                format!("clb-{}", count(topology.load_balancers().len())),
            )
            .optional("AddressType", "intranet"),
        "AddBackendServers" => {
            let instance = topology
                .instances()
                .keys()
                .next()
                .map(|id| format!(r#"[{{"ServerId":"{id}"}}]"#))
                .unwrap_or_default();
            Form::new("AddBackendServers")
                .required("LoadBalancerId", selected)
                .required("BackendServers", instance)
        }
        "CreateDBInstance" => Form::new("CreateDBInstance")
            .required("VSwitchId", vswitch)
            .required("Engine", "MySQL")
            .optional(
                "DBInstanceDescription",
                format!("rds-{}", count(topology.db_instances().len())),
            )
            .optional("PrivateIpAddress", ""),
        _ => return None,
    };
    Some(form)
}
