//! Export and import: a topology as the versioned JSON document, as a scenario of API
//! calls that rebuilds it, and as Terraform for the alicloud provider; and the one way back
//! in from a file.
//!
//! Pure, like the model it depends on: text in, text out, no I/O.

pub mod compare;
pub mod scenario;
