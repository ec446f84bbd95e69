#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay mutate on a unity build (tests/fixtures/mutate/unity): src/all.c includes clamp.c
# and digits.c, which have no compile command of their own.  They are mutated inside
# all.c, in the schemata build and in the rebuild per mutant alike, and the test's
# coverage reaches them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

cp -r "$ASSAY_FIXTURES/mutate/unity" "$TMP/p"
cmake -S "$TMP/p" -B "$TMP/p/build" >/dev/null && cmake --build "$TMP/p/build" >/dev/null ||
	fail "cmake build of the unity fixture"
cd "$TMP/p"
set -f # the globs are assay's
M="assay-mutate --build-dir build --ctest --timeout-const 0.3 --sources src/*.c --commit c1 --no-reuse"
expect_exit 0 $M --label schemata
expect_grep '^assay mutate: 30 mutants in 3 files, 30 in this run' "$TMP/out"
expect_grep '^  killed [0-9]+  survived 4  no_coverage 0  timeout [0-9]+  compile_error 0' "$TMP/out"
expect_grep '^builds: 2 compiles of mutated code \(0 rebuilds for single mutants\), [0-9]+ test runs; 0 mutants fell back' "$TMP/out"
expect_eq "mutants per part" "src/clamp.c|17 src/digits.c|13" \
	"$(q "SELECT group_concat(p || '|' || n, ' ') FROM (SELECT f.path AS p, count(*) AS n FROM mutants m JOIN files f ON f.id = m.file_id GROUP BY f.path ORDER BY f.path)")"
expect_exit 0 $M --label naive --no-schemata
expect_grep '^builds: 30 compiles of mutated code \(30 rebuilds for single mutants\)' "$TMP/out"
verdicts() {
	q "SELECT group_concat(x.key || '=' || CASE WHEN m.status IN ('killed', 'timeout') THEN 'detected' ELSE m.status END, ' ')
	   FROM (SELECT * FROM mutations WHERE run_id = (SELECT r.id FROM runs r WHERE r.label = '$1')) m
	   JOIN mutants x ON x.id = m.mutant_id ORDER BY x.key"
}
expect_eq "same verdicts alone and in the schemata" "$(verdicts schemata)" "$(verdicts naive)"
expect_eq "detected" "26" "$(verdicts naive | tr ' ' '\n' | grep -c '=detected')"
finish
