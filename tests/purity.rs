//! Guards the layering rule: `src/model/`, `src/layout/`, `src/export/` and `src/embed/` are
//! pure and never import a web crate, so they stay testable natively and usable from the CLI; and the export
//! layer depends on the model only, never on the layout or the app.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

const WEB_CRATES: [&str; 6] = [
    "yew",
    "web_sys",
    "gloo",
    "wasm_bindgen",
    "js_sys",
    "gloo_storage",
];

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// The web crates a line of Rust names as a path (`yew::`, `use gloo_storage`, `extern crate`).
fn web_crates_named(line: &str) -> Vec<&'static str> {
    let code = line.split("//").next().unwrap_or("");
    WEB_CRATES
        .iter()
        .copied()
        .filter(|name| {
            code.match_indices(name).any(|(at, _)| {
                let before = code[..at].chars().next_back();
                let after = &code[at + name.len()..];
                let starts_word = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                starts_word && (after.starts_with("::") || after.trim_start().starts_with(';'))
            })
        })
        .collect()
}

#[test]
fn model_layout_export_and_embed_import_no_web_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offences = Vec::new();
    for layer in ["model", "layout", "export", "embed", "text"] {
        let mut files = Vec::new();
        rust_files(&root.join(layer), &mut files);
        assert!(!files.is_empty(), "src/{layer} has Rust files");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable file");
            for (number, line) in text.lines().enumerate() {
                for name in web_crates_named(line) {
                    offences.push(format!("{}:{}: {name}", file.display(), number + 1));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "web crates in pure layers:\n{}",
        offences.join("\n")
    );
}

#[test]
fn export_and_embed_depend_on_the_model_only() {
    let mut files = Vec::new();
    for layer in ["src/export", "src/embed"] {
        let before = files.len();
        rust_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join(layer),
            &mut files,
        );
        assert!(files.len() > before, "{layer} has Rust files");
    }
    let mut offences = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable file");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for layer in [
                "crate::layout",
                "crate::app",
                "std::fs",
                "std::net::TcpStream",
            ] {
                if code.contains(layer) {
                    offences.push(format!("{}:{}: {layer}", file.display(), number + 1));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "the export or embed layer reaches beyond the model:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_guard_recognises_imports() {
    assert_eq!(web_crates_named("use yew::prelude::*;"), vec!["yew"]);
    assert_eq!(
        web_crates_named("    let s = gloo_storage::LocalStorage::raw();"),
        vec!["gloo_storage"]
    );
    assert!(web_crates_named("// yew::html is not allowed here").is_empty());
    assert!(web_crates_named("let yewish = 1; let my_yew = 2;").is_empty());
}

#[test]
fn cargo_manifest_keeps_web_crates_out_of_native_builds() {
    // The web crates are target-specific dependencies, so a native build of the model cannot
    // reach them even by accident.
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .expect("readable Cargo.toml");
    let native = manifest
        .split("[target.'cfg(target_arch = \"wasm32\")'.dependencies]")
        .next()
        .expect("a manifest");
    for name in ["yew", "web-sys", "gloo-storage", "wasm-bindgen ="] {
        assert!(!native.contains(name), "{name} is a native dependency");
    }
}
