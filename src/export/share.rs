//! Share links: a whole topology in a URL fragment, and the one way back from such a
//! fragment to a topology.
//!
//! A link reads `https://…/vpclab/#network=1.<payload>`: `network=` says the fragment is a
//! vpclab network, `1` is the format version ([`FORMAT_VERSION`]), and the payload is the
//! compact topology document ([`document::to_json`]) compressed with zlib (DEFLATE with an
//! Adler-32 checksum, by the `miniz_oxide` crate) and written in unpadded base64url, so the
//! fragment needs no percent-encoding. The fragment never reaches a server: browsers do not
//! send it.
//!
//! [`decode`] treats its input as untrusted, in the manner of [`document::restore`], which
//! it ends with: it refuses a fragment longer than [`limits::DOCUMENT_BYTES`] before
//! decoding anything, inflates with a bound (it never allocates more than
//! [`limits::DOCUMENT_BYTES`] for the inflated text, whatever the payload claims), and
//! names what is wrong with one [`ShareError`] variant per failure.
//!
//! ```
//! use vpclab::export::share;
//! use vpclab::model::example;
//! let article = example::article_network();
//! let fragment = share::encode(&article);
//! assert!(fragment.starts_with("#network=1."));
//! assert_eq!(share::decode(&fragment), Ok(article));
//! ```

use std::fmt;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, DecodeError, Engine};
use miniz_oxide::inflate::TINFLStatus;

use crate::model::document::{self, LoadError};
use crate::model::limits::{self, TooLarge};
use crate::model::Topology;

/// The key that marks a vpclab network in a fragment: `#network=…`.
pub const FRAGMENT_KEY: &str = "network=";

/// The format version this build writes and reads: the number before the first `.`.
pub const FORMAT_VERSION: u32 = 1;

/// Links longer than this (8 KiB, the whole link) should warn and offer the file instead:
/// chat apps, mail clients and some browsers cut or refuse longer addresses.
pub const LINK_WARN_BYTES: usize = 8 * 1024;

/// The zlib compression level: 9, the smallest link (a few milliseconds for the largest
/// networks people share).
const LEVEL: u8 = 9;

/// Base64url that also accepts `=` padding on input (some tools add it) but never writes it.
const LENIENT_URL_SAFE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why a fragment could not be read as a shared network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment does not start with `network=` (after an optional `#`): it is not a
    /// vpclab share link (or the link was cut before its fragment).
    NotAShareLink,
    /// The fragment is longer than [`limits::DOCUMENT_BYTES`]; it was not decoded.
    LinkTooLong(TooLarge),
    /// The format version is missing, not a number, or one this build does not read.
    UnknownVersion {
        /// The version text as found (at most 16 characters of it).
        version: String,
        /// The version this build reads.
        supported: u32,
    },
    /// The payload is not base64url: a character outside the alphabet, or an impossible
    /// length or last character (often a link cut in the middle).
    MalformedBase64 {
        /// The byte offset in the payload where decoding failed.
        offset: usize,
    },
    /// The compressed data ends before the network does: the link was cut.
    Truncated,
    /// The compressed data is damaged: not zlib, or its checksum does not match.
    Corrupt,
    /// The network inflates to more than the limit; inflation stopped at the limit.
    InflatedTooLarge {
        /// The limit, in bytes ([`limits::DOCUMENT_BYTES`]).
        limit: usize,
    },
    /// The inflated data is not UTF-8 text.
    NotText,
    /// The inflated text is not a valid topology document.
    Document(LoadError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NotAShareLink => {
                write!(f, "not a vpclab share link (no \"#{FRAGMENT_KEY}\")")
            }
            ShareError::LinkTooLong(too_large) => write!(f, "the link is too long: {too_large}"),
            ShareError::UnknownVersion { version, supported } => write!(
                f,
                "the link's format \"{version}\" is not one this vpclab reads (version {supported})"
            ),
            ShareError::MalformedBase64 { offset } => write!(
                f,
                "the link is damaged: unexpected text at character {offset} of the network"
            ),
            ShareError::Truncated => write!(f, "the link was cut short: the network is incomplete"),
            ShareError::Corrupt => write!(f, "the link is damaged: the network does not unpack"),
            ShareError::InflatedTooLarge { limit } => write!(
                f,
                "the shared network unpacks to more than the limit of {limit} bytes"
            ),
            ShareError::NotText => write!(f, "the link is damaged: the network is not text"),
            ShareError::Document(error) => write!(f, "the shared network is not valid: {error}"),
        }
    }
}

impl std::error::Error for ShareError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ShareError::LinkTooLong(error) => Some(error),
            ShareError::Document(error) => Some(error),
            _ => None,
        }
    }
}

/// The fragment that carries `topology`: `#network=1.<base64url of the zlib-compressed
/// document>`. Append it to the app's address (without its own fragment) to make a link.
///
/// ```
/// use vpclab::export::share;
/// let empty = vpclab::model::example::empty(vpclab::model::RuleSet::Current);
/// let fragment = share::encode(&empty);
/// assert!(fragment.len() < 160, "{fragment}");
/// assert!(fragment[1..].bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.=".contains(&b)));
/// ```
pub fn encode(topology: &Topology) -> String {
    let json = document::to_json(topology);
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), LEVEL);
    format!(
        "#{FRAGMENT_KEY}{FORMAT_VERSION}.{}",
        URL_SAFE_NO_PAD.encode(compressed)
    )
}

/// The topology a share fragment carries.
///
/// Takes the fragment with or without its `#` (`location.hash` gives it with one), or a
/// whole link, whose fragment is then read.
///
/// # Errors
/// A [`ShareError`] naming the first problem: not a share link, too long, an unknown
/// format version, malformed base64, truncated or corrupt compressed data, an inflated
/// size over [`limits::DOCUMENT_BYTES`], text that is not UTF-8, or the document's own
/// [`LoadError`].
///
/// ```
/// use vpclab::export::share::{self, ShareError};
/// assert_eq!(share::decode("#lesson=2"), Err(ShareError::NotAShareLink));
/// assert!(matches!(share::decode("#network=7.eJw"), Err(ShareError::UnknownVersion { .. })));
/// assert_eq!(share::decode("#network=1.eJ*"), Err(ShareError::MalformedBase64 { offset: 2 }));
/// ```
// Kept out of its callers, so that V8 optimises it (or not) on its own: see
// `model::document::validate`.
#[inline(never)]
pub fn decode(fragment: &str) -> Result<Topology, ShareError> {
    let fragment = fragment
        .split_once('#')
        .map_or(fragment, |(_, after)| after);
    let body = fragment
        .strip_prefix(FRAGMENT_KEY)
        .ok_or(ShareError::NotAShareLink)?;
    limits::check(body, limits::DOCUMENT_BYTES).map_err(ShareError::LinkTooLong)?;
    let payload = versioned_payload(body)?;
    let compressed =
        LENIENT_URL_SAFE
            .decode(payload)
            .map_err(|error| ShareError::MalformedBase64 {
                offset: base64_offset(&error, payload.len()),
            })?;
    let inflated = inflate(&compressed, limits::DOCUMENT_BYTES).map_err(inflate_error)?;
    let text = String::from_utf8(inflated).map_err(|_| ShareError::NotText)?;
    document::restore(&text).map_err(ShareError::Document)
}

/// Whether a link (the whole address, fragment included) is past [`LINK_WARN_BYTES`], so
/// the app should warn and offer the file instead.
///
/// ```
/// use vpclab::export::share;
/// assert!(!share::is_past_warning("https://example.org/vpclab/#network=1.eJw"));
/// assert!(share::is_past_warning(&"x".repeat(share::LINK_WARN_BYTES + 1)));
/// ```
pub fn is_past_warning(link: &str) -> bool {
    link.len() > LINK_WARN_BYTES
}

/// The payload after a version this build reads.
fn versioned_payload(body: &str) -> Result<&str, ShareError> {
    let unknown = |version: &str| ShareError::UnknownVersion {
        version: version.chars().take(16).collect(),
        supported: FORMAT_VERSION,
    };
    let (version, payload) = body.split_once('.').ok_or_else(|| unknown(body))?;
    // Exactly "1": no sign, no leading zero, so one version has one spelling.
    if version == FORMAT_VERSION.to_string() {
        Ok(payload)
    } else {
        Err(unknown(version))
    }
}

/// Where in the payload base64 decoding failed.
fn base64_offset(error: &DecodeError, length: usize) -> usize {
    match error {
        DecodeError::InvalidByte(offset, _) | DecodeError::InvalidLastSymbol(offset, _) => *offset,
        DecodeError::InvalidLength(_) | DecodeError::InvalidPadding => length,
    }
}

/// Inflates a zlib stream into at most `limit` bytes, as miniz_oxide's
/// `decompress_to_vec_zlib_with_limit` does, but with room for twenty times the input from
/// the start (about what a network document compresses to) instead of twice: a large
/// network is then inflated without four rounds of growing, copying and zeroing its buffer
/// (24 ms of opening 20,000 instances from a link in the browser).
fn inflate(compressed: &[u8], limit: usize) -> Result<Vec<u8>, TINFLStatus> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0; compressed.len().saturating_mul(20).max(1024).min(limit)];
    let mut decompressor = Box::<DecompressorOxide>::default();
    let mut input = compressed;
    let mut written = 0;
    loop {
        let (status, read, wrote) = decompress(&mut decompressor, input, &mut out, written, flags);
        written += wrote;
        match status {
            TINFLStatus::Done => {
                out.truncate(written);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= limit {
                    return Err(TINFLStatus::HasMoreOutput);
                }
                input = input.get(read..).ok_or(TINFLStatus::HasMoreOutput)?;
                let grown = out.len().saturating_mul(2).min(limit);
                out.resize(grown, 0);
            }
            other => return Err(other),
        }
    }
}

/// The share error for an inflate failure.
fn inflate_error(status: TINFLStatus) -> ShareError {
    match status {
        // The input ended while the stream still needed more: the link was cut.
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
            ShareError::Truncated
        }
        TINFLStatus::HasMoreOutput => ShareError::InflatedTooLarge {
            limit: limits::DOCUMENT_BYTES,
        },
        // Failed, BadParam, Adler32Mismatch, and any status a later miniz_oxide adds.
        _ => ShareError::Corrupt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::example::article_network;

    fn payload_of(fragment: &str) -> &str {
        fragment
            .strip_prefix("#network=1.")
            .expect("a version 1 fragment")
    }

    fn fragment_of(bytes: &[u8]) -> String {
        format!("#network=1.{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    fn compressed(text: &[u8]) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec_zlib(text, LEVEL)
    }

    #[test]
    fn the_article_network_round_trips_with_or_without_the_hash_and_inside_a_link() {
        let article = article_network();
        let fragment = encode(&article);
        assert_eq!(decode(&fragment), Ok(article.clone()));
        assert_eq!(decode(&fragment[1..]), Ok(article.clone()));
        let link = format!("https://tutorials.example.org/labs/vpclab/?lang=es{fragment}");
        assert_eq!(decode(&link), Ok(article));
    }

    #[test]
    fn the_article_link_is_short_and_far_below_the_warning() {
        let fragment = encode(&article_network());
        let json = document::to_json(&article_network());
        assert!(
            fragment.len() * 2 < json.len(),
            "{} vs {}",
            fragment.len(),
            json.len()
        );
        assert!(!is_past_warning(&fragment));
    }

    #[test]
    fn padding_is_accepted_on_input() {
        // Trailing spaces until the compressed length needs padding in base64.
        let mut json = document::to_json(&article_network());
        while compressed(json.as_bytes()).len().is_multiple_of(3) {
            json.push(' ');
        }
        let mut fragment = fragment_of(&compressed(json.as_bytes()));
        assert_eq!(decode(&fragment), Ok(article_network()));
        while !payload_of(&fragment).len().is_multiple_of(4) {
            fragment.push('=');
        }
        assert!(fragment.ends_with('='));
        assert_eq!(decode(&fragment), Ok(article_network()));
    }

    #[test]
    fn a_fragment_without_the_key_is_not_a_share_link() {
        for text in [
            "",
            "#",
            "#network",
            "#Network=1.eJw",
            "#lesson=ecs&step=2",
            "https://x/",
        ] {
            assert_eq!(decode(text), Err(ShareError::NotAShareLink), "{text:?}");
        }
    }

    #[test]
    fn unknown_and_missing_versions_are_named() {
        let payload = payload_of(&encode(&article_network())).to_string();
        for (body, version) in [
            (format!("2.{payload}"), "2"),
            (format!("0.{payload}"), "0"),
            (format!("+1.{payload}"), "+1"),
            (format!("v1.{payload}"), "v1"),
            (format!("01.{payload}"), "01"),
            ("eJwrSS0uAQAEXQHB".to_string(), "eJwrSS0uAQAEXQHB"),
        ] {
            assert_eq!(
                decode(&format!("#network={body}")),
                Err(ShareError::UnknownVersion {
                    version: version.into(),
                    supported: 1
                }),
                "{body:.20}"
            );
        }
    }

    #[test]
    fn characters_outside_base64url_are_refused_with_their_offset() {
        let fragment = encode(&article_network());
        let mut broken = fragment.clone();
        broken.insert(11 + 40, '+');
        assert_eq!(
            decode(&broken),
            Err(ShareError::MalformedBase64 { offset: 40 })
        );
        // A single symbol left over is an impossible length.
        assert!(matches!(
            decode("#network=1.eJwrS"),
            Err(ShareError::MalformedBase64 { .. })
        ));
    }

    #[test]
    fn a_cut_link_is_truncated() {
        let fragment = encode(&article_network());
        let payload = payload_of(&fragment);
        // Cut at a multiple of 4 so the base64 itself stays well formed.
        let cut = &payload[..(payload.len() / 2) / 4 * 4];
        assert_eq!(
            decode(&format!("#network=1.{cut}")),
            Err(ShareError::Truncated)
        );
        assert_eq!(decode("#network=1."), Err(ShareError::Truncated));
    }

    #[test]
    fn every_cut_of_the_article_link_is_refused_without_panic() {
        let fragment = encode(&article_network());
        for end in 0..fragment.len() {
            assert!(decode(&fragment[..end]).is_err(), "cut at {end}");
        }
    }

    #[test]
    fn a_flipped_byte_is_corrupt() {
        let mut bytes = compressed(document::to_json(&article_network()).as_bytes());
        let last = bytes.len() - 1;
        bytes[last] ^= 0x55; // inside the Adler-32 checksum
        assert_eq!(decode(&fragment_of(&bytes)), Err(ShareError::Corrupt));
        assert_eq!(
            decode(&fragment_of(b"not zlib at all")),
            Err(ShareError::Corrupt)
        );
    }

    #[test]
    fn inflation_stops_at_the_document_limit() {
        let bomb = compressed(&vec![b' '; limits::DOCUMENT_BYTES + 1]);
        // A few kilobytes that would unpack past 4 MiB.
        assert!(bomb.len() < 16 * 1024, "{}", bomb.len());
        assert_eq!(
            decode(&fragment_of(&bomb)),
            Err(ShareError::InflatedTooLarge {
                limit: limits::DOCUMENT_BYTES
            })
        );
    }

    /// The inflater sized for documents answers what miniz_oxide's own answers, bytes and
    /// errors alike, for streams that fit its first buffer, that need it grown several
    /// times, that stop at the limit, and that are cut or corrupt.
    #[test]
    fn inflating_gives_what_miniz_oxide_gives() {
        let network = document::to_json(&crate::model::example::large_network(300)).into_bytes();
        let spaces = vec![b' '; 300_000];
        let streams = [
            compressed(b""),
            compressed(b"{}"),
            compressed(&network),
            compressed(&spaces),
            compressed(&vec![b'x'; 70_000]),
            compressed(&network)[..200].to_vec(),
            b"not zlib at all".to_vec(),
            Vec::new(),
        ];
        for stream in &streams {
            for limit in [64, 100_000, 250_000, limits::DOCUMENT_BYTES] {
                let theirs = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(stream, limit)
                    .map_err(|error| error.status);
                assert_eq!(
                    inflate(stream, limit),
                    theirs,
                    "{} bytes, limit {limit}",
                    stream.len()
                );
            }
        }
    }

    #[test]
    fn a_document_exactly_at_the_limit_inflates_and_reaches_restore() {
        let mut text = document::to_json(&article_network()).into_bytes();
        text.resize(limits::DOCUMENT_BYTES, b' ');
        let decoded = decode(&fragment_of(&compressed(&text)));
        assert_eq!(decoded, Ok(article_network()));
    }

    #[test]
    fn inflated_bytes_that_are_not_utf8_are_not_text() {
        assert_eq!(
            decode(&fragment_of(&compressed(&[0xff, 0xfe, b'{']))),
            Err(ShareError::NotText)
        );
    }

    #[test]
    fn an_invalid_document_keeps_its_load_error() {
        let json = r#"{"vpclab":"topology","version":9,"rules":"2020"}"#;
        assert_eq!(
            decode(&fragment_of(&compressed(json.as_bytes()))),
            Err(ShareError::Document(LoadError::FutureVersion {
                version: 9,
                supported: document::VERSION
            }))
        );
        assert!(matches!(
            decode(&fragment_of(&compressed(b"[1, 2"))),
            Err(ShareError::Document(LoadError::NotJson(_)))
        ));
    }

    #[test]
    fn a_fragment_past_the_document_limit_is_not_decoded() {
        let body = format!("1.{}", "A".repeat(limits::DOCUMENT_BYTES));
        assert_eq!(
            decode(&format!("#network={body}")),
            Err(ShareError::LinkTooLong(TooLarge {
                size: body.len(),
                limit: limits::DOCUMENT_BYTES
            }))
        );
    }

    #[test]
    fn a_kilobyte_of_garbage_is_refused() {
        // Deterministic garbage: a linear congruential sequence over the base64url alphabet.
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut state: u32 = 12345;
        let garbage: String = (0..1024)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                char::from(alphabet[(state >> 16) as usize % alphabet.len()])
            })
            .collect();
        let error = decode(&format!("#network=1.{garbage}")).expect_err("garbage");
        assert!(
            matches!(error, ShareError::Corrupt | ShareError::Truncated),
            "{error:?}"
        );
    }

    #[test]
    fn the_warning_counts_bytes_of_the_whole_link() {
        assert!(!is_past_warning(&"a".repeat(LINK_WARN_BYTES)));
        assert!(is_past_warning(&"a".repeat(LINK_WARN_BYTES + 1)));
        assert_eq!(LINK_WARN_BYTES, 8192);
    }

    #[test]
    fn every_error_explains_itself() {
        let errors = [
            ShareError::NotAShareLink,
            ShareError::LinkTooLong(TooLarge { size: 9, limit: 8 }),
            ShareError::UnknownVersion {
                version: "2".into(),
                supported: 1,
            },
            ShareError::MalformedBase64 { offset: 3 },
            ShareError::Truncated,
            ShareError::Corrupt,
            ShareError::InflatedTooLarge { limit: 8 },
            ShareError::NotText,
            ShareError::Document(LoadError::BadVersion),
        ];
        let texts: std::collections::BTreeSet<String> =
            errors.iter().map(ToString::to_string).collect();
        assert_eq!(texts.len(), errors.len(), "{texts:?}");
    }
}
