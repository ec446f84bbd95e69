#!/usr/bin/env bash
# Speed of `assay ingest` on JUnit XML, next to `xmllint --stream --noout` (a parse-only floor)
# on the same file; and peak memory at two file sizes (it must not grow with the size).
# usage: perf/ingest-junit.sh [BUILD_DIR]   (default: build; N=1000000 to change the size)
# Prints figures, never fails on them.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
n=${N:-1000000}
small=$((n / 10))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ingest=$build/bin/assay-ingest
[ -x "$ingest" ] || { echo "build first: $ingest is missing" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "xmllint is missing (apt-get install libxml2-utils)" >&2; exit 2; }

python3 "$top/perf/gen-junit.py" "$n" "$work/big.xml"
python3 "$top/perf/gen-junit.py" "$small" "$work/small.xml"
size=$(du -m "$work/big.xml" | cut -f1)

m() { python3 "$top/perf/measure.py" "$@"; }
read -r x_wall x_rss < <(m xmllint --stream --noout "$work/big.xml")
read -r a_wall a_rss < <(m "$ingest" -q --db "$work/big.db" --commit perf "$work/big.xml")
read -r s_wall s_rss < <(m "$ingest" -q --db "$work/small.db" --commit perf "$work/small.xml")
stored=$(sqlite3 "$work/big.db" 'SELECT count(*) FROM results')

printf 'JUnit ingest: %s test cases (%s MiB), %s results stored\n' "$n" "$size" "$stored"
printf '%-34s %10s %12s\n' "" "wall (s)" "peak (MiB)"
printf '%-34s %10s %12s\n' "xmllint --stream --noout" "$x_wall" "$x_rss"
printf '%-34s %10s %12s\n' "assay ingest" "$a_wall" "$a_rss"
printf '%-34s %10s %12s\n' "assay ingest, a tenth of the file" "$s_wall" "$s_rss"
python3 - "$a_wall" "$x_wall" "$a_rss" "$s_rss" <<'PY'
import sys
a, x, big, small = map(float, sys.argv[1:])
print(f"ratio assay/xmllint: {a / x:.2f}x (target: within 2x)")
print(f"peak memory, full file / a tenth: {big / small:.2f}x (bounded: should stay near 1x)")
PY
