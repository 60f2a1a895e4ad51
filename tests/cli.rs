//! The `vpclab` binary: exit 0 for a passing scenario, 1 for a failing step (named), 2 for a
//! file that is not a scenario (with the field path).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::{Command, Output};

fn vpclab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpclab"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the vpclab binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_passing_scenario_exits_0() {
    let output = vpclab(&["run", "tests/scenarios/article-network.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("ok   tests/scenarios/article-network.json: 8 steps"));
}

#[test]
fn print_shows_the_final_topology_document() {
    let output = vpclab(&["run", "--print", "tests/scenarios/article-network.json"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = text(&output.stdout);
    let json = &stdout[stdout.find('{').expect("a document")..];
    let topology = vpclab::model::document::restore(json).expect("a valid document");
    assert_eq!(topology, vpclab::model::example::article_network());
}

#[test]
fn a_failing_step_exits_1_and_is_named() {
    let output = vpclab(&["run", "tests/scenarios/invalid/fail-wrong-expectation.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout).trim(),
        "FAIL tests/scenarios/invalid/fail-wrong-expectation.json: step 3 (CreateVSwitch, Ref vsw3): \
         expected Code InvalidCidrBlock.Overlapped, got success (created vsw-0003)"
    );
}

#[test]
fn an_invalid_file_exits_2_with_the_field_path() {
    let output = vpclab(&[
        "run",
        "tests/scenarios/invalid/invalid-missing-parameter.json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr).trim(),
        "error tests/scenarios/invalid/invalid-missing-parameter.json: steps[0].CidrBlock: missing required parameter for CreateVSwitch"
    );
    let output = vpclab(&["run", "tests/scenarios/invalid/invalid-not-json.json"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn several_files_exit_with_the_worst_status() {
    let output = vpclab(&[
        "run",
        "tests/scenarios/article-network.json",
        "tests/scenarios/invalid/fail-trace-unreachable.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let output = vpclab(&[
        "run",
        "tests/scenarios/invalid/fail-trace-unreachable.json",
        "tests/scenarios/invalid/invalid-wrong-type.json",
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(vpclab(&[]).status.code(), Some(2));
    assert_eq!(vpclab(&["run"]).status.code(), Some(2));
    assert_eq!(vpclab(&["walk", "x.json"]).status.code(), Some(2));
    assert!(Path::new(env!("CARGO_BIN_EXE_vpclab")).exists());
}

#[test]
fn example_prints_a_stored_network_of_the_size_asked() {
    let output = vpclab(&["example", "40"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let topology =
        vpclab::model::document::restore(text(&output.stdout).trim()).expect("a valid document");
    assert_eq!(topology.instances().len(), 40);

    let refused = vpclab(&["example", "many"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("not a number of instances: many"));
}
