//! Reading a lesson file: [`parse`] turns the JSON into a [`Lesson`], refusing anything
//! that is not one with the field path at fault (`steps[2].do.solution[0].CidrBlock`).
//! API calls go through the scenario's own step parser.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::parse_predicate::{parse_predicate, parse_verdict};
use super::predicate::Predicate;
use super::{
    Choice, Do, Lesson, ParseError, Predict, Show, Start, Step, StepKind, Text, KIND, VERSION,
};
use crate::model::catalog::RuleSet;
use crate::model::document;
use crate::model::limits;
use crate::model::scenario::{self, parse_steps, parse_trace_query, type_name};

/// The top-level keys a lesson may have.
const TOP_LEVEL: [&str; 8] = [
    "vpclab", "version", "id", "title", "summary", "rules", "start", "steps",
];

/// The longest lesson id.
const ID_CHARS: usize = 64;

/// `path.key`, or `key` at the top.
pub(super) fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The value at `path` as an object.
pub(super) fn object<'a>(
    path: &str,
    value: &'a Value,
) -> Result<&'a Map<String, Value>, ParseError> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(ParseError::new(
            path,
            format!("expected an object, got {}", type_name(other)),
        )),
    }
}

/// The value at `path` as a string.
pub(super) fn string<'a>(path: &str, value: &'a Value) -> Result<&'a str, ParseError> {
    match value {
        Value::String(text) => Ok(text),
        other => Err(ParseError::new(
            path,
            format!("expected a string, got {}", type_name(other)),
        )),
    }
}

/// Refuses a key of `map` that is not in `allowed`.
pub(super) fn only_keys(
    path: &str,
    map: &Map<String, Value>,
    allowed: &[&str],
) -> Result<(), ParseError> {
    match map.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(key) => Err(ParseError::new(
            at(path, key),
            format!("unknown field (expected {})", allowed.join(", ")),
        )),
        None => Ok(()),
    }
}

fn required<'a>(
    path: &str,
    map: &'a Map<String, Value>,
    key: &str,
) -> Result<&'a Value, ParseError> {
    map.get(key)
        .ok_or_else(|| ParseError::new(at(path, key), "missing"))
}

fn array<'a>(path: &str, value: &'a Value) -> Result<&'a [Value], ParseError> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(ParseError::new(
            path,
            format!("expected an array, got {}", type_name(other)),
        )),
    }
}

/// A text in both languages: `{"en": "...", "es": "..."}`, both non-empty.
fn text(path: &str, map: &Map<String, Value>, key: &str) -> Result<Text, ParseError> {
    let here = at(path, key);
    let value = map.get(key).ok_or_else(|| {
        ParseError::new(&here, "missing: a text in English (en) and Spanish (es)")
    })?;
    bilingual(&here, object(&here, value)?, &["en", "es"])
}

/// The `en` and `es` of an object that may also hold the `extra` keys.
fn bilingual(path: &str, map: &Map<String, Value>, allowed: &[&str]) -> Result<Text, ParseError> {
    only_keys(path, map, allowed)?;
    let mut found = [String::new(), String::new()];
    for (slot, (code, language)) in found.iter_mut().zip([("en", "English"), ("es", "Spanish")]) {
        let here = at(path, code);
        let value = map
            .get(code)
            .ok_or_else(|| ParseError::new(&here, format!("missing: the {language} text")))?;
        let words = string(&here, value)?.trim();
        if words.is_empty() {
            return Err(ParseError::new(
                here,
                format!("the {language} text is empty"),
            ));
        }
        *slot = words.to_string();
    }
    let [en, es] = found;
    Ok(Text { en, es })
}

/// A lesson file's top-level object.
fn top_level(text_: &str) -> Result<Map<String, Value>, ParseError> {
    match serde_json::from_str(text_) {
        Ok(Value::Object(top)) => Ok(top),
        Ok(_) => Err(ParseError::new("", "a lesson is a JSON object")),
        Err(error) => Err(ParseError::new("", format!("not JSON: {error}"))),
    }
}

/// Reads only a lesson's title and summary, for a menu that lists lessons without opening
/// them: the whole lesson is parsed (its calls read, its goals checked) when it is opened.
///
/// # Errors
/// A [`ParseError`] when the text is not JSON or its title or summary is not a text in both
/// languages; everything else is left for [`parse`].
pub fn heading(text_: &str) -> Result<(Text, Text), ParseError> {
    let top = top_level(text_)?;
    Ok((text("", &top, "title")?, text("", &top, "summary")?))
}

/// Parses a lesson file.
///
/// # Errors
/// A [`ParseError`] with the field path when the text is not a lesson: longer than
/// [`limits::LESSON_BYTES`] (with [`ParseError::too_large`] set, before it is read), not
/// JSON, not tagged `"vpclab": "lesson"`, a future version, an id that is not lower-case
/// words joined by dashes, a text without its English or Spanish, an API call that is not
/// one (the scenario parser's errors, under the call's path), a goal or prediction that is
/// not one, an unknown field, or a Ref named twice.
///
/// ```
/// use vpclab::model::lesson;
/// let error = lesson::parse(r#"{"vpclab":"lesson","version":2}"#).unwrap_err();
/// assert_eq!(error.to_string(), "version: version 2 is newer than this vpclab reads (1)");
/// ```
pub fn parse(text_: &str) -> Result<Lesson, ParseError> {
    limits::check(text_, limits::LESSON_BYTES).map_err(|too_large| ParseError {
        path: String::new(),
        message: format!("the lesson is too large: {too_large}"),
        too_large: Some(too_large),
    })?;
    let top = &top_level(text_)?;
    header(top)?;
    only_keys("", top, &TOP_LEVEL)?;
    let id = lesson_id(required("", top, "id")?)?;
    let rules = match top.get("rules") {
        None => RuleSet::Current,
        Some(value) => {
            let name = string("rules", value)?;
            RuleSet::from_name(name).ok_or_else(|| {
                ParseError::new(
                    "rules",
                    format!("expected \"2020\" or \"current\", got \"{name}\""),
                )
            })?
        }
    };
    let start = parse_start(required("", top, "start")?, rules)?;
    let steps = array("steps", required("", top, "steps")?)?;
    if steps.is_empty() {
        return Err(ParseError::new("steps", "a lesson has at least one step"));
    }
    let steps = steps
        .iter()
        .enumerate()
        .map(|(index, step)| parse_step(index, step))
        .collect::<Result<Vec<_>, _>>()?;
    let lesson = Lesson {
        id,
        title: text("", top, "title")?,
        summary: text("", top, "summary")?,
        rules,
        start,
        steps,
    };
    unique_refs(&lesson)?;
    Ok(lesson)
}

/// The tag and the version.
fn header(top: &Map<String, Value>) -> Result<(), ParseError> {
    match top.get("vpclab") {
        Some(Value::String(kind)) if kind == KIND => {}
        Some(other) => {
            return Err(ParseError::new(
                "vpclab",
                format!("expected \"lesson\", got {other}"),
            ))
        }
        None => {
            return Err(ParseError::new(
                "vpclab",
                "missing: a lesson says \"vpclab\": \"lesson\"",
            ))
        }
    }
    match top.get("version").map(|v| (v, v.as_u64())) {
        Some((_, Some(VERSION))) => Ok(()),
        Some((_, Some(version))) if version > VERSION => Err(ParseError::new(
            "version",
            format!("version {version} is newer than this vpclab reads ({VERSION})"),
        )),
        Some((other, _)) => Err(ParseError::new(
            "version",
            format!("expected 1, got {other}"),
        )),
        None => Err(ParseError::new("version", "missing: expected 1")),
    }
}

fn lesson_id(value: &Value) -> Result<String, ParseError> {
    let id = string("id", value)?;
    let words_ok = id.split('-').all(|word| {
        !word.is_empty()
            && word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if !words_ok || id.len() > ID_CHARS {
        return Err(ParseError::new(
            "id",
            format!("\"{id}\" is not an id: lower-case letters and digits, words joined by dashes, at most {ID_CHARS} characters"),
        ));
    }
    Ok(id.to_string())
}

fn parse_start(value: &Value, rules: RuleSet) -> Result<Start, ParseError> {
    let map = object("start", value)?;
    only_keys("start", map, &["steps", "topology"])?;
    match (map.get("steps"), map.get("topology")) {
        (Some(steps), None) => Ok(Start::Steps(parse_steps(
            "start.steps",
            array("start.steps", steps)?,
        )?)),
        (None, Some(document_value)) => {
            let topology = document::restore(&document_value.to_string())
                .map_err(|error| ParseError::new("start.topology", error.to_string()))?;
            if topology.rules() != rules {
                return Err(ParseError::new(
                    "start.topology.rules",
                    format!(
                        "the document's rules (\"{}\") are not the lesson's (\"{}\")",
                        topology.rules().name(),
                        rules.name()
                    ),
                ));
            }
            Ok(Start::Topology(Box::new(topology)))
        }
        _ => Err(ParseError::new(
            "start",
            "a start has exactly one of steps (API calls) or topology (a document)",
        )),
    }
}

fn parse_step(index: usize, value: &Value) -> Result<Step, ParseError> {
    let path = format!("steps[{index}]");
    let map = object(&path, value)?;
    only_keys(&path, map, &["title", "text", "show", "do", "predict"])?;
    let kinds: Vec<&str> = ["show", "do", "predict"]
        .into_iter()
        .filter(|key| map.contains_key(*key))
        .collect();
    let [kind] = kinds.as_slice() else {
        return Err(ParseError::new(
            path,
            "a step has exactly one of show, do or predict",
        ));
    };
    let here = at(&path, kind);
    let inner = object(&here, &map[*kind])?;
    let kind = match *kind {
        "show" => StepKind::Show(parse_show(&here, inner)?),
        "do" => StepKind::Do(parse_do(&here, inner)?),
        _ => StepKind::Predict(parse_predict(&here, inner)?),
    };
    Ok(Step {
        index,
        title: text(&path, map, "title")?,
        text: text(&path, map, "text")?,
        kind,
    })
}

fn parse_show(path: &str, map: &Map<String, Value>) -> Result<Show, ParseError> {
    only_keys(path, map, &["calls", "highlight"])?;
    let calls = match map.get("calls") {
        Some(calls) => parse_steps(&at(path, "calls"), array(&at(path, "calls"), calls)?)?,
        None => Vec::new(),
    };
    let highlight = match map.get("highlight") {
        Some(items) => {
            let here = at(path, "highlight");
            array(&here, items)?
                .iter()
                .enumerate()
                .map(|(index, item)| string(&format!("{here}[{index}]"), item).map(str::to_string))
                .collect::<Result<Vec<_>, _>>()?
        }
        None => Vec::new(),
    };
    Ok(Show { calls, highlight })
}

fn parse_do(path: &str, map: &Map<String, Value>) -> Result<Do, ParseError> {
    only_keys(path, map, &["goal", "hint", "solution"])?;
    let goal = parse_predicate(&at(path, "goal"), required(path, map, "goal")?)?;
    let here = at(path, "solution");
    let solution = parse_steps(&here, array(&here, required(path, map, "solution")?)?)?;
    if solution.is_empty() {
        return Err(ParseError::new(
            here,
            "a do step has a solution: the API calls that reach its goal",
        ));
    }
    Ok(Do {
        goal,
        hint: text(path, map, "hint")?,
        solution,
    })
}

fn parse_predict(path: &str, map: &Map<String, Value>) -> Result<Predict, ParseError> {
    only_keys(path, map, &["question", "trace", "choices", "answer"])?;
    let trace = parse_trace_query(&at(path, "trace"), required(path, map, "trace")?)?;
    let here = at(path, "choices");
    let items = array(&here, required(path, map, "choices")?)?;
    if items.len() < 2 {
        return Err(ParseError::new(
            here,
            "a prediction offers at least two choices",
        ));
    }
    let mut choices: Vec<Choice> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let where_ = format!("{here}[{index}]");
        let choice = object(&where_, item)?;
        let verdict = parse_verdict(&where_, choice)?;
        if let Some(first) = choices.iter().position(|c| c.verdict == verdict) {
            return Err(ParseError::new(
                at(&where_, "verdict"),
                format!("{here}[{first}] already stands for {verdict}"),
            ));
        }
        choices.push(Choice {
            text: bilingual(&where_, choice, &["en", "es", "verdict", "reason"])?,
            verdict,
        });
    }
    let where_ = at(path, "answer");
    let answer = required(path, map, "answer")?
        .as_u64()
        .and_then(|answer| usize::try_from(answer).ok())
        .filter(|answer| *answer < choices.len())
        .ok_or_else(|| {
            ParseError::new(
                &where_,
                format!(
                    "expected the index of a choice, from 0 to {}",
                    choices.len() - 1
                ),
            )
        })?;
    Ok(Predict {
        question: text(path, map, "question")?,
        trace,
        choices,
        answer,
    })
}

/// The `as` names of a goal, each with the goal's path.
fn bound_names(path: &str, goal: &Predicate, found: &mut Vec<(String, String)>) {
    match goal {
        Predicate::Exists(filter) | Predicate::Count { filter, .. } => {
            let head = if matches!(goal, Predicate::Exists(_)) {
                "exists"
            } else {
                "count"
            };
            if let Some(name) = &filter.bind {
                found.push((name.clone(), format!("{path}.{head}.as")));
            }
        }
        Predicate::All(goals) => {
            for (index, goal) in goals.iter().enumerate() {
                bound_names(&format!("{path}.all[{index}]"), goal, found);
            }
        }
        Predicate::Trace { .. } | Predicate::MetError(_) => {}
    }
}

/// Refuses a Ref that the start, a show step or a goal's `as` names twice: each names one
/// resource for the whole lesson. (A solution's Refs are its own and end with it.)
fn unique_refs(lesson: &Lesson) -> Result<(), ParseError> {
    let mut named: Vec<(String, String)> = Vec::new();
    let calls = |path: &str, steps: &[scenario::Step], named: &mut Vec<(String, String)>| {
        for step in steps {
            if let Some(name) = &step.reference {
                named.push((name.clone(), format!("{path}[{}].Ref", step.index)));
            }
        }
    };
    if let Start::Steps(steps) = &lesson.start {
        calls("start.steps", steps, &mut named);
    }
    for step in &lesson.steps {
        match &step.kind {
            StepKind::Show(show) => {
                calls(
                    &format!("steps[{}].show.calls", step.index),
                    &show.calls,
                    &mut named,
                );
            }
            StepKind::Do(task) => {
                bound_names(
                    &format!("steps[{}].do.goal", step.index),
                    &task.goal,
                    &mut named,
                );
            }
            StepKind::Predict(_) => {}
        }
    }
    let mut first: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, path) in &named {
        if let Some(earlier) = first.insert(name, path) {
            return Err(ParseError::new(
                path.as_str(),
                format!("\"{name}\" already names what {earlier} made"),
            ));
        }
    }
    Ok(())
}
