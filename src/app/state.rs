//! The app's single state and the one reducer that changes it.
//!
//! Components never mutate state: they dispatch an [`Action`], and [`AppState::reduce`]
//! returns the next state. Network changes go through [`crate::model::apply()`]; a rejected
//! command leaves the network exactly as it was and records why. Undo is a history of
//! whole topologies (cheap to keep: each is shared behind an `Rc`), not inverse operations.
//! Persisting is a side effect of the app component, which watches the saved parts.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::Reducible;

use super::forms::Form;
use super::i18n::Language;
use super::saving::{SaveFailure, StorageAction, StorageState};
use crate::model::{self, editing, Command, CommandError, RuleSet, Topology};

/// How many past states undo keeps.
pub const HISTORY_LIMIT: usize = 200;

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
    /// The latest change is not stored, for this reason. Work stays in memory.
    Failed(SaveFailure),
}

/// The network now, and the networks undo and redo lead to.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    past: Vec<Rc<Topology>>,
    present: Rc<Topology>,
    future: Vec<Rc<Topology>>,
}

impl History {
    /// A history that starts at `topology`, with nothing to undo.
    pub fn new(topology: Topology) -> History {
        History {
            past: Vec::new(),
            present: Rc::new(topology),
            future: Vec::new(),
        }
    }

    /// The current network.
    pub fn present(&self) -> &Rc<Topology> {
        &self.present
    }

    /// Makes `topology` current; what was current becomes undoable, and redo is forgotten.
    pub fn push(&mut self, topology: Topology) {
        let previous = std::mem::replace(&mut self.present, Rc::new(topology));
        self.past.push(previous);
        if self.past.len() > HISTORY_LIMIT {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// Steps back; returns whether there was anything to undo.
    pub fn undo(&mut self) -> bool {
        match self.past.pop() {
            Some(previous) => {
                let current = std::mem::replace(&mut self.present, previous);
                self.future.push(current);
                true
            }
            None => false,
        }
    }

    /// Steps forward again; returns whether there was anything to redo.
    pub fn redo(&mut self) -> bool {
        match self.future.pop() {
            Some(next) => {
                let current = std::mem::replace(&mut self.present, next);
                self.past.push(current);
                true
            }
            None => false,
        }
    }

    /// How many steps can be undone.
    pub fn undo_depth(&self) -> usize {
        self.past.len()
    }

    /// How many steps can be redone.
    pub fn redo_depth(&self) -> usize {
        self.future.len()
    }
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

/// One API call shown in the log.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedCall {
    /// The call as Alibaba's API would receive it: Action and parameters.
    pub request: String,
    /// `Ok` with the main response fields, or the error code.
    pub outcome: Result<String, String>,
}

/// A question waiting for the user's answer before anything changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirmation {
    /// What is being deleted, as shown to the user.
    pub subject: String,
    /// The commands that run if the user agrees, as one undoable step.
    pub commands: Vec<Command>,
}

/// Which end of a trace the next click on the diagram fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TraceEnd {
    /// The source.
    #[default]
    Source,
    /// The destination.
    Destination,
}

/// The path-analysis panel: what to trace, and where the animation is.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceSetup {
    /// The source endpoint, as text `Endpoint::parse` reads (an id, `internet`, ...).
    pub source: String,
    /// The destination endpoint, likewise.
    pub destination: String,
    /// `tcp`, `udp`, `icmp` or `all`.
    pub protocol: String,
    /// The destination port, or empty for "any".
    pub port: String,
    /// Which end the next diagram click fills.
    pub next_end: TraceEnd,
    /// How many hops of the path are shown (the packet sits on the last one).
    pub step: usize,
    /// Whether the packet moves by itself.
    pub playing: bool,
    /// Milliseconds per hop.
    pub hop_millis: u32,
    /// Whether "who can the source reach?" is shown instead of one path.
    pub show_reachable: bool,
}

impl Default for TraceSetup {
    fn default() -> Self {
        TraceSetup {
            source: String::new(),
            destination: String::new(),
            protocol: "tcp".into(),
            port: "22".into(),
            next_end: TraceEnd::Source,
            step: 0,
            playing: false,
            hop_millis: 700,
            show_reachable: false,
        }
    }
}

/// A change to the trace panel.
#[derive(Clone, Debug, PartialEq)]
pub enum TraceAction {
    /// Open the panel, with the selected element (if any) as the source.
    Open,
    /// Close the panel.
    Close,
    /// Set the source.
    Source(String),
    /// Set the destination.
    Destination(String),
    /// Set the protocol.
    Protocol(String),
    /// Set the port.
    Port(String),
    /// Show this many hops (clamped by the panel to the path's length).
    Step(usize),
    /// Start or stop the animation.
    Play(bool),
    /// The animation timer fired while `step` hops were shown: advance if still playing.
    Tick {
        /// The step the timer was started at.
        from: usize,
        /// The path's length, where playing stops.
        last: usize,
    },
    /// Set milliseconds per hop.
    Speed(u32),
    /// Toggle "who can the source reach?".
    ShowReachable(bool),
}

/// A rejected action: the model's error, kept for the user to read.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejection {
    /// The Alibaba-style code, e.g. `InvalidCidrBlock.Overlapped`.
    pub code: String,
    /// The message naming the offending values.
    pub message: String,
    /// The rule behind the code, in plain words.
    pub rule: String,
}

impl From<&CommandError> for Rejection {
    fn from(error: &CommandError) -> Rejection {
        Rejection {
            code: error.code().to_owned(),
            message: error.to_string(),
            rule: error.rule().to_owned(),
        }
    }
}

/// Everything the UI shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The user's preferences.
    pub preferences: Preferences,
    /// The network and its undo history.
    pub history: History,
    /// The id of the selected element.
    pub selection: Option<String>,
    /// The open form, if any.
    pub form: Option<Form>,
    /// A pending "delete with contents" question.
    pub confirmation: Option<Confirmation>,
    /// The API calls made so far, oldest first.
    pub api_log: Vec<LoggedCall>,
    /// The latest action the model rejected (outside a form), shown until the next change.
    pub rejection: Option<Rejection>,
    /// Whether the latest change was saved.
    pub save_status: SaveStatus,
    /// What this tab knows about the stored network, and the notices about it.
    pub storage: StorageState,
    /// A message for the user (a load problem, for instance), dismissible.
    pub notice: Option<String>,
    /// Whether the first-run hint is shown.
    pub show_hint: bool,
    /// The path-analysis panel, when open.
    pub trace: Option<TraceSetup>,
    /// Bumped when the network is replaced wholesale, so the canvas fits it to the screen.
    pub view_epoch: u32,
}

impl AppState {
    /// A state showing `topology`, with default preferences.
    pub fn new(topology: Topology) -> AppState {
        AppState {
            preferences: Preferences::default(),
            history: History::new(topology),
            selection: None,
            form: None,
            confirmation: None,
            api_log: Vec::new(),
            rejection: None,
            save_status: SaveStatus::Unchanged,
            storage: StorageState::default(),
            notice: None,
            show_hint: false,
            view_epoch: 0,
            trace: None,
        }
    }

    /// The current network.
    pub fn topology(&self) -> &Topology {
        self.history.present()
    }

    /// Applies `commands` in order as one undoable step. All succeed, or nothing changes and
    /// the first error comes back. On success, returns the id the last creating command made.
    fn run(&mut self, commands: &[Command]) -> Result<Option<String>, CommandError> {
        let mut topology = self.topology().clone();
        let mut calls = Vec::with_capacity(commands.len());
        let mut created = None;
        for command in commands {
            let request = request_text(command);
            match model::apply(&topology, command) {
                Ok(applied) => {
                    let summary = applied
                        .response
                        .fields
                        .iter()
                        .map(|(key, value)| format!("{key}={value}"))
                        .collect::<Vec<_>>()
                        .join(" ");
                    calls.push(LoggedCall {
                        request,
                        outcome: Ok(summary),
                    });
                    created = applied.response.created.or(created);
                    topology = applied.topology;
                }
                Err(error) => {
                    self.api_log.push(LoggedCall {
                        request,
                        outcome: Err(error.code().to_owned()),
                    });
                    return Err(error);
                }
            }
        }
        self.api_log.extend(calls);
        self.history.push(topology);
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
}

impl TraceSetup {
    /// Fills the end the next click was meant for, then expects the other one.
    fn pick(&mut self, id: &str) {
        match self.next_end {
            TraceEnd::Source => {
                self.source = id.to_owned();
                self.next_end = TraceEnd::Destination;
            }
            TraceEnd::Destination => {
                self.destination = id.to_owned();
                self.next_end = TraceEnd::Source;
            }
        }
        self.restart();
    }

    /// Back to the first hop, playing, whenever what is traced changes.
    fn restart(&mut self) {
        self.step = 1;
        self.playing = true;
    }
}

impl AppState {
    fn change_trace(&mut self, change: TraceAction) {
        if let TraceAction::Open = change {
            let mut setup = TraceSetup::default();
            if let Some(id) = self.selection.as_deref() {
                if is_trace_endpoint(self.topology(), id) {
                    setup.source = id.to_owned();
                    setup.next_end = TraceEnd::Destination;
                }
            }
            self.trace = Some(setup);
            return;
        }
        let Some(trace) = self.trace.as_mut() else {
            return;
        };
        match change {
            TraceAction::Open => {}
            TraceAction::Close => self.trace = None,
            TraceAction::Source(text) => {
                trace.source = text;
                trace.restart();
            }
            TraceAction::Destination(text) => {
                trace.destination = text;
                trace.restart();
            }
            TraceAction::Protocol(text) => {
                trace.protocol = text;
                trace.restart();
            }
            TraceAction::Port(text) => {
                trace.port = text;
                trace.restart();
            }
            TraceAction::Step(step) => {
                trace.step = step;
                trace.playing = false;
            }
            TraceAction::Play(playing) => {
                trace.playing = playing;
            }
            TraceAction::Tick { from, last } => {
                if trace.playing && trace.step == from {
                    trace.step = (from + 1).min(last);
                    trace.playing = trace.step < last;
                }
            }
            TraceAction::Speed(millis) => trace.hop_millis = millis.clamp(100, 5000),
            TraceAction::ShowReachable(show) => trace.show_reachable = show,
        }
    }
}

/// Whether a click on `id` can be a trace endpoint: an instance, CLB, RDS, the Internet,
/// OSS or a data centre.
pub fn is_trace_endpoint(topology: &Topology, id: &str) -> bool {
    topology.instance(id).is_some()
        || topology.load_balancer(id).is_some()
        || topology.db_instance(id).is_some()
        || topology.data_center(id).is_some()
        || id == crate::layout::INTERNET_ID
        || id.ends_with("/oss")
}

/// Whether `id` names something drawn for `topology`: a resource, a VRouter, a region,
/// a zone column (`vpc/zone`) or a fixed element.
pub fn element_exists(topology: &Topology, id: &str) -> bool {
    if topology.contains_id(id) || id == crate::layout::INTERNET_ID {
        return true;
    }
    // OSS is drawn per region as `<region>/oss`; a zone column is `<vpc>/<zone>`.
    if let Some(region) = id.strip_suffix("/oss") {
        return topology.vpcs_in(region).next().is_some();
    }
    if let Some((vpc, _)) = id.split_once('/') {
        return topology.vpc(vpc).is_some();
    }
    topology.vpcs().values().any(|vpc| vpc.vrouter_id == id) || model::catalog::region(id).is_some()
}

/// The call as the API would receive it: `CreateVSwitch VpcId=vpc-0001 ZoneId=...`.
pub fn request_text(command: &Command) -> String {
    match serde_json::to_value(command) {
        Ok(serde_json::Value::Object(fields)) => {
            let mut text = command.action().to_owned();
            for (key, value) in fields.iter().filter(|(key, _)| key.as_str() != "Action") {
                let value = match value {
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                text.push_str(&format!(" {key}={value}"));
            }
            text
        }
        _ => command.action().to_owned(),
    }
}

/// Every change the UI can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch the UI language.
    SetLanguage(Language),
    /// Select an element (or clear the selection).
    Select(Option<String>),
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
    /// What happened to the stored network or preferences (see [`StorageAction`]).
    Storage(StorageAction),
    /// Show a message to the user.
    Notify(String),
    /// Hide the current message and the first-run hint.
    DismissNotice,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLanguage(language) => next.preferences.language = language,
            Action::Select(id) => {
                if let (Some(trace), Some(id)) = (next.trace.as_mut(), id.as_ref()) {
                    if is_trace_endpoint(next.history.present(), id) {
                        trace.pick(id);
                    }
                }
                next.selection = id;
                next.rejection = None;
            }
            Action::Trace(change) => next.change_trace(change),
            Action::OpenForm(form) => {
                next.form = Some(form);
                next.confirmation = None;
            }
            Action::EditField { param, value } => {
                if let Some(form) = next.form.as_mut() {
                    form.set(&param, value);
                }
            }
            Action::CloseForm => next.form = None,
            Action::SubmitForm => {
                let Some(form) = next.form.clone() else {
                    return self;
                };
                match form.command() {
                    Ok(command) => match next.run(std::slice::from_ref(&command)) {
                        Ok(created) => {
                            next.form = None;
                            next.rejection = None;
                            next.show_hint = false;
                            if created.is_some() {
                                next.selection = created;
                            }
                        }
                        Err(error) => {
                            if let Some(form) = next.form.as_mut() {
                                form.rejection = Some(Rejection::from(&error));
                                form.attempted = true;
                            }
                        }
                    },
                    Err(_) => {
                        if let Some(form) = next.form.as_mut() {
                            form.attempted = true;
                        }
                    }
                }
            }
            Action::Apply(commands) => match next.run(&commands) {
                Ok(_) => {
                    next.rejection = None;
                    next.show_hint = false;
                    next.prune_selection();
                }
                Err(error) => next.rejection = Some(Rejection::from(&error)),
            },
            Action::Confirm(confirmation) => next.confirmation = Some(confirmation),
            Action::DeleteSelected => {
                let Some(id) = next.selection.clone() else {
                    return self;
                };
                let plan = editing::delete_with_contents(next.topology(), &id);
                match plan.len() {
                    0 => return self,
                    1 => match next.run(&plan) {
                        Ok(_) => {
                            next.rejection = None;
                            next.prune_selection();
                        }
                        Err(error) => next.rejection = Some(Rejection::from(&error)),
                    },
                    _ => {
                        next.confirmation = Some(Confirmation {
                            subject: id,
                            commands: plan,
                        })
                    }
                }
            }
            Action::Accept => {
                if let Some(confirmation) = next.confirmation.take() {
                    match next.run(&confirmation.commands) {
                        Ok(_) => {
                            next.rejection = None;
                            next.prune_selection();
                        }
                        Err(error) => next.rejection = Some(Rejection::from(&error)),
                    }
                }
            }
            Action::Cancel => {
                if next.confirmation.is_some() {
                    next.confirmation = None;
                } else if next.form.is_some() {
                    next.form = None;
                } else {
                    next.selection = None;
                }
            }
            Action::Undo => {
                if next.history.undo() {
                    next.rejection = None;
                    next.prune_selection();
                }
            }
            Action::Redo => {
                if next.history.redo() {
                    next.rejection = None;
                    next.prune_selection();
                }
            }
            Action::Replace(topology) => {
                next.history.push(topology);
                next.view_epoch += 1;
                next.selection = None;
                next.form = None;
                next.rejection = None;
            }
            Action::SetRules(rules) => {
                if rules != next.topology().rules() {
                    let topology = next.topology().clone().with_rules(rules);
                    next.history.push(topology);
                }
            }
            Action::Storage(change) => next.change_storage(change),
            Action::Notify(message) => next.notice = Some(message),
            Action::DismissNotice => {
                next.notice = None;
                next.show_hint = false;
            }
        }
        Rc::new(next)
    }
}
