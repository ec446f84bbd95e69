#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Bad input: one line FILE:LINE: message on stderr, exit 2, nothing of the run in the store.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES

# bad FILE EXPECTED-LINE PATTERN [ingest options...]
bad() {
	local file=$1 line=$2 pattern=$3
	shift 3
	expect_exit 2 assay ingest --commit bad "$@" "$file"
	expect_eq "$(basename "$file"): one line" 1 "$(wc -l < "$TMP/err")"
	local where="$file:$line: "
	[ -n "$line" ] || where="$file: "
	expect_grep "^assay ingest: $where$pattern" "$TMP/err"
	expect_eq "$(basename "$file"): nothing stored" "0|0|0" "$(q 'SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM results), (SELECT count(*) FROM coverage)')"
}

# a good file first in the same call, so "nothing stored" means the whole run was rolled back
good=$F/junit/calc-ctest-pass.xml

head -c 700 "$good" > "$TMP/truncated.xml"
expect_exit 2 assay ingest --commit bad "$good" "$TMP/truncated.xml"
expect_grep "^assay ingest: $TMP/truncated.xml:[0-9]+: " "$TMP/err"
expect_eq "truncated: nothing stored" 0 "$(q 'SELECT count(*) FROM results')"

printf '<testsuite name="x">\n<testcase name="a">\n</testsuite>\n' > "$TMP/malformed.xml"
bad "$TMP/malformed.xml" 3 'malformed XML'

printf '<html><body>hello</body></html>\n' > "$TMP/page.html"
bad "$TMP/page.html" 1 'not a format Assay reads'

: > "$TMP/empty.xml"
bad "$TMP/empty.xml" '' 'empty file'

cat > "$TMP/bomb.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<testsuite name="&lol9;"><testcase name="t" classname="&lol9;">&lol9;</testcase></testsuite>
XML
# bounded memory: a billion laughs would need gigabytes (AddressSanitizer reserves terabytes of
# address space up front, so the limit only goes with a plain build)
( [ "${ASSAY_SANITIZE:-OFF}" = ON ] || ulimit -v 400000; expect_exit 2 assay ingest --commit bad --format junit "$TMP/bomb.xml"; echo "$FAILS" > "$TMP/fails" )
FAILS=$(cat "$TMP/fails")
expect_grep "^assay ingest: $TMP/bomb.xml:[0-9]+: .*entit" "$TMP/err"

cat > "$TMP/xxe.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE testsuite [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<testsuite name="s"><testcase name="t"><failure message="&x;">&x;</failure></testcase></testsuite>
XML
bad "$TMP/xxe.xml" '[0-9]+' '.*entit'
expect_eq "no passwd leaked" 0 "$(grep -c root: "$TMP/out" "$TMP/err" | awk -F: '{s+=$2} END {print s}')"

printf 'TN:\nSF:/src/a.c\nDA:1,1\nthis is not lcov\nend_of_record\n' > "$TMP/bad.info"
bad "$TMP/bad.info" 4 'not an lcov line' --format lcov

printf '{"format_version": "1", "gcc_version": "12.2.0", "files": [' > "$TMP/cut.json"
bad "$TMP/cut.json" '[0-9]+' '' --format gcov-json

expect_exit 2 assay ingest --commit bad "$TMP/does-not-exist.xml"
expect_grep "does-not-exist.xml: No such file or directory" "$TMP/err"
expect_exit 2 assay ingest --commit bad --format yaml "$good"
expect_grep "unknown format 'yaml'" "$TMP/err"
expect_exit 2 assay ingest --commit bad
expect_grep "nothing to ingest" "$TMP/err"
# a --root that is not there is an error, not the current directory in its place
expect_exit 2 assay ingest --commit bad --root "$TMP/no-such-root" "$good"
expect_grep "^assay ingest: --root $TMP/no-such-root: No such file or directory$" "$TMP/err"
expect_exit 2 assay ingest --commit bad --root "$good" "$good"
expect_grep "^assay ingest: --root $good: not a directory$" "$TMP/err"
expect_eq "still nothing stored" "0" "$(q 'SELECT count(*) FROM runs')"
finish
