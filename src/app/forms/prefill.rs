//! Forms pre-filled with sensible values from the network and the selection: the next free
//! /24 for a VSwitch, a zone not used yet, the first free IP, and so on. One function per
//! action; [`form_for`] says which actions open a form at all.

use super::{Context, Form};
use crate::model::{editing, ActionKind, InnerAccessPolicy, Topology};

/// The actions the toolbar offers a form for, in the order it lists them.
pub const CREATE_ACTIONS: [ActionKind; 14] = [
    ActionKind::CreateVpc,
    ActionKind::CreateVSwitch,
    ActionKind::RunInstances,
    ActionKind::AllocateEipAddress,
    ActionKind::CreateSecurityGroup,
    ActionKind::CreateRouteEntry,
    ActionKind::CreateNatGateway,
    ActionKind::CreateVpnGateway,
    ActionKind::CreateDataCenter,
    ActionKind::CreateCustomerGateway,
    ActionKind::CreateVpnConnection,
    ActionKind::CreateVirtualBorderRouter,
    ActionKind::CreateLoadBalancer,
    ActionKind::CreateDBInstance,
];

/// What a form is pre-filled from: the network, the context and the ids it implies.
struct Prefill<'a> {
    topology: &'a Topology,
    context: &'a Context,
    vpc: String,
    vswitch: String,
    region: String,
    selected: String,
}

impl Prefill<'_> {
    /// The security group a form opened from the selection is about: the group itself, or
    /// an instance's first group (groups are not drawn: their forms open from a member).
    fn group_in_play(&self) -> String {
        self.topology
            .instance(&self.selected)
            .and_then(|instance| instance.security_group_ids.first().cloned())
            .unwrap_or_else(|| self.selected.clone())
    }

    /// ModifySecurityGroupPolicy, offering the policy the group does not have yet.
    fn modify_security_group_policy(&self) -> Form {
        let group = self.group_in_play();
        let other = self
            .topology
            .security_group(&group)
            .map_or("Drop", |group| match group.inner_access_policy {
                InnerAccessPolicy::Accept => "Drop",
                InnerAccessPolicy::Drop => "Accept",
            });
        Form::new(ActionKind::ModifySecurityGroupPolicy)
            .required("SecurityGroupId", group)
            .required("InnerAccessPolicy", other)
    }
}

/// The next number for a default name, counting the `n` that exist.
fn next(n: usize) -> usize {
    n + 1
}

/// A form for `action`, pre-filled from the network and the context; `None` for the
/// actions that run without a form (deletions, one-click changes).
pub fn form_for(action: ActionKind, topology: &Topology, context: &Context) -> Option<Form> {
    let fill = Prefill {
        topology,
        context,
        vpc: context.vpc.clone().unwrap_or_default(),
        vswitch: context.vswitch.clone().unwrap_or_default(),
        region: context.region_or_default(topology),
        selected: context.selected.clone().unwrap_or_default(),
    };
    use ActionKind as A;
    let form = match action {
        A::CreateVpc => fill.create_vpc(),
        A::AssociateVpcCidrBlock => Form::new(action)
            .required("VpcId", fill.vpc)
            .required("SecondaryCidrBlock", "172.16.0.0/16"),
        A::CreateVSwitch => fill.create_vswitch(),
        A::RunInstances => fill.run_instances(),
        A::ModifyInstanceNetworkSpec => Form::new(action)
            .required("InstanceId", fill.selected)
            .required("InternetMaxBandwidthOut", "0"),
        A::AllocateEipAddress => Form::new(action)
            .required("RegionId", fill.region)
            .optional("Bandwidth", "5")
            .optional("Name", ""),
        A::AssociateEipAddress => fill.associate_eip_address(),
        A::CreateSecurityGroup => Form::new(action)
            .required("VpcId", fill.vpc)
            .optional(
                "SecurityGroupName",
                format!("sg-{}", next(topology.security_groups().len())),
            )
            .optional("SecurityGroupType", "normal"),
        A::ModifySecurityGroupPolicy => fill.modify_security_group_policy(),
        A::AuthorizeSecurityGroup => Form::new(action)
            .required("SecurityGroupId", fill.group_in_play())
            .required("IpProtocol", "tcp")
            .required("PortRange", "22/22")
            .optional("SourceCidrIp", "0.0.0.0/0")
            .optional("Policy", "accept")
            .optional("Priority", "1"),
        A::AuthorizeSecurityGroupEgress => Form::new(action)
            .required("SecurityGroupId", fill.group_in_play())
            .required("IpProtocol", "tcp")
            .required("PortRange", "443/443")
            .optional("DestCidrIp", "0.0.0.0/0")
            .optional("Policy", "accept")
            .optional("Priority", "1"),
        A::CreateRouteEntry => fill.create_route_entry(),
        A::CreateNatGateway => Form::new(action)
            .required("VpcId", fill.vpc)
            .optional("VSwitchId", fill.vswitch)
            .optional(
                "Name",
                format!("nat-{}", next(topology.nat_gateways().len())),
            ),
        A::CreateSnatEntry => fill.create_snat_entry(),
        A::CreateForwardEntry => fill.create_forward_entry(),
        A::CreateVpnGateway => Form::new(action)
            .required("VpcId", fill.vpc)
            .optional("Bandwidth", "10")
            .optional(
                "Name",
                format!("vpn-{}", next(topology.vpn_gateways().len())),
            ),
        A::CreateDataCenter => Form::new(action)
            .required("CidrBlock", "10.10.0.0/16")
            .optional(
                "DataCenterName",
                format!("on-premises-{}", next(topology.data_centers().len())),
            ),
        A::CreateCustomerGateway => fill.create_customer_gateway(),
        A::CreateVpnConnection => fill.create_vpn_connection(),
        A::CreateVirtualBorderRouter => fill.create_virtual_border_router(),
        A::CreateLoadBalancer => Form::new(action)
            .required("VSwitchId", fill.vswitch)
            .optional(
                "LoadBalancerName",
                format!("clb-{}", next(topology.load_balancers().len())),
            )
            .optional("AddressType", "intranet"),
        A::AddBackendServers => fill.add_backend_servers(),
        A::CreateDBInstance => Form::new(action)
            .required("VSwitchId", fill.vswitch)
            .required("Engine", "MySQL")
            .optional(
                "DBInstanceDescription",
                format!("rds-{}", next(topology.db_instances().len())),
            )
            .optional("PrivateIpAddress", ""),
        // These run from a button or the delete plan, without a form.
        A::DeleteVpc
        | A::DeleteVSwitch
        | A::DeleteInstance
        | A::ConvertNatPublicIpToEip
        | A::UnassociateEipAddress
        | A::ReleaseEipAddress
        | A::DeleteRouteEntry
        | A::DeleteSecurityGroup
        | A::RevokeSecurityGroup
        | A::RevokeSecurityGroupEgress
        | A::DeleteNatGateway
        | A::DeleteVpnGateway
        | A::DeleteCustomerGateway
        | A::DeleteVpnConnection
        | A::DeleteVirtualBorderRouter
        | A::DeleteDataCenter
        | A::DeleteLoadBalancer
        | A::DeleteDBInstance => return None,
    };
    Some(form)
}

impl Prefill<'_> {
    fn create_vpc(&self) -> Form {
        Form::new(ActionKind::CreateVpc)
            .required("RegionId", self.region.clone())
            .required(
                "CidrBlock",
                editing::suggest_vpc_cidr(self.topology, &self.region).to_string(),
            )
            .optional(
                "VpcName",
                format!("vpc-{}", next(self.topology.vpcs().len())),
            )
    }

    fn create_vswitch(&self) -> Form {
        let topology = self.topology;
        let zone = self
            .context
            .zone
            .clone()
            .or_else(|| editing::suggest_zone(topology, &self.vpc).map(str::to_owned))
            .unwrap_or_default();
        let cidr = editing::suggest_vswitch_cidr(topology, &self.vpc)
            .map(|net| net.to_string())
            .unwrap_or_default();
        Form::new(ActionKind::CreateVSwitch)
            .required("VpcId", self.vpc.clone())
            .required("ZoneId", zone)
            .required("CidrBlock", cidr)
            .optional(
                "VSwitchName",
                format!("vsw-{}", next(topology.vswitches_of(&self.vpc).count())),
            )
    }

    fn run_instances(&self) -> Form {
        let address = self
            .topology
            .next_free_address(&self.vswitch)
            .map(|address| address.to_string())
            .unwrap_or_default();
        Form::new(ActionKind::RunInstances)
            .required("VSwitchId", self.vswitch.clone())
            .optional(
                "InstanceName",
                format!("VM{}", next(self.topology.instances().len())),
            )
            .optional("PrivateIpAddress", address)
            .optional("InternetMaxBandwidthOut", "0")
            .optional("SecurityGroupId", "")
    }

    /// From an EIP: the first instance without a public address; from anything else: the
    /// first unbound EIP, for the selection.
    fn associate_eip_address(&self) -> Form {
        let topology = self.topology;
        let (allocation, instance) = if topology.eip(&self.selected).is_some() {
            let target = topology
                .instances()
                .values()
                .find(|instance| topology.public_ip_of(&instance.id).is_none())
                .map(|instance| instance.id.clone())
                .unwrap_or_default();
            (self.selected.clone(), target)
        } else {
            let free = topology
                .eips()
                .values()
                .find(|eip| eip.binding.is_none())
                .map(|eip| eip.id.clone())
                .unwrap_or_default();
            (free, self.selected.clone())
        };
        Form::new(ActionKind::AssociateEipAddress)
            .required("AllocationId", allocation)
            .required("InstanceId", instance)
    }

    fn create_route_entry(&self) -> Form {
        let table = self
            .topology
            .vpc(&self.vpc)
            .map(|vpc| vpc.route_table_id.clone())
            .unwrap_or_default();
        Form::new(ActionKind::CreateRouteEntry)
            .required("RouteTableId", table)
            .required("DestinationCidrBlock", "10.0.0.0/16")
            .required("NextHopType", "Instance")
            .required("NextHopId", "")
    }

    /// The selected NAT gateway's table and first EIP address.
    fn nat_table_and_address(
        &self,
        table: fn(&crate::model::NatGateway) -> &String,
    ) -> (String, String) {
        let table = self
            .topology
            .nat_gateway(&self.selected)
            .map(|gateway| table(gateway).clone())
            .unwrap_or_default();
        let address = self
            .topology
            .eip_of(&self.selected)
            .map(|eip| eip.ip_address.to_string())
            .unwrap_or_default();
        (table, address)
    }

    fn create_snat_entry(&self) -> Form {
        let (table, address) = self.nat_table_and_address(|gateway| &gateway.snat_table_id);
        Form::new(ActionKind::CreateSnatEntry)
            .required("SnatTableId", table)
            .required("SnatIp", address)
            .optional("SourceVSwitchId", self.vswitch.clone())
    }

    fn create_forward_entry(&self) -> Form {
        let (table, address) = self.nat_table_and_address(|gateway| &gateway.forward_table_id);
        Form::new(ActionKind::CreateForwardEntry)
            .required("ForwardTableId", table)
            .required("ExternalIp", address)
            .required("ExternalPort", "80")
            .required("IpProtocol", "TCP")
            .required("InternalIp", "")
            .required("InternalPort", "80")
    }

    /// The first data centre, or the selected one.
    fn data_center(&self) -> String {
        if self.topology.data_center(&self.selected).is_some() {
            return self.selected.clone();
        }
        self.topology
            .data_centers()
            .keys()
            .next()
            .cloned()
            .unwrap_or_default()
    }

    fn create_customer_gateway(&self) -> Form {
        Form::new(ActionKind::CreateCustomerGateway)
            .required("RegionId", self.region.clone())
            .required("IpAddress", "203.0.113.10")
            .optional("Asn", "65000")
            .optional(
                "Name",
                format!("cgw-{}", next(self.topology.customer_gateways().len())),
            )
            .optional("DataCenterId", self.data_center())
    }

    /// The first VPN gateway and customer gateway, joining their VPC's and data centre's
    /// blocks.
    fn create_vpn_connection(&self) -> Form {
        let topology = self.topology;
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
        Form::new(ActionKind::CreateVpnConnection)
            .required("VpnGatewayId", gateway)
            .required("CustomerGatewayId", customer)
            .required("LocalSubnet", local)
            .required("RemoteSubnet", remote)
            .optional("Name", "")
    }

    fn create_virtual_border_router(&self) -> Form {
        let first_centre = self
            .topology
            .data_centers()
            .keys()
            .next()
            .cloned()
            .unwrap_or_default();
        Form::new(ActionKind::CreateVirtualBorderRouter)
            .required("RegionId", self.region.clone())
            .required("VlanId", "100")
            .optional("VpcId", self.vpc.clone())
            .optional("DataCenterId", first_centre)
            .optional("Name", "")
    }

    fn add_backend_servers(&self) -> Form {
        let instance = self
            .topology
            .instances()
            .keys()
            .next()
            .map(|id| format!(r#"[{{"ServerId":"{id}"}}]"#))
            .unwrap_or_default();
        Form::new(ActionKind::AddBackendServers)
            .required("LoadBalancerId", self.selected.clone())
            .required("BackendServers", instance)
    }
}
