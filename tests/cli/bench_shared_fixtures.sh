#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay bench ingest on the shared real-world Google Benchmark and hyperfine files: the counts of
# their folders' EXPECTED.tsv (computed with Python's json module, not by Assay) must hold in the
# store.  The fixtures live outside the project (ASSAY_SHARED_FIXTURES, default
# /work/shared/fixtures); where they are absent the test is skipped (exit 77).
. "$(dirname "$0")/lib.sh"
SHARED=${ASSAY_SHARED_FIXTURES:-/work/shared/fixtures}
if [ ! -d "$SHARED/gbench" ] || [ ! -d "$SHARED/hyperfine" ]; then
	echo "skipped: no shared fixtures at $SHARED"
	exit 77
fi

# field FILE ROW-NAME COLUMN-NAME: one value of an EXPECTED.tsv
field() {
	grep -v '^#' "$1" | awk -F'\t' -v row="$2" -v col="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
		$1 == row { print $c }'
}

n=0
for f in "$SHARED"/gbench/*.json; do
	name=$(basename "$f")
	n=$((n + 1))
	DB="$TMP/g$n.db"
	expect_exit 0 assay-bench ingest --db "$DB" --commit abc "$f"
	iter=$(field "$SHARED/gbench/EXPECTED.tsv" "$name" iteration)
	agg=$(field "$SHARED/gbench/EXPECTED.tsv" "$name" aggregate)
	errors=$(field "$SHARED/gbench/EXPECTED.tsv" "$name" errors)
	# every repetition that did not error is a real_time sample; an aggregate either stands in
	# for its family (aggregates only) or is recognised and left out: never both
	from_iter=$(sqlite3 "$DB" "SELECT count(*) FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id WHERE b.metric = 'real_time' AND s.extra IS NULL")
	from_agg=$(sqlite3 "$DB" "SELECT count(*) FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id WHERE b.metric = 'real_time' AND s.extra LIKE '%aggregate%'")
	left_out=$(sed -n 's/.*; \([0-9]*\) aggregates recognised.*/\1/p' "$TMP/out")
	errored=$(sqlite3 "$DB" "SELECT coalesce(sum(count), 0) FROM bench_skips WHERE kind = 'error'")
	expect_eq "$name: repetitions stored" "$((iter - errors))" "$from_iter"
	expect_eq "$name: aggregates" "$agg" "$((from_agg + ${left_out:-0}))"
	expect_eq "$name: errors" "$errors" "$errored"
done

for f in "$SHARED"/hyperfine/*.json; do
	name=$(basename "$f")
	n=$((n + 1))
	DB="$TMP/h$n.db"
	expect_exit 0 assay-bench ingest --db "$DB" --commit abc "$f"
	results=$(field "$SHARED/hyperfine/EXPECTED.tsv" "$name" results)
	runs=$(field "$SHARED/hyperfine/EXPECTED.tsv" "$name" runs_per_result)
	nonzero=$(field "$SHARED/hyperfine/EXPECTED.tsv" "$name" nonzero_exit_codes)
	expect_eq "$name: results" "$results" "$(sqlite3 "$DB" "SELECT count(*) FROM benchmarks WHERE metric = 'wall'")"
	expect_eq "$name: runs per result" "$runs" "$(sqlite3 "$DB" "SELECT group_concat(n) FROM (SELECT count(*) AS n FROM samples GROUP BY benchmark_id ORDER BY benchmark_id)")"
	expect_eq "$name: non-zero exit codes" "$nonzero" "$(sqlite3 "$DB" "SELECT count(*) FROM samples WHERE exit_code != 0")"
done
finish
