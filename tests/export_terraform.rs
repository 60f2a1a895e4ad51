//! The Terraform export, read back with a maintained HCL parser (`hcl-rs`): the resources
//! of the article's network and of a hybrid one, the references between them (every one
//! names a resource or variable the file declares), names that survive any characters, and
//! snapshots that pin the text.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use hcl::eval::{Context, Evaluate};
use hcl::expr::{Expression, TraversalOperator};
use proptest::prelude::*;
use vpclab::export::terraform::to_terraform;
use vpclab::model::{example, scenario, Command, RuleSet, Topology};

const HYBRID: &str = include_str!("scenarios/hybrid-network.json");

fn hybrid() -> Topology {
    scenario::run_text(HYBRID).expect("a scenario").topology
}

/// The parsed file: resources by (kind, label), variables, provider blocks.
struct Parsed {
    resources: BTreeMap<(String, String), hcl::Body>,
    variables: BTreeSet<String>,
    providers: Vec<hcl::Body>,
}

fn parse(text: &str) -> Parsed {
    let body = hcl::parse(text).unwrap_or_else(|error| panic!("not HCL: {error}\n{text}"));
    let mut parsed = Parsed {
        resources: BTreeMap::new(),
        variables: BTreeSet::new(),
        providers: Vec::new(),
    };
    for block in body.blocks() {
        let labels: Vec<&str> = block.labels().iter().map(|label| label.as_str()).collect();
        match (block.identifier(), labels.as_slice()) {
            ("resource", [kind, label]) => {
                let key = (kind.to_string(), label.to_string());
                let previous = parsed.resources.insert(key, block.body().clone());
                assert!(previous.is_none(), "{kind}.{label} is declared twice");
            }
            ("variable", [name]) => {
                parsed.variables.insert(name.to_string());
            }
            ("provider", ["alicloud"]) => parsed.providers.push(block.body().clone()),
            ("terraform", []) => {}
            other => panic!("unexpected block {other:?}"),
        }
    }
    parsed
}

impl Parsed {
    fn resource(&self, kind: &str, label: &str) -> &hcl::Body {
        self.resources
            .get(&(kind.to_string(), label.to_string()))
            .unwrap_or_else(|| panic!("no resource {kind}.{label}"))
    }

    fn count(&self, kind: &str) -> usize {
        self.resources.keys().filter(|(k, _)| k == kind).count()
    }
}

/// An attribute's expression as HCL text (a reference reads `alicloud_vpc.vpc_0001.id`).
fn attr(body: &hcl::Body, key: &str) -> String {
    body.attributes()
        .find(|attribute| attribute.key() == key)
        .map(|attribute| attribute.expr().to_string())
        .unwrap_or_else(|| panic!("no attribute {key}"))
}

/// A list attribute's items, each as HCL text.
fn items(body: &hcl::Body, key: &str) -> Vec<String> {
    match body
        .attributes()
        .find(|attribute| attribute.key() == key)
        .map(|a| a.expr())
    {
        Some(Expression::Array(items)) => items.iter().map(ToString::to_string).collect(),
        other => panic!("{key} is not a list: {other:?}"),
    }
}

/// An attribute's value, evaluated (strings come out unescaped).
fn value(body: &hcl::Body, key: &str) -> hcl::Value {
    body.attributes()
        .find(|attribute| attribute.key() == key)
        .map(|attribute| {
            attribute
                .expr()
                .evaluate(&Context::new())
                .unwrap_or_else(|error| panic!("{key} does not evaluate: {error}"))
        })
        .unwrap_or_else(|| panic!("no attribute {key}"))
}

/// Every traversal in an expression, as its root and the names after it.
fn traversals(expr: &Expression, found: &mut Vec<Vec<String>>) {
    match expr {
        Expression::Traversal(traversal) => {
            if let Expression::Variable(root) = &traversal.expr {
                let mut path = vec![root.to_string()];
                for operator in &traversal.operators {
                    match operator {
                        TraversalOperator::GetAttr(name) => path.push(name.to_string()),
                        TraversalOperator::Index(Expression::String(key)) => path.push(key.clone()),
                        other => panic!("unexpected traversal operator {other:?}"),
                    }
                }
                found.push(path);
            }
        }
        Expression::Array(items) => items.iter().for_each(|item| traversals(item, found)),
        Expression::Object(object) => object.values().for_each(|item| traversals(item, found)),
        _ => {}
    }
}

fn body_traversals(body: &hcl::Body, found: &mut Vec<Vec<String>>) {
    for attribute in body.attributes() {
        traversals(attribute.expr(), found);
    }
    for block in body.blocks() {
        body_traversals(block.body(), found);
    }
}

/// Every reference names a declared resource (or one of its attributes), a declared
/// variable or a provider alias; answers how many references there are.
fn check_references(parsed: &Parsed) -> usize {
    let mut found = Vec::new();
    for body in parsed.resources.values() {
        body_traversals(body, &mut found);
    }
    for path in &found {
        match path.as_slice() {
            [var, name, ..] if var == "var" => {
                assert!(parsed.variables.contains(name), "undeclared var.{name}");
            }
            [provider, _] if provider == "alicloud" => {}
            // A resource (in depends_on), or one of its attributes.
            [kind, label, ..] => {
                assert!(
                    parsed
                        .resources
                        .contains_key(&(kind.clone(), label.clone())),
                    "{kind}.{label} names no declared resource"
                );
            }
            other => panic!("unexpected reference {other:?}"),
        }
    }
    found.len()
}

#[test]
fn the_article_network_is_terraform_with_references_between_its_resources() {
    let text = to_terraform(&example::article_network());
    let parsed = parse(&text);
    let kinds: Vec<(&str, &str)> = parsed
        .resources
        .keys()
        .map(|(kind, label)| (kind.as_str(), label.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("alicloud_eip_address", "eip_0001"),
            ("alicloud_eip_association", "eip_0001"),
            ("alicloud_instance", "i_0001"),
            ("alicloud_instance", "i_0002"),
            ("alicloud_instance", "i_0003"),
            ("alicloud_security_group", "sg_0001"),
            ("alicloud_vpc", "vpc_0001"),
            ("alicloud_vswitch", "vsw_0001"),
            ("alicloud_vswitch", "vsw_0002"),
        ]
    );
    assert_eq!(parsed.providers.len(), 1);
    assert_eq!(value(&parsed.providers[0], "region"), "ap-south-1".into());
    let vpc = parsed.resource("alicloud_vpc", "vpc_0001");
    assert_eq!(value(vpc, "vpc_name"), "vpc-article".into());
    assert_eq!(value(vpc, "cidr_block"), "192.168.0.0/16".into());
    let zone2 = parsed.resource("alicloud_vswitch", "vsw_0002");
    assert_eq!(attr(zone2, "vpc_id"), "alicloud_vpc.vpc_0001.id");
    assert_eq!(value(zone2, "zone_id"), "ap-south-1b".into());
    let vm1 = parsed.resource("alicloud_instance", "i_0001");
    assert_eq!(attr(vm1, "vswitch_id"), "alicloud_vswitch.vsw_0001.id");
    assert_eq!(
        items(vm1, "security_groups"),
        ["alicloud_security_group.sg_0001.id"]
    );
    assert_eq!(attr(vm1, "image_id"), "var.image_id");
    assert_eq!(value(vm1, "private_ip"), "192.168.1.1".into());
    assert_eq!(value(vm1, "internet_max_bandwidth_out"), 5.into());
    let binding = parsed.resource("alicloud_eip_association", "eip_0001");
    assert_eq!(
        attr(binding, "allocation_id"),
        "alicloud_eip_address.eip_0001.id"
    );
    assert_eq!(attr(binding, "instance_id"), "alicloud_instance.i_0003.id");
    assert_eq!(value(binding, "instance_type"), "EcsInstance".into());
    assert_eq!(
        parsed.variables,
        BTreeSet::from(["image_id".to_string(), "instance_type".to_string()])
    );
    assert_eq!(check_references(&parsed), 17);
}

#[test]
fn the_hybrid_network_is_terraform_with_every_kind_it_holds() {
    let text = to_terraform(&hybrid());
    let parsed = parse(&text);
    for (kind, count) in [
        ("alicloud_vpc", 1),
        ("alicloud_vpc_ipv4_cidr_block", 1),
        ("alicloud_vswitch", 3),
        ("alicloud_security_group", 3),
        ("alicloud_security_group_rule", 8),
        ("alicloud_instance", 4),
        ("alicloud_eip_address", 3),
        ("alicloud_eip_association", 3),
        ("alicloud_nat_gateway", 1),
        ("alicloud_snat_entry", 2),
        ("alicloud_forward_entry", 2),
        ("alicloud_vpn_gateway", 1),
        ("alicloud_vpn_customer_gateway", 1),
        ("alicloud_vpn_connection", 1),
        ("alicloud_express_connect_virtual_border_router", 1),
        ("alicloud_route_entry", 2),
        ("alicloud_slb_load_balancer", 1),
        ("alicloud_slb_backend_server", 1),
        ("alicloud_db_instance", 1),
    ] {
        assert_eq!(parsed.count(kind), count, "{kind}");
    }
    assert_eq!(parsed.resources.len(), 40);
}

#[test]
fn the_hybrid_networks_blocks_rules_nat_and_eips_reference_each_other() {
    let text = to_terraform(&hybrid());
    let parsed = parse(&text);
    // The VSwitch in the secondary block waits for the block.
    let data = parsed.resource("alicloud_vswitch", "vsw_0003");
    assert_eq!(
        attr(data, "vpc_id"),
        "alicloud_vpc_ipv4_cidr_block.vpc_0001_cidr_1.vpc_id"
    );
    // Security group rules: a CIDR peer, a group peer, egress drop.
    let from_web = parsed.resource("alicloud_security_group_rule", "sg_0002_rule_1");
    assert_eq!(
        attr(from_web, "security_group_id"),
        "alicloud_security_group.sg_0002.id"
    );
    assert_eq!(
        attr(from_web, "source_security_group_id"),
        "alicloud_security_group.sg_0001.id"
    );
    assert_eq!(value(from_web, "port_range"), "8080/8080".into());
    let no_mail = parsed.resource("alicloud_security_group_rule", "sg_0001_rule_4");
    assert_eq!(value(no_mail, "type"), "egress".into());
    assert_eq!(value(no_mail, "policy"), "drop".into());
    assert_eq!(value(no_mail, "cidr_ip"), "0.0.0.0/0".into());
    // NAT: SNAT by VSwitch and by block, DNAT to an instance, on EIPs bound to the gateway.
    let nat = parsed.resource("alicloud_nat_gateway", "ngw_0001");
    assert_eq!(attr(nat, "vswitch_id"), "alicloud_vswitch.vsw_0001.id");
    let snat = parsed.resource("alicloud_snat_entry", "snat_0001");
    assert_eq!(
        attr(snat, "snat_table_id"),
        "alicloud_nat_gateway.ngw_0001.snat_table_ids"
    );
    assert_eq!(
        attr(snat, "snat_ip"),
        "alicloud_eip_address.eip_0002.ip_address"
    );
    assert_eq!(
        attr(snat, "source_vswitch_id"),
        "alicloud_vswitch.vsw_0002.id"
    );
    assert_eq!(
        items(snat, "depends_on"),
        ["alicloud_eip_association.eip_0002"]
    );
    let dnat = parsed.resource("alicloud_forward_entry", "fwd_0001");
    assert_eq!(
        attr(dnat, "forward_table_id"),
        "alicloud_nat_gateway.ngw_0001.forward_table_ids"
    );
    assert_eq!(
        attr(dnat, "external_ip"),
        "alicloud_eip_address.eip_0003.ip_address"
    );
    assert_eq!(
        attr(dnat, "internal_ip"),
        "alicloud_instance.i_0004.private_ip"
    );
    assert_eq!(value(dnat, "external_port"), "2222".into());
    let to_nat = parsed.resource("alicloud_eip_association", "eip_0002");
    assert_eq!(
        attr(to_nat, "instance_id"),
        "alicloud_nat_gateway.ngw_0001.id"
    );
    assert_eq!(value(to_nat, "instance_type"), "Nat".into());
}

#[test]
fn the_hybrid_networks_vpn_routes_vbr_clb_and_rds_reference_each_other() {
    let text = to_terraform(&hybrid());
    let parsed = parse(&text);
    // VPN both ways: the IPsec connection's subnets carry the office's traffic in, the
    // route entry carries the VPC's traffic out.
    let ipsec = parsed.resource("alicloud_vpn_connection", "vco_0001");
    assert_eq!(
        attr(ipsec, "vpn_gateway_id"),
        "alicloud_vpn_gateway.vpn_0001.id"
    );
    assert_eq!(
        attr(ipsec, "customer_gateway_id"),
        "alicloud_vpn_customer_gateway.cgw_0001.id"
    );
    assert_eq!(
        items(ipsec, "local_subnet"),
        [r#""172.16.0.0/16""#, r#""172.20.0.0/16""#]
    );
    assert_eq!(items(ipsec, "remote_subnet"), [r#""10.10.0.0/16""#]);
    // rte-0001 is the 0.0.0.0/0 entry that creating the NAT gateway added: the
    // alicloud_nat_gateway makes it, so it has no alicloud_route_entry of its own.
    assert!(!parsed
        .resources
        .contains_key(&("alicloud_route_entry".into(), "rte_0001".into())));
    let to_office = parsed.resource("alicloud_route_entry", "rte_0002");
    assert_eq!(
        attr(to_office, "route_table_id"),
        "alicloud_vpc.vpc_0001.route_table_id"
    );
    assert_eq!(
        attr(to_office, "nexthop_id"),
        "alicloud_vpn_gateway.vpn_0001.id"
    );
    assert_eq!(value(to_office, "nexthop_type"), "VpnGateway".into());
    assert_eq!(
        value(to_office, "destination_cidrblock"),
        "10.10.0.0/16".into()
    );
    let to_router = parsed.resource("alicloud_route_entry", "rte_0004");
    assert_eq!(attr(to_router, "nexthop_id"), "alicloud_instance.i_0005.id");
    // The route through the VBR cannot be exported, and says so.
    assert!(!parsed
        .resources
        .contains_key(&("alicloud_route_entry".into(), "rte_0003".into())));
    assert!(text.contains("# Not exported: route rte-0003 of vpc-0001 to 10.20.0.0/16"));
    let vbr = parsed.resource("alicloud_express_connect_virtual_border_router", "vbr_0001");
    assert_eq!(
        attr(vbr, "local_gateway_ip"),
        r#"var.vbr_peering["vbr_0001"].local_gateway_ip"#
    );
    assert_eq!(value(vbr, "vlan_id"), 100.into());
    // CLB back ends and RDS.
    let back_ends = parsed.resource("alicloud_slb_backend_server", "lb_0001");
    assert_eq!(back_ends.blocks().count(), 2);
    let database = parsed.resource("alicloud_db_instance", "rm_0001");
    assert_eq!(
        attr(database, "engine_version"),
        r#"var.rds_engine_version["MySQL"]"#
    );
    assert_eq!(value(database, "private_ip_address"), "172.20.1.1".into());
    assert_eq!(
        parsed.variables,
        [
            "clb_spec",
            "image_id",
            "instance_type",
            "ipsec_psk",
            "physical_connection_id",
            "rds_engine_version",
            "rds_instance_storage",
            "rds_instance_type",
            "vbr_peering",
        ]
        .into_iter()
        .map(String::from)
        .collect()
    );
    assert!(check_references(&parsed) > 50);
}

#[test]
fn resources_in_a_second_region_use_an_aliased_provider() {
    let mut topology = example::article_network();
    let eip = Command::AllocateEipAddress {
        region_id: "cn-shanghai".into(),
        bandwidth: None,
        name: None,
        description: None,
    };
    topology.apply_in_place(&eip).expect("allocates");
    let parsed = parse(&to_terraform(&topology));
    assert_eq!(parsed.providers.len(), 2);
    assert_eq!(value(&parsed.providers[1], "alias"), "cn_shanghai".into());
    assert_eq!(value(&parsed.providers[1], "region"), "cn-shanghai".into());
    let shanghai = parsed.resource("alicloud_eip_address", "eip_0002");
    assert_eq!(attr(shanghai, "provider"), "alicloud.cn_shanghai");
    let mumbai = parsed.resource("alicloud_eip_address", "eip_0001");
    assert!(mumbai
        .attributes()
        .all(|attribute| attribute.key() != "provider"));
    check_references(&parsed);
}

/// A network whose every name is `name`. The API's name rules refuse most hostile names,
/// but a stored document (written by an older version, or by hand) may hold any text, and
/// the export must keep it a string: the network is built with a valid name and the name
/// is swapped in the stored document.
fn named(name: &str) -> Topology {
    const PLACEHOLDER: &str = "placeholder-name";
    let text = vpclab::model::document::to_json(&named_validly(PLACEHOLDER));
    let quoted = serde_json::to_string(name).expect("a string");
    let text = text.replace(&format!("\"{PLACEHOLDER}\""), &quoted);
    vpclab::model::document::restore(&text).expect("a stored document holds any name")
}

/// A network whose every name is `name`, built through the API.
fn named_validly(name: &str) -> Topology {
    let mut topology = Topology::new(RuleSet::Current);
    let name = Some(name.to_string());
    let steps = [
        Command::CreateVpc {
            region_id: "cn-hangzhou".into(),
            cidr_block: Some("10.0.0.0/16".into()),
            vpc_name: name.clone(),
            description: None,
        },
        Command::CreateVSwitch {
            vpc_id: "vpc-0001".into(),
            zone_id: "cn-hangzhou-h".into(),
            cidr_block: "10.0.1.0/24".into(),
            vswitch_name: name.clone(),
            description: None,
        },
        Command::CreateSecurityGroup {
            vpc_id: "vpc-0001".into(),
            security_group_name: name.clone(),
            security_group_type: None,
            description: None,
        },
        Command::RunInstances {
            vswitch_id: "vsw-0001".into(),
            instance_name: name.clone(),
            private_ip_address: None,
            security_group_id: Some("sg-0001".into()),
            internet_max_bandwidth_out: None,
            description: None,
        },
        Command::AllocateEipAddress {
            region_id: "cn-hangzhou".into(),
            bandwidth: None,
            name: name.clone(),
            description: None,
        },
        Command::CreateNatGateway {
            vpc_id: "vpc-0001".into(),
            vswitch_id: Some("vsw-0001".into()),
            name: name.clone(),
            description: None,
        },
        Command::CreateDataCenter {
            cidr_block: "192.168.0.0/16".into(),
            data_center_name: name.clone(),
        },
    ];
    for command in steps {
        topology.apply_in_place(&command).expect("applies");
    }
    topology
}

fn names_survive(name: &str) -> Result<(), TestCaseError> {
    let text = to_terraform(&named(name));
    let parsed = hcl::parse(&text);
    prop_assert!(parsed.is_ok(), "not HCL for {name:?}:\n{text}");
    let parsed = parse(&text);
    prop_assert_eq!(parsed.resources.len(), 6, "{}", text);
    for (kind, key) in [
        ("alicloud_vpc", "vpc_name"),
        ("alicloud_vswitch", "vswitch_name"),
        ("alicloud_security_group", "security_group_name"),
        ("alicloud_instance", "instance_name"),
        ("alicloud_eip_address", "address_name"),
        ("alicloud_nat_gateway", "nat_gateway_name"),
    ] {
        let (_, body) = parsed
            .resources
            .iter()
            .find(|((k, _), _)| k == kind)
            .expect("the resource");
        prop_assert_eq!(value(body, key), hcl::Value::from(name), "{}", kind);
    }
    Ok(())
}

#[test]
fn hostile_names_are_strings_not_code() {
    for name in [
        r#"web" } resource "alicloud_vpc" "evil" { cidr_block = "0.0.0.0/0"#,
        "${file(\"/etc/passwd\")}",
        "%{ for x in [1] }${x}%{ endfor }",
        "$${escaped} and %%{escaped}",
        r"C:\path\to\",
        "line one\nline two\r\n\ttabbed",
        "# not a comment",
        "ends with a dollar $",
        "ends with a percent %",
        "bell \u{7} and escape \u{1b}[31m",
        "名前 ñandú ✓",
    ] {
        names_survive(name).unwrap_or_else(|error| panic!("{error}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_name_is_written_as_a_string_that_reads_back_the_same(name in "\\PC{1,40}|[\"\\\\$%{}#\n]{1,12}|.{1,20}") {
        names_survive(&name)?;
    }
}

#[test]
fn the_article_network_terraform_text() {
    insta::assert_snapshot!(to_terraform(&example::article_network()));
}

#[test]
fn the_hybrid_network_terraform_text() {
    insta::assert_snapshot!(to_terraform(&hybrid()));
}
