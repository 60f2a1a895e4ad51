//! What a diagram shape is drawn as, decided once for its two drawings: the per-shape
//! component of `diagram_view` (Yew's virtual DOM, patched in place) and the markup of a
//! batch of shapes (`shape_batch`: one string, parsed by the browser in one go).
//!
//! The decisions (classes, corner radius, the words of a line cut to its room, the badge's
//! id) live here so that both drawings say the same thing; `tests/web_batch.rs` checks
//! that they produce the same elements and attributes.

use std::fmt::Write;

use super::diagram_text::{accessible_name, badge_class, line_text, short_line_text};
use crate::app::i18n::Language;
use crate::layout::{fit_text, Anchor, BadgeKind, Shape, TextLine, TextRole};
use crate::model::{ElementId, ElementKind};

/// How a shape is marked: selected, on a highlighted path, blocking a trace, and whether its
/// public address (its badge) is on the path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShapeMarks {
    /// The selected element.
    pub selected: bool,
    /// On a traced path or among reachable endpoints.
    pub highlighted: bool,
    /// Where a failed trace stopped.
    pub blocked: bool,
    /// Its public address is on the traced path.
    pub public_lit: bool,
}

/// The classes of a shape's group: `shape`, its kind, then its marks.
pub fn shape_class(kind: ElementKind, marks: ShapeMarks) -> String {
    let mut class = format!("shape {}", kind.as_str());
    for (on, name) in [
        (marks.selected, " selected"),
        (marks.highlighted, " highlighted"),
        (marks.blocked, " blocked"),
    ] {
        if on {
            class.push_str(name);
        }
    }
    class
}

/// A shape's `aria-pressed`: whether it is the selected element.
pub fn aria_pressed(marks: ShapeMarks) -> &'static str {
    if marks.selected {
        "true"
    } else {
        "false"
    }
}

/// The classes of a badge's group (the public address's mark).
pub fn public_ip_class(lit: bool) -> &'static str {
    if lit {
        "public-ip highlighted"
    } else {
        "public-ip"
    }
}

/// How round a shape's corners are: containers a little, the things outside the cloud a lot.
pub fn corner_radius(kind: ElementKind) -> &'static str {
    match kind {
        ElementKind::Region | ElementKind::Vpc => "10",
        ElementKind::Zone => "8",
        ElementKind::Internet | ElementKind::Oss | ElementKind::DataCenter => "16",
        _ => "6",
    }
}

/// The classes of the mark a public address of `kind` is drawn as.
pub fn badge_mark_class(kind: BadgeKind) -> String {
    format!("badge-mark {}", badge_class(kind))
}

/// The element id of a shape's public address (`<resource>/publicip`), which a trace lights.
pub fn public_ip_id(shape: &Shape) -> Option<ElementId> {
    shape
        .id
        .as_resource()
        .map(|holder| ElementId::PublicIp(holder.to_owned()))
}

/// The classes of one line of a shape's text.
pub fn line_class(shape: &Shape, line: &TextLine) -> String {
    match (line.role, &shape.badge) {
        (TextRole::Title, _) => "title".to_owned(),
        (TextRole::Badge, Some(badge)) => format!("badge-text {}", badge_class(badge.kind)),
        (TextRole::Address, _) => "detail address".to_owned(),
        _ => "detail secondary".to_owned(),
    }
}

/// The words of one line, worded in `language` and cut with an ellipsis to its room (a
/// shorter wording first, where the shape has one).
pub fn line_words(language: Language, shape: &Shape, line: &TextLine) -> String {
    let words = line_text(language, shape, line.text);
    let shown = fit_text(line.role, &words, line.max_width, line.size);
    if shown != words {
        if let Some(short) = short_line_text(shape, line.text) {
            return fit_text(line.role, &short, line.max_width, line.size);
        }
    }
    shown
}

/// A line's `text-anchor`: none for "start", SVG's own default (left unwritten, one
/// attribute fewer per line: a thousand shapes set tens of thousands of attributes).
pub fn line_anchor(anchor: Anchor) -> Option<&'static str> {
    match anchor {
        Anchor::Start => None,
        Anchor::End => Some("end"),
    }
}

/// A coordinate as the drawing writes it: one decimal.
pub fn coordinate(value: f64) -> String {
    let mut text = String::with_capacity(8);
    push_tenths(&mut text, value);
    text
}

/// Appends `value` with one decimal: its number of tenths, rounded half away from zero,
/// written as two whole numbers. The float formatter's fixed-precision mode (`{:.1}`) falls
/// back to big-number arithmetic for many values, and it was a tenth of the markup written
/// when a VSwitch of 1,000 is expanded; a tenth of a pixel either way changes nothing drawn.
pub fn push_tenths(out: &mut String, value: f64) {
    let tenths = (value * 10.0).round();
    // Beyond 2^53 tenths (and for NaN or infinities) a whole number would not be exact.
    if !tenths.is_finite() || tenths.abs() >= 9.0e15 {
        let _ = write!(out, "{value:.1}");
        return;
    }
    let tenths = tenths as i64;
    if tenths < 0 {
        out.push('-');
    }
    let magnitude = tenths.unsigned_abs();
    // Writing into a String cannot fail.
    let _ = write!(out, "{}.{}", magnitude / 10, magnitude % 10);
}

/// Appends `text` to `out` escaped for HTML text or a double-quoted attribute: names come
/// from the user and must never become markup.
fn push_escaped(out: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
}

/// Appends ` name="value"` with the value escaped.
fn push_attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_escaped(out, value);
    out.push('"');
}

/// Appends ` name="value"` for a coordinate (one decimal; nothing to escape).
fn push_coordinate(out: &mut String, name: &str, value: f64) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_tenths(out, value);
    out.push('"');
}

/// Appends the markup of one shape, the same elements and attributes as the per-shape
/// component draws: its group, its box, its public-address mark and its text (`lines`: what
/// is drawn of it at the current zoom).
pub fn write_shape(
    out: &mut String,
    shape: &Shape,
    lines: &[TextLine],
    language: Language,
    marks: ShapeMarks,
) {
    let rect = &shape.rect;
    out.push_str("<g");
    push_attribute(out, "class", &shape_class(shape.kind, marks));
    push_attribute(out, "data-kind", shape.kind.as_str());
    push_attribute(out, "data-id", &shape.id.to_string());
    out.push_str(" role=\"button\" tabindex=\"0\"");
    push_attribute(out, "aria-label", &accessible_name(language, shape));
    push_attribute(out, "aria-pressed", aria_pressed(marks));
    out.push_str("><rect");
    push_coordinate(out, "x", rect.x);
    push_coordinate(out, "y", rect.y);
    push_coordinate(out, "width", rect.width);
    push_coordinate(out, "height", rect.height);
    push_attribute(out, "rx", corner_radius(shape.kind));
    out.push_str("></rect>");
    if let Some(badge) = &shape.badge {
        out.push_str("<g");
        push_attribute(out, "class", public_ip_class(marks.public_lit));
        push_attribute(out, "data-kind", ElementKind::PublicIp.as_str());
        if let Some(id) = public_ip_id(shape) {
            push_attribute(out, "data-id", &id.to_string());
        }
        out.push_str("><rect");
        push_attribute(out, "class", &badge_mark_class(badge.kind));
        push_coordinate(out, "x", rect.right() - 10.0);
        push_coordinate(out, "y", rect.y + 4.0);
        out.push_str(" width=\"6\"");
        push_coordinate(out, "height", rect.height - 8.0);
        out.push_str(" rx=\"3\"></rect></g>");
    }
    if !lines.is_empty() {
        out.push_str("<text class=\"label\" aria-hidden=\"true\">");
        for line in lines {
            out.push_str("<tspan");
            push_attribute(out, "class", &line_class(shape, line));
            push_coordinate(out, "x", line.at.x);
            push_coordinate(out, "y", line.at.y);
            push_coordinate(out, "font-size", line.size);
            if let Some(anchor) = line_anchor(line.anchor) {
                push_attribute(out, "text-anchor", anchor);
            }
            out.push('>');
            push_escaped(out, &line_words(language, shape, line));
            // The space keeps the lines apart as words in the text's content (see
            // `diagram_view::draw_text`).
            out.push_str("</tspan> ");
        }
        out.push_str("</text>");
    }
    out.push_str("</g>");
}
