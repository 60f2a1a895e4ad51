//! The side panel: properties of the selected element and the log of API calls. On narrow
//! screens it is a sheet over the diagram, with a button to close it.

use std::rc::Rc;

use yew::prelude::*;

use super::api_log::ApiLogView;
use crate::app::i18n::{pick, text, Language, Text};
use crate::app::state::ApiLog;

/// Props of [`SidePanel`].
#[derive(Properties, PartialEq)]
pub struct SidePanelProps {
    /// The UI language.
    pub language: Language,
    /// The properties section (the selected element), or `None` for the empty hint.
    #[prop_or_default]
    pub properties: Option<Html>,
    /// The lesson panel (or why a lesson could not open), shown first.
    #[prop_or_default]
    pub lesson: Option<Html>,
    /// The path-analysis panel, when open, shown after the lesson.
    #[prop_or_default]
    pub trace: Option<Html>,
    /// The latest rejected action, shown above the properties.
    #[prop_or_default]
    pub rejection: Option<Html>,
    /// The API calls made so far.
    #[prop_or_default]
    pub api_log: Rc<ApiLog>,
    /// Whether the log of API calls shows (not in an embedded frame without the editor).
    #[prop_or(true)]
    pub show_log: bool,
    /// Closes the sheet (narrow screens).
    #[prop_or_default]
    pub onclose: Callback<()>,
    /// Where the panel is, for the canvas to keep the selection out from under the sheet.
    #[prop_or_default]
    pub node: NodeRef,
}

/// The right-hand panel.
#[component]
pub fn SidePanel(props: &SidePanelProps) -> Html {
    let language = props.language;
    let properties = match &props.properties {
        Some(content) => content.clone(),
        None => html! {
            <div class="empty-selection">
                <h3>{ text(language, Text::NothingSelected) }</h3>
                <p>{ text(language, Text::NothingSelectedHint) }</p>
            </div>
        },
    };
    let onclose = {
        let onclose = props.onclose.clone();
        Callback::from(move |_: MouseEvent| onclose.emit(()))
    };
    html! {
        <aside class={classes!("side-panel", props.trace.is_some().then_some("tracing"))} aria-label={text(language, Text::Properties)} data-testid="side-panel" ref={props.node.clone()}>
            <button class="sheet-close" data-testid="close-panel" onclick={onclose}
                aria-label={pick(language, "Close the details", "Cerrar los detalles")}>{ "×" }</button>
            if let Some(lesson) = &props.lesson {
                { lesson.clone() }
            }
            if let Some(trace) = &props.trace {
                <section class="panel-section trace">{ trace.clone() }</section>
            }
            <section class="panel-section properties" data-testid="properties">
                <h2>{ text(language, Text::Properties) }</h2>
                { props.rejection.clone().unwrap_or_default() }
                { properties }
            </section>
            if props.show_log {
                <section class="panel-section log">
                    <h2>{ text(language, Text::ApiLog) }</h2>
                    <ApiLogView {language} log={props.api_log.clone()} />
                </section>
            }
        </aside>
    }
}
