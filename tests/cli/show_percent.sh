#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Percentages are rounded to one decimal, not truncated (1/6 is 16.7%), wherever Assay prints them;
# only all is 100.0%, only none is 0.0%, and no data is n/a.
. "$(dirname "$0")/lib.sh"

# lcov of one file with HIT of FOUND lines hit
lcov_of() {
	local hit=$1 found=$2 i
	echo "SF:$TMP/a.c"
	for ((i = 1; i <= found; i++)); do echo "DA:$i,$((i <= hit ? 1 : 0))"; done
	echo "LF:$found"
	echo "LH:$hit"
	echo "end_of_record"
}

# the progress lines (not a terminal): one a repetition
expect_exit 0 assay bench run --commit p1 -r 6 -w 0 --name six -- true
expect_eq "progress" "runs: 1/6 (16.7%)
runs: 2/6 (33.3%)
runs: 3/6 (50.0%)
runs: 4/6 (66.7%)
runs: 5/6 (83.3%)
runs: 6/6 (100.0%)
runs: 6/6 (100.0%)" "$(sed 's/ ETA.*\| in .*//' "$TMP/err")"

lcov_of 1 6 > one-sixth.info
expect_exit 0 assay ingest --commit c1 --root "$TMP" one-sixth.info
expect_grep 'lines 1/6 \(16\.7%\)$' "$TMP/out"
expect_exit 0 assay show c1
expect_grep '^lines +16\.7%  1/6 in 1 files' "$TMP/out"
# no branches, no functions in the input: n/a, not 0.0% 0/0
expect_grep '^branches   n/a \(none recorded\)$' "$TMP/out"
expect_grep '^functions  n/a \(none recorded\)$' "$TMP/out"
expect_exit 0 assay ls --kind ingest
expect_grep ' 16\.7% ' "$TMP/out"

lcov_of 1999 2000 > almost.info
expect_exit 0 assay ingest --commit c2 --root "$TMP" almost.info
expect_grep 'lines 1999/2000 \(99\.9%\)$' "$TMP/out"
expect_exit 0 assay show c2
expect_grep '^lines +99\.9%  1999/2000' "$TMP/out"
lcov_of 1 5000 > barely.info
expect_exit 0 assay ingest --commit c3 --root "$TMP" barely.info
expect_grep 'lines 1/5000 \(0\.1%\)$' "$TMP/out"
finish
