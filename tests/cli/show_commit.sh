#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay show with no argument shows the current commit, each signal from the runs of its kind:
# tests from ingest runs (never a flaky repetition), coverage from coverage runs, the mutation
# score, flaky tests, benchmarks; n/a where there is no data; the failure text of a ctest failure
# (an empty message, the output in system-out); --files, worst first.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"
F=$ASSAY_FIXTURES
STRIP=/tmp/assay-fixtures/repo

tiny_project "$TMP/p"
cd "$TMP/p"
for m in second third fourth; do
	git -c user.name=t -c user.email=t@t commit -q --allow-empty -m "$m"
done
git branch -M main
old=$(git rev-parse HEAD~3)
head=$(git rev-parse HEAD)

# HEAD~3: one ingest of ctest's JUnit (one failure), then 4 flaky repetitions (runs 2-5)
expect_exit 0 assay ingest --commit "$old" "$F/junit/calc-ctest-demo-fail.xml"
expect_exit 1 assay flaky run --commit "$old" -n 4 -- sh "$F/flaky/flaky-test.sh"
expect_exit 0 assay show HEAD~3
expect_eq "show HEAD~3" "commit     $old
subject    tiny
tests      6: 5 passed, 1 failed, 0 errors, 0 skipped  (run 1, 10.2ms)
coverage   n/a (no coverage run)
mutation   n/a (no mutation run)
flaky      1 of 4 tests in 4 repetitions  (runs 2-5)
bench      n/a (no bench run)

failures:
  fail  demo.demo
        [ RUN      ] the_answer
        [  ERROR   ] --- 0x2a != 0x2b
        [   LINE   ] --- /tmp/assay-fixtures/repo/examples/calc/tests/test_demo.c:43: error: Failure!
        [  FAILED  ] the_answer
        [==========] 2 test(s) run.
        [  PASSED  ] 1 test(s).
        [  FAILED  ] 1 test(s), listed below:
        [  FAILED  ] the_answer

         1 FAILED TEST(S)

flaky tests:
  failed 2/4  net.connect

slowest tests:
      2.0ms  lexer.lexer
      1.8ms  numutil.numutil
      1.7ms  eval_arith.eval_arith
      1.6ms  eval_errors.eval_errors
      1.6ms  eval_logic.eval_logic
      1.5ms  demo.demo" "$(cat "$TMP/out")"
expect_exit 0 assay show --json "$old"
expect_eq "show --json HEAD~3" "[1] 6 1 [5, 4, 3, 2] 4 1 net.connect 2 4" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = d["flaky"]
print(d["tests_runs"], d["tests"], d["failed"], f["runs"], f["tests"], f["flaky"],
      f["list"][0]["classname"] + "." + f["list"][0]["name"], f["list"][0]["fails"], f["list"][0]["runs"])' "$TMP/out")"
# a flaky repetition asked for by its number shows its own tests
expect_exit 0 assay show 5
expect_grep '^tests      4: 2 passed, 1 failed, 0 errors, 1 skipped  \(run 5, ' "$TMP/out"

# HEAD: coverage only, then a mutation run and a bench run: each keeps what the others said
expect_exit 0 assay ingest --strip "$STRIP" "$F/lcov/calc-all.info"
expect_exit 0 assay show
expect_eq "show: coverage only" "commit     $head (main)
subject    fourth
tests      n/a (no test run)
lines      92.3%  770/834 in 9 files  (run 6)
branches   82.7%  402/486
functions  97.4%  74/76
mutation   n/a (no mutation run)
flaky      n/a (no flaky run)
bench      n/a (no bench run)" "$(cat "$TMP/out")"
expect_exit 0 assay show --json
expect_eq "show --json: no tests is null" "None None 834 None []" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["tests"], d["failed"], d["lines_found"], d["mutation"], d["benchmarks"])' "$TMP/out")"
expect_exit 0 assay-mutate --build-dir "$TMP/p/build" --ctest --timeout-const 0.3
expect_exit 0 assay bench run --name t -r 3 -w 0 -- true
expect_exit 0 assay show
expect_eq "show: all its signals" "commit     $head (main)
subject    fourth
tests      n/a (no test run)
lines      92.3%  770/834 in 9 files  (run 6)
branches   82.7%  402/486
functions  97.4%  74/76
mutation   77.6%  35 killed, 6 survived, 5 no coverage, 3 timeout  (run 7)
flaky      n/a (no flaky run)
bench      1 benchmark  (run 8)

benchmarks (median):" "$(sed -n '1,/^benchmarks/p' "$TMP/out")"
expect_grep '^ +[0-9.]+ [mu]?s  t wall  \(3 samples, run 8\)$' "$TMP/out"
# the mutation run itself, by its number
expect_exit 0 assay show 7
expect_grep '^tests      n/a \(not a test run\)$' "$TMP/out"
expect_grep '^mutation   77\.6%  35 killed' "$TMP/out"

# --files where there is no coverage: says so, no empty table
expect_exit 0 assay show --files HEAD~3
expect_eq "--files, no coverage" "commit     $old
subject    tiny
coverage   n/a (no coverage run)" "$(cat "$TMP/out")"

# ls: a mutation run's score, a bench run's series, "-" where a run holds none of a thing
expect_exit 0 assay ls
expect_eq "ls header" "   RUN  STARTED           COMMIT        BRANCH            KIND        TESTS  FAILED    LINES    SCORE  SERIES  LABEL" "$(head -n 1 "$TMP/out")"
expect_eq "ls" "8 bench - - - - 4
7 mutation - - - 77.6% -
6 ingest - - 92.3% - -
5 flaky 4 1 - - -
4 flaky 4 2 - - -
3 flaky 4 1 - - -
2 flaky 4 2 - - -
1 ingest 6 1 - - -" "$(awk 'NR > 1 {print $1, $6, $7, $8, $9, $10, $11}' "$TMP/out")"
expect_exit 0 assay ls --json --kind mutation
expect_eq "ls --json mutation" "1 7 77.551 0" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(len(d), d[0]["run"], round(d[0]["mutation_score"], 3), d[0]["bench_series"])' "$TMP/out")"
expect_exit 0 assay ls --json --kind bench
expect_eq "ls --json bench" "8 4 None" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d[0]["run"], d[0]["bench_series"], d[0]["mutation_score"])' "$TMP/out")"

# per-file coverage, worst first
expect_exit 0 assay show --files
expect_eq "show --files" "commit     $head (main)
subject    fourth
lines      92.3%  770/834 in 9 files  (run 6)
branches   82.7%  402/486
functions  97.4%  74/76

LINES                 BRANCHES              FUNCTIONS             FILE
 73.3% 11/15           70.0% 7/10           100.0% 1/1            examples/calc/tests/groups.h
 77.8% 158/203         75.7% 134/177         90.0% 18/20          examples/calc/src/numutil.c
 96.0% 168/175         91.7% 144/157        100.0% 11/11          examples/calc/src/eval.c
 96.6% 84/87           75.0% 12/16          100.0% 11/11          examples/calc/tests/test_eval.c
 97.0% 32/33           90.0% 36/40          100.0% 4/4            examples/calc/src/env.c
 97.5% 158/162         25.0% 3/12           100.0% 13/13          examples/calc/tests/test_numutil.c
100.0% 56/56           93.9% 62/66          100.0% 6/6            examples/calc/src/lexer.c
100.0% 24/24           33.3% 2/6            100.0% 4/4            examples/calc/tests/test_demo.c
100.0% 79/79          100.0% 2/2            100.0% 6/6            examples/calc/tests/test_lexer.c" "$(cat "$TMP/out")"

# a new commit with nothing in the store yet: says so, and how to see what there is
git -c user.name=t -c user.email=t@t commit -q --allow-empty -m fifth
expect_exit 2 assay show
expect_eq "nothing for HEAD" "assay show: the current commit $(git rev-parse --short=12 HEAD) has nothing in $ASSAY_DB (assay ls lists the runs)" "$(cat "$TMP/err")"

# two matrix entries of one commit: tests add up, coverage merges (a file both cover counts once)
expect_exit 0 assay ingest --no-git --commit m1 --label linux --strip "$STRIP" "$F/junit/calc-ctest-pass.xml" "$F/lcov/calc-all.info"
expect_exit 0 assay ingest --no-git --commit m1 --label macos --strip "$STRIP" "$F/junit/calc-ctest-demo-fail.xml" "$F/lcov/calc-all.info"
expect_exit 0 assay show m1
expect_grep '^tests      12: 11 passed, 1 failed, 0 errors, 0 skipped  \(runs 9, 10, ' "$TMP/out"
expect_grep '^lines      92\.3%  770/834 in 9 files  \(runs 9, 10\)$' "$TMP/out"
expect_grep '^  fail  demo\.demo  \(run 10\)$' "$TMP/out"
# a re-ingest under the same label replaces the older run
expect_exit 0 assay ingest --no-git --commit m1 --label linux "$F/junit/calc-ctest-demo-fail.xml"
expect_exit 0 assay show m1
expect_grep '^tests      12: 10 passed, 2 failed, 0 errors, 0 skipped  \(runs 10, 11, ' "$TMP/out"
expect_grep '^lines      92\.3%  770/834 in 9 files  \(runs 9, 10\)$' "$TMP/out"
expect_eq "replaced, in JSON" "[11, 10] [9] [10, 9] []" "$(assay show --json m1 | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["tests_runs"], d["tests_replaced"], d["coverage_runs"], d["coverage_replaced"])')"
expect_eq "the replaced run is named" "           run 9 not counted: a newer run of the same --label and CI job replaced it" "$(sed -n 3p "$TMP/out")"
expect_exit 0 assay show --top 1 m1
expect_grep '^  \.\.\. and 1 more \(--top N lists more\)$' "$TMP/out"
finish
