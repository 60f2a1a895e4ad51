//! The Yew user interface (browser only).
//!
//! [`App`] owns the one [`state::AppState`] through `use_reducer`; components under
//! [`components`] render parts of it and dispatch [`state::Action`]s. Saving happens in one
//! effect here, through [`storage`], the only module that touches localStorage.

pub mod components;
pub mod i18n;
pub mod state;
pub mod storage;

use yew::prelude::*;

use components::canvas::Canvas;
use components::header::Header;
use components::side_panel::SidePanel;
use i18n::{text, Language, Text};
use state::{Action, AppState, Preferences};

/// Mounts the app into the page body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// The language the browser prefers, for a first visit.
fn browser_language() -> Language {
    web_sys::window()
        .and_then(|window| window.navigator().language())
        .map(|tag| Language::from_browser_tag(&tag))
        .unwrap_or_default()
}

/// Builds the state a visit starts with: saved preferences when they are readable,
/// otherwise the browser's language, with a notice saying why nothing was restored.
pub fn initial_state() -> AppState {
    let mut state = AppState {
        preferences: Preferences {
            language: browser_language(),
        },
        ..AppState::default()
    };
    match storage::read(storage::PREFERENCES_KEY) {
        Ok(Some(raw)) => match serde_json::from_str::<Preferences>(&raw) {
            Ok(preferences) => state.preferences = preferences,
            Err(error) => {
                state.notice = Some(format!(
                    "Saved preferences could not be read ({error}); using defaults."
                ));
            }
        },
        Ok(None) => {}
        Err(error) => state.notice = Some(error.to_string()),
    }
    state
}

/// The whole app: header, toolbar, diagram canvas and side panel.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let language = state.preferences.language;

    // Persist preferences whenever they change (but not on first render: nothing changed).
    {
        let dispatcher = state.dispatcher();
        let first = use_mut_ref(|| true);
        use_effect_with(state.preferences.clone(), move |preferences| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            let outcome = serde_json::to_string(preferences)
                .map_err(|error| error.to_string())
                .and_then(|json| {
                    storage::write(storage::PREFERENCES_KEY, &json).map_err(|e| e.to_string())
                });
            dispatcher.dispatch(Action::SaveFinished(outcome));
        });
    }
    // Keep <html lang> in step with the UI language, for screen readers.
    use_effect_with(language, |language| {
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("lang", language.tag());
        }
    });

    let onlanguage = {
        let dispatcher = state.dispatcher();
        Callback::from(move |language| dispatcher.dispatch(Action::SetLanguage(language)))
    };
    let ondismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::DismissNotice))
    };

    html! {
        <div class="app">
            <Header {language} save_status={state.save_status.clone()} {onlanguage} />
            if let Some(notice) = &state.notice {
                <div class="notice" role="alert" data-testid="notice">
                    <span>{ notice }</span>
                    <button class="dismiss" onclick={ondismiss} aria-label="Dismiss">{ "×" }</button>
                </div>
            }
            <div class="workspace">
                <nav class="toolbar" aria-label={text(language, Text::Toolbar)} data-testid="toolbar"></nav>
                <Canvas {language} extent={(800.0, 600.0)} />
                <SidePanel {language} />
            </div>
        </div>
    }
}
