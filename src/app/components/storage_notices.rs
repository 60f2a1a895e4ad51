//! The notices about what is stored in the browser, each with the choices it offers, and the
//! "Recovered data" entry that keeps copies set aside reachable (download, delete).

use yew::prelude::*;

use crate::app::i18n::{pick, Language};
use crate::app::persistence::StorageChoice;
use crate::app::saving::{file_size, OpenProblem, StorageNotice};
use crate::app::storage::RescuedEntry;

/// Props of [`StorageNotices`].
#[derive(Properties, PartialEq)]
pub struct StorageNoticesProps {
    /// The UI language.
    pub language: Language,
    /// The notices to show, oldest first.
    pub notices: Vec<StorageNotice>,
    /// The copies of unreadable networks set aside.
    pub recovered: Vec<RescuedEntry>,
    /// Called with what the user chose.
    pub onchoice: Callback<StorageChoice>,
}

/// What a notice says: a headline, what happens now and what the user can do, and the
/// technical details (the browser's or the model's own words), if any.
pub struct Wording {
    /// The first, bold sentence.
    pub headline: String,
    /// What happens now, and the choices.
    pub body: String,
    /// The browser's or the model's words, shown folded.
    pub detail: Option<String>,
}

/// How a stored network that could not be opened is announced.
fn open_headline(problem: &OpenProblem, l: Language) -> String {
    match problem {
        OpenProblem::TooLarge { bytes } => format!(
            "{} ({}; {})",
            pick(
                l,
                "The saved network is too large to open",
                "La red guardada es demasiado grande para abrirla"
            ),
            file_size(*bytes, l),
            pick(l, "vpclab opens up to 2 MB", "vpclab abre hasta 2 MB"),
        ),
        OpenProblem::Unreadable(_) => pick(
            l,
            "The saved network could not be restored",
            "No se pudo restaurar la red guardada",
        )
        .to_owned(),
    }
}

/// The model's words about a stored network it could not read.
fn open_detail(problem: &OpenProblem) -> Option<String> {
    match problem {
        OpenProblem::TooLarge { .. } => None,
        OpenProblem::Unreadable(error) => Some(error.to_string()),
    }
}

/// Joins what is there of two details.
fn both(first: Option<String>, second: Option<String>) -> Option<String> {
    match (first, second) {
        (Some(first), Some(second)) => Some(format!("{first} — {second}")),
        (first, second) => first.or(second),
    }
}

/// What `notice` says, in `language`.
pub fn wording(notice: &StorageNotice, language: Language) -> Wording {
    let l = language;
    let (headline, body, detail) = match notice {
        StorageNotice::PreferencesUnreadable(reason) => (
            pick(
                l,
                "Your saved preferences could not be read; the defaults are used.",
                "No se pudieron leer tus preferencias guardadas; se usan las predeterminadas.",
            )
            .to_owned(),
            String::new(),
            Some(reason.clone()),
        ),
        StorageNotice::NetworkSetAside { problem, key } => (
            format!("{}.", open_headline(problem, l)),
            format!(
                "{} \"{key}\"{}",
                pick(
                    l,
                    "It was kept under Recovered data as",
                    "Se guardó aparte en Datos recuperados como"
                ),
                pick(
                    l,
                    ", and the example network is shown.",
                    ", y se muestra la red de ejemplo."
                ),
            ),
            open_detail(problem),
        ),
        StorageNotice::NetworkGuarded { problem, error } => (
            format!(
                "{}, {}: {}.",
                open_headline(problem, l),
                pick(l, "and it could not be set aside", "y no se pudo guardar aparte"),
                error.describe(l),
            ),
            pick(
                l,
                "It stays where it is, and nothing is saved over it until you choose: try again once there is room, download it, or replace it with the network shown (it is downloaded first).",
                "Sigue donde está, y no se guarda nada encima hasta que elijas: reintenta cuando haya espacio, descárgala, o reemplázala por la red mostrada (antes se descarga).",
            )
            .to_owned(),
            both(open_detail(problem), error.detail()),
        ),
        StorageNotice::ReadRefused(error) => (
            pick(
                l,
                "The browser refused to read the saved network.",
                "El navegador se negó a leer la red guardada.",
            )
            .to_owned(),
            pick(
                l,
                "Nothing is saved over it until you choose: try again, or replace it with the network shown. It cannot be read, so it cannot be downloaded first: replacing it loses it.",
                "No se guarda nada encima hasta que elijas: reintenta, o reemplázala por la red mostrada. No se puede leer, así que no se puede descargar antes: al reemplazarla se pierde.",
            )
            .to_owned(),
            error.detail(),
        ),
        StorageNotice::ChangedElsewhere => (
            pick(
                l,
                "The saved network changed in another tab.",
                "La red guardada cambió en otra pestaña.",
            )
            .to_owned(),
            pick(
                l,
                "Your changes here are not saved over it. Reload to work on the other tab's version (yours stays one undo away), or keep yours (the other version is downloaded first).",
                "Tus cambios aquí no se guardan encima. Recarga para trabajar con la versión de la otra pestaña (la tuya queda a un deshacer), o conserva la tuya (antes se descarga la otra versión).",
            )
            .to_owned(),
            None,
        ),
        StorageNotice::NotSaved(failure) => (
            format!(
                "{}: {}.",
                pick(
                    l,
                    "Your changes are not being saved",
                    "Tus cambios no se están guardando"
                ),
                failure.describe(l),
            ),
            pick(
                l,
                "They stay in this tab until you close it: download your network to keep it.",
                "Se conservan en esta pestaña hasta que la cierres: descarga tu red para conservarla.",
            )
            .to_owned(),
            failure.detail(),
        ),
        StorageNotice::ChoiceFailed(reason) => (
            pick(
                l,
                "That did not work, and nothing was replaced.",
                "No funcionó, y no se reemplazó nada.",
            )
            .to_owned(),
            String::new(),
            Some(reason.clone()),
        ),
    };
    Wording {
        headline,
        body,
        detail,
    }
}

/// Everything a notice says, as one text (for logs and tests).
pub fn message(notice: &StorageNotice, language: Language) -> String {
    let Wording {
        headline,
        body,
        detail,
    } = wording(notice, language);
    let mut text = headline;
    for part in [Some(body), detail].into_iter().flatten() {
        if !part.is_empty() {
            text.push(' ');
            text.push_str(&part);
        }
    }
    text
}

/// The buttons a notice offers: (label, test id, choice).
fn choices(
    notice: &StorageNotice,
    language: Language,
) -> Vec<(&'static str, &'static str, StorageChoice)> {
    let l = language;
    let download_mine = (
        pick(l, "Download my network", "Descargar mi red"),
        "download-mine",
        StorageChoice::DownloadMine,
    );
    match notice {
        StorageNotice::NetworkGuarded { .. } => vec![
            (
                pick(l, "Try again", "Reintentar"),
                "reload",
                StorageChoice::Reload,
            ),
            (
                pick(
                    l,
                    "Download the saved data",
                    "Descargar los datos guardados",
                ),
                "download-stored",
                StorageChoice::DownloadStored,
            ),
            (
                pick(l, "Replace the saved network", "Reemplazar la red guardada"),
                "replace-stored",
                StorageChoice::ReplaceStored { even_unread: false },
            ),
        ],
        StorageNotice::ReadRefused(_) => vec![
            (
                pick(l, "Try again", "Reintentar"),
                "reload",
                StorageChoice::Reload,
            ),
            download_mine,
            (
                pick(l, "Replace the saved network", "Reemplazar la red guardada"),
                "replace-stored",
                StorageChoice::ReplaceStored { even_unread: true },
            ),
        ],
        StorageNotice::ChangedElsewhere => vec![
            (
                pick(l, "Reload", "Recargar"),
                "reload",
                StorageChoice::Reload,
            ),
            (
                pick(l, "Keep mine", "Conservar la mía"),
                "keep-mine",
                StorageChoice::KeepMine,
            ),
        ],
        StorageNotice::NotSaved(_) => vec![download_mine],
        StorageNotice::PreferencesUnreadable(_)
        | StorageNotice::NetworkSetAside { .. }
        | StorageNotice::ChoiceFailed(_) => Vec::new(),
    }
}

/// A machine-readable name of a notice's kind, for tests and styles.
fn kind(notice: &StorageNotice) -> &'static str {
    match notice {
        StorageNotice::PreferencesUnreadable(_) => "preferences-unreadable",
        StorageNotice::NetworkSetAside { .. } => "set-aside",
        StorageNotice::NetworkGuarded { .. } => "guarded",
        StorageNotice::ReadRefused(_) => "read-refused",
        StorageNotice::ChangedElsewhere => "changed-elsewhere",
        StorageNotice::NotSaved(_) => "not-saved",
        StorageNotice::ChoiceFailed(_) => "choice-failed",
    }
}

/// The storage notices and the "Recovered data" entry.
#[component]
pub fn StorageNotices(props: &StorageNoticesProps) -> Html {
    let language = props.language;
    let notices = props.notices.iter().enumerate().map(|(index, notice)| {
        let buttons = choices(notice, language).into_iter().map(|(label, test_id, choice)| {
            let onchoice = props.onchoice.clone();
            html! {
                <button data-testid={test_id} onclick={Callback::from(move |_: MouseEvent| onchoice.emit(choice.clone()))}>
                    { label }
                </button>
            }
        });
        let dismiss = notice.dismissible().then(|| {
            let onchoice = props.onchoice.clone();
            html! {
                <button class="dismiss" aria-label={pick(language, "Dismiss", "Cerrar")}
                    onclick={Callback::from(move |_: MouseEvent| onchoice.emit(StorageChoice::Dismiss(index)))}>{ "×" }</button>
            }
        });
        let Wording { headline, body, detail } = wording(notice, language);
        html! {
            <div class="notice storage-notice" role="alert" data-testid="notice" data-kind={kind(notice)}>
                <div class="notice-text">
                    <strong>{ headline }</strong>
                    if !body.is_empty() { { " " }{ body } }
                    if let Some(detail) = detail {
                        <details class="notice-detail">
                            <summary>{ pick(language, "Details", "Detalles") }</summary>
                            <code>{ detail }</code>
                        </details>
                    }
                </div>
                <div class="notice-actions">{ for buttons }{ dismiss }</div>
            </div>
        }
    });
    if props.notices.is_empty() && props.recovered.is_empty() {
        return Html::default();
    }
    html! {
        // One scrolling box, so that in a small embedded frame the notices never push the
        // diagram off the screen.
        <div class="storage-notices">
            { for notices }
            if !props.recovered.is_empty() {
                <Recovered {language} entries={props.recovered.clone()} onchoice={props.onchoice.clone()} />
            }
        </div>
    }
}

/// Props of [`Recovered`].
#[derive(Properties, PartialEq)]
struct RecoveredProps {
    language: Language,
    entries: Vec<RescuedEntry>,
    onchoice: Callback<StorageChoice>,
}

/// "Recovered data": every copy set aside, to download or delete (delete asks once more).
#[component]
fn Recovered(props: &RecoveredProps) -> Html {
    let language = props.language;
    // Which entry's deletion waits for a second click: a view choice, not app state.
    let confirming = use_state(|| None::<String>);
    let rows = props.entries.iter().map(|entry| {
        let key = entry.key.clone();
        let choose = |choice: StorageChoice| {
            let onchoice = props.onchoice.clone();
            let confirming = confirming.clone();
            Callback::from(move |_: MouseEvent| {
                confirming.set(None);
                onchoice.emit(choice.clone());
            })
        };
        let ask = {
            let confirming = confirming.clone();
            let key = key.clone();
            Callback::from(move |_: MouseEvent| confirming.set(Some(key.clone())))
        };
        let keep = {
            let confirming = confirming.clone();
            Callback::from(move |_: MouseEvent| confirming.set(None))
        };
        let deleting = confirming.as_deref() == Some(key.as_str());
        html! {
            <li data-key={key.clone()}>
                <code>{ key.clone() }</code>
                <span class="size">{ file_size(entry.bytes, language) }</span>
                <button data-testid="download-recovered" onclick={choose(StorageChoice::DownloadRecovered(key.clone()))}>
                    { pick(language, "Download", "Descargar") }</button>
                if deleting {
                    <span class="confirm-delete">{ pick(language, "Delete it for good?", "¿Eliminarla para siempre?") }</span>
                    <button class="danger" data-testid="delete-recovered-confirm" onclick={choose(StorageChoice::DeleteRecovered(key.clone()))}>
                        { pick(language, "Delete", "Eliminar") }</button>
                    <button onclick={keep}>{ pick(language, "Keep", "Conservar") }</button>
                } else {
                    <button data-testid="delete-recovered" onclick={ask}>{ pick(language, "Delete…", "Eliminar…") }</button>
                }
            </li>
        }
    });
    html! {
        <details class="recovered" data-testid="recovered">
            <summary>{ format!("{} ({})", pick(language, "Recovered data", "Datos recuperados"), props.entries.len()) }</summary>
            <p>{ pick(language,
                "Saved networks this browser held but vpclab could not open were set aside here, never deleted. Download one to keep it or to send it to someone who can repair it.",
                "Las redes guardadas que este navegador tenía pero vpclab no pudo abrir se apartaron aquí, sin borrarlas. Descarga una para conservarla o para enviarla a quien pueda repararla.") }</p>
            <ul>{ for rows }</ul>
        </details>
    }
}
