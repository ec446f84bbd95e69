#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Speed of `assay flaky list`: a store of 1,000 runs x 2,000 tests (1x: 2 million results) and of
# 10,000 runs x 2,000 tests (10x: 20 million), written by perf/gen_flaky_store.c through the
# run writer: two runs per commit, 1% of the tests flaky (a 10% chance to fail), every 97th run
# an infrastructure failure.
# Prints both times side by side and their ratio: linear means 10x within 12x of 1x.
# Not a pass/fail test: figures.  Usage: perf/flaky-list.sh [BUILD_DIR]
set -eu
build=${1:-build}
bin=$(cd "$build/bin" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/assay-perf.XXXXXX")
trap 'rm -rf "$work"' EXIT

# make_store DB RUNS TESTS
make_store() {
	"$bin/perf-gen-flaky-store" "$1" "$2" "$3"
}

best_of() {
	local best=
	for _ in 1 2 3; do
		local t0 t1
		t0=$(date +%s.%N)
		"$bin/assay-flaky" list --db "$1" --json >/dev/null
		t1=$(date +%s.%N)
		best=$(echo "$t0 $t1 ${best:-}" | awk '{ d = $2 - $1; if ($3 != "" && $3 < d) d = $3; printf "%.3f", d }')
	done
	echo "$best"
}

make_store "$work/1x.db" 1000 2000
make_store "$work/10x.db" 10000 2000
t1=$(best_of "$work/1x.db")
t10=$(best_of "$work/10x.db")
printf '%-34s %14s %14s\n' "assay flaky list" "1x" "10x"
printf '%-34s %14s %14s\n' "runs x tests" "1000 x 2000" "10000 x 2000"
printf '%-34s %13ss %13ss\n' "time (best of 3)" "$t1" "$t10"
echo "$t1 $t10" | awk '{ printf "%-34s %29.1fx (linear: within 12x)\n", "10x / 1x", $2 / $1 }'
echo "1x: $("$bin/assay-flaky" list --db "$work/1x.db" | head -1)"
