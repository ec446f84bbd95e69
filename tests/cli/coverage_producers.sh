#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Cobertura as producers other than gcovr write it (fixtures in tests/fixtures/cobertura, written
# by hand in each producer's exact shape: see its MANIFEST.tsv), through assay-ingest.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES/cobertura

# sum MEASURE SHA: the sum over the files of the run of commit SHA
sum() {
	q "SELECT coalesce(sum($1), 0) FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = '$2'"
}

# root ATTR FILE: an attribute of the root <coverage>, as the producer computed it
root() {
	xmllint --xpath "string(/coverage/@$1)" "$2"
}

# coverlet (dotnet test --collect "XPlat Code Coverage"): branch="True" lines count; the
# producer's own totals agree with its lines, so they are the expected figures.
f=$F/coverlet-xplat.cobertura.xml
# the paths are the CI runner's, outside this test's root: --external keeps them
expect_exit 0 assay ingest --commit coverlet --external "$f"
expect_eq "coverlet lines hit" "$(root lines-covered "$f")" "$(sum lines_hit coverlet)"
expect_eq "coverlet lines found" "$(root lines-valid "$f")" "$(sum lines_found coverlet)"
expect_eq "coverlet branches hit" "$(root branches-covered "$f")" "$(sum branches_hit coverlet)"
expect_eq "coverlet branches found" "$(root branches-valid "$f")" "$(sum branches_found coverlet)"
expect_eq "coverlet branches" "9/14" "$(sum branches_hit coverlet)/$(sum branches_found coverlet)"

# slather: lines only under <methods>.  Expected: the distinct (file, line) pairs of the
# methods' <line>s, and those with hits, counted here with xmllint.
f=$F/slather-gcov-methods.xml
pairs() {
	local cls
	for cls in $(xmllint --xpath '//class/@filename' "$f" | sed 's/ filename="\([^"]*\)"/\1 /g'); do
		xmllint --xpath "//class[@filename='$cls']/methods/method/lines/line[$1]/@number" "$f" 2>/dev/null |
			sed "s|number=|\n$cls |g" | grep -v '^ *$'
	done | sort -u | wc -l
}
expect_exit 0 assay ingest --commit slather "$f"
expect_eq "slather lines found" "$(pairs 'true()')" "$(sum lines_found slather)"
expect_eq "slather lines hit" "$(pairs 'number(@hits) > 0')" "$(sum lines_hit slather)"
expect_eq "slather lines" "6/9" "$(sum lines_hit slather)/$(sum lines_found slather)"
# add, abs (listed twice: one function), names
expect_eq "slather functions" "2/3" "$(sum functions_hit slather)/$(sum functions_found slather)"
# coverage.py with two sources, from elsewhere (/tmp/assay-cov-py/repo, gone): each file is
# found under --root (pyproj/, the same sources) by a tail of its own source, or by --strip.
f=$F/coveragepy-two-sources.xml
paths() {
	q "SELECT group_concat(path, ' ') FROM (SELECT path FROM coverage JOIN files ON files.id = file_id JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = '$1' ORDER BY path)"
}
want="lib/calc/__init__.py lib/calc/ops.py tools/cli.py"
expect_exit 0 assay ingest --commit py-root --root "$F/pyproj" "$f"
expect_eq "coverage.py: each under its own source" "$want" "$(paths py-root)"
expect_eq "coverage.py lines" "$(root lines-covered "$f")/$(root lines-valid "$f")" "$(sum lines_hit py-root)/$(sum lines_found py-root)"
expect_eq "coverage.py branches" "$(root branches-covered "$f")/$(root branches-valid "$f")" "$(sum branches_hit py-root)/$(sum branches_found py-root)"
expect_exit 0 assay ingest --commit py-strip --root "$F/pyproj" --strip /tmp/assay-cov-py/repo "$f"
expect_eq "coverage.py with --strip" "$want" "$(paths py-strip)"
# grcov over the example (generate.sh): branches only as <condition>s.  Its totals are the
# producer's, and gcovr's of the same sources and tests (tests/fixtures/EXPECTED.tsv).
f=$F/grcov-calc.xml
gcovr() {
	awk -F'\t' -v m="$1" '$1 == "cobertura/calc-gcovr.xml" && $2 == "total" && $3 == m { print $4 }' "$ASSAY_FIXTURES/EXPECTED.tsv"
}
# its <source> is where grcov ran, outside this test's root: --external keeps the files
expect_exit 0 assay ingest --commit grcov --external "$f"
expect_eq "grcov lines" "$(root lines-covered "$f")/$(root lines-valid "$f")" "$(sum lines_hit grcov)/$(sum lines_found grcov)"
expect_eq "grcov branches" "$(root branches-covered "$f")/$(root branches-valid "$f")" "$(sum branches_hit grcov)/$(sum branches_found grcov)"
expect_eq "grcov branches as gcovr printed them" "$(gcovr branches_hit)/$(gcovr branches_found)" "$(sum branches_hit grcov)/$(sum branches_found grcov)"
expect_eq "grcov functions as gcovr printed them" "$(gcovr functions_hit)/$(gcovr functions_found)" "$(sum functions_hit grcov)/$(sum functions_found grcov)"
finish
