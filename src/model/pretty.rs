//! Compact JSON indented for people, exactly as serde_json's pretty printer writes it (two
//! spaces a level, `"key": value`, one member or element a line, `{}` and `[]` when empty).
//!
//! The network document, its download and the lesson summary are written compactly by
//! serde and indented here: serde_json's pretty printer is generic code instantiated again
//! for each type it writes (12 KB of the wasm for the network document alone, issue 13),
//! where this is one small function over text.

/// `compact` (JSON with no whitespace outside its strings, as `serde_json::to_string` and
/// `Value::to_string` write it), indented as `serde_json::to_string_pretty` would have
/// written the same value.
///
/// ```
/// use vpclab::model::pretty::indent;
/// assert_eq!(indent(r#"{"a":[1,{}],"b":"x,{y}:"}"#), "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": \"x,{y}:\"\n}");
/// ```
pub fn indent(compact: &str) -> String {
    let bytes = compact.as_bytes();
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    // Where the text not yet copied starts: runs of ordinary characters (strings, numbers,
    // literals) are copied whole, so multi-byte characters are never split.
    let mut copied = 0;
    let mut in_string = false;
    let mut escaped = false;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            index += 1;
            continue;
        }
        let structural = matches!(byte, b'{' | b'[' | b'}' | b']' | b',' | b':');
        if !structural {
            in_string = byte == b'"';
            index += 1;
            continue;
        }
        out.push_str(&compact[copied..index]);
        match byte {
            b'{' | b'[' => {
                let close = if byte == b'{' { b'}' } else { b']' };
                if bytes.get(index + 1) == Some(&close) {
                    out.push_str(&compact[index..index + 2]);
                    index += 1;
                } else {
                    out.push(char::from(byte));
                    depth += 1;
                    new_line(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                new_line(&mut out, depth);
                out.push(char::from(byte));
            }
            b',' => {
                out.push(',');
                new_line(&mut out, depth);
            }
            _ => out.push_str(": "),
        }
        index += 1;
        copied = index;
    }
    out.push_str(&compact[copied..]);
    out
}

/// A line break and `depth` levels of indentation.
fn new_line(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

// proptest is a native dev-dependency only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    /// What serde_json's own pretty printer writes for `value`.
    fn serde_pretty(value: &Value) -> String {
        serde_json::to_string_pretty(value).unwrap_or_default()
    }

    #[test]
    fn indents_as_serde_json_does() {
        for value in [
            json!({}),
            json!([]),
            json!({"a": {}, "b": [], "c": [[], {}], "d": [[[]]]}),
            json!({"text": "braces {} [] , : and \"quotes\" and \\ backslashes \\\" too"}),
            json!({"ünïcödé": "日本語 ✓ 🔗", "n": -1.5e-7, "big": 18_446_744_073_709_551_615u64}),
            json!([null, true, false, 0, "", {"k": [1, 2, {"x": null}]}]),
            json!("just a string, with: {} [] \\"),
            json!(42),
        ] {
            assert_eq!(indent(&value.to_string()), serde_pretty(&value), "{value}");
        }
    }

    /// Any JSON value, with strings full of JSON's own punctuation and escapes.
    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| json!(f)),
            "[\\\\\"{}\\[\\],: a-zé\u{1F517}\n\t]{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map("[a-z\"{},:\\\\]{0,6}", inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_value_is_indented_as_serde_json_indents_it(value in any_value()) {
            prop_assert_eq!(indent(&value.to_string()), serde_pretty(&value));
        }
    }
}
