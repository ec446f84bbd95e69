#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The main job, on the bundled example (examples/calc): build it with coverage,
# run its tests with `ctest --output-junit`, capture coverage with gcov's JSON
# format, ingest the JUnit and the coverage into a store as one run, and print
# that run's summary with `assay show`.
#
# Usage: scripts/demo.sh [--db PATH] [--commit REV [--no-git]] [--fail] [--keep]
#   --db PATH     the store (default: $ASSAY_DB, else demo/assay.db at the top of the repository)
#   --commit REV  the commit the run belongs to (default: what `assay ingest` finds:
#                 CI environment, then git; outside git the run is called 'working-tree')
#   --no-git      store --commit as given, a name git does not know (as `assay ingest --no-git`)
#   --fail        run the example's tests with CALC_DEMO_FAIL=1, so that one fails
#   --keep        keep the example's build directory instead of removing it
# Environment:
#   ASSAY_BUILD_DIR  Assay's build directory (default: build/ at the top of the repository)
#   ASSAY            an assay executable to use instead of $ASSAY_BUILD_DIR/bin/assay
#   TMPDIR           where the example is built
# Exit status: 0 when the example's tests passed, 1 when some failed (the run is
# ingested and shown either way), 2 when the demo itself could not run.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DB=${ASSAY_DB:-$REPO/demo/assay.db}
COMMIT=""
FAIL=0
KEEP=0
NO_GIT=""

die() {
	echo "demo: $*" >&2
	exit 2
}

usage() {
	sed -n '7,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
	case "$1" in
	--db) [ $# -ge 2 ] || die "--db needs a path"; DB=$2; shift 2 ;;
	--db=*) DB=${1#--db=}; shift ;;
	--commit) [ $# -ge 2 ] || die "--commit needs a revision"; COMMIT=$2; shift 2 ;;
	--commit=*) COMMIT=${1#--commit=}; shift ;;
	--no-git) NO_GIT=1; shift ;;
	--fail) FAIL=1; shift ;;
	--keep) KEEP=1; shift ;;
	-h|--help) usage; exit 0 ;;
	*) usage >&2; die "unknown argument '$1'" ;;
	esac
done

# Assay itself.
if [ -n "${ASSAY:-}" ]; then
	command -v "$ASSAY" >/dev/null || die "ASSAY=$ASSAY is not an executable"
else
	BUILD=${ASSAY_BUILD_DIR:-$REPO/build}
	ASSAY=$BUILD/bin/assay
	[ -x "$ASSAY" ] || die "no $ASSAY: build Assay first (cmake -S . -B build && cmake --build build), or set ASSAY_BUILD_DIR"
fi

# The example needs gcc and its own gcov (for --json-format, gcc 9 or later).
command -v gcc >/dev/null || die "gcc is not installed"
command -v cmake >/dev/null || die "cmake is not installed"
command -v ctest >/dev/null || die "ctest is not installed"
GCC_MAJOR=$(gcc -dumpversion | cut -d. -f1)
GCOV=${GCOV:-}
if [ -z "$GCOV" ]; then
	if command -v "gcov-$GCC_MAJOR" >/dev/null; then GCOV=gcov-$GCC_MAJOR; else GCOV=gcov; fi
fi
command -v "$GCOV" >/dev/null || die "$GCOV is not installed"

case "$DB" in /*) ;; *) DB=$PWD/$DB ;; esac
mkdir -p "$(dirname "$DB")"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/assay-demo.XXXXXX")
if [ "$KEEP" = 1 ]; then
	trap 'echo "demo: the example build is kept in $WORK"' EXIT
else
	trap 'rm -rf "$WORK"' EXIT
fi
EXB=$WORK/build
mkdir -p "$WORK/reports/coverage"

step() {
	printf '\n== %s\n' "$*"
}

# quietly LOG CMD...: run CMD with its output in LOG, shown only if it fails.
quietly() {
	local log=$1
	shift
	if ! "$@" >"$log" 2>&1; then
		cat "$log" >&2
		die "failed: $*"
	fi
}

step "Building the example (examples/calc) with coverage in $EXB"
quietly "$WORK/configure.log" cmake -S "$REPO/examples/calc" -B "$EXB" \
	-DCMAKE_C_COMPILER=gcc -DCALC_COVERAGE=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
quietly "$WORK/build.log" cmake --build "$EXB" -j2
progs=("$EXB"/tests/test_*)
echo "built: libcalc.a and ${#progs[@]} test programs (${progs[*]##*/})"

step "Running its tests: ctest --output-junit reports/junit.xml"
TESTS_FAILED=0
rc=0
if [ "$FAIL" = 1 ]; then
	echo "(CALC_DEMO_FAIL=1: the 'demo' test fails on purpose)"
	(cd "$EXB" && CALC_DEMO_FAIL=1 ctest --output-junit "$WORK/reports/junit.xml") >"$WORK/ctest.log" 2>&1 || rc=$?
else
	(cd "$EXB" && ctest --output-junit "$WORK/reports/junit.xml") >"$WORK/ctest.log" 2>&1 || rc=$?
fi
case $rc in
0) ;;
8) TESTS_FAILED=1 ;;	# ctest: some tests failed
*) cat "$WORK/ctest.log" >&2; die "ctest exited $rc" ;;
esac
grep -E '^[0-9]+% tests passed|\*\*\*Failed|Not Run' "$WORK/ctest.log" || true
[ -s "$WORK/reports/junit.xml" ] || die "ctest wrote no JUnit file"

step "Capturing coverage of the library: $GCOV --json-format"
OBJ=$EXB/CMakeFiles/calc.dir/src
shopt -s nullglob
gcda=("$OBJ"/*.gcda)
[ ${#gcda[@]} -gt 0 ] || die "no .gcda files in $OBJ: the tests left no coverage data"
(cd "$OBJ" && "$GCOV" --json-format --branch-probabilities "${gcda[@]##*/}") >"$WORK/gcov.log" 2>&1 \
	|| { cat "$WORK/gcov.log" >&2; die "$GCOV failed"; }
mv "$OBJ"/*.gcov.json.gz "$WORK/reports/coverage/"
grep -A1 '^File ' "$WORK/gcov.log" | grep -v '^--$' | paste - - | sed -E "s|^File '$REPO/||; s|'\t| |"

step "Ingesting into $DB"
INGEST=("$ASSAY" ingest --db "$DB" --root "$REPO")
if [ -n "$COMMIT" ]; then
	INGEST+=(--commit "$COMMIT")
	[ -z "$NO_GIT" ] || INGEST+=(--no-git)
elif ! git -C "$REPO" rev-parse --verify -q HEAD >/dev/null 2>&1 && [ -z "${GITHUB_SHA:-}${CI_COMMIT_SHA:-}${GIT_COMMIT:-}${TRAVIS_COMMIT:-}" ]; then
	echo "(not in a git repository: the run is recorded for commit 'working-tree')"
	INGEST+=(--commit working-tree --no-git)
fi
(cd "$REPO" && "${INGEST[@]}" "$WORK/reports/junit.xml" "$WORK/reports/coverage") \
	|| die "assay ingest failed"

step "Summary: assay show --db $DB"
"$ASSAY" show --db "$DB" || die "assay show failed"

if [ "$TESTS_FAILED" = 1 ]; then
	exit 1
fi
exit 0
