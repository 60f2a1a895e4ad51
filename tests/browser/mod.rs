//! Helpers for the browser tests: mount the app, wait for Yew, find and click, and catch
//! the downloads the app offers (a `tests/` subfolder, so Cargo does not run it as a test).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement};

use yew::prelude::*;

use vpclab::app::forms::{form_for, Context, Form};
use vpclab::app::state::{Action, AppState};
use vpclab::app::{storage, App};
use vpclab::model::{example, ActionKind, ElementId, Instance, Topology};

/// A fresh element in the document for one test to mount into.
pub fn mount_point() -> Element {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .expect("a document");
    let element = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("appended");
    element
}

/// Lets Yew run every pending render and effect, and the work they left for after the
/// next painted frame (the autosave: `vpclab::app::after_paint`).
pub async fn settle() {
    yew::scheduler::flush().await;
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
    // The autosave's idle callback, asked for in the frame's callbacks, runs before one
    // asked for after them.
    next_frame().await;
    idle().await;
    yew::scheduler::flush().await;
}

/// Resolves in the next animation frame's callbacks.
async fn next_frame() {
    let frame = web_sys::js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(&resolve);
        }
    });
    let _ = JsFuture::from(frame).await;
}

/// Resolves in an idle callback (asked for now).
async fn idle() {
    let idle = web_sys::js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let options = web_sys::IdleRequestOptions::new();
            options.set_timeout(500);
            let _ = window.request_idle_callback_with_options(&resolve, &options);
        }
    });
    let _ = JsFuture::from(idle).await;
}

/// Mounts the whole app into a fresh element and waits for it to render.
pub async fn show_app() -> (Element, yew::AppHandle<App>) {
    let root = mount_point();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    (root, handle)
}

/// Unmounts an app and removes its element, so it cannot react to later tests.
pub fn unmount<C: yew::BaseComponent>(root: Element, handle: yew::AppHandle<C>) {
    handle.destroy();
    root.remove();
}

pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("{selector} is rendered"))
}

pub fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

pub fn text_of(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

pub fn click(root: &Element, selector: &str) {
    find(root, selector)
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
}

/// Clicks an element that is not an HTML element (an SVG group), the way a mouse would: the
/// click bubbles, as a real one does.
pub fn click_shape(root: &Element, selector: &str) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let event =
        web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("a click");
    find(root, selector)
        .dispatch_event(&event)
        .expect("dispatched");
}

/// Records every download link the app clicks (and stops the browser from saving a file).
pub struct Downloads {
    seen: Rc<RefCell<Vec<(String, String)>>>,
    listener: Closure<dyn Fn(web_sys::MouseEvent)>,
}

impl Downloads {
    pub fn capture() -> Downloads {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let listener = {
            let seen = seen.clone();
            Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
                let link = event
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::HtmlAnchorElement>().ok());
                if let Some(link) = link.filter(|link| !link.download().is_empty()) {
                    event.prevent_default();
                    seen.borrow_mut().push((link.download(), link.href()));
                }
            })
        };
        web_sys::window()
            .expect("a window")
            .add_event_listener_with_callback_and_bool(
                "click",
                listener.as_ref().unchecked_ref(),
                true,
            )
            .expect("listening");
        Downloads { seen, listener }
    }

    /// The file names offered so far, in order.
    pub fn names(&self) -> Vec<String> {
        self.seen
            .borrow()
            .iter()
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// What the download at `index` holds.
    pub async fn text(&self, index: usize) -> String {
        let url = self.seen.borrow()[index].1.clone();
        blob_text(&url).await
    }
}

impl Drop for Downloads {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback_and_bool(
                "click",
                self.listener.as_ref().unchecked_ref(),
                true,
            );
        }
    }
}

/// The text behind a `blob:` URL.
pub async fn blob_text(url: &str) -> String {
    let window = web_sys::window().expect("a window");
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .expect("the blob is readable")
        .dyn_into()
        .expect("a response");
    JsFuture::from(response.text().expect("a body"))
        .await
        .expect("text")
        .as_string()
        .expect("a string")
}

/// The keys the app keeps in localStorage.
const KEYS: [&str; 3] = [
    storage::TOPOLOGY_KEY,
    storage::PREFERENCES_KEY,
    storage::RESCUE_KEY,
];

/// Empties the app's localStorage entries, so a test starts from a first visit.
pub fn clear_storage() {
    for key in KEYS {
        storage::remove(key);
    }
}

/// What is stored under `key` (storage must work in the test's browser).
pub fn stored(key: &str) -> Option<String> {
    storage::read(key).expect("storage works")
}

// ---------------------------------------------------------------------------------------
// Helpers for the component, reducer and persistence tests (tests/web*.rs).
// ---------------------------------------------------------------------------------------

/// Props of [`Show`]: a closure that renders the component under test with the props and
/// callbacks the test chose, compared by identity so it renders exactly once.
#[derive(Properties)]
pub struct ShowProps {
    /// What to render.
    pub view: Rc<dyn Fn() -> Html>,
}

impl PartialEq for ShowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view)
    }
}

/// Renders whatever the test's closure returns. Going through `html!` (rather than props
/// struct literals) keeps the tests compiling when a component gains an optional prop.
#[component]
pub fn Show(props: &ShowProps) -> Html {
    (props.view)()
}

/// Mounts `view` into a fresh element and waits for it to render.
pub async fn show(view: impl Fn() -> Html + 'static) -> (Element, yew::AppHandle<Show>) {
    let root = mount_point();
    let handle = yew::Renderer::<Show>::with_root_and_props(
        root.clone(),
        ShowProps {
            view: Rc::new(view),
        },
    )
    .render();
    settle().await;
    (root, handle)
}

/// A callback that records every value it is called with.
pub fn recorder<T: 'static>() -> (Rc<RefCell<Vec<T>>>, Callback<T>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let callback = {
        let seen = seen.clone();
        Callback::from(move |value| seen.borrow_mut().push(value))
    };
    (seen, callback)
}

pub fn attribute(element: &Element, name: &str) -> String {
    element
        .get_attribute(name)
        .unwrap_or_else(|| panic!("the element has {name}"))
}

/// Types `value` into the text input `selector`, firing the `input` event a keystroke fires.
pub fn type_into(root: &Element, selector: &str, value: &str) {
    let input = find(root, selector)
        .dyn_into::<web_sys::HtmlInputElement>()
        .expect("an input");
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event =
        web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("an input event");
    input.dispatch_event(&event).expect("dispatched");
}

pub fn is_disabled(element: &Element) -> bool {
    element.has_attribute("disabled")
}

/// The article's network, the ids of its parts looked up by name.
pub struct Article {
    pub topology: Rc<Topology>,
}

impl Article {
    pub fn new() -> Article {
        Article {
            topology: Rc::new(example::article_network()),
        }
    }

    pub fn instance(&self, name: &str) -> &Instance {
        self.topology
            .instances()
            .values()
            .find(|instance| instance.name == name)
            .unwrap_or_else(|| panic!("the article has {name}"))
    }

    pub fn vpc_id(&self) -> String {
        self.topology.vpcs().keys().next().expect("a VPC").clone()
    }

    /// The VPC, as the diagram and the selection name it.
    pub fn vpc(&self) -> ElementId {
        ElementId::resource(self.vpc_id())
    }

    pub fn vswitch_id(&self, name: &str) -> String {
        self.topology
            .vswitches()
            .values()
            .find(|vswitch| vswitch.name == name)
            .unwrap_or_else(|| panic!("the article has {name}"))
            .id
            .clone()
    }

    pub fn eip_id(&self) -> String {
        self.topology.eips().keys().next().expect("an EIP").clone()
    }

    /// A CreateVSwitch form opened on the VPC, with a CIDR block that overlaps vsw-zone1.
    pub fn overlapping_vswitch_form(&self) -> Form {
        let mut form = self.suggested_vswitch_form();
        form.set("CidrBlock", "192.168.1.128/25".into());
        form
    }

    /// The CreateVSwitch form as the app pre-fills it for the VPC.
    pub fn suggested_vswitch_form(&self) -> Form {
        let vpc = self.vpc();
        let context = Context::from_selection(&self.topology, Some(&vpc));
        form_for(ActionKind::CreateVSwitch, &self.topology, &context).expect("a CreateVSwitch form")
    }
}

/// The state after `actions`, one after the other, as the app's reducer makes it.
pub fn reduce(state: Rc<AppState>, actions: impl IntoIterator<Item = Action>) -> Rc<AppState> {
    actions
        .into_iter()
        .fold(state, |state, action| state.reduce(action))
}

/// The app's state on the article's network.
pub fn article_state() -> Rc<AppState> {
    Rc::new(AppState::new(example::article_network()))
}

/// Saves `topology` as the visitor's network, as the app saves it.
pub fn store_network(topology: &Topology) {
    storage::write(
        storage::TOPOLOGY_KEY,
        &vpclab::model::document::to_json(topology),
    )
    .expect("storage works");
}
