//! A command as one line of text, the way the API log and the plans show a call:
//! `CreateVSwitch CidrBlock=192.168.1.0/24 VpcId=vpc-0001 ZoneId=ap-south-1a`.
//!
//! The line is written by serde_json's serializer with a [`Formatter`] of our own, so it
//! costs one pass and one buffer. Going through `serde_json::Value` instead (a map with a
//! string for every name and value) made "Delete all" on 5,000 instances spend most of its
//! logging time building and dropping maps.

use std::io::{self, Write};

use serde_json::ser::{CharEscape, Formatter};

use super::Command;

/// Marks where a top-level parameter starts in the buffer. Parameter text never holds it:
/// a control character inside a value is written escaped (see `write_char_escape`).
const MARK: u8 = 0x1f;

/// The call as the API would receive it: the action's name, then every parameter as
/// `Name=value`, names in alphabetical order (the order Alibaba signs them in), values as
/// written (no quotes); a list (the back ends of `AddBackendServers`) as compact JSON.
///
/// ```
/// use vpclab::model::{request_line, Command};
/// let command = Command::DeleteVpc { vpc_id: "vpc-0001".into() };
/// assert_eq!(request_line(&command), "DeleteVpc VpcId=vpc-0001");
/// ```
pub fn request_line(command: &Command) -> String {
    let action = command.action().api_name();
    let mut buffer = Vec::with_capacity(96);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut buffer, LineFormatter::default());
    if serde::Serialize::serialize(command, &mut serializer).is_err() {
        return action.to_owned();
    }
    let text = String::from_utf8_lossy(&buffer);
    let mut parameters: Vec<&str> = text
        .split(char::from(MARK))
        .filter(|parameter| !parameter.is_empty() && !parameter.starts_with("Action="))
        .collect();
    parameters.sort_by_key(|parameter| parameter.split('=').next().unwrap_or(parameter));
    let mut line = String::with_capacity(action.len() + text.len());
    line.push_str(action);
    for parameter in parameters {
        line.push(' ');
        line.push_str(parameter);
    }
    line
}

/// Writes the command's own object as `MARK Name=value` runs and anything nested in it as
/// compact JSON.
#[derive(Default)]
struct LineFormatter {
    /// How many arrays and objects are open (the command itself is depth 1).
    depth: usize,
}

impl LineFormatter {
    /// Whether the serializer is writing a top-level name or value.
    fn on_top(&self) -> bool {
        self.depth <= 1
    }
}

impl Formatter for LineFormatter {
    fn begin_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if self.on_top() {
            return Ok(());
        }
        writer.write_all(b"\"")
    }

    fn end_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin_string(writer)
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        let raw = match escape {
            CharEscape::Quote => b'"',
            CharEscape::ReverseSolidus => b'\\',
            CharEscape::Solidus => b'/',
            CharEscape::Backspace => 0x08,
            CharEscape::FormFeed => 0x0c,
            CharEscape::LineFeed => b'\n',
            CharEscape::CarriageReturn => b'\r',
            CharEscape::Tab => b'\t',
            CharEscape::AsciiControl(byte) => byte,
        };
        if self.on_top() && raw != MARK {
            return writer.write_all(&[raw]);
        }
        // Nested JSON keeps JSON's escapes; the mark itself is never written raw.
        let mut escaped = Vec::new();
        serde_json::ser::CompactFormatter.write_char_escape(&mut escaped, escape)?;
        writer.write_all(&escaped)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth -= 1;
        writer.write_all(b"]")
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        if self.on_top() {
            return Ok(());
        }
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        let top = self.on_top();
        self.depth -= 1;
        if top {
            return Ok(());
        }
        writer.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if self.on_top() {
            writer.write_all(&[MARK])
        } else if first {
            Ok(())
        } else {
            writer.write_all(b",")
        }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(if self.on_top() { b"=" } else { b":" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::command::BackendServerParam;
    use crate::model::scenario;

    /// How the line was written before: through `serde_json::Value`, whose map sorts names.
    fn through_value(command: &Command) -> String {
        let action = command.action().api_name();
        let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(command) else {
            return action.to_owned();
        };
        let mut text = action.to_owned();
        for (key, value) in fields.iter().filter(|(key, _)| key.as_str() != "Action") {
            let value = match value {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            text.push_str(&format!(" {key}={value}"));
        }
        text
    }

    #[test]
    fn a_line_names_the_action_then_the_parameters_in_alphabetical_order() {
        let command = Command::CreateVSwitch {
            vpc_id: "vpc-0001".into(),
            zone_id: "ap-south-1a".into(),
            cidr_block: "192.168.1.0/24".into(),
            vswitch_name: None,
            description: None,
        };
        assert_eq!(
            request_line(&command),
            "CreateVSwitch CidrBlock=192.168.1.0/24 VpcId=vpc-0001 ZoneId=ap-south-1a"
        );
    }

    #[test]
    fn values_are_written_as_typed_and_lists_as_compact_json() {
        let command = Command::CreateVpc {
            region_id: "ap-south-1".into(),
            cidr_block: Some("10.0.0.0/8".into()),
            vpc_name: Some("my \"lab\" vpc\t\\ ñ".into()),
            description: Some("a\u{1f}b".into()),
        };
        assert_eq!(
            request_line(&command),
            "CreateVpc CidrBlock=10.0.0.0/8 Description=a\\u001fb RegionId=ap-south-1 VpcName=my \"lab\" vpc\t\\ ñ"
        );

        let command = Command::AddBackendServers {
            load_balancer_id: "lb-0001".into(),
            backend_servers: vec![
                BackendServerParam {
                    server_id: "i-0001".into(),
                    weight: Some("50".into()),
                },
                BackendServerParam {
                    server_id: "i-\"2\"".into(),
                    weight: None,
                },
            ],
        };
        assert_eq!(
            request_line(&command),
            r#"AddBackendServers BackendServers=[{"ServerId":"i-0001","Weight":"50"},{"ServerId":"i-\"2\""}] LoadBalancerId=lb-0001"#
        );
        assert_eq!(request_line(&command), through_value(&command));
    }

    #[test]
    fn every_call_of_the_test_scenarios_reads_as_it_did_through_json_values() {
        let mut seen = 0;
        for (path, scenario) in scenario::test_files() {
            for step in &scenario.steps {
                if let scenario::StepKind::Command(command) = &step.kind {
                    assert_eq!(request_line(command), through_value(command), "{path:?}");
                    seen += 1;
                }
            }
        }
        assert!(seen > 50, "only {seen} calls");
    }
}
