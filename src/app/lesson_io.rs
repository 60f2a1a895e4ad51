//! Where lessons come from and where their progress goes: the `?lesson=` and `&step=`
//! query, lesson files (picker, drag and drop, a URL), and each lesson's progress under
//! its own key through [`storage`] (the learner's network key is never touched here).
//! With storage blocked, nothing is saved and the lesson plays in memory.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::i18n::Language;
use super::state::{Action, LessonAction, LessonSession, Score};
use super::storage;
use crate::model::lesson::{self, Lesson};

/// The key that remembers which built-in lesson is open, to resume it after a reload.
pub const OPEN_KEY: &str = "vpclab:lessons:open";

/// The key a lesson's progress is saved under.
pub fn progress_key(id: &str) -> String {
    format!("vpclab:lesson:{id}")
}

/// A lesson's saved progress: the open step and each step's score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The open step, from 0.
    pub step: usize,
    /// Each step's score, once done.
    pub scores: Vec<Option<Score>>,
}

/// The saved progress of lesson `id`, if any is readable.
pub fn progress(id: &str) -> Option<Progress> {
    let text = storage::read(&progress_key(id)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Saves the progress of an open built-in lesson and remembers it as the open one. A
/// refusal (storage blocked or full) is ignored on purpose: the lesson goes on in memory.
pub fn save_progress(session: &LessonSession) {
    if !session.builtin {
        storage::remove(OPEN_KEY);
        return;
    }
    let progress = Progress {
        step: session.step,
        scores: session.scores.clone(),
    };
    if let Ok(text) = serde_json::to_string(&progress) {
        let _ = storage::write(&progress_key(&session.lesson.id), &text);
        let _ = storage::write(OPEN_KEY, &session.lesson.id);
    }
}

/// Forgets which lesson was open (the learner left it); its progress stays.
pub fn forget_open() {
    storage::remove(OPEN_KEY);
}

/// What the page asks for: `?lesson=` (an id or a URL) and `&step=` (from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The built-in lesson's id or the lesson file's URL.
    pub lesson: String,
    /// The step, from 0.
    pub step: Option<usize>,
}

/// The lesson the page's query asks for.
pub fn requested() -> Option<Request> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    let lesson = params.get("lesson").filter(|value| !value.is_empty())?;
    let step = params
        .get("step")
        .and_then(|value| value.trim().parse::<usize>().ok())
        .map(|step| step.saturating_sub(1));
    Some(Request { lesson, step })
}

/// Opens built-in lesson `id` at `step` (from 0), or at the step its saved progress left.
pub fn open_builtin(id: &str, step: Option<usize>) -> Option<Action> {
    let lesson = lesson::builtin_lesson(id)?;
    let saved = progress(id);
    let scores = saved
        .as_ref()
        .map(|saved| saved.scores.clone())
        .unwrap_or_default();
    let step = step.or(saved.map(|saved| saved.step)).unwrap_or(0);
    Some(Action::Lesson(LessonAction::Open {
        lesson: Rc::new(lesson),
        builtin: true,
        step,
        scores,
    }))
}

/// The lesson a visit starts with: the query's built-in lesson, or the one left open.
/// `None` for a URL (read later, see [`fetch`]) or nothing asked.
pub fn initial(language: Language) -> Option<Action> {
    match requested() {
        Some(request) if looks_like_url(&request.lesson) => None,
        Some(request) => Some(
            open_builtin(&request.lesson, request.step).unwrap_or_else(|| {
                Action::LessonProblem(Some(format!(
                    "{} “{}”",
                    super::i18n::pick(
                        language,
                        "There is no built-in lesson named",
                        "No hay ninguna lección incluida llamada"
                    ),
                    request.lesson
                )))
            }),
        ),
        None => storage::read(OPEN_KEY)
            .ok()
            .flatten()
            .and_then(|id| open_builtin(&id, None)),
    }
}

/// Whether `?lesson=` names a file rather than a built-in id (ids have no `/` or `.`).
pub fn looks_like_url(value: &str) -> bool {
    value.contains('/') || value.contains('.')
}

/// The action a lesson file's text leads to: open it, or say why it is no lesson (with
/// the field path at fault).
pub fn open_text(text: &str, step: Option<usize>, language: Language) -> Action {
    match lesson::parse(text) {
        Ok(lesson) => opened(lesson, step),
        Err(error) => Action::LessonProblem(Some(format!(
            "{} {error}",
            super::i18n::pick(
                language,
                "This file is not a lesson vpclab can play:",
                "Este archivo no es una lección que vpclab pueda reproducir:"
            )
        ))),
    }
}

fn opened(lesson: Lesson, step: Option<usize>) -> Action {
    Action::Lesson(LessonAction::Open {
        lesson: Rc::new(lesson),
        builtin: false,
        step: step.unwrap_or(0),
        scores: Vec::new(),
    })
}

/// Reads a file the learner picked or dropped, then hands its text to `then`.
pub fn read_file(file: web_sys::File, then: impl FnOnce(Result<String, String>) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        let text = JsFuture::from(file.text())
            .await
            .map_err(|error| format!("{error:?}"))
            .and_then(|value| value.as_string().ok_or_else(|| "not text".to_owned()));
        then(text);
    });
}

/// Downloads the lesson file at `url` (same origin, or a server that allows it), then hands
/// its text or the reason it could not be read to `then`.
pub fn fetch(url: String, then: impl FnOnce(Result<String, String>) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        then(fetch_text(&url).await);
    });
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "the server could not be reached, or it does not allow this page to read the file (CORS)".to_owned())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "no response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let promise = response.text().map_err(|_| "the body is not text")?;
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|value| value.as_string())
        .ok_or_else(|| "the body is not text".to_owned())
}

/// The action for a lesson file that could not be read.
pub fn unreadable(language: Language, source: &str, why: &str) -> Action {
    Action::LessonProblem(Some(format!(
        "{} {source}: {why}",
        super::i18n::pick(
            language,
            "The lesson could not be read from",
            "No se pudo leer la lección de"
        )
    )))
}

/// Saves the open lesson's progress whenever it moves, forgets the open lesson when the
/// learner leaves it, and reads a lesson the page's `?lesson=<url>` names.
#[yew::hook]
pub fn use_lesson_effects(state: &yew::UseReducerHandle<super::state::AppState>) {
    use yew::prelude::{use_effect_with, use_mut_ref};
    let first = use_mut_ref(|| true);
    let progress = state.lesson.as_ref().map(|session| {
        (
            session.lesson.id.clone(),
            session.step,
            session.scores.clone(),
        )
    });
    {
        let session = state.lesson.clone();
        // An embedded lesson is the tutorial's: the visitor's open lesson and progress stay.
        let separate = state.embedding.separate();
        use_effect_with(progress, move |progress| {
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            match (session, progress) {
                _ if separate => {}
                (Some(session), Some(_)) => save_progress(&session),
                // Nothing was opened on this visit yet: what is stored stays as it was.
                _ if first => {}
                _ => forget_open(),
            }
        });
    }
    let dispatcher = state.dispatcher();
    let language = state.preferences.language;
    use_effect_with((), move |()| {
        if let Some(request) = requested().filter(|request| looks_like_url(&request.lesson)) {
            let source = request.lesson.clone();
            fetch(request.lesson, move |text| {
                dispatcher.dispatch(match text {
                    Ok(text) => open_text(&text, request.step, language),
                    Err(why) => unreadable(language, &source, &why),
                });
            });
        }
    });
}

/// A callback that opens a lesson file the learner picked or dropped.
pub fn file_opener(
    dispatcher: yew::UseReducerDispatcher<super::state::AppState>,
    language: Language,
) -> yew::Callback<web_sys::File> {
    yew::Callback::from(move |file: web_sys::File| {
        let dispatcher = dispatcher.clone();
        let name = file.name();
        read_file(file, move |text| {
            dispatcher.dispatch(match text {
                Ok(text) => open_text(&text, None, language),
                Err(why) => unreadable(language, &name, &why),
            });
        });
    })
}
