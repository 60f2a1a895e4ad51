//! Browser unit tests: Yew components mounted in headless Chromium (wasm-bindgen-test).
//!
//! Each test mounts into its own fresh element, waits for Yew's scheduler instead of
//! sleeping, and asserts on the DOM and on what the components dispatched.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a missing element"
)]

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use vpclab::app::components::header::Header;
use vpclab::app::i18n::Language;
use vpclab::app::state::SaveStatus;
use vpclab::app::{storage, App};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the document for one test to mount into.
fn mount_point() -> Element {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .expect("a document");
    let element = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("appended");
    element
}

/// Lets Yew run every pending render and effect.
async fn settle() {
    yew::scheduler::flush().await;
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
}

fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("{selector} is rendered"))
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
}

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
