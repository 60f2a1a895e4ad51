//! Browser tests of the reducer (it lives in the browser-only `app` module): forms, undo
//! and redo, delete plans, and the costs that must not grow (a plan on one copy of the
//! network, a bounded API log, the panel's dry runs once per network).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a missing element"
)]

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;
use browser::{
    article_state, clear_storage, click, click_shape, find_all, reduce, settle, show, show_app,
    text_of, unmount, Article, ShowProps,
};
use std::rc::Rc;

use wasm_bindgen_test::*;
use yew::prelude::*;

use vpclab::app::components::api_log::{ApiLogView, SHOWN_CALLS};
use vpclab::app::components::properties::{dry_runs_made, Properties};
use vpclab::app::forms::{form_for, Context};
use vpclab::app::i18n::Language;
use vpclab::app::state::{Action, LOG_LIMIT};
use vpclab::app::storage;
use vpclab::model::{self, document, example, ActionKind, Command, ElementId, Topology};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------
// The reducer.
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn a_rejected_form_submit_changes_nothing_and_keeps_the_error_in_the_form() {
    let article = Article::new();
    let state = reduce(
        article_state(),
        [Action::OpenForm(article.overlapping_vswitch_form())],
    );
    let before = state.history.present().clone();

    let state = state.reduce(Action::SubmitForm);

    assert!(
        Rc::ptr_eq(state.history.present(), &before),
        "the network is the very same value"
    );
    assert_eq!(state.history.undo_depth(), 0);
    let form = state.form.as_ref().expect("the form stays open");
    let rejection = form.rejection.as_ref().expect("the rejection is kept");
    assert_eq!(rejection.code, "InvalidCidrBlock.Overlapped");
    assert!(form.attempted);
    let last = state.api_log.last().expect("the call is logged");
    assert_eq!(last.outcome, Err("InvalidCidrBlock.Overlapped".to_owned()));
}

#[wasm_bindgen_test]
fn apply_then_undo_then_redo_moves_between_the_same_networks() {
    let article = Article::new();
    let vm1 = article.instance("VM1").id.clone();
    let start = article_state();
    let original = start.history.present().clone();

    let applied = start.reduce(Action::Apply(vec![Command::ConvertNatPublicIpToEip {
        instance_id: vm1.clone(),
    }]));
    let converted = applied.history.present().clone();
    assert!(!Rc::ptr_eq(&converted, &original));
    assert!(converted
        .instance(&vm1)
        .expect("VM1")
        .nat_public_ip
        .is_none());
    assert!(converted.eip_of(&vm1).is_some(), "VM1 now has an EIP");
    assert_eq!(applied.history.undo_depth(), 1);

    let undone = applied.reduce(Action::Undo);
    assert!(Rc::ptr_eq(undone.history.present(), &original));
    assert_eq!(
        (undone.history.undo_depth(), undone.history.redo_depth()),
        (0, 1)
    );

    let redone = undone.reduce(Action::Redo);
    assert!(Rc::ptr_eq(redone.history.present(), &converted));
    assert_eq!(
        (redone.history.undo_depth(), redone.history.redo_depth()),
        (1, 0)
    );
}

#[wasm_bindgen_test]
fn deleting_a_vpc_with_contents_asks_first_and_is_one_undo_step() {
    let article = Article::new();
    let vpc = article.vpc_id();
    let start = article_state();
    let original = start.history.present().clone();

    let asked = reduce(
        start,
        [
            Action::Select(Some(ElementId::resource(vpc))),
            Action::DeleteSelected,
        ],
    );
    let confirmation = asked.confirmation.as_ref().expect("a question first");
    assert!(
        confirmation.commands.len() > 1,
        "the plan deletes the contents too: {:?}",
        confirmation.commands
    );
    assert!(
        Rc::ptr_eq(asked.history.present(), &original),
        "nothing changes before the answer"
    );

    let deleted = asked.reduce(Action::Accept);
    assert!(deleted.confirmation.is_none());
    let topology = deleted.topology();
    assert!(topology.vpcs().is_empty(), "the VPC is gone");
    assert!(topology.vswitches().is_empty(), "its VSwitches are gone");
    assert!(topology.instances().is_empty(), "its instances are gone");
    assert_eq!(deleted.history.undo_depth(), 1, "one undo step");
    assert_eq!(deleted.selection, None, "the deleted VPC is not selected");

    let undone = deleted.reduce(Action::Undo);
    assert!(Rc::ptr_eq(undone.history.present(), &original));
}

#[wasm_bindgen_test]
fn declining_the_delete_question_changes_nothing() {
    let article = Article::new();
    let start = article_state();
    let original = start.history.present().clone();
    let declined = reduce(
        start,
        [
            Action::Select(Some(article.vpc())),
            Action::DeleteSelected,
            Action::Cancel,
        ],
    );
    assert!(declined.confirmation.is_none());
    assert!(Rc::ptr_eq(declined.history.present(), &original));
    assert_eq!(declined.history.undo_depth(), 0);
}

#[wasm_bindgen_test]
fn undo_goes_back_at_least_100_steps() {
    let article = Article::new();
    let vswitch = article.vswitch_id("vsw-zone1");
    let steps = 110;
    let mut state = article_state();
    for n in 0..steps {
        state = state.reduce(Action::Apply(vec![Command::RunInstances {
            vswitch_id: vswitch.clone(),
            instance_name: Some(format!("step-{n}")),
            private_ip_address: None,
            security_group_id: None,
            internet_max_bandwidth_out: None,
            description: None,
        }]));
    }
    assert_eq!(state.topology().instances().len(), 3 + steps);
    assert_eq!(state.history.undo_depth(), steps);

    for _ in 0..100 {
        state = state.reduce(Action::Undo);
    }
    assert_eq!(
        state.topology().instances().len(),
        3 + steps - 100,
        "each undo removed one instance"
    );
    assert_eq!(state.history.redo_depth(), 100);
}

// ---------------------------------------------------------------------------------------
// Costs that must not grow: plans are all or nothing on one copy, the log is bounded, the
// panel's dry runs are made once per network.
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn a_plan_whose_step_fails_leaves_the_network_and_the_history_as_they_were() {
    let article = Article::new();
    let vm2 = article.instance("VM2").id.clone();
    // The first step would succeed on its own; the second names nothing.
    let plan = vec![
        Command::DeleteInstance { instance_id: vm2 },
        Command::DeleteVSwitch {
            vswitch_id: "vsw-9999".into(),
        },
    ];
    let start = article_state();
    let original = start.history.present().clone();

    let applied = start.clone().reduce(Action::Apply(plan.clone()));
    assert!(Rc::ptr_eq(applied.history.present(), &original));
    assert_eq!(applied.history.undo_depth(), 0, "no undo step was added");
    assert_eq!(
        applied
            .rejection
            .as_ref()
            .map(|rejection| rejection.code.as_str()),
        Some("InvalidResourceId.NotFound")
    );
    let logged: Vec<bool> = applied
        .api_log
        .calls()
        .map(|call| call.outcome.is_ok())
        .collect();
    assert_eq!(logged, [false], "only the refused call is logged");

    // The same through the "Delete all" question.
    let asked = start.reduce(Action::Confirm(vpclab::app::state::Confirmation {
        subject: "a plan".into(),
        commands: plan,
    }));
    let accepted = asked.reduce(Action::Accept);
    assert!(Rc::ptr_eq(accepted.history.present(), &original));
    assert!(accepted.confirmation.is_none());
    assert_eq!(accepted.history.undo_depth(), 0);
}

/// A plan of `count` EIP allocations in the article's region.
fn allocations(count: usize) -> Vec<Command> {
    let allocate = Command::AllocateEipAddress {
        region_id: "ap-south-1".into(),
        bandwidth: None,
        name: None,
        description: None,
    };
    vec![allocate; count]
}

#[wasm_bindgen_test]
fn the_api_log_keeps_the_latest_500_calls_and_counts_the_ones_it_let_go() {
    let state = article_state().reduce(Action::Apply(allocations(LOG_LIMIT + 20)));
    assert_eq!(
        state.topology().eips().len(),
        1 + LOG_LIMIT + 20,
        "every call ran"
    );
    assert_eq!(state.api_log.len(), LOG_LIMIT);
    assert_eq!(state.api_log.dropped(), 20);
    let last = state.api_log.last().expect("a last call");
    assert_eq!(
        last.outcome
            .as_deref()
            .map(|fields| fields.contains("eip-0521")),
        Ok(true)
    );

    let state = state.reduce(Action::Apply(allocations(1)));
    assert_eq!(state.api_log.len(), LOG_LIMIT);
    assert_eq!(state.api_log.dropped(), 21);
}

#[wasm_bindgen_test]
async fn the_api_log_says_how_many_calls_it_let_go_in_both_languages() {
    let state = article_state().reduce(Action::Apply(allocations(LOG_LIMIT + 20)));
    for (language, words) in [
        (Language::English, "20 earlier calls are no longer kept"),
        (
            Language::Spanish,
            "20 llamadas anteriores ya no se conservan",
        ),
    ] {
        let log = state.api_log.clone();
        let (root, handle) =
            show(move || html! { <ApiLogView {language} log={log.clone()} /> }).await;
        assert_eq!(
            find_all(&root, "[data-testid=api-log] li").len(),
            SHOWN_CALLS,
            "the panel lists the latest calls"
        );
        assert_eq!(
            text_of(&root, "[data-testid=api-log-dropped]").trim(),
            words
        );
        unmount(root, handle);
    }
}

#[wasm_bindgen_test]
async fn properties_dry_run_once_per_network_not_on_every_render() {
    let article = Article::new();
    let vm1 = ElementId::resource(&article.instance("VM1").id);
    let view = |language: Language, topology: Rc<Topology>| {
        let vm1 = vm1.clone();
        move || {
            html! {
                <Properties {language} topology={topology.clone()} selected={vm1.clone()}
                    onform={Callback::noop()} onapply={Callback::noop()} onconfirm={Callback::noop()} />
            }
        }
    };
    let before = dry_runs_made();
    let (root, mut handle) = show(view(Language::English, article.topology.clone())).await;
    assert_eq!(
        dry_runs_made() - before,
        2,
        "VM1 offers two one-click actions, each dry-run once"
    );

    handle.update(ShowProps {
        view: Rc::new(view(Language::Spanish, article.topology.clone())),
    });
    settle().await;
    assert!(text_of(&root, ".selection").contains("Convertir NatPublicIP en EIP"));
    assert_eq!(
        dry_runs_made() - before,
        2,
        "the same network is not dry-run again"
    );

    let another = Rc::new(Topology::clone(&article.topology));
    handle.update(ShowProps {
        view: Rc::new(view(Language::English, another)),
    });
    settle().await;
    assert_eq!(dry_runs_made() - before, 4, "a new network is dry-run anew");
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn the_oss_endpoint_is_not_read_as_a_zone_called_oss() {
    let article = Article::new();
    let oss: ElementId = "ap-south-1/oss".parse().expect("the diagram's OSS id");
    let context = Context::from_selection(&article.topology, Some(&oss));
    assert_eq!(context.zone, None, "no zone called \"oss\"");
    assert_eq!(context.region.as_deref(), Some("ap-south-1"));

    let topology = article.topology.clone();
    let selected = oss.clone();
    let (root, handle) = show(move || {
        html! {
            <Properties language={Language::English} topology={topology.clone()} selected={selected.clone()}
                onform={Callback::noop()} onapply={Callback::noop()} onconfirm={Callback::noop()} />
        }
    })
    .await;
    assert!(
        find_all(&root, "[data-action=CreateVSwitch]").is_empty(),
        "OSS offers no VSwitch"
    );
    assert_eq!(text_of(&root, ".selection h3"), "OSS ap-south-1");
    assert_eq!(text_of(&root, "[data-prop=RegionId]"), "ap-south-1");
    assert!(find_all(&root, "[data-prop=ZoneId]").is_empty());
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn a_long_delete_plan_lists_its_first_calls_how_many_it_skips_and_the_last() {
    clear_storage();
    let network = example::large_network(60);
    storage::write(storage::TOPOLOGY_KEY, &document::to_json(&network)).expect("storage works");
    let vpc = network.vpcs().keys().next().expect("a VPC").clone();
    let plan = model::editing::delete_with_contents(&network, &vpc);
    assert!(
        plan.len() > 60,
        "the plan deletes every instance: {}",
        plan.len()
    );
    let (root, handle) = show_app().await;
    click_shape(&root, &format!("[data-id='{vpc}']"));
    settle().await;
    click(&root, "[data-testid=properties] [data-testid=delete]");
    settle().await;
    let listed = find_all(&root, "[data-testid=confirm] li");
    assert_eq!(listed.len(), 51, "the first 50 calls and the last");
    assert_eq!(
        text_of(&root, "[data-testid=plan-skipped]"),
        format!("… {} more calls …", plan.len() - 51)
    );
    let last = listed
        .last()
        .and_then(|li| li.text_content())
        .unwrap_or_default();
    assert_eq!(last, format!("DeleteVpc VpcId={vpc}"));
    assert!(text_of(&root, "[data-testid=confirm]").contains(&format!("{} API calls", plan.len())));
    click(&root, "[data-testid=confirm-delete]");
    settle().await;
    assert!(
        find_all(&root, "[data-kind=vpc]").is_empty(),
        "every call ran"
    );
    unmount(root, handle);
    clear_storage();
}

#[wasm_bindgen_test]
fn the_internal_access_policy_form_opens_from_a_member_and_isolates_its_group() {
    let article = Article::new();
    let vm1 = article.instance("VM1").clone();
    let group = vm1.security_group_ids[0].clone();
    let selected = ElementId::resource(&vm1.id);
    let context = Context::from_selection(&article.topology, Some(&selected));
    let form = form_for(
        ActionKind::ModifySecurityGroupPolicy,
        &article.topology,
        &context,
    )
    .expect("a ModifySecurityGroupPolicy form");
    assert_eq!(form.value("SecurityGroupId"), group);
    assert_eq!(
        form.value("InnerAccessPolicy"),
        "Drop",
        "offers the other policy"
    );

    let state = reduce(
        article_state(),
        [Action::OpenForm(form), Action::SubmitForm],
    );
    assert!(state.form.is_none(), "the model accepted the form");
    let network = state.history.present();
    assert_eq!(
        network
            .security_group(&group)
            .map(|g| g.inner_access_policy),
        Some(model::InnerAccessPolicy::Drop)
    );
}
