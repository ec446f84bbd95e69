#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scripts/demo.sh, the README's first command, end to end on the example, in a copy of its
# parts (scripts/demo.sh, examples/calc) in $TMP/r, with the store at its default place there:
#   1. outside git: tests, coverage, a mutation run, the report; no gate, and the line saying why;
#   2. --commit NAME --no-git --fail: the failing run, exit 1; the mutants' results taken over;
#   3. the copy made a git repository of one commit: no previous commit, no gate;
#   4. a second commit adding an untested function: the previous commit built from git is the
#      base of the gate and the report; the gate fails on patch coverage, the demo exits 0;
#   5. --commit HEAD, a third commit taking it out again: the gate passes.
# Exact counts in the store and in what it prints; the report checked by report_check.py.
. "$(dirname "$0")/lib.sh"
# the git repository of the gate's tests, in $R, and commit(); its .git is put aside until
# step 3, so that steps 1 and 2 run outside git in the very copy (the same paths and flags, so
# that the mutants' results are taken over)
. "$(dirname "$0")/gate_lib.sh"
mv "$R/.git" "$TMP/git-aside"

mkdir -p "$R/scripts" "$R/examples"
cp "$ASSAY_SOURCE_DIR/scripts/demo.sh" "$R/scripts/"
cp -r "$ASSAY_SOURCE_DIR/examples/calc" "$R/examples/"
echo "demo/" >"$R/.gitignore"
DEMO=$R/scripts/demo.sh
export ASSAY_BUILD_DIR
DB=$R/demo/assay.db	# the default store: demo/assay.db at the top of the copy
export ASSAY_DB=$DB	# what q() reads; the demo is run without it
REPORT=$R/demo/report
demo() {
	env -u ASSAY_DB bash "$DEMO" "$@"
}
# the report is there and sound: report_check.py DIR exits 0
report_ok() {
	CHECKS=$((CHECKS + 1))
	[ -f "$REPORT/index.html" ] || fail "$1: no $REPORT/index.html"
	python3 "$ASSAY_SOURCE_DIR/tests/cli/report_check.py" "$REPORT" >"$TMP/check.out" 2>&1 ||
		fail "$1: report_check.py: $(head -c 600 "$TMP/check.out")"
	expect_grep "<title>Commit $2 - Assay report</title>" "$REPORT/index.html"
	expect_eq "$1: the last line" "open $REPORT/index.html" "$(tail -n 1 "$TMP/out")"
}
MUTANTS=1276	# the example's mutants (examples/calc/src, every operator)

# 1. Outside git.
expect_exit 0 demo
expect_grep "^\\(not in a git repository: the runs are recorded for commit 'working-tree'\\)\$" "$TMP/out"
expect_grep '^100% tests passed, 0 tests failed out of 6$' "$TMP/out"
# What gcov printed for each of the library's four files, "PATH Lines executed:P% of N": the
# reference figures.  Which lines count is the compiler's to say (gcc 12 finds 467, another
# version may not), so they are taken from this run, never written down.
grep -E '^examples/calc/src/[a-z]+\.c Lines executed:[0-9.]+% of [0-9]+$' "$TMP/out" > "$TMP/gcov-lines"
expect_eq "files gcov reported" 4 "$(wc -l < "$TMP/gcov-lines")"
# hit/found from P and N (P has two decimals: exact for N < 10000)
hit_found() { awk -F'[ :%]+' '{ h += int($4 * $6 / 100 + 0.5); n += $6 } END { print h "/" n }' "$@"; }
# a percentage as Assay rounds it: one decimal, only all is 100.0 and only none is 0.0
pct() { awk -F/ '{ p = sprintf("%.1f", 100 * $1 / $2); if (p == "100.0" && $1 < $2) p = "99.9"; if (p == "0.0" && $1 > 0) p = "0.1"; print p }' <<<"$1"; }
LINES=$(hit_found "$TMP/gcov-lines")
PCT=$(pct "$LINES")
expect_grep "^ingested run 1 for commit working-tree: 6 tests \\(6 passed, 0 failed, 0 errors, 0 skipped\\); coverage of 4 files, lines $LINES \\(${PCT//./\\.}%\\)\$" "$TMP/out"
expect_grep '^tests +6: 6 passed, 0 failed, 0 errors, 0 skipped' "$TMP/out"
expect_grep "^lines +${PCT//./\\.}% +$LINES in 4 files" "$TMP/out"
expect_grep "^assay mutate: $MUTANTS mutants in 4 files, $MUTANTS in this run; 0 reused; run 2\$" "$TMP/out"
expect_grep '^mutation +[0-9.]+% +[0-9]+ killed.*\(run 2\)$' "$TMP/out"
expect_grep '^== The gate: skipped, no previous commit: not in a git repository \(or one with no commit yet\)$' "$TMP/out"
report_ok "outside git" working-tree
CHECKS=$((CHECKS + 1))
! grep -q 'Against the base' "$REPORT/index.html" || fail "outside git: a report against a base"

# The store: one ingest run, six results, the library's four files repo-relative; one mutation run.
expect_eq "runs" "ingest mutation" "$(q 'SELECT kind FROM runs ORDER BY id' | paste -sd' ')"
expect_eq "passing results" 6 "$(q "SELECT count(*) FROM results WHERE final = 1 AND status = 'pass'")"
FILES="examples/calc/src/env.c examples/calc/src/eval.c examples/calc/src/lexer.c examples/calc/src/numutil.c"
expect_eq "files" "$FILES" "$(q 'SELECT path FROM files ORDER BY path' | paste -sd' ')"
expect_eq "lines" "$LINES" "$(q "SELECT sum(lines_hit) || '/' || sum(lines_found) FROM coverage")"
expect_eq "eval.c lines" "$(grep '^examples/calc/src/eval\.c ' "$TMP/gcov-lines" | hit_found)" \
	"$(q "SELECT lines_hit || '/' || lines_found FROM coverage JOIN files ON files.id = file_id WHERE path = 'examples/calc/src/eval.c'")"
expect_eq "mutants" "$MUTANTS" "$(q 'SELECT count(*) FROM mutations WHERE run_id = 2')"
expect_eq "mutants decided" 0 "$(q "SELECT count(*) FROM mutations WHERE run_id = 2 AND status NOT IN
	('killed', 'timeout', 'survived', 'no_coverage', 'compile_error')")"
# With the gcc that made the fixtures of these sources, gcov printed the same totals then.
if grep -qF "with $(gcc --version | head -n 1)," "$ASSAY_FIXTURES/MANIFEST.tsv"; then
	expect_grep $'^gcov/calc-lib.gcov-stdout.json\ttotal\tlines_found\t'"${LINES#*/}"$'\t' "$ASSAY_FIXTURES/EXPECTED.tsv"
fi

# 2. --fail: the run is ingested and shown with its failure, and the demo exits 1; the mutants,
# run on the tests as they are, are all taken over; --no-git: no gate.
expect_exit 1 demo --db "$DB" --commit demo2 --no-git --fail
expect_grep '^83% tests passed, 1 tests failed out of 6$' "$TMP/out"
expect_grep '6 tests \(5 passed, 1 failed, 0 errors, 0 skipped\)' "$TMP/out"
expect_grep '^failures:' "$TMP/out"
expect_grep "^assay mutate: $MUTANTS mutants in 4 files, $MUTANTS in this run; $MUTANTS reused; run 4\$" "$TMP/out"
expect_grep "^== The gate: skipped, no previous commit: --no-git: git is not asked for the commit before 'demo2'\$" "$TMP/out"
report_ok "--fail" demo2
expect_eq "runs" "ingest mutation ingest mutation" "$(q 'SELECT kind FROM runs ORDER BY id' | paste -sd' ')"
expect_eq "the failed test" "demo" "$(q "SELECT t.name FROM results r JOIN tests t ON t.id = r.test_id JOIN runs ON runs.id = r.run_id JOIN commits c ON c.id = runs.commit_id WHERE c.sha = 'demo2' AND r.status = 'fail'")"

# 3. A git repository of one commit: the runs belong to HEAD, and there is no previous commit.
mv "$TMP/git-aside" "$R/.git"
C1=$(commit "calc: the example")
expect_exit 0 demo
expect_grep "^ingested run 5 for commit ${C1:0:12} \\(main\\): 6 tests" "$TMP/out"
expect_grep '^== The gate: skipped, no previous commit: HEAD has no parent here \(the first commit, or a shallow clone\)$' "$TMP/out"
report_ok "one commit" "${C1:0:12}"
expect_eq "runs of the first commit" "ingest mutation" \
	"$(q "SELECT kind FROM runs JOIN commits c ON c.id = commit_id WHERE c.sha = '$C1' ORDER BY runs.id" | paste -sd' ')"

# 4. A function no test calls: the previous commit, the first, built from git and ingested
# again (at the same paths as HEAD's), is the gate's base; the gate fails on patch coverage and
# the demo exits 0.
cat >>"$R/examples/calc/src/numutil.c" <<'C'

/* The sign of v: -1, 0 or 1. */
int calc_sign(long v);
int calc_sign(long v)
{
	return (v > 0) - (v < 0);
}
C
C2=$(commit "numutil: calc_sign, untested")
expect_exit 0 demo
expect_grep "^== The previous commit, HEAD~1 \\(${C1:0:12}\\): the example from git, with coverage\$" "$TMP/out"
expect_grep "^ingested run 7 for commit ${C1:0:12}: 6 tests \\(6 passed" "$TMP/out"
expect_grep "^ingested run 8 for commit ${C2:0:12} \\(main\\): 6 tests \\(6 passed" "$TMP/out"
expect_grep '^== The gate: assay gate --base HEAD~1$' "$TMP/out"
expect_grep "^base ${C1:0:12} calc: the example \\(--base HEAD~1\\)\$" "$TMP/out"
expect_eq "failing rows" "patch coverage" \
	"$(grep -E ' FAIL( |$)' "$TMP/out" | sed -E 's/  .*//' | paste -sd'|')"
# the new function's executable lines (gcc's to count, as above), none covered; head's
# coverage is the first commit's, as gcov counted it in step 1, with those lines more
NEW=$(sed -nE 's/^patch coverage +0\.00% \(0\/([0-9]+) lines\) +at least 80% +- +FAIL$/\1/p' "$TMP/out")
CHECKS=$((CHECKS + 1))
[ -n "$NEW" ] && [ "$NEW" -ge 2 ] || fail "patch coverage: not 0% of the new function's lines: $(grep '^patch' "$TMP/out")"
expect_grep "^line coverage change +[0-9.]+% \\(${LINES%/*}/$((${LINES#*/} + ${NEW:-0}))\\) +drop at most 0\\.5 points +[0-9.]+% \\($LINES\\) +pass\$" "$TMP/out"
expect_grep '^tests +6 passed, 0 failed +no failure, none gone +6 passed, 0 failed +pass$' "$TMP/out"
# the first commit's mutation run (step 3) is the base's
expect_grep '^mutation score change +[0-9.]+% \([0-9]+/[0-9]+\) +drop at most 2 points +[0-9.]+% \([0-9]+/[0-9]+\) +pass$' "$TMP/out"
expect_grep '^gate FAILED$' "$TMP/out"
expect_grep "^\\(the gate's verdict on the example's change since ${C1:0:12}: the demo goes on\\)\$" "$TMP/out"
report_ok "a second commit" "${C2:0:12}"
# the report against the same base: the new function's lines are its uncovered new code
expect_grep "<h2>Against the base <code>${C1:0:12}</code></h2>" "$REPORT/index.html"
expect_grep "<tr class=k-UNC><td><b>UNC</b></td><td>${NEW:-0}</td>" "$REPORT/index.html"
expect_eq "files: the base's paths are the head's" "$FILES" "$(q 'SELECT path FROM files ORDER BY path' | paste -sd' ')"
expect_eq "runs of the first commit" "ingest mutation ingest" \
	"$(q "SELECT kind FROM runs JOIN commits c ON c.id = commit_id WHERE c.sha = '$C1' ORDER BY runs.id" | paste -sd' ')"
expect_eq "runs of the second commit" "ingest mutation" \
	"$(q "SELECT kind FROM runs JOIN commits c ON c.id = commit_id WHERE c.sha = '$C2' ORDER BY runs.id" | paste -sd' ')"
# only the new function's 10 mutants ran, and no test reaches them
expect_eq "mutants run, not taken over" "no_coverage 10" \
	"$(q "SELECT status || ' ' || count(*) FROM mutations WHERE run_id = 9 AND NOT reused GROUP BY status")"

# 5. --commit HEAD, the function taken out again: the gate passes.
git -C "$R" revert --no-edit HEAD >/dev/null || fail "git revert"
C3=$(git -C "$R" rev-parse HEAD)
expect_exit 0 demo --commit HEAD
expect_grep "^ingested run 10 for commit ${C2:0:12}: 6 tests \\(6 passed" "$TMP/out"
expect_grep "^ingested run 11 for commit ${C3:0:12}: 6 tests \\(6 passed" "$TMP/out"
expect_grep "^base ${C2:0:12} numutil: calc_sign, untested \\(--base HEAD~1\\)\$" "$TMP/out"
expect_eq "no failing row" "" "$(grep -E ' FAIL( |$)' "$TMP/out")"
expect_grep '^gate passed$' "$TMP/out"
report_ok "--commit HEAD" "${C3:0:12}"

# Refusals: exit 2 with a message, nothing written.
ASSAY_BUILD_DIR=$TMP/nowhere expect_exit 2 demo --db "$TMP/none.db"
expect_grep 'build Assay first' "$TMP/err"
expect_exit 2 demo --db "$TMP/none.db" --commit no-such-rev
expect_grep "^demo: git knows no commit 'no-such-rev' \\(--no-git stores it as given\\)\$" "$TMP/err"
expect_exit 2 demo --db "$TMP/none.db" --no-git
expect_grep '^demo: --no-git stores --commit as given: say --commit NAME$' "$TMP/err"
expect_exit 2 demo --bogus
expect_grep "unknown argument '--bogus'" "$TMP/err"
CHECKS=$((CHECKS + 1))
[ ! -e "$TMP/none.db" ] || fail "a refused demo wrote $TMP/none.db"
expect_exit 0 demo --help
expect_grep '^  --db PATH' "$TMP/out"
expect_grep '^  --keep' "$TMP/out"

finish
