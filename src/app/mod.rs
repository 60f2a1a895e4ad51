//! The Yew user interface (browser only).
//!
//! [`App`] owns the one [`state::AppState`] through `use_reducer`; components under
//! [`components`] render parts of it and dispatch [`state::Action`]s. Saving happens in
//! effects here, through [`storage`], the only module that touches localStorage.

pub mod after_paint;
pub mod components;
pub mod crash;
mod diagram_layout;
pub mod download;
pub mod embedding;
pub mod files;
pub mod forms;
pub mod i18n;
pub mod keyboard;
pub mod lesson_io;
pub mod persistence;
pub mod picture;
pub mod rejection;
pub mod saving;
pub mod sharing;
pub mod state;
pub mod storage;

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::layout::Diagram;
use crate::model::lesson::StepKind;
use crate::model::{example, request_line, ActionKind, Command, ElementId, Topology};
use components::canvas::Canvas;
use components::files::FileTools;
use components::form_dialog::{rejection_view, FormDialog};
use components::header::Header;
use components::help::Help;
use components::lesson_panel::LessonPanel;
use components::lessons_menu::LessonsMenu;
use components::notice::NoticeBar;
use components::properties::Properties;
use components::sharing::{LinkDialogView, SharedBanner};
use components::side_panel::SidePanel;
use components::storage_notices::StorageNotices;
use components::toolbar::Toolbar;
use components::trace_panel::{analyse, Analysis, TracePanel};
pub use diagram_layout::layouts_computed;
use diagram_layout::{use_diagram, DiagramView};
use forms::{form_for, Context};
use i18n::{pick, Language};
use persistence::StorageChoice;
use state::{
    Action, AppState, Confirmation, HelpAction, ShareAction, SharedTopology, TraceAction, TraceEnd,
    TraceSetup,
};

/// Mounts the app into the page body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// The language the browser prefers, for a first visit.
fn browser_language() -> Language {
    web_sys::window()
        .and_then(|window| window.navigator().language())
        .map(|tag| Language::from_browser_tag(&tag))
        .unwrap_or_default()
}

/// Builds the state a visit starts with: the saved network and preferences when they are
/// readable; otherwise the article's example and the browser's language, with a notice
/// saying what could not be restored (the unreadable data is kept aside, not deleted).
// Not inlined into the App's view: with the start's reading of the network inside it, the
// view was a 58 KB function that V8 compiled again with its optimising tier during the
// start (about 160 ms of a core; `BENCHMARKS.md`, "Seventh round").
#[inline(never)]
pub fn initial_state() -> AppState {
    let browser = browser_language();
    let embedding = embedding::from_location();
    // An embedded instance, or one showing named content, never opens the visitor's own.
    if embedding.separate() {
        return embedding::initial_state(embedding, browser);
    }
    let restored = persistence::restore();
    let mut state = AppState::new(restored.topology.unwrap_or_else(example::first_run_network));
    // A tutorial page's `?lang=` wins; then the language the user chose last; then the
    // browser's.
    let asked = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .and_then(|query| Language::from_query(&query));
    state.preferences.tour_seen = restored
        .preferences
        .as_ref()
        .is_some_and(|preferences| preferences.tour_seen);
    state.preferences.language = asked.unwrap_or_else(|| {
        restored
            .preferences
            .map_or(browser, |preferences| preferences.language)
    });
    state.show_hint = restored.first_visit;
    state.storage = restored.storage;
    state.embedding = Rc::new(embedding);
    // A share link shows its network; the visitor's own waits, untouched, until they choose.
    match sharing::from_location() {
        Some(Ok(shared)) => state.open_shared(shared),
        Some(Err(error)) => state.notice = Some(state::Notice::BadShareLink(error)),
        None => {}
    }
    match lesson_io::initial(state.preferences.language) {
        Some(action) => {
            let next = yew::Reducible::reduce(Rc::new(state), action);
            Rc::try_unwrap(next).unwrap_or_else(|shared| (*shared).clone())
        }
        None => state,
    }
}

/// Moves the traced packet one hop every `hop_millis` while the animation plays.
#[hook]
fn use_trace_timer(state: &UseReducerHandle<AppState>, last: usize) {
    let dispatcher = state.dispatcher();
    let timing = state
        .trace
        .as_ref()
        .map(|setup| (setup.playing, setup.step, setup.hop_millis, last));
    use_effect_with(timing, move |timing| {
        if let Some((true, step, millis, last)) = *timing {
            if step < last {
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::from_millis(u64::from(millis)))
                        .await;
                    dispatcher.dispatch(Action::Trace(TraceAction::Tick { from: step, last }));
                });
            }
        }
    });
}

/// A callback, for any event type, that dispatches the action `make` builds.
fn on<E: 'static>(dispatcher: UseReducerDispatcher<AppState>, make: fn() -> Action) -> Callback<E> {
    Callback::from(move |_: E| dispatcher.dispatch(make()))
}

/// A callback that dispatches the action `make` builds from what it is given.
fn with<T: 'static>(
    dispatcher: &UseReducerDispatcher<AppState>,
    make: fn(T) -> Action,
) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |value: T| dispatcher.dispatch(make(value)))
}

/// The VSwitch count of the fullest VPC, and the quota, for the toolbar's counter.
fn vswitch_usage(topology: &Topology) -> (usize, usize) {
    let used = topology
        .vpcs()
        .keys()
        .map(|vpc| topology.vswitches_of(vpc).count())
        .max()
        .unwrap_or(0);
    (used, topology.rules().quotas().vswitches_per_vpc)
}

/// What a trace lights up on the diagram: the path so far (or everything reachable), the
/// element that blocks it, and where the packet is.
#[derive(Default)]
struct Overlay {
    highlighted: BTreeSet<ElementId>,
    blocked: Option<ElementId>,
    packet: Option<(f64, f64)>,
    path_length: usize,
}

impl Overlay {
    fn of(setup: &TraceSetup, found: &Analysis, diagram: &Diagram) -> Overlay {
        let path_length = found.path.len();
        let step = setup.step.clamp(usize::from(path_length > 0), path_length);
        let mut highlighted = BTreeSet::new();
        if setup.show_reachable {
            highlighted.extend(found.reachable.iter().cloned());
            if let Ok(source) = setup.source.parse::<ElementId>() {
                highlighted.insert(source);
            }
        } else {
            highlighted.extend(found.path.iter().take(step).cloned());
        }
        let blocked = found
            .trace
            .as_ref()
            .filter(|answer| !answer.reachable && step == path_length)
            .and_then(|answer| answer.blocked_at.clone());
        let packet = step
            .checked_sub(1)
            .and_then(|index| found.path.get(index))
            .and_then(|id| packet_point(diagram, id));
        Overlay {
            highlighted,
            blocked,
            packet,
            path_length,
        }
    }
}

/// Where the packet sits on an element: its centre, or for a public address, on the badge
/// mark along its holder's right edge.
fn packet_point(diagram: &Diagram, id: &ElementId) -> Option<(f64, f64)> {
    if let ElementId::PublicIp(holder) = id {
        let rect = diagram.shape(&ElementId::resource(holder.clone()))?.rect;
        return Some((rect.right() - 7.0, rect.center().y));
    }
    let rect = diagram.shape(id)?.rect;
    Some((rect.center().x, rect.center().y))
}

/// Runs a trace's suggested fix as one undoable step, then replays the trace from the start.
fn fixer(dispatcher: &UseReducerDispatcher<AppState>) -> Callback<Vec<Command>> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |commands: Vec<Command>| {
        dispatcher.dispatch(Action::Apply(commands));
        dispatcher.dispatch(Action::Trace(TraceAction::Step(1)));
        dispatcher.dispatch(Action::Trace(TraceAction::Play(true)));
    })
}

/// The elements the open `show` step highlights, its Refs resolved.
fn lesson_highlights(state: &AppState) -> Vec<ElementId> {
    let Some(session) = &state.lesson else {
        return Vec::new();
    };
    let Some(StepKind::Show(show)) = session.current().map(|step| &step.kind) else {
        return Vec::new();
    };
    show.highlight
        .iter()
        .filter_map(|name| {
            let id = session.refs.get(name).map_or(name.as_str(), String::as_str);
            id.parse::<ElementId>().ok()
        })
        .collect()
}

/// The lesson panel, or why a lesson could not be opened.
fn lesson_view(state: &AppState, dispatcher: &UseReducerDispatcher<AppState>) -> Option<Html> {
    let language = state.preferences.language;
    if let Some(session) = &state.lesson {
        return Some(html! {
            <LessonPanel {language} session={session.clone()} onaction={with(dispatcher, Action::Lesson)} />
        });
    }
    state.lesson_problem.as_ref().map(|problem| {
        html! {
            <section class="panel-section lesson-problem" role="alert" data-testid="lesson-problem">
                <h2>{ pick(language, "The lesson could not be opened", "No se pudo abrir la lección") }</h2>
                <p>{ problem.clone() }</p>
                <button onclick={on(dispatcher.clone(), || Action::LessonProblem(None))}>
                    { pick(language, "Dismiss", "Cerrar") }</button>
            </section>
        }
    })
}

/// A callback that opens the built-in lesson with the id it is given.
fn builtin_opener(dispatcher: &UseReducerDispatcher<AppState>) -> Callback<String> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |id: String| {
        if let Some(action) = lesson_io::open_builtin(&id, None) {
            dispatcher.dispatch(action);
        }
    })
}

/// Lets a file be dropped onto the diagram (a network, a scenario or a lesson).
fn drop_handlers(onfile: Callback<web_sys::File>) -> (Callback<DragEvent>, Callback<DragEvent>) {
    let ondragover = Callback::from(|event: DragEvent| event.prevent_default());
    let ondrop = Callback::from(move |event: DragEvent| {
        event.prevent_default();
        if let Some(file) = event
            .data_transfer()
            .and_then(|transfer| transfer.files())
            .and_then(|files| files.get(0))
        {
            onfile.emit(file);
        }
    });
    (ondragover, ondrop)
}

/// How many calls of a delete plan the question lists before it skips to the last one.
const PLAN_SHOWN: usize = 50;

/// The calls of a plan, in order: every one for a short plan; for a long one the first
/// [`PLAN_SHOWN`], how many are skipped, and the last (a list of thousands of lines would
/// cost more to draw and to take down than the deletion itself).
fn plan_list(language: Language, commands: &[Command]) -> Html {
    let line = |command: &Command| html! { <li><code>{ request_line(command) }</code></li> };
    let skipped = commands.len().saturating_sub(PLAN_SHOWN + 1);
    if skipped == 0 {
        return html! { <ol class="plan">{ for commands.iter().map(line) }</ol> };
    }
    let last = &commands[commands.len() - 1..];
    html! {
        <div class="plan">
            <ol>{ for commands[..PLAN_SHOWN].iter().map(line) }</ol>
            <p class="muted" data-testid="plan-skipped">{ match language {
                Language::English => format!("… {skipped} more calls …"),
                Language::Spanish => format!("… {skipped} llamadas más …"),
            } }</p>
            <ol start={commands.len().to_string()}>{ for last.iter().map(line) }</ol>
        </div>
    }
}

/// The "delete with contents?" question: the calls it will make, in order.
fn confirm_dialog(
    language: Language,
    confirmation: &Confirmation,
    dispatcher: &UseReducerDispatcher<AppState>,
) -> Html {
    html! {
        <div class="modal-backdrop">
            <div class="dialog" role="alertdialog" aria-modal="true" data-testid="confirm">
                <h2>{ pick(language, "Delete with contents?", "¿Eliminar con su contenido?") }</h2>
                <p>{ format!("{} — {} {}", confirmation.subject, confirmation.commands.len(),
                    pick(language, "API calls, in this order (one undo step):", "llamadas a la API, en este orden (se deshace en un paso):")) }</p>
                { plan_list(language, &confirmation.commands) }
                <div class="dialog-buttons">
                    <button onclick={on(dispatcher.clone(), || Action::Cancel)}>{ pick(language, "Cancel", "Cancelar") }</button>
                    <button class="primary danger" data-testid="confirm-delete" onclick={on(dispatcher.clone(), || Action::Accept)}>
                        { pick(language, "Delete all", "Eliminar todo") }</button>
                </div>
            </div>
        </div>
    }
}

/// On narrow screens the toolbar is a drawer and the side panel a sheet over the diagram.
struct Drawers {
    tools_open: UseStateHandle<bool>,
    panel_open: UseStateHandle<bool>,
    /// The side panel, for the canvas to keep the selection out from under the sheet.
    panel_ref: NodeRef,
}

impl Drawers {
    /// A callback that opens or closes the drawer `flag` stands for.
    fn toggle(flag: &UseStateHandle<bool>) -> Callback<()> {
        let flag = flag.clone();
        Callback::from(move |()| flag.set(!*flag))
    }

    /// `callback`, closing the tools drawer first (a tool chosen from it is done with it).
    fn closing_tools<T: 'static>(&self, callback: Callback<T>) -> Callback<T> {
        let tools_open = self.tools_open.clone();
        Callback::from(move |value: T| {
            tools_open.set(false);
            callback.emit(value);
        })
    }
}

/// The drawers' state: the sheet opens by itself when there is something to show (a
/// selection, a trace, a lesson step).
#[hook]
fn use_drawers(state: &AppState) -> Drawers {
    let tools_open = use_state(|| false);
    let panel_open = use_state(|| false);
    let panel_ref = use_node_ref();
    {
        let panel_open = panel_open.clone();
        let lesson_step = state.lesson.as_ref().map(|session| session.step);
        let showing = (
            state.selection.clone(),
            state.trace.is_some(),
            lesson_step,
            state.lesson_problem.is_some(),
        );
        use_effect_with(showing, move |(selection, tracing, lesson, problem)| {
            panel_open.set(selection.is_some() || *tracing || lesson.is_some() || *problem);
        });
    }
    Drawers {
        tools_open,
        panel_open,
        panel_ref,
    }
}

/// The trace the panel asks for, worked out when what is traced changes, not on every
/// animation step.
#[hook]
fn use_analysis(
    state: &AppState,
    topology: &Rc<Topology>,
    language: Language,
) -> Rc<Option<Result<Analysis, String>>> {
    let traced = state.trace.as_ref().map(|setup| TraceSetup {
        step: 0,
        playing: false,
        hop_millis: 0,
        next_end: TraceEnd::Source,
        ..setup.clone()
    });
    use_memo(
        (SharedTopology(topology.clone()), traced, language),
        |(shared, traced, language)| {
            traced
                .as_ref()
                .map(|setup| analyse(&shared.0, setup, *language))
        },
    )
}

/// The shared-network banner and the "Copy link" dialog, each when it is shown.
fn sharing_views(
    state: &AppState,
    dispatcher: &UseReducerDispatcher<AppState>,
    onstorage: &Callback<StorageChoice>,
    ondownload: Callback<()>,
) -> (Html, Html) {
    let language = state.preferences.language;
    let banner = if state.shared.is_some() {
        let dispatcher = dispatcher.clone();
        let onback = Callback::from(move |()| {
            sharing::forget_link();
            dispatcher.dispatch(Action::Share(ShareAction::BackToOwn));
        });
        html! { <SharedBanner {language} onkeep={onstorage.reform(|()| StorageChoice::KeepShared)} {onback} /> }
    } else {
        Html::default()
    };
    let dialog = match &state.link_dialog {
        Some(dialog) => html! {
            <LinkDialogView {language} dialog={dialog.clone()}
                {ondownload}
                onclose={on(dispatcher.clone(), || Action::Share(ShareAction::CloseLink))} />
        },
        None => Html::default(),
    };
    (banner, dialog)
}

/// Keeps `<html lang>` in step with the UI language, for screen readers.
#[hook]
fn use_document_language(language: Language) {
    use_effect_with(language, |language| {
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("lang", language.tag());
        }
    });
}

/// What a click on a diagram element does: select it, or open a "+N more" node's VSwitch.
fn selector(
    dispatcher: &UseReducerDispatcher<AppState>,
    ontoggle: &Callback<String>,
) -> Callback<ElementId> {
    let dispatcher = dispatcher.clone();
    let ontoggle = ontoggle.clone();
    Callback::from(move |id: ElementId| match id {
        // The "+N more" node opens its VSwitch instead of being selected.
        ElementId::More(vswitch) => ontoggle.emit(vswitch),
        other => dispatcher.dispatch(Action::Select(Some(other))),
    })
}

/// The "Share and files" group's callbacks.
struct FileCallbacks {
    /// "Copy link".
    onshare: Callback<()>,
    /// A download (with the drawing as it is shown, for the pictures).
    ondownload: Callback<files::Download>,
    /// A file picked or dropped, to import.
    onimport: Callback<web_sys::File>,
}

/// The callbacks of the "Share and files" group for `topology`, drawn as `diagram` with
/// the trace's marks (highlighted, blocked); each closes the tools drawer of a narrow
/// screen first.
fn file_callbacks(
    state: &UseReducerHandle<AppState>,
    topology: &Rc<Topology>,
    diagram: &Rc<Diagram>,
    (highlighted, blocked): (&Rc<BTreeSet<ElementId>>, &Option<ElementId>),
    drawers: &Drawers,
) -> FileCallbacks {
    let dispatcher = &state.dispatcher();
    let language = state.preferences.language;
    let drawing = picture::Drawing {
        diagram: diagram.clone(),
        language,
        selected: state.selection.clone(),
        highlighted: highlighted.clone(),
        blocked: blocked.clone(),
    };
    let onshare = {
        let dispatcher = dispatcher.clone();
        let topology = topology.clone();
        drawers.closing_tools(Callback::from(move |()| {
            sharing::start_copy(&dispatcher, &topology)
        }))
    };
    let ondownload = {
        let dispatcher = dispatcher.clone();
        let topology = topology.clone();
        drawers.closing_tools(Callback::from(move |download: files::Download| {
            files::offer(download, &topology, drawing.clone(), &dispatcher);
        }))
    };
    FileCallbacks {
        onshare,
        ondownload,
        onimport: drawers.closing_tools(files::importer(dispatcher.clone(), language)),
    }
}

/// The toolbar: creating, undoing, the network, the rules, tracing, lessons, sharing and files.
fn toolbar_view(
    state: &AppState,
    dispatcher: &UseReducerDispatcher<AppState>,
    drawers: &Drawers,
    (onform, onfile): (Callback<ActionKind>, Callback<web_sys::File>),
    file_tools: FileCallbacks,
) -> Html {
    let language = state.preferences.language;
    let topology = state.topology();
    let onnew = {
        let dispatcher = dispatcher.clone();
        let rules = topology.rules();
        Callback::from(move |()| dispatcher.dispatch(Action::Replace(Topology::new(rules))))
    };
    let onlesson = drawers.closing_tools(builtin_opener(dispatcher));
    html! {
        <Toolbar {language} rules={topology.rules()} undo_depth={state.history.undo_depth()}
            redo_depth={state.history.redo_depth()} vswitch_usage={vswitch_usage(topology)}
            oncreate={onform} onundo={on(dispatcher.clone(), || Action::Undo)} onredo={on(dispatcher.clone(), || Action::Redo)}
            onnew={drawers.closing_tools(onnew)} onexample={drawers.closing_tools(on(dispatcher.clone(), || Action::Replace(example::first_run_network())))}
            onrules={with(dispatcher, Action::SetRules)} ontrace={drawers.closing_tools(on(dispatcher.clone(), || Action::Trace(TraceAction::Open)))}
            lessons={html! { <LessonsMenu {language} onopen={onlesson} {onfile} /> }}>
            <FileTools {language} onshare={file_tools.onshare} ondownload={file_tools.ondownload} onimport={file_tools.onimport} />
        </Toolbar>
    }
}

/// The whole app: header, toolbar, diagram canvas and side panel.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let language = state.preferences.language;
    let topology = state.history.present().clone();
    let dispatcher = state.dispatcher();

    let onstorage = persistence::use_autosave(&state);
    lesson_io::use_lesson_effects(&state);
    keyboard::use_shortcuts(state.dispatcher(), &state);
    use_document_language(language);
    let DiagramView {
        diagram,
        expanded,
        ontoggle,
        onresize,
        lay_out,
    } = use_diagram(&topology, language);
    let drawers = use_drawers(&state);
    let onselect = selector(&dispatcher, &ontoggle);
    let onform = {
        let dispatcher = dispatcher.clone();
        let topology = topology.clone();
        let selection = state.selection.clone();
        drawers.closing_tools(Callback::from(move |action: ActionKind| {
            let context = Context::from_selection(&topology, selection.as_ref());
            if let Some(form) = form_for(action, &topology, &context) {
                dispatcher.dispatch(Action::OpenForm(form));
            }
        }))
    };
    let answer = use_analysis(&state, &topology, language);
    embedding::use_embedding(&state, &answer);
    let chrome = state.embedding.shows_editor();
    let analysis = state.trace.as_ref().zip(answer.as_ref().as_ref());
    let mut overlay = match &analysis {
        Some((setup, Ok(found))) => Overlay::of(setup, found, &diagram),
        _ => Overlay::default(),
    };
    overlay.highlighted.extend(lesson_highlights(&state));
    let highlighted = Rc::new(overlay.highlighted);
    let marks = (&highlighted, &overlay.blocked);
    let file_tools = file_callbacks(&state, &topology, &diagram, marks, &drawers);
    let offer_file = file_tools.ondownload.reform(|()| files::Download::Network);
    let (shared_banner, link_dialog) = sharing_views(&state, &dispatcher, &onstorage, offer_file);
    let lesson = lesson_view(&state, &dispatcher);
    let presenting = state
        .lesson
        .as_ref()
        .is_some_and(|session| session.presenter);
    let onfile = drawers.closing_tools(lesson_io::file_opener(dispatcher.clone(), language));
    // A file dropped on the diagram is imported (a lesson file opens its lesson).
    let (ondragover, ondrop) = drop_handlers(file_tools.onimport.clone());
    use_trace_timer(&state, overlay.path_length);
    let trace_panel = analysis.map(|(setup, found)| {
        html! {
            <TracePanel {language} topology={topology.clone()} diagram={diagram.clone()}
                setup={setup.clone()} analysis={found.clone()} ontrace={with(&dispatcher, Action::Trace)} onfix={fixer(&dispatcher)} />
        }
    });
    let properties = state.selection.as_ref().map(|selected| {
        let expanded = selected
            .as_resource()
            .is_some_and(|vswitch| expanded.contains(vswitch));
        html! {
            <Properties {language} topology={topology.clone()} selected={selected.clone()}
                {expanded} ontoggle={ontoggle.clone()} onform={onform.clone()}
                onapply={with(&dispatcher, Action::Apply)} onconfirm={with(&dispatcher, Action::Confirm)} onselect={onselect.clone()} />
        }
    });

    html! {
        <div class={classes!("app", presenting.then_some("presenting"), (!chrome).then_some("embedded"))}
            data-embedded={(!chrome).then_some("true")} data-readonly={state.embedding.readonly().then_some("true")}>
            if chrome {
                <Header {language} save_status={state.save_status.clone()} onlanguage={with(&dispatcher, Action::SetLanguage)}
                    tools_open={*drawers.tools_open} panel_open={*drawers.panel_open}
                    ontools={Drawers::toggle(&drawers.tools_open)} onpanel={Drawers::toggle(&drawers.panel_open)} onhelp={on(dispatcher.clone(), || Action::Help(HelpAction::Shortcuts(true)))} />
            }
            { shared_banner }
            <StorageNotices {language} notices={state.storage.notices.clone()}
                recovered={state.storage.recovered.clone()} onchoice={onstorage.clone()} />
            <NoticeBar {language} notice={state.notice.clone()} show_hint={state.show_hint}
                ondismiss={on(dispatcher.clone(), || Action::DismissNotice)}
                ontour={(!state.preferences.tour_seen && state.tour.is_none()).then(|| on(dispatcher.clone(), || Action::Help(HelpAction::StartTour)))} />
            <div class={classes!("workspace", drawers.tools_open.then_some("tools-open"), drawers.panel_open.then_some("panel-open"), state.tour.map(|step| format!("tour-{step}")))}
                {ondragover} {ondrop}>
                if chrome {
                    { toolbar_view(&state, &dispatcher, &drawers, (onform.clone(), onfile), file_tools) }
                }
                <Canvas {language} diagram={diagram.clone()} selected={state.selection.clone()}
                    {highlighted} blocked={overlay.blocked} packet={overlay.packet}
                    fit_key={state.view_epoch} {onselect} onbackground={on(dispatcher.clone(), || Action::Select(None))} {onresize} {lay_out}
                    cover={drawers.panel_ref.clone()} />
                <SidePanel {language} lesson={if presenting { None } else { lesson.clone() }} trace={trace_panel} {properties} api_log={state.api_log.clone()} show_log={chrome}
                    rejection={state.rejection.as_ref().map(|rejection| rejection_view(language, rejection))}
                    onclose={Drawers::toggle(&drawers.panel_open)} node={drawers.panel_ref.clone()} />
                <div class="scrim" onclick={let tools_open = drawers.tools_open.clone(); move |_| tools_open.set(false)}></div>
                if presenting {
                    <div class="presenter-panel">{ lesson.unwrap_or_default() }</div>
                }
            </div>
            if let Some(form) = &state.form {
                <FormDialog {language} form={form.clone()} topology={topology.clone()}
                    onedit={with(&dispatcher, |(param, value)| Action::EditField { param, value })}
                    onsubmit={on(dispatcher.clone(), || Action::SubmitForm)} oncancel={on(dispatcher.clone(), || Action::CloseForm)} onopen={onform.clone()} />
            }
            { link_dialog }
            <Help {language} tour={state.tour} shortcuts_open={state.shortcuts_open} onhelp={with(&dispatcher, Action::Help)} />
            if let Some(confirmation) = &state.confirmation {
                { confirm_dialog(language, confirmation, &dispatcher) }
            }
        </div>
    }
}
