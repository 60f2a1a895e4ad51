//! Reading a scenario document: [`parse`] turns the JSON into a [`Scenario`], refusing
//! anything that is not one with the field path at fault.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{
    Expect, ParseError, Scenario, Step, StepKind, TraceExpect, TraceStep, KIND, TRACE_ACTION,
    VERSION,
};
use crate::model::action::ActionKind;
use crate::model::catalog::RuleSet;
use crate::model::command::Command;
use crate::model::error::{CommandError, ErrorCode, ErrorDetail};
use crate::model::limits;
use crate::model::trace::Protocol;

/// The top-level keys a scenario may have.
const TOP_LEVEL: [&str; 6] = [
    "vpclab",
    "version",
    "title",
    "description",
    "rules",
    "steps",
];

/// The JSON type of a value, in words ("a string"), for error messages.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Numbers become the API's strings, recursively (for `BackendServers`).
fn numbers_to_strings(value: Value) -> Value {
    match value {
        Value::Number(number) => Value::String(number.to_string()),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_to_strings).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| (key, numbers_to_strings(value)))
                .collect(),
        ),
        other => other,
    }
}

/// The field named in a serde message such as "missing field `VpcId`".
fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(&message[start..end])
}

/// Parses a scenario document.
///
/// # Errors
/// A [`ParseError`] with the field path when the text is not a scenario: longer than
/// [`limits::SCENARIO_BYTES`] (with [`ParseError::too_large`] set), not JSON, not
/// tagged `"vpclab": "scenario"`, a future version, an unknown `Action`, a missing required
/// parameter, an unknown parameter, or a value of the wrong JSON type.
///
/// ```
/// use vpclab::model::scenario;
/// let error = scenario::parse(r#"{"vpclab":"scenario","version":1,"steps":[{"Action":"CreateVSwitch","VpcId":"v","ZoneId":"z"}]}"#).unwrap_err();
/// assert_eq!(error.to_string(), "steps[0].CidrBlock: missing required parameter for CreateVSwitch");
/// ```
pub fn parse(text: &str) -> Result<Scenario, ParseError> {
    limits::check(text, limits::SCENARIO_BYTES)?;
    let value: Value = serde_json::from_str(text)
        .map_err(|error| ParseError::new("", format!("not JSON: {error}")))?;
    let Value::Object(top) = value else {
        return Err(ParseError::new("", "a scenario is a JSON object"));
    };
    match top.get("vpclab") {
        Some(Value::String(kind)) if kind == KIND => {}
        Some(other) => {
            return Err(ParseError::new(
                "vpclab",
                format!("expected \"scenario\", got {other}"),
            ))
        }
        None => {
            return Err(ParseError::new(
                "vpclab",
                "missing: a scenario says \"vpclab\": \"scenario\"",
            ))
        }
    }
    match top.get("version").map(|v| (v, v.as_u64())) {
        Some((_, Some(VERSION))) => {}
        Some((_, Some(version))) if version > VERSION => {
            return Err(ParseError::new(
                "version",
                format!("version {version} is newer than this vpclab reads ({VERSION})"),
            ))
        }
        Some((other, _)) => {
            return Err(ParseError::new(
                "version",
                format!("expected 1, got {other}"),
            ))
        }
        None => return Err(ParseError::new("version", "missing: expected 1")),
    }
    if let Some(key) = top.keys().find(|key| !TOP_LEVEL.contains(&key.as_str())) {
        return Err(ParseError::new(key.as_str(), "unknown field of a scenario"));
    }
    let title = match top.get("title") {
        None => String::new(),
        Some(Value::String(title)) => title.clone(),
        Some(other) => {
            return Err(ParseError::new(
                "title",
                format!("expected a string, got {}", type_name(other)),
            ))
        }
    };
    let rules = match top.get("rules") {
        None => RuleSet::Current,
        Some(Value::String(name)) => RuleSet::from_name(name).ok_or_else(|| {
            ParseError::new(
                "rules",
                format!("expected \"2020\" or \"current\", got \"{name}\""),
            )
        })?,
        Some(other) => {
            return Err(ParseError::new(
                "rules",
                format!("expected a string, got {}", type_name(other)),
            ))
        }
    };
    let steps = match top.get("steps") {
        Some(Value::Array(steps)) => steps,
        Some(other) => {
            return Err(ParseError::new(
                "steps",
                format!("expected an array, got {}", type_name(other)),
            ))
        }
        None => return Err(ParseError::new("steps", "missing: a scenario has steps")),
    };
    let steps = parse_steps("steps", steps)?;
    Ok(Scenario {
        title,
        rules,
        steps,
    })
}

/// Parses a list of steps (API calls and traces) found at `path` (`steps` in a scenario,
/// `steps[2].do.solution` in a lesson): the one parse path of every API call a file holds.
/// Each step's errors name `path[i].Field`; a `Ref` may not repeat within the list.
///
/// # Errors
/// The [`ParseError`] of the first step that is not one, with its field path.
pub fn parse_steps(path: &str, values: &[Value]) -> Result<Vec<Step>, ParseError> {
    let mut refs: BTreeMap<String, usize> = BTreeMap::new();
    values
        .iter()
        .enumerate()
        .map(|(index, step)| {
            let step = parse_step(path, index, step)?;
            if let Some(name) = &step.reference {
                if let Some(first) = refs.insert(name.clone(), index) {
                    return Err(ParseError::new(
                        format!("{path}[{index}].Ref"),
                        format!("\"{name}\" is already the Ref of {path}[{first}]"),
                    ));
                }
            }
            Ok(step)
        })
        .collect()
}

/// Parses a trace query found at `path`: an object with `Source`, `Destination` and the
/// optional `Protocol` and `Port` of a `Trace` step (its `Action` may be left out), and no
/// `Ref` or `Expect`. Lessons use it for their predictions and trace goals.
///
/// # Errors
/// The [`ParseError`] of a query that is not one, with its field path.
pub fn parse_trace_query(path: &str, value: &Value) -> Result<TraceStep, ParseError> {
    let Value::Object(object) = value else {
        return Err(ParseError::new(
            path,
            format!("expected an object, got {}", type_name(value)),
        ));
    };
    let mut object = object.clone();
    for key in ["Ref", "Expect"] {
        if object.contains_key(key) {
            return Err(ParseError::new(
                format!("{path}.{key}"),
                "a trace query takes no Ref or Expect",
            ));
        }
    }
    match object.get("Action") {
        None => {
            object.insert("Action".into(), Value::String(TRACE_ACTION.into()));
        }
        Some(Value::String(action)) if action == TRACE_ACTION => {}
        Some(other) => {
            return Err(ParseError::new(
                format!("{path}.Action"),
                format!("expected \"Trace\" or nothing, got {other}"),
            ))
        }
    }
    let step = parse_step_at(path.to_owned(), 0, &Value::Object(object))?;
    match step.kind {
        StepKind::Trace(query) => Ok(query),
        StepKind::Command(_) => Err(ParseError::new(path, "not a trace query")),
    }
}

fn parse_step(path: &str, index: usize, value: &Value) -> Result<Step, ParseError> {
    parse_step_at(format!("{path}[{index}]"), index, value)
}

/// Parses one step whose own path is `base` (`steps[3]`).
fn parse_step_at(base: String, index: usize, value: &Value) -> Result<Step, ParseError> {
    let at = |field: &str| format!("{base}.{field}");
    let Value::Object(object) = value else {
        return Err(ParseError::new(
            base,
            format!("a step is an object, got {}", type_name(value)),
        ));
    };
    let mut params = Map::new();
    let mut action = None;
    let mut reference = None;
    let mut expect_fields = None;
    for (key, value) in object {
        match (key.as_str(), value) {
            ("Action", Value::String(name)) => action = Some(name.clone()),
            ("Ref", Value::String(name)) if !name.is_empty() => reference = Some(name.clone()),
            ("Expect", Value::Object(fields)) => expect_fields = Some(fields),
            ("Action" | "Ref" | "Expect", other) => {
                let wanted = if key == "Expect" {
                    "an object"
                } else {
                    "a non-empty string"
                };
                return Err(ParseError::new(
                    at(key),
                    format!("expected {wanted}, got {}", type_name(other)),
                ));
            }
            (_, Value::String(_) | Value::Number(_)) => {
                params.insert(key.clone(), numbers_to_strings(value.clone()));
            }
            ("BackendServers", Value::Array(_)) => {
                params.insert(key.clone(), numbers_to_strings(value.clone()));
            }
            (_, other) => {
                return Err(ParseError::new(
                    at(key),
                    format!("expected a string, got {}", type_name(other)),
                ))
            }
        }
    }
    let action = action
        .ok_or_else(|| ParseError::new(at("Action"), "missing: every step names its Action"))?;
    if action == TRACE_ACTION {
        return parse_trace_step(&base, index, &params, reference, expect_fields);
    }
    let expect = match expect_fields {
        Some(fields) => parse_expect(&base, fields)?,
        None => Expect::Success(BTreeMap::new()),
    };
    if ActionKind::from_name(&action).is_none() {
        return Err(ParseError::new(
            at("Action"),
            format!("unknown action \"{action}\""),
        ));
    }
    params.insert("Action".into(), Value::String(action.clone()));
    let command: Command = serde_json::from_value(Value::Object(params)).map_err(|error| {
        let message = error.to_string();
        match (message.split_whitespace().next(), backticked(&message)) {
            (Some("missing"), Some(field)) => ParseError::new(
                at(field),
                format!("missing required parameter for {action}"),
            ),
            (Some("unknown"), Some(field)) => {
                ParseError::new(at(field), format!("unknown parameter for {action}"))
            }
            _ => ParseError::new(base.clone(), message),
        }
    })?;
    Ok(Step {
        index,
        kind: StepKind::Command(command),
        reference,
        expect,
    })
}

/// The parameters a `Trace` step takes.
const TRACE_PARAMETERS: [&str; 4] = ["Source", "Destination", "Protocol", "Port"];

/// A `Trace` step: its endpoints, its protocol and port read once, and its expectation.
fn parse_trace_step(
    base: &str,
    index: usize,
    params: &Map<String, Value>,
    reference: Option<String>,
    expect_fields: Option<&Map<String, Value>>,
) -> Result<Step, ParseError> {
    let at = |field: &str| format!("{base}.{field}");
    let text = |name: &str| params.get(name).and_then(Value::as_str);
    let (Some(source), Some(destination)) = (text("Source"), text("Destination")) else {
        let missing = if text("Source").is_none() {
            "Source"
        } else {
            "Destination"
        };
        return Err(ParseError::new(
            at(missing),
            "missing required parameter for Trace",
        ));
    };
    if let Some(field) = params
        .keys()
        .find(|key| !TRACE_PARAMETERS.contains(&key.as_str()))
    {
        return Err(ParseError::new(at(field), "unknown parameter for Trace"));
    }
    let protocol = match text("Protocol") {
        None => Ok(Protocol::Tcp),
        Some(name) => Protocol::from_name(name).ok_or_else(|| {
            CommandError::new(
                ErrorCode::InvalidParameter,
                ErrorDetail::TraceProtocolUnknown { value: name.into() },
            )
        }),
    };
    let port = match text("Port") {
        None => Ok(None),
        Some(number) => match number.parse::<u16>() {
            Ok(port) if limits::PORT.contains(u32::from(port)) => Ok(Some(port)),
            _ => Err(CommandError::new(
                ErrorCode::InvalidParameter,
                ErrorDetail::TracePortMalformed {
                    value: number.into(),
                    min: limits::PORT.min,
                    max: limits::PORT.max,
                },
            )),
        },
    };
    Ok(Step {
        index,
        kind: StepKind::Trace(TraceStep {
            source: source.to_owned(),
            destination: destination.to_owned(),
            protocol,
            port,
        }),
        reference,
        expect: Expect::Trace(parse_trace_expect(base, expect_fields)?),
    })
}

/// A Trace step's `Expect`; none means "reachable".
fn parse_trace_expect(
    base: &str,
    fields: Option<&Map<String, Value>>,
) -> Result<TraceExpect, ParseError> {
    let Some(fields) = fields else {
        return Ok(TraceExpect {
            reachable: Some(true),
            ..TraceExpect::default()
        });
    };
    let at = |key: &str| format!("{base}.Expect.{key}");
    let text = |key: &str, value: &Value| match value {
        Value::String(text) => Ok(text.clone()),
        other => Err(ParseError::new(
            at(key),
            format!("expected a string, got {}", type_name(other)),
        )),
    };
    let mut expect = TraceExpect::default();
    for (key, value) in fields {
        match (key.as_str(), value) {
            ("Reachable", Value::Bool(reachable)) => expect.reachable = Some(*reachable),
            ("Reachable", other) => {
                return Err(ParseError::new(
                    at(key),
                    format!("expected a boolean, got {}", type_name(other)),
                ))
            }
            ("Hops", Value::Array(items)) => {
                let hops = items
                    .iter()
                    .map(|item| text(key, item))
                    .collect::<Result<Vec<_>, _>>()?;
                expect.hops = Some(hops);
            }
            ("Hops", other) => {
                return Err(ParseError::new(
                    at(key),
                    format!("expected an array, got {}", type_name(other)),
                ))
            }
            ("Reason", value) => expect.reason = Some(text(key, value)?),
            ("BlockedAt", value) => expect.blocked_at = Some(text(key, value)?),
            _ => {
                return Err(ParseError::new(
                    at(key),
                    "unknown field of a Trace expectation (Reachable, Hops, Reason, BlockedAt)",
                ))
            }
        }
    }
    Ok(expect)
}

fn parse_expect(base: &str, fields: &Map<String, Value>) -> Result<Expect, ParseError> {
    let mut expected = BTreeMap::new();
    for (key, value) in fields {
        let text = match value {
            Value::String(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            other => {
                return Err(ParseError::new(
                    format!("{base}.Expect.{key}"),
                    format!("expected a string, got {}", type_name(other)),
                ))
            }
        };
        expected.insert(key.clone(), text);
    }
    match expected.remove("Code") {
        Some(code) if expected.is_empty() => Ok(Expect::Code(code)),
        Some(_) => Err(ParseError::new(
            format!("{base}.Expect"),
            "Expect.Code says the step fails, so it takes no response fields",
        )),
        None => Ok(Expect::Success(expected)),
    }
}
