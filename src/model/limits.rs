//! The numbers of the rules, named once: netmask ranges, the VLAN range, ports, priorities,
//! bandwidths, weights and the reserved AS number.
//!
//! The commands ([`crate::model::apply()`]) and the stored document's validation
//! ([`crate::model::document`]) both check against these, so the two can never disagree.
//! Quotas, which differ between rule sets, live in [`crate::model::catalog::QUOTA_TABLE`].

/// An inclusive range of allowed values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds<T> {
    /// The smallest allowed value.
    pub min: T,
    /// The largest allowed value.
    pub max: T,
}

impl<T: PartialOrd + Copy> Bounds<T> {
    /// Whether `value` is allowed.
    ///
    /// ```
    /// use vpclab::model::limits::VPC_PREFIX;
    /// assert!(VPC_PREFIX.contains(16));
    /// assert!(!VPC_PREFIX.contains(29));
    /// ```
    pub fn contains(self, value: T) -> bool {
        self.min <= value && value <= self.max
    }
}

/// The netmask of a VPC block (CreateVpc, AssociateVpcCidrBlock): /8 to /28.
pub const VPC_PREFIX: Bounds<u8> = Bounds { min: 8, max: 28 };

/// The netmask of a VSwitch block (CreateVSwitch): /16 to /29.
pub const VSWITCH_PREFIX: Bounds<u8> = Bounds { min: 16, max: 29 };

/// The VLAN of an Express Connect virtual border router: 0 to 2999.
pub const VLAN_ID: Bounds<u32> = Bounds { min: 0, max: 2999 };

/// A TCP or UDP port: 1 to 65535.
pub const PORT: Bounds<u32> = Bounds { min: 1, max: 65535 };

/// A security group rule's priority: 1 (highest) to 100.
pub const RULE_PRIORITY: Bounds<u32> = Bounds { min: 1, max: 100 };

/// The priority of a rule that names none.
pub const DEFAULT_RULE_PRIORITY: u32 = 1;

/// An EIP's bandwidth in Mbit/s (AllocateEipAddress).
pub const EIP_BANDWIDTH: Bounds<u32> = Bounds { min: 1, max: 500 };

/// The bandwidth of an EIP allocated without one, in Mbit/s.
pub const DEFAULT_EIP_BANDWIDTH: u32 = 5;

/// A VPN gateway's bandwidth in Mbit/s (CreateVpnGateway).
pub const VPN_GATEWAY_BANDWIDTH: Bounds<u32> = Bounds { min: 1, max: 1000 };

/// The bandwidth of a VPN gateway created without one, in Mbit/s.
pub const DEFAULT_VPN_GATEWAY_BANDWIDTH: u32 = 10;

/// A CLB back end's weight (AddBackendServers): 0 to 100.
pub const BACKEND_WEIGHT: Bounds<u32> = Bounds { min: 0, max: 100 };

/// The weight of a back end added without one.
pub const DEFAULT_BACKEND_WEIGHT: u32 = 100;

/// A customer gateway's BGP AS number.
pub const ASN: Bounds<u32> = Bounds {
    min: 1,
    max: u32::MAX,
};

/// The AS number Alibaba Cloud keeps for itself.
pub const RESERVED_ASN: u32 = 45104;
