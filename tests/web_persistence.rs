//! Browser tests of persistence through the whole `App` and real localStorage: an
//! unreadable or future network reported and kept aside, a first visit saving nothing until
//! a change. Tests share one origin, so each clears its keys.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a missing element"
)]

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;
use browser::{
    article_state, attribute, clear_storage, click, click_shape, find, find_all, reduce, settle,
    show_app, store_network, stored, text_of, unmount, Article,
};

use wasm_bindgen_test::*;
use web_sys::Element;

use vpclab::app::saving::{SaveFailure, StorageAction};
use vpclab::app::state::{Action, SaveStatus};
use vpclab::app::storage;
use vpclab::model::{document, example, Command, ElementId, RuleSet};

wasm_bindgen_test_configure!(run_in_browser);

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
    store_network(&example::large_network(60));
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
