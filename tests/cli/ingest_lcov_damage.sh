#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Damaged lcov tracefiles (lcov's own output, cut or spliced): strict by default, one
# FILE:LINE message, exit 2 and nothing stored; with lcov 2's --ignore-errors format the damaged
# records are skipped with a warning naming FILE:LINE and a count, and the rest is stored.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES
STRIP=/tmp/assay-fixtures/repo
good=$F/lcov/calc-all.info

# nothing FILE: no run and no coverage in the store
nothing() {
	expect_eq "$1: nothing stored" "0|0" "$(q 'SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM coverage)')"
}

# a tracefile cut short at a line's end, inside numutil.c's record (lines 223-644)
head -n 600 "$good" > "$TMP/cut.info"
expect_exit 2 assay ingest --commit c1 --strip "$STRIP" "$TMP/cut.info"
expect_eq "cut: one line" 1 "$(wc -l < "$TMP/err")"
expect_eq "cut: the message" \
	"assay ingest: $TMP/cut.info:223: record for $STRIP/examples/calc/src/numutil.c has no end_of_record (the file ends at line 600)" \
	"$(cat "$TMP/err")"
nothing cut

# ... also when a good input comes first in the same call
expect_exit 2 assay ingest --commit c1 --strip "$STRIP" "$good" "$TMP/cut.info"
nothing "cut after a good file"

# a record whose end_of_record went missing, in the middle of the file
sed '137d' "$good" > "$TMP/spliced.info"
expect_exit 2 assay ingest --commit c1 --strip "$STRIP" "$TMP/spliced.info"
expect_grep "^assay ingest: $TMP/spliced.info:2: record for $STRIP/examples/calc/src/lexer.c has no end_of_record \(another SF at line 138\)$" "$TMP/err"
nothing spliced

# the example's figures whole, as lcov and gcovr printed them (ingest_example checks them)
stored() {
	q "SELECT sum(lines_hit) || '/' || sum(lines_found) || ' ' || sum(branches_hit) || '/' || sum(branches_found)
		FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = '$1'"
}

# grcov's trace of Firefox: an SF whose name is a JavaScript data: URL spanning lines, here
# spliced into lcov's real file after lexer.c's record (line 137)
{
	head -n 137 "$good"
	printf 'SF:data:text/javascript,function f() {\n  return 1;\n}\nFN:1,f\nFNDA:1,f\nDA:1,1\nend_of_record\n'
	tail -n +138 "$good"
} > "$TMP/firefox.info"
expect_exit 2 assay ingest --commit ff --strip "$STRIP" "$TMP/firefox.info"
expect_eq "data: URL, strict" "assay ingest: $TMP/firefox.info:139: not an lcov line:   return 1;" "$(cat "$TMP/err")"
nothing "data: URL, strict"
expect_exit 0 assay ingest --commit ff --strip "$STRIP" --ignore-errors format "$TMP/firefox.info"
expect_eq "data: URL, ignored: the warnings" \
"assay ingest: warning: $TMP/firefox.info:139: not an lcov line:   return 1; (skipping the record for data:text/javascript,function f() {)
assay ingest: warning: $TMP/firefox.info: skipped 1 damaged record (7 lines) and 0 damaged lines outside records (--ignore-errors format)" \
	"$(cat "$TMP/err")"
expect_eq "data: URL, ignored: the rest is read" "770/834 402/486" "$(stored ff)"
expect_eq "data: URL, ignored: no file for it" 0 "$(q "SELECT count(*) FROM files WHERE path LIKE 'data:%'")"
expect_eq "the warnings stay with the run" 2 "$(q "SELECT count(*) FROM run_warnings WHERE kind = 'ignored_error'")"

# the cut file: numutil.c's record is skipped, the two before it stored
expect_exit 0 assay ingest --commit cut --strip "$STRIP" --ignore-errors format "$TMP/cut.info"
expect_grep "^assay ingest: warning: $TMP/cut.info:223: record for $STRIP/examples/calc/src/numutil.c has no end_of_record \(the file ends at line 600\) \(skipping the record for " "$TMP/err"
expect_eq "cut, ignored: files" "examples/calc/src/env.c examples/calc/src/lexer.c" \
	"$(q "SELECT group_concat(path, ' ') FROM (SELECT path FROM coverage JOIN files ON files.id = file_id JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = 'cut' ORDER BY path)")"

# a file of nothing but damage has no valid record: lcov 2's "empty", an error unless ignored too
printf 'SF:a.c\nDA:x\nend_of_record\n' > "$TMP/junk.info"
expect_exit 2 assay ingest --commit junk --format lcov --ignore-errors format "$TMP/junk.info"
expect_grep "^assay ingest: $TMP/junk.info: no valid records found" "$TMP/err"
expect_eq "junk: nothing stored" 0 "$(q "SELECT count(*) FROM runs JOIN commits ON commits.id = commit_id WHERE sha = 'junk'")"
finish
