#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay flaky list and quarantine over a history ingested commit by commit in a git repository:
# the same commit, the same tree under two commits (as after a rebase), a Surefire rerun,
# flips across commits, and a run where everything failed (an infrastructure failure).
. "$(dirname "$0")/lib.sh"
X=$ASSAY_FIXTURES/flaky

git init -q repo && cd repo
n=0
# commit [--allow-empty]: a new commit, one second after the last
commit() {
	n=$((n + 1))
	GIT_COMMITTER_DATE="2026-01-01T00:00:$(printf %02d $n)" GIT_AUTHOR_DATE="2026-01-01T00:00:$(printf %02d $n)" \
		git -c user.name=t -c user.email=t@t commit -q "$@" -m "commit $n"
}
ingest() { # FILE [flags]
	local f=$1
	shift
	expect_exit 0 assay-ingest "$@" "$X/$f"
}

commit --allow-empty                      # A
ingest pass.xml
commit --allow-empty                      # B: the same (empty) tree as A
ingest fail-read.xml
echo 1 >f && git add f && commit          # C
ingest surefire-rerun.xml
echo 2 >f && git add f && commit          # D: everything fails
ingest infra.xml
echo 3 >f && git add f && commit          # E
ingest fail-click.xml
echo 4 >f && git add f && commit          # F: db.write passes and fails on one commit
ingest pass.xml
ingest fail-write.xml --label retry
echo 5 >f && git add f && commit          # G
ingest fail-click.xml
echo 6 >f && git add f && commit          # H
ingest pass.xml
D=$(git rev-parse HEAD~4 | cut -c1-12)
G=$(git rev-parse HEAD~1 | cut -c1-12)
H=$(git rev-parse HEAD | cut -c1-12)
C=$(git rev-parse HEAD~5 | cut -c1-12)
A=$(git rev-parse HEAD~7 | cut -c1-12)
cd "$TMP"

expect_exit 0 assay flaky list
expect_grep '^9 runs, 6 tests: 4 flaky or suspect$' "$TMP/out"
expect_grep "^infrastructure failure, not counted: run 4 \(commit $D\): 6 of 6 tests failed$" "$TMP/out"
expect_grep "^1\.00 +db\.read +8 +1 +2  $A $C 1x pass\+fail on one tree$" "$TMP/out"
expect_grep "^1\.00 +db\.write +8 +1 +2  $A $G 1x pass\+fail on one commit$" "$TMP/out"
expect_grep "^1\.00 +api\.put +8 +0 +0  $A +- +1x passed on rerun$" "$TMP/out"
expect_grep "^0\.[0-9]+ +ui\.click +8 +2 +4  $A $H flip rate 0\.[0-9]+$" "$TMP/out"
expect_eq "lines: summary, infra, header, 4 tests" 7 "$(wc -l <"$TMP/out")"

expect_exit 0 assay-flaky list --json
expect_grep '^\{"runs":9,"tests":6,"infrastructure_failures":\[\{"run":4,' "$TMP/out"
expect_grep '"classname":"db","name":"read","score":1\.000000,[^}]*"same_tree":1,' "$TMP/out"
expect_grep '"classname":"api","name":"put","score":1\.000000,[^}]*"reruns":1,' "$TMP/out"
expect_grep '"classname":"ui","name":"click","score":0\.[0-9]+,[^}]*"flips":4,"same_commit":0,"same_tree":0,"reruns":0,' "$TMP/out"
expect_exit 0 assay-flaky list --min-score 1
expect_grep ': 3 flaky or suspect$' "$TMP/out"
expect_exit 0 assay-flaky list --window 1
expect_grep '^9 runs, 6 tests: 4 flaky or suspect$' "$TMP/out"
expect_exit 0 assay-flaky list --infra 100
expect_grep '^9 runs, 6 tests: 6 flaky or suspect$' "$TMP/out"
expect_exit 2 assay-flaky list --window -1
expect_exit 2 assay-flaky list extra

# the quarantine list: plain, sorted, one test a line
expect_exit 0 assay flaky quarantine
printf '# assay flaky quarantine: 4 tests with a flakiness score of at least 0.5\n# SUITE<TAB>CLASSNAME<TAB>NAME\nsvc\tapi\tput\nsvc\tdb\tread\nsvc\tdb\twrite\nsvc\tui\tclick\n' >"$TMP/want"
expect_eq "quarantine list" "$(cat "$TMP/want")" "$(cat "$TMP/out")"
expect_exit 0 assay-flaky quarantine --min-score 1
expect_eq "certain only" 3 "$(grep -vc '^#' "$TMP/out")"
expect_exit 2 assay-flaky quarantine --min-score 0
expect_exit 2 assay-flaky quarantine --min-score 2
# quarantine scores as list does, with the same options
for opts in "--infra 100" "--half-life 2 --min-score 0.01" "--window 1"; do
	# shellcheck disable=SC2086
	expect_exit 0 assay-flaky list --json --min-score 0.5 $opts
	listed=$(python3 -c 'import json,sys; print("\n".join(sorted("%s\t%s\t%s" % (t["suite"], t["classname"], t["name"]) for t in json.load(open(sys.argv[1]))["flaky"])))' "$TMP/out")
	# shellcheck disable=SC2086
	expect_exit 0 assay-flaky quarantine $opts
	expect_eq "quarantine $opts" "$listed" "$(grep -v '^#' "$TMP/out")"
done
expect_exit 0 assay-flaky quarantine --infra 100 --min-score 0.01
expect_grep "^# assay flaky quarantine: 6 tests" "$TMP/out"
expect_exit 2 assay-flaky quarantine --half-life 0
expect_grep '^assay flaky quarantine: --window, --infra and --half-life must be positive$' "$TMP/err"
expect_grep '^usage: assay flaky quarantine ' "$TMP/err"
expect_exit 2 assay-flaky quarantine extra
expect_grep 'no operands expected' "$TMP/err"

# a test's name is shown escaped: DEL and U+009B (a terminal's CSI) as \xNN
export ASSAY_DB=$TMP/names.db
for st in '' '<failure message="x"/>'; do
	printf '<testsuite name="n"><testcase classname="c" name="a\177b\302\233c">%s</testcase></testsuite>' "$st" >"$TMP/n.xml"
	expect_exit 0 assay-ingest --commit n1 "$TMP/n.xml"
done
expect_exit 0 assay-flaky list
expect_grep '^1\.00 +c\.a\\x7fb\\xc2\\x9bc +2 ' "$TMP/out"
expect_eq "no control byte shown" 0 "$(tr -d '\n' <"$TMP/out" | LC_ALL=C tr -cd '\000-\037\177\302' | wc -c)"
finish
