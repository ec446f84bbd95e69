#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay gate on prepared stores: each kind of regression alone, a quarantined failure,
# thresholds exactly at the limit (pass) and just past it (fail), a base without runs and its
# ancestor standing in, no ancestor at all (exit 2), a rename, a deleted file, a file outside the
# coverage data, and flaky coverage lines that do not fail the gate.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gate_lib.sh"

# base: 20 lines, 18 covered (90%); tests t1 t2 t3 pass
lines src/a.c 20
lines src/gone.c 5
BASE=$(commit base)
junit "$TMP/b.xml" t1:pass t2:pass t3:pass
lcov "$TMP/b.info" src/a.c 1-18:1 19-20:0
ingest "$BASE" "$TMP/b.xml" "$TMP/b.info"

# head: 20 lines added (16 covered: patch 80%); 34 of 40 covered (85%: 5 points down);
# t2 fails, t3 is gone, t4 is new
seq -f 'int added%g;' 21 40 >>"$R/src/a.c"
HEAD=$(commit head)
junit "$TMP/h.xml" t1:pass t2:fail t4:pass
lcov "$TMP/h.info" src/a.c 1-18:1 19-20:0 21-36:3 37-40:0
ingest "$HEAD" "$TMP/h.xml" "$TMP/h.info"

AT_LIMIT=(--set coverage.max_drop_lines=5 --set patch.min=80)

# the defaults: tests fail (a new failure, a test gone), line coverage fell 5 points (> 0.5)
gate --base "$BASE"
expect_eq "defaults: exit" 1 "$GATE"
expect_grep '^tests +2 passed, 1 failed \(1 new\), 1 gone +no failure, none gone +3 passed, 0 failed +FAIL$' "$TMP/out"
expect_grep '^line coverage change +85\.00% \(34/40\) +drop at most 0\.5 points +90\.00% \(18/20\) +FAIL$' "$TMP/out"
expect_grep '^patch coverage +80\.00% \(16/20 lines\) +at least 80% +- +pass$' "$TMP/out"
expect_grep '^benchmarks .*no data \(no benchmarks on either side\)$' "$TMP/out"
expect_grep '^mutation score .*no data \(head has no mutation run\)$' "$TMP/out"
expect_grep '^New failures:$' "$TMP/out"
expect_grep '^  c\.t2 \(tests/t\.c:7\)$' "$TMP/out"
expect_grep '^      t2 broke$' "$TMP/out"
expect_grep '^Tests gone missing:$' "$TMP/out"
expect_grep '^  c\.t3 \(tests/t\.c:7\)$' "$TMP/out"
expect_grep '^Uncovered changed lines:$' "$TMP/out"
expect_grep '^  src/a\.c:37-40$' "$TMP/out"
expect_grep "^base ${BASE:0:12} base \(--base $BASE\)$" "$TMP/out"
expect_grep '^diff 20 changed lines in 1 file$' "$TMP/out"
expect_grep '^gate FAILED$' "$TMP/out"

# each regression alone: the tests, with the coverage thresholds at their limits
gate --base "$BASE" "${AT_LIMIT[@]}"
expect_eq "tests alone: exit" 1 "$GATE"
expect_eq "tests alone: failing rows" "tests" "$(grep -E ' FAIL$' "$TMP/out" | cut -d' ' -f1 | tr '\n' ' ' | sed 's/ $//')"

# a quarantined failure and allow_missing: passes, the failure still listed
printf '# known flaky\ns\tc\tt2\n' >"$TMP/quarantine.txt"
gate --base "$BASE" "${AT_LIMIT[@]}" --quarantine "$TMP/quarantine.txt" --set tests.allow_missing=true
expect_eq "quarantined: exit" 0 "$GATE"
expect_grep '^tests +2 passed, 0 failed, 1 quarantined, 1 gone +no failure +3 passed, 0 failed +pass$' "$TMP/out"
expect_grep '^Quarantined failures:$' "$TMP/out"
expect_grep '^Tests gone missing:$' "$TMP/out"
expect_grep '^gate passed$' "$TMP/out"
Q=(--quarantine "$TMP/quarantine.txt" --set tests.allow_missing=true)

# just past each limit: one failing row each, exit 1
for past in coverage.max_drop_lines=4.99 patch.min=80.01 coverage.min_lines=85.01; do
	gate --base "$BASE" "${AT_LIMIT[@]}" "${Q[@]}" --set "$past"
	expect_eq "$past: exit" 1 "$GATE"
	expect_eq "$past: failing rows" 1 "$(grep -cE ' FAIL$' "$TMP/out")"
done
gate --base "$BASE" "${AT_LIMIT[@]}" "${Q[@]}" --set coverage.min_lines=85
expect_eq "min_lines at the limit: exit" 0 "$GATE"
expect_grep '^line coverage +85\.00% \(34/40\) +at least 85% +90\.00% \(18/20\) +pass$' "$TMP/out"

# a per-path minimum, from the configuration file
cat >"$R/.assay.ini" <<'INI'
# critical component
[coverage "src/**"]
min_lines = 85
INI
gate --base "$BASE" "${AT_LIMIT[@]}" "${Q[@]}"
expect_eq "path minimum: exit" 0 "$GATE"
expect_grep '^line coverage of src/\*\* +85\.00% \(34/40\) +at least 85% +90\.00% \(18/20\) +pass$' "$TMP/out"
cat >"$R/.assay.ini" <<'INI'
[coverage "src/a.c"]
min_lines = 86
INI
gate --base "$BASE" "${AT_LIMIT[@]}" "${Q[@]}"
expect_eq "path minimum failing: exit" 1 "$GATE"
expect_grep '^line coverage of src/a\.c +85\.00% \(34/40\) +at least 86% +90\.00% \(18/20\) +FAIL$' "$TMP/out"
cat >"$R/.assay.ini" <<'INI'
[coverage "lib/**"]
min_lines = 50
INI
gate --base "$BASE" "${AT_LIMIT[@]}" "${Q[@]}"
expect_eq "path minimum matching nothing: exit" 2 "$GATE"
expect_grep 'could not decide \(lib/\*\* \(.*\.assay\.ini:2\): no file of head.s coverage matches\)$' "$TMP/out"
rm "$R/.assay.ini"

# a base without runs: its ancestor stands in, and every output says so
git -C "$R" checkout -q -b side "$BASE"
echo '// comment' >>"$R/src/gone.c"
NORUNS=$(commit "no runs")
git -C "$R" checkout -q main
gate --head "$HEAD" --base "$NORUNS" "${AT_LIMIT[@]}" "${Q[@]}" --json
expect_eq "ancestor: exit" 0 "$GATE"
expect_eq "ancestor: json" "$BASE $NORUNS 1" "$(json_strict "$TMP/out" '"%s %s %d" % (d["base"]["sha"], d["base_named"], d["base_steps"])')"
gate --head "$HEAD" --base "$NORUNS" "${AT_LIMIT[@]}" "${Q[@]}" --markdown "$TMP/a.md"
expect_grep "${NORUNS:0:12}. has no runs, its ancestor 1 commit up stands in" "$TMP/a.md"
gate --head "$HEAD" --base "$NORUNS" "${AT_LIMIT[@]}" "${Q[@]}" --junit "$TMP/a.xml"
expect_grep "^    <property name=\"base_named\" value=\"$NORUNS\"/>$" "$TMP/a.xml"
expect_grep '^    <property name="base_steps" value="1"/>$' "$TMP/a.xml"
expect_grep "^    <property name=\"base\" value=\"$BASE\"/>$" "$TMP/a.xml"
expect_grep "; ${NORUNS:0:12} has no runs: its ancestor 1 commit up stands in\)$" "$TMP/out"
# no ancestor within reach: could not decide
gate --head "$HEAD" --base "$NORUNS" --base-depth 0
expect_eq "no ancestor: exit" 2 "$GATE"
expect_grep "^assay gate: no base with runs: neither ${NORUNS:0:12} \(--base $NORUNS\) nor its 0 nearest ancestors have runs" "$TMP/err"
expect_eq "no ancestor: nothing on stdout" 0 "$(wc -c <"$TMP/out")"

# a rename with one line changed, a deleted file, and a changed file outside the coverage data
git -C "$R" checkout -q main
git -C "$R" mv src/a.c src/b.c
sed -i 's/^int line3;$/int line3 = 3;/' "$R/src/b.c"
git -C "$R" rm -q src/gone.c
mkdir -p "$R/docs" && printf 'int docs_a = 1;\nint docs_b = 2;\nint docs_c = 3;\n' >"$R/docs/example.c"
MOVED=$(commit "rename")
junit "$TMP/m.xml" t1:pass t2:pass t3:pass
lcov "$TMP/m.info" src/b.c 1-2:1 3:0 4-18:1 19-20:0 21-36:3 37-40:0
ingest "$MOVED" "$TMP/m.xml" "$TMP/m.info"
gate --head "$MOVED" --base "$HEAD" "${AT_LIMIT[@]}" "${Q[@]}" --json
expect_eq "rename: exit" 1 "$GATE"
JSON_PY='def patch(d): return [c for c in d["checks"] if c["check"] == "patch"][0]
def uncovered(d): return [r for r in d["reasons"] if r["kind"] == "uncovered"]'
expect_eq "rename: patch" "0.00% (0/1 lines) 1 changed file not in head's coverage data" \
	"$(json_strict "$TMP/out" '"%s %s" % (patch(d)["head"], patch(d)["why"])')"
expect_eq "rename: the uncovered line" "src/b.c 3 3" \
	"$(json_strict "$TMP/out" '" ".join("%s %d %d" % (r["file"], r["line"], r["end_line"]) for r in uncovered(d))')"
expect_eq "rename: changed" "4 2" "$(json_strict "$TMP/out" '"%d %d" % (d["changed_lines"], d["changed_files"])')"

# flaky coverage: two runs of one commit, a changed line hit in one and missed in the other
sed -i 's/^int line5;$/int line5 = 5;/; s/^int line6;$/int line6 = 6;/' "$R/src/b.c"
FLAKY=$(commit "flaky")
lcov "$TMP/f1.info" src/b.c 1-4:1 5:1 6:1 7-20:1
lcov "$TMP/f2.info" src/b.c 1-4:1 5:0 6:1 7-20:1
junit "$TMP/f.xml" t1:pass t2:pass t3:pass
ingest "$FLAKY" --label one "$TMP/f.xml" "$TMP/f1.info"
ingest "$FLAKY" --label two "$TMP/f2.info"
gate --head "$FLAKY" --base "$MOVED" --set coverage.enabled=false
expect_eq "flaky coverage: exit" 0 "$GATE"
expect_grep '^patch coverage +100\.00% \(1/1 lines\), 1 flaky +at least 80% +- +pass$' "$TMP/out"
expect_grep '^Flaky coverage on changed lines \(not counted\):$' "$TMP/out"
expect_grep '^  src/b\.c:5$' "$TMP/out"
gate --head "$FLAKY" --base "$MOVED" --set coverage.enabled=false --annotations
expect_eq "flaky coverage: no annotation" 0 "$(grep -c '^::' "$TMP/out")"

# a diff that changes no executable line passes the patch check
echo '// a comment line' >>"$R/docs/example.c"
DOCS=$(commit "docs")
ingest "$DOCS" "$TMP/f.xml" "$TMP/f1.info"
gate --head "$DOCS" --base "$FLAKY"
expect_eq "no changed lines: exit" 0 "$GATE"
expect_grep '^patch coverage +no changed lines +at least 80% +- +pass' "$TMP/out"

finish
