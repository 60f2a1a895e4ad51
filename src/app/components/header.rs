//! The top bar: product name, save indicator and language switch; on narrow screens also
//! the buttons that open the tools drawer and the details sheet.

use yew::prelude::*;

use crate::app::i18n::{pick, text, Language, Text};
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
    /// Whether the tools drawer is open (narrow screens).
    #[prop_or_default]
    pub tools_open: bool,
    /// Whether the details sheet is open (narrow screens).
    #[prop_or_default]
    pub panel_open: bool,
    /// Opens or closes the tools drawer.
    #[prop_or_default]
    pub ontools: Callback<()>,
    /// Opens or closes the details sheet.
    #[prop_or_default]
    pub onpanel: Callback<()>,
    /// Opens the keyboard-shortcuts dialog.
    #[prop_or_default]
    pub onhelp: Callback<()>,
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
    let toggle = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    html! {
        <header class="app-header">
            <button class="drawer-button tools-button" data-testid="open-tools"
                aria-expanded={props.tools_open.to_string()} onclick={toggle(&props.ontools)}>
                { "☰ " }{ pick(language, "Menu", "Menú") }</button>
            <div class="brand">
                <img src="icons/vpclab.svg" alt="" width="28" height="28" />
                <span class="product">{ "vpclab" }</span>
                <span class="tagline">{ text(language, Text::Tagline) }</span>
            </div>
            <div class="header-right">
                <button class="drawer-button panel-button" data-testid="open-panel"
                    aria-expanded={props.panel_open.to_string()} onclick={toggle(&props.onpanel)}>
                    { pick(language, "Details", "Detalles") }</button>
                <span class={status_class} role="status" title={status_title} data-testid="save-status">
                    { status_text }
                </span>
                <button class="help-button" data-testid="open-shortcuts" onclick={toggle(&props.onhelp)}
                    title={pick(language, "Keyboard shortcuts (?)", "Atajos de teclado (?)")}
                    aria-label={pick(language, "Keyboard shortcuts", "Atajos de teclado")}>{ "?" }</button>
                <div class="language-switch" role="group" aria-label={text(language, Text::LanguageLabel)}>
                    { for buttons }
                </div>
            </div>
        </header>
    }
}
