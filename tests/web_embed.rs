//! Browser tests of embedding's wiring: the read-only refusals in the one reducer, loads
//! replacing the network, which instance keeps away from the visitor's saved network, the
//! lesson events for a course page, and the whole `App` under `?embed=1`: no editor
//! chrome, obeying its own origin's messages, ignoring and counting a foreign one, and
//! writing nothing under the visitor's key.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a missing element"
)]

use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use yew::Reducible;

use vpclab::app::embedding::events::{lesson_events, lesson_score};
use vpclab::app::embedding::host::to_js;
use vpclab::app::i18n::Language;
use vpclab::app::lesson_io;
use vpclab::app::state::{Action, AppState, EmbedAction, Embedding, Notice, Score};
use vpclab::app::storage;
use vpclab::embed::AppMessage;
use vpclab::model::{example, RuleSet, Topology};

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;
use browser::{clear_storage, find_all, settle, show_app, stored, text_of, unmount};

wasm_bindgen_test_configure!(run_in_browser);

fn reduce(state: AppState, action: Action) -> AppState {
    (*Rc::new(state).reduce(action)).clone()
}

fn embedded(query: &str) -> AppState {
    let mut state = AppState::new(example::article_network());
    state.embedding = Rc::new(Embedding::from_query(query));
    state
}

#[wasm_bindgen_test]
fn a_readonly_instance_refuses_every_edit_and_says_why_in_the_visitors_language() {
    let mut state = embedded("?embed=1&readonly=1");
    state.preferences.language = Language::Spanish;
    let network = state.topology().clone();
    let selected = reduce(state, Action::Select(Some("i-0002".parse().unwrap())));
    assert!(
        selected.selection.is_some(),
        "selecting is not an edit: allowed"
    );
    for edit in [
        Action::DeleteSelected,
        Action::Undo,
        Action::Replace(Topology::new(RuleSet::Current)),
        Action::SetRules(RuleSet::Current),
    ] {
        let after = reduce(selected.clone(), edit.clone());
        assert_eq!(after.topology(), &network, "{edit:?} changed the network");
        assert!(
            matches!(&after.notice, Some(Notice::Message(text)) if text.contains("solo lectura")),
            "{edit:?} is refused with a reason: {:?}",
            after.notice
        );
    }
    let editable = embedded("?embed=1");
    let deleted = reduce(
        reduce(editable, Action::Select(Some("i-0002".parse().unwrap()))),
        Action::DeleteSelected,
    );
    assert_ne!(
        deleted.topology(),
        &network,
        "without readonly, edits go through"
    );
}

#[wasm_bindgen_test]
fn loading_content_shows_it_with_a_fresh_history_and_closes_an_open_lesson() {
    let state = reduce(
        embedded("?embed=1"),
        lesson_io::open_builtin("ecs-networking", None).unwrap(),
    );
    assert!(state.lesson.is_some());
    let loaded = Topology::new(RuleSet::Current);
    let after = reduce(
        state,
        Action::Embed(EmbedAction::Load(Rc::new(loaded.clone()))),
    );
    assert!(after.lesson.is_none());
    assert_eq!(after.topology(), &loaded);
    assert_eq!(
        after.history.undo_depth(),
        0,
        "a load is not undone into the last network"
    );
    let explained = reduce(
        after,
        Action::Embed(EmbedAction::Problem("HTTP 404".into())),
    );
    assert_eq!(explained.notice, Some(Notice::Message("HTTP 404".into())));
    assert_eq!(
        explained.topology(),
        &loaded,
        "a failed load keeps what is shown"
    );
}

#[wasm_bindgen_test]
fn only_an_editable_separate_instance_keeps_a_key_and_it_is_never_the_visitors() {
    let plain = Embedding::from_query("");
    assert!(!plain.separate() && plain.storage_key().is_none());
    let lesson = Embedding::from_query("?lesson=ecs-networking");
    assert!(!lesson.separate(), "the lesson player's own visit");
    let embed = Embedding::from_query("?embed=1");
    assert_eq!(embed.storage_key().as_deref(), Some("vpclab:embed:blank"));
    let readonly = Embedding::from_query("?embed=1&readonly=1&topology=a.json");
    assert!(readonly.separate() && readonly.storage_key().is_none());
    let broken = Embedding::from_query("?embed=yes");
    assert!(broken.problem.is_some() && broken.separate() && broken.storage_key().is_none());
    assert!(
        broken.options.embed,
        "a frame that asked for embed looks embedded"
    );
    for query in ["?embed=1", "?embed=1&scenario=a.json", "?topology=b.json"] {
        let key = Embedding::from_query(query).storage_key().unwrap();
        assert_ne!(key, storage::TOPOLOGY_KEY);
    }
}

#[wasm_bindgen_test]
fn a_course_page_hears_each_step_passed_once_and_the_completion_with_its_score() {
    let state = reduce(
        embedded("?embed=1"),
        lesson_io::open_builtin("ecs-networking", None).unwrap(),
    );
    let before = state.lesson.clone().unwrap();
    let steps = before.lesson.steps.len();
    let mut now = (*before).clone();
    now.scores = vec![None; steps];
    now.scores[1] = Some(Score::FirstTry);
    let events = lesson_events(&before, &now);
    assert!(events.contains(&AppMessage::LessonStepPassed {
        lesson: "ecs-networking".into(),
        step: 2
    }));
    assert!(
        lesson_events(&now, &now).is_empty(),
        "nothing new, nothing told"
    );
    let mut done = now.clone();
    let scored: Vec<usize> = (0..steps)
        .filter(|index| {
            !matches!(
                done.lesson.steps[*index].kind,
                vpclab::model::lesson::StepKind::Show(_)
            )
        })
        .collect();
    for index in &scored {
        done.scores[*index] = Some(Score::Shown);
    }
    done.scores[scored[0]] = Some(Score::Retried);
    let score = lesson_score(&done);
    assert_eq!(
        (score.points, score.out_of),
        (1, u32::try_from(scored.len()).unwrap())
    );
    let completed = lesson_events(&now, &done);
    assert!(matches!(
        completed.last(),
        Some(AppMessage::LessonCompleted { lesson, score: got }) if lesson == "ecs-networking" && *got == score
    ));
}

/// Replaces the page address's query (the test runner's page), returning the old one.
fn set_query(query: &str) -> String {
    let window = web_sys::window().unwrap();
    let old = window.location().search().unwrap();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}")))
        .unwrap();
    old
}

/// Waits for Yew and for the messages posted meanwhile, a few rounds at most.
async fn settle_until(done: impl Fn() -> bool) {
    for _ in 0..20 {
        if done() {
            return;
        }
        settle().await;
    }
}

fn ignored_count() -> Option<String> {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .and_then(|root| root.get_attribute("data-ignored-messages"))
}

#[wasm_bindgen_test]
async fn an_embedded_app_has_no_editor_chrome_obeys_its_own_origin_and_ignores_a_foreign_one() {
    clear_storage();
    let old = set_query("?embed=1");
    let (root, handle) = show_app().await;
    assert!(find_all(&root, ".app-header").is_empty());
    assert!(find_all(&root, ".toolbar").is_empty());
    assert!(find_all(&root, ".panel-section.log").is_empty());
    assert_eq!(find_all(&root, "[data-kind=instance]").len(), 3);

    // Its own origin is obeyed: select VSwitch vsw-0002.
    let request = serde_json::json!({
        "vpclab": "embed", "version": 1, "id": "s1", "type": "select", "element": "vsw-0002"
    });
    let window = web_sys::window().unwrap();
    window.post_message(&to_js(&request).unwrap(), "*").unwrap();
    settle_until(|| text_of(&root, "[data-testid=properties]").contains("vsw-0002")).await;
    assert!(text_of(&root, "[data-testid=properties]").contains("vsw-0002"));

    // Another origin is not, however well formed: ignored and counted.
    let before: u32 = ignored_count().and_then(|n| n.parse().ok()).unwrap_or(0);
    let init = web_sys::MessageEventInit::new();
    init.set_origin("https://intruder.example");
    let clear = serde_json::json!({ "vpclab": "embed", "version": 1, "id": 2, "type": "select" });
    init.set_data(&to_js(&clear).unwrap());
    let event = web_sys::MessageEvent::new_with_event_init_dict("message", &init).unwrap();
    window.dispatch_event(&event).unwrap();
    settle().await;
    let after: u32 = ignored_count().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(after > before, "counted: {before} then {after}");
    assert!(
        text_of(&root, "[data-testid=properties]").contains("vsw-0002"),
        "the selection stays"
    );

    // Nothing was written under the visitor's key.
    assert_eq!(stored(storage::TOPOLOGY_KEY), None);
    assert_eq!(stored(storage::PREFERENCES_KEY), None);
    unmount(root, handle);
    set_query(&old);
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_readonly_embed_starts_from_the_article_network_and_never_from_a_kept_one() {
    clear_storage();
    let kept = vpclab::model::document::to_json(&Topology::new(RuleSet::Current));
    let key = Embedding::from_query("?embed=1").storage_key().unwrap();
    storage::write(&key, &kept).unwrap();
    let old = set_query("?embed=1&readonly=1&lang=es");
    let (root, handle) = show_app().await;
    assert_eq!(find_all(&root, "[data-kind=instance]").len(), 3);
    assert!(find_all(&root, "[data-readonly=true]").len() == 1);
    unmount(root, handle);
    // Editable, the same frame comes back to what it kept.
    set_query("?embed=1");
    let (root, handle) = show_app().await;
    assert_eq!(find_all(&root, "[data-kind=instance]").len(), 0);
    unmount(root, handle);
    set_query(&old);
    clear_storage();
}
