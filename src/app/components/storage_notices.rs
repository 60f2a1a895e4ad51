//! The notices about what is stored in the browser, each with the choices it offers, and the
//! "Recovered data" entry that keeps copies set aside reachable (download, delete).

use yew::prelude::*;

use crate::app::i18n::{pick, Language};
use crate::app::persistence::StorageChoice;
use crate::app::saving::{megabytes, StorageNotice};
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

/// What a notice says, in `language`.
pub fn message(notice: &StorageNotice, language: Language) -> String {
    let l = language;
    match notice {
        StorageNotice::PreferencesUnreadable(reason) => format!(
            "{} ({reason}); {}",
            pick(l, "Saved preferences could not be read", "No se pudieron leer las preferencias guardadas"),
            pick(l, "using defaults.", "se usan las predeterminadas."),
        ),
        StorageNotice::NetworkSetAside { problem, key } => format!(
            "{} ({}); {} \"{key}\" ({}). {}",
            pick(l, "The saved network could not be restored", "No se pudo restaurar la red guardada"),
            problem.describe(l),
            pick(l, "it was kept under", "se guardó aparte en"),
            pick(l, "see Recovered data", "ver Datos recuperados"),
            pick(l, "Showing the example network.", "Se muestra la red de ejemplo."),
        ),
        StorageNotice::NetworkGuarded { problem, error } => format!(
            "{} ({}), {} ({}). {}",
            pick(l, "The saved network could not be restored", "No se pudo restaurar la red guardada"),
            problem.describe(l),
            pick(l, "and it could not be set aside", "y no se pudo guardar aparte"),
            error.describe(l),
            pick(
                l,
                "It stays where it is, and nothing you do here is saved over it until you choose: try again once there is room, download it, or replace it with the network shown (it is downloaded first).",
                "Sigue donde está, y nada de lo que hagas aquí se guarda encima hasta que elijas: reintenta cuando haya espacio, descárgala, o reemplázala por la red mostrada (antes se descarga).",
            ),
        ),
        StorageNotice::ReadRefused(error) => format!(
            "{} ({}). {}",
            pick(l, "The saved network could not be read", "No se pudo leer la red guardada"),
            error.describe(l),
            pick(
                l,
                "Nothing you do here is saved over it until you choose. Try again, or replace it with the network shown: it cannot be read, so it cannot be downloaded first, and replacing it loses it.",
                "Nada de lo que hagas aquí se guarda encima hasta que elijas. Vuelve a intentarlo, o reemplázala por la red mostrada: no se puede leer, así que no se puede descargar antes, y al reemplazarla se pierde.",
            ),
        ),
        StorageNotice::ChangedElsewhere => pick(
            l,
            "The saved network changed in another tab. Your changes here are not saved over it: reload to work on the other tab's version (yours stays one undo away), or keep yours (the other version is downloaded first).",
            "La red guardada cambió en otra pestaña. Tus cambios aquí no se guardan encima: recarga para trabajar con la versión de la otra pestaña (la tuya queda a un deshacer), o conserva la tuya (antes se descarga la otra versión).",
        )
        .to_owned(),
        StorageNotice::NotSaved(failure) => format!(
            "{}: {}. {}",
            pick(l, "Your changes are not being saved", "Tus cambios no se están guardando"),
            failure.describe(l),
            pick(
                l,
                "They stay in this tab until you close it: download your network to keep it.",
                "Se conservan en esta pestaña hasta que la cierres: descarga tu red para conservarla.",
            ),
        ),
        StorageNotice::ChoiceFailed(reason) => format!(
            "{} ({reason}). {}",
            pick(l, "That did not work", "No funcionó"),
            pick(l, "Nothing was replaced.", "No se reemplazó nada."),
        ),
    }
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
        html! {
            <div class="notice storage-notice" role="alert" data-testid="notice" data-kind={kind(notice)}>
                <span>{ message(notice, language) }</span>
                <div class="notice-actions">{ for buttons }{ dismiss }</div>
            </div>
        }
    });
    html! {
        <>
            { for notices }
            if !props.recovered.is_empty() {
                <Recovered {language} entries={props.recovered.clone()} onchoice={props.onchoice.clone()} />
            }
        </>
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
                <span class="size">{ megabytes(entry.bytes, language) }</span>
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
