#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Which tests reached which mutants (mutation_reach), from a real assay mutate run: t_add
# reaches add(), t_mul mul(), t_both both (and two more reach add(), one of them named
# t_<add>, so that its line lists the first three of four, escaped).  The rows (names and
# mutant ids), a run's that took every result over (the rows of the run they came from), one's
# that took add's over (add's carried, mul's traced: the union), shards merged into one row per
# test, and the source page's "reached by N tests" on each line with mutants after each run.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gate_lib.sh"

mkdir -p "$R/src" "$R/tests"
cat >"$R/src/calc.c" <<'C'
int add(int a, int b)
{
	return a + b;
}

int mul(int a, int b)
{
	return a * b;
}
C
for t in add add0 mul both; do
	{
		echo 'int add(int a, int b); int mul(int a, int b);'
		case $t in
		add) echo 'int main(void) { return add(2, 3) != 5; }' ;;
		add0) echo 'int main(void) { return add(0, 0) != 0; }' ;;
		mul) echo 'int main(void) { return mul(2, 3) != 6; }' ;;
		both) echo 'int main(void) { return add(1, 1) != 2 || mul(3, 3) != 9; }' ;;
		esac
	} >"$R/tests/t_$t.c"
done
cat >"$R/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(calc LANGUAGES C)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
enable_testing()
foreach(t add add0 mul both)
	add_executable(t_${t} tests/t_${t}.c src/calc.c)
	add_test(NAME t_${t} COMMAND t_${t})
endforeach()
add_test(NAME "t_<add>" COMMAND t_add)
CMAKE
echo "build/" >"$R/.gitignore"
HEAD=$(commit "calc")
cmake -S "$R" -B "$R/build" >/dev/null && cmake --build "$R/build" >/dev/null || fail "build"
lcov "$TMP/c.info" src/calc.c 1-9:1
ingest "$HEAD" "$TMP/c.info"
M="assay mutate -q --build-dir build --ctest --operators arith,return"
(cd "$R" && $M) >"$TMP/m.out" 2>&1 || fail "mutate: $(tail -3 "$TMP/m.out")"

RUN=$(q "SELECT max(run_id) FROM mutation_runs")
NADD=$(q "SELECT count(*) FROM mutants WHERE function = 'add'")
NMUL=$(q "SELECT count(*) FROM mutants WHERE function = 'mul'")
expect_eq "mutants of add and mul" "4 4" "$NADD $NMUL"
# ids below 128: each id of the varint delta list is one byte, so the length is the count
reach() {
	q "SELECT group_concat(test || '=' || length(mutants), ' ') FROM (SELECT test, mutants FROM mutation_reach WHERE run_id = $1 ORDER BY test)"
}
expect_eq "reach rows" "t_<add>=4 t_add=4 t_add0=4 t_both=8 t_mul=4" "$(reach "$RUN")"
expect_eq "t_add reached add's mutants, in order" "$(q "SELECT group_concat(printf('%02x', id), '') FROM (SELECT id - coalesce(lag(id) OVER (ORDER BY id), 0) AS id FROM mutants WHERE function = 'add')")" \
	"$(q "SELECT hex(mutants) FROM mutation_reach WHERE run_id = $RUN AND test = 't_add'")"

# every test's reach in run $1, the lists decoded (lib/reachblob.h): test=id,id,... by test
reach_ids() {
	q "SELECT test || ' ' || hex(mutants) FROM mutation_reach WHERE run_id = $1 ORDER BY test" | python3 -c '
import sys
rows = []
for line in sys.stdin:
    test, _, hexed = line.rstrip("\n").partition(" ")
    ids, prev, value, shift = [], 0, 0, 0
    for byte in bytes.fromhex(hexed):
        value |= (byte & 0x7f) << shift
        shift += 7
        if not byte & 0x80:
            prev += value
            ids.append(str(prev))
            value, shift = 0, 0
    rows.append("%s=%s" % (test, ",".join(ids)))
print(" ".join(rows))'
}
ids_of() {
	q "SELECT group_concat(id) FROM (SELECT id FROM mutants WHERE $1 ORDER BY id)"
}
ADD=$(ids_of "function = 'add'")
MUL=$(ids_of "function = 'mul'")
expect_eq "ids of add's and mul's mutants" "1,2,3,4 5,6,7,8" "$ADD $MUL"
expect_eq "decoded reach" "t_<add>=$ADD t_add=$ADD t_add0=$ADD t_both=$ADD,$MUL t_mul=$MUL" "$(reach_ids "$RUN")"

# the source page: each line with mutants says which tests reached it; the JSON beside it too
reach_report() {
	rm -rf "$TMP/report"
	(cd "$R" && assay report html -q --out "$TMP/report") || fail "$1: render"
	local page
	page=$(ls "$TMP"/report/f/src-calc.c-*.html)
	expect_eq "$1: reached lines" "2" "$(grep -c '<li class=mr>' "$page")"
	expect_grep '^<tr id=L3[ >].*$' "$page"
	expect_eq "$1: line 3" "reached by 4 tests: t_&lt;add&gt;, t_add, t_add0&hellip;" \
		"$(sed -n '/^<tr id=L3[ >]/{n;p}' "$page" | sed -n 's|.*<li class=mr>\([^<]*\)</li>.*|\1|p')"
	expect_eq "$1: line 8" "reached by 2 tests: t_both, t_mul" \
		"$(sed -n '/^<tr id=L8[ >]/{n;p}' "$page" | sed -n 's|.*<li class=mr>\([^<]*\)</li>.*|\1|p')"
	python3 "$(dirname "$0")/report_check.py" "$TMP/report" >"$TMP/check.out" || fail "$1: report_check: $(cat "$TMP/check.out")"
	# each mutant's coveredBy, the tests that reached it
	expect_eq "$1: coveredBy of add's and mul's mutants" "add t_<add>,t_add,t_add0,t_both mul t_both,t_mul" \
		"$(python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
by = {}
for f in doc["files"].values():
    for m in f["mutants"]:
        fn = m["description"].rsplit(" in ", 1)[1].rstrip("()")
        by.setdefault(fn, set()).add(",".join(sorted(m["coveredBy"])))
print(" ".join("%s %s" % (fn, "|".join(sorted(v))) for fn, v in sorted(by.items())))' "$TMP/report/mutation-report.json")"
}
reach_report "run 1"

# every result taken over, the same commit: no new run, no rows added
(cd "$R" && $M) >"$TMP/m2.out" 2>&1 || fail "mutate again: $(tail -3 "$TMP/m2.out")"
expect_eq "reach rows of every run" "$RUN:5" "$(q "SELECT group_concat(run_id || ':' || n) FROM (SELECT run_id, count(*) AS n FROM mutation_reach GROUP BY run_id)")"
# every result taken over on another commit: a run that traced nothing carries the reach of
# the run its results came from, row for row; its report says who reached them
commit "nothing changed" >/dev/null
(cd "$R" && $M) >"$TMP/m3.out" 2>&1 || fail "mutate, nothing changed: $(tail -3 "$TMP/m3.out")"
SAME=$(q "SELECT max(run_id) FROM mutation_runs")
expect_eq "nothing changed: a new run, every result reused" "1|8" \
	"$(q "SELECT $SAME > $RUN, count(*) FROM mutations WHERE run_id = $SAME AND reused = 1")"
expect_eq "nothing changed: the reach of the run before" "$(reach_ids "$RUN")" "$(reach_ids "$SAME")"
reach_report "every result reused"

# add's results taken over (from that run), mul's mutants new and traced: each test's list the union
sed -i 's/return a \* b;/return b * a;/' "$R/src/calc.c"
commit "mul, the other way round" >/dev/null
(cd "$R" && $M) >"$TMP/m4.out" 2>&1 || fail "mutate c2: $(tail -3 "$TMP/m4.out")"
RUN2=$(q "SELECT max(run_id) FROM mutation_runs")
expect_eq "reused results: add's" "$ADD" "$(ids_of "id IN (SELECT mutant_id FROM mutations WHERE run_id = $RUN2 AND reused = 1)")"
NEWMUL=$(ids_of "id IN (SELECT mutant_id FROM mutations WHERE run_id = $RUN2 AND reused = 0)")
expect_eq "mul's mutants: new ones" "9,10,11,12" "$NEWMUL"
expect_eq "reach of a run with reused results" \
	"t_<add>=$ADD t_add=$ADD t_add0=$ADD t_both=$ADD,$NEWMUL t_mul=$NEWMUL" "$(reach_ids "$RUN2")"
reach_report "add's results reused"

# results taken over from a run that measured no reach (--no-schemata traces nothing): none made up
(cd "$R" && $M --no-schemata --db "$TMP/n.db") >"$TMP/n1.out" 2>&1 || fail "no schemata: $(tail -3 "$TMP/n1.out")"
commit "nothing changed again" >/dev/null
(cd "$R" && $M --db "$TMP/n.db") >"$TMP/n2.out" 2>&1 || fail "after no schemata: $(tail -3 "$TMP/n2.out")"
expect_eq "after a run without reach: runs, reused results, reach rows" "2|8|0" \
	"$(sqlite3 "$TMP/n.db" "SELECT (SELECT count(*) FROM mutation_runs), (SELECT count(*) FROM mutations m WHERE reused = 1 AND run_id = (SELECT max(run_id) FROM mutation_runs)), (SELECT count(*) FROM mutation_reach)")"

# shards into their own stores, merged: one row per test, the shards' mutants joined
(cd "$R" && $M --no-reuse --shard 1/2 --db "$TMP/s1.db") >"$TMP/s1.out" 2>&1 || fail "shard 1: $(tail -3 "$TMP/s1.out")"
(cd "$R" && $M --no-reuse --shard 2/2 --db "$TMP/s2.db") >"$TMP/s2.out" 2>&1 || fail "shard 2: $(tail -3 "$TMP/s2.out")"
S1=$(sqlite3 "$TMP/s1.db" "SELECT sum(length(mutants)) FROM mutation_reach")
S2=$(sqlite3 "$TMP/s2.db" "SELECT sum(length(mutants)) FROM mutation_reach")
expect_eq "the shards' reach adds up" "24" "$((S1 + S2))"
expect_exit 0 assay merge --db "$TMP/m.db" "$TMP/s1.db" "$TMP/s2.db"
expect_eq "merged reach rows" "t_<add>=4 t_add=4 t_add0=4 t_both=8 t_mul=4" \
	"$(ASSAY_DB=$TMP/m.db q "SELECT group_concat(test || '=' || length(mutants), ' ') FROM (SELECT test, mutants FROM mutation_reach ORDER BY test)")"
# the merged ids are the target's: t_mul's are mul's mutants there
expect_eq "merged t_mul is mul's mutants" "$(sqlite3 "$TMP/m.db" "SELECT group_concat(printf('%02x', id), '') FROM (SELECT id - coalesce(lag(id) OVER (ORDER BY id), 0) AS id FROM mutants WHERE function = 'mul')")" \
	"$(sqlite3 "$TMP/m.db" "SELECT hex(mutants) FROM mutation_reach WHERE test = 't_mul'")"
finish
