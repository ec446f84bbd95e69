#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SIGKILL in the middle of a mutation run leaves the user's sources and build
# directory exactly as they were (checksums of content and mtimes), with the
# build directory outside the source tree this time; SIGTERM stops it cleanly,
# with what it did stored as a partial run.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

# start_mutating SCRATCH: run assay-mutate in the background (its pid in $pid) and return once
# mutants are running: the schemata are built and tests are going on.  $TMP/err is emptied
# first: a '^mutants: ' line of an earlier run must not be taken for this one's (the signal
# would then come before assay-mutate handles it).
start_mutating() {
	mkdir "$1"
	: >"$TMP/err"
	assay-mutate --build-dir "$TMP/build" --ctest --commit c1 --timeout-const 0.3 --scratch "$1" \
		>"$TMP/out" 2>"$TMP/err" &
	pid=$!
	wait_for '^mutants: ' "$TMP/err"
}

tiny_project "$TMP/p" "$TMP/build"
src_before=$(tree_sum "$TMP/p")
build_before=$(tree_sum "$TMP/build")
start_mutating "$TMP/scratch"
kill -KILL "$pid"
wait "$pid"
expect_eq "killed" "137" "$?"
# the test that was running dies with it (an endless mutant must not loop on)
for _ in $(seq 1 40); do
	pgrep -f "$TMP/scratch/" >/dev/null || break
	sleep 0.05
done
left=$(pgrep -f "$TMP/scratch/" | wc -l)
expect_eq "tests left running" "0" "$left"
for pid in $(pgrep -f "$TMP/scratch/"); do kill -9 "$pid"; done # never leave them to CI
expect_eq "sources unchanged" "$src_before" "$(tree_sum "$TMP/p")"
expect_eq "build dir unchanged" "$build_before" "$(tree_sum "$TMP/build")"
# what was stored is consistent: a partial run whose count is its rows (mutate_resume.sh goes on from it)
expect_eq "killed: partial or nothing" "ok" "$(q "SELECT CASE WHEN count(*) = 0 OR (min(state) = 'partial' AND
	sum(done) = (SELECT count(*) FROM mutations)) THEN 'ok' ELSE 'bad' END FROM mutation_runs" 2>/dev/null || echo ok)"
# what was written went to the scratch copy: the schemata source is there
expect_grep '__assay_m[0-9]+ == ' "$(ls -d "$TMP"/scratch/assay-mutate.*)/w0/src/src/tiny.c"

# SIGTERM (or Ctrl-C): no more mutants are started, the scratch copy goes, what is done is stored
rm -f "$ASSAY_DB"*
start_mutating "$TMP/scratch2"
kill -TERM "$pid"
wait "$pid"
status=$?
expect_eq "interrupted: exit status" "2" "$status"
[ "$status" = 2 ] || { echo "assay-mutate's stderr:"; tail -n 20 "$TMP/err"; } >&2
expect_grep 'interrupted: [0-9]+ of 49 mutants have a result, stored as partial run 1; run again on this commit to resume' "$TMP/err"
expect_eq "scratch removed" "" "$(ls "$TMP/scratch2")"
done=$(sed -n 's/.*interrupted: \([0-9]*\) of 49.*/\1/p' "$TMP/err")
expect_eq "what is stored is what it said" "partial $done" "$(q "SELECT state, (SELECT count(*) FROM mutations) FROM mutation_runs" | tr '|' ' ')"
expect_eq "sources still unchanged" "$src_before" "$(tree_sum "$TMP/p")"

# SIGTERM before any mutant, during the baseline: the test running ends, no other starts
mkdir "$TMP/scratch3"
: >"$TMP/err"
assay-mutate --build-dir "$TMP/build" --commit c1 --scratch "$TMP/scratch3" \
	--test-command "echo run >> '$TMP/runs'; sleep 1; ctest --timeout 60" >"$TMP/out" 2>"$TMP/err" &
pid=$!
for _ in $(seq 1 600); do
	grep -q 'baseline' "$TMP/err" && break
	sleep 0.05
done
kill -TERM "$pid"
wait "$pid"
expect_eq "interrupted in the baseline: exit status" "2" "$?"
expect_grep 'interrupted before any mutant ran: nothing stored' "$TMP/err"
expect_eq "no run for the baseline" "1" "$(q "SELECT count(*) FROM runs")"
# (without the stop between steps: the baseline, the traced and sanity passes and the mutants ran)
runs=$(cat "$TMP/runs" 2>/dev/null | wc -l)
expect_eq "at most the one test run going on" "yes" "$([ "$runs" -le 1 ] && echo yes || echo "no: $runs runs")"
expect_eq "scratch removed after the baseline" "" "$(ls "$TMP/scratch3")"
expect_eq "sources unchanged after the baseline" "$src_before" "$(tree_sum "$TMP/p")"
finish
