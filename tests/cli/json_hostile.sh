#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every --json output is JSON whatever the store holds: bytes that are not UTF-8, control
# characters, quotes and backslashes in names, SQLite's Inf and NaN, BLOBs and NUL in assay sql.
# Each output is parsed strictly (strict UTF-8, no NaN/Infinity, no raw control character), and
# the rules of cli/json_out.h are checked: invalid bytes are U+FFFD, a number that is not finite
# is null, a BLOB is {"blob_hex": ...}.
. "$(dirname "$0")/lib.sh"

# BAD is $bad as it must come out: U+FFFD for the byte 0xff
JSON_PY='BAD = "c\ufffd\x01\"\\\x1b"'
# check WHAT FILE EXPR: EXPR holds over FILE's document
check() {
	expect_eq "$1" True "$(json_strict "$2" "$3")"
}

bad=$'c\xff\x01"\\\x1b'     # invalid UTF-8, a control byte, a quote, a backslash, ESC
F=$ASSAY_FIXTURES
O=$TMP/out

# ingest --json: the commit as given (--no-git takes it as it is)
expect_exit 0 assay ingest --no-git --commit "$bad" --branch $'b\xfe\x1b' --label $'l\xff\x07' --json \
	"$F/junit/calc-ctest-pass.xml"
check "ingest --json" "$O" 'd["run"] == 1 and d["commit"] == BAD and d["tests"] == 6'

# sql --json: Inf, NaN, a BLOB, text that is not UTF-8, control characters, NUL, a column name
# that is not UTF-8; finite numbers as SQLite writes them
expect_exit 0 assay sql --json "SELECT 9e999 AS inf, -9e999 AS ninf, 9e999 - 9e999 AS nan, x'00ff' AS blob,
	CAST(x'ff41' AS TEXT) AS bad, char(1, 27) AS ctl, 'a\"b\\c' AS q, 'a' || char(0) || 'b' AS nul,
	1.5 AS r, 1e20 AS big, 7 AS i, NULL AS n, 1 AS \"$(printf 'x\xff')\""
check "sql --json" "$O" 'list(d[0].values()) == [None, None, None, {"blob_hex": "00ff"}, "\ufffdA", "\x01\x1b", "a\"b\\c", "a\x00b", 1.5, 1e20, 7, None, 1]'
check "sql --json: the column names" "$O" 'list(d[0]) == ["inf", "ninf", "nan", "blob", "bad", "ctl", "q", "nul", "r", "big", "i", "n", "x\ufffd"]'
expect_grep '"r":1.5,"big":1.0e\+20,"i":7,' "$O"
expect_exit 0 assay sql --json "SELECT commit_id, label FROM runs"
check "sql --json: a label" "$O" 'd == [{"commit_id": 1, "label": "l\ufffd\x07"}]'

# the commit's subject, a benchmark's name and unit, a sample that is Inf: through the store
printf '[{"name": "n\\u0001\\"\\\\", "unit": "ms", "value": 1}, {"name": "n\\u0001\\"\\\\", "unit": "ms", "value": 2}]' >b.json
expect_exit 0 assay bench ingest --no-git --commit "$bad" b.json
printf '[{"name": "n\\u0001\\"\\\\", "unit": "ms", "value": 3}]' >b2.json
expect_exit 0 assay bench ingest --no-git --commit c2 b2.json
expect_exit 0 assay sql --write "UPDATE commits SET subject = CAST(x'73ff1b07' AS TEXT)" \
	"UPDATE benchmarks SET unit = CAST(x'6dfe' AS TEXT)" "UPDATE samples SET value = 9e999"
N='"n\x01\"\\"'

# show --json: the commit, branch, subject, the benchmark and its Inf median
expect_exit 0 assay show --json "$bad"
check "show --json" "$O" 'd["commit"] == BAD and d["branch"] == "b\ufffd\x1b" and d["subject"] == "s\ufffd\x1b\x07" and d["benchmarks"][0]["name"] == '"$N"' and d["benchmarks"][0]["unit"] == "m\ufffd" and d["benchmarks"][0]["median"] is None'

# ls --json: commit, branch and label of each run
expect_exit 0 assay ls --json
check "ls --json" "$O" 'len(d) == 3 and d[2]["commit"] == BAD and d[2]["branch"] == "b\ufffd\x1b" and d[2]["label"] == "l\ufffd\x07"'

# bench history and compare --json: names, units, commits and an Inf median
expect_exit 0 assay bench history --json $'n\x01"\\'
check "bench history --json" "$O" 'd["name"] == '"$N"' and d["unit"] == "m\ufffd" and [c["sha"] for c in d["commits"]] == [BAD, "c2"] and d["commits"][0]["median"] is None'
expect_exit 0 assay bench compare --json "$bad" c2
check "bench compare --json" "$O" 'd["base"] == BAD and d["benchmarks"][0]["name"] == '"$N"' and d["benchmarks"][0]["base_median"] is None'

# bench run --json: a name that is not UTF-8
expect_exit 0 assay bench run --no-git --commit "$bad" --json -r 2 -w 0 --name $'r\xff\x01' -- true
check "bench run --json" "$O" 'd["name"] == "r\ufffd\x01" and d["commit"] == BAD'

# flaky list --json: a flaky test whose commit is not UTF-8
expect_exit 0 assay ingest --no-git --commit "$bad" "$F/flaky/pass.xml"
expect_exit 0 assay ingest --no-git --commit "$bad" "$F/flaky/fail-read.xml"
expect_exit 0 assay flaky list --json
check "flaky list --json" "$O" '[(t["name"], t["first_seen"]) for t in d["flaky"]] == [("read", BAD)]'

# flaky run --json: a test whose names have quotes and backslashes, its output DEL, U+009B, a tab
cat >run.sh <<'X'
#!/bin/sh
if [ $((ASSAY_FLAKY_REP % 2)) -eq 1 ]; then r='<failure/>'; else r=''; fi
printf '<testsuite name="s\\&quot;"><testcase classname="c\\\\" name="n&quot;\\"><system-out>o\177\302\233&#9;p</system-out>%s</testcase></testsuite>' "$r" >"$ASSAY_JUNIT"
X
chmod +x run.sh
expect_exit 1 assay flaky run --no-git --commit f1 -n 2 --json -- ./run.sh
check "flaky run --json" "$O" '[(t["suite"], t["classname"], t["name"], t["first_failure"]) for t in d["flaky"]] == [("s\\\"", "c\\\\", "n\"\\", "o\x7f\x9b\tp")]'

# the JSON error line: a message that holds what was asked
expect_exit 2 assay show --json $'x\xff\x01'
check "error --json" "$TMP/err" 'd["error"]["code"] == "not found" and "\x27x\ufffd\x01\x27" in d["error"]["message"]'
expect_eq "error --json: nothing on stdout" "" "$(cat "$O")"
finish
