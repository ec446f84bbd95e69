#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Speed of `assay bench compare`: 200 benchmarks x 30 samples a side (1x) and 2,000 x 30 (10x),
# in stores written directly with SQL.  Prints both times side by side and their ratio: the
# compare must scale linearly (10x within 12x of 1x) and stay interactive at 1x.
# Not a pass/fail test: figures.  Usage: perf/bench-compare.sh [BUILD_DIR]
set -eu
build=${1:-build}
bin=$(cd "$build/bin" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# make_store DB BENCHMARKS: base and head commits, 30 samples a side, every tenth 20% slower
make_store() {
	"$bin/assay-bench" history --db "$1" none >/dev/null 2>&1 || true # creates the schema
	sqlite3 "$1" <<SQL
BEGIN;
INSERT INTO commits(sha, branch, time) VALUES ('base', 'main', 1000), ('head', 'main', 2000);
INSERT INTO runs(commit_id, kind, started_at) VALUES (1, 'bench', 1000), (2, 'bench', 2000);
WITH RECURSIVE b(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM b WHERE i < $2)
INSERT INTO benchmarks(name, metric, unit) SELECT printf('BM_%05d', i), 'real_time', 's' FROM b;
WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < 29)
INSERT INTO samples(run_id, benchmark_id, rep, value)
	SELECT r.id, b.id, s.k, 1e-6 * (100 + (abs(random()) % 1000) / 100.0)
		* (CASE WHEN r.id = 2 AND b.id % 10 = 0 THEN 1.2 ELSE 1 END)
	FROM runs r, benchmarks b, s;
COMMIT;
SQL
}

# best_of DB: the least wall time of 3 compares, in seconds
best_of() {
	local best=
	for _ in 1 2 3; do
		local t0 t1
		t0=$(date +%s.%N)
		"$bin/assay-bench" compare --db "$1" base head >/dev/null || [ $? -eq 1 ]
		t1=$(date +%s.%N)
		best=$(echo "$t0 $t1 ${best:-}" | awk '{ d = $2 - $1; if ($3 != "" && $3 < d) d = $3; printf "%.3f", d }')
	done
	echo "$best"
}

make_store "$work/1x.db" 200
make_store "$work/10x.db" 2000
t1=$(best_of "$work/1x.db")
t10=$(best_of "$work/10x.db")
regressed=$("$bin/assay-bench" compare --db "$work/1x.db" base head | tail -1 || true)
printf '%-34s %12s %12s\n' "assay bench compare" "1x" "10x"
printf '%-34s %12s %12s\n' "benchmarks x samples a side" "200 x 30" "2000 x 30"
printf '%-34s %11ss %11ss\n' "time (best of 3)" "$t1" "$t10"
echo "$t1 $t10" | awk '{ printf "%-34s %25.1fx (linear: within 12x)\n", "10x / 1x", $2 / $1 }'
echo "1x: $regressed (every tenth benchmark was made 20% slower)"
