//! The toolbar: create any resource, undo and redo, start over, and switch rule sets.

use yew::prelude::*;

use crate::app::forms::CREATE_ACTIONS;
use crate::app::i18n::{action_title, pick, text, Language, Text};
use crate::model::{ActionKind, RuleSet};

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The UI language.
    pub language: Language,
    /// The rule set in force.
    pub rules: RuleSet,
    /// Steps that can be undone and redone.
    pub undo_depth: usize,
    /// Steps that can be redone.
    pub redo_depth: usize,
    /// VSwitches in the fullest VPC and that VPC's quota, for the quota counter.
    pub vswitch_usage: (usize, usize),
    /// Called with the action whose form the user wants.
    pub oncreate: Callback<ActionKind>,
    /// Undo.
    pub onundo: Callback<()>,
    /// Redo.
    pub onredo: Callback<()>,
    /// Start an empty network.
    pub onnew: Callback<()>,
    /// Go back to the article's example network.
    pub onexample: Callback<()>,
    /// Switch the rule set.
    pub onrules: Callback<RuleSet>,
    /// Open the path-analysis panel.
    pub ontrace: Callback<()>,
    /// The lessons menu, shown first.
    #[prop_or_default]
    pub lessons: Html,
    /// More groups of buttons, after the network's (sharing and files).
    #[prop_or_default]
    pub children: Html,
}

/// The left-hand toolbar.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let language = props.language;
    let emit = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    let create_buttons = CREATE_ACTIONS.iter().map(|&action| {
        let oncreate = props.oncreate.clone();
        html! {
            <button class="create" data-action={action.api_name()} title={action.api_name()}
                onclick={Callback::from(move |_: MouseEvent| oncreate.emit(action))}>
                { "+ " }{ action_title(language, action) }
            </button>
        }
    });
    let rule_buttons = RuleSet::ALL.iter().map(|&rules| {
        let onrules = props.onrules.clone();
        let active = rules == props.rules;
        let label = match rules {
            RuleSet::Y2020 => pick(language, "Article (2020)", "Artículo (2020)"),
            RuleSet::Current => pick(language, "Current", "Actuales"),
        };
        html! {
            <button class={classes!("rules", active.then_some("active"))} aria-pressed={active.to_string()}
                data-rules={rules.name()} onclick={Callback::from(move |_: MouseEvent| onrules.emit(rules))}>
                { label }
            </button>
        }
    });
    let (used, quota) = props.vswitch_usage;
    html! {
        <nav class="toolbar" aria-label={text(language, Text::Toolbar)} data-testid="toolbar">
            { props.lessons.clone() }
            <div class="history-buttons">
                <button data-testid="undo" disabled={props.undo_depth == 0} onclick={emit(&props.onundo)}
                    title="Ctrl+Z">{ pick(language, "↶ Undo", "↶ Deshacer") }</button>
                <button data-testid="redo" disabled={props.redo_depth == 0} onclick={emit(&props.onredo)}
                    title="Ctrl+Shift+Z">{ pick(language, "↷ Redo", "↷ Rehacer") }</button>
            </div>
            <button class="trace-button" data-testid="open-trace" onclick={emit(&props.ontrace)}>
                { pick(language, "⇄ Can A reach B?", "⇄ ¿Llega A a B?") }</button>
            <h2>{ pick(language, "Create", "Crear") }</h2>
            { for create_buttons }
            <h2>{ pick(language, "Rules", "Reglas") }</h2>
            <div class="rules-switch" role="group">{ for rule_buttons }</div>
            <p class="quota" data-testid="vswitch-quota">
                { pick(language, "VSwitches per VPC: ", "VSwitches por VPC: ") }
                <strong>{ format!("{used} / {quota}") }</strong>
            </p>
            <h2>{ pick(language, "Network", "Red") }</h2>
            <button data-testid="new-network" onclick={emit(&props.onnew)}>
                { pick(language, "New empty network", "Nueva red vacía") }</button>
            <button data-testid="reset-example" onclick={emit(&props.onexample)}>
                { pick(language, "Reset to example", "Restablecer el ejemplo") }</button>
            { props.children.clone() }
        </nav>
    }
}
