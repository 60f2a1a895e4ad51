//! The names of what the diagram draws, the user selects and a trace passes: what kind of
//! element something is ([`ElementKind`]) and which one it is ([`ElementId`]).
//!
//! Every kind, its stable name and the prefix of its resource ids live in one table (the
//! `element_kinds!` invocation below), like the error codes of [`crate::model::error`]. The
//! names are the diagram's `data-kind` values and the words scenario files use for hops
//! without a `Ref` (`vrouter`, `internet`, `oss`...), so they never change.
//!
//! An [`ElementId`] is written as the diagram writes it: a resource's Alibaba id
//! (`vpc-0001`, `vrt-0001`, `i-0003`), a region's id (`ap-south-1`), `internet`, and four
//! composite ids: a region's OSS endpoint `<region>/oss`, a zone's column in a VPC
//! `<vpc>/<zone>`, a collapsed VSwitch's "+N more" node `<vswitch>/more`, and a resource's
//! public address (the badge on it) `<resource>/publicip`. Code builds
//! and matches the variants; only [`ElementId`]'s `FromStr` and `Display` read and write the
//! text, so no other code splits an id by hand.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use super::catalog;
use super::topology::prefix;

macro_rules! element_kinds {
    ($( $(#[$doc:meta])* $variant:ident => $name:literal, $prefix:expr; )*) => {
        /// What an element of the diagram, the selection or a trace is.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ElementKind {
            $( $(#[$doc])* $variant, )*
        }

        impl ElementKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ElementKind] = &[$(ElementKind::$variant),*];

            /// The stable name: the diagram's `data-kind`, a scenario's hop kind.
            ///
            /// ```
            /// use vpclab::model::ElementKind;
            /// assert_eq!(ElementKind::NatGateway.as_str(), "natgw");
            /// assert_eq!(ElementKind::from_name("vrouter"), Some(ElementKind::Vrouter));
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self { $(ElementKind::$variant => $name,)* }
            }

            /// The prefix of the resource ids of this kind (`vsw` for `vsw-0001`), or
            /// `None` for the kinds that are not Alibaba resources (region, zone, OSS,
            /// Internet, the "+N more" node).
            pub const fn id_prefix(self) -> Option<&'static str> {
                match self { $(ElementKind::$variant => $prefix,)* }
            }
        }
    };
}

element_kinds! {
    /// A region box.
    Region => "region", None;
    /// A zone's column inside a VPC.
    Zone => "zone", None;
    /// A VPC.
    Vpc => "vpc", Some(prefix::VPC);
    /// A VPC's VRouter, the hub of its routes.
    Vrouter => "vrouter", Some(prefix::VROUTER);
    /// A VSwitch.
    Vswitch => "vswitch", Some(prefix::VSWITCH);
    /// An ECS instance.
    Instance => "instance", Some(prefix::INSTANCE);
    /// An elastic IP address.
    Eip => "eip", Some(prefix::EIP);
    /// The public address of a resource (its NatPublicIP or bound EIP), drawn as a badge on
    /// it: a trace to or from the Internet passes it.
    PublicIp => "publicip", None;
    /// A security group (not drawn; selectable from its members).
    SecurityGroup => "securitygroup", Some(prefix::SECURITY_GROUP);
    /// A NAT gateway.
    NatGateway => "natgw", Some(prefix::NAT_GATEWAY);
    /// A VPN gateway.
    VpnGateway => "vpngw", Some(prefix::VPN_GATEWAY);
    /// A customer gateway (drawn as a data centre when it stands for none of ours).
    CustomerGateway => "customergateway", Some(prefix::CUSTOMER_GATEWAY);
    /// An Express Connect virtual border router.
    Vbr => "vbr", Some(prefix::VBR);
    /// An on-premises data centre.
    DataCenter => "datacenter", Some(prefix::DATA_CENTER);
    /// A CLB (server load balancer) instance.
    Clb => "clb", Some(prefix::LOAD_BALANCER);
    /// An RDS database instance.
    Rds => "rds", Some(prefix::DB_INSTANCE);
    /// A region's OSS endpoint.
    Oss => "oss", None;
    /// The Internet.
    Internet => "internet", None;
    /// The "+N more" node that stands for the collapsed rest of a VSwitch.
    More => "more", None;
}

impl ElementKind {
    /// The kind with this stable name.
    pub fn from_name(name: &str) -> Option<ElementKind> {
        ElementKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.as_str() == name)
    }

    /// The kind of a resource id: its prefix names the kind, and a number follows the dash
    /// (`i-0003`, `vrt-10000`).
    ///
    /// ```
    /// use vpclab::model::ElementKind;
    /// assert_eq!(ElementKind::of_resource_id("vrt-0001"), Some(ElementKind::Vrouter));
    /// assert_eq!(ElementKind::of_resource_id("ap-south-1"), None);
    /// ```
    pub fn of_resource_id(id: &str) -> Option<ElementKind> {
        let (head, number) = id.split_once('-')?;
        if number.is_empty() || !number.bytes().all(|byte| byte.is_ascii_digit()) {
            return None;
        }
        ElementKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.id_prefix() == Some(head))
    }
}

impl fmt::Display for ElementKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ElementKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// What the diagram's OSS id ends with.
const OSS_SUFFIX: &str = "oss";
/// What the id of a "+N more" node ends with.
const MORE_SUFFIX: &str = "more";
/// What the id of a resource's public address ends with.
const PUBLIC_IP_SUFFIX: &str = "publicip";
/// The Internet's id.
const INTERNET: &str = "internet";

/// One element of the diagram, the selection or a trace, by id (see the module
/// documentation for how each is written).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ElementId {
    /// The Internet: `internet`.
    Internet,
    /// A region of the catalogue, by its id: `ap-south-1`.
    Region(String),
    /// A region's OSS endpoint, by the region's id: `ap-south-1/oss`.
    Oss(String),
    /// A zone's column inside a VPC: `vpc-0001/ap-south-1a`.
    Zone {
        /// The VPC's id.
        vpc: String,
        /// The zone's id.
        zone: String,
    },
    /// The "+N more" node of a collapsed VSwitch, by the VSwitch's id: `vsw-0001/more`.
    More(String),
    /// A resource, by its Alibaba id: `vpc-0001`, `vrt-0001`, `vsw-0002`, `i-0003`...
    Resource(String),
    /// The public address (NatPublicIP or EIP) of a resource, by the resource's id, drawn as
    /// the badge on it: `i-0001/publicip`.
    PublicIp(String),
}

impl ElementId {
    /// The element of a resource, by its Alibaba id.
    pub fn resource(id: impl Into<String>) -> ElementId {
        ElementId::Resource(id.into())
    }

    /// The zone column of `zone` inside `vpc`.
    pub fn zone(vpc: impl Into<String>, zone: impl Into<String>) -> ElementId {
        ElementId::Zone {
            vpc: vpc.into(),
            zone: zone.into(),
        }
    }

    /// The resource id, when the element is a resource.
    pub fn as_resource(&self) -> Option<&str> {
        match self {
            ElementId::Resource(id) => Some(id),
            _ => None,
        }
    }

    /// The kind the id names: a resource's by its prefix, the others by their form.
    ///
    /// ```
    /// use vpclab::model::{ElementId, ElementKind};
    /// let oss: ElementId = "ap-south-1/oss".parse().unwrap();
    /// assert_eq!(oss.kind(), Some(ElementKind::Oss));
    /// assert_eq!(ElementId::resource("vsw-0001").kind(), Some(ElementKind::Vswitch));
    /// ```
    pub fn kind(&self) -> Option<ElementKind> {
        match self {
            ElementId::Internet => Some(ElementKind::Internet),
            ElementId::Region(_) => Some(ElementKind::Region),
            ElementId::Oss(_) => Some(ElementKind::Oss),
            ElementId::Zone { .. } => Some(ElementKind::Zone),
            ElementId::More(_) => Some(ElementKind::More),
            ElementId::PublicIp(_) => Some(ElementKind::PublicIp),
            ElementId::Resource(id) => ElementKind::of_resource_id(id),
        }
    }
}

impl fmt::Display for ElementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ElementId::Internet => f.write_str(INTERNET),
            ElementId::Region(id) | ElementId::Resource(id) => f.write_str(id),
            ElementId::Oss(region) => write!(f, "{region}/{OSS_SUFFIX}"),
            ElementId::Zone { vpc, zone } => write!(f, "{vpc}/{zone}"),
            ElementId::More(vswitch) => write!(f, "{vswitch}/{MORE_SUFFIX}"),
            ElementId::PublicIp(holder) => write!(f, "{holder}/{PUBLIC_IP_SUFFIX}"),
        }
    }
}

impl Serialize for ElementId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Text that is not an element id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseElementIdError {
    /// The text.
    pub text: String,
}

impl fmt::Display for ParseElementIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not an element id: expected a resource id (vpc-0001), a region, \"internet\", <region>/oss, <vpc>/<zone>, <vswitch>/more or <resource>/publicip",
            self.text
        )
    }
}

impl std::error::Error for ParseElementIdError {}

impl FromStr for ElementId {
    type Err = ParseElementIdError;

    /// Reads an id as the diagram writes it. Regions and zones must be in the catalogue,
    /// resource ids must have a known prefix and a number.
    ///
    /// ```
    /// use vpclab::model::ElementId;
    /// let zone: ElementId = "vpc-0001/ap-south-1a".parse().unwrap();
    /// assert_eq!(zone, ElementId::zone("vpc-0001", "ap-south-1a"));
    /// assert_eq!("ap-south-1/oss".parse(), Ok(ElementId::Oss("ap-south-1".into())));
    /// assert_eq!("vsw-0001/more".parse(), Ok(ElementId::More("vsw-0001".into())));
    /// assert!("ap-south-1/more".parse::<ElementId>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<ElementId, ParseElementIdError> {
        let error = || ParseElementIdError {
            text: text.to_owned(),
        };
        let is_resource =
            |id: &str, kind: ElementKind| ElementKind::of_resource_id(id) == Some(kind);
        if text == INTERNET {
            return Ok(ElementId::Internet);
        }
        if let Some((head, tail)) = text.split_once('/') {
            return match tail {
                OSS_SUFFIX if catalog::region(head).is_some() => Ok(ElementId::Oss(head.into())),
                MORE_SUFFIX if is_resource(head, ElementKind::Vswitch) => {
                    Ok(ElementId::More(head.into()))
                }
                PUBLIC_IP_SUFFIX if ElementKind::of_resource_id(head).is_some() => {
                    Ok(ElementId::PublicIp(head.into()))
                }
                zone if is_resource(head, ElementKind::Vpc)
                    && catalog::region_of_zone(zone).is_some() =>
                {
                    Ok(ElementId::zone(head, zone))
                }
                _ => Err(error()),
            };
        }
        if catalog::region(text).is_some() {
            return Ok(ElementId::Region(text.into()));
        }
        match ElementKind::of_resource_id(text) {
            Some(_) => Ok(ElementId::Resource(text.into())),
            None => Err(error()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_keep_the_data_kind_names_the_diagram_and_scenarios_use() {
        let names: Vec<&str> = ElementKind::ALL.iter().map(|kind| kind.as_str()).collect();
        assert_eq!(
            names.join(" "),
            "region zone vpc vrouter vswitch instance eip publicip securitygroup natgw vpngw customergateway vbr datacenter clb rds oss internet more"
        );
        for kind in ElementKind::ALL {
            assert_eq!(ElementKind::from_name(kind.as_str()), Some(*kind));
            let json = serde_json::to_string(kind).unwrap_or_default();
            assert_eq!(json, format!("\"{kind}\""));
        }
    }

    #[test]
    fn every_kind_of_id_reads_back_what_it_writes() {
        for id in [
            ElementId::Internet,
            ElementId::Region("ap-south-1".into()),
            ElementId::Oss("ap-south-1".into()),
            ElementId::zone("vpc-0001", "ap-south-1b"),
            ElementId::More("vsw-0012".into()),
            ElementId::PublicIp("i-0001".into()),
            ElementId::resource("vrt-0001"),
            ElementId::resource("i-10000"),
            ElementId::resource("cgw-0002"),
        ] {
            assert_eq!(id.to_string().parse(), Ok(id.clone()), "{id}");
        }
    }

    #[test]
    fn the_oss_endpoint_is_not_a_zone_called_oss() {
        let oss: ElementId = "ap-south-1/oss".parse().expect("an OSS id");
        assert_eq!(oss, ElementId::Oss("ap-south-1".into()));
        assert_eq!(oss.kind(), Some(ElementKind::Oss));
    }

    #[test]
    fn text_that_names_no_element_is_refused() {
        for text in [
            "",
            "vpc",
            "vpc-",
            "vpc-12a",
            "mars-1",
            "mars-1/oss",
            "i-0001/more",
            "internet/publicip",
            "vpc-0001/oss",
            "vpc-0001/mars-1a",
            "Internet",
        ] {
            assert!(text.parse::<ElementId>().is_err(), "{text}");
        }
    }

    #[test]
    fn resource_kinds_come_from_the_id_prefix() {
        for kind in ElementKind::ALL {
            if let Some(prefix) = kind.id_prefix() {
                let id = format!("{prefix}-0007");
                assert_eq!(ElementKind::of_resource_id(&id), Some(*kind), "{id}");
            }
        }
    }
}
