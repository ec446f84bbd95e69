#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Several CI jobs ingesting into one store at the same time lose no run.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES
pids=()
for i in 1 2 3 4 5 6 7 8; do
	assay ingest -q --commit "c$i" --label "job$i" --strip /tmp/assay-fixtures/repo "$F/junit/calc-ctest-pass.xml" "$F/lcov/calc-all.info" \
		> "$TMP/out.$i" 2> "$TMP/err.$i" &
	pids+=($!)
done
codes=""
for p in "${pids[@]}"; do
	wait "$p"
	codes="$codes$?"
done
expect_eq "every job succeeded" "00000000" "$codes"
[ "$codes" = 00000000 ] || head -n 5 "$TMP"/err.* >&2
expect_eq "eight runs" 8 "$(q 'SELECT count(*) FROM runs')"
expect_eq "eight commits" 8 "$(q 'SELECT count(DISTINCT commit_id) FROM runs')"
expect_eq "48 results" 48 "$(q 'SELECT count(*) FROM results')"
expect_eq "coverage of each" 8 "$(q 'SELECT count(DISTINCT run_id) FROM coverage')"
expect_eq "integrity" ok "$(q 'PRAGMA integrity_check')"
finish
