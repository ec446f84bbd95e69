#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay mutate's speed on the example project (examples/calc), side by side in one run:
#   schemata + coverage-guided selection   vs   a rebuild per mutant running every test
#   (what a naive tool does: --no-schemata), on the same mutants;
#   the schemata run again with -j 2; the share of time spent outside running tests.
# Prints mutants per second and compile counts for each.  Figures, never pass/fail.
# Then the same comparison on real builds (tests/fixtures/mutate/kv89), on the same mutants
# (a deterministic slice, KV_SHARD, default 1/4, keeps the naive runs to minutes):
#   c89: -std=c89 -pedantic -Werror, tests that #include the library's .c (target >= 30x,
#        schemata fallbacks 0);
#   sh:  -Werror -Wall -Wextra, ctest tests that are shell scripts (target >= 10x).
#
#   perf/mutate-bench.sh [BUILD_DIR_OF_ASSAY] [SOURCES_GLOB]
# For scale: Mull's tutorial reports about 10 mutants per second on an OpenSSL test with 8 threads.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
assay_build=${1:-$top/build}
sources=${2:-examples/calc/src/lexer.c}
kv_shard=${KV_SHARD:-1/4}
mutate=$assay_build/bin/assay-mutate
[ -x "$mutate" ] || { echo "no $mutate: build Assay first (cmake -S . -B build && cmake --build build)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/assay-mutate-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cmake -S "$top/examples/calc" -B "$work/calc" >/dev/null
cmake --build "$work/calc" -j 2 >/dev/null

run() { # NAME FLAGS...: one run, its --json summary kept
	local name=$1
	shift
	"$mutate" --build-dir "$work/calc" --ctest --sources "$sources" --commit bench --no-git --no-reuse \
		--db "$work/$name.db" --json -q "$@" >"$work/$name.json"
}
run schemata
run schemata-j2 -j 2
run naive --no-schemata
# the whole example (every source), for the share of time outside the tests at scale
sources='examples/calc/src/*.c'
run whole-j2 -j 2

# real builds: kv89 as a C89 project whose tests include its .c files, and as a -Werror
# project tested by shell scripts; the same slice of its mutants, schemata and naive
for flavour in c89 sh; do
	cp -r "$top/tests/fixtures/mutate/kv89" "$work/kv-$flavour"
	opt=-DKV_SHELL_TESTS=OFF
	[ "$flavour" = sh ] && opt=-DKV_SHELL_TESTS=ON
	cmake -S "$work/kv-$flavour" -B "$work/kv-$flavour/build" "$opt" >/dev/null
	cmake --build "$work/kv-$flavour/build" -j 2 >/dev/null
	for mode in schemata naive; do
		flags=()
		[ "$mode" = naive ] && flags=(--no-schemata)
		(cd "$work/kv-$flavour" && "$mutate" --build-dir build --ctest --sources 'src/*.c' --shard "$kv_shard" \
			--commit bench --no-reuse --db "$work/kv-$flavour-$mode.db" --json -q "${flags[@]}" \
			>"$work/kv-$flavour-$mode.json")
	done
done

python3 - "$work" "$(nproc)" <<'PY'
import json, sys
work, cores = sys.argv[1], int(sys.argv[2])
rows = [("schemata + selection, -j 1", "schemata", 1), ("schemata + selection, -j 2", "schemata-j2", 2),
        ("rebuild per mutant (naive), -j 1", "naive", 1), ("whole example, schemata, -j 2", "whole-j2", 2)]
res = {}
print(f"{'run':36} {'mutants':>7} {'wall s':>8} {'mutants/s':>9} {'compiles':>8} {'test runs':>9} {'outside tests':>13}")
for label, name, jobs in rows:
    r = json.load(open(f"{work}/{name}.json"))
    wall = r["wall_us"] / 1e6
    outside = 100.0 * (r["outside_tests"] or 0)  # per worker, as assay mutate measures it
    n = r["selected"]
    res[name] = (wall, n, r)
    print(f"{label:36} {n:7d} {wall:8.2f} {n / wall:9.1f} {r['compiles']:8d} {r['test_runs']:9d} {outside:12.1f}%")
    print(f"{'':36} score {r['score']}%, counts {r['counts']}")
s, n_ = res["schemata"][0], res["naive"][0]
print(f"speed-up of schemata + selection over the naive run: {n_ / s:.1f}x (target: at least 10x)")
print(f"-j 2 over -j 1: {res['schemata'][0] / res['schemata-j2'][0]:.2f}x on {cores} cores")
def verdicts(c):
    return (c["killed"] + c["timeout"], c["survived"], c["no_coverage"])
a, b = verdicts(res["schemata"][2]["counts"]), verdicts(res["naive"][2]["counts"])
print(f"detected / survived / no_coverage: schemata {a}, naive {b}: {'the same' if a == b else 'DIFFERENT'}")
print()
print("real builds (kv89, one slice of its mutants): c89 = -std=c89 -pedantic -Werror, tests include the .c;")
print("                                              sh  = -Werror -Wall -Wextra, shell-script ctest tests")
print(f"{'run':44} {'mutants':>7} {'wall s':>8} {'mutants/s':>9} {'compiles':>8} "
      f"{'rebuilds':>8} {'schemata fallbacks':>18}")
for flavour, target in (("c89", 30), ("sh", 10)):
    r = {m: json.load(open(f"{work}/kv-{flavour}-{m}.json")) for m in ("schemata", "naive")}
    for m in ("schemata", "naive"):
        x = r[m]
        wall = x["wall_us"] / 1e6
        label = f"{flavour}: {'schemata + selection' if m == 'schemata' else 'rebuild per mutant (naive)'}"
        print(f"{label:44} {x['selected']:7d} {wall:8.2f} {x['selected'] / wall:9.1f} {x['compiles']:8d} "
              f"{x['rebuilds']:8d} {x.get('schemata_fallbacks', 0):18d}")
    ratio = r["naive"]["wall_us"] / r["schemata"]["wall_us"]
    print(f"  {flavour}: schemata + selection over naive: {ratio:.1f}x (target: at least {target}x); "
          f"schemata fallbacks {r['schemata'].get('schemata_fallbacks', 0)} (target 0)")
    va, vb = verdicts(r["schemata"]["counts"]), verdicts(r["naive"]["counts"])
    print(f"  detected / survived / no_coverage: schemata {va}, naive {vb}")
PY
