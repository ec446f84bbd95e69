#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Speed, peak memory and size of `assay report html` next to genhtml (lcov) and gcovr
# --html-details on the same coverage, in one run.  The data: a C project of 1,001 files in 50
# directories (perf/gen-ctree.py: 20 functions of 23 lines a module, main.c calling 80% of them)
# in a git repository, built with `gcc --coverage -O0`, run once and captured once with
# `lcov --capture` (branches on); the tree, its build and the tracefile are cached under $TMPDIR,
# keyed by the parameters and the generator.  genhtml and `assay ingest` read that tracefile;
# gcovr reads the same .gcda files through gcov, as it always does.  The first render is made
# three times into an empty directory (the median shown); then one file's coverage is changed (a
# new run of the same commit, that file's missed lines hit) and the report re-rendered into the
# same directory (five times, the median shown).  Wall time, CPU time and peak RSS by
# perf/measure.py (a monotonic clock and wait4's rusage); sizes are the bytes of the files written,
# MB = 10^6 bytes.
# Targets (issue 13): at least 10x faster than genhtml, output at most 30 MB, peak under 100 MB,
# a re-render after one file changed at least 20x faster than the first render.
# usage: perf/report.sh [BUILD_DIR]   (default: build; FILES= DIRS= FUNCS= CALLED= change the tree)
# Prints figures, never fails on them.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
files=${FILES:-1000}
dirs=${DIRS:-50}
funcs=${FUNCS:-20}
called=${CALLED:-0.8}
ingest=$build/bin/assay-ingest
report=$build/bin/assay-report
for t in "$ingest" "$report"; do
	[ -x "$t" ] || { echo "build first: $t is missing" >&2; exit 2; }
done
for t in gcc make git lcov genhtml gcovr python3; do
	command -v "$t" >/dev/null || { echo "$t is missing (scripts/install-deps.sh)" >&2; exit 2; }
done

tmp=${TMPDIR:-/tmp}
key=$({ echo "$files $dirs $funcs $called"; gcc --version | head -1; lcov --version; cat "$top/perf/gen-ctree.py"; } |
	sha256sum | cut -c1-16)
cache=$tmp/assay-perf-ctree-$key
tree=$cache/tree
if [ ! -f "$cache/ready" ]; then
	echo "making the tree (once, cached in $cache) ..."
	rm -rf "$cache"
	mkdir -p "$tree"
	python3 "$top/perf/gen-ctree.py" --out "$tree" --files "$files" --dirs "$dirs" --funcs "$funcs" --called "$called"
	git -C "$tree" init -q
	git -C "$tree" add -A
	git -C "$tree" -c user.name=perf -c user.email=perf@example.invalid commit -q -m "generated tree"
	make -C "$tree" -s -j2 prog
	"$tree/prog" >/dev/null
	# geninfo 1.16 of Debian warns of subroutines it redefines: its log is kept, shown on failure
	lcov --capture --quiet --rc lcov_branch_coverage=1 -d "$tree" -o "$cache/cov.info" 2>"$cache/capture.log" ||
		{ cat "$cache/capture.log" >&2; exit 1; }
	touch "$cache/ready"
fi

work=$(mktemp -d "$tmp/assay-perf-report.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/gcovr"

# timed NAME DIR CMD...: run CMD in DIR once (perf/measure.py: monotonic clock, wait4's rusage),
# after a sync;
# sets wall (s), cpu (user + system s, its children's too: gcovr's gcov), rss (MB); its stdout in
# $work/NAME.out
timed() {
	local name=$1 dir=$2 m
	shift 2
	sync # what the command before wrote is on disk: its writeback is not timed as this one's
	if ! m=$(cd "$dir" && MEASURE_OUT="$work/$name.out" MEASURE_ERR="$work/$name.err" \
		python3 "$top/perf/measure.py" --cpu "$@"); then
		echo "$name failed:" >&2
		cat "$work/$name.err" >&2
		exit 1
	fi
	read -r wall rss cpu < <(echo "$m" | awk '{ printf "%.4f %.1f %.4f\n", $1, $2 * 1.048576, $3 }')
}
# megabytes DIR: the bytes of the files under DIR, in MB
megabytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1e6 }'; }

load=$(cut -d' ' -f1-3 /proc/loadavg)
cores=$(nproc)
echo "assay report html vs genhtml and gcovr: $((files + 1)) C files in $dirs directories, $funcs functions a module"
echo "$(genhtml --version | sed 's/.*: //'), gcovr $(gcovr --version | head -1 | sed 's/^gcovr //'), $(gcc --version | head -1)"
echo "load average before timing: $load ($cores cores)"
if awk -v l="${load%% *}" -v c="$cores" 'BEGIN { exit !(l > c / 2) }'; then
	echo "NOTE: the machine is busy (1-minute load ${load%% *} on $cores cores): other jobs share it, figures are slower than on an idle machine"
fi

rows=()
row() { rows+=("$(printf '%-36s %9s %8s %10s %12s' "$1" "$wall" "$cpu" "$rss" "${2:--}")"); }

timed genhtml "$work" genhtml --quiet --branch-coverage -o "$work/genhtml" "$cache/cov.info"
g_wall=$wall g_cpu=$cpu g_out=$(megabytes "$work/genhtml")
row "genhtml --branch-coverage" "$g_out"

timed gcovr "$tree" gcovr -r . --html-details -o "$work/gcovr/index.html"
c_wall=$wall c_cpu=$cpu c_out=$(megabytes "$work/gcovr")
row "gcovr --html-details" "$c_out"

timed ingest "$tree" "$ingest" -q --db "$work/assay.db" --commit HEAD "$cache/cov.info"
row "assay ingest (apart)"

# the first render's figure moves with the disk's mood: three, each into an empty directory, the
# median time and the highest peak (the last one's output is the one re-rendered below)
median() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }
walls=() cpus=() a_rss=0
for k in 1 2 3; do
	rm -rf "$work/assay"
	timed render "$tree" "$report" html --db "$work/assay.db" --out "$work/assay"
	walls+=("$wall") cpus+=("$cpu")
	a_rss=$(awk -v a="$a_rss" -v b="$rss" 'BEGIN { print (b > a ? b : a) }')
done
a_walls=("${walls[@]}")
wall=$(median "${walls[@]}") cpu=$(median "${cpus[@]}") rss=$a_rss
a_wall=$wall a_cpu=$cpu a_out=$(megabytes "$work/assay") a_said=$(cat "$work/render.out")
row "assay report html (first render)*" "$a_out"

# one file's coverage changes: its missed lines are hit, in a new run of the same commit (which
# replaces the first as the newest of its label); the report is rendered again into the same place
changed=d00/m0000.c
# hit_missed FILE IN OUT: IN with FILE's missed lines hit
hit_missed() {
	awk -v f="/$1" '
		/^SF:/ { in_it = substr($0, length($0) - length(f) + 1) == f }
		in_it && /^DA:/ { split(substr($0, 4), v, ","); if (v[2] == 0) $0 = "DA:" v[1] ",1" }
		in_it && /^LF:/ { lf = substr($0, 4) }
		in_it && /^LH:/ { $0 = "LH:" lf }
		{ print }' "$2" >"$3"
}
hit_missed "$changed" "$cache/cov.info" "$work/cov2.info"
cmp -s "$cache/cov.info" "$work/cov2.info" && { echo "$changed is not in the tracefile" >&2; exit 1; }
timed ingest2 "$tree" "$ingest" -q --db "$work/assay.db" --commit HEAD "$work/cov2.info"
row "assay ingest (1 file changed, apart)"

# a re-render takes some milliseconds, where one run's figure is mostly noise: five, each after
# one more file's missed lines were hit (so each run differs from the last by one file), the median
walls=() cpus=() rsss=()
prev=$work/cov2.info
for k in 1 2 3 4 5; do
	if [ "$k" -gt 1 ]; then
		more=$(sed -n 's|^SF:.*/\(d0[0-9]/m[0-9]*\.c\)$|\1|p' "$cache/cov.info" | sed -n "$((k * 7))p")
		hit_missed "$more" "$prev" "$work/cov$((k + 1)).info"
		prev=$work/cov$((k + 1)).info
		(cd "$tree" && "$ingest" -q --db "$work/assay.db" --commit HEAD "$prev")
	fi
	timed rerender "$tree" "$report" html --db "$work/assay.db" --out "$work/assay"
	walls+=("$wall") cpus+=("$cpu") rsss+=("$rss")
	[ "$k" = 1 ] && r_said=$(cat "$work/rerender.out")
	grep -q '^wrote 5 pages' "$work/rerender.out" || echo "NOTE: re-render $k: $(cat "$work/rerender.out")"
done
wall=$(median "${walls[@]}") cpu=$(median "${cpus[@]}") rss=$(median "${rsss[@]}")
r_wall=$wall r_cpu=$cpu r_rss=$rss r_out=$(megabytes "$work/assay")
row "assay report html (1 file changed)*" "$r_out"

timed same "$tree" "$report" html --db "$work/assay.db" --out "$work/assay"
row "assay report html (nothing changed)" "$(megabytes "$work/assay")"
s_said=$(cat "$work/same.out")

echo "coverage: $(sqlite3 "$work/assay.db" "SELECT count(*) || ' files, ' || sum(lines_found) || ' lines, ' ||
	sum(branches_found) || ' branches, ' || sum(functions_found) || ' functions' FROM coverage
	WHERE run_id = (SELECT min(run_id) FROM coverage)" 2>/dev/null || echo '(sqlite3 missing)')"
echo
printf '%-36s %9s %8s %10s %12s\n' "" "wall (s)" "cpu (s)" "peak (MB)" "output (MB)"
printf '%s\n' "${rows[@]}"
echo
echo "assay, first render: $a_said"
echo "assay, 1 file changed ($changed): $r_said"
echo "* first render: the median of 3, each into an empty directory (walls: ${a_walls[*]} s), the highest peak"
echo "* re-render: the median of 5, each after one more file's coverage changed (walls: ${walls[*]} s)"
echo "assay, nothing changed: $s_said"
echo
# verdict VALUE COND: yes when the awk condition COND holds of v=VALUE, else NO
verdict() { awk -v v="$1" "BEGIN { exit !($2) }" && echo "yes" || echo "NO"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }'; }
gr=$(ratio "$g_wall" "$a_wall")
cr=$(ratio "$c_wall" "$a_wall")
rr=$(ratio "$a_wall" "$r_wall")
grc=$(ratio "$g_cpu" "$a_cpu")
crc=$(ratio "$c_cpu" "$a_cpu")
rrc=$(ratio "$a_cpu" "$r_cpu")
printf '%-44s %7sx  target >= 10x: %s\n' "genhtml / assay report html (wall)" "$gr" "$(verdict "$gr" 'v >= 10')"
printf '%-44s %7sx\n' "genhtml / assay report html (cpu)" "$grc"
printf '%-44s %7sx  (cpu: %sx)\n' "gcovr / assay report html (wall)" "$cr" "$crc"
printf '%-44s %7sx  target >= 20x: %s\n' "first render / re-render, 1 file (wall)" "$rr" "$(verdict "$rr" 'v >= 20')"
printf '%-44s %7sx\n' "first render / re-render, 1 file (cpu)" "$rrc"
printf '%-44s %7s MB target <= 30 MB: %s\n' "assay output" "$a_out" "$(verdict "$a_out" 'v <= 30')"
printf '%-44s %7s MB target < 100 MB: %s\n' "assay report html peak RSS (first render)" "$a_rss" "$(verdict "$a_rss" 'v < 100')"
printf '%-44s %7s MB target < 100 MB: %s\n' "assay report html peak RSS (re-render)" "$r_rss" "$(verdict "$r_rss" 'v < 100')"
printf '%-44s %7s MB (genhtml %s MB, gcovr %s MB)\n' "output after the re-render" "$r_out" "$g_out" "$c_out"
echo "load average after timing: $(cut -d' ' -f1-3 /proc/loadavg)"
