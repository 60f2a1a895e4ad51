#!/usr/bin/env bash
# Fuzzes vpclab's decoders of untrusted input with cargo-fuzz (libFuzzer, nightly Rust).
# `make fuzz` runs this: every target for at least 10 million executions. It is outside
# `make test` and CI's time budget (about 25 and 40 minutes per target on a busy 2-core
# machine; figures in RELIABILITY.md).
#
# Usage: scripts/fuzz.sh [TARGET]...        (no argument: every target)
#   FUZZ_RUNS=N      executions per target (default 10000000)
#   FUZZ_SECONDS=S   run each target for S seconds instead of a number of executions
#   FUZZ_SANITIZER=address  build with AddressSanitizer (default none: four to six times
#                    faster; vpclab forbids unsafe code, and the harness bounds every
#                    single allocation itself, see fuzz/src/lib.rs)
#
# Each run starts from the committed seeds (fuzz/seeds/TARGET) plus what earlier runs
# learned (fuzz/corpus/TARGET, not committed). A crash, a hang (one input over
# -timeout seconds) or an allocation past the limits stops the run with the input saved
# under fuzz/artifacts/TARGET/; it then becomes a named test in tests/untrusted_input.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/setup.sh fuzz

all_targets=(document scenario lesson share)
if [ $# -eq 0 ]; then set -- "${all_targets[@]}"; fi

runs="${FUZZ_RUNS:-10000000}"
sanitizer="${FUZZ_SANITIZER:-none}"
if [ -n "${FUZZ_SECONDS:-}" ]; then budget=(-max_total_time="$FUZZ_SECONDS"); else budget=(-runs="$runs"); fi

mkdir -p fuzz/logs
summary=()
for target in "$@"; do
  [ -d "fuzz/seeds/$target" ] || { echo "unknown fuzz target: $target (expected one of: ${all_targets[*]})" >&2; exit 2; }
  mkdir -p "fuzz/corpus/$target"
  log="fuzz/logs/$target.log"
  printf '\n\033[1m==> fuzz %s (%s, sanitizer %s)\033[0m\n' "$target" "${budget[*]}" "$sanitizer"
  start=$(date +%s)
  # -timeout: one input running longer is a hang. -rss_limit_mb: the whole process.
  # -malloc_limit_mb: any single allocation larger than this is a failure (under a
  # sanitizer; without one the harness's own allocator enforces the same 256 MiB).
  # -max_len: above the largest seed (24 KB, the ecs-networking lesson).
  cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    "${budget[@]}" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 -max_len=32768 \
    -dict=fuzz/json.dict -print_final_stats=1 2>&1 | tee "$log"
  seconds=$(( $(date +%s) - start ))
  executions=$(awk -F': *' '/stat::number_of_executed_units/ { print $2 }' "$log")
  peak=$(awk -F': *' '/stat::peak_rss_mb/ { print $2 }' "$log")
  summary+=("$(printf '%-10s %14s executions  %6s s  peak RSS %5s MB  no crash, no hang, no allocation past the limit' \
    "$target" "$executions" "$seconds" "$peak")")
done
printf '\n\033[1m==> fuzz summary\033[0m\n'
printf '%s\n' "${summary[@]}"
