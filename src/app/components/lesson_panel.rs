//! The lesson panel: the open lesson's steps with progress, the open step's text and what it
//! asks (check, hint, show me, reset; or the choices of a prediction), next and back, and
//! the completion summary with its downloads. In presenter mode the same panel is drawn in
//! large type over the diagram. Verdicts and explanations sit in a live region.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::download;
use crate::app::i18n::{pick, Language};
use crate::app::state::{LessonAction, LessonSession, Score, Verdict};
use crate::model::lesson::{Do, Predict, StepKind};

/// Props of [`LessonPanel`].
#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// The UI language.
    pub language: Language,
    /// The open lesson.
    pub session: Rc<LessonSession>,
    /// Dispatches what the learner does.
    pub onaction: Callback<LessonAction>,
}

/// A score in words.
pub fn score_text(language: Language, score: Score) -> &'static str {
    match score {
        Score::FirstTry => pick(language, "right first time", "bien a la primera"),
        Score::Retried => pick(language, "right after retrying", "bien tras reintentar"),
        Score::WithHint => pick(language, "right with the hint", "bien con la pista"),
        Score::Shown => pick(language, "shown", "mostrado"),
        Score::Wrong => pick(language, "wrong prediction", "predicción errónea"),
    }
}

/// The completion summary as plain text, in `language`.
pub fn summary_text(session: &LessonSession, language: Language) -> String {
    let lang = language.lesson();
    let mut lines = vec![
        format!("vpclab — {}", session.lesson.title.get(lang)),
        String::new(),
    ];
    for (index, step) in session.lesson.steps.iter().enumerate() {
        if matches!(step.kind, StepKind::Show(_)) {
            continue;
        }
        let score = session.scores.get(index).copied().flatten().map_or_else(
            || pick(language, "not done", "sin hacer"),
            |score| score_text(language, score),
        );
        lines.push(format!("{}. {}: {score}", index + 1, step.title.get(lang)));
    }
    lines.join("\n") + "\n"
}

/// The completion summary as JSON: the lesson's id and each scored step's score.
pub fn summary_json(session: &LessonSession) -> String {
    let steps: Vec<serde_json::Value> = session
        .lesson
        .steps
        .iter()
        .enumerate()
        .filter(|(_, step)| !matches!(step.kind, StepKind::Show(_)))
        .map(|(index, step)| {
            serde_json::json!({
                "step": index + 1,
                "kind": step.kind.name(),
                "title": step.title.en,
                "score": session.scores.get(index).copied().flatten(),
            })
        })
        .collect();
    let value = serde_json::json!({"vpclab": "lesson-summary", "lesson": session.lesson.id, "steps": steps});
    crate::model::pretty::indent(&value.to_string())
}

fn emit(onaction: &Callback<LessonAction>, action: LessonAction) -> Callback<MouseEvent> {
    let onaction = onaction.clone();
    Callback::from(move |_| onaction.emit(action.clone()))
}

/// The buttons and answers of a `do` step.
fn do_view(props: &LessonPanelProps, task: &Do) -> Html {
    let language = props.language;
    let session = &props.session;
    let on = |action| emit(&props.onaction, action);
    html! {
        <>
            <div class="lesson-actions">
                <button class="primary" data-testid="lesson-check" onclick={on(LessonAction::Check)}>
                    { pick(language, "Check my work", "Comprobar mi trabajo") }</button>
                <button data-testid="lesson-hint" onclick={on(LessonAction::Hint)} disabled={session.hint_shown}>
                    { pick(language, "Hint", "Pista") }</button>
                <button data-testid="lesson-show-me" onclick={on(LessonAction::ShowMe)}>
                    { pick(language, "Show me", "Muéstramelo") }</button>
                <button data-testid="lesson-reset" onclick={on(LessonAction::ResetStep)}>
                    { pick(language, "Reset this step", "Reiniciar este paso") }</button>
            </div>
            if session.hint_shown {
                <p class="lesson-hint" data-testid="lesson-hint-text">
                    <strong>{ pick(language, "Hint: ", "Pista: ") }</strong>{ task.hint.get(language.lesson()) }</p>
            }
        </>
    }
}

/// The question and choices of a `predict` step, and the verdict once one is picked.
fn predict_view(props: &LessonPanelProps, predict: &Predict) -> Html {
    let language = props.language;
    let lang = language.lesson();
    let chosen = props.session.choice;
    let choices = predict.choices.iter().enumerate().map(|(index, choice)| {
        let state = match chosen {
            Some(_) if index == predict.answer => Some("right"),
            Some(picked) if picked == index => Some("wrong"),
            _ => None,
        };
        html! {
            <button class={classes!("lesson-choice", state)} disabled={chosen.is_some()}
                aria-pressed={(chosen == Some(index)).to_string()}
                onclick={emit(&props.onaction, LessonAction::Choose(index))}>{ choice.text.get(lang) }</button>
        }
    });
    html! {
        <>
            <p class="lesson-question"><strong>{ predict.question.get(lang) }</strong></p>
            <div class="lesson-choices" role="group" data-testid="lesson-choices">{ for choices }</div>
        </>
    }
}

/// What the live region says about the open step.
fn verdict_text(session: &LessonSession, language: Language) -> Option<(bool, String)> {
    if let Some(problem) = &session.problem {
        return Some((false, problem.clone()));
    }
    let step = session.current()?;
    match (&step.kind, &session.verdict, session.choice) {
        (StepKind::Do(_), Some(Verdict::Passed), _) => Some((
            true,
            pick(
                language,
                "Well done: the goal is met.",
                "Bien hecho: el objetivo se cumple.",
            )
            .to_owned(),
        )),
        (StepKind::Do(_), Some(Verdict::Unmet(unmet)), _) => {
            Some((false, unmet.explain(language.lesson())))
        }
        (StepKind::Predict(predict), _, Some(choice)) => {
            let right = choice == predict.answer;
            let answer = predict
                .choices
                .get(predict.answer)?
                .text
                .get(language.lesson());
            let said = if right {
                pick(
                    language,
                    "Right! The trace answers: ",
                    "¡Correcto! La traza responde: ",
                )
            } else {
                pick(
                    language,
                    "Not quite. The trace answers: ",
                    "No exactamente. La traza responde: ",
                )
            };
            Some((right, format!("{said}{answer}")))
        }
        _ => None,
    }
}

/// The summary shown on the last step, with its downloads.
fn summary_view(props: &LessonPanelProps) -> Html {
    let language = props.language;
    let session = props.session.clone();
    let scored: Vec<(usize, Option<Score>)> = session
        .lesson
        .steps
        .iter()
        .enumerate()
        .filter(|(_, step)| !matches!(step.kind, StepKind::Show(_)))
        .map(|(index, _)| (index, session.scores.get(index).copied().flatten()))
        .collect();
    let done = scored.iter().filter(|(_, score)| score.is_some()).count();
    let rows = scored.iter().map(|(index, score)| {
        let words = score.map_or(pick(language, "not done", "sin hacer"), |score| {
            score_text(language, score)
        });
        let title = session.lesson.steps[*index]
            .title
            .get(language.lesson())
            .to_owned();
        html! { <li>{ format!("{}. {title}: {words}", index + 1) }</li> }
    });
    let download = |json: bool| {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| {
            let (name, text, media) = if json {
                (
                    format!("{}-summary.json", session.lesson.id),
                    summary_json(&session),
                    download::JSON,
                )
            } else {
                (
                    format!("{}-summary.txt", session.lesson.id),
                    summary_text(&session, language),
                    download::TEXT,
                )
            };
            let _ = download::offer(&name, &text, media);
        })
    };
    html! {
        <section class="lesson-summary" data-testid="lesson-summary" aria-labelledby="lesson-summary-title">
            <h3 id="lesson-summary-title">{ pick(language, "Your results", "Tus resultados") }</h3>
            <p>{ format!("{done} / {} {}", scored.len(), pick(language, "tasks done", "tareas hechas")) }</p>
            <ul>{ for rows }</ul>
            <div class="lesson-actions">
                <button data-testid="lesson-summary-text" onclick={download(false)}>{ pick(language, "Download as text", "Descargar como texto") }</button>
                <button data-testid="lesson-summary-json" onclick={download(true)}>{ pick(language, "Download as JSON", "Descargar como JSON") }</button>
            </div>
        </section>
    }
}

/// The list of steps, each a button that opens it.
fn step_list(props: &LessonPanelProps) -> Html {
    let lang = props.language.lesson();
    let session = &props.session;
    let items = session.lesson.steps.iter().enumerate().map(|(index, step)| {
        let current = index == session.step;
        html! {
            <li class={classes!(current.then_some("current"), session.passed(index).then_some("passed"))}
                data-passed={session.passed(index).to_string()}>
                <button class="link" aria-current={current.then_some("step")}
                    onclick={emit(&props.onaction, LessonAction::Goto(index))}>
                    { format!("{}. {}", index + 1, step.title.get(lang)) }</button>
            </li>
        }
    });
    html! {
        <details class="lesson-all-steps">
            <summary>{ pick(props.language, "All steps", "Todos los pasos") }</summary>
            <ol class="lesson-steps">{ for items }</ol>
        </details>
    }
}

/// The lesson panel.
#[component]
pub fn LessonPanel(props: &LessonPanelProps) -> Html {
    let language = props.language;
    let lang = language.lesson();
    let session = &props.session;
    let total = session.lesson.steps.len();
    let Some(step) = session.current() else {
        return Html::default();
    };
    let on = |action| emit(&props.onaction, action);
    let body = match &step.kind {
        StepKind::Show(_) => Html::default(),
        StepKind::Do(task) => do_view(props, task),
        StepKind::Predict(predict) => predict_view(props, predict),
    };
    let verdict = verdict_text(session, language);
    let done = (0..total).filter(|index| session.done(*index)).count();
    let scored = session
        .lesson
        .steps
        .iter()
        .filter(|step| !matches!(step.kind, StepKind::Show(_)))
        .count();
    let presenter = session.presenter;
    html! {
        <section class={classes!("lesson-panel", presenter.then_some("presenting"))} data-testid="lesson"
            data-lesson={session.lesson.id.clone()} data-step={(session.step + 1).to_string()}
            data-steps={total.to_string()} aria-labelledby="lesson-title">
            <div class="lesson-head">
                <h2 id="lesson-title">{ session.lesson.title.get(lang) }</h2>
                <div class="lesson-tools">
                    <button data-testid="lesson-presenter" aria-pressed={presenter.to_string()}
                        onclick={on(LessonAction::Presenter(!presenter))}>
                        { if presenter { pick(language, "Exit presenter mode", "Salir del modo presentación") }
                          else { pick(language, "Presenter mode", "Modo presentación") } }</button>
                    <button data-testid="lesson-leave" onclick={on(LessonAction::Leave)}>
                        { pick(language, "Leave the lesson", "Salir de la lección") }</button>
                </div>
            </div>
            <p class="lesson-progress">{ format!("{} {} {} {total} · {done}/{scored} {}",
                pick(language, "Step", "Paso"), session.step + 1, pick(language, "of", "de"),
                pick(language, "tasks done", "tareas hechas")) }</p>
            if !presenter { { step_list(props) } }
            <article class="lesson-step" data-passed={session.passed(session.step).to_string()}
                data-kind={step.kind.name()}>
                <h3>{ step.title.get(lang) }</h3>
                <p class="lesson-text">{ step.text.get(lang) }</p>
                { body }
                <div class="lesson-verdict" role="status" aria-live="polite" data-testid="lesson-verdict">
                    if let Some((good, words)) = verdict {
                        <p class={if good { "good" } else { "bad" }}>{ words }</p>
                    }
                </div>
            </article>
            <nav class="lesson-nav" aria-label={pick(language, "Lesson steps", "Pasos de la lección")}>
                <button data-testid="lesson-back" disabled={session.step == 0} onclick={on(LessonAction::Back)}>
                    { pick(language, "← Back", "← Atrás") }</button>
                <button class="primary" data-testid="lesson-next" disabled={session.step + 1 >= total}
                    onclick={on(LessonAction::Next)}>{ pick(language, "Next →", "Siguiente →") }</button>
            </nav>
            if session.step + 1 == total && !presenter { { summary_view(props) } }
        </section>
    }
}
