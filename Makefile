# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
SHELL := /bin/bash
PORT ?= 8080

.PHONY: setup serve build test lint test-native test-web test-e2e fuzz bench bench-browser clean

setup:
	@scripts/setup.sh

## Build the release bundle and serve it at http://127.0.0.1:$(PORT)
serve: setup
	@. scripts/env.sh && echo "vpclab: serving on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)" && \
	  trunk serve --release --offline --no-autoreload --dist target/serve-dist --address 127.0.0.1 --port $(PORT)

## Build the release bundle into dist/ and print its gzipped size
build: setup
	@scripts/build-release.sh

## Every check and every test layer (what CI runs)
test: setup
	@scripts/check.sh

lint: setup
	@scripts/check.sh lint
test-native:
	@scripts/check.sh native
test-web: setup
	@scripts/check.sh web
test-e2e: setup
	@scripts/check.sh e2e

## Fuzz every decoder of untrusted input for 10 million executions each (not part of `test`)
fuzz:
	@scripts/fuzz.sh

## Browser timings of the release build on 3, 500 and 5,000 instances
bench-browser: setup
	@scripts/build-release.sh >/dev/null && . scripts/env.sh && node scripts/browser-timing.js

## criterion benchmarks of the model (native)
bench:
	cargo bench --bench model --bench layout --bench trace

clean:
	cargo clean
	rm -rf dist target/serve-dist test-results tests/e2e/screenshots fuzz/target
