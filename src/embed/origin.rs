//! Who may drive an embedded vpclab: origins, the origin policy, and the count of messages
//! ignored.
//!
//! A message event says which page sent it by its origin, serialised as browsers do:
//! `https://tutorials.example.org`, `http://127.0.0.1:8080` — a lowercase scheme and host,
//! the port only when it is not the scheme's default, and nothing after. The policy
//! compares that text exactly, so [`Origin::parse`] accepts `allowOrigin` values only in
//! that form (a trailing slash or an uppercase letter would otherwise never match, and
//! the author would not know why). `*` and `null` (the origin of sandboxed frames and
//! `file:` pages, shared by all of them) are never allowed.

use std::fmt;

/// An origin in the form browsers serialise it: `scheme://host[:port]`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin(String);

/// Why a text is not an origin vpclab can match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginProblem {
    /// `*`: any page at all could drive the lab.
    Wildcard,
    /// `null`: every sandboxed frame and `file:` page has this origin.
    Null,
    /// Not `http://` or `https://`.
    NotHttp,
    /// Something after the host and port (a path, even `/`, a query or a fragment).
    HasPath,
    /// Uppercase letters: browsers write origins in lowercase.
    NotLowercase,
    /// The scheme's default port (`:443` for https, `:80` for http), which browsers leave out.
    DefaultPort,
    /// The host is empty or has characters a host cannot have (or a user name).
    BadHost,
    /// The port is not a number from 1 to 65535.
    BadPort,
}

impl fmt::Display for OriginProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OriginProblem::Wildcard => "\"*\" would let any page drive the lab; list each origin",
            OriginProblem::Null => "\"null\" is shared by every sandboxed frame and file: page",
            OriginProblem::NotHttp => "an origin starts with https:// or http://",
            OriginProblem::HasPath => {
                "an origin ends after the host and port (no path, not even a trailing /)"
            }
            OriginProblem::NotLowercase => "browsers write origins in lowercase",
            OriginProblem::DefaultPort => "browsers leave out the default port (:443, :80)",
            OriginProblem::BadHost => "the host is missing or malformed",
            OriginProblem::BadPort => "the port is not a number from 1 to 65535",
        })
    }
}

impl std::error::Error for OriginProblem {}

impl Origin {
    /// Checks that `text` is an origin as a browser serialises it.
    ///
    /// # Errors
    /// The [`OriginProblem`] that keeps it from ever matching (or from being safe).
    ///
    /// ```
    /// use vpclab::embed::{Origin, OriginProblem};
    /// assert_eq!(Origin::parse("https://tutorials.example.org").unwrap().as_str(), "https://tutorials.example.org");
    /// assert!(Origin::parse("http://127.0.0.1:8652").is_ok());
    /// assert_eq!(Origin::parse("https://tutorials.example.org/"), Err(OriginProblem::HasPath));
    /// assert_eq!(Origin::parse("*"), Err(OriginProblem::Wildcard));
    /// ```
    pub fn parse(text: &str) -> Result<Origin, OriginProblem> {
        match text {
            "*" => return Err(OriginProblem::Wildcard),
            "null" => return Err(OriginProblem::Null),
            _ => {}
        }
        let (scheme, authority) = text.split_once("://").ok_or(OriginProblem::NotHttp)?;
        let default_port = match scheme.to_ascii_lowercase().as_str() {
            "https" => "443",
            "http" => "80",
            _ => return Err(OriginProblem::NotHttp),
        };
        if authority.contains(['/', '?', '#']) {
            return Err(OriginProblem::HasPath);
        }
        if text.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(OriginProblem::NotLowercase);
        }
        let (host, port) = split_port(authority)?;
        if !valid_host(host) {
            return Err(OriginProblem::BadHost);
        }
        if let Some(port) = port {
            if port == default_port {
                return Err(OriginProblem::DefaultPort);
            }
            let number = port
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| port.parse::<u16>().ok())
                .flatten();
            if number.is_none_or(|n| n == 0) || port.starts_with('0') {
                return Err(OriginProblem::BadPort);
            }
        }
        Ok(Origin(text.to_string()))
    }

    /// The origin's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The host and the port text, if any; an IPv6 host keeps its brackets.
fn split_port(authority: &str) -> Result<(&str, Option<&str>), OriginProblem> {
    if authority.starts_with('[') {
        let end = authority.find(']').ok_or(OriginProblem::BadHost)?;
        let (host, rest) = authority.split_at(end + 1);
        return match rest.strip_prefix(':') {
            Some(port) => Ok((host, Some(port))),
            None if rest.is_empty() => Ok((host, None)),
            None => Err(OriginProblem::BadHost),
        };
    }
    Ok(match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

/// A host as browsers serialise it: letters, digits, `-` and `.` (punycode for other
/// scripts), or an IPv6 address in brackets.
fn valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty()
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && !host.starts_with('.')
        && !host.contains("..")
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}

/// Which pages' messages an embedded instance obeys: its own origin, and the ones the
/// address lists with `allowOrigin` (exact match).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginPolicy {
    own: Option<Origin>,
    allowed: Vec<Origin>,
}

impl OriginPolicy {
    /// The policy of an instance served from `own_origin` (`location.origin`; `null` for
    /// a `file:` page, which then allows only the listed origins).
    ///
    /// ```
    /// use vpclab::embed::{Origin, OriginPolicy};
    /// let host = Origin::parse("https://tutorials.example.org").unwrap();
    /// let policy = OriginPolicy::new("https://lab.example.org", vec![host]);
    /// assert!(policy.allows("https://tutorials.example.org"));
    /// assert!(policy.allows("https://lab.example.org"));
    /// assert!(!policy.allows("https://tutorials.example.org.evil.test"));
    /// assert!(!policy.allows("null"));
    /// ```
    pub fn new(own_origin: &str, allowed: Vec<Origin>) -> OriginPolicy {
        OriginPolicy {
            own: Origin::parse(own_origin).ok(),
            allowed,
        }
    }

    /// Whether a message from `origin` (the event's `origin`, as the browser gives it) is
    /// obeyed. `null` and anything not listed are not.
    pub fn allows(&self, origin: &str) -> bool {
        self.own
            .iter()
            .chain(&self.allowed)
            .any(|o| o.as_str() == origin)
    }

    /// The listed origins (without the instance's own).
    pub fn allowed(&self) -> &[Origin] {
        &self.allowed
    }
}

/// Why a message was ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IgnoreReason {
    /// It came from an origin the policy does not allow.
    ForeignOrigin,
    /// It is not addressed to vpclab (no `"vpclab": "embed"`): another script's message.
    NotForVpclab,
    /// It is addressed to vpclab but malformed (answered with an `error` when it carries
    /// an id, see [`super::MessageError`]).
    Malformed,
}

impl IgnoreReason {
    /// Every reason.
    pub const ALL: [IgnoreReason; 3] = [
        IgnoreReason::ForeignOrigin,
        IgnoreReason::NotForVpclab,
        IgnoreReason::Malformed,
    ];
}

/// How many messages were ignored, by reason. Counts saturate instead of overflowing, so
/// a page flooding the frame cannot make it panic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IgnoredMessages {
    foreign_origin: u32,
    not_for_vpclab: u32,
    malformed: u32,
}

impl IgnoredMessages {
    /// Counts one ignored message.
    ///
    /// ```
    /// use vpclab::embed::{IgnoredMessages, IgnoreReason};
    /// let mut ignored = IgnoredMessages::default();
    /// ignored.record(IgnoreReason::ForeignOrigin);
    /// ignored.record(IgnoreReason::Malformed);
    /// assert_eq!(ignored.count(IgnoreReason::ForeignOrigin), 1);
    /// assert_eq!(ignored.total(), 2);
    /// ```
    pub fn record(&mut self, reason: IgnoreReason) {
        let count = self.slot(reason);
        *count = count.saturating_add(1);
    }

    /// The messages ignored for `reason`.
    pub fn count(&self, reason: IgnoreReason) -> u32 {
        match reason {
            IgnoreReason::ForeignOrigin => self.foreign_origin,
            IgnoreReason::NotForVpclab => self.not_for_vpclab,
            IgnoreReason::Malformed => self.malformed,
        }
    }

    /// The messages ignored for any reason.
    pub fn total(&self) -> u32 {
        IgnoreReason::ALL
            .into_iter()
            .fold(0u32, |sum, reason| sum.saturating_add(self.count(reason)))
    }

    fn slot(&mut self, reason: IgnoreReason) -> &mut u32 {
        match reason {
            IgnoreReason::ForeignOrigin => &mut self.foreign_origin,
            IgnoreReason::NotForVpclab => &mut self.not_for_vpclab,
            IgnoreReason::Malformed => &mut self.malformed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_in_browser_form_are_accepted() {
        for text in [
            "https://tutorials.example.org",
            "http://localhost:8080",
            "http://127.0.0.1:8652",
            "https://xn--espaol-zwa.example",
            "http://[::1]:8652",
            "https://[2001:db8::1]",
        ] {
            assert_eq!(Origin::parse(text).map(|o| o.to_string()), Ok(text.into()));
        }
    }

    #[test]
    fn origins_that_could_never_match_say_why() {
        for (text, problem) in [
            ("*", OriginProblem::Wildcard),
            ("null", OriginProblem::Null),
            ("tutorials.example.org", OriginProblem::NotHttp),
            ("ftp://example.org", OriginProblem::NotHttp),
            ("https://example.org/", OriginProblem::HasPath),
            ("https://example.org/labs", OriginProblem::HasPath),
            ("https://example.org?x", OriginProblem::HasPath),
            ("https://Example.org", OriginProblem::NotLowercase),
            ("HTTPS://example.org", OriginProblem::NotLowercase),
            ("https://example.org:443", OriginProblem::DefaultPort),
            ("http://example.org:80", OriginProblem::DefaultPort),
            ("https://", OriginProblem::BadHost),
            ("https://user@example.org", OriginProblem::BadHost),
            ("https://exa mple.org", OriginProblem::BadHost),
            ("https://a..b", OriginProblem::BadHost),
            ("http://[::1", OriginProblem::BadHost),
            ("https://example.org:0", OriginProblem::BadPort),
            ("https://example.org:65536", OriginProblem::BadPort),
            ("https://example.org:08080", OriginProblem::BadPort),
            ("https://example.org:", OriginProblem::BadPort),
            ("https://example.org:+1", OriginProblem::BadPort),
        ] {
            assert_eq!(Origin::parse(text), Err(problem), "{text}");
        }
    }

    #[test]
    fn the_policy_obeys_its_own_origin_and_the_listed_ones_exactly() {
        let listed = ["https://a.example", "http://127.0.0.1:8652"]
            .map(|text| Origin::parse(text).expect("origin"));
        let policy = OriginPolicy::new("https://lab.example", listed.to_vec());
        assert!(policy.allows("https://lab.example"));
        assert!(policy.allows("https://a.example"));
        assert!(policy.allows("http://127.0.0.1:8652"));
        for foreign in [
            "https://b.example",
            "http://a.example",
            "https://a.example:8443",
            "https://a.example/",
            "https://A.example",
            "https://sub.a.example",
            "http://127.0.0.1:8653",
            "null",
            "",
            "*",
        ] {
            assert!(!policy.allows(foreign), "{foreign}");
        }
        assert_eq!(policy.allowed().len(), 2);
    }

    #[test]
    fn a_file_page_obeys_only_the_listed_origins_never_null() {
        let policy = OriginPolicy::new("null", Vec::new());
        assert!(!policy.allows("null"));
        let policy = OriginPolicy::new(
            "null",
            vec![Origin::parse("https://a.example").expect("origin")],
        );
        assert!(policy.allows("https://a.example"));
        assert!(!policy.allows("null"));
    }

    #[test]
    fn the_ignored_counter_counts_each_reason_and_saturates() {
        let mut ignored = IgnoredMessages::default();
        assert_eq!(ignored.total(), 0);
        for reason in IgnoreReason::ALL {
            ignored.record(reason);
        }
        ignored.record(IgnoreReason::NotForVpclab);
        assert_eq!(ignored.count(IgnoreReason::NotForVpclab), 2);
        assert_eq!(ignored.total(), 4);
        let mut flooded = IgnoredMessages {
            foreign_origin: u32::MAX,
            not_for_vpclab: u32::MAX,
            malformed: 0,
        };
        flooded.record(IgnoreReason::ForeignOrigin);
        assert_eq!(flooded.count(IgnoreReason::ForeignOrigin), u32::MAX);
        assert_eq!(flooded.total(), u32::MAX);
    }
}
