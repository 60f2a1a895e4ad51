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

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::js_sys;
use web_sys::Element;
use yew::Reducible;

use vpclab::app::components::storage_notices::message;
use vpclab::app::i18n::Language;
use vpclab::app::saving::{Base, SaveFailure, StorageAction, DOCUMENT_LIMIT};
use vpclab::app::state::{Action, AppState};
use vpclab::app::{crash, persistence, storage, App};
use vpclab::model::{document, example, RuleSet};

wasm_bindgen_test_configure!(run_in_browser);

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;
use browser::{
    blob_text, clear_storage, click, click_shape, find, find_all, settle, show_app, store_network,
    stored, text_of, unmount, Downloads,
};

// ---------------------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------------------

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
    assert_ne!(
        status, "Saved",
        "the header does not claim the change was saved"
    );
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

    assert!(
        told.contains("SecurityError"),
        "the notice says why: {told}"
    );
    assert_eq!(
        still.as_deref(),
        Some(saved.as_str()),
        "the unread network is still stored"
    );
    assert_ne!(
        status, "Saved",
        "the header does not claim the change was saved"
    );
}

/// Issue 9, data loss 3, when the `storage` event never arrives (two copies of the app in
/// one page never get it): the tab opened earlier must not save over the newer network.
#[wasm_bindgen_test]
async fn a_tab_whose_base_is_stale_never_saves_over_a_newer_network() {
    clear_storage();
    store_network(&example::article_network());
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

// ---------------------------------------------------------------------------------------
// What the user can do about it: download, replace, reload, keep mine, recovered data.
// ---------------------------------------------------------------------------------------

/// Writes `raw` as the saved network, 4 MB or more, then fills what is left of the quota:
/// the app can neither read it nor copy it aside. Returns the filler keys.
fn unreadable_and_no_room(raw: &str) -> Vec<String> {
    clear_storage();
    storage::write(storage::TOPOLOGY_KEY, raw).expect("it fits in an empty storage");
    fill_storage_until_full()
}

fn remove_all(keys: &[String]) {
    for key in keys {
        storage::remove(key);
    }
}

#[wasm_bindgen_test]
async fn replacing_a_guarded_network_downloads_it_first_then_saves() {
    let raw = format!("{{\"vpclab\":\"topology\",{}", "x".repeat(4 << 20));
    let fillers = unreadable_and_no_room(&raw);
    let downloads = Downloads::capture();
    let (root, handle) = show_app().await;
    let notice = find(&root, "[data-testid=notice][data-kind=guarded]");
    assert!(
        notice.query_selector("button.dismiss").unwrap().is_none(),
        "a notice holding a choice cannot be dismissed"
    );
    assert!(
        notices(&root).contains("4.0 MB"),
        "the notice says how large it is: {}",
        notices(&root)
    );
    click(&root, "[data-rules=current]");
    settle().await;
    assert_eq!(save_status(&root), "Not saved");

    click(&root, "[data-testid=download-stored]");
    click(&root, "[data-testid=replace-stored]");
    settle().await;
    let names = downloads.names();
    let offered = downloads.text(1).await;
    let now = stored(storage::TOPOLOGY_KEY).expect("a network is stored");
    let status = save_status(&root);
    let left = find_all(&root, "[data-testid=notice]").len();
    unmount(root, handle);
    remove_all(&fillers);
    clear_storage();

    assert_eq!(
        names,
        ["vpclab-saved-network.txt", "vpclab-saved-network.txt"]
    );
    assert!(offered == raw, "the replaced data was offered first, whole");
    let replaced = document::restore(&now).expect("the shown network was saved");
    assert_eq!(replaced.rules(), RuleSet::Current);
    assert_eq!(status, "Saved");
    assert_eq!(left, 0, "the choice is made: the notice is gone");
}

#[wasm_bindgen_test]
async fn after_a_refused_read_try_again_opens_the_saved_network_and_replace_overwrites_it() {
    clear_storage();
    let saved = document::to_json(&example::large_network(5));
    storage::write(storage::TOPOLOGY_KEY, &saved).expect("storage works");
    let restore_reads = refuse_reads_of(storage::TOPOLOGY_KEY);
    let (root, handle) = show_app().await;
    find(&root, "[data-testid=notice][data-kind=read-refused]");
    // Still refused: trying again changes nothing.
    click(&root, "[data-testid=reload]");
    settle().await;
    assert_eq!(find_all(&root, "[data-kind=instance]").len(), 3);
    restore_reads
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("getItem restored");

    click(&root, "[data-testid=reload]");
    settle().await;
    let opened = find_all(&root, "[data-kind=instance]").len();
    let told = notices(&root);
    let still = stored(storage::TOPOLOGY_KEY);
    unmount(root, handle);

    assert_eq!(opened, 5, "the saved network is shown");
    assert!(told.is_empty(), "nothing left to tell: {told}");
    assert_eq!(still.as_deref(), Some(saved.as_str()));

    // Replacing without being able to read it: the user was told it is lost.
    let restore_reads = refuse_reads_of(storage::TOPOLOGY_KEY);
    let (root, handle) = show_app().await;
    click(&root, "[data-testid=replace-stored]");
    settle().await;
    let status = save_status(&root);
    restore_reads
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("getItem restored");
    let now = stored(storage::TOPOLOGY_KEY).expect("a network is stored");
    unmount(root, handle);
    clear_storage();
    assert_eq!(status, "Saved");
    assert_eq!(
        document::restore(&now).expect("readable").instances().len(),
        3,
        "the example shown replaced it"
    );
}

/// Two copies of the app on one storage, the older one stale after the newer one saved.
async fn stale_and_newer() -> (
    (Element, yew::AppHandle<App>),
    (Element, yew::AppHandle<App>),
    String,
) {
    clear_storage();
    store_network(&example::article_network());
    let older = show_app().await;
    let newer = show_app().await;
    delete_vm2(&newer.0).await;
    let newer_saved = stored(storage::TOPOLOGY_KEY).expect("the newer tab saved");
    click(&older.0, "[data-rules=current]");
    settle().await;
    (older, newer, newer_saved)
}

#[wasm_bindgen_test]
async fn keep_mine_downloads_the_other_tabs_network_then_saves_this_one() {
    let downloads = Downloads::capture();
    let ((older, older_handle), (newer, newer_handle), newer_saved) = stale_and_newer().await;
    find(&older, "[data-testid=notice][data-kind=changed-elsewhere]");
    click(&older, "[data-testid=keep-mine]");
    settle().await;
    let names = downloads.names();
    let offered = downloads.text(0).await;
    let now = stored(storage::TOPOLOGY_KEY).expect("a network is stored");
    let status = save_status(&older);
    let left = notices(&older);
    unmount(older, older_handle);
    unmount(newer, newer_handle);
    clear_storage();

    assert_eq!(names, ["vpclab-network-from-another-tab.json"]);
    assert_eq!(
        offered, newer_saved,
        "the other tab's network was offered first"
    );
    let kept = document::restore(&now).expect("readable");
    assert_eq!(
        kept.rules(),
        RuleSet::Current,
        "this tab's network is saved"
    );
    assert_eq!(kept.instances().len(), 3);
    assert_eq!(status, "Saved");
    assert!(left.is_empty(), "nothing left to tell: {left}");
}

#[wasm_bindgen_test]
async fn reload_shows_the_other_tabs_network_keeps_mine_one_undo_away_and_saves_again() {
    let ((older, older_handle), (newer, newer_handle), newer_saved) = stale_and_newer().await;
    click(&older, "[data-testid=reload]");
    settle().await;
    let shown = find_all(&older, "[data-kind=instance]").len();
    let untouched = stored(storage::TOPOLOGY_KEY);
    click(&older, "[data-testid=undo]");
    settle().await;
    let undone = find_all(&older, "[data-kind=instance]").len();
    let saved_after_undo = stored(storage::TOPOLOGY_KEY).expect("stored");
    let left = notices(&older);
    unmount(older, older_handle);
    unmount(newer, newer_handle);
    clear_storage();

    assert_eq!(shown, 2, "the other tab's network (VM2 deleted) is shown");
    assert_eq!(untouched.as_deref(), Some(newer_saved.as_str()));
    assert_eq!(undone, 3, "undo brings this tab's own network back");
    assert_eq!(
        document::restore(&saved_after_undo)
            .expect("readable")
            .rules(),
        RuleSet::Current,
        "an explicit undo after reloading is this tab's change, and is saved"
    );
    assert!(left.is_empty(), "nothing left to tell: {left}");
}

#[wasm_bindgen_test]
async fn another_tabs_save_is_announced_by_the_storage_event_before_any_edit() {
    clear_storage();
    let (root, handle) = show_app().await;
    assert!(find_all(&root, "[data-testid=notice]").is_empty());
    // Another tab saves: the browser writes, then tells this tab.
    let theirs = document::to_json(&example::large_network(4));
    storage::write(storage::TOPOLOGY_KEY, &theirs).expect("storage works");
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(storage::TOPOLOGY_KEY));
    init.set_new_value(Some(&theirs));
    let event =
        web_sys::StorageEvent::new_with_event_init_dict("storage", &init).expect("an event");
    web_sys::window()
        .expect("a window")
        .dispatch_event(&event)
        .expect("dispatched");
    settle().await;
    let told = find_all(&root, "[data-testid=notice][data-kind=changed-elsewhere]").len();
    click(&root, "[data-rules=current]");
    settle().await;
    let still = stored(storage::TOPOLOGY_KEY);
    unmount(root, handle);
    clear_storage();
    assert_eq!(told, 1);
    assert_eq!(still.as_deref(), Some(theirs.as_str()));
}

#[wasm_bindgen_test]
async fn recovered_data_stays_reachable_after_a_reload_to_download_and_delete() {
    clear_storage();
    let raw = r#"{"vpclab":"topology","version":1,"#;
    storage::write(storage::TOPOLOGY_KEY, raw).expect("storage works");
    let (first, handle) = show_app().await;
    click(&first, "[data-rules=current]");
    settle().await;
    unmount(first, handle);

    // The next visit opens the saved network without a notice, but the copy is listed.
    let downloads = Downloads::capture();
    let (root, handle) = show_app().await;
    assert!(find_all(&root, "[data-testid=notice]").is_empty());
    let entry = text_of(&root, "[data-testid=recovered]");
    assert!(entry.contains("Recovered data (1)"), "entry: {entry}");
    click(&root, "[data-testid=download-recovered]");
    settle().await;
    assert_eq!(downloads.names(), ["vpclab-recovered.txt"]);
    assert_eq!(downloads.text(0).await, raw);

    click(&root, "[data-testid=delete-recovered]");
    settle().await;
    assert_eq!(
        stored(storage::RESCUE_KEY).as_deref(),
        Some(raw),
        "asked first"
    );
    click(&root, "[data-testid=delete-recovered-confirm]");
    settle().await;
    let gone = stored(storage::RESCUE_KEY);
    let listed = find_all(&root, "[data-testid=recovered]").len();
    unmount(root, handle);
    clear_storage();
    assert_eq!(gone, None);
    assert_eq!(listed, 0);
}

#[wasm_bindgen_test]
async fn when_the_quota_is_full_the_notice_offers_the_network_as_a_download_in_spanish() {
    clear_storage();
    storage::write(storage::PREFERENCES_KEY, r#"{"language":"es"}"#).expect("storage works");
    let mut fillers = fill_storage_until_full();
    // Fill what the coarse filler left, down to a few characters.
    for size in [1 << 12, 1 << 8, 1 << 4, 1] {
        let chunk = "f".repeat(size);
        loop {
            let key = format!("vpclab-test:filler:{}", fillers.len());
            if storage::write(&key, &chunk).is_err() {
                break;
            }
            fillers.push(key);
        }
    }
    let downloads = Downloads::capture();
    let (root, handle) = show_app().await;
    click(&root, "[data-rules=current]");
    settle().await;
    let status = save_status(&root);
    let told = text_of(&root, "[data-testid=notice][data-kind=not-saved]");
    click(&root, "[data-testid=download-mine]");
    settle().await;
    let names = downloads.names();
    let offered = downloads.text(0).await;
    unmount(root, handle);
    remove_all(&fillers);
    clear_storage();

    assert_eq!(status, "Sin guardar");
    assert!(
        told.contains("Tus cambios no se están guardando") && told.contains("QuotaExceededError"),
        "notice: {told}"
    );
    assert!(told.contains("Descargar mi red"), "notice: {told}");
    assert_eq!(names, ["vpclab-network.json"]);
    let network = document::restore(&offered).expect("the download is a network");
    assert_eq!(
        network.rules(),
        RuleSet::Current,
        "it is the network shown, with the change"
    );
}

// ---------------------------------------------------------------------------------------
// Size limits.
// ---------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_stored_network_over_the_size_limit_is_not_opened_but_set_aside() {
    clear_storage();
    // A valid document padded with whitespace past the limit: refused for its size alone.
    let raw = format!(
        "{}{}",
        document::to_json(&example::large_network(4)),
        " ".repeat(DOCUMENT_LIMIT)
    );
    storage::write(storage::TOPOLOGY_KEY, &raw).expect("storage works");
    let (root, handle) = show_app().await;
    let told = notices(&root);
    let instances = find_all(&root, "[data-kind=instance]").len();
    let kept = stored(storage::RESCUE_KEY);
    unmount(root, handle);
    clear_storage();
    assert!(
        told.contains("too large to open (2.0 MB; vpclab opens up to 2 MB)"),
        "notice: {told}"
    );
    assert_eq!(instances, 3, "the example is shown instead");
    assert!(
        kept.as_deref() == Some(raw.as_str()),
        "the entry is set aside whole"
    );
}

#[wasm_bindgen_test]
fn a_network_over_the_size_limit_is_not_saved_and_nothing_is_written() {
    clear_storage();
    let document = "x".repeat(DOCUMENT_LIMIT + 1);
    let outcome = persistence::save_network(Base::default(), &document);
    assert_eq!(
        outcome,
        StorageAction::NotSaved(SaveFailure::TooLarge {
            bytes: DOCUMENT_LIMIT + 1
        })
    );
    assert_eq!(stored(storage::TOPOLOGY_KEY), None);
    let state = Rc::new(AppState::new(example::article_network())).reduce(Action::Storage(outcome));
    assert_eq!(state.storage.notices.len(), 1);
    let english = message(&state.storage.notices[0], Language::English);
    let spanish = message(&state.storage.notices[0], Language::Spanish);
    assert!(
        english
            .contains("your network has grown past the 2 MB that vpclab keeps in the browser (2.0 MB as a document)"),
        "{english}"
    );
    assert!(
        spanish.contains(
            "tu red superó los 2 MB que vpclab guarda en el navegador (2,0 MB como documento)"
        ),
        "{spanish}"
    );
}

// ---------------------------------------------------------------------------------------
// The crash screen.
// ---------------------------------------------------------------------------------------

/// The crash screen, which the hook puts straight into the page's body.
fn crash_screen() -> Element {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector("[data-testid=crash]")
                .ok()
                .flatten()
        })
        .expect("the crash screen is shown")
}

#[wasm_bindgen_test]
async fn the_crash_screen_explains_in_the_ui_language_and_offers_the_last_network() {
    let network = example::large_network(7);
    crash::remember_network(Rc::new(network.clone()));
    crash::remember_language(Language::Spanish);
    crash::show("panicked at src/app/mod.rs:1:1: a test");
    let screen = crash_screen();
    let text = screen.text_content().unwrap_or_default();
    let link = find(&screen, "[data-testid=crash-download]");
    let href = link.get_attribute("href").unwrap_or_default();
    let offered = blob_text(&href).await;
    let file = link.get_attribute("download");
    let role = screen.get_attribute("role");
    screen.remove();
    crash::remember_language(Language::English);

    assert!(text.contains("vpclab dejó de funcionar"), "{text}");
    assert!(text.contains("Descargar mi red"), "{text}");
    assert!(
        text.contains("a test"),
        "the technical details are there: {text}"
    );
    assert_eq!(role.as_deref(), Some("alertdialog"));
    assert_eq!(file.as_deref(), Some("vpclab-network.json"));
    assert!(href.starts_with("blob:"), "{href}");
    assert_eq!(
        document::restore(&offered).expect("the download is a network"),
        network,
        "the download is the last network, whole"
    );
}

#[wasm_bindgen_test]
async fn the_app_keeps_its_latest_network_and_language_for_the_crash_screen() {
    clear_storage();
    storage::write(storage::PREFERENCES_KEY, r#"{"language":"es"}"#).expect("storage works");
    let (root, handle) = show_app().await;
    click(&root, "[data-rules=current]");
    settle().await;
    crash::show("a test");
    let screen = crash_screen();
    let text = screen.text_content().unwrap_or_default();
    let href = find(&screen, "[data-testid=crash-download]")
        .get_attribute("href")
        .unwrap_or_default();
    let offered = blob_text(&href).await;
    screen.remove();
    unmount(root, handle);
    clear_storage();
    crash::remember_language(Language::English);

    assert!(text.contains("vpclab dejó de funcionar"), "{text}");
    let network = document::restore(&offered).expect("a network");
    assert_eq!(
        network.rules(),
        RuleSet::Current,
        "the latest change is in it"
    );
}

/// The stored network's rule set, if one is stored.
fn stored_rules() -> Option<RuleSet> {
    stored(storage::TOPOLOGY_KEY)
        .and_then(|text| document::restore(&text).ok())
        .map(|topology| topology.rules())
}

#[wasm_bindgen_test]
async fn a_change_is_saved_once_its_frame_is_painted_or_at_once_when_the_page_is_left() {
    clear_storage();
    store_network(&example::article_network());
    let (root, handle) = show_app().await;
    assert_eq!(stored_rules(), Some(RuleSet::Y2020));

    // The change is drawn first; the save waits for the frame that shows it.
    click(&root, "[data-rules=current]");
    yew::scheduler::flush().await;
    assert_eq!(
        stored_rules(),
        Some(RuleSet::Y2020),
        "saved before the change was painted"
    );
    settle().await;
    assert_eq!(stored_rules(), Some(RuleSet::Current));
    assert_eq!(save_status(&root), "Saved");

    // A save still waiting when the page is left is made then.
    click(&root, "[data-rules='2020']");
    yew::scheduler::flush().await;
    assert_eq!(stored_rules(), Some(RuleSet::Current));
    let left = web_sys::Event::new("pagehide").expect("an event");
    web_sys::window()
        .expect("a window")
        .dispatch_event(&left)
        .expect("dispatched");
    assert_eq!(
        stored_rules(),
        Some(RuleSet::Y2020),
        "not saved on pagehide"
    );

    // And one waiting when the app goes away.
    click(&root, "[data-rules=current]");
    yew::scheduler::flush().await;
    unmount(root, handle);
    yew::scheduler::flush().await;
    assert_eq!(
        stored_rules(),
        Some(RuleSet::Current),
        "not saved on unmount"
    );
    clear_storage();
}
