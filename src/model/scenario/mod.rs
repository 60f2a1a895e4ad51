//! Scenario files: a title, a rule set and steps, each an Alibaba request with an optional
//! `Ref` (a name for what it creates) and an optional `Expect`. Lessons, tests, import and
//! the `vpclab` CLI all read them through [`parse`] and run them through [`run`].
//!
//! ```json
//! { "vpclab": "scenario", "version": 1, "title": "Two zones, one VPC", "rules": "2020",
//!   "steps": [
//!     { "Action": "CreateVpc", "RegionId": "ap-south-1", "CidrBlock": "192.168.0.0/16", "Ref": "vpc" },
//!     { "Action": "CreateVSwitch", "VpcId": "vpc", "ZoneId": "ap-south-1a", "CidrBlock": "192.168.1.0/24", "Ref": "vsw1" },
//!     { "Action": "RunInstances", "VSwitchId": "vsw1", "Expect": { "PrivateIpAddress": "192.168.1.1" } },
//!     { "Action": "CreateVSwitch", "VpcId": "vpc", "ZoneId": "ap-south-1a", "CidrBlock": "192.168.1.128/25",
//!       "Expect": { "Code": "InvalidCidrBlock.Overlapped" } } ] }
//! ```
//!
//! Conventions:
//! - [`parse`] refuses only documents that are not scenarios (not JSON, unknown `Action`,
//!   missing required parameter, wrong JSON type), with the field path
//!   (`steps[3].CidrBlock`). Parameter *values* are checked when the step runs: a malformed
//!   CIDR is a step failure with its code. Numbers are accepted for parameters and read as
//!   the API's strings.
//! - Every `...Id` parameter (but `RegionId` and `ZoneId`) accepts a Ref or an id. A Ref
//!   keeps naming the id it was given; once that resource is gone, using it fails with
//!   `InvalidResourceId.NotFound`.
//! - No `Expect`: the step must succeed. `Expect.Code`: it must fail with exactly that code.
//!   Other `Expect` keys are response fields that must be equal.
//! - `Trace` steps run path analysis ([`crate::model::trace`]):
//!   `{"Action": "Trace", "Source": "vm1", "Destination": "vm3", "Protocol": "tcp", "Port": 22,
//!   "Expect": {"Reachable": true, "Hops": ["vm1", "vsw1", "vrouter", "vsw2", "vm3"]}}`.
//!   `Source` and `Destination` take a Ref, an id, `internet`, `oss` or an address;
//!   `Protocol` defaults to `tcp`, and no `Port` means "some port". `Expect` may hold
//!   `Reachable` (a boolean), `Hops` (each a Ref, or the element's kind where it has no
//!   Ref: `vrouter`, `internet`, `oss`...; an id also matches), `Reason` (a reason code)
//!   and `BlockedAt` (named like a hop). A Trace step without `Expect` must be reachable.
//! - The runner stops at the first step that does not match its expectation.

//!
//! [`parse`] lives in `parse.rs` and [`run`] in `run.rs`.

use std::collections::BTreeMap;
use std::fmt;

use super::catalog::RuleSet;
use super::command::Command;
use super::error::CommandError;
use super::limits::TooLarge;
use super::trace::Protocol;

mod parse;
mod run;

pub(crate) use parse::type_name;
pub use parse::{parse, parse_steps, parse_trace_query};
pub use run::{
    resolve, run, run_from, run_steps, run_text, trace_query, Outcome, Report, StepReport,
};

/// The tag every scenario carries under `"vpclab"`.
pub const KIND: &str = "scenario";

/// The scenario version this build reads.
pub const VERSION: u64 = 1;

/// A document that is not a valid scenario: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The field path, for example `steps[3].CidrBlock` (empty for the whole document).
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// Set when the document was refused for its size alone, before it was read.
    pub too_large: Option<TooLarge>,
}

impl ParseError {
    /// An error at `path` (empty for the whole document).
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> ParseError {
        ParseError {
            path: path.into(),
            message: message.into(),
            too_large: None,
        }
    }
}

impl From<TooLarge> for ParseError {
    fn from(too_large: TooLarge) -> ParseError {
        ParseError {
            path: String::new(),
            message: format!("the scenario is too large: {too_large}"),
            too_large: Some(too_large),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ParseError {}

/// What a step must produce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Success, with these response fields equal (none: any success).
    Success(BTreeMap<String, String>),
    /// Failure with exactly this error code.
    Code(String),
    /// A `Trace` step's answer.
    Trace(TraceExpect),
}

/// What a `Trace` step must answer; `None` fields are not checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TraceExpect {
    /// `Reachable`: whether the packet gets through.
    pub reachable: Option<bool>,
    /// `Hops`: the elements passed, each a Ref or (without one) the element's kind.
    pub hops: Option<Vec<String>>,
    /// `Reason`: the reason code.
    pub reason: Option<String>,
    /// `BlockedAt`: the element that stopped the packet, named like a hop.
    pub blocked_at: Option<String>,
}

/// What a step does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// Apply a command.
    Command(Command),
    /// Trace a path (path analysis).
    Trace(TraceStep),
}

/// A `Trace` step's query, read once when the scenario is parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceStep {
    /// `Source`: a Ref, an id, `internet`, `oss` or an address (a Ref may stand before
    /// `:address` for a host of a data centre).
    pub source: String,
    /// `Destination`, written like `Source`.
    pub destination: String,
    /// `Protocol` (`tcp` when absent). A value that is no protocol is not a parse error
    /// but the step's failure (`InvalidParameter`), as for a command's malformed value.
    pub protocol: Result<Protocol, CommandError>,
    /// `Port` (none: "some port"); a value that is no port fails the step likewise.
    pub port: Result<Option<u16>, CommandError>,
}

/// One step of a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Its position in `steps`, from 0.
    pub index: usize,
    /// The command (or trace).
    pub kind: StepKind,
    /// The name given to what it creates.
    pub reference: Option<String>,
    /// What it must produce.
    pub expect: Expect,
}

/// The `Action` of a step that traces a path instead of applying a command.
pub const TRACE_ACTION: &str = "Trace";

impl Step {
    /// The step's `Action`.
    pub fn action(&self) -> &'static str {
        match &self.kind {
            StepKind::Command(command) => command.action().api_name(),
            StepKind::Trace(_) => TRACE_ACTION,
        }
    }
}

/// A parsed scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Its title (may be empty).
    pub title: String,
    /// The rule set it runs under (`"current"` when the file names none).
    pub rules: RuleSet,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// Every scenario file of `tests/scenarios/` that parses, with its path: the networks and
/// calls the model's tests check a rule against.
#[cfg(test)]
pub(crate) fn test_files() -> Vec<(std::path::PathBuf, Scenario)> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");
    std::fs::read_dir(folder)
        .expect("the scenarios folder")
        .filter_map(|entry| {
            let path = entry.expect("an entry").path();
            let text = std::fs::read_to_string(&path).ok()?;
            let scenario = parse(&text).ok()?;
            Some((path, scenario))
        })
        .collect()
}

#[cfg(test)]
mod tests;
