#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Results are taken over from an earlier run only for the same mutant (its function unchanged) under
# the same tests: the same test command or CTest definitions, and the same compile flags.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

tiny_project "$TMP/p"
M=(assay-mutate --build-dir "$TMP/p/build" --ctest --timeout-const 0.3 --commit c1)
reused() { sed -n 's/.* in this run; \([0-9]*\) reused.*/\1/p' "$TMP/out"; }

expect_exit 0 "${M[@]}"
expect_eq "first run" "0" "$(reused)"

# other compile flags (a define the code does not even read): nothing is taken over
cmake -S "$TMP/p" -B "$TMP/p/build" -DCMAKE_C_FLAGS=-DASSAY_TEST_FLAG=1 >/dev/null && cmake --build "$TMP/p/build" >/dev/null
expect_exit 0 "${M[@]}"
expect_eq "changed flags: no reuse" "0" "$(reused)"
expect_eq "changed flags: the tests ran" "yes" "$(grep -qE '^builds: [1-9][0-9]* compiles of mutated code' "$TMP/out" && echo yes || echo no)"
expect_eq "changed flags: counts" "killed=35 no_coverage=5 survived=6 timeout=3" "$(counts)"
# the same flags again: the results found with them are
expect_exit 0 "${M[@]}"
expect_eq "same flags: everything reused" "49" "$(reused)"

# a CTest test defined otherwise (an environment of its own): nothing is taken over
echo 'set_tests_properties(arith PROPERTIES ENVIRONMENT ASSAY_TEST_ENV=1)' >>"$TMP/p/CMakeLists.txt"
cmake -S "$TMP/p" -B "$TMP/p/build" >/dev/null && cmake --build "$TMP/p/build" >/dev/null
expect_exit 0 "${M[@]}"
expect_eq "changed test definitions: no reuse" "0" "$(reused)"

# another test command: nothing is taken over; the same one again: everything
T=(assay-mutate --build-dir "$TMP/p/build" --timeout-const 0.3 --commit c1)
expect_exit 0 "${T[@]}" --test-command 'ctest --timeout 60'
expect_eq "a test command after ctest: no reuse" "0" "$(reused)"
expect_exit 0 "${T[@]}" --test-command 'ctest --timeout 60 -j 1'
expect_eq "another test command: no reuse" "0" "$(reused)"
finish
