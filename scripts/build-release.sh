#!/usr/bin/env bash
# Builds the release bundle into dist/ with Trunk, offline (Trunk must never download tools),
# then prints the bundle's gzipped size.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
trunk build --release --offline --dist dist
total=0
printf '%-48s %10s %10s\n' "dist/ file" "bytes" "gzipped"
while IFS= read -r -d '' f; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '%-48s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
done < <(find dist -type f ! -name ".trunk-lock" -print0 | sort -z)
printf 'Release bundle: %d bytes gzipped (%d KiB)\n' "$total" $((total / 1024))
