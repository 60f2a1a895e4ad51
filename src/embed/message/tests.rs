//! Tests of the postMessage protocol: every request, every refusal, every event's JSON.

use serde_json::{json, Value};

use super::*;
use crate::model::example::article_network;
use crate::model::trace::{trace, Endpoint};

fn request(body: Value) -> Value {
    let mut value = json!({"vpclab": "embed", "version": 1, "id": "r1"});
    for (key, field) in body.as_object().expect("an object") {
        value[key] = field.clone();
    }
    value
}

fn parsed(body: Value) -> HostMessage {
    let value = request(body);
    parse_message(&value)
        .unwrap_or_else(|error| panic!("{value}: {error}"))
        .message
}

fn problem(body: Value) -> MessageProblem {
    match parse_message(&request(body)) {
        Err(MessageError::Invalid { id, problem }) => {
            assert_eq!(id, CorrelationId::Text("r1".into()));
            problem
        }
        other => panic!("expected an invalid request, got {other:?}"),
    }
}

#[test]
fn every_request_type_is_read() {
    assert_eq!(
        parsed(json!({"type": "loadScenario", "text": "{}"})),
        HostMessage::LoadScenario(Content::Text("{}".into()))
    );
    assert!(matches!(
        parsed(json!({"type": "loadTopology", "url": "nets/a.json"})),
        HostMessage::LoadTopology(Content::Url(url)) if url.as_str() == "nets/a.json"
    ));
    assert_eq!(
        parsed(json!({"type": "loadLesson", "lesson": "ecs-networking"})),
        HostMessage::LoadLesson(LessonRef::BuiltIn("ecs-networking".into()))
    );
    assert_eq!(
        parsed(
            json!({"type": "trace", "from": "i-0001", "to": "i-0003", "protocol": "tcp", "port": 22, "animate": true})
        ),
        HostMessage::Trace(TraceRequest {
            from: "i-0001".into(),
            to: "i-0003".into(),
            protocol: Protocol::Tcp,
            port: Some(22),
            animate: true
        })
    );
    assert_eq!(
        parsed(json!({"type": "select", "element": "vsw-0001"})),
        HostMessage::Select(Some(ElementId::resource("vsw-0001")))
    );
    assert_eq!(
        parsed(json!({"type": "select", "element": null})),
        HostMessage::Select(None)
    );
    assert_eq!(parsed(json!({"type": "select"})), HostMessage::Select(None));
    assert_eq!(
        parsed(json!({"type": "goToStep", "step": 2})),
        HostMessage::GoToStep(2)
    );
    assert_eq!(
        parsed(json!({"type": "getTopology"})),
        HostMessage::GetTopology
    );
    assert_eq!(HOST_TYPES.len(), 7);
}

#[test]
fn a_trace_defaults_to_tcp_any_port_without_animation() {
    assert_eq!(
        parsed(json!({"type": "trace", "from": "i-0001", "to": "internet"})),
        HostMessage::Trace(TraceRequest {
            from: "i-0001".into(),
            to: "internet".into(),
            protocol: Protocol::Tcp,
            port: None,
            animate: false
        })
    );
}

#[test]
fn ids_may_be_texts_or_whole_numbers_and_are_required() {
    let with_id = |id: Value| {
        let mut value = request(json!({"type": "getTopology"}));
        value["id"] = id;
        parse_message(&value)
    };
    assert_eq!(
        with_id(json!(42)).map(|r| r.id),
        Ok(CorrelationId::Number(42))
    );
    assert_eq!(
        with_id(json!("x".repeat(ID_CHARS))).map(|r| r.id),
        Ok(CorrelationId::Text("x".repeat(ID_CHARS)))
    );
    assert_eq!(with_id(Value::Null), Err(MessageError::MissingId));
    for bad in [
        json!(""),
        json!(-1),
        json!(1.5),
        json!("x".repeat(ID_CHARS + 1)),
        json!([1]),
        json!({"a": 1}),
    ] {
        assert_eq!(with_id(bad.clone()), Err(MessageError::BadId), "{bad}");
    }
    let mut no_id = request(json!({"type": "getTopology"}));
    no_id.as_object_mut().expect("object").remove("id");
    assert_eq!(parse_message(&no_id), Err(MessageError::MissingId));
}

#[test]
fn messages_of_other_scripts_are_not_for_vpclab() {
    for value in [
        json!(null),
        json!("getTopology"),
        json!(7),
        json!([{"vpclab": "embed"}]),
        json!({"type": "getTopology", "id": 1, "version": 1}),
        json!({"vpclab": "topology", "version": 1, "id": 1, "type": "getTopology"}),
        json!({"vpclab": true}),
        json!({"source": "react-devtools-content-script", "payload": {}}),
    ] {
        assert_eq!(
            parse_message(&value),
            Err(MessageError::NotForVpclab),
            "{value}"
        );
    }
}

#[test]
fn a_wrong_version_or_type_is_answered_with_the_id() {
    let mut future = request(json!({"type": "getTopology"}));
    future["version"] = json!(2);
    assert!(matches!(
        parse_message(&future),
        Err(MessageError::Invalid {
            problem: MessageProblem::UnsupportedVersion(Some(2)),
            ..
        })
    ));
    let mut missing = request(json!({"type": "getTopology"}));
    missing.as_object_mut().expect("object").remove("version");
    assert!(matches!(
        parse_message(&missing),
        Err(MessageError::Invalid {
            problem: MessageProblem::UnsupportedVersion(None),
            ..
        })
    ));
    assert_eq!(
        problem(json!({"type": "deleteEverything"})),
        MessageProblem::UnknownType(Some("deleteEverything".into()))
    );
    assert_eq!(problem(json!({})), MessageProblem::UnknownType(None));
    // App-to-host types are not requests.
    assert_eq!(
        problem(json!({"type": "ready"})),
        MessageProblem::UnknownType(Some("ready".into()))
    );
}

#[test]
fn missing_unknown_and_mistyped_fields_are_shape_problems() {
    for body in [
        json!({"type": "trace", "from": "i-0001"}),
        json!({"type": "trace", "from": "i-0001", "to": "i-0003", "anmiate": true}),
        json!({"type": "trace", "from": "i-0001", "to": "i-0003", "port": 70000}),
        json!({"type": "trace", "from": "i-0001", "to": "i-0003", "protocol": "sctp"}),
        json!({"type": "goToStep", "step": "2"}),
        json!({"type": "goToStep", "step": -1}),
        json!({"type": "getTopology", "format": "terraform"}),
        json!({"type": "loadLesson"}),
    ] {
        assert!(
            matches!(problem(body.clone()), MessageProblem::Shape(_)),
            "{body}"
        );
    }
}

#[test]
fn values_are_checked_after_the_shape() {
    assert_eq!(
        problem(json!({"type": "loadScenario"})),
        MessageProblem::TextOrUrl
    );
    assert_eq!(
        problem(json!({"type": "loadTopology", "text": "{}", "url": "a.json"})),
        MessageProblem::TextOrUrl
    );
    assert_eq!(
        problem(json!({"type": "loadScenario", "url": "javascript:alert(1)"})),
        MessageProblem::BadUrl(UrlProblem::Scheme("javascript".into()))
    );
    assert_eq!(
        problem(json!({"type": "loadLesson", "lesson": "Not An Id"})),
        MessageProblem::BadLessonId("Not An Id".into())
    );
    assert_eq!(
        problem(json!({"type": "select", "element": "nonsense"})),
        MessageProblem::BadElement("nonsense".into())
    );
    assert_eq!(
        problem(json!({"type": "trace", "from": "a", "to": "b", "port": 0})),
        MessageProblem::BadPort
    );
    assert_eq!(
        problem(json!({"type": "goToStep", "step": 0})),
        MessageProblem::BadStep
    );
}

#[test]
fn content_text_is_refused_past_its_limit_before_anything_reads_it() {
    let scenario = " ".repeat(limits::SCENARIO_BYTES + 1);
    assert_eq!(
        problem(json!({"type": "loadScenario", "text": scenario})),
        MessageProblem::TooLarge(TooLarge {
            size: limits::SCENARIO_BYTES + 1,
            limit: limits::SCENARIO_BYTES
        })
    );
    // A topology document may be larger than a scenario.
    let document = " ".repeat(limits::SCENARIO_BYTES + 1);
    assert!(matches!(
        parsed(json!({"type": "loadTopology", "text": document})),
        HostMessage::LoadTopology(Content::Text(_))
    ));
}

#[test]
fn deeply_nested_and_odd_values_never_panic() {
    let mut deep = json!(1);
    for _ in 0..64 {
        deep = json!({"vpclab": "embed", "version": 1, "id": 1, "type": "select", "element": deep});
    }
    assert!(matches!(
        parse_message(&deep),
        Err(MessageError::Invalid { .. })
    ));
    for value in [
        json!({"vpclab": "embed", "version": 1.0, "id": 1, "type": "getTopology"}),
        json!({"vpclab": "embed", "version": "1", "id": 1, "type": "getTopology"}),
        json!({"vpclab": "embed", "version": 1, "id": 1, "type": 7}),
        json!({"vpclab": "embed", "version": 1, "id": 1, "type": "trace", "from": null, "to": []}),
    ] {
        assert!(parse_message(&value).is_err(), "{value}");
    }
}

#[test]
fn events_carry_the_envelope_and_their_fields() {
    assert_eq!(
        AppMessage::ready(true).to_value(),
        json!({"vpclab": "embed", "version": 1, "type": "ready", "readonly": true, "accepts": HOST_TYPES})
    );
    assert_eq!(
        AppMessage::Changed {
            action: ActionKind::CreateVSwitch
        }
        .to_value(),
        json!({"vpclab": "embed", "version": 1, "type": "changed", "action": "CreateVSwitch"})
    );
    assert_eq!(
        AppMessage::LessonStepPassed {
            lesson: "ecs-networking".into(),
            step: 2
        }
        .to_value(),
        json!({"vpclab": "embed", "version": 1, "type": "lessonStepPassed", "lesson": "ecs-networking", "step": 2})
    );
    assert_eq!(
        AppMessage::LessonCompleted {
            lesson: "ecs-networking".into(),
            score: Score {
                points: 7,
                out_of: 9
            }
        }
        .to_value(),
        json!({"vpclab": "embed", "version": 1, "type": "lessonCompleted", "lesson": "ecs-networking", "score": {"points": 7, "out_of": 9}})
    );
    assert_eq!(
        AppMessage::Reply {
            id: CorrelationId::Number(3),
            topology: None
        }
        .to_value(),
        json!({"vpclab": "embed", "version": 1, "type": "reply", "id": 3})
    );
}

#[test]
fn a_trace_result_names_the_verdict_the_reason_code_and_the_hops() {
    let article = article_network();
    let vm1 = Endpoint::Resource("i-0001".into());
    let vm3 = Endpoint::Resource("i-0003".into());
    let reached = trace(&article, &vm1, &vm3, Protocol::Tcp, Some(22));
    assert_eq!(
        AppMessage::trace_result(Some(CorrelationId::Text("t".into())), &reached).to_value(),
        json!({
            "vpclab": "embed", "version": 1, "type": "traceResult", "id": "t",
            "verdict": "reachable", "protocol": "tcp", "port": 22,
            "hops": [
                {"element": "i-0001", "kind": "instance"},
                {"element": "vsw-0001", "kind": "vswitch"},
                {"element": "vrt-0001", "kind": "vrouter"},
                {"element": "vsw-0002", "kind": "vswitch"},
                {"element": "i-0003", "kind": "instance"}
            ]
        })
    );
    let internet = Endpoint::Internet(None);
    let blocked = trace(&article, &internet, &vm1, Protocol::Tcp, Some(22));
    let value = AppMessage::trace_result(None, &blocked).to_value();
    assert_eq!(value["verdict"], "unreachable");
    assert!(value.get("id").is_none());
    let code = value["reason"].as_str().expect("a reason code");
    assert!(crate::model::trace::Reason::CODES.contains(&code), "{code}");
}

#[test]
fn a_malformed_request_with_an_id_gets_an_error_and_others_get_nothing() {
    let error = parse_message(&request(json!({"type": "goToStep", "step": 0}))).expect_err("bad");
    assert_eq!(
        AppMessage::for_malformed(&error).map(|m| m.to_value()),
        Some(json!({
            "vpclab": "embed", "version": 1, "type": "error", "id": "r1",
            "code": "badMessage", "message": "\"step\" must be from 1"
        }))
    );
    let mut future = request(json!({"type": "getTopology"}));
    future["version"] = json!(9);
    let error = parse_message(&future).expect_err("future");
    assert_eq!(
        AppMessage::for_malformed(&error).map(|m| m.to_value()["code"].clone()),
        Some(json!("unsupportedVersion"))
    );
    for error in [
        MessageError::NotForVpclab,
        MessageError::MissingId,
        MessageError::BadId,
    ] {
        assert_eq!(AppMessage::for_malformed(&error), None);
    }
}

#[test]
fn the_topology_reply_holds_the_document_the_model_restores() {
    let article = article_network();
    let document: Value =
        serde_json::from_str(&crate::model::document::to_json(&article)).expect("json");
    let reply = AppMessage::Reply {
        id: CorrelationId::Text("g".into()),
        topology: Some(document),
    }
    .to_value();
    assert_eq!(reply["topology"]["vpclab"], "topology");
    let restored = crate::model::document::restore(&reply["topology"].to_string());
    assert_eq!(restored, Ok(article));
}
