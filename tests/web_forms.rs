//! Browser tests of the forms that follow the user: a new VSwitch brings a free IP of its
//! own, a form that needs a missing resource says what to create first and opens that form,
//! a bandwidth change that gives no public IP says which call would, and the default region
//! under today's rules is an open one.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a missing element"
)]

use std::rc::Rc;

use wasm_bindgen_test::*;
use yew::Reducible;

use vpclab::app::forms::{form_for, Advice, Context};
use vpclab::app::state::{Action, AppState};
use vpclab::model::{example, ActionKind, RuleSet, Topology};

wasm_bindgen_test_configure!(run_in_browser);

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;
use browser::{clear_storage, click, find, find_all, settle, show_app, unmount};

/// `state` after `action`.
fn after(state: Rc<AppState>, action: Action) -> Rc<AppState> {
    state.reduce(action)
}

/// The form `action` opens on `topology` with nothing selected.
fn open(topology: &Topology, action: ActionKind) -> vpclab::app::forms::Form {
    form_for(action, topology, &Context::from_selection(topology, None)).unwrap()
}

#[wasm_bindgen_test]
fn changing_the_ecs_form_vswitch_proposes_a_free_ip_of_the_new_vswitch() {
    let article = example::article_network();
    let form = open(&article, ActionKind::RunInstances);
    assert_eq!(form.value("VSwitchId"), "vsw-0001");
    assert_eq!(form.value("PrivateIpAddress"), "192.168.1.3");
    let state = Rc::new(AppState::new(article));
    let state = after(state, Action::OpenForm(form));
    let state = after(
        state,
        Action::EditField {
            param: "VSwitchId".into(),
            value: "vsw-0002".into(),
        },
    );
    let form = state.form.as_ref().unwrap();
    // VM3 holds 192.168.2.1: the first free address of vsw-zone2 is .2.
    assert_eq!(form.value("PrivateIpAddress"), "192.168.2.2");
    // An address the user typed that fits the new VSwitch is kept.
    let state = after(
        state,
        Action::EditField {
            param: "PrivateIpAddress".into(),
            value: "192.168.2.50".into(),
        },
    );
    let state = after(
        state,
        Action::EditField {
            param: "VSwitchId".into(),
            value: "vsw-0002".into(),
        },
    );
    assert_eq!(
        state.form.as_ref().unwrap().value("PrivateIpAddress"),
        "192.168.2.50"
    );
}

#[wasm_bindgen_test]
fn forms_that_need_a_missing_resource_say_what_to_create_first() {
    let empty = Topology::new(RuleSet::Current);
    let vswitch = open(&empty, ActionKind::CreateVSwitch);
    assert_eq!(
        vswitch.advice(&empty),
        Some(Advice::CreateFirst(ActionKind::CreateVpc))
    );
    let instance = open(&empty, ActionKind::RunInstances);
    assert_eq!(
        instance.advice(&empty),
        Some(Advice::CreateFirst(ActionKind::CreateVpc))
    );
    let article = example::article_network();
    // The article's only EIP is bound to VM3.
    let associate = open(&article, ActionKind::AssociateEipAddress);
    assert_eq!(
        associate.advice(&article),
        Some(Advice::CreateFirst(ActionKind::AllocateEipAddress))
    );
    assert_eq!(
        open(&article, ActionKind::CreateVSwitch).advice(&article),
        None
    );
}

#[wasm_bindgen_test]
fn raising_the_bandwidth_of_an_instance_without_a_public_ip_says_it_gives_none() {
    let article = example::article_network();
    let vm2 = article
        .instances()
        .values()
        .find(|instance| instance.name == "VM2")
        .unwrap()
        .id
        .clone();
    let context = Context {
        selected: Some(vm2),
        ..Context::default()
    };
    let mut form = form_for(ActionKind::ModifyInstanceNetworkSpec, &article, &context).unwrap();
    assert_eq!(form.advice(&article), None, "0 Mbit/s asks for nothing");
    form.set("InternetMaxBandwidthOut", "5".into());
    assert_eq!(form.advice(&article), Some(Advice::NoPublicIpFromBandwidth));
    // VM1 already has a NatPublicIP: changing its bandwidth needs no advice.
    let vm1 = article
        .instances()
        .values()
        .find(|i| i.name == "VM1")
        .unwrap();
    form.set("InstanceId", vm1.id.clone());
    assert_eq!(form.advice(&article), None);
}

#[wasm_bindgen_test]
fn the_default_region_under_todays_rules_is_an_open_one() {
    // The article's VPC is in Mumbai, closed today: a new VPC is proposed in an open region.
    let today = example::article_network().with_rules(RuleSet::Current);
    let vpc = open(&today, ActionKind::CreateVpc);
    assert_eq!(vpc.value("RegionId"), "cn-hangzhou");
    let eip = open(&today, ActionKind::AllocateEipAddress);
    assert_eq!(eip.value("RegionId"), "cn-hangzhou");
    // Under the article's rules Mumbai is open and stays the proposal.
    let then = example::article_network();
    assert_eq!(
        open(&then, ActionKind::CreateVpc).value("RegionId"),
        "ap-south-1"
    );
}

#[wasm_bindgen_test]
async fn the_vswitch_form_on_an_empty_network_offers_the_vpc_form() {
    clear_storage();
    let (root, handle) = show_app().await;
    click(&root, "[data-testid=new-network]");
    settle().await;
    click(&root, "button.create[data-action=CreateVSwitch]");
    settle().await;
    let advice = find(&root, "[data-testid=form-advice]");
    assert_eq!(
        advice.get_attribute("data-offer").as_deref(),
        Some("CreateVpc")
    );
    click(&root, "[data-testid=form-advice-open]");
    settle().await;
    let form = find(&root, "[data-testid=form]");
    assert_eq!(
        form.get_attribute("data-action").as_deref(),
        Some("CreateVpc")
    );
    unmount(root, handle);
    clear_storage();
}

#[wasm_bindgen_test]
async fn new_empty_network_replaces_the_example_hint_with_where_to_start() {
    clear_storage();
    let (root, handle) = show_app().await;
    find(&root, "[data-testid=hint]");
    click(&root, "[data-testid=new-network]");
    settle().await;
    // The hint described the example network; the empty one says where to begin.
    assert!(find_all(&root, "[data-testid=hint]").is_empty());
    let notice = find(&root, "[data-testid=notice]").text_content().unwrap();
    assert!(notice.contains("+ VPC"), "{notice}");
    assert!(find_all(&root, "[data-kind=instance]").is_empty());
    // Undo brings the example back, and the advice about the empty network goes with it.
    click(&root, "[data-testid=undo]");
    settle().await;
    assert_eq!(find_all(&root, "[data-kind=instance]").len(), 3);
    assert!(find_all(&root, "[data-testid=notice]").is_empty());
    unmount(root, handle);
    clear_storage();
}

#[wasm_bindgen_test]
fn resetting_to_the_example_clears_the_empty_network_advice() {
    let state = Rc::new(AppState::new(example::first_run_network()));
    let empty = after(state, Action::Replace(Topology::new(RuleSet::Y2020)));
    assert!(empty.notice.is_some());
    let back = after(empty, Action::Replace(example::first_run_network()));
    assert!(back.notice.is_none());
}
