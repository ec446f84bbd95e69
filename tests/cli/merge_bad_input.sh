#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay merge of sources it must refuse: missing, no store, a store of another schema version,
# the target itself, a benchmark the target measures in another unit (found halfway through the
# copy).  Each: one clear message, exit 2, the target as it was (byte for byte) and the sources
# untouched.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES
A=$TMP/a.db
T=$TMP/t.db

expect_exit 0 assay ingest --db "$A" --commit c1 "$F/junit/calc-ctest-pass.xml"
expect_exit 0 assay bench ingest --db "$A" --commit c1 "$F/bench/hyperfine-params.json"
expect_exit 0 assay merge --db "$T" "$A"
expect_grep '^merged 1 stores: 2 runs copied, 0 already there$' "$TMP/out"

# sums FILE...: one checksum over the files' bytes (a store's -wal too, when there is one)
sums() { for f in "$@"; do cat "$f" "$f-wal" 2>/dev/null; done | sha1sum; }
counts() { assay sql --db "$T" "SELECT (SELECT count(*) FROM runs) || ' ' || (SELECT count(*) FROM results) || ' ' || (SELECT count(*) FROM samples) || ' ' || (SELECT count(*) FROM commits)"; }
want_counts=$(counts)
want_sum=$(sums "$T")
src_sum=$(sums "$A")

# refused SOURCE MESSAGE: merging A and SOURCE into T fails so and writes nothing
refused() {
	expect_exit 2 assay merge --db "$T" "$A" "$1"
	expect_eq "message for $1" "assay merge: $2" "$(cat "$TMP/err")"
	expect_eq "nothing printed for $1" "" "$(cat "$TMP/out")"
	expect_eq "target unchanged by $1" "$want_sum" "$(sums "$T")"
	expect_eq "target's counts after $1" "$want_counts" "$(counts)"
}

refused "$TMP/none.db" "$TMP/none.db: no such store"
echo "not a database" >"$TMP/text.db"
refused "$TMP/text.db" "$TMP/text.db: reading its schema version: file is not a database"
sqlite3 "$TMP/empty.db" "CREATE TABLE x (y)"
refused "$TMP/empty.db" "$TMP/empty.db: not an Assay store (it has no schema)"
sqlite3 "$TMP/old.db" "PRAGMA user_version = 3"
refused "$TMP/old.db" "$TMP/old.db: store has schema version 3 and needs an upgrade to 9, which a read-only open does not make: any command that writes (e.g. assay sql --write) upgrades it"
sqlite3 "$TMP/new.db" "PRAGMA user_version = 99"
refused "$TMP/new.db" "$TMP/new.db: store has schema version 99, newer than this Assay (9): upgrade Assay"
expect_eq "the source untouched" "$src_sum" "$(sums "$A")"

# the target as a source, under another name too
expect_exit 2 assay merge --db "$T" "$A" "$TMP/./t.db"
expect_eq "target as a source" "assay merge: $TMP/./t.db: the target cannot also be a source" "$(cat "$TMP/err")"
expect_eq "target unchanged (itself)" "$want_counts" "$(counts)"

# a store whose run of a new commit the target lacks, then a benchmark it measures in bytes where the
# target has seconds: the first run is rolled back with the rest
C=$TMP/c.db
expect_exit 0 assay ingest --db "$C" --commit c9 "$F/junit/calc-ctest-demo-fail.xml"
expect_exit 0 assay bench ingest --db "$C" --commit c9 "$F/bench/hyperfine-params.json"
sqlite3 "$C" "UPDATE benchmarks SET unit = 'B'"
expect_exit 2 assay merge --db "$T" "$C"
expect_grep "^assay merge: $C: benchmark '[^']+' \(wall\) is in B there and in s in the target: the two cannot be compared$" "$TMP/err"
expect_eq "target's counts after the unit" "$want_counts" "$(counts)"
expect_eq "commit c9 not there" "0" "$(assay sql --db "$T" "SELECT count(*) FROM commits WHERE sha = 'c9'")"

# JSON errors with --json; usage
expect_exit 2 assay merge --db "$T" --json "$TMP/none.db"
expect_eq "json error" "no such store 2" \
	"$(json_strict "$TMP/err" '("no such store" if d["error"]["message"].endswith("none.db: no such store") else d["error"]["message"]) + " " + str(d["error"]["exit"])')"
expect_exit 2 assay merge --db "$T"
expect_grep 'give the stores to merge' "$TMP/err"
expect_eq "target unchanged at the end" "$want_sum" "$(sums "$T")"
finish
