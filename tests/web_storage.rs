//! Browser tests of what vpclab keeps in localStorage: faults that could lose a user's
//! network, produced for real in headless Chromium (a full quota, a read that throws, two
//! copies of the app sharing one storage), through the whole `App`.
//!
//! Tests share one origin and run one after another, so each clears the keys it wrote.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a missing element"
)]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::js_sys;
use web_sys::{Element, HtmlElement};

use vpclab::app::{storage, App};
use vpclab::model::{document, example, RuleSet};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------------------

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

/// Mounts the whole app into a fresh element and waits for it to render.
async fn show_app() -> (Element, yew::AppHandle<App>) {
    let root = mount_point();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    (root, handle)
}

/// Unmounts an app and removes its element, so it cannot react to later tests.
fn unmount(root: Element, handle: yew::AppHandle<App>) {
    handle.destroy();
    root.remove();
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("{selector} is rendered"))
}

fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

fn text_of(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn click(root: &Element, selector: &str) {
    find(root, selector)
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
}

/// Clicks an element that is not an HTML element (an SVG group), the way a mouse would.
fn click_shape(root: &Element, selector: &str) {
    let event = web_sys::MouseEvent::new("click").expect("a click event");
    find(root, selector)
        .dispatch_event(&event)
        .expect("dispatched");
}

/// The save indicator's text.
fn save_status(root: &Element) -> String {
    text_of(root, "[data-testid=save-status]").trim().to_owned()
}

/// Every notice's text, joined.
fn notices(root: &Element) -> String {
    find_all(root, "[data-testid=notice]")
        .iter()
        .map(|notice| notice.text_content().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" | ")
}

const KEYS: [&str; 3] = [
    storage::TOPOLOGY_KEY,
    storage::PREFERENCES_KEY,
    storage::RESCUE_KEY,
];

fn clear_storage() {
    for key in KEYS {
        storage::remove(key);
    }
}

fn stored(key: &str) -> Option<String> {
    storage::read(key).expect("storage works")
}

/// Deletes VM2 through the UI: select it on the diagram, then Delete in its properties.
async fn delete_vm2(root: &Element) {
    let vm2 = example::article_network()
        .instances()
        .values()
        .find(|instance| instance.name == "VM2")
        .expect("the article has VM2")
        .id
        .clone();
    click_shape(root, &format!("[data-kind=instance][data-id='{vm2}']"));
    settle().await;
    click(root, "[data-testid=properties] [data-testid=delete]");
    settle().await;
}

/// Fills localStorage with filler entries until the browser refuses more, and returns
/// their keys (the caller removes them). What is left is less than 64 KiB.
fn fill_storage_until_full() -> Vec<String> {
    let mut keys = Vec::new();
    for size in [1 << 20, 1 << 16] {
        let chunk = "f".repeat(size);
        loop {
            let key = format!("vpclab-test:filler:{}", keys.len());
            if storage::write(&key, &chunk).is_err() {
                break;
            }
            keys.push(key);
        }
    }
    keys
}

/// Makes `Storage.getItem(key)` throw, as a browser that refuses a read does; returns the
/// function that puts `getItem` back.
fn refuse_reads_of(key: &str) -> js_sys::Function {
    let install = js_sys::Function::new_with_args(
        "key",
        "const original = Storage.prototype.getItem;
         Storage.prototype.getItem = function (k) {
           if (k === key) { throw new DOMException('The operation is insecure.', 'SecurityError'); }
           return original.call(this, k);
         };
         return () => { Storage.prototype.getItem = original; };",
    );
    install
        .call1(&wasm_bindgen::JsValue::NULL, &key.into())
        .expect("getItem patched")
        .dyn_into()
        .expect("a function that restores getItem")
}

// ---------------------------------------------------------------------------------------
// The three ways a user's network used to be lost.
// ---------------------------------------------------------------------------------------

/// Issue 9, data loss 1: 4 MB of unreadable text, with no room left to copy it aside.
#[wasm_bindgen_test]
async fn a_network_that_can_be_neither_read_nor_set_aside_is_never_overwritten() {
    clear_storage();
    let raw = format!("{{\"vpclab\":\"topology\",{}", "x".repeat(4 << 20));
    storage::write(storage::TOPOLOGY_KEY, &raw).expect("4 MB fit in an empty storage");
    let fillers = fill_storage_until_full();
    let (root, handle) = show_app().await;
    let told = notices(&root);

    // A real change: switch the rule set.
    click(&root, "[data-rules=current]");
    settle().await;
    let still = stored(storage::TOPOLOGY_KEY);
    let status = save_status(&root);
    unmount(root, handle);
    for key in &fillers {
        storage::remove(key);
    }
    clear_storage();

    assert!(
        told.contains("could not be set aside"),
        "the notice says the data could not be kept: {told}"
    );
    assert!(
        still.as_deref() == Some(raw.as_str()),
        "the unreadable network is still stored, untouched"
    );
    assert_ne!(status, "Saved", "the header does not claim the change was saved");
}

/// Issue 9, data loss 2: the browser throws when the network is read, but writes work.
#[wasm_bindgen_test]
async fn a_network_the_browser_refuses_to_read_is_never_overwritten() {
    clear_storage();
    let saved = document::to_json(&example::large_network(5));
    storage::write(storage::TOPOLOGY_KEY, &saved).expect("storage works");
    let restore_reads = refuse_reads_of(storage::TOPOLOGY_KEY);
    let (root, handle) = show_app().await;
    let told = notices(&root);

    click(&root, "[data-rules=current]");
    settle().await;
    let status = save_status(&root);
    restore_reads
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("getItem restored");
    let still = stored(storage::TOPOLOGY_KEY);
    unmount(root, handle);
    clear_storage();

    assert!(told.contains("SecurityError"), "the notice says why: {told}");
    assert_eq!(
        still.as_deref(),
        Some(saved.as_str()),
        "the unread network is still stored"
    );
    assert_ne!(status, "Saved", "the header does not claim the change was saved");
}

/// Issue 9, data loss 3, when the `storage` event never arrives (two copies of the app in
/// one page never get it): the tab opened earlier must not save over the newer network.
#[wasm_bindgen_test]
async fn a_tab_whose_base_is_stale_never_saves_over_a_newer_network() {
    clear_storage();
    storage::write(
        storage::TOPOLOGY_KEY,
        &document::to_json(&example::article_network()),
    )
    .expect("storage works");
    let (older, older_handle) = show_app().await;
    let (newer, newer_handle) = show_app().await;

    delete_vm2(&newer).await;
    assert_eq!(save_status(&newer), "Saved");
    let newer_saved = stored(storage::TOPOLOGY_KEY).expect("the newer tab saved");
    let restored = document::restore(&newer_saved).expect("a readable network");
    assert_eq!(restored.instances().len(), 2);

    click(&older, "[data-rules=current]");
    settle().await;
    let still = stored(storage::TOPOLOGY_KEY);
    let status = save_status(&older);
    let told = notices(&older);
    unmount(older, older_handle);
    unmount(newer, newer_handle);
    clear_storage();

    assert_eq!(
        still.as_deref(),
        Some(newer_saved.as_str()),
        "the newer network is still stored"
    );
    let kept = document::restore(&newer_saved).expect("a readable network");
    assert_eq!(kept.rules(), RuleSet::Y2020);
    assert_ne!(status, "Saved", "the older tab does not claim it saved");
    assert!(
        told.contains("changed in another tab"),
        "the older tab says why: {told}"
    );
}

