//! Browser tests of files in and out: the import part of the reducer (an accepted file
//! replaces the network as one undoable step, a refused one changes nothing and says why,
//! in both languages), a lesson file still opening its lesson, and the toolbar's download
//! buttons offering the network and its picture under the network's name.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a missing element"
)]

use std::rc::Rc;

use wasm_bindgen_test::*;
use yew::Reducible;

use vpclab::app::components::notice::notice_text;
use vpclab::app::files::import_action;
use vpclab::app::i18n::Language;
use vpclab::app::state::{Action, AppState, LessonAction, Notice};
use vpclab::export::import::{import, ImportError};
use vpclab::model::{document, example, RuleSet};

wasm_bindgen_test_configure!(run_in_browser);

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;
use browser::{clear_storage, click, settle, show_app, unmount, Downloads};

fn reduce(state: AppState, action: Action) -> AppState {
    (*Rc::new(state).reduce(action)).clone()
}

#[wasm_bindgen_test]
fn an_imported_network_replaces_the_current_one_as_one_undoable_step() {
    let state = AppState::new(example::article_network());
    let other = example::empty(RuleSet::Current);
    let imported = import(&document::to_json(&other)).unwrap();
    let action = Action::Import {
        file: "empty.json".into(),
        outcome: Ok(Box::new(imported)),
    };
    let next = reduce(state, action);
    assert_eq!(next.topology(), &other);
    let Some(Notice::Imported(summary)) = &next.notice else {
        panic!("an import is told: {:?}", next.notice);
    };
    assert_eq!((summary.file.as_str(), summary.vpcs), ("empty.json", 0));
    let article = import(example::ARTICLE_SCENARIO).unwrap();
    let told = vpclab::app::files::ImportSummary::of("a.json".into(), &article);
    assert_eq!(
        told.describe(Language::English),
        "Imported the scenario in “a.json”: its API calls built 1 VPC and 3 instances. Undo (Ctrl+Z) brings back the network you had."
    );
    assert!(told
        .describe(Language::Spanish)
        .contains("crearon 1 VPC y 3 instancias"));
    let undone = reduce(next, Action::Undo);
    assert_eq!(undone.topology(), &example::article_network());
}

#[wasm_bindgen_test]
fn a_refused_file_leaves_the_network_and_its_history_and_says_why_in_both_languages() {
    let state = AppState::new(example::article_network());
    let mut bad: serde_json::Value =
        serde_json::from_str(&document::to_json(&example::article_network())).unwrap();
    bad["vswitches"][1]["cidr_block"] = "10.9.0.0/24".into();
    let action = import_action(
        "broken.json".into(),
        bad.to_string().as_bytes(),
        Language::English,
    );
    let next = reduce(state.clone(), action);
    assert_eq!(next.topology(), state.topology());
    assert_eq!(next.history.undo_depth(), state.history.undo_depth());
    let notice = next.notice.clone().expect("a refusal is told");
    assert!(matches!(
        &notice,
        Notice::ImportRefused {
            error: ImportError::Document(_),
            ..
        }
    ));
    let english = notice_text(Language::English, &notice);
    let spanish = notice_text(Language::Spanish, &notice);
    assert!(
        english.contains("“broken.json” was not imported")
            && english.contains("vsw-0002")
            && english.ends_with("Your network is unchanged."),
        "{english}"
    );
    assert!(
        spanish.contains("No se importó «broken.json»")
            && spanish.contains("Tu red no ha cambiado"),
        "{spanish}"
    );
}

#[wasm_bindgen_test]
fn a_lesson_file_given_to_import_opens_the_lesson() {
    let (_, text) = vpclab::model::lesson::BUILTIN_TEXTS[0];
    let action = import_action("lesson.json".into(), text.as_bytes(), Language::English);
    assert!(
        matches!(action, Action::Lesson(LessonAction::Open { .. })),
        "{action:?}"
    );
}

#[wasm_bindgen_test]
async fn the_download_buttons_offer_the_network_and_its_picture_under_its_name() {
    clear_storage();
    let downloads = Downloads::capture();
    let (root, handle) = show_app().await;
    click(&root, "[data-testid=download-json]");
    settle().await;
    click(&root, "[data-testid=download-svg]");
    // The picture renders off screen first, then is offered.
    for _ in 0..20 {
        settle().await;
        if downloads.names().len() == 2 {
            break;
        }
    }
    let names = downloads.names();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names[0].starts_with("vpclab-vpc-article-") && names[0].ends_with(".json"),
        "{names:?}"
    );
    assert!(names[1].ends_with(".svg"), "{names:?}");
    let json = downloads.text(0).await;
    assert_eq!(
        document::restore(&json).unwrap(),
        // The first visit shows the first-run network: the article's, with its data centre.
        example::first_run_network()
    );
    let svg = downloads.text(1).await;
    assert!(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("VM3"), "the labels are in the picture");
    assert!(
        root.owner_document()
            .unwrap()
            .query_selector(".picture-source")
            .unwrap()
            .is_none(),
        "the off-screen drawing is gone once the picture is made"
    );
    unmount(root, handle);
    clear_storage();
}
