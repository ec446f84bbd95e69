#!/usr/bin/env bash
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
expect_exit 0 assay ingest --commit coverlet "$f"
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
finish
