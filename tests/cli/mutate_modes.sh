#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay mutate's other ways to run: a plain test command, -j 2, --shard with
# assay merge, --since, --tce, --all-tests.  Each gives the counts the single
# --ctest run gives (or its exact slice of them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

tiny_project "$TMP/p"
# these operators make no endless loop: quick runs, no timeouts
OPS="--operators arith,rel,return,const"
M="assay-mutate --build-dir $TMP/p/build --timeout-const 0.3 --commit c1 --no-reuse $OPS"
WANT="killed=29 no_coverage=5 survived=6"

expect_exit 0 $M --ctest
expect_eq "ctest" "$WANT" "$(counts)"
expect_grep '^assay mutate: 40 mutants in 1 files, 40 in this run' "$TMP/out"

# one test command for the whole suite: no per-test selection, the same verdicts
expect_exit 0 $M --test-command "ctest --timeout 60"
expect_eq "test command" "$WANT" "$(counts)"
expect_eq "killed by the command" "ctest --timeout 60" "$(q "SELECT DISTINCT killed_by FROM mutations WHERE run_id = 2 AND status = 'killed'")"

# two workers, each in its own copy
expect_exit 0 $M --ctest -j 2
expect_eq "-j 2" "$WANT" "$(counts)"

# the kill matrix: every reaching test on each mutant
expect_exit 0 $M --ctest --all-tests
expect_eq "--all-tests" "$WANT" "$(counts)"
expect_eq "kill matrix rows" "29" "$(q "SELECT count(*) FROM mutation_kills WHERE run_id = 4")"

# shards: balanced slices into their own stores, merged into one
expect_exit 0 $M --ctest --shard 1/2 --db "$TMP/s1.db"
expect_grep '40 mutants in 1 files, 20 in this run \(shard 1/2\)' "$TMP/out"
expect_exit 0 $M --ctest --shard 2/2 --db "$TMP/s2.db"
expect_eq "shard 1 size" "20" "$(sqlite3 "$TMP/s1.db" "SELECT count(*) FROM mutations")"
expect_eq "shard 2 size" "20" "$(sqlite3 "$TMP/s2.db" "SELECT count(*) FROM mutations")"
expect_exit 2 assay-merge --db "$TMP/m.db" "$TMP/s1.db"
expect_grep 'shard 2/2 of commit c1 is missing' "$TMP/err"
expect_eq "nothing merged, not even the target made" "no target" "$([ -e "$TMP/m.db" ] && echo made || echo no target)"
expect_exit 0 assay-merge --db "$TMP/m.db" "$TMP/s1.db" "$TMP/s2.db"
expect_grep '^merged 2 stores: 1 runs copied, 0 already there' "$TMP/out"
expect_grep '^  mutation: 1 copied \(2 joined from shards\), 0 already there' "$TMP/out"
expect_grep '^copied 0 results, 0 coverage files, 0 samples, 40 mutation results' "$TMP/out"
expect_eq "merged counts" "killed=29 no_coverage=5 survived=6" \
	"$(sqlite3 "$TMP/m.db" "SELECT group_concat(status || '=' || n, ' ') FROM (SELECT status, count(*) AS n FROM mutations GROUP BY status ORDER BY status)")"
expect_eq "merged score" "72.50" "$(sqlite3 "$TMP/m.db" "SELECT printf('%.2f', score) FROM mutation_runs")"
expect_exit 0 assay-merge --db "$TMP/m.db" "$TMP/s1.db" "$TMP/s2.db"
expect_grep '^merged 2 stores: 0 runs copied, 1 already there' "$TMP/out"
expect_grep '^  mutation: 0 copied, 1 already there' "$TMP/out"
# a run that was not sharded is copied as it is, its kill matrix too
expect_exit 0 $M --ctest --all-tests --db "$TMP/k.db"
expect_exit 0 assay-merge --db "$TMP/all.db" "$TMP/k.db" "$TMP/s1.db" "$TMP/s2.db"
expect_grep '^merged 3 stores: 2 runs copied, 0 already there' "$TMP/out"
expect_grep ', 80 mutation results$' "$TMP/out"
expect_eq "one mutant row per key" "40" "$(sqlite3 "$TMP/all.db" "SELECT count(*) FROM mutants")"
expect_eq "merged kill matrix" "29" "$(sqlite3 "$TMP/all.db" "SELECT count(*) FROM mutation_kills")"
expect_eq "merged run scores" "72.50 72.50" \
	"$(sqlite3 "$TMP/all.db" "SELECT group_concat(printf('%.2f', score), ' ') FROM mutation_runs")"
expect_exit 2 $M --ctest --shard 3/2
expect_grep 'shard 3/2: want K/N' "$TMP/err"

# --since: only the lines changed since the commit
sed -i 's/return a + b;/return b + a;/' "$TMP/p/src/tiny.c"
expect_exit 0 $M --ctest --since HEAD
expect_grep '40 mutants in 1 files, 4 in this run' "$TMP/out"
expect_eq "--since" "killed=4" "$(counts)"
git -C "$TMP/p" checkout -q src/tiny.c

# TCE: dead code's mutants are equivalent, same-code mutants duplicates; neither is run
expect_exit 0 assay-mutate --build-dir "$TMP/p/build" --timeout-const 0.3 --commit c1 --no-reuse --ctest --tce
expect_eq "--tce" "duplicate=8 equivalent=3 killed=30 no_coverage=5 survived=2 timeout=1" "$(counts)"
expect_eq "dead store: equivalent" "2" "$(q "SELECT count(*) FROM mutations m JOIN mutants k ON k.id = m.mutant_id WHERE m.run_id = (SELECT max(run_id) FROM mutations) AND k.original = '5' AND m.status = 'equivalent'")"
expect_eq "TCE'd mutants never ran" "0" "$(q "SELECT sum(tests_run) FROM mutations WHERE status IN ('equivalent', 'duplicate')")"
finish
