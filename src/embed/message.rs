//! The postMessage protocol between a host page and an embedded vpclab, version 1.
//!
//! Every message, both ways, is a plain object with an envelope:
//! `{"vpclab": "embed", "version": 1, "type": "<message>", …}`. A host request also
//! carries an `id` (a string of 1 to 128 characters, or a whole number) that the app's
//! answer repeats, so a page can match answers to requests. The fields of each message,
//! with examples, are in `docs/EMBED.md`.
//!
//! [`parse_message`] reads a request from a host. It never panics, whatever the value: a
//! value that is not addressed to vpclab is [`MessageError::NotForVpclab`] (ignored: pages
//! and browser extensions post messages of their own); one addressed to vpclab without a
//! usable id is ignored too; one with an id but malformed otherwise is
//! [`MessageError::Invalid`], which the app answers with an `error` carrying that id.
//! Unknown fields are refused, so that a misspelt `"anmiate"` is reported, not skipped.

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use super::content::{ContentUrl, LessonRef, UrlProblem};
use crate::model::limits::{self, TooLarge};
use crate::model::trace::{Protocol, Trace};
use crate::model::{ActionKind, ElementId, ElementKind};

/// The tag under `"vpclab"` in every message.
pub const TAG: &str = "embed";

/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u64 = 1;

/// The longest text id, in characters.
pub const ID_CHARS: usize = 128;

/// The id a host gives a request; the answer repeats it as given.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum CorrelationId {
    /// A whole number (`"id": 7`).
    Number(u64),
    /// A text (`"id": "load-1"`).
    Text(String),
}

/// Content sent in a message: the text itself, or an address to fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// The file's text (`"text": "…"`).
    Text(String),
    /// Its address (`"url": "…"`), checked like the query's.
    Url(ContentUrl),
}

/// A trace the host asks for: "can `from` reach `to`?".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceRequest {
    /// The source endpoint, as the trace panel and the CLI read it (`i-0001`,
    /// `internet`, an address…).
    pub from: String,
    /// The destination endpoint.
    pub to: String,
    /// The protocol (`tcp` when not given).
    pub protocol: Protocol,
    /// The destination port, 1 to 65535 (none: any open port).
    pub port: Option<u16>,
    /// Whether to animate the packet along the path.
    pub animate: bool,
}

/// What a host page asks of the embedded app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostMessage {
    /// `loadScenario`: run a scenario (at most [`limits::SCENARIO_BYTES`] of text).
    LoadScenario(Content),
    /// `loadTopology`: open a topology document (at most [`limits::DOCUMENT_BYTES`]).
    LoadTopology(Content),
    /// `loadLesson`: open a lesson, built-in or by address.
    LoadLesson(LessonRef),
    /// `trace`: run a trace; answered with `traceResult`.
    Trace(TraceRequest),
    /// `select`: select an element (`None`, from `null` or no `element`: clear the
    /// selection).
    Select(Option<ElementId>),
    /// `goToStep`: open a step of the open lesson (1-based).
    GoToStep(u32),
    /// `getTopology`: answered with a `reply` holding the topology document.
    GetTopology,
}

/// A host's request: its id and what it asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostRequest {
    /// The id to repeat in the answer.
    pub id: CorrelationId,
    /// The request.
    pub message: HostMessage,
}

/// What is wrong with a message addressed to vpclab that carries an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageProblem {
    /// `version` is missing or not one this build speaks.
    UnsupportedVersion(Option<u64>),
    /// `type` is missing or not a message a host sends.
    UnknownType(Option<String>),
    /// A field is missing, unknown or of the wrong type (serde's words).
    Shape(String),
    /// Content needs exactly one of `text` and `url`.
    TextOrUrl,
    /// The content's text is longer than its limit.
    TooLarge(TooLarge),
    /// The content's address is refused.
    BadUrl(UrlProblem),
    /// The lesson is neither an id nor an address.
    BadLessonId(String),
    /// The element id is not one the diagram draws.
    BadElement(String),
    /// The port is 0.
    BadPort,
    /// The step is 0.
    BadStep,
}

impl fmt::Display for MessageProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MessageProblem::UnsupportedVersion(Some(version)) => write!(
                f,
                "protocol version {version} is not spoken here (version {PROTOCOL_VERSION} is)"
            ),
            MessageProblem::UnsupportedVersion(None) => {
                write!(
                    f,
                    "\"version\" is missing (this vpclab speaks {PROTOCOL_VERSION})"
                )
            }
            MessageProblem::UnknownType(Some(kind)) => write!(f, "unknown message type \"{kind}\""),
            MessageProblem::UnknownType(None) => write!(f, "\"type\" is missing"),
            MessageProblem::Shape(message) => write!(f, "malformed message: {message}"),
            MessageProblem::TextOrUrl => write!(f, "give exactly one of \"text\" and \"url\""),
            MessageProblem::TooLarge(too_large) => write!(f, "the text is too large: {too_large}"),
            MessageProblem::BadUrl(problem) => write!(f, "\"url\": {problem}"),
            MessageProblem::BadLessonId(text) => {
                write!(f, "\"{text}\" is neither a lesson id nor an address")
            }
            MessageProblem::BadElement(text) => write!(f, "\"{text}\" is not an element id"),
            MessageProblem::BadPort => write!(f, "\"port\" must be from 1 to 65535"),
            MessageProblem::BadStep => write!(f, "\"step\" must be from 1"),
        }
    }
}

/// Why a value is not a request the app can carry out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageError {
    /// Not an object with `"vpclab": "embed"`: another script's message. Ignored.
    NotForVpclab,
    /// Addressed to vpclab but without an `id`. Ignored: there is no one to answer.
    MissingId,
    /// An `id` that is neither a whole number nor a text of 1 to 128 characters. Ignored.
    BadId,
    /// A request with an id but something else wrong: answered with an `error`.
    Invalid {
        /// The request's id.
        id: CorrelationId,
        /// What is wrong.
        problem: MessageProblem,
    },
}

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MessageError::NotForVpclab => write!(f, "not a vpclab message"),
            MessageError::MissingId => write!(f, "a vpclab message without an \"id\""),
            MessageError::BadId => write!(
                f,
                "\"id\" must be a whole number or a text of 1 to {ID_CHARS} characters"
            ),
            MessageError::Invalid { problem, .. } => problem.fmt(f),
        }
    }
}

impl std::error::Error for MessageError {}

/// The body of each request type, as sent (the envelope removed).
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
enum Wire {
    LoadScenario {
        text: Option<String>,
        url: Option<String>,
    },
    LoadTopology {
        text: Option<String>,
        url: Option<String>,
    },
    LoadLesson {
        lesson: String,
    },
    Trace {
        from: String,
        to: String,
        #[serde(default = "default_protocol")]
        protocol: Protocol,
        port: Option<u16>,
        #[serde(default)]
        animate: bool,
    },
    Select {
        element: Option<String>,
    },
    GoToStep {
        step: u32,
    },
    GetTopology {},
}

fn default_protocol() -> Protocol {
    Protocol::Tcp
}

/// The request types a host sends, as written in `type`.
pub const HOST_TYPES: [&str; 7] = [
    "loadScenario",
    "loadTopology",
    "loadLesson",
    "trace",
    "select",
    "goToStep",
    "getTopology",
];

/// Reads a host's message (the `data` of a message event, as JSON).
///
/// # Errors
/// A [`MessageError`]: [`MessageError::Invalid`] (with the id, to answer) for a request
/// addressed to vpclab whose version, type or fields are wrong; the other variants for
/// messages to ignore.
///
/// ```
/// use serde_json::json;
/// use vpclab::embed::{parse_message, CorrelationId, HostMessage, MessageError};
/// let request = parse_message(&json!({
///     "vpclab": "embed", "version": 1, "id": 7, "type": "select", "element": "i-0003"
/// })).unwrap();
/// assert_eq!(request.id, CorrelationId::Number(7));
/// assert!(matches!(request.message, HostMessage::Select(Some(_))));
/// assert_eq!(parse_message(&json!("hello")), Err(MessageError::NotForVpclab));
/// ```
pub fn parse_message(value: &Value) -> Result<HostRequest, MessageError> {
    let object = value.as_object().ok_or(MessageError::NotForVpclab)?;
    if object.get("vpclab").and_then(Value::as_str) != Some(TAG) {
        return Err(MessageError::NotForVpclab);
    }
    let id = correlation_id(object.get("id"))?;
    let invalid = |problem| MessageError::Invalid {
        id: id.clone(),
        problem,
    };
    let version = object.get("version").and_then(Value::as_u64);
    if version != Some(PROTOCOL_VERSION) {
        return Err(invalid(MessageProblem::UnsupportedVersion(version)));
    }
    let kind = object.get("type").and_then(Value::as_str);
    if !kind.is_some_and(|kind| HOST_TYPES.contains(&kind)) {
        return Err(invalid(MessageProblem::UnknownType(
            kind.map(str::to_string),
        )));
    }
    let body: Map<String, Value> = object
        .iter()
        .filter(|(key, _)| !matches!(key.as_str(), "vpclab" | "version" | "id"))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let wire: Wire = serde_json::from_value(Value::Object(body))
        .map_err(|error| invalid(MessageProblem::Shape(error.to_string())))?;
    let message = checked(wire).map_err(invalid)?;
    Ok(HostRequest { id, message })
}

fn correlation_id(value: Option<&Value>) -> Result<CorrelationId, MessageError> {
    match value {
        None | Some(Value::Null) => Err(MessageError::MissingId),
        Some(Value::Number(number)) => number
            .as_u64()
            .map(CorrelationId::Number)
            .ok_or(MessageError::BadId),
        Some(Value::String(text)) if !text.is_empty() && text.chars().count() <= ID_CHARS => {
            Ok(CorrelationId::Text(text.clone()))
        }
        Some(_) => Err(MessageError::BadId),
    }
}

/// Turns a well-shaped body into a request, checking its values.
fn checked(wire: Wire) -> Result<HostMessage, MessageProblem> {
    Ok(match wire {
        Wire::LoadScenario { text, url } => {
            HostMessage::LoadScenario(content(text, url, limits::SCENARIO_BYTES)?)
        }
        Wire::LoadTopology { text, url } => {
            HostMessage::LoadTopology(content(text, url, limits::DOCUMENT_BYTES)?)
        }
        Wire::LoadLesson { lesson } => {
            HostMessage::LoadLesson(LessonRef::parse(&lesson).map_err(|problem| match problem {
                Some(problem) => MessageProblem::BadUrl(problem),
                None => MessageProblem::BadLessonId(lesson.clone()),
            })?)
        }
        Wire::Trace {
            from,
            to,
            protocol,
            port,
            animate,
        } => {
            if port == Some(0) {
                return Err(MessageProblem::BadPort);
            }
            HostMessage::Trace(TraceRequest {
                from,
                to,
                protocol,
                port,
                animate,
            })
        }
        Wire::Select { element } => HostMessage::Select(
            element
                .map(|text| {
                    text.parse::<ElementId>()
                        .map_err(|_| MessageProblem::BadElement(text.clone()))
                })
                .transpose()?,
        ),
        Wire::GoToStep { step } => {
            if step == 0 {
                return Err(MessageProblem::BadStep);
            }
            HostMessage::GoToStep(step)
        }
        Wire::GetTopology {} => HostMessage::GetTopology,
    })
}

fn content(
    text: Option<String>,
    url: Option<String>,
    limit: usize,
) -> Result<Content, MessageProblem> {
    match (text, url) {
        (Some(text), None) => {
            limits::check(&text, limit).map_err(MessageProblem::TooLarge)?;
            Ok(Content::Text(text))
        }
        (None, Some(url)) => ContentUrl::parse(&url)
            .map(Content::Url)
            .map_err(MessageProblem::BadUrl),
        _ => Err(MessageProblem::TextOrUrl),
    }
}

/// Whether a trace reached its destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// The packet (and its answer) gets through.
    Reachable,
    /// It does not; `reason` says why.
    Unreachable,
}

/// One hop of a trace result: the element and its kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HopSummary {
    /// The element, as the diagram's `data-id` writes it.
    pub element: ElementId,
    /// Its kind, as the diagram's `data-kind` writes it.
    pub kind: ElementKind,
}

/// A lesson's score, as the lesson player counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Score {
    /// The points earned.
    pub points: u32,
    /// The points possible.
    pub out_of: u32,
}

/// The code of an `error` answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// The request is malformed ([`MessageProblem`]; `message` says how).
    BadMessage,
    /// The request's protocol version is not spoken here.
    UnsupportedVersion,
    /// Content could not be fetched or read (the model's error in `message`).
    LoadFailed,
    /// The element or endpoint does not exist in the network shown.
    UnknownElement,
    /// No lesson is open (`goToStep`), or the lesson does not exist.
    NoLesson,
    /// The lesson has no such step.
    NoSuchStep,
    /// The instance is read-only and the request would change the network.
    ReadOnly,
}

impl ErrorCode {
    /// The code for a malformed request.
    pub fn of(problem: &MessageProblem) -> ErrorCode {
        match problem {
            MessageProblem::UnsupportedVersion(_) => ErrorCode::UnsupportedVersion,
            _ => ErrorCode::BadMessage,
        }
    }
}

/// What the embedded app tells its host page.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum AppMessage {
    /// The app has started and listens. Posted to the parent window once per allowed
    /// origin (the browser delivers only the copy whose target origin is the parent's).
    Ready {
        /// Whether edits are refused (`readonly=1`).
        readonly: bool,
        /// The request types this build understands.
        accepts: Vec<&'static str>,
    },
    /// The network changed by an action (the visitor's, or a request's).
    Changed {
        /// The API action performed.
        #[serde(serialize_with = "action_name")]
        action: ActionKind,
    },
    /// The outcome of a trace: the answer to a `trace` request (with its id) or a trace
    /// the visitor ran (without one).
    TraceResult {
        /// The request's id, when a host asked for it.
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<CorrelationId>,
        /// Reachable or unreachable.
        verdict: Verdict,
        /// The reason code when unreachable (`SecurityGroupDenied`…).
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<&'static str>,
        /// The element that stopped the packet.
        #[serde(skip_serializing_if = "Option::is_none", rename = "blockedAt")]
        blocked_at: Option<ElementId>,
        /// The elements the packet passed, in order.
        hops: Vec<HopSummary>,
        /// The protocol traced.
        protocol: Protocol,
        /// The port the answer is about.
        #[serde(skip_serializing_if = "Option::is_none")]
        port: Option<u16>,
    },
    /// The learner passed a lesson step.
    LessonStepPassed {
        /// The lesson's id (or address).
        lesson: String,
        /// The step, 1-based.
        step: u32,
    },
    /// The learner completed a lesson.
    LessonCompleted {
        /// The lesson's id (or address).
        lesson: String,
        /// The score.
        score: Score,
    },
    /// A request was carried out; `getTopology` gets the document in `topology`.
    Reply {
        /// The request's id.
        id: CorrelationId,
        /// The topology document (`{"vpclab":"topology",…}`), for `getTopology`.
        #[serde(skip_serializing_if = "Option::is_none")]
        topology: Option<Value>,
    },
    /// A request failed or was malformed.
    Error {
        /// The request's id.
        id: CorrelationId,
        /// What kind of failure.
        code: ErrorCode,
        /// What went wrong, in English, for the page's author.
        message: String,
    },
}

fn action_name<S: Serializer>(action: &ActionKind, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(action.api_name())
}

impl AppMessage {
    /// The `ready` event of an instance.
    pub fn ready(readonly: bool) -> AppMessage {
        AppMessage::Ready {
            readonly,
            accepts: HOST_TYPES.to_vec(),
        }
    }

    /// The `traceResult` for a trace, answering request `id` if a host asked for it.
    pub fn trace_result(id: Option<CorrelationId>, trace: &Trace) -> AppMessage {
        AppMessage::TraceResult {
            id,
            verdict: if trace.reachable {
                Verdict::Reachable
            } else {
                Verdict::Unreachable
            },
            reason: trace.reason.as_ref().map(|reason| reason.code()),
            blocked_at: trace.blocked_at.clone(),
            hops: trace
                .hops
                .iter()
                .map(|hop| HopSummary {
                    element: hop.element.clone(),
                    kind: hop.kind,
                })
                .collect(),
            protocol: trace.protocol,
            port: trace.port,
        }
    }

    /// The `error` answer to a malformed request, or `None` for a message to ignore
    /// silently (not vpclab's, or without an id).
    pub fn for_malformed(error: &MessageError) -> Option<AppMessage> {
        match error {
            MessageError::Invalid { id, problem } => Some(AppMessage::Error {
                id: id.clone(),
                code: ErrorCode::of(problem),
                message: problem.to_string(),
            }),
            _ => None,
        }
    }

    /// The message as the JSON object to post, envelope included.
    pub fn to_value(&self) -> Value {
        let mut value = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(object) = value.as_object_mut() {
            object.insert("vpclab".into(), Value::from(TAG));
            object.insert("version".into(), Value::from(PROTOCOL_VERSION));
        }
        value
    }
}

#[cfg(test)]
mod tests;
