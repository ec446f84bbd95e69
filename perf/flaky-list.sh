#!/usr/bin/env bash
# Speed of `assay flaky list`: a store of 1,000 runs x 2,000 tests (1x: 2 million results) and of
# 10,000 runs x 2,000 tests (10x: 20 million), written directly with SQL: two runs per commit,
# 1% of the tests flaky (a 10% chance to fail), every 97th run an infrastructure failure.
# Prints both times side by side and their ratio: linear means 10x within 12x of 1x.
# Not a pass/fail test: figures.  Usage: perf/flaky-list.sh [BUILD_DIR]
set -eu
build=${1:-build}
bin=$(cd "$build/bin" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/assay-perf.XXXXXX")
trap 'rm -rf "$work"' EXIT

# make_store DB RUNS TESTS
make_store() {
	"$bin/assay-flaky" list --db "$1" >/dev/null # creates the schema
	sqlite3 "$1" >/dev/null <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $2 / 2)
INSERT INTO commits(id, sha, tree_sha, branch, time)
	SELECT i, printf('%040x', i), printf('t%039x', i), 'main', 1700000000 + i * 60 FROM c;
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < $2)
INSERT INTO runs(id, commit_id, kind, started_at) SELECT i, (i + 1) / 2, 'ingest', 1700000000 + i * 30 FROM r;
WITH RECURSIVE t(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM t WHERE i < $3)
INSERT INTO tests(id, key, suite, classname, name) SELECT i, i, 'suite', printf('class%03d', i % 100), printf('test%05d', i) FROM t;
INSERT INTO results(run_id, ord, test_id, attempt, final, status)
	SELECT r.id, t.id, t.id, 1, 1,
		CASE WHEN r.id % 97 = 0 THEN 'error'
		     WHEN t.id % 100 = 0 AND abs(random()) % 10 = 0 THEN 'fail'
		     ELSE 'pass' END
	FROM runs r, tests t ORDER BY r.id, t.id;
COMMIT;
SQL
}

best_of() {
	local best=
	for _ in 1 2 3; do
		local t0 t1
		t0=$(date +%s.%N)
		"$bin/assay-flaky" list --db "$1" --json >/dev/null
		t1=$(date +%s.%N)
		best=$(echo "$t0 $t1 ${best:-}" | awk '{ d = $2 - $1; if ($3 != "" && $3 < d) d = $3; printf "%.3f", d }')
	done
	echo "$best"
}

make_store "$work/1x.db" 1000 2000
make_store "$work/10x.db" 10000 2000
t1=$(best_of "$work/1x.db")
t10=$(best_of "$work/10x.db")
printf '%-34s %14s %14s\n' "assay flaky list" "1x" "10x"
printf '%-34s %14s %14s\n' "runs x tests" "1000 x 2000" "10000 x 2000"
printf '%-34s %13ss %13ss\n' "time (best of 3)" "$t1" "$t10"
echo "$t1 $t10" | awk '{ printf "%-34s %29.1fx (linear: within 12x)\n", "10x / 1x", $2 / $1 }'
echo "1x: $("$bin/assay-flaky" list --db "$work/1x.db" | head -1)"
