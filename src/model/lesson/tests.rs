//! The lesson parser's, predicates' and checker's own tests (the built-in lesson files are
//! also checked through the CLI by `tests/cli.rs`).

#[cfg(not(target_arch = "wasm32"))]
use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;
use crate::model::error::ErrorCode;
use crate::model::scenario;
use crate::model::trace::ReasonCode;

fn en_es(en: &str, es: &str) -> Value {
    json!({"en": en, "es": es})
}

/// A small lesson that passes: a VPC and a VSwitch at the start, then one step of each kind.
fn small() -> Value {
    json!({
        "vpclab": "lesson", "version": 1, "id": "small",
        "title": en_es("Small", "Pequeña"), "summary": en_es("A test.", "Una prueba."),
        "rules": "2020",
        "start": {"steps": [
            {"Action": "CreateVpc", "RegionId": "ap-south-1", "CidrBlock": "192.168.0.0/16", "Ref": "vpc"},
            {"Action": "CreateVSwitch", "VpcId": "vpc", "ZoneId": "ap-south-1a", "CidrBlock": "192.168.1.0/24", "Ref": "vsw1"}
        ]},
        "steps": [
            {"title": en_es("Look", "Mira"), "text": en_es("One VM.", "Una VM."),
             "show": {"calls": [{"Action": "RunInstances", "VSwitchId": "vsw1", "Ref": "vm1"}], "highlight": ["vm1", "vrt-0001"]}},
            {"title": en_es("Do", "Haz"), "text": en_es("A second zone.", "Una segunda zona."),
             "do": {"goal": {"exists": {"kind": "vswitch", "zone": "ap-south-1b", "as": "vsw2"}},
                    "hint": en_es("CreateVSwitch.", "CreateVSwitch."),
                    "solution": [{"Action": "CreateVSwitch", "VpcId": "vpc", "ZoneId": "ap-south-1b", "CidrBlock": "192.168.2.0/24"}]}},
            {"title": en_es("Guess", "Adivina"), "text": en_es("Out?", "¿Sale?"),
             "predict": {"question": en_es("Can vm1 reach the Internet?", "¿Llega vm1 a Internet?"),
                         "trace": {"Source": "vm1", "Destination": "internet", "Port": 443},
                         "choices": [
                            {"en": "Yes", "es": "Sí", "verdict": "reachable"},
                            {"en": "No", "es": "No", "verdict": "unreachable", "reason": "NoPublicIp"}],
                         "answer": 1}}
        ]
    })
}

fn parse_value(value: &Value) -> Result<Lesson, ParseError> {
    parse(&value.to_string())
}

fn parse_error(value: &Value) -> ParseError {
    parse_value(value).expect_err("refused")
}

fn check_error(value: &Value) -> CheckError {
    let lesson = parse_value(value).expect("parses");
    check(&lesson).expect_err("refused by the checker")
}

#[test]
fn the_menu_headings_are_the_lessons_own_titles_and_summaries() {
    let headings = builtin_headings();
    let lessons = builtin();
    assert_eq!(headings.len(), lessons.len());
    for (heading, (id, lesson)) in headings.iter().zip(&lessons) {
        assert_eq!(heading.id, *id);
        assert_eq!(heading.title, lesson.title);
        assert_eq!(heading.summary, lesson.summary);
    }
    let error = heading(r#"{"title": {"en": "Only English"}}"#).expect_err("refused");
    assert_eq!(error.to_string(), "title.es: missing: the Spanish text");
}

#[test]
fn every_built_in_lesson_parses_and_passes_the_checker() {
    let lessons = builtin();
    assert_eq!(lessons.len(), BUILTIN_TEXTS.len());
    for (id, lesson) in &lessons {
        assert_eq!(*id, lesson.id);
        let report = check(lesson).unwrap_or_else(|error| panic!("{id}: {error}"));
        let [show, task, predict] = report.counts;
        assert!(show > 0 && task > 0 && predict > 0, "{id}: {report}");
        let breaks_a_rule = lesson.steps.iter().any(|step| {
            matches!(&step.kind, StepKind::Do(task) if matches!(task.goal, Predicate::MetError(_)))
        });
        assert!(
            breaks_a_rule,
            "{id} has no step that teaches a rule by breaking it"
        );
    }
    let ids: Vec<&str> = lessons.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids,
        [
            "ecs-networking",
            "plan-cidrs",
            "fix-broken-network",
            "public-ips",
            "hybrid-cloud"
        ]
    );
    assert!(builtin_lesson("public-ips").is_some());
    assert!(builtin_lesson("nope").is_none());
}

#[test]
fn one_built_in_lesson_starts_from_a_topology_document() {
    let lesson = builtin_lesson("fix-broken-network").expect("built in");
    assert!(matches!(lesson.start, Start::Topology(_)));
}

#[test]
fn the_small_lesson_passes_and_play_to_gives_the_network_as_each_step_opens() {
    let lesson = parse_value(&small()).expect("parses");
    let report = check(&lesson).expect("passes");
    assert_eq!(
        report.to_string(),
        "lesson small, 3 steps (1 show, 1 do, 1 predict)"
    );
    assert_eq!(
        report.refs.get("vsw2").map(String::as_str),
        Some("vsw-0002")
    );
    let (at_do, refs) = play_to(&lesson, 1).expect("plays");
    assert_eq!(at_do.instances().len(), 1);
    assert_eq!(at_do.vswitches().len(), 1);
    assert!(!refs.contains_key("vsw2"));
}

#[test]
fn a_file_that_is_not_a_lesson_is_refused_with_the_field_path() {
    let mut value = small();
    value["vpclab"] = json!("scenario");
    assert_eq!(parse_error(&value).path, "vpclab");

    let mut value = small();
    value["version"] = json!(2);
    let error = parse_error(&value);
    assert_eq!(error.path, "version");
    assert!(error.message.contains("newer"), "{error}");

    let mut value = small();
    value["steps"][1]["text"] = json!({"en": "Only English."});
    assert_eq!(
        parse_error(&value).to_string(),
        "steps[1].text.es: missing: the Spanish text"
    );

    let mut value = small();
    value["summary"]["es"] = json!("  ");
    assert_eq!(
        parse_error(&value).to_string(),
        "summary.es: the Spanish text is empty"
    );

    let mut value = small();
    value["steps"][1]["do"]["solution"][0]["Action"] = json!("CreateVSwtich");
    assert_eq!(
        parse_error(&value).to_string(),
        "steps[1].do.solution[0].Action: unknown action \"CreateVSwtich\""
    );

    let mut value = small();
    value["start"]["steps"][1]
        .as_object_mut()
        .expect("object")
        .remove("CidrBlock");
    assert_eq!(
        parse_error(&value).to_string(),
        "start.steps[1].CidrBlock: missing required parameter for CreateVSwitch"
    );

    let mut value = small();
    value["id"] = json!("Small Lesson");
    assert_eq!(parse_error(&value).path, "id");

    assert!(parse("{")
        .expect_err("not json")
        .message
        .starts_with("not JSON"));
}

#[test]
fn steps_goals_and_predictions_that_are_not_well_formed_are_refused() {
    let cases: [(&str, Value, &str); 9] = [
        (
            "/steps/0/show",
            json!({"calls": [], "nothing": 1}),
            "steps[0].show.nothing",
        ),
        (
            "/steps/1/do/goal",
            json!({"exists": {"kind": "vpc", "zone": "ap-south-1a"}}),
            "steps[1].do.goal.exists.zone",
        ),
        (
            "/steps/1/do/goal",
            json!({"exists": {"kind": "router"}}),
            "steps[1].do.goal.exists.kind",
        ),
        (
            "/steps/1/do/goal",
            json!({"count": {"kind": "vswitch"}}),
            "steps[1].do.goal",
        ),
        (
            "/steps/1/do/goal",
            json!({"met_error": "NoSuchCode"}),
            "steps[1].do.goal.met_error",
        ),
        (
            "/steps/1/do/goal",
            json!({"trace": {"Source": "vm1", "Destination": "internet"}, "verdict": "unreachable"}),
            "steps[1].do.goal.reason",
        ),
        (
            "/steps/2/predict/answer",
            json!(2),
            "steps[2].predict.answer",
        ),
        (
            "/steps/2/predict/choices/1/verdict",
            json!("reachable"),
            "steps[2].predict.choices[1].reason",
        ),
        ("/steps/1/do/solution", json!([]), "steps[1].do.solution"),
    ];
    for (pointer, replacement, path) in cases {
        let mut value = small();
        *value.pointer_mut(pointer).expect(pointer) = replacement;
        assert_eq!(parse_error(&value).path, path, "{pointer}");
    }
    let mut value = small();
    value["steps"][2]["predict"]["choices"][1] =
        json!({"en": "Yes!", "es": "¡Sí!", "verdict": "reachable"});
    assert_eq!(
        parse_error(&value).path,
        "steps[2].predict.choices[1].verdict"
    );
    let mut value = small();
    value["steps"][1]["do"]["goal"]["exists"]["as"] = json!("vm1");
    assert_eq!(
        parse_error(&value).to_string(),
        "steps[1].do.goal.exists.as: \"vm1\" already names what steps[0].show.calls[0].Ref made"
    );
    let mut value = small();
    value["steps"][0]["do"] = json!({});
    assert_eq!(parse_error(&value).path, "steps[0]");
}

#[test]
fn a_lesson_over_the_size_limit_is_refused_before_it_is_read() {
    let text = format!("{}{}", small(), " ".repeat(limits_bytes()));
    let error = parse(&text).expect_err("too large");
    assert!(error.too_large.is_some());
    assert!(error.message.starts_with("the lesson is too large"));
}

fn limits_bytes() -> usize {
    crate::model::limits::LESSON_BYTES
}

#[test]
fn a_goal_that_already_holds_when_its_step_opens_is_refused() {
    let mut value = small();
    value["steps"][1]["do"]["goal"] = json!({"exists": {"kind": "vswitch", "zone": "ap-south-1a"}});
    assert_eq!(check_error(&value), CheckError::GoalAlreadyMet { step: 1 });
}

#[test]
fn a_solution_that_does_not_reach_its_goal_is_refused_with_why() {
    let mut value = small();
    value["steps"][1]["do"]["goal"] =
        json!({"exists": {"kind": "vswitch", "zone": "ap-south-1b", "cidr": "192.168.3.0/24"}});
    let error = check_error(&value);
    assert_eq!(error.step(), Some(1));
    assert_eq!(
        error.to_string(),
        "steps[1] (do): the solution does not reach the goal: There is no VSwitch in zone ap-south-1b, with the block 192.168.3.0/24 yet. vsw-0002 comes closest, but its block is 192.168.2.0/24."
    );
    let mut value = small();
    value["steps"][1]["do"]["solution"][0]["CidrBlock"] = json!("192.168.1.0/25");
    assert!(matches!(
        check_error(&value),
        CheckError::SolutionFails { step: 1, .. }
    ));
}

#[test]
fn a_wrong_predicted_answer_is_refused_with_the_trace_s_verdict() {
    let mut value = small();
    value["steps"][2]["predict"]["answer"] = json!(0);
    assert_eq!(
        check_error(&value),
        CheckError::WrongAnswer {
            step: 2,
            declared: Verdict::Reachable,
            actual: Verdict::Unreachable(ReasonCode::NoPublicIp),
        }
    );
}

#[test]
fn a_failing_start_or_show_step_and_an_unknown_highlight_are_refused() {
    let mut value = small();
    value["start"]["steps"][1]["ZoneId"] = json!("ap-south-1z");
    assert!(matches!(check_error(&value), CheckError::StartFails { .. }));
    let mut value = small();
    value["steps"][0]["show"]["highlight"] = json!(["vm9"]);
    assert_eq!(
        check_error(&value),
        CheckError::UnknownHighlight {
            step: 0,
            name: "vm9".into()
        }
    );
}

#[test]
fn a_solution_s_refs_end_with_it_but_a_goal_s_as_names_what_it_found() {
    let mut value = small();
    value["steps"][1]["do"]["solution"][0]["Ref"] = json!("made");
    value["steps"][2]["predict"]["trace"]["Source"] = json!("made");
    // `made` names nothing after the step: the trace's endpoint is unknown.
    assert!(matches!(
        check_error(&value),
        CheckError::WrongAnswer {
            actual: Verdict::Unreachable(ReasonCode::UnknownEndpoint),
            ..
        }
    ));
}

/// The network of the small lesson's start, with one instance and the Refs.
fn network() -> (crate::model::Topology, Refs) {
    let lesson = parse_value(&small()).expect("parses");
    play_to(&lesson, 1).expect("plays")
}

fn goal(value: Value) -> Predicate {
    let mut lesson = small();
    lesson["steps"][1]["do"]["goal"] = value;
    let parsed = parse_value(&lesson).expect("parses");
    match &parsed.steps[1].kind {
        StepKind::Do(task) => task.goal.clone(),
        other => panic!("not a do step: {other:?}"),
    }
}

#[test]
fn exists_filters_by_zone_block_vswitch_name_and_public_address() {
    let (topology, refs) = network();
    let holds = |value: Value| goal(value).evaluate(&topology, &refs, &[]).is_ok();
    assert!(holds(
        json!({"exists": {"kind": "vswitch", "zone": "ap-south-1a", "cidr_within": "192.168.0.0/16"}})
    ));
    assert!(!holds(
        json!({"exists": {"kind": "vswitch", "cidr_within": "192.168.1.0/25"}})
    ));
    assert!(holds(
        json!({"exists": {"kind": "vswitch", "cidr_outside": "10.0.0.0/8"}})
    ));
    assert!(!holds(
        json!({"exists": {"kind": "vswitch", "cidr_outside": "192.168.0.0/23"}})
    ));
    assert!(holds(
        json!({"exists": {"kind": "instance", "vswitch": "vsw1", "private_ip": "192.168.1.1", "public_ip": "none"}})
    ));
    assert!(!holds(
        json!({"exists": {"kind": "instance", "public_ip": "any"}})
    ));
    assert!(holds(
        json!({"exists": {"kind": "vpc", "region": "ap-south-1", "cidr": "192.168.0.0/16"}})
    ));
    assert!(holds(json!({"exists": {"kind": "vrouter", "vpc": "vpc"}})));
    assert!(!holds(json!({"exists": {"kind": "vpc", "name": "other"}})));
}

#[test]
fn count_trace_met_error_and_all_goals() {
    let (topology, refs) = network();
    let holds =
        |value: Value, met: &[ErrorCode]| goal(value).evaluate(&topology, &refs, met).is_ok();
    assert!(holds(
        json!({"count": {"kind": "vswitch"}, "equals": 1}),
        &[]
    ));
    assert!(holds(json!({"count": {"kind": "eip"}, "at_most": 0}), &[]));
    assert!(!holds(
        json!({"count": {"kind": "instance"}, "at_least": 2}),
        &[]
    ));
    let no_public_ip = json!({"trace": {"Source": "vm1", "Destination": "internet"}, "verdict": "unreachable", "reason": "NoPublicIp"});
    assert!(holds(no_public_ip.clone(), &[]));
    assert!(!holds(
        json!({"trace": {"Source": "vm1", "Destination": "internet"}, "verdict": "reachable"}),
        &[]
    ));
    let overlap = json!({"met_error": "InvalidCidrBlock.Overlapped"});
    assert!(!holds(overlap.clone(), &[]));
    assert!(holds(overlap.clone(), &[ErrorCode::CidrOverlapped]));
    assert!(holds(
        json!({"all": [overlap.clone(), no_public_ip]}),
        &[ErrorCode::CidrOverlapped]
    ));
    assert!(!holds(
        json!({"all": [overlap, {"count": {"kind": "vpc"}, "equals": 2}]}),
        &[ErrorCode::CidrOverlapped]
    ));
}

#[test]
fn unmet_goals_are_explained_in_both_languages() {
    let (topology, refs) = network();
    let unmet = |value: Value| {
        goal(value)
            .evaluate(&topology, &refs, &[])
            .expect_err("unmet")
    };
    let missing = unmet(json!({"exists": {"kind": "instance", "zone": "ap-south-1b"}}));
    assert_eq!(
        missing.explain(Language::English),
        "There is no ECS instance in zone ap-south-1b yet. i-0001 comes closest, but its zone is ap-south-1a."
    );
    assert_eq!(
        missing.explain(Language::Spanish),
        "Todavía no hay ninguna instancia ECS en la zona ap-south-1b. i-0001 es lo que más se acerca, pero su zona es ap-south-1a."
    );
    let count = unmet(json!({"count": {"kind": "vswitch", "vpc": "vpc"}, "equals": 2}));
    assert_eq!(
        count.explain(Language::English),
        "Count of VSwitch in VPC vpc-0001: 1. The goal wants exactly 2."
    );
    assert_eq!(
        count.explain(Language::Spanish),
        "Número de VSwitch en la VPC vpc-0001: 1. El objetivo pide exactamente 2."
    );
    let trace = unmet(
        json!({"trace": {"Source": "vm1", "Destination": "internet"}, "verdict": "reachable"}),
    );
    assert!(trace.explain(Language::English).starts_with(
        "The trace from vm1 to internet answers unreachable (NoPublicIp); the goal wants reachable. Why: i-0001 has no public address"
    ));
    assert!(trace.explain(Language::Spanish).starts_with(
        "El trazado de vm1 a internet responde inalcanzable (NoPublicIp); el objetivo pide alcanzable. Por qué: i-0001 no tiene"
    ));
    let error = unmet(json!({"met_error": "InvalidPrivateIpAddress.Reserved"}));
    assert!(error
        .explain(Language::English)
        .contains("InvalidPrivateIpAddress.Reserved"));
    assert!(error
        .explain(Language::Spanish)
        .contains("InvalidPrivateIpAddress.Reserved"));
}

#[test]
fn reason_codes_spell_as_the_trace_s_codes() {
    for (code, text) in ReasonCode::ALL
        .iter()
        .zip(crate::model::trace::Reason::CODES)
    {
        assert_eq!(code.as_str(), text);
        assert_eq!(ReasonCode::from_code(text), Some(*code));
    }
}

#[test]
fn solutions_parse_through_the_scenario_step_parser() {
    let value = small();
    let lesson = parse_value(&value).expect("parses");
    let StepKind::Do(task) = &lesson.steps[1].kind else {
        panic!("a do step")
    };
    let alone = scenario::parse_steps(
        "steps[1].do.solution",
        value["steps"][1]["do"]["solution"]
            .as_array()
            .expect("array"),
    )
    .expect("parses");
    assert_eq!(task.solution, alone);
}

#[cfg(not(target_arch = "wasm32"))]
proptest! {
    /// Whatever block a learner picks inside the VPC, `cidr_within` the VPC's block and
    /// `cidr` its own block find it, and `cidr_outside` its own block does not.
    #[test]
    fn block_properties_agree_with_the_block_created(third in 2u8..=255, prefix in 24u8..=29) {
        let (mut topology, refs) = network();
        let block = format!("192.168.{third}.0/{prefix}");
        let command = crate::model::Command::CreateVSwitch {
            vpc_id: "vpc-0001".into(),
            zone_id: "ap-south-1b".into(),
            cidr_block: block.clone(),
            vswitch_name: None,
            description: None,
        };
        topology.apply_in_place(&command).expect("a free block");
        let holds = |value: Value| goal(value).evaluate(&topology, &refs, &[]).is_ok();
        let within = holds(json!({"exists": {"kind": "vswitch", "zone": "ap-south-1b", "cidr_within": "192.168.0.0/16"}}));
        let exact = holds(json!({"exists": {"kind": "vswitch", "zone": "ap-south-1b", "cidr": block}}));
        let outside = holds(json!({"exists": {"kind": "vswitch", "zone": "ap-south-1b", "cidr_outside": block}}));
        prop_assert!(within && exact && !outside, "{} {} {}", within, exact, outside);
    }

    /// A count bound allows exactly the counts its name says.
    #[test]
    fn count_bounds_mean_what_they_say(wanted in 0usize..50, found in 0usize..50) {
        prop_assert_eq!(CountBound::Equals(wanted).allows(found), found == wanted);
        prop_assert_eq!(CountBound::AtLeast(wanted).allows(found), found >= wanted);
        prop_assert_eq!(CountBound::AtMost(wanted).allows(found), found <= wanted);
    }
}
