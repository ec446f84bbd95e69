#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A mutant's test that runs out of time: spinning (it had the CPU) is a timeout at once; starved
# (it had next to no CPU: a loaded machine, or it waited) is retried once with a longer limit.
# The summary counts the test runs that ran out of time and the seconds they cost.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

tiny_project "$TMP/p"

# tiny_count_up's three endless loops spin.  Whether the machine gave them the CPU is its load's
# business, so what is checked is that the verdict follows what was measured.
expect_exit 0 assay-mutate --build-dir "$TMP/p/build" --ctest --timeout-const 0.3 --commit c1 --json
cp "$TMP/out" "$TMP/spin.json"
q "SELECT reason FROM mutations WHERE status = 'timeout'" >"$TMP/reasons"
expect_eq "timeouts" "3" "$(wc -l <"$TMP/reasons")"
expect_eq "every reason says spun or twice" "3" "$(grep -cE "^'loop' (spun: [0-9.]+ s of CPU in its limit of [0-9.]+ s|ran out of time twice: limit [0-9.]+ s with [0-9.]+ s of CPU, then [0-9.]+ s)$" "$TMP/reasons")"
twice=$(grep -c 'twice' "$TMP/reasons")
expect_eq "spinning: one run each, starved: two" "ok" "$(python3 -c '
import json, sys
r, twice = json.load(open(sys.argv[1])), int(sys.argv[2])
ok = r["timeout_runs"] == 3 + twice and r["starved_retries"] == twice and r["timeout_us"] >= 300000 * r["timeout_runs"]
print("ok" if ok else r)' "$TMP/spin.json" "$twice")"
[ "$twice" = 0 ] || echo "note: $twice of the 3 spinning mutants had too little CPU (a loaded machine) and were retried"
expect_exit 0 assay-mutate --build-dir "$TMP/p/build" --ctest --timeout-const 0.3 --commit c1 --no-reuse
expect_grep '^timeouts: [0-9]+ test runs ran out of time, [0-9.]+ s of the tests. time \([0-9]+ retried with a longer limit: starved of CPU\)$' "$TMP/out"

# a test that sleeps has next to no CPU: retried with the longer limit, then a timeout (it fails
# on a crash, so that the sanity check sees it fail, and sleeps with any mutant active)
T='./test_arith; [ $? -ge 128 ] && exit 1; [ "$ASSAY_MUTANT" -gt 0 ] && exec sleep 30; exit 0'
expect_exit 0 assay-mutate --build-dir "$TMP/p/build" --test-command "$T" --timeout-const 0.3 --commit c2 \
	--shard 1/16 --json
n=$(q "SELECT count(*) FROM mutations WHERE status = 'timeout' AND run_id = (SELECT max(run_id) FROM mutations)")
expect_eq "some sleeping mutants" "yes" "$([ "$n" -ge 1 ] && echo yes || echo "no: $n")"
expect_eq "each retried once" "ok" "$(python3 -c '
import json, sys
r, n = json.load(open(sys.argv[1])), int(sys.argv[2])
print("ok" if r["timeout_runs"] == 2 * n and r["starved_retries"] == n and r["counts"]["timeout"] == n else r)' "$TMP/out" "$n")"
expect_eq "reasons" "$n" "$(q "SELECT count(*) FROM mutations WHERE status = 'timeout' AND reason LIKE '% ran out of time twice: limit % s with 0.0% s of CPU, then % s' AND run_id = (SELECT max(run_id) FROM mutations)")"
finish
