#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay gate's other checks, each regression alone: a benchmark that got slower (judged as
# `assay bench compare` judges it), a mutation score that fell and a mutant surviving on a
# changed line (real `assay mutate` runs); the base named by each CI's environment; no colour
# with NO_COLOR; the Markdown under GitHub's limit with 100,000 uncovered changed lines.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gate_lib.sh"

# A project of one function and one test, built with compile_commands.json for assay mutate.
mkdir -p "$R/src" "$R/tests"
cat >"$R/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(sign LANGUAGES C)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
add_executable(t tests/t.c src/sign.c)
enable_testing()
add_test(NAME t COMMAND t)
CMAKE
sign_source
cat >"$R/tests/t.c" <<'C'
int sign_of_sum(int a, int b);
int main(void)
{
	if (sign_of_sum(1, 1) != 1)
		return 1;
	if (sign_of_sum(-1, -1) != -1 || sign_of_sum(0, 0) != 0 || sign_of_sum(1, -1) != 0)
		return 1;
	return 0;
}
C
echo "build/" >"$R/.gitignore"
BASE=$(commit "sign_of_sum, tested on every side")

# mutate COMMIT: build and mutate the checkout as it is, as that commit
mutate() {
	rm -rf "$R/build"
	cmake -S "$R" -B "$R/build" >/dev/null && cmake --build "$R/build" >/dev/null || fail "build"
	(cd "$R" && assay mutate -q --build-dir build --ctest --commit "$1") >"$TMP/mutate.out" 2>&1 ||
		fail "mutate $1: $(tail -3 "$TMP/mutate.out")"
}
junit "$TMP/j.xml" t:pass
lcov "$TMP/b.info" src/sign.c 1-9:1
ingest "$BASE" "$TMP/j.xml" "$TMP/b.info"
mutate "$BASE"

# head: only the positive side tested, and the first comparison written the other way round
sed -i '/sign_of_sum(-1, -1)/,+1d' "$R/tests/t.c"
sed -i 's/if (s > 0)/if (0 < s)/' "$R/src/sign.c"
HEAD=$(commit "sign_of_sum: fewer tests")
ingest "$HEAD" "$TMP/j.xml" "$TMP/b.info"
mutate "$HEAD"
SCORES=$(q "SELECT group_concat(printf('%.4f', score), ' ') FROM (SELECT score FROM mutation_runs ORDER BY run_id)")

gate --base "$BASE" --head "$HEAD" --json
expect_eq "mutation: exit" 1 "$GATE"
JSON_PY='def row(d, n): return [c for c in d["checks"] if c["name"] == n][0]
def reasons(d, k): return [r for r in d["reasons"] if r["kind"] == k]'
expect_eq "mutation: the score's row" "fail" "$(json_strict "$TMP/out" 'row(d, "mutation score change")["state"]')"
expect_eq "mutation: scores" "$SCORES" \
	"$(json_strict "$TMP/out" '"%.4f %.4f" % (row(d, "mutation score change")["base_value"], row(d, "mutation score change")["head_value"])')"
expect_eq "mutation: only that row fails" "mutation score change" \
	"$(json_strict "$TMP/out" '" ".join(c["name"] for c in d["checks"] if c["state"] == "fail")')"
# survivors on the changed line: listed, not failing without changed_lines
expect_eq "survivors on line 4, not blocking" "True 0" \
	"$(json_strict "$TMP/out" '"%s %d" % (len(reasons(d, "survivor")) > 0 and all(r["line"] == 4 and r["file"] == "src/sign.c" for r in reasons(d, "survivor")), sum(r["blocking"] for r in reasons(d, "survivor")))')"
gate --base "$BASE" --head "$HEAD" --set mutation.max_drop=100 --set mutation.changed_lines=true --annotations
expect_eq "changed_lines: exit" 1 "$GATE"
expect_grep '^survivors on changed lines +[1-9][0-9]* +none +- +FAIL$' "$TMP/out"
expect_grep '^::error file=src/sign\.c,line=4,title=Mutant survived on a changed line::' "$TMP/out"
gate --base "$BASE" --head "$HEAD" --set mutation.max_drop=100
expect_eq "max_drop 100: exit" 0 "$GATE"
# a mutation check asked for, without a run on head: could not decide; with missing = skip: passes
echo '/* more */' >>"$R/src/sign.c"
NOMUT=$(commit "no mutation run")
ingest "$NOMUT" "$TMP/j.xml" "$TMP/b.info"
gate --base "$HEAD" --head "$NOMUT" --set mutation.min_score=50
expect_eq "mutation asked, no run: exit" 2 "$GATE"
expect_grep '^mutation score +- +- +- +could not decide \(head has no mutation run\)$' "$TMP/out"
expect_grep '^gate could not decide$' "$TMP/out"
gate --base "$HEAD" --head "$NOMUT" --set mutation.min_score=50 --set mutation.missing=skip
expect_eq "mutation asked, skipped: exit" 0 "$GATE"
expect_grep '^mutation score +- +- +- +skipped \(head has no mutation run\)$' "$TMP/out"

# performance: 8 samples a side, head 30% slower; the same verdict as bench compare
samples() {
	local out=$1 name=$2
	shift 2
	{
		echo "["
		local sep=""
		for v in "$@"; do
			printf '%s{"name": "%s", "unit": "ms", "value": %s}\n' "$sep" "$name" "$v"
			sep=","
		done
		echo "]"
	} >"$out"
}
samples "$TMP/bb.json" parse 100 101 99 100.5 100.2 99.8 100.1 99.9
samples "$TMP/hb.json" parse 130 131 129 130.5 130.2 129.8 130.1 129.9
(cd "$R" && assay bench ingest -q --commit "$HEAD" "$TMP/bb.json" && assay bench ingest -q --commit "$NOMUT" "$TMP/hb.json") ||
	fail "bench ingest"
gate --base "$HEAD" --head "$NOMUT"
expect_eq "performance: exit" 1 "$GATE"
expect_grep '^benchmarks +1 regressed of 1 +none 5% worse \(p < 0\.05\) +1 series +FAIL$' "$TMP/out"
expect_grep '^Regressed benchmarks:$' "$TMP/out"
expect_grep '^      value: 100\.05 ?ms -> 130\.05 ?ms \(\+30\.0%, 95% CI of the ratio \[' "$TMP/out"
(cd "$R" && assay bench compare "$HEAD" "$NOMUT") >"$TMP/compare" 2>&1
expect_eq "bench compare agrees: exit" 1 "$?"
gate --base "$HEAD" --head "$NOMUT" --set performance.threshold=40
expect_eq "performance under a 40% threshold: exit" 0 "$GATE"
cat >"$R/.assay.ini" <<'INI'
[benchmark "pa*"]
threshold = 35
INI
gate --base "$HEAD" --head "$NOMUT"
expect_eq "a benchmark's own threshold: exit" 0 "$GATE"
rm "$R/.assay.ini"
# peak memory counts as a benchmark: the same program holding 20 MiB, then 200 MiB
echo '/* mem */' >>"$R/src/sign.c"
MEM1=$(commit "mem base")
echo '/* mem */' >>"$R/src/sign.c"
MEM2=$(commit "mem head")
for c in "$MEM1:20" "$MEM2:200"; do
	ingest "${c%%:*}" "$TMP/j.xml" "$TMP/b.info"
	(cd "$R" && assay bench run -q --commit "${c%%:*}" -r 8 -w 1 --name hold -- \
		python3 -c "b = bytearray(${c#*:} << 20); b[::4096] = b'x' * len(b[::4096])") || fail "bench run"
done
gate --base "$MEM1" --head "$MEM2" --json
expect_eq "peak memory: exit" 1 "$GATE"
# (touching ten times the memory takes longer too: wall may regress beside it)
expect_eq "peak memory: among the regressions" "True" \
	"$(json_strict "$TMP/out" '"hold maxrss" in ["%s %s" % (r["title"], r["text"].split(":")[0]) for r in d["reasons"] if r["kind"] == "regression"]')"

# the base each CI names
git -C "$R" branch -f target "$BASE"
git -C "$R" checkout -q "$HEAD"
ci_gate() {
	(cd "$R" && env "$@" assay gate --head "$HEAD" --json --set mutation.enabled=false) >"$TMP/out" 2>"$TMP/err"
	GATE=$?
}
ci_gate GITHUB_BASE_REF=target
expect_eq "GitHub: base" "$BASE GITHUB_BASE_REF target" "$(json_strict "$TMP/out" '"%s %s" % (d["base"]["sha"], d["base_from"])')"
ci_gate CHANGE_TARGET=target
expect_eq "Jenkins: base" "$BASE CHANGE_TARGET target" "$(json_strict "$TMP/out" '"%s %s" % (d["base"]["sha"], d["base_from"])')"
ci_gate CI_MERGE_REQUEST_DIFF_BASE_SHA="$BASE"
expect_eq "GitLab: base" "$BASE CI_MERGE_REQUEST_DIFF_BASE_SHA $BASE" "$(json_strict "$TMP/out" '"%s %s" % (d["base"]["sha"], d["base_from"])')"
ci_gate GITHUB_BASE_REF=no-such-branch
expect_eq "GitHub, unknown branch: exit" 2 "$GATE"
expect_grep "\"message\":\"the pull request's base branch no-such-branch \(GITHUB_BASE_REF\) is not in this clone: fetch it" "$TMP/err"
git -C "$R" checkout -q main

# colour on a terminal only, never with NO_COLOR: forced on with --color always, off with NO_COLOR
(cd "$R" && assay gate --color always --base "$HEAD" --head "$NOMUT") >"$TMP/colour" 2>&1
expect_eq "--color always colours" 1 "$(grep -c $'\e\\[' "$TMP/colour" | sed 's/^[1-9][0-9]*$/1/')"
(cd "$R" && NO_COLOR=1 assay gate --base "$HEAD" --head "$NOMUT") >"$TMP/plain" 2>&1
expect_eq "NO_COLOR: no escape" 0 "$(grep -c $'\e' "$TMP/plain")"

# 100,000 uncovered changed lines: the Markdown stays under 65,536 bytes and says what it left out
awk 'BEGIN { for (i = 1; i <= 200000; i++) printf "int big%d;\n", i }' >"$R/src/big.c"
BIG=$(commit "big")
awk -v f="$R/src/big.c" 'BEGIN { print "TN:"; print "SF:" f
	for (i = 1; i <= 200000; i++) printf "DA:%d,%d\n", i, i % 2
	print "LF:200000"; print "LH:100000"; print "end_of_record" }' >"$TMP/big.info"
ingest "$BIG" "$TMP/j.xml" "$TMP/big.info"
GITHUB_STEP_SUMMARY=$TMP/summary.md gate --base "$NOMUT" --head "$BIG" --markdown "$TMP/big.md" --json
expect_eq "big: exit" 1 "$GATE"
expect_eq "big: uncovered ranges" 100000 "$(json_strict "$TMP/out" 'len([r for r in d["reasons"] if r["kind"] == "uncovered"])')"
SIZE=$(wc -c <"$TMP/big.md")
[ "$SIZE" -lt 65536 ] || fail "the Markdown is $SIZE bytes"
[ "$SIZE" -gt 50000 ] || fail "the Markdown is only $SIZE bytes: the list was cut too soon"
SHOWN=$(grep -c '^- `src/big\.c` line [0-9]*$' "$TMP/big.md")
expect_grep "^- _… and $((100000 - SHOWN)) more not shown \(the summary's size is limited\)_$" "$TMP/big.md"
expect_grep '^### Uncovered changed lines \(100000\)$' "$TMP/big.md"
cmp -s "$TMP/big.md" "$TMP/summary.md" || fail "the job summary is not the Markdown"
finish
