#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Speed of `assay ingest` on an lcov tracefile of 5,000 source files x 400 lines, next to
# `lcov --summary` (lcov 1.16) on the same file; both print their totals, which must agree.
# usage: perf/ingest-lcov.sh [BUILD_DIR]   (default: build; FILES= and LINES= change the size)
# Prints figures, never fails on them.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
files=${FILES:-5000}
lines=${LINES:-400}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ingest=$build/bin/assay-ingest
[ -x "$ingest" ] || { echo "build first: $ingest is missing" >&2; exit 2; }
command -v lcov >/dev/null || { echo "lcov is missing (apt-get install lcov)" >&2; exit 2; }

python3 "$top/perf/gen-lcov.py" --files "$files" --lines "$lines" -o "$work/big.info"
size=$(du -m "$work/big.info" | cut -f1)
m() { python3 "$top/perf/measure.py" "$@"; }
read -r l_wall l_rss < <(m lcov --summary "$work/big.info" --rc lcov_branch_coverage=1)
read -r a_wall a_rss < <(m "$ingest" -q --db "$work/perf.db" --no-git --commit perf --format lcov --strip /home/ci/proj "$work/big.info")

printf 'lcov ingest: %s files x %s lines (%s MiB)\n' "$files" "$lines" "$size"
printf '%-24s %10s %12s\n' "" "wall (s)" "peak (MiB)"
printf '%-24s %10s %12s\n' "lcov --summary" "$l_wall" "$l_rss"
printf '%-24s %10s %12s\n' "assay ingest" "$a_wall" "$a_rss"
echo "lcov's totals:"
lcov --summary "$work/big.info" --rc lcov_branch_coverage=1 2>&1 | grep -E 'lines|functions|branches' | sed 's/^/  /'
echo "assay's totals:"
sqlite3 "$work/perf.db" "SELECT '  lines: ' || sum(lines_hit) || ' of ' || sum(lines_found) ||
	char(10) || '  functions: ' || sum(functions_hit) || ' of ' || sum(functions_found) ||
	char(10) || '  branches: ' || sum(branches_hit) || ' of ' || sum(branches_found) FROM coverage"
python3 -c "import sys; print(f'ratio lcov/assay: {float(sys.argv[1]) / float(sys.argv[2]):.1f}x faster (target: at least 10x)')" "$l_wall" "$a_wall"
