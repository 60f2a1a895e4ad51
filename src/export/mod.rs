//! Export and import: a topology as the versioned JSON document, as a scenario of API
//! calls that rebuilds it, and as Terraform for the alicloud provider; and the one way back
//! in from a file.
//!
//! Pure, like the model it depends on (and only on it): text in, text out, no I/O, so the
//! command line and, later, the browser app share it.
//!
//! - [`export()`] with a [`Format`]: the one entry point;
//! - [`scenario`]: the API calls that rebuild a topology, Refs between steps;
//! - [`terraform`]: `.tf` for the alicloud provider, with references between resources;
//! - [`import`]: untrusted text (a document of at most 4 MiB, or a scenario of at most
//!   1 MiB) to a topology;
//! - [`compare`]: whether two topologies are the same up to a renaming of ids;
//! - [`share`]: a whole topology in a link's fragment (`#network=1.…`), and back;
//! - [`picture`]: the diagram as a standalone SVG (the pure half) and download file names.

pub mod compare;
pub mod import;
pub mod picture;
pub mod scenario;
pub mod share;
pub mod terraform;

use crate::model::{document, Topology};

pub use scenario::ScenarioExportError;

/// What a topology can be exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// The versioned topology document (`vpclab: topology`), indented.
    Json,
    /// A scenario file (`vpclab: scenario`) that rebuilds the network.
    Scenario,
    /// Terraform configuration for the alicloud provider.
    Terraform,
}

impl Format {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [Format; 3] = [Format::Terraform, Format::Scenario, Format::Json];

    /// The format's name on the command line: `json`, `scenario` or `terraform`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Scenario => "scenario",
            Format::Terraform => "terraform",
        }
    }

    /// The format with the given name.
    ///
    /// ```
    /// use vpclab::export::Format;
    /// assert_eq!(Format::from_name("terraform"), Some(Format::Terraform));
    /// assert_eq!(Format::from_name("yaml"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.name() == name)
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json | Format::Scenario => "json",
            Format::Terraform => "tf",
        }
    }
}

/// A topology in the given format, ending with a newline.
///
/// # Errors
/// Only [`Format::Scenario`] can fail: a [`ScenarioExportError`] when no scenario rebuilds
/// the network.
///
/// ```
/// use vpclab::export::{export, Format};
/// use vpclab::model::{document, example};
/// let article = example::article_network();
/// let json = export(&article, Format::Json).unwrap();
/// assert_eq!(document::restore(&json).unwrap(), article);
/// assert!(export(&article, Format::Terraform).unwrap().contains("resource \"alicloud_vpc\" \"vpc_0001\""));
/// ```
pub fn export(topology: &Topology, format: Format) -> Result<String, ScenarioExportError> {
    match format {
        Format::Json => Ok(format!("{}\n", document::to_json_pretty(topology))),
        Format::Scenario => scenario::to_scenario(topology),
        Format::Terraform => Ok(terraform::to_terraform(topology)),
    }
}
