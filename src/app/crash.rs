//! What the page shows when the app panics: a readable error and the user's network to
//! download, instead of a page that silently stops answering.
//!
//! Release builds abort on panic (`panic = "abort"`), but the panic hook still runs first.
//! The hook cannot trust the app's state (a `RefCell` may be borrowed, Yew may be mid-render),
//! so the app keeps what the hook needs where the hook can reach it on its own: the network
//! each render starts from ([`remember_network`], a shared pointer, so it costs nothing) and
//! the UI language ([`remember_language`]). A panic while rendering a change therefore still
//! offers that change. The network is turned into a document only in the hook: plain data to
//! JSON, which does not panic.
//! The hook builds its message with plain DOM calls, and the download is a link to a Blob, so
//! nothing needs the dead app to run again. Every step is fallible and ignored on failure:
//! a panic inside a panic hook would abort before anything is shown.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;

use super::download;
use super::i18n::{pick, Language};
use crate::model::{document, Topology};

/// The file name of the network the crash screen offers.
pub const FILE_NAME: &str = "vpclab-network.json";

thread_local! {
    static LAST_NETWORK: RefCell<Option<Rc<Topology>>> = const { RefCell::new(None) };
    static LANGUAGE: Cell<Option<Language>> = const { Cell::new(None) };
}

/// Keeps `topology` for the crash screen's download. Called on every render, whether or not
/// storage accepted the change.
pub fn remember_network(topology: Rc<Topology>) {
    LAST_NETWORK.with(|cell| {
        if let Ok(mut last) = cell.try_borrow_mut() {
            *last = Some(topology);
        }
    });
}

/// Keeps the UI language for the crash screen.
pub fn remember_language(language: Language) {
    LANGUAGE.with(|cell| cell.set(Some(language)));
}

/// The network kept for the crash screen, as a document, if any.
pub fn remembered_network() -> Option<String> {
    LAST_NETWORK
        .try_with(|cell| {
            cell.try_borrow()
                .ok()
                .and_then(|last| last.as_deref().map(document::to_json_pretty))
        })
        .ok()
        .flatten()
}

/// Installs the panic hook: from now on a panic shows [`show`]'s screen (and still logs the
/// message to the console).
///
/// It goes through `yew::set_custom_panic_hook`: Yew replaces a hook set with
/// `std::panic::set_hook` by its own console logger when the app is rendered (seen on the
/// release build: the screen never appeared until this changed).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| show(&info.to_string())));
}

/// Shows the crash screen for `message` over whatever the page shows, in the last known UI
/// language (else the browser's), with a link that downloads the last network kept. A
/// second call replaces the first screen.
pub fn show(message: &str) {
    web_sys::console::error_1(&message.into());
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let language = LANGUAGE
        .try_with(Cell::get)
        .ok()
        .flatten()
        .unwrap_or_else(browser_language);
    if let Ok(Some(old)) = document.query_selector("[data-testid=crash]") {
        old.remove();
    }
    let _ = build(&document, language, message);
}

fn browser_language() -> Language {
    web_sys::window()
        .and_then(|window| window.navigator().language())
        .map(|tag| Language::from_browser_tag(&tag))
        .unwrap_or_default()
}

/// One element with a class and text.
fn element(
    document: &web_sys::Document,
    tag: &str,
    class: &str,
    text: &str,
) -> Result<web_sys::Element, wasm_bindgen::JsValue> {
    let element = document.create_element(tag)?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    if !text.is_empty() {
        element.set_text_content(Some(text));
    }
    Ok(element)
}

fn build(
    document: &web_sys::Document,
    language: Language,
    message: &str,
) -> Result<(), wasm_bindgen::JsValue> {
    let body = document
        .body()
        .ok_or_else(|| wasm_bindgen::JsValue::from_str("no body"))?;
    let screen = element(document, "div", "crash", "")?;
    screen.set_attribute("role", "alertdialog")?;
    screen.set_attribute("aria-modal", "true")?;
    screen.set_attribute("aria-labelledby", "crash-title")?;
    screen.set_attribute("data-testid", "crash")?;
    let panel = element(document, "div", "crash-panel", "")?;
    let title = element(
        document,
        "h2",
        "",
        pick(
            language,
            "vpclab stopped working",
            "vpclab dejó de funcionar",
        ),
    )?;
    title.set_id("crash-title");
    panel.append_child(&title)?;

    let network = remembered_network();
    let explanation = match network {
        Some(_) => pick(
            language,
            "Something went wrong inside the app and it cannot go on. Download your network as it was after your last change, then reload the page: reloading opens the last version saved in this browser.",
            "Algo falló dentro de la aplicación y no puede continuar. Descarga tu red tal como quedó tras tu último cambio y luego recarga la página: al recargar se abre la última versión guardada en este navegador.",
        ),
        None => pick(
            language,
            "Something went wrong inside the app before your network was loaded. Reload the page to try again.",
            "Algo falló dentro de la aplicación antes de cargar tu red. Recarga la página para intentarlo de nuevo.",
        ),
    };
    panel.append_child(&element(document, "p", "", explanation)?.into())?;

    let actions = element(document, "p", "crash-actions", "")?;
    if let Some(text) = network {
        if let Ok(url) = download::object_url(&text, download::JSON) {
            let link = element(
                document,
                "a",
                "button primary",
                pick(language, "Download my network", "Descargar mi red"),
            )?;
            link.set_attribute("href", &url)?;
            link.set_attribute("download", FILE_NAME)?;
            link.set_attribute("data-testid", "crash-download")?;
            actions.append_child(&link)?;
        }
    }
    let reload = element(
        document,
        "a",
        "button",
        pick(language, "Reload the page", "Recargar la página"),
    )?;
    let here = web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default();
    reload.set_attribute("href", &here)?;
    actions.append_child(&reload)?;
    panel.append_child(&actions)?;

    let details = element(document, "details", "", "")?;
    details.append_child(
        &element(
            document,
            "summary",
            "",
            pick(language, "Technical details", "Detalles técnicos"),
        )?
        .into(),
    )?;
    details.append_child(&element(document, "pre", "", message)?.into())?;
    panel.append_child(&details)?;
    screen.append_child(&panel)?;
    body.append_child(&screen)?;
    if let Some(link) = screen
        .query_selector("a")
        .ok()
        .flatten()
        .and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok())
    {
        // Focus the first action, so keyboard and screen-reader users land on the dialog.
        let _ = link.focus();
    }
    Ok(())
}
