#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerate tests/fixtures/{gcov,lcov,cobertura,junit}/ from the example
# project (examples/calc) with the real tools on this machine, and write
# tests/fixtures/MANIFEST.tsv (each file, the command that made it, the tool
# version) and tests/fixtures/EXPECTED.tsv (the figures the tools themselves
# printed for the same runs: an independent basis for the ingest tests).
#
# The example's sources are copied to a fixed place, so that the absolute
# paths written into the coverage files do not depend on where the repository
# is checked out:
#   /tmp/assay-fixtures/repo/examples/calc   the sources (strip /tmp/assay-fixtures/repo/)
#   /tmp/assay-fixtures/build                the build, with --coverage
#   /tmp/assay-fixtures/out                  what the tools wrote, copied unchanged
# Nothing is post-processed: the files are kept exactly as the tools wrote them.
#
# Usage: scripts/gen-fixtures.sh         (from anywhere; needs gcc, gcov-12,
#        lcov, gcovr, cmake, ctest and libcmocka-dev)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=/tmp/assay-fixtures
SRC=$WORK/repo/examples/calc
BUILD=$WORK/build
OBJ=$BUILD/CMakeFiles/calc.dir/src
OUT=$WORK/out
LOG=$WORK/log
DEST=$REPO/tests/fixtures
LCOV_RC="--rc lcov_branch_coverage=1"

for tool in gcc gcov-12 lcov gcovr cmake ctest; do
	command -v "$tool" >/dev/null || { echo "gen-fixtures: $tool is not installed" >&2; exit 2; }
done

V_GCC=$(gcc --version | head -n1)
V_GCOV=$(gcov-12 --version | head -n1)
V_LCOV=$(lcov --version | sed 's/^lcov: //')
V_GCOVR=$(gcovr --version | head -n1)
V_CTEST=$(ctest --version | head -n1)
V_CMOCKA="cmocka $(dpkg-query -W -f '${Version}' libcmocka0 2>/dev/null || echo unknown)"

# The digest of the example's sources (C files and CMakeLists) these fixtures were made from
# (tests/cli/example_builds.sh checks that the fixtures are not stale).
example_digest() {
	(cd "$1" && find . -path ./build -prune -o -type f \( -name '*.[ch]' -o -name CMakeLists.txt \) -print | LC_ALL=C sort | xargs sha256sum) \
		| sha256sum | cut -d' ' -f1
}
DIGEST=$(example_digest "$REPO/examples/calc")

rm -rf "$WORK"
mkdir -p "$SRC" "$OUT"/{gcov,lcov,cobertura,junit} "$LOG"
cp -R "$REPO/examples/calc/." "$SRC/"
rm -rf "$SRC/build"

MANIFEST=$WORK/MANIFEST.tsv
EXPECTED=$WORK/EXPECTED.tsv
{
	echo "# Made by scripts/gen-fixtures.sh with the real tools; files are unchanged tool output."
	echo "# Sources were at $SRC (strip prefix $WORK/repo/), built in $BUILD with $V_GCC,"
	echo "# cmake -DCALC_COVERAGE=ON (--coverage -O0 -g). Commands ran in 'cwd'; OUT=$OUT."
	echo "# examples/calc sha256: $DIGEST"
	printf 'file\ttool\tcwd\tcommand\tnotes\n'
} >"$MANIFEST"
{
	echo "# What the producing tool printed for the same run, verbatim in 'printed'; 'value' is read from it."
	echo "# scope: total, a source path as the tool printed it, or a cmocka group."
	printf 'file\tscope\tmeasure\tvalue\tprinted_by\tprinted\n'
} >"$EXPECTED"

# manifest FILE TOOL CWD COMMAND NOTES
manifest() {
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$MANIFEST"
}

# expect FILE SCOPE MEASURE VALUE PRINTED_BY PRINTED
expect() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" >>"$EXPECTED"
}

# run CWD LOGFILE COMMAND: run COMMAND (a shell string, as recorded) in CWD,
# its stdout and stderr into LOGFILE; returns the command's exit status.
run() {
	local rc=0
	(cd "$1" && eval "$3") >"$2" 2>&1 || rc=$?
	return $rc
}

# must CWD LOGFILE COMMAND: as run, failing the script on a non-zero status.
must() {
	if ! run "$@"; then
		echo "gen-fixtures: failed in $1: $3" >&2
		cat "$2" >&2
		exit 1
	fi
}

# expect_ctest FILE LOG: the closing summary line of a ctest run.
expect_ctest() {
	local line
	line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+$' "$2")
	expect "$1" total tests "$(sed -E 's/.* out of ([0-9]+)$/\1/' <<<"$line")" "$V_CTEST" "$line"
	expect "$1" total failed "$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")" "$V_CTEST" "$line"
}

# expect_gcov FILE LOG: gcov's per-file "Lines executed" and branch lines, and
# its closing total (a second "Lines executed" line after a file's block).
expect_gcov() {
	local file="" have_lines=0 line what pct num scope
	while IFS= read -r line; do
		case "$line" in
		"File '"*) file=${line#File \'}; file=${file%\'}; have_lines=0; continue ;;
		"Lines executed:"*) what=lines ;;
		"Branches executed:"*) what=branches_executed ;;
		"Taken at least once:"*) what=branches_taken ;;
		"Calls executed:"*) what=calls ;;
		*) continue ;;
		esac
		if [ "$what" = lines ]; then
			[ "$have_lines" = 1 ] && file=""
			have_lines=1
		fi
		scope=${file:-total}
		pct=$(sed -E 's/.*:([0-9.]+)% of ([0-9]+)$/\1/' <<<"$line")
		num=$(sed -E 's/.*:([0-9.]+)% of ([0-9]+)$/\2/' <<<"$line")
		expect "$1" "$scope" "${what}_found" "$num" "$V_GCOV" "$line"
		expect "$1" "$scope" "${what}_percent" "$pct" "$V_GCOV" "$line"
	done <"$2"
}

# expect_lcov_summary FILE: `lcov --summary` of the tracefile, run now.
expect_lcov_summary() {
	local log line what hit found
	log=$LOG/summary-$(basename "$1").log
	must "$OUT" "$log" "lcov --summary $1 $LCOV_RC"
	while IFS= read -r line; do
		case "$line" in
		*lines......:*) what=lines ;;
		*functions..:*) what=functions ;;
		*branches...:*) what=branches ;;
		*) continue ;;
		esac
		case "$line" in
		*"no data found"*)
			expect "$1" total "${what}_found" 0 "$V_LCOV --summary" "$(sed 's/^ *//' <<<"$line")"
			continue ;;
		esac
		hit=$(sed -E 's/.*\(([0-9]+) of ([0-9]+) .*/\1/' <<<"$line")
		found=$(sed -E 's/.*\(([0-9]+) of ([0-9]+) .*/\2/' <<<"$line")
		expect "$1" total "${what}_hit" "$hit" "$V_LCOV --summary" "$(sed 's/^ *//' <<<"$line")"
		expect "$1" total "${what}_found" "$found" "$V_LCOV --summary" "$(sed 's/^ *//' <<<"$line")"
	done <"$log"
	# Per file: `lcov --list` prints what it found and a rounded rate.
	log=$LOG/list-$(basename "$1").log
	must "$OUT" "$log" "lcov --list $1 --list-full-path $LCOV_RC"
	local path l f b rate num
	while IFS='|' read -r path l f b; do
		path=$(sed 's/ *$//' <<<"$path")
		case "$path" in /*) ;; *) continue ;; esac
		for what in lines functions branches; do
			case $what in lines) rate=$l ;; functions) rate=$f ;; branches) rate=$b ;; esac
			read -r rate num <<<"$rate"
			expect "$1" "$path" "${what}_found" "$num" "$V_LCOV --list" "$(tr -s ' ' <<<"$path|$l|$f|$b")"
			expect "$1" "$path" "${what}_rate" "$rate" "$V_LCOV --list" "$(tr -s ' ' <<<"$path|$l|$f|$b")"
		done
	done <"$log"
}

# expect_cmocka FILE GROUP LOG: cmocka's console summary of one group (cmocka
# does not print the group's name, so each group is run on its own for this).
expect_cmocka() {
	local line n
	while IFS= read -r line; do
		case "$line" in
		"[==========] "*" test(s) run."*)
			n=$(sed -E 's/^\[=+\] ([0-9]+) test\(s\) run\..*/\1/' <<<"$line")
			expect "$1" "$2" run "$n" "$V_CMOCKA" "$line" ;;
		"[  PASSED  ] "*" test(s)."*)
			n=$(sed -E 's/^\[  PASSED  \] ([0-9]+) .*/\1/' <<<"$line")
			expect "$1" "$2" passed "$n" "$V_CMOCKA" "$line" ;;
		"[  FAILED  ] "*" test(s), listed below:"*)
			n=$(sed -E 's/^\[  FAILED  \] ([0-9]+) .*/\1/' <<<"$line")
			expect "$1" "$2" failed "$n" "$V_CMOCKA" "$line" ;;
		"[  SKIPPED ] "*" test(s), listed below:"*)
			n=$(sed -E 's/^\[  SKIPPED \] ([0-9]+) .*/\1/' <<<"$line")
			expect "$1" "$2" skipped "$n" "$V_CMOCKA" "$line" ;;
		esac
	done <"$3"
}

# ---- build ----------------------------------------------------------------
must "$WORK" "$LOG/configure.log" \
	"cmake -S $SRC -B $BUILD -DCALC_COVERAGE=ON -DCALC_WERROR=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON"
must "$WORK" "$LOG/build.log" "cmake --build $BUILD -j2"

# ---- lcov: the zero baseline (from the .gcno files only) ----------------------
F=lcov/calc-baseline.info
CMD="lcov --capture --initial --directory $BUILD --output-file $OUT/$F $LCOV_RC"
must "$BUILD" "$LOG/baseline.log" "$CMD"
manifest "$F" "$V_LCOV" "$BUILD" "$CMD" "zero counts for every instrumented line, before any test ran"
expect_lcov_summary "$F"

# ---- lcov: one test only, for per-test coverage ---------------------------------
must "$BUILD" "$LOG/ctest-lexer.log" "ctest -R '^lexer\$'"
F=lcov/calc-lexer-only.info
CMD="lcov --capture --directory $BUILD --output-file $OUT/$F --test-name lexer $LCOV_RC"
must "$BUILD" "$LOG/capture-lexer.log" "$CMD"
manifest "$F" "$V_LCOV" "$BUILD" "ctest -R '^lexer\$' && $CMD" "coverage of the one CTest test 'lexer' (TN:lexer)"
expect_lcov_summary "$F"
must "$BUILD" "$LOG/zero.log" "lcov --zerocounters --directory $BUILD"

# ---- the full, passing test run --------------------------------------------------
F=junit/calc-ctest-pass.xml
CMD="ctest --output-junit $OUT/$F"
must "$BUILD" "$LOG/ctest-pass.log" "$CMD"
manifest "$F" "$V_CTEST" "$BUILD" "$CMD" "6 tests, all pass; the coverage files below are of this run"
expect_ctest "$F" "$LOG/ctest-pass.log"

# gcov JSON, one .gcov.json.gz per translation unit of the library, as gcov names them.
CMD="gcov-12 --json-format --branch-probabilities env.c.gcda eval.c.gcda lexer.c.gcda numutil.c.gcda"
must "$OBJ" "$LOG/gcov-json.log" "$CMD"
for tu in env eval lexer numutil; do
	F=gcov/$tu.c.gcov.json.gz
	mv "$OBJ/$tu.c.gcov.json.gz" "$OUT/$F"
	manifest "$F" "$V_GCOV" "$OBJ" "$CMD" "one gzipped JSON document for src/$tu.c"
	expect_gcov "$F" <(awk -v want="/$tu.c'" '
		/^File / { keep = index($0, want) > 0 }
		keep { print }
		/^$/ { keep = 0 }' "$LOG/gcov-json.log")
done

# The same data through gcov's stdout form: one JSON document per line, per TU.
F=gcov/calc-lib.gcov-stdout.json
CMD="gcov-12 --stdout --json-format --branch-probabilities env.c.gcda eval.c.gcda lexer.c.gcda numutil.c.gcda > $OUT/$F"
must "$OBJ" "$LOG/gcov-stdout.log" "$CMD"
manifest "$F" "$V_GCOV" "$OBJ" "$CMD" "four JSON documents, one per line (env, eval, lexer, numutil); same run as the .json.gz files"
expect_gcov "$F" "$LOG/gcov-json.log"

# Also the test programs' own translation units (all of the run, as lcov sees it).
OBJ_TESTS=$BUILD/tests/CMakeFiles
CMD="gcov-12 --stdout --json-format --branch-probabilities test_demo.dir/test_demo.c.gcda test_eval.dir/test_eval.c.gcda test_lexer.dir/test_lexer.c.gcda test_numutil.dir/test_numutil.c.gcda > $OUT/gcov/calc-tests.gcov-stdout.json"
must "$OBJ_TESTS" "$LOG/gcov-tests.log" "$CMD"
F=gcov/calc-tests.gcov-stdout.json
manifest "$F" "$V_GCOV" "$OBJ_TESTS" "$CMD" "the test programs' TUs; tests/groups.h is seen from all four (a header in several TUs)"
must "$OBJ_TESTS" "$LOG/gcov-tests-summary.log" \
	"gcov-12 --no-output --branch-probabilities test_demo.dir/test_demo.c.gcda test_eval.dir/test_eval.c.gcda test_lexer.dir/test_lexer.c.gcda test_numutil.dir/test_numutil.c.gcda"
expect_gcov "$F" "$LOG/gcov-tests-summary.log"

# lcov tracefile of the whole run.
F=lcov/calc-all.info
CMD="lcov --capture --directory $BUILD --output-file $OUT/$F $LCOV_RC"
must "$BUILD" "$LOG/capture-all.log" "$CMD"
manifest "$F" "$V_LCOV" "$BUILD" "$CMD" "library and test sources; tests/groups.h has four records (one per test program) that lcov --summary merges; same run as junit/calc-ctest-pass.xml"
expect_lcov_summary "$F"

# gcovr's Cobertura XML of the same run; its text report and summary are the basis.
F=cobertura/calc-gcovr.xml
CMD="gcovr --root $SRC --cobertura-pretty --cobertura $OUT/$F --txt - --print-summary $BUILD"
must "$BUILD" "$LOG/gcovr.log" "$CMD"
manifest "$F" "$V_GCOVR" "$BUILD" "$CMD" "filenames relative to --root ($SRC); same run as junit/calc-ctest-pass.xml"
while IFS= read -r line; do
	case "$line" in
	"lines: "*|"functions: "*|"branches: "*)
		what=${line%%:*}
		expect "$F" total "${what}_hit" "$(sed -E 's/.*\(([0-9]+) out of ([0-9]+)\)$/\1/' <<<"$line")" "$V_GCOVR --print-summary" "$line"
		expect "$F" total "${what}_found" "$(sed -E 's/.*\(([0-9]+) out of ([0-9]+)\)$/\2/' <<<"$line")" "$V_GCOVR --print-summary" "$line"
		;;
	src/*|tests/*)
		read -r path lines exec _ <<<"$line"
		expect "$F" "$path" lines_found "$lines" "$V_GCOVR --txt" "$(tr -s ' ' <<<"$line")"
		expect "$F" "$path" lines_hit "$exec" "$V_GCOVR --txt" "$(tr -s ' ' <<<"$line")"
		;;
	esac
done <"$LOG/gcovr.log"

# ---- cmocka's own XML (counters keep adding up; no coverage is taken below) ------
# cmocka appends the groups of one process to one file, several root elements in
# it; it will not write to a file that already exists, hence the rm.
cmocka_xml() {	# FILE PROGRAM ENV NOTES GROUP...
	local f=$1 prog=$2 env=$3 notes=$4 cmd g
	shift 4
	cmd="rm -f $OUT/$f; $env CMOCKA_MESSAGE_OUTPUT=xml CMOCKA_XML_FILE=$OUT/$f tests/$prog"
	run "$BUILD" "$LOG/$prog-xml.log" "$cmd" || true
	[ -s "$OUT/$f" ] || { echo "gen-fixtures: cmocka wrote no $f" >&2; exit 1; }
	manifest "$f" "$V_CMOCKA" "$BUILD" "$cmd" "$notes"
	for g in "$@"; do
		run "$BUILD" "$LOG/$prog-$g.log" "$env CMOCKA_MESSAGE_OUTPUT=stdout tests/$prog $g" || true
		expect_cmocka "$f" "$g" "$LOG/$prog-$g.log"
	done
}
cmocka_xml junit/calc-cmocka-eval.xml test_eval "" \
	"three groups in one file: three <testsuites> roots" eval_arith eval_logic eval_errors
cmocka_xml junit/calc-cmocka-numutil.xml test_numutil "" "one group; isqrt_exhaustive skipped" numutil
cmocka_xml junit/calc-cmocka-demo-fail.xml test_demo "CALC_DEMO_FAIL=1" \
	"one group; the_answer fails on purpose" demo

# ---- a failing ctest run -----------------------------------------------------------
F=junit/calc-ctest-demo-fail.xml
CMD="CALC_DEMO_FAIL=1 ctest --output-junit $OUT/$F"
rc=0
run "$BUILD" "$LOG/ctest-fail.log" "$CMD" || rc=$?
if [ "$rc" -ne 8 ]; then
	echo "gen-fixtures: expected ctest to exit 8 with CALC_DEMO_FAIL=1, got $rc" >&2
	exit 1
fi
manifest "$F" "$V_CTEST" "$BUILD" "$CMD" "ctest exits 8: the 'demo' test fails on purpose"
expect_ctest "$F" "$LOG/ctest-fail.log"

# ---- copy into the repository ------------------------------------------------------
# Only files this script made before are replaced: others may keep files beside them.
if [ -f "$DEST/MANIFEST.tsv" ]; then
	while IFS=$'\t' read -r f _; do
		case "$f" in '#'*|file|'') continue ;; esac
		rm -f "${DEST:?}/$f"
	done <"$DEST/MANIFEST.tsv"
fi
for d in gcov lcov cobertura junit; do
	mkdir -p "$DEST/$d"
	cp "$OUT/$d"/* "$DEST/$d/"
done
cp "$MANIFEST" "$EXPECTED" "$DEST/"
echo "gen-fixtures: $(($(wc -l <"$MANIFEST") - 5)) files into $DEST"
