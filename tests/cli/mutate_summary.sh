#!/usr/bin/env bash
# What assay mutate's summary says: a long survivor list cut to its first 20 with a count of the
# rest (--survivors N|all), and the time outside tests measured per worker.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

tiny_project "$TMP/p"
# a test command that fails only on a crash: the sanity check still sees its tests fail, and
# every covered mutant that does not loop survives (41 of them)
T='./test_arith; a=$?; ./test_loop; b=$?; [ $a -lt 128 ] && [ $b -lt 128 ]'
M=(assay-mutate --build-dir "$TMP/p/build" --test-command "$T" --timeout-const 0.3 --commit c1)

expect_exit 0 "${M[@]}" -j 2
expect_grep '^  killed 0  survived 41  no_coverage 5  timeout 3 ' "$TMP/out"
expect_eq "survivors listed by default" "20" "$(grep -c '^  src/tiny.c:' "$TMP/out")"
expect_grep '^  \.\.\. and 21 more \(--survivors all lists them, --report json has them all\)$' "$TMP/out"
# the first 20 in the order of the report: by file and place
expect_eq "first survivor" "  src/tiny.c:7:9  a + b  ->  -(a + b)" "$(grep -m1 '^  src/tiny.c:' "$TMP/out" | sed 's/  \[.*//')"

expect_exit 0 "${M[@]}" --survivors all
expect_eq "survivors listed with all" "41" "$(grep -c '^  src/tiny.c:' "$TMP/out")"
expect_eq "no count of the rest with all" "0" "$(grep -c 'more (--survivors' "$TMP/out")"
expect_exit 0 "${M[@]}" --survivors 3
expect_eq "survivors listed with 3" "3" "$(grep -c '^  src/tiny.c:' "$TMP/out")"
expect_grep '^  \.\.\. and 38 more ' "$TMP/out"
expect_exit 0 "${M[@]}" --json
expect_eq "--json lists them all" "41" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["survivors"]))' "$TMP/out")"
expect_exit 2 "${M[@]}" --survivors some
expect_grep 'survivors some: a count, or all' "$TMP/err"
expect_exit 0 assay-mutate --help
expect_grep '[-][-]survivors N[|]all'  "$TMP/out"
finish
