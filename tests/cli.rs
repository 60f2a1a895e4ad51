//! The `vpclab` binary: exit 0 for a passing scenario, 1 for a failing step (named), 2 for a
//! file that is not a scenario (with the field path); `vpclab export` answers the same way,
//! with the export on standard output, and so does `vpclab check` for lessons (played
//! through) and scenarios, which covers every built-in lesson in `make test`.
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

/// Runs `vpclab` with `input` on standard input.
fn vpclab_with_input(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpclab"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the vpclab binary starts");
    child
        .stdin
        .take()
        .expect("a stdin")
        .write_all(input.as_bytes())
        .expect("written");
    child.wait_with_output().expect("the vpclab binary runs")
}

#[test]
fn export_writes_terraform_for_a_scenario_file() {
    let output = vpclab(&[
        "export",
        "--format",
        "terraform",
        "tests/scenarios/article-network.json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(output.stderr.is_empty());
    let stdout = text(&output.stdout);
    assert_eq!(
        stdout,
        vpclab::export::terraform::to_terraform(&vpclab::model::example::article_network())
    );
    assert!(stdout.contains("resource \"alicloud_eip_association\" \"eip_0001\""));
}

#[test]
fn export_writes_a_scenario_for_a_topology_document_on_standard_input() {
    let article = vpclab::model::example::article_network();
    let document = vpclab::model::document::to_json(&article);
    let output = vpclab_with_input(&["export", "--format=scenario", "-"], &document);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let report = vpclab::model::scenario::run_text(&text(&output.stdout)).expect("a scenario");
    assert!(report.passed());
    assert_eq!(report.topology, article);
}

#[test]
fn export_writes_the_topology_document_of_a_scenario() {
    let output = vpclab(&[
        "export",
        "--format",
        "json",
        "tests/scenarios/hybrid-network.json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let topology = vpclab::model::document::restore(&text(&output.stdout)).expect("a document");
    let expected = vpclab::model::scenario::run_text(include_str!("scenarios/hybrid-network.json"))
        .expect("a scenario")
        .topology;
    assert_eq!(topology, expected);
}

#[test]
fn export_of_a_file_that_is_not_a_scenario_or_document_exits_2() {
    let output = vpclab(&[
        "export",
        "--format",
        "json",
        "tests/scenarios/invalid/invalid-missing-parameter.json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr).trim(),
        "error tests/scenarios/invalid/invalid-missing-parameter.json: scenario: steps[0].CidrBlock: missing required parameter for CreateVSwitch"
    );
    assert!(output.stdout.is_empty());
    let output = vpclab(&[
        "export",
        "--format",
        "json",
        "tests/scenarios/invalid/invalid-not-json.json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("not JSON"));
    let output = vpclab_with_input(
        &["export", "--format", "json", "-"],
        r#"{"vpclab":"lesson"}"#,
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr).trim(),
        "error -: \"vpclab\" is \"lesson\": expected \"topology\" or \"scenario\""
    );
    let output = vpclab(&["export", "--format", "json", "tests/scenarios/missing.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("cannot read"));
}

#[test]
fn export_of_a_file_over_four_mebibytes_exits_2() {
    let padded = format!(
        "{}{}",
        vpclab::model::example::ARTICLE_SCENARIO,
        " ".repeat(4 << 20)
    );
    let output = vpclab_with_input(&["export", "--format", "json", "-"], &padded);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("more than the 4194304 bytes (4 MiB)"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn export_of_a_failing_scenario_exits_1_and_names_the_step() {
    let output = vpclab(&[
        "export",
        "--format",
        "terraform",
        "tests/scenarios/invalid/fail-wrong-expectation.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr).trim(),
        "FAIL tests/scenarios/invalid/fail-wrong-expectation.json: step 3 (CreateVSwitch, Ref vsw3): \
         expected Code InvalidCidrBlock.Overlapped, got success (created vsw-0003)"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn export_of_a_network_no_scenario_can_rebuild_exits_1() {
    // The article's network under today's rules: Mumbai no longer opens VPCs.
    let moved =
        vpclab::model::example::article_network().with_rules(vpclab::model::RuleSet::Current);
    let document = vpclab::model::document::to_json(&moved);
    let output = vpclab_with_input(&["export", "--format", "scenario", "-"], &document);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).starts_with("FAIL -: cannot export as scenario: step 0 (CreateVpc)"),
        "{}",
        text(&output.stderr)
    );
    // The same network still exports as Terraform (with a word on the closed region).
    let output = vpclab_with_input(&["export", "--format", "terraform", "-"], &document);
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("no longer opens new resources in ap-south-1"));
}

#[test]
fn export_usage_errors_exit_2() {
    let article = "tests/scenarios/article-network.json";
    for args in [
        vec!["export", article],
        vec!["export", "--format", "yaml", article],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "json", article, article],
        vec!["export", "--format"],
    ] {
        let output = vpclab(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(text(&output.stderr).contains("usage: vpclab"), "{args:?}");
    }
}

#[test]
fn check_passes_every_built_in_lesson() {
    let mut files: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons"))
            .expect("a lessons folder")
            .map(|entry| entry.expect("an entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .map(|path| {
                format!(
                    "lessons/{}",
                    path.file_name().expect("a name").to_string_lossy()
                )
            })
            .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let output = vpclab(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    let stdout = text(&output.stdout);
    assert_eq!(stdout.lines().count(), 5);
    assert!(stdout.contains("ok   lessons/ecs-networking.json: lesson ecs-networking, 17 steps ("));
}

#[test]
fn check_runs_scenarios_too_and_tells_them_apart_by_their_tag() {
    let output = vpclab(&[
        "check",
        "tests/scenarios/rds.json",
        "lessons/public-ips.json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("ok   tests/scenarios/rds.json: scenario, "));
    let output = vpclab(&[
        "check",
        "tests/scenarios/invalid/fail-wrong-expectation.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout)
        .starts_with("FAIL tests/scenarios/invalid/fail-wrong-expectation.json: step 3"));
}

/// Writes `contents` to a fresh file under the target folder and returns its path.
fn scratch_file(name: &str, contents: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-check");
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("written");
    path.to_string_lossy().into_owned()
}

#[test]
fn check_exits_1_for_a_lesson_that_does_not_teach_what_it_says() {
    let mut lesson: serde_json::Value =
        serde_json::from_str(include_str!("../lessons/public-ips.json")).expect("json");
    lesson["steps"][1]["predict"]["answer"] = serde_json::json!(1);
    let path = scratch_file("wrong-answer.json", &lesson.to_string());
    let output = vpclab(&["check", &path]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout).trim(),
        format!("FAIL {path}: steps[1] (predict): the answer says unreachable (NoPublicIp), the trace answers reachable")
    );
}

#[test]
fn check_exits_2_for_a_file_that_is_not_a_lesson_or_scenario() {
    let mut lesson: serde_json::Value =
        serde_json::from_str(include_str!("../lessons/hybrid-cloud.json")).expect("json");
    lesson["title"]
        .as_object_mut()
        .expect("a text")
        .remove("es");
    let path = scratch_file("no-spanish.json", &lesson.to_string());
    let output = vpclab(&["check", &path]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr).trim(),
        format!("error {path}: title.es: missing: the Spanish text")
    );
    let document = vpclab::model::document::to_json(&vpclab::model::example::article_network());
    let path = scratch_file("topology.json", &document);
    let output = vpclab(&["check", &path]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr)
        .contains("\"vpclab\" is \"topology\": expected \"lesson\" or \"scenario\""));
    let path = scratch_file(
        "huge.json",
        &" ".repeat(vpclab::model::limits::LESSON_BYTES + 1),
    );
    let output = vpclab(&["check", &path]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("too large"));
    assert_eq!(vpclab(&["check"]).status.code(), Some(2));
    assert_eq!(
        vpclab(&["check", "lessons/missing.json"]).status.code(),
        Some(2)
    );
}
