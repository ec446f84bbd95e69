#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Dogfood: assay mutate on Assay's own lib/, against its own cmocka unit tests.
# Prints the mutation score and the count per status (and the survivors).
#
#   perf/mutate-dogfood.sh [ASSAY_BUILD_DIR] [SOURCES_GLOB] [JOBS]   (default: all of lib/, 2 jobs)
# A timeout constant of 0.5 s: mutants that loop in lib/'s loops are many, and each timeout is
# waited out twice (the retry); a timed-out mutant counts as detected either way.
# ASSAY_BUILD_DIR: a configured and built Assay (default ./build/release, else ./build).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-}
if [ -z "$build" ]; then
	build=$top/build/release
	[ -d "$build" ] || build=$top/build
fi
sources=${2:-lib/*.c}
jobs=${3:-2}
mutate=$build/bin/assay-mutate
[ -x "$mutate" ] || { echo "no $mutate: build Assay first" >&2; exit 2; }
db=$(mktemp -u "${TMPDIR:-/tmp}/assay-dogfood.XXXXXX.db")
trap 'rm -f "$db" "$db-wal" "$db-shm"' EXIT
# libassay's own cmocka tests (tests/core.cmake) are the tests; the mutants are lib/'s.
"$mutate" --build-dir "$build" --ctest --ctest-regex '^unit\.test_(store|path|covset|proc|runctx|run|options|stats)$' \
	--sources "$sources" \
	--commit dogfood --no-git --db "$db" -j "$jobs" --timeout-const 0.5
echo "counts per status:"
sqlite3 "$db" "SELECT '  ' || status || ' ' || count(*) FROM mutations GROUP BY status ORDER BY count(*) DESC"
