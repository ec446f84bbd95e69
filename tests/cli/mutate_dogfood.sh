#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Dogfood: assay mutate on Assay's own lib/path.c against Assay's own cmocka
# tests of it, from the build these tests run in.  Its tests must kill most of
# its mutants; the score and the count per status are shown.
# (perf/mutate-dogfood.sh does all of lib/ against every unit test.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

expect_exit 0 assay-mutate --build-dir "$ASSAY_BUILD_DIR" --ctest --ctest-regex '^unit\.test_path$' \
	--sources lib/path.c --build-command 'cmake --build . --target test_path' --commit dogfood \
	--timeout-const 2
head -4 "$TMP/out"
expect_grep '^assay mutate: [0-9]+ mutants in 1 files' "$TMP/out"
expect_grep '^mutation score: [0-9.]+%$' "$TMP/out"
killed=$(q "SELECT count(*) FROM mutations WHERE status IN ('killed', 'timeout')")
survived=$(q "SELECT count(*) FROM mutations WHERE status = 'survived'")
expect_eq "most mutants killed ($killed killed, $survived survived)" "1" "$(( killed > 2 * survived ))"
expect_eq "no errors" "0" "$(q "SELECT count(*) FROM mutations WHERE status IN ('compile_error', 'runtime_error')")"
finish
