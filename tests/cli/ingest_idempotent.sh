#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The same content for the same commit is one run; another commit or label is another run.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES
expect_exit 0 assay ingest --commit c1 "$F/junit/calc-ctest-pass.xml"
expect_exit 0 assay ingest --commit c1 "$F/junit/calc-ctest-pass.xml"
expect_grep '^already ingested as run 1: nothing changed' "$TMP/out"
expect_eq "one run" 1 "$(q 'SELECT count(*) FROM runs')"
expect_eq "six results" 6 "$(q 'SELECT count(*) FROM results')"
# --json names the run that holds it, not run 0
expect_exit 0 assay ingest --commit c1 --json "$F/junit/calc-ctest-pass.xml"
expect_grep '^\{"run":1,"commit":"c1","already_ingested":true,"tests":6,' "$TMP/out"
# gzip of the same bytes is the same content
gzip -c "$F/junit/calc-ctest-pass.xml" > "$TMP/j.xml.gz"
expect_exit 0 assay ingest --commit c1 "$TMP/j.xml.gz"
expect_grep 'already ingested' "$TMP/out"
expect_exit 0 assay ingest --commit c1 --label other "$F/junit/calc-ctest-pass.xml"
expect_exit 0 assay ingest --commit c2 "$F/junit/calc-ctest-pass.xml"
expect_eq "three runs" 3 "$(q 'SELECT count(*) FROM runs')"
expect_eq "tests are shared" 6 "$(q 'SELECT count(*) FROM tests')"
# what changes what is stored changes the digest: another --output-cap is another run, the same
# one again is not
expect_exit 0 assay ingest --commit c2 --output-cap 10 "$F/junit/calc-ctest-pass.xml"
expect_grep '^ingested run 4 ' "$TMP/out"
expect_exit 0 assay ingest --commit c2 --output-cap 10 "$F/junit/calc-ctest-pass.xml"
expect_grep '^already ingested as run 4' "$TMP/out"
expect_exit 0 assay ingest --commit c2 --output-cap 65536 "$F/junit/calc-ctest-pass.xml"
expect_grep '^already ingested as run 3' "$TMP/out"
finish
