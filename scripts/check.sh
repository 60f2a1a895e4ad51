#!/usr/bin/env bash
# Every check and every test layer, in order of speed. `make test` and CI both run this.
# Usage: scripts/check.sh [lint|native|web|e2e]...   (no argument: all of them)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

# Chromium leaves ~22 MB per run under TMPDIR: give browser runs their own and remove it.
browser_tmp=$(mktemp -d)
trap 'rm -rf "$browser_tmp"' EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

lint() {
  step "sizes: files at most 800 lines, functions at most 120 (scripts/sizes.sh)"
  scripts/sizes.sh
  step "cargo fmt --check"
  cargo fmt --all --check
  step "cargo clippy (host)"
  cargo clippy --all-targets --locked -- -D warnings
  step "cargo clippy (wasm32)"
  cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
  step "cargo doc (host and wasm32)"
  RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked
  RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked --target wasm32-unknown-unknown
  step "cargo deny: licences, duplicate crates, sources (offline; deny.toml)"
  cargo deny --offline check licenses bans sources
  step "cargo fmt --check (fuzz crate)"
  rustfmt --check --edition 2021 fuzz/src/lib.rs fuzz/fuzz_targets/*.rs
}

native() {
  step "native tests: cargo test (model, layout, scenarios, CLI, doc-tests)"
  cargo test --locked
}

web() {
  step "browser unit tests: wasm-bindgen-test in headless Chromium"
  TMPDIR="$browser_tmp" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --locked --target wasm32-unknown-unknown --test web --test web_reducer --test web_persistence --test web_storage --test web_lesson --test web_share --test web_files --test web_embed --test web_forms --test web_render --test web_batch --test web_trace_fix
}

e2e() {
  step "release build (trunk build --release --offline)"
  scripts/build-release.sh
  step "end-to-end tests: Playwright against the release build"
  TMPDIR="$browser_tmp" npx playwright test
}

if [ $# -eq 0 ]; then set -- lint native web e2e; fi
for layer in "$@"; do
  case "$layer" in
    lint|native|web|e2e) ;;
    *) echo "unknown layer: $layer (expected lint, native, web or e2e)" >&2; exit 2 ;;
  esac
done
# set -e stops at the first failing layer, so reaching the end means every layer passed.
for layer in "$@"; do "$layer"; done
step "all requested checks passed: $*"
echo "check layers: $# passed, 0 failed"
