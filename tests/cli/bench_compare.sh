#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay bench compare on samples with known values (custom JSON written here): the verdicts,
# the exit codes (0 no regression, 1 a regression, 2 bad input), thresholds, too few samples,
# the default base (the parent commit, from git) and the history window rule.
. "$(dirname "$0")/lib.sh"

# gen FILE NAME CENTRE N: N samples within +-1% of CENTRE, the same every time
gen() {
	awk -v name="$2" -v c="$3" -v n="$4" 'BEGIN {
		printf "["
		for (i = 0; i < n; i++)
			printf "%s{\"name\": \"%s\", \"unit\": \"ns\", \"value\": %.4f}", i ? "," : "", name,
				c * (1 + 0.01 * (((i * 37 + 3) % 11) - 5) / 5)
		printf "]"
	}' >"$1"
}
ingest() { # COMMIT CENTRE N [more ingest flags]
	gen "$TMP/$1.json" fast "$2" "$3"
	local c=$1
	shift 3
	expect_exit 0 assay-bench ingest --commit "$c" "$@" "$TMP/$c.json"
}

ingest c1 100 10
ingest c2 120 10
ingest c3 100.5 10
ingest c4 130 3

expect_exit 1 assay bench compare c1 c2
expect_grep '^fast +value +99\.9 ns +119\.88 ns +\+20\.0% +\[1\.190, 1\.210\] +1\.08e-05 +regressed$' "$TMP/out"
expect_grep '^1 benchmark compared, 1 regressed$' "$TMP/out"
expect_exit 0 assay-bench compare c2 c1
expect_grep ' improved$' "$TMP/out"
expect_exit 0 assay-bench compare c1 c3
expect_grep '^fast .* \+0\.[0-9]% .* same$' "$TMP/out"
expect_exit 0 assay-bench compare c1 c4
expect_grep 'too few samples: need 6 a side \(have 10, 3\)$' "$TMP/out"
expect_exit 1 assay-bench compare --min-samples 3 c1 c4
expect_grep '^fast .* \+29\.6% .* regressed$' "$TMP/out"

# thresholds: the default, and one benchmark's own
expect_exit 0 assay-bench compare --threshold 25 c1 c2
expect_grep ' same$' "$TMP/out"
expect_exit 0 assay-bench compare --benchmark-threshold 'fa*=25' c1 c2
expect_exit 1 assay-bench compare --benchmark-threshold 'other=25' c1 c2
expect_exit 2 assay-bench compare --benchmark-threshold 'fast' c1 c2
expect_grep 'NAME=PERCENT' "$TMP/err"
# a bad one is a usage error before any commit is looked up
expect_exit 2 assay-bench compare --benchmark-threshold 'fast=x' nosuch1 nosuch2
expect_grep "NAME=PERCENT, not 'fast=x'" "$TMP/err"
expect_grep '^usage: assay bench compare' "$TMP/err"
# a benchmark only in BASE gets its override too
printf '[{"name": "old", "unit": "ns", "value": 5}]' >"$TMP/old.json"
expect_exit 0 assay-bench ingest --commit c1 "$TMP/old.json"
expect_exit 1 assay-bench compare --json --benchmark-threshold 'ol*=30' c1 c2
expect_grep '"name":"old",[^}]*"threshold":0\.(29999|3[,0])' "$TMP/out"

# JSON for machines
expect_exit 1 assay-bench compare --json c1 c2
expect_grep '"base":"c1","head":"c2","regressions":1' "$TMP/out"
expect_grep '"name":"fast","metric":"value","unit":"ns","bigger_is_better":false,"n_base":10,"n_head":10' "$TMP/out"
expect_grep '"change":0\.(19|20)[0-9]*,' "$TMP/out"
expect_grep '"verdict":"regressed"' "$TMP/out"
# the same answer every time: the bootstrap is seeded
cp "$TMP/out" "$TMP/first.json"
assay-bench compare --json c1 c2 >"$TMP/second.json"
expect_eq "seeded interval" "$(cat "$TMP/first.json")" "$(cat "$TMP/second.json")"

# bad input
expect_exit 2 assay-bench compare c1 nosuch
expect_grep "no commit 'nosuch' in the store" "$TMP/err"
expect_exit 2 assay-bench compare c1 c2 c3
expect_exit 2 assay-bench compare --threshold -1 c1 c2
cat >"$TMP/t.xml" <<'X'
<testsuite name="s"><testcase classname="k" name="t"/></testsuite>
X
expect_exit 0 assay-ingest --commit tests-only "$TMP/t.xml"
expect_exit 2 assay-bench compare c1 tests-only
expect_grep 'commit tests-only has no benchmark samples' "$TMP/err"

# the history rule: main usually runs at ~120; base's run was a fast fluke
for i in 1 2 3 4 5 6; do
	ingest "h$i" 120 8 --branch main
done
ingest base 100 8 --branch main
ingest head 121 8 --branch main
expect_exit 1 assay-bench compare base head
expect_exit 0 assay-bench compare --window 10 base head
expect_grep '^fast .* within +same$' "$TMP/out"
expect_exit 0 assay-bench compare --window 10 --history-test t-test base head
expect_grep ' within +same$' "$TMP/out"
expect_exit 2 assay-bench compare --window 10 --history-test median base head

# no BASE: the parent commit, as git recorded it
git init -q repo && cd repo
git -c user.name=t -c user.email=t@t commit -q --allow-empty -m one
gen "$TMP/g1.json" fast 100 8
expect_exit 0 assay-bench ingest "$TMP/g1.json"
git -c user.name=t -c user.email=t@t commit -q --allow-empty -m two
gen "$TMP/g2.json" fast 150 8
expect_exit 0 assay-bench ingest "$TMP/g2.json"
expect_exit 1 assay-bench compare
expect_grep "^base $(git rev-parse HEAD~1 | cut -c1-12), head $(git rev-parse HEAD | cut -c1-12)$" "$TMP/out"
expect_exit 1 assay-bench compare HEAD~1
# a commit with test results only is passed over on the way to the base
git -c user.name=t -c user.email=t@t commit -q --allow-empty -m three
expect_exit 0 assay-ingest "$TMP/t.xml"
git -c user.name=t -c user.email=t@t commit -q --allow-empty -m four
gen "$TMP/g4.json" fast 150.5 8
expect_exit 0 assay-bench ingest "$TMP/g4.json"
expect_exit 0 assay-bench compare
expect_grep "^base $(git rev-parse HEAD~2 | cut -c1-12), head $(git rev-parse HEAD | cut -c1-12)$" "$TMP/out"
# the first commit has no parent: no base
expect_exit 2 assay-bench compare --commit HEAD~3
expect_grep "no base: no ancestor of $(git rev-parse HEAD~3 | cut -c1-12) in the store has benchmarks" "$TMP/err"
one=$(git rev-parse HEAD~3 | cut -c1-6)
two=$(git rev-parse HEAD~2 | cut -c1-9)
# a commit nothing was ever ingested for (not in the store at all) is walked past by git
git -c user.name=t -c user.email=t@t commit -q --allow-empty -m five
git -c user.name=t -c user.email=t@t commit -q --allow-empty -m six
gen "$TMP/g6.json" fast 150.2 8
expect_exit 0 assay-bench ingest "$TMP/g6.json"
expect_exit 0 assay-bench compare
four=$(git rev-parse HEAD~2)
expect_grep "^no BASE given: $(echo "$four" | cut -c1-12), the nearest ancestor of head with benchmarks \(2 commits up\)$" "$TMP/out"
expect_grep "^base $(echo "$four" | cut -c1-12), head $(git rev-parse HEAD | cut -c1-12)$" "$TMP/out"
expect_exit 0 assay-bench compare --json
expect_grep "^\{\"base\":\"$four\",\"base_ancestor_steps\":2,\"head\":\"$(git rev-parse HEAD)\"" "$TMP/out"
# a BASE named is not announced
expect_exit 0 assay-bench compare HEAD~2
expect_eq "no announcement" 0 "$(grep -c '^no BASE given' "$TMP/out")"
cd "$TMP"
# outside a repository, with no store and no commit named: one message says both
(unset ASSAY_DB; expect_exit 2 assay-bench compare; echo "$FAILS $CHECKS" > "$TMP/fails")
read -r FAILS CHECKS < "$TMP/fails"
expect_eq "one message" "assay bench compare: not in a git repository, and no CI environment names a commit: pass --commit REV and --db PATH (or set ASSAY_DB)" "$(cat "$TMP/err")"
# out of the repository, unique prefixes of 4 hex digits or more are looked up in the store
expect_exit 1 assay-bench compare "$one" "$two"
expect_grep "^base $one[0-9a-f]{6}, head $two[0-9a-f]{3}$" "$TMP/out"
expect_exit 2 assay-bench compare "$(echo "$one" | cut -c1-3)" "$two"
expect_grep "no commit '$(echo "$one" | cut -c1-3)' in the store" "$TMP/err"
finish
