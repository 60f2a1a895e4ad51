//! vpclab: build and explore an Alibaba Cloud VPC network as a live, interactive diagram.
//!
//! The crate has three layers, and dependencies only point down the list:
//! - `app` (browser only): the Yew UI, which renders state and dispatches actions;
//! - [`layout`]: turns a topology into diagram geometry (pure);
//! - [`export`]: a topology as JSON, a scenario, Terraform or a share link, and import from
//!   a file (pure);
//! - [`embed`]: the embedding options of a page address and the postMessage protocol (pure);
//! - [`text`]: the model's typed messages (errors, trace hops and reasons, region names)
//!   in English and Spanish (pure);
//! - [`model`]: the network, its Alibaba rules, commands and documents (pure).

pub mod embed;
pub mod export;
pub mod layout;
pub mod model;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod app;
