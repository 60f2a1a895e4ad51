//! A rejected action, as the UI keeps it for the user to read: the model's error code, its
//! message and the rule behind it. Forms and the reducer both hold one, so it lives apart
//! from either.

use crate::model::CommandError;

/// A rejected action: the model's error, kept for the user to read.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejection {
    /// The Alibaba-style code, e.g. `InvalidCidrBlock.Overlapped`.
    pub code: String,
    /// The message naming the offending values.
    pub message: String,
    /// The rule behind the code, in plain words.
    pub rule: String,
}

impl From<&CommandError> for Rejection {
    fn from(error: &CommandError) -> Rejection {
        Rejection {
            code: error.code().to_owned(),
            message: error.to_string(),
            rule: error.rule().to_owned(),
        }
    }
}
