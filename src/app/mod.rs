//! The Yew user interface (browser only).
//!
//! [`App`] owns the one [`state::AppState`] through `use_reducer`; components under
//! [`components`] render parts of it and dispatch [`state::Action`]s. Saving happens in
//! effects here, through [`storage`], the only module that touches localStorage.

pub mod components;
pub mod forms;
pub mod i18n;
pub mod keyboard;
pub mod persistence;
pub mod state;
pub mod storage;

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::layout::{self, Diagram, LayoutOptions};
use crate::model::{example, RuleSet, Topology};
use components::canvas::Canvas;
use components::form_dialog::{rejection_view, FormDialog};
use components::header::Header;
use components::properties::Properties;
use components::side_panel::SidePanel;
use components::toolbar::Toolbar;
use components::trace_panel::{analyse, TracePanel};
use forms::{form_for, Context};
use i18n::{pick, Language};
use state::{Action, AppState, SharedTopology, TraceAction, TraceEnd, TraceSetup};

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
pub fn initial_state() -> AppState {
    let browser = browser_language();
    let restored = persistence::restore(browser);
    let mut state = AppState::new(restored.topology.unwrap_or_else(example::article_network));
    state.preferences.language = restored
        .preferences
        .map_or(browser, |preferences| preferences.language);
    state.show_hint = restored.first_visit;
    state.notice = restored.problem;
    state
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

/// The whole app: header, toolbar, diagram canvas and side panel.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let language = state.preferences.language;
    let topology = state.history.present().clone();

    persistence::use_autosave(&state);
    keyboard::use_shortcuts(state.dispatcher(), &state);

    // Keep <html lang> in step with the UI language, for screen readers.
    use_effect_with(language, |language| {
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("lang", language.tag());
        }
    });

    // VSwitches the user opened past the collapse threshold: a view choice, not saved.
    let expanded = use_state(BTreeSet::<String>::new);
    // The canvas's size, so the layout arranges the diagram to fill it (rounded to 8 px so
    // dragging a window edge does not lay out again at every pixel).
    let viewport = use_state(|| None::<(u32, u32)>);
    let diagram: Rc<Diagram> = use_memo(
        (
            SharedTopology(topology.clone()),
            (*expanded).clone(),
            *viewport,
        ),
        |(shared, expanded, viewport)| {
            let options = LayoutOptions {
                expanded: expanded.clone(),
                viewport: *viewport,
                ..LayoutOptions::default()
            };
            layout::diagram(&shared.0, &options)
        },
    );
    let onresize = {
        let viewport = viewport.clone();
        Callback::from(move |(width, height): (u32, u32)| {
            let rounded = (width / 8 * 8, height / 8 * 8);
            if width > 0 && height > 0 && *viewport != Some(rounded) {
                viewport.set(Some(rounded));
            }
        })
    };
    // On narrow screens the toolbar is a drawer and the side panel a sheet over the diagram:
    // the sheet opens by itself when there is something to show (a selection, a trace).
    let tools_open = use_state(|| false);
    let panel_open = use_state(|| false);
    let panel_ref = use_node_ref();
    {
        let panel_open = panel_open.clone();
        let showing = (state.selection.clone(), state.trace.is_some());
        use_effect_with(showing, move |(selection, tracing)| {
            panel_open.set(selection.is_some() || *tracing);
        });
    }
    let toggle = |flag: &UseStateHandle<bool>| {
        let flag = flag.clone();
        Callback::from(move |()| flag.set(!*flag))
    };
    let close_tools = {
        let tools_open = tools_open.clone();
        move |callback: Callback<()>| {
            let tools_open = tools_open.clone();
            Callback::from(move |()| {
                tools_open.set(false);
                callback.emit(());
            })
        }
    };
    let ontoggle = {
        let expanded = expanded.clone();
        Callback::from(move |vswitch: String| {
            let mut next = (*expanded).clone();
            if !next.remove(&vswitch) {
                next.insert(vswitch);
            }
            expanded.set(next);
        })
    };

    let dispatcher = state.dispatcher();
    let onlanguage = {
        let dispatcher = state.dispatcher();
        Callback::from(move |language| dispatcher.dispatch(Action::SetLanguage(language)))
    };
    let onselect = {
        let dispatcher = state.dispatcher();
        let ontoggle = ontoggle.clone();
        Callback::from(move |id: String| match id.strip_suffix("/more") {
            // The "+N more" node opens its VSwitch instead of being selected.
            Some(vswitch) => ontoggle.emit(vswitch.to_owned()),
            None => dispatcher.dispatch(Action::Select(Some(id))),
        })
    };
    let onbackground = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Select(None)))
    };
    let onform = {
        let dispatcher = state.dispatcher();
        let topology = topology.clone();
        let selection = state.selection.clone();
        let tools_open = tools_open.clone();
        Callback::from(move |action: &'static str| {
            tools_open.set(false);
            let context = Context::from_selection(&topology, selection.as_deref());
            if let Some(form) = form_for(action, &topology, &context) {
                dispatcher.dispatch(Action::OpenForm(form));
            }
        })
    };
    let onapply = {
        let dispatcher = state.dispatcher();
        Callback::from(move |commands| dispatcher.dispatch(Action::Apply(commands)))
    };
    let onconfirm = {
        let dispatcher = state.dispatcher();
        Callback::from(move |confirmation| dispatcher.dispatch(Action::Confirm(confirmation)))
    };
    let onedit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(param, value)| {
            dispatcher.dispatch(Action::EditField { param, value })
        })
    };
    let onrules = {
        let dispatcher = state.dispatcher();
        Callback::from(move |rules: RuleSet| dispatcher.dispatch(Action::SetRules(rules)))
    };
    let onnew = {
        let dispatcher = state.dispatcher();
        let rules = topology.rules();
        Callback::from(move |()| dispatcher.dispatch(Action::Replace(Topology::new(rules))))
    };
    let onexample = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Replace(example::article_network())))
    };

    let ontrace = {
        let dispatcher = state.dispatcher();
        Callback::from(move |change| dispatcher.dispatch(Action::Trace(change)))
    };
    // The answer depends on what is traced, not on where the packet is: each animation
    // step re-renders the app but does not trace again.
    let traced = state.trace.as_ref().map(|setup| TraceSetup {
        step: 0,
        playing: false,
        hop_millis: 0,
        next_end: TraceEnd::Source,
        ..setup.clone()
    });
    let answer = use_memo(
        (SharedTopology(topology.clone()), traced, language),
        |(shared, traced, language)| {
            traced
                .as_ref()
                .map(|setup| analyse(&shared.0, setup, *language))
        },
    );
    let analysis = state.trace.as_ref().zip(answer.as_ref().as_ref());
    let mut highlighted = BTreeSet::new();
    let mut blocked = None;
    let mut packet = None;
    let mut path_length = 0;
    if let Some((setup, Ok(found))) = &analysis {
        path_length = found.path.len();
        let step = setup.step.clamp(usize::from(path_length > 0), path_length);
        if setup.show_reachable {
            highlighted.extend(found.reachable.iter().cloned());
            highlighted.insert(setup.source.clone());
        } else {
            highlighted.extend(found.path.iter().take(step).cloned());
        }
        if let Some(answer) = found.trace.as_ref().filter(|answer| !answer.reachable) {
            if step == path_length {
                blocked = answer.blocked_at.clone();
            }
        }
        packet = step
            .checked_sub(1)
            .and_then(|index| found.path.get(index))
            .and_then(|id| diagram.shape(id))
            .map(|shape| (shape.rect.center().x, shape.rect.center().y));
    }
    use_trace_timer(&state, path_length);
    let trace_panel = analysis.map(|(setup, found)| {
        html! {
            <TracePanel {language} topology={topology.clone()} diagram={diagram.clone()}
                setup={setup.clone()} analysis={found.clone()} ontrace={ontrace.clone()} />
        }
    });

    let properties = state.selection.as_ref().map(|selected| {
        html! {
            <Properties {language} topology={topology.clone()} selected={selected.clone()}
                expanded={expanded.contains(selected)} ontoggle={ontoggle.clone()}
                onform={onform.clone()} {onapply} {onconfirm} />
        }
    });
    let api_log: Vec<String> = state
        .api_log
        .iter()
        .map(|call| match &call.outcome {
            Ok(_) => call.request.clone(),
            Err(code) => format!("{} → {code}", call.request),
        })
        .collect();

    html! {
        <div class="app">
            <Header {language} save_status={state.save_status.clone()} {onlanguage}
                tools_open={*tools_open} panel_open={*panel_open}
                ontools={toggle(&tools_open)} onpanel={toggle(&panel_open)} />
            if let Some(notice) = &state.notice {
                <div class="notice" role="alert" data-testid="notice">
                    <span>{ notice }</span>
                    <button class="dismiss" onclick={on(dispatcher.clone(), || Action::DismissNotice)} aria-label="Dismiss">{ "×" }</button>
                </div>
            } else if state.show_hint {
                <div class="notice hint" data-testid="hint">
                    <span class="hint-long">{ pick(language,
                        "This is the article's network: one VPC in Mumbai with a VSwitch in each zone. Click any element to explore it, or build your own with the toolbar.",
                        "Esta es la red del artículo: una VPC en Bombay con un VSwitch en cada zona. Haz clic en cualquier elemento para explorarlo, o construye la tuya con la barra de herramientas.") }</span>
                    <span class="hint-short">{ pick(language,
                        "The article's network. Tap an element to explore it; ☰ Menu builds your own.",
                        "La red del artículo. Toca un elemento para explorarlo; ☰ Menú para crear la tuya.") }</span>
                    <button class="dismiss" onclick={on(dispatcher.clone(), || Action::DismissNotice)} aria-label="Dismiss">{ "×" }</button>
                </div>
            }
            <div class={classes!("workspace", tools_open.then_some("tools-open"), panel_open.then_some("panel-open"))}>
                <Toolbar {language} rules={topology.rules()} undo_depth={state.history.undo_depth()}
                    redo_depth={state.history.redo_depth()} vswitch_usage={vswitch_usage(&topology)}
                    oncreate={onform.clone()} onundo={on(dispatcher.clone(), || Action::Undo)} onredo={on(dispatcher.clone(), || Action::Redo)}
                    onnew={close_tools(onnew)} onexample={close_tools(onexample)} {onrules}
                    ontrace={close_tools(on(dispatcher.clone(), || Action::Trace(TraceAction::Open)))} />
                <Canvas {language} diagram={diagram.clone()} selected={state.selection.clone()}
                    highlighted={Rc::new(highlighted)} {blocked} {packet} fit_key={state.view_epoch} {onselect} {onbackground} {onresize}
                    cover={panel_ref.clone()} />
                <SidePanel {language} trace={trace_panel} {properties} {api_log}
                    rejection={state.rejection.as_ref().map(|rejection| rejection_view(language, rejection))}
                    onclose={toggle(&panel_open)} node={panel_ref} />
                <div class="scrim" onclick={let tools_open = tools_open.clone(); move |_| tools_open.set(false)}></div>
            </div>
            if let Some(form) = &state.form {
                <FormDialog {language} form={form.clone()} topology={topology.clone()} {onedit}
                    onsubmit={on(dispatcher.clone(), || Action::SubmitForm)} oncancel={on(dispatcher.clone(), || Action::CloseForm)} />
            }
            if let Some(confirmation) = &state.confirmation {
                <div class="modal-backdrop">
                    <div class="dialog" role="alertdialog" aria-modal="true" data-testid="confirm">
                        <h2>{ pick(language, "Delete with contents?", "¿Eliminar con su contenido?") }</h2>
                        <p>{ format!("{} — {} {}", confirmation.subject, confirmation.commands.len(),
                            pick(language, "API calls, in this order (one undo step):", "llamadas a la API, en este orden (se deshace en un paso):")) }</p>
                        <ol class="plan">{ for confirmation.commands.iter().map(|command| html! {
                            <li><code>{ state::request_text(command) }</code></li>
                        }) }</ol>
                        <div class="dialog-buttons">
                            <button onclick={on(dispatcher.clone(), || Action::Cancel)}>{ pick(language, "Cancel", "Cancelar") }</button>
                            <button class="primary danger" data-testid="confirm-delete" onclick={on(dispatcher.clone(), || Action::Accept)}>
                                { pick(language, "Delete all", "Eliminar todo") }</button>
                        </div>
                    </div>
                </div>
            }
        </div>
    }
}
