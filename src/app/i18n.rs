//! The UI's two languages, English and Spanish, and every string the UI shows.
//!
//! Strings are looked up by a typed key, so a missing translation is a compile error,
//! not a blank label.

use serde::{Deserialize, Serialize};

use crate::model::ActionKind;

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

    /// The language a page address asks for with `lang=en` or `lang=es` in its query
    /// (`?lang=es&embed=1`), as tutorial pages link to the app; `None` when it names none or
    /// another language.
    ///
    /// ```
    /// use vpclab::app::i18n::Language;
    /// assert_eq!(Language::from_query("?embed=1&lang=es"), Some(Language::Spanish));
    /// assert_eq!(Language::from_query("?lang=EN"), Some(Language::English));
    /// assert_eq!(Language::from_query("?lang=fr"), None);
    /// assert_eq!(Language::from_query(""), None);
    /// ```
    pub fn from_query(query: &str) -> Option<Language> {
        Self::query_language(query)
    }

    /// The model's name for this language, to pick a lesson's texts.
    pub fn lesson(self) -> crate::model::lesson::Language {
        match self {
            Language::English => crate::model::lesson::Language::English,
            Language::Spanish => crate::model::lesson::Language::Spanish,
        }
    }

    fn query_language(query: &str) -> Option<Language> {
        let value = query
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("lang="))?;
        match value.to_ascii_lowercase().as_str() {
            "en" => Some(Language::English),
            "es" => Some(Language::Spanish),
            _ => None,
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
    ApiLogDropped,
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
        (Text::ApiLogDropped, En) => "earlier calls are no longer kept",
        (Text::ApiLogDropped, Es) => "llamadas anteriores ya no se conservan",
    }
}

/// The human title of an API action, for buttons and form headings. Every action has one
/// in both languages: a new [`ActionKind`] does not compile until it is named here.
pub fn action_title(language: Language, action: ActionKind) -> &'static str {
    use ActionKind as A;
    let (english, spanish) = match action {
        A::CreateVpc => ("VPC", "VPC"),
        A::DeleteVpc => ("Delete VPC", "Eliminar VPC"),
        A::AssociateVpcCidrBlock => ("Secondary CIDR block", "Bloque CIDR secundario"),
        A::CreateVSwitch => ("VSwitch", "VSwitch"),
        A::DeleteVSwitch => ("Delete VSwitch", "Eliminar VSwitch"),
        A::RunInstances => ("ECS instance", "Instancia ECS"),
        A::DeleteInstance => ("Release ECS instance", "Liberar instancia ECS"),
        A::ModifyInstanceNetworkSpec => ("Change bandwidth", "Cambiar ancho de banda"),
        A::ConvertNatPublicIpToEip => {
            ("Convert NatPublicIP to EIP", "Convertir NatPublicIP en EIP")
        }
        A::AllocateEipAddress => ("Elastic IP", "IP elástica"),
        A::AssociateEipAddress => ("Associate EIP", "Asociar EIP"),
        A::UnassociateEipAddress => ("Unassociate EIP", "Desasociar EIP"),
        A::ReleaseEipAddress => ("Release EIP", "Liberar EIP"),
        A::CreateRouteEntry => ("Route entry", "Entrada de ruta"),
        A::DeleteRouteEntry => ("Delete route entry", "Eliminar entrada de ruta"),
        A::CreateSecurityGroup => ("Security group", "Grupo de seguridad"),
        A::DeleteSecurityGroup => ("Delete security group", "Eliminar grupo de seguridad"),
        A::ModifySecurityGroupPolicy => ("Internal access policy", "Política de acceso interno"),
        A::AuthorizeSecurityGroup => ("Inbound rule", "Regla de entrada"),
        A::RevokeSecurityGroup => ("Revoke inbound rule", "Revocar regla de entrada"),
        A::AuthorizeSecurityGroupEgress => ("Outbound rule", "Regla de salida"),
        A::RevokeSecurityGroupEgress => ("Revoke outbound rule", "Revocar regla de salida"),
        A::CreateNatGateway => ("NAT Gateway", "NAT Gateway"),
        A::DeleteNatGateway => ("Delete NAT Gateway", "Eliminar NAT Gateway"),
        A::CreateSnatEntry => ("SNAT entry", "Entrada SNAT"),
        A::CreateForwardEntry => ("DNAT entry", "Entrada DNAT"),
        A::CreateVpnGateway => ("VPN Gateway", "VPN Gateway"),
        A::DeleteVpnGateway => ("Delete VPN Gateway", "Eliminar VPN Gateway"),
        A::CreateCustomerGateway => ("Customer gateway", "Gateway de cliente"),
        A::DeleteCustomerGateway => ("Delete customer gateway", "Eliminar gateway de cliente"),
        A::CreateVpnConnection => ("IPsec connection", "Conexión IPsec"),
        A::DeleteVpnConnection => ("Delete IPsec connection", "Eliminar conexión IPsec"),
        A::CreateVirtualBorderRouter => ("Express Connect VBR", "VBR de Express Connect"),
        A::DeleteVirtualBorderRouter => ("Delete VBR", "Eliminar VBR"),
        A::CreateDataCenter => ("Data centre", "Centro de datos"),
        A::DeleteDataCenter => ("Delete data centre", "Eliminar centro de datos"),
        A::CreateLoadBalancer => ("CLB load balancer", "Balanceador CLB"),
        A::DeleteLoadBalancer => ("Delete CLB", "Eliminar CLB"),
        A::AddBackendServers => ("Add back-end servers", "Añadir servidores"),
        A::CreateDBInstance => ("RDS instance", "Instancia RDS"),
        A::DeleteDBInstance => ("Delete RDS instance", "Eliminar instancia RDS"),
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
