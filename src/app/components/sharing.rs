//! Share links on screen: the "shared network" banner with its two choices, and the
//! "Copy link" dialog (the link copied, or shown to copy by hand, or too long: the file
//! instead).

use yew::prelude::*;

use crate::app::i18n::{pick, Language};
use crate::app::saving::file_size;
use crate::app::state::LinkDialog;
use crate::export::share::LINK_WARN_BYTES;

/// Props of [`SharedBanner`].
#[derive(Properties, PartialEq)]
pub struct SharedBannerProps {
    /// The UI language.
    pub language: Language,
    /// "Keep a copy": save the shared network as the visitor's own.
    pub onkeep: Callback<()>,
    /// "Back to my network".
    pub onback: Callback<()>,
}

/// The banner over a network opened from a share link.
#[component]
pub fn SharedBanner(props: &SharedBannerProps) -> Html {
    let language = props.language;
    let emit = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    html! {
        <div class="notice shared-banner" role="region" data-testid="shared-banner"
            aria-label={pick(language, "Shared network", "Red compartida")}>
            <span class="notice-text">
                <strong>{ pick(language, "Shared network. ", "Red compartida. ") }</strong>
                { pick(language,
                    "You are looking at a network someone shared with a link. Changes to it are not saved, and your own network is kept as it was.",
                    "Estás viendo una red que alguien compartió con un enlace. Los cambios en ella no se guardan y tu propia red sigue como estaba.") }
            </span>
            <span class="notice-actions">
                <button class="primary" data-testid="keep-shared" onclick={emit(&props.onkeep)}
                    title={pick(language, "Replaces the network saved in this browser; what is saved is downloaded first",
                        "Reemplaza la red guardada en este navegador; antes se descarga lo que hay guardado")}>
                    { pick(language, "Keep a copy", "Guardar una copia") }</button>
                <button data-testid="back-to-own" onclick={emit(&props.onback)}>
                    { pick(language, "Back to my network", "Volver a mi red") }</button>
            </span>
        </div>
    }
}

/// Props of [`LinkDialogView`].
#[derive(Properties, PartialEq)]
pub struct LinkDialogProps {
    /// The UI language.
    pub language: Language,
    /// What the dialog shows.
    pub dialog: LinkDialog,
    /// Downloads the network as a file (for a link too long to share).
    pub ondownload: Callback<()>,
    /// Closes the dialog.
    pub onclose: Callback<()>,
}

/// The "Copy link" dialog.
#[component]
pub fn LinkDialogView(props: &LinkDialogProps) -> Html {
    let language = props.language;
    let emit = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    let status = match &props.dialog {
        LinkDialog::Copying(_) => pick(language, "Copying the link…", "Copiando el enlace…").to_owned(),
        LinkDialog::Copied(_) => pick(language,
            "The link is copied. Whoever opens it sees this network, without losing theirs.",
            "Enlace copiado. Quien lo abra verá esta red, sin perder la suya.").to_owned(),
        LinkDialog::CopyByHand(_) => pick(language,
            "This browser did not let vpclab copy: select the link below and copy it.",
            "Este navegador no dejó copiar a vpclab: selecciona el enlace de abajo y cópialo.").to_owned(),
        LinkDialog::TooLong { bytes } => match language {
            Language::English => format!(
                "This network makes a link of {}, past the {} that chat and mail apps keep whole. Share the file instead: it opens with \"Import\".",
                file_size(*bytes, language), file_size(LINK_WARN_BYTES, language)),
            Language::Spanish => format!(
                "Esta red da un enlace de {}, más de los {} que las apps de chat y correo conservan enteros. Comparte el archivo: se abre con «Importar».",
                file_size(*bytes, language), file_size(LINK_WARN_BYTES, language)),
        },
    };
    let select_all = Callback::from(|event: FocusEvent| {
        if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
            input.select();
        }
    });
    html! {
        <div class="modal-backdrop">
            <div class="dialog link-dialog" role="dialog" aria-modal="true" data-testid="link-dialog"
                aria-labelledby="link-dialog-title">
                <h2 id="link-dialog-title">{ pick(language, "Share this network", "Compartir esta red") }</h2>
                <p role="status" data-testid="link-status">{ status }</p>
                if let Some(link) = props.dialog.link() {
                    <label class="link-field">
                        { pick(language, "Link", "Enlace") }
                        <input type="text" readonly=true value={link.to_owned()} data-testid="share-link" onfocus={select_all} />
                    </label>
                }
                <div class="dialog-buttons">
                    if matches!(props.dialog, LinkDialog::TooLong { .. }) {
                        <button class="primary" data-testid="share-download" onclick={emit(&props.ondownload)}>
                            { pick(language, "Download the file", "Descargar el archivo") }</button>
                    }
                    <button data-testid="link-close" onclick={emit(&props.onclose)}>{ pick(language, "Close", "Cerrar") }</button>
                </div>
            </div>
        </div>
    }
}
