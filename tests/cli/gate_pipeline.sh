#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The whole pull-request pipeline of ci/github/assay-pr.yml, its steps' own scripts run in
# order (build with coverage, run the tests with JUnit, capture coverage, ingest, gate with the
# job summary and annotations), on the example project in a temporary git repository:
#   1. main: the example as it is;
#   2. a pull request that adds an untested function and deletes one test: the gate fails for
#      exactly those reasons (patch coverage, the coverage drop, the missing test);
#   3. the same pull request with the test back and the function tested: it passes.
# Markdown, annotations and JUnit are checked line by line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gate_lib.sh"

cp -r "$ASSAY_SOURCE_DIR/examples/calc/." "$R/"
printf 'build/\nreports/\ngate.md\ngate-junit.xml\n' >"$R/.gitignore"
BASE=$(commit "calc: the example")

# The steps of the template, as it has them: each step's `run:` script, by name, in order.
TEMPLATE=$ASSAY_SOURCE_DIR/ci/github/assay-pr.yml
STEPS=("Build with coverage" "Run the tests, writing JUnit" "Capture coverage (gcov JSON)"
	"Ingest the results and the coverage" "Gate")
python3 - "$TEMPLATE" "$TMP/steps" "${STEPS[@]}" <<'PY' || fail "the template's steps"
import os, sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
steps = [st for job in doc["jobs"].values() for st in job["steps"]]
names = [st.get("name") for st in steps]
want = sys.argv[3:]
assert [n for n in names if n in want] == want, "the template's steps are not %s in order: %s" % (want, names)
os.makedirs(sys.argv[2])
for i, name in enumerate(want):
    run = [st for st in steps if st.get("name") == name][0]["run"]
    open(os.path.join(sys.argv[2], "%d.sh" % i), "w").write(run)
PY

# The template's steps, as a GitHub runner takes them (bash -e each), with the environment it sets.
pipeline() {
	local sha
	sha=$(git -C "$R" rev-parse HEAD)
	rm -rf "$R/build" "$R/reports"
	(
		cd "$R" || exit 2
		export GITHUB_ACTIONS=true GITHUB_SHA=$sha GITHUB_REF_NAME=$1 GITHUB_BASE_REF=$2 GITHUB_WORKSPACE=$R
		export GITHUB_STEP_SUMMARY=$TMP/summary.md GITHUB_RUN_ID=7 GITHUB_JOB=pr GITHUB_EVENT_NAME=pull_request
		[ -n "$2" ] || unset GITHUB_BASE_REF
		for i in 0 1 2 3; do
			# the tests' step may fail (continue-on-error in the template); the others may not
			bash -e "$TMP/steps/$i.sh" >"$TMP/step$i.log" 2>&1 || [ "$i" = 1 ] ||
				{ echo "step ${STEPS[$i]} failed: $(tail -5 "$TMP/step$i.log")" >&2; exit 2; }
		done
		: >"$TMP/summary.md"
		bash -e "$TMP/steps/4.sh" >"$TMP/gate.out" 2>"$TMP/gate.err"
	)
	GATE=$?
	cp "$R/gate.md" "$TMP/gate.md" 2>/dev/null
	cp "$R/gate-junit.xml" "$TMP/gate-junit.xml" 2>/dev/null
	mkdir -p "$TMP/reports" && cp "$R/reports/junit.xml" "$TMP/reports/junit.xml" 2>/dev/null
}

# 1. main, pushed: base is head's parent, which has no runs, and there is no ancestor: exit 2
pipeline main ""
(cd "$R" && gcovr -r . build --cobertura "$TMP/base-cobertura.xml") >/dev/null 2>&1 || fail "gcovr on main"
expect_eq "main: exit" 2 "$GATE"
expect_grep "^assay gate: no base: head ${BASE:0:12} is on (origin/HEAD|main) and has no parent$" "$TMP/gate.err"

# 2. the pull request: an untested function, the 'demo' test deleted
git -C "$R" checkout -q -b feature
cat >>"$R/src/numutil.c" <<'C'

/* A sum that wraps around at a thousand. */
long calc_wrap_sum(long a, long b)
{
	long s = a + b;
	if (s > 1000)
		s -= 1000;
	else if (s < -1000)
		s += 1000;
	return s;
}
C
sed -i 's/^const char \*calc_strerror(int status);$/&\nlong calc_wrap_sum(long a, long b);/' "$R/include/calc.h"
sed -i '/add_test(NAME demo /d; /set_tests_properties(demo /d' "$R/tests/CMakeLists.txt"
PR=$(commit "numutil: calc_wrap_sum; drop the demo test")
pipeline feature main
expect_eq "pull request: exit" 1 "$GATE"
expect_eq "pull request: failing rows" "tests|line coverage change|patch coverage" \
	"$(grep -E ' FAIL( |$)' "$TMP/gate.out" | sed -E 's/  .*//' | paste -sd'|')"
expect_grep "^base ${BASE:0:12} calc: the example \(GITHUB_BASE_REF main\)$" "$TMP/gate.out"
expect_grep '^tests +5 passed, 0 failed, 1 gone +no failure, none gone +6 passed, 0 failed +FAIL$' "$TMP/gate.out"
expect_grep '^patch coverage +0\.00% \(0/7 lines\) +at least 80% +- +FAIL' "$TMP/gate.out"
expect_grep '^  demo\.demo$' "$TMP/gate.out"
expect_grep '^  src/numutil\.c:[0-9]+-[0-9]+$' "$TMP/gate.out"
# the annotations: the uncovered lines, as an error on the file, once
expect_eq "annotations" 1 "$(grep -c '^::' "$TMP/gate.out")"
# the range runs from the function's first executable line to its last, as gcov counts them
SIG=$(awk '/^long calc_wrap_sum\(long a, long b\)$/ { print NR; exit }' "$R/src/numutil.c")
FIRST=$(sed -nE 's/^::error file=src\/numutil\.c,line=([0-9]+),.*/\1/p' "$TMP/gate.out")
LAST=$(sed -nE 's/^::error .*,endLine=([0-9]+),.*/\1/p' "$TMP/gate.out")
[ -n "$FIRST" ] && [ "$FIRST" -ge "$SIG" ] && [ "$FIRST" -le $((SIG + 2)) ] && [ "$LAST" -ge $((SIG + 7)) ] &&
	[ "$LAST" -le $((SIG + 8)) ] || fail "the uncovered range $FIRST-$LAST is not calc_wrap_sum's (from line $SIG)"
expect_grep "^::error file=src/numutil\.c,line=$FIRST,endLine=$LAST,title=Changed lines not covered::lines $FIRST-$LAST not covered by any test$" "$TMP/gate.out"
# the Markdown, as written and as appended to the job summary
cmp -s "$TMP/gate.md" "$TMP/summary.md" || fail "the job summary is not the Markdown"
expect_eq "markdown: headline" "## :x: Assay gate FAILED" "$(sed -n 1p "$TMP/gate.md")"
expect_eq "markdown: table head" "| Check | Base | Head | Δ | Threshold | Result |" "$(sed -n 5p "$TMP/gate.md")"
expect_eq "markdown: tests" "| tests | 6 passed, 0 failed | 5 passed, 0 failed, 1 gone | - | no failure, none gone | :x: **fail** |" "$(sed -n 7p "$TMP/gate.md")"
expect_grep '^\| line coverage change \| [0-9.]+% \([0-9]+/[0-9]+\) \| [0-9.]+% \([0-9]+/[0-9]+\) \| -[0-9.]+ \| drop at most 0\.5 points \| :x: \*\*fail\*\* \|$' "$TMP/gate.md"
expect_grep '^\| patch coverage \| - \| 0\.00% \(0/7 lines\) \| - \| at least 80% \| :x: \*\*fail\*\*' "$TMP/gate.md"
expect_grep '^### Uncovered changed lines \(1\)$' "$TMP/gate.md"
expect_grep "^- \`src/numutil\.c\` lines $FIRST-$LAST$" "$TMP/gate.md"
expect_grep '^### Tests gone missing \(1\)$' "$TMP/gate.md"
expect_grep '^- \*\*demo\.demo\*\*: ran on the base, not on head$' "$TMP/gate.md"
# the JUnit: one case a check, the three failing ones failed
xmllint --noout "$TMP/gate-junit.xml" || fail "the gate's JUnit is not XML"
expect_grep '<testsuite name="assay gate" tests="5" failures="3" errors="0" skipped="2">' "$TMP/gate-junit.xml"
expect_eq "junit: failed cases" "tests|line coverage change|patch coverage" \
	"$(python3 -c 'import sys, xml.etree.ElementTree as E
print("|".join(c.get("name") for c in E.parse(sys.argv[1]).iter("testcase") if c.find("failure") is not None))' "$TMP/gate-junit.xml")"
# and assay ingest reads the gate's JUnit like any other
(cd "$R" && assay ingest --db "$TMP/gate-results.db" --commit "$PR" "$TMP/gate-junit.xml") >/dev/null ||
	fail "the gate's JUnit does not ingest"

# patch coverage agrees with diff-cover on the same Cobertura file (gcovr's, from this build) and
# diff: changed lines counted, and those uncovered
agree_with_diff_cover() {
	(cd "$R" && gcovr -r . build --cobertura "$TMP/cobertura.xml") >/dev/null 2>&1 || fail "$1: gcovr"
	(cd "$R" && diff-cover "$TMP/cobertura.xml" --compare-branch=main --json-report "$TMP/dc.json") >/dev/null 2>&1 ||
		fail "$1: diff-cover"
	rm -f "$TMP/cob.db"
	(cd "$R" && assay ingest -q --db "$TMP/cob.db" --commit main "$TMP/base-cobertura.xml" &&
		assay ingest -q --db "$TMP/cob.db" "$TMP/cobertura.xml") || fail "$1: ingest of gcovr's Cobertura"
	(cd "$R" && assay gate --db "$TMP/cob.db" --base main --set tests.enabled=false --set coverage.enabled=false \
		--json) >"$TMP/cob.json"
	local py='import re
def counts(d):
	m = re.search(r"\((\d+)/(\d+) lines\)", [c for c in d["checks"] if c["check"] == "patch"][0]["head"])
	return "%d %d" % (int(m.group(2)), int(m.group(2)) - int(m.group(1)))'
	expect_eq "$1: lines and uncovered lines, as diff-cover counts them" \
		"$(json_strict "$TMP/dc.json" '"%d %d" % (d["total_num_lines"], d["total_num_violations"])')" \
		"$(JSON_PY=$py json_strict "$TMP/cob.json" 'counts(d)')"
}
agree_with_diff_cover "pull request"

# 3. the test back, and the function tested: passes
git -C "$R" checkout -q main -- tests/CMakeLists.txt
python3 - "$R/tests/test_numutil.c" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("int main(int argc", """static void wrap_sum_wraps(void **state)
{
	(void)state;
	assert_int_equal(calc_wrap_sum(2, 3), 5);
	assert_int_equal(calc_wrap_sum(900, 200), 100);
	assert_int_equal(calc_wrap_sum(-900, -200), -100);
}

int main(int argc""", 1)
s = s.replace("cmocka_unit_test(strerror_names_codes),", "cmocka_unit_test(strerror_names_codes),\n\t\tcmocka_unit_test(wrap_sum_wraps),", 1)
open(p, "w").write(s)
PY
FIXED=$(commit "test calc_wrap_sum; the demo test back")
pipeline feature main
expect_eq "fixed: exit" 0 "$GATE"
# (the template's build instruments the tests too: the new test's lines count as changed code)
expect_grep '^patch coverage +100\.00% \(12/12 lines\) +at least 80% +- +pass \(1 changed file not in head.s coverage data\)$' "$TMP/gate.out"
expect_grep '^tests +6 passed, 0 failed +no failure, none gone +6 passed, 0 failed +pass$' "$TMP/gate.out"
expect_eq "fixed: no annotations" 0 "$(grep -c '^::' "$TMP/gate.out")"
expect_eq "fixed: headline" "## :white_check_mark: Assay gate passed" "$(sed -n 1p "$TMP/summary.md")"
expect_grep '<testsuite name="assay gate" tests="5" failures="0" errors="0" skipped="2">' "$TMP/gate-junit.xml"
agree_with_diff_cover "fixed"
finish
