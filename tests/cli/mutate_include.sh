#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay mutate on tests/fixtures/mutate/kv89: a C89 library built with -std=c89 -pedantic
# -Werror and strict warnings, whose tests #include its .c files (one test is a unity
# build holding both): the schemata compile (no fallback), coverage per test reaches the
# code compiled inside the tests, the fallback build mutates the same code, and a file
# whose schemata do not compile is named at once, with the compiler's error.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

cp -r "$ASSAY_FIXTURES/mutate/kv89" "$TMP/p"
cmake -S "$TMP/p" -B "$TMP/p/build" >/dev/null || fail "cmake configure of kv89"
cmake --build "$TMP/p/build" >/dev/null || fail "cmake build of kv89"
cd "$TMP/p" # not a git work tree: the sources are named from here
M="assay-mutate --build-dir build --ctest --timeout-const 0.3"

expect_exit 0 $M --sources 'src/*.c' --commit c1 --json
detail() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$TMP/out" "$1"; }
expect_eq "mutants" "501" "$(detail 'r["selected"]')"
expect_eq "no schemata fallback" "0 0" "$(detail '"%d %d" % (r["schemata_fallbacks"], r["rebuilds"])')"
expect_eq "one schemata compile per file" "2" "$(detail 'r["compiles"]')"
expect_eq "detected survived no_coverage" "384 62 55" \
	"$(detail '"%d %d %d" % (r["counts"]["killed"] + r["counts"]["timeout"], r["counts"]["survived"], r["counts"]["no_coverage"])')"
expect_not_grep 'warning' "$TMP/err"
# coverage came from the copies of the code inside the tests: sb_quote is compiled into
# test_sb and test_unity and called only there; kv_count_in is called by no test
expect_eq "sb_quote's killers" "sb unity" \
	"$(q "SELECT group_concat(k, ' ') FROM (SELECT DISTINCT m.killed_by AS k FROM mutations m JOIN mutants x ON x.id = m.mutant_id WHERE x.function = 'sb_quote' AND m.status = 'killed' ORDER BY k)")"
expect_eq "kv_count_in: no coverage" "no_coverage" \
	"$(q "SELECT group_concat(DISTINCT m.status) FROM mutations m JOIN mutants x ON x.id = m.mutant_id WHERE x.function = 'kv_count_in'")"

# the fallback (a rebuild per mutant, every test) builds the tests' copies mutated too:
# the same verdicts on the same mutants (no_coverage is survived there: it runs every test)
OPS=(--operators delete,bit,assign --sources 'src/*.c')
expect_exit 0 $M "${OPS[@]}" --commit c1 --label schemata --no-reuse
expect_exit 0 $M "${OPS[@]}" --commit c1 --label naive --no-reuse --no-schemata
expect_grep '^builds: 14 compiles of mutated code \(14 rebuilds for single mutants\)' "$TMP/out"
verdicts() {
	q "SELECT group_concat(x.key || '=' || CASE WHEN m.status IN ('killed', 'timeout') THEN 'detected' ELSE 'undetected' END, ' ')
	   FROM (SELECT * FROM mutations WHERE run_id = (SELECT r.id FROM runs r WHERE r.label = '$1')) m
	   JOIN mutants x ON x.id = m.mutant_id ORDER BY x.key"
}
expect_eq "14 mutants, same verdicts alone and in the schemata" "$(verdicts schemata)" "$(verdicts naive)"
expect_eq "of them detected" "11" "$(verdicts naive | tr ' ' '\n' | grep -c '=detected')"

# a file whose schemata do not compile is named at once (before any mutant runs),
# with the compiler's first error, and how many of its mutants fall back
# (the error is in a header of the project: named where the user has it, not in the scratch copy)
printf '#define __builtin_trap() }\n' >"$TMP/p/include/breaks-schemata.h"
cmake -S "$TMP/p" -B "$TMP/p/build2" -DCMAKE_C_FLAGS="-include $TMP/p/include/breaks-schemata.h" >/dev/null &&
	cmake --build "$TMP/p/build2" >/dev/null || fail "the build with the forced header"
expect_exit 0 assay-mutate --build-dir build2 --ctest --timeout-const 0.3 --operators delete,bit \
	--sources src/sb.c --commit c2 --json
expect_grep '^assay mutate: warning: src/sb\.c: the schemata do not compile \('"$TMP"'/p/include/breaks-schemata\.h:1:[0-9]+: error: .*\): 5 of its 5 mutants fall back to a build each' "$TMP/err"
warn_line=$(grep -n 'warning: src/sb.c' "$TMP/err" | cut -d: -f1)
first_mutant=$(grep -n '^mutants: ' "$TMP/err" | head -1 | cut -d: -f1)
[ -n "$warn_line" ] && [ -n "$first_mutant" ] && [ "$warn_line" -lt "$first_mutant" ] ||
	fail "the warning (line $warn_line of stderr) comes before the first mutant (line $first_mutant)"
expect_eq "schemata fallbacks in the JSON" "5 5" "$(detail '"%d %d" % (r["schemata_fallbacks"], r["rebuilds"])')"
finish
