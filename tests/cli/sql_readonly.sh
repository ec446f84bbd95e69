#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay sql without --write opens the store read-only: no statement can change it (not even one
# that switches PRAGMA query_only off first), and it never creates or upgrades a store.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES

expect_exit 2 assay sql "SELECT 1"
expect_grep "store.db: cannot open store" "$TMP/err"
expect_eq "no store made" "no" "$([ -e "$ASSAY_DB" ] && echo yes || echo no)"

expect_exit 0 assay ingest --commit c1 --no-git "$F/junit/calc-ctest-pass.xml"
expect_exit 2 assay sql "PRAGMA query_only = 0; DELETE FROM runs"
expect_grep "readonly" "$TMP/err"
expect_exit 0 assay sql --write "SELECT count(*) FROM runs"
expect_eq "the run is still there" "1" "$(cat "$TMP/out")"
expect_exit 0 assay sql --write "DELETE FROM runs WHERE id = 0"

# a store of an older schema is refused as it is, and left so
expect_exit 0 assay sql --write "PRAGMA user_version = 1"
expect_exit 2 assay sql "SELECT count(*) FROM runs"
expect_grep "schema version 1 and needs an upgrade" "$TMP/err"
expect_eq "still version 1" "1" "$(sqlite3 "$ASSAY_DB" "PRAGMA user_version")"
finish
