#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Build Assay twice — warnings as errors, then with AddressSanitizer and
# UndefinedBehaviorSanitizer — and run every test in both builds; then run
# each parser's libFuzzer harness for a few seconds (scripts/fuzz.sh --ci).
# usage: scripts/test.sh [BUILD_ROOT]   (default: ./build)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-$top/build}
jobs=$(nproc 2>/dev/null || echo 2)

run_suite() {
	local name=$1
	shift
	local dir=$root/$name
	echo "== $name build"
	cmake -S "$top" -B "$dir" -DASSAY_WERROR=ON "$@" >/dev/null
	cmake --build "$dir" -j "$jobs" 2>&1 | grep -Ev '^\[|^(Consolidate|Scanning|Built target)' || true
	cmake --build "$dir" -j "$jobs" >/dev/null # fails here if the build failed
	echo "== $name tests"
	ctest --test-dir "$dir" -j "$jobs" --output-on-failure --timeout 900
}

# halt_on_error: a sanitizer report fails the test that caused it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
run_suite release -DCMAKE_BUILD_TYPE=RelWithDebInfo
run_suite sanitize -DCMAKE_BUILD_TYPE=Debug -DASSAY_SANITIZE=ON
echo "== fuzz (each harness briefly: scripts/fuzz.sh --ci)"
ASSAY_FUZZ_BUILD=$root/fuzz "$top/scripts/fuzz.sh" --ci
