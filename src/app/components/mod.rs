//! The app's components: each renders the props it is given and reports user intent
//! through `on<verb>` callbacks.

pub mod canvas;
pub mod header;
pub mod side_panel;
