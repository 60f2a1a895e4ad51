//! The network model: Alibaba Cloud VPC resources, their rules, the commands that change
//! them, and the documents that store and script them. Pure: no UI, no I/O.
//!
//! - [`catalog`]: regions, zones, rule sets and quotas;
//! - [`net`]: strict CIDR parsing, forbidden and reserved addresses, address books;
//! - [`entity`]: the resources as plain data;
//! - [`Topology`]: a whole design and its read helpers;
//! - [`Command`] and [`apply()`]: every change, named after the OpenAPI action, applied as a
//!   pure function that returns a new topology or a typed [`CommandError`];
//! - [`document`]: the versioned stored form (`to_json`, `restore`);
//! - [`limits`]: the size limits on untrusted input (documents, scenarios);
//! - [`scenario`]: scenario files (steps with `Ref` and `Expect`) and their runner;
//! - [`trace`]: path analysis: can A reach B, hop by hop, and why not;
//! - [`example`]: the article's network.

pub mod apply;
pub mod catalog;
pub mod command;
pub mod document;
pub mod editing;
pub mod entity;
pub mod error;
pub mod example;
pub mod limits;
pub mod net;
pub mod scenario;
pub mod topology;
pub mod trace;

pub use apply::{apply, Applied};
pub use catalog::RuleSet;
pub use command::{BackendServerParam, Command, Response};
pub use entity::*;
pub use error::{CommandError, ErrorCode};
pub use topology::{PublicIpKind, Topology};
pub use trace::{Endpoint, Hop, Trace};
