#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay bench run: samples per repetition (wall, user, sys, peak memory; instructions under
# callgrind), and commands that fail or cannot start: exit 2, nothing stored.
. "$(dirname "$0")/lib.sh"

metric_count() {
	q "SELECT count(*) FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id
	   WHERE b.name = '$1' AND b.metric = '$2'"
}

expect_exit 0 assay bench run --commit r1 -q -r 3 -w 1 --name noop --threshold 12 -- true
expect_eq "samples" 12 "$(q "SELECT count(*) FROM samples")"
for m in wall user sys maxrss; do
	expect_eq "$m samples" 3 "$(metric_count noop $m)"
done
expect_eq "wall is the main metric" "wall|s" "$(q "SELECT metric, unit FROM benchmarks WHERE is_primary = 1")"
expect_eq "peak memory in bytes" 1 "$(q "SELECT min(value) > 100000 FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id WHERE b.metric = 'maxrss'")"
expect_eq "wall times are real" 1 "$(q "SELECT min(value) > 0 AND max(value) < 5 FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id WHERE b.metric = 'wall'")"
expect_eq "own threshold" "0.12" "$(q "SELECT DISTINCT threshold FROM benchmarks WHERE name = 'noop'")"

# the name defaults to the command line; the summary names each metric
expect_exit 0 assay-bench run --commit r1 -r 2 -w 0 -- sh -c 'exit 0'
expect_grep '^sh -c exit 0: 2 repetitions stored as run 2 \(commit r1\)$' "$TMP/out"
expect_grep '^  maxrss +median [0-9.]+ (KiB|MiB)' "$TMP/out"

# failures: nothing stored
before=$(q "SELECT count(*) FROM samples")
expect_exit 2 assay-bench run --commit r1 -r 3 -- sh -c 'echo "cannot open data" >&2; exit 3'
expect_grep "warmup run 1 of 'sh' failed \(exit status 3\): cannot open data: nothing stored" "$TMP/err"
expect_exit 2 assay-bench run --commit r1 -w 0 -r 3 -- sh -c '[ ! -e marker ] || exit 4; touch marker'
expect_grep "repetition 2 of 'sh' failed \(exit status 4\)" "$TMP/err"
expect_exit 2 assay-bench run --commit r1 -r 2 -- ./no-such-program
expect_grep "cannot run './no-such-program'" "$TMP/err"
expect_exit 2 assay-bench run --commit r1 -r 2 --timeout 0.2 -- sleep 5
expect_grep 'timed out after 0.2 s' "$TMP/err"
expect_exit 2 assay-bench run --commit r1 -r 0 -- true
expect_grep '^assay bench run: --repetitions must be at least 1' "$TMP/err"
expect_grep '^usage: assay bench run ' "$TMP/err"
expect_exit 2 assay-bench run --commit r1
expect_eq "nothing stored by failures" "$before" "$(q "SELECT count(*) FROM samples")"
expect_eq "runs" 2 "$(q "SELECT count(*) FROM runs")"

# instructions under callgrind: a count, not a time
expect_exit 0 assay-bench run --commit r2 -q -r 2 -w 0 --instructions --name ins -- true
expect_eq "instruction samples" 2 "$(metric_count ins instructions)"
expect_eq "a real count" 1 "$(q "SELECT min(value) > 10000 FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id WHERE b.metric = 'instructions'")"
# callgrind's counts go where the user keeps temporary files: $TMPDIR, never a fixed /tmp
TMPDIR=$TMP/no-such-dir expect_exit 2 assay-bench run --commit r2t -q -r 1 -w 0 --instructions --name ins -- true
expect_grep "cannot make a temporary directory in $TMP/no-such-dir: No such file or directory" "$TMP/err"
expect_eq "no times under valgrind" 0 "$(metric_count ins wall)"

# A/A with real commands: the same loop as base and head.  Instruction counts do not move
# with a busy machine, so the verdict is exact; 20% more iterations is a regression.
loop() { # COMMIT ITERATIONS
	expect_exit 0 assay-bench run --commit "$1" -q -r 3 -w 0 --instructions --name loop -- \
		sh -c "i=0; while [ \$i -lt $2 ]; do i=\$((i + 1)); done"
}
loop aa1 2000
loop aa2 2000
loop aa3 2400
expect_exit 0 assay-bench compare aa1 aa2
# (two runs' counts may differ by a few instructions, the loader's: the change then prints as -0.0%)
expect_grep '^loop +instructions .* [-+]0\.0% .* same \(exact\)$' "$TMP/out"
expect_exit 1 assay-bench compare aa1 aa3
expect_grep '^loop +instructions .* \+1[5-9]\.[0-9]% .* regressed \(exact\)$' "$TMP/out"
finish
