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
                { pick(language, "🔗 Copy link", "🔗 Copiar enlace") }</button>
            <label class="import-file" title={pick(language,
                "Open a network (.json) or a scenario in place of this one; Undo brings this one back. You can also drop the file on the diagram.",
                "Abre una red (.json) o un escenario en lugar de esta; Deshacer la recupera. También puedes soltar el archivo sobre el diagrama.")}>
                { pick(language, "📂 Import a file…", "📂 Importar un archivo…") }
                <input type="file" accept=".json,application/json" data-testid="import-file" {onchange} />
            </label>
            <p class="downloads-title">{ pick(language, "Download", "Descargar") }</p>
            <div class="downloads" role="group" aria-label={pick(language, "Download", "Descargar")}>
                { for downloads }
            </div>
        </>
    }
}
