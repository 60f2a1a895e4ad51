//! Why a command fails: Alibaba's error codes, typed, with a human message.
//!
//! [`ErrorCode`] is the contract: tests and scenario files compare [`ErrorCode::as_str`]
//! (`InvalidCidrBlock.Overlapped`...). [`CommandError`] pairs the code with an
//! [`ErrorDetail`]: typed data naming the offending values, which the UI words in its
//! language and whose `Display` is the English sentence ("192.168.1.128/25 overlaps
//! vsw-0001 (192.168.1.0/24)") for the command line. [`ErrorCode::rule`] gives the rule
//! behind the code in one English sentence; the UI's catalogue has it in every language.
//!
//! When a command breaks several rules, the first in this order wins: malformed input,
//! unknown resource, region/zone, forbidden range, mask range, containment, overlap, quota,
//! state. Each command checks in that order.

use std::fmt;

mod detail;

pub use detail::{text_problem_english, Dependant, ErrorDetail, Noun};

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, $rule:literal; )*) => {
        /// An Alibaba Cloud error code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            /// The code as Alibaba writes it, for example `InvalidCidrBlock.Overlapped`.
            ///
            /// ```
            /// use vpclab::model::ErrorCode;
            /// assert_eq!(ErrorCode::CidrOverlapped.as_str(), "InvalidCidrBlock.Overlapped");
            /// ```
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code,)* }
            }

            /// The rule behind the code, in one sentence.
            pub fn rule(self) -> &'static str {
                match self { $(ErrorCode::$variant => $rule,)* }
            }

            /// The code with the given Alibaba spelling.
            ///
            /// ```
            /// use vpclab::model::ErrorCode;
            /// assert_eq!(ErrorCode::from_code("DependencyViolation"), Some(ErrorCode::DependencyViolation));
            /// ```
            pub fn from_code(code: &str) -> Option<ErrorCode> {
                ErrorCode::ALL.iter().copied().find(|known| known.as_str() == code)
            }
        }
    };
}

error_codes! {
    /// Not a CIDR block, or host bits set.
    CidrMalformed => "InvalidCidrBlock.Malformed",
        "A CIDR block is written a.b.c.d/n with n at most 32 and no bits set after the prefix.";
    /// Inside a reserved range.
    CidrForbidden => "InvalidCidrBlock.Forbidden",
        "VPC and VSwitch blocks may not touch 100.64.0.0/10, 224.0.0.0/4, 127.0.0.0/8, 169.254.0.0/16 or 0.0.0.0/8.";
    /// Netmask outside the allowed range.
    CidrMaskOutOfRange => "InvalidCidrBlock.MaskOutOfRange",
        "A VPC block has a netmask from /8 to /28; a VSwitch block from /16 to /29.";
    /// A VSwitch block outside every block of its VPC.
    CidrNotInVpc => "InvalidCidrBlock.NotInVpc",
        "A VSwitch block must lie inside (or equal) one of its VPC's blocks.";
    /// Overlaps another block of the VPC.
    CidrOverlapped => "InvalidCidrBlock.Overlapped",
        "VSwitch blocks of a VPC never overlap each other or a custom route destination; VPC blocks never overlap each other.";
    /// Unknown region.
    RegionNotFound => "InvalidRegionId.NotFound",
        "Resources are created in one of the catalogued regions.";
    /// The region no longer accepts new resources.
    RegionClosed => "InvalidRegionId.Closed",
        "A closed region (Mumbai since July 2024, under the current rules) accepts no new resources.";
    /// Two resources that must share a region do not.
    RegionMismatch => "InvalidRegionId.Mismatch",
        "An EIP binds only to resources in its own region; VPN peers are in the same region.";
    /// A zone that is not in the VPC's region.
    ZoneNotFound => "InvalidZoneId.NotFound",
        "A VSwitch lives in one zone of its VPC's region.";
    /// Too many VPCs in the region.
    QuotaVpc => "QuotaExceeded.Vpc",
        "A region holds at most 10 VPCs by default.";
    /// Too many VSwitches in the VPC.
    QuotaVswitch => "QuotaExceeded.VSwitch",
        "A VPC holds at most 24 VSwitches under the 2020 rules and 150 under the current rules.";
    /// Too many secondary blocks.
    QuotaSecondaryCidr => "QuotaExceeded.SecondaryCidrBlock",
        "A VPC has at most 5 secondary IPv4 blocks.";
    /// Too many custom route entries.
    QuotaRouteEntry => "QuotaExceeded.RouteEntry",
        "A route table holds at most 200 custom entries.";
    /// Too many VPN gateways in the VPC.
    QuotaVpnGateway => "QuotaExceeded.VpnGateway",
        "A VPC has at most one VPN gateway.";
    /// A private address outside the VSwitch.
    IpNotInVswitch => "InvalidPrivateIpAddress.NotInVSwitch",
        "A private address comes from the block of the instance's VSwitch.";
    /// A reserved private address.
    IpReserved => "InvalidPrivateIpAddress.Reserved",
        "The first address and the last three of every VSwitch are reserved.";
    /// A private address already in use.
    IpDuplicated => "InvalidPrivateIpAddress.Duplicated",
        "Two resources never share a private address.";
    /// Not an IPv4 address.
    IpMalformed => "InvalidIpAddress.Malformed",
        "An address is written a.b.c.d.";
    /// An address in a range a gateway may not use.
    IpForbidden => "InvalidIpAddress.Forbidden",
        "A customer gateway's address is a public one: not in 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4 or 255.0.0.0/8.";
    /// The address is already registered.
    IpAlreadyExist => "InvalidIpAddress.AlreadyExist",
        "A region registers each customer gateway address once.";
    /// No free address left in the VSwitch.
    IpNotEnough => "InvalidVSwitchId.IpNotEnough",
        "A full VSwitch has no address for another resource.";
    /// The public pool is exhausted.
    PublicIpNotEnough => "ResourceNotAvailable.PublicIp",
        "The region's public address pool is exhausted.";
    /// Something still depends on the resource.
    DependencyViolation => "DependencyViolation",
        "A resource with dependants is deleted only after them.";
    /// An id or Ref that names nothing (or something deleted).
    ResourceNotFound => "InvalidResourceId.NotFound",
        "Every id names an existing resource of the right kind.";
    /// An EIP in the wrong state for the operation.
    IncorrectEipStatus => "IncorrectEipStatus",
        "An EIP is associated only when unbound, and unassociated or released only in the right state.";
    /// The instance already has a public address.
    InstanceHasPublicIp => "InvalidInstance.HasPublicIp",
        "An instance has at most one public address: a NatPublicIP or one EIP.";
    /// The instance has no NatPublicIP to convert.
    InstanceNoPublicIp => "InvalidInstance.NoPublicIp",
        "Only a NatPublicIP can be converted to an EIP.";
    /// A custom route entry that clashes with another route.
    RouteEntryConflict => "InvalidRouteEntry.Conflict",
        "A custom destination may not equal or sit inside a VSwitch block, sit inside 100.64.0.0/10, or repeat in a table.";
    /// No such route entry.
    RouteEntryNotFound => "InvalidRouteEntry.NotFound",
        "Only an existing custom route entry can be deleted.";
    /// A next hop of the wrong kind or from another VPC.
    NextHopMismatch => "InvalidNextHop.Mismatch",
        "A next hop has the stated type and belongs to the route table's VPC (or its region).";
    /// Resources from two VPCs combined where one is required.
    VpcMismatch => "InvalidVpcId.Mismatch",
        "The resources of one operation belong to the same VPC.";
    /// Revoking a rule the group does not have (today's rules; 2020: a silent success).
    SecurityGroupRuleNotFound => "InvalidParam.SecurityGroupRuleId",
        "Since July 2024 revoking a rule that does not exist fails; under the 2020 rules it succeeded and changed nothing.";
    /// A port range that is not `from/to`.
    PortRangeMalformed => "InvalidParam.PortRange",
        "A port range is two whole numbers separated by a slash, such as 22/22 or 1/65535.";
    /// A port range that does not fit the protocol.
    ProtocolPortMismatch => "OperationDenied",
        "tcp and udp take from/to with 1 <= from <= to <= 65535; icmp, gre and all take exactly -1/-1.";
    /// A protocol a security group rule does not know.
    IpProtocolNotSupported => "InvalidIpProtocol.ValueNotSupported",
        "A rule's IpProtocol is tcp, udp, icmp, gre or all (any case).";
    /// A rule policy or inner access policy that is not accept or drop.
    PolicyMalformed => "InvalidPolicy.Malformed",
        "A policy is Accept or Drop (any case).";
    /// A rule priority outside 1 to 100.
    PriorityMalformed => "InvalidPriority.Malformed",
        "A rule's Priority is a whole number from 1 (highest) to 100.";
    /// A group named as the peer of an enterprise group's rule.
    GroupAuthDenied => "InvalidGroupAuthParameter.OperationDenied",
        "A rule of an advanced (enterprise) security group cannot name a security group (SourceGroupId / DestGroupId).";
    /// An attribute an enterprise group does not let you set.
    EnterpriseGroupDenied => "InvalidGroupParameter.OperationDenied",
        "An advanced (enterprise) security group always isolates its members; its internal access policy cannot be changed.";
    /// An unknown security group type.
    SecurityGroupTypeInvalid => "InvalidParameter.SecurityGroupType",
        "SecurityGroupType is normal (basic) or enterprise (advanced).";
    /// A VSwitch (or a source block) that already has an SNAT entry.
    SnatSourceDuplicated => "Forbidden.SourceVSwitchId.Duplicated",
        "Each VSwitch, ECS instance or source block is in one SNAT entry of a table; a SourceCIDR equal to a VSwitch's block is that VSwitch.";
    /// A DNAT entry that repeats another's public or private side.
    ForwardEntryDuplicated => "OperationUnsupported.ForwardEntry",
        "In a DNAT table, IpProtocol + ExternalIp + ExternalPort is unique, and so is IpProtocol + InternalIp + InternalPort.";
    /// A DNAT private address outside the VPC.
    InternalIpOutOfVpc => "Forbidden.DestnationIpOutOfVpcCIDR",
        "A DNAT entry's InternalIp lies in a block of the NAT gateway's VPC.";
    /// A DNAT protocol other than TCP, UDP or Any.
    ForwardProtocolNotSupported => "InvalidProtocal.ValueNotSupported",
        "A DNAT entry's IpProtocol is TCP, UDP or Any; Any maps every port, so both ports are Any too.";
    /// A malformed DNAT public address.
    ExternalIpMalformed => "InvalidExternalIp.Malformed",
        "ExternalIp is an IPv4 address a.b.c.d.";
    /// A malformed DNAT private address.
    InternalIpMalformed => "InvalidInternalIp.Malformed",
        "InternalIp is an IPv4 address a.b.c.d.";
    /// A malformed DNAT public port.
    ExternalPortMalformed => "InvalidExternalPort.Malformed",
        "ExternalPort is a port from 1 to 65535, or Any with IpProtocol Any.";
    /// A malformed DNAT private port.
    InternalPortMalformed => "InvalidInternalPort.Malformed",
        "InternalPort is a port from 1 to 65535, or Any with IpProtocol Any.";
    /// A DNAT public address that is not an EIP of the gateway.
    ExternalIpNotFound => "InvalidExternalIp.NotFound",
        "A DNAT entry's ExternalIp is an EIP bound to its NAT gateway.";
    /// A malformed SNAT address.
    SnatIpMalformed => "InvalidSnatIp.Malformed",
        "SnatIp is an IPv4 address a.b.c.d.";
    /// An SNAT address that is not an EIP of the gateway.
    SnatIpNotFound => "InvalidSnatIp.NotFound",
        "An SNAT entry's SnatIp is an EIP bound to its NAT gateway.";
    /// A malformed VPC name.
    VpcNameMalformed => "InvalidVpcName.Malformed",
        "A VpcName follows the rules of the rule set in force: today 1 to 128 characters, in 2020 2 to 128 starting with a letter.";
    /// A malformed VPC description (Alibaba spells it this way).
    VpcDescriptionMalformed => "InvalidVpcDiscription.Malformed",
        "A VPC's Description follows the rules of the rule set in force.";
    /// A malformed VSwitch name.
    VswitchNameMalformed => "InvalidVSwitchName.Malformed",
        "A VSwitchName follows the rules of the rule set in force.";
    /// A malformed description.
    DescriptionMalformed => "InvalidDescription.Malformed",
        "A Description follows the rules of the rule set in force: never http:// or https:// first, never a control character.";
    /// A malformed route entry name.
    RouteEntryNameMalformed => "InvalidRouteEntryName.Malformed",
        "A RouteEntryName follows the rules of the rule set in force.";
    /// A malformed instance name.
    InstanceNameMalformed => "InvalidInstanceName.Malformed",
        "An InstanceName starts with a letter and holds letters, digits and a few marks.";
    /// A malformed name (VPC-family resources: EIP, NAT and VPN gateways, VBR...).
    NameMalformed => "InvalidName.Malformed",
        "A Name follows the rules of the rule set in force.";
    /// A malformed NAT entry name.
    EntryNameMalformed => "InvalidParameter.Name.Malformed",
        "An SNAT or DNAT entry name has 2 to 128 characters and starts with a letter.";
    /// A malformed security group name.
    SecurityGroupNameMalformed => "InvalidSecurityGroupName.Malformed",
        "A SecurityGroupName starts with a letter and holds letters, digits and a few marks.";
    /// A malformed security group rule description (Alibaba spells it this way).
    RuleDescriptionMalformed => "InvalidSecurityGroupDiscription.Malformed",
        "A security group rule's Description has 1 to 512 characters.";
    /// A malformed RDS description.
    DbDescriptionMalformed => "InvalidDBInstanceDescription.Malformed",
        "A DBInstanceDescription has 2 to 256 characters.";
    /// The BGP AS number is reserved.
    AsnReserved => "InvalidAsn.Reserved",
        "AS number 45104 belongs to Alibaba Cloud.";
    /// A parameter value outside its format or range.
    InvalidParameter => "InvalidParameter",
        "Every parameter has a format and a range (bandwidth 0-100, VLAN 0-2999, port 1-65535...).";
    /// A required parameter is missing (one of several alternatives).
    MissingParameter => "MissingParameter",
        "The operation needs this parameter.";
    /// The operation exists in the API but the model does not support it.
    Unsupported => "OperationUnsupported",
        "The model does not support this operation yet.";
}

impl ErrorCode {
    /// The codes the product promises by name (the first issue's list): each is expected,
    /// spelled as [`ErrorCode::as_str`] writes it, by at least one scenario file of
    /// `tests/scenarios/`, so renaming one breaks a user-facing file and its test.
    pub const CONTRACT: [ErrorCode; 21] = [
        ErrorCode::CidrMalformed,
        ErrorCode::CidrForbidden,
        ErrorCode::CidrMaskOutOfRange,
        ErrorCode::CidrNotInVpc,
        ErrorCode::CidrOverlapped,
        ErrorCode::RegionNotFound,
        ErrorCode::RegionClosed,
        ErrorCode::ZoneNotFound,
        ErrorCode::QuotaVpc,
        ErrorCode::QuotaVswitch,
        ErrorCode::IpNotInVswitch,
        ErrorCode::IpReserved,
        ErrorCode::IpDuplicated,
        ErrorCode::IpNotEnough,
        ErrorCode::DependencyViolation,
        ErrorCode::ResourceNotFound,
        ErrorCode::IncorrectEipStatus,
        ErrorCode::RegionMismatch,
        ErrorCode::InstanceHasPublicIp,
        ErrorCode::InstanceNoPublicIp,
        ErrorCode::RouteEntryConflict,
    ];
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed command: the code and the details naming the offending values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandError {
    /// The typed code.
    pub kind: ErrorCode,
    /// What went wrong, with the values involved (boxed: errors travel in `Result`s, which
    /// stay small).
    pub detail: Box<ErrorDetail>,
}

impl CommandError {
    /// An error with a code and its details.
    pub fn new(kind: ErrorCode, detail: ErrorDetail) -> CommandError {
        CommandError {
            kind,
            detail: Box::new(detail),
        }
    }

    /// The Alibaba code, for example `InvalidCidrBlock.Overlapped`.
    pub fn code(&self) -> &'static str {
        self.kind.as_str()
    }

    /// The rule behind the code, in one English sentence.
    pub fn rule(&self) -> &'static str {
        self.kind.rule()
    }

    /// The details in English, as the command line prints them.
    pub fn message(&self) -> String {
        self.detail.to_string()
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.detail)
    }
}

impl std::error::Error for CommandError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_code(code.as_str()), Some(*code));
            assert!(!code.rule().is_empty());
        }
    }

    #[test]
    fn display_shows_code_and_message() {
        let error = CommandError::new(
            ErrorCode::CidrOverlapped,
            ErrorDetail::NotFound {
                noun: Noun::Vswitch,
                id: "vsw-0009".into(),
            },
        );
        assert_eq!(
            error.to_string(),
            "InvalidCidrBlock.Overlapped: there is no VSwitch vsw-0009"
        );
        assert_eq!(error.code(), "InvalidCidrBlock.Overlapped");
    }
}
