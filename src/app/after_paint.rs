//! Work that must not hold up the frame showing a change: run once that frame is painted.
//!
//! Saving a network of thousands of instances (serialising it, checking the stored version,
//! writing it) takes tens of milliseconds; done in the render's effect it delayed the frame
//! that shows the change by as much. [`after_paint`] runs a task from an idle callback asked
//! for by the next animation frame: it runs once that frame is painted and the tasks already
//! waiting (input first) have run. A page that draws no frames (hidden, or an off-screen
//! frame) gets the task from a fallback timer instead.
//! [`PageLeaving`] lets pending work finish when the page is hidden or left.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long a task waits for a frame before it runs anyway (a hidden page draws none).
const FALLBACK_MS: i32 = 100;

/// Runs `task` once, after the next frame is painted, or after a fallback timer (100 ms) when no
/// frame comes. Without a window (not in a browser) it runs at once.
pub fn after_paint(task: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        task();
        return;
    };
    // Whichever of the frame's timer and the fallback comes first runs the task.
    let task = Rc::new(RefCell::new(Some(task)));
    let run = {
        let task = task.clone();
        move || {
            let next = task.borrow_mut().take();
            if let Some(next) = next {
                next();
            }
        }
    };
    let after_frame = {
        let window = window.clone();
        let run = run.clone();
        Closure::once_into_js(move || {
            // Asked from the frame's callback, an idle callback runs once the frame is painted
            // and the tasks already waiting have run; where the browser has none (Safari), a
            // timer runs once the frame is painted.
            let task = Closure::once_into_js(run);
            let idle = web_sys::js_sys::Reflect::has(&window, &"requestIdleCallback".into())
                .unwrap_or(false);
            let asked = idle && {
                let options = web_sys::IdleRequestOptions::new();
                options.set_timeout(FALLBACK_MS as u32);
                window
                    .request_idle_callback_with_options(task.unchecked_ref(), &options)
                    .is_ok()
            };
            if !asked {
                let _ = window.set_timeout_with_callback(task.unchecked_ref());
            }
        })
    };
    let _ = window.request_animation_frame(after_frame.unchecked_ref());
    let fallback = Closure::once_into_js(run);
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        fallback.unchecked_ref(),
        FALLBACK_MS,
    );
}

/// Calls a function when the page is hidden or left (`visibilitychange` to hidden,
/// `pagehide`), so work waiting for a frame is not lost; dropping it stops listening.
pub struct PageLeaving {
    window: Option<web_sys::Window>,
    listener: Closure<dyn Fn(web_sys::Event)>,
}

impl PageLeaving {
    /// Calls `onleave` whenever the page is hidden or left.
    pub fn listen(onleave: impl Fn() + 'static) -> PageLeaving {
        let window = web_sys::window();
        let hidden = {
            let window = window.clone();
            move || {
                window
                    .as_ref()
                    .and_then(web_sys::Window::document)
                    .is_some_and(|document| document.hidden())
            }
        };
        let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            if event.type_() == "pagehide" || hidden() {
                onleave();
            }
        });
        if let Some(window) = &window {
            // `pagehide` fires as the page is left, before it counts as hidden;
            // `visibilitychange` (from the document, bubbling here) when it is hidden.
            let callback = listener.as_ref().unchecked_ref();
            let _ = window.add_event_listener_with_callback("pagehide", callback);
            let _ = window.add_event_listener_with_callback("visibilitychange", callback);
        }
        PageLeaving { window, listener }
    }
}

impl Drop for PageLeaving {
    fn drop(&mut self) {
        if let Some(window) = &self.window {
            let callback = self.listener.as_ref().unchecked_ref();
            let _ = window.remove_event_listener_with_callback("pagehide", callback);
            let _ = window.remove_event_listener_with_callback("visibilitychange", callback);
        }
    }
}
