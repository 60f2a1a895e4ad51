//! Reading a goal ([`Predicate`]) and a verdict from a lesson file, with the field path of
//! anything that is not one.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde_json::{Map, Value};

use super::parse::{at, object, only_keys, string};
use super::predicate::{
    CountBound, Filter, Predicate, Property, PublicIpState, FILTER_KINDS, PROPERTY_NAMES,
};
use super::{ParseError, Verdict};
use crate::model::catalog;
use crate::model::element::ElementKind;
use crate::model::error::ErrorCode;
use crate::model::scenario::{parse_trace_query, type_name};
use crate::model::trace::ReasonCode;

/// The keys that say what kind of goal an object is.
const HEADS: [&str; 5] = ["exists", "count", "trace", "met_error", "all"];

/// The keys that bound a count.
const BOUNDS: [&str; 3] = ["equals", "at_least", "at_most"];

/// Reads a goal found at `path`.
pub(super) fn parse_predicate(path: &str, value: &Value) -> Result<Predicate, ParseError> {
    let map = object(path, value)?;
    let heads: Vec<&str> = HEADS
        .iter()
        .copied()
        .filter(|head| map.contains_key(*head))
        .collect();
    let [head] = heads.as_slice() else {
        return Err(ParseError::new(
            path,
            "a goal has exactly one of exists, count, trace, met_error or all",
        ));
    };
    let inner = &map[*head];
    let here = at(path, head);
    match *head {
        "exists" => {
            only_keys(path, map, &["exists"])?;
            Ok(Predicate::Exists(parse_filter(&here, inner)?))
        }
        "count" => {
            only_keys(path, map, &["count", "equals", "at_least", "at_most"])?;
            let filter = parse_filter(&here, inner)?;
            let bounds: Vec<&str> = BOUNDS
                .iter()
                .copied()
                .filter(|key| map.contains_key(*key))
                .collect();
            let [key] = bounds.as_slice() else {
                return Err(ParseError::new(
                    path,
                    "a count goal has exactly one of equals, at_least or at_most",
                ));
            };
            let number = usize::try_from(whole_number(&at(path, key), &map[*key])?)
                .map_err(|_| ParseError::new(at(path, key), "too large"))?;
            let bound = match *key {
                "equals" => CountBound::Equals(number),
                "at_least" => CountBound::AtLeast(number),
                _ => CountBound::AtMost(number),
            };
            Ok(Predicate::Count { filter, bound })
        }
        "trace" => {
            only_keys(path, map, &["trace", "verdict", "reason"])?;
            Ok(Predicate::Trace {
                query: parse_trace_query(&here, inner)?,
                verdict: parse_verdict(path, map)?,
            })
        }
        "met_error" => {
            only_keys(path, map, &["met_error"])?;
            let code = string(&here, inner)?;
            ErrorCode::from_code(code)
                .map(Predicate::MetError)
                .ok_or_else(|| ParseError::new(here, format!("unknown error code \"{code}\"")))
        }
        _ => {
            only_keys(path, map, &["all"])?;
            let Value::Array(goals) = inner else {
                return Err(ParseError::new(
                    here,
                    format!("expected an array of goals, got {}", type_name(inner)),
                ));
            };
            if goals.is_empty() {
                return Err(ParseError::new(
                    here,
                    "an empty list of goals holds trivially",
                ));
            }
            goals
                .iter()
                .enumerate()
                .map(|(index, goal)| parse_predicate(&format!("{here}[{index}]"), goal))
                .collect::<Result<Vec<_>, _>>()
                .map(Predicate::All)
        }
    }
}

/// Reads `verdict` (and `reason` when it is `unreachable`) from an object at `path`.
pub(super) fn parse_verdict(path: &str, map: &Map<String, Value>) -> Result<Verdict, ParseError> {
    let here = at(path, "verdict");
    let verdict = map
        .get("verdict")
        .ok_or_else(|| ParseError::new(&here, "missing: \"reachable\" or \"unreachable\""))?;
    let reason = map.get("reason");
    match (string(&here, verdict)?, reason) {
        ("reachable", None) => Ok(Verdict::Reachable),
        ("reachable", Some(_)) => Err(ParseError::new(
            at(path, "reason"),
            "a reachable verdict has no reason",
        )),
        ("unreachable", None) => Err(ParseError::new(
            at(path, "reason"),
            "missing: an unreachable verdict names its reason (NoRoute, SecurityGroupDenied...)",
        )),
        ("unreachable", Some(reason)) => {
            let where_ = at(path, "reason");
            let code = string(&where_, reason)?;
            ReasonCode::from_code(code)
                .map(Verdict::Unreachable)
                .ok_or_else(|| {
                    ParseError::new(
                        where_,
                        format!(
                            "unknown reason \"{code}\" (expected one of {})",
                            ReasonCode::ALL.map(ReasonCode::as_str).join(", ")
                        ),
                    )
                })
        }
        (other, _) => Err(ParseError::new(
            here,
            format!("expected \"reachable\" or \"unreachable\", got \"{other}\""),
        )),
    }
}

fn whole_number(path: &str, value: &Value) -> Result<u64, ParseError> {
    value.as_u64().ok_or_else(|| {
        ParseError::new(
            path,
            format!("expected a whole number, got {}", type_name(value)),
        )
    })
}

/// Reads a filter: `kind`, an optional `as`, and properties that apply to the kind.
fn parse_filter(path: &str, value: &Value) -> Result<Filter, ParseError> {
    let map = object(path, value)?;
    let kind_path = at(path, "kind");
    let name = string(
        &kind_path,
        map.get("kind")
            .ok_or_else(|| ParseError::new(&kind_path, "missing: which kind of resource"))?,
    )?;
    let kind = ElementKind::from_name(name)
        .filter(|kind| FILTER_KINDS.contains(kind))
        .ok_or_else(|| {
            ParseError::new(
                &kind_path,
                format!(
                    "\"{name}\" is not a kind a goal can look for (expected one of {})",
                    FILTER_KINDS.map(ElementKind::as_str).join(", ")
                ),
            )
        })?;
    let mut bind = None;
    let mut properties = Vec::new();
    for (key, value) in map {
        let here = at(path, key);
        match key.as_str() {
            "kind" => {}
            "as" => bind = Some(non_empty(&here, value)?.to_string()),
            _ => {
                let Some((_, kinds)) = PROPERTY_NAMES.iter().find(|(name, _)| name == key) else {
                    return Err(ParseError::new(
                        here,
                        format!(
                            "unknown property (expected kind, as, {})",
                            PROPERTY_NAMES.map(|(name, _)| name).join(", ")
                        ),
                    ));
                };
                if !kinds.contains(&kind) {
                    return Err(ParseError::new(
                        here,
                        format!(
                            "{key} does not apply to a {kind} (it applies to {})",
                            kinds
                                .iter()
                                .map(|k| k.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
                properties.push(parse_property(&here, key, value)?);
            }
        }
    }
    // The file's key order is not kept: list the properties in the table's order, so an
    // explanation reads the same whatever order the author wrote them in.
    properties.sort_by_key(|property| {
        PROPERTY_NAMES
            .iter()
            .position(|(name, _)| *name == property.key())
    });
    Ok(Filter {
        kind,
        properties,
        bind,
    })
}

fn non_empty<'a>(path: &str, value: &'a Value) -> Result<&'a str, ParseError> {
    match string(path, value)? {
        "" => Err(ParseError::new(path, "expected a non-empty string")),
        text => Ok(text),
    }
}

fn block(path: &str, value: &Value) -> Result<Ipv4Net, ParseError> {
    let text = non_empty(path, value)?;
    match text.parse::<Ipv4Net>() {
        Ok(net) if net.trunc() == net => Ok(net),
        _ => Err(ParseError::new(
            path,
            format!("\"{text}\" is not a CIDR block (a.b.c.d/n, no host bits)"),
        )),
    }
}

/// Reads the value of the property `key`.
fn parse_property(path: &str, key: &str, value: &Value) -> Result<Property, ParseError> {
    let text = || non_empty(path, value).map(str::to_string);
    Ok(match key {
        "id" => Property::Id(text()?),
        "name" => Property::Name(string(path, value)?.to_string()),
        "region" => {
            let region = text()?;
            if catalog::region(&region).is_none() {
                return Err(ParseError::new(
                    path,
                    format!("unknown region \"{region}\""),
                ));
            }
            Property::Region(region)
        }
        "zone" => {
            let zone = text()?;
            if catalog::region_of_zone(&zone).is_none() {
                return Err(ParseError::new(path, format!("unknown zone \"{zone}\"")));
            }
            Property::Zone(zone)
        }
        "vpc" => Property::Vpc(text()?),
        "vswitch" => Property::Vswitch(text()?),
        "cidr" => Property::Cidr(block(path, value)?),
        "cidr_within" => Property::CidrWithin(block(path, value)?),
        "cidr_outside" => Property::CidrOutside(block(path, value)?),
        "private_ip" => {
            let address = text()?;
            Property::PrivateIp(address.parse::<Ipv4Addr>().map_err(|_| {
                ParseError::new(path, format!("\"{address}\" is not an IPv4 address"))
            })?)
        }
        "public_ip" => {
            let name = text()?;
            Property::PublicIp(PublicIpState::from_name(&name).ok_or_else(|| {
                ParseError::new(
                    path,
                    format!("expected \"none\", \"nat\", \"eip\" or \"any\", got \"{name}\""),
                )
            })?)
        }
        "bound_to" => match value {
            Value::Null => Property::BoundTo(None),
            _ => Property::BoundTo(Some(text()?)),
        },
        _ => {
            let mbps = whole_number(path, value)?;
            Property::Bandwidth(
                u32::try_from(mbps).map_err(|_| ParseError::new(path, "too large"))?,
            )
        }
    })
}
