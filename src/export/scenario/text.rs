//! The scenario file's text: the header, then one step per line, spaced as the
//! hand-written scenarios are.

use std::io;

use super::{Plan, Step};
use crate::model::scenario::{KIND, VERSION};
use crate::model::Topology;

/// JSON with a space after `:` and `,` and inside braces, as the hand-written scenarios.
struct Spaced;

impl serde_json::ser::Formatter for Spaced {
    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b"{ ")
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b" }")
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }
}

/// One step on one line: `{ "Action": ..., parameters in the API's order, "Ref": ... }`.
fn step_line(step: &Step) -> String {
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, Spaced);
    // Commands are plain data: serialising one cannot fail.
    let _ = serde::Serialize::serialize(&step.command, &mut serializer);
    let mut line = String::from_utf8(bytes).unwrap_or_default();
    if let Some(reference) = &step.reference {
        if line.ends_with(" }") {
            line.truncate(line.len() - 2);
            line.push_str(&format!(", \"Ref\": {} }}", json_string(reference)));
        }
    }
    line
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

fn count(number: usize, one: &str, many: &str) -> String {
    if number == 1 {
        format!("1 {one}")
    } else {
        format!("{number} {many}")
    }
}

pub(super) fn render(topology: &Topology, plan: &Plan<'_>) -> String {
    let title = format!(
        "Exported network: {}, {}",
        count(topology.vpcs().len(), "VPC", "VPCs"),
        count(topology.instances().len(), "instance", "instances")
    );
    let mut description = String::from(
        "Rebuilds the network with the API calls that create it. Each Ref is the original id with _ for - (vpc_0001 stands for vpc-0001).",
    );
    if plan.placeholders > 0 {
        description.push_str(
            " Steps with a placeholder_ Ref hold an address for a while, so that every address is the same as in the original.",
        );
    }
    let steps: Vec<String> = plan
        .steps
        .iter()
        .map(|step| format!("    {}", step_line(step)))
        .collect();
    format!(
        "{{\n  \"vpclab\": {},\n  \"version\": {VERSION},\n  \"title\": {},\n  \"description\": {},\n  \"rules\": {},\n  \"steps\": [\n{}\n  ]\n}}\n",
        json_string(KIND),
        json_string(&title),
        json_string(&description),
        json_string(topology.rules().name()),
        steps.join(",\n")
    )
}
