//! A small writer for the subset of HCL the export needs: blocks with labels, attributes
//! whose values are strings, numbers, booleans, references, lists and objects, and `#`
//! comments, laid out as `terraform fmt` does (two-space indents, `=` aligned in runs of
//! single-line attributes).
//!
//! Text from the user (names, descriptions) only ever reaches the output through
//! [`quoted`], which escapes it as an HCL string, template sequences included, or through
//! [`comment_text`], which keeps a comment on its one line. Labels come from
//! [`identifier`], which makes any text a valid HCL identifier.

use std::fmt::Write as _;

/// The width comments inside blocks are wrapped to, indentation included.
const COMMENT_WIDTH: usize = 100;

/// A string as an HCL quoted string: `\` and `"` escaped, control characters as escapes,
/// and the template sequences `${` and `%{` doubled to `$${` and `%%{` so Terraform reads
/// them literally.
///
/// ```
/// use vpclab::export::terraform::hcl::quoted;
/// assert_eq!(quoted("web"), r#""web""#);
/// assert_eq!(quoted(r#"say "hi" \ ${var.x} %{if}"#), r#""say \"hi\" \\ $${var.x} %%{if}""#);
/// assert_eq!(quoted("two\nlines"), r#""two\nlines""#);
/// ```
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => {
                // HCL's \uNNNN takes a code point of the Basic Multilingual Plane, and every
                // control character is one.
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Any text as an HCL identifier (a Terraform label): letters, digits and `_` are kept,
/// anything else becomes `_`, and one that would not start with a letter or `_` gets a
/// `r_` in front. The same text always gives the same identifier.
///
/// ```
/// use vpclab::export::terraform::hcl::identifier;
/// assert_eq!(identifier("vpc-0001"), "vpc_0001");
/// assert_eq!(identifier("0-bad id"), "r_0_bad_id");
/// assert_eq!(identifier(""), "r_");
/// ```
pub fn identifier(text: &str) -> String {
    let body: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    match body.chars().next() {
        Some(first) if first.is_ascii_alphabetic() || first == '_' => body,
        _ => format!("r_{body}"),
    }
}

/// Text for a `#` comment: on one line, without control characters.
pub fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Comment lines of at most `width` characters: the text broken between words, the first
/// line after `first`, the others after `next` (both included in the width).
pub fn comment_lines(text: &str, width: usize, first: &str, next: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in comment_text(text)
        .split(' ')
        .filter(|word| !word.is_empty())
    {
        if !empty && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(line);
            line = next.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    lines.push(line);
    lines
}

/// An attribute's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A string, written quoted.
    Str(String),
    /// A whole number.
    Number(u64),
    /// `true` or `false`.
    Bool(bool),
    /// A reference written as is, such as `alicloud_vpc.vpc_0001.id` or `var.image_id`;
    /// built only from identifiers.
    Reference(String),
    /// `base["key"]`, the key quoted.
    Index(String, String),
    /// `[a, b]` on one line.
    List(Vec<Expr>),
    /// `{ key = value ... }`, one attribute per line.
    Object(Vec<(String, Expr)>),
}

impl Expr {
    /// A string value.
    pub fn str(text: impl Into<String>) -> Expr {
        Expr::Str(text.into())
    }

    /// A reference to an attribute of the resource exported for `id`:
    /// `<kind>.<identifier(id)>.<attribute>`.
    pub fn attribute(kind: &str, id: &str, attribute: &str) -> Expr {
        Expr::Reference(format!("{kind}.{}.{attribute}", identifier(id)))
    }

    fn is_multiline(&self) -> bool {
        matches!(self, Expr::Object(fields) if !fields.is_empty())
    }

    fn render(&self, indent: usize, out: &mut String) {
        match self {
            Expr::Str(text) => out.push_str(&quoted(text)),
            Expr::Number(number) => {
                let _ = write!(out, "{number}");
            }
            Expr::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Expr::Reference(path) => out.push_str(path),
            Expr::Index(base, key) => {
                let _ = write!(out, "{base}[{}]", quoted(key));
            }
            Expr::List(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    item.render(indent, out);
                }
                out.push(']');
            }
            Expr::Object(fields) if fields.is_empty() => out.push_str("{}"),
            Expr::Object(fields) => {
                out.push_str("{\n");
                let items: Vec<Item> = fields
                    .iter()
                    .map(|(key, value)| Item::Attribute(key.clone(), value.clone()))
                    .collect();
                render_items(&items, indent + 1, out);
                push_indent(indent, out);
                out.push('}');
            }
        }
    }
}

/// One line (or nested block) of a block's body.
#[derive(Clone, Debug, PartialEq)]
enum Item {
    Attribute(String, Expr),
    Block(Block),
    Comment(String),
    Blank,
}

/// A block: `kind "label" ... { body }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    kind: String,
    labels: Vec<String>,
    items: Vec<Item>,
}

impl Block {
    /// A block with no labels, such as `terraform` or `backend_servers`.
    pub fn new(kind: &str) -> Block {
        Block {
            kind: kind.to_string(),
            labels: Vec::new(),
            items: Vec::new(),
        }
    }

    /// A `resource "<kind>" "<identifier(id)>"` block.
    pub fn resource(kind: &str, id: &str) -> Block {
        Block::new("resource").label(kind).label(&identifier(id))
    }

    /// Adds a label (written quoted).
    pub fn label(mut self, label: &str) -> Block {
        self.labels.push(label.to_string());
        self
    }

    /// Adds an attribute.
    pub fn attr(mut self, key: &str, value: Expr) -> Block {
        self.items.push(Item::Attribute(key.to_string(), value));
        self
    }

    /// Adds an attribute when there is a value.
    pub fn attr_if(self, key: &str, value: Option<Expr>) -> Block {
        match value {
            Some(value) => self.attr(key, value),
            None => self,
        }
    }

    /// Adds a string attribute unless the text is empty (Alibaba's names are 1 character
    /// or more: an empty name is no name).
    pub fn name(self, key: &str, text: &str) -> Block {
        let value = (!text.is_empty()).then(|| Expr::str(text));
        self.attr_if(key, value)
    }

    /// Adds a nested block.
    pub fn block(mut self, block: Block) -> Block {
        self.items.push(Item::Block(block));
        self
    }

    /// Adds a `#` comment line.
    pub fn comment(mut self, text: &str) -> Block {
        self.items.push(Item::Comment(comment_text(text)));
        self
    }

    /// Adds an empty line (which also ends a run of aligned attributes).
    pub fn blank(mut self) -> Block {
        self.items.push(Item::Blank);
        self
    }

    /// The block's text, at the given depth.
    pub fn render(&self, indent: usize, out: &mut String) {
        push_indent(indent, out);
        out.push_str(&self.kind);
        for label in &self.labels {
            out.push(' ');
            out.push_str(&quoted(label));
        }
        if self.items.is_empty() {
            out.push_str(" {}\n");
            return;
        }
        out.push_str(" {\n");
        render_items(&self.items, indent + 1, out);
        push_indent(indent, out);
        out.push_str("}\n");
    }

    /// The block's text at the top level.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.render(0, &mut out);
        out
    }
}

fn push_indent(indent: usize, out: &mut String) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

/// Renders body items; `=` signs are aligned within each run of consecutive single-line
/// attributes, as `terraform fmt` aligns them.
fn render_items(items: &[Item], indent: usize, out: &mut String) {
    let mut index = 0;
    while index < items.len() {
        match &items[index] {
            Item::Attribute(_, value) if !value.is_multiline() => {
                let run: Vec<&Item> = items[index..]
                    .iter()
                    .take_while(
                        |item| matches!(item, Item::Attribute(_, value) if !value.is_multiline()),
                    )
                    .collect();
                let width = run
                    .iter()
                    .map(|item| match item {
                        Item::Attribute(key, _) => key.chars().count(),
                        _ => 0,
                    })
                    .max()
                    .unwrap_or(0);
                for item in &run {
                    if let Item::Attribute(key, value) = item {
                        push_indent(indent, out);
                        let _ = write!(out, "{key:width$} = ");
                        value.render(indent, out);
                        out.push('\n');
                    }
                }
                index += run.len();
                continue;
            }
            Item::Attribute(key, value) => {
                push_indent(indent, out);
                let _ = write!(out, "{key} = ");
                value.render(indent, out);
                out.push('\n');
            }
            Item::Block(block) => block.render(indent, out),
            Item::Comment(text) => {
                let width = COMMENT_WIDTH.saturating_sub(2 * indent);
                for line in comment_lines(text, width, "# ", "# ") {
                    push_indent(indent, out);
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            Item::Blank => out.push('\n'),
        }
        index += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_stay_inside_their_string() {
        for (name, expected) in [
            (r#"a"b"#, r#""a\"b""#),
            (r"back\slash", r#""back\\slash""#),
            ("${file(\"/etc/passwd\")}", r#""$${file(\"/etc/passwd\")}""#),
            ("%{ for x in y }", r#""%%{ for x in y }""#),
            ("$${already}", r#""$$${already}""#),
            ("cost $5 or 50%", r#""cost $5 or 50%""#),
            ("tab\there", r#""tab\there""#),
            ("bell\u{7}", r#""bell\u0007""#),
            ("ünïcödé 名前", "\"ünïcödé 名前\""),
            (
                "\"\n}\nresource \"x\" \"y\" {",
                r#""\"\n}\nresource \"x\" \"y\" {""#,
            ),
        ] {
            assert_eq!(quoted(name), expected, "{name:?}");
        }
    }

    #[test]
    fn identifiers_are_valid_and_stable() {
        for text in ["vpc-0001", "i-0003", "9lives", "ünï", "a b", "--", "_x"] {
            let label = identifier(text);
            let first = label.chars().next().expect("not empty");
            assert!(first.is_ascii_alphabetic() || first == '_', "{label}");
            assert!(
                label.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{label}"
            );
            assert_eq!(identifier(text), label);
        }
    }

    #[test]
    fn comments_stay_on_their_lines() {
        assert_eq!(comment_text("a\nresource \"x\""), "a resource \"x\"");
        assert_eq!(
            comment_lines("one two three\nfour", 13, "# - ", "#   "),
            ["# - one two", "#   three", "#   four"]
        );
        assert_eq!(comment_lines("", 10, "# ", "#"), ["# "]);
    }

    #[test]
    fn attributes_align_like_terraform_fmt() {
        let text = Block::resource("alicloud_vswitch", "vsw-0001")
            .name("vswitch_name", "web")
            .attr("vpc_id", Expr::attribute("alicloud_vpc", "vpc-0001", "id"))
            .attr("cidr_block", Expr::str("10.0.1.0/24"))
            .block(
                Block::new("backend_servers")
                    .attr("server_id", Expr::str("x"))
                    .attr("weight", Expr::Number(100)),
            )
            .attr("list", Expr::List(vec![Expr::str("a"), Expr::Bool(true)]))
            .text();
        assert_eq!(
            text,
            "resource \"alicloud_vswitch\" \"vsw_0001\" {\n  \
             vswitch_name = \"web\"\n  \
             vpc_id       = alicloud_vpc.vpc_0001.id\n  \
             cidr_block   = \"10.0.1.0/24\"\n  \
             backend_servers {\n    \
             server_id = \"x\"\n    \
             weight    = 100\n  \
             }\n  \
             list = [\"a\", true]\n\
             }\n"
        );
    }
}
