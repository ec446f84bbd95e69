#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay ingest DIR never follows a symbolic link into a directory: a link back up (a cycle) adds
# nothing and ends; a link to a report is read once, as the report it points at.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES

# a walk that followed the links would never finish: the limit is only there so that it fails
ingest() {
	timeout "${WALK_LIMIT:-300}" assay ingest "$@"
}

tests_of() { # the "tests" of assay ingest --json's output
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tests"])' "$TMP/out" 2>/dev/null
}

mkdir -p "$TMP/d/sub" "$TMP/other"
cp "$F/junit/calc-ctest-pass.xml" "$TMP/d/sub/"
ln -s . "$TMP/d/loop"
expect_exit 0 ingest --commit s1 --json "$TMP/d"
expect_eq "one file, with a loop beside it" 6 "$(tests_of)"

# two links back up
ln -s .. "$TMP/d/sub/up"
expect_exit 0 ingest --commit s2 --json "$TMP/d"
expect_eq "one file, with two loops" 6 "$(tests_of)"

# a link to a directory elsewhere is not followed; a link to a report beside it is the same report
cp "$F/junit/calc-ctest-demo-fail.xml" "$TMP/other/"
ln -s ../other "$TMP/d/other"
ln -s sub/calc-ctest-pass.xml "$TMP/d/latest.xml"
expect_exit 0 ingest --commit s3 --json "$TMP/d"
expect_eq "links to a directory and to a report read" 6 "$(tests_of)"
# a link to a report outside is read
ln -s ../other/calc-ctest-demo-fail.xml "$TMP/d/demo.xml"
expect_exit 0 ingest --commit s4 --json "$TMP/d"
expect_eq "a link to a report outside" 12 "$(tests_of)"
expect_eq "stored" "s1:6 s2:6 s3:6 s4:12" "$(q "SELECT group_concat(sha || ':' || n, ' ') FROM (SELECT c.sha, count(*) AS n FROM results r JOIN runs u ON u.id = r.run_id JOIN commits c ON c.id = u.commit_id GROUP BY c.sha ORDER BY c.sha)")"
finish
