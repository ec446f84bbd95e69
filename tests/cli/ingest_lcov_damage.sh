#!/usr/bin/env bash
# Damaged lcov tracefiles (lcov's own output, cut or spliced): strict by default, one
# FILE:LINE message, exit 2 and nothing stored.
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
finish
