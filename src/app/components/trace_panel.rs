//! The path-analysis panel: pick two endpoints, see whether a packet gets through, hop by
//! hop, with the rule used at each hop, and step or play a packet along the path.
//!
//! The answer comes from [`crate::model::trace`]; this module only reads it. [`analyse`]
//! is shared with the app, which lights the path up on the diagram. A blocked answer
//! offers the model's fix ([`crate::model::trace::fix::suggest`]) as one click that runs
//! the API calls as one undoable step, logged like any other. The hop list grows with the
//! path (the side panel scrolls as a whole) and keeps the current hop in view.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::diagram_text::kind_name;
use crate::app::i18n::{pick, Language};
use crate::app::state::{TraceAction, TraceEnd, TraceSetup};
use crate::layout::Diagram;
use crate::model::trace::{self, Endpoint, Protocol, Trace};
use crate::model::{request_line, Command, ElementId, Topology};

/// A trace worked out for the panel and the diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The model's answer, once both ends are chosen.
    pub trace: Option<Trace>,
    /// The elements the packet visits, in order, ending with the blocking one if any.
    pub path: Vec<ElementId>,
    /// Endpoints the source can reach, when asked for.
    pub reachable: Vec<ElementId>,
    /// The API calls that get a blocked packet past what stopped it, when evident.
    pub fix: Option<Vec<Command>>,
}

/// Why `error`'s text names no endpoint, in `language`.
fn not_an_endpoint(language: Language, error: &trace::ParseEndpointError) -> String {
    match language {
        Language::English => error.to_string(),
        Language::Spanish => format!(
            "«{}» no es un extremo: se espera el id de una instancia, un CLB, un RDS o un centro de datos, «internet», «oss» o una dirección",
            error.text
        ),
    }
}

/// Traces what the panel describes, or says what is missing or malformed.
///
/// # Errors
/// A sentence for the user when an endpoint is empty or unknown, or the port is not a
/// number from 1 to 65535.
pub fn analyse(
    topology: &Topology,
    setup: &TraceSetup,
    language: Language,
) -> Result<Analysis, String> {
    let only_reach =
        setup.show_reachable && !setup.source.is_empty() && setup.destination.is_empty();
    if !only_reach && (setup.source.is_empty() || setup.destination.is_empty()) {
        return Err(pick(
            language,
            "Choose a source and a destination: click two elements on the diagram, or pick them here.",
            "Elige un origen y un destino: haz clic en dos elementos del diagrama, o elígelos aquí.",
        )
        .to_owned());
    }
    let source = Endpoint::parse(topology, &setup.source)
        .map_err(|error| not_an_endpoint(language, &error))?;
    let reachable = if setup.show_reachable {
        trace::reachable_from(topology, &source)
    } else {
        Vec::new()
    };
    if only_reach {
        return Ok(Analysis {
            trace: None,
            path: Vec::new(),
            reachable,
            fix: None,
        });
    }
    let destination = Endpoint::parse(topology, &setup.destination)
        .map_err(|error| not_an_endpoint(language, &error))?;
    let protocol = setup.protocol;
    let port = match setup.port.trim() {
        "" => None,
        text => match text.parse::<u16>() {
            Ok(port) if port > 0 => Some(port),
            _ => {
                return Err(format!(
                    "{} {text}",
                    pick(
                        language,
                        "Not a port (1 to 65535):",
                        "No es un puerto (1 a 65535):"
                    )
                ))
            }
        },
    };
    let answer = trace::trace(topology, &source, &destination, protocol, port);
    let fix = trace::fix::suggest(topology, &source, &destination, &answer);
    let mut path: Vec<ElementId> = answer.elements().cloned().collect();
    if let Some(blocked) = &answer.blocked_at {
        if path.last() != Some(blocked) {
            path.push(blocked.clone());
        }
    }
    Ok(Analysis {
        trace: Some(answer),
        path,
        reachable,
        fix,
    })
}

/// The endpoints offered in the lists, as (value, label).
fn endpoints(topology: &Topology) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = topology
        .instances()
        .values()
        .map(|instance| {
            (
                instance.id.clone(),
                format!(
                    "{} {} ({})",
                    instance.name, instance.private_ip_address, instance.id
                ),
            )
        })
        .collect();
    list.extend(topology.load_balancers().values().map(|balancer| {
        (
            balancer.id.clone(),
            format!("CLB {} {}", balancer.name, balancer.address),
        )
    }));
    list.extend(topology.db_instances().values().map(|database| {
        (
            database.id.clone(),
            format!("RDS {} {}", database.name, database.private_ip_address),
        )
    }));
    list.push((ElementId::Internet.to_string(), "Internet".to_owned()));
    let mut regions: Vec<&str> = topology
        .vpcs()
        .values()
        .map(|vpc| vpc.region_id.as_str())
        .collect();
    regions.dedup();
    for region in regions {
        list.push((
            ElementId::Oss(region.to_owned()).to_string(),
            format!("OSS ({region})"),
        ));
    }
    list.extend(topology.data_centers().values().map(|centre| {
        (
            centre.id.clone(),
            format!("{} {}", centre.name, centre.cidr_block),
        )
    }));
    list
}

/// The protocols the panel offers.
const PROTOCOLS: [Protocol; 4] = [Protocol::Tcp, Protocol::Udp, Protocol::Icmp, Protocol::All];

/// Props of [`TracePanel`].
#[derive(Properties, PartialEq)]
pub struct TracePanelProps {
    /// The UI language.
    pub language: Language,
    /// The network.
    pub topology: Rc<Topology>,
    /// The drawing, for element names.
    pub diagram: Rc<Diagram>,
    /// What to trace.
    pub setup: TraceSetup,
    /// The worked-out trace, or why there is none.
    pub analysis: Result<Analysis, String>,
    /// Reports every change.
    pub ontrace: Callback<TraceAction>,
    /// Runs a suggested fix (its API calls, as one undoable step).
    #[prop_or_default]
    pub onfix: Callback<Vec<Command>>,
}

/// The panel's pieces, drawn from its props.
struct View<'a> {
    props: &'a TracePanelProps,
    language: Language,
}

impl View<'_> {
    fn l(&self, english: &'static str, spanish: &'static str) -> &'static str {
        pick(self.language, english, spanish)
    }

    /// A callback that reads a select's or input's value and reports `make(value)`.
    fn emit(&self, make: fn(String) -> TraceAction) -> Callback<Event> {
        let ontrace = self.props.ontrace.clone();
        Callback::from(move |event: Event| {
            let value = event
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|select| select.value())
                .or_else(|| {
                    event
                        .target_dyn_into::<web_sys::HtmlInputElement>()
                        .map(|input| input.value())
                })
                .unwrap_or_default();
            ontrace.emit(make(value));
        })
    }

    /// A click that reports `action`.
    fn send(&self, action: TraceAction) -> Callback<MouseEvent> {
        let ontrace = self.props.ontrace.clone();
        Callback::from(move |_: MouseEvent| ontrace.emit(action.clone()))
    }

    /// The name the diagram shows for an element; a public address is its holder's badge.
    fn name_of(&self, id: &ElementId) -> String {
        if let ElementId::PublicIp(holder) = id {
            let holder = ElementId::resource(holder.clone());
            if let Some(shape) = self.props.diagram.shape(&holder) {
                let address = shape.badge.as_ref().map_or("", |badge| badge.text.as_str());
                return format!("{address} ({})", shape.label);
            }
        }
        self.props
            .diagram
            .shape(id)
            .map(|shape| shape.label.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// The fix of a blocked answer: its API calls, and one button that runs them.
    fn fix_view(&self) -> Html {
        let Some(commands) = self
            .props
            .analysis
            .as_ref()
            .ok()
            .and_then(|analysis| analysis.fix.clone())
        else {
            return Html::default();
        };
        let calls: Vec<String> = commands.iter().map(request_line).collect();
        let onfix = self.props.onfix.clone();
        let onclick = Callback::from(move |_: MouseEvent| onfix.emit(commands.clone()));
        html! {
            <div class="trace-fix" data-testid="trace-fix">
                <p><strong>{ self.l("How to fix it, as API calls:", "Cómo arreglarlo, con llamadas a la API:") }</strong></p>
                <ol class="fix-calls">{ for calls.iter().map(|call| html! { <li><code>{ call }</code></li> }) }</ol>
                <button class="action primary" data-testid="trace-fix-apply" {onclick}>
                    { self.l("Apply the fix", "Aplicar el arreglo") }</button>
                <p class="muted">{ self.l(
                    "The calls go to the API log; Undo takes them back.",
                    "Las llamadas quedan en el registro de la API; Deshacer las revierte.",
                ) }</p>
            </div>
        }
    }

    fn endpoint_select(
        &self,
        options: &[(String, String)],
        name: &'static str,
        current: &str,
        waiting: bool,
        make: fn(String) -> TraceAction,
    ) -> Html {
        html! {
            <select id={name} name={name} onchange={self.emit(make)} class={classes!(waiting.then_some("waiting"))}>
                <option value="" selected={current.is_empty()}>{ "—" }</option>
                { for options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={value == current}>{ label }</option>
                }) }
            </select>
        }
    }

    fn reachable_view(&self, reachable: &[ElementId]) -> Html {
        html! {
            <div class="reachable" data-testid="trace-reachable">
                <p><strong>{ self.l("Reachable from the source:", "Alcanzables desde el origen:") }</strong></p>
                <ul>{ for reachable.iter().map(|id| html! { <li data-element={id.to_string()}>{ self.name_of(id) }</li> }) }</ul>
            </div>
        }
    }

    /// Reachable, or blocked with the reason's code and explanation.
    fn headline(&self, answer: &Trace) -> Html {
        if answer.reachable {
            return html! { <p class="trace-verdict ok" data-testid="trace-verdict" data-reachable="true" role="status" aria-live="polite">
            { format!("✓ {}", self.l("Reachable", "Alcanzable")) }</p> };
        }
        let reason = answer.reason.as_ref();
        let code = reason.map(|reason| reason.code()).unwrap_or("");
        let explanation = reason
            .map(|reason| crate::text::trace::reason(self.language.lesson(), reason))
            .unwrap_or_default();
        html! {
            <div class="trace-verdict blocked" data-testid="trace-verdict" data-reachable="false" data-reason={code} role="status" aria-live="polite">
                <p><strong>{ format!("✗ {}", self.l("Blocked", "Bloqueado")) }</strong>{ " " }<code>{ code }</code></p>
                <p class="explanation">{ explanation }</p>
                { self.fix_view() }
            </div>
        }
    }

    /// Step back, play or pause, step forward, speed, and where the packet is.
    fn controls(&self, step: usize, last: usize) -> Html {
        let setup = &self.props.setup;
        let l = |en, es| self.l(en, es);
        html! {
            <div class="trace-controls" role="group">
                <button data-testid="trace-back" title={l("Step back", "Paso atrás")} disabled={step <= 1}
                    onclick={self.send(TraceAction::Step(step.saturating_sub(1).max(1)))}>{ "◀" }</button>
                if setup.playing {
                    <button data-testid="trace-play" title={l("Pause", "Pausa")} onclick={self.send(TraceAction::Play(false))}>{ l("Pause", "Pausa") }</button>
                } else {
                    <button data-testid="trace-play" title={l("Play", "Reproducir")} disabled={last == 0}
                        onclick={{
                            let ontrace = self.props.ontrace.clone();
                            let rewind = step >= last;
                            Callback::from(move |_: MouseEvent| {
                                if rewind {
                                    ontrace.emit(TraceAction::Step(1));
                                }
                                ontrace.emit(TraceAction::Play(true));
                            })
                        }}>{ l("Play", "Reproducir") }</button>
                }
                <button data-testid="trace-forward" title={l("Step forward", "Paso adelante")} disabled={step >= last}
                    onclick={self.send(TraceAction::Step((step + 1).min(last)))}>{ "▶" }</button>
                <select name="speed" data-testid="trace-speed" aria-label={l("Speed", "Velocidad")} onchange={{
                    let ontrace = self.props.ontrace.clone();
                    Callback::from(move |event: Event| {
                        if let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() {
                            ontrace.emit(TraceAction::Speed(select.value().parse().unwrap_or(700)));
                        }
                    })
                }}>
                    { for [(1400u32, "0.5×"), (700, "1×"), (350, "2×")].iter().map(|(millis, label)| html! {
                        <option value={millis.to_string()} selected={*millis == setup.hop_millis}>{ *label }</option>
                    }) }
                </select>
                <span class="step-count" data-testid="trace-step">{ format!("{step} / {last}") }</span>
            </div>
        }
    }

    /// The hops passed so far, then the blocking element, then the way back.
    fn hops(&self, answer: &Trace, step: usize, last: usize) -> Html {
        let hops = answer.hops.iter().enumerate().map(|(index, hop)| {
            let class = classes!(
                "hop",
                (index + 1 == step).then_some("current"),
                (index < step).then_some("passed")
            );
            html! {
                <li {class} data-element={hop.element.to_string()}>
                    <span class="hop-name">{ self.name_of(&hop.element) }</span>
                    <span class="hop-kind">{ format!(" · {}", kind_name(self.language, hop.kind)) }</span>
                    <span class="hop-rule">{ crate::text::trace::hop_rule(self.language.lesson(), &hop.rule) }</span>
                </li>
            }
        });
        let blocked = answer
            .blocked_at
            .as_ref()
            .filter(|id| !answer.elements().any(|element| element == *id))
            .map(|id| {
                let class = classes!("hop", "blocked", (step == last).then_some("current"));
                html! {
                    <li {class} data-element={id.to_string()}>
                        <span class="hop-name">{ self.name_of(id) }</span>
                        <span class="hop-rule">{ self.l("stops the packet here", "detiene el paquete aquí") }</span>
                    </li>
                }
            });
        let ret = answer.return_path.as_ref().map(|hops| {
            let names: Vec<String> = hops.iter().map(|hop| self.name_of(&hop.element)).collect();
            html! { <p class="muted return-path">{ self.l("The answer returns: ", "La respuesta vuelve: ") }{ names.join(" → ") }</p> }
        });
        html! {
            <>
                <ol class="hops" data-testid="trace-hops">{ for hops }{ for blocked }</ol>
                { for ret }
            </>
        }
    }

    /// The answer: a problem, the reachable endpoints, or the traced path.
    fn verdict(&self) -> Html {
        let setup = &self.props.setup;
        let analysis = match &self.props.analysis {
            Err(problem) => {
                return html! { <p class="muted" data-testid="trace-problem">{ problem }</p> }
            }
            Ok(analysis) => analysis,
        };
        let Some(answer) = analysis.trace.as_ref() else {
            return self.reachable_view(&analysis.reachable);
        };
        let last = analysis.path.len();
        let step = setup.step.clamp(usize::from(last > 0), last);
        let port = answer
            .port
            .map(|port| format!(" {port}"))
            .unwrap_or_default();
        html! {
            <>
                { self.headline(answer) }
                <p class="muted">{ format!("{}{port}", answer.protocol.name().to_uppercase()) }</p>
                { self.controls(step, last) }
                { self.hops(answer, step, last) }
                if setup.show_reachable {
                    { self.reachable_view(&analysis.reachable) }
                }
            </>
        }
    }

    /// Source, destination, protocol and port, and "who can the source reach?".
    fn query(&self) -> Html {
        let setup = &self.props.setup;
        let l = |en, es| self.l(en, es);
        let options = endpoints(&self.props.topology);
        let protocol = |text: String| {
            TraceAction::Protocol(Protocol::from_name(&text).unwrap_or(Protocol::Tcp))
        };
        html! {
            <>
                <div class="field"><label for="trace-source">{ l("Source", "Origen") }</label>
                    { self.endpoint_select(&options, "trace-source", &setup.source, setup.next_end == TraceEnd::Source, TraceAction::Source) }</div>
                <div class="field"><label for="trace-destination">{ l("Destination", "Destino") }</label>
                    { self.endpoint_select(&options, "trace-destination", &setup.destination, setup.next_end == TraceEnd::Destination, TraceAction::Destination) }</div>
                <div class="field-row">
                    <div class="field"><label for="trace-protocol">{ l("Protocol", "Protocolo") }</label>
                        <select id="trace-protocol" name="trace-protocol" onchange={self.emit(protocol)}>
                            { for PROTOCOLS.iter().map(|protocol| html! {
                                <option value={protocol.name()} selected={*protocol == setup.protocol}>{ protocol.name().to_uppercase() }</option>
                            }) }
                        </select></div>
                    <div class="field"><label for="trace-port">{ l("Port", "Puerto") }</label>
                        <input id="trace-port" name="trace-port" type="text" value={setup.port.clone()} onchange={self.emit(TraceAction::Port)} /></div>
                </div>
                <label class="checkbox">
                    <input type="checkbox" data-testid="trace-show-reachable" checked={setup.show_reachable}
                        onchange={{
                            let ontrace = self.props.ontrace.clone();
                            let show = !setup.show_reachable;
                            Callback::from(move |_: Event| ontrace.emit(TraceAction::ShowReachable(show)))
                        }} />
                    { l(" Who can the source reach?", " ¿A quién llega el origen?") }
                </label>
            </>
        }
    }
}

/// Scrolls the panel's current hop into view (`block: nearest`: the least movement, none
/// when it is already visible) whenever the step changes.
#[hook]
fn use_current_hop_in_view(panel: NodeRef, step: usize) {
    use_effect_with(step, move |_| {
        let current = panel
            .cast::<web_sys::Element>()
            .and_then(|panel| panel.query_selector(".hop.current").ok().flatten());
        if let Some(current) = current {
            let options = web_sys::js_sys::Object::new();
            let _ = web_sys::js_sys::Reflect::set(&options, &"block".into(), &"nearest".into());
            let scroll = web_sys::js_sys::Reflect::get(&current, &"scrollIntoView".into())
                .ok()
                .and_then(|function| function.dyn_into::<web_sys::js_sys::Function>().ok());
            if let Some(scroll) = scroll {
                let _ = scroll.call1(&current, &options);
            }
        }
    });
}

/// The panel.
#[component]
pub fn TracePanel(props: &TracePanelProps) -> Html {
    let view = View {
        props,
        language: props.language,
    };
    let l = |en, es| view.l(en, es);
    let panel = use_node_ref();
    use_current_hop_in_view(panel.clone(), props.setup.step);
    html! {
        <div class="trace-panel" data-testid="trace-panel" ref={panel}>
            <div class="trace-title">
                <h3>{ l("Can A reach B?", "¿Llega A a B?") }</h3>
                <button class="dismiss" aria-label={l("Close", "Cerrar")} onclick={view.send(TraceAction::Close)}>{ "×" }</button>
            </div>
            <p class="muted">{ match props.setup.next_end {
                TraceEnd::Source => l("Next click on the diagram: the source.", "Próximo clic en el diagrama: el origen."),
                TraceEnd::Destination => l("Next click on the diagram: the destination.", "Próximo clic en el diagrama: el destino."),
            } }</p>
            { view.query() }
            { view.verdict() }
        </div>
    }
}
