//! The catalogue is complete: every error code, error detail, noun, dependant, hop rule,
//! trace reason and region has both languages, and the Spanish slot never holds the English
//! text. The samples are exhaustive by construction: a new variant does not compile until
//! `*_index` numbers it, and the test fails until a sample covers that number.
//!
//! `english_catalogue_for_the_spanish_walk` writes the English phrases the Spanish
//! Playwright walk must never find on screen (`tests/e2e/english-catalogue.json`).

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::{errors, places, trace, Language};
use crate::model::action::ActionKind;
use crate::model::catalog::{self, RuleSet};
use crate::model::entity::{
    Direction, ForwardProtocol, IpProtocol, NextHopType, Policy, PortRange, RulePeer,
    SecurityGroupRule,
};
use crate::model::text_rules::{TextProblem, TextRule};
use crate::model::trace::{HopRule, PublicAddress, Reason, ReasonCode, Unsupported};
use crate::model::{Dependant, ErrorCode, ErrorDetail, Noun};

const EN: Language = Language::English;
const ES: Language = Language::Spanish;

fn s(text: &str) -> String {
    text.to_string()
}

fn ip(last: u8) -> Ipv4Addr {
    Ipv4Addr::new(192, 168, 1, last)
}

fn net(third: u8, prefix: u8) -> Ipv4Net {
    Ipv4Net::new(Ipv4Addr::new(192, 168, third, 0), prefix).unwrap_or_default()
}

/// Spanish texts that are rightly the same as the English: names and cognates.
const SAME_IN_BOTH: [&str; 5] = ["VPC", "VSwitch", "EIP", "NAT Gateway", "VPN Gateway"];

fn assert_translated(what: &str, english: &str, spanish: &str) {
    assert!(!english.trim().is_empty(), "{what}: no English text");
    assert!(!spanish.trim().is_empty(), "{what}: no Spanish text");
    if SAME_IN_BOTH.contains(&english) {
        return;
    }
    assert_ne!(
        english, spanish,
        "{what}: the Spanish slot holds the English text"
    );
}

const ERROR_DETAIL_VARIANTS: usize = 77;

#[allow(
    clippy::too_many_lines,
    reason = "one line per variant, numbered: the exhaustive list"
)]
fn error_detail_index(detail: &ErrorDetail) -> usize {
    use ErrorDetail as D;
    match detail {
        D::NotACidr { .. } => 0,
        D::CidrLeadingZeros { .. } => 1,
        D::CidrHostBits { .. } => 2,
        D::NotAnAddress { .. } => 3,
        D::NotANumber { .. } => 4,
        D::NotFound { .. } => 5,
        D::RegionUnknown { .. } => 6,
        D::RegionClosed { .. } => 7,
        D::ReservedRange { .. } => 8,
        D::MaskOutOfRange { .. } => 9,
        D::AddressNotInVswitch { .. } => 10,
        D::AddressReserved { .. } => 11,
        D::AddressTaken { .. } => 12,
        D::VswitchFull { .. } => 13,
        D::PublicPoolExhausted { .. } => 14,
        D::StillHasDependants { .. } => 15,
        D::Unhandled { .. } => 16,
        D::TextBreaksRule { .. } => 17,
        D::VpcQuota { .. } => 18,
        D::InRegionNot { .. } => 19,
        D::Apart { .. } => 20,
        D::BelongsToOther { .. } => 21,
        D::OverlapsVpcBlock { .. } => 22,
        D::SecondaryQuota { .. } => 23,
        D::ZoneNotInRegion { .. } => 24,
        D::NotInsideVpc { .. } => 25,
        D::OverlapsVswitch { .. } => 26,
        D::ContainsRouteDestination { .. } => 27,
        D::VswitchQuota { .. } => 28,
        D::NextHopTypeUnknown { .. } => 29,
        D::NextHopWrongType { .. } => 30,
        D::NextHopElsewhere { .. } => 31,
        D::RouteInCloudServices { .. } => 32,
        D::RouteInVswitch { .. } => 33,
        D::RouteRepeated { .. } => 34,
        D::RouteQuota { .. } => 35,
        D::NoCustomRoute { .. } => 36,
        D::DeleteRouteNeedsIds => 37,
        D::GroupTypeUnknown { .. } => 38,
        D::InnerPolicyUnknown { .. } => 39,
        D::EnterpriseIsolates { .. } => 40,
        D::PortRangeMalformed { .. } => 41,
        D::PortRangeForPorts { .. } => 42,
        D::PortRangeForPortless { .. } => 43,
        D::IpProtocolUnknown { .. } => 44,
        D::PolicyUnknown { .. } => 45,
        D::EnterpriseNamesGroup { .. } => 46,
        D::RuleNeedsPeer { .. } => 47,
        D::NoSuchRule { .. } => 48,
        D::NoNatPublicIp { .. } => 49,
        D::EipTargetTypeUnknown { .. } => 50,
        D::EipAlreadyBound { .. } => 51,
        D::HasPublicAddress { .. } => 52,
        D::EipUnbound { .. } => 53,
        D::EipBoundElsewhere { .. } => 54,
        D::EipStillBound { .. } => 55,
        D::NatNeedsVswitch => 56,
        D::NotBoundToGateway { .. } => 57,
        D::SnatSourceChoice => 58,
        D::SnatSourceTaken { .. } => 59,
        D::PortAnyMismatch { .. } => 60,
        D::ForwardProtocolUnknown { .. } => 61,
        D::InternalIpOutsideVpc { .. } => 62,
        D::ForwardPublicTaken { .. } => 63,
        D::ForwardPrivateTaken { .. } => 64,
        D::BandwidthNotOffered { .. } => 65,
        D::VpnGatewayQuota { .. } => 66,
        D::AddressNotPublic { .. } => 67,
        D::AsnReserved { .. } => 68,
        D::AddressRegistered { .. } => 69,
        D::AddressTypeUnknown { .. } => 70,
        D::BackendsEmpty => 71,
        D::BackendElsewhere { .. } => 72,
        D::EngineUnknown { .. } => 73,
        D::TraceProtocolUnknown { .. } => 74,
        D::TracePortMalformed { .. } => 75,
        D::TraceDidNotRun => 76,
    }
}

fn dependants() -> Vec<Dependant> {
    vec![
        Dependant::Named {
            noun: Noun::Vswitch,
            id: s("vsw-0001"),
        },
        Dependant::Address {
            owner: s("i-0001"),
            address: ip(1),
        },
        Dependant::Route {
            id: s("rte-0001"),
            destination: net(0, 16),
        },
        Dependant::SnatOf {
            id: s("snat-0001"),
            gateway: s("ngw-0001"),
        },
        Dependant::Member { id: s("i-0002") },
        Dependant::RuleNaming {
            group: s("sg-0002"),
        },
    ]
}

// One sample per line: a table, kept as one (rustfmt would spread each over many lines).
#[rustfmt::skip]
#[allow(
    clippy::too_many_lines,
    reason = "one sample per variant: the exhaustive list"
)]
fn error_details() -> Vec<ErrorDetail> {
    use ErrorDetail as D;
    let p = || s("CidrBlock");
    let v = || s("10.0.0.1/8");
    let mut all = vec![
        D::NotACidr { param: p(), value: v() },
        D::CidrLeadingZeros { param: p(), value: v() },
        D::CidrHostBits { param: p(), value: v(), block: net(0, 24) },
        D::NotAnAddress { param: s("PrivateIpAddress"), value: s("x") },
        D::NotANumber { param: s("Bandwidth"), value: s("999"), min: 0, max: 100 },
        D::RegionUnknown { region: s("xx-1") },
        D::RegionClosed { region: s("ap-south-1"), rules: RuleSet::Current, since: s("2024-07") },
        D::ReservedRange { param: p(), block: net(0, 24), range: net(0, 16) },
        D::MaskOutOfRange { block: net(0, 30), noun: Noun::Vswitch, min: 16, max: 29 },
        D::AddressNotInVswitch { address: ip(9), vswitch: s("vsw-0001"), block: net(0, 24) },
        D::AddressReserved { address: ip(255), vswitch: s("vsw-0001"), block: net(1, 24) },
        D::AddressTaken { address: ip(2), owner: s("i-0001") },
        D::VswitchFull { vswitch: s("vsw-0001"), block: net(1, 29), usable: 4 },
        D::PublicPoolExhausted { region: s("ap-south-1") },
        D::StillHasDependants { id: s("vpc-0001"), dependants: dependants() },
        D::Unhandled { action: ActionKind::CreateVpc },
        D::VpcQuota { region: s("ap-south-1"), count: 10, quota: 10 },
        D::InRegionNot { id: s("vpc-0001"), region: s("ap-south-1"), expected: s("cn-hangzhou") },
        D::Apart { first: s("sg-0001"), first_in: s("vpc-0001"), second: s("vsw-0002"), second_in: s("vpc-0002") },
        D::BelongsToOther { id: s("vsw-0001"), vpc: s("vpc-0002"), expected: s("vpc-0001") },
        D::OverlapsVpcBlock { block: net(0, 24), existing: net(0, 16), vpc: s("vpc-0001") },
        D::SecondaryQuota { vpc: s("vpc-0001"), quota: 5 },
        D::ZoneNotInRegion { zone: s("cn-hangzhou-h"), region: s("ap-south-1"), zones: vec![s("ap-south-1a")] },
        D::NotInsideVpc { block: net(9, 24), vpc: s("vpc-0001"), blocks: vec![net(0, 16)] },
        D::OverlapsVswitch { block: net(1, 25), vswitch: s("vsw-0001"), vswitch_block: net(1, 24) },
        D::ContainsRouteDestination { block: net(0, 16), entry: s("rte-0001"), destination: net(4, 24) },
        D::VswitchQuota { vpc: s("vpc-0001"), count: 24, quota: 24, rules: RuleSet::Y2020 },
        D::NextHopTypeUnknown { value: s("Router") },
        D::NextHopWrongType { id: s("i-0001"), actual: s("Instance"), stated: s("VpnGateway") },
        D::NextHopElsewhere { id: s("i-0009"), vpc: s("vpc-0001"), table: s("vtb-0001") },
        D::RouteInCloudServices { block: net(0, 24), services: net(0, 10) },
        D::RouteInVswitch { block: net(1, 25), vswitch: s("vsw-0001"), vswitch_block: net(1, 24) },
        D::RouteRepeated { table: s("vtb-0001"), block: net(0, 0), entry: s("rte-0001"), nat_gateway: Some(s("ngw-0001")) },
        D::RouteQuota { table: s("vtb-0001"), quota: 200 },
        D::NoCustomRoute { table: s("vtb-0001"), block: net(8, 24) },
        D::DeleteRouteNeedsIds,
        D::GroupTypeUnknown { value: s("basic") },
        D::InnerPolicyUnknown { value: s("Allow") },
        D::EnterpriseIsolates { group: s("sg-0001") },
        D::PortRangeMalformed { value: s("22") },
        D::PortRangeForPorts { value: s("0/0"), protocol: s("tcp") },
        D::PortRangeForPortless { value: s("1/2"), protocol: s("icmp") },
        D::IpProtocolUnknown { value: s("sctp") },
        D::PolicyUnknown { value: s("allow") },
        D::EnterpriseNamesGroup { group: s("sg-0001"), param: s("SourceGroupId") },
        D::RuleNeedsPeer { cidr_param: s("SourceCidrIp"), group_param: s("SourceGroupId") },
        D::NoSuchRule { group: s("sg-0001") },
        D::NoNatPublicIp { instance: s("i-0001") },
        D::EipTargetTypeUnknown { value: s("Vm") },
        D::EipAlreadyBound { eip: s("eip-0001"), bound_to: s("i-0001") },
        D::HasPublicAddress { instance: s("i-0001"), address: ip(7) },
        D::EipUnbound { eip: s("eip-0001") },
        D::EipBoundElsewhere { eip: s("eip-0001"), bound_to: s("i-0001"), instance: s("i-0002") },
        D::EipStillBound { eip: s("eip-0001"), bound_to: s("i-0001") },
        D::NatNeedsVswitch,
        D::NotBoundToGateway { param: s("SnatIp"), address: ip(8), gateway: s("ngw-0001") },
        D::SnatSourceChoice,
        D::SnatSourceTaken { source: s("192.168.1.0/24"), vswitch_of_block: Some(s("vsw-0001")), entry: s("snat-0001"), table: s("stb-0001") },
        D::PortAnyMismatch { param: s("ExternalPort"), value: s("80"), any_protocol: true },
        D::PortAnyMismatch { param: s("ExternalPort"), value: s("Any"), any_protocol: false },
        D::ForwardProtocolUnknown { value: s("icmp") },
        D::InternalIpOutsideVpc { address: ip(3), vpc: s("vpc-0001") },
        D::ForwardPublicTaken { table: s("ftb-0001"), protocol: s("tcp"), address: ip(4), port: s("80"), entry: s("fwd-0001") },
        D::ForwardPrivateTaken { table: s("ftb-0001"), protocol: s("tcp"), address: ip(5), port: s("80"), entry: s("fwd-0001") },
        D::BandwidthNotOffered { bandwidth: s("7") },
        D::VpnGatewayQuota { vpc: s("vpc-0001"), quota: 1 },
        D::AddressNotPublic { address: ip(6), range: net(0, 16) },
        D::AsnReserved { asn: 45104 },
        D::AddressRegistered { address: ip(6), gateway: s("cgw-0001") },
        D::AddressTypeUnknown { value: s("public") },
        D::BackendsEmpty,
        D::BackendElsewhere { server: s("i-0001"), vpc: s("vpc-0002"), load_balancer: s("lb-0001") },
        D::EngineUnknown { value: s("Oracle"), engines: s("MySQL, PostgreSQL") },
        D::TraceProtocolUnknown { value: s("sctp") },
        D::TracePortMalformed { value: s("0"), min: 1, max: 65535 },
        D::TraceDidNotRun,
    ];
    for problem in [
        TextProblem::BidiControl('\u{202e}'),
        TextProblem::Control('\n'),
        TextProblem::Length(200),
        TextProblem::HttpPrefix,
        TextProblem::FirstNotLetter,
        TextProblem::Character('$'),
    ] {
        all.push(D::TextBreaksRule {
            param: s("VpcName"),
            problem,
            rules: RuleSet::Y2020,
            rule: TextRule {
                min: 2,
                max: 128,
                starts_with_letter: true,
                also: Some("._-"),
            },
        });
    }
    all.extend(Noun::ALL.iter().map(|noun| D::NotFound {
        noun: *noun,
        id: s("x-0009"),
    }));
    all
}

fn sg_rule(direction: Direction, policy: Policy, peer: RulePeer) -> SecurityGroupRule {
    SecurityGroupRule {
        direction,
        ip_protocol: IpProtocol::Tcp,
        port_range: PortRange { from: 22, to: 22 },
        peer,
        policy,
        priority: 1,
        description: String::new(),
    }
}

const HOP_RULE_VARIANTS: usize = 45;

fn hop_rule_index(rule: &HopRule) -> usize {
    use HopRule as H;
    match rule {
        H::SecurityGroupRule { .. } => 0,
        H::SecurityGroupInner { .. } => 1,
        H::SecurityGroupBasicEgress { .. } => 2,
        H::SystemRoute { .. } => 3,
        H::CloudServicesRoute { .. } => 4,
        H::CustomRoute { .. } => 5,
        H::ToVrouter { .. } => 6,
        H::BackToVrouter { .. } => 7,
        H::Delivered { .. } => 8,
        H::SameVswitch { .. } => 9,
        H::OssEndpoint { .. } => 10,
        H::LeavesFrom { .. } => 11,
        H::RouterLeavesFrom { .. } => 12,
        H::ToPublic { .. } => 13,
        H::Snat { .. } => 14,
        H::LeavesBySnat { .. } => 15,
        H::ToNatEip { .. } => 16,
        H::Dnat { .. } => 17,
        H::ExpressConnect { .. } => 18,
        H::IpsecOut { .. } => 19,
        H::IpsecIn { .. } => 20,
        H::ArrivesIn { .. } => 21,
        H::LeavesThroughCustomerGateway { .. } => 22,
        H::LeavesOverExpressConnect { .. } => 23,
        H::RouterForwards { .. } => 24,
        H::RouterForwardsAnswer => 25,
        H::ClbSends { .. } => 26,
        H::Sends { .. } => 27,
        H::ClbListens { .. } => 28,
        H::RdsAccepts { .. } => 29,
        H::FromClb => 30,
        H::AnswerLeaves => 31,
        H::AnswerComesIn => 32,
        H::AnswersFrom { .. } => 33,
        H::ReceivesAnswer { .. } => 34,
        H::Answers => 35,
        H::TranslatedBack { .. } => 36,
        H::AnswerOverInternet => 37,
        H::CarriesAnswerBack => 38,
        H::GatewayOut { .. } => 39,
        H::ReachesInternet => 40,
        H::AddressedTo { .. } => 41,
        H::ToPrivate { .. } => 42,
        H::GatewayIn { .. } => 43,
        H::TranslatesAnswerBack => 44,
    }
}

// One sample per line: a table, kept as one (rustfmt would spread each over many lines).
#[rustfmt::skip]
#[allow(
    clippy::too_many_lines,
    reason = "one sample per variant: the exhaustive list"
)]
fn hop_rules() -> Vec<HopRule> {
    use HopRule as H;
    let publics = [
        PublicAddress::NatPublicIp { address: ip(10), owner: s("i-0001") },
        PublicAddress::Eip { address: ip(11), eip: s("eip-0001"), owner: s("i-0001") },
        PublicAddress::LoadBalancer { address: ip(12), owner: s("lb-0001") },
    ];
    let accept = sg_rule(
        Direction::Ingress,
        Policy::Accept,
        RulePeer::Cidr(net(0, 0)),
    );
    let egress = sg_rule(
        Direction::Egress,
        Policy::Accept,
        RulePeer::Group(s("sg-0002")),
    );
    let mut all = vec![
        H::SecurityGroupRule { group: s("sg-0001"), rule: accept.clone() },
        H::SecurityGroupRule { group: s("sg-0001"), rule: egress.clone() },
        H::SecurityGroupInner { group: s("sg-0001") },
        H::SecurityGroupBasicEgress { group: s("sg-0001") },
        H::SystemRoute { block: net(1, 24), vswitch: s("vsw-0001") },
        H::CloudServicesRoute { block: net(0, 10) },
        H::CustomRoute { destination: net(0, 8), next_hop: s("vpn-0001"), next_hop_type: NextHopType::VpnGateway, entry: s("rte-0001") },
        H::ToVrouter { target: net(2, 32), vswitch: s("vsw-0001"), block: net(1, 24) },
        H::BackToVrouter { target: net(2, 32), vswitch: s("vsw-0001"), block: net(1, 24) },
        H::Delivered { address: ip(2), vswitch: s("vsw-0002"), block: net(2, 24) },
        H::SameVswitch { vswitch: s("vsw-0001"), block: net(1, 24) },
        H::OssEndpoint { region: s("ap-south-1"), block: net(0, 10) },
        H::Snat { entry: s("snat-0001"), source: s("vsw-0001"), snat_ip: ip(13) },
        H::LeavesBySnat { snat_ip: ip(13) },
        H::ToNatEip { address: ip(14), port: None, gateway: s("ngw-0001") },
        H::Dnat { entry: s("fwd-0001"), external_ip: ip(14), external_port: Some(80), internal_ip: ip(2), internal_port: None, protocol: ForwardProtocol::Tcp },
        H::ExpressConnect { vbr: s("vbr-0001"), vlan: 100, to: s("idc-0001") },
        H::IpsecOut { connection: s("vco-0001"), customer_gateway: Some((s("cgw-0001"), ip(15))), local: vec![net(0, 16)], remote: vec![net(9, 16)] },
        H::IpsecIn { connection: s("vco-0001"), remote: vec![net(9, 16)], local: vec![net(0, 16)] },
        H::ArrivesIn { host: Some(ip(16)), data_center: s("idc-0001"), block: net(9, 16) },
        H::ArrivesIn { host: None, data_center: s("idc-0001"), block: net(9, 16) },
        H::LeavesThroughCustomerGateway { source: net(9, 16), gateway: s("cgw-0001"), address: ip(15) },
        H::LeavesOverExpressConnect { source: net(9, 16) },
        H::RouterForwards { inbound: Box::new(H::SecurityGroupRule { group: s("sg-0001"), rule: accept }), outbound: Box::new(H::SecurityGroupBasicEgress { group: s("sg-0001") }) },
        H::RouterForwardsAnswer,
        H::ClbSends { load_balancer: s("lb-0001"), address: ip(17) },
        H::Sends { id: s("rds-0001"), address: ip(18) },
        H::ClbListens { load_balancer: s("lb-0001"), address: ip(17), backends: vec![] },
        H::ClbListens { load_balancer: s("lb-0001"), address: ip(17), backends: vec![s("i-0001")] },
        H::RdsAccepts { id: s("rds-0001"), engine: s("MySQL"), address: ip(18) },
        H::FromClb,
        H::AnswerLeaves,
        H::AnswerComesIn,
        H::AnswersFrom { id: s("lb-0001"), address: ip(17) },
        H::ReceivesAnswer { id: s("lb-0001") },
        H::Answers,
        H::TranslatedBack { rule: Box::new(H::Snat { entry: s("snat-0001"), source: s("vsw-0001"), snat_ip: ip(13) }) },
        H::AnswerOverInternet,
        H::CarriesAnswerBack,
    ];
    for public in publics {
        all.push(H::LeavesFrom {
            public: public.clone(),
        });
        all.push(H::RouterLeavesFrom {
            public: public.clone(),
        });
        all.push(H::GatewayOut {
            public: public.clone(),
        });
        all.push(H::AddressedTo {
            public: public.clone(),
        });
        all.push(H::ToPrivate {
            public: public.clone(),
        });
        all.push(H::ToPublic { public });
    }
    all.push(H::ReachesInternet);
    all.push(H::TranslatesAnswerBack);
    all.push(H::GatewayIn {
        route: Box::new(H::SystemRoute {
            block: "192.168.1.0/24".parse().expect("a block"),
            vswitch: "vsw-0001".to_string(),
        }),
    });
    all
}

// One sample per line: a table, kept as one (rustfmt would spread each over many lines).
#[rustfmt::skip]
fn reasons() -> Vec<Reason> {
    vec![
        Reason::UnknownEndpoint { endpoint: s("x") },
        Reason::SameEndpoint,
        Reason::UnsupportedPath { path: Unsupported::FromRds { id: s("rds-0001") } },
        Reason::UnsupportedPath { path: Unsupported::FromOss },
        Reason::UnsupportedPath { path: Unsupported::NoResourceEnd },
        Reason::VpcIsolation { source_vpc: s("vpc-0001"), destination_vpc: s("vpc-0002") },
        Reason::NoPublicIp { resource: s("i-0001") },
        Reason::SecurityGroupDenied { group: s("sg-0001"), direction: Direction::Ingress, rule: None },
        Reason::SecurityGroupDenied { group: s("sg-0001"), direction: Direction::Egress, rule: Some(Box::new(sg_rule(Direction::Egress, Policy::Drop, RulePeer::Cidr(net(0, 0))))) },
        Reason::NoRoute { element: s("vrt-0001"), destination: net(9, 24) },
        Reason::CidrConflict { data_center: s("idc-0001"), data_center_cidr: net(1, 24), vswitch: s("vsw-0001"), vswitch_cidr: net(1, 24) },
        Reason::NoVpnConnection { vpn_gateway: Some(s("vpn-0001")), data_center: s("idc-0001") },
        Reason::NoVpnConnection { vpn_gateway: None, data_center: s("idc-0001") },
        Reason::NotABackend { load_balancer: s("lb-0001"), server: s("i-0002") },
    ]
}

#[test]
fn every_error_code_has_its_rule_in_english_and_in_spanish() {
    for code in ErrorCode::ALL {
        assert_translated(
            code.as_str(),
            errors::rule(EN, *code),
            errors::rule(ES, *code),
        );
    }
}

#[test]
fn every_error_detail_is_worded_in_english_and_in_spanish() {
    let samples = error_details();
    let covered: BTreeSet<usize> = samples.iter().map(error_detail_index).collect();
    let wanted: BTreeSet<usize> = (0..ERROR_DETAIL_VARIANTS).collect();
    assert_eq!(covered, wanted, "a sample per ErrorDetail variant");
    for detail in &samples {
        assert_translated(
            &format!("{detail:?}"),
            &errors::detail(EN, detail),
            &errors::detail(ES, detail),
        );
    }
}

#[test]
fn every_noun_and_dependant_is_worded_in_english_and_in_spanish() {
    for noun in Noun::ALL {
        assert_translated(
            &format!("{noun:?}"),
            errors::noun(EN, noun),
            errors::noun(ES, noun),
        );
    }
    for dependant in dependants() {
        if matches!(dependant, Dependant::Address { .. }) {
            // An owner and an address: nothing to translate.
            continue;
        }
        assert_translated(
            &format!("{dependant:?}"),
            &errors::dependant(EN, &dependant),
            &errors::dependant(ES, &dependant),
        );
    }
}

#[test]
fn every_hop_rule_is_worded_in_english_and_in_spanish() {
    let samples = hop_rules();
    let covered: BTreeSet<usize> = samples.iter().map(hop_rule_index).collect();
    let wanted: BTreeSet<usize> = (0..HOP_RULE_VARIANTS).collect();
    assert_eq!(covered, wanted, "a sample per HopRule variant");
    for rule in &samples {
        assert_translated(
            &format!("{rule:?}"),
            &trace::hop_rule(EN, rule),
            &trace::hop_rule(ES, rule),
        );
    }
}

#[test]
fn every_trace_reason_is_worded_in_english_and_in_spanish() {
    let samples = reasons();
    let covered: BTreeSet<ReasonCode> = samples.iter().map(Reason::kind).collect();
    let wanted: BTreeSet<ReasonCode> = ReasonCode::ALL.into_iter().collect();
    assert_eq!(covered, wanted, "a sample per reason code");
    for reason in &samples {
        assert_translated(
            reason.code(),
            &trace::reason(EN, reason),
            &trace::reason(ES, reason),
        );
    }
}

#[test]
fn every_region_and_zone_has_a_name_in_english_and_in_spanish() {
    for region in catalog::REGIONS {
        let spanish = places::region_spanish(region.id);
        assert!(spanish.is_some(), "{}: no Spanish name", region.id);
        let (english, spanish) = (
            places::region_name(EN, region.id),
            places::region_name(ES, region.id),
        );
        assert_eq!(english, region.name);
        // "China (Hangzhou)" is the same in both languages; the others are not.
        if region.id != "cn-hangzhou" {
            assert_translated(region.id, &english, &spanish);
        }
        for zone in region.zones {
            let (english, spanish) = (places::zone_name(EN, zone), places::zone_name(ES, zone));
            assert!(english.starts_with("Zone "), "{zone}: {english}");
            assert!(spanish.starts_with("Zona "), "{zone}: {spanish}");
        }
    }
    assert_eq!(places::zone_name(ES, "cn-hangzhou-h"), "Zona H");
    assert_eq!(
        places::region_name(ES, "eu-central-1"),
        "Alemania (Fráncfort)"
    );
    assert_eq!(places::region_name(ES, "xx-nowhere-1"), "xx-nowhere-1");
}

/// Runs of at least three lowercase English words (with their spaces) in `text`: the
/// phrases a Spanish screen must never show. Ids, addresses and Alibaba's names are not
/// lowercase words, so they never make a phrase.
fn english_phrases(text: &str) -> Vec<String> {
    let mut phrases = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, phrases: &mut Vec<String>| {
        if run.len() >= 3 {
            phrases.push(run.join(" "));
        }
        run.clear();
    };
    for word in text.split(' ') {
        if word.starts_with(['(', '«', '"']) {
            flush(&mut run, &mut phrases);
        }
        let word = word.trim_start_matches(['(', '«', '"']);
        let clean = word.trim_end_matches([',', '.', ':', ';', ')', '»', '"']);
        let is_word = !clean.is_empty()
            && clean.chars().all(|c| c.is_ascii_lowercase() || c == '\'')
            && clean.len() > 1;
        if is_word {
            run.push(clean);
            if clean.len() != word.len() {
                flush(&mut run, &mut phrases);
            }
        } else {
            flush(&mut run, &mut phrases);
        }
    }
    flush(&mut run, &mut phrases);
    phrases
}

#[cfg(not(target_arch = "wasm32"))]
fn english_catalogue() -> serde_json::Value {
    let mut phrases = BTreeSet::new();
    let mut sentences = BTreeSet::new();
    for code in ErrorCode::ALL {
        sentences.insert(errors::rule(EN, *code).to_string());
    }
    let mut texts: Vec<String> = error_details()
        .iter()
        .map(|detail| errors::detail(EN, detail))
        .collect();
    texts.extend(hop_rules().iter().map(|rule| trace::hop_rule(EN, rule)));
    texts.extend(reasons().iter().map(|reason| trace::reason(EN, reason)));
    for text in &texts {
        phrases.extend(english_phrases(text));
    }
    let mut names = BTreeSet::new();
    for region in catalog::REGIONS {
        if places::region_name(ES, region.id) != region.name {
            names.insert(region.name.to_string());
        }
    }
    names.insert(places::zone_name(EN, "ap-south-1a"));
    serde_json::json!({
        "note": "Generated by `cargo test --lib text::tests` from the catalogue (src/text/); \
                 the Spanish walk (tests/e2e/spanish.spec.js) must find none of these on screen.",
        "sentences": sentences,
        "phrases": phrases,
        "names": names,
    })
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn english_catalogue_for_the_spanish_walk() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/english-catalogue.json");
    let generated = format!(
        "{}\n",
        serde_json::to_string_pretty(&english_catalogue()).unwrap_or_default()
    );
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    if std::env::var_os("UPDATE_CATALOGUE").is_some() {
        std::fs::write(&path, &generated).expect("writable tests/e2e/english-catalogue.json");
        return;
    }
    assert!(
        stored == generated,
        "tests/e2e/english-catalogue.json is not the catalogue's: run \
         `UPDATE_CATALOGUE=1 cargo test --lib text::tests` and commit it"
    );
}

#[test]
fn english_phrases_are_runs_of_three_lowercase_words() {
    assert_eq!(
        english_phrases(
            "vsw-0001 (192.168.1.0/24) has no free address left (4 usable, all in use)"
        ),
        ["has no free address left", "all in use"]
    );
}
