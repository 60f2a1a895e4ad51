//! Addresses of content to load (`scenario=`, `topology=`, `lesson=`, and the same in
//! messages): checked before anything is fetched.
//!
//! A [`ContentUrl`] is an `http:`/`https:` address or a reference relative to vpclab's own
//! page (`lessons/vpc.json`, `/shared/net.json`, `//cdn.example.org/net.json`). Any other
//! scheme (`javascript:`, `data:`, `file:`, `blob:`) is refused, and so are spaces,
//! control characters and backslashes, which browsers repair in ways an author does not
//! see. Whether the fetch is then allowed is the browser's business: the page's policy
//! lets vpclab fetch its own origin and `https:` addresses, and a foreign server must
//! answer with CORS headers. What arrives is read by the model's own parsers, within
//! [`FETCH_BYTES`](super::FETCH_BYTES).

use std::fmt;

/// The longest address accepted, in bytes: browsers and servers commonly stop near 2 KB
/// for a whole URL, and a content address is only part of one.
pub const URL_BYTES: usize = 2048;

/// The longest lesson id, in characters.
pub const LESSON_ID_CHARS: usize = 64;

/// A checked address of a file to fetch: absolute `http(s)://…` or relative to vpclab.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContentUrl(String);

/// What is wrong with an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// Nothing was given.
    Empty,
    /// Longer than [`URL_BYTES`].
    TooLong,
    /// A space, a control character or a backslash.
    Unsafe,
    /// A scheme other than `http:` or `https:` (the scheme, lowercased).
    Scheme(String),
    /// `http(s):` without `//host`.
    NoHost,
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlProblem::Empty => write!(f, "the address is empty"),
            UrlProblem::TooLong => write!(f, "the address is longer than {URL_BYTES} bytes"),
            UrlProblem::Unsafe => write!(
                f,
                "the address has a space, a control character or a backslash"
            ),
            UrlProblem::Scheme(scheme) => write!(
                f,
                "\"{scheme}:\" addresses are not loaded: use https:// or a relative address"
            ),
            UrlProblem::NoHost => write!(f, "the address has no host after the scheme"),
        }
    }
}

impl std::error::Error for UrlProblem {}

impl ContentUrl {
    /// Checks an address.
    ///
    /// # Errors
    /// The [`UrlProblem`] with it.
    ///
    /// ```
    /// use vpclab::embed::{ContentUrl, UrlProblem};
    /// assert!(ContentUrl::parse("https://tutorials.example.org/vpc.json").is_ok());
    /// assert!(ContentUrl::parse("lessons/vpc.json").is_ok());
    /// assert_eq!(ContentUrl::parse("javascript:alert(1)"), Err(UrlProblem::Scheme("javascript".into())));
    /// ```
    pub fn parse(text: &str) -> Result<ContentUrl, UrlProblem> {
        if text.is_empty() {
            return Err(UrlProblem::Empty);
        }
        if text.len() > URL_BYTES {
            return Err(UrlProblem::TooLong);
        }
        if text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
        {
            return Err(UrlProblem::Unsafe);
        }
        if let Some((scheme, rest)) = scheme_of(text) {
            let scheme = scheme.to_ascii_lowercase();
            if scheme != "http" && scheme != "https" {
                return Err(UrlProblem::Scheme(scheme));
            }
            let host = rest.strip_prefix("//").ok_or(UrlProblem::NoHost)?;
            if host.is_empty() || host.starts_with(['/', '?', '#']) {
                return Err(UrlProblem::NoHost);
            }
        }
        Ok(ContentUrl(text.to_string()))
    }

    /// The address as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContentUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The scheme and the rest, when `text` starts with one (`scheme:`, RFC 3986: a letter,
/// then letters, digits, `+`, `-`, `.`). A relative path with a colon later on
/// (`nets/a:b.json`) has none, because a `/` comes first.
fn scheme_of(text: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let starts = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let valid = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (starts && valid).then_some((scheme, rest))
}

/// The lesson to open: a built-in one by id, or a lesson file by address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LessonRef {
    /// A built-in lesson: lowercase letters, digits and single hyphens (`ecs-networking`).
    BuiltIn(String),
    /// A lesson file.
    Url(ContentUrl),
}

impl LessonRef {
    /// Reads a `lesson` value: text with a `/`, `.` or `:` is an address, anything else
    /// must be a lesson id.
    ///
    /// # Errors
    /// `Some(problem)` for a bad address, `None` for text that is not a lesson id.
    ///
    /// ```
    /// use vpclab::embed::LessonRef;
    /// assert_eq!(LessonRef::parse("ecs-networking"), Ok(LessonRef::BuiltIn("ecs-networking".into())));
    /// assert!(matches!(LessonRef::parse("lessons/mine.json"), Ok(LessonRef::Url(_))));
    /// assert_eq!(LessonRef::parse("ECS networking"), Err(None));
    /// ```
    pub fn parse(text: &str) -> Result<LessonRef, Option<UrlProblem>> {
        if text.contains(['/', '.', ':']) {
            return ContentUrl::parse(text).map(LessonRef::Url).map_err(Some);
        }
        let id_like = !text.is_empty()
            && text.chars().count() <= LESSON_ID_CHARS
            && text.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if id_like {
            Ok(LessonRef::BuiltIn(text.to_string()))
        } else {
            Err(None)
        }
    }

    /// The id or the address, as given.
    pub fn as_str(&self) -> &str {
        match self {
            LessonRef::BuiltIn(id) => id,
            LessonRef::Url(url) => url.as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_https_and_relative_addresses_are_accepted() {
        for text in [
            "https://tutorials.example.org/labs/net.json",
            "HTTP://127.0.0.1:8652/net.json",
            "net.json",
            "./lessons/vpc.json",
            "../shared/a.json?v=2",
            "/abs/path.json",
            "//cdn.example.org/net.json",
            "nets/a:b.json",
        ] {
            assert_eq!(
                ContentUrl::parse(text).map(|u| u.to_string()),
                Ok(text.to_string())
            );
        }
    }

    #[test]
    fn other_schemes_are_refused_by_name() {
        for (text, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JavaScript:alert(1)", "javascript"),
            ("data:application/json,{}", "data"),
            ("file:///etc/passwd", "file"),
            ("blob:https://x/1", "blob"),
            ("ftp://x/a.json", "ftp"),
        ] {
            assert_eq!(
                ContentUrl::parse(text),
                Err(UrlProblem::Scheme(scheme.into()))
            );
        }
    }

    #[test]
    fn empty_long_hostless_and_unsafe_addresses_are_refused() {
        assert_eq!(ContentUrl::parse(""), Err(UrlProblem::Empty));
        assert_eq!(
            ContentUrl::parse(&"a".repeat(URL_BYTES + 1)),
            Err(UrlProblem::TooLong)
        );
        assert!(ContentUrl::parse(&"a".repeat(URL_BYTES)).is_ok());
        for text in [
            "https:net.json",
            "https:///net.json",
            "https://",
            "http://?x",
        ] {
            assert_eq!(ContentUrl::parse(text), Err(UrlProblem::NoHost), "{text}");
        }
        for text in ["a b.json", "a\tb", "https:\\\\evil.example", "a\u{0}b"] {
            assert_eq!(ContentUrl::parse(text), Err(UrlProblem::Unsafe), "{text:?}");
        }
    }

    #[test]
    fn lesson_ids_and_lesson_addresses_are_told_apart() {
        assert_eq!(
            LessonRef::parse("public-ips-2"),
            Ok(LessonRef::BuiltIn("public-ips-2".into()))
        );
        assert!(matches!(
            LessonRef::parse("https://x.example/l.json"),
            Ok(LessonRef::Url(_))
        ));
        assert_eq!(
            LessonRef::parse("javascript:x"),
            Err(Some(UrlProblem::Scheme("javascript".into())))
        );
        for text in [
            "",
            "Ecs",
            "a--b",
            "-a",
            "a-",
            "ecs_networking",
            &"a".repeat(65),
        ] {
            assert_eq!(LessonRef::parse(text), Err(None), "{text}");
        }
    }
}
