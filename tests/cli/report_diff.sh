#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay report html --base: the differential view on a two-commit repository, one line in each
# of lcov 2's twelve categories (a deleted file and a renamed one besides), counted in the
# summary and the tables and marked on each line; its patch coverage is the gate's.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gate_lib.sh"

mkdir -p "$R/src"
seq -f 'int a%g;' 1 10 >"$R/src/a.c"
seq -f 'int g%g;' 1 3 >"$R/src/gone.c"
seq -f 'int b%g;' 1 3 >"$R/src/b.c"
BASE=$(commit base)
junit "$TMP/j.xml" t:pass
# base: 1 2 covered, 3 4 not, 5 covered, 6 not, 7 8 no code, 9 covered, 10 not
lcov "$TMP/b.info" src/a.c 1-2:1 3-4:0 5:1 6:0 9:1 10:0
lcov_add "$TMP/b.info" src/gone.c 1:1 2:0 3:1
lcov_add "$TMP/b.info" src/b.c 1-2:1 3:0
ingest "$BASE" "$TMP/j.xml" "$TMP/b.info"

# head: lines 9 and 10 rewritten, gone.c deleted, b.c renamed to c.c with line 2 changed
sed -i 's/^int a9;$/int a9 = 9;/; s/^int a10;$/int a10 = 10;/' "$R/src/a.c"
git -C "$R" rm -q src/gone.c
git -C "$R" mv src/b.c src/c.c
sed -i 's/^int b2;$/int b2 = 2;/' "$R/src/c.c"
HEAD=$(commit head)
# head: 1 covered, 2 not, 3 covered, 4 not, 5 6 no code, 7 not, 8 covered, 9 covered, 10 not
lcov "$TMP/h.info" src/a.c 1:1 2:0 3:1 4:0 7:0 8:1 9:1 10:0
lcov_add "$TMP/h.info" src/c.c 1:1 2:0 3:0
ingest "$HEAD" "$TMP/j.xml" "$TMP/h.info"

# a benchmark 30% slower on head
for c in "$BASE:100" "$HEAD:130"; do
	printf '[%s]\n' "$(for i in 1 2 3 4 5 6 7 8; do printf '{"name":"parse","unit":"ms","value":%s.%s}' "${c#*:}" "$i"; [ $i = 8 ] || printf ','; done)" \
		>"$TMP/bench.json"
	(cd "$R" && assay bench ingest -q --commit "${c%%:*}" "$TMP/bench.json") || fail "bench ingest"
done

OUT=$TMP/report
# rendered first without a base: the pages it keeps by their key are no stand-ins for the differential view's
(cd "$R" && assay report html -q --out "$OUT") || fail "render without a base"
(cd "$R" && assay report html --out "$OUT" --base "$BASE") >"$TMP/out" 2>"$TMP/err"
expect_eq "render: exit" 0 "$?"
python3 "$(dirname "$0")/report_check.py" "$OUT" 200000 >"$TMP/check" || fail "structure: $(cat "$TMP/check")"

# the summary's table: every category with its count
cats() {
	sed -n 's|^<tr class=[kz]-\([A-Z]*\)><td><b>[A-Z]*</b></td><td>\([0-9]*\)</td>.*|\1 \2|p' "$OUT/index.html" | paste -sd' '
}
expect_eq "categories" "UNC 2 LBC 1 UIC 1 UBC 2 GBC 1 GIC 1 GNC 1 CBC 2 EUB 1 ECB 1 DUB 2 DCB 4" "$(cats)"
expect_grep "^<section class=base><h2>Against the base <code>${BASE:0:12}</code></h2>$" "$OUT/index.html"
expect_grep "^<p>--base $BASE\. The change touches 3 lines\.</p>$" "$OUT/index.html"
expect_grep '^<p>1 file deleted; their lines are counted as DUB and DCB\.</p>$' "$OUT/index.html"
# each line of a.c marked with its category
A=$(ls "$OUT"/f/src-a.c-*.html)
expect_eq "a.c's lines" "1 CBC 2 LBC 3 GBC 4 UBC 5 ECB 6 EUB 7 UIC 8 GIC 9 GNC 10 UNC" \
	"$(sed -n 's|^<tr id=L\([0-9]*\).*<span class="k k-\([A-Z]*\)">.*|\1 \2|p' "$A" | paste -sd' ')"
# a line that is no code but has a category has a class ("n"): no class would say covered
expect_grep '^<tr id=L5 class=n><td><span class="k k-ECB">ECB</span> <td>int a5;$' "$A"
expect_grep '^<tr id=L9><td><span class="k k-GNC">GNC</span> 1<td>int a9 = 9;$' "$A"
# the renamed file follows its lines to where they were
C=$(ls "$OUT"/f/src-c.c-*.html)
expect_eq "c.c's lines" "1 CBC 2 UNC 3 UBC" \
	"$(sed -n 's|^<tr id=L\([0-9]*\).*<span class="k k-\([A-Z]*\)">.*|\1 \2|p' "$C" | paste -sd' ')"
# (a changed line is its old self deleted and a new one: b.c's line 2 is one of the DCB)
# counted in the tables too
expect_grep '^<tr data-name="src/a\.c" .*<td data-v=1 class=lo>1</td><td data-v=1 class=lo>1</td><td>.*<span class=k-GNC [^>]*>GNC 1</span>' "$OUT/files.html"
# the patch coverage is the gate's: 1 of 3 changed lines (a.c 9 and 10, c.c 2)
expect_grep '^<tr><th>Patch coverage</th><td>-</td><td class=lo data-v=33\.3333>' "$OUT/index.html"
(cd "$R" && assay gate --base "$BASE" --json) >"$TMP/gate.json"
expect_eq "the gate's patch coverage" "33.33% (1/3 lines)" \
	"$(json_strict "$TMP/gate.json" '[c["head"] for c in d["checks"] if c["check"] == "patch"][0]')"

# the benchmark's verdict, as bench compare and the gate give it
expect_grep '^<tr><td>parse</td><td>value</td><td>100\.45 ?ms</td><td>130\.45 ?ms</td><td data-v=0\.29[0-9]*>\+29\.9%</td><td class=lo>regressed</td></tr>$' "$OUT/index.html"

# --base auto takes the gate's rules: on main, head's parent
(cd "$R" && assay report html -q --out "$TMP/auto" --base auto) || fail "--base auto"
expect_grep "^<p>the parent of head, which is on main\. The change touches 3 lines\.</p>$" "$TMP/auto/index.html"
# a base git does not know: exit 2, nothing written
(cd "$R" && assay report html --out "$TMP/bad" --base no-such-rev) >"$TMP/out" 2>"$TMP/err"
expect_eq "unknown base: exit" 2 "$?"
expect_grep "^assay report html: --base no-such-rev: not a commit git knows here, nor one in the store$" "$TMP/err"
[ ! -e "$TMP/bad" ] || fail "unknown base: the report was written"
finish
