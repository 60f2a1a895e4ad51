//! Keyboard shortcuts for the whole page.
//!
//! Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo, Escape cancels, Delete deletes the
//! focused element (which is the selected one), "?" opens the shortcuts dialog; on a
//! focused diagram element the arrow keys move to the previous or next element and Enter
//! selects it. Focusing a diagram element from the keyboard selects it. Tab moves between
//! elements natively (each has `tabindex="0"`). Typing in a form field is left alone, so
//! text editing keeps the browser's own undo. In a lesson's presenter mode the arrow keys
//! (and Page Up / Page Down, as a presentation clicker sends) step through the lesson and
//! Escape ends it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use std::cell::Cell;
use std::rc::Rc;

use super::state::{Action, AppState, HelpAction, LessonAction};
use crate::model::ElementId;

/// Whether the event comes from a text field, where keys belong to the field.
fn typing(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
        })
}

/// The diagram element that has keyboard focus, with the element it draws.
fn focused_shape() -> Option<(web_sys::Element, Option<ElementId>)> {
    let active = web_sys::window()?.document()?.active_element()?;
    let id = active.get_attribute("data-id")?;
    Some((active, id.parse().ok()))
}

/// Moves focus to the diagram element `step` places away from the focused one.
fn move_focus(from: &web_sys::Element, step: isize) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let Ok(all) = document.query_selector_all("svg.diagram [data-id][tabindex]") else {
        return;
    };
    let elements: Vec<web_sys::Element> = (0..all.length())
        .filter_map(|index| all.item(index))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .collect();
    let Some(position) = elements.iter().position(|element| element == from) else {
        return;
    };
    let target = position as isize + step;
    if let Some(next) = usize::try_from(target)
        .ok()
        .and_then(|index| elements.get(index))
    {
        if let Some(element) = next.dyn_ref::<web_sys::SvgElement>() {
            let _ = element.focus();
        }
    }
}

/// A document listener: the event's name and the closure called with it.
type Listener = (&'static str, Closure<dyn Fn(web_sys::Event)>);

/// Listens on the document for as long as the returned guard lives.
struct Listening {
    target: Option<web_sys::Document>,
    listeners: Vec<Listener>,
}

impl Listening {
    fn new(listeners: Vec<Listener>) -> Listening {
        let target = web_sys::window().and_then(|window| window.document());
        if let Some(document) = &target {
            for (kind, listener) in &listeners {
                let _ = document.add_event_listener_with_callback_and_bool(
                    kind,
                    listener.as_ref().unchecked_ref(),
                    true,
                );
            }
        }
        Listening { target, listeners }
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        if let Some(document) = &self.target {
            for (kind, listener) in &self.listeners {
                let _ = document.remove_event_listener_with_callback_and_bool(
                    kind,
                    listener.as_ref().unchecked_ref(),
                    true,
                );
            }
        }
    }
}

/// Selects a diagram element when it gets the focus from the keyboard (Tab), so the focused
/// element and the selected one are the same; a pointer's focus is left to its click.
#[hook]
fn use_focus_selects(dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |()| {
        let from_keyboard = Rc::new(Cell::new(false));
        let keydown = {
            let from_keyboard = from_keyboard.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| from_keyboard.set(true))
        };
        let pointerdown = {
            let from_keyboard = from_keyboard.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
                from_keyboard.set(false);
            })
        };
        let focusin = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            if !from_keyboard.get() {
                return;
            }
            let id = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .filter(|element| element.closest("svg.diagram").ok().flatten().is_some())
                .and_then(|element| element.get_attribute("data-id"))
                .and_then(|id| id.parse::<ElementId>().ok())
                .filter(|id| !matches!(id, ElementId::More(_)));
            if let Some(id) = id {
                dispatcher.dispatch(Action::Select(Some(id)));
            }
        });
        let listening = Listening::new(vec![
            ("keydown", keydown),
            ("pointerdown", pointerdown),
            ("focusin", focusin),
        ]);
        move || drop(listening)
    });
}

/// Installs the page-wide shortcuts for as long as the app is mounted.
#[hook]
pub fn use_shortcuts(dispatcher: UseReducerDispatcher<AppState>, state: &AppState) {
    use_focus_selects(dispatcher.clone());
    let modal_open = state.form.is_some() || state.confirmation.is_some() || state.shortcuts_open;
    let presenting = state
        .lesson
        .as_ref()
        .is_some_and(|session| session.presenter);
    use_effect_with(
        (modal_open, presenting),
        move |&(modal_open, presenting)| {
            let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |event: KeyboardEvent| {
                let command = event.ctrl_key() || event.meta_key();
                let key = event.key();
                if presenting && !modal_open && !typing(&event) {
                    let step = match key.as_str() {
                        "ArrowRight" | "ArrowDown" | "PageDown" => Some(LessonAction::Next),
                        "ArrowLeft" | "ArrowUp" | "PageUp" => Some(LessonAction::Back),
                        "Escape" => Some(LessonAction::Presenter(false)),
                        _ => None,
                    };
                    if let Some(step) = step {
                        event.prevent_default();
                        dispatcher.dispatch(Action::Lesson(step));
                        return;
                    }
                }
                if key == "Escape" {
                    dispatcher.dispatch(Action::Cancel);
                    return;
                }
                if typing(&event) || (modal_open && key != "Escape") {
                    return;
                }
                let action = match key.as_str() {
                    "?" if !command => Some(Action::Help(HelpAction::Shortcuts(true))),
                    "z" | "Z" if command && event.shift_key() => Some(Action::Redo),
                    "z" | "Z" if command => Some(Action::Undo),
                    "y" | "Y" if command => Some(Action::Redo),
                    "Delete" | "Backspace" => {
                        // The focused element is the one deleted: make sure it is selected.
                        if let Some(id) = focused_shape()
                            .and_then(|(_, id)| id)
                            .filter(|id| !matches!(id, ElementId::More(_)))
                        {
                            dispatcher.dispatch(Action::Select(Some(id)));
                        }
                        Some(Action::DeleteSelected)
                    }
                    "Enter" | " " => focused_shape()
                        .and_then(|(_, id)| id)
                        .map(|id| Action::Select(Some(id))),
                    "ArrowRight" | "ArrowDown" | "ArrowLeft" | "ArrowUp" => {
                        if let Some((element, _)) = focused_shape() {
                            let step = if matches!(key.as_str(), "ArrowRight" | "ArrowDown") {
                                1
                            } else {
                                -1
                            };
                            move_focus(&element, step);
                            event.prevent_default();
                        }
                        None
                    }
                    _ => None,
                };
                if let Some(action) = action {
                    event.prevent_default();
                    dispatcher.dispatch(action);
                }
            });
            let document = web_sys::window().and_then(|window| window.document());
            if let Some(document) = &document {
                let _ = document
                    .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(document) = document {
                    let _ = document.remove_event_listener_with_callback(
                        "keydown",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                drop(listener);
            }
        },
    );
}
