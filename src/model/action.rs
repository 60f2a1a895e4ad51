//! The actions: every Alibaba OpenAPI action the model implements, as a type.
//!
//! [`ActionKind`] is generated, with [`Command::action`], from the one table below (the
//! `actions!` invocation), as [`crate::model::error`] generates the error codes: each row is
//! a [`Command`] variant, whose name is the action's API name, and whether the action creates
//! a resource. Scenario files, the toolbar, the forms and the UI's labels all name actions
//! through this type, so a misspelt action does not compile, and a new [`Command`] variant
//! does not compile until it has its row.

use std::fmt;

use super::command::Command;

macro_rules! actions {
    ($( $(#[$doc:meta])* $variant:ident, creates: $creates:literal; )*) => {
        /// An Alibaba OpenAPI action the model implements.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ActionKind {
            $( $(#[$doc])* $variant, )*
        }

        impl ActionKind {
            /// Every action, in declaration order.
            pub const ALL: &'static [ActionKind] = &[$(ActionKind::$variant),*];

            /// Every action's API name, in declaration order (what an unknown `Action` is
            /// told it may be).
            pub const NAMES: &'static [&'static str] = &[$(stringify!($variant)),*];

            /// The action's API name, as a request's `Action` writes it.
            ///
            /// ```
            /// use vpclab::model::ActionKind;
            /// assert_eq!(ActionKind::CreateVSwitch.api_name(), "CreateVSwitch");
            /// ```
            pub const fn api_name(self) -> &'static str {
                match self { $(ActionKind::$variant => stringify!($variant),)* }
            }

            /// Whether the action creates a resource (a form for it says "Create").
            ///
            /// ```
            /// use vpclab::model::ActionKind;
            /// assert!(ActionKind::RunInstances.creates());
            /// assert!(!ActionKind::AssociateEipAddress.creates());
            /// ```
            pub const fn creates(self) -> bool {
                match self { $(ActionKind::$variant => $creates,)* }
            }
        }

        impl Command {
            /// The command's action.
            ///
            /// ```
            /// use vpclab::model::{ActionKind, Command};
            /// let command = Command::DeleteVpc { vpc_id: "vpc-0001".into() };
            /// assert_eq!(command.action(), ActionKind::DeleteVpc);
            /// ```
            pub fn action(&self) -> ActionKind {
                match self { $(Command::$variant { .. } => ActionKind::$variant,)* }
            }
        }
    };
}

actions! {
    /// Creates a VPC.
    CreateVpc, creates: true;
    /// Deletes an empty VPC.
    DeleteVpc, creates: false;
    /// Adds a secondary IPv4 block to a VPC.
    AssociateVpcCidrBlock, creates: false;
    /// Creates a VSwitch.
    CreateVSwitch, creates: true;
    /// Deletes an empty VSwitch.
    DeleteVSwitch, creates: false;
    /// Creates an ECS instance.
    RunInstances, creates: true;
    /// Releases an ECS instance.
    DeleteInstance, creates: false;
    /// Changes an instance's outbound bandwidth.
    ModifyInstanceNetworkSpec, creates: false;
    /// Turns a NatPublicIP into an EIP.
    ConvertNatPublicIpToEip, creates: false;
    /// Allocates an EIP.
    AllocateEipAddress, creates: true;
    /// Binds an EIP.
    AssociateEipAddress, creates: false;
    /// Unbinds an EIP.
    UnassociateEipAddress, creates: false;
    /// Releases an EIP.
    ReleaseEipAddress, creates: false;
    /// Adds a custom route entry.
    CreateRouteEntry, creates: true;
    /// Removes a custom route entry.
    DeleteRouteEntry, creates: false;
    /// Creates a security group.
    CreateSecurityGroup, creates: true;
    /// Deletes a security group.
    DeleteSecurityGroup, creates: false;
    /// Sets how the members of a basic security group reach each other.
    ModifySecurityGroupPolicy, creates: false;
    /// Adds an inbound security group rule.
    AuthorizeSecurityGroup, creates: false;
    /// Removes an inbound security group rule.
    RevokeSecurityGroup, creates: false;
    /// Adds an outbound security group rule.
    AuthorizeSecurityGroupEgress, creates: false;
    /// Removes an outbound security group rule.
    RevokeSecurityGroupEgress, creates: false;
    /// Creates a NAT gateway.
    CreateNatGateway, creates: true;
    /// Deletes a NAT gateway.
    DeleteNatGateway, creates: false;
    /// Adds an SNAT entry.
    CreateSnatEntry, creates: true;
    /// Adds a DNAT entry.
    CreateForwardEntry, creates: true;
    /// Creates a VPN gateway.
    CreateVpnGateway, creates: true;
    /// Deletes a VPN gateway.
    DeleteVpnGateway, creates: false;
    /// Registers a customer gateway.
    CreateCustomerGateway, creates: true;
    /// Deletes a customer gateway.
    DeleteCustomerGateway, creates: false;
    /// Creates an IPsec connection.
    CreateVpnConnection, creates: true;
    /// Deletes an IPsec connection.
    DeleteVpnConnection, creates: false;
    /// Creates an Express Connect virtual border router.
    CreateVirtualBorderRouter, creates: true;
    /// Deletes a virtual border router.
    DeleteVirtualBorderRouter, creates: false;
    /// Adds an on-premises network (ours).
    CreateDataCenter, creates: true;
    /// Removes an on-premises network (ours).
    DeleteDataCenter, creates: false;
    /// Creates a CLB.
    CreateLoadBalancer, creates: true;
    /// Deletes a CLB.
    DeleteLoadBalancer, creates: false;
    /// Adds back ends to a CLB.
    AddBackendServers, creates: false;
    /// Creates an RDS instance.
    CreateDBInstance, creates: true;
    /// Deletes an RDS instance.
    DeleteDBInstance, creates: false;
}

impl ActionKind {
    /// The action with this API name (exact spelling).
    ///
    /// ```
    /// use vpclab::model::ActionKind;
    /// assert_eq!(ActionKind::from_name("RunInstances"), Some(ActionKind::RunInstances));
    /// assert_eq!(ActionKind::from_name("CreateVPC"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<ActionKind> {
        ActionKind::ALL
            .iter()
            .copied()
            .find(|action| action.api_name() == name)
    }
}

impl fmt::Display for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for action in ActionKind::ALL {
            assert_eq!(ActionKind::from_name(action.api_name()), Some(*action));
        }
        let mut names: Vec<&str> = ActionKind::ALL.iter().map(|a| a.api_name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ActionKind::ALL.len());
    }

    #[test]
    fn a_commands_serde_tag_is_its_actions_api_name() {
        let command = Command::CreateVSwitch {
            vpc_id: "vpc-0001".into(),
            zone_id: "ap-south-1a".into(),
            cidr_block: "192.168.1.0/24".into(),
            vswitch_name: None,
            description: None,
        };
        let json = serde_json::to_value(&command).unwrap_or_default();
        assert_eq!(json["Action"], command.action().api_name());
    }
}
