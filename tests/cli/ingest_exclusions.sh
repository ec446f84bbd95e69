#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Exclusion markers in the sources are honoured, end to end: a tiny program built with
# gcc --coverage, run, its coverage written by gcov's JSON and by lcov, then ingested with
# the sources at hand.  gcovr, which honours the same markers, gives the reference figures.
. "$(dirname "$0")/lib.sh"
mkdir -p proj/src && cd proj
cat > src/m.c <<'C'
#include <stdio.h>
static int twice(int x)
{
	return 2 * x;
}
static int never(int x) /* LCOV_EXCL_LINE */
{
	return x + 1; /* LCOV_EXCL_LINE */
}
int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 5) { /* LCOV_EXCL_BR_LINE */
		/* GCOVR_EXCL_START */
		printf("%d\n", never(argc));
		puts("many");
		/* GCOVR_EXCL_STOP */
	}
	printf("%d\n", twice(argc));
	return 0;
}
C
git init -q . && git config user.email t@e && git config user.name T && git add . && git commit -qm m
gcc --coverage -O0 -c src/m.c -o m.o && gcc --coverage m.o -o m && ./m > /dev/null
gcov=gcov-$(gcc -dumpversion | cut -d. -f1)
command -v "$gcov" > /dev/null || gcov=gcov
"$gcov" --json-format -b m.gcda > /dev/null
json=$(ls ./*.gcov.json.gz)
expect_eq "gcov wrote its JSON" 1 "$(echo "$json" | wc -l)"
lcov --quiet --capture --directory . --output-file m.info --rc lcov_branch_coverage=1 2>/dev/null
# gcovr honours the markers: its figures are the reference
ref=$(gcovr --root . --txt - 2>/dev/null | awk '$1 == "src/m.c" {print $3 "/" $2}')

expect_exit 0 assay ingest --no-git --commit x "$json"
expect_exit 0 assay ingest --no-git --commit y m.info
lines() { q "SELECT lines_hit || '/' || lines_found FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = '$1'"; }
expect_eq "gcov JSON, markers honoured, as gcovr counts" "$ref" "$(lines x)"
expect_eq "lcov, markers honoured, as gcovr counts" "$ref" "$(lines y)"
# without the sources at hand nothing is excluded: more lines found
mv src src.away
expect_exit 0 assay ingest --no-git --commit z "$json"
found_z=$(lines z | cut -d/ -f2)
found_x=$(lines x | cut -d/ -f2)
expect_eq "sources away: the 4 excluded lines are found again" "$((found_x + 4))" "$found_z"
# the only branches are on the LCOV_EXCL_BR_LINE line
branches() { q "SELECT branches_found FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = '$1'"; }
expect_eq "branches with the marker" 0 "$(branches x)"
expect_eq "branches without the sources" 2 "$(branches z)"
finish
