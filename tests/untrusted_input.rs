//! Bad input for the decoders of untrusted text (the topology document, scenario and lesson
//! files):
//! size limits with their typed errors, pathological JSON, odd strings, very large valid
//! documents, and the regression test of every input the fuzzer found (`make fuzz`; see
//! RELIABILITY.md). Each decoder either refuses with its typed error or returns a value the
//! app can use: it never panics, hangs or allocates without bound.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use serde_json::{json, Value};
use vpclab::model::limits::{self, TooLarge};
use vpclab::model::{document, example, lesson, scenario};

/// The article's network as a JSON value, to be broken in one place per test.
fn article_value() -> Value {
    serde_json::from_str(&document::to_json(&example::article_network())).expect("json")
}

/// `text` padded with trailing spaces (still valid JSON) to exactly `size` bytes.
fn padded(text: &str, size: usize) -> String {
    format!("{text}{}", " ".repeat(size - text.len()))
}

const MINIMAL_SCENARIO: &str = r#"{"vpclab":"scenario","version":1,"steps":[]}"#;

#[test]
fn a_document_over_the_size_limit_is_refused_naming_its_size_and_the_limit() {
    let json = document::to_json(&example::article_network());
    let text = padded(&json, limits::DOCUMENT_BYTES + 1);
    let error = document::restore(&text).expect_err("too large");
    assert_eq!(
        error,
        document::LoadError::TooLarge(TooLarge {
            size: 4_194_305,
            limit: 4_194_304
        })
    );
    assert_eq!(
        error.to_string(),
        "the document is too large: 4194305 bytes is more than the limit of 4194304 bytes"
    );
}

#[test]
fn a_document_exactly_at_the_size_limit_is_read() {
    let article = example::article_network();
    let text = padded(&document::to_json(&article), limits::DOCUMENT_BYTES);
    assert_eq!(document::restore(&text), Ok(article));
}

#[test]
fn a_scenario_over_the_size_limit_is_refused_naming_its_size_and_the_limit() {
    let text = padded(MINIMAL_SCENARIO, limits::SCENARIO_BYTES + 10);
    let error = scenario::parse(&text).expect_err("too large");
    assert_eq!(
        error.too_large,
        Some(TooLarge {
            size: 1_048_586,
            limit: 1_048_576
        })
    );
    assert_eq!(
        error.to_string(),
        "the scenario is too large: 1048586 bytes is more than the limit of 1048576 bytes"
    );
    let at_limit = padded(MINIMAL_SCENARIO, limits::SCENARIO_BYTES);
    assert!(scenario::parse(&at_limit).is_ok());
}

#[test]
fn the_cli_refuses_a_scenario_file_over_the_limit_before_reading_it() {
    let dir = std::env::temp_dir().join(format!("vpclab-untrusted-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("huge.json");
    std::fs::write(&path, padded(MINIMAL_SCENARIO, limits::SCENARIO_BYTES + 1)).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_vpclab"))
        .arg("run")
        .arg(&path)
        .output()
        .expect("the vpclab binary runs");
    std::fs::remove_dir_all(&dir).expect("clean up");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "the scenario is too large: 1048577 bytes is more than the limit of 1048576 bytes"
        ),
        "{stderr}"
    );
}

#[test]
fn deeply_nested_json_is_refused_as_not_json_instead_of_overflowing_the_stack() {
    // serde_json stops at 128 levels; 100,000 would overflow the stack of a naive parser.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(
        document::restore(&deep),
        Err(document::LoadError::NotJson(_))
    ));
    let error = scenario::parse(&deep).expect_err("not a scenario");
    assert!(error.message.starts_with("not JSON"), "{error}");
    let mut value = article_value();
    let mut nested = json!("x");
    for _ in 0..200 {
        nested = json!([nested]);
    }
    value["vpcs"][0]["name"] = nested;
    assert!(matches!(
        document::restore(&value.to_string()),
        Err(document::LoadError::NotJson(_))
    ));
}

#[test]
fn names_with_markup_quotes_emoji_right_to_left_text_and_control_characters_round_trip_as_data() {
    for name in [
        "<script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "it's \"quoted\" & <b>bold</b>",
        "red 🔴 network 🚀",
        "שלום עולם",
        "\u{202e}evil\u{202c}",
        "nul\u{0}byte",
        &"x".repeat(128),
        &"é".repeat(300),
    ] {
        let mut value = article_value();
        value["vpcs"][0]["name"] = json!(name);
        let topology = document::restore(&value.to_string()).expect(name);
        let vpc = topology.vpcs().values().next().expect("a VPC");
        assert_eq!(vpc.name, name);
        assert_eq!(
            document::restore(&document::to_json(&topology)).as_ref(),
            Ok(&topology)
        );
    }
}

#[test]
fn a_lone_surrogate_escape_is_refused_as_not_json() {
    let mut text = article_value().to_string();
    text = text.replacen("\"name\":\"", "\"name\":\"\\ud800", 1);
    assert!(matches!(
        document::restore(&text),
        Err(document::LoadError::NotJson(_))
    ));
}

#[test]
fn versions_that_are_not_small_positive_integers_are_refused() {
    for version in [
        json!(0),
        json!(-1),
        json!(1.5),
        json!("1"),
        json!(null),
        json!(u64::MAX),
    ] {
        let mut value = article_value();
        value["version"] = version.clone();
        assert!(
            matches!(
                document::restore(&value.to_string()),
                Err(document::LoadError::BadVersion | document::LoadError::FutureVersion { .. })
            ),
            "{version}"
        );
    }
    let text = article_value().to_string().replacen(
        &format!("\"version\":{}", document::VERSION),
        "\"version\":1e999",
        1,
    );
    assert!(text.contains("1e999"), "the version was replaced");
    assert!(document::restore(&text).is_err());
}

/// A document of `count` /29 VSwitches in one 10.0.0.0/8 VPC, the last one overlapping
/// the first when `overlap` is set.
fn many_vswitches(count: u32, overlap: bool) -> String {
    let mut value = json!({
        "vpclab": "topology", "version": 1, "rules": "current",
        "counters": { "vpc": 1, "vrt": 1, "vtb": 1, "vsw": count },
        "vpcs": [{ "id": "vpc-0001", "region_id": "cn-hangzhou", "cidr_block": "10.0.0.0/8",
                   "vrouter_id": "vrt-0001", "route_table_id": "vtb-0001" }],
        "vswitches": []
    });
    let vswitches = value["vswitches"].as_array_mut().expect("array");
    for n in 0..count {
        let address = std::net::Ipv4Addr::from(0x0A00_0000 + n * 8);
        let block = if overlap && n == count - 1 {
            "10.0.0.0/28".to_string()
        } else {
            format!("{address}/29")
        };
        vswitches.push(
            json!({ "id": format!("vsw-{:04}", n + 1), "vpc_id": "vpc-0001",
            "zone_id": "cn-hangzhou-b", "cidr_block": block }),
        );
    }
    value.to_string()
}

#[test]
fn thousands_of_vswitches_in_one_vpc_are_checked_for_overlaps_and_the_clash_is_named() {
    // Validation used to compare every VSwitch with every other (39,000 of them, a 4 MB
    // document, froze the tab for minutes); it is O(n log n) now and must still find the
    // one clash, naming both VSwitches.
    let topology = document::restore(&many_vswitches(3_000, false)).expect("valid");
    assert_eq!(topology.vswitches().len(), 3_000);
    let error = document::restore(&many_vswitches(3_000, true)).expect_err("overlap");
    assert_eq!(
        error.to_string(),
        "vsw-3000: 10.0.0.0/28 overlaps vsw-0002 (10.0.0.8/29)"
    );
}

/// The fuzz harness's checks (fuzz/src/lib.rs), natively: a topology a decoder accepts
/// is saved and restored unchanged, and can be drawn.
fn check_accepted_topology(topology: &vpclab::model::Topology, seed: &std::path::Path) {
    let saved = document::to_json(topology);
    assert_eq!(
        document::restore(&saved).as_ref(),
        Ok(topology),
        "{}",
        seed.display()
    );
    let diagram = vpclab::layout::diagram(topology, &Default::default());
    assert!(diagram.width.is_finite() && diagram.height.is_finite());
}

/// The files of `fuzz/seeds/<target>/`, sorted.
fn seeds(target: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the fuzz seeds")
        .map(|entry| entry.expect("a seed").path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_document_seed_of_the_fuzzer_restores_and_passes_its_checks() {
    // `make fuzz` is too slow for `make test`; replaying its seeds through the same checks
    // keeps a broken invariant from waiting for the next fuzzing run.
    let files = seeds("document");
    assert!(files.len() >= 50, "{} seeds", files.len());
    for seed in files {
        let text = std::fs::read_to_string(&seed).expect("a seed");
        let topology =
            document::restore(&text).unwrap_or_else(|error| panic!("{}: {error}", seed.display()));
        check_accepted_topology(&topology, &seed);
    }
}

#[test]
fn every_scenario_seed_of_the_fuzzer_runs_to_a_topology_that_passes_its_checks() {
    let files = seeds("scenario");
    assert!(files.len() >= 80, "{} seeds", files.len());
    let mut parsed = 0;
    for seed in files {
        let text = std::fs::read_to_string(&seed).expect("a seed");
        // The seeds include the invalid scenarios of tests/scenarios/invalid/.
        if let Ok(scenario) = scenario::parse(&text) {
            parsed += 1;
            check_accepted_topology(&scenario::run(&scenario).topology, &seed);
        }
    }
    assert!(parsed >= 80, "{parsed} scenarios parsed");
}

#[test]
fn every_lesson_seed_of_the_fuzzer_passes_the_checker_to_a_topology_that_passes_its_checks() {
    let files = seeds("lesson");
    assert!(files.len() >= 5, "{} seeds", files.len());
    for seed in files {
        let text = std::fs::read_to_string(&seed).expect("a seed");
        let parsed =
            lesson::parse(&text).unwrap_or_else(|error| panic!("{}: {error}", seed.display()));
        let report =
            lesson::check(&parsed).unwrap_or_else(|error| panic!("{}: {error}", seed.display()));
        check_accepted_topology(&report.topology, &seed);
    }
}

#[test]
fn a_lesson_over_its_limit_is_refused_with_the_sizes() {
    let text = padded(
        include_str!("../lessons/public-ips.json"),
        limits::LESSON_BYTES + 1,
    );
    let error = lesson::parse(&text).expect_err("too large");
    assert_eq!(
        error.too_large,
        Some(TooLarge {
            size: limits::LESSON_BYTES + 1,
            limit: limits::LESSON_BYTES
        })
    );
    let text = padded(
        include_str!("../lessons/public-ips.json"),
        limits::LESSON_BYTES,
    );
    assert!(lesson::parse(&text).is_ok());
}
