#!/usr/bin/env bash
# Installs every tool vpclab needs, skipping what is already present at the right version.
# Idempotent: a second run only checks. Called by `make serve` and `make test`.
# `scripts/setup.sh fuzz` instead installs only what `make fuzz` needs (nightly Rust,
# cargo-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# `make fuzz` needs only these two; it never builds the app.
if [ "${1:-}" = fuzz ]; then
  # Fuzzing needs nightly Rust (sanitizers, -Z flags); the project itself stays on stable.
  if rustup toolchain list | grep -q '^nightly'; then
    say "nightly toolchain present"
  else
    say "installing the nightly toolchain (about a minute)"
    rustup toolchain install nightly --profile minimal
  fi
  if cargo fuzz --version >/dev/null 2>&1; then
    say "$(cargo fuzz --version) present"
  else
    say "installing cargo-fuzz (about 2 minutes)"
    cargo install cargo-fuzz --locked
  fi
  say "ready to fuzz"
  exit 0
fi

# The wasm-bindgen CLI must match the crate in Cargo.lock exactly.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
trunk_series="0.22"

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if trunk --version 2>/dev/null | grep -q "trunk ${trunk_series}\."; then
  say "$(trunk --version) present"
else
  # Trunk 0.22 declares a newer rust-version than the machine's stable; it compiles fine regardless.
  say "installing Trunk ${trunk_series} from crates.io (about 10 minutes on 2 cores)"
  cargo install trunk --locked --ignore-rust-version --version "~${trunk_series}"
fi

if wasm-bindgen --version 2>/dev/null | grep -q " ${wasm_bindgen_version}\$" \
  && command -v wasm-bindgen-test-runner >/dev/null; then
  say "wasm-bindgen ${wasm_bindgen_version} present"
else
  # Without --locked: its lock file pins a crate version the registry does not serve.
  say "installing wasm-bindgen-cli ${wasm_bindgen_version} (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "${wasm_bindgen_version}" --force
fi

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "$(/usr/bin/chromium --version 2>/dev/null | head -n 1) and chromedriver present"
else
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
fi

# Node packages: wasm-opt (binaryen, since Debian's is too old for current Rust output) and Playwright.
# A stamp of the lock file's hash decides whether `npm ci` must run again.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f node_modules/.vpclab-lock-hash ] && [ "$(cat node_modules/.vpclab-lock-hash)" = "$lock_hash" ]; then
  say "node_modules up to date"
else
  say "installing Node packages (npm ci)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.vpclab-lock-hash
fi

# cargo-deny checks licences, duplicate crates and sources offline (scripts/check.sh lint).
if cargo deny --version >/dev/null 2>&1; then
  say "$(cargo deny --version) present"
else
  say "installing cargo-deny (about 4.5 minutes on 2 cores)"
  cargo install cargo-deny --locked
fi

say "ready"
