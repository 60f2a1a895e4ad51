//! Content an embedding page names: fetched from an address (its own origin, or a server
//! that allows it with CORS) within [`FETCH_BYTES`], then read by the model's own parsers:
//! a scenario is run as the CLI runs it, a topology document goes through
//! [`document::restore`], the one path every saved or opened network takes.

use std::fmt;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::app::i18n::{pick, Language};
use crate::embed::FETCH_BYTES;
use crate::model::document::{self, LoadError};
use crate::model::scenario::{self, ParseError};
use crate::model::Topology;

/// Why content could not be loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadFailure {
    /// The address could not be read: unreachable, refused by CORS or the page's policy,
    /// an HTTP error, or more than [`FETCH_BYTES`].
    Fetch(String),
    /// The text is not a scenario.
    NotAScenario(ParseError),
    /// The scenario ran, but a step did not do what it expected (the step, in words).
    ScenarioStep(String),
    /// The text is not a topology document vpclab can open.
    NotATopology(LoadError),
}

impl fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadFailure::Fetch(why) => write!(f, "the file could not be fetched: {why}"),
            LoadFailure::NotAScenario(error) => write!(f, "not a scenario: {error}"),
            LoadFailure::ScenarioStep(step) => write!(f, "the scenario stopped at {step}"),
            LoadFailure::NotATopology(error) => write!(f, "not a topology document: {error}"),
        }
    }
}

impl LoadFailure {
    /// The failure for the visitor, in `language`, naming the `source` that failed (the
    /// model's own detail stays as the model words it).
    pub fn describe(&self, language: Language, source: &str) -> String {
        let what = match self {
            LoadFailure::Fetch(_) => pick(
                language,
                "The network could not be fetched from",
                "No se pudo descargar la red de",
            ),
            LoadFailure::NotAScenario(_) | LoadFailure::ScenarioStep(_) => pick(
                language,
                "The scenario could not be run from",
                "No se pudo ejecutar el escenario de",
            ),
            LoadFailure::NotATopology(_) => pick(
                language,
                "The network could not be opened from",
                "No se pudo abrir la red de",
            ),
        };
        format!("{what} {source}: {self}")
    }
}

/// Runs a scenario's text and returns the network it builds.
///
/// # Errors
/// [`LoadFailure::NotAScenario`] for text that is not a scenario,
/// [`LoadFailure::ScenarioStep`] when a step does not do what it expects.
pub fn scenario_network(text: &str) -> Result<Topology, LoadFailure> {
    let report = scenario::run_text(text).map_err(LoadFailure::NotAScenario)?;
    match report.first_failure() {
        Some(step) => Err(LoadFailure::ScenarioStep(step.to_string())),
        None => Ok(report.topology),
    }
}

/// Opens a topology document's text through the model's one restore path.
///
/// # Errors
/// [`LoadFailure::NotATopology`] with the model's reason.
pub fn topology_network(text: &str) -> Result<Topology, LoadFailure> {
    document::restore(text).map_err(LoadFailure::NotATopology)
}

/// Fetches the text at `url` (relative to vpclab's page), at most [`FETCH_BYTES`].
///
/// # Errors
/// [`LoadFailure::Fetch`] saying why, in English (the visitor's words come from
/// [`LoadFailure::describe`]).
pub async fn fetch_text(url: &str) -> Result<String, LoadFailure> {
    let failed = |why: &str| LoadFailure::Fetch(why.to_owned());
    let window = web_sys::window().ok_or_else(|| failed("no window"))?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| {
        failed("the server could not be reached, or it does not allow this page to read the file (CORS)")
    })?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| failed("no response"))?;
    if !response.ok() {
        return Err(LoadFailure::Fetch(format!("HTTP {}", response.status())));
    }
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|length| length.trim().parse::<usize>().ok());
    let too_large = |bytes: usize| {
        LoadFailure::Fetch(format!(
            "the file has {bytes} bytes, more than the {FETCH_BYTES} an embedded vpclab reads"
        ))
    };
    if let Some(bytes) = declared.filter(|bytes| *bytes > FETCH_BYTES) {
        return Err(too_large(bytes));
    }
    let promise = response
        .text()
        .map_err(|_| failed("the body is not text"))?;
    let text = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|value| value.as_string())
        .ok_or_else(|| failed("the body is not text"))?;
    if text.len() > FETCH_BYTES {
        return Err(too_large(text.len()));
    }
    Ok(text)
}
