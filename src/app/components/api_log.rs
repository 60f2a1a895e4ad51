//! The log of API calls: the latest [`SHOWN_CALLS`], newest first, and how many older
//! calls the log no longer keeps.
//!
//! Its own component so that it redraws only when the log changes (the log is shared
//! behind an `Rc`), not on every render of the panel around it. It lists fewer calls than
//! the log keeps: drawing hundreds of lines after every plan would cost more than the plan.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::i18n::{text, Language, Text};
use crate::app::state::ApiLog;

/// How many of the latest calls the panel lists.
pub const SHOWN_CALLS: usize = 50;

/// Props of [`ApiLogView`].
#[derive(Properties, PartialEq)]
pub struct ApiLogViewProps {
    /// The UI language.
    pub language: Language,
    /// The calls.
    pub log: Rc<ApiLog>,
}

/// The list of calls, as the API would receive them; refused ones end with their code.
#[component]
pub fn ApiLogView(props: &ApiLogViewProps) -> Html {
    let language = props.language;
    if props.log.is_empty() {
        return html! { <p class="muted">{ text(language, Text::ApiLogEmpty) }</p> };
    }
    let dropped = props.log.dropped();
    html! {
        <>
            <ol class="api-log" data-testid="api-log">
                { for props.log.calls().rev().take(SHOWN_CALLS).map(|call| {
                    let line = match &call.outcome {
                        Ok(_) => call.request.clone(),
                        Err(code) => format!("{} → {code}", call.request),
                    };
                    html! { <li><code>{ line }</code></li> }
                }) }
            </ol>
            if dropped > 0 {
                <p class="muted" data-testid="api-log-dropped">
                    { format!("{dropped} {}", text(language, Text::ApiLogDropped)) }
                </p>
            }
        </>
    }
}
