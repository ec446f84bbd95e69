#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay bench ingest on the fixtures made by Google Benchmark and hyperfine (tests/fixtures/bench):
# exact sample counts in the store, idempotence, and every kind of bad input: a clear message,
# exit 2, nothing stored.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES/bench

# samples NAME METRIC: how many are stored
samples() {
	q "SELECT count(*) FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id
	   WHERE b.name = '$1' AND b.metric = '$2'"
}

expect_exit 0 assay bench ingest --commit c1 "$F/gbench-repetitions.json"
expect_grep '30 samples of 10 series as run 1' "$TMP/out"
expect_grep '12 aggregates recognised, not stored as samples' "$TMP/out"
expect_grep '6 NaN/Infinity values left out' "$TMP/out"
expect_grep '^BM_Fails: errored 3 times: resource unavailable$' "$TMP/out"
expect_eq "repetitions of BM_Sort/64" 3 "$(samples BM_Sort/64 real_time)"
expect_eq "reps numbered" "0,1,2" "$(q "SELECT group_concat(rep) FROM (SELECT rep FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id WHERE b.name = 'BM_Sort/64' AND b.metric = 'cpu_time' ORDER BY rep)")"
expect_eq "items_per_second is bigger-is-better" "1|0|1/s" "$(q "SELECT bigger_is_better, is_primary, unit FROM benchmarks WHERE name = 'BM_Sort/64' AND metric = 'items_per_second'")"
expect_eq "skip row" "BM_Fails|error|3" "$(q "SELECT name, kind, count FROM bench_skips")"
expect_eq "run kind" "bench|c1" "$(q "SELECT kind, sha FROM runs JOIN commits c ON c.id = commit_id")"

# the same file again: a no-op that says so
expect_exit 0 assay-bench ingest --commit c1 "$F/gbench-repetitions.json"
expect_grep 'already ingested as run 1' "$TMP/out"
expect_eq "still one run" 1 "$(q "SELECT count(*) FROM runs")"

# only statistics of their own, no median: each a series NAME/AGGREGATE, not refused (a store of its own)
ASSAY_DB=$TMP/custom.db
expect_exit 0 assay-bench ingest --commit c3 "$F/gbench-custom-aggregates.json"
expect_grep 'gbench-custom-aggregates.json: gbench, 8 samples' "$TMP/out"
expect_eq "own series" "BM_Accumulate/256/max s|BM_Accumulate/256/spread %|BM_Accumulate/4096/max s|BM_Accumulate/4096/spread %" \
	"$(q "SELECT group_concat(name || ' ' || unit, '|') FROM (SELECT DISTINCT b.name, b.unit FROM benchmarks b JOIN samples s ON s.benchmark_id = b.id JOIN runs r ON r.id = s.run_id JOIN commits c ON c.id = r.commit_id WHERE c.sha = 'c3' AND b.metric = 'real_time' ORDER BY b.name)")"
expect_exit 0 assay-bench ingest --commit c4 "$F/gbench-custom-aggregates.json"
expect_exit 0 assay-bench compare c3 c4
expect_grep '^BM_Accumulate/4096/spread +real_time .* too few samples' "$TMP/out"
expect_grep '^4 benchmarks compared, 0 regressed$' "$TMP/out"
ASSAY_DB=$TMP/store.db

# several files, several formats: one run
expect_exit 0 assay-bench ingest --commit c2 "$F/gbench-aggregates-only.json" "$F/hyperfine-params.json" \
	"$F/hyperfine-exit-codes.json" "$F/custom-smaller.json"
expect_grep 'gbench-aggregates-only.json: gbench, 10 samples' "$TMP/out"
expect_grep 'hyperfine-params.json: hyperfine, 8 samples' "$TMP/out"
expect_grep 'custom-smaller.json: custom, 2 samples' "$TMP/out"
expect_eq "runs" 2 "$(q "SELECT count(*) FROM runs")"
expect_eq "seq 2 samples" 4 "$(samples 'seq 2' wall)"
expect_eq "exit codes kept" "1,1,1" "$(q "SELECT group_concat(exit_code) FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id WHERE b.name = 'false'")"
expect_eq "parameters kept" '{"n":"1"}' "$(q "SELECT params FROM benchmarks WHERE name = 'seq 1'")"
expect_eq "aggregate marked" '{"aggregate":"median","repetitions":3}' "$(q "SELECT extra FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id JOIN runs r ON r.id = s.run_id JOIN commits c ON c.id = r.commit_id WHERE b.name = 'BM_Odd' AND b.metric = 'real_time' AND c.sha = 'c2'")"
expect_eq "custom range and extra" '{"extra":"peak during the second phase\nsampled every 10 ms","range":"3"}' \
	"$(q "SELECT extra FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id WHERE b.name = 'parse config - memory'")"
expect_exit 0 assay-bench ingest --commit c3 --bigger-is-better "$F/custom-bigger.json"
expect_eq "bigger is better" "1|2" "$(q "SELECT b.bigger_is_better, count(*) FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id WHERE b.name = 'requests served'")"

# bad input: exit 2, one message naming the file, nothing stored
before=$(q "SELECT count(*) FROM runs")/$(q "SELECT count(*) FROM samples")
bad() { # EXPECTED-MESSAGE ARGS...
	local want=$1
	shift
	expect_exit 2 assay-bench ingest --commit bad "$@"
	expect_grep "$want" "$TMP/err"
	expect_eq "nothing stored after: $want" "$before" "$(q "SELECT count(*) FROM runs")/$(q "SELECT count(*) FROM samples")"
}
bad 'gbench-empty.json: empty file: the producer wrote no results' "$F/gbench-empty.json"
bad 'hyperfine-empty.json: empty file' "$F/hyperfine-empty.json"
printf '{"tool": "something else", "data": [1, 2]}' >"$TMP/other.json"
bad 'other.json: not a benchmark file Assay knows' "$TMP/other.json"
printf '{\n  "benchmarks": [\n    {"name": "x",\n' >"$TMP/truncated.json"
bad 'truncated.json:4: not valid JSON' "$TMP/truncated.json"
printf '{"context": {}, "benchmarks": []}' >"$TMP/none.json"
bad 'none.json: no benchmarks in the file' "$TMP/none.json"
printf '{"benchmarks": [{"name": "BM_x", "run_type": "iteration", "iterations": 5}]}' >"$TMP/nosamples.json"
bad "nosamples.json: benchmarks\[0\] 'BM_x': no real_time or cpu_time: a benchmark with no samples" "$TMP/nosamples.json"
printf '{"benchmarks": [{"name": "BM_x", "error_occurred": true, "error_message": "nope"}]}' >"$TMP/allerr.json"
bad 'no samples: every benchmark errored or was skipped' "$TMP/allerr.json"
printf '[{"name": "parse config - memory", "unit": "Gigabytes", "value": 1}]' >"$TMP/unit.json"
bad "benchmark 'parse config - memory' \(value\) is stored in Megabytes; this input gives Gigabytes" "$TMP/unit.json"
# one bad file among good ones: none of them stored
bad 'gbench-empty.json: empty file' "$F/hyperfine-params.json" "$F/gbench-empty.json"
bad 'missing.json' "$TMP/missing.json"
expect_exit 2 assay-bench ingest --format yaml "$F/custom-bigger.json"
expect_grep 'unknown --format' "$TMP/err"
expect_exit 2 assay-bench ingest
# what it prints comes from the user and the benchmark: escaped on the terminal
ASSAY_DB=$TMP/escape.db
printf '[{"name":"x\\u001b]0;owned\\u0007","unit":"s","value":1}]' >"$TMP/esc$(printf '\033')[31m.json"
expect_exit 0 assay-bench ingest --no-git --commit "$(printf 'c\033[2J')" "$TMP"/esc*.json
expect_grep 'esc\\x1b\[31m.json: custom, 1 samples' "$TMP/out"
expect_grep '(commit c\\x1b\[2J)' "$TMP/out"
expect_eq "no raw escape byte printed" 0 "$(tr -cd '\033' <"$TMP/out" | wc -c)"
ASSAY_DB=$TMP/store.db

finish
