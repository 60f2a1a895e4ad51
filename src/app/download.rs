//! Handing text to the user as a file: a Blob, an object URL and a link with `download`.
//!
//! This works under the app's Content-Security-Policy (`img-src 'self' data: blob:`, no
//! inline script): nothing is evaluated, the link is clicked from Rust and removed again.
//! The object URL is revoked a minute later, long after the browser has started saving it.

use wasm_bindgen::JsCast;
use web_sys::js_sys;

/// The media type of a vpclab network document.
pub const JSON: &str = "application/json";

/// The media type of text that may not be a valid document (unreadable saved data).
pub const TEXT: &str = "text/plain";

/// The media type of a standalone SVG picture.
pub const SVG: &str = "image/svg+xml";

/// Why a download could not be offered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DownloadError(pub String);

impl std::fmt::Display for DownloadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the download could not start: {}", self.0)
    }
}

fn failed(value: wasm_bindgen::JsValue) -> DownloadError {
    DownloadError(
        value
            .as_string()
            .or_else(|| {
                value
                    .dyn_ref::<js_sys::Error>()
                    .map(|error| String::from(error.message()))
            })
            .unwrap_or_else(|| format!("{value:?}")),
    )
}

/// A Blob holding `text` with the media type `media_type`.
fn text_blob(text: &str, media_type: &str) -> Result<web_sys::Blob, DownloadError> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)
}

/// An object URL for a Blob holding `text` with the media type `media_type`. The caller
/// revokes it (or leaves it for the life of the page).
///
/// # Errors
/// A [`DownloadError`] when the browser refuses to make the Blob or the URL.
pub fn object_url(text: &str, media_type: &str) -> Result<String, DownloadError> {
    web_sys::Url::create_object_url_with_blob(&text_blob(text, media_type)?).map_err(failed)
}

/// Offers `text` as a file named `file_name`: the browser saves it or asks where to.
///
/// # Errors
/// A [`DownloadError`] when there is no document, or the browser refuses the Blob or the link.
pub fn offer(file_name: &str, text: &str, media_type: &str) -> Result<(), DownloadError> {
    offer_blob(file_name, &text_blob(text, media_type)?)
}

/// Offers `blob` (a picture, say) as a file named `file_name`.
///
/// # Errors
/// A [`DownloadError`] when there is no document, or the browser refuses the URL or the link.
pub fn offer_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), DownloadError> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| DownloadError("no document".into()))?;
    let body = document
        .body()
        .ok_or_else(|| DownloadError("no body".into()))?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(failed)?;
    let link = document
        .create_element("a")
        .map_err(failed)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| DownloadError("not a link".into()))?;
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    body.append_child(&link).map_err(failed)?;
    link.click();
    link.remove();
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(std::time::Duration::from_secs(60)).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}
