#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# JUnit and Cobertura XML in the encodings tools write them in: UTF-16 either way round (Windows
# tools), with or without a byte-order mark, and a declared Latin-1; told by content, stored as
# UTF-8.  And gzip-compressed Cobertura, read through; cut short, refused.
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

# Cobertura (coverlet writes it in UTF-8, ReportGenerator's converters in what the platform likes)
cob='<?xml version="1.0" encoding="ENC"?>
<coverage><packages><package name="p"><classes>
<class name="k" filename="src/caf&#233;.c"><methods><method name="m&amp;" signature="(&#233;)"><lines>
<line number="2" hits="1"/></lines></method></methods><lines><line number="2" hits="1"/>
<line number="3" hits="0" branch="True" condition-coverage="50% (1/2)"/></lines></class>
</classes></package></packages></coverage>'
for enc in UTF-16 UTF-16LE UTF-16BE ISO-8859-1; do
	k=$((k + 1))
	printf '%s\n' "${cob/ENC/$enc}" | iconv -f UTF-8 -t "$enc" > "$TMP/cob-$enc.xml"
	expect_exit 0 assay ingest --commit "c$k" "$TMP/cob-$enc.xml"
	expect_grep "ingested run $k for commit c$k: coverage of 1 files, lines 1/2 \(50.0%\)" "$TMP/out"
done
expect_eq "a Cobertura mark" "fffe" "$(head -c 2 "$TMP/cob-UTF-16.xml" | od -An -tx1 | tr -d ' \n')"
# one file, its name and its function's in UTF-8, the same from each encoding
expect_eq "coverage rows" "1|4" "$(q "SELECT count(DISTINCT file_id) || '|' || count(*) FROM coverage")"
expect_eq "path" "7372632F636166C3A92E63" "$(q 'SELECT hex(path) FROM files')"
expect_eq "totals" "1|2|0|2|1|1" "$(q 'SELECT DISTINCT lines_hit || "|" || lines_found || "|" ||
	branches_hit || "|" || branches_found || "|" || functions_hit || "|" || functions_found FROM coverage')"
printf '%s\n' "${cob/ENC/UTF-8}" | gzip -c > "$TMP/cob.xml.gz"
k=$((k + 1))
expect_exit 0 assay ingest --commit "c$k" "$TMP/cob.xml.gz"
expect_grep "coverage of 1 files, lines 1/2 \(50.0%\)" "$TMP/out"
head -c 100 "$TMP/cob.xml.gz" > "$TMP/cut.xml.gz"
expect_exit 2 assay ingest --commit c99 --format cobertura "$TMP/cut.xml.gz"
expect_grep "cut.xml.gz: truncated gzip data" "$TMP/err"
expect_eq "runs" 9 "$(q 'SELECT count(*) FROM runs')"
finish
