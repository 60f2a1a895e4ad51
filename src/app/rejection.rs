//! A rejected action, as the UI keeps it for the user to read: the model's typed error,
//! worded from the catalogue (`text::errors`) in the UI's language when it is shown. Forms
//! and the reducer both hold one, so it lives apart from either.

use crate::app::i18n::Language;
use crate::model::CommandError;
use crate::text::errors;

/// A rejected action: the model's error, kept for the user to read.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejection {
    /// The Alibaba-style code, e.g. `InvalidCidrBlock.Overlapped`.
    pub code: String,
    /// The model's error, with the values involved.
    pub error: CommandError,
}

impl Rejection {
    /// What went wrong, naming the offending values, in `language`.
    pub fn message(&self, language: Language) -> String {
        errors::detail(language.lesson(), &self.error.detail)
    }

    /// The rule behind the code, in `language`.
    pub fn rule(&self, language: Language) -> &'static str {
        errors::rule(language.lesson(), self.error.kind)
    }
}

impl From<&CommandError> for Rejection {
    fn from(error: &CommandError) -> Rejection {
        Rejection {
            code: error.code().to_owned(),
            error: error.clone(),
        }
    }
}
