//! Loading and autosaving the network and the preferences, through [`super::storage`], and
//! carrying out the user's choices about stored data.
//!
//! The saved network is the model's versioned document; it is restored through the model's
//! one validating path ([`crate::model::document::restore`]). Anything unreadable — corrupt
//! JSON, a future version, a network that breaks the rules, a document over
//! [`DOCUMENT_LIMIT`] — is copied aside under [`storage::RESCUE_KEY`] before the app saves
//! anything, and the user is told why.
//!
//! Saving follows the rule of [`super::saving`]: a save replaces the stored entry only while
//! it is still the version this tab read or wrote ([`storage::write_over`]). An entry that
//! could not be read, or not copied aside, or that another tab changed, is never written
//! over by an autosave: only by the user's explicit "Replace the saved network" or "Keep
//! mine", which download what is there first.

use yew::prelude::*;

use super::after_paint::{after_paint, PageLeaving};
use super::crash;
use super::download;
use super::saving::{
    Base, OpenProblem, Opened, SaveFailure, StorageAction, StorageNotice, StorageState,
    DOCUMENT_LIMIT,
};
use super::state::{Action, AppState, Preferences, ShareAction, SharedTopology};
use super::storage::{self, StorageError, StoredVersion, WriteOverError};
use crate::model::{document, Topology};

/// The file name of "Download my network".
pub const NETWORK_FILE: &str = "vpclab-network.json";

/// What a visit finds in storage.
#[derive(Debug, Default)]
pub struct Restored {
    /// The saved network, if there was a readable one.
    pub topology: Option<Topology>,
    /// The saved preferences, if readable.
    pub preferences: Option<Preferences>,
    /// Nothing was saved at all: show the first-run hint.
    pub first_visit: bool,
    /// What the tab knows about the stored network, what to tell the user, what was set aside.
    pub storage: StorageState,
}

/// Reads the saved network and preferences. Never panics and never deletes anything.
// Kept out of its callers, so that V8 optimises it (or not) on its own: see
// `model::document::validate`.
#[inline(never)]
pub fn restore() -> Restored {
    let mut restored = Restored::default();
    match storage::read(storage::PREFERENCES_KEY) {
        Ok(Some(raw)) => match serde_json::from_str::<Preferences>(&raw) {
            Ok(preferences) => restored.preferences = Some(preferences),
            Err(error) => restored
                .storage
                .notify(StorageNotice::PreferencesUnreadable(error.to_string())),
        },
        Ok(None) => {}
        // Blocked storage is reported once, with the network below.
        Err(StorageError::Unavailable) => {}
        Err(error @ StorageError::ReadRefused { .. })
        | Err(error @ StorageError::WriteRefused { .. }) => {
            restored
                .storage
                .notify(StorageNotice::PreferencesUnreadable(error.to_string()));
        }
    }
    let opened = open_network();
    restored.topology = opened.topology;
    restored.first_visit = opened.first_visit;
    restored.storage.base = opened.base;
    if let Some(notice) = opened.notice {
        restored.storage.notify(notice);
    }
    restored.storage.recovered = storage::rescued();
    restored
}

/// Reads the stored network, as a visit does and as "Reload" does again. An unreadable
/// entry is copied aside; one that cannot be copied aside is guarded (never saved over).
pub fn open_network() -> Opened {
    let nothing = |base, notice| Opened {
        topology: None,
        base,
        notice,
        first_visit: false,
    };
    let raw = match storage::read(storage::TOPOLOGY_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => {
            return Opened {
                first_visit: true,
                ..nothing(Base::Known(StoredVersion::ABSENT), None)
            }
        }
        Err(StorageError::Unavailable) => {
            return nothing(
                Base::Known(StoredVersion::ABSENT),
                Some(StorageNotice::NotSaved(SaveFailure::Refused(
                    StorageError::Unavailable,
                ))),
            )
        }
        Err(error) => return nothing(Base::Guarded, Some(StorageNotice::ReadRefused(error))),
    };
    let version = StoredVersion::of(Some(&raw));
    let problem = if raw.len() > DOCUMENT_LIMIT {
        OpenProblem::TooLarge { bytes: raw.len() }
    } else {
        match document::restore(&raw) {
            Ok(topology) => {
                return Opened {
                    topology: Some(topology),
                    ..nothing(Base::Known(version), None)
                }
            }
            Err(error) => OpenProblem::Unreadable(error),
        }
    };
    match storage::rescue(&raw) {
        // The text is safe under `key`: the next change may replace the entry.
        Ok(key) => nothing(
            Base::Known(version),
            Some(StorageNotice::NetworkSetAside { problem, key }),
        ),
        Err(error) => nothing(
            Base::Guarded,
            Some(StorageNotice::NetworkGuarded { problem, error }),
        ),
    }
}

/// Saves `document` (the network as JSON) if the tab's `base` allows it, and says how it went.
pub fn save_network(base: Base, document: &str) -> StorageAction {
    if document.len() > DOCUMENT_LIMIT {
        return StorageAction::NotSaved(SaveFailure::TooLarge {
            bytes: document.len(),
        });
    }
    let expected = match base {
        Base::Known(version) => version,
        Base::Guarded => return StorageAction::NotSaved(SaveFailure::Guarded),
        Base::Stale => return StorageAction::NotSaved(SaveFailure::ChangedElsewhere),
    };
    match storage::write_over(storage::TOPOLOGY_KEY, expected, document) {
        Ok(version) => StorageAction::Saved(version),
        Err(WriteOverError::Changed { .. }) => {
            StorageAction::NotSaved(SaveFailure::ChangedElsewhere)
        }
        Err(WriteOverError::Storage(error)) => StorageAction::NotSaved(SaveFailure::Refused(error)),
    }
}

/// What the user chose in a storage notice or the "Recovered data" entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageChoice {
    /// Download the network this tab shows.
    DownloadMine,
    /// Download the text stored as the network (it could not be opened).
    DownloadStored,
    /// Download what is stored, then save this tab's network over it. `even_unread`: the
    /// user was told the stored entry cannot be read, so it cannot be downloaded first.
    ReplaceStored {
        /// Replace even when the stored entry cannot be read (and so not downloaded).
        even_unread: bool,
    },
    /// Another tab saved: download its version, then save this tab's over it.
    KeepMine,
    /// Read the stored network again and show it ("Reload", "Try again").
    Reload,
    /// Download a copy set aside under this key.
    DownloadRecovered(String),
    /// Delete a copy set aside under this key.
    DeleteRecovered(String),
    /// Hide the notice at this index.
    Dismiss(usize),
    /// "Keep a copy" of a shared network: download what is stored, then save the shared
    /// network over it; the shared view ends only if it was saved.
    KeepShared,
}

/// The file name for a copy set aside under `key`: `vpclab-recovered.txt`, `-2.txt`...
fn recovered_file(key: &str) -> String {
    match key
        .strip_prefix(storage::RESCUE_KEY)
        .and_then(|rest| rest.strip_prefix(':'))
    {
        Some(number) => format!("vpclab-recovered-{number}.txt"),
        None => "vpclab-recovered.txt".to_owned(),
    }
}

/// Offers the text stored under `key` as `file_name`. Nothing stored: nothing to offer.
fn download_stored(key: &str, file_name: &str) -> Result<(), String> {
    match storage::read(key).map_err(|error| error.to_string())? {
        Some(text) => {
            download::offer(file_name, &text, download::TEXT).map_err(|error| error.to_string())
        }
        None => Ok(()),
    }
}

/// Saves `topology` over whatever is stored, after offering what is there as `file_name`.
fn replace_stored(topology: &Topology, file_name: &str, even_unread: bool) -> StorageAction {
    let expected = match storage::read(storage::TOPOLOGY_KEY) {
        Ok(Some(text)) => {
            if let Err(error) = download::offer(file_name, &text, download::TEXT) {
                return StorageAction::Notify(StorageNotice::ChoiceFailed(error.to_string()));
            }
            StoredVersion::of(Some(&text))
        }
        Ok(None) => StoredVersion::ABSENT,
        Err(StorageError::ReadRefused { .. }) if even_unread => {
            let document = document::to_json(topology);
            if document.len() > DOCUMENT_LIMIT {
                return StorageAction::NotSaved(SaveFailure::TooLarge {
                    bytes: document.len(),
                });
            }
            return match storage::write(storage::TOPOLOGY_KEY, &document) {
                Ok(()) => StorageAction::Saved(StoredVersion::of(Some(&document))),
                Err(error) => StorageAction::NotSaved(SaveFailure::Refused(error)),
            };
        }
        Err(error) => return StorageAction::Notify(StorageNotice::ChoiceFailed(error.to_string())),
    };
    save_network(Base::Known(expected), &document::to_json(topology))
}

/// Carries out `choice` for the app whose state is `state`.
fn perform(state: &UseReducerHandle<AppState>, choice: StorageChoice) {
    let topology = state.own_topology().clone();
    let failed = |error: String| {
        state.dispatch(Action::Storage(StorageAction::Notify(
            StorageNotice::ChoiceFailed(error),
        )));
    };
    match choice {
        StorageChoice::DownloadMine => {
            let text = document::to_json_pretty(&topology);
            if let Err(error) = download::offer(NETWORK_FILE, &text, download::JSON) {
                failed(error.to_string());
            }
        }
        StorageChoice::DownloadStored => {
            if let Err(error) = download_stored(storage::TOPOLOGY_KEY, "vpclab-saved-network.txt") {
                failed(error);
            }
        }
        StorageChoice::ReplaceStored { even_unread } => state.dispatch(Action::Storage(
            replace_stored(&topology, "vpclab-saved-network.txt", even_unread),
        )),
        StorageChoice::KeepMine => state.dispatch(Action::Storage(replace_stored(
            &topology,
            "vpclab-network-from-another-tab.json",
            false,
        ))),
        StorageChoice::Reload => {
            let opened = open_network();
            let nothing_stored = opened.first_visit;
            state.dispatch(Action::Storage(StorageAction::Reopened(Box::new(opened))));
            if nothing_stored {
                // The other tab removed the network: this tab's is the only one; keep it.
                let base = state.storage.base;
                state.dispatch(Action::Storage(save_network(
                    base,
                    &document::to_json(&topology),
                )));
            }
            state.dispatch(Action::Storage(
                StorageAction::Recovered(storage::rescued()),
            ));
        }
        StorageChoice::DownloadRecovered(key) => {
            if let Err(error) = download_stored(&key, &recovered_file(&key)) {
                failed(error);
            }
        }
        StorageChoice::DeleteRecovered(key) => {
            storage::remove_rescued(&key);
            state.dispatch(Action::Storage(
                StorageAction::Recovered(storage::rescued()),
            ));
        }
        StorageChoice::Dismiss(index) => {
            state.dispatch(Action::Storage(StorageAction::Dismiss(index)));
        }
        StorageChoice::KeepShared => {
            let outcome = replace_stored(&topology, "vpclab-my-saved-network.json", false);
            if matches!(outcome, StorageAction::Saved(_)) {
                super::sharing::forget_link();
            }
            state.dispatch(Action::Share(ShareAction::Kept(outcome)));
        }
    }
}

/// Reacts to another tab's write: a stored network that is no longer this tab's base makes
/// the base stale; a change to the set-aside copies refreshes the "Recovered data" entry.
fn on_other_tab(state: &UseReducerHandle<AppState>, change: storage::StorageChange) {
    // An embedded instance does not keep the visitor's network: their saves are not its news.
    if state.embedding.separate() {
        return;
    }
    let cleared = change.key.is_none();
    let key = change.key.as_deref().unwrap_or_default();
    if cleared || key == storage::TOPOLOGY_KEY {
        let now = StoredVersion::of(change.new_value.as_deref());
        let moved = match state.storage.base {
            Base::Known(version) => version != now,
            Base::Guarded => true,
            Base::Stale => false,
        };
        if moved {
            state.dispatch(Action::Storage(StorageAction::ChangedElsewhere));
        }
    }
    if cleared || storage::is_rescue_key(key) {
        state.dispatch(Action::Storage(
            StorageAction::Recovered(storage::rescued()),
        ));
    }
}

/// Says on the page's root element (`data-save-pending`) whether a save is waiting for its
/// frame, for tools and tests that read what is stored right after a change.
fn mark_save_pending(waiting: bool) {
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = if waiting {
            root.set_attribute("data-save-pending", "")
        } else {
            root.remove_attribute("data-save-pending")
        };
    }
}

/// Makes the save a change asked for, if it is still waiting: the latest network, under the
/// latest base.
fn save_pending(
    latest: &std::cell::RefCell<UseReducerHandle<AppState>>,
    pending: &std::cell::RefCell<bool>,
) {
    if !std::mem::replace(&mut *pending.borrow_mut(), false) {
        return;
    }
    mark_save_pending(false);
    let state = latest.borrow().clone();
    // A shared network is never saved: the stored one is the visitor's own. Nor is an
    // embedded one: it keeps to its own key (`app::embedding`).
    if state.shared.is_none() && !state.embedding.separate() {
        let outcome = save_network(state.storage.base, &document::to_json(state.own_topology()));
        state.dispatch(Action::Storage(outcome));
    }
}

/// Saves the network after every change and the preferences whenever they change, reports
/// each outcome to the reducer, listens for other tabs' saves, and returns the callback that
/// carries out the user's choices about stored data. The first render saves nothing: nothing
/// has changed yet, and unreadable data must stay where it is until the user acts. Nor does
/// a change to a network opened from a share link: it is not the visitor's.
///
/// The network is saved once the frame that shows the change is painted
/// ([`after_paint`]): saving thousands of instances takes tens of milliseconds, which the
/// user would otherwise wait for before seeing their change. Changes made before that save
/// runs are saved together; a save still waiting when the page is hidden or left, or the
/// app unmounted, is made then.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<AppState>) -> Callback<StorageChoice> {
    // Where a panic hook can find it, even if rendering this network is what panics.
    crash::remember_network(state.own_topology().clone());
    let first_network = use_mut_ref(|| true);
    let first_preferences = use_mut_ref(|| true);
    // The state as last rendered, for a save that runs later: the base it reads is the one
    // every outcome reported since (a save, another tab) is already in.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let pending = use_mut_ref(|| false);
    {
        let (latest, pending) = (latest.clone(), pending.clone());
        use_effect_with(
            // The learner's own network only: a lesson's network is never saved over it,
            // and leaving a lesson brings back the very network that was saved.
            SharedTopology(state.own_topology().clone()),
            move |_| {
                let first = std::mem::replace(&mut *first_network.borrow_mut(), false);
                if !first && !std::mem::replace(&mut *pending.borrow_mut(), true) {
                    mark_save_pending(true);
                    after_paint(move || save_pending(&latest, &pending));
                }
            },
        );
    }
    {
        let (latest, pending) = (latest.clone(), pending.clone());
        use_effect_with((), move |()| {
            let leaving = {
                let (latest, pending) = (latest.clone(), pending.clone());
                PageLeaving::listen(move || save_pending(&latest, &pending))
            };
            move || {
                drop(leaving);
                save_pending(&latest, &pending);
            }
        });
    }
    {
        let dispatcher = state.dispatcher();
        let separate = state.embedding.separate();
        use_effect_with(state.preferences.clone(), move |preferences| {
            crash::remember_language(preferences.language);
            // A language chosen in an embedded frame is the tutorial's, not the visitor's.
            if !std::mem::replace(&mut *first_preferences.borrow_mut(), false) && !separate {
                let outcome = serde_json::to_string(preferences)
                    .map_err(|error| {
                        SaveFailure::Refused(StorageError::WriteRefused {
                            key: storage::PREFERENCES_KEY.to_owned(),
                            reason: error.to_string(),
                        })
                    })
                    .and_then(|json| {
                        storage::write(storage::PREFERENCES_KEY, &json)
                            .map_err(SaveFailure::Refused)
                    });
                dispatcher.dispatch(Action::Storage(StorageAction::PreferencesSaved(outcome)));
            }
        });
    }
    {
        let state = state.clone();
        use_effect_with((), move |()| {
            let listening = storage::listen(move |change| on_other_tab(&state, change));
            move || drop(listening)
        });
    }
    let state = state.clone();
    use_callback((), move |choice, ()| perform(&state, choice))
}
