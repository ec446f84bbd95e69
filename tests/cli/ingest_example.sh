#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Ingest the example's JUnit and coverage (made by ctest, cmocka, lcov, gcov, gcovr) and check
# exact counts in the store and in `assay show` / `assay ls`, against what the tools printed
# (tests/fixtures/EXPECTED.tsv).
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES
STRIP=/tmp/assay-fixtures/repo

# ctest's JUnit and lcov's tracefile: one run
expect_exit 0 assay ingest --commit c1 --branch main --strip "$STRIP" "$F/junit/calc-ctest-pass.xml" "$F/lcov/calc-all.info"
expect_grep '^ingested run 1 for commit c1 \(main\): 6 tests \(6 passed, 0 failed, 0 errors, 0 skipped\); coverage of [0-9]+ files, lines 770/834' "$TMP/out"
expect_eq "runs" 1 "$(q 'SELECT count(*) FROM runs')"
expect_eq "final results" 6 "$(q 'SELECT count(*) FROM results WHERE final = 1')"
expect_eq "lines" "770/834" "$(q "SELECT sum(lines_hit) || '/' || sum(lines_found) FROM coverage")"
expect_eq "functions" "74/76" "$(q "SELECT sum(functions_hit) || '/' || sum(functions_found) FROM coverage")"
expect_eq "branches" "402/486" "$(q "SELECT sum(branches_hit) || '/' || sum(branches_found) FROM coverage")"
expect_eq "repo-relative paths" "examples/calc/src/eval.c" "$(q "SELECT path FROM files WHERE path LIKE '%/src/eval.c'")"

# show: the text and the JSON agree with the store
expect_exit 0 assay show c1
expect_grep '^tests +6: 6 passed, 0 failed, 0 errors, 0 skipped' "$TMP/out"
expect_grep '^lines +92\.3%  770/834' "$TMP/out"
expect_exit 0 assay show --json 1
expect_eq "show json" "6 770 834 402 486" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["tests"], d["lines_hit"], d["lines_found"], d["branches_hit"], d["branches_found"])' "$TMP/out")"

# a failing run of the same commit: cmocka's XML with a failure, the demo group
expect_exit 0 assay ingest --commit c2 "$F/junit/calc-ctest-demo-fail.xml"
expect_grep '6 tests \(5 passed, 1 failed, 0 errors, 0 skipped\)' "$TMP/out"
expect_exit 0 assay show c2
expect_grep '^failures:' "$TMP/out"
expect_exit 0 assay ls --json
expect_eq "ls json" "2 1 6 6" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d), d[0]["failed"], d[0]["tests"], d[1]["tests"])' "$TMP/out")"

# cmocka groups: counts as cmocka printed them (3+3+3 run; 12 run, 1 skipped)
expect_exit 0 assay ingest --commit c3 --json "$F/junit/calc-cmocka-eval.xml" "$F/junit/calc-cmocka-numutil.xml"
expect_eq "cmocka" "21 20 1" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["tests"], d["passed"], d["skipped"])' "$TMP/out")"

# gcov JSON (gzip) and gcovr's Cobertura of the same build agree on lines per file
expect_exit 0 assay ingest --commit c4 --strip "$STRIP" "$F/gcov/eval.c.gcov.json.gz"
expect_eq "gcov eval.c" "168/175" "$(q "SELECT lines_hit || '/' || lines_found FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = 'c4'")"
# gcovr wrote paths relative to its own --root: any directory of ours stands for it (the files are not at hand)
mkdir -p "$TMP/calc"
expect_exit 0 assay ingest --commit c5 --root "$TMP/calc" "$F/cobertura/calc-gcovr.xml"
expect_eq "cobertura eval.c" "168/175" "$(q "SELECT lines_hit || '/' || lines_found FROM coverage JOIN files ON files.id = file_id JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = 'c5' AND path = 'src/eval.c'")"

# a directory: every known file below it, one run; stdin with -
expect_exit 0 assay ingest --commit c6 --json "$F/junit"
expect_eq "dir walk tests" "$(( 6 + 2 + 6 + 9 + 12 ))" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tests"])' "$TMP/out")"
expect_exit 0 assay ingest --commit c7 - < "$F/junit/calc-ctest-pass.xml"
expect_grep '6 tests' "$TMP/out"

# --output-cap: the default keeps ctest's output, 0 keeps none of it (not the default)
expect_eq "default cap keeps output" 6 "$(q "SELECT count(*) FROM results JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = 'c7' AND system_out <> ''")"
expect_exit 0 assay ingest --commit c8 --output-cap 0 "$F/junit/calc-ctest-demo-fail.xml"
expect_grep '6 tests \(5 passed, 1 failed' "$TMP/out"
expect_eq "cap 0 keeps no output" "6|0|0" "$(q "SELECT count(*), count(system_out), count(system_err) FROM results JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = 'c8'")"
expect_exit 0 assay ingest --commit c9 --output-cap 5 "$F/junit/calc-ctest-demo-fail.xml"
expect_eq "cap 5" "5" "$(q "SELECT max(length(system_out)) FROM results JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = 'c9'")"
finish
