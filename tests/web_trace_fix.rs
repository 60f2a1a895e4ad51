//! Browser tests of the trace panel's one-click fix and of security groups reached from an
//! instance: the fix runs its API calls as one logged, undoable step and the trace re-runs;
//! the Internet path shows the public address; an instance's groups are links.
#![cfg(target_arch = "wasm32")]

#[allow(dead_code, reason = "the shared helpers serve several test files")]
mod browser;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

use browser::{clear_storage, click, find, find_all, settle, show_app, text_of, unmount};

wasm_bindgen_test_configure!(run_in_browser);

/// Chooses `value` in a select, as a person would (the app listens to `change`).
fn choose(root: &Element, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = find(root, selector).dyn_into().expect("a select");
    select.set_value(value);
    let event = web_sys::Event::new("change").expect("an event");
    select.dispatch_event(&event).expect("dispatched");
}

/// Types `value` into an input and commits it.
fn type_in(root: &Element, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).dyn_into().expect("an input");
    input.set_value(value);
    let event = web_sys::Event::new("change").expect("an event");
    input.dispatch_event(&event).expect("dispatched");
}

async fn trace(root: &Element, source: &str, destination: &str, port: &str) {
    choose(root, "[name=trace-source]", source);
    settle().await;
    choose(root, "[name=trace-destination]", destination);
    settle().await;
    type_in(root, "[name=trace-port]", port);
    settle().await;
}

fn verdict(root: &Element) -> (String, String) {
    let verdict = find(root, "[data-testid=trace-verdict]");
    (
        verdict.get_attribute("data-reachable").unwrap_or_default(),
        verdict.get_attribute("data-reason").unwrap_or_default(),
    )
}

fn hop_elements(root: &Element) -> Vec<String> {
    find_all(root, "[data-testid=trace-hops] li")
        .iter()
        .filter_map(|li| li.get_attribute("data-element"))
        .collect()
}

#[wasm_bindgen_test]
async fn the_fix_of_a_blocked_trace_is_one_logged_undoable_step_and_the_trace_passes() {
    clear_storage();
    let (root, handle) = show_app().await;
    click(&root, "[data-testid=open-trace]");
    settle().await;
    assert!(!find_all(&root, "[data-testid=side-panel].tracing").is_empty());
    trace(&root, "internet", "i-0001", "22").await;
    assert_eq!(
        verdict(&root),
        ("false".to_string(), "SecurityGroupDenied".to_string())
    );
    let offered = text_of(&root, "[data-testid=trace-fix]");
    assert!(offered.contains("AuthorizeSecurityGroup"), "{offered}");
    assert!(offered.contains("PortRange=22/22"), "{offered}");
    let logged_before = find_all(&root, "[data-testid=api-log] li").len();

    click(&root, "[data-testid=trace-fix-apply]");
    settle().await;
    assert_eq!(verdict(&root).0, "true");
    assert!(find_all(&root, "[data-testid=trace-fix]").is_empty());
    assert!(text_of(&root, "[data-testid=api-log]").contains("AuthorizeSecurityGroup"));
    assert_eq!(
        find_all(&root, "[data-testid=api-log] li").len(),
        logged_before + 1
    );
    assert_eq!(
        hop_elements(&root),
        [
            "internet",
            "i-0001/publicip",
            "vrt-0001",
            "vsw-0001",
            "i-0001"
        ]
    );
    // The replay starts again from the first hop.
    assert_eq!(text_of(&root, "[data-testid=trace-step]"), "1 / 5");

    click(&root, "[data-testid=undo]");
    settle().await;
    assert_eq!(
        verdict(&root),
        ("false".to_string(), "SecurityGroupDenied".to_string())
    );
    assert!(!find_all(&root, "[data-testid=trace-fix]").is_empty());
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn the_public_address_hop_is_named_by_its_address_and_lights_the_badge() {
    clear_storage();
    let (root, handle) = show_app().await;
    click(&root, "[data-testid=open-trace]");
    settle().await;
    trace(&root, "i-0003", "internet", "443").await;
    assert_eq!(verdict(&root).0, "true");
    assert_eq!(
        hop_elements(&root),
        [
            "i-0003",
            "vsw-0002",
            "vrt-0001",
            "i-0003/publicip",
            "internet"
        ]
    );
    let hop = text_of(&root, "[data-element='i-0003/publicip']");
    assert!(hop.contains("149.129.0.2"), "{hop}");
    assert!(hop.contains("EIP"), "{hop}");
    // Step to the end: the badge on VM3 is lit.
    click(&root, "[data-testid=trace-forward]");
    for _ in 0..5 {
        click(&root, "[data-testid=trace-forward]");
        settle().await;
    }
    assert_eq!(text_of(&root, "[data-testid=trace-step]"), "5 / 5");
    let lit = find_all(&root, "[data-testid=diagram] .public-ip.highlighted");
    assert_eq!(lit.len(), 1);
    assert_eq!(
        lit[0].get_attribute("data-id").as_deref(),
        Some("i-0003/publicip")
    );
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn an_instance_links_to_its_default_group_which_lists_its_rules_and_members() {
    clear_storage();
    let (root, handle) = show_app().await;
    browser::click_shape(&root, "[data-testid=diagram] [data-id='i-0001']");
    settle().await;
    let links = find_all(&root, "[data-testid=group-link]");
    assert_eq!(links.len(), 1);
    let group = links[0].get_attribute("data-id").expect("a group id");
    assert!(links[0]
        .text_content()
        .unwrap_or_default()
        .contains("default"));
    click(&root, "[data-testid=group-link]");
    settle().await;
    let selection = find(&root, "[data-testid=properties] .selection");
    assert_eq!(selection.get_attribute("data-selected"), Some(group));
    assert_eq!(find_all(&root, "[data-testid=member-link]").len(), 3);
    assert!(!find_all(&root, "[data-action=AuthorizeSecurityGroupEgress]").is_empty());
    unmount(root, handle);
}
