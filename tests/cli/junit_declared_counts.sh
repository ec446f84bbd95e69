#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A JUnit suite whose declared totals disagree with its test cases (a converter that dropped one,
# here from real reports): stored as the cases say, one warning naming the suite and both counts,
# and the mismatch kept with the run (run_warnings) for a gate to read.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES/junit
# cmocka's report of a failing group, its failing test case dropped: declares tests=2 failures=1
awk '/<testcase name="the_answer"/ { drop = 1 } !drop { print } drop && /<\/testcase>/ { drop = 0 }' \
	"$F/calc-cmocka-demo-fail.xml" > dropped.xml
expect_eq "one test case dropped" 1 "$(grep -c '<testcase' dropped.xml)"
expect_exit 0 assay ingest --commit c1 dropped.xml
expect_eq "one warning" "assay ingest: warning: dropped.xml:3: testsuite 'demo' declares tests=2 failures=1 errors=0 skipped=0, its test cases tests=1 failures=0 errors=0 skipped=0: stored as the test cases say" "$(cat "$TMP/err")"
expect_grep '^ingested run 1 for commit c1: 1 tests \(1 passed, 0 failed, 0 errors, 0 skipped\)$' "$TMP/out"
expect_eq "stored as the cases say" "1 pass" "$(q "SELECT count(*) || ' ' || status FROM results WHERE final = 1")"
expect_eq "the run keeps it" "1|junit_counts|dropped.xml|3|demo|{\"declared\":{\"tests\":2,\"failures\":1,\"errors\":0,\"skipped\":0},\"held\":{\"tests\":1,\"failures\":0,\"errors\":0,\"skipped\":0}}" \
	"$(q "SELECT run_id, kind, input, line, subject, detail FROM run_warnings")"
# a gate reads the declared and held counts back with SQLite's JSON functions
expect_eq "for a gate" "2 1" "$(q "SELECT json_extract(detail, '\$.declared.tests') || ' ' || json_extract(detail, '\$.held.tests') FROM run_warnings")"

# ctest's report, one case dropped, next to the intact cmocka one: only the damaged suite is named
awk '/<testcase name="eval_logic"/ { drop = 1 } !drop { print } drop && /<\/testcase>/ { drop = 0 }' \
	"$F/calc-ctest-pass.xml" > ctest.xml
expect_exit 0 assay ingest -q --commit c2 ctest.xml "$F/calc-cmocka-eval.xml"
expect_eq "quiet: nothing printed" "" "$(cat "$TMP/err")"
expect_eq "but kept" "ctest.xml|(empty)|tests=6 but 5" "$(q "SELECT input || '|' || run_warnings.subject || '|tests=' || json_extract(detail, '\$.declared.tests') || ' but ' || json_extract(detail, '\$.held.tests') FROM run_warnings JOIN runs ON runs.id = run_id JOIN commits c ON c.id = commit_id WHERE c.sha = 'c2'")"

# intact reports from the real tools: no warning, nothing kept
expect_exit 0 assay ingest --commit c3 "$F"
expect_eq "no warning" "" "$(cat "$TMP/err")"
expect_eq "nothing kept" 0 "$(q "SELECT count(*) FROM run_warnings JOIN runs ON runs.id = run_id JOIN commits c ON c.id = commit_id WHERE c.sha = 'c3'")"
finish
