//! Pictures of the diagram and the names of downloaded files: the pure half of the "SVG"
//! and "PNG" downloads (the browser half reads the drawing and its computed styles).
//!
//! A picture is a standalone SVG document: the `xmlns`, a `viewBox` from the origin to the
//! diagram's size in whole units, and the same `width` and `height`, so one diagram unit is
//! one pixel, as at 100% zoom. Every colour, line and font the page's stylesheet gives the
//! drawing is written into the document as presentation attributes, so it draws the same
//! anywhere (an image viewer, a slide, a `<img>`), with no stylesheet and no script.
//! [`SvgWriter`] writes such a document, escaping every name the user typed.

use std::fmt::Write as _;

use crate::model::Topology;

/// The SVG namespace.
pub const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// The largest side of a PNG, in pixels: browsers refuse canvases past 16,384 pixels a side.
pub const PNG_MAX_SIDE: u32 = 16_384;

/// The largest PNG, in pixels: 4096 × 4096, the largest canvas mobile Safari draws
/// (and 64 MiB of pixels in memory while it is encoded).
pub const PNG_MAX_AREA: u64 = 4096 * 4096;

/// The size of a diagram as a picture, in whole pixels (at least 1 × 1).
///
/// ```
/// use vpclab::export::picture::picture_size;
/// assert_eq!(picture_size(812.4, 300.0), (813, 300));
/// assert_eq!(picture_size(0.0, f64::NAN), (1, 1));
/// ```
pub fn picture_size(width: f64, height: f64) -> (u32, u32) {
    let whole = |value: f64| {
        if value.is_finite() && value >= 1.0 {
            // Saturates at u32::MAX; diagrams are far smaller.
            value.ceil() as u32
        } else {
            1
        }
    };
    (whole(width), whole(height))
}

/// The size a PNG of a `width` × `height` picture is drawn at: the picture's own size when
/// the browser can hold it, else scaled down (keeping its proportions) to fit
/// [`PNG_MAX_SIDE`] and [`PNG_MAX_AREA`]. Returns the PNG's width, height and the scale.
///
/// ```
/// use vpclab::export::picture::png_size;
/// assert_eq!(png_size(1200, 800), (1200, 800, 1.0));
/// let (width, height, scale) = png_size(20_000, 1_000);
/// assert!(width <= 16_384 && scale < 1.0 && height == (1_000.0 * scale).floor() as u32);
/// ```
pub fn png_size(width: u32, height: u32) -> (u32, u32, f64) {
    let (w, h) = (f64::from(width.max(1)), f64::from(height.max(1)));
    let side = f64::from(PNG_MAX_SIDE) / w.max(h);
    // The area limit is a float comparison: 4096² is exact in an f64.
    let area = (PNG_MAX_AREA as f64 / (w * h)).sqrt();
    let scale = side.min(area).min(1.0);
    if scale >= 1.0 {
        return (width.max(1), height.max(1), 1.0);
    }
    // Floor, so the scaled picture never exceeds a limit; never below one pixel.
    let shrink = |value: f64| ((value * scale).floor() as u32).max(1);
    (shrink(w), shrink(h), scale)
}

/// `text` made safe inside an XML attribute value (double-quoted) or element content.
///
/// ```
/// use vpclab::export::picture::escape;
/// assert_eq!(escape(r#"<a & "b">"#), "&lt;a &amp; &quot;b&quot;&gt;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids (controls but tab, newline, return) are dropped:
            // a name with one must not make the whole picture unreadable.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether `name` is a safe XML name for an element or attribute copied from the page (the
/// drawing's own tags and attributes are; anything else is left out of the picture).
fn is_xml_name(name: &str) -> bool {
    let mut characters = name.chars();
    characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && characters.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// Writes a standalone SVG document, element by element.
#[derive(Debug)]
pub struct SvgWriter {
    out: String,
    open: Vec<String>,
}

impl SvgWriter {
    /// Starts a `width` × `height` document titled `title`, with a `background` colour
    /// and, when given, the canvas's grid in `grid` colour (a 24-unit square pattern).
    pub fn new(width: u32, height: u32, title: &str, background: &str, grid: Option<&str>) -> Self {
        let mut out = String::with_capacity(64 * 1024);
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"{SVG_NAMESPACE}\" \
             width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n<title>{}</title>\n",
            escape(title)
        );
        if let Some(grid) = grid {
            let _ = writeln!(
                out,
                "<defs><pattern id=\"vpclab-grid\" width=\"24\" height=\"24\" patternUnits=\"userSpaceOnUse\">\
                 <path d=\"M 24 0 L 0 0 0 24\" fill=\"none\" stroke=\"{}\" stroke-width=\"1\"/></pattern></defs>",
                escape(grid)
            );
        }
        let _ = writeln!(
            out,
            "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
            escape(background)
        );
        if grid.is_some() {
            out.push_str("<rect width=\"100%\" height=\"100%\" fill=\"url(#vpclab-grid)\"/>\n");
        }
        SvgWriter {
            out,
            open: Vec::new(),
        }
    }

    /// Opens element `name` with `attributes` (name, value). An element or attribute whose
    /// name is not a plain XML name is skipped: the element is written as a `g` so its
    /// children still draw, the attribute is left out.
    pub fn open(&mut self, name: &str, attributes: &[(String, String)]) {
        let name = if is_xml_name(name) { name } else { "g" };
        self.out.push('<');
        self.out.push_str(name);
        for (attribute, value) in attributes.iter().filter(|(a, _)| is_xml_name(a)) {
            let _ = write!(self.out, " {attribute}=\"{}\"", escape(value));
        }
        self.out.push('>');
        self.open.push(name.to_owned());
    }

    /// Writes `text` inside the open element.
    pub fn text(&mut self, text: &str) {
        self.out.push_str(&escape(text));
    }

    /// Closes the latest open element.
    pub fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            let _ = write!(self.out, "</{name}>");
        }
    }

    /// The finished document (any element still open is closed).
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out.push_str("\n</svg>\n");
        self.out
    }
}

/// The network's name for file names: the first VPC's name (by id), else its id, else
/// `network`; lower case ASCII letters, digits and dashes, at most 40 characters.
///
/// ```
/// use vpclab::export::picture::network_name;
/// use vpclab::model::{example, RuleSet};
/// assert_eq!(network_name(&example::article_network()), "vpc-article");
/// assert_eq!(network_name(&example::empty(RuleSet::Current)), "network");
/// ```
pub fn network_name(topology: &Topology) -> String {
    let Some(vpc) = topology.vpcs().values().next() else {
        return "network".to_owned();
    };
    let source = if vpc.name.trim().is_empty() {
        &vpc.id
    } else {
        &vpc.name
    };
    let mut name = String::new();
    for character in source.chars().flat_map(char::to_lowercase) {
        if character.is_ascii_alphanumeric() {
            name.push(character);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
        if name.len() >= 40 {
            break;
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "network".to_owned()
    } else {
        name.to_owned()
    }
}

/// The file name of a download: `vpclab-<network>-<date>.<extension>`, where `date` is
/// the day as `YYYY-MM-DD` and `extension` has no dot.
///
/// ```
/// use vpclab::export::picture::file_name;
/// use vpclab::model::example;
/// assert_eq!(file_name(&example::article_network(), "2026-11-28", "tf"), "vpclab-vpc-article-2026-11-28.tf");
/// ```
pub fn file_name(topology: &Topology, date: &str, extension: &str) -> String {
    format!("vpclab-{}-{date}.{extension}", network_name(topology))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{example, RuleSet};

    #[test]
    fn a_picture_is_a_standalone_svg_of_the_diagrams_size() {
        let mut writer = SvgWriter::new(640, 480, "vpclab", "#f5f7fa", Some("#e6eaf0"));
        writer.open(
            "rect",
            &[
                ("x".into(), "1".into()),
                ("fill".into(), "rgb(1, 2, 3)".into()),
            ],
        );
        writer.close();
        let svg = writer.finish();
        assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"480\" viewBox=\"0 0 640 480\">"));
        assert!(svg.contains("<rect x=\"1\" fill=\"rgb(1, 2, 3)\"></rect>"));
        assert!(svg.contains("fill=\"url(#vpclab-grid)\""));
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn names_the_user_typed_cannot_break_the_picture() {
        let mut writer = SvgWriter::new(10, 10, "</title><script>", "#fff", None);
        writer.open(
            "text",
            &[("data-id".into(), "\"><script>alert(1)</script>".into())],
        );
        writer.text("a < b & \u{1} c");
        writer.open("bad name", &[("on click".into(), "x".into())]);
        let svg = writer.finish();
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("data-id=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
        assert!(svg.contains(">a &lt; b &amp;  c<g></g></text>"), "{svg}");
        assert!(!svg.contains("on click"));
    }

    #[test]
    fn a_png_keeps_the_pictures_size_until_a_browser_limit_then_shrinks_in_proportion() {
        assert_eq!(png_size(4096, 4096), (4096, 4096, 1.0));
        let (width, height, scale) = png_size(8192, 4096);
        assert!(scale < 1.0);
        assert!(u64::from(width) * u64::from(height) <= PNG_MAX_AREA);
        assert_eq!(width, 2 * height);
        let (width, _, _) = png_size(40_000, 10);
        assert!(width <= PNG_MAX_SIDE);
        assert_eq!(png_size(0, 0), (1, 1, 1.0));
    }

    #[test]
    fn file_names_say_the_network_and_the_day_in_safe_characters() {
        let mut topology = example::empty(RuleSet::Current);
        assert_eq!(
            file_name(&topology, "2026-01-02", "json"),
            "vpclab-network-2026-01-02.json"
        );
        topology = example::article_network();
        assert_eq!(network_name(&topology), "vpc-article");
        // A name with other scripts, separators and a path in it becomes a safe name.
        let mut document: serde_json::Value =
            serde_json::from_str(&crate::model::document::to_json(&topology)).expect("json");
        document["vpcs"][0]["name"] = "  Ñandú / ../../etc/passwd ".repeat(10).into();
        let named = crate::model::document::restore(&document.to_string()).expect("restores");
        let name = network_name(&named);
        assert!(name.starts_with("and-etc-passwd-and-etc"), "{name}");
        assert!(name.len() <= 40, "{name}");
        assert!(!name.ends_with('-'));
    }
}
