//! Files in and out of the app: the network downloaded as the versioned JSON document, as
//! a scenario of API calls, as Terraform, and the diagram as an SVG or PNG picture; and a
//! file picked or dropped on the diagram imported in place of the network.
//!
//! Import takes the one way in for files, [`crate::export::import`]: its size limit (checked
//! on the file's size before a byte is read), then the model's own restore (the same
//! validation and the same errors as the network saved in the browser) or the scenario
//! runner. A refused file changes nothing: the reducer only shows why. An accepted one
//! replaces the network as one undoable step, like "Reset to example": Ctrl+Z brings the
//! previous network back, so no question is asked first (see [`super::state::Action::Import`]).
//! A lesson file dropped on the diagram opens the lesson, as it did before import existed.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys;
use yew::UseReducerDispatcher;

use super::download;
use super::i18n::{pick, Language};
use super::picture::{self, Drawing};
use super::saving::file_size;
use super::state::{Action, AppState};
use crate::export::import::{self, ImportError, Imported, Source};
use crate::export::picture::{file_name, network_name};
use crate::export::{export, Format};
use crate::model::{lesson, Topology};

/// What the user can download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Download {
    /// The versioned JSON document (what "Import" and the CLI read back).
    Network,
    /// The API calls that rebuild the network (`vpclab run` plays them).
    Scenario,
    /// Terraform for the alicloud provider.
    Terraform,
    /// The diagram as a standalone SVG.
    Svg,
    /// The diagram as a PNG.
    Png,
}

impl Download {
    /// Every download, in the toolbar's order.
    pub const ALL: [Download; 5] = [
        Download::Network,
        Download::Scenario,
        Download::Terraform,
        Download::Svg,
        Download::Png,
    ];

    /// The button's words (short: the toolbar is narrow; the tooltip says more).
    pub fn label(self, language: Language) -> &'static str {
        match self {
            Download::Network => pick(language, "Network", "Red"),
            Download::Scenario => pick(language, "Scenario", "Escenario"),
            Download::Terraform => "Terraform",
            Download::Svg => "SVG",
            Download::Png => "PNG",
        }
    }

    /// What the button's tooltip says it gives.
    pub fn hint(self, language: Language) -> &'static str {
        match self {
            Download::Network => pick(language,
                "The whole network as a vpclab document (.json): open it again with Import",
                "Toda la red como documento de vpclab (.json): ábrelo de nuevo con Importar"),
            Download::Scenario => pick(language,
                "The API calls that rebuild this network, in order (.json: vpclab run plays them; Import too)",
                "Las llamadas a la API que reconstruyen esta red, en orden (.json: vpclab run las ejecuta; Importar también)"),
            Download::Terraform => pick(language,
                "Terraform configuration for the alicloud provider (.tf)",
                "Configuración de Terraform para el proveedor alicloud (.tf)"),
            Download::Svg => pick(language,
                "The diagram as drawn, at full detail, as a vector picture (.svg)",
                "El diagrama tal como se dibuja, con todo detalle, como imagen vectorial (.svg)"),
            Download::Png => pick(language,
                "The diagram as drawn, at full detail, as a bitmap picture (.png)",
                "El diagrama tal como se dibuja, con todo detalle, como imagen de mapa de bits (.png)"),
        }
    }

    /// The `data-testid` of its button.
    pub fn test_id(self) -> &'static str {
        match self {
            Download::Network => "download-json",
            Download::Scenario => "download-scenario",
            Download::Terraform => "download-terraform",
            Download::Svg => "download-svg",
            Download::Png => "download-png",
        }
    }

    /// The end of its file name.
    fn extension(self) -> &'static str {
        match self {
            Download::Network => "json",
            Download::Scenario => "scenario.json",
            Download::Terraform => "tf",
            Download::Svg => "svg",
            Download::Png => "png",
        }
    }
}

/// Today in the browser's time zone, as `YYYY-MM-DD`.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// The file name `download` of `topology` gets today.
pub fn download_name(topology: &Topology, download: Download) -> String {
    file_name(topology, &today(), download.extension())
}

/// Says why a download failed, in the notice bar.
fn tell_failure(dispatcher: &UseReducerDispatcher<AppState>, language: Language, why: &str) {
    dispatcher.dispatch(Action::Notify(format!(
        "{} {why}",
        pick(
            language,
            "The file could not be made:",
            "No se pudo crear el archivo:"
        )
    )));
}

/// Offers `download` of `topology` (drawn as `drawing`) as a file. Pictures are made
/// asynchronously (the drawing renders first); a failure is told in the notice bar.
pub fn offer(
    download: Download,
    topology: &Rc<Topology>,
    drawing: Drawing,
    dispatcher: &UseReducerDispatcher<AppState>,
) {
    let language = drawing.language;
    let name = download_name(topology, download);
    let text = match download {
        Download::Network => export(topology, Format::Json).map(|text| (text, download::JSON)),
        Download::Scenario => export(topology, Format::Scenario).map(|text| (text, download::JSON)),
        Download::Terraform => {
            export(topology, Format::Terraform).map(|text| (text, download::TEXT))
        }
        Download::Svg | Download::Png => {
            let dispatcher = dispatcher.clone();
            let title = format!("vpclab: {}", network_name(topology));
            yew::platform::spawn_local(async move {
                if let Err(why) =
                    offer_picture(download, &drawing, &title, &name, &dispatcher).await
                {
                    tell_failure(&dispatcher, language, &why);
                }
            });
            return;
        }
    };
    let offered = text
        .map_err(|error| error.to_string())
        .and_then(|(text, media_type)| {
            download::offer(&name, &text, media_type).map_err(|error| error.to_string())
        });
    if let Err(why) = offered {
        tell_failure(dispatcher, language, &why);
    }
}

/// Makes the SVG picture and offers it, or the PNG drawn from it.
async fn offer_picture(
    download: Download,
    drawing: &Drawing,
    title: &str,
    name: &str,
    dispatcher: &UseReducerDispatcher<AppState>,
) -> Result<(), String> {
    let svg = picture::svg(drawing, title)
        .await
        .map_err(|error| error.to_string())?;
    if download == Download::Svg {
        return download::offer(name, &svg, download::SVG).map_err(|error| error.to_string());
    }
    let size = picture::size_of(&drawing.diagram);
    let (png, scale) = picture::png(&svg, size)
        .await
        .map_err(|error| error.to_string())?;
    download::offer_blob(name, &png).map_err(|error| error.to_string())?;
    if scale < 1.0 {
        let percent = (scale * 100.0).floor();
        dispatcher.dispatch(Action::Notify(match drawing.language {
            Language::English => format!(
                "The diagram is larger than a browser can draw as one bitmap, so the PNG is at {percent}% of its size. The SVG picture keeps every detail."
            ),
            Language::Spanish => format!(
                "El diagrama es más grande de lo que un navegador puede dibujar como un solo mapa de bits, así que el PNG está al {percent} % de su tamaño. La imagen SVG conserva todo el detalle."
            ),
        }));
    }
    Ok(())
}

/// The bytes of `file`.
async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|error| {
        error.dyn_ref::<js_sys::Error>().map_or_else(
            || format!("{error:?}"),
            |error| String::from(error.message()),
        )
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// What importing `bytes` leads to: the imported network (or why not), or, for a lesson
/// file, the lesson opened.
pub fn import_action(file: String, bytes: &[u8], language: Language) -> Action {
    match import::import_bytes(bytes) {
        Err(ImportError::NotVpclab(Some(kind))) if kind == lesson::KIND => {
            let text = String::from_utf8_lossy(bytes);
            super::lesson_io::open_text(&text, None, language)
        }
        outcome => Action::Import {
            file,
            outcome: outcome.map(Box::new),
        },
    }
}

/// A callback that imports the file it is given (picked or dropped): a network document or
/// a scenario replaces the network; a lesson file opens the lesson.
pub fn importer(
    dispatcher: UseReducerDispatcher<AppState>,
    language: Language,
) -> yew::Callback<web_sys::File> {
    yew::Callback::from(move |file: web_sys::File| {
        let dispatcher = dispatcher.clone();
        let name = file.name();
        // The size first: a huge file is refused without reading it into memory.
        // A file size is a whole number of bytes far below 2^53; the cast is exact.
        let bytes = file.size() as usize;
        if bytes > import::MAX_BYTES {
            dispatcher.dispatch(Action::Import {
                file: name,
                outcome: Err(ImportError::TooLarge {
                    bytes,
                    limit: import::MAX_BYTES,
                }),
            });
            return;
        }
        yew::platform::spawn_local(async move {
            let action = match read_bytes(&file).await {
                Ok(bytes) => import_action(name, &bytes, language),
                Err(why) => Action::Notify(format!(
                    "{} “{name}”: {why}",
                    pick(language, "vpclab could not read", "vpclab no pudo leer")
                )),
            };
            dispatcher.dispatch(action);
        });
    })
}

/// Why `error` refused the file, in `language` (a clause, no capital, no full stop).
fn why_refused(language: Language, error: &ImportError) -> String {
    match (language, error) {
        (_, ImportError::TooLarge { bytes, limit }) => match language {
            Language::English => format!(
                "it has {}, more than the {} an import reads",
                file_size(*bytes, language),
                file_size(*limit, language)
            ),
            Language::Spanish => format!(
                "tiene {}, más de los {} que lee una importación",
                file_size(*bytes, language),
                file_size(*limit, language)
            ),
        },
        (Language::English, ImportError::NotText { valid_up_to }) => {
            format!("it is not a text file (byte {valid_up_to} is not UTF-8)")
        }
        (Language::Spanish, ImportError::NotText { valid_up_to }) => {
            format!("no es un archivo de texto (el byte {valid_up_to} no es UTF-8)")
        }
        (Language::English, ImportError::NotJson(message)) => {
            format!("it is not JSON ({message})")
        }
        (Language::Spanish, ImportError::NotJson(message)) => {
            format!("no es JSON ({message})")
        }
        (Language::English, ImportError::NotVpclab(Some(kind))) => format!(
            "it is a vpclab “{kind}” file; Import reads a network (“topology”) or a scenario"
        ),
        (Language::Spanish, ImportError::NotVpclab(Some(kind))) => format!(
            "es un archivo «{kind}» de vpclab; Importar lee una red («topology») o un escenario"
        ),
        (_, ImportError::NotVpclab(None)) => pick(
            language,
            "it is not a vpclab file (it has no \"vpclab\": \"topology\" or \"scenario\")",
            "no es un archivo de vpclab (no tiene \"vpclab\": \"topology\" ni \"scenario\")",
        )
        .to_owned(),
        (Language::English, ImportError::Document(error)) => {
            format!("the network in it is not valid: {error}")
        }
        (Language::Spanish, ImportError::Document(error)) => {
            format!("la red que contiene no es válida: {error}")
        }
        (Language::English, ImportError::Scenario(error)) => {
            format!("the scenario in it is not valid: {error}")
        }
        (Language::Spanish, ImportError::Scenario(error)) => {
            format!("el escenario que contiene no es válido: {error}")
        }
        (Language::English, ImportError::ScenarioFails(step)) => {
            format!("its scenario does not run: {step}")
        }
        (Language::Spanish, ImportError::ScenarioFails(step)) => {
            format!("su escenario no se ejecuta: {step}")
        }
    }
}

/// The notice after an import was refused: which file, why, and that nothing changed.
pub fn describe_refusal(language: Language, file: &str, error: &ImportError) -> String {
    let why = why_refused(language, error);
    match language {
        Language::English => {
            format!("“{file}” was not imported: {why}. Your network is unchanged.")
        }
        Language::Spanish => {
            format!("No se importó «{file}»: {why}. Tu red no ha cambiado.")
        }
    }
}

/// What an import brought in, for its notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSummary {
    /// The file's name.
    pub file: String,
    /// Whether it was a scenario (else a network document).
    pub scenario: bool,
    /// How many VPCs the network has.
    pub vpcs: usize,
    /// How many instances.
    pub instances: usize,
}

impl ImportSummary {
    /// The summary of `imported`, read from the file `file`.
    pub fn of(file: String, imported: &Imported) -> ImportSummary {
        ImportSummary {
            file,
            scenario: matches!(imported.source, Source::Scenario { .. }),
            vpcs: imported.topology.vpcs().len(),
            instances: imported.topology.instances().len(),
        }
    }

    /// The notice after the import: what came in, and how to go back.
    pub fn describe(&self, language: Language) -> String {
        let ImportSummary {
            file,
            scenario,
            vpcs,
            instances,
        } = self;
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match language {
            Language::English => {
                let built = format!(
                    "{} and {}",
                    count(*vpcs, "VPC", "VPCs"),
                    count(*instances, "instance", "instances")
                );
                let what = if *scenario {
                    format!("the scenario in “{file}”: its API calls built {built}")
                } else {
                    format!("the network in “{file}” ({built})")
                };
                format!("Imported {what}. Undo (Ctrl+Z) brings back the network you had.")
            }
            Language::Spanish => {
                let built = format!(
                    "{} y {}",
                    count(*vpcs, "VPC", "VPC"),
                    count(*instances, "instancia", "instancias")
                );
                let what = if *scenario {
                    format!("el escenario de «{file}»: sus llamadas a la API crearon {built}")
                } else {
                    format!("la red de «{file}» ({built})")
                };
                format!("Se importó {what}. Deshacer (Ctrl+Z) recupera la red que tenías.")
            }
        }
    }
}
