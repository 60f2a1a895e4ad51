//! Help: the first-run tour's card (one step at a time over the part of the screen it
//! explains, which the workspace outlines) and the keyboard-shortcuts dialog ("?"), which
//! also starts the tour at any time (with storage blocked there is no first-visit hint).

use yew::prelude::*;

use crate::app::i18n::{pick, Language};
use crate::app::state::{HelpAction, TOUR_STEPS};

/// Props of [`Help`].
#[derive(Properties, PartialEq)]
pub struct HelpProps {
    /// The UI language.
    pub language: Language,
    /// The tour's step, while it runs.
    pub tour: Option<usize>,
    /// Whether the shortcuts dialog is open.
    pub shortcuts_open: bool,
    /// Moves the tour or opens and closes the dialog.
    pub onhelp: Callback<HelpAction>,
}

/// The title and the text of tour step `step`.
fn tour_step(language: Language, step: usize) -> (&'static str, &'static str) {
    match step {
        0 => (
            pick(language, "The network", "La red"),
            pick(
                language,
                "The article's network: a VPC in Mumbai with a VSwitch in each zone, three VMs, and the data centre joined over Express Connect and a VPN gateway. Click or tap any element to see its properties.",
                "La red del artículo: una VPC en Bombay con un VSwitch en cada zona, tres VM y el centro de datos unido por Express Connect y una puerta de enlace VPN. Haz clic o toca cualquier elemento para ver sus propiedades.",
            ),
        ),
        1 => (
            pick(language, "Build", "Construir"),
            pick(
                language,
                "The toolbar creates every resource with the API's own parameters. The rules check each field as you type and answer with Alibaba's error codes.",
                "La barra de herramientas crea cada recurso con los parámetros de la propia API. Las reglas comprueban cada campo mientras escribes y responden con los códigos de error de Alibaba.",
            ),
        ),
        2 => (
            pick(language, "Details", "Detalles"),
            pick(
                language,
                "The side panel shows what you select, the actions it allows, and every API call made so far.",
                "El panel lateral muestra lo que seleccionas, las acciones que admite y cada llamada a la API hecha hasta ahora.",
            ),
        ),
        3 => (
            pick(language, "Can A reach B?", "¿Llega A a B?"),
            pick(
                language,
                "Trace a packet between two elements: it goes hop by hop, with the route or rule used at each hop, and stops in red where it is blocked.",
                "Traza un paquete entre dos elementos: avanza salto a salto, con la ruta o regla usada en cada uno, y se detiene en rojo donde queda bloqueado.",
            ),
        ),
        _ => (
            pick(language, "Keyboard", "Teclado"),
            pick(
                language,
                "Tab and the arrow keys move between elements, Delete deletes the focused one, Ctrl+Z undoes. Press ? at any time for every shortcut.",
                "Tab y las flechas recorren los elementos, Supr borra el que tiene el foco, Ctrl+Z deshace. Pulsa ? en cualquier momento para ver todos los atajos.",
            ),
        ),
    }
}

/// The keyboard shortcuts, as (keys, what they do).
fn shortcuts(language: Language) -> [(&'static str, &'static str); 8] {
    [
        (
            "Tab / Shift+Tab",
            pick(
                language,
                "Focus the next or previous element (and select it)",
                "Llevar el foco al elemento siguiente o anterior (y seleccionarlo)",
            ),
        ),
        (
            "← → ↑ ↓",
            pick(
                language,
                "On the diagram: move to the previous or next element",
                "En el diagrama: pasar al elemento anterior o siguiente",
            ),
        ),
        (
            "Enter / Space",
            pick(
                language,
                "Select the focused element",
                "Seleccionar el elemento con el foco",
            ),
        ),
        (
            pick(language, "Delete / Backspace", "Supr / Retroceso"),
            pick(
                language,
                "Delete the focused (selected) element",
                "Borrar el elemento con el foco (el seleccionado)",
            ),
        ),
        ("Ctrl+Z", pick(language, "Undo", "Deshacer")),
        ("Ctrl+Shift+Z / Ctrl+Y", pick(language, "Redo", "Rehacer")),
        (
            "Escape",
            pick(
                language,
                "Close a dialog or form, or clear the selection",
                "Cerrar un diálogo o formulario, o quitar la selección",
            ),
        ),
        (
            "?",
            pick(language, "Show these shortcuts", "Mostrar estos atajos"),
        ),
    ]
}

/// The tour's card and the shortcuts dialog, when open.
#[component]
pub fn Help(props: &HelpProps) -> Html {
    let language = props.language;
    let send = |action: HelpAction| {
        let onhelp = props.onhelp.clone();
        Callback::from(move |_: MouseEvent| onhelp.emit(action))
    };
    let tour = props.tour.map(|step| {
        let (title, text) = tour_step(language, step);
        let last = step + 1 >= TOUR_STEPS;
        html! {
            <section class="tour-card" role="dialog" aria-modal="false" aria-labelledby="tour-title"
                data-testid="tour" data-step={step.to_string()}>
                <p class="tour-progress">{ format!("{} / {TOUR_STEPS}", step + 1) }</p>
                <h2 id="tour-title">{ title }</h2>
                <p>{ text }</p>
                <div class="tour-buttons">
                    <button type="button" data-testid="tour-skip" onclick={send(HelpAction::EndTour)}>
                        { if last { pick(language, "Close", "Cerrar") } else { pick(language, "Skip the tour", "Saltar la visita") } }</button>
                    if step > 0 {
                        <button type="button" data-testid="tour-back" onclick={send(HelpAction::Back)}>
                            { pick(language, "Back", "Atrás") }</button>
                    }
                    <button type="button" class="primary" data-testid="tour-next" onclick={send(HelpAction::Next)}>
                        { if last { pick(language, "Done", "Hecho") } else { pick(language, "Next", "Siguiente") } }</button>
                </div>
            </section>
        }
    });
    let dialog = props.shortcuts_open.then(|| {
        let rows = shortcuts(language).into_iter().map(|(keys, what)| html! {
            <tr><th scope="row"><kbd>{ keys }</kbd></th><td>{ what }</td></tr>
        });
        html! {
            <div class="modal-backdrop" onclick={send(HelpAction::Shortcuts(false))}>
                <div class="dialog shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title"
                    data-testid="shortcuts" onclick={Callback::from(|event: MouseEvent| event.stop_propagation())}>
                    <h2 id="shortcuts-title">{ pick(language, "Keyboard shortcuts", "Atajos de teclado") }</h2>
                    <table>{ for rows }</table>
                    <div class="dialog-buttons">
                        <button type="button" data-testid="shortcuts-tour" onclick={send(HelpAction::StartTour)}>
                            { pick(language, "Take the tour", "Hacer la visita") }</button>
                        <button type="button" class="primary" data-testid="shortcuts-close" autofocus=true
                            onclick={send(HelpAction::Shortcuts(false))}>{ pick(language, "Close", "Cerrar") }</button>
                    </div>
                </div>
            </div>
        }
    });
    html! { <>{ for tour }{ for dialog }</> }
}
