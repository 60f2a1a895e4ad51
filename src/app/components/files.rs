//! The toolbar's "Share and files" group: share the network by link, import a file in its
//! place, and download it (JSON document, scenario, Terraform) or its picture (SVG, PNG).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::files::Download;
use crate::app::i18n::{pick, Language};

/// Props of [`FileTools`].
#[derive(Properties, PartialEq)]
pub struct FileToolsProps {
    /// The UI language.
    pub language: Language,
    /// "Copy link".
    pub onshare: Callback<()>,
    /// A download button.
    #[prop_or_default]
    pub ondownload: Callback<Download>,
    /// The file picked to import.
    #[prop_or_default]
    pub onimport: Callback<web_sys::File>,
}

/// The `change` handler of a file input: hands the picked file to `onfile`, then clears
/// the input so that the same file picked again (after fixing it) fires `change` again.
pub fn picked_file(onfile: Callback<web_sys::File>) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let input = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                onfile.emit(file);
            }
            input.set_value("");
        }
    })
}

/// The "Share and files" buttons.
#[component]
pub fn FileTools(props: &FileToolsProps) -> Html {
    let language = props.language;
    let onshare = props.onshare.clone();
    let onchange = picked_file(props.onimport.clone());
    let downloads = Download::ALL.iter().map(|&download| {
        let ondownload = props.ondownload.clone();
        html! {
            <button class={classes!("download", (download == Download::Terraform).then_some("wide"))} data-testid={download.test_id()} title={download.hint(language)}
                onclick={Callback::from(move |_: MouseEvent| ondownload.emit(download))}>
                { download.label(language) }</button>
        }
    });
    html! {
        <>
            <h2>{ pick(language, "Share and files", "Compartir y archivos") }</h2>
            <button data-testid="copy-link" onclick={Callback::from(move |_: MouseEvent| onshare.emit(()))}>
                { link_icon() }{ pick(language, "Copy link", "Copiar enlace") }</button>
            <label class="import-file" title={pick(language,
                "Open a network (.json) or a scenario in place of this one; Undo brings this one back. You can also drop the file on the diagram.",
                "Abre una red (.json) o un escenario en lugar de esta; Deshacer la recupera. También puedes soltar el archivo sobre el diagrama.")}>
                { folder_icon() }{ pick(language, "Import a file…", "Importar un archivo…") }
                <input type="file" accept=".json,application/json" data-testid="import-file" {onchange} />
            </label>
            <p class="downloads-title">{ pick(language, "Download", "Descargar") }</p>
            <div class="downloads" role="group" aria-label={pick(language, "Download", "Descargar")}>
                { for downloads }
            </div>
        </>
    }
}

// The two icons are drawn, not emoji: a classroom machine without an emoji font showed
// the emoji as empty boxes. Decorative: the buttons' words say what they do.

/// A chain link, before "Copy link".
fn link_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 0 1 3.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 0 1-3.5-3.5L5.5 8" />
        </svg>
    }
}

/// A folder, before "Import a file…".
fn folder_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M1.5 3.5h4.5l1.5 1.5h7v8h-13z" />
        </svg>
    }
}
