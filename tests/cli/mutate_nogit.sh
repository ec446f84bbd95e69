#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay mutate outside a git work tree (a release tarball, a CI cache): --sources names
# files from the current directory when the sources lie under it, else from the directory
# they share; a glob that matches nothing names the root it was tried under and paths it
# could have matched.
. "$(dirname "$0")/lib.sh"

cp -r "$ASSAY_FIXTURES/mutate/tiny" "$TMP/p" # no git init: a tarball
cmake -S "$TMP/p" -B "$TMP/p/build" >/dev/null && cmake --build "$TMP/p/build" >/dev/null ||
	fail "cmake build of the fixture"
M="--ctest --timeout-const 0.3 --commit c1 --operators delete"

# from the top: the root is the current directory
cd "$TMP/p"
expect_exit 0 assay-mutate --build-dir build --sources src/tiny.c $M
expect_grep '^assay mutate: [1-9][0-9]* mutants in 1 files' "$TMP/out"
# from src/: the sources (src/, tests/) are not all under it: the root is their common directory
cd "$TMP/p/src"
expect_exit 0 assay-mutate --build-dir ../build --sources src/tiny.c $M
expect_grep '^assay mutate: [1-9][0-9]* mutants in 1 files' "$TMP/out"
# from above the project: the root is the current directory, and src/tiny.c is not a path there
cd "$TMP"
expect_exit 2 assay-mutate --build-dir p/build --sources src/tiny.c $M
expect_grep "^assay.mutate: $TMP/p/build/compile_commands.json: no C source of the project matches --sources under the root $TMP \(--root to say another\); its sources there: p/src/tiny.c, p/tests/test_arith.c, p/tests/test_loop.c$" "$TMP/err"
finish
