//! The form dialog: one API action's parameters, validated by the model as you type.

use yew::prelude::*;

use crate::app::forms::{choices, Advice, Check, Form};
use crate::app::i18n::{action_title, pick, Language};
use crate::app::rejection::Rejection;
use crate::app::state::SharedTopology;
use crate::model::{ActionKind, Topology};

/// Props of [`FormDialog`].
#[derive(Properties, PartialEq)]
pub struct FormDialogProps {
    /// The UI language.
    pub language: Language,
    /// The open form.
    pub form: Form,
    /// The network the form is checked against.
    pub topology: std::rc::Rc<Topology>,
    /// Called with (parameter, value) on every keystroke or choice.
    pub onedit: Callback<(String, String)>,
    /// Called when the user submits.
    pub onsubmit: Callback<()>,
    /// Called when the user cancels.
    pub oncancel: Callback<()>,
    /// Opens the form of another action (the resource to create first).
    #[prop_or_default]
    pub onopen: Callback<ActionKind>,
}

/// What to create first, or which call gives a public IP, with a button to the form that helps.
fn advice_view(language: Language, advice: Advice, onopen: &Callback<ActionKind>) -> Html {
    let (text, offer, label) = match advice {
        Advice::CreateFirst(ActionKind::CreateVpc) => (
            pick(
                language,
                "There is no VPC yet: this resource lives in one. Create a VPC first.",
                "Todavía no hay ninguna VPC: este recurso vive dentro de una. Crea primero una VPC.",
            ),
            ActionKind::CreateVpc,
            pick(language, "Create a VPC", "Crear una VPC"),
        ),
        Advice::CreateFirst(ActionKind::CreateVSwitch) => (
            pick(
                language,
                "There is no VSwitch yet: this resource takes its private IP from one. Create a VSwitch first.",
                "Todavía no hay ningún VSwitch: este recurso toma su IP privada de uno. Crea primero un VSwitch.",
            ),
            ActionKind::CreateVSwitch,
            pick(language, "Create a VSwitch", "Crear un VSwitch"),
        ),
        Advice::CreateFirst(action) => (
            pick(
                language,
                "There is no unbound EIP to associate. Allocate an EIP first.",
                "No hay ninguna EIP libre que asociar. Reserva primero una EIP.",
            ),
            action,
            pick(language, "Allocate an EIP", "Reservar una EIP"),
        ),
        Advice::NoPublicIpFromBandwidth => (
            pick(
                language,
                "Raising the bandwidth gives this instance no public IP: for a pay-as-you-go instance the API assigns a NatPublicIP only with AllocatePublicIp=true on ModifyInstanceNetworkSpec, or with AllocatePublicIpAddress afterwards (neither is modelled here). An EIP gives it one you can keep.",
                "Subir el ancho de banda no da a esta instancia ninguna IP pública: en una instancia de pago por uso la API solo asigna una NatPublicIP con AllocatePublicIp=true en ModifyInstanceNetworkSpec, o con AllocatePublicIpAddress después (ninguna de las dos está modelada aquí). Una EIP le da una que puedes conservar.",
            ),
            ActionKind::AllocateEipAddress,
            pick(language, "Allocate an EIP", "Reservar una EIP"),
        ),
    };
    let onclick = {
        let onopen = onopen.clone();
        Callback::from(move |_: MouseEvent| onopen.emit(offer))
    };
    html! {
        <div class="advice" role="note" data-testid="form-advice" data-offer={offer.api_name()}>
            <p>{ text }</p>
            <button type="button" data-testid="form-advice-open" {onclick}>{ label }</button>
        </div>
    }
}

/// Shows a rejection: code, message and the rule behind it.
pub fn rejection_view(language: Language, rejection: &Rejection) -> Html {
    html! {
        <div class="rejection" role="alert" data-testid="rejection" data-code={rejection.code.clone()}>
            <code class="code">{ &rejection.code }</code>
            <p class="message">{ rejection.message(language) }</p>
            <p class="rule"><strong>{ pick(language, "Rule: ", "Regla: ") }</strong>{ rejection.rule(language) }</p>
        </div>
    }
}

/// A modal form for one API action.
#[component]
pub fn FormDialog(props: &FormDialogProps) -> Html {
    let language = props.language;
    let form = &props.form;
    // The dry run copies the network: once per network and form, not on every render.
    let check = use_memo(
        (SharedTopology(props.topology.clone()), form.clone()),
        |(shared, form)| form.check(&shared.0),
    );
    let onsubmit = {
        let onsubmit = props.onsubmit.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            onsubmit.emit(());
        })
    };
    let oncancel = {
        let oncancel = props.oncancel.clone();
        Callback::from(move |_: MouseEvent| oncancel.emit(()))
    };
    let onkeydown = {
        let oncancel = props.oncancel.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.stop_propagation();
                oncancel.emit(());
            }
        })
    };
    let fields = form.fields.iter().enumerate().map(|(index, field)| {
        let param = field.param.to_owned();
        let input_id = format!("field-{}", field.param);
        let onedit = props.onedit.clone();
        let oninput = {
            let param = param.clone();
            let onedit = onedit.clone();
            Callback::from(move |event: InputEvent| {
                if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                    onedit.emit((param.clone(), input.value()));
                }
            })
        };
        let onchange = {
            let param = param.clone();
            Callback::from(move |event: Event| {
                if let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() {
                    onedit.emit((param.clone(), select.value()));
                }
            })
        };
        let optional = field.optional.then(|| html! {
            <span class="optional">{ pick(language, " (optional)", " (opcional)") }</span>
        });
        let control = match choices(form, field.param, &props.topology, props.language) {
            Some(options) => {
                let known = options.iter().any(|(value, _)| *value == field.value);
                html! {
                    <select id={input_id.clone()} name={param.clone()} {onchange} autofocus={index == 0}>
                        if field.optional || !known {
                            <option value="" selected={field.value.is_empty()}>{ "—" }</option>
                        }
                        if !known && !field.value.is_empty() {
                            <option value={field.value.clone()} selected=true>{ &field.value }</option>
                        }
                        { for options.into_iter().map(|(value, label)| {
                            let selected = value == field.value;
                            html! { <option {value} {selected}>{ label }</option> }
                        }) }
                    </select>
                }
            }
            None => html! {
                <input id={input_id.clone()} name={param.clone()} type="text" value={field.value.clone()}
                    {oninput} autocomplete="off" spellcheck="false" autofocus={index == 0} />
            },
        };
        html! {
            <div class="field">
                <label for={input_id}><code>{ field.param }</code>{ optional }</label>
                { control }
            </div>
        }
    });
    let verdict = match (&form.rejection, &*check) {
        (Some(rejection), _) => rejection_view(language, rejection),
        (None, Check::Rejected(rejection)) => rejection_view(language, rejection),
        (None, Check::Incomplete(problem)) if form.attempted => html! {
            <div class="rejection" role="alert" data-testid="incomplete"><p class="message">{ problem }</p></div>
        },
        (None, Check::Incomplete(_)) => Html::default(),
        (None, Check::Accepted(_)) => html! {
            <p class="verdict ok" data-testid="form-ok">{ pick(language, "✓ The rules accept this.", "✓ Las reglas lo aceptan.") }</p>
        },
    };
    let accepted = matches!(*check, Check::Accepted(_));
    let submit_label = if form.action.creates() {
        pick(language, "Create", "Crear")
    } else {
        pick(language, "Apply", "Aplicar")
    };
    html! {
        <div class="modal-backdrop">
            <form class="dialog" role="dialog" aria-modal="true" aria-labelledby="form-title"
                data-testid="form" data-action={form.action.api_name()} {onsubmit} {onkeydown} novalidate=true>
                <h2 id="form-title">{ action_title(language, form.action) }</h2>
                <p class="api-name"><code>{ form.action.api_name() }</code></p>
                if let Some(advice) = form.advice(&props.topology) {
                    { advice_view(language, advice, &props.onopen) }
                }
                { for fields }
                { verdict }
                <div class="dialog-buttons">
                    <button type="button" onclick={oncancel}>{ pick(language, "Cancel", "Cancelar") }</button>
                    <button type="submit" class={classes!("primary", (!accepted).then_some("doubtful"))}
                        data-testid="form-submit">{ submit_label }</button>
                </div>
            </form>
        </div>
    }
}
