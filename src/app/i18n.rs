//! The UI's two languages, English and Spanish, and every string the UI shows.
//!
//! Strings are looked up by a typed key, so a missing translation is a compile error,
//! not a blank label.

use serde::{Deserialize, Serialize};

/// A language the UI speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Language {
    /// English.
    #[default]
    #[serde(rename = "en")]
    English,
    /// Spanish.
    #[serde(rename = "es")]
    Spanish,
}

impl Language {
    /// Both languages, in the order the switch shows them.
    pub const ALL: [Language; 2] = [Language::English, Language::Spanish];

    /// The BCP 47 tag, used for `<html lang>` and the switch.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
        }
    }

    /// Picks the language from a browser language tag such as `es-AR`; English otherwise.
    pub fn from_browser_tag(tag: &str) -> Language {
        if tag.to_ascii_lowercase().starts_with("es") {
            Language::Spanish
        } else {
            Language::English
        }
    }
}

/// A string the UI shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs, reason = "each variant names its own text")]
pub enum Text {
    Tagline,
    LanguageLabel,
    Toolbar,
    Diagram,
    Properties,
    NothingSelected,
    NothingSelectedHint,
    Saved,
    NotSaved,
    ApiLog,
    ApiLogEmpty,
    ZoomIn,
    ZoomOut,
    FitToScreen,
}

/// The text for `key` in `language`.
pub fn text(language: Language, key: Text) -> &'static str {
    use Language::{English as En, Spanish as Es};
    match (key, language) {
        (Text::Tagline, En) => "Alibaba Cloud VPC lab",
        (Text::Tagline, Es) => "Laboratorio de VPC de Alibaba Cloud",
        (Text::LanguageLabel, En) => "Language",
        (Text::LanguageLabel, Es) => "Idioma",
        (Text::Toolbar, En) => "Tools",
        (Text::Toolbar, Es) => "Herramientas",
        (Text::Diagram, En) => "Network diagram",
        (Text::Diagram, Es) => "Diagrama de red",
        (Text::Properties, En) => "Properties",
        (Text::Properties, Es) => "Propiedades",
        (Text::NothingSelected, En) => "Nothing selected",
        (Text::NothingSelected, Es) => "Nada seleccionado",
        (Text::NothingSelectedHint, En) => "Click an element of the diagram to see its properties.",
        (Text::NothingSelectedHint, Es) => {
            "Haz clic en un elemento del diagrama para ver sus propiedades."
        }
        (Text::Saved, En) => "Saved",
        (Text::Saved, Es) => "Guardado",
        (Text::NotSaved, En) => "Not saved",
        (Text::NotSaved, Es) => "Sin guardar",
        (Text::ApiLog, En) => "API calls",
        (Text::ApiLog, Es) => "Llamadas a la API",
        (Text::ApiLogEmpty, En) => "Actions you take appear here as Alibaba Cloud API calls.",
        (Text::ApiLogEmpty, Es) => {
            "Las acciones que realices aparecen aquí como llamadas a la API de Alibaba Cloud."
        }
        (Text::ZoomIn, En) => "Zoom in",
        (Text::ZoomIn, Es) => "Acercar",
        (Text::ZoomOut, En) => "Zoom out",
        (Text::ZoomOut, Es) => "Alejar",
        (Text::FitToScreen, En) => "Fit to screen",
        (Text::FitToScreen, Es) => "Ajustar a la pantalla",
    }
}
