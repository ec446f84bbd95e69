#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What a re-render of assay report html reads and makes again: a file's coverage is told unchanged
# by its rows' digests (schema 9; an older store's rows get theirs when it is upgraded), a source
# by its status as of the last render (a change keeping the size and the modification time is still
# seen), and only the pages of what changed are made: that file's, its directories', the tables.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gate_lib.sh"

mkdir -p "$R/src/deep" "$R/lib"
for f in src/a.c src/b.c src/deep/c.c lib/d.c; do
	printf 'int f(int x)\n{\n\treturn x * 2;\n}\n' >"$R/$f"
done
HEAD=$(commit "four files")
lcov "$TMP/one.info" src/a.c 1-3:1
lcov_add "$TMP/one.info" src/b.c 1-3:1
lcov_add "$TMP/one.info" src/deep/c.c 1-3:0
lcov_add "$TMP/one.info" lib/d.c 1-3:2
ingest "$HEAD" --label unit "$TMP/one.info"

# every row has its digest, the same for the same blobs, and the index is what the report reads
expect_eq "digests (a.c and b.c alike)" "4|3|0" "$(sqlite3 "$ASSAY_DB" 'SELECT count(*), count(DISTINCT digest), count(*) FILTER (WHERE digest = 0) FROM coverage')"
expect_grep 'COVERING INDEX coverage_digests' <(sqlite3 "$ASSAY_DB" "EXPLAIN QUERY PLAN SELECT file_id, digest, lines_found FROM coverage WHERE run_id = 1")
# a store of schema 8 (the column and its index taken away) gets the same digests as it is upgraded
sqlite3 "$ASSAY_DB" 'SELECT file_id, digest FROM coverage ORDER BY file_id' >"$TMP/digests"
cp "$ASSAY_DB" "$TMP/old.db"
sqlite3 "$TMP/old.db" 'DROP INDEX coverage_digests; ALTER TABLE coverage DROP COLUMN digest; PRAGMA user_version = 8'
expect_exit 0 env ASSAY_DB="$TMP/old.db" assay sql --write 'SELECT 1'
expect_eq "upgraded: version" 9 "$(sqlite3 "$TMP/old.db" 'PRAGMA user_version')"
expect_eq "upgraded: the same digests" "$(cat "$TMP/digests")" "$(sqlite3 "$TMP/old.db" 'SELECT file_id, digest FROM coverage ORDER BY file_id')"
# and a store merged into another brings its rows' digests along, made anew
expect_exit 0 assay merge --db "$TMP/merged.db" "$ASSAY_DB"
expect_eq "merged: the same digests" "$(cut -d'|' -f2 "$TMP/digests" | sort)" \
	"$(sqlite3 "$TMP/merged.db" 'SELECT digest FROM coverage' | sort)"

# sources changed at least two seconds ago: their digests are kept for the next render
sleep 2
OUT=$TMP/report
(cd "$R" && assay report html --out "$OUT") >"$TMP/out" || fail "render"
expect_grep '^wrote [0-9]+ pages \(0 unchanged, 0 removed\)' "$TMP/out"
expect_eq "source digests kept" 4 "$(grep -vc '^#sealed ' "$OUT/.assay-report-sources")"
expect_grep ' src/deep/c\.c$' "$OUT/.assay-report-sources"

# one file's coverage changes in a new run of the same label: its page, the directory pages above
# it (src/deep, src, the top) and the tables are made again, nothing else
lcov "$TMP/two.info" src/a.c 1-3:1
lcov_add "$TMP/two.info" src/b.c 1-3:1
lcov_add "$TMP/two.info" src/deep/c.c 1-3:4
lcov_add "$TMP/two.info" lib/d.c 1-3:2
ingest "$HEAD" --label unit "$TMP/two.info"
touch -d '2000-01-01' $(find "$OUT" -name '*.html')
(cd "$R" && assay report html --out "$OUT") >"$TMP/out" || fail "re-render"
C=$(cd "$OUT" && ls f/src-deep-c.c-*.html)
DEEP=$(cd "$OUT" && ls d/src-deep-*.html)
SRC=$(cd "$OUT" && ls d/src-*.html | grep -v deep)
expect_eq "made again" "$(printf '%s\n' "$DEEP" "$SRC" d/root.html "$C" files.html index.html | sort | paste -sd' ')" \
	"$(cd "$OUT" && find . -name '*.html' -newermt '2001-01-01' | sed 's|^\./||' | sort | paste -sd' ')"
expect_grep '^wrote 6 pages \([0-9]+ unchanged, 0 removed\)' "$TMP/out"

# a source changed keeping its inode, size and modification time: its status's change time tells
A=$(cd "$OUT" && ls f/src-a.c-*.html)
stamp=$(stat -c %y "$R/src/a.c")
# written in place (the same inode, as an editor that truncates does; sed -i makes a new one)
sed 's/x \* 2/x * 3/' "$R/src/a.c" >"$TMP/a.c" && cat "$TMP/a.c" >"$R/src/a.c"
touch -d "$stamp" "$R/src/a.c"
(cd "$R" && assay report html --out "$OUT") >"$TMP/out" || fail "render after a source changed"
expect_grep '^wrote 1 page \([0-9]+ unchanged, 0 removed\)' "$TMP/out"
expect_grep 'return x \* 3;' "$OUT/$A"

# nothing changed: nothing made, nothing written
(cd "$R" && assay report html --out "$OUT") >"$TMP/out" || fail "render again"
expect_grep '^wrote 0 pages \([0-9]+ unchanged, 0 removed\)' "$TMP/out"
# --json says the same, for a script: the commit, the page to open, the counts
kept=$(sed -n 's/^wrote 0 pages (\([0-9]*\) unchanged.*/\1/p' "$TMP/out")
(cd "$R" && assay report html --out "$OUT" --json) >"$TMP/json" || fail "render with --json"
python3 - "$TMP/json" "$(git -C "$R" rev-parse HEAD)" "$OUT" "$kept" <<'PY' || fail "--json: $(cat "$TMP/json")"
import json, sys
got = json.load(open(sys.argv[1]))
want = {"commit": sys.argv[2], "out": sys.argv[3], "index": sys.argv[3] + "/index.html", "pages_written": 0,
        "pages_unchanged": int(sys.argv[4]), "pages_removed": 0}
for k, v in want.items():
    assert got[k] == v, (k, got[k], v)
assert got["bytes"] > got["largest_page_bytes"] > 0, got
PY
[ "$(wc -l <"$TMP/json")" = 1 ] || fail "--json wrote more than its one line"
# nor from a directory below the top: the sources are found from the work tree's top all the same
(cd "$R/src/deep" && assay report html --out "$OUT") >"$TMP/out" || fail "render from below the top"
expect_grep '^wrote 0 pages \([0-9]+ unchanged, 0 removed\)' "$TMP/out"

# a source that is a FIFO is not waited on: its page says it is not at hand
mkfifo "$R/src/fifo.c"
lcov "$TMP/fifo.info" src/fifo.c 1-1:1
ingest "$HEAD" --label fifo "$TMP/fifo.info"
(cd "$R" && timeout 30 assay report html -q --out "$OUT") || fail "render with a FIFO among the sources: exit $?"
expect_grep 'not at hand: it is not a regular file of a readable size\.' "$(ls "$OUT"/f/src-fifo.c-*.html)"
rm "$R/src/fifo.c"

# a page is written over in place (no file made), but never through a hard link: that is replaced
ln "$OUT/$A" "$TMP/linked.html"
cp "$TMP/linked.html" "$TMP/linked.was"
files_inode=$(stat -c %i "$OUT/files.html")
sed -i 's/x \* 3/x * 4/' "$R/src/a.c"
lcov "$TMP/three.info" src/a.c 1-3:2
lcov_add "$TMP/three.info" src/b.c 1-3:1
lcov_add "$TMP/three.info" src/deep/c.c 1-3:4
lcov_add "$TMP/three.info" lib/d.c 1-3:2
ingest "$HEAD" --label unit "$TMP/three.info"
(cd "$R" && assay report html --out "$OUT") >"$TMP/out" || fail "render with a page linked"
expect_grep 'return x \* 4;' "$OUT/$A"
cmp -s "$TMP/linked.html" "$TMP/linked.was" || fail "a file linked to a page was written through the link"
expect_eq "the linked page replaced" 1 "$(stat -c %h "$OUT/$A")"
expect_eq "files.html written in place" "$files_inode" "$(stat -c %i "$OUT/files.html")"

# a render that fails partway leaves no manifest to trust: the next one compares every page anew
NP=$(grep -vc '^#' "$OUT/.assay-report")
rm "$OUT/$C" && mkdir "$OUT/$C"
sed 's/^DA:\([0-9]*\),4$/DA:\1,7/' "$TMP/three.info" >"$TMP/four.info"
ingest "$HEAD" --label unit "$TMP/four.info"
(cd "$R" && assay report html --out "$OUT") >"$TMP/out" 2>"$TMP/err"
expect_eq "a page that cannot be written: exit" 2 "$?"
expect_grep "^assay report html: cannot write $OUT/$C: Is a directory" "$TMP/err"
expect_grep '^#sealed x' <(head -1 "$OUT/.assay-report")
rmdir "$OUT/$C"
(cd "$R" && assay report html --out "$OUT") >"$TMP/out" || fail "render after the failed one"
expect_grep "^wrote $NP pages \(0 unchanged, 0 removed\)" "$TMP/out"
finish
