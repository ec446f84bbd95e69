#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay bench history: a level change in a benchmark's history is traced to its commit.
. "$(dirname "$0")/lib.sh"

# twelve commits; from the eighth on the benchmark is 30% slower
for i in $(seq 1 12); do
	c=$(printf 'c%02d' "$i")
	centre=100
	[ "$i" -ge 8 ] && centre=130
	awk -v c="$centre" -v s="$i" 'BEGIN { printf "["
		for (k = 0; k < 8; k++) printf "%s{\"name\": \"parse\", \"unit\": \"ms\", \"value\": %.3f}", k ? "," : "", c * (1 + 0.01 * (((k * 7 + s * 3) % 9) - 4) / 4)
		printf "]" }' >"$TMP/$c.json"
	expect_exit 0 assay-bench ingest --commit "$c" --branch main "$TMP/$c.json"
done

expect_exit 0 assay bench history parse
expect_grep '^parse \(value\): 12 commits, 1 step$' "$TMP/out"
expect_grep '^step at c08 [0-9-]+: (99|100)[0-9.]* ms -> (129|130)[0-9.]* ms \(\+30\.[0-9]%\)$' "$TMP/out"
expect_eq "lines" 2 "$(wc -l <"$TMP/out")"
expect_exit 0 assay-bench history --all parse
expect_eq "every commit listed" 13 "$(wc -l <"$TMP/out")"
expect_exit 0 assay-bench history --json parse
expect_grep '"steps":\["c08"\]' "$TMP/out"
expect_grep '"commits":\[\{"sha":"c01",' "$TMP/out"

# a flat history has no step
for i in 1 2 3 4 5 6; do
	printf '[{"name": "flat", "unit": "ms", "value": %s}]' "$((50 + i % 2))" >"$TMP/f$i.json"
	expect_exit 0 assay-bench ingest --commit "c0$i" --branch main "$TMP/f$i.json"
done
expect_exit 0 assay-bench history flat
expect_grep '^flat \(value\): 6 commits, 0 steps$' "$TMP/out"

# another metric of the same benchmark, by --metric; the main one by default
printf '[{"name": "parse", "unit": "ms", "value": 5}]' >"$TMP/m.json"
expect_exit 0 assay-bench ingest --commit c12 --branch main "$TMP/m.json"
expect_exit 0 assay-bench history --metric value --branch main parse
expect_grep '^parse \(value\): 12 commits, 1 step$' "$TMP/out"
expect_exit 2 assay-bench history --metric cpu_time parse
expect_grep "no benchmark 'parse' with metric cpu_time in the store" "$TMP/err"

expect_exit 2 assay-bench history nosuch
expect_grep "no benchmark 'nosuch' in the store" "$TMP/err"
expect_exit 2 assay-bench history
expect_grep '^assay bench history: name one benchmark$' "$TMP/err"
expect_grep '^usage: assay bench history ' "$TMP/err"
finish
