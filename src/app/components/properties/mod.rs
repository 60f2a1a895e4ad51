//! The properties of the selected element and the actions that make sense for it.
//!
//! Actions the rules forbid are shown disabled with the reason. The reason comes from the
//! model itself: each one-click action is dry-run with [`crate::model::refusal()`], so the
//! panel never disagrees with what would happen. The dry runs (and the delete plan) are
//! worked out once per network, in a [`DryRuns`] kept across renders for as long as the
//! network is the same `Rc`: the app re-renders on every animation step, and a dry run of
//! an action without checks of its own copies the whole network.
//!
//! One function per kind of element, grouped by area: `network.rs` (regions, zones, OSS,
//! VPCs, VRouters, VSwitches), `compute.rs` (instances, EIPs, security groups), `hybrid.rs`
//! (NAT and VPN gateways, data centres, border routers) and `services.rs` (CLB, RDS).

mod compute;
mod hybrid;
mod network;
mod services;

use crate::text::errors;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::i18n::{action_title, pick, Language};
use crate::app::state::{Confirmation, SharedTopology};
use crate::model::{
    self, editing, request_line, ActionKind, Command, CommandError, ElementId, Topology,
};

thread_local! {
    /// How many dry runs the panel has made, for the tests that pin the memo.
    static DRY_RUNS_MADE: Cell<usize> = const { Cell::new(0) };
}

/// How many commands the properties panel has dry-run with the model so far (in this
/// thread). Re-rendering with the same network must not add to it.
pub fn dry_runs_made() -> usize {
    DRY_RUNS_MADE.with(Cell::get)
}

/// The model's answers for one network: each offered command's refusal (if any) and each
/// resource's delete plan, worked out the first time they are asked for.
#[derive(Debug)]
pub struct DryRuns {
    topology: Rc<Topology>,
    refusals: RefCell<Vec<(Command, Option<CommandError>)>>,
    plans: RefCell<BTreeMap<String, Rc<Vec<Command>>>>,
}

impl DryRuns {
    /// Answers for `topology`, none worked out yet.
    pub fn new(topology: Rc<Topology>) -> DryRuns {
        DryRuns {
            topology,
            refusals: RefCell::new(Vec::new()),
            plans: RefCell::new(BTreeMap::new()),
        }
    }

    /// Why the model would refuse `command` now, or `None` when it would accept it.
    pub fn refusal(&self, command: &Command) -> Option<CommandError> {
        if let Some((_, known)) = self
            .refusals
            .borrow()
            .iter()
            .find(|(asked, _)| asked == command)
        {
            return known.clone();
        }
        DRY_RUNS_MADE.with(|made| made.set(made.get() + 1));
        let refusal = model::refusal(&self.topology, command);
        self.refusals
            .borrow_mut()
            .push((command.clone(), refusal.clone()));
        refusal
    }

    /// The commands that delete `id` with everything inside it.
    pub fn delete_plan(&self, id: &str) -> Rc<Vec<Command>> {
        if let Some(plan) = self.plans.borrow().get(id) {
            return plan.clone();
        }
        let plan = Rc::new(editing::delete_with_contents(&self.topology, id));
        self.plans.borrow_mut().insert(id.to_owned(), plan.clone());
        plan
    }
}

/// Props of [`Properties`](struct@Properties).
#[derive(Properties, PartialEq)]
pub struct PropertiesProps {
    /// The UI language.
    pub language: Language,
    /// The network.
    pub topology: Rc<Topology>,
    /// The selected element.
    pub selected: ElementId,
    /// Opens the form for an action, in the context of the selection.
    pub onform: Callback<ActionKind>,
    /// Applies commands as one undoable step.
    pub onapply: Callback<Vec<Command>>,
    /// Asks before deleting with contents.
    pub onconfirm: Callback<Confirmation>,
    /// Whether the selected VSwitch shows all its instances.
    #[prop_or_default]
    pub expanded: bool,
    /// Opens or collapses a VSwitch (by id) in the diagram.
    #[prop_or_default]
    pub ontoggle: Callback<String>,
    /// Selects another element (an instance's security group, a group's member).
    #[prop_or_default]
    pub onselect: Callback<ElementId>,
}

/// What every section is drawn with.
struct Panel<'a> {
    language: Language,
    topology: &'a Topology,
    props: &'a PropertiesProps,
    dry_runs: &'a DryRuns,
}

impl Panel<'_> {
    /// A phrase in the panel's language.
    fn l(&self, english: &'static str, spanish: &'static str) -> &'static str {
        pick(self.language, english, spanish)
    }

    /// A region's name in the panel's language.
    fn region_name(&self, region_id: &str) -> String {
        crate::text::places::region_name(self.language.lesson(), region_id)
    }

    fn row(&self, label: &str, value: impl Into<String>) -> Html {
        let value: String = value.into();
        html! { <div class="prop"><dt>{ label }</dt><dd data-prop={label.to_owned()}>{ value }</dd></div> }
    }

    fn form_button(&self, action: ActionKind) -> Html {
        let onform = self.props.onform.clone();
        html! {
            <button class="action" data-action={action.api_name()} onclick={Callback::from(move |_: MouseEvent| onform.emit(action))}>
                { action_title(self.language, action) }
            </button>
        }
    }

    /// A one-click action, disabled with the model's reason when the rules forbid it now.
    fn apply_button(&self, label: &str, command: Command) -> Html {
        let reason = self.dry_runs.refusal(&command);
        let disabled = reason.is_some();
        let title = reason
            .as_ref()
            .map(|error| errors::error(self.language.lesson(), error))
            .unwrap_or_else(|| request_line(&command));
        let onapply = self.props.onapply.clone();
        let action = command.action().api_name();
        html! {
            <div class="action-row">
                <button class="action" data-action={action} {disabled} title={title.clone()}
                    onclick={Callback::from(move |_: MouseEvent| onapply.emit(vec![command.clone()]))}>
                    { label.to_owned() }
                </button>
                if let Some(error) = reason {
                    <p class="disabled-reason" data-reason-for={action}>{ errors::error(self.language.lesson(), &error) }</p>
                }
            </div>
        }
    }

    fn forbidden(&self, label: &str, reason: &str) -> Html {
        html! {
            <div class="action-row">
                <button class="action" disabled=true title={reason.to_owned()}>{ label.to_owned() }</button>
                <p class="disabled-reason">{ reason.to_owned() }</p>
            </div>
        }
    }

    /// Delete: straight away when there is nothing inside, else ask once for the whole plan.
    fn delete_button(&self, id: &str, subject: String) -> Html {
        let plan = self.dry_runs.delete_plan(id);
        if plan.is_empty() {
            return Html::default();
        }
        let onapply = self.props.onapply.clone();
        let onconfirm = self.props.onconfirm.clone();
        let label = if self.topology.eip(id).is_some() {
            self.l("Release", "Liberar")
        } else {
            self.l("Delete", "Eliminar")
        };
        let onclick = Callback::from(move |_: MouseEvent| {
            if plan.len() == 1 {
                onapply.emit(plan.to_vec());
            } else {
                onconfirm.emit(Confirmation {
                    subject: subject.clone(),
                    commands: plan.to_vec(),
                });
            }
        });
        html! { <button class="action danger" data-testid="delete" {onclick}>{ label }</button> }
    }

    fn section(&self, title: String, rows: Vec<Html>, actions: Vec<Html>, delete: Html) -> Html {
        html! {
            <div class="selection" data-selected={self.props.selected.to_string()}>
                <h3>{ title }</h3>
                <dl>{ for rows }</dl>
                <div class="actions">{ for actions }{ delete }</div>
            </div>
        }
    }

    /// The section of a resource, by its Alibaba id; `None` for an id the network lacks.
    fn resource(&self, id: &str) -> Option<Html> {
        let topology = self.topology;
        let section = if let Some(vpc) = topology.vpc(id) {
            self.vpc(vpc)
        } else if let Some(vpc) = topology.vpcs().values().find(|vpc| vpc.vrouter_id == id) {
            self.vrouter(vpc)
        } else if let Some(vswitch) = topology.vswitch(id) {
            self.vswitch(vswitch)
        } else if let Some(instance) = topology.instance(id) {
            self.instance(instance)
        } else if let Some(eip) = topology.eip(id) {
            self.eip(eip)
        } else if let Some(group) = topology.security_group(id) {
            self.security_group(group)
        } else if let Some(gateway) = topology.nat_gateway(id) {
            self.nat_gateway(gateway)
        } else if let Some(gateway) = topology.vpn_gateway(id) {
            self.vpn_gateway(gateway)
        } else if let Some(centre) = topology.data_center(id) {
            self.data_center(centre)
        } else if let Some(vbr) = topology.virtual_border_router(id) {
            self.vbr(vbr)
        } else if let Some(balancer) = topology.load_balancer(id) {
            self.load_balancer(balancer)
        } else if let Some(database) = topology.db_instance(id) {
            self.db_instance(database)
        } else {
            return None;
        };
        Some(section)
    }
}

/// The properties section for the selected element.
#[component]
pub fn Properties(props: &PropertiesProps) -> Html {
    let dry_runs = use_memo(SharedTopology(props.topology.clone()), |shared| {
        DryRuns::new(shared.0.clone())
    });
    let panel = Panel {
        language: props.language,
        topology: &props.topology,
        props,
        dry_runs: &dry_runs,
    };
    let section = match &props.selected {
        // A public address is described by the resource that holds it.
        ElementId::Resource(id) | ElementId::PublicIp(id) => panel.resource(id),
        ElementId::Region(region) => panel.region(region),
        ElementId::Zone { vpc, zone } => Some(panel.zone(vpc, zone)),
        ElementId::Oss(region) => Some(panel.oss(region)),
        ElementId::Internet | ElementId::More(_) => None,
    };
    section.unwrap_or_else(|| {
        html! {
            <div class="selection" data-selected={props.selected.to_string()}>
                <h3>{ props.selected.to_string() }</h3>
            </div>
        }
    })
}
