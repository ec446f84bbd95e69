#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One build of the example, its coverage captured three ways by the real tools (gcov JSON,
# lcov, gcovr --cobertura: tests/fixtures, one run): each alone, and any of them together in
# one run, gives the branch counts the tools printed.  The formats number branches differently
# (Cobertura has only "C of T" per line), so a file that several describe is kept in one format,
# and stderr says which.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES
E=$F/EXPECTED.tsv
STRIP=/tmp/assay-fixtures/repo/examples/calc/
GCOV=$(ls "$F"/gcov/*.c.gcov.json.gz)
LCOV=$F/lcov/calc-all.info
COB=$F/cobertura/calc-gcovr.xml

# expected FILE SCOPE MEASURE: a figure the producing tool printed (EXPECTED.tsv)
expected() {
	awk -F'\t' -v f="$1" -v s="$2" -v m="$3" '$1 == f && $2 == s && $3 == m { print $4 }' "$E"
}

# branches SHA: hit/found of the run of commit SHA
branches() {
	q "SELECT sum(branches_hit) || '/' || sum(branches_found) FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = '$1'"
}

# gcov's own figures for the library's four files: branches found and the percent taken
gcov_found=0
gcov_hit=0
for f in $GCOV; do
	name=gcov/$(basename "$f")
	scope=${STRIP}src/$(basename "$f" .gcov.json.gz)
	n=$(expected "$name" "$scope" branches_taken_found)
	pct=$(expected "$name" "$scope" branches_taken_percent)
	gcov_found=$((gcov_found + n))
	gcov_hit=$((gcov_hit + $(awk -v n="$n" -v p="$pct" 'BEGIN { printf "%d", n * p / 100 + 0.5 }')))
done
ALL="$(expected cobertura/calc-gcovr.xml total branches_hit)/$(expected cobertura/calc-gcovr.xml total branches_found)"
expect_eq "gcovr and lcov printed the same totals" "$ALL" \
	"$(expected lcov/calc-all.info total branches_hit)/$(expected lcov/calc-all.info total branches_found)"

# alone
expect_exit 0 assay ingest --commit gcov --strip "$STRIP" $GCOV
expect_eq "gcov JSON alone" "$gcov_hit/$gcov_found" "$(branches gcov)"
expect_exit 0 assay ingest --commit lcov --strip "$STRIP" "$LCOV"
expect_eq "lcov alone" "$ALL" "$(branches lcov)"
expect_exit 0 assay ingest --commit cob --strip "$STRIP" "$COB"
expect_eq "Cobertura alone" "$ALL" "$(branches cob)"
expect_eq "one format: no message" 0 "$(wc -c < "$TMP/err")"

# together: the same counts, not a union of differently numbered branches
expect_exit 0 assay ingest --commit cob+gcov --strip "$STRIP" "$COB" $GCOV
expect_eq "Cobertura with gcov JSON" "$ALL" "$(branches cob+gcov)"
expect_eq "one message per file both describe" 4 "$(grep -c 'described by' "$TMP/err")"
expect_grep '^assay ingest: src/eval\.c: described by gcov JSON and Cobertura; kept gcov JSON only' "$TMP/err"

expect_exit 0 assay ingest --commit cob+lcov --strip "$STRIP" "$COB" "$LCOV"
expect_eq "Cobertura with lcov" "$ALL" "$(branches cob+lcov)"
expect_eq "every file: both describe it" 9 "$(grep -c 'described by lcov and Cobertura; kept lcov only' "$TMP/err")"

# the operands' order does not choose
expect_exit 0 assay ingest --commit lcov+cob --strip "$STRIP" "$LCOV" "$COB"
expect_eq "lcov with Cobertura" "$ALL" "$(branches lcov+cob)"
expect_grep 'tests/groups\.h: described by lcov and Cobertura; kept lcov only' "$TMP/err"

expect_exit 0 assay ingest --commit all --strip "$STRIP" "$COB" "$LCOV" $GCOV
expect_eq "all three" "$ALL" "$(branches all)"
expect_grep 'src/lexer\.c: described by gcov JSON, lcov and Cobertura; kept gcov JSON only' "$TMP/err"
expect_eq "files in the run" 9 "$(q "SELECT count(*) FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = 'all'")"

# inputs of one format still merge: the same gcov run twice counts each line and branch once
lines() {
	q "SELECT sum(lines_hit) || '/' || sum(lines_found) FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = '$1'"
}
expect_exit 0 assay ingest --commit gcov2 --strip "$STRIP" $GCOV "$F/gcov/calc-lib.gcov-stdout.json"
expect_eq "gcov JSON twice: branches" "$gcov_hit/$gcov_found" "$(branches gcov2)"
expect_eq "gcov JSON twice: lines" "$(lines gcov)" "$(lines gcov2)"
expect_eq "same format: no message" 0 "$(wc -c < "$TMP/err")"
# many files in both: the first 10 named, the rest counted
{
	echo '<coverage><packages><package><classes>'
	for i in $(seq 1 12); do
		echo "<class filename=\"f$i.c\"><lines><line number=\"1\" hits=\"1\"/></lines></class>"
	done
	echo '</classes></package></packages></coverage>'
} > "$TMP/many.xml"
for i in $(seq 1 12); do printf 'SF:f%d.c\nDA:1,1\nend_of_record\n' "$i"; done > "$TMP/many.info"
expect_exit 0 assay ingest --commit many --root "$TMP" "$TMP/many.xml" "$TMP/many.info"
expect_eq "files named" 10 "$(grep -c 'described by lcov and Cobertura; kept lcov only' "$TMP/err")"
expect_eq "the rest counted" "assay ingest: and 2 more files described by several formats, each kept in one" "$(tail -n 1 "$TMP/err")"
expect_eq "lines of many" 12 "$(q "SELECT sum(lines_found) FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = 'many'")"
# grcov's Cobertura (tests/fixtures/cobertura/generate.sh, built elsewhere) with gcov JSON: under
# the example's own sources as --root, grcov's files are found by their source's tail, gcov's by
# --strip, so both describe src/*.c and gcov JSON is kept
expect_exit 0 assay ingest --commit grcov+gcov --root "$ASSAY_SOURCE_DIR/examples/calc" --strip "$STRIP" \
	"$F/cobertura/grcov-calc.xml" $GCOV
expect_eq "grcov with gcov JSON" "$ALL" "$(branches grcov+gcov)"
expect_eq "the four library files" 4 "$(grep -c 'described by gcov JSON and Cobertura; kept gcov JSON only' "$TMP/err")"
# gcovr -r ../proj (a relative root) writes <source>../proj</source>: that leads up and back into
# the repository, and the file is stored under its path there, not left out as outside it
mkdir -p "$TMP/proj/src"
echo 'int f(void) { return 1; }' >"$TMP/proj/src/a.c"
cat >"$TMP/up-and-back.xml" <<'XML'
<?xml version="1.0"?>
<coverage line-rate="1" branch-rate="0" lines-covered="1" lines-valid="1" version="gcovr 5.2">
<sources><source>../proj</source></sources>
<packages><package name="src"><classes><class name="a_c" filename="src/a.c" line-rate="1">
<methods/><lines><line number="1" hits="3" branch="false"/></lines></class></classes></package></packages>
</coverage>
XML
cd "$TMP/proj"
expect_exit 0 assay ingest --no-git --commit up-and-back --root . "$TMP/up-and-back.xml"
cd "$TMP"
expect_eq "stored under the root" "src/a.c|1|1" "$(q "SELECT f.path, c.lines_found, c.lines_hit FROM coverage c JOIN files f ON f.id = c.file_id JOIN runs r ON r.id = c.run_id JOIN commits k ON k.id = r.commit_id WHERE k.sha = 'up-and-back'")"

finish
