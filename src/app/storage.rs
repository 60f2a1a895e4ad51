//! The one module that touches the browser's localStorage.
//!
//! Everything vpclab keeps lives under keys that start with [`NAMESPACE`]. Every access is
//! guarded: storage can be blocked (privacy settings, sandboxed iframes), full, or hold data
//! that another version wrote. None of these panics; each comes back as a [`StorageError`]
//! the UI can show, and what is in memory is never thrown away because of it.
//!
//! Several tabs share one localStorage. A tab remembers the [`StoredVersion`] it last read
//! or wrote, and [`write_over`] replaces an entry only while it is still that version, so a
//! tab never saves over what another tab (or another vpclab) wrote since; [`listen`] reports
//! other tabs' writes as they happen, but the check before each write does not depend on it.

use std::hash::{Hash, Hasher};

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::i18n::{pick, Language};

/// The prefix of every key vpclab writes.
pub const NAMESPACE: &str = "vpclab";

/// The key of the user's preferences (language).
pub const PREFERENCES_KEY: &str = "vpclab:preferences";

/// The key of the saved network document.
pub const TOPOLOGY_KEY: &str = "vpclab:topology";

/// Where unreadable data is moved before anything overwrites it, so nothing is lost.
pub const RESCUE_KEY: &str = "vpclab:topology:unreadable";

/// Why a read or a write did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser gives no localStorage (blocked by settings, or a sandboxed frame).
    Unavailable,
    /// The browser refused the write, usually because the storage quota is full.
    WriteRefused {
        /// The key that was being written.
        key: String,
        /// What the browser said.
        reason: String,
    },
    /// The browser refused the read.
    ReadRefused {
        /// The key that was being read.
        key: String,
        /// What the browser said.
        reason: String,
    },
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable => write!(
                f,
                "this browser does not let the page use localStorage, so work is not saved"
            ),
            StorageError::WriteRefused { key, reason } => {
                write!(f, "the browser refused to save {key}: {reason}")
            }
            StorageError::ReadRefused { key, reason } => {
                write!(f, "the browser refused to read {key}: {reason}")
            }
        }
    }
}

impl StorageError {
    /// What happened, in `language`, in a few words; [`StorageError::detail`] has the
    /// browser's own.
    pub fn describe(&self, language: Language) -> String {
        let text = match self {
            StorageError::Unavailable => pick(
                language,
                "this browser does not let the page use its storage (privacy settings, or an embedded frame)",
                "este navegador no deja a la página usar su almacenamiento (ajustes de privacidad, o un marco incrustado)",
            ),
            StorageError::WriteRefused { .. } if self.is_quota() => pick(
                language,
                "the browser's storage for this site is full",
                "el almacenamiento del navegador para este sitio está lleno",
            ),
            StorageError::WriteRefused { .. } => {
                pick(language, "the browser refused to save", "el navegador se negó a guardar")
            }
            StorageError::ReadRefused { .. } => {
                pick(language, "the browser refused to read", "el navegador se negó a leer")
            }
        };
        text.to_owned()
    }

    /// What the browser said, if anything.
    pub fn detail(&self) -> Option<String> {
        match self {
            StorageError::Unavailable => None,
            StorageError::WriteRefused { reason, .. }
            | StorageError::ReadRefused { reason, .. } => Some(reason.clone()),
        }
    }

    /// Whether the browser refused because the quota is full. Browsers name it
    /// `QuotaExceededError` (older Firefox: `NS_ERROR_DOM_QUOTA_REACHED`).
    pub fn is_quota(&self) -> bool {
        matches!(self, StorageError::WriteRefused { reason, .. }
            if reason.contains("QuotaExceeded") || reason.contains("QUOTA_REACHED"))
    }
}

/// Whether localStorage can be used at all. Checked before every access because gloo's
/// `LocalStorage::raw` panics when storage is blocked.
fn available() -> bool {
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .is_some()
}

/// Turns what the browser threw into words, preferring a DOMException's name and message.
fn describe(value: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match value.dyn_ref::<web_sys::DomException>() {
        Some(exception) => format!("{} ({})", exception.message(), exception.name()),
        None => value.as_string().unwrap_or_else(|| format!("{value:?}")),
    }
}

/// Reads the raw text stored under `key`, or `None` when nothing is there.
///
/// # Errors
/// [`StorageError::Unavailable`] when storage is blocked, [`StorageError::ReadRefused`] when
/// the browser throws.
pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw()
        .get_item(key)
        .map_err(|error| StorageError::ReadRefused {
            key: key.to_owned(),
            reason: describe(error),
        })
}

/// Stores `value` under `key`, replacing what was there.
///
/// # Errors
/// [`StorageError::Unavailable`] when storage is blocked, [`StorageError::WriteRefused`] when
/// the browser throws (typically `QuotaExceededError`).
pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw()
        .set_item(key, value)
        .map_err(|error| StorageError::WriteRefused {
            key: key.to_owned(),
            reason: describe(error),
        })
}

/// Removes `key`; a missing key or blocked storage is not an error worth reporting.
pub fn remove(key: &str) {
    if available() {
        // Removing never throws in practice, and there is nothing the user could do if it did.
        let _ = LocalStorage::raw().remove_item(key);
    }
}

/// Copies unreadable text aside so that the next save cannot destroy it, and returns the
/// key it went under: [`RESCUE_KEY`], or `RESCUE_KEY:2`, `:3`... when an earlier rescue
/// holds other text (a rescue never overwrites another).
///
/// # Errors
/// As [`write()`].
pub fn rescue(raw: &str) -> Result<String, StorageError> {
    let mut key = RESCUE_KEY.to_owned();
    let mut number = 1;
    while let Some(kept) = read(&key)? {
        if kept == raw {
            return Ok(key);
        }
        number += 1;
        key = format!("{RESCUE_KEY}:{number}");
    }
    write(&key, raw)?;
    Ok(key)
}

/// What a tab last saw under a key: nothing, or a text of this length and fingerprint.
///
/// Comparing versions tells whether an entry is still exactly what the tab read or wrote,
/// whoever changed it since: another tab, an older vpclab, or someone in the devtools. The
/// fingerprint is a 64-bit hash of the whole text, so two different texts of the same length
/// pass for the same version with odds of about one in 2^64.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredVersion(Option<(usize, u64)>);

impl StoredVersion {
    /// The version of an empty entry (nothing stored).
    pub const ABSENT: StoredVersion = StoredVersion(None);

    /// The version of `text` (`None`: nothing stored).
    pub fn of(text: Option<&str>) -> StoredVersion {
        StoredVersion(text.map(|text| {
            // `DefaultHasher::new()` has fixed keys, so a text always has the same fingerprint.
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            text.hash(&mut hasher);
            (text.len(), hasher.finish())
        }))
    }
}

/// Why [`write_over`] did not write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteOverError {
    /// The entry is no longer the version the caller expected: someone else wrote it.
    Changed {
        /// What is stored now (`None`: the entry was removed).
        found: Option<String>,
    },
    /// The browser refused the read or the write.
    Storage(StorageError),
}

/// Writes `value` under `key` only if what is stored there is still `expected`, and returns
/// the version now stored.
///
/// # Errors
/// [`WriteOverError::Changed`] (nothing written) when the entry is another version;
/// [`WriteOverError::Storage`] when the browser refuses to read or to write.
pub fn write_over(
    key: &str,
    expected: StoredVersion,
    value: &str,
) -> Result<StoredVersion, WriteOverError> {
    let found = read(key).map_err(WriteOverError::Storage)?;
    if StoredVersion::of(found.as_deref()) != expected {
        return Err(WriteOverError::Changed { found });
    }
    write(key, value).map_err(WriteOverError::Storage)?;
    Ok(StoredVersion::of(Some(value)))
}

/// A copy of unreadable data that [`rescue`] set aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RescuedEntry {
    /// Its key: [`RESCUE_KEY`] or `RESCUE_KEY:n`.
    pub key: String,
    /// Its length in bytes (UTF-8).
    pub bytes: usize,
}

/// Whether `key` is one of the keys [`rescue`] writes.
pub fn is_rescue_key(key: &str) -> bool {
    key == RESCUE_KEY
        || key
            .strip_prefix(RESCUE_KEY)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|number| number.parse::<u32>().is_ok())
}

/// Every copy set aside by [`rescue`], in key order. Blocked or unreadable storage lists
/// nothing: there is nothing the page could offer from it.
pub fn rescued() -> Vec<RescuedEntry> {
    let Some(store) = web_sys::window().and_then(|window| window.local_storage().ok().flatten())
    else {
        return Vec::new();
    };
    let count = store.length().unwrap_or(0);
    let mut entries: Vec<RescuedEntry> = (0..count)
        .filter_map(|index| store.key(index).ok().flatten())
        .filter(|key| is_rescue_key(key))
        .filter_map(|key| {
            let bytes = store.get_item(&key).ok().flatten()?.len();
            Some(RescuedEntry { key, bytes })
        })
        .collect();
    // `RESCUE_KEY` first, then `:2`, `:3`... in number order, as they were set aside.
    entries.sort_by_key(|entry| {
        entry
            .key
            .rsplit(':')
            .next()
            .and_then(|number| number.parse::<u32>().ok())
            .unwrap_or(1)
    });
    entries
}

/// Deletes a copy set aside by [`rescue`]; any other key is left alone.
pub fn remove_rescued(key: &str) {
    if is_rescue_key(key) {
        remove(key);
    }
}

/// A change another tab made to localStorage, as the `storage` event reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageChange {
    /// The key that changed; `None` when the other tab cleared everything.
    pub key: Option<String>,
    /// What is stored under it now (`None`: removed).
    pub new_value: Option<String>,
}

/// Calls `onchange` for every change another tab makes to this origin's localStorage, until
/// the returned [`Listening`] is dropped. The browser never reports a tab's own writes.
pub fn listen(onchange: impl Fn(StorageChange) + 'static) -> Listening {
    let listener =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
            onchange(StorageChange {
                key: event.key(),
                new_value: event.new_value(),
            });
        });
    let window = web_sys::window();
    if let Some(window) = &window {
        // Adding a listener to a window cannot fail in practice; if it did, the check in
        // `write_over` still stops a stale save.
        let _ =
            window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    }
    Listening { window, listener }
}

/// A `storage` event listener; dropping it stops the listening.
pub struct Listening {
    window: Option<web_sys::Window>,
    listener: Closure<dyn Fn(web_sys::StorageEvent)>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        if let Some(window) = &self.window {
            let _ = window.remove_event_listener_with_callback(
                "storage",
                self.listener.as_ref().unchecked_ref(),
            );
        }
    }
}
