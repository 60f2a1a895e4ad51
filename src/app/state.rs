//! The app's single state and the one reducer that changes it.
//!
//! Components never mutate state: they dispatch an [`Action`], and [`AppState::reduce`]
//! returns the next state. Persisting is a side effect of the app component, which watches
//! the parts of the state that are saved.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::Reducible;

use super::i18n::Language;

/// What the user chose and expects to find again after a reload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Preferences {
    /// The UI language.
    pub language: Language,
}

/// Whether the latest state reached localStorage.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum SaveStatus {
    /// Nothing changed since load.
    #[default]
    Unchanged,
    /// The latest change is stored.
    Saved,
    /// The latest change could not be stored; the message says why. Work stays in memory.
    Failed(String),
}

/// Everything the UI shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AppState {
    /// The user's preferences.
    pub preferences: Preferences,
    /// Whether the latest change was saved.
    pub save_status: SaveStatus,
    /// A message for the user (a load problem, for instance), dismissible.
    pub notice: Option<String>,
}

/// Every change the UI can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch the UI language.
    SetLanguage(Language),
    /// Record the outcome of the latest save.
    SaveFinished(Result<(), String>),
    /// Show a message to the user.
    Notify(String),
    /// Hide the current message.
    DismissNotice,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLanguage(language) => next.preferences.language = language,
            Action::SaveFinished(Ok(())) => next.save_status = SaveStatus::Saved,
            Action::SaveFinished(Err(reason)) => next.save_status = SaveStatus::Failed(reason),
            Action::Notify(message) => next.notice = Some(message),
            Action::DismissNotice => next.notice = None,
        }
        Rc::new(next)
    }
}
