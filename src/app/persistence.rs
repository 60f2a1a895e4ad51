//! Loading and autosaving the network and the preferences, through [`super::storage`].
//!
//! The saved network is the model's versioned document; it is restored through the model's
//! one validating path ([`crate::model::document::restore`]). Anything unreadable — corrupt
//! JSON, a future version, a network that breaks the rules — is moved aside under
//! [`storage::RESCUE_KEY`] before the app saves anything, and the user is told why.

use yew::prelude::*;

use super::i18n::{pick, Language};
use super::state::{Action, AppState, Preferences, SharedTopology};
use super::storage;
use crate::model::{document, Topology};

/// What a visit finds in storage.
#[derive(Debug, Default)]
pub struct Restored {
    /// The saved network, if there was a readable one.
    pub topology: Option<Topology>,
    /// The saved preferences, if readable.
    pub preferences: Option<Preferences>,
    /// Nothing was saved at all: show the first-run hint.
    pub first_visit: bool,
    /// Why something saved could not be used, for the user.
    pub problem: Option<String>,
}

/// Reads the saved network and preferences. Never panics and never deletes anything.
/// Problems are explained in the saved language, else in `fallback` (the browser's).
pub fn restore(fallback: Language) -> Restored {
    let mut restored = Restored::default();
    let mut problems = Vec::new();
    let mut preference_problem = None;
    match storage::read(storage::PREFERENCES_KEY) {
        Ok(Some(raw)) => match serde_json::from_str::<Preferences>(&raw) {
            Ok(preferences) => restored.preferences = Some(preferences),
            Err(error) => preference_problem = Some(error.to_string()),
        },
        Ok(None) => {}
        Err(error) => problems.push(error.to_string()),
    }
    let language = restored
        .preferences
        .as_ref()
        .map_or(fallback, |preferences| preferences.language);
    if let Some(error) = preference_problem {
        problems.push(format!(
            "{} ({error}); {}",
            pick(
                language,
                "Saved preferences could not be read",
                "No se pudieron leer las preferencias guardadas"
            ),
            pick(language, "using defaults.", "se usan las predeterminadas."),
        ));
    }
    match storage::read(storage::TOPOLOGY_KEY) {
        Ok(Some(raw)) => match document::restore(&raw) {
            Ok(topology) => restored.topology = Some(topology),
            Err(error) => {
                let kept = match storage::rescue(&raw) {
                    Ok(key) => format!(
                        "{} \"{key}\"",
                        pick(language, "it was kept under", "se guardó aparte en")
                    ),
                    Err(rescue_error) => format!(
                        "{}: {rescue_error}",
                        pick(
                            language,
                            "and it could not be set aside",
                            "y no se pudo guardar aparte"
                        )
                    ),
                };
                problems.push(format!(
                    "{} ({error}); {kept}. {}",
                    pick(
                        language,
                        "The saved network could not be restored",
                        "No se pudo restaurar la red guardada"
                    ),
                    pick(
                        language,
                        "Showing the example network.",
                        "Se muestra la red de ejemplo."
                    ),
                ));
            }
        },
        Ok(None) => restored.first_visit = true,
        Err(error) => {
            if !problems.contains(&error.to_string()) {
                problems.push(error.to_string());
            }
        }
    }
    if !problems.is_empty() {
        restored.problem = Some(problems.join(" "));
    }
    restored
}

fn save_text(key: &str, text: &str) -> Result<(), String> {
    storage::write(key, text).map_err(|error| error.to_string())
}

/// Saves the network after every change and the preferences whenever they change, and
/// reports each outcome to the reducer for the "saved" indicator. The first render saves
/// nothing: nothing has changed yet, and unreadable data must stay where it is until the
/// user acts.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<AppState>) {
    let first_network = use_mut_ref(|| true);
    let first_preferences = use_mut_ref(|| true);
    {
        let dispatcher = state.dispatcher();
        use_effect_with(
            SharedTopology(state.history.present().clone()),
            move |topology| {
                if !std::mem::replace(&mut *first_network.borrow_mut(), false) {
                    let outcome = save_text(storage::TOPOLOGY_KEY, &document::to_json(&topology.0));
                    dispatcher.dispatch(Action::SaveFinished(outcome));
                }
            },
        );
    }
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.preferences.clone(), move |preferences| {
            if !std::mem::replace(&mut *first_preferences.borrow_mut(), false) {
                let outcome = serde_json::to_string(preferences)
                    .map_err(|error| error.to_string())
                    .and_then(|json| save_text(storage::PREFERENCES_KEY, &json));
                dispatcher.dispatch(Action::PreferencesSaved(outcome));
            }
        });
    }
}
