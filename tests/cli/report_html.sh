#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay report html on a prepared store: every link and anchor resolves, counts equal assay
# show's, hostile test names and source lines show as text, excluded lines as excluded, flaky
# coverage from two runs of one commit, a large file split into pages under the size budget,
# sources outside the repository never read, --out never left, and a re-render that rewrites
# only what changed. The pages validate with tidy.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gate_lib.sh"
CHECK="python3 $(dirname "$0")/report_check.py"

mkdir -p "$R/src"
cat >"$R/src/a.c" <<'C'
int twice(int x)
{
	int y = x * 2; /* </pre><img src=x onerror=alert(1)> */
	if (y > 10)
		return 10;
	return y; // LCOV_EXCL_LINE
}
C
awk 'BEGIN { for (i = 1; i <= 5000; i++) printf "int big%d = %d;\n", i, i }' >"$R/src/big.c"
ln -s /etc/passwd "$R/src/link.c"
HEAD=$(commit "the sources")
junit "$TMP/j.xml" ok:pass "<script>alert(1)</script>:fail" later:skip
sed -i 's/<failure message="[^"]*"/<failure message="\&lt;\/pre\&gt;\&lt;img src=x onerror=alert(1)\&gt;"/' "$TMP/j.xml"
lcov "$TMP/one.info" src/a.c 1-3:1 4:1 5:1
# a.c's branches: two blocks on line 4, a line whose branches were never run, one with no hits,
# and line 2 with 17 (one not taken) and line 3 with 20 (all taken)
sed -i '0,/^LF:/s//BRDA:4,0,0,1\nBRDA:4,0,1,0\nBRDA:4,1,0,3\nBRDA:1,0,0,-\nBRDA:1,0,1,-\nBRDA:7,0,0,0\nBRDA:7,0,1,0\nBRDA:7,0,2,1\nLF:/' "$TMP/one.info"
many=$( (for i in $(seq 0 15); do printf 'BRDA:2,0,%d,1\\n' "$i"; done; printf 'BRDA:2,0,16,0\\n'
	for i in $(seq 0 19); do printf 'BRDA:3,0,%d,2\\n' "$i"; done) | tr -d '\n')
sed -i "0,/^LF:/s//${many}LF:/" "$TMP/one.info"
lcov_add "$TMP/one.info" src/big.c 1-5000:1
lcov_add "$TMP/one.info" src/link.c 1-2:1
lcov "$TMP/two.info" src/a.c 1-3:1 4:1 5:0
printf 'TN:\nSF:/etc/passwd\nDA:1,1\nLF:1\nLH:1\nend_of_record\n' >>"$TMP/two.info"
ingest "$HEAD" --label one "$TMP/j.xml" "$TMP/one.info"
ingest "$HEAD" --label two --external "$TMP/two.info"

OUT=$TMP/report
(cd "$R" && assay report html --out "$OUT" --title '<b>hostile</b> title') >"$TMP/out" 2>"$TMP/err"
expect_eq "render: exit" 0 "$?"
expect_grep "^wrote [0-9]+ pages \(0 unchanged, 0 removed\), [0-9.]+ MB in all; open $OUT/index.html$" "$TMP/out"
$CHECK "$OUT" 200000 >"$TMP/check" || fail "structure: $(cat "$TMP/check")"
expect_grep '^pages [0-9]+, links [0-9]+$' "$TMP/check"

# counts equal assay show's
(cd "$R" && assay show --json) >"$TMP/show.json"
LINES=$(json_strict "$TMP/show.json" '"%d/%d" % (d["lines_hit"], d["lines_found"])')
expect_grep "<td class=[a-z]+ data-v=[0-9.]+><span class=bar style=\"--p:[0-9.]+%\">[0-9.]+%</span> <small>$LINES</small></td>" "$OUT/index.html"
expect_grep '<span class=pass>1 passed</span> <span class=fail>1 failed</span> <span class=zero>0 errors</span> <span class=skip>1 skipped</span>' "$OUT/index.html"
expect_eq "files listed" 4 "$(grep -c '^<tr data-name=' "$OUT/files.html")"
expect_eq "tests listed" 3 "$(grep -c '^<tr data-name=' "$OUT/tests.html")"

# hostile text is text
expect_eq "no live script or image" "" "$(grep -l '<script>alert\|<img\|<b>hostile' -r "$OUT" --include=*.html)"
expect_grep '&lt;script&gt;alert\(1\)&lt;/script&gt;' "$OUT/tests.html"
expect_grep '&lt;/pre&gt;&lt;img src=x onerror=alert\(1\)&gt;' "$OUT/tests.html"
expect_grep '<title>Commit [0-9a-f]{12} - &lt;b&gt;hostile&lt;/b&gt; title</title>' "$OUT/index.html"
A=$(ls "$OUT"/f/src-a.c-*.html)
# (in a source line, text: only & and < are escaped; a covered line has no class, its hits tell)
expect_grep '^<tr id=L3><td title="taken 2(, 2){19}">20/20 2<td>	int y = x \* 2; /\* &lt;/pre>&lt;img src=x onerror=alert\(1\)> \*/$' "$A"
# branches: one title a line, a mark each before the hits, only the one not taken an element
expect_grep '^<tr id=L4 class=p><td title="block 0: taken 1, 0; block 1: taken 3">\+<b>-</b>\+ 2<td>	if \(y > 10\)$' "$A"
expect_grep '^<tr id=L1 class=p><td title="not executed">## 2<td>int twice\(int x\)$' "$A"
# more than 16 branches on a line: taken/all, red when one was not taken
expect_grep '^<tr id=L2 class=p><td title="taken 1(, 1){15}, 0"><b>16/17</b> 2<td>\{$' "$A"
# excluded, flaky, uncovered; a line that is no code
expect_grep '^<tr id=L6 class=x><td>excl<td>	return y; // LCOV_EXCL_LINE$' "$A"
expect_grep '^<tr id=L5 class="c f"><td>1<td>' "$A"
# (a line with branches but no hits is no code: it has a class, not to pass for covered)
# (and branches not taken side by side are one element)
expect_grep '^<tr id=L7 class=n><td title="taken 0, 0, 1"><b>--</b>\+<td>}$' "$A"
# the filters are the script's: no page has a control that would do nothing without it
expect_eq "pages with a toolbar" "" "$(grep -l 'toolbar\|<input' -r "$OUT/f")"
expect_grep '1 line whose coverage flips between the commit.s 2 coverage runs</summary><p><a href="\.\./f/src-a\.c-[0-9a-f]{8}\.html#L5">5</a> \(hit in 1 of 2\)' "$A"

# the big file: three pages of 2,000 lines, each under the budget, linked to each other
BIG=$(ls "$OUT"/f/src-big.c-*.html | sort)
expect_eq "big: pages" 3 "$(echo "$BIG" | wc -l)"
expect_grep '^<tr id=L4001><td>1<td>int big4001 = 4001;$' "$(echo "$BIG" | grep -- '-3\.html$')"
# the numbers are the stylesheet's counter, from each page's first line on
expect_eq "big: where each page's counter starts" '<tbody> <tbody style="counter-reset:l 2000"> <tbody style="counter-reset:l 4000">' \
	"$(for p in "$(echo "$BIG" | grep -v -- '-[23]\.html$')" $(echo "$BIG" | grep -- '-[23]\.html$'); do
		grep '^<tbody' "$p"; done | paste -sd' ')"
# lines of 19 bytes: 42 bytes a line (62 with a cell for the number and a class on covered lines)
expect_eq "big: bytes of the rows of pages 2 and 3" "84000 42000" \
	"$(for p in 2 3; do grep '^<tr id=L' "$(echo "$BIG" | grep -- "-$p\.html$")" | wc -c; done | paste -sd' ')"
expect_grep '^<p class=parts>Lines 2001-4000 of 5000\. Pages: <a href="src-big\.c-[0-9a-f]{8}\.html">1</a> <b>2</b> <a href="src-big\.c-[0-9a-f]{8}-3\.html">3</a></p>$' \
	"$(echo "$BIG" | grep -- '-2\.html$')"

# sources outside the repository are not read: an absolute path, a link that leads out
for f in "$OUT"/f/-etc-passwd-*.html "$OUT"/f/src-link.c-*.html; do
	expect_grep '<p class=warn>The source is not at hand: ' "$f"
	expect_eq "$(basename "$f"): no line of /etc/passwd" 0 "$(grep -c 'root:' "$f")"
done
expect_grep 'not at hand: its path leads outside the repository\.' "$(ls "$OUT"/f/-etc-passwd-*.html)"
expect_grep 'not at hand: it is a link that leads outside the repository\.' "$(ls "$OUT"/f/src-link.c-*.html)"

# tidy finds nothing to say of any page
if command -v tidy >/dev/null; then
	for f in $(find "$OUT" -name '*.html'); do
		tidy -q -e "$f" >"$TMP/tidy" 2>&1 || fail "tidy on ${f#$OUT/}: $(head -3 "$TMP/tidy")"
	done
else
	fail "tidy is not installed (scripts/install-deps.sh installs it)"
fi

# the same render again writes nothing; a change of one file's coverage rewrites its pages and the tables
(cd "$R" && assay report html -q --out "$OUT") || fail "re-render"
(cd "$R" && assay report html --out "$OUT") >"$TMP/out"
expect_grep '^wrote 0 pages \([0-9]+ unchanged, 0 removed\)' "$TMP/out"
lcov "$TMP/three.info" src/a.c 1-5:3
ingest "$HEAD" --label three "$TMP/three.info"
touch -d '2000-01-01' $(find "$OUT" -name '*.html')
(cd "$R" && assay report html --out "$OUT") >"$TMP/out"
# a.c's page (its hits, flaky in 2 of 3 runs now) and the summary (3 coverage runs): no other
expect_eq "rewritten after one file's change" "f/$(basename "$A") index.html" \
	"$(cd "$OUT" && find . -name '*.html' -newermt '2001-01-01' | sed 's|^\./||' | sort | paste -sd' ')"
expect_grep '^wrote 2 pages \([0-9]+ unchanged, 0 removed\)' "$TMP/out"
# a page is kept unmade only while what it is made of is the same: its source text counts, and
# a part of a page that is gone from the output is written again
sed -i 's/x \* 2/x * 3/' "$R/src/a.c"
(cd "$R" && assay report html --out "$OUT") >"$TMP/out"
expect_grep '^wrote 1 page \([0-9]+ unchanged, 0 removed\)' "$TMP/out"
expect_grep '^<tr id=L3><td title="taken 2(, 2){19}">20/20 5<td>	int y = x \* 3;' "$A"
BIG2=$(echo "$BIG" | grep -- '-2\.html$')
rm "$BIG2"
(cd "$R" && assay report html --out "$OUT") >"$TMP/out"
expect_grep '^wrote 1 page \([0-9]+ unchanged, 0 removed\)' "$TMP/out"
expect_grep '^<tr id=L2001>' "$BIG2"
# the manifest is sealed: a torn one (old and new text mixed) is refused, every page is compared
expect_grep '^#sealed [0-9a-f]{16}$' <(head -1 "$OUT/.assay-report")
NPAGES=$(grep -vc '^#' "$OUT/.assay-report")
cp "$OUT/.assay-report" "$TMP/sealed"
sed -i '2y/0123456789abcdef/123456789abcdef0/' "$OUT/.assay-report"
(cd "$R" && assay report html --out "$OUT") >"$TMP/out"
expect_grep "^wrote $NPAGES pages \\(0 unchanged, 0 removed\\)" "$TMP/out"
cmp -s "$TMP/sealed" "$OUT/.assay-report" || fail "the manifest written again is not the one before"
(cd "$R" && assay report html --out "$OUT") >"$TMP/out"
expect_grep '^wrote 0 pages \([0-9]+ unchanged, 0 removed\)' "$TMP/out"
# an older Assay's manifest (no seal, "HASH REL", no key): the same pages are not written again
awk '!/^#/ { print $1, $4 }' "$OUT/.assay-report" >"$TMP/manifest" && cp "$TMP/manifest" "$OUT/.assay-report"
(cd "$R" && assay report html --out "$OUT") >"$TMP/out"
expect_grep '^wrote 0 pages \([0-9]+ unchanged, 0 removed\)' "$TMP/out"
expect_grep '^#sealed ' <(head -1 "$OUT/.assay-report")

# --out: a file, or a link, is refused and nothing is written
echo text >"$TMP/afile"
(cd "$R" && assay report html --out "$TMP/afile") >"$TMP/out" 2>"$TMP/err"
expect_eq "--out a file: exit" 2 "$?"
expect_grep "^assay report html: --out $TMP/afile is not a directory" "$TMP/err"
expect_eq "--out a file: untouched" text "$(cat "$TMP/afile")"
mkdir "$TMP/elsewhere"
ln -s "$TMP/elsewhere" "$TMP/alink"
(cd "$R" && assay report html --out "$TMP/alink") >"$TMP/out" 2>"$TMP/err"
expect_eq "--out a link: exit" 2 "$?"
expect_eq "--out a link: nothing written" "" "$(ls "$TMP/elsewhere")"
# a page name in the manifest that leads out is never acted on
sed -i '/^#sealed /d' "$OUT/.assay-report"
printf '0000000000000000 ../../victim.html\n' >>"$OUT/.assay-report"
touch "$TMP/victim.html"
(cd "$R" && assay report html -q --out "$OUT") || fail "render with an edited manifest"
[ -e "$TMP/victim.html" ] || fail "a file outside the report was removed"
finish
