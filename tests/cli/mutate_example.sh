#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay mutate on the example project (examples/calc, its cmocka tests through
# CTest), in place: the build is ours, the sources are the repository's and stay
# as they are.  Shows the score and the count per status.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

calc=$ASSAY_SOURCE_DIR/examples/calc
cmake -S "$calc" -B "$TMP/calc" >/dev/null || fail "configure calc"
cmake --build "$TMP/calc" -j 2 >/dev/null || fail "build calc"
before=$(tree_sum "$calc")

expect_exit 0 assay-mutate --build-dir "$TMP/calc" --ctest --sources 'examples/calc/src/lexer.c' -j 2 \
	--commit example --report json --report-dir "$TMP"
cat "$TMP/out" | head -4
expect_grep '^assay mutate: 131 mutants in 1 files, 131 in this run' "$TMP/out"
# killed and timeout are both "detected"; which of the two a looping mutant gets depends on test order
expect_eq "detected" "116" "$(q "SELECT count(*) FROM mutations WHERE status IN ('killed', 'timeout')")"
expect_eq "survived" "15" "$(q "SELECT count(*) FROM mutations WHERE status = 'survived'")"
expect_eq "no coverage, errors" "0" "$(q "SELECT count(*) FROM mutations WHERE status NOT IN ('killed', 'timeout', 'survived')")"
expect_grep '^mutation score: 88\.5%$' "$TMP/out"
# the calc tests are CTest groups: each mutant ran on the groups that reach it, not all six
expect_eq "tests per killed mutant < 6" "1" "$(q "SELECT max(tests_run) < 6 FROM mutations WHERE status = 'killed'")"

# mutants built one at a time (--no-schemata) in two files, one worker: the same verdicts as
# the schemata give (a mutant of the first file left in the build would kill the second's)
two="--build-dir $TMP/calc --ctest --sources examples/calc/src/env.c --sources examples/calc/src/lexer.c
	--operators const --commit example -j 1 --no-reuse"
detected_survived() {
	q "SELECT sum(status IN ('killed', 'timeout')) || ' ' || sum(status = 'survived') FROM mutations
	   WHERE run_id = (SELECT max(run_id) FROM mutations)"
}
expect_exit 0 assay-mutate $two
expect_eq "schemata: env.c and lexer.c, detected and survived" "22 7" "$(detected_survived)"
expect_exit 0 assay-mutate $two --no-schemata
expect_eq "one build per mutant, detected and survived" "22 7" "$(detected_survived)"
expect_eq "example sources unchanged" "$before" "$(tree_sum "$calc")"
finish
