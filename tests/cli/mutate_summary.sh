#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What assay mutate's summary says: a long survivor list cut to its first 20 with a count of the
# rest (--survivors N|all), and the time outside tests measured per worker.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

tiny_project "$TMP/p"
# a test command that fails only on a crash: the sanity check still sees its tests fail, and
# every covered mutant that does not loop survives (41 of them)
T='./test_arith; a=$?; ./test_loop; b=$?; [ $a -lt 128 ] && [ $b -lt 128 ]'
M=(assay-mutate --build-dir "$TMP/p/build" --test-command "$T" --timeout-const 0.3 --commit c1)

expect_exit 0 "${M[@]}" -j 2
expect_grep '^  killed 0  survived 41  no_coverage 5  timeout 3 ' "$TMP/out"
expect_eq "survivors listed by default" "20" "$(grep -c '^  src/tiny.c:' "$TMP/out")"
expect_grep '^  \.\.\. and 21 more \(--survivors all lists them, --report json has them all\)$' "$TMP/out"
# the first 20 in the order of the report: by file and place
expect_eq "first survivor" "  src/tiny.c:7:9  a + b  ->  -(a + b)" "$(grep -m1 '^  src/tiny.c:' "$TMP/out" | sed 's/  \[.*//')"

# the time outside tests, per worker: worker 1 exists only for the mutants, and a worker's test
# time is part of its own time, never test time summed over workers against the wall time
line=$(grep '^time: ' "$TMP/out")
expect_eq "time line" "ok" "$(echo "$line" | python3 -c '
import re, sys
m = re.match(r"time: ([0-9.]+) s; 2 workers ran tests ([0-9.]+) s of their ([0-9.]+) s \(([0-9]+)% outside tests\)$", sys.stdin.read().strip())
if not m: print("unparsed"); sys.exit()
wall, tests, workers, pct = float(m[1]), float(m[2]), float(m[3]), int(m[4])
# each figure is rounded to 0.01 s (and the share to 1%): held to what the rounding allows
h = 0.005
lo, hi = 100 * (1 - (tests + h) / max(workers - h, 1e-9)), 100 * (1 - max(tests - h, 0) / (workers + h))
ok = tests <= workers + 2 * h and workers <= 2 * (wall + h) + h and lo - 0.5 <= pct <= hi + 0.5
print("ok" if ok else m[0])')"
expect_exit 0 "${M[@]}" -j 2 --no-reuse --json
expect_eq "per-worker figures" "ok" "$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
w = r["workers"]
t, s = sum(x["tests_us"] for x in w), sum(x["wall_us"] for x in w)
bad = [len(w) == 2, w[0]["wall_us"] == r["wall_us"], w[1]["wall_us"] < r["wall_us"], t == r["tests_us"],
       w[0]["tests_us"] > 0, all(0 <= x["tests_us"] <= x["wall_us"] for x in w), abs(r["outside_tests"] - (1 - t / s)) < 1e-4,
       0 <= r["outside_tests"] <= 1]
print("ok" if all(bad) else "%s %s" % (bad, r))' "$TMP/out")"

expect_exit 0 "${M[@]}" --survivors all
expect_eq "survivors listed with all" "41" "$(grep -c '^  src/tiny.c:' "$TMP/out")"
expect_eq "no count of the rest with all" "0" "$(grep -c 'more (--survivors' "$TMP/out")"
expect_exit 0 "${M[@]}" --survivors 3
expect_eq "survivors listed with 3" "3" "$(grep -c '^  src/tiny.c:' "$TMP/out")"
expect_grep '^  \.\.\. and 38 more ' "$TMP/out"
expect_exit 0 "${M[@]}" --json
expect_eq "--json lists them all" "41" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["survivors"]))' "$TMP/out")"
expect_exit 2 "${M[@]}" --survivors some
expect_grep 'survivors some: a count, or all' "$TMP/err"
expect_exit 0 assay-mutate --help
expect_grep '[-][-]survivors N[|]all'  "$TMP/out"
finish
