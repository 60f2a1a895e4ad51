//! Embedding: what a tutorial page asks of vpclab in an iframe, and how it talks to it.
//!
//! Pure, like the model: text and JSON values in, typed values out; the app (phase B of
//! the embedding work) reads `location.search` and message events and hands them here.
//!
//! - [`query`]: the page address's parameters ([`EmbedOptions::from_query`]): `embed`,
//!   `readonly`, `edit`, `scenario`, `topology`, `lesson`, `step`, `lang`, `allowOrigin`;
//! - [`content`]: addresses of content to fetch, and lesson references;
//! - [`origin`]: origins, the [`OriginPolicy`] deciding whose messages are obeyed, and the
//!   count of [`IgnoredMessages`];
//! - [`message`]: the postMessage protocol, [`parse_message`] for host requests and
//!   [`AppMessage`] for what the app tells the host.
//!
//! The protocol and every parameter, with examples, are documented for page authors in
//! `docs/EMBED.md`.

pub mod content;
pub mod message;
pub mod origin;
pub mod query;

pub use content::{ContentUrl, LessonRef, UrlProblem};
pub use message::{
    parse_message, AppMessage, Content, CorrelationId, ErrorCode, HopSummary, HostMessage,
    HostRequest, MessageError, MessageProblem, Score, TraceRequest, Verdict,
};
pub use origin::{IgnoreReason, IgnoredMessages, Origin, OriginPolicy, OriginProblem};
pub use query::{ContentSource, EmbedOptions, Language, Parameter, QueryError};

/// The most content an embedded instance fetches from a `scenario`, `topology` or
/// `lesson` address: 1 MiB, the scenario limit ([`crate::model::limits::SCENARIO_BYTES`]).
/// A topology document of that size holds about 6,000 instances.
pub const FETCH_BYTES: usize = crate::model::limits::SCENARIO_BYTES;
