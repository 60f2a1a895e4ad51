//! The one module that touches the browser's localStorage.
//!
//! Everything vpclab keeps lives under keys that start with [`NAMESPACE`]. Every access is
//! guarded: storage can be blocked (privacy settings, sandboxed iframes), full, or hold data
//! that another version wrote. None of these panics; each comes back as a [`StorageError`]
//! the UI can show, and what is in memory is never thrown away because of it.

use gloo_storage::{LocalStorage, Storage};

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
