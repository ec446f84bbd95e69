#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scripts/demo.sh, the README's first command, end to end on the example:
# exact counts in the store it writes and in what it prints, a failing run
# with --fail, and its refusals.
. "$(dirname "$0")/lib.sh"

DEMO=$ASSAY_SOURCE_DIR/scripts/demo.sh
export ASSAY_BUILD_DIR
DB=$TMP/demo/assay.db
export ASSAY_DB=$DB	# what q() reads

expect_exit 0 bash "$DEMO" --db "$DB" --commit demo1 --no-git
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
expect_grep "^ingested run 1 for commit demo1: 6 tests \\(6 passed, 0 failed, 0 errors, 0 skipped\\); coverage of 4 files, lines $LINES \\(${PCT//./\\.}%\\)\$" "$TMP/out"
expect_grep '^tests +6: 6 passed, 0 failed, 0 errors, 0 skipped' "$TMP/out"
expect_grep "^lines +${PCT//./\\.}% +$LINES in 4 files" "$TMP/out"

# The store: one run, six results, the library's four files repo-relative.
expect_eq "runs" 1 "$(q 'SELECT count(*) FROM runs')"
expect_eq "passing results" 6 "$(q "SELECT count(*) FROM results WHERE final = 1 AND status = 'pass'")"
expect_eq "files" "examples/calc/src/env.c examples/calc/src/eval.c examples/calc/src/lexer.c examples/calc/src/numutil.c" \
	"$(q 'SELECT path FROM files ORDER BY path' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "lines" "$LINES" "$(q "SELECT sum(lines_hit) || '/' || sum(lines_found) FROM coverage")"
expect_eq "eval.c lines" "$(grep '^examples/calc/src/eval\.c ' "$TMP/gcov-lines" | hit_found)" \
	"$(q "SELECT lines_hit || '/' || lines_found FROM coverage JOIN files ON files.id = file_id WHERE path = 'examples/calc/src/eval.c'")"
# With the gcc that made the fixtures of these sources, gcov printed the same totals then.
if grep -qF "with $(gcc --version | head -n 1)," "$ASSAY_FIXTURES/MANIFEST.tsv"; then
	expect_grep $'^gcov/calc-lib.gcov-stdout.json\ttotal\tlines_found\t'"${LINES#*/}"$'\t' "$ASSAY_FIXTURES/EXPECTED.tsv"
fi

# --fail: the run is ingested and shown with its failure, and the demo exits 1.
expect_exit 1 bash "$DEMO" --db "$DB" --commit demo2 --no-git --fail
expect_grep '^83% tests passed, 1 tests failed out of 6$' "$TMP/out"
expect_grep '6 tests \(5 passed, 1 failed, 0 errors, 0 skipped\)' "$TMP/out"
expect_grep '^failures:' "$TMP/out"
expect_eq "runs" 2 "$(q 'SELECT count(*) FROM runs')"
expect_eq "the failed test" "demo" "$(q "SELECT t.name FROM results r JOIN tests t ON t.id = r.test_id JOIN runs ON runs.id = r.run_id JOIN commits c ON c.id = runs.commit_id WHERE c.sha = 'demo2' AND r.status = 'fail'")"

# Without --commit, inside a git checkout, the run belongs to HEAD.
if head=$(git -C "$ASSAY_SOURCE_DIR" rev-parse --verify -q HEAD); then
	expect_exit 0 bash "$DEMO" --db "$TMP/git.db"
	expect_eq "commit from git" "$head" "$(sqlite3 -batch -noheader "$TMP/git.db" 'SELECT sha FROM commits')"
fi

# Refusals: exit 2 with a message, nothing written.
ASSAY_BUILD_DIR=$TMP/nowhere expect_exit 2 bash "$DEMO" --db "$TMP/none.db"
expect_grep 'build Assay first' "$TMP/err"
expect_exit 2 bash "$DEMO" --bogus
expect_grep "unknown argument '--bogus'" "$TMP/err"
CHECKS=$((CHECKS + 1))
[ ! -e "$TMP/none.db" ] || fail "a refused demo wrote $TMP/none.db"
expect_exit 0 bash "$DEMO" --help
expect_grep '^  --db PATH' "$TMP/out"

finish
