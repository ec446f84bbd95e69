#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# An interrupted mutation run keeps what it did: its results are stored as they come (in batches,
# each one transaction), the run is recorded as partial with its true counts, the progress line and
# the message say what was done, and the next run on the same commit resumes where it stopped, to
# the same results as a run never interrupted.  Once with SIGTERM, once with SIGKILL.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

tiny_project "$TMP/p"
# one test command, slowed down, so that a run can be caught midway
M=(assay-mutate --build-dir "$TMP/p/build" --test-command 'sleep 0.1; ./test_arith && ./test_loop'
   --timeout-const 0.3 --commit c1 --scratch "$TMP")
summary() { q "SELECT group_concat(status || '=' || n, ' ') FROM (SELECT status, count(*) AS n FROM mutations
	WHERE run_id = $1 GROUP BY status ORDER BY status)"; }

# what a run never interrupted finds
expect_exit 0 "${M[@]}" --db "$TMP/ref.db"
want=$(ASSAY_DB="$TMP/ref.db" summary 1)
expect_eq "reference: 49 results" "49" "$(ASSAY_DB="$TMP/ref.db" q "SELECT count(*) FROM mutations")"

# start_run: the run in the background ($pid), back once nine mutants have their result
start_run() {
	# emptied first: the job's own redirection may come after wait_for has read the last run's lines
	: >"$TMP/err"
	"${M[@]}" >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	wait_for '^mutants: 9/44 ' "$TMP/err"
}

# SIGTERM midway: the tests going on are stopped, what is done is stored, exit status 2
start_run
kill -TERM "$pid"
wait "$pid"
expect_eq "interrupted: exit status" "2" "$?"
expect_grep '^assay[- ]mutate: interrupted: [0-9]+ of 49 mutants have a result, stored as partial run 1; run again on this commit to resume$' "$TMP/err"
done=$(sed -n 's/.*interrupted: \([0-9]*\) of 49 .*/\1/p' "$TMP/err")
expect_eq "midway" "yes" "$([ "${done:-0}" -ge 14 ] && [ "$done" -lt 49 ] && echo yes || echo "no: $done")"
# the progress line's last word is what was done, not 44/44 (100%)
last=$(grep '^mutants: ' "$TMP/err" | tail -n 1)
expect_eq "last progress line says stopped" "yes" "$(echo "$last" | grep -qE '^mutants: [0-9]+/44 \([0-9.]+%\) stopped after [0-9:]+  [0-9]+ killed [0-9]+ survived [0-9]+ timeout [0-9]+ other$' && echo yes || echo "no: $last")"
expect_eq "not all of them" "0" "$(grep -c '^mutants: 44/44' "$TMP/err")"
expect_eq "stopped at what was done" "$((done - 5))" "$(echo "$last" | sed 's|^mutants: \([0-9]*\)/.*|\1|')"
# the store: a partial run with its true counts and score
expect_eq "run state" "partial|49|$done" "$(q "SELECT state, selected, done FROM mutation_runs WHERE run_id = 1")"
expect_eq "rows stored" "$done" "$(q "SELECT count(*) FROM mutations WHERE run_id = 1")"
expect_eq "its score is its rows'" "same" "$(q "SELECT CASE WHEN abs(score - (SELECT 100.0 * sum(status IN ('killed', 'timeout')) /
	sum(status IN ('killed', 'timeout', 'survived', 'no_coverage')) FROM mutations WHERE run_id = 1)) < 0.01 THEN 'same' ELSE score END
	FROM mutation_runs WHERE run_id = 1")"
# and show says the score is a partial run's
expect_exit 0 assay show c1
expect_grep "^mutation .*\(run 1, partial: $done of 49 mutants, run mutate again to resume\)$" "$TMP/out"
expect_exit 0 assay show c1 --json
expect_eq "show --json: partial" "True 49 $done" "$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["mutation"]; print(m["partial"], m["selected"], m["done"])' "$TMP/out")"

# the next run on the commit resumes: only the rest is run, to the same results (a test the stop
# cut short gave no verdict: the mutant it ran on is run again)
expect_exit 0 "${M[@]}"
expect_grep "^assay mutate: 49 mutants in 1 files; $((49 - done)) to run, $done taken over \(resuming partial run 1\)$" "$TMP/err"
expect_grep '49 in this run; [0-9]+ reused; run 2$' "$TMP/out"
expect_eq "run now" "$((49 - done))" "$(q "SELECT count(*) FROM mutations WHERE run_id = 2 AND reused = 0")"
expect_eq "resumed: the same results" "$want" "$(summary 2)"
expect_eq "resumed run complete" "complete|49|49" "$(q "SELECT state, selected, done FROM mutation_runs WHERE run_id = 2")"

# SIGKILL midway, once a batch is stored: no handler runs, what was committed stays consistent
rm -f "$ASSAY_DB"*
start_run
for _ in $(seq 1 6000); do
	[ "$(q "SELECT count(*) FROM mutations" 2>/dev/null || echo 0)" -gt 0 ] && break
	sleep 0.05
done
kill -KILL "$pid"
wait "$pid"
expect_eq "killed" "137" "$?"
stored=$(q "SELECT count(*) FROM mutations WHERE run_id = 1")
expect_eq "killed midway" "yes" "$([ "$stored" -gt 0 ] && [ "$stored" -lt 49 ] && echo yes || echo "no: $stored")"
expect_eq "killed: partial, done as stored" "partial|$stored" "$(q "SELECT state, done FROM mutation_runs WHERE run_id = 1")"
expect_exit 0 "${M[@]}"
expect_grep "; $((49 - stored)) to run, $stored taken over \(resuming partial run 1\)$" "$TMP/err"
expect_eq "resumed after SIGKILL: the same results" "$want" "$(summary 2)"
finish
