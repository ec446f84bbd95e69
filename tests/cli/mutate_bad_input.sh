#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay mutate on bad input: a clear message, exit 2, the store unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

tiny_project "$TMP/p"
# a store with one run in it, to see that nothing is added
expect_exit 0 assay-mutate --build-dir "$TMP/p/build" --ctest --commit c1 --operators arith --sources 'src/*.c'
store_sum=$(q "SELECT count(*) FROM runs") 
expect_eq "one run" "1" "$store_sum"
snapshot=$(sha1sum "$ASSAY_DB" | cut -c1-40)
unchanged() {
	expect_eq "$1: store unchanged" "$snapshot" "$(sha1sum "$ASSAY_DB" | cut -c1-40)"
}
M="assay-mutate --commit c1 --operators arith"

# no compile_commands.json
mkdir "$TMP/empty"
expect_exit 2 $M --build-dir "$TMP/empty" --ctest
expect_grep 'compile_commands.json: No such file or directory \(configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON' "$TMP/err"
unchanged "missing compile_commands.json"

# an empty one
echo '[]' >"$TMP/empty/compile_commands.json"
expect_exit 2 $M --build-dir "$TMP/empty" --ctest
expect_grep 'compile_commands.json: no compile commands: nothing to mutate' "$TMP/err"
unchanged "empty compile_commands.json"

# a test command that fails on the unmutated code
expect_exit 2 $M --build-dir "$TMP/p/build" --test-command "./test_arith && false"
expect_grep "the tests fail on the unmutated code: test './test_arith && false' fails \(exit status 1\)" "$TMP/err"
unchanged "failing baseline"

# a test command that clears its environment: ASSAY_MUTANT never reaches the tests,
# which the sanity pass sees (rather than calling every mutant a survivor)
expect_exit 2 $M --build-dir "$TMP/p/build" --test-command "env -i ./test_arith"
expect_grep 'sanity check: the tests pass with every mutant forced to fail' "$TMP/err"
unchanged "environment cleared"
expect_exit 2 $M --build-dir "$TMP/p/build" --test-command "true"
expect_grep 'sanity check: the tests pass with every mutant forced to fail' "$TMP/err"

# a source that does not parse
cp -r "$TMP/p" "$TMP/q"
rm -rf "$TMP/q/build"
cmake -S "$TMP/q" -B "$TMP/q/build" >/dev/null
echo 'int broken(void) { return 1 +; }' >>"$TMP/q/src/tiny.c"
expect_exit 2 $M --build-dir "$TMP/q/build" --ctest
expect_grep 'src/tiny.c:[0-9]+: does not parse: expected expression' "$TMP/err"
unchanged "unparsable source"

# a timeout of zero
expect_exit 2 $M --build-dir "$TMP/p/build" --ctest --timeout-factor 0
expect_grep 'timeout-factor 0: a timeout must be more than zero' "$TMP/err"
unchanged "zero timeout"

# a shard like 3/2, and 0/2
expect_exit 2 $M --build-dir "$TMP/p/build" --ctest --shard 3/2
expect_grep 'shard 3/2: want K/N with 1 <= K <= N' "$TMP/err"
expect_exit 2 $M --build-dir "$TMP/p/build" --ctest --shard 0/2
unchanged "bad shard"

# no way to run the tests, or two; an unknown operator; an unknown revision
expect_exit 2 $M --build-dir "$TMP/p/build"
expect_grep 'say how to run the tests' "$TMP/err"
expect_exit 2 $M --build-dir "$TMP/p/build" --ctest --operators arith,bogus
expect_grep "no operator 'bogus'" "$TMP/err"
expect_exit 2 $M --build-dir "$TMP/p/build" --ctest --since no-such-rev
expect_grep 'since no-such-rev: not a revision git knows' "$TMP/err"
unchanged "usage errors"
finish
