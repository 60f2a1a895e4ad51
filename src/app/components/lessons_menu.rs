//! The lessons menu: the built-in lessons in the UI language, and a teacher's own lesson
//! file (picker here; drag and drop onto the diagram is handled by the app).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::i18n::{pick, Language};
use crate::model::lesson;

/// Props of [`LessonsMenu`].
#[derive(Properties, PartialEq)]
pub struct LessonsMenuProps {
    /// The UI language.
    pub language: Language,
    /// Opens the built-in lesson with this id.
    pub onopen: Callback<String>,
    /// Opens the lesson file the teacher picked.
    pub onfile: Callback<web_sys::File>,
}

/// Closes the menu the event came from (a lesson was picked: the menu is done with).
fn close_menu(event: &MouseEvent) {
    if let Some(details) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("details").ok().flatten())
    {
        let _ = details.remove_attribute("open");
    }
}

/// The lessons menu.
#[component]
pub fn LessonsMenu(props: &LessonsMenuProps) -> Html {
    let language = props.language;
    let lessons = use_memo((), |()| lesson::builtin_headings());
    let items = lessons.iter().map(|lesson| {
        let onopen = props.onopen.clone();
        let id = lesson.id.to_owned();
        let title = lesson.title.get(language.lesson()).to_owned();
        let summary = lesson.summary.get(language.lesson()).to_owned();
        html! {
            <li><button class="lesson-open" data-testid={format!("lesson-open-{id}")} title={summary}
                onclick={Callback::from(move |event: MouseEvent| {
                    close_menu(&event);
                    onopen.emit(id.clone());
                })}>{ title }</button></li>
        }
    });
    let onchange = super::files::picked_file(props.onfile.clone());
    html! {
        <details class="lessons-menu" data-testid="lessons-menu">
            <summary>{ pick(language, "Lessons", "Lecciones") }</summary>
            <ul>{ for items }</ul>
            <label class="lesson-file">
                { pick(language, "Open a lesson file…", "Abrir un archivo de lección…") }
                <input type="file" accept=".json,application/json" data-testid="lesson-file" {onchange} />
            </label>
        </details>
    }
}
