#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay merge of two CI jobs' stores, each written by the real utilities: ingest (JUnit and lcov),
# flaky run, bench ingest and a mutation shard.  The target holds exactly the sum of the sources:
# runs by kind, results by status, coverage per file, samples, mutation results; a test both
# stores have is one test; merging again, in any order or through another merged store, adds
# nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"
F=$ASSAY_FIXTURES
STRIP=/tmp/assay-fixtures/repo
A=$TMP/a.db
B=$TMP/b.db
T=$TMP/t.db

# the job "linux": the example's passing tests with full coverage, three flaky repetitions, a benchmark
expect_exit 0 assay ingest --db "$A" --commit c1 --label linux --strip "$STRIP" "$F/junit/calc-ctest-pass.xml" "$F/lcov/calc-all.info"
expect_exit 1 assay flaky run --db "$A" --commit c1 -q -n 3 -- "$F/flaky/flaky-test.sh"
expect_exit 0 assay bench ingest --db "$A" --commit c1 "$F/bench/gbench-repetitions.json"
# the job "macos": another commit's tests first, so that its tests' row ids are not A's
expect_exit 0 assay ingest --db "$B" --commit c0 "$F/junit/calc-cmocka-eval.xml"
expect_exit 0 assay ingest --db "$B" --commit c1 --label macos --strip "$STRIP" "$F/junit/calc-ctest-demo-fail.xml" "$F/lcov/calc-lexer-only.info"
expect_exit 0 assay bench ingest --db "$B" --commit c1 "$F/bench/hyperfine-params.json"
# a mutation run in two shards, one in each job's store
tiny_project "$TMP/p"
M="assay-mutate --build-dir $TMP/p/build --timeout-const 0.3 --commit c1 --no-reuse --operators arith,rel,return,const"
expect_exit 0 $M --ctest --shard 1/2 --db "$A"
expect_exit 0 $M --ctest --shard 2/2 --db "$B"
expect_eq "the lexer test's row id differs" "1 10" \
	"$(assay sql --db "$A" "SELECT id FROM tests WHERE name = 'lexer'") $(assay sql --db "$B" "SELECT id FROM tests WHERE name = 'lexer'")"

# tq SQL / aq SQL / bq SQL: one value from the target, A, B; sum SQL: A's and B's added
tq() { assay sql --db "$T" "$1"; }
aq() { assay sql --db "$A" "$1"; }
bq() { assay sql --db "$B" "$1"; }
sum() { echo $(($(aq "$1") + $(bq "$1"))); }
# every store's rows of SQL, sorted: the sources' together, to compare with the target's
both() { { aq "$1"; bq "$1"; } | sort; }
sorted() { tq "$1" | sort; }

expect_exit 0 assay merge --db "$T" "$A" "$B"
expect_eq "what was merged" "merged 2 stores: 9 runs copied, 0 already there
  ingest: 3 copied, 0 already there
  flaky: 3 copied, 0 already there
  bench: 2 copied, 0 already there
  mutation: 1 copied (2 joined from shards), 0 already there
copied 33 results, 13 coverage files, 38 samples, 40 mutation results" "$(cat "$TMP/out")"
expect_eq "runs by kind" "bench=2 flaky=3 ingest=3 mutation=1" \
	"$(tq "SELECT group_concat(kind || '=' || n, ' ') FROM (SELECT kind, count(*) AS n FROM runs GROUP BY kind ORDER BY kind)")"
expect_eq "runs: the sources' less one for the shards joined" "$(($(sum "SELECT count(*) FROM runs") - 1))" "$(tq "SELECT count(*) FROM runs")"
expect_eq "commits by sha" "c0 c1" "$(tq "SELECT group_concat(sha, ' ') FROM (SELECT sha FROM commits ORDER BY sha)")"

# results: the sum per status, each under the test it had (by name, not by row id)
expect_eq "results" "33" "$(tq "SELECT count(*) FROM results")"
for s in pass fail error skip; do
	expect_eq "results $s" "$(sum "SELECT count(*) FROM results WHERE status = '$s'")" "$(tq "SELECT count(*) FROM results WHERE status = '$s'")"
done
expect_eq "results by status" "fail=6 pass=24 skip=3" \
	"$(tq "SELECT group_concat(status || '=' || n, ' ') FROM (SELECT status, count(*) AS n FROM results GROUP BY status ORDER BY status)")"
R="SELECT c.sha, coalesce(u.label, ''), t.suite, t.classname, t.name, t.file, r.status, r.attempt, r.final, r.duration_us, r.message
   FROM results r JOIN tests t ON t.id = r.test_id JOIN runs u ON u.id = r.run_id JOIN commits c ON c.id = u.commit_id"
expect_eq "every result with its test" "$(both "$R")" "$(sorted "$R")"
expect_eq "one row per test" "19" "$(tq "SELECT count(*) FROM tests")"
I="SELECT suite || '/' || classname || '/' || name FROM tests"
expect_eq "tests: the sources' identities, each once" "$(both "$I" | sort -u)" "$(sorted "$I")"
expect_eq "the lexer test of both jobs is one test" "2 1" \
	"$(tq "SELECT count(*) || ' ' || count(DISTINCT r.test_id) FROM results r JOIN tests t ON t.id = r.test_id JOIN runs u ON u.id = r.run_id
	       WHERE t.name = 'lexer' AND u.kind = 'ingest' AND u.label IS NOT NULL")"

# coverage: every run's files with their counts, and the commit's lines merged as assay show does
C="SELECT u.label, f.path, c.lines_found, c.lines_hit, c.branches_found, c.branches_hit, c.functions_found, c.functions_hit,
   hex(c.lines), hex(c.branches), hex(c.functions) FROM coverage c JOIN files f ON f.id = c.file_id JOIN runs u ON u.id = c.run_id"
expect_eq "coverage per run and file" "$(both "$C")" "$(sorted "$C")"
expect_eq "coverage rows" "13" "$(tq "SELECT count(*) FROM coverage")"
expect_eq "lines found/hit" "$(sum "SELECT sum(lines_found) FROM coverage")/$(sum "SELECT sum(lines_hit) FROM coverage")" \
	"$(tq "SELECT sum(lines_found) || '/' || sum(lines_hit) FROM coverage")"
expect_exit 0 assay show --db "$T" c1
expect_grep '^tests +12: 11 passed, 1 failed, 0 errors, 0 skipped' "$TMP/out"
expect_grep '^lines +92\.3%  770/834 in 9 files' "$TMP/out"
expect_grep '^flaky +1 of 4 tests in 3 repetitions' "$TMP/out"
expect_grep '^mutation +72\.5%' "$TMP/out"

# benchmarks by name and metric, their samples and skips
S="SELECT b.name, b.metric, b.unit, s.rep, s.value, s.exit_code FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id"
expect_eq "samples" "38" "$(tq "SELECT count(*) FROM samples")"
expect_eq "samples, sum" "$(sum "SELECT count(*) FROM samples")" "$(tq "SELECT count(*) FROM samples")"
expect_eq "every sample with its benchmark" "$(both "$S")" "$(sorted "$S")"
expect_eq "benchmarks" "$(sum "SELECT count(*) FROM benchmarks")" "$(tq "SELECT count(*) FROM benchmarks")"
expect_eq "skips" "BM_Fails|error|3" "$(tq "SELECT name, kind, count FROM bench_skips")"

# the mutation shards: one run with both slices, one mutant per key
expect_eq "mutations" "40" "$(tq "SELECT count(*) FROM mutations")"
expect_eq "mutations, sum" "$(sum "SELECT count(*) FROM mutations")" "$(tq "SELECT count(*) FROM mutations")"
expect_eq "mutation counts" "killed=29 no_coverage=5 survived=6" \
	"$(tq "SELECT group_concat(status || '=' || n, ' ') FROM (SELECT status, count(*) AS n FROM mutations GROUP BY status ORDER BY status)")"
expect_eq "mutants" "40" "$(tq "SELECT count(*) FROM mutants")"
expect_eq "joined run" "72.50|complete|||40|40" \
	"$(tq "SELECT printf('%.2f', score), state, shard_k, shard_n, selected, done FROM mutation_runs")"
# which tests reached which mutants: one row per test, each test's mutants of both shards joined
# (ids below 128 here: a byte each in the varint delta list, so the length is the count)
reach() { { aq "$1"; bq "$1"; } | awk -F'|' '{ n[$1] += $2 } END { for (t in n) print t "|" n[t] }' | sort; }
expect_eq "reach rows: the shards' joined" "$(reach "SELECT test, length(mutants) FROM mutation_reach")" \
	"$(sorted "SELECT test, length(mutants) FROM mutation_reach")"
expect_eq "reach: tests, mutants reached" "2|33" "$(tq "SELECT count(*), sum(length(mutants)) FROM mutation_reach")"

# again: nothing is added, and it says so
before=$(tq "SELECT (SELECT count(*) FROM runs) || ' ' || (SELECT count(*) FROM results) || ' ' || (SELECT count(*) FROM tests)")
expect_exit 0 assay merge --db "$T" "$A" "$B"
expect_eq "merged again" "merged 2 stores: 0 runs copied, 9 already there
  ingest: 0 copied, 3 already there
  flaky: 0 copied, 3 already there
  bench: 0 copied, 2 already there
  mutation: 0 copied, 1 already there
copied 0 results, 0 coverage files, 0 samples, 0 mutation results" "$(cat "$TMP/out")"
expect_eq "nothing added" "$before" "$(tq "SELECT (SELECT count(*) FROM runs) || ' ' || (SELECT count(*) FROM results) || ' ' || (SELECT count(*) FROM tests)")"

# the other order into another store: the same; and the merged store merged on is the same store
expect_exit 0 assay merge --db "$TMP/u.db" --json "$B" "$A"
expect_eq "json" "2 9 0 1 33 13 38 40 2 0" \
	"$(json_strict "$TMP/out" '" ".join(str(x) for x in (d["stores"], d["copied"], d["already_there"], d["kinds"]["mutation"]["copied"], d["results"], d["coverage_files"], d["samples"], d["mutations"], d["shards_joined"], d["partial_left_out"]))')"
U="SELECT kind, count(*) FROM runs GROUP BY kind"
expect_eq "the other order" "$(sorted "$U")" "$(assay sql --db "$TMP/u.db" "$U" | sort)"
expect_exit 0 assay merge --db "$TMP/u.db" -q "$T" "$A" "$B"
expect_eq "quiet" "" "$(cat "$TMP/out")"
expect_eq "a merged store adds nothing" "$(sorted "$U")" "$(assay sql --db "$TMP/u.db" "$U" | sort)"
expect_exit 0 assay merge --db "$TMP/v.db" "$T"
expect_exit 0 assay merge --db "$TMP/v.db" "$A" "$B"
expect_grep '^merged 2 stores: 0 runs copied, 9 already there$' "$TMP/out"

# a shard alone is refused, and the target is not even made
expect_exit 2 assay merge --db "$TMP/w.db" "$A"
expect_eq "shard missing" "assay merge: shard 2/2 of commit c1 is missing: give every shard's store" "$(cat "$TMP/err")"
expect_eq "no target made" "no" "$([ -e "$TMP/w.db" ] && echo yes || echo no)"
finish
