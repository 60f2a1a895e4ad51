//! The toolbar's "Share and files" group: share the network by link (and, as they land,
//! the downloads and the import).

use yew::prelude::*;

use crate::app::i18n::{pick, Language};

/// Props of [`FileTools`].
#[derive(Properties, PartialEq)]
pub struct FileToolsProps {
    /// The UI language.
    pub language: Language,
    /// "Copy link".
    pub onshare: Callback<()>,
}

/// The "Share and files" buttons.
#[component]
pub fn FileTools(props: &FileToolsProps) -> Html {
    let language = props.language;
    let onshare = props.onshare.clone();
    html! {
        <>
            <h2>{ pick(language, "Share and files", "Compartir y archivos") }</h2>
            <button data-testid="copy-link" onclick={Callback::from(move |_: MouseEvent| onshare.emit(()))}>
                { pick(language, "🔗 Copy link", "🔗 Copiar enlace") }</button>
        </>
    }
}
