//! The text of the diagram as data: what each line under a title says (typed, so the UI words
//! it in the user's language), where the engine placed it, and which lines are worth drawing
//! at a given zoom.
//!
//! Coordinates are diagram units (origin top-left, y down; see [`crate::layout`]). Positions
//! are baselines: a line anchored at its start is drawn rightwards from `at`, one anchored at
//! its end leftwards. Widths are estimated from character counts (see
//! [`estimated_width`]); the engine leaves room for the estimate and the UI cuts what does not
//! fit with an ellipsis, so the full text is always in the tooltip and the accessible name.
//!
//! # Level of detail
//! [`drawn_at`] decides, for a zoom scale, what a reader can use: secondary lines
//! (counts, sub-labels) go first, below [`metrics::SECONDARY_PX`] on screen; addresses next,
//! below [`metrics::ADDRESS_PX`]; the title last. When a leaf's other lines are gone its title
//! grows to fill the box, up to [`metrics::READABLE_PX`] on screen, so a name stays readable
//! for as long as the box has room for it.

use serde::Serialize;

use super::geometry::{Point, Rect};
use super::metrics;

/// One line under a shape's title. Addresses and verbatim text are drawn as they are; every
/// other kind is a sub-label the UI words in the user's language from its numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Detail {
    /// An address or CIDR block (`192.168.1.1`, `192.168.0.0/16`), drawn as is.
    Address(String),
    /// Text drawn as is, in every language (a region id, a database engine).
    Text(String),
    /// A VSwitch's addresses: in use (instances, services, reserved by the user) and free.
    Usage {
        /// Addresses in use.
        used: usize,
        /// Addresses still free.
        free: u64,
    },
    /// How many entries a VRouter's route table holds (system and custom).
    Routes(usize),
    /// OSS, reached from the VPC over its internal endpoint.
    InternalEndpoint,
    /// The region takes no new resources under the rules in force.
    RegionClosed,
    /// A gateway's bandwidth, in Mbit/s.
    Bandwidth(u32),
    /// An EIP in the region's pool, bound to nothing, with its bandwidth in Mbit/s.
    UnboundEip {
        /// Bandwidth in Mbit/s.
        bandwidth: u32,
    },
    /// How many back-end servers a CLB balances.
    BackEnds(usize),
    /// A virtual border router's VLAN.
    Vlan(u16),
    /// The public address of a customer gateway that stands for no data centre.
    GatewayAddress(String),
    /// The instances a "+N more" node stands for: how many it hides, and the VSwitch's total.
    Collapsed {
        /// Instances not drawn.
        hidden: usize,
        /// Instances in the VSwitch.
        total: usize,
    },
}

impl Detail {
    /// An address or CIDR block.
    pub fn address(text: impl Into<String>) -> Self {
        Self::Address(text.into())
    }

    /// Verbatim text.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(text.into())
    }

    /// How the line ranks when the zoom leaves no room for everything.
    ///
    /// ```
    /// use vpclab::layout::{Detail, TextRole};
    /// assert_eq!(Detail::address("10.0.0.1").role(), TextRole::Address);
    /// assert_eq!(Detail::Routes(3).role(), TextRole::Secondary);
    /// ```
    pub fn role(&self) -> TextRole {
        match self {
            Self::Address(_) | Self::GatewayAddress(_) => TextRole::Address,
            _ => TextRole::Secondary,
        }
    }

    /// The estimated width of the line at `size`: its own text when it is drawn as is, else
    /// room for its longest wording ([`Detail::estimated_chars`]).
    pub fn width(&self, size: f64) -> f64 {
        match self {
            Self::Address(text) | Self::Text(text) => text_width(self.role(), text, size),
            _ => estimated_width(self.role(), self.estimated_chars(), size),
        }
    }

    /// The most characters the line takes in any language the UI speaks, to leave room for it.
    /// Verbatim lines count their own characters; sub-labels count their longest wording.
    pub fn estimated_chars(&self) -> usize {
        let digits = |n: u64| n.max(1).ilog10() as usize + 1;
        match self {
            Self::Address(text) | Self::Text(text) => text.chars().count(),
            // "12 usadas / 240 libres"
            Self::Usage { used, free } => digits(*used as u64) + digits(*free) + 17,
            // "3 rutas"
            Self::Routes(count) => digits(*count as u64) + 7,
            // "endpoint interno"
            Self::InternalEndpoint => 17,
            // "cerrada a nuevos recursos"
            Self::RegionClosed => 25,
            Self::Bandwidth(mbps) => digits(u64::from(*mbps)) + 7,
            // "5 Mbit/s, sin asociar"
            Self::UnboundEip { bandwidth } => digits(u64::from(*bandwidth)) + 21,
            // "2 servidores de backend"
            Self::BackEnds(count) => digits(*count as u64) + 21,
            Self::Vlan(vlan) => digits(u64::from(*vlan)) + 5,
            // "gateway 203.0.113.10"
            Self::GatewayAddress(address) => address.chars().count() + 8,
            // "de 5000 en total"
            Self::Collapsed { total, .. } => digits(*total as u64) + 12,
        }
    }
}

/// What a line of text is, which decides its style and when it is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextRole {
    /// The name: drawn for as long as there is room for it.
    Title,
    /// An address or CIDR block: drawn while readable.
    Address,
    /// The public-address badge text.
    Badge,
    /// Counts and sub-labels: the first to go when zooming out.
    Secondary,
}

impl TextRole {
    /// The smallest size on screen, in CSS pixels, at which lines of this role are drawn.
    pub const fn min_px(self) -> f64 {
        match self {
            Self::Title => metrics::TITLE_MIN_PX,
            Self::Address | Self::Badge => metrics::ADDRESS_PX,
            Self::Secondary => metrics::SECONDARY_PX,
        }
    }
}

/// Which text of the shape a line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "of", content = "index", rename_all = "snake_case")]
pub enum LineText {
    /// The shape's label.
    Title,
    /// The shape's detail line at this index.
    Detail(usize),
    /// The shape's badge.
    Badge,
}

/// Which end of a line its position names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// `at` is the left end; the text runs to the right.
    Start,
    /// `at` is the right end; the text runs to the left.
    End,
}

/// One line of a shape's text, placed by the engine at full detail.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TextLine {
    /// Which text it shows.
    pub text: LineText,
    /// How it ranks and is styled.
    pub role: TextRole,
    /// The baseline position of the anchored end.
    pub at: Point,
    /// Which end `at` names.
    pub anchor: Anchor,
    /// Font size in diagram units.
    pub size: f64,
    /// The room the engine left for it; longer text is cut with an ellipsis.
    pub max_width: f64,
}

impl TextLine {
    /// The box the line occupies at most (baseline minus ascent to baseline plus descent,
    /// over its whole room), for keeping links off it.
    pub fn bounds(&self) -> Rect {
        let top = self.at.y - metrics::ASCENT * self.size;
        let height = (metrics::ASCENT + metrics::DESCENT) * self.size;
        let left = match self.anchor {
            Anchor::Start => self.at.x,
            Anchor::End => self.at.x - self.max_width,
        };
        Rect::new(left, top, self.max_width, height)
    }
}

/// The estimated width of `chars` characters of `role` text at `size`, in diagram units,
/// when the text itself is not known (a sub-label the UI will word): average advances of
/// DejaVu Sans (bold for titles) and DejaVu Sans Mono, the widest faces the stylesheet's font
/// stacks fall back to.
///
/// ```
/// use vpclab::layout::{estimated_width, TextRole};
/// let ip = estimated_width(TextRole::Address, "192.168.100.100".len(), 14.0);
/// assert!(ip > 120.0 && ip < 130.0);
/// ```
pub fn estimated_width(role: TextRole, chars: usize, size: f64) -> f64 {
    let em = match role {
        TextRole::Title => metrics::TITLE_EM,
        TextRole::Address | TextRole::Badge => metrics::MONO_EM,
        TextRole::Secondary => metrics::TEXT_EM,
    };
    chars as f64 * em * size
}

/// The advance of one character in ems: classes of DejaVu Sans (Book, or Bold for titles),
/// each rounded up; every character of DejaVu Sans Mono is 0.602 em.
fn advance(role: TextRole, c: char) -> f64 {
    let bold = role == TextRole::Title;
    if matches!(role, TextRole::Address | TextRole::Badge) {
        return metrics::MONO_EM;
    }
    let (narrow, semi, space, wide, upper, digit, lower, other): (
        f64,
        f64,
        f64,
        f64,
        f64,
        f64,
        f64,
        f64,
    ) = if bold {
        (0.36, 0.50, 0.35, 1.03, 0.78, 0.70, 0.70, 0.84)
    } else {
        (0.29, 0.42, 0.32, 0.98, 0.73, 0.64, 0.63, 0.84)
    };
    match c {
        'i' | 'j' | 'l' | 'I' | 'J' | '|' | '!' | '.' | ',' | ':' | ';' | '\'' | '`' => narrow,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '{' | '}' | '/' | '\\' | '-' => semi,
        ' ' => space,
        'm' | 'w' | 'M' | 'W' | '@' | '%' | '…' => wide,
        '0'..='9' => digit,
        c if c.is_alphabetic() && c.is_uppercase() => upper,
        c if c.is_alphabetic() && (c as u32) < 0x2E80 => lower,
        // Ideographs and other wide scripts take a whole em.
        c if (c as u32) >= 0x2E80 => 1.0_f64.max(other),
        _ => other,
    }
}

/// The estimated width of `text` drawn as `role` at `size`, in diagram units (on the wide
/// side of what DejaVu Sans and DejaVu Sans Mono draw).
///
/// ```
/// use vpclab::layout::{text_width, TextRole};
/// // DejaVu Sans draws "internal endpoint" 120 px wide at 14 px.
/// let w = text_width(TextRole::Secondary, "internal endpoint", 14.0);
/// assert!(w >= 120.0 && w < 128.0, "{w}");
/// ```
pub fn text_width(role: TextRole, text: &str, size: f64) -> f64 {
    text.chars().map(|c| advance(role, c)).sum::<f64>() * size
}

/// `text` as it fits in `max_width` when drawn as `role` at `size`: whole, or cut with an
/// ellipsis (at least its first character stays).
///
/// ```
/// use vpclab::layout::{fit_text, TextRole};
/// assert_eq!(fit_text(TextRole::Address, "192.168.1.1", 200.0, 14.0), "192.168.1.1");
/// assert_eq!(fit_text(TextRole::Address, "192.168.1.1", 60.0, 14.0), "192.16…");
/// ```
pub fn fit_text(role: TextRole, text: &str, max_width: f64, size: f64) -> String {
    // A hair of tolerance: a title grown to exactly its room must not lose its last letter
    // to rounding.
    if text_width(role, text, size) <= max_width * (1.0 + 1e-9) + 1e-6 {
        return text.to_owned();
    }
    let ellipsis = advance(role, '…') * size;
    let mut used = 0.0;
    let mut shown = String::new();
    for c in text.chars() {
        let w = advance(role, c) * size;
        if used + w + ellipsis > max_width && !shown.is_empty() {
            break;
        }
        used += w;
        shown.push(c);
    }
    shown.push('…');
    shown
}

/// The lines worth drawing at zoom `scale` (1.0: one diagram unit per CSS pixel), from the
/// `lines` laid out at full detail, for a shape whose title may use `title_area` and reads
/// `title`.
///
/// Secondary lines go first, then addresses and badges; the title stays while it can be
/// drawn at [`metrics::TITLE_MIN_PX`] or more. Once every other line is gone (or the title
/// alone is too small to read), the title grows, centred in its area, towards
/// [`metrics::READABLE_PX`] on screen, as far as the area allows: a name is never hidden
/// while its box has room for it.
pub fn drawn_at(lines: &[TextLine], scale: f64, title_area: Rect, label: &str) -> Vec<TextLine> {
    if scale <= 0.0 {
        return Vec::new();
    }
    let Some(title) = lines
        .iter()
        .find(|line| line.role == TextRole::Title)
        .copied()
    else {
        return Vec::new();
    };
    let others: Vec<TextLine> = lines
        .iter()
        .filter(|line| line.role != TextRole::Title && line.size * scale >= line.role.min_px())
        .copied()
        .collect();
    let small = title.size * scale < metrics::READABLE_PX;
    if others.is_empty() && (lines.len() > 1 || small) {
        return grown_title(title, scale, title_area, label)
            .into_iter()
            .collect();
    }
    if title.size * scale < metrics::TITLE_MIN_PX {
        return Vec::new();
    }
    let mut drawn = vec![title];
    drawn.extend(others);
    drawn
}

/// The title alone, as large as its area allows up to [`metrics::READABLE_PX`] on screen,
/// centred vertically; `None` when even that is too small to read. The whole name is
/// preferred; only when the whole name cannot be drawn at [`metrics::TITLE_MIN_PX`] does the
/// title grow with room for its first few characters (the UI cuts the rest).
fn grown_title(title: TextLine, scale: f64, area: Rect, label: &str) -> Option<TextLine> {
    let inner_w = (area.width - 2.0 * metrics::LEAF_INSET).max(0.0);
    let by_height = area.height * metrics::GROWN_TITLE_HEIGHT;
    let wanted = (metrics::READABLE_PX / scale).max(title.size);
    let across = |text: &str| {
        let width = text_width(TextRole::Title, text, 1.0);
        if width > 0.0 {
            inner_w / width
        } else {
            f64::INFINITY
        }
    };
    let whole = wanted.min(by_height).min(across(label));
    let size = if whole * scale >= metrics::TITLE_MIN_PX {
        whole
    } else {
        let mut start: String = label.chars().take(GROWN_PREFIX).collect();
        start.push('…');
        wanted.min(by_height).min(across(&start))
    };
    if size * scale < metrics::TITLE_MIN_PX {
        return None;
    }
    let baseline = area.y + area.height / 2.0 + (metrics::ASCENT - metrics::DESCENT) * size / 2.0;
    Some(TextLine {
        at: Point::new(area.x + metrics::LEAF_INSET, baseline),
        anchor: Anchor::Start,
        size,
        max_width: inner_w,
        ..title
    })
}

/// How many characters (and an ellipsis) a grown title keeps when the whole name does not fit.
const GROWN_PREFIX: usize = 7;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::metrics::{DETAIL_FONT, LEAF_TITLE_FONT, NODE_HEIGHT, NODE_WIDTH};

    /// An instance's lines: title, address, usage-like sub-label, badge.
    fn node_lines() -> (Vec<TextLine>, Rect) {
        let rect = Rect::new(100.0, 200.0, NODE_WIDTH, NODE_HEIGHT);
        let line = |text, role, dy: f64, size| TextLine {
            text,
            role,
            at: Point::new(108.0, 219.0 + dy),
            anchor: Anchor::Start,
            size,
            max_width: 118.0,
        };
        let lines = vec![
            line(LineText::Title, TextRole::Title, 0.0, LEAF_TITLE_FONT),
            line(LineText::Detail(0), TextRole::Address, 15.0, DETAIL_FONT),
            line(LineText::Detail(1), TextRole::Secondary, 30.0, DETAIL_FONT),
            line(LineText::Badge, TextRole::Badge, 45.0, DETAIL_FONT),
        ];
        (lines, rect)
    }

    fn roles(lines: &[TextLine]) -> Vec<TextRole> {
        lines.iter().map(|line| line.role).collect()
    }

    #[test]
    fn zooming_out_drops_secondary_lines_first_then_addresses_and_keeps_the_name() {
        let (lines, rect) = node_lines();
        use TextRole::*;
        // Table: (scale, roles drawn).
        for (scale, expected) in [
            (1.0, vec![Title, Address, Secondary, Badge]),
            (0.75, vec![Title, Address, Secondary, Badge]),
            (0.7, vec![Title, Address, Badge]),
            (0.58, vec![Title, Address, Badge]),
            (0.5, vec![Title]),
            (0.2, vec![Title]),
        ] {
            assert_eq!(
                roles(&drawn_at(&lines, scale, rect, "VM1")),
                expected,
                "at {scale}"
            );
        }
    }

    #[test]
    fn a_lone_title_grows_to_stay_readable_while_its_box_has_room() {
        let (lines, rect) = node_lines();
        // At 0.5 the title would be 7.5 px: it grows to 12 px on screen.
        let grown = drawn_at(&lines, 0.5, rect, "VM1");
        assert_eq!(grown.len(), 1);
        assert!((grown[0].size * 0.5 - crate::layout::metrics::READABLE_PX).abs() < 1e-9);
        assert!(grown[0].bounds().y >= rect.y && grown[0].bounds().bottom() <= rect.bottom());
        // Far out, the box caps it, and it goes only when the box is too small to read it in.
        let capped = drawn_at(&lines, 0.2, rect, "VM1");
        assert_eq!(
            capped[0].size,
            NODE_HEIGHT * crate::layout::metrics::GROWN_TITLE_HEIGHT
        );
        assert!(capped[0].size * 0.2 >= crate::layout::metrics::TITLE_MIN_PX);
        assert!(drawn_at(&lines, 0.1, rect, "VM1").is_empty());
    }

    #[test]
    fn a_lone_title_grows_whole_when_it_can_and_cut_only_when_it_must() {
        let (lines, rect) = node_lines();
        // "VM1" grows as tall as its box allows, whole.
        let short = drawn_at(&lines, 0.3, rect, "VM1");
        assert_eq!(
            short[0].size,
            NODE_HEIGHT * crate::layout::metrics::GROWN_TITLE_HEIGHT
        );
        // A name that fits whole at a readable size stays whole, smaller.
        let medium = drawn_at(&lines, 0.5, rect, "web-server-7");
        let shown = fit_text(
            TextRole::Title,
            "web-server-7",
            medium[0].max_width,
            medium[0].size,
        );
        assert_eq!(shown, "web-server-7");
        // A name too long to read whole grows with room for its first characters.
        let long = "a-rather-long-instance-name";
        let grown = drawn_at(&lines, 0.3, rect, long);
        assert!(grown[0].size * 0.3 >= crate::layout::metrics::TITLE_MIN_PX);
        let shown = fit_text(TextRole::Title, long, grown[0].max_width, grown[0].size);
        assert!(
            shown.starts_with("a-rathe") && shown.ends_with('…'),
            "{shown}"
        );
    }

    #[test]
    fn estimated_widths_err_on_the_wide_side_of_dejavu() {
        // DejaVu Sans Mono: 0.602 em a character; DejaVu Sans: "VM1" in bold is 2.47 em,
        // "2 used / 250 free" in book is 8.86 em.
        assert!(estimated_width(TextRole::Address, 15, 14.0) >= 15.0 * 0.602 * 14.0);
        assert!(text_width(TextRole::Title, "VM1", 1.0) >= 2.47);
        assert!(text_width(TextRole::Secondary, "2 used / 250 free", 1.0) >= 8.86);
    }

    #[test]
    fn fitted_text_is_whole_or_cut_with_an_ellipsis_within_its_room() {
        for room in [10.0, 40.0, 80.0, 120.0, 400.0] {
            let shown = fit_text(TextRole::Secondary, "closed to new resources", room, 14.0);
            if shown.ends_with('…') {
                assert!(
                    shown.chars().count() == 2
                        || text_width(TextRole::Secondary, &shown, 14.0) <= room,
                    "{shown} in {room}"
                );
            } else {
                assert_eq!(shown, "closed to new resources");
            }
        }
    }

    #[test]
    fn sub_labels_are_secondary_and_addresses_are_not() {
        let secondary = [
            Detail::Usage { used: 2, free: 250 },
            Detail::Routes(3),
            Detail::InternalEndpoint,
            Detail::RegionClosed,
            Detail::Bandwidth(5),
            Detail::UnboundEip { bandwidth: 5 },
            Detail::BackEnds(2),
            Detail::Vlan(100),
            Detail::Collapsed {
                hidden: 27,
                total: 50,
            },
            Detail::text("ap-south-1"),
        ];
        assert!(secondary.iter().all(|d| d.role() == TextRole::Secondary));
        assert_eq!(
            Detail::GatewayAddress("203.0.113.1".into()).role(),
            TextRole::Address
        );
        assert_eq!(
            Detail::Usage { used: 2, free: 250 }.estimated_chars(),
            1 + 3 + 17
        );
    }
}
