#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The report's Tests page from real runs: ctest's JUnit, a mutation run with its kill matrix
# (assay mutate --all-tests) and repeated runs (assay flaky run): every test with its status,
# its flaky score, the mutants it kills, and the tests that kill nothing or only what another
# test kills too.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gate_lib.sh"

mkdir -p "$R/src" "$R/tests"
sign_source
# t_all checks every side; t_pos only the positive one (what t_all kills, and less); t_none nothing
for t in all pos none; do
	{
		echo 'int sign_of_sum(int a, int b);'
		echo 'int main(void) {'
		case $t in
		all) echo 'return sign_of_sum(1, 1) != 1 || sign_of_sum(-1, -1) != -1 || sign_of_sum(0, 0) != 0;' ;;
		pos) echo 'return sign_of_sum(2, 3) != 1;' ;;
		none) echo 'sign_of_sum(0, 0); return 0;' ;;
		esac
		echo '}'
	} >"$R/tests/t_$t.c"
done
cat >"$R/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(sign LANGUAGES C)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
enable_testing()
foreach(t all pos none)
	add_executable(t_${t} tests/t_${t}.c src/sign.c)
	add_test(NAME t_${t} COMMAND t_${t})
endforeach()
# fails every other time it runs: a flaky test
add_test(NAME t_flip COMMAND sh -c "if [ -e \"$ENV{FLIP}\" ]; then rm \"$ENV{FLIP}\"; exit 1; else touch \"$ENV{FLIP}\"; fi")
CMAKE
echo "build/" >"$R/.gitignore"
HEAD=$(commit "sign_of_sum")
export FLIP=$TMP/flip
cmake -S "$R" -B "$R/build" >/dev/null && cmake --build "$R/build" >/dev/null || fail "build"
(cd "$R/build" && ctest --output-junit "$TMP/j.xml" >/dev/null)
rm -f "$FLIP"
ingest "$HEAD" "$TMP/j.xml"
(cd "$R" && assay mutate -q --build-dir build --ctest --all-tests --ctest-regex '^t_(all|pos|none)$') >"$TMP/m.out" 2>&1 ||
	fail "mutate: $(tail -3 "$TMP/m.out")"
(cd "$R" && assay flaky run -q -n 4 -- ctest --test-dir build --output-junit {junit}) >"$TMP/f.out" 2>&1
rm -f "$FLIP"
(cd "$R" && assay report html -q --out "$TMP/report") || fail "render"
row() {
	sed -n "s|^<tr data-name=\"$1\"><td data-v=[^>]*>[^<]*</td>\\(.*\\)</tr>\$|\\1|p" "$TMP/report/tests.html" |
		sed 's/<pre>.*//; s/<[^>]*>/ /g; s/  */ /g; s/^ //; s/ $//'
}
KILLS=$(q "SELECT count(DISTINCT mutant_id) FROM mutation_kills WHERE test = 't_all'")
expect_eq "t_all" "pass $(row t_all.t_all | awk '{print $2, $3}') - $KILLS" "$(row t_all.t_all)"
expect_grep '^<tr data-name="t_pos.t_pos">.*<td data-v=[1-9][0-9]* class=med>[1-9][0-9]* <small>\(all killed by t_all\.t_all too\)</small></td>' "$TMP/report/tests.html"
expect_grep '^<tr data-name="t_none.t_none">.*<td data-v=0 class=med>0 <small>\(kills nothing\)</small></td>' "$TMP/report/tests.html"
expect_grep '^<tr data-name="t_flip.t_flip">.*<td class=flaky data-v=0\.5000>failed 2 of 4</td>' "$TMP/report/tests.html"
expect_grep 'By the mutation run.s kill matrix, <b>2</b> kill no mutant and <b>1</b> kills only mutants another test kills too\.' \
	"$TMP/report/tests.html"

# mutation-report.json beside the pages: the report schema's document of the same run
schema=$ASSAY_SOURCE_DIR/../shared/schemas/mutation-testing-report-schema.json
[ -f "$schema" ] || { echo "no $schema: the document's schema is not checked"; schema=-; }
python3 - "$TMP/report/mutation-report.json" "$schema" >"$TMP/py" 2>&1 <<'PY'
import json, sys, collections
doc = json.load(open(sys.argv[1]))
if sys.argv[2] != "-":
    import jsonschema
    jsonschema.validate(doc, json.load(open(sys.argv[2])))
    print("valid")
c = collections.Counter(m["status"] for f in doc["files"].values() for m in f["mutants"])
print(" ".join("%s=%d" % kv for kv in sorted(c.items())))
print("files", " ".join(sorted(doc["files"])), "source", "sign_of_sum" in doc["files"]["src/sign.c"]["source"])
PY
[ "$schema" = - ] || expect_grep '^valid$' "$TMP/py"
expect_eq "the document's statuses" \
	"$(q "SELECT group_concat(s || '=' || n, ' ') FROM (SELECT CASE status WHEN 'killed' THEN 'Killed' WHEN 'survived' THEN 'Survived' WHEN 'no_coverage' THEN 'NoCoverage' WHEN 'timeout' THEN 'Timeout' ELSE 'Ignored' END AS s, count(*) AS n FROM mutations GROUP BY s ORDER BY s)")" \
	"$(sed -n 's/^\([A-Z][a-zA-Z]*=[0-9].*\)$/\1/p' "$TMP/py")"
expect_grep '^files src/sign\.c source True$' "$TMP/py"
expect_grep '<a href="mutation-report\.json">mutation-report\.json</a>' "$TMP/report/mutants.html"
finish
