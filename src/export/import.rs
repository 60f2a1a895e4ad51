//! Import: untrusted text (a file picked, dropped or named on the command line) becomes a
//! topology, by the same roads as everything else: a topology document goes through
//! [`document::restore`], a scenario through [`scenario::parse`] and [`scenario::run`].
//!
//! The text is refused before anything is parsed when it is over [`MAX_BYTES`]; which of
//! the two it is comes from its `"vpclab"` tag (`"topology"` or `"scenario"`). Every
//! refusal is a typed [`ImportError`] saying what is wrong, with the restore or parse
//! error of the document's own kind.

use std::fmt;

use serde_json::Value;

use crate::model::document::{self, LoadError};
use crate::model::limits;
use crate::model::scenario::{self, ParseError, StepReport};
use crate::model::Topology;

/// The largest file import reads: 4 MiB, the limit of a network document
/// ([`limits::DOCUMENT_BYTES`]), so whatever the app saves (2 MiB of compact JSON) or exports
/// (the same network as indented JSON, about half as large again) reads back in. A scenario
/// is further held to its own limit by its parser ([`limits::SCENARIO_BYTES`], 1 MiB).
pub const MAX_BYTES: usize = limits::DOCUMENT_BYTES;

/// What the imported text was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A topology document.
    Document,
    /// A scenario, run from an empty network under its rules.
    Scenario {
        /// The scenario's title (may be empty).
        title: String,
    },
}

/// An imported network and what it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The network.
    pub topology: Topology,
    /// What the text was.
    pub source: Source,
}

/// Why a text cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The text is over the size limit.
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
        /// The limit, [`MAX_BYTES`].
        limit: usize,
    },
    /// The bytes are not UTF-8 text.
    NotText {
        /// How many bytes from the start are valid UTF-8.
        valid_up_to: usize,
    },
    /// The text is not JSON (serde's message, with line and column).
    NotJson(String),
    /// The JSON is not a vpclab file: no `"vpclab"` tag, or one naming another kind.
    NotVpclab(Option<String>),
    /// A topology document that does not restore.
    Document(LoadError),
    /// A scenario file that is not a valid scenario.
    Scenario(ParseError),
    /// A scenario whose step does not do what the scenario expects.
    ScenarioFails(Box<StepReport>),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes, limit } => write!(
                f,
                "the file has {bytes} bytes, more than the {limit} bytes ({} MiB) an import reads",
                limit >> 20
            ),
            ImportError::NotText { valid_up_to } => write!(
                f,
                "the file is not UTF-8 text (byte {valid_up_to} is the first that is not)"
            ),
            ImportError::NotJson(message) => write!(f, "not JSON: {message}"),
            ImportError::NotVpclab(Some(kind)) => write!(
                f,
                "\"vpclab\" is \"{kind}\": expected \"topology\" or \"scenario\""
            ),
            ImportError::NotVpclab(None) => write!(
                f,
                "not a vpclab file: no \"vpclab\": \"topology\" or \"vpclab\": \"scenario\""
            ),
            ImportError::Document(error) => write!(f, "topology document: {error}"),
            ImportError::Scenario(error) => write!(f, "scenario: {error}"),
            ImportError::ScenarioFails(step) => write!(f, "scenario: {step}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports bytes read from a file: checks the size before anything else, then that they
/// are UTF-8, then imports the text.
///
/// # Errors
/// [`ImportError::TooLarge`], [`ImportError::NotText`], or an error of [`import`].
pub fn import_bytes(bytes: &[u8]) -> Result<Imported, ImportError> {
    check_size(bytes.len())?;
    let text = std::str::from_utf8(bytes).map_err(|error| ImportError::NotText {
        valid_up_to: error.valid_up_to(),
    })?;
    import(text)
}

fn check_size(bytes: usize) -> Result<(), ImportError> {
    if bytes > MAX_BYTES {
        return Err(ImportError::TooLarge {
            bytes,
            limit: MAX_BYTES,
        });
    }
    Ok(())
}

/// Imports a topology document or a scenario file. A leading byte-order mark is ignored.
///
/// # Errors
/// An [`ImportError`]: too large, not JSON, not a vpclab file, a document that does not
/// restore, a scenario that does not parse or whose step fails.
///
/// ```
/// use vpclab::export::import::{import, ImportError, Source};
/// use vpclab::model::{document, example};
/// let article = example::article_network();
/// let imported = import(&document::to_json(&article)).unwrap();
/// assert_eq!((imported.topology, imported.source), (article, Source::Document));
///
/// let scenario = example::ARTICLE_SCENARIO;
/// assert!(matches!(import(scenario).unwrap().source, Source::Scenario { .. }));
/// assert_eq!(import(r#"{"vpclab":"lesson"}"#), Err(ImportError::NotVpclab(Some("lesson".into()))));
/// ```
pub fn import(text: &str) -> Result<Imported, ImportError> {
    check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value =
        serde_json::from_str(text).map_err(|error| ImportError::NotJson(error.to_string()))?;
    match value.get("vpclab") {
        Some(Value::String(kind)) if kind == document::KIND => {
            let topology = document::restore(text).map_err(ImportError::Document)?;
            Ok(Imported {
                topology,
                source: Source::Document,
            })
        }
        Some(Value::String(kind)) if kind == scenario::KIND => {
            let parsed = scenario::parse(text).map_err(ImportError::Scenario)?;
            let report = scenario::run(&parsed);
            if let Some(step) = report.first_failure() {
                return Err(ImportError::ScenarioFails(Box::new(step.clone())));
            }
            Ok(Imported {
                topology: report.topology,
                source: Source::Scenario {
                    title: parsed.title,
                },
            })
        }
        Some(Value::String(kind)) => Err(ImportError::NotVpclab(Some(kind.clone()))),
        _ => Err(ImportError::NotVpclab(None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::example;

    #[test]
    fn the_largest_network_the_app_saves_reads_back_from_its_json_export() {
        // About the most the app saves: 2 MiB of compact JSON (`app::saving::DOCUMENT_LIMIT`).
        let network = example::large_network(12_500);
        assert!(document::to_json(&network).len() <= 2 << 20);
        let exported = crate::export::export(&network, crate::export::Format::Json)
            .expect("JSON export cannot fail");
        assert!(exported.len() > 2 << 20, "{} bytes", exported.len());
        let imported = import(&exported).expect("the export reads back");
        assert_eq!(imported.topology, network);
        assert_eq!(imported.source, Source::Document);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let padding = " ".repeat(MAX_BYTES);
        let text = format!(
            "{}{padding}",
            document::to_json(&example::article_network())
        );
        assert_eq!(
            import(&text),
            Err(ImportError::TooLarge {
                bytes: text.len(),
                limit: MAX_BYTES
            })
        );
        assert!(matches!(
            import_bytes(text.as_bytes()),
            Err(ImportError::TooLarge { .. })
        ));
        // Exactly at the limit is still read (and found to be a valid document).
        let exact = format!(
            "{}{}",
            document::to_json(&example::article_network()),
            " ".repeat(MAX_BYTES - document::to_json(&example::article_network()).len())
        );
        assert_eq!(exact.len(), MAX_BYTES);
        assert!(import(&exact).is_ok());
    }

    #[test]
    fn bytes_that_are_not_text_are_refused_with_the_position() {
        let mut bytes = br#"{"vpclab":"topology"}"#.to_vec();
        bytes.insert(5, 0xff);
        assert_eq!(
            import_bytes(&bytes),
            Err(ImportError::NotText { valid_up_to: 5 })
        );
    }

    #[test]
    fn each_kind_of_bad_file_has_its_own_error() {
        assert!(matches!(import(""), Err(ImportError::NotJson(_))));
        assert!(matches!(import("vpclab"), Err(ImportError::NotJson(_))));
        assert_eq!(import("[1, 2]"), Err(ImportError::NotVpclab(None)));
        assert_eq!(
            import(r#"{"vpclab": 3}"#),
            Err(ImportError::NotVpclab(None))
        );
        assert!(matches!(
            import(r#"{"vpclab":"topology","version":1,"rules":"1999"}"#),
            Err(ImportError::Document(LoadError::Shape(_)))
        ));
        assert!(matches!(
            import(r#"{"vpclab":"topology","version":9,"rules":"2020"}"#),
            Err(ImportError::Document(LoadError::FutureVersion { .. }))
        ));
        let error = import(r#"{"vpclab":"scenario","version":1,"steps":[{"Action":"Fly"}]}"#)
            .expect_err("unknown action");
        assert_eq!(
            error.to_string(),
            "scenario: steps[0].Action: unknown action \"Fly\""
        );
        let failing = r#"{"vpclab":"scenario","version":1,"rules":"current","steps":[
            {"Action":"CreateVpc","RegionId":"ap-south-1"}]}"#;
        match import(failing) {
            Err(ImportError::ScenarioFails(step)) => {
                assert_eq!(step.index, 0);
                assert!(
                    step.to_string().contains("InvalidRegionId.Closed"),
                    "{step}"
                );
            }
            other => panic!("expected a failing step, got {other:?}"),
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(import(&deep), Err(ImportError::NotJson(_))));
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let text = format!("\u{feff}{}", example::ARTICLE_SCENARIO);
        let imported = import(&text).expect("imports");
        assert_eq!(imported.topology, example::article_network());
        assert_eq!(
            imported.source,
            Source::Scenario {
                title: "The article's network: one VPC in Mumbai, two zones, three VMs".into()
            }
        );
    }
}
