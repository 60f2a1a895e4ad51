//! Embedding in the app: what `?embed=1` and its parameters change, the content named by
//! the address, the postMessage listener and the events told to the host page.
//!
//! The pure part (reading the address and the messages, the origin rule, the storage key)
//! is [`crate::embed`]; this module wires it to the browser. A separate instance
//! ([`Embedding::separate`]) never reads or writes the visitor's own saved network, their
//! preferences or their open lesson: it starts from its own key
//! ([`Embedding::storage_key`]) or from the content it names, keeps to memory when storage
//! is blocked, and says nothing about storage to the visitor.

pub mod content;
pub mod events;
pub mod host;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::i18n::{pick, Language};
use super::state::{Action, AppState, EmbedAction, Embedding, Notice, SharedTopology};
use super::storage;
use crate::embed::ContentSource;
use crate::model::{document, example, RuleSet, Topology};

/// What the page's address asks of this instance.
pub fn from_location() -> Embedding {
    let query = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    Embedding::from_query(&query)
}

/// The network a separate instance starts with, and whether it must still fetch its
/// content: what it kept under its own key (unless read-only), else a blank network while
/// the content named by the address arrives, else the article's network.
fn starting_network(embedding: &Embedding) -> (Topology, bool) {
    let kept = embedding
        .storage_key()
        .and_then(|key| storage::read(&key).ok().flatten())
        .and_then(|text| document::restore(&text).ok());
    match (kept, embedding.fetched_source()) {
        (Some(topology), _) => (topology, false),
        (None, Some(_)) => (Topology::new(RuleSet::Current), true),
        (None, None) => (example::article_network(), false),
    }
}

/// The state a separate instance starts with ([`Embedding::separate`]): never the
/// visitor's saved network, preferences or open lesson.
pub fn initial_state(embedding: Embedding, browser: Language) -> AppState {
    let (topology, fetching) = starting_network(&embedding);
    let mut state = AppState::new(topology);
    let query = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    let language = Language::from_query(&query).unwrap_or(browser);
    state.preferences.language = language;
    if let Some(problem) = &embedding.problem {
        state.notice = Some(Notice::Message(format!(
            "{} {}",
            pick(
                language,
                "This frame's address has a problem, so the example network is shown:",
                "La dirección de este marco tiene un problema, así que se muestra la red de ejemplo:",
            ),
            crate::text::embed::query_error(language.lesson(), problem)
        )));
    } else if fetching {
        state.notice = Some(Notice::Message(
            pick(language, "Loading the network…", "Cargando la red…").to_owned(),
        ));
    }
    let lesson = matches!(embedding.options.source, Some(ContentSource::Lesson(_)));
    state.embedding = Rc::new(embedding);
    // A built-in lesson named by the address opens now; a lesson file is fetched by the
    // lesson player's effect. Without a lesson in the address, none is resumed.
    match super::lesson_io::initial(language).filter(|_| lesson) {
        Some(action) => {
            let next = yew::Reducible::reduce(Rc::new(state), action);
            Rc::try_unwrap(next).unwrap_or_else(|shared| (*shared).clone())
        }
        None => state,
    }
}

/// Keeps a separate instance's network under its own key after every change (not the
/// first render: nothing changed yet). A refusal (storage blocked, full) is silent: the
/// network lives on in memory, and an embedded visitor has nothing to do about storage.
#[hook]
fn use_own_key(state: &AppState) {
    let key = state.embedding.storage_key();
    let first = use_mut_ref(|| true);
    use_effect_with(
        SharedTopology(state.own_topology().clone()),
        move |topology| {
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            if let (false, Some(key)) = (first, key) {
                let _ = storage::write(&key, &document::to_json(&topology.0));
            }
        },
    );
}

/// Fetches the scenario or topology the address names, once, when the instance did not
/// start from what it kept; the outcome replaces the network or is explained in the frame.
#[hook]
fn use_address_content(state: &UseReducerHandle<AppState>) {
    let embedding = state.embedding.clone();
    let waiting = state.notice.is_some() && state.history.undo_depth() == 0;
    let dispatcher = state.dispatcher();
    let language = state.preferences.language;
    use_effect_with((), move |()| {
        let source = embedding.fetched_source().cloned().filter(|_| waiting);
        if let Some(source) = source {
            wasm_bindgen_futures::spawn_local(async move {
                let (url, scenario) = match &source {
                    ContentSource::Scenario(url) => (url.as_str(), true),
                    ContentSource::Topology(url) => (url.as_str(), false),
                    ContentSource::Lesson(_) => return,
                };
                let loaded = content::fetch_text(url).await.and_then(|text| {
                    if scenario {
                        content::scenario_network(&text)
                    } else {
                        content::topology_network(&text)
                    }
                });
                dispatcher.dispatch(Action::Embed(match loaded {
                    Ok(topology) => EmbedAction::Load(Rc::new(topology)),
                    Err(failure) => EmbedAction::Problem(failure.describe(language, url)),
                }));
            });
        }
    });
}

/// Everything embedding adds to the app: the own-key storage and the address's content
/// for a separate instance, the host page's messages and the events told to it. Returns
/// the trace key shared with the events (see [`events::use_host_events`]).
#[hook]
pub fn use_embedding(
    state: &UseReducerHandle<AppState>,
    analysis: &Rc<Option<Result<super::components::trace_panel::Analysis, String>>>,
) {
    let reported = use_mut_ref(|| None::<String>);
    use_own_key(state);
    use_address_content(state);
    host::use_host_messages(state, &reported);
    events::use_host_events(state, analysis, &reported);
}

/// The last trace outcome told to the host, so that a trace a host asked for (answered
/// with its id) is not told again as the visitor's.
pub type Reported = Rc<RefCell<Option<String>>>;
