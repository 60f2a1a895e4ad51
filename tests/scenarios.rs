//! Runs every scenario file of `tests/scenarios/` through the same runner as the `vpclab`
//! CLI: each must pass. The deliberately broken fixtures of `tests/scenarios/invalid/` must
//! fail the way their names say (`fail-*`: a step mismatch; `invalid-*`: not a scenario).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use vpclab::model::{scenario, ErrorCode};

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable scenario folder")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios")
}

#[test]
fn every_scenario_file_passes() {
    let files = json_files(&scenarios_dir());
    assert!(files.len() >= 40, "only {} scenario files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable file");
        match scenario::run_text(&text) {
            Err(error) => failures.push(format!("{}: not a scenario: {error}", file.display())),
            Ok(report) => {
                if let Some(step) = report.first_failure() {
                    failures.push(format!("{}: {step}", file.display()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "failing scenarios:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_scenario_has_a_title_and_names_its_rules() {
    for file in json_files(&scenarios_dir()) {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("readable")).expect("json");
        assert!(
            value["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{}",
            file.display()
        );
        assert!(value["rules"].is_string(), "{}", file.display());
    }
}

#[test]
fn broken_fixtures_fail_the_way_their_names_say() {
    let files = json_files(&scenarios_dir().join("invalid"));
    assert!(files.len() >= 5);
    for file in files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let result = scenario::run_text(&std::fs::read_to_string(&file).expect("readable"));
        if name.starts_with("fail-") {
            let report = result.unwrap_or_else(|error| panic!("{name} should parse: {error}"));
            assert!(!report.passed(), "{name} should fail a step");
        } else {
            assert!(
                name.starts_with("invalid-"),
                "{name}: fixtures are fail-* or invalid-*"
            );
            assert!(result.is_err(), "{name} should not parse");
        }
    }
}

#[test]
fn the_error_codes_of_the_contract_each_appear_in_a_scenario() {
    let mut all = String::new();
    for file in json_files(&scenarios_dir()) {
        all.push_str(&std::fs::read_to_string(file).expect("readable"));
    }
    for code in ErrorCode::CONTRACT {
        assert!(
            all.contains(&format!("\"{code}\"")),
            "no scenario expects {code}"
        );
    }
}
