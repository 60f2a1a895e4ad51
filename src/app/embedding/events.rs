//! The events an embedded instance tells its host page (`docs/EMBED.md`): `changed` after
//! each API call that succeeds, `traceResult` when the visitor traces, `lessonStepPassed`
//! and `lessonCompleted` with the lesson's score. They go to the parent window at the
//! allowed origins only ([`super::host::tell_host`]); a page that is not framed sends none.

use std::rc::Rc;

use yew::prelude::*;

use super::host::{policy, tell_host};
use super::Reported;
use crate::app::components::trace_panel::Analysis;
use crate::app::state::{AppState, LessonSession, Score};
use crate::embed::{self, AppMessage};
use crate::model::lesson::StepKind;
use crate::model::ActionKind;

/// The action a logged call names (its request text starts with the API name).
fn action_of(request: &str) -> Option<ActionKind> {
    let name = request.split_whitespace().next()?;
    ActionKind::ALL
        .iter()
        .copied()
        .find(|action| action.api_name() == name)
}

/// A lesson's score as a course page records it: a point for each `do` or `predict` step
/// passed by the learner (first try, after retrying, or with the hint), out of the steps
/// that are scored (`show` steps are not; "show me" and a wrong prediction earn none).
pub fn lesson_score(session: &LessonSession) -> embed::Score {
    let scored = session
        .lesson
        .steps
        .iter()
        .enumerate()
        .filter(|(_, step)| !matches!(step.kind, StepKind::Show(_)));
    let (mut points, mut out_of) = (0u32, 0u32);
    for (index, _) in scored {
        out_of += 1;
        if matches!(
            session.scores.get(index).copied().flatten(),
            Some(Score::FirstTry | Score::Retried | Score::WithHint)
        ) {
            points += 1;
        }
    }
    embed::Score { points, out_of }
}

/// Whether every scored step of the lesson is done.
pub fn lesson_complete(session: &LessonSession) -> bool {
    session
        .lesson
        .steps
        .iter()
        .enumerate()
        .filter(|(_, step)| !matches!(step.kind, StepKind::Show(_)))
        .all(|(index, _)| session.done(index))
}

/// The lesson events for a move from `before` to `now` of the same lesson: the steps newly
/// passed, and the completion once every scored step is done.
pub fn lesson_events(before: &LessonSession, now: &LessonSession) -> Vec<AppMessage> {
    let lesson = now.lesson.id.clone();
    let mut events: Vec<AppMessage> = (0..now.lesson.steps.len())
        .filter(|index| now.passed(*index) && !before.passed(*index))
        .map(|index| AppMessage::LessonStepPassed {
            lesson: lesson.clone(),
            step: u32::try_from(index + 1).unwrap_or(u32::MAX),
        })
        .collect();
    if lesson_complete(now) && !lesson_complete(before) {
        events.push(AppMessage::LessonCompleted {
            lesson,
            score: lesson_score(now),
        });
    }
    events
}

/// Tells the host page what changed, as it changes.
#[hook]
pub fn use_host_events(
    state: &AppState,
    analysis: &Rc<Option<Result<Analysis, String>>>,
    reported: &Reported,
) {
    let policy = policy(state);
    // `changed`: the calls logged since the last render that succeeded.
    let seen = use_mut_ref(|| state.api_log.len() + state.api_log.dropped());
    {
        let policy = policy.clone();
        use_effect_with(state.api_log.clone(), move |log| {
            let total = log.len() + log.dropped();
            let before = std::mem::replace(&mut *seen.borrow_mut(), total);
            let new = total.saturating_sub(before).min(log.len());
            for call in log.calls().skip(log.len() - new) {
                if let (Ok(_), Some(action)) = (&call.outcome, action_of(&call.request)) {
                    tell_host(&policy, &AppMessage::Changed { action });
                }
            }
        });
    }
    // `traceResult`: a trace the visitor ran (one a host asked for was answered already).
    {
        let policy = policy.clone();
        let reported = reported.clone();
        use_effect_with(analysis.clone(), move |analysis| {
            if let Some(Ok(Analysis {
                trace: Some(trace), ..
            })) = analysis.as_ref()
            {
                let message = AppMessage::trace_result(None, trace);
                let key = message.to_value().to_string();
                if reported.borrow().as_deref() != Some(key.as_str()) {
                    *reported.borrow_mut() = Some(key);
                    tell_host(&policy, &message);
                }
            }
        });
    }
    // `lessonStepPassed` and `lessonCompleted`, against the lesson as it was.
    let previous = use_mut_ref(|| state.lesson.clone());
    use_effect_with(state.lesson.clone(), move |lesson| {
        let before = std::mem::replace(&mut *previous.borrow_mut(), lesson.clone());
        if let (Some(before), Some(now)) = (before, lesson) {
            if before.lesson.id == now.lesson.id {
                for event in lesson_events(&before, now) {
                    tell_host(&policy, &event);
                }
            }
        }
    });
}
