#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Speed of `assay gate` on a store holding a year of history (1x: 365 commits) and ten (10x: 3,650):
# a git repository of 500 C files (made by git fast-import), where every commit rewrites 5 lines
# and head rewrites 2,000 against base, its parent; per commit one `assay ingest` of 2,000 JUnit
# tests and lcov coverage of the 500 files, and one `assay bench ingest` of 50 benchmarks x 10
# samples (perf/gen-gate-history.py); a real `assay mutate` run of examples/calc/src/*.c (the
# bundled example; its files are not the generated ones) recorded for base and for head.
# Prints the gate's wall time (best of 5; CPU time beside) at 1x and 10x and their ratio: 1x should be under 0.5 s and
# 10x within 1.3x of 1x (the gate reads base and head, never the whole history).
# Then patch coverage alone against diff-cover (Debian's), from one run each, on the same diff
# and the same Cobertura file (head's line hits, written by the generator; ingested as head's
# coverage in a store of its own): both times, their ratio, and both percentages.
# Stores are cached under ${TMPDIR:-/tmp}/assay-perf-gate, keyed by the sizes and the generator.
# Not a pass/fail test: figures.  Usage: perf/gate.sh [BUILD_DIR]
# Smaller: COMMITS=20 SCALE=10 FILES=500 LINES=200 TESTS=2000 BENCHMARKS=50 DIFF_FILES=20
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
bin=$(cd "$build/bin" && pwd)
commits=${COMMITS:-365}
scale=${SCALE:-10}
files=${FILES:-500}
lines=${LINES:-200}
tests=${TESTS:-2000}
benchmarks=${BENCHMARKS:-50}
diff_files=${DIFF_FILES:-20}
[ -x "$bin/assay-gate" ] || { echo "build first: $bin/assay-gate is missing" >&2; exit 2; }
command -v diff-cover >/dev/null || { echo "diff-cover is missing (apt-get install diff-cover)" >&2; exit 2; }
cache=${TMPDIR:-/tmp}/assay-perf-gate
mkdir -p "$cache"
work=$(mktemp -d "${TMPDIR:-/tmp}/assay-perf.XXXXXX")
trap 'rm -rf "$work"' EXIT
gen=$top/perf/gen-gate-history.py
key=$(cat "$gen" "$top/perf/gen-lcov.py" "$top/perf/gen-junit.py" | sha1sum | cut -c1-12)

# the example project, built once, for the mutation runs
calc=$cache/calc-$(cat "$top"/examples/calc/CMakeLists.txt "$top"/examples/calc/src/*.c | sha1sum | cut -c1-12)
if [ ! -f "$calc/.built" ]; then
	rm -rf "$calc"
	cmake -S "$top/examples/calc" -B "$calc" >/dev/null
	cmake --build "$calc" -j 2 >/dev/null
	touch "$calc/.built"
fi

# history N: the repository, store and Cobertura file of N commits in $cache/..., made once;
# prints the directory
history() {
	local dir=$cache/$key-$1x$files-$lines-$tests-$benchmarks-$diff_files
	if [ ! -f "$dir/done" ]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		local t0 t1
		t0=$(date +%s.%N)
		python3 "$gen" --bin "$bin" --repo "$dir/repo" --db "$dir/store.db" --work "$dir" --commits "$1" \
			--files "$files" --lines "$lines" --tests "$tests" --benchmarks "$benchmarks" \
			--diff-files "$diff_files" >"$dir/revs"
		t1=$(date +%s.%N)
		echo "$t0 $t1 $1" | awk '{ printf "%.1f s (%.0f ms a commit: ingest, bench ingest, generation)\n",
			$2 - $1, 1000 * ($2 - $1) / $3 }' >"$dir/made"
		local sha base head
		read -r base head <"$dir/revs"
		for sha in "$base" "$head"; do
			(cd "$top" && "$bin/assay-mutate" --build-dir "$calc" --ctest --sources 'examples/calc/src/*.c' \
				--commit "$sha" --no-git --no-reuse --db "$dir/store.db" -q >/dev/null)
		done
		# the patch-coverage store: base's tests, head's Cobertura
		"$bin/assay-ingest" -q --db "$dir/patch.db" --no-git --commit "$base" "$dir/tests.xml"
		(cd "$dir/repo" && "$bin/assay-ingest" -q --db "$dir/patch.db" --no-git --commit "$head" \
			--format cobertura "$dir/head-cobertura.xml")
		rm -f "$dir/coverage.info" "$dir/bench.json"
		touch "$dir/done"
	fi
	echo "$dir"
}

# wall DIR DB ARGS...: the wall time of one gate in DIR's repository, in seconds (exit 0 or 1)
wall() {
	local dir=$1 db=$2 t0 t1 base head
	shift 2
	read -r base head <"$dir/revs"
	t0=$(date +%s.%N)
	(cd "$dir/repo" && "$bin/assay-gate" --db "$db" --base "$base" --head "$head" "$@" >/dev/null) || [ $? -eq 1 ]
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }'
}

# best_of_5 DIR...: each DIR's gate 5 times, the DIRs taken in turn (so that a load on this shared
# machine falls on both alike); prints per DIR the least wall time and the least CPU time (user +
# system of the gate and the git it runs), in seconds
best_of_5() {
	python3 - "$bin/assay-gate" "$@" <<'PY'
import os, subprocess, sys, time
gate, dirs = sys.argv[1], sys.argv[2:]
best = {d: [float("inf"), float("inf")] for d in dirs}
for _ in range(5):
    for d in dirs:
        base, head = open(os.path.join(d, "revs")).read().split()
        start = time.monotonic()
        proc = subprocess.Popen([gate, "--db", os.path.join(d, "store.db"), "--base", base, "--head", head],
                                cwd=os.path.join(d, "repo"), stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            sys.exit(f"gate.sh: assay gate in {d} exited {os.waitstatus_to_exitcode(status)}")
        best[d][0] = min(best[d][0], wall)
        best[d][1] = min(best[d][1], usage.ru_utime + usage.ru_stime)
for d in dirs:
    print(f"{best[d][0]:.3f} {best[d][1]:.3f}")
PY
}

d1=$(history "$commits")
d10=$(history $((commits * scale)))
{ read -r t1 c1; read -r t10 c10; } < <(best_of_5 "$d1" "$d10")
size() { du -m "$1/store.db" | cut -f1; }
runs() { sqlite3 "$1/store.db" "SELECT kind || ' ' || count(*) FROM runs GROUP BY kind ORDER BY kind" | paste -sd, - | sed 's/,/, /g'; }

read -r base head <"$d1/revs"
changed=$(git -C "$d1/repo" diff --numstat "$base" "$head" | awk '{ n += $1 } END { print n }')
printf 'assay gate: %s files x %s lines, %s tests, %s benchmarks, a %s-line diff (head against base)\n' \
	"$files" "$lines" "$tests" "$benchmarks" "$changed"
printf '%-30s %18s %18s\n' "" "1x" "${scale}x"
printf '%-30s %18s %18s\n' "commits" "$commits" "$((commits * scale))"
printf '%-30s %18s %18s\n' "store (MiB)" "$(size "$d1")" "$(size "$d10")"
printf '%-30s %17ss %17ss\n' "assay gate (best of 5)" "$t1" "$t10"
printf '%-30s %17ss %17ss\n' "CPU time (best of the 5)" "$c1" "$c10"
echo "$t1 $t10 $scale" | awk '{ r = $2 / $1; printf "%-30s %37.2fx (target: within 1.3x) %s\n", $3 "x / 1x", r,
	r <= 1.3 ? "yes" : "NO" }'
echo "$t1" | awk '{ printf "%-30s %18s (target: under 0.5 s)\n", "1x under 0.5 s", $1 < 0.5 ? "yes" : "NO" }'
echo "runs in the 1x store: $(runs "$d1")"
echo "runs in the ${scale}x store: $(runs "$d10")"
echo "mutation: examples/calc/src/*.c (assay mutate, the bundled example), not the generated files"
echo "store made: 1x $(cat "$d1/made"); ${scale}x $(cat "$d10/made")"
echo "1x verdict:"
(cd "$d1/repo" && "$bin/assay-gate" --db "$d1/store.db" --base "$base" --head "$head" | sed -n '/^check /,/^$/p' |
	sed -e '/^$/d' -e 's/^/  /') || true

# patch coverage alone, against diff-cover on the same diff and Cobertura file (1x repository)
only_patch=(--set tests.enabled=false --set coverage.enabled=false --set performance.enabled=false
	--set mutation.enabled=false)
tp=$(wall "$d1" "$d1/patch.db" "${only_patch[@]}")
t0=$(date +%s.%N)
(cd "$d1/repo" && diff-cover "$d1/head-cobertura.xml" --compare-branch="$base" --json-report "$work/dc.json" >/dev/null) ||
	[ $? -eq 1 ]
t1=$(date +%s.%N)
td=$(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')
(cd "$d1/repo" && "$bin/assay-gate" --db "$d1/patch.db" --base "$base" --head "$head" "${only_patch[@]}" --json \
	>"$work/gate.json") || [ $? -eq 1 ]
a_pct=$(python3 -c 'import json, sys
c = [c for c in json.load(open(sys.argv[1]))["checks"] if c["check"] == "patch"][0]
print(c["head"])' "$work/gate.json")
d_pct=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
n, v = d["total_num_lines"], d["total_num_violations"]
print("%.2f%% (%d/%d lines)" % (100.0 * (n - v) / n if n else 100, n - v, n))' "$work/dc.json")
echo
echo "patch coverage of head's Cobertura file ($(du -m "$d1/head-cobertura.xml" | cut -f1) MiB), one run each:"
printf '%-30s %10s   %s\n' "" "wall (s)" "patch coverage"
printf '%-30s %10s   %s\n' "diff-cover" "$td" "$d_pct"
printf '%-30s %10s   %s\n' "assay gate (patch check only)" "$tp" "$a_pct"
echo "$td $tp" | awk '{ printf "ratio diff-cover/assay: %.1fx\n", $1 / $2 }'
[ "$a_pct" = "$d_pct" ] && echo "the same patch coverage: yes" || echo "the same patch coverage: NO"
