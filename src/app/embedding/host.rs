//! The postMessage listener: obeys the host pages the origin rule allows, answers each
//! request at the window and origin it came from, and counts what it ignores.
//!
//! A message from another origin, one that is not vpclab's, or a malformed one is
//! ignored and counted ([`IgnoredMessages`]); the count is on the page's root element as
//! `data-ignored-messages`, for a page author (or a test) to read. Nothing a page posts
//! can panic the app: every value goes through [`parse_message`].

use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::content::{self, LoadFailure};
use super::Reported;
use crate::app::components::trace_panel::analyse;
use crate::app::lesson_io;
use crate::app::state::{element_exists, Action, AppState, EmbedAction, LessonAction, TraceSetup};
use crate::embed::{
    parse_message, AppMessage, Content, CorrelationId, ErrorCode, HostMessage, HostRequest,
    IgnoreReason, IgnoredMessages, LessonRef, MessageError, OriginPolicy, TraceRequest,
};
use crate::model::{document, lesson};

/// Where an answer goes: the window that asked, at the origin it asked from.
#[derive(Clone)]
struct Asker {
    window: web_sys::Window,
    origin: String,
}

impl Asker {
    fn send(&self, message: &AppMessage) {
        if let Some(value) = to_js(&message.to_value()) {
            // A window that went away meanwhile cannot be answered; nothing to do.
            let _ = self.window.post_message(&value, &self.origin);
        }
    }

    fn reply(&self, id: CorrelationId) {
        self.send(&AppMessage::Reply { id, topology: None });
    }

    fn error(&self, id: CorrelationId, code: ErrorCode, message: impl Into<String>) {
        self.send(&AppMessage::Error {
            id,
            code,
            message: message.into(),
        });
    }
}

/// A JSON value as the plain JavaScript object to post.
pub fn to_js(value: &Value) -> Option<JsValue> {
    js_sys::JSON::parse(&value.to_string()).ok()
}

/// A posted value as JSON, or `None` for one JSON cannot carry (a function, a cycle).
fn from_js(value: &JsValue) -> Option<Value> {
    let text = js_sys::JSON::stringify(value).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}

/// This page's origin, as the browser writes it.
pub fn own_origin() -> String {
    web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default()
}

/// What the listener needs from the app: the latest state and a way to change it.
struct Listener {
    latest: Rc<std::cell::RefCell<UseReducerHandle<AppState>>>,
    policy: OriginPolicy,
    ignored: std::cell::RefCell<IgnoredMessages>,
    reported: Reported,
}

impl Listener {
    fn ignore(&self, reason: IgnoreReason) {
        let total = {
            let mut ignored = self.ignored.borrow_mut();
            ignored.record(reason);
            ignored.total()
        };
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("data-ignored-messages", &total.to_string());
        }
    }

    fn on_message(&self, event: &web_sys::MessageEvent) {
        let origin = event.origin();
        if !self.policy.allows(&origin) {
            return self.ignore(IgnoreReason::ForeignOrigin);
        }
        // A window of another origin is not an `instanceof Window` of this realm, so it is
        // taken as one unchecked: answering a `MessagePort` instead fails with an error the
        // browser returns, never a panic.
        let Some(window) = event
            .source()
            .map(|source| source.unchecked_into::<web_sys::Window>())
        else {
            return self.ignore(IgnoreReason::NotForVpclab);
        };
        let asker = Asker { window, origin };
        let Some(value) = from_js(&event.data()) else {
            return self.ignore(IgnoreReason::NotForVpclab);
        };
        match parse_message(&value) {
            Ok(request) => self.carry_out(request, asker),
            Err(MessageError::NotForVpclab) => self.ignore(IgnoreReason::NotForVpclab),
            Err(error) => {
                self.ignore(IgnoreReason::Malformed);
                if let Some(answer) = AppMessage::for_malformed(&error) {
                    asker.send(&answer);
                }
            }
        }
    }

    fn carry_out(&self, request: HostRequest, asker: Asker) {
        let state = self.latest.borrow().clone();
        let HostRequest { id, message } = request;
        match message {
            HostMessage::LoadScenario(content) => load(&state, content, true, id, asker),
            HostMessage::LoadTopology(content) => load(&state, content, false, id, asker),
            HostMessage::LoadLesson(lesson) => load_lesson(&state, lesson, id, asker),
            HostMessage::Trace(trace) => self.trace(&state, trace, id, &asker),
            HostMessage::Select(element) => match element {
                Some(element) if !element_exists(state.topology(), &element) => asker.error(
                    id,
                    ErrorCode::UnknownElement,
                    format!("there is no {element} in the network shown"),
                ),
                element => {
                    state.dispatch(Action::Select(element));
                    asker.reply(id);
                }
            },
            HostMessage::GoToStep(step) => go_to_step(&state, step, id, &asker),
            HostMessage::GetTopology => {
                let topology = serde_json::from_str(&document::to_json(state.topology())).ok();
                asker.send(&AppMessage::Reply { id, topology });
            }
        }
    }

    /// Shows the trace in the panel (animated if asked) and answers with its outcome.
    fn trace(
        &self,
        state: &UseReducerHandle<AppState>,
        request: TraceRequest,
        id: CorrelationId,
        asker: &Asker,
    ) {
        let mut setup = TraceSetup {
            source: request.from,
            destination: request.to,
            protocol: request.protocol,
            port: request
                .port
                .map(|port| port.to_string())
                .unwrap_or_default(),
            ..TraceSetup::default()
        };
        match analyse(state.topology(), &setup, state.preferences.language) {
            Ok(found) => match found.trace {
                Some(trace) => {
                    setup.step = if request.animate { 1 } else { found.path.len() };
                    setup.playing = request.animate;
                    *self.reported.borrow_mut() = Some(
                        AppMessage::trace_result(None, &trace)
                            .to_value()
                            .to_string(),
                    );
                    state.dispatch(Action::Embed(EmbedAction::Trace(setup)));
                    asker.send(&AppMessage::trace_result(Some(id), &trace));
                }
                None => asker.error(id, ErrorCode::UnknownElement, "both ends are needed"),
            },
            Err(why) => asker.error(id, ErrorCode::UnknownElement, why),
        }
    }
}

/// Opens a lesson step (1-based) of the open lesson.
fn go_to_step(state: &UseReducerHandle<AppState>, step: u32, id: CorrelationId, asker: &Asker) {
    let Some(session) = &state.lesson else {
        return asker.error(id, ErrorCode::NoLesson, "no lesson is open");
    };
    let count = session.lesson.steps.len();
    let index = usize::try_from(step).unwrap_or(usize::MAX) - 1;
    if index >= count {
        return asker.error(
            id,
            ErrorCode::NoSuchStep,
            format!("the lesson has {count} steps; step {step} does not exist"),
        );
    }
    state.dispatch(Action::Lesson(LessonAction::Goto(index)));
    asker.reply(id);
}

/// Loads a scenario or a topology, given as text or by address, and answers.
fn load(
    state: &UseReducerHandle<AppState>,
    content: Content,
    scenario: bool,
    id: CorrelationId,
    asker: Asker,
) {
    let read = move |text: &str| {
        if scenario {
            content::scenario_network(text)
        } else {
            content::topology_network(text)
        }
    };
    let finish = {
        let dispatcher = state.dispatcher();
        move |loaded: Result<crate::model::Topology, LoadFailure>| match loaded {
            Ok(topology) => {
                dispatcher.dispatch(Action::Embed(EmbedAction::Load(Rc::new(topology))));
                asker.reply(id);
            }
            Err(failure) => asker.error(id, ErrorCode::LoadFailed, failure.to_string()),
        }
    };
    match content {
        Content::Text(text) => finish(read(&text)),
        Content::Url(url) => wasm_bindgen_futures::spawn_local(async move {
            finish(
                content::fetch_text(url.as_str())
                    .await
                    .and_then(|text| read(&text)),
            );
        }),
    }
}

/// Opens a built-in lesson or a lesson file, and answers.
fn load_lesson(
    state: &UseReducerHandle<AppState>,
    lesson: LessonRef,
    id: CorrelationId,
    asker: Asker,
) {
    match lesson {
        LessonRef::BuiltIn(name) => match lesson_io::open_builtin(&name, None) {
            Some(action) => {
                state.dispatch(action);
                asker.reply(id);
            }
            None => asker.error(
                id,
                ErrorCode::NoLesson,
                format!("there is no built-in lesson named \"{name}\""),
            ),
        },
        LessonRef::Url(url) => {
            let dispatcher = state.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                let parsed = content::fetch_text(url.as_str()).await.and_then(|text| {
                    lesson::parse(&text)
                        .map_err(|error| LoadFailure::Fetch(format!("not a lesson: {error}")))
                });
                match parsed {
                    Ok(lesson) => {
                        dispatcher.dispatch(Action::Lesson(LessonAction::Open {
                            lesson: Rc::new(lesson),
                            builtin: false,
                            step: 0,
                            scores: Vec::new(),
                        }));
                        asker.reply(id);
                    }
                    Err(failure) => asker.error(id, ErrorCode::LoadFailed, failure.to_string()),
                }
            });
        }
    }
}

/// The `ready` event's targets: the parent window (when framed) at every allowed origin.
pub fn parent_targets(policy: &OriginPolicy) -> Option<(web_sys::Window, Vec<String>)> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    let own: &JsValue = window.as_ref();
    let parent_value: &JsValue = parent.as_ref();
    if parent_value == own {
        return None;
    }
    let mut origins = vec![own_origin()];
    origins.extend(
        policy
            .allowed()
            .iter()
            .map(|origin| origin.as_str().to_owned()),
    );
    Some((parent, origins))
}

/// Posts an event to the host page: to the parent window, once per allowed origin (the
/// browser delivers only the copy whose target is the parent's origin).
pub fn tell_host(policy: &OriginPolicy, message: &AppMessage) {
    let Some((parent, origins)) = parent_targets(policy) else {
        return;
    };
    if let Some(value) = to_js(&message.to_value()) {
        for origin in origins {
            let _ = parent.post_message(&value, &origin);
        }
    }
}

/// The origin rule of this instance: its own origin and the address's `allowOrigin`s.
pub fn policy(state: &AppState) -> OriginPolicy {
    OriginPolicy::new(
        &own_origin(),
        state.embedding.options.allowed_origins.clone(),
    )
}

/// Listens to the host page's messages while the app is mounted, and tells it `ready`.
#[hook]
pub fn use_host_messages(state: &UseReducerHandle<AppState>, reported: &Reported) {
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let listener = Listener {
        latest,
        policy: policy(state),
        ignored: std::cell::RefCell::new(IgnoredMessages::default()),
        reported: reported.clone(),
    };
    let readonly = state.embedding.readonly();
    use_effect_with((), move |()| {
        let policy = listener.policy.clone();
        let closure =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                listener.on_message(&event)
            });
        let window = web_sys::window();
        if let Some(window) = &window {
            let _ = window
                .add_event_listener_with_callback("message", closure.as_ref().unchecked_ref());
        }
        tell_host(&policy, &AppMessage::ready(readonly));
        move || {
            if let Some(window) = &window {
                let _ = window.remove_event_listener_with_callback(
                    "message",
                    closure.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
