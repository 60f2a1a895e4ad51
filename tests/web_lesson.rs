//! Browser tests of the lesson player's wiring: opening a lesson sets the learner's own
//! network aside, "check my work" explains an unmet goal, "show me" passes a step through
//! the editor's path (the API log), a refused call counts for a `met_error` goal, and the
//! progress is saved under the lesson's own key while the learner's network key is left
//! exactly as it was.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly on a missing element"
)]

use std::rc::Rc;

use wasm_bindgen_test::*;
use yew::Reducible;

use vpclab::app::i18n::Language;
use vpclab::app::lesson_io;
use vpclab::app::state::{Action, AppState, LessonAction, Score, Verdict};
use vpclab::app::storage;
use vpclab::model::lesson::{self, StepKind};
use vpclab::model::{example, Command};

wasm_bindgen_test_configure!(run_in_browser);

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;
use browser::{click, find, settle, show_app, unmount};

fn reduce(state: Rc<AppState>, action: LessonAction) -> Rc<AppState> {
    state.reduce(Action::Lesson(action))
}

/// A state showing the article's network with the ECS lesson open at `step` (from 0).
fn ecs_at(step: usize) -> Rc<AppState> {
    let state = Rc::new(AppState::new(example::article_network()));
    let lesson = lesson::builtin_lesson("ecs-networking").expect("built in");
    reduce(
        state,
        LessonAction::Open {
            lesson: Rc::new(lesson),
            builtin: true,
            step,
            scores: Vec::new(),
        },
    )
}

#[wasm_bindgen_test]
fn opening_a_lesson_sets_the_own_network_aside_and_leaving_brings_it_back() {
    let own = Rc::new(AppState::new(example::article_network()));
    let own_network = own.history.present().clone();
    let lesson = lesson::builtin_lesson("ecs-networking").expect("built in");
    let opened = reduce(
        own,
        LessonAction::Open {
            lesson: Rc::new(lesson),
            builtin: true,
            step: 0,
            scores: Vec::new(),
        },
    );
    let session = opened.lesson.clone().expect("open");
    assert_eq!(session.step, 0);
    assert!(Rc::ptr_eq(opened.own_topology(), &own_network));
    assert_eq!(
        opened.topology().vpcs().len(),
        1,
        "the first step's show calls made the VPC"
    );
    assert!(!Rc::ptr_eq(opened.history.present(), &own_network));
    assert_ne!(
        opened.topology(),
        own_network.as_ref(),
        "the lesson shows its own network, not the learner's"
    );
    let left = reduce(opened, LessonAction::Leave);
    assert!(left.lesson.is_none());
    assert!(Rc::ptr_eq(left.history.present(), &own_network));
}

#[wasm_bindgen_test]
fn check_explains_an_unmet_goal_and_show_me_passes_the_step_through_the_api_log() {
    let state = ecs_at(2);
    assert!(matches!(
        state.lesson.as_ref().unwrap().current().unwrap().kind,
        StepKind::Do(_)
    ));
    let checked = reduce(state, LessonAction::Check);
    let session = checked.lesson.clone().unwrap();
    let Some(Verdict::Unmet(unmet)) = &session.verdict else {
        panic!("the goal is not met at the start: {:?}", session.verdict);
    };
    assert!(unmet
        .explain(Language::English.lesson())
        .contains("VSwitch"));
    assert!(unmet
        .explain(Language::Spanish.lesson())
        .starts_with("Todavía no"));
    assert_eq!(session.failed_checks, 1);
    assert!(!session.passed(2));

    let shown = reduce(checked, LessonAction::ShowMe);
    let session = shown.lesson.clone().unwrap();
    assert_eq!(session.verdict, Some(Verdict::Passed));
    assert_eq!(session.scores[2], Some(Score::Shown));
    assert!(
        session.refs.contains_key("vsw1"),
        "the goal's `as` names what it found"
    );
    assert_eq!(shown.topology().vswitches().len(), 1);
    let logged = format!("{:?}", shown.api_log);
    assert!(logged.contains("CreateVSwitch"), "{logged}");

    // Reset this step restores the network as the step began.
    let reset = reduce(shown, LessonAction::ResetStep);
    assert_eq!(reset.topology().vswitches().len(), 0);
}

#[wasm_bindgen_test]
fn a_refused_call_counts_for_a_met_error_goal() {
    let state = ecs_at(3);
    let vpc = state.topology().vpcs().keys().next().unwrap().clone();
    let before = reduce(state.clone(), LessonAction::Check);
    assert!(matches!(
        before.lesson.as_ref().unwrap().verdict,
        Some(Verdict::Unmet(_))
    ));
    let overlapping = Command::CreateVSwitch {
        vpc_id: vpc,
        zone_id: "ap-south-1b".into(),
        cidr_block: "192.168.1.128/25".into(),
        vswitch_name: None,
        description: None,
    };
    let refused = state.reduce(Action::Apply(vec![overlapping]));
    assert!(refused.rejection.is_some());
    let checked = reduce(refused, LessonAction::Check);
    let session = checked.lesson.clone().unwrap();
    assert_eq!(session.verdict, Some(Verdict::Passed));
    assert_eq!(session.scores[3], Some(Score::FirstTry));
}

#[wasm_bindgen_test]
fn a_prediction_is_scored_and_opens_the_trace() {
    let state = ecs_at(8);
    let StepKind::Predict(predict) = &state.lesson.as_ref().unwrap().current().unwrap().kind else {
        panic!("step 9 is a prediction");
    };
    let wrong = (predict.answer + 1) % predict.choices.len();
    let answered = reduce(state, LessonAction::Choose(wrong));
    let session = answered.lesson.clone().unwrap();
    assert_eq!(session.scores[8], Some(Score::Wrong));
    assert!(!session.passed(8));
    let trace = answered.trace.clone().expect("the trace runs");
    assert!(trace.playing);
    assert!(
        trace.source.starts_with("i-"),
        "the Ref is resolved: {}",
        trace.source
    );
}

#[wasm_bindgen_test]
async fn progress_is_saved_under_the_lessons_key_and_the_own_network_is_untouched() {
    let key = lesson_io::progress_key("ecs-networking");
    storage::remove(&key);
    storage::remove(lesson_io::OPEN_KEY);
    storage::remove(storage::TOPOLOGY_KEY);
    let own = vpclab::model::document::to_json(&example::article_network());
    storage::write(storage::TOPOLOGY_KEY, &own).unwrap();

    let (root, handle) = show_app().await;
    click(&root, "[data-testid=lesson-open-ecs-networking]");
    settle().await;
    let panel = find(&root, "[data-testid=lesson]");
    assert_eq!(
        panel.get_attribute("data-lesson").as_deref(),
        Some("ecs-networking")
    );
    click(&root, "[data-testid=lesson-next]");
    settle().await;
    click(&root, "[data-testid=lesson-next]");
    settle().await;
    click(&root, "[data-testid=lesson-show-me]");
    settle().await;
    let passed = find(&root, "[data-testid=lesson] .lesson-step");
    assert_eq!(passed.get_attribute("data-passed").as_deref(), Some("true"));

    let saved = storage::read(&key).unwrap().expect("progress saved");
    let progress: lesson_io::Progress = serde_json::from_str(&saved).unwrap();
    assert_eq!(progress.step, 2);
    assert_eq!(progress.scores[2], Some(Score::Shown));
    assert_eq!(
        storage::read(lesson_io::OPEN_KEY).unwrap().as_deref(),
        Some("ecs-networking")
    );
    assert_eq!(
        storage::read(storage::TOPOLOGY_KEY).unwrap().as_deref(),
        Some(own.as_str())
    );

    click(&root, "[data-testid=lesson-leave]");
    settle().await;
    assert_eq!(
        storage::read(storage::TOPOLOGY_KEY).unwrap().as_deref(),
        Some(own.as_str())
    );
    assert_eq!(storage::read(lesson_io::OPEN_KEY).unwrap(), None);
    assert!(
        storage::read(&key).unwrap().is_some(),
        "progress stays for later"
    );
    unmount(root, handle);
    storage::remove(&key);
    storage::remove(storage::TOPOLOGY_KEY);
}
