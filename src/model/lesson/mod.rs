//! Lessons: classroom walkthroughs with checked goals. A lesson is a starting network and
//! ordered steps; each step shows something, asks the learner to do something (checked by a
//! [`Predicate`] over the topology), or asks them to predict what a trace will answer.
//!
//! ```json
//! { "vpclab": "lesson", "version": 1, "id": "two-zones",
//!   "title": {"en": "Two zones", "es": "Dos zonas"},
//!   "summary": {"en": "…", "es": "…"},
//!   "rules": "2020",
//!   "start": {"steps": [ {"Action": "CreateVpc", "RegionId": "ap-south-1", "CidrBlock": "192.168.0.0/16", "Ref": "vpc"} ]},
//!   "steps": [
//!     { "title": {…}, "text": {…},
//!       "show": {"calls": [ {"Action": "CreateVSwitch", "VpcId": "vpc", "ZoneId": "ap-south-1a", "CidrBlock": "192.168.1.0/24", "Ref": "vsw1"} ],
//!                "highlight": ["vsw1"]} },
//!     { "title": {…}, "text": {…},
//!       "do": {"goal": {"exists": {"kind": "vswitch", "zone": "ap-south-1b", "as": "vsw2"}},
//!              "hint": {…},
//!              "solution": [ {"Action": "CreateVSwitch", "VpcId": "vpc", "ZoneId": "ap-south-1b", "CidrBlock": "192.168.2.0/24"} ]} },
//!     { "title": {…}, "text": {…},
//!       "predict": {"question": {…}, "trace": {"Source": "vm1", "Destination": "internet"},
//!                   "choices": [ {"en": "…", "es": "…", "verdict": "reachable"},
//!                                {"en": "…", "es": "…", "verdict": "unreachable", "reason": "NoPublicIp"} ],
//!                   "answer": 1} } ] }
//! ```
//!
//! Conventions (`docs/LESSONS.md` has the whole format):
//! - Every text a learner reads is a [`Text`] with English (`en`) and Spanish (`es`), both
//!   required and non-empty.
//! - API calls (`start.steps`, `show.calls`, `do.solution`) are scenario steps, read by the
//!   scenario's own parser ([`scenario::parse_steps`]) with their `Ref` and `Expect`. Refs
//!   live for the whole lesson, except those a `do` solution makes: the learner may reach
//!   the goal another way, so later steps name what a goal found through its `as` instead.
//! - [`parse`] refuses a file that is not a lesson with the field path at fault; [`check`]
//!   plays it and refuses a lesson that does not teach what it says (the start fails, a goal
//!   is met before the learner acts or not met by its solution, a prediction's answer is not
//!   what the trace answers).

use std::fmt;

use super::catalog::RuleSet;
use super::scenario::{self, TraceStep};
use super::topology::Topology;
use super::trace::{ReasonCode, Trace};

mod check;
mod explain;
mod parse;
mod parse_predicate;
mod predicate;

pub use check::{check, codes_met, play_to, start_network, CheckError, CheckReport, Refs};
pub use explain::{Mismatch, Unmet};
pub use parse::{heading, parse};
pub use predicate::{
    Bindings, CountBound, Filter, Predicate, Property, PublicIpState, FILTER_KINDS, PROPERTY_NAMES,
};
pub use scenario::ParseError;

/// The tag every lesson carries under `"vpclab"`.
pub const KIND: &str = "lesson";

/// The lesson version this build reads.
pub const VERSION: u64 = 1;

/// A language every lesson is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// English (`en`).
    English,
    /// Spanish (`es`).
    Spanish,
}

impl Language {
    /// Both languages.
    pub const ALL: [Language; 2] = [Language::English, Language::Spanish];

    /// The key a [`Text`] uses for the language: `en` or `es`.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
        }
    }
}

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    /// The English text.
    pub en: String,
    /// The Spanish text.
    pub es: String,
}

impl Text {
    /// The text in `language`.
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::English => &self.en,
            Language::Spanish => &self.es,
        }
    }
}

/// What a trace answers, as a prediction or a goal names it: reachable, or unreachable for
/// a given reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The packet gets through (`"verdict": "reachable"`).
    Reachable,
    /// It does not, for this reason (`"verdict": "unreachable", "reason": "NoRoute"`).
    Unreachable(ReasonCode),
}

impl Verdict {
    /// The verdict of a trace.
    pub fn of(trace: &Trace) -> Verdict {
        match (&trace.reason, trace.reachable) {
            (Some(reason), false) => Verdict::Unreachable(reason.kind()),
            _ => Verdict::Reachable,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Reachable => f.write_str("reachable"),
            Verdict::Unreachable(reason) => write!(f, "unreachable ({reason})"),
        }
    }
}

/// The network a lesson starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// API calls applied to an empty network under the lesson's rules (`"start":
    /// {"steps": [...]}`); their Refs stay named for the whole lesson.
    Steps(Vec<scenario::Step>),
    /// A stored topology document (`"start": {"topology": {...}}`), read by
    /// [`crate::model::document::restore`]; its resources are named by id.
    Topology(Box<Topology>),
}

/// A `show` step: calls the player applies when the step opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Show {
    /// The API calls, as in a scenario (may be empty: a step that only explains).
    pub calls: Vec<scenario::Step>,
    /// Elements to highlight: Refs or element ids (`vsw1`, `vpc-0001/ap-south-1a`).
    pub highlight: Vec<String>,
}

/// A `do` step: a goal the learner reaches with the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Do {
    /// What must hold when the learner is done.
    pub goal: Predicate,
    /// A hint, for a learner who is stuck.
    pub hint: Text,
    /// The API calls that reach the goal ("show me").
    pub solution: Vec<scenario::Step>,
}

/// One answer a learner may pick in a `predict` step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// What the choice says.
    pub text: Text,
    /// The trace's answer that the choice stands for.
    pub verdict: Verdict,
}

/// A `predict` step: a question about a trace, answered before the trace is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Predict {
    /// The question.
    pub question: Text,
    /// The trace whose answer the learner predicts.
    pub trace: TraceStep,
    /// The choices (at least two).
    pub choices: Vec<Choice>,
    /// The index of the right choice (from 0): its verdict is what the trace answers.
    pub answer: usize,
}

/// What a step asks of the learner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// Watch: the player applies calls and highlights elements.
    Show(Show),
    /// Do: reach a goal.
    Do(Do),
    /// Predict: answer a question about a trace.
    Predict(Predict),
}

impl StepKind {
    /// The key the file uses for the kind: `show`, `do` or `predict`.
    pub fn name(&self) -> &'static str {
        match self {
            StepKind::Show(_) => "show",
            StepKind::Do(_) => "do",
            StepKind::Predict(_) => "predict",
        }
    }
}

/// One step of a lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Its position in `steps`, from 0 (the player shows it from 1).
    pub index: usize,
    /// Its title.
    pub title: Text,
    /// What it tells the learner.
    pub text: Text,
    /// What it asks.
    pub kind: StepKind,
}

/// A parsed lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// Its id: lower-case letters, digits and dashes (`ecs-networking`), as `?lesson=<id>`
    /// names it.
    pub id: String,
    /// Its title.
    pub title: Text,
    /// What it teaches, in a sentence or two.
    pub summary: Text,
    /// The rule set it runs under.
    pub rules: RuleSet,
    /// The network it starts from.
    pub start: Start,
    /// The steps, in order (at least one).
    pub steps: Vec<Step>,
}

/// The text of the built-in lessons, in the order the lessons menu lists them.
pub const BUILTIN_TEXTS: [(&str, &str); 5] = [
    (
        "ecs-networking",
        include_str!("../../../lessons/ecs-networking.json"),
    ),
    (
        "plan-cidrs",
        include_str!("../../../lessons/plan-cidrs.json"),
    ),
    (
        "fix-broken-network",
        include_str!("../../../lessons/fix-broken-network.json"),
    ),
    (
        "public-ips",
        include_str!("../../../lessons/public-ips.json"),
    ),
    (
        "hybrid-cloud",
        include_str!("../../../lessons/hybrid-cloud.json"),
    ),
];

/// The built-in lessons, parsed: each id with its lesson, in menu order. A built-in lesson
/// that does not parse is left out (the native tests check that every one parses and
/// passes [`check`], so none is).
pub fn builtin() -> Vec<(&'static str, Lesson)> {
    BUILTIN_TEXTS
        .iter()
        .filter_map(|(id, text)| parse(text).ok().map(|lesson| (*id, lesson)))
        .collect()
}

/// A built-in lesson as a menu lists it: its id, title and summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// The lesson's id (`?lesson=<id>`).
    pub id: &'static str,
    /// Its title.
    pub title: Text,
    /// What it teaches.
    pub summary: Text,
}

/// The built-in lessons' headings, in menu order, without parsing the lessons themselves
/// (parsing all five costs tens of milliseconds at start-up in the browser; a lesson is
/// parsed when it is opened). A lesson whose heading does not read is left out, as in
/// [`builtin`].
///
/// ```
/// let headings = vpclab::model::lesson::builtin_headings();
/// assert_eq!(headings.len(), vpclab::model::lesson::BUILTIN_TEXTS.len());
/// assert_eq!(headings[0].id, "ecs-networking");
/// ```
pub fn builtin_headings() -> Vec<Heading> {
    BUILTIN_TEXTS
        .iter()
        .filter_map(|(id, text)| {
            heading(text)
                .ok()
                .map(|(title, summary)| Heading { id, title, summary })
        })
        .collect()
}

/// The built-in lesson with this id.
pub fn builtin_lesson(id: &str) -> Option<Lesson> {
    BUILTIN_TEXTS
        .iter()
        .find(|(known, _)| *known == id)
        .and_then(|(_, text)| parse(text).ok())
}

#[cfg(test)]
mod tests;
