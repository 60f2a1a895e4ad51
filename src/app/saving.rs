//! What the app knows about the network stored in the browser, and what it tells the user
//! about it: the part of the state [`super::persistence`] reports to and the notices show.
//!
//! The one rule: the app never writes over a stored network it has not read and understood
//! ([`Base::Known`]), unless the user explicitly chooses to. When the stored entry could not be
//! read, or could not be set aside, the base is [`Base::Guarded`]; when another tab saved since
//! this tab read, it is [`Base::Stale`]. In both, changes stay in memory, the header says "Not
//! saved", and a notice offers the choices (download, replace, reload, keep mine).

use super::i18n::{pick, Language};
use super::state::{AppState, SaveStatus};
use super::storage::{RescuedEntry, StorageError, StoredVersion};
use crate::model::document::LoadError;
use crate::model::Topology;

/// The largest network document vpclab saves or opens, in bytes: 2 MiB, about 13,000
/// instances. Browsers give an origin about 5 MB of localStorage (Chromium 10 MiB of UTF-16),
/// so a full-size network and a set-aside copy of another still fit.
pub const DOCUMENT_LIMIT: usize = 2 * 1024 * 1024;

/// What this tab knows about the stored network, which decides whether it may save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    /// What is stored is exactly what this tab read and understood or last wrote (or nothing,
    /// or an unreadable text already copied aside): saving may replace it.
    Known(StoredVersion),
    /// What is stored was not read and understood, and is not safe anywhere else: nothing is
    /// saved until the user chooses.
    Guarded,
    /// Another tab saved since this tab read: nothing is saved until the user chooses.
    Stale,
}

impl Default for Base {
    fn default() -> Self {
        Base::Known(StoredVersion::ABSENT)
    }
}

/// Why the latest change is not stored. The work stays in memory either way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// The browser refused: storage full, or blocked.
    Refused(StorageError),
    /// The network is larger than [`DOCUMENT_LIMIT`] as a document.
    TooLarge {
        /// The document's size in bytes.
        bytes: usize,
    },
    /// The stored network was not read and understood; saving waits for the user's choice.
    Guarded,
    /// Another tab saved a newer network; saving waits for the user's choice.
    ChangedElsewhere,
}

impl SaveFailure {
    /// Why, in `language`, for the save indicator's tooltip and the notice.
    pub fn describe(&self, language: Language) -> String {
        match self {
            SaveFailure::Refused(error) => error.describe(language),
            SaveFailure::TooLarge { bytes } => format!(
                "{} ({} {})",
                pick(
                    language,
                    "your network has grown past the 2 MB that vpclab keeps in the browser",
                    "tu red superó los 2 MB que vpclab guarda en el navegador"
                ),
                file_size(*bytes, language),
                pick(language, "as a document", "como documento"),
            ),
            SaveFailure::Guarded => pick(
                language,
                "the network saved in this browser was not opened, so nothing is saved over it until you choose",
                "la red guardada en este navegador no se abrió, así que no se guarda nada encima hasta que elijas",
            )
            .to_owned(),
            SaveFailure::ChangedElsewhere => pick(
                language,
                "the saved network changed in another tab",
                "la red guardada cambió en otra pestaña",
            )
            .to_owned(),
        }
    }

    /// The browser's own words, when it gave any.
    pub fn detail(&self) -> Option<String> {
        match self {
            SaveFailure::Refused(error) => error.detail(),
            SaveFailure::TooLarge { .. } | SaveFailure::Guarded | SaveFailure::ChangedElsewhere => {
                None
            }
        }
    }
}

/// Why a stored network could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenProblem {
    /// It is larger than [`DOCUMENT_LIMIT`]: not even parsed.
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// It is not a network this vpclab reads.
    Unreadable(LoadError),
}

/// A size for people: bytes, KB or MB (one decimal), as `language` writes numbers.
pub fn file_size(bytes: usize, language: Language) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * 1024;
    let text = if bytes < KIB {
        format!("{bytes} bytes")
    } else if bytes < MIB {
        format!("{} KB", bytes.div_ceil(KIB))
    } else {
        // Sizes here are at most a few megabytes: an f64 holds them exactly.
        #[allow(
            clippy::cast_precision_loss,
            reason = "a few million fits an f64 exactly"
        )]
        let megabytes = bytes as f64 / MIB as f64;
        format!("{megabytes:.1} MB")
    };
    match language {
        Language::English => text,
        Language::Spanish => text.replace('.', ","),
    }
}

/// Something the user should know about what is stored, with the choices it offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageNotice {
    /// The saved preferences could not be read; the defaults are used.
    PreferencesUnreadable(String),
    /// The saved network could not be opened; it was copied aside under `key`.
    NetworkSetAside {
        /// Why it could not be opened.
        problem: OpenProblem,
        /// Where it was copied.
        key: String,
    },
    /// The saved network could not be opened nor copied aside: it stays where it is and
    /// nothing is saved over it until the user downloads or replaces it.
    NetworkGuarded {
        /// Why it could not be opened.
        problem: OpenProblem,
        /// Why it could not be copied aside.
        error: StorageError,
    },
    /// The browser refused to read the saved network: nothing is saved over it until the user
    /// tries again or replaces it.
    ReadRefused(StorageError),
    /// Another tab saved a newer network: reload it, or keep this tab's.
    ChangedElsewhere,
    /// Saving is impossible for now: full, blocked or too large.
    NotSaved(SaveFailure),
    /// A choice the user made could not be carried out; nothing was replaced.
    ChoiceFailed(String),
}

impl StorageNotice {
    /// Whether the user may hide it: notices that hold a pending choice stay until chosen.
    pub fn dismissible(&self) -> bool {
        !matches!(
            self,
            StorageNotice::NetworkGuarded { .. }
                | StorageNotice::ReadRefused(_)
                | StorageNotice::ChangedElsewhere
        )
    }

    /// Whether it belongs to a stored network this tab does not own yet: once this tab's
    /// network is saved (the user chose), it no longer applies.
    fn resolved_by_saving(&self) -> bool {
        matches!(
            self,
            StorageNotice::NetworkGuarded { .. }
                | StorageNotice::ReadRefused(_)
                | StorageNotice::ChangedElsewhere
                | StorageNotice::NotSaved(_)
                | StorageNotice::ChoiceFailed(_)
        )
    }
}

/// Everything the app tracks about localStorage.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct StorageState {
    /// What this tab knows about the stored network.
    pub base: Base,
    /// What the user should know, oldest first.
    pub notices: Vec<StorageNotice>,
    /// Copies of unreadable networks set aside, for the "Recovered data" entry.
    pub recovered: Vec<RescuedEntry>,
}

impl StorageState {
    /// Shows `notice`, replacing one of the same kind rather than stacking copies.
    pub fn notify(&mut self, notice: StorageNotice) {
        let kind = std::mem::discriminant(&notice);
        match self
            .notices
            .iter_mut()
            .find(|shown| std::mem::discriminant(*shown) == kind)
        {
            Some(shown) => *shown = notice,
            None => self.notices.push(notice),
        }
    }
}

/// What reading the stored network found: a visit's start, or the user's "Reload".
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The network, when one was stored and readable.
    pub topology: Option<Topology>,
    /// What the tab may now assume about the stored entry.
    pub base: Base,
    /// What to tell the user, if anything.
    pub notice: Option<StorageNotice>,
    /// Nothing was stored at all.
    pub first_visit: bool,
}

/// A change to [`StorageState`] and the save indicator, reported by the persistence layer.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageAction {
    /// The network was saved; this is the version now stored.
    Saved(StoredVersion),
    /// The latest network change was not saved.
    NotSaved(SaveFailure),
    /// The outcome of saving the preferences: a failure is reported, but a success never
    /// hides a network that is not saved.
    PreferencesSaved(Result<(), SaveFailure>),
    /// Another tab changed the stored network away from this tab's base.
    ChangedElsewhere,
    /// The stored network was read again ("Reload", "Try again"): a readable one replaces
    /// the network shown, as one undoable step.
    Reopened(Box<Opened>),
    /// The copies set aside are now these.
    Recovered(Vec<RescuedEntry>),
    /// Show a notice.
    Notify(StorageNotice),
    /// Hide the notice at this index, if it may be hidden.
    Dismiss(usize),
}

impl AppState {
    /// Applies a [`StorageAction`]: the storage part of the one reducer.
    pub(super) fn change_storage(&mut self, action: StorageAction) {
        match action {
            StorageAction::Saved(version) => {
                self.storage.base = Base::Known(version);
                self.save_status = SaveStatus::Saved;
                self.storage
                    .notices
                    .retain(|notice| !notice.resolved_by_saving());
            }
            StorageAction::NotSaved(failure) => self.not_saved(failure),
            StorageAction::PreferencesSaved(Ok(())) => {
                let owned = matches!(self.storage.base, Base::Known(_));
                if owned && self.save_status == SaveStatus::Unchanged {
                    self.save_status = SaveStatus::Saved;
                }
            }
            StorageAction::PreferencesSaved(Err(failure)) => self.not_saved(failure),
            StorageAction::ChangedElsewhere => {
                self.storage.base = Base::Stale;
                self.storage.notify(StorageNotice::ChangedElsewhere);
            }
            StorageAction::Reopened(opened) => {
                let Opened {
                    topology,
                    base,
                    notice,
                    ..
                } = *opened;
                if let Some(session) = self.lesson.as_mut() {
                    // A lesson is on screen: the learner's own network waits behind it.
                    if let Some(topology) = topology {
                        let session = std::rc::Rc::make_mut(session);
                        std::rc::Rc::make_mut(&mut session.own).push(topology);
                    }
                } else if let Some(topology) = topology {
                    std::rc::Rc::make_mut(&mut self.history).push(topology);
                    self.view_epoch += 1;
                    self.selection = None;
                    self.form = None;
                    self.rejection = None;
                }
                self.storage.base = base;
                self.storage
                    .notices
                    .retain(|notice| !notice.resolved_by_saving());
                self.save_status = SaveStatus::Unchanged;
                if let Some(notice) = notice {
                    self.storage.notify(notice);
                }
            }
            StorageAction::Recovered(entries) => self.storage.recovered = entries,
            StorageAction::Notify(notice) => self.storage.notify(notice),
            StorageAction::Dismiss(index) => {
                if self
                    .storage
                    .notices
                    .get(index)
                    .is_some_and(StorageNotice::dismissible)
                {
                    self.storage.notices.remove(index);
                }
            }
        }
    }

    fn not_saved(&mut self, failure: SaveFailure) {
        // Say it once, in words, not only in the indicator's tooltip; a dismissed notice
        // comes back only when the reason changes.
        let new_reason = self.save_status != SaveStatus::Failed(failure.clone());
        match &failure {
            SaveFailure::ChangedElsewhere => {
                self.storage.base = Base::Stale;
                self.storage.notify(StorageNotice::ChangedElsewhere);
            }
            // The guarding notice is already shown and cannot be hidden.
            SaveFailure::Guarded => {}
            SaveFailure::Refused(_) | SaveFailure::TooLarge { .. } => {
                if new_reason {
                    self.storage
                        .notify(StorageNotice::NotSaved(failure.clone()));
                }
            }
        }
        self.save_status = SaveStatus::Failed(failure);
    }
}
