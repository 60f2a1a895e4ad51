//! The bar above the workspace: a notice for the user (a load problem, a save that
//! failed), or else the first-run hint, each dismissible.

use yew::prelude::*;

use crate::app::i18n::{pick, Language};
use crate::app::state::Notice;

/// Props of [`NoticeBar`].
#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    /// The UI language.
    pub language: Language,
    /// The notice, if any.
    #[prop_or_default]
    pub notice: Option<Notice>,
    /// Whether the first-run hint is shown (when there is no notice).
    #[prop_or_default]
    pub show_hint: bool,
    /// Dismisses the notice and the hint.
    pub ondismiss: Callback<()>,
    /// Starts the first-run tour; `None` once it was taken or skipped.
    #[prop_or_default]
    pub ontour: Option<Callback<()>>,
}

/// The words of a notice in `language`.
pub fn notice_text(language: Language, notice: &Notice) -> String {
    match notice {
        Notice::Message(message) => message.clone(),
        Notice::EmptyNetwork => pick(
            language,
            "A new, empty network (Undo brings the previous one back). Start with “+ VPC”, then a VSwitch in a zone, then ECS instances.",
            "Una red nueva y vacía (Deshacer recupera la anterior). Empieza con «+ VPC», después un VSwitch en una zona y luego instancias ECS.",
        )
        .to_owned(),
        Notice::BadShareLink(error) => crate::app::sharing::describe(language, error),
        Notice::Imported(summary) => summary.describe(language),
        Notice::ImportRefused { file, error } => {
            crate::app::files::describe_refusal(language, file, error)
        }
    }
}

/// The notice or the hint, or nothing.
#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let language = props.language;
    let dismiss = {
        let ondismiss = props.ondismiss.clone();
        Callback::from(move |_: MouseEvent| ondismiss.emit(()))
    };
    if let Some(notice) = &props.notice {
        return html! {
            <div class="notice" role="alert" data-testid="notice">
                <span>{ notice_text(language, notice) }</span>
                <button class="dismiss" onclick={dismiss} aria-label={pick(language, "Dismiss", "Cerrar")}>{ "×" }</button>
            </div>
        };
    }
    if !props.show_hint {
        return Html::default();
    }
    html! {
        <div class="notice hint" data-testid="hint">
            <span class="hint-long">{ pick(language,
                "The article's network and its data centre (Express Connect and VPN). Click any element to explore it, or build your own with the toolbar.",
                "La red del artículo y su centro de datos (Express Connect y VPN). Haz clic en cualquier elemento para explorarlo, o construye la tuya con la barra de herramientas.") }</span>
            <span class="hint-short">{ pick(language,
                "The article's network. Tap an element to explore it; ☰ Menu builds your own.",
                "La red del artículo. Toca un elemento para explorarlo; ☰ Menú para crear la tuya.") }</span>
            if let Some(ontour) = props.ontour.clone() {
                <button class="tour-start" data-testid="tour-start"
                    onclick={Callback::from(move |_: MouseEvent| ontour.emit(()))}>
                    { pick(language, "Take the tour", "Hacer la visita") }</button>
            }
            <button class="dismiss" onclick={dismiss} aria-label={pick(language, "Dismiss", "Cerrar")}>{ "×" }</button>
        </div>
    }
}
