//! Tests of the query reader: every parameter, every error, the storage key.

use super::*;

fn options(query: &str) -> EmbedOptions {
    EmbedOptions::from_query(query).unwrap_or_else(|error| panic!("{query}: {error}"))
}

fn error(query: &str) -> QueryError {
    EmbedOptions::from_query(query).expect_err(query)
}

#[test]
fn an_empty_query_is_a_plain_visit_of_the_editor_with_the_saved_network() {
    for query in ["", "?", "?&&", "?utm_source=newsletter&x"] {
        let plain = options(query);
        assert_eq!(plain, EmbedOptions::default());
        assert!(plain.shows_editor() && plain.allows_edits() && plain.uses_saved_network());
    }
}

#[test]
fn flags_accept_one_zero_true_false_and_a_bare_name() {
    assert!(options("embed=1").embed);
    assert!(options("embed=true").embed);
    assert!(options("embed").embed);
    assert!(!options("embed=0").embed);
    assert!(!options("embed=false").embed);
    assert_eq!(
        error("readonly=yes"),
        QueryError::BadFlag {
            parameter: Parameter::Readonly,
            value: "yes".into()
        }
    );
}

#[test]
fn embed_hides_the_editor_unless_edit_is_asked_and_never_uses_the_saved_network() {
    let embedded = options("?embed=1");
    assert!(!embedded.shows_editor() && embedded.allows_edits());
    assert!(!embedded.uses_saved_network());
    let editing = options("?embed=1&edit=1");
    assert!(editing.shows_editor());
    let readonly = options("?embed=1&readonly=1");
    assert!(!readonly.allows_edits());
    assert_eq!(
        error("?embed=1&readonly=1&edit=1"),
        QueryError::ReadonlyAndEdit
    );
}

#[test]
fn a_lesson_outside_embed_mode_plays_over_the_saved_network_and_inside_it_does_not() {
    assert!(options("?lesson=ecs-networking").uses_saved_network());
    assert!(options("?lesson=lessons%2Fmine.json&step=2").uses_saved_network());
    assert!(!options("?embed=1&lesson=ecs-networking").uses_saved_network());
    assert!(!options("?scenario=a.json").uses_saved_network());
}

#[test]
fn a_content_address_replaces_the_saved_network_even_outside_embed_mode() {
    let standalone = options("?topology=https%3A%2F%2Fx.example%2Fnet.json");
    assert!(!standalone.uses_saved_network());
    assert!(matches!(
        standalone.source,
        Some(ContentSource::Topology(ref url)) if url.as_str() == "https://x.example/net.json"
    ));
}

#[test]
fn only_one_content_source_is_allowed() {
    assert_eq!(
        error("scenario=a.json&topology=b.json"),
        QueryError::TwoSources(Parameter::Scenario, Parameter::Topology)
    );
    assert_eq!(
        error("lesson=ecs-networking&scenario=a.json"),
        QueryError::TwoSources(Parameter::Lesson, Parameter::Scenario)
    );
}

#[test]
fn content_addresses_are_checked() {
    assert_eq!(
        error("scenario=javascript%3Aalert(1)"),
        QueryError::BadUrl {
            parameter: Parameter::Scenario,
            value: "javascript:alert(1)".into(),
            problem: UrlProblem::Scheme("javascript".into())
        }
    );
    assert_eq!(
        error("topology="),
        QueryError::BadUrl {
            parameter: Parameter::Topology,
            value: String::new(),
            problem: UrlProblem::Empty
        }
    );
    assert!(matches!(
        error("lesson=data%3Atext%2Fplain,x"),
        QueryError::BadUrl {
            parameter: Parameter::Lesson,
            ..
        }
    ));
}

#[test]
fn lessons_are_ids_or_addresses_and_steps_count_from_one() {
    let built_in = options("lesson=ecs-networking&step=3");
    assert_eq!(
        built_in.source,
        Some(ContentSource::Lesson(LessonRef::BuiltIn(
            "ecs-networking".into()
        )))
    );
    assert_eq!(built_in.step, Some(3));
    assert!(matches!(
        options("lesson=lessons%2Fmine.json").source,
        Some(ContentSource::Lesson(LessonRef::Url(_)))
    ));
    assert_eq!(
        error("lesson=ECS+networking"),
        QueryError::BadLessonId("ECS networking".into())
    );
    for step in ["0", "-1", "2.5", "two", "", "99999999999"] {
        assert_eq!(
            error(&format!("step={step}")),
            QueryError::BadStep(step.into())
        );
    }
    // "+" is a space in a query, and a space is not a digit.
    assert_eq!(error("step=+2"), QueryError::BadStep(" 2".into()));
}

#[test]
fn the_language_is_english_or_spanish() {
    assert_eq!(options("lang=es").language, Some(Language::Spanish));
    assert_eq!(options("lang=EN").language, Some(Language::English));
    assert_eq!(Language::Spanish.tag(), "es");
    assert_eq!(
        error("lang=fr"),
        QueryError::UnsupportedLanguage("fr".into())
    );
}

#[test]
fn allow_origin_repeats_and_each_value_must_be_a_browser_origin() {
    let hosts = options(
        "allowOrigin=https%3A%2F%2Fa.example&allowOrigin=http://127.0.0.1:8652&allowOrigin=https%3A%2F%2Fa.example",
    );
    let listed: Vec<&str> = hosts.allowed_origins.iter().map(Origin::as_str).collect();
    assert_eq!(listed, ["https://a.example", "http://127.0.0.1:8652"]);
    assert_eq!(
        error("allowOrigin=*"),
        QueryError::BadOrigin {
            value: "*".into(),
            problem: OriginProblem::Wildcard
        }
    );
    assert_eq!(
        error("allowOrigin=https%3A%2F%2Fa.example%2F"),
        QueryError::BadOrigin {
            value: "https://a.example/".into(),
            problem: OriginProblem::HasPath
        }
    );
}

#[test]
fn a_single_valued_parameter_given_twice_is_refused() {
    for (query, parameter) in [
        ("embed=1&embed=0", Parameter::Embed),
        ("lang=en&lang=es", Parameter::Lang),
        ("step=1&step=1", Parameter::Step),
        ("scenario=a.json&scenario=a.json", Parameter::Scenario),
    ] {
        assert_eq!(error(query), QueryError::Repeated(parameter), "{query}");
    }
}

#[test]
fn bad_percent_escapes_and_invalid_utf8_are_refused_but_unknown_names_are_not_read() {
    for query in ["scenario=%G1", "scenario=a%2", "lang=%FF", "%ZZ=1"] {
        assert!(
            matches!(error(query), QueryError::BadEncoding { .. }),
            "{query}"
        );
    }
    // Host pages' own parameters are left alone, even when their values are odd.
    assert_eq!(options("ref=%E2%9C%93&x=%"), EmbedOptions::default());
    assert_eq!(percent_decode("a+b%20c%C3%B1"), Some("a b cñ".into()));
}

#[test]
fn names_are_case_sensitive_like_url_search_params() {
    assert_eq!(options("Embed=1&LANG=fr"), EmbedOptions::default());
    assert_eq!(
        Parameter::from_name("allowOrigin"),
        Some(Parameter::AllowOrigin)
    );
    for parameter in Parameter::ALL {
        assert_eq!(Parameter::from_name(parameter.name()), Some(parameter));
    }
}

#[test]
fn storage_keys_differ_per_source_and_never_name_the_saved_network() {
    let keys: Vec<String> = [
        "embed=1",
        "embed=1&scenario=a.json",
        "embed=1&topology=a.json",
        "embed=1&lesson=ecs-networking",
        "embed=1&lesson=ecs-networking-2",
    ]
    .iter()
    .map(|query| options(query).storage_key())
    .collect();
    let distinct: std::collections::BTreeSet<&String> = keys.iter().collect();
    assert_eq!(distinct.len(), keys.len(), "{keys:?}");
    for key in &keys {
        assert!(key.starts_with("vpclab:embed:"), "{key}");
        assert_ne!(key, "vpclab:topology");
    }
    // Stable across builds: the hash is FNV-1a, not a randomised hasher.
    assert_eq!(
        options("scenario=a.json").storage_key(),
        format!("vpclab:embed:scenario:{:016x}", fnv1a(b"a.json"))
    );
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
}

#[test]
fn every_query_error_explains_itself() {
    let errors = [
        error("scenario=%G1"),
        error("embed=1&embed=1"),
        error("embed=2"),
        error("readonly=1&edit=1"),
        error("scenario=a&topology=b"),
        error("scenario=ftp%3A%2F%2Fx"),
        error("lesson=A_B"),
        error("step=0"),
        error("lang=fr"),
        error("allowOrigin=null"),
    ];
    let texts: std::collections::BTreeSet<String> =
        errors.iter().map(ToString::to_string).collect();
    assert_eq!(texts.len(), errors.len(), "{texts:?}");
}
