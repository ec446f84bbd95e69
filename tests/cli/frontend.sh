#!/usr/bin/env bash
# The `assay` front end: dispatch to assay-NAME, help, unknown names.
. "$(dirname "$0")/lib.sh"

expect_exit 0 assay --help
expect_grep '^    ingest ' "$TMP/out"
expect_grep '^    show ' "$TMP/out"
expect_grep '^    ls ' "$TMP/out"
expect_exit 2 assay
expect_exit 2 assay no-such-utility
expect_grep "'no-such-utility' is not an assay utility" "$TMP/err"
expect_exit 0 assay --version
expect_grep '^assay [0-9]+\.[0-9]+' "$TMP/out"
expect_exit 0 assay ls --help
expect_grep '^usage: assay ls' "$TMP/out"
expect_exit 0 assay help show
expect_grep '^usage: assay show' "$TMP/out"
expect_exit 2 assay ls --bogus
expect_grep 'unknown option --bogus' "$TMP/err"
# an empty store: ls lists nothing, show says there is nothing
expect_exit 0 assay ls
expect_eq "ls header only" 1 "$(wc -l < "$TMP/out")"
expect_exit 0 assay ls --json
expect_eq "ls json" "[]" "$(cat "$TMP/out")"
expect_exit 2 assay show
expect_grep 'no runs yet' "$TMP/err"
# cmake --install puts every utility beside the front end, which then finds and lists them
expect_exit 0 cmake --install "$ASSAY_BUILD_DIR" --prefix "$TMP/inst"
for u in ingest show ls; do
	expect_eq "installed assay-$u" 1 "$(ls "$TMP/inst/bin/assay-$u" 2>/dev/null | wc -l)"
done
expect_exit 0 env PATH=/usr/bin:/bin "$TMP/inst/bin/assay" --help
expect_grep '^    ingest ' "$TMP/out"
# every utility listed says what it is for
expect_eq "utilities without a description" "" "$(grep -E '^    [a-z-]+ *$' "$TMP/out")"
expect_eq "installed utilities listed" "$(ls "$TMP/inst/bin" | grep -c '^assay-')" "$(grep -cE '^    [a-z-]+ ' "$TMP/out")"
expect_exit 0 env PATH=/usr/bin:/bin "$TMP/inst/bin/assay" ls --db "$TMP/x.db"
finish
