//! The lesson player's part of the state: which lesson is open, which step, what the
//! learner did in it, and the learner's own network, set aside while the lesson runs.
//!
//! A lesson's network lives in the ordinary history, so the editor, the API log, undo and
//! the trace work on it as on any network; the learner's own history waits in
//! [`LessonSession::own`] and comes back when the lesson is left. Every call a step makes
//! (a `show` step's calls, "show me") goes through [`AppState::run`], the editor's path.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::{AppState, History, TraceSetup};
use crate::model::error::ErrorCode;
use crate::model::lesson::{self, Lesson, Refs, StepKind, Unmet};
use crate::model::scenario;
use crate::model::trace::Protocol;
use crate::model::Topology;

/// How a `do` or `predict` step was passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Score {
    /// Right at the first check (or the first choice), without the hint.
    FirstTry,
    /// Right after checks that failed, without the hint.
    Retried,
    /// Right after reading the hint.
    WithHint,
    /// "Show me" did it.
    Shown,
    /// A prediction that picked the wrong choice.
    Wrong,
}

/// What the latest "check my work" said.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The goal holds.
    Passed,
    /// The goal does not hold, and why.
    Unmet(Box<Unmet>),
}

/// An open lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonSession {
    /// The lesson.
    pub lesson: Rc<Lesson>,
    /// Whether it is a built-in one (its progress is saved and it resumes after a reload).
    pub builtin: bool,
    /// The open step, from 0.
    pub step: usize,
    /// The Refs named as the step opened (and, once its goal holds, what the goal found).
    pub refs: Refs,
    /// The network as the step began ("reset this step").
    pub step_start: Rc<Topology>,
    /// The error codes of the calls that failed during the step.
    pub met: Vec<ErrorCode>,
    /// Whether the hint is shown.
    pub hint_shown: bool,
    /// How many checks of this step failed.
    pub failed_checks: usize,
    /// What the latest check said.
    pub verdict: Option<Verdict>,
    /// The choice picked in a `predict` step.
    pub choice: Option<usize>,
    /// Each step's score, once done (`show` steps are never scored).
    pub scores: Vec<Option<Score>>,
    /// Why the step could not be prepared (a call that fails on this network), worded.
    pub problem: Option<String>,
    /// Whether presenter mode is on.
    pub presenter: bool,
    /// The learner's own network, untouched while the lesson runs.
    pub own: Rc<History>,
}

impl LessonSession {
    /// Whether step `index` is done: a `do` goal met or a prediction made.
    pub fn done(&self, index: usize) -> bool {
        self.scores.get(index).is_some_and(Option::is_some)
    }

    /// Whether step `index` counts as passed (done, and not a wrong prediction).
    pub fn passed(&self, index: usize) -> bool {
        matches!(self.scores.get(index), Some(Some(score)) if *score != Score::Wrong)
    }

    /// The open step.
    pub fn current(&self) -> Option<&lesson::Step> {
        self.lesson.steps.get(self.step)
    }
}

/// What the learner can do in a lesson.
#[derive(Clone, Debug, PartialEq)]
pub enum LessonAction {
    /// Open a lesson at a step (from 0), with the scores saved before (may be empty).
    Open {
        /// The lesson.
        lesson: Rc<Lesson>,
        /// Whether it is built in.
        builtin: bool,
        /// The step to open, from 0.
        step: usize,
        /// Scores saved earlier.
        scores: Vec<Option<Score>>,
    },
    /// Leave the lesson and return to the learner's own network.
    Leave,
    /// The next step.
    Next,
    /// The previous step.
    Back,
    /// Open a step (from 0) as it begins in the lesson.
    Goto(usize),
    /// Check the learner's work on a `do` step.
    Check,
    /// Show the hint.
    Hint,
    /// Reset to the step's start and apply the solution.
    ShowMe,
    /// Restore the network as the step began.
    ResetStep,
    /// Pick a choice of a `predict` step.
    Choose(usize),
    /// Turn presenter mode on or off.
    Presenter(bool),
}

/// An endpoint of a lesson's trace, with its Ref (before an optional `:address`) resolved.
fn resolve_endpoint(refs: &Refs, text: &str) -> String {
    let (name, rest) = text
        .split_once(':')
        .map_or((text, None), |(a, b)| (a, Some(b)));
    let id = refs.get(name).map_or(name, String::as_str);
    match rest {
        Some(address) => format!("{id}:{address}"),
        None => id.to_owned(),
    }
}

/// The trace panel's setup for a `predict` step's trace, playing from the first hop.
pub fn trace_setup(query: &scenario::TraceStep, refs: &Refs) -> TraceSetup {
    TraceSetup {
        source: resolve_endpoint(refs, &query.source),
        destination: resolve_endpoint(refs, &query.destination),
        protocol: query.protocol.clone().unwrap_or(Protocol::Tcp),
        port: query
            .port
            .clone()
            .ok()
            .flatten()
            .map(|port| port.to_string())
            .unwrap_or_default(),
        step: 1,
        playing: true,
        ..TraceSetup::default()
    }
}

impl AppState {
    /// The learner's own network: the one on screen, or the one a lesson set aside.
    pub fn own_topology(&self) -> &Rc<Topology> {
        match &self.lesson {
            Some(session) => session.own.present(),
            None => self.history.present(),
        }
    }

    /// Records the code of a call that failed during a lesson step.
    pub(super) fn lesson_met(&mut self, code: ErrorCode) {
        if let Some(session) = self.lesson.as_mut() {
            Rc::make_mut(session).met.push(code);
        }
    }

    pub(super) fn change_lesson(&mut self, action: LessonAction) {
        if let LessonAction::Open {
            lesson,
            builtin,
            step,
            scores,
        } = action
        {
            self.open_lesson(lesson, builtin, step, scores);
            return;
        }
        let Some(session) = self.lesson.clone() else {
            return;
        };
        let last = session.lesson.steps.len().saturating_sub(1);
        match action {
            LessonAction::Open { .. } => {}
            LessonAction::Leave => {
                self.history = session.own.clone();
                self.lesson = None;
                self.after_replace();
            }
            LessonAction::Next if session.step < last => {
                let waits_for_goal = matches!(
                    session.current().map(|step| &step.kind),
                    Some(StepKind::Do(_))
                ) && !session.done(session.step);
                if waits_for_goal {
                    self.fresh_step(session.step + 1);
                } else {
                    self.enter_step(session.step + 1);
                }
            }
            LessonAction::Back if session.step > 0 => self.fresh_step(session.step - 1),
            LessonAction::Goto(step) if step <= last => self.fresh_step(step),
            LessonAction::Next | LessonAction::Back | LessonAction::Goto(_) => {}
            LessonAction::Check => self.check_step(),
            LessonAction::Hint => self.session_mut(|s| s.hint_shown = true),
            LessonAction::ShowMe => self.show_me(),
            LessonAction::ResetStep => {
                Rc::make_mut(&mut self.history).push(Topology::clone(&session.step_start));
                self.session_mut(|s| {
                    s.met.clear();
                    s.verdict = None;
                });
                self.after_replace();
            }
            LessonAction::Choose(choice) => self.choose(choice),
            LessonAction::Presenter(on) => {
                self.session_mut(|s| s.presenter = on);
                // The canvas changes size: fit the diagram to it again.
                self.view_epoch += 1;
            }
        }
    }

    fn session_mut(&mut self, change: impl FnOnce(&mut LessonSession)) {
        if let Some(session) = self.lesson.as_mut() {
            change(Rc::make_mut(session));
        }
    }

    fn open_lesson(
        &mut self,
        lesson: Rc<Lesson>,
        builtin: bool,
        step: usize,
        mut scores: Vec<Option<Score>>,
    ) {
        let own = match self.lesson.take() {
            Some(previous) => previous.own.clone(),
            None => self.history.clone(),
        };
        scores.resize(lesson.steps.len(), None);
        let step = step.min(lesson.steps.len().saturating_sub(1));
        self.history = Rc::new(History::new(Topology::new(lesson.rules)));
        self.lesson = Some(Rc::new(LessonSession {
            step_start: self.history.present().clone(),
            lesson,
            builtin,
            step,
            refs: Refs::new(),
            met: Vec::new(),
            hint_shown: false,
            failed_checks: 0,
            verdict: None,
            choice: None,
            scores,
            problem: None,
            presenter: false,
            own,
        }));
        self.fresh_step(step);
    }

    /// Opens step `step` on the network the lesson reaches there with its own solutions.
    fn fresh_step(&mut self, step: usize) {
        let Some(session) = self.lesson.clone() else {
            return;
        };
        match lesson::play_to(&session.lesson, step) {
            Ok((topology, refs)) => {
                Rc::make_mut(&mut self.history).push(topology);
                self.session_mut(|s| {
                    s.refs = refs;
                    s.problem = None;
                });
            }
            Err(error) => self.session_mut(|s| s.problem = Some(error.to_string())),
        }
        self.after_replace();
        self.enter_step(step);
    }

    /// Opens step `step` on the network as it stands: a `show` step applies its calls.
    fn enter_step(&mut self, step: usize) {
        self.trace = None;
        self.rejection = None;
        self.session_mut(|s| {
            s.step = step;
            s.met.clear();
            s.hint_shown = false;
            s.failed_checks = 0;
            s.verdict = None;
            s.choice = None;
        });
        let Some(session) = self.lesson.clone() else {
            return;
        };
        if let Some(StepKind::Show(show)) = session.current().map(|step| &step.kind) {
            let mut refs = session.refs.clone();
            self.run_calls(&show.calls, &mut refs);
            self.session_mut(|s| s.refs = refs);
        }
        let start = self.history.present().clone();
        self.session_mut(|s| {
            s.step_start = start;
            s.met.clear();
        });
    }

    /// Applies lesson calls one by one through the editor's path, naming what they create.
    fn run_calls(&mut self, calls: &[scenario::Step], refs: &mut Refs) {
        for call in calls {
            let scenario::StepKind::Command(command) = &call.kind else {
                continue;
            };
            let command = scenario::resolve(command, refs);
            if let Ok(Some(created)) = self.run(&[command]) {
                if let Some(name) = &call.reference {
                    refs.insert(name.clone(), created);
                }
            }
        }
    }

    fn check_step(&mut self) {
        let Some(session) = self.lesson.clone() else {
            return;
        };
        let Some(StepKind::Do(task)) = session.current().map(|step| &step.kind) else {
            return;
        };
        match task
            .goal
            .evaluate(self.topology(), &session.refs, &session.met)
        {
            Ok(bindings) => self.session_mut(|s| {
                let score = if s.hint_shown {
                    Score::WithHint
                } else if s.failed_checks == 0 {
                    Score::FirstTry
                } else {
                    Score::Retried
                };
                if let Some(slot) = s.scores.get_mut(s.step) {
                    slot.get_or_insert(score);
                }
                s.refs.extend(bindings);
                s.verdict = Some(Verdict::Passed);
            }),
            Err(unmet) => self.session_mut(|s| {
                s.failed_checks += 1;
                s.verdict = Some(Verdict::Unmet(Box::new(unmet)));
            }),
        }
    }

    fn show_me(&mut self) {
        let Some(session) = self.lesson.clone() else {
            return;
        };
        let Some(StepKind::Do(task)) = session.current().map(|step| &step.kind) else {
            return;
        };
        let Ok((topology, refs)) = lesson::play_to(&session.lesson, session.step) else {
            return;
        };
        Rc::make_mut(&mut self.history).push(topology);
        self.after_replace();
        self.session_mut(|s| {
            s.refs = refs.clone();
            s.met.clear();
        });
        let mut solution_refs = refs.clone();
        self.run_calls(&task.solution, &mut solution_refs);
        let met = self
            .lesson
            .as_ref()
            .map(|s| s.met.clone())
            .unwrap_or_default();
        let outcome = task.goal.evaluate(self.topology(), &refs, &met);
        self.rejection = None;
        self.session_mut(|s| match outcome {
            Ok(bindings) => {
                s.refs.extend(bindings);
                if let Some(slot) = s.scores.get_mut(s.step) {
                    slot.get_or_insert(Score::Shown);
                }
                s.verdict = Some(Verdict::Passed);
            }
            Err(unmet) => s.verdict = Some(Verdict::Unmet(Box::new(unmet))),
        });
    }

    fn choose(&mut self, choice: usize) {
        let Some(session) = self.lesson.clone() else {
            return;
        };
        let Some(StepKind::Predict(predict)) = session.current().map(|step| &step.kind) else {
            return;
        };
        if session.choice.is_some() || choice >= predict.choices.len() {
            return;
        }
        let score = if choice == predict.answer {
            Score::FirstTry
        } else {
            Score::Wrong
        };
        self.trace = Some(trace_setup(&predict.trace, &session.refs));
        self.session_mut(|s| {
            s.choice = Some(choice);
            if let Some(slot) = s.scores.get_mut(s.step) {
                slot.get_or_insert(score);
            }
        });
    }
}
