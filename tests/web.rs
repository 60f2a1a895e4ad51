//! Browser unit tests: Yew components mounted in headless Chromium (wasm-bindgen-test).
//!
//! Each test mounts into its own fresh element, waits for Yew's scheduler instead of
//! sleeping, and asserts on the DOM and on what the components dispatched. The reducer's
//! tests are in `web_reducer.rs`, the persistence failure paths through the whole `App` in
//! `web_persistence.rs`; the helpers they share are in `browser/`.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a missing element"
)]

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;
use browser::{
    attribute, click, click_shape, find, find_all, is_disabled, mount_point, recorder, settle,
    show, text_of, type_into, unmount, Article,
};
use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

use vpclab::app::components::diagram_view::DiagramView;
use vpclab::app::components::form_dialog::FormDialog;
use vpclab::app::components::header::Header;
use vpclab::app::components::packet::Packet;
use vpclab::app::components::properties::Properties;
use vpclab::app::components::toolbar::Toolbar;
use vpclab::app::i18n::Language;
use vpclab::app::state::SaveStatus;
use vpclab::app::{storage, App};
use vpclab::layout::{self, Diagram, LayoutOptions};
use vpclab::model::{self, ActionKind, Command, ElementId, RuleSet};

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
async fn a_crowded_vswitchs_more_node_says_its_count_whole_when_its_words_do_not_fit() {
    let network = Rc::new(model::example::large_network(5_000));
    let diagram = Rc::new(layout::diagram(&network, &LayoutOptions::default()));
    let mut seen = Vec::new();
    for scale in [1.0, 0.6, 0.4] {
        let drawn = diagram.clone();
        let (root, handle) = show(move || {
            html! { <svg><DiagramView diagram={drawn.clone()} lod_scale={scale} onselect={Callback::noop()} /></svg> }
        })
        .await;
        let more = find(&root, "[data-kind=more]");
        let title = more
            .query_selector("tspan.title")
            .unwrap()
            .map(|tspan| tspan.text_content().unwrap_or_default());
        assert!(
            attribute(&more, "aria-label").contains("more"),
            "the accessible name keeps the words"
        );
        if let Some(title) = &title {
            assert!(
                title.starts_with('+') && !title.contains('…'),
                "{scale}: {title}"
            );
        }
        seen.push(title);
        unmount(root, handle);
    }
    assert!(
        seen.iter().flatten().any(|title| !title.contains("more")),
        "no scale where the count alone was drawn: {seen:?}"
    );
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
