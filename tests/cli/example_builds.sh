#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The example project (examples/calc) builds from scratch, with warnings as
# errors and coverage, and its CTest tests give exactly the counts it promises;
# the fixtures made from it (tests/fixtures) are of its current sources.
. "$(dirname "$0")/lib.sh"

SRC=$ASSAY_SOURCE_DIR/examples/calc
B=$TMP/build

expect_exit 0 cmake -S "$SRC" -B "$B" -DCMAKE_C_COMPILER=gcc -DCALC_WERROR=ON -DCALC_COVERAGE=ON
expect_exit 0 cmake --build "$B" -j2
expect_eq "compile_commands.json entries" 8 "$(grep -c '"file":' "$B/compile_commands.json")"

cd "$B" || { fail "no build directory $B"; finish; }
expect_exit 0 ctest -N
expect_grep '^Total Tests: 6$' "$TMP/out"
for t in lexer numutil eval_arith eval_logic eval_errors demo; do
	expect_grep "Test +#[0-9]+: $t\$" "$TMP/out"
done

expect_exit 0 ctest
expect_grep '^100% tests passed, 0 tests failed out of 6$' "$TMP/out"

# Per-test selection: by label and by name.
expect_exit 0 ctest -L eval
expect_grep '^100% tests passed, 0 tests failed out of 3$' "$TMP/out"
expect_exit 0 ctest -R '^lexer$'
expect_grep '^100% tests passed, 0 tests failed out of 1$' "$TMP/out"

# Coverage data for each of the library's four translation units.
expect_eq "library .gcda files" 4 "$(find "$B/CMakeFiles/calc.dir/src" -name '*.gcda' | wc -l)"

# The demo failure: only on request, and only the 'demo' test.
CALC_DEMO_FAIL=1 expect_exit 8 ctest --output-junit "$TMP/fail.xml"
expect_grep '^83% tests passed, 1 tests failed out of 6$' "$TMP/out"
expect_grep '^[[:space:]]+6 - demo \(Failed\)' "$TMP/out"
expect_eq "JUnit failures" 1 "$(grep -c '<failure' "$TMP/fail.xml")"
expect_grep 'tests="6"' "$TMP/fail.xml"

# Test programs: one group by name, all groups without, 2 for a bad name.
expect_exit 0 tests/test_eval eval_logic
# (cmocka prints its closing counts on stderr)
expect_grep '^\[==========\] 3 test\(s\) run\.$' "$TMP/out"
expect_grep '^\[  PASSED  \] 3 test\(s\)\.$' "$TMP/err"
expect_exit 2 tests/test_eval no_such_group
expect_grep "no group named 'no_such_group'" "$TMP/err"

# cmocka's XML: the three groups of one process in one file, three roots.
CMOCKA_MESSAGE_OUTPUT=xml CMOCKA_XML_FILE="$TMP/eval.xml" expect_exit 0 tests/test_eval
expect_eq "<testsuites> roots" 3 "$(grep -c '^<testsuites>$' "$TMP/eval.xml")"
expect_eq "cmocka testcases" 9 "$(grep -c '<testcase ' "$TMP/eval.xml")"

# The skipped test runs when asked to, and passes.
expect_exit 0 tests/test_numutil
expect_grep '^\[  SKIPPED \] 1 test\(s\), listed below:$' "$TMP/err"
CALC_EXHAUSTIVE=1 expect_exit 0 tests/test_numutil
expect_grep '^\[  PASSED  \] 12 test\(s\)\.$' "$TMP/err"

# The committed fixtures were made from these very sources.
digest=$(cd "$SRC" && find . -path ./build -prune -o -type f \( -name '*.[ch]' -o -name CMakeLists.txt \) -print | LC_ALL=C sort | xargs sha256sum \
	| sha256sum | cut -d' ' -f1)
expect_grep "^# examples/calc sha256: $digest\$" "$ASSAY_FIXTURES/MANIFEST.tsv"
expect_eq "fixture files listed in MANIFEST" 15 "$(grep -vc '^#\|^file	' "$ASSAY_FIXTURES/MANIFEST.tsv")"
while IFS=$'\t' read -r f _; do
	case "$f" in '#'*|file) continue ;; esac
	CHECKS=$((CHECKS + 1))
	[ -s "$ASSAY_FIXTURES/$f" ] || fail "MANIFEST lists $f, which is missing or empty"
done <"$ASSAY_FIXTURES/MANIFEST.tsv"

finish
