//! The page address's query: what a tutorial page asks of an embedded vpclab
//! (`?embed=1&readonly=1&scenario=…&allowOrigin=…`).
//!
//! [`EmbedOptions::from_query`] reads the query as `URLSearchParams` does (`&`-separated
//! `name=value` pairs, percent-decoding, `+` for a space) and checks every value it knows.
//! Parameters it does not know are left alone: host pages add their own (`utm_source`…).
//! A known parameter given twice, or with a value it cannot use, is a [`QueryError`]:
//! the app explains it in the frame rather than guessing what the author meant.

use std::fmt;

use super::content::{ContentUrl, LessonRef, UrlProblem};
use super::origin::{Origin, OriginProblem};

/// A query parameter vpclab reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Parameter {
    /// `embed=1`: the diagram without the editor chrome.
    Embed,
    /// `readonly=1`: no edits.
    Readonly,
    /// `edit=1`: the editor inside an iframe after all.
    Edit,
    /// `scenario=<url>`: a scenario file to run.
    Scenario,
    /// `topology=<url>`: a topology document to open.
    Topology,
    /// `lesson=<id or url>`: a built-in lesson or a lesson file.
    Lesson,
    /// `step=N`: the lesson step to open (1-based).
    Step,
    /// `lang=en|es`: the language.
    Lang,
    /// `allowOrigin=<origin>`, repeatable: a host page whose messages are obeyed.
    AllowOrigin,
}

impl Parameter {
    /// Every parameter, in the order `docs/EMBED.md` lists them.
    pub const ALL: [Parameter; 9] = [
        Parameter::Embed,
        Parameter::Readonly,
        Parameter::Edit,
        Parameter::Scenario,
        Parameter::Topology,
        Parameter::Lesson,
        Parameter::Step,
        Parameter::Lang,
        Parameter::AllowOrigin,
    ];

    /// The parameter's name in the query (case-sensitive, as `URLSearchParams` reads it).
    pub const fn name(self) -> &'static str {
        match self {
            Parameter::Embed => "embed",
            Parameter::Readonly => "readonly",
            Parameter::Edit => "edit",
            Parameter::Scenario => "scenario",
            Parameter::Topology => "topology",
            Parameter::Lesson => "lesson",
            Parameter::Step => "step",
            Parameter::Lang => "lang",
            Parameter::AllowOrigin => "allowOrigin",
        }
    }

    /// The parameter with this name.
    pub fn from_name(name: &str) -> Option<Parameter> {
        Parameter::ALL.into_iter().find(|p| p.name() == name)
    }
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A language the query can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// `lang=en`.
    English,
    /// `lang=es`.
    Spanish,
}

impl Language {
    /// The BCP 47 tag: `en` or `es`.
    pub const fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
        }
    }
}

/// Where an embedded instance takes its content from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ContentSource {
    /// `scenario=<url>`: run a scenario file and show the network it builds.
    Scenario(ContentUrl),
    /// `topology=<url>`: open a topology document.
    Topology(ContentUrl),
    /// `lesson=<id or url>`: open a lesson.
    Lesson(LessonRef),
}

impl ContentSource {
    /// The parameter that named this source.
    pub const fn parameter(&self) -> Parameter {
        match self {
            ContentSource::Scenario(_) => Parameter::Scenario,
            ContentSource::Topology(_) => Parameter::Topology,
            ContentSource::Lesson(_) => Parameter::Lesson,
        }
    }
}

/// What the page address asks of vpclab. [`Default`] is a plain visit: the full editor,
/// the visitor's own saved network, no host page obeyed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// `embed=1`: show the diagram (and the lesson panel) without the editor chrome, keep
    /// state in memory or under a key of its own ([`EmbedOptions::storage_key`]).
    pub embed: bool,
    /// `readonly=1`: edits are refused (selection, zoom and tracing still work).
    pub readonly: bool,
    /// `edit=1`: the editor chrome inside an iframe.
    pub edit: bool,
    /// The content to open instead of the saved network.
    pub source: Option<ContentSource>,
    /// `step=N`: the lesson step to open, 1-based.
    pub step: Option<u32>,
    /// `lang=`: the language asked for.
    pub language: Option<Language>,
    /// `allowOrigin=`: the host pages (besides vpclab's own origin) whose messages are obeyed.
    pub allowed_origins: Vec<Origin>,
}

/// Why a query could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryError {
    /// A name or value has a bad percent-escape (`%G1`, a lone `%`) or is not UTF-8.
    BadEncoding {
        /// The pair as written in the query (at most 64 characters of it).
        pair: String,
    },
    /// A parameter that takes one value is given twice.
    Repeated(Parameter),
    /// A flag is not `1`, `0`, `true` or `false`.
    BadFlag {
        /// The flag.
        parameter: Parameter,
        /// Its value.
        value: String,
    },
    /// `readonly=1` and `edit=1` together: an editor that refuses every edit.
    ReadonlyAndEdit,
    /// Two content sources (`scenario`, `topology`, `lesson`): only one can be shown.
    TwoSources(Parameter, Parameter),
    /// A `scenario`, `topology` or `lesson` address that cannot be fetched safely.
    BadUrl {
        /// The parameter.
        parameter: Parameter,
        /// The value.
        value: String,
        /// What is wrong with it.
        problem: UrlProblem,
    },
    /// A `lesson` value that is neither an address nor a lesson id (`ecs-networking`).
    BadLessonId(String),
    /// `step` is not a whole number from 1.
    BadStep(String),
    /// `lang` is not `en` or `es`.
    UnsupportedLanguage(String),
    /// An `allowOrigin` value that is not an origin as browsers write them.
    BadOrigin {
        /// The value.
        value: String,
        /// What is wrong with it.
        problem: OriginProblem,
    },
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::BadEncoding { pair } => {
                write!(f, "\"{pair}\" in the address has a bad %-escape")
            }
            QueryError::Repeated(parameter) => write!(f, "\"{parameter}\" is given twice"),
            QueryError::BadFlag { parameter, value } => {
                write!(f, "{parameter}={value}: expected {parameter}=1 or {parameter}=0")
            }
            QueryError::ReadonlyAndEdit => {
                write!(f, "readonly=1 and edit=1 contradict each other: use one")
            }
            QueryError::TwoSources(first, second) => write!(
                f,
                "\"{first}\" and \"{second}\" both name what to show: use one"
            ),
            QueryError::BadUrl {
                parameter,
                value,
                problem,
            } => write!(f, "{parameter}={value}: {problem}"),
            QueryError::BadLessonId(value) => write!(
                f,
                "lesson={value}: expected a lesson id (lowercase letters, digits and hyphens) or the address of a lesson file"
            ),
            QueryError::BadStep(value) => {
                write!(f, "step={value}: expected a step number from 1")
            }
            QueryError::UnsupportedLanguage(value) => {
                write!(f, "lang={value}: vpclab speaks en and es")
            }
            QueryError::BadOrigin { value, problem } => {
                write!(f, "allowOrigin={value}: {problem}")
            }
        }
    }
}

impl std::error::Error for QueryError {}

impl EmbedOptions {
    /// Reads a page address's query, with or without its leading `?`.
    ///
    /// # Errors
    /// A [`QueryError`] for the first known parameter whose value is malformed, repeated
    /// or contradicts another.
    ///
    /// ```
    /// use vpclab::embed::{EmbedOptions, ContentSource, Language};
    /// let options = EmbedOptions::from_query(
    ///     "?embed=1&readonly=1&scenario=lessons%2Fvpc.json&lang=es&allowOrigin=https%3A%2F%2Ftutorials.example.org",
    /// ).unwrap();
    /// assert!(options.embed && options.readonly && !options.shows_editor());
    /// assert!(matches!(&options.source, Some(ContentSource::Scenario(url)) if url.as_str() == "lessons/vpc.json"));
    /// assert_eq!(options.language, Some(Language::Spanish));
    /// assert_eq!(options.allowed_origins[0].as_str(), "https://tutorials.example.org");
    /// assert!(EmbedOptions::from_query("?embed=yes").is_err());
    /// ```
    pub fn from_query(query: &str) -> Result<EmbedOptions, QueryError> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut options = EmbedOptions::default();
        let mut seen: Vec<Parameter> = Vec::new();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let bad = || QueryError::BadEncoding {
                pair: pair.chars().take(64).collect(),
            };
            let name = percent_decode(raw_name).ok_or_else(bad)?;
            let Some(parameter) = Parameter::from_name(&name) else {
                continue;
            };
            let value = percent_decode(raw_value).ok_or_else(bad)?;
            if parameter != Parameter::AllowOrigin && seen.contains(&parameter) {
                return Err(QueryError::Repeated(parameter));
            }
            seen.push(parameter);
            options.set(parameter, value)?;
        }
        if options.readonly && options.edit {
            return Err(QueryError::ReadonlyAndEdit);
        }
        Ok(options)
    }

    /// Records one parameter's value.
    fn set(&mut self, parameter: Parameter, value: String) -> Result<(), QueryError> {
        match parameter {
            Parameter::Embed => self.embed = flag(parameter, &value)?,
            Parameter::Readonly => self.readonly = flag(parameter, &value)?,
            Parameter::Edit => self.edit = flag(parameter, &value)?,
            Parameter::Scenario | Parameter::Topology => {
                let url = ContentUrl::parse(&value).map_err(|problem| QueryError::BadUrl {
                    parameter,
                    value: value.clone(),
                    problem,
                })?;
                let source = if parameter == Parameter::Scenario {
                    ContentSource::Scenario(url)
                } else {
                    ContentSource::Topology(url)
                };
                self.set_source(source)?;
            }
            Parameter::Lesson => {
                let lesson = LessonRef::parse(&value).map_err(|problem| match problem {
                    Some(problem) => QueryError::BadUrl {
                        parameter,
                        value: value.clone(),
                        problem,
                    },
                    None => QueryError::BadLessonId(value.clone()),
                })?;
                self.set_source(ContentSource::Lesson(lesson))?;
            }
            Parameter::Step => self.step = Some(step(&value)?),
            Parameter::Lang => {
                self.language = Some(match value.to_ascii_lowercase().as_str() {
                    "en" => Language::English,
                    "es" => Language::Spanish,
                    _ => return Err(QueryError::UnsupportedLanguage(value)),
                });
            }
            Parameter::AllowOrigin => {
                let origin = Origin::parse(&value)
                    .map_err(|problem| QueryError::BadOrigin { value, problem })?;
                if !self.allowed_origins.contains(&origin) {
                    self.allowed_origins.push(origin);
                }
            }
        }
        Ok(())
    }

    fn set_source(&mut self, source: ContentSource) -> Result<(), QueryError> {
        if let Some(first) = &self.source {
            return Err(QueryError::TwoSources(
                first.parameter(),
                source.parameter(),
            ));
        }
        self.source = Some(source);
        Ok(())
    }

    /// Whether the editor chrome (toolbar, side panel, log) shows: always outside embed
    /// mode, and inside it only with `edit=1`.
    pub fn shows_editor(&self) -> bool {
        !self.embed || self.edit
    }

    /// Whether edits are allowed (`readonly=1` forbids them, embedded or not).
    pub fn allows_edits(&self) -> bool {
        !self.readonly
    }

    /// Whether this instance may read and write the visitor's own saved network: never
    /// when embedded, nor when the address names a scenario or topology to show. A
    /// `lesson` outside embed mode is the lesson player's own visit: the lesson plays over
    /// the visitor's network, which it sets aside untouched and brings back when the
    /// lesson is left.
    pub fn uses_saved_network(&self) -> bool {
        !self.embed && matches!(self.source, None | Some(ContentSource::Lesson(_)))
    }

    /// The storage key an instance that does not use the saved network keeps its state
    /// under: one per embedded source, so that two lessons embedding vpclab never share
    /// (or overwrite) a network, and never the visitor's own (`vpclab:topology`).
    ///
    /// ```
    /// use vpclab::embed::EmbedOptions;
    /// let a = EmbedOptions::from_query("embed=1&scenario=a.json").unwrap();
    /// let b = EmbedOptions::from_query("embed=1&scenario=b.json").unwrap();
    /// assert!(a.storage_key().starts_with("vpclab:embed:scenario:"));
    /// assert_ne!(a.storage_key(), b.storage_key());
    /// assert_eq!(EmbedOptions::from_query("embed=1").unwrap().storage_key(), "vpclab:embed:blank");
    /// ```
    pub fn storage_key(&self) -> String {
        match &self.source {
            None => "vpclab:embed:blank".to_string(),
            Some(source) => {
                let text = match source {
                    ContentSource::Scenario(url) | ContentSource::Topology(url) => url.as_str(),
                    ContentSource::Lesson(lesson) => lesson.as_str(),
                };
                format!(
                    "vpclab:embed:{}:{:016x}",
                    source.parameter().name(),
                    fnv1a(text.as_bytes())
                )
            }
        }
    }
}

/// A flag's value: `1`/`true` or a bare name (`?embed`) is on, `0`/`false` off.
fn flag(parameter: Parameter, value: &str) -> Result<bool, QueryError> {
    match value {
        "" | "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(QueryError::BadFlag {
            parameter,
            value: value.to_string(),
        }),
    }
}

/// A step number: ASCII digits, from 1.
fn step(value: &str) -> Result<u32, QueryError> {
    value
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| value.parse::<u32>().ok())
        .flatten()
        .filter(|n| *n >= 1)
        .ok_or_else(|| QueryError::BadStep(value.to_string()))
}

/// Percent-decodes one name or value as `application/x-www-form-urlencoded` does (`+` is
/// a space); `None` for a bad escape or bytes that are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'%' => {
                let high = hex(*bytes.get(index + 1)?)?;
                let low = hex(*bytes.get(index + 2)?)?;
                out.push(high * 16 + low);
                index += 3;
            }
            b'+' => {
                out.push(b' ');
                index += 1;
            }
            _ => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn hex(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

/// FNV-1a, 64 bits: a stable, dependency-free hash for storage keys (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;
