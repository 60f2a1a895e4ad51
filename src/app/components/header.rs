//! The top bar: product name, save indicator and language switch.

use yew::prelude::*;

use crate::app::i18n::{text, Language, Text};
use crate::app::state::SaveStatus;

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The UI language.
    pub language: Language,
    /// Whether the latest change was saved.
    pub save_status: SaveStatus,
    /// Called with the language the user picked.
    pub onlanguage: Callback<Language>,
}

/// The top bar of the app.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let language = props.language;
    let (status_class, status_text, status_title) = match &props.save_status {
        SaveStatus::Unchanged => ("save-status", "", String::new()),
        SaveStatus::Saved => (
            "save-status saved",
            text(language, Text::Saved),
            String::new(),
        ),
        SaveStatus::Failed(reason) => (
            "save-status failed",
            text(language, Text::NotSaved),
            reason.describe(language),
        ),
    };
    let buttons = Language::ALL.iter().map(|&choice| {
        let onlanguage = props.onlanguage.clone();
        let pressed = choice == language;
        html! {
            <button
                class={classes!("lang", pressed.then_some("active"))}
                aria-pressed={pressed.to_string()}
                data-lang={choice.tag()}
                onclick={Callback::from(move |_| onlanguage.emit(choice))}
            >{ choice.tag().to_uppercase() }</button>
        }
    });
    html! {
        <header class="app-header">
            <div class="brand">
                <img src="icons/vpclab.svg" alt="" width="28" height="28" />
                <span class="product">{ "vpclab" }</span>
                <span class="tagline">{ text(language, Text::Tagline) }</span>
            </div>
            <div class="header-right">
                <span class={status_class} role="status" title={status_title} data-testid="save-status">
                    { status_text }
                </span>
                <div class="language-switch" role="group" aria-label={text(language, Text::LanguageLabel)}>
                    { for buttons }
                </div>
            </div>
        </header>
    }
}
