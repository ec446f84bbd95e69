#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Speed and peak memory of `assay ingest` on a large Cobertura XML file, next to
# `xmllint --stream --noout` (a parse-only floor: libxml2's reader; Assay parses with libxml2's
# push parser and a SAX2 handler, and stores) on the same file, from one run of each.
# The file is gcovr's Cobertura of the example (tests/fixtures/cobertura/calc-gcovr.xml: 9 files,
# 833 lines, 486 branches) with its packages repeated COPIES times under distinct file names
# (perf/scale-cobertura.py), so Assay's totals must be COPIES times the fixture's: printed beside.
# usage: perf/ingest-cobertura.sh [BUILD_DIR]   (default: build; COPIES=1000 to change the size)
# Prints figures, never fails on them.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
copies=${COPIES:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ingest=$build/bin/assay-ingest
[ -x "$ingest" ] || { echo "build first: $ingest is missing" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "xmllint is missing (apt-get install libxml2-utils)" >&2; exit 2; }

fixture=$top/tests/fixtures/cobertura/calc-gcovr.xml
python3 "$top/perf/scale-cobertura.py" "$fixture" "$copies" "$work/big.xml"
size=$(du -m "$work/big.xml" | cut -f1)
m() { python3 "$top/perf/measure.py" "$@"; }
read -r x_wall x_rss < <(m xmllint --stream --noout "$work/big.xml")
read -r a_wall a_rss < <(m "$ingest" -q --db "$work/perf.db" --no-git --commit perf --format cobertura "$work/big.xml")
"$ingest" -q --db "$work/one.db" --no-git --commit perf --format cobertura "$fixture"

totals() {
	sqlite3 "$1" "SELECT count(*) || ' files, lines ' || sum(lines_hit) || '/' || sum(lines_found) ||
		', branches ' || sum(branches_hit) || '/' || sum(branches_found) FROM coverage"
}
printf 'Cobertura ingest: gcovr'"'"'s file of the example x %s (%s MiB)\n' "$copies" "$size"
printf '%-26s %10s %12s\n' "" "wall (s)" "peak (MiB)"
printf '%-26s %10s %12s\n' "xmllint --stream --noout" "$x_wall" "$x_rss"
printf '%-26s %10s %12s\n' "assay ingest" "$a_wall" "$a_rss"
# (in SQL, || binds tighter than *)
scaled=$(sqlite3 "$work/one.db" "SELECT (count(*) * $copies) || ' files, lines ' ||
	(sum(lines_hit) * $copies) || '/' || (sum(lines_found) * $copies) || ', branches ' ||
	(sum(branches_hit) * $copies) || '/' || (sum(branches_found) * $copies) FROM coverage")
printf '%-26s %s\n' "assay's totals:" "$(totals "$work/perf.db")" "the fixture's x $copies:" "$scaled"
python3 -c "import sys; print(f'ratio assay/xmllint: {float(sys.argv[1]) / float(sys.argv[2]):.2f}x')" "$a_wall" "$x_wall"
