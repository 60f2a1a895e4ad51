//! The scenario parser's and runner's own tests (the scenario files are run by
//! `tests/scenarios.rs`).

use super::*;

fn scenario(steps: &str) -> String {
    format!(r#"{{"vpclab":"scenario","version":1,"rules":"2020","steps":[{steps}]}}"#)
}

fn parse_error(steps: &str) -> String {
    parse(&scenario(steps)).expect_err("invalid").to_string()
}

#[test]
fn document_errors_name_the_field_path() {
    assert!(parse("{")
        .expect_err("not json")
        .to_string()
        .starts_with("not JSON"));
    assert_eq!(
        parse(r#"{"vpclab":"topology","version":1,"steps":[]}"#)
            .expect_err("kind")
            .path,
        "vpclab"
    );
    assert_eq!(
        parse(r#"{"vpclab":"scenario","version":7,"steps":[]}"#)
            .expect_err("v")
            .path,
        "version"
    );
    assert_eq!(
        parse(r#"{"vpclab":"scenario","version":1,"rules":"1999","steps":[]}"#)
            .expect_err("r")
            .path,
        "rules"
    );
    assert_eq!(
        parse_error(r#"{"Action":"CreateVPC","RegionId":"x"}"#),
        "steps[0].Action: unknown action \"CreateVPC\""
    );
    assert_eq!(
        parse_error(r#"{"RegionId":"x"}"#),
        "steps[0].Action: missing: every step names its Action"
    );
    assert_eq!(
        parse_error(r#"{"Action":"CreateVpc","RegionId":"x","CidrBlok":"10.0.0.0/8"}"#),
        "steps[0].CidrBlok: unknown parameter for CreateVpc"
    );
    assert_eq!(
        parse_error(r#"{"Action":"CreateVpc","RegionId":true}"#),
        "steps[0].RegionId: expected a string, got a boolean"
    );
    assert_eq!(
        parse_error(r#"{"Action":"CreateVpc","RegionId":"x","Expect":{"Code":["a"]}}"#),
        "steps[0].Expect.Code: expected a string, got an array"
    );
    assert_eq!(
        parse_error(
            r#"{"Action":"CreateVpc","RegionId":"x","Ref":"a"},{"Action":"CreateVpc","RegionId":"x","Ref":"a"}"#
        ),
        "steps[1].Ref: \"a\" is already the Ref of steps[0]"
    );
}

#[test]
fn malformed_values_are_step_failures_not_parse_errors() {
    let text = scenario(
        r#"{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"10.0.0.0/33","Expect":{"Code":"InvalidCidrBlock.Malformed"}}"#,
    );
    assert!(run_text(&text).expect("parses").passed());
}

#[test]
fn numbers_are_read_as_strings() {
    let text = scenario(
        r#"{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"10.0.0.0/8","Ref":"vpc"},
           {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1a","CidrBlock":"10.0.0.0/24","Ref":"vsw"},
           {"Action":"RunInstances","VSwitchId":"vsw","InternetMaxBandwidthOut":5,"Expect":{"PublicIpAddress":"149.129.0.1"}}"#,
    );
    let report = run_text(&text).expect("parses");
    assert!(report.passed(), "{:?}", report.first_failure());
}

#[test]
fn a_ref_to_a_deleted_resource_is_not_found() {
    let text = scenario(
        r#"{"Action":"CreateVpc","RegionId":"ap-south-1","Ref":"vpc"},
           {"Action":"DeleteVpc","VpcId":"vpc"},
           {"Action":"CreateVpc","RegionId":"ap-south-1","Ref":"vpc2"},
           {"Action":"DeleteVpc","VpcId":"vpc","Expect":{"Code":"InvalidResourceId.NotFound"}}"#,
    );
    let report = run_text(&text).expect("parses");
    assert!(report.passed(), "{:?}", report.first_failure());
}

#[test]
fn mismatches_say_what_was_expected_and_what_happened() {
    let text = scenario(
        r#"{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"192.168.0.0/16","Ref":"vpc"},
           {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1a","CidrBlock":"192.168.1.0/24","Ref":"vsw",
            "Expect":{"Code":"InvalidCidrBlock.Overlapped"}},
           {"Action":"DeleteVpc","VpcId":"vpc"}"#,
    );
    let report = run_text(&text).expect("parses");
    let failure = report.first_failure().expect("a failure");
    assert_eq!(
        failure.to_string(),
        "step 1 (CreateVSwitch, Ref vsw): expected Code InvalidCidrBlock.Overlapped, got success (created vsw-0001)"
    );
    assert_eq!(
        report.steps.len(),
        2,
        "the runner stops at the first mismatch"
    );
}

#[test]
fn trace_steps_check_reachability_hops_reasons_and_blocking_elements() {
    let base = r#"{"Action":"CreateVpc","RegionId":"ap-south-1","CidrBlock":"192.168.0.0/16","Ref":"vpc"},
        {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1a","CidrBlock":"192.168.1.0/24","Ref":"vsw1"},
        {"Action":"CreateVSwitch","VpcId":"vpc","ZoneId":"ap-south-1b","CidrBlock":"192.168.2.0/24","Ref":"vsw2"},
        {"Action":"RunInstances","VSwitchId":"vsw1","Ref":"vm1"},
        {"Action":"RunInstances","VSwitchId":"vsw2","Ref":"vm3"}"#;
    let passes = |step: &str| {
        let report = run_text(&scenario(&format!("{base},{step}"))).expect("parses");
        report.first_failure().map(ToString::to_string)
    };
    assert_eq!(
        passes(
            r#"{"Action":"Trace","Source":"vm1","Destination":"vm3","Protocol":"tcp","Port":22,
            "Expect":{"Reachable":true,"Hops":["vm1","vsw1","vrouter","vsw2","vm3"]}}"#
        ),
        None
    );
    assert_eq!(
        passes(r#"{"Action":"Trace","Source":"vm1","Destination":"vm3"}"#),
        None
    );
    assert_eq!(
        passes(
            r#"{"Action":"Trace","Source":"vm1","Destination":"internet","Port":443,
            "Expect":{"Reachable":false,"Reason":"NoPublicIp","BlockedAt":"vm1"}}"#
        ),
        None
    );
    assert_eq!(
        passes(
            r#"{"Action":"Trace","Source":"vm1","Destination":"internet","Expect":{"Reachable":true}}"#
        ),
        Some("step 5 (Trace): expected reachable, got unreachable (NoPublicIp at vm1)".to_string())
    );
    assert_eq!(
        passes(r#"{"Action":"Trace","Source":"vm1","Destination":"vm3","Port":22,"Expect":{"Hops":["vm1","vsw1","vm3"]}}"#),
        Some("step 5 (Trace): expected Hops vm1 → vsw1 → vm3, got reachable via vm1 → vsw1 → vrouter → vsw2 → vm3".to_string())
    );
    assert_eq!(
        passes(
            r#"{"Action":"Trace","Source":"vm9","Destination":"vm3","Expect":{"Reason":"UnknownEndpoint"}}"#
        ),
        None
    );
    let bad_protocol =
        passes(r#"{"Action":"Trace","Source":"vm1","Destination":"vm3","Protocol":"sctp"}"#);
    assert!(bad_protocol.is_some_and(|failure| failure.contains("InvalidParameter")));
}

#[test]
fn trace_steps_that_are_not_well_formed_are_parse_errors() {
    assert_eq!(
        parse_error(r#"{"Action":"Trace","From":"vm1","To":"vm2"}"#),
        "steps[0].Source: missing required parameter for Trace"
    );
    assert_eq!(
        parse_error(r#"{"Action":"Trace","Source":"a","Destination":"b","To":"vm2"}"#),
        "steps[0].To: unknown parameter for Trace"
    );
    assert_eq!(
        parse_error(
            r#"{"Action":"Trace","Source":"a","Destination":"b","Expect":{"Reachable":"yes"}}"#
        ),
        "steps[0].Expect.Reachable: expected a boolean, got a string"
    );
    assert_eq!(
        parse_error(r#"{"Action":"Trace","Source":"a","Destination":"b","Expect":{"Code":"X"}}"#),
        "steps[0].Expect.Code: unknown field of a Trace expectation (Reachable, Hops, Reason, BlockedAt)"
    );
}
