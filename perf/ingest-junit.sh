#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Speed of `assay ingest` on JUnit XML, next to `xmllint --stream --noout` (a parse-only floor:
# libxml2's reader; Assay parses with libxml2's push parser and a SAX2 handler, and stores) on the
# same file; and peak memory as the file grows: ten times the bytes with the same tests, and ten
# times the distinct tests.
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
read -r a_wall a_rss < <(m "$ingest" -q --db "$work/big.db" --no-git --commit perf "$work/big.xml")
# the next commit's run: the same million tests, known to the store now (CI's everyday case)
read -r k_wall k_rss < <(m "$ingest" -q --db "$work/big.db" --no-git --commit perf2 "$work/big.xml")
read -r s_wall s_rss < <(m "$ingest" -q --db "$work/small.db" --no-git --commit perf "$work/small.xml")
# the same tenth ten times over in one file: as big as the full file, a tenth of the distinct tests
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$work/small.xml"; done > "$work/repeated.xml"
rm -f "$work/small.xml"
read -r r_wall r_rss < <(m "$ingest" -q --db "$work/repeated.db" --no-git --commit perf "$work/repeated.xml")
stored=$("$build/bin/assay-sql" --db "$work/big.db" 'SELECT count(*) FROM results WHERE run_id = 1')

printf 'JUnit ingest: %s test cases (%s MiB), %s results stored\n' "$n" "$size" "$stored"
printf '%-34s %10s %12s\n' "" "wall (s)" "peak (MiB)"
printf '%-34s %10s %12s\n' "xmllint --stream --noout" "$x_wall" "$x_rss"
printf '%-34s %10s %12s\n' "assay ingest, a fresh store" "$a_wall" "$a_rss"
printf '%-34s %10s %12s\n' "assay ingest, the tests known" "$k_wall" "$k_rss"
printf '%-34s %10s %12s\n' "assay ingest, a tenth of the file" "$s_wall" "$s_rss"
printf '%-34s %10s %12s\n' "assay ingest, that tenth 10 times" "$r_wall" "$r_rss"
python3 - "$a_wall" "$x_wall" "$a_rss" "$s_rss" "$r_rss" "$k_wall" <<'PY'
import sys
a, x, big, small, repeated, known = map(float, sys.argv[1:])
print(f"ratio assay/xmllint: {a / x:.2f}x fresh store, {known / x:.2f}x tests known (target: within 2x)")
print(f"peak memory, same size and a tenth of the distinct tests / a tenth: {repeated / small:.2f}x"
      " (the file's size adds nothing)")
print(f"peak memory, ten times the distinct tests / a tenth: {big / small:.2f}x"
      " (each distinct test costs ~32 bytes of identity map)")
PY
