//! Running a scenario: each step's command applied (or its trace answered), its outcome
//! checked against its `Expect`, and a [`Report`] of what happened.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use super::{parse, Expect, ParseError, Scenario, Step, StepKind, TraceExpect, TraceStep};
use crate::model::command::{Command, Response};
use crate::model::element::{ElementId, ElementKind};
use crate::model::error::CommandError;
use crate::model::topology::Topology;
use crate::model::trace::{self, Endpoint, Trace};

/// Replaces Refs by the ids they name in every `...Id` parameter (but `RegionId`, `ZoneId`).
///
/// ```
/// use std::collections::BTreeMap;
/// use vpclab::model::{scenario, Command};
/// let refs = BTreeMap::from([("vpc".to_string(), "vpc-0001".to_string())]);
/// let command = Command::DeleteVpc { vpc_id: "vpc".into() };
/// assert_eq!(scenario::resolve(&command, &refs), Command::DeleteVpc { vpc_id: "vpc-0001".into() });
/// ```
pub fn resolve(command: &Command, refs: &BTreeMap<String, String>) -> Command {
    fn walk(value: &mut Value, refs: &BTreeMap<String, String>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    let is_id = key.ends_with("Id") && key != "RegionId" && key != "ZoneId";
                    match value {
                        Value::String(text) if is_id => {
                            if let Some(id) = refs.get(text.as_str()) {
                                *text = id.clone();
                            }
                        }
                        other => walk(other, refs),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| walk(item, refs)),
            _ => {}
        }
    }
    if refs.is_empty() {
        return command.clone();
    }
    let Ok(mut value) = serde_json::to_value(command) else {
        return command.clone();
    };
    walk(&mut value, refs);
    serde_json::from_value(value).unwrap_or_else(|_| command.clone())
}

/// How a step went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The command succeeded with this response.
    Succeeded(Response),
    /// The command failed with this error.
    Failed(CommandError),
    /// The step cannot run (kept for steps a future version may add).
    Unsupported(String),
    /// The trace step answered this.
    Traced(Trace),
}

/// The report of one step that ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepReport {
    /// Its position in `steps`, from 0.
    pub index: usize,
    /// Its `Action`.
    pub action: String,
    /// Its `Ref`.
    pub reference: Option<String>,
    /// The command as applied, with Refs replaced by ids (`None` for a trace).
    pub command: Option<Command>,
    /// How it went.
    pub outcome: Outcome,
    /// `None` when the outcome matches the expectation; otherwise what was expected and
    /// what happened, in words.
    pub mismatch: Option<(String, String)>,
}

impl StepReport {
    /// Whether the step did what the scenario expected.
    pub fn passed(&self) -> bool {
        self.mismatch.is_none()
    }
}

impl fmt::Display for StepReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "step {} ({}", self.index, self.action)?;
        if let Some(reference) = &self.reference {
            write!(f, ", Ref {reference}")?;
        }
        f.write_str(")")?;
        match &self.mismatch {
            Some((expected, got)) => write!(f, ": expected {expected}, got {got}"),
            None => f.write_str(": ok"),
        }
    }
}

/// The result of running a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The scenario's title.
    pub title: String,
    /// The steps that ran, in order; the last one is the first mismatch, if any.
    pub steps: Vec<StepReport>,
    /// The Refs and the ids they name.
    pub refs: BTreeMap<String, String>,
    /// The topology after the last step that ran.
    pub topology: Topology,
}

impl Report {
    /// Whether every step matched its expectation.
    pub fn passed(&self) -> bool {
        self.steps.iter().all(StepReport::passed)
    }

    /// The first step that did not match its expectation.
    pub fn first_failure(&self) -> Option<&StepReport> {
        self.steps.iter().find(|step| !step.passed())
    }
}

fn describe_success(response: &Response) -> String {
    match &response.created {
        Some(id) => format!("success (created {id})"),
        None => "success".to_string(),
    }
}

/// A trace in words: `reachable via a → b` or `unreachable (Reason at x) via a → b`.
fn describe_trace(trace: &Trace, refs: &BTreeMap<String, String>) -> String {
    let hops: Vec<String> = trace
        .hops
        .iter()
        .map(|hop| hop_name(&hop.element, Some(hop.kind), refs))
        .collect();
    let via = if hops.is_empty() {
        String::new()
    } else {
        format!(" via {}", hops.join(" → "))
    };
    match &trace.reason {
        None => format!("reachable{via}"),
        Some(reason) => {
            let at = trace.blocked_at.as_ref().map_or(String::new(), |id| {
                format!(" at {}", hop_name(id, id.kind(), refs))
            });
            format!("unreachable ({}{at}){via}", reason.code())
        }
    }
}

/// The name a scenario gives an element: its Ref, else its kind (else its id).
fn hop_name(id: &ElementId, kind: Option<ElementKind>, refs: &BTreeMap<String, String>) -> String {
    let reference = id
        .as_resource()
        .and_then(|resource| refs.iter().find(|(_, value)| value.as_str() == resource));
    match (reference, kind) {
        (Some((name, _)), _) => name.clone(),
        (None, Some(kind)) => kind.to_string(),
        (None, None) => id.to_string(),
    }
}

/// Whether `expected` names the element: its Ref (or kind) or its id.
fn names(
    expected: &str,
    id: &ElementId,
    kind: Option<ElementKind>,
    refs: &BTreeMap<String, String>,
) -> bool {
    expected == id.to_string() || expected == hop_name(id, kind, refs)
}

fn check_trace(
    want: &TraceExpect,
    trace: &Trace,
    refs: &BTreeMap<String, String>,
) -> Option<(String, String)> {
    let got = || describe_trace(trace, refs);
    if want
        .reachable
        .is_some_and(|reachable| reachable != trace.reachable)
    {
        let wanted = if trace.reachable {
            "unreachable"
        } else {
            "reachable"
        };
        return Some((wanted.to_string(), got()));
    }
    if let Some(reason) = &want.reason {
        if trace.reason.as_ref().map(trace::Reason::code) != Some(reason.as_str()) {
            return Some((format!("Reason {reason}"), got()));
        }
    }
    if let Some(hops) = &want.hops {
        let same = hops.len() == trace.hops.len()
            && hops
                .iter()
                .zip(&trace.hops)
                .all(|(name, hop)| names(name, &hop.element, Some(hop.kind), refs));
        if !same {
            return Some((format!("Hops {}", hops.join(" → ")), got()));
        }
    }
    if let Some(blocked_at) = &want.blocked_at {
        let named = trace
            .blocked_at
            .as_ref()
            .is_some_and(|id| names(blocked_at, id, id.kind(), refs));
        if !named {
            return Some((format!("BlockedAt {blocked_at}"), got()));
        }
    }
    None
}

/// Answers a trace query (a `Trace` step's) on `topology`: its endpoints may be Refs,
/// replaced by the ids they name in `refs`. A malformed protocol or port is
/// [`Outcome::Failed`]; an endpoint that names nothing is a trace with
/// [`trace::Reason::UnknownEndpoint`].
pub fn trace_query(
    step: &TraceStep,
    refs: &BTreeMap<String, String>,
    topology: &Topology,
) -> Outcome {
    let endpoint = |text: &str| {
        // A Ref may stand alone or before `:address` (a host of a data centre).
        let (head, tail) = text
            .split_once(':')
            .map_or((text, None), |(head, tail)| (head, Some(tail)));
        let head = refs.get(head).map_or(head, String::as_str);
        let text = match tail {
            Some(tail) => format!("{head}:{tail}"),
            None => head.to_string(),
        };
        Endpoint::parse(topology, &text).map_err(|_| text.clone())
    };
    let (protocol, port) = match (&step.protocol, &step.port) {
        (Ok(protocol), Ok(port)) => (*protocol, *port),
        (Err(error), _) | (_, Err(error)) => return Outcome::Failed(error.clone()),
    };
    match (endpoint(&step.source), endpoint(&step.destination)) {
        (Ok(source), Ok(destination)) => Outcome::Traced(trace::trace(
            topology,
            &source,
            &destination,
            protocol,
            port,
        )),
        (Err(endpoint), _) | (_, Err(endpoint)) => Outcome::Traced(Trace::refused(
            trace::Reason::UnknownEndpoint { endpoint },
            protocol,
            port,
        )),
    }
}

fn check(expect: &Expect, outcome: &Outcome) -> Option<(String, String)> {
    match (expect, outcome) {
        (_, Outcome::Unsupported(why)) => Some((
            "a supported step".to_string(),
            format!("unsupported: {why}"),
        )),
        (Expect::Success(fields), Outcome::Succeeded(response)) => {
            fields.iter().find_map(|(key, wanted)| {
                let got = response.field(key);
                (got != Some(wanted.as_str())).then(|| {
                    (
                        format!("{key} = {wanted}"),
                        format!("{key} = {}", got.unwrap_or("(absent)")),
                    )
                })
            })
        }
        (Expect::Success(_), Outcome::Failed(error)) => {
            Some(("success".to_string(), error.to_string()))
        }
        (Expect::Code(code), Outcome::Succeeded(response)) => {
            Some((format!("Code {code}"), describe_success(response)))
        }
        (Expect::Code(code), Outcome::Failed(error)) => {
            (error.code() != code).then(|| (format!("Code {code}"), error.to_string()))
        }
        (Expect::Trace(_), Outcome::Succeeded(response)) => {
            Some(("a trace".to_string(), describe_success(response)))
        }
        (Expect::Trace(_), Outcome::Failed(error)) => {
            Some(("a trace".to_string(), error.to_string()))
        }
        (Expect::Success(_) | Expect::Code(_), Outcome::Traced(trace)) => Some((
            "a command's response".to_string(),
            format!(
                "a trace ({})",
                if trace.reachable {
                    "reachable"
                } else {
                    "unreachable"
                }
            ),
        )),
        // Trace expectations need the Refs and the topology: `run_from` checks them with
        // `check_trace`.
        (Expect::Trace(_), Outcome::Traced(_)) => None,
    }
}

/// Runs a scenario from an empty topology under its rules, stopping at the first step that
/// does not match its expectation.
///
/// ```
/// use vpclab::model::scenario;
/// let text = r#"{"vpclab":"scenario","version":1,"rules":"2020","steps":[
///   {"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"192.168.0.0/16","Ref":"vpc"},
///   {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1a","CidrBlock":"192.168.1.0/24","Ref":"vsw"},
///   {"Action":"RunInstances","VSwitchId":"vsw","Expect":{"PrivateIpAddress":"192.168.1.1"}},
///   {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1a","CidrBlock":"192.168.1.128/25",
///    "Expect":{"Code":"InvalidCidrBlock.Overlapped"}}]}"#;
/// let report = scenario::run(&scenario::parse(text).unwrap());
/// assert!(report.passed());
/// assert_eq!(report.refs["vsw"], "vsw-0001");
/// ```
pub fn run(scenario: &Scenario) -> Report {
    run_from(Topology::new(scenario.rules), scenario)
}

/// Runs a scenario's steps on a given topology (its rules are left as they are).
pub fn run_from(topology: Topology, scenario: &Scenario) -> Report {
    let mut report = run_steps(topology, BTreeMap::new(), &scenario.steps);
    report.title.clone_from(&scenario.title);
    report
}

/// Runs steps on a given topology with the Refs named so far (a lesson's earlier steps),
/// stopping at the first step that does not match its expectation. The report's `refs`
/// hold the given Refs and those the steps added; its title is empty.
pub fn run_steps(
    mut topology: Topology,
    mut refs: BTreeMap<String, String>,
    scenario_steps: &[Step],
) -> Report {
    let mut steps = Vec::new();
    for step in scenario_steps {
        let (command, outcome) = match &step.kind {
            StepKind::Trace(step) => (None, trace_query(step, &refs, &topology)),
            StepKind::Command(command) => {
                let command = resolve(command, &refs);
                let outcome = match topology.apply_in_place(&command) {
                    Ok(response) => Outcome::Succeeded(response),
                    Err(error) => Outcome::Failed(error),
                };
                (Some(command), outcome)
            }
        };
        if let (Some(name), Outcome::Succeeded(response)) = (&step.reference, &outcome) {
            if let Some(id) = &response.created {
                refs.insert(name.clone(), id.clone());
            }
        }
        let mismatch = match (&step.expect, &outcome) {
            (Expect::Trace(want), Outcome::Traced(trace)) => check_trace(want, trace, &refs),
            _ => check(&step.expect, &outcome),
        };
        let stop = mismatch.is_some();
        steps.push(StepReport {
            index: step.index,
            action: step.action().to_string(),
            reference: step.reference.clone(),
            command,
            outcome,
            mismatch,
        });
        if stop {
            break;
        }
    }
    Report {
        title: String::new(),
        steps,
        refs,
        topology,
    }
}

/// Parses and runs a scenario document.
///
/// # Errors
/// The [`ParseError`] of a document that is not a scenario.
pub fn run_text(text: &str) -> Result<Report, ParseError> {
    parse(text).map(|scenario| run(&scenario))
}
