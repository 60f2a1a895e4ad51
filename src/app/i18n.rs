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

/// The human title of an API action, for buttons and form headings.
pub fn action_title(language: Language, action: &str) -> &'static str {
    let (english, spanish) = match action {
        "CreateVpc" => ("VPC", "VPC"),
        "AssociateVpcCidrBlock" => ("Secondary CIDR block", "Bloque CIDR secundario"),
        "CreateVSwitch" => ("VSwitch", "VSwitch"),
        "RunInstances" => ("ECS instance", "Instancia ECS"),
        "ModifyInstanceNetworkSpec" => ("Change bandwidth", "Cambiar ancho de banda"),
        "AllocateEipAddress" => ("Elastic IP", "IP elástica"),
        "AssociateEipAddress" => ("Associate EIP", "Asociar EIP"),
        "CreateSecurityGroup" => ("Security group", "Grupo de seguridad"),
        "AuthorizeSecurityGroup" => ("Inbound rule", "Regla de entrada"),
        "ModifySecurityGroupPolicy" => ("Internal access policy", "Política de acceso interno"),
        "CreateRouteEntry" => ("Route entry", "Entrada de ruta"),
        "CreateNatGateway" => ("NAT Gateway", "NAT Gateway"),
        "CreateSnatEntry" => ("SNAT entry", "Entrada SNAT"),
        "CreateForwardEntry" => ("DNAT entry", "Entrada DNAT"),
        "CreateVpnGateway" => ("VPN Gateway", "VPN Gateway"),
        "CreateDataCenter" => ("Data centre", "Centro de datos"),
        "CreateCustomerGateway" => ("Customer gateway", "Gateway de cliente"),
        "CreateVpnConnection" => ("IPsec connection", "Conexión IPsec"),
        "CreateVirtualBorderRouter" => ("Express Connect VBR", "VBR de Express Connect"),
        "CreateLoadBalancer" => ("CLB load balancer", "Balanceador CLB"),
        "AddBackendServers" => ("Add back-end servers", "Añadir servidores"),
        "CreateDBInstance" => ("RDS instance", "Instancia RDS"),
        _ => ("Action", "Acción"),
    };
    match language {
        Language::English => english,
        Language::Spanish => spanish,
    }
}

/// A phrase in both languages, for the many one-off labels of the editor.
pub fn pick(language: Language, english: &'static str, spanish: &'static str) -> &'static str {
    match language {
        Language::English => english,
        Language::Spanish => spanish,
    }
}
