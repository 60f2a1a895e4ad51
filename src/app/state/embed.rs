//! The embedding part of the state: what the page address asked for (`?embed=1`,
//! `readonly`, a content source, the host pages obeyed), and the reducer's answers to what
//! a host page or a fetched file changes.
//!
//! A read-only instance refuses every edit here, in the one reducer, so no button, form,
//! shortcut or message can get round it; the visitor is told why.

use std::rc::Rc;

use super::{Action, AppState, History, Notice, TraceSetup};
use crate::app::i18n::pick;
use crate::embed::{ContentSource, EmbedOptions, QueryError};
use crate::model::Topology;

/// What the page address asks of this instance, read once when the app starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Embedding {
    /// The parameters, as [`EmbedOptions::from_query`] read them (the defaults when the
    /// address could not be read).
    pub options: EmbedOptions,
    /// Why the address could not be read, if it could not: the frame says so, shows the
    /// article's network, and keeps away from the visitor's saved one.
    pub problem: Option<QueryError>,
}

impl Embedding {
    /// Reads a page address's query (`?embed=1&…`). A query that cannot be read gives an
    /// embedded-looking instance (when it names `embed`) that keeps to memory.
    pub fn from_query(query: &str) -> Embedding {
        match EmbedOptions::from_query(query) {
            Ok(options) => Embedding {
                options,
                problem: None,
            },
            Err(problem) => Embedding {
                options: EmbedOptions {
                    embed: query.contains("embed"),
                    ..EmbedOptions::default()
                },
                problem: Some(problem),
            },
        }
    }

    /// Whether this instance keeps away from the visitor's own saved network (and their
    /// preferences and open lesson): embedded, showing named content, or given an address
    /// it could not read.
    pub fn separate(&self) -> bool {
        self.problem.is_some() || !self.options.uses_saved_network()
    }

    /// Whether the editor's chrome (header, toolbar, API log) shows.
    pub fn shows_editor(&self) -> bool {
        self.options.shows_editor()
    }

    /// Whether edits are refused (`readonly=1`).
    pub fn readonly(&self) -> bool {
        !self.options.allows_edits()
    }

    /// The key a separate instance keeps its network under, when it keeps one: not when
    /// read-only (the network only changes by the author's loads) nor when the address
    /// could not be read.
    pub fn storage_key(&self) -> Option<String> {
        (self.separate() && self.problem.is_none() && !self.readonly())
            .then(|| self.options.storage_key())
    }

    /// The scenario or topology address to fetch at start, if any.
    pub fn fetched_source(&self) -> Option<&ContentSource> {
        self.options
            .source
            .as_ref()
            .filter(|source| !matches!(source, ContentSource::Lesson(_)))
    }
}

/// A change an embedding page or a fetched file makes.
#[derive(Clone, Debug, PartialEq)]
pub enum EmbedAction {
    /// Show this network (loaded by the address or a host's message), with a fresh
    /// history; an open lesson is closed.
    Load(Rc<Topology>),
    /// Show this trace in the path-analysis panel (a host's `trace`).
    Trace(TraceSetup),
    /// Say why content could not be loaded (worded), keeping what is shown.
    Problem(String),
}

impl Action {
    /// Whether this action changes the network the way a visitor edits it (refused in a
    /// read-only instance). Loading content and lesson steps are the author's choice.
    pub fn is_edit(&self) -> bool {
        matches!(
            self,
            Action::OpenForm(_)
                | Action::SubmitForm
                | Action::Apply(_)
                | Action::DeleteSelected
                | Action::Confirm(_)
                | Action::Accept
                | Action::Undo
                | Action::Redo
                | Action::Replace(_)
                | Action::SetRules(_)
                | Action::Import { .. }
        )
    }
}

impl AppState {
    /// Refuses an edit in a read-only instance, telling the visitor why. Returns whether
    /// it was refused.
    pub(super) fn refuse_edit(&mut self, action: &Action) -> bool {
        if !self.embedding.readonly() || !action.is_edit() {
            return false;
        }
        self.form = None;
        self.confirmation = None;
        self.notice = Some(Notice::Message(
            pick(
                self.preferences.language,
                "This network is read-only here: you can select, zoom and trace, but not change it.",
                "Esta red es de solo lectura aquí: puedes seleccionar, ampliar y trazar, pero no cambiarla.",
            )
            .to_owned(),
        ));
        true
    }

    /// Applies an [`EmbedAction`].
    pub(super) fn change_embedding(&mut self, action: EmbedAction) {
        match action {
            EmbedAction::Load(topology) => {
                self.lesson = None;
                self.history = Rc::new(History::new(Topology::clone(&topology)));
                self.after_replace();
                self.notice = None;
                self.show_hint = false;
            }
            EmbedAction::Trace(setup) => self.trace = Some(setup),
            EmbedAction::Problem(message) => self.notice = Some(Notice::Message(message)),
        }
    }
}
