//! The network model: Alibaba Cloud VPC resources, their rules, the commands that change
//! them, and the documents that store and script them. Pure: no UI, no I/O.
//!
//! - [`catalog`]: regions, zones, rule sets and quotas; [`text_rules`]: names and
//!   descriptions per rule set;
//! - [`net`]: strict CIDR parsing, forbidden and reserved addresses, address books;
//! - [`entity`]: the resources as plain data;
//! - [`Topology`]: a whole design and its read helpers;
//! - [`Command`] and [`apply()`]: every change, named after the OpenAPI action
//!   ([`ActionKind`]), applied as a pure function that returns a new topology or a typed
//!   [`CommandError`];
//! - [`element`]: what the diagram, the selection and a trace name: [`ElementKind`] and
//!   [`ElementId`];
//! - [`limits`]: the numbers of the rules (mask ranges, VLANs, bandwidths...), named once,
//!   and the size limits on untrusted input (documents, scenarios, lessons);
//! - [`document`]: the versioned stored form (`to_json`, `restore`), upgraded by [`migrations`];
//! - [`scenario`]: scenario files (steps with `Ref` and `Expect`) and their runner;
//! - [`lesson`]: lesson files (show, do and predict steps with checked goals), their
//!   checker and the built-in lessons;
//! - [`trace`]: path analysis: can A reach B, hop by hop, and why not;
//! - [`example`]: the article's network.

pub mod action;
pub mod apply;
pub mod catalog;
pub mod command;
pub mod document;
pub mod editing;
pub mod element;
pub mod entity;
pub mod error;
pub mod example;
pub mod lesson;
pub mod limits;
pub mod migrations;
pub mod net;
pub mod pretty;
pub mod request_line;
pub mod rule_calls;
pub mod scenario;
pub mod text_rules;
pub mod topology;
pub mod trace;

pub use action::ActionKind;
pub use apply::{apply, refusal, Applied};
pub use catalog::RuleSet;
pub use command::{BackendServerParam, Command, Response};
pub use element::{ElementId, ElementKind, ParseElementIdError};
pub use entity::*;
pub use error::{CommandError, Dependant, ErrorCode, ErrorDetail, Noun};
pub use request_line::request_line;
pub use topology::{PublicIpKind, Topology};
pub use trace::{Endpoint, Hop, Trace};
