#!/usr/bin/env bash
# Dogfood: assay mutate on Assay's own lib/, against its own cmocka unit tests.
# Prints the mutation score and the count per status (and the survivors).
#
#   perf/mutate-dogfood.sh [ASSAY_BUILD_DIR] [SOURCES_GLOB] [-j N]
# ASSAY_BUILD_DIR: a configured and built Assay (default ./build/release, else ./build).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-}
if [ -z "$build" ]; then
	build=$top/build/release
	[ -d "$build" ] || build=$top/build
fi
sources=${2:-lib/*.c}
jobs=${3:-1}
mutate=$build/bin/assay-mutate
[ -x "$mutate" ] || { echo "no $mutate: build Assay first" >&2; exit 2; }
db=$(mktemp -u "${TMPDIR:-/tmp}/assay-dogfood.XXXXXX.db")
trap 'rm -f "$db" "$db-wal" "$db-shm"' EXIT
# libassay's own cmocka tests (tests/core.cmake) are the tests; the mutants are lib/'s.
"$mutate" --build-dir "$build" --ctest --ctest-regex '^unit\.test_(store|path|covset|proc|runctx|run|options|stats)$' \
	--sources "$sources" \
	--commit dogfood --db "$db" -j "$jobs" --timeout-const 2
echo "counts per status:"
sqlite3 "$db" "SELECT '  ' || status || ' ' || count(*) FROM mutations GROUP BY status ORDER BY count(*) DESC"
