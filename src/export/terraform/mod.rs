//! A topology as Terraform configuration for the alicloud provider (`aliyun/alicloud`).
//!
//! Each resource becomes a `resource` block labelled by its id (`vpc-0001` →
//! `alicloud_vpc.vpc_0001`), so labels are valid identifiers and stay the same from one
//! export to the next. Resources name each other by reference
//! (`vpc_id = alicloud_vpc.vpc_0001.id`), never by a literal id, so Terraform creates them
//! in order and the file works in any account. Names go through [`hcl::quoted`], so no
//! name can end its string or start a template.
//!
//! The argument names are those of the provider's current documentation, not the
//! deprecated ones (`vpc_name`, not `name`). Each resource was checked against its page in
//! `website/docs/r/` of `aliyun/terraform-provider-alicloud` (commit `81c43b672`, after
//! v1.289.0, August 2026), and against the resource's schema in `alicloud/`:
//!
//! | vpclab | resource | provider doc file |
//! |---|---|---|
//! | VPC | `alicloud_vpc` | `website/docs/r/vpc.html.markdown` |
//! | secondary block | `alicloud_vpc_ipv4_cidr_block` | `website/docs/r/vpc_ipv4_cidr_block.html.markdown` |
//! | VSwitch | `alicloud_vswitch` | `website/docs/r/vswitch.html.markdown` |
//! | security group | `alicloud_security_group` | `website/docs/r/security_group.html.markdown` |
//! | its rules | `alicloud_security_group_rule` | `website/docs/r/security_group_rule.html.markdown` |
//! | ECS instance | `alicloud_instance` | `website/docs/r/instance.html.markdown` |
//! | EIP | `alicloud_eip_address` | `website/docs/r/eip_address.html.markdown` |
//! | EIP binding | `alicloud_eip_association` | `website/docs/r/eip_association.html.markdown` |
//! | route entry | `alicloud_route_entry` | `website/docs/r/route_entry.html.markdown` |
//! | NAT gateway | `alicloud_nat_gateway` | `website/docs/r/nat_gateway.html.markdown` |
//! | SNAT entry | `alicloud_snat_entry` | `website/docs/r/snat_entry.html.markdown` |
//! | DNAT entry | `alicloud_forward_entry` | `website/docs/r/forward_entry.html.markdown` |
//! | VPN gateway | `alicloud_vpn_gateway` | `website/docs/r/vpn_gateway.html.markdown` |
//! | customer gateway | `alicloud_vpn_customer_gateway` | `website/docs/r/vpn_customer_gateway.html.markdown` |
//! | IPsec connection | `alicloud_vpn_connection` | `website/docs/r/vpn_connection.html.markdown` |
//! | virtual border router | `alicloud_express_connect_virtual_border_router` | `website/docs/r/express_connect_virtual_border_router.html.markdown` |
//! | CLB | `alicloud_slb_load_balancer` | `website/docs/r/slb_load_balancer.html.markdown` |
//! | CLB back ends | `alicloud_slb_backend_server` | `website/docs/r/slb_backend_server.html.markdown` |
//! | RDS instance | `alicloud_db_instance` | `website/docs/r/db_instance.html.markdown` |
//! | provider block | `provider "alicloud"` | `website/docs/index.html.markdown` |
//!
//! What the provider needs and vpclab does not know becomes a variable for the user to
//! fill in (the ECS image and instance type, the RDS class and version, the IPsec
//! pre-shared key, the Express Connect physical connection and peering addresses); the
//! header lists the ones the file uses. What cannot be exported is written as a comment
//! where it would be, and listed in the header:
//! - data centres (on-premises networks, not Alibaba resources);
//! - the router interface pair joining a virtual border router to its VPC, and so the
//!   routes whose next hop is a VBR (`RouterInterface`);
//! - the exact public addresses: Alibaba Cloud assigns EIPs, NatPublicIPs and gateway
//!   addresses, and every use of one (SNAT, DNAT) refers to the resource instead;
//! - an internet CLB's private address (the provider places internet CLBs itself).
//!
//! Resources in several regions get one provider block per region: the region of the first
//! VPC is the default, the others have an alias named after the region
//! (`provider = alicloud.cn_shanghai`).

mod compute;
mod gateways;
pub mod hcl;
mod network;

use std::collections::BTreeSet;

use hcl::{Block, Expr};

use crate::model::{catalog, Topology};

/// The width comments are wrapped to.
const WIDTH: usize = 100;

/// The version constraint written in `required_providers`: 1.239.0 introduced
/// `security_group_name`, the newest argument used; 2.x changes other resources.
pub const PROVIDER_VERSION: &str = "~> 1.239";

/// The Terraform configuration of a topology, as the text of a `.tf` file.
///
/// ```
/// use vpclab::export::terraform::to_terraform;
/// let text = to_terraform(&vpclab::model::example::article_network());
/// assert!(text.contains("resource \"alicloud_vswitch\" \"vsw_0001\" {"));
/// assert!(text.contains("vpc_id       = alicloud_vpc.vpc_0001.id"));
/// ```
pub fn to_terraform(topology: &Topology) -> String {
    let mut out = Output::new(topology);
    network::vpcs(&mut out);
    network::security_groups(&mut out);
    compute::instances(&mut out);
    compute::eips(&mut out);
    compute::load_balancers(&mut out);
    compute::databases(&mut out);
    gateways::nat_gateways(&mut out);
    gateways::vpn(&mut out);
    gateways::express_connect(&mut out);
    network::routes(&mut out);
    out.finish()
}

/// A variable the configuration uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Variable {
    ImageId,
    ImageIds,
    InstanceType,
    ClbSpec,
    RdsEngineVersion,
    RdsInstanceType,
    RdsInstanceStorage,
    IpsecPsk,
    PhysicalConnectionId,
    VbrPeering,
}

impl Variable {
    fn name(self) -> &'static str {
        match self {
            Variable::ImageId => "image_id",
            Variable::ImageIds => "image_ids",
            Variable::InstanceType => "instance_type",
            Variable::ClbSpec => "clb_spec",
            Variable::RdsEngineVersion => "rds_engine_version",
            Variable::RdsInstanceType => "rds_instance_type",
            Variable::RdsInstanceStorage => "rds_instance_storage",
            Variable::IpsecPsk => "ipsec_psk",
            Variable::PhysicalConnectionId => "physical_connection_id",
            Variable::VbrPeering => "vbr_peering",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Variable::ImageId => "The ECS image of every instance, for example an Ubuntu image id of the region (data source alicloud_images).",
            Variable::ImageIds => "The ECS image of every instance, by region id (images differ between regions).",
            Variable::InstanceType => "The ECS instance type of every instance, for example ecs.g7.large; it must be sold in each zone used (data source alicloud_instance_types).",
            Variable::ClbSpec => "The CLB specification of every load balancer.",
            Variable::RdsEngineVersion => "The engine version of the RDS instances, by engine (for example MySQL = \"8.0\").",
            Variable::RdsInstanceType => "The RDS instance class (data source alicloud_db_instance_classes).",
            Variable::RdsInstanceStorage => "The storage of each RDS instance, in GB.",
            Variable::IpsecPsk => "The pre-shared key of the IPsec connections, as configured on the customer gateways.",
            Variable::PhysicalConnectionId => "The Express Connect physical connection of the virtual border routers.",
            Variable::VbrPeering => "The peering addresses of each virtual border router, by its label, as agreed with the data centre.",
        }
    }

    fn block(self) -> Block {
        let block = Block::new("variable")
            .label(self.name())
            .attr("description", Expr::str(self.description()));
        let raw = |text: &str| Expr::Reference(text.to_string());
        match self {
            Variable::ImageIds | Variable::RdsEngineVersion => block.attr("type", raw("map(string)")),
            Variable::ClbSpec => block
                .attr("type", raw("string"))
                .attr("default", Expr::str("slb.s1.small")),
            Variable::RdsInstanceStorage => block
                .attr("type", raw("number"))
                .attr("default", Expr::Number(20)),
            Variable::IpsecPsk => block
                .attr("type", raw("string"))
                .attr("sensitive", Expr::Bool(true)),
            Variable::VbrPeering => block.attr(
                "type",
                raw("map(object({ local_gateway_ip = string, peer_gateway_ip = string, peering_subnet_mask = string }))"),
            ),
            _ => block.attr("type", raw("string")),
        }
    }

    fn has_default(self) -> bool {
        matches!(self, Variable::ClbSpec | Variable::RdsInstanceStorage)
    }
}

/// The configuration being written: the resources' text, the variables they use, and the
/// notes on what was not exported.
pub(crate) struct Output<'a> {
    topology: &'a Topology,
    default_region: Option<String>,
    several_image_regions: bool,
    body: String,
    variables: BTreeSet<Variable>,
    not_exported: Vec<String>,
}

impl<'a> Output<'a> {
    fn new(topology: &'a Topology) -> Output<'a> {
        let image_regions: BTreeSet<String> = topology
            .instances()
            .values()
            .filter_map(|instance| topology.vpc_of_instance(&instance.id))
            .map(|vpc| vpc.region_id.clone())
            .collect();
        Output {
            topology,
            default_region: regions(topology).into_iter().next(),
            several_image_regions: image_regions.len() > 1,
            body: String::new(),
            variables: BTreeSet::new(),
            not_exported: Vec::new(),
        }
    }

    /// A `resource` block for the resource `id`, with a `provider` argument when its
    /// region is not the default one.
    fn resource(&self, kind: &str, id: &str, region: &str) -> Block {
        let block = Block::resource(kind, id);
        match &self.default_region {
            Some(default) if default != region => block.attr(
                "provider",
                Expr::Reference(format!("alicloud.{}", hcl::identifier(region))),
            ),
            _ => block,
        }
    }

    fn push(&mut self, block: &Block) {
        self.body.push('\n');
        self.body.push_str(&block.text());
    }

    /// A comment in place of something that cannot be exported, also listed in the header.
    fn not_exported(&mut self, what: String) {
        self.body.push('\n');
        for line in hcl::comment_lines(&what, WIDTH, "# Not exported: ", "#   ") {
            self.body.push_str(&line);
            self.body.push('\n');
        }
        self.not_exported.push(what);
    }

    /// A reference to a variable, recording that the configuration uses it.
    fn variable(&mut self, variable: Variable) -> Expr {
        self.variables.insert(variable);
        Expr::Reference(format!("var.{}", variable.name()))
    }

    /// The image of an instance in `region`.
    fn image(&mut self, region: &str) -> Expr {
        if self.several_image_regions {
            self.variables.insert(Variable::ImageIds);
            Expr::Index(
                format!("var.{}", Variable::ImageIds.name()),
                region.to_string(),
            )
        } else {
            self.variable(Variable::ImageId)
        }
    }

    fn finish(self) -> String {
        let mut text = header(&self);
        text.push('\n');
        text.push_str(&terraform_block().text());
        for block in provider_blocks(self.topology, self.default_region.as_deref()) {
            text.push('\n');
            text.push_str(&block.text());
        }
        for variable in &self.variables {
            text.push('\n');
            text.push_str(&variable.block().text());
        }
        text.push_str(&self.body);
        text
    }
}

/// Every region the topology uses, the first VPC's first.
fn regions(topology: &Topology) -> Vec<String> {
    let mut ordered: Vec<String> = Vec::new();
    let all = topology
        .vpcs()
        .values()
        .map(|vpc| vpc.region_id.clone())
        .chain(topology.eips().values().map(|eip| eip.region_id.clone()))
        .chain(
            topology
                .customer_gateways()
                .values()
                .map(|gateway| gateway.region_id.clone()),
        )
        .chain(
            topology
                .virtual_border_routers()
                .values()
                .map(|router| router.region_id.clone()),
        );
    for region in all {
        if !ordered.contains(&region) {
            ordered.push(region);
        }
    }
    ordered
}

fn terraform_block() -> Block {
    let provider = Expr::Object(vec![
        ("source".to_string(), Expr::str("aliyun/alicloud")),
        ("version".to_string(), Expr::str(PROVIDER_VERSION)),
    ]);
    Block::new("terraform").block(Block::new("required_providers").attr("alicloud", provider))
}

fn provider_blocks(topology: &Topology, default_region: Option<&str>) -> Vec<Block> {
    let Some(default_region) = default_region else {
        return vec![Block::new("provider")
            .label("alicloud")
            .comment("The network is empty: set the region to use.")];
    };
    regions(topology)
        .into_iter()
        .map(|region| {
            let block = Block::new("provider").label("alicloud");
            let block = if region == default_region {
                block
            } else {
                block.attr("alias", Expr::str(hcl::identifier(&region)))
            };
            block.attr("region", Expr::str(region))
        })
        .collect()
}

fn header(out: &Output<'_>) -> String {
    // Each paragraph is a list of (first-line prefix, next-line prefix, text).
    let mut paragraphs: Vec<Vec<(&str, &str, String)>> = vec![vec![
        (
            "# ",
            "# ",
            "Terraform configuration for the alicloud provider, exported by vpclab.".to_string(),
        ),
        (
            "# ",
            "# ",
            "Credentials come from the provider's usual sources (environment variables, profile)."
                .to_string(),
        ),
    ]];
    let to_fill: Vec<(&str, &str, String)> = out
        .variables
        .iter()
        .filter(|variable| !variable.has_default())
        .map(|variable| {
            let text = format!("{}: {}", variable.name(), variable.description());
            ("#   ", "#     ", text)
        })
        .collect();
    if !to_fill.is_empty() {
        let mut paragraph = vec![(
            "# ",
            "# ",
            "Fill in before terraform apply (terraform.tfvars or -var):".to_string(),
        )];
        paragraph.extend(to_fill);
        paragraphs.push(paragraph);
    }
    let closed: Vec<String> = regions(out.topology)
        .into_iter()
        .filter_map(|region| catalog::region(&region))
        .filter(|region| region.closed_since.is_some())
        .map(|region| format!("{} ({})", region.id, region.name))
        .collect();
    if !closed.is_empty() {
        paragraphs.push(vec![(
            "# ",
            "# ",
            format!(
            "Alibaba Cloud no longer opens new resources in {}: change the region before applying.",
            closed.join(", ")
        ),
        )]);
    }
    paragraphs.push(vec![("# ", "# ", "Alibaba Cloud assigns public addresses (EIPs, NatPublicIPs, gateways): they will differ from the ones drawn in vpclab, and SNAT and DNAT entries refer to the EIP resources.".to_string())]);
    if !out.not_exported.is_empty() {
        let mut paragraph = vec![(
            "# ",
            "# ",
            "Not exported (see the comments below):".to_string(),
        )];
        paragraph.extend(
            out.not_exported
                .iter()
                .map(|what| ("#   - ", "#     ", what.clone())),
        );
        paragraphs.push(paragraph);
    }
    let mut text = String::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index > 0 {
            text.push_str("#\n");
        }
        for (first, next, line) in paragraph {
            for line in hcl::comment_lines(line, WIDTH, first, next) {
                text.push_str(&line);
                text.push('\n');
            }
        }
    }
    text
}

/// The region of a VSwitch's VPC.
fn region_of_vswitch(topology: &Topology, vswitch_id: &str) -> String {
    topology
        .vpc_of_vswitch(vswitch_id)
        .map(|vpc| vpc.region_id.clone())
        .unwrap_or_default()
}

/// The region of a VPC.
fn region_of_vpc(topology: &Topology, vpc_id: &str) -> String {
    topology
        .vpc(vpc_id)
        .map(|vpc| vpc.region_id.clone())
        .unwrap_or_default()
}
