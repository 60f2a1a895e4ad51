#!/usr/bin/env bash
# Small rooms: no file in src/ over 800 lines and no function over 120 lines of code.
# clippy's too_many_lines (threshold in clippy.toml) checks the functions it sees; this
# also measures the ones it skips, such as Yew's #[component] functions, which a macro
# rewrites. Prints each offender and exits 1 when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

max_file_lines=800
max_function_lines=120
status=0

while IFS= read -r file; do
  lines=$(wc -l < "$file")
  if [ "$lines" -gt "$max_file_lines" ]; then
    echo "$file: $lines lines (limit $max_file_lines)"
    status=1
  fi
done < <(find src -name '*.rs' | sort)

# A function starts at a line declaring `fn name` whose body follows, and ends at the first
# later line that is its own indentation followed by `}`. Blank and comment lines do not
# count, as for clippy.
long_functions=$(find src -name '*.rs' | sort | xargs awk -v limit="$max_function_lines" '
  function indent_of(s) { match(s, /^ */); return RLENGTH }
  FNR == 1 { depth = 0 }
  {
    line = $0
    opened = 0
    if (line ~ /^ *(pub(\([a-z]+\))? )?(async )?(const )?fn [A-Za-z_]/ && line !~ /;[ ]*$/ && line !~ /}[ ]*$/) {
      depth++
      start[depth] = FNR; ind[depth] = indent_of(line); count[depth] = 0
      name[depth] = line; sub(/^.*fn /, "", name[depth]); sub(/[(<].*/, "", name[depth])
      opened = 1
    }
    if (line !~ /^ *$/ && line !~ /^ *\/\//) for (d = 1; d <= depth; d++) count[d]++
    if (!opened && depth > 0 && line ~ /^ *}/ && indent_of(line) == ind[depth]) {
      if (count[depth] > limit) printf "%s:%d: fn %s has %d lines of code (limit %d)\n", FILENAME, start[depth], name[depth], count[depth], limit
      depth--
    }
  }')
if [ -n "$long_functions" ]; then
  echo "$long_functions"
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "sizes: every file in src/ is at most $max_file_lines lines, every function at most $max_function_lines lines of code"
fi
exit "$status"
