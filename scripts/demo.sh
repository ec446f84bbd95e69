#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The whole pipeline on the bundled example (examples/calc), into one store:
#   1. the previous commit (HEAD~1), the base of the gate: its example, from git, built with
#      coverage, its tests run (ctest --output-junit), coverage captured (gcov's JSON), ingested;
#   2. the current commit: the same on the example as it is in the work tree;
#   3. a mutation run of the example (assay mutate --ctest, on a build without coverage);
#   4. the summary (assay show) and the gate against the previous commit (assay gate);
#   5. the HTML report of the current commit against the previous one (assay report html), and
#      the path to open.
#
# Usage: scripts/demo.sh [--db PATH] [--report DIR] [--commit REV [--no-git]] [--fail] [--keep]
#   --db PATH     the store (default: $ASSAY_DB, else demo/assay.db at the top of the repository)
#   --report DIR  where the report goes (default: report/ beside the store)
#   --commit REV  the commit the runs belong to (default: what `assay ingest` finds:
#                 CI environment, then git; outside git the runs are called 'working-tree');
#                 the gate's base is REV's parent
#   --no-git      store --commit as given, a name git does not know (as `assay ingest --no-git`):
#                 there is no previous commit then, and no gate
#   --fail        run the example's tests with CALC_DEMO_FAIL=1, so that one fails
#   --keep        keep the example's builds instead of removing them
# Environment:
#   ASSAY_BUILD_DIR  Assay's build directory (default: build/ at the top of the repository)
#   ASSAY            an assay executable to use instead of $ASSAY_BUILD_DIR/bin/assay
#   TMPDIR           where the example is built
# Without a previous commit (the first commit, a shallow clone, outside git, --no-git) the
# gate is skipped, with a line saying why.
# Exit status: 0 when the example's tests passed, 1 when some failed (the runs are
# ingested, shown and reported either way), 2 when the demo itself could not run.  The
# gate's verdict is printed and does not change it (see the gate's step).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DB=${ASSAY_DB:-$REPO/demo/assay.db}
REPORT=""
COMMIT=""
FAIL=0
KEEP=0
NO_GIT=""

die() {
	echo "demo: $*" >&2
	exit 2
}

usage() {
	sed -n '/^# Usage:/,/^# Environment:/{/^# Environment:/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}

while [ $# -gt 0 ]; do
	case "$1" in
	--db) [ $# -ge 2 ] || die "--db needs a path"; DB=$2; shift 2 ;;
	--db=*) DB=${1#--db=}; shift ;;
	--report) [ $# -ge 2 ] || die "--report needs a directory"; REPORT=$2; shift 2 ;;
	--report=*) REPORT=${1#--report=}; shift ;;
	--commit) [ $# -ge 2 ] || die "--commit needs a revision"; COMMIT=$2; shift 2 ;;
	--commit=*) COMMIT=${1#--commit=}; shift ;;
	--no-git) NO_GIT=1; shift ;;
	--fail) FAIL=1; shift ;;
	--keep) KEEP=1; shift ;;
	-h|--help) usage; exit 0 ;;
	*) usage >&2; die "unknown argument '$1'" ;;
	esac
done
[ -z "$NO_GIT" ] || [ -n "$COMMIT" ] || die "--no-git stores --commit as given: say --commit NAME"

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

# Which commit the runs belong to (HEAD_ARGS, for ingest and mutate; SHOWN, for show and the
# report), and the previous one (BASE, a full sha) or why there is none (NO_BASE).
HEAD_ARGS=()
SHOWN=$COMMIT
BASE=""
NO_BASE=""
HEAD_REV=${COMMIT:-HEAD}
if [ -n "$COMMIT" ]; then
	HEAD_ARGS=(--commit "$COMMIT")
	[ -z "$NO_GIT" ] || HEAD_ARGS+=(--no-git)
fi
if [ -n "$NO_GIT" ]; then
	NO_BASE="--no-git: git is not asked for the commit before '$COMMIT'"
elif ! TOP=$(git -C "$REPO" rev-parse --show-toplevel 2>/dev/null) || ! git -C "$REPO" rev-parse --verify -q HEAD >/dev/null; then
	NO_BASE="not in a git repository (or one with no commit yet)"
	if [ -z "$COMMIT" ] && [ -z "${GITHUB_SHA:-}${CI_COMMIT_SHA:-}${GIT_COMMIT:-}${TRAVIS_COMMIT:-}" ]; then
		echo "(not in a git repository: the runs are recorded for commit 'working-tree')"
		HEAD_ARGS=(--commit working-tree --no-git)
		SHOWN=working-tree
	fi
elif [ "$(cd "$TOP" && pwd -P)" != "$(cd "$REPO" && pwd -P)" ]; then
	# the store's paths are relative to $REPO, git's diff to its top: they would not meet
	NO_BASE="the repository's top is $TOP, not $REPO"
elif [ -n "$COMMIT" ] && ! git -C "$REPO" rev-parse --verify -q "$COMMIT^{commit}" >/dev/null; then
	die "git knows no commit '$COMMIT' (--no-git stores it as given)"
elif ! BASE=$(git -C "$REPO" rev-parse --verify -q "$HEAD_REV~1^{commit}"); then
	BASE=""
	NO_BASE="$HEAD_REV has no parent here (the first commit, or a shallow clone)"
elif ! git -C "$REPO" rev-parse --verify -q "$BASE:examples/calc" >/dev/null; then
	NO_BASE="$HEAD_REV~1 (${BASE:0:12}) has no examples/calc"
	BASE=""
fi

case "$DB" in /*) ;; *) DB=$PWD/$DB ;; esac
REPORT=${REPORT:-$(dirname "$DB")/report}
case "$REPORT" in /*) ;; *) REPORT=$PWD/$REPORT ;; esac
mkdir -p "$(dirname "$DB")"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/assay-demo.XXXXXX")
if [ "$KEEP" = 1 ]; then
	trap 'echo "demo: the example builds are kept in $WORK"' EXIT
else
	trap 'rm -rf "$WORK"' EXIT
fi

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

# example SRC OUT FAIL: build SRC/examples/calc with coverage in OUT/build, run its tests
# into OUT/reports/junit.xml (with CALC_DEMO_FAIL=1 when FAIL is 1) and capture its coverage
# into OUT/reports/coverage; TESTS_FAILED=1 when some test failed.
example() {
	local src=$1 out=$2 fail=$3 rc=0
	local exb=$out/build
	mkdir -p "$out/reports/coverage"
	quietly "$out/configure.log" cmake -S "$src/examples/calc" -B "$exb" \
		-DCMAKE_C_COMPILER=gcc -DCALC_COVERAGE=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
	quietly "$out/build.log" cmake --build "$exb" -j2
	local progs=("$exb"/tests/test_*)
	echo "built in $exb: libcalc.a and ${#progs[@]} test programs (${progs[*]##*/})"

	echo "tests: ctest --output-junit reports/junit.xml"
	TESTS_FAILED=0
	if [ "$fail" = 1 ]; then
		echo "(CALC_DEMO_FAIL=1: the 'demo' test fails on purpose)"
		(cd "$exb" && CALC_DEMO_FAIL=1 ctest --output-junit "$out/reports/junit.xml") >"$out/ctest.log" 2>&1 || rc=$?
	else
		(cd "$exb" && ctest --output-junit "$out/reports/junit.xml") >"$out/ctest.log" 2>&1 || rc=$?
	fi
	case $rc in
	0) ;;
	8) TESTS_FAILED=1 ;;	# ctest: some tests failed
	*) cat "$out/ctest.log" >&2; die "ctest exited $rc" ;;
	esac
	grep -E '^[0-9]+% tests passed|\*\*\*Failed|Not Run' "$out/ctest.log" || true
	[ -s "$out/reports/junit.xml" ] || die "ctest wrote no JUnit file"

	echo "coverage of the library: $GCOV --json-format"
	local obj=$exb/CMakeFiles/calc.dir/src
	shopt -s nullglob
	local gcda=("$obj"/*.gcda)
	[ ${#gcda[@]} -gt 0 ] || die "no .gcda files in $obj: the tests left no coverage data"
	(cd "$obj" && "$GCOV" --json-format --branch-probabilities "${gcda[@]##*/}") >"$out/gcov.log" 2>&1 \
		|| { cat "$out/gcov.log" >&2; die "$GCOV failed"; }
	mv "$obj"/*.gcov.json.gz "$out/reports/coverage/"
	grep -A1 '^File ' "$out/gcov.log" | grep -v '^--$' | paste - - | sed -E "s|^File '$src/||; s|'\t| |"
}

# ingest ROOT OUT ARGS...: the JUnit and coverage of OUT as one run, paths relative to ROOT.
ingest() {
	local root=$1 out=$2
	shift 2
	echo "ingest into $DB"
	(cd "$REPO" && "$ASSAY" ingest --db "$DB" --root "$root" "$@" "$out/reports/junit.xml" "$out/reports/coverage") \
		|| die "assay ingest failed"
}

# 1. The previous commit: its example only, from git (an archive, so that nothing is left in
# the repository's .git if the demo is stopped), at the same repo-relative paths.
if [ -n "$BASE" ]; then
	step "The previous commit, $HEAD_REV~1 (${BASE:0:12}): the example from git, with coverage"
	mkdir -p "$WORK/base/src/examples/calc"
	git -C "$REPO" archive "$BASE:examples/calc" | tar -x -C "$WORK/base/src/examples/calc" \
		|| die "git archive of $BASE:examples/calc failed"
	# its tests as they are: --fail is about the current commit
	example "$WORK/base/src" "$WORK/base" 0
	ingest "$WORK/base/src" "$WORK/base" --commit "$BASE"
fi

# 2. The current commit: the example as it is in the work tree.
step "The current commit${COMMIT:+ ($COMMIT)}: the example (examples/calc), with coverage"
example "$REPO" "$WORK/head" "$FAIL"
HEAD_FAILED=$TESTS_FAILED
ingest "$REPO" "$WORK/head" ${HEAD_ARGS[@]+"${HEAD_ARGS[@]}"}

# 3. A mutation run on a build without coverage (mutate builds its own copies of it).  Its
# tests run as they are, without CALC_DEMO_FAIL: the unmutated tests must pass.  The example's
# ~1300 mutants take about half a minute with two workers; a second demo takes over the results
# of the functions that did not change.
JOBS=$(nproc 2>/dev/null || echo 1)
[ "$JOBS" -le 2 ] || JOBS=2
step "A mutation run: assay mutate --ctest -j $JOBS"
quietly "$WORK/mutate-configure.log" cmake -S "$REPO/examples/calc" -B "$WORK/mutate" \
	-DCMAKE_C_COMPILER=gcc -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
quietly "$WORK/mutate-build.log" cmake --build "$WORK/mutate" -j2
# (its progress, on stderr, is shown only if it fails)
(cd "$REPO" && "$ASSAY" mutate --db "$DB" --root "$REPO" --build-dir "$WORK/mutate" --ctest -j "$JOBS" \
	--scratch "$WORK" --survivors 5 ${HEAD_ARGS[@]+"${HEAD_ARGS[@]}"}) 2>"$WORK/mutate.log" \
	|| { cat "$WORK/mutate.log" >&2; die "assay mutate failed"; }

step "Summary: assay show --db $DB${SHOWN:+ $SHOWN}"
(cd "$REPO" && "$ASSAY" show --db "$DB" ${SHOWN:+"$SHOWN"}) || die "assay show failed"

# 4. The gate, with its default checks (an empty --config: the demo is about the example,
# whatever .assay.ini the repository has).  Exit 1 is the gate's verdict on the example's
# change, printed and not the demo's failure: the demo exits by the current commit's tests.
# Exit 2 (could not decide) is the demo's own failure: it has just stored runs for both
# commits, and the default checks decide or say "no data" when the store lacks something.
if [ -n "$BASE" ]; then
	step "The gate: assay gate --base $HEAD_REV~1"
	: >"$WORK/gate.ini"
	rc=0
	(cd "$REPO" && "$ASSAY" gate --db "$DB" --config "$WORK/gate.ini" --base "$HEAD_REV~1" ${COMMIT:+--head "$COMMIT"}) || rc=$?
	case $rc in
	0) ;;
	1) echo "(the gate's verdict on the example's change since ${BASE:0:12}: the demo goes on)" ;;
	*) die "assay gate could not decide (exit $rc)" ;;
	esac
else
	step "The gate: skipped, no previous commit: $NO_BASE"
fi

# 5. The report, against the previous commit when there is one (its figures beside head's,
# each line's change in coverage).
REPORT_ARGS=(--db "$DB" --out "$REPORT" --root "$REPO")
[ -z "$SHOWN" ] || REPORT_ARGS+=(--commit "$SHOWN")
[ -z "$BASE" ] || REPORT_ARGS+=(--base "$HEAD_REV~1")
step "The report: assay report html --out $REPORT${BASE:+ --base $HEAD_REV~1}"
(cd "$REPO" && "$ASSAY" report html "${REPORT_ARGS[@]}") || die "assay report html failed"
[ -f "$REPORT/index.html" ] || die "assay report html wrote no $REPORT/index.html"
printf '\nopen %s/index.html\n' "$REPORT"

exit "$HEAD_FAILED"
