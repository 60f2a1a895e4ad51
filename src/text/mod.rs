//! The catalogue of the model's words in English and Spanish: error details and the rule
//! behind every error code, trace hops and verdict reasons, region and zone names, and what
//! is wrong with an embedding page's address.
//!
//! The model returns typed data ([`ErrorDetail`](crate::model::ErrorDetail),
//! [`HopRule`](crate::model::trace::HopRule), [`Reason`](crate::model::trace::Reason)); this
//! module words it in the user's language. It is pure (no web crate, `tests/purity.rs`), so
//! its completeness is tested natively: every entry has both languages, and the Spanish slot
//! never holds the English text (`text/tests.rs`). English comes from the model's own
//! `Display`, so the command line and the UI say the same thing; Spanish lives here.
//! Alibaba's codes, action names, parameter names and ids are data, never translated.

pub mod embed;
pub mod errors;
pub mod places;
pub mod trace;

#[cfg(test)]
mod tests;

pub use crate::model::lesson::Language;

/// The phrase for `language`, from its two wordings.
pub fn pick<'a>(language: Language, english: &'a str, spanish: &'a str) -> &'a str {
    match language {
        Language::English => english,
        Language::Spanish => spanish,
    }
}
