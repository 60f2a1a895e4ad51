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

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

use super::catalog::RuleSet;
use super::command::{Command, Response};
use super::error::{CommandError, ErrorCode};
use super::limits::{self, TooLarge};
use super::topology::Topology;
use super::trace::{self, Endpoint, Protocol, Trace};

/// The tag every scenario carries under `"vpclab"`.
pub const KIND: &str = "scenario";

/// The scenario version this build reads.
pub const VERSION: u64 = 1;

/// The top-level keys a scenario may have.
const TOP_LEVEL: [&str; 6] = [
    "vpclab",
    "version",
    "title",
    "description",
    "rules",
    "steps",
];

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
    fn new(path: impl Into<String>, message: impl Into<String>) -> ParseError {
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
    /// Trace a path (path analysis). Holds the step's parameters: `Source`,
    /// `Destination`, and optionally `Protocol` and `Port`, as strings.
    Trace(Map<String, Value>),
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

impl Step {
    /// The step's `Action`.
    pub fn action(&self) -> &str {
        match &self.kind {
            StepKind::Command(command) => command.action(),
            StepKind::Trace(_) => "Trace",
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

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Numbers become the API's strings, recursively (for `BackendServers`).
fn numbers_to_strings(value: Value) -> Value {
    match value {
        Value::Number(number) => Value::String(number.to_string()),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_to_strings).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| (key, numbers_to_strings(value)))
                .collect(),
        ),
        other => other,
    }
}

/// The field named in a serde message such as "missing field `VpcId`".
fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(&message[start..end])
}

/// Parses a scenario document.
///
/// # Errors
/// A [`ParseError`] with the field path when the text is not a scenario: longer than
/// [`limits::SCENARIO_BYTES`] (with [`ParseError::too_large`] set), not JSON, not
/// tagged `"vpclab": "scenario"`, a future version, an unknown `Action`, a missing required
/// parameter, an unknown parameter, or a value of the wrong JSON type.
///
/// ```
/// use vpclab::model::scenario;
/// let error = scenario::parse(r#"{"vpclab":"scenario","version":1,"steps":[{"Action":"CreateVSwitch","VpcId":"v","ZoneId":"z"}]}"#).unwrap_err();
/// assert_eq!(error.to_string(), "steps[0].CidrBlock: missing required parameter for CreateVSwitch");
/// ```
pub fn parse(text: &str) -> Result<Scenario, ParseError> {
    limits::check(text, limits::SCENARIO_BYTES)?;
    let value: Value = serde_json::from_str(text)
        .map_err(|error| ParseError::new("", format!("not JSON: {error}")))?;
    let Value::Object(top) = value else {
        return Err(ParseError::new("", "a scenario is a JSON object"));
    };
    match top.get("vpclab") {
        Some(Value::String(kind)) if kind == KIND => {}
        Some(other) => {
            return Err(ParseError::new(
                "vpclab",
                format!("expected \"scenario\", got {other}"),
            ))
        }
        None => {
            return Err(ParseError::new(
                "vpclab",
                "missing: a scenario says \"vpclab\": \"scenario\"",
            ))
        }
    }
    match top.get("version").map(|v| (v, v.as_u64())) {
        Some((_, Some(VERSION))) => {}
        Some((_, Some(version))) if version > VERSION => {
            return Err(ParseError::new(
                "version",
                format!("version {version} is newer than this vpclab reads ({VERSION})"),
            ))
        }
        Some((other, _)) => {
            return Err(ParseError::new(
                "version",
                format!("expected 1, got {other}"),
            ))
        }
        None => return Err(ParseError::new("version", "missing: expected 1")),
    }
    if let Some(key) = top.keys().find(|key| !TOP_LEVEL.contains(&key.as_str())) {
        return Err(ParseError::new(key.as_str(), "unknown field of a scenario"));
    }
    let title = match top.get("title") {
        None => String::new(),
        Some(Value::String(title)) => title.clone(),
        Some(other) => {
            return Err(ParseError::new(
                "title",
                format!("expected a string, got {}", type_name(other)),
            ))
        }
    };
    let rules = match top.get("rules") {
        None => RuleSet::Current,
        Some(Value::String(name)) => RuleSet::from_name(name).ok_or_else(|| {
            ParseError::new(
                "rules",
                format!("expected \"2020\" or \"current\", got \"{name}\""),
            )
        })?,
        Some(other) => {
            return Err(ParseError::new(
                "rules",
                format!("expected a string, got {}", type_name(other)),
            ))
        }
    };
    let steps = match top.get("steps") {
        Some(Value::Array(steps)) => steps,
        Some(other) => {
            return Err(ParseError::new(
                "steps",
                format!("expected an array, got {}", type_name(other)),
            ))
        }
        None => return Err(ParseError::new("steps", "missing: a scenario has steps")),
    };
    let mut refs: BTreeMap<String, usize> = BTreeMap::new();
    let steps = steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            let step = parse_step(index, step)?;
            if let Some(name) = &step.reference {
                if let Some(first) = refs.insert(name.clone(), index) {
                    return Err(ParseError::new(
                        format!("steps[{index}].Ref"),
                        format!("\"{name}\" is already the Ref of steps[{first}]"),
                    ));
                }
            }
            Ok(step)
        })
        .collect::<Result<Vec<Step>, ParseError>>()?;
    Ok(Scenario {
        title,
        rules,
        steps,
    })
}

fn parse_step(index: usize, value: &Value) -> Result<Step, ParseError> {
    let at = |field: &str| format!("steps[{index}].{field}");
    let Value::Object(object) = value else {
        return Err(ParseError::new(
            format!("steps[{index}]"),
            format!("a step is an object, got {}", type_name(value)),
        ));
    };
    let mut params = Map::new();
    let mut action = None;
    let mut reference = None;
    let mut expect_fields = None;
    for (key, value) in object {
        match (key.as_str(), value) {
            ("Action", Value::String(name)) => action = Some(name.clone()),
            ("Ref", Value::String(name)) if !name.is_empty() => reference = Some(name.clone()),
            ("Expect", Value::Object(fields)) => expect_fields = Some(fields),
            ("Action" | "Ref" | "Expect", other) => {
                let wanted = if key == "Expect" {
                    "an object"
                } else {
                    "a non-empty string"
                };
                return Err(ParseError::new(
                    at(key),
                    format!("expected {wanted}, got {}", type_name(other)),
                ));
            }
            (_, Value::String(_) | Value::Number(_)) => {
                params.insert(key.clone(), numbers_to_strings(value.clone()));
            }
            ("BackendServers", Value::Array(_)) => {
                params.insert(key.clone(), numbers_to_strings(value.clone()));
            }
            (_, other) => {
                return Err(ParseError::new(
                    at(key),
                    format!("expected a string, got {}", type_name(other)),
                ))
            }
        }
    }
    let action = action
        .ok_or_else(|| ParseError::new(at("Action"), "missing: every step names its Action"))?;
    if action == "Trace" {
        for field in ["Source", "Destination"] {
            if !params.contains_key(field) {
                return Err(ParseError::new(
                    at(field),
                    "missing required parameter for Trace",
                ));
            }
        }
        if let Some(field) = params
            .keys()
            .find(|key| !TRACE_PARAMETERS.contains(&key.as_str()))
        {
            return Err(ParseError::new(at(field), "unknown parameter for Trace"));
        }
        let expect = Expect::Trace(parse_trace_expect(index, expect_fields)?);
        return Ok(Step {
            index,
            kind: StepKind::Trace(params),
            reference,
            expect,
        });
    }
    let expect = match expect_fields {
        Some(fields) => parse_expect(index, fields)?,
        None => Expect::Success(BTreeMap::new()),
    };
    if !Command::ACTIONS.contains(&action.as_str()) {
        return Err(ParseError::new(
            at("Action"),
            format!("unknown action \"{action}\""),
        ));
    }
    params.insert("Action".into(), Value::String(action.clone()));
    let command: Command = serde_json::from_value(Value::Object(params)).map_err(|error| {
        let message = error.to_string();
        match (message.split_whitespace().next(), backticked(&message)) {
            (Some("missing"), Some(field)) => ParseError::new(
                at(field),
                format!("missing required parameter for {action}"),
            ),
            (Some("unknown"), Some(field)) => {
                ParseError::new(at(field), format!("unknown parameter for {action}"))
            }
            _ => ParseError::new(format!("steps[{index}]"), message),
        }
    })?;
    Ok(Step {
        index,
        kind: StepKind::Command(command),
        reference,
        expect,
    })
}

/// The parameters a `Trace` step takes.
const TRACE_PARAMETERS: [&str; 4] = ["Source", "Destination", "Protocol", "Port"];

/// A Trace step's `Expect`; none means "reachable".
fn parse_trace_expect(
    index: usize,
    fields: Option<&Map<String, Value>>,
) -> Result<TraceExpect, ParseError> {
    let Some(fields) = fields else {
        return Ok(TraceExpect {
            reachable: Some(true),
            ..TraceExpect::default()
        });
    };
    let at = |key: &str| format!("steps[{index}].Expect.{key}");
    let text = |key: &str, value: &Value| match value {
        Value::String(text) => Ok(text.clone()),
        other => Err(ParseError::new(
            at(key),
            format!("expected a string, got {}", type_name(other)),
        )),
    };
    let mut expect = TraceExpect::default();
    for (key, value) in fields {
        match (key.as_str(), value) {
            ("Reachable", Value::Bool(reachable)) => expect.reachable = Some(*reachable),
            ("Reachable", other) => {
                return Err(ParseError::new(
                    at(key),
                    format!("expected a boolean, got {}", type_name(other)),
                ))
            }
            ("Hops", Value::Array(items)) => {
                let hops = items
                    .iter()
                    .map(|item| text(key, item))
                    .collect::<Result<Vec<_>, _>>()?;
                expect.hops = Some(hops);
            }
            ("Hops", other) => {
                return Err(ParseError::new(
                    at(key),
                    format!("expected an array, got {}", type_name(other)),
                ))
            }
            ("Reason", value) => expect.reason = Some(text(key, value)?),
            ("BlockedAt", value) => expect.blocked_at = Some(text(key, value)?),
            _ => {
                return Err(ParseError::new(
                    at(key),
                    "unknown field of a Trace expectation (Reachable, Hops, Reason, BlockedAt)",
                ))
            }
        }
    }
    Ok(expect)
}

fn parse_expect(index: usize, fields: &Map<String, Value>) -> Result<Expect, ParseError> {
    let mut expected = BTreeMap::new();
    for (key, value) in fields {
        let text = match value {
            Value::String(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            other => {
                return Err(ParseError::new(
                    format!("steps[{index}].Expect.{key}"),
                    format!("expected a string, got {}", type_name(other)),
                ))
            }
        };
        expected.insert(key.clone(), text);
    }
    match expected.remove("Code") {
        Some(code) if expected.is_empty() => Ok(Expect::Code(code)),
        Some(_) => Err(ParseError::new(
            format!("steps[{index}].Expect"),
            "Expect.Code says the step fails, so it takes no response fields",
        )),
        None => Ok(Expect::Success(expected)),
    }
}

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
fn describe_trace(trace: &Trace, refs: &BTreeMap<String, String>, topology: &Topology) -> String {
    let hops: Vec<String> = trace
        .hops
        .iter()
        .map(|hop| hop_name(&hop.element, hop.kind, refs))
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
                let kind = trace::element_kind(topology, id).unwrap_or_default();
                format!(" at {}", hop_name(id, kind, refs))
            });
            format!("unreachable ({}{at}){via}", reason.code())
        }
    }
}

/// The name a scenario gives an element: its Ref, else its kind (else its id).
fn hop_name(id: &str, kind: &str, refs: &BTreeMap<String, String>) -> String {
    match refs.iter().find(|(_, value)| value.as_str() == id) {
        Some((name, _)) => name.clone(),
        None if !kind.is_empty() => kind.to_string(),
        None => id.to_string(),
    }
}

/// Whether `expected` names the element: its Ref (or kind) or its id.
fn names(expected: &str, id: &str, kind: &str, refs: &BTreeMap<String, String>) -> bool {
    expected == id || expected == hop_name(id, kind, refs)
}

fn check_trace(
    want: &TraceExpect,
    trace: &Trace,
    refs: &BTreeMap<String, String>,
    topology: &Topology,
) -> Option<(String, String)> {
    let got = || describe_trace(trace, refs, topology);
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
                .all(|(name, hop)| names(name, &hop.element, hop.kind, refs));
        if !same {
            return Some((format!("Hops {}", hops.join(" → ")), got()));
        }
    }
    if let Some(blocked_at) = &want.blocked_at {
        let blocked = trace
            .blocked_at
            .as_deref()
            .map(|id| (id, trace::element_kind(topology, id).unwrap_or_default()));
        if !blocked.is_some_and(|(id, kind)| names(blocked_at, id, kind, refs)) {
            return Some((format!("BlockedAt {blocked_at}"), got()));
        }
    }
    None
}

/// Runs a `Trace` step: its endpoints may be Refs.
fn run_trace(
    params: &Map<String, Value>,
    refs: &BTreeMap<String, String>,
    topology: &Topology,
) -> Outcome {
    let param = |name: &str| params.get(name).and_then(Value::as_str).unwrap_or_default();
    let endpoint = |name: &str| {
        // A Ref may stand alone or before `:address` (a host of a data centre).
        let text = param(name);
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
    let protocol = match params.get("Protocol") {
        None => Protocol::Tcp,
        Some(_) => match Protocol::from_name(param("Protocol")) {
            Some(protocol) => protocol,
            None => {
                return Outcome::Failed(CommandError::new(
                    ErrorCode::InvalidParameter,
                    format!(
                        "Protocol \"{}\" is not tcp, udp, icmp, gre or all",
                        param("Protocol")
                    ),
                ))
            }
        },
    };
    let port = match params.get("Port") {
        None => None,
        Some(_) => match param("Port").parse::<u16>() {
            Ok(port) if port > 0 => Some(port),
            _ => {
                return Outcome::Failed(CommandError::new(
                    ErrorCode::InvalidParameter,
                    format!(
                        "Port \"{}\" is not a port number from 1 to 65535",
                        param("Port")
                    ),
                ))
            }
        },
    };
    match (endpoint("Source"), endpoint("Destination")) {
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
pub fn run_from(mut topology: Topology, scenario: &Scenario) -> Report {
    let mut refs = BTreeMap::new();
    let mut steps = Vec::new();
    for step in &scenario.steps {
        let (command, outcome) = match &step.kind {
            StepKind::Trace(params) => (None, run_trace(params, &refs, &topology)),
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
            (Expect::Trace(want), Outcome::Traced(trace)) => {
                check_trace(want, trace, &refs, &topology)
            }
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
        title: scenario.title.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(steps: &str) -> String {
        format!(r#"{{"vpclab":"scenario","version":1,"rules":"2020","steps":[{steps}]}}"#)
    }

    fn parse_error(steps: &str) -> String {
        parse(&scenario(steps)).expect_err("invalid").to_string()
    }

    #[test]
    fn document_errors_name_the_field_path() {
        assert!(parse("{")
            .expect_err("not json")
            .to_string()
            .starts_with("not JSON"));
        assert_eq!(
            parse(r#"{"vpclab":"topology","version":1,"steps":[]}"#)
                .expect_err("kind")
                .path,
            "vpclab"
        );
        assert_eq!(
            parse(r#"{"vpclab":"scenario","version":7,"steps":[]}"#)
                .expect_err("v")
                .path,
            "version"
        );
        assert_eq!(
            parse(r#"{"vpclab":"scenario","version":1,"rules":"1999","steps":[]}"#)
                .expect_err("r")
                .path,
            "rules"
        );
        assert_eq!(
            parse_error(r#"{"Action":"CreateVPC","RegionId":"x"}"#),
            "steps[0].Action: unknown action \"CreateVPC\""
        );
        assert_eq!(
            parse_error(r#"{"RegionId":"x"}"#),
            "steps[0].Action: missing: every step names its Action"
        );
        assert_eq!(
            parse_error(r#"{"Action":"CreateVpc","RegionId":"x","CidrBlok":"10.0.0.0/8"}"#),
            "steps[0].CidrBlok: unknown parameter for CreateVpc"
        );
        assert_eq!(
            parse_error(r#"{"Action":"CreateVpc","RegionId":true}"#),
            "steps[0].RegionId: expected a string, got a boolean"
        );
        assert_eq!(
            parse_error(r#"{"Action":"CreateVpc","RegionId":"x","Expect":{"Code":["a"]}}"#),
            "steps[0].Expect.Code: expected a string, got an array"
        );
        assert_eq!(
            parse_error(
                r#"{"Action":"CreateVpc","RegionId":"x","Ref":"a"},{"Action":"CreateVpc","RegionId":"x","Ref":"a"}"#
            ),
            "steps[1].Ref: \"a\" is already the Ref of steps[0]"
        );
    }

    #[test]
    fn malformed_values_are_step_failures_not_parse_errors() {
        let text = scenario(
            r#"{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"10.0.0.0/33","Expect":{"Code":"InvalidCidrBlock.Malformed"}}"#,
        );
        assert!(run_text(&text).expect("parses").passed());
    }

    #[test]
    fn numbers_are_read_as_strings() {
        let text = scenario(
            r#"{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"10.0.0.0/8","Ref":"vpc"},
               {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1a","CidrBlock":"10.0.0.0/24","Ref":"vsw"},
               {"Action":"RunInstances","VSwitchId":"vsw","InternetMaxBandwidthOut":5,"Expect":{"PublicIpAddress":"149.129.0.1"}}"#,
        );
        let report = run_text(&text).expect("parses");
        assert!(report.passed(), "{:?}", report.first_failure());
    }

    #[test]
    fn a_ref_to_a_deleted_resource_is_not_found() {
        let text = scenario(
            r#"{"Action":"CreateVpc","RegionId":"ap-south-1","Ref":"vpc"},
               {"Action":"DeleteVpc","VpcId":"vpc"},
               {"Action":"CreateVpc","RegionId":"ap-south-1","Ref":"vpc2"},
               {"Action":"DeleteVpc","VpcId":"vpc","Expect":{"Code":"InvalidResourceId.NotFound"}}"#,
        );
        let report = run_text(&text).expect("parses");
        assert!(report.passed(), "{:?}", report.first_failure());
    }

    #[test]
    fn mismatches_say_what_was_expected_and_what_happened() {
        let text = scenario(
            r#"{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"192.168.0.0/16","Ref":"vpc"},
               {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1a","CidrBlock":"192.168.1.0/24","Ref":"vsw",
                "Expect":{"Code":"InvalidCidrBlock.Overlapped"}},
               {"Action":"DeleteVpc","VpcId":"vpc"}"#,
        );
        let report = run_text(&text).expect("parses");
        let failure = report.first_failure().expect("a failure");
        assert_eq!(
            failure.to_string(),
            "step 1 (CreateVSwitch, Ref vsw): expected Code InvalidCidrBlock.Overlapped, got success (created vsw-0001)"
        );
        assert_eq!(
            report.steps.len(),
            2,
            "the runner stops at the first mismatch"
        );
    }

    #[test]
    fn trace_steps_check_reachability_hops_reasons_and_blocking_elements() {
        let base = r#"{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"192.168.0.0/16","Ref":"vpc"},
            {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1a","CidrBlock":"192.168.1.0/24","Ref":"vsw1"},
            {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1b","CidrBlock":"192.168.2.0/24","Ref":"vsw2"},
            {"Action":"RunInstances","VSwitchId":"vsw1","Ref":"vm1"},
            {"Action":"RunInstances","VSwitchId":"vsw2","Ref":"vm3"}"#;
        let passes = |step: &str| {
            let report = run_text(&scenario(&format!("{base},{step}"))).expect("parses");
            report.first_failure().map(ToString::to_string)
        };
        assert_eq!(
            passes(
                r#"{"Action":"Trace","Source":"vm1","Destination":"vm3","Protocol":"tcp","Port":22,
                "Expect":{"Reachable":true,"Hops":["vm1","vsw1","vrouter","vsw2","vm3"]}}"#
            ),
            None
        );
        assert_eq!(
            passes(r#"{"Action":"Trace","Source":"vm1","Destination":"vm3"}"#),
            None
        );
        assert_eq!(
            passes(
                r#"{"Action":"Trace","Source":"vm1","Destination":"internet","Port":443,
                "Expect":{"Reachable":false,"Reason":"NoPublicIp","BlockedAt":"vm1"}}"#
            ),
            None
        );
        assert_eq!(
            passes(
                r#"{"Action":"Trace","Source":"vm1","Destination":"internet","Expect":{"Reachable":true}}"#
            ),
            Some(
                "step 5 (Trace): expected reachable, got unreachable (NoPublicIp at vm1)"
                    .to_string()
            )
        );
        assert_eq!(
            passes(r#"{"Action":"Trace","Source":"vm1","Destination":"vm3","Port":22,"Expect":{"Hops":["vm1","vsw1","vm3"]}}"#),
            Some("step 5 (Trace): expected Hops vm1 → vsw1 → vm3, got reachable via vm1 → vsw1 → vrouter → vsw2 → vm3".to_string())
        );
        assert_eq!(
            passes(
                r#"{"Action":"Trace","Source":"vm9","Destination":"vm3","Expect":{"Reason":"UnknownEndpoint"}}"#
            ),
            None
        );
        let bad_protocol =
            passes(r#"{"Action":"Trace","Source":"vm1","Destination":"vm3","Protocol":"sctp"}"#);
        assert!(bad_protocol.is_some_and(|failure| failure.contains("InvalidParameter")));
    }

    #[test]
    fn trace_steps_that_are_not_well_formed_are_parse_errors() {
        assert_eq!(
            parse_error(r#"{"Action":"Trace","From":"vm1","To":"vm2"}"#),
            "steps[0].Source: missing required parameter for Trace"
        );
        assert_eq!(
            parse_error(r#"{"Action":"Trace","Source":"a","Destination":"b","To":"vm2"}"#),
            "steps[0].To: unknown parameter for Trace"
        );
        assert_eq!(
            parse_error(
                r#"{"Action":"Trace","Source":"a","Destination":"b","Expect":{"Reachable":"yes"}}"#
            ),
            "steps[0].Expect.Reachable: expected a boolean, got a string"
        );
        assert_eq!(
            parse_error(r#"{"Action":"Trace","Source":"a","Destination":"b","Expect":{"Code":"X"}}"#),
            "steps[0].Expect.Code: unknown field of a Trace expectation (Reachable, Hops, Reason, BlockedAt)"
        );
    }
}
