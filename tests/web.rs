//! Browser unit tests: Yew components mounted in headless Chromium (wasm-bindgen-test).
//!
//! Each test mounts into its own fresh element, waits for Yew's scheduler instead of
//! sleeping, and asserts on the DOM and on what the components dispatched. The reducer is
//! tested here too (it lives in the browser-only `app` module), and so are the persistence
//! failure paths, through the whole `App` and real localStorage. Tests share one origin, so
//! every test that writes storage removes its keys again.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a missing element"
)]

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;
use browser::{
    clear_storage, click, click_shape, find, find_all, mount_point, settle, show_app, stored,
    text_of, unmount,
};
use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;
use yew::prelude::*;

use vpclab::app::components::api_log::{ApiLogView, SHOWN_CALLS};
use vpclab::app::components::diagram_view::DiagramView;
use vpclab::app::components::form_dialog::FormDialog;
use vpclab::app::components::header::Header;
use vpclab::app::components::packet::Packet;
use vpclab::app::components::properties::{dry_runs_made, Properties};
use vpclab::app::components::toolbar::Toolbar;
use vpclab::app::forms::{form_for, Context, Form};
use vpclab::app::i18n::Language;
use vpclab::app::saving::{SaveFailure, StorageAction};
use vpclab::app::state::{Action, AppState, SaveStatus, LOG_LIMIT};
use vpclab::app::{storage, App};
use vpclab::layout::{self, Diagram, LayoutOptions};
use vpclab::model::{
    self, document, example, ActionKind, Command, ElementId, Instance, RuleSet, Topology,
};

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Properties, PartialEq)]
struct Harness {
    picked: Rc<RefCell<Vec<Language>>>,
}

#[component]
fn HeaderHarness(props: &Harness) -> Html {
    let picked = props.picked.clone();
    let onlanguage = Callback::from(move |language| picked.borrow_mut().push(language));
    html! { <Header language={Language::English} save_status={SaveStatus::Saved} {onlanguage} /> }
}

#[wasm_bindgen_test]
async fn header_marks_the_current_language_and_reports_the_one_clicked() {
    let root = mount_point();
    let picked = Rc::new(RefCell::new(Vec::new()));
    yew::Renderer::<HeaderHarness>::with_root_and_props(
        root.clone(),
        Harness {
            picked: picked.clone(),
        },
    )
    .render();
    settle().await;

    let english = root
        .query_selector("[data-lang=en]")
        .unwrap()
        .expect("an English button");
    assert_eq!(
        english.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(
        root.query_selector("[data-testid=save-status]")
            .unwrap()
            .expect("a save indicator")
            .text_content()
            .as_deref()
            .map(str::trim),
        Some("Saved")
    );
    click(&root, "[data-lang=es]");
    settle().await;
    assert_eq!(*picked.borrow(), vec![Language::Spanish]);
}

#[wasm_bindgen_test]
async fn app_switches_to_spanish_and_saves_the_choice() {
    storage::remove(storage::PREFERENCES_KEY);
    let root = mount_point();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    assert!(root.query_selector("svg.diagram").unwrap().is_some());

    click(&root, "[data-lang=es]");
    settle().await;
    let tagline = root
        .query_selector(".tagline")
        .unwrap()
        .expect("a tagline")
        .text_content()
        .unwrap_or_default();
    assert_eq!(tagline, "Laboratorio de VPC de Alibaba Cloud");
    let saved = storage::read(storage::PREFERENCES_KEY)
        .expect("storage works")
        .expect("preferences saved");
    assert!(saved.contains("\"es\""), "saved preferences: {saved}");
    storage::remove(storage::PREFERENCES_KEY);
}

#[wasm_bindgen_test]
async fn unreadable_preferences_show_a_notice_and_keep_defaults() {
    storage::write(storage::PREFERENCES_KEY, "{not json").expect("storage works");
    let root = mount_point();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    let notice = root
        .query_selector("[data-testid=notice]")
        .unwrap()
        .expect("a notice")
        .text_content()
        .unwrap_or_default();
    assert!(notice.contains("could not be read"), "notice: {notice}");
    storage::remove(storage::PREFERENCES_KEY);
}

// ---------------------------------------------------------------------------------------
// Shared helpers for the component, reducer and persistence tests below.
// ---------------------------------------------------------------------------------------

/// Props of [`Show`]: a closure that renders the component under test with the props and
/// callbacks the test chose, compared by identity so it renders exactly once.
#[derive(Properties)]
struct ShowProps {
    view: Rc<dyn Fn() -> Html>,
}

impl PartialEq for ShowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view)
    }
}

/// Renders whatever the test's closure returns. Going through `html!` (rather than props
/// struct literals) keeps the tests compiling when a component gains an optional prop.
#[component]
fn Show(props: &ShowProps) -> Html {
    (props.view)()
}

/// Mounts `view` into a fresh element and waits for it to render.
async fn show(view: impl Fn() -> Html + 'static) -> (Element, yew::AppHandle<Show>) {
    let root = mount_point();
    let handle = yew::Renderer::<Show>::with_root_and_props(
        root.clone(),
        ShowProps {
            view: Rc::new(view),
        },
    )
    .render();
    settle().await;
    (root, handle)
}

/// A callback that records every value it is called with.
fn recorder<T: 'static>() -> (Rc<RefCell<Vec<T>>>, Callback<T>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let callback = {
        let seen = seen.clone();
        Callback::from(move |value| seen.borrow_mut().push(value))
    };
    (seen, callback)
}

fn attribute(element: &Element, name: &str) -> String {
    element
        .get_attribute(name)
        .unwrap_or_else(|| panic!("the element has {name}"))
}

/// Types `value` into the text input `selector`, firing the `input` event a keystroke fires.
fn type_into(root: &Element, selector: &str, value: &str) {
    let input = find(root, selector)
        .dyn_into::<web_sys::HtmlInputElement>()
        .expect("an input");
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event =
        web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("an input event");
    input.dispatch_event(&event).expect("dispatched");
}

fn is_disabled(element: &Element) -> bool {
    element.has_attribute("disabled")
}

/// The article's network, the ids of its parts looked up by name.
struct Article {
    topology: Rc<Topology>,
}

impl Article {
    fn new() -> Article {
        Article {
            topology: Rc::new(example::article_network()),
        }
    }

    fn instance(&self, name: &str) -> &Instance {
        self.topology
            .instances()
            .values()
            .find(|instance| instance.name == name)
            .unwrap_or_else(|| panic!("the article has {name}"))
    }

    fn vpc_id(&self) -> String {
        self.topology.vpcs().keys().next().expect("a VPC").clone()
    }

    /// The VPC, as the diagram and the selection name it.
    fn vpc(&self) -> ElementId {
        ElementId::resource(self.vpc_id())
    }

    fn vswitch_id(&self, name: &str) -> String {
        self.topology
            .vswitches()
            .values()
            .find(|vswitch| vswitch.name == name)
            .unwrap_or_else(|| panic!("the article has {name}"))
            .id
            .clone()
    }

    fn eip_id(&self) -> String {
        self.topology.eips().keys().next().expect("an EIP").clone()
    }

    /// A CreateVSwitch form opened on the VPC, with a CIDR block that overlaps vsw-zone1.
    fn overlapping_vswitch_form(&self) -> Form {
        let mut form = self.suggested_vswitch_form();
        form.set("CidrBlock", "192.168.1.128/25".into());
        form
    }

    /// The CreateVSwitch form as the app pre-fills it for the VPC.
    fn suggested_vswitch_form(&self) -> Form {
        let vpc = self.vpc();
        let context = Context::from_selection(&self.topology, Some(&vpc));
        form_for(ActionKind::CreateVSwitch, &self.topology, &context).expect("a CreateVSwitch form")
    }
}

// ---------------------------------------------------------------------------------------
// Components render the state they are given and dispatch the right actions.
// ---------------------------------------------------------------------------------------

fn article_diagram(article: &Article) -> Rc<Diagram> {
    Rc::new(layout::diagram(
        &article.topology,
        &LayoutOptions::default(),
    ))
}

#[wasm_bindgen_test]
async fn diagram_view_draws_every_element_of_the_article_with_its_name_and_address() {
    let article = Article::new();
    let diagram = article_diagram(&article);
    let (onselect_seen, onselect) = recorder::<ElementId>();
    let (root, handle) = show(move || {
        html! { <svg><DiagramView diagram={diagram.clone()} lod_scale={1.0} onselect={onselect.clone()} /></svg> }
    })
    .await;

    let count = |kind: &str| find_all(&root, &format!("[data-kind={kind}]")).len();
    assert_eq!(
        [
            count("vpc"),
            count("vswitch"),
            count("instance"),
            count("vrouter")
        ],
        [1, 2, 3, 1],
        "vpc, vswitch, instance and vrouter shapes"
    );

    let vpc = article.topology.vpcs().values().next().expect("a VPC");
    let drawn_vpc = find(&root, "[data-kind=vpc]");
    assert_eq!(attribute(&drawn_vpc, "data-id"), vpc.id);
    let label = attribute(&drawn_vpc, "aria-label");
    assert!(
        label.contains(&vpc.name) && label.contains("192.168.0.0/16"),
        "VPC label: {label}"
    );
    assert_eq!(
        attribute(&find(&root, "[data-kind=vrouter]"), "data-id"),
        vpc.vrouter_id
    );
    for (name, cidr) in [
        ("vsw-zone1", "192.168.1.0/24"),
        ("vsw-zone2", "192.168.2.0/24"),
    ] {
        let id = article.vswitch_id(name);
        let label = attribute(
            &find(&root, &format!("[data-kind=vswitch][data-id='{id}']")),
            "aria-label",
        );
        assert!(
            label.contains(name) && label.contains(cidr),
            "{name} label: {label}"
        );
    }
    for (name, address) in [
        ("VM1", "192.168.1.1"),
        ("VM2", "192.168.1.2"),
        ("VM3", "192.168.2.1"),
    ] {
        let id = &article.instance(name).id;
        let label = attribute(
            &find(&root, &format!("[data-kind=instance][data-id='{id}']")),
            "aria-label",
        );
        assert!(
            label.contains(name) && label.contains(address),
            "{name} label: {label}"
        );
    }
    assert!(
        find_all(&root, "[aria-pressed=true]").is_empty(),
        "nothing is selected"
    );
    assert!(
        !find_all(&root, "text.label").is_empty(),
        "labels are drawn at full size"
    );

    let vm2 = article.instance("VM2").id.clone();
    click_shape(&root, &format!("[data-kind=instance][data-id='{vm2}']"));
    settle().await;
    assert_eq!(*onselect_seen.borrow(), vec![ElementId::resource(vm2)]);
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn diagram_view_marks_the_selected_element_pressed() {
    let article = Article::new();
    let diagram = article_diagram(&article);
    let vm1 = article.instance("VM1").id.clone();
    let selected = ElementId::resource(&vm1);
    let (root, handle) = show(move || {
        html! {
            <svg><DiagramView diagram={diagram.clone()} lod_scale={1.0}
                selected={Some(selected.clone())} onselect={Callback::noop()} /></svg>
        }
    })
    .await;
    let pressed: Vec<String> = find_all(&root, "[aria-pressed=true]")
        .iter()
        .map(|element| attribute(element, "data-id"))
        .collect();
    assert_eq!(pressed, vec![vm1]);
    assert_eq!(
        find_all(&root, "[data-kind=instance][aria-pressed=false]").len(),
        2,
        "the other instances are not pressed"
    );
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn diagram_view_leaves_labels_out_when_zoomed_far_out_but_keeps_the_accessible_names() {
    let article = Article::new();
    let diagram = article_diagram(&article);
    let (root, handle) = show(move || {
        html! { <svg><DiagramView diagram={diagram.clone()} lod_scale={0.05} onselect={Callback::noop()} /></svg> }
    })
    .await;
    assert_eq!(find_all(&root, "[data-kind=instance]").len(), 3);
    assert!(
        find_all(&root, "text.label").is_empty(),
        "no lettering at 5% zoom"
    );
    assert!(
        find_all(&root, "tspan").is_empty(),
        "no lettering at 5% zoom"
    );
    let vm3 = &article.instance("VM3").id;
    let label = attribute(&find(&root, &format!("[data-id='{vm3}']")), "aria-label");
    assert!(label.contains("VM3"), "accessible name stays: {label}");
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn diagram_view_words_sub_labels_and_accessible_names_in_the_ui_language() {
    let article = Article::new();
    let diagram = article_diagram(&article);
    let (root, handle) = show(move || {
        html! { <svg><DiagramView diagram={diagram.clone()} lod_scale={1.0}
        language={Language::Spanish} onselect={Callback::noop()} /></svg> }
    })
    .await;
    let secondary: Vec<String> = find_all(&root, "tspan.secondary")
        .iter()
        .map(|element| element.text_content().unwrap_or_default())
        .collect();
    for expected in ["2 usadas / 250 libres", "3 rutas", "endpoint interno"] {
        assert!(
            secondary.iter().any(|line| line == expected),
            "{expected} in {secondary:?}"
        );
    }
    assert!(
        !secondary
            .iter()
            .any(|line| line.contains("used") || line.contains("routes")),
        "no English sub-label: {secondary:?}"
    );
    let vm1 = &article.instance("VM1").id;
    let label = attribute(&find(&root, &format!("[data-id='{vm1}']")), "aria-label");
    // What is drawn first (label in name), then the kind in the UI's language.
    assert!(label.starts_with("VM1, 192.168.1.1"), "{label}");
    assert!(label.contains("Instancia ECS"), "{label}");
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn toolbar_reports_create_rules_and_undo_clicks_and_counts_vswitches_against_the_quota() {
    let article = Article::new();
    let used = article.topology.vswitches_of(&article.vpc_id()).count();
    let quota = article.topology.rules().quotas().vswitches_per_vpc;
    let (created, oncreate) = recorder::<ActionKind>();
    let (rules_picked, onrules) = recorder::<RuleSet>();
    let (undone, onundo) = recorder::<()>();
    let (redone, onredo) = recorder::<()>();
    let (root, handle) = show(move || {
        html! {
            <Toolbar language={Language::English} rules={RuleSet::Y2020} undo_depth={0} redo_depth={1}
                vswitch_usage={(used, quota)} oncreate={oncreate.clone()} onundo={onundo.clone()}
                onredo={onredo.clone()} onnew={Callback::noop()} onexample={Callback::noop()}
                onrules={onrules.clone()} ontrace={Callback::noop()} />
        }
    })
    .await;

    click(&root, "button.create[data-action=CreateVSwitch]");
    click(&root, "button.create[data-action=RunInstances]");
    settle().await;
    assert_eq!(
        *created.borrow(),
        vec![ActionKind::CreateVSwitch, ActionKind::RunInstances]
    );

    let undo = find(&root, "[data-testid=undo]");
    assert!(is_disabled(&undo), "nothing to undo");
    assert!(!is_disabled(&find(&root, "[data-testid=redo]")));
    click(&root, "[data-testid=undo]");
    click(&root, "[data-testid=redo]");
    settle().await;
    assert!(undone.borrow().is_empty(), "a disabled undo does nothing");
    assert_eq!(redone.borrow().len(), 1);

    assert_eq!(
        attribute(&find(&root, "[data-rules='2020']"), "aria-pressed"),
        "true"
    );
    assert_eq!(
        attribute(&find(&root, "[data-rules=current]"), "aria-pressed"),
        "false"
    );
    click(&root, "[data-rules=current]");
    settle().await;
    assert_eq!(*rules_picked.borrow(), vec![RuleSet::Current]);

    let counter = text_of(&root, "[data-testid=vswitch-quota]");
    assert!(counter.contains("2 / 24"), "quota counter: {counter}");
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn form_dialog_shows_the_models_overlap_error_and_reports_edits_and_submit() {
    let article = Article::new();
    let form = article.overlapping_vswitch_form();
    let topology = article.topology.clone();
    let (edits, onedit) = recorder::<(String, String)>();
    let (submits, onsubmit) = recorder::<()>();
    let (root, handle) = show(move || {
        html! {
            <FormDialog language={Language::English} form={form.clone()} topology={topology.clone()}
                onedit={onedit.clone()} onsubmit={onsubmit.clone()} oncancel={Callback::noop()} />
        }
    })
    .await;

    let rejection = find(
        &root,
        "[data-testid=rejection][data-code='InvalidCidrBlock.Overlapped']",
    );
    let message = rejection.text_content().unwrap_or_default();
    assert!(
        message.contains("192.168.1.128/25") && message.contains("192.168.1.0/24"),
        "the message names both blocks: {message}"
    );
    assert!(find_all(&root, "[data-testid=form-ok]").is_empty());

    type_into(&root, "input[name=CidrBlock]", "192.168.3.0/24");
    settle().await;
    assert_eq!(
        *edits.borrow(),
        vec![("CidrBlock".to_owned(), "192.168.3.0/24".to_owned())]
    );

    click(&root, "[data-testid=form-submit]");
    settle().await;
    assert_eq!(submits.borrow().len(), 1);
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn form_dialog_accepts_the_suggested_vswitch() {
    let article = Article::new();
    let form = article.suggested_vswitch_form();
    let topology = article.topology.clone();
    let (root, handle) = show(move || {
        html! {
            <FormDialog language={Language::English} form={form.clone()} topology={topology.clone()}
                onedit={Callback::noop()} onsubmit={Callback::noop()} oncancel={Callback::noop()} />
        }
    })
    .await;
    find(&root, "[data-testid=form-ok]");
    assert!(find_all(&root, "[data-testid=rejection]").is_empty());
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn properties_of_an_instance_with_a_nat_public_ip_explain_unbinding_and_offer_conversion() {
    let article = Article::new();
    let vm1 = article.instance("VM1").id.clone();
    assert!(article.instance("VM1").nat_public_ip.is_some());
    let topology = article.topology.clone();
    let selected = ElementId::resource(&vm1);
    let (applied, onapply) = recorder::<Vec<Command>>();
    let (root, handle) = show(move || {
        html! {
            <Properties language={Language::English} topology={topology.clone()} selected={selected.clone()}
                onform={Callback::noop()} onapply={onapply.clone()} onconfirm={Callback::noop()} />
        }
    })
    .await;

    let reasons: Vec<String> = find_all(&root, ".disabled-reason")
        .iter()
        .map(|element| element.text_content().unwrap_or_default())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|reason| reason.contains("can't be unbound, only released")),
        "reasons shown: {reasons:?}"
    );

    let convert = find(&root, "button[data-action=ConvertNatPublicIpToEip]");
    assert!(!is_disabled(&convert));
    click(&root, "button[data-action=ConvertNatPublicIpToEip]");
    settle().await;
    assert_eq!(
        *applied.borrow(),
        vec![vec![Command::ConvertNatPublicIpToEip { instance_id: vm1 }]]
    );
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn properties_of_a_bound_eip_disable_release_with_the_models_reason() {
    let article = Article::new();
    let eip = article.eip_id();
    let release = Command::ReleaseEipAddress {
        allocation_id: eip.clone(),
    };
    let expected = model::apply(&article.topology, &release)
        .expect_err("the model refuses to release a bound EIP")
        .to_string();
    let topology = article.topology.clone();
    let (applied, onapply) = recorder::<Vec<Command>>();
    let (root, handle) = show(move || {
        html! {
            <Properties language={Language::English} topology={topology.clone()} selected={ElementId::resource(&eip)}
                onform={Callback::noop()} onapply={onapply.clone()} onconfirm={Callback::noop()} />
        }
    })
    .await;

    let button = find(&root, "button[data-action=ReleaseEipAddress]");
    assert!(is_disabled(&button), "release is disabled while bound");
    assert_eq!(
        text_of(&root, "[data-reason-for=ReleaseEipAddress]"),
        expected
    );
    click(&root, "button[data-action=ReleaseEipAddress]");
    settle().await;
    assert!(
        applied.borrow().is_empty(),
        "a disabled button applies nothing"
    );
    unmount(root, handle);
}

// ---------------------------------------------------------------------------------------
// The reducer.
// ---------------------------------------------------------------------------------------

fn reduce(state: Rc<AppState>, actions: impl IntoIterator<Item = Action>) -> Rc<AppState> {
    actions
        .into_iter()
        .fold(state, |state, action| state.reduce(action))
}

fn article_state() -> Rc<AppState> {
    Rc::new(AppState::new(example::article_network()))
}

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
// Persistence through the whole app. Tests share one origin, so each clears its keys.
// ---------------------------------------------------------------------------------------

/// Checks the app shows the article's example network.
fn assert_shows_the_example(root: &Element) {
    assert_eq!(find_all(root, "[data-kind=instance]").len(), 3);
    let vpc = attribute(&find(root, "[data-kind=vpc]"), "aria-label");
    assert!(vpc.contains("vpc-article"), "VPC shown: {vpc}");
    let counter = text_of(root, "[data-testid=vswitch-quota]");
    assert!(counter.contains("2 / 24"), "quota counter: {counter}");
}

/// Loads `raw` as the saved network and checks the app tells why it can't, shows the
/// example, sets `raw` aside and leaves it in place until the network changes.
async fn unreadable_network_is_reported_and_kept(raw: &str, expected_reason: &str) {
    clear_storage();
    storage::write(storage::TOPOLOGY_KEY, raw).expect("storage works");
    let (root, handle) = show_app().await;

    let notice = text_of(&root, "[data-testid=notice]");
    assert!(
        notice.contains("could not be restored") && notice.contains(expected_reason),
        "notice: {notice}"
    );
    assert!(notice.contains(storage::RESCUE_KEY), "notice: {notice}");
    assert_shows_the_example(&root);
    assert_eq!(stored(storage::RESCUE_KEY).as_deref(), Some(raw));

    // Looking around is not a change: the entry stays as it was.
    let vm2 = find(&root, "[data-kind=instance]");
    click_shape(
        &root,
        &format!("[data-id='{}']", attribute(&vm2, "data-id")),
    );
    settle().await;
    settle().await;
    find(&root, "[data-testid=properties] .selection");
    assert_eq!(stored(storage::TOPOLOGY_KEY).as_deref(), Some(raw));

    // A real change saves the network shown.
    click(&root, "[data-rules=current]");
    settle().await;
    let saved = stored(storage::TOPOLOGY_KEY).expect("the network is saved");
    let restored = document::restore(&saved).expect("the saved network restores");
    assert_eq!(restored.rules(), RuleSet::Current);
    assert_eq!(restored.instances().len(), 3);
    assert_eq!(
        stored(storage::RESCUE_KEY).as_deref(),
        Some(raw),
        "the rescued text outlives the save"
    );
    assert_eq!(text_of(&root, "[data-testid=save-status]").trim(), "Saved");

    unmount(root, handle);
    clear_storage();
}

#[wasm_bindgen_test]
async fn corrupt_saved_network_is_reported_kept_aside_and_not_overwritten_until_a_change() {
    unreadable_network_is_reported_and_kept(r#"{"vpclab":"topology","version":1,"#, "not JSON")
        .await;
}

#[wasm_bindgen_test]
async fn saved_network_from_a_future_version_is_reported_and_kept_aside() {
    unreadable_network_is_reported_and_kept(
        r#"{"vpclab":"topology","version":99,"rules":"current","vpcs":[]}"#,
        "version 99, newer than this vpclab reads",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_first_visit_saves_nothing_until_a_change_and_the_next_visit_restores_it() {
    clear_storage();
    let (root, handle) = show_app().await;
    find(&root, "[data-testid=hint]");
    assert!(find_all(&root, "[data-testid=notice]").is_empty());
    assert_shows_the_example(&root);
    assert_eq!(stored(storage::TOPOLOGY_KEY), None, "nothing changed yet");

    // Delete VM2 through the UI: select it, then press Delete in its properties.
    let article = Article::new();
    let vm2 = article.instance("VM2").id.clone();
    click_shape(&root, &format!("[data-kind=instance][data-id='{vm2}']"));
    settle().await;
    click(&root, "[data-testid=properties] [data-testid=delete]");
    settle().await;
    assert_eq!(find_all(&root, "[data-kind=instance]").len(), 2);
    let saved = stored(storage::TOPOLOGY_KEY).expect("the change is saved");
    let restored = document::restore(&saved).expect("the saved network restores");
    assert!(restored.instance(&vm2).is_none(), "VM2 is deleted");
    assert_eq!(restored.instances().len(), 2);
    unmount(root, handle);

    let (again, handle) = show_app().await;
    assert!(find_all(&again, "[data-testid=notice]").is_empty());
    assert!(find_all(&again, "[data-testid=hint]").is_empty());
    assert_eq!(find_all(&again, "[data-kind=instance]").len(), 2);
    assert!(find_all(&again, &format!("[data-id='{vm2}']")).is_empty());
    unmount(again, handle);
    clear_storage();
}

#[wasm_bindgen_test]
fn a_saved_preference_never_hides_a_network_that_was_not_saved() {
    let full = SaveFailure::Refused(storage::StorageError::WriteRefused {
        key: storage::TOPOLOGY_KEY.into(),
        reason: "the quota is full".into(),
    });
    let state = reduce(
        article_state(),
        [
            Action::Storage(StorageAction::NotSaved(full.clone())),
            Action::Storage(StorageAction::PreferencesSaved(Ok(()))),
        ],
    );
    assert_eq!(state.save_status, SaveStatus::Failed(full));
    let saved = reduce(
        state,
        [Action::Storage(StorageAction::Saved(
            storage::StoredVersion::ABSENT,
        ))],
    );
    assert_eq!(saved.save_status, SaveStatus::Saved);
}

#[wasm_bindgen_test]
fn a_second_rescue_keeps_the_first_one() {
    let second_key = format!("{}:2", storage::RESCUE_KEY);
    clear_storage();
    storage::remove(&second_key);
    assert_eq!(storage::rescue("first").unwrap(), storage::RESCUE_KEY);
    assert_eq!(storage::rescue("first").unwrap(), storage::RESCUE_KEY);
    assert_eq!(storage::rescue("second").unwrap(), second_key);
    assert_eq!(stored(storage::RESCUE_KEY).as_deref(), Some("first"));
    assert_eq!(stored(&second_key).as_deref(), Some("second"));
    clear_storage();
    storage::remove(&second_key);
}

#[wasm_bindgen_test]
async fn a_load_problem_is_explained_in_the_saved_language() {
    clear_storage();
    storage::write(storage::PREFERENCES_KEY, r#"{"language":"es"}"#).expect("storage works");
    storage::write(storage::TOPOLOGY_KEY, "{not json").expect("storage works");
    let (root, handle) = show_app().await;
    let notice = text_of(&root, "[data-testid=notice]");
    assert!(
        notice.contains("No se pudo restaurar la red guardada")
            && notice.contains(storage::RESCUE_KEY),
        "notice: {notice}"
    );
    unmount(root, handle);
    clear_storage();
}

#[wasm_bindgen_test]
async fn the_more_node_opens_a_crowded_vswitch_and_its_panel_closes_it_again() {
    clear_storage();
    storage::write(
        storage::TOPOLOGY_KEY,
        &document::to_json(&example::large_network(60)),
    )
    .expect("storage works");
    let (root, handle) = show_app().await;
    let drawn = |root: &Element| find_all(root, "[data-kind=instance]").len();
    let collapsed = drawn(&root);
    assert!(
        collapsed < 60,
        "{collapsed} instances drawn before expanding"
    );
    let more = attribute(&find(&root, "[data-kind=more]"), "data-id");
    let Ok(ElementId::More(vswitch)) = more.parse::<ElementId>() else {
        panic!("{more} is the id of a \"+N more\" node");
    };
    click_shape(&root, &format!("[data-id='{more}']"));
    settle().await;
    assert!(drawn(&root) > collapsed, "expanding draws more instances");

    click_shape(&root, &format!("[data-id='{vswitch}']"));
    settle().await;
    click(&root, "[data-testid=toggle-expanded]");
    settle().await;
    assert_eq!(drawn(&root), collapsed);
    unmount(root, handle);
    clear_storage();
}

#[wasm_bindgen_test]
fn selecting_oss_survives_an_unrelated_change() {
    let state = reduce(
        article_state(),
        [
            Action::Select(Some(ElementId::Oss("ap-south-1".into()))),
            Action::Apply(vec![Command::AllocateEipAddress {
                region_id: "ap-south-1".into(),
                bandwidth: None,
                name: None,
                description: None,
            }]),
        ],
    );
    assert_eq!(state.selection, Some(ElementId::Oss("ap-south-1".into())));
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

#[component]
fn PacketHarness() -> Html {
    let at = use_state(|| (10.0, 20.0));
    let onclick = {
        let at = at.clone();
        Callback::from(move |_: MouseEvent| at.set((30.5, 40.0)))
    };
    html! {
        <>
            <button class="move" {onclick}>{ "move" }</button>
            <svg><Packet x={at.0} y={at.1} /></svg>
        </>
    }
}

/// The packet's position is a CSS transform set through the CSS object model after each
/// render (the page's policy refuses `style` attributes written in markup).
#[wasm_bindgen_test]
async fn the_packet_moves_to_each_new_position_through_its_css_transform() {
    let root = mount_point();
    yew::Renderer::<PacketHarness>::with_root(root.clone()).render();
    settle().await;
    let transform = || {
        root.query_selector("[data-testid=packet]")
            .unwrap()
            .unwrap()
            .dyn_into::<web_sys::SvgElement>()
            .unwrap()
            .style()
            .get_property_value("transform")
            .unwrap()
    };
    assert_eq!(transform(), "translate(10px, 20px)");
    click(&root, "button.move");
    settle().await;
    assert_eq!(transform(), "translate(30.5px, 40px)");
}
