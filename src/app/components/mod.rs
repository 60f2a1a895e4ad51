//! The app's components: each renders the props it is given and reports user intent
//! through `on<verb>` callbacks.

pub mod api_log;
pub mod canvas;
mod canvas_size;
pub mod canvas_view;
pub mod diagram_text;
pub mod diagram_view;
pub mod files;
pub mod form_dialog;
pub mod header;
pub mod help;
pub mod legend;
pub mod lesson_panel;
pub mod lessons_menu;
pub mod notice;
pub mod packet;
pub mod properties;
pub mod shape_batch;
pub mod shape_markup;
pub mod sharing;
pub mod side_panel;
pub mod storage_notices;
pub mod toolbar;
pub mod tooltip;
pub mod trace_panel;
