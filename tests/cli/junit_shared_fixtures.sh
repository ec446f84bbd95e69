#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The JUnit parser through assay-ingest, on the shared real-world fixtures (30 files from 22
# producers): for each file, the final results in the store by status and the number of attempts.
# The figures are what each producer meant (formats/junit.c says where that differs from a naive
# count: doctest, unittest-xml-reporting, gotestsum, ctest); the upstream expectations in
# EXPECTED.tsv are checked against the store as well, where they give numbers.
# Then a fixture cut short: one FILE:LINE message, exit 2, nothing stored.
# The fixtures live outside the project (ASSAY_SHARED_FIXTURES, default /work/shared/fixtures);
# where they are absent the test is skipped (exit 77).
. "$(dirname "$0")/lib.sh"
SHARED=${ASSAY_SHARED_FIXTURES:-/work/shared/fixtures}
DIR=$SHARED/junit
if [ ! -f "$DIR/EXPECTED.tsv" ]; then
	echo "skipped: no shared fixtures at $SHARED"
	exit 77
fi

# ingest FILE: a store of its own per file; sets DB
ingest() {
	DB="$TMP/$(basename "$1").db"
	expect_exit 0 assay-ingest --db "$DB" --commit abc --format junit "$1"
}

# finals STATUS: the tests of the run in $DB whose final attempt has STATUS
finals() {
	assay sql --db "$DB" "SELECT count(*) FROM results WHERE final = 1 AND status = '$1'"
}

rows() {
	assay sql --db "$DB" "SELECT count(*) FROM results"
}

# file, pass, fail, error, skip, attempts (all result rows)
while read -r f pass fail error skip attempts; do
	case $f in '#'* | '') continue ;; esac
	ingest "$DIR/$f"
	expect_eq "$f pass" "$pass" "$(finals pass)"
	expect_eq "$f fail" "$fail" "$(finals fail)"
	expect_eq "$f error" "$error" "$(finals error)"
	expect_eq "$f skip" "$skip" "$(finals skip)"
	expect_eq "$f attempts" "$attempts" "$(rows)"
done <<'EOF'
dorny__jest-junit.xml 1 4 0 1 6
dorny__nette-tester__BootstrapFormRenderer-report.xml 4 0 0 0 4
dorny__phpunit__phpunit.xml 10 2 0 0 12
dorny__python-xunit-unittest.xml 4 1 1 2 8
dorny__swift-xunit.xml 2 1 0 0 3
enricomi__pytest__junit.mpi.integration.xml 3 0 0 0 3
# "math_group: 3 run, 1 passed, 1 failed, 1 skipped"
gen__cmocka-1.1.5-math_group.xml 1 1 0 1 3
# "100% tests passed, 0 tests failed out of 2"
gen__ctest-3.25.1-label-unit-allpass.xml 2 0 0 0 2
# its XML's 9 test cases (tests="9", errors="1"); the console's 8 cannot be read from the XML
gen__doctest-2.4.9-mixed.xml 3 5 1 0 9
# "DONE 14 tests, 1 skipped, 6 failures, 1 error": the error is a package that did not build
gen__gotestsum-1.8.2-go1.19.xml 7 6 0 1 14
# "run 8: failures 2, errors 1, skipped 1, expected failures 1, unexpected successes 1":
# an expected failure is a skip, an unexpected success a failure
gen__unittest-xml-reporting-3.2.0.xml 2 3 1 2 8
gojunitreport__012-report.xml 6 4 0 1 11
gojunitreport__101-report.xml 1 1 0 0 2
gotestsum__junitxml-report-tc-with-attributes.xml 1 0 0 0 1
jenkins__JENKINS-13214__27449.xml 1 0 0 0 1
jenkins__JENKINS-48583__TESTS-TestSuites.xml 3 0 0 0 3
jenkins__SKIPPED_MESSAGE__skippedTestResult.xml 0 0 0 1 1
# one test case, whatever the assertion counts say
mikepenz__catch2__report.xml 0 1 0 0 1
mikepenz__marathon_tests__com.mikepenz.DummyTest3_test_01.xml 0 1 0 0 1
# a flakyFailure, then the pass: two attempts of one test
mikepenz__maven_surefire_flaky__surefire-report.xml 1 0 0 0 2
# tests="15515" on the root is not believed
mikepenz__mocha__mocha.xml 1 0 0 0 1
mikepenz__nextest__basic.xml 2 1 0 0 3
mikepenz__perl__result.xml 1 0 0 0 1
mikepenz__python__report.xml 1 2 0 0 3
surefire__TEST-surefire.MyTest-nestedClass.xml 0 0 1 0 1
testmo__testcase-output.xml 1 0 0 0 1
testsummary__08-failure-noattr-only-innertext.xml 0 1 0 0 1
# status="notrun": the DISABLED_ test is a skip
xunitplugin__googletest_testcase2.xml 1 2 0 1 4
xunitviewer__multi_suite.xml 12 0 0 0 12
xunitviewer__special_chars_suite.xml 3 0 0 0 3
EOF

# Every fixture is in the table above.
for f in "$DIR"/*.xml; do
	CHECKS=$((CHECKS + 1))
	[ -f "$TMP/$(basename "$f").db" ] || fail "$(basename "$f") is not in this test's table"
done

# The upstream expectations, where EXPECTED.tsv gives numbers: dorny/test-reporter's markdown
# (its "failed" includes errors) and publish-unit-test-result-action's stats.
while IFS=$'\t' read -r f tests failures errors skipped _; do
	[ "$f" = local_name ] && continue
	[ "$tests" = - ] && continue
	DB="$TMP/$f.db"
	total=$(assay sql --db "$DB" "SELECT count(*) FROM results WHERE final = 1")
	expect_eq "$f tests (EXPECTED.tsv)" "$tests" "$total"
	if [ "$errors" = "(in failures)" ]; then
		expect_eq "$f failed (EXPECTED.tsv)" "$failures" "$(($(finals fail) + $(finals error)))"
	else
		expect_eq "$f failures (EXPECTED.tsv)" "$failures" "$(finals fail)"
		expect_eq "$f errors (EXPECTED.tsv)" "$errors" "$(finals error)"
	fi
	expect_eq "$f skipped (EXPECTED.tsv)" "$skipped" "$(finals skip)"
done <"$DIR/EXPECTED.tsv"

# A few results in full.
DB="$TMP/mikepenz__maven_surefire_flaky__surefire-report.xml.db"
expect_eq "flaky attempts" "1|0|fail|java.lang.AssertionError|Some error output here
2|1|pass||" "$(assay sql --db "$DB" \
	"SELECT attempt, final, status, coalesce(type, ''), coalesce(system_err, '') FROM results ORDER BY attempt")"
DB="$TMP/mikepenz__perl__result.xml.db"
expect_eq "exponent time" "45" "$(assay sql --db "$DB" "SELECT duration_us FROM results")"
DB="$TMP/gen__doctest-2.4.9-mixed.xml.db"
expect_eq "doctest joined failures" "42 == 43
false" "$(assay sql --db "$DB" \
	"SELECT message FROM results JOIN tests ON tests.id = test_id WHERE tests.name = 'mul fails'")"
DB="$TMP/gen__cmocka-1.1.5-math_group.xml.db"
expect_eq "cmocka suite and classname" "math_group||test_add" "$(assay sql --db "$DB" \
	"SELECT suite, classname, name FROM tests ORDER BY id LIMIT 1")"

# A fixture cut short: exit 2, one FILE:LINE line, no run stored.
head -c 1500 "$DIR/gen__gotestsum-1.8.2-go1.19.xml" >"$TMP/cut.xml"
DB="$TMP/cut.db"
expect_exit 2 assay-ingest --db "$DB" --commit abc "$TMP/cut.xml"
last=$(($(wc -l <"$TMP/cut.xml") + 1))
expect_grep "$TMP/cut.xml:$last: truncated XML: the document ends inside a tag\$" "$TMP/err"
expect_eq "cut: one line on stderr" 1 "$(wc -l <"$TMP/err")"
expect_eq "cut: no run stored" 0 "$(sqlite3 -batch -noheader "$DB" "SELECT count(*) FROM runs" 2>/dev/null || echo 0)"

finish
