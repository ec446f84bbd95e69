#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fuzz every parser in formats/ with its libFuzzer harness (fuzz/), one after
# the other on one core: each runs SECONDS with its seeds (the project's own
# fixtures) and its dictionary (fuzz/dict/), and the table at the end says,
# per harness, how many inputs it ran, how fast, and whether it crashed.
#
# usage: scripts/fuzz.sh [SECONDS] [HARNESS...]   (default 60 s each, all harnesses)
#        scripts/fuzz.sh --ci [HARNESS...]        (6 s each, a fixed seed: about a minute in all)
#
# The build is clang's, in build-fuzz/ beside the other builds (ASSAY_FUZZ_BUILD
# to put it elsewhere), configured and brought up to date first.  The corpora and
# whatever the fuzzer writes live in a scratch directory under $TMPDIR, never in
# the tree; it is removed at the end unless a harness crashed, and then the crash
# files are named (turn one into tests/fixtures/fuzz/HARNESS/ and a test).
# Exit status: 0 no crash, 1 a harness crashed (or leaked, or hung), 2 usage or build.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${ASSAY_FUZZ_BUILD:-$top/build-fuzz}
fixtures=$top/tests/fixtures

usage() {
	echo "usage: scripts/fuzz.sh [SECONDS] [HARNESS...]  |  scripts/fuzz.sh --ci [HARNESS...]" >&2
	exit 2
}

seconds=60
seed=() # libFuzzer's own random seed unless --ci
if [[ ${1:-} == --ci ]]; then
	seconds=6
	# CI fixes the seed: the mutations it tries are then the same on every run (only how far
	# it gets in 6 s varies), so a red CI means a change broke a parser, not a lucky draw.
	seed=(-seed=1)
	shift
elif [[ ${1:-} =~ ^[0-9]+$ ]]; then
	seconds=$1
	shift
elif [[ ${1:-} == -* ]]; then
	usage
fi
((seconds > 0)) || usage

# Each harness's seeds: globs under tests/fixtures (the regression inputs of
# tests/fixtures/fuzz/HARNESS/ are added to every harness's own).  Kept in step with
# fuzz/CMakeLists.txt's ASSAY_FUZZERS.
declare -A seeds=(
	[junit]="junit/*.xml flaky/*.xml"
	[lcov]="lcov/*.info"
	[gcov_json]="gcov/*.json gcov/*.json.gz"
	[cobertura]="cobertura/*.xml"
	[exclude]="mutate/*/src/*.c mutate/*/tests/*.c mutate/*/include/*.h mutate/unit/*.c cobertura/pyproj/*/*.py cobertura/pyproj/*/*/*.py bench/*.cc"
	[sniff]="junit/*.xml flaky/*.xml lcov/*.info gcov/*.json gcov/*.json.gz cobertura/*.xml bench/*.json"
	[gbench]="bench/gbench-*.json"
	[hyperfine]="bench/hyperfine-*.json"
	[custom]="bench/custom-*.json"
)
all=(junit lcov gcov_json cobertura exclude sniff gbench hyperfine custom)
harnesses=("$@")
((${#harnesses[@]})) || harnesses=("${all[@]}")
for h in "${harnesses[@]}"; do
	[[ -n ${seeds[$h]:-} ]] || { echo "fuzz.sh: no harness '$h' (${all[*]})" >&2; exit 2; }
done

command -v clang >/dev/null || { echo "fuzz.sh: clang is not installed (libFuzzer comes with it)" >&2; exit 2; }
if [[ ! -f $build/CMakeCache.txt ]]; then
	launcher=()
	command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache)
	CC=clang cmake -S "$top" -B "$build" -DASSAY_FUZZ=ON -DASSAY_TESTS=OFF -DASSAY_WERROR=ON \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null || exit 2
fi
cmake --build "$build" --target assay_fuzz -j2 >/dev/null || {
	echo "fuzz.sh: the build failed: cmake --build $build --target assay_fuzz" >&2
	exit 2
}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/assay-fuzz.XXXXXX")
keep=0
trap '((keep)) || rm -rf "$scratch"' EXIT

# A leak is a crash here too (libFuzzer's -detect_leaks, with ASan's); a sanitizer finding aborts.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

rows=()
crashes=()
for h in "${harnesses[@]}"; do
	dir=$scratch/$h
	mkdir -p "$dir/corpus" "$dir/seeds" "$dir/found"
	(
		cd "$fixtures"
		shopt -s nullglob
		n=0
		for f in ${seeds[$h]} fuzz/$h/*; do
			n=$((n + 1))
			cp "$f" "$dir/seeds/$n-${f##*/}"
		done
	)
	echo "== $h: ${seconds}s, $(ls "$dir/seeds" | wc -l) seeds" >&2
	rc=0
	# -max_len: the biggest fixtures (hundreds of KiB) are cut, so that mutating one stays fast;
	# -timeout: an input that takes 10 s is a hang, reported like a crash.
	"$build/fuzz/fuzz_$h" "$dir/corpus" "$dir/seeds" -dict="$top/fuzz/dict/$h.dict" \
		-max_total_time="$seconds" "${seed[@]}" -max_len=32768 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$dir/found/" -print_final_stats=1 >"$dir/log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -n1)
	found=$(find "$dir/found" -type f | sort | head -n1)
	if ((rc == 0)) && [[ -z $found ]]; then
		result=ok
	else
		keep=1
		result="CRASH ${found:-(exit $rc, no crash file: see $dir/log)}"
		crashes+=("$h: ${found:-$dir/log}")
		grep -m1 -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$dir/log" >&2 || true
	fi
	rows+=("$(printf '%-10s %7s %12s %8s  %s' "$h" "$seconds" "${execs:-?}" "${rate:-?}" "$result")")
done

printf '%-10s %7s %12s %8s  %s\n' harness seconds executions exec/s result
printf '%s\n' "${rows[@]}"
if ((${#crashes[@]})); then
	echo "fuzz.sh: ${#crashes[@]} harness(es) crashed; the logs and inputs are kept in $scratch:" >&2
	printf '  %s\n' "${crashes[@]}" >&2
	exit 1
fi
