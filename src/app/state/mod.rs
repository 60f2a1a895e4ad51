//! The app's single state and the one reducer that changes it.
//!
//! Components never mutate state: they dispatch an [`Action`], and [`AppState::reduce`]
//! returns the next state. Network changes go through the model
//! ([`Topology::apply_in_place`]); a rejected command leaves the network exactly as it was
//! and records why. Undo is a history of whole topologies ([`History`]), not inverse
//! operations. Persisting is a side effect of the app component, which watches the saved
//! parts.
//!
//! The reducer clones the state for every action, animation ticks included, so whatever
//! grows with the network or the session (the history, the API-call log, a pending
//! delete plan) sits behind an `Rc` and is copied only when it changes.

mod embed;
mod help;
mod history;
mod lesson;
mod log;
mod sharing;
mod trace;

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::Reducible;

pub use embed::{EmbedAction, Embedding};
pub use help::{HelpAction, TOUR_STEPS};
pub use history::{History, HISTORY_LIMIT};
pub use lesson::{trace_setup, LessonAction, LessonSession, Score, Verdict};
pub use log::{ApiLog, LoggedCall, LOG_LIMIT};
pub use sharing::{LinkDialog, ShareAction, SharedView};
pub use trace::{TraceAction, TraceEnd, TraceSetup};

use super::forms::Form;
use super::i18n::Language;
use super::rejection::Rejection;
use super::saving::{SaveFailure, StorageAction, StorageState};
use crate::model::{editing, Command, CommandError, ElementId, RuleSet, Topology};

/// What the user chose and expects to find again after a reload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Preferences {
    /// The UI language.
    pub language: Language,
    /// Whether the first-run tour was taken or skipped (then it is not offered again).
    #[serde(default)]
    pub tour_seen: bool,
}

/// Whether the latest state reached localStorage.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum SaveStatus {
    /// Nothing changed since load.
    #[default]
    Unchanged,
    /// The latest change is stored.
    Saved,
    /// The latest change is not stored, for this reason. Work stays in memory.
    Failed(SaveFailure),
}

/// A message for the user above the workspace, worded by the UI in the user's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A message already worded (a load problem, explained in the saved language).
    Message(String),
    /// "New empty network" was chosen: where to start (and that undo brings the old back).
    EmptyNetwork,
    /// The page was opened with a share link that could not be read; the visitor's own
    /// network is shown, untouched.
    BadShareLink(crate::export::share::ShareError),
    /// A file was imported in place of the network (undo brings the old one back).
    Imported(crate::app::files::ImportSummary),
    /// A file could not be imported; the network is unchanged.
    ImportRefused {
        /// The file's name.
        file: String,
        /// Why.
        error: crate::export::import::ImportError,
    },
}

/// A topology compared by identity: effects and memos keyed on it cost nothing per render,
/// and every change makes a new one, so identity is exactly "changed or not".
#[derive(Clone, Debug)]
pub struct SharedTopology(pub Rc<Topology>);

impl PartialEq for SharedTopology {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A question waiting for the user's answer before anything changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirmation {
    /// What is being deleted, as shown to the user.
    pub subject: String,
    /// The commands that run if the user agrees, as one undoable step.
    pub commands: Vec<Command>,
}

/// Everything the UI shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The user's preferences.
    pub preferences: Preferences,
    /// The network and its undo history.
    pub history: Rc<History>,
    /// The selected element.
    pub selection: Option<ElementId>,
    /// The open form, if any.
    pub form: Option<Form>,
    /// A pending "delete with contents" question.
    pub confirmation: Option<Rc<Confirmation>>,
    /// The latest API calls.
    pub api_log: Rc<ApiLog>,
    /// The latest action the model rejected (outside a form), shown until the next change.
    pub rejection: Option<Rejection>,
    /// Whether the latest change was saved.
    pub save_status: SaveStatus,
    /// What this tab knows about the stored network, and the notices about it.
    pub storage: StorageState,
    /// A message for the user (a load problem, for instance), dismissible.
    pub notice: Option<Notice>,
    /// Whether the first-run hint is shown.
    pub show_hint: bool,
    /// The path-analysis panel, when open.
    pub trace: Option<TraceSetup>,
    /// Bumped when the network is replaced wholesale, so the canvas fits it to the screen.
    pub view_epoch: u32,
    /// The open lesson, if any (its network is the one in `history`).
    pub lesson: Option<Rc<LessonSession>>,
    /// Why a lesson could not be opened (a file that is no lesson, a failed download).
    pub lesson_problem: Option<String>,
    /// A network opened from a share link, shown (and never saved) until the visitor
    /// keeps a copy or goes back to their own.
    pub shared: Option<SharedView>,
    /// The "Copy link" dialog, when open.
    pub link_dialog: Option<LinkDialog>,
    /// What the page address asks of this instance (embedded, read-only…), fixed at start.
    pub embedding: Rc<Embedding>,
    /// The first-run tour's step, while it runs.
    pub tour: Option<usize>,
    /// Whether the keyboard-shortcuts dialog is open.
    pub shortcuts_open: bool,
}

impl AppState {
    /// A state showing `topology`, with default preferences.
    pub fn new(topology: Topology) -> AppState {
        AppState {
            preferences: Preferences::default(),
            history: Rc::new(History::new(topology)),
            selection: None,
            form: None,
            confirmation: None,
            api_log: Rc::new(ApiLog::default()),
            rejection: None,
            save_status: SaveStatus::Unchanged,
            storage: StorageState::default(),
            notice: None,
            show_hint: false,
            view_epoch: 0,
            trace: None,
            lesson: None,
            lesson_problem: None,
            shared: None,
            link_dialog: None,
            embedding: Rc::new(Embedding::default()),
            tour: None,
            shortcuts_open: false,
        }
    }

    /// The current network.
    pub fn topology(&self) -> &Topology {
        self.history.present()
    }

    /// Applies `commands` in order as one undoable step, on one working copy of the
    /// network. All succeed, or nothing changes (but the log, which records the refused
    /// call) and the first error comes back. On success, returns the id the last creating
    /// command made. Only the calls the log keeps are worded; the rest are counted.
    fn run(&mut self, commands: &[Command]) -> Result<Option<String>, CommandError> {
        let mut working = Topology::clone(self.topology());
        let kept_from = commands.len().saturating_sub(LOG_LIMIT);
        let mut calls = Vec::with_capacity(commands.len() - kept_from);
        let mut created = None;
        for (index, command) in commands.iter().enumerate() {
            match working.apply_in_place(command) {
                Ok(response) => {
                    if index >= kept_from {
                        calls.push(LoggedCall::succeeded(command, &response));
                    }
                    created = response.created.or(created);
                }
                Err(error) => {
                    Rc::make_mut(&mut self.api_log).push(LoggedCall::failed(command, &error));
                    self.lesson_met(error.kind);
                    return Err(error);
                }
            }
        }
        let log = Rc::make_mut(&mut self.api_log);
        log.skip(kept_from);
        calls.into_iter().for_each(|call| log.push(call));
        Rc::make_mut(&mut self.history).push(working);
        Ok(created)
    }

    /// Drops the selection when the selected element no longer exists.
    fn prune_selection(&mut self) {
        if let Some(id) = &self.selection {
            if !element_exists(self.topology(), id) {
                self.selection = None;
            }
        }
    }

    /// Runs commands as one step; a refusal is kept for the user. Returns whether it ran.
    fn run_or_reject(&mut self, commands: &[Command]) -> bool {
        match self.run(commands) {
            Ok(_) => {
                self.rejection = None;
                self.prune_selection();
                true
            }
            Err(error) => {
                self.rejection = Some(Rejection::from(&error));
                false
            }
        }
    }

    fn select(&mut self, id: Option<ElementId>) {
        if let (Some(trace), Some(id)) = (self.trace.as_mut(), id.as_ref()) {
            if is_trace_endpoint(self.history.present(), id) {
                trace.pick(id);
            }
        }
        self.selection = id;
        self.rejection = None;
    }

    /// Submits the open form; returns whether there was one.
    fn submit_form(&mut self) -> bool {
        let Some(form) = self.form.as_ref() else {
            return false;
        };
        let command = form.command();
        let outcome = command.map(|command| self.run(&[command]));
        match outcome {
            Ok(Ok(created)) => {
                self.form = None;
                self.rejection = None;
                self.show_hint = false;
                if created.is_some() {
                    self.selection = created.map(ElementId::Resource);
                }
            }
            Ok(Err(error)) => {
                if let Some(form) = self.form.as_mut() {
                    form.rejection = Some(Rejection::from(&error));
                    form.attempted = true;
                }
            }
            Err(_) => {
                if let Some(form) = self.form.as_mut() {
                    form.attempted = true;
                }
            }
        }
        true
    }

    /// Deletes the selection at once when it holds nothing, else asks first. Returns
    /// whether anything happened.
    fn delete_selected(&mut self) -> bool {
        let Some(id) = self.selection.clone() else {
            return false;
        };
        let plan = match id.as_resource() {
            Some(resource) => editing::delete_with_contents(self.topology(), resource),
            None => Vec::new(),
        };
        match plan.len() {
            0 => return false,
            1 => {
                self.run_or_reject(&plan);
            }
            _ => {
                self.confirmation = Some(Rc::new(Confirmation {
                    subject: id.to_string(),
                    commands: plan,
                }));
            }
        }
        true
    }

    fn cancel(&mut self) {
        if self.shortcuts_open {
            self.shortcuts_open = false;
        } else if self.link_dialog.is_some() {
            self.link_dialog = None;
        } else if self.confirmation.is_some() {
            self.confirmation = None;
        } else if self.form.is_some() {
            self.form = None;
        } else {
            self.selection = None;
        }
    }

    /// Moves through the history; returns whether there was a step to take.
    fn travel(&mut self, forward: bool) -> bool {
        let history = Rc::make_mut(&mut self.history);
        let moved = if forward {
            history.redo()
        } else {
            history.undo()
        };
        if moved {
            self.rejection = None;
            self.prune_selection();
        }
        moved
    }

    /// Clears what belonged to the network before it was replaced (by a lesson, an embedding
    /// page's network, or the visitor's own after a shared one): the view is fitted again,
    /// and the selection, form, confirmation, rejection and trace go.
    pub(super) fn after_replace(&mut self) {
        self.view_epoch += 1;
        self.selection = None;
        self.form = None;
        self.confirmation = None;
        self.rejection = None;
        self.trace = None;
    }

    fn replace(&mut self, topology: Topology) {
        Rc::make_mut(&mut self.history).push(topology);
        self.view_epoch += 1;
        self.selection = None;
        self.form = None;
        self.rejection = None;
    }

    /// Applies an import: see [`Action::Import`].
    fn import(
        &mut self,
        file: String,
        outcome: Result<Box<crate::export::import::Imported>, crate::export::import::ImportError>,
    ) {
        match outcome {
            Ok(imported) => {
                let summary = crate::app::files::ImportSummary::of(file, &imported);
                self.replace(imported.topology);
                // The trace's ends and a pending question were about the network replaced.
                self.trace = None;
                self.confirmation = None;
                self.show_hint = false;
                self.notice = Some(Notice::Imported(summary));
            }
            Err(error) => self.notice = Some(Notice::ImportRefused { file, error }),
        }
    }

    fn set_rules(&mut self, rules: RuleSet) {
        if rules != self.topology().rules() {
            let topology = self.topology().clone().with_rules(rules);
            Rc::make_mut(&mut self.history).push(topology);
        }
    }

    /// Applies one action to this (already copied) state; `false` when nothing changed.
    fn apply(&mut self, action: Action) -> bool {
        if self.refuse_edit(&action) {
            return true;
        }
        match action {
            Action::SetLanguage(language) => self.preferences.language = language,
            Action::Select(id) => self.select(id),
            Action::Trace(change) => self.change_trace(change),
            Action::Lesson(change) => {
                self.lesson_problem = None;
                self.change_lesson(change);
            }
            Action::LessonProblem(problem) => self.lesson_problem = problem,
            Action::OpenForm(form) => {
                self.form = Some(form);
                self.confirmation = None;
            }
            Action::EditField { param, value } => {
                // The fields proposed from this one follow it (a free IP of the new VSwitch).
                let topology = self.history.present();
                if let Some(form) = self.form.as_mut() {
                    form.set(&param, value);
                    form.follow(&param, topology);
                }
            }
            Action::CloseForm => self.form = None,
            Action::SubmitForm => return self.submit_form(),
            Action::Apply(commands) => {
                if self.run_or_reject(&commands) {
                    self.show_hint = false;
                }
            }
            Action::Confirm(confirmation) => self.confirmation = Some(Rc::new(confirmation)),
            Action::DeleteSelected => return self.delete_selected(),
            Action::Accept => {
                if let Some(confirmation) = self.confirmation.take() {
                    self.run_or_reject(&confirmation.commands);
                }
            }
            Action::Cancel => self.cancel(),
            Action::Undo => {
                self.travel(false);
                // The advice was about the empty network that undo just took away.
                if matches!(self.notice, Some(Notice::EmptyNetwork)) {
                    self.notice = None;
                }
            }
            Action::Redo => {
                self.travel(true);
            }
            Action::Replace(topology) => {
                // The first-visit hint describes the example network: after "New empty
                // network" (or a reset) it would be stale; an empty network says where to
                // start instead.
                let empty = topology.vpcs().is_empty();
                self.replace(topology);
                self.show_hint = false;
                if empty {
                    self.notice = Some(Notice::EmptyNetwork);
                } else if matches!(self.notice, Some(Notice::EmptyNetwork)) {
                    self.notice = None;
                }
            }
            Action::SetRules(rules) => self.set_rules(rules),
            Action::Storage(change) => self.change_storage(change),
            Action::Share(change) => self.change_sharing(change),
            Action::Import { file, outcome } => self.import(file, outcome),
            Action::Embed(change) => self.change_embedding(change),
            Action::Notify(message) => self.notice = Some(Notice::Message(message)),
            Action::DismissNotice => {
                self.notice = None;
                self.show_hint = false;
            }
            Action::Help(change) => self.change_help(change),
        }
        true
    }
}

/// Whether a click on `id` can be a trace endpoint: an instance, CLB, RDS, the Internet,
/// OSS or a data centre.
pub fn is_trace_endpoint(topology: &Topology, id: &ElementId) -> bool {
    match id {
        ElementId::Internet | ElementId::Oss(_) => true,
        ElementId::Resource(id) => {
            topology.instance(id).is_some()
                || topology.load_balancer(id).is_some()
                || topology.db_instance(id).is_some()
                || topology.data_center(id).is_some()
        }
        ElementId::Region(_)
        | ElementId::Zone { .. }
        | ElementId::More(_)
        | ElementId::PublicIp(_) => false,
    }
}

/// Whether `id` names something drawn for `topology`: a resource, a VRouter, a region with
/// a VPC (its OSS), a zone column of a VPC, a VSwitch's "+N more" node, a public address,
/// or the Internet.
pub fn element_exists(topology: &Topology, id: &ElementId) -> bool {
    match id {
        ElementId::Internet => true,
        ElementId::Oss(region) => topology.vpcs_in(region).next().is_some(),
        ElementId::Zone { vpc, .. } => topology.vpc(vpc).is_some(),
        ElementId::More(vswitch) => topology.vswitch(vswitch).is_some(),
        ElementId::PublicIp(holder) => {
            topology.public_ip_of(holder).is_some() || topology.eip_of(holder).is_some()
        }
        ElementId::Region(region) => crate::model::catalog::region(region).is_some(),
        ElementId::Resource(id) => {
            topology.contains_id(id) || topology.vpcs().values().any(|vpc| vpc.vrouter_id == *id)
        }
    }
}

/// Every change the UI can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch the UI language.
    SetLanguage(Language),
    /// Select an element (or clear the selection).
    Select(Option<ElementId>),
    /// Open a form.
    OpenForm(Form),
    /// Change one field of the open form.
    EditField {
        /// The field's Alibaba parameter name.
        param: String,
        /// Its new value.
        value: String,
    },
    /// Close the open form without applying it.
    CloseForm,
    /// Apply the open form's command; on rejection the form stays open with the error.
    SubmitForm,
    /// Apply commands as one undoable step (a button in the side panel).
    Apply(Vec<Command>),
    /// Delete the selected element: at once when it holds nothing, else ask first.
    DeleteSelected,
    /// Ask before applying commands (delete with contents).
    Confirm(Confirmation),
    /// The user agreed to the pending question.
    Accept,
    /// The user declined the pending question, or pressed Escape.
    Cancel,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Replace the network (new empty, reset to example) as one undoable step.
    Replace(Topology),
    /// Switch the rule set ("2020" article vs current), as one undoable step.
    SetRules(RuleSet),
    /// Change the path-analysis panel.
    Trace(TraceAction),
    /// Play a lesson (see [`LessonAction`]).
    Lesson(LessonAction),
    /// Say why a lesson could not be opened, or clear that.
    LessonProblem(Option<String>),
    /// What happened to the stored network or preferences (see [`StorageAction`]).
    Storage(StorageAction),
    /// Share links: the link dialog and the shared-network view.
    Share(ShareAction),
    /// A file was read for import: an accepted network replaces the current one as one
    /// undoable step, like "Reset to example" (Ctrl+Z brings the old one back, so nothing is
    /// asked first); a refused file changes nothing and says why.
    Import {
        /// The file's name.
        file: String,
        /// The imported network, or why the file was refused.
        outcome: Result<Box<crate::export::import::Imported>, crate::export::import::ImportError>,
    },
    /// What an embedding page or a fetched file changes (see [`EmbedAction`]).
    Embed(EmbedAction),
    /// Show a message to the user.
    Notify(String),
    /// Hide the current message and the first-run hint.
    DismissNotice,
    /// The first-run tour and the keyboard-shortcuts dialog.
    Help(HelpAction),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        if next.apply(action) {
            Rc::new(next)
        } else {
            self
        }
    }
}
