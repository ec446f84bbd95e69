#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay flaky run with a stand-in test runner (tests/fixtures/flaky/flaky-test.sh): exact counts,
# fail rates with Wilson intervals, one stored run per repetition, parallel repetitions in
# private directories, --until, --shuffle; and the failures that must store nothing.
. "$(dirname "$0")/lib.sh"
T=$ASSAY_FIXTURES/flaky/flaky-test.sh

expect_exit 1 assay flaky run --commit f1 -q -n 6 -- "$T"
expect_exit 1 assay-flaky run --commit f1 -n 6 -- "$T" '{junit}'
expect_grep '^6 repetitions of 4 tests: 1 flaky, 1 failed every time; the command exited non-zero in 6$' "$TMP/out"
expect_grep '^  net\.connect +failed 3/6 \(50\.0%, 95% CI 18\.8-81\.2%\)$' "$TMP/out"
expect_grep '^      first failure \(repetition 1\): timeout in repetition 1$' "$TMP/out"
expect_eq "report lines" 3 "$(wc -l <"$TMP/out")"
expect_eq "runs: one per repetition" 12 "$(q "SELECT count(*) FROM runs WHERE kind = 'flaky'")"
expect_eq "labels" "repetition 1/6,repetition 6/6" "$(q "SELECT min(label) || ',' || max(label) FROM runs WHERE id > 6")"
expect_eq "results" 48 "$(q "SELECT count(*) FROM results")"
expect_eq "failures of net.connect" 6 "$(q "SELECT count(*) FROM results r JOIN tests t ON t.id = r.test_id WHERE t.name = 'connect' AND r.status = 'fail'")"
expect_eq "message kept" "timeout in repetition 5" "$(q "SELECT r.message FROM results r JOIN tests t ON t.id = r.test_id JOIN runs u ON u.id = r.run_id WHERE t.name = 'connect' AND u.label = 'repetition 5/6' AND u.id > 6")"

# parallel, shuffled, the report where the command is told to put it
expect_exit 1 assay-flaky run --commit f2 --label ci -j 3 -n 4 --shuffle --seed 5 --junit "$TMP/r-{n}.xml" -- "$T" '{junit}'
expect_grep '^  net\.connect +failed 2/4 ' "$TMP/out"
expect_eq "seed and private TMPDIR of repetition 2" "seed 7 gtest 1/7 tmp" "$(cut -d' ' -f1-5 "$TMP/r-2.env")"
expect_grep 'tmp .*/assay-flaky\.[^/]*/rep-2/tmp$' "$TMP/r-2.env"
expect_eq "labels name the seed" "ci repetition 1/4 seed 6" "$(q "SELECT label FROM runs WHERE label LIKE 'ci %' ORDER BY id LIMIT 1")"
expect_eq "private directories removed" "" "$(sed 's/.*tmp //' "$TMP/r-1.env" | xargs -I{} sh -c 'test -e {} && echo left')"

# one fixed --junit path, one job: each repetition's report is read before the next overwrites it.
# The runner counts its runs in a file and fails in runs 2, 5 and 7 of 8: 3 of 8, whatever order
# the reports would be read in afterwards.
cat >"$TMP/counted.sh" <<'X'
#!/bin/sh
c=$(cat "$1.count" 2>/dev/null || echo 0); c=$((c + 1)); echo "$c" >"$1.count"
case $c in 2|5|7) r="<failure message=\"run $c\"/>" ;; *) r= ;; esac
echo "<testsuite name=\"u\"><testcase classname=\"c\" name=\"counted\">$r</testcase><testcase classname=\"c\" name=\"ok\"/></testsuite>" >"$1"
X
chmod +x "$TMP/counted.sh"
expect_exit 1 assay-flaky run --commit f7 -n 8 --junit "$TMP/fixed.xml" -- "$TMP/counted.sh" "$TMP/fixed.xml"
expect_grep '^8 repetitions of 2 tests: 1 flaky, 0 failed every time; the command exited non-zero in 0$' "$TMP/out"
expect_grep '^  c\.counted +failed 3/8 \(37\.5%, ' "$TMP/out"
expect_grep '^      first failure \(repetition 2\): run 2$' "$TMP/out"
expect_eq "stored: failing in repetitions 2, 5, 7 of 8" "repetition 2/8:run 2,repetition 5/8:run 5,repetition 7/8:run 7" \
	"$(q "SELECT group_concat(u.label || ':' || r.message, ',') FROM (SELECT * FROM results ORDER BY run_id) r JOIN tests t ON t.id = r.test_id JOIN runs u ON u.id = r.run_id JOIN commits c ON c.id = u.commit_id WHERE c.sha = 'f7' AND t.name = 'counted' AND r.status = 'fail'")"
expect_eq "stored: 8 runs of 2 results" "8 16" "$(q "SELECT count(DISTINCT u.id) || ' ' || count(*) FROM results r JOIN runs u ON u.id = r.run_id JOIN commits c ON c.id = u.commit_id WHERE c.sha = 'f7'")"

# ctest writes <failure message=""/> and the test's output in <system-out>: the report shows the
# output's end.  The runner hands over ctest's own reports: demo fails in odd repetitions.
cat >"$TMP/ctest.sh" <<X
#!/bin/sh
if [ \$((ASSAY_FLAKY_REP % 2)) -eq 1 ]; then f=demo-fail; else f=pass; fi
cp "$ASSAY_FIXTURES/junit/calc-ctest-\$f.xml" "\$ASSAY_JUNIT"
X
chmod +x "$TMP/ctest.sh"
expect_exit 1 assay-flaky run --commit f8 -n 4 -- "$TMP/ctest.sh"
expect_grep '^  demo\.demo +failed 2/4 \(50\.0%, ' "$TMP/out"
sed -n '/first failure/,$p' "$TMP/out" >"$TMP/text"
printf '%s\n' '      first failure (repetition 1), the end of its output:' '        [ RUN      ] the_answer' \
	'        [  ERROR   ] --- 0x2a != 0x2b' >"$TMP/want"
expect_eq "the end of ctest's output" "$(cat "$TMP/want")" "$(head -3 "$TMP/text")"
expect_eq "its last line" "         1 FAILED TEST(S)" "$(tail -1 "$TMP/text")"
expect_eq "ten lines of it" 11 "$(wc -l <"$TMP/text")"
expect_eq "a blank line is not indented" 1 "$(grep -c '^$' "$TMP/text")"
expect_eq "stored with the run" 1 "$(q "SELECT r.system_out FROM results r JOIN runs u ON u.id = r.run_id JOIN commits c ON c.id = u.commit_id WHERE c.sha = 'f8' AND r.status = 'fail' AND u.label = 'repetition 3/4'" | grep -c '^ 1 FAILED TEST(S)$')"
expect_exit 1 assay-flaky run --commit f8 -n 2 --json -- "$TMP/ctest.sh"
expect_grep '"name":"demo",[^}]*"first_failure":"\[ RUN      \] the_answer\\n\[  ERROR   \] --- 0x2a != 0x2b\\n.*\\n 1 FAILED TEST\(S\)"\}' "$TMP/out"
# what a test writes is shown escaped: no control sequence reaches the terminal (XML has no ESC,
# but it has DEL and U+009B, which some terminals take for ESC [)
cat >"$TMP/esc.sh" <<'X'
#!/bin/sh
if [ $((ASSAY_FLAKY_REP % 2)) -eq 1 ]; then
	r=$(printf '<failure message=""/><system-out>ok\n\302\2332Jred \177</system-out>')
fi
echo "<testsuite name=\"u\"><testcase classname=\"c\" name=\"esc\">${r:-}</testcase></testsuite>" >"$ASSAY_JUNIT"
X
chmod +x "$TMP/esc.sh"
expect_exit 1 assay-flaky run --commit f9 -n 2 -- "$TMP/esc.sh"
expect_eq "escaped" '        \xc2\x9b2Jred \x7f' "$(tail -1 "$TMP/out")"
expect_eq "escaped" '        ok' "$(tail -2 "$TMP/out" | head -1)"
expect_eq "no control byte shown" 0 "$(tr -d '\n' <"$TMP/out" | LC_ALL=C tr -cd '\000-\037\177\302' | wc -c)"

# --until: enough repetitions that a 10% failure would have shown with 95% confidence
expect_exit 1 assay-flaky run --commit f3 --until 0.1 -- "$T"
expect_grep '^29 repetitions of 4 tests' "$TMP/out"
expect_grep '^29 repetitions: a test that fails at least 10% of the time would have failed at least once, with 95% confidence$' "$TMP/out"
expect_grep 'failed 15/29' "$TMP/out"

# JSON
expect_exit 1 assay-flaky run --commit f4 --json -n 4 -- "$T"
expect_grep '^\{"repetitions":4,"tests":4,"failed_every_time":1,"first_run":[0-9]+,"flaky":\[\{"suite":"unit","classname":"net","name":"connect","runs":4,"fails":2,"reruns":0,"rate":0\.500000,' "$TMP/out"
expect_grep '"first_failure":"timeout in repetition 1"\}\]\}$' "$TMP/out"

# nothing flaky: exit 0
cat >"$TMP/green.sh" <<'X'
#!/bin/sh
echo '<testsuite name="u"><testcase classname="a" name="b"/></testsuite>' >"$ASSAY_JUNIT"
X
chmod +x "$TMP/green.sh"
expect_exit 0 assay-flaky run --commit f5 -n 3 -- "$TMP/green.sh"
expect_grep '^3 repetitions of 1 tests: 0 flaky, 0 failed every time; the command exited non-zero in 0$' "$TMP/out"

# failures: exit 2, nothing stored
runs=$(q "SELECT count(*) FROM runs")
fails_clean() { # WHAT
	expect_eq "nothing stored: $1" "$runs" "$(q "SELECT count(*) FROM runs")"
}
FLAKY_NO_REPORT=3 expect_exit 2 assay-flaky run --commit f6 -n 4 -- "$T"
expect_grep 'repetition 3: the command wrote no JUnit file at .*/rep-3/junit\.xml \(exit status 139\); its output ends: segmentation fault before the report: nothing stored' "$TMP/err"
fails_clean "no report"
# its last words come after far more output than is kept (64 KiB): the end is what is shown
cat >"$TMP/chatty.sh" <<'X'
#!/bin/sh
yes 'noise noise noise' | head -n 200000
echo 'the real cause' >&2
exit 3
X
chmod +x "$TMP/chatty.sh"
expect_exit 2 assay-flaky run --commit f6 -n 2 -- "$TMP/chatty.sh"
expect_grep 'repetition 1: the command wrote no JUnit file at .*/rep-1/junit\.xml \(exit status 3\); its output ends: the real cause: nothing stored' "$TMP/err"
fails_clean "no report after much output"
FLAKY_BAD_REPORT=2 expect_exit 2 assay-flaky run --commit f6 -n 4 -j 2 -- "$T"
expect_grep '^assay flaky run: repetition 2: .*junit\.xml' "$TMP/err"
fails_clean "truncated report"
expect_exit 2 assay-flaky run --commit f6 -n 2 -- "$TMP/no-such-runner"
expect_grep "repetition 1: cannot run '$TMP/no-such-runner'" "$TMP/err"
fails_clean "no runner"
expect_exit 2 assay-flaky run --commit f6 -n 2 -j 2 --junit "$TMP/one.xml" -- "$T" '{junit}'
expect_grep 'put \{n\} or \{dir\} in --junit' "$TMP/err"
expect_exit 2 assay-flaky run --commit f6 -n 1 -- "$T"
expect_exit 2 assay-flaky run --commit f6 --until 1.5 -- "$T"
expect_exit 2 assay-flaky run --commit f6 -n 3
fails_clean "usage"
finish
