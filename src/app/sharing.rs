//! Share links in the browser: the link for the network shown, the clipboard, and the
//! network a page's own `#network=…` fragment carries.
//!
//! The encoding itself is [`crate::export::share`] (pure); this module only reads and
//! rewrites the page's address and talks to the Clipboard API.

use wasm_bindgen::JsValue;

use super::i18n::{pick, Language};
use crate::export::share::{self, ShareError, FRAGMENT_KEY};
use crate::model::Topology;

/// The page's fragment, when it is a share link (`#network=…`), decoded: `None` for a page
/// opened without one.
pub fn from_location() -> Option<Result<Topology, ShareError>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    fragment
        .starts_with(FRAGMENT_KEY)
        .then(|| share::decode(fragment))
}

/// The address of this page without its fragment: where a share link points.
fn page_address() -> Option<String> {
    let location = web_sys::window()?.location();
    let href = location.href().ok()?;
    Some(
        href.split_once('#')
            .map_or(href.clone(), |(page, _)| page.to_owned()),
    )
}

/// The whole link that opens `topology` in this vpclab.
pub fn link_for(topology: &Topology) -> String {
    format!(
        "{}{}",
        page_address().unwrap_or_default(),
        share::encode(topology)
    )
}

/// Removes a share fragment from the address bar (without reloading), so that reloading
/// after "Keep a copy" or "Back to my network" does not open the shared view again.
pub fn forget_link() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let (Some(page), Ok(history)) = (page_address(), window.history()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&page));
    }
}

/// Writes `text` to the clipboard; `false` when the browser has no Clipboard API here (an
/// insecure page, an old browser) or refuses (permission, a frame without
/// `clipboard-write`).
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    // `navigator.clipboard` is undefined outside secure contexts: calling it would throw.
    let present = web_sys::js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|value| !value.is_undefined() && !value.is_null());
    if !present {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Why a share link could not be opened, in `language`. The visitor's own network is
/// untouched in every case, and the sentence says so.
pub fn describe(language: Language, error: &ShareError) -> String {
    let why = match (error, language) {
        (ShareError::NotAShareLink, _) => pick(
            language,
            "it is not a vpclab share link",
            "no es un enlace para compartir de vpclab",
        )
        .to_owned(),
        (ShareError::LinkTooLong(too_large), Language::English) => {
            format!("the link is too long ({too_large})")
        }
        (ShareError::LinkTooLong(too_large), Language::Spanish) => {
            format!("el enlace es demasiado largo ({too_large})")
        }
        (ShareError::UnknownVersion { version, supported }, Language::English) => format!(
            "it was made by another version of vpclab (format \"{version}\"; this one reads {supported})"
        ),
        (ShareError::UnknownVersion { version, supported }, Language::Spanish) => format!(
            "lo creó otra versión de vpclab (formato «{version}»; esta lee el {supported})"
        ),
        (ShareError::MalformedBase64 { offset }, Language::English) => {
            format!("the link is damaged at character {offset} of the network; it was probably cut when it was copied")
        }
        (ShareError::MalformedBase64 { offset }, Language::Spanish) => {
            format!("el enlace está dañado en el carácter {offset} de la red; probablemente se cortó al copiarlo")
        }
        (ShareError::Truncated, _) => pick(
            language,
            "the link was cut short, so the network in it is incomplete; ask for the whole link or the file",
            "el enlace está cortado, así que la red que lleva está incompleta; pide el enlace entero o el archivo",
        )
        .to_owned(),
        (ShareError::Corrupt | ShareError::NotText, _) => pick(
            language,
            "the link is damaged: the network in it does not unpack",
            "el enlace está dañado: la red que lleva no se puede desempaquetar",
        )
        .to_owned(),
        (ShareError::InflatedTooLarge { limit }, Language::English) => {
            format!("the network in it is larger than the limit of {limit} bytes")
        }
        (ShareError::InflatedTooLarge { limit }, Language::Spanish) => {
            format!("la red que lleva supera el límite de {limit} bytes")
        }
        (ShareError::Document(error), Language::English) => {
            format!("the network in it is not valid: {error}")
        }
        (ShareError::Document(error), Language::Spanish) => {
            format!("la red que lleva no es válida: {error}")
        }
    };
    match language {
        Language::English => format!(
            "This share link could not be opened: {why}. Your own network is shown, unchanged."
        ),
        Language::Spanish => format!(
            "No se pudo abrir este enlace compartido: {why}. Se muestra tu propia red, sin cambios."
        ),
    }
}

/// "Copy link": the link for `topology` goes to the dialog and, when it is short enough,
/// to the clipboard; a link past [`share::LINK_WARN_BYTES`] is not copied, and the dialog
/// offers the file instead.
pub fn start_copy(
    dispatcher: &yew::UseReducerDispatcher<super::state::AppState>,
    topology: &Topology,
) {
    use super::state::{Action, LinkDialog, ShareAction};
    let link = link_for(topology);
    if share::is_past_warning(&link) {
        dispatcher.dispatch(Action::Share(ShareAction::ShowLink(LinkDialog::TooLong {
            bytes: link.len(),
        })));
        return;
    }
    dispatcher.dispatch(Action::Share(ShareAction::ShowLink(LinkDialog::Copying(
        link.clone(),
    ))));
    let dispatcher = dispatcher.clone();
    yew::platform::spawn_local(async move {
        let copied = copy(&link).await;
        dispatcher.dispatch(Action::Share(ShareAction::ClipboardDone { link, copied }));
    });
}
