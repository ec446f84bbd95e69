#!/usr/bin/env bash
# JUnit XML in the encodings tools write it in: UTF-16 either way round (Windows tools), with or
# without a byte-order mark, and a declared Latin-1; told by content, stored as UTF-8.
. "$(dirname "$0")/lib.sh"

doc='<?xml version="1.0" encoding="ENC"?>
<testsuite name="enc"><testcase classname="c" name="caf&#233;"><failure message="na&#239;ve">x</failure></testcase>
<testcase classname="c" name="t2"/></testsuite>'
k=0
for enc in UTF-16 UTF-16LE UTF-16BE ISO-8859-1; do
	k=$((k + 1))
	printf '%s\n' "${doc/ENC/$enc}" | iconv -f UTF-8 -t "$enc" > "$TMP/$enc.xml"
	expect_exit 0 assay ingest --commit "c$k" "$TMP/$enc.xml"
	expect_grep "ingested run $k for commit c$k: 2 tests \(1 passed, 1 failed" "$TMP/out"
done
# iconv -t UTF-16 writes a byte-order mark, UTF-16LE and UTF-16BE do not
expect_eq "a mark" "fffe" "$(head -c 2 "$TMP/UTF-16.xml" | od -An -tx1 | tr -d ' \n')"
expect_eq "no mark, big-endian" "003c" "$(head -c 2 "$TMP/UTF-16BE.xml" | od -An -tx1 | tr -d ' \n')"
# the same two tests each time, their names and messages in UTF-8
expect_eq "tests" 2 "$(q 'SELECT count(*) FROM tests')"
expect_eq "name" "636166C3A9" "$(q "SELECT hex(name) FROM tests WHERE classname = 'c' AND name LIKE 'caf%'")"
expect_eq "messages" "6E61C3AF7665|4" "$(q "SELECT DISTINCT hex(message) || '|' || count(*) FROM results WHERE status = 'fail'")"
# a Latin-1 file that says nothing of its encoding is not UTF-8: refused, nothing stored
printf '<testsuite><testcase name="caf\xe9"/></testsuite>\n' > "$TMP/bad.xml"
expect_exit 2 assay ingest --commit c9 "$TMP/bad.xml"
# (the reason after it is libxml2's, in its words: tests/unit/test_junit.c checks them by version)
expect_grep "bad.xml:1: malformed XML: .+" "$TMP/err"
expect_eq "runs" 4 "$(q 'SELECT count(*) FROM runs')"
finish
