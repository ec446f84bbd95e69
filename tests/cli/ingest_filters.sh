#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --include/--exclude and the files outside the repository, on coverage written by real tools:
# a CMake project built with --coverage, captured by lcov with --initial (which brings in
# CMake's CompilerIdC), and the example's lcov, gcov JSON and Cobertura fixtures.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES
STRIP=/tmp/assay-fixtures/repo

# files COMMIT: the stored paths of that commit's run, sorted, on one line
files() {
	q "SELECT group_concat(path, ' ') FROM (SELECT path FROM coverage JOIN files ON files.id = file_id
		JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = '$1' ORDER BY path)"
}
lines() {
	q "SELECT sum(lines_hit) || '/' || sum(lines_found) FROM coverage JOIN runs ON runs.id = run_id
		JOIN commits ON commits.id = commit_id WHERE sha = '$1'"
}

# ---- a CMake project: lcov --capture --initial reports CMake's compiler-id source too ----
mkdir -p proj/src proj/tests && cd proj || exit 1
cat > CMakeLists.txt <<'CMAKE'
cmake_minimum_required(VERSION 3.13)
project(m C)
add_library(m src/m.c)
add_executable(test_m tests/test_m.c)
target_link_libraries(test_m m)
CMAKE
printf 'int twice(int x)\n{\n\tif (x > 100)\n\t\treturn 0;\n\treturn 2 * x;\n}\n' > src/m.c
printf 'int twice(int);\nint main(void)\n{\n\treturn twice(2) == 4 ? 0 : 1;\n}\n' > tests/test_m.c
git init -q . && git config user.email t@e && git config user.name T && git add . && git commit -qm m
cmake -S . -B build -DCMAKE_C_FLAGS=--coverage > /dev/null && cmake --build build > /dev/null && build/test_m
lcov -q --capture --initial -d build -o base.info 2>/dev/null
lcov -q --capture -d build -o run.info 2>/dev/null
lcov -q -a base.info -a run.info -o all.info 2>/dev/null
compiler_id=$(grep -o 'build/CMakeFiles/[^/]*/CompilerIdC/CMakeCCompilerId.c' all.info)
expect_eq "lcov reports CMake's compiler-id source" 1 "$(echo "$compiler_id" | grep -c CompilerIdC)"

expect_exit 0 assay ingest --no-git --commit all all.info
expect_eq "no filter: every file" "$compiler_id src/m.c tests/test_m.c" "$(files all)"

# build/ and the tests left out, as gcovr -e or lcov --remove would
expect_exit 0 assay ingest --no-git --commit ex --exclude build --exclude 'tests/' all.info
expect_eq "--exclude" "src/m.c" "$(files ex)"
expect_grep '; 2 files left out \(2 --exclude\)$' "$TMP/out"
lcov -q --remove all.info '*/build/*' '*/tests/*' -o removed.info 2>/dev/null
ref=$(lcov --summary removed.info 2>&1 | sed -nE 's/^ *lines\.*: [0-9.]+% \(([0-9]+) of ([0-9]+) lines?\)/\1\/\2/p')
expect_eq "lines as lcov --remove counts them" "$ref" "$(lines ex)"

# --include: only these count; with --exclude, both apply
expect_exit 0 assay ingest --no-git --commit in --include '**/*.c' --exclude '**/CompilerIdC/**' all.info
expect_eq "--include and --exclude" "src/m.c tests/test_m.c" "$(files in)"
expect_grep '; 1 files left out \(1 --exclude\)$' "$TMP/out"
expect_exit 0 assay ingest --no-git --commit in2 --include 'src' all.info
expect_eq "--include a directory" "src/m.c" "$(files in2)"
expect_grep '\(2 not --include\)' "$TMP/out"

# the digest follows what is stored: the same files however the filters are spelled are the
# same run; other filters store other files, so they are another run
expect_exit 0 assay ingest --no-git --commit ex --exclude 'build/**' --exclude 'tests/*.c' all.info
expect_grep 'already ingested' "$TMP/out"
expect_exit 0 assay ingest --no-git --commit ex --exclude build all.info
expect_grep '^ingested run' "$TMP/out"
expect_eq "runs of commit ex" 2 "$(q "SELECT count(*) FROM runs JOIN commits ON commits.id = commit_id WHERE sha = 'ex'")"
cd "$TMP" || exit 1

# ---- files outside the repository are left out by default; --external keeps them ----
# the example's lcov names /tmp/assay-fixtures/repo/..., which is not under this test's root
# every file left out is lcov 2's "empty": an error (most often a wrong --root), unless ignored
expect_exit 2 assay ingest --no-git --commit out --root "$TMP" "$F/lcov/calc-all.info"
expect_eq "outside: the message" "assay ingest: every coverage file was left out (9 outside the repository); the repository is $TMP: --root, --strip or --external may be wanted (lcov's \"empty\"; --ignore-errors empty to go on)" "$(cat "$TMP/err")"
expect_eq "outside: nothing stored" 0 "$(q "SELECT count(*) FROM runs JOIN commits ON commits.id = commit_id WHERE sha = 'out'")"
expect_exit 0 assay ingest --no-git --commit out --root "$TMP" --ignore-errors empty "$F/lcov/calc-all.info"
expect_eq "outside, ignored: nothing stored" "" "$(files out)"
expect_grep 'coverage of 0 files, lines 0/0 \(n/a\); 9 files left out \(9 outside the repository\)$' "$TMP/out"
expect_grep '^assay ingest: warning: every coverage file was left out \(9 outside the repository\)' "$TMP/err"
expect_exit 0 assay ingest --no-git --commit ext --root "$TMP" --external "$F/lcov/calc-all.info"
expect_eq "--external: 9 files" 9 "$(q "SELECT count(*) FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = 'ext'")"
expect_eq "--external: absolute paths" "$STRIP/examples/calc/src/eval.c" "$(q "SELECT path FROM files WHERE path LIKE '%/src/eval.c'")"
expect_exit 0 assay ingest --no-git --commit ext2 --root "$TMP" --external --exclude '/tmp/**/tests' "$F/lcov/calc-all.info"
expect_eq "--external and an absolute --exclude" 4 "$(q "SELECT count(*) FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = 'ext2'")"

# ---- a pattern that matches nothing is lcov 2's "unused": an error (a typo?), unless ignored ----
expect_exit 2 assay ingest --no-git --commit un --strip "$STRIP" --exclude 'examples/calc/test/**' "$F/lcov/calc-all.info"
expect_eq "unused: the message" "assay ingest: --exclude 'examples/calc/test/**' matches no coverage file (lcov's \"unused\"; --ignore-errors unused to go on)" "$(cat "$TMP/err")"
expect_exit 0 assay ingest --no-git --commit un --strip "$STRIP" --exclude 'examples/calc/test/**' --ignore-errors unused "$F/lcov/calc-all.info"
expect_grep "^assay ingest: warning: --exclude 'examples/calc/test/\*\*' matches no coverage file" "$TMP/err"
expect_eq "unused, ignored: every file" 9 "$(q "SELECT count(*) FROM coverage JOIN runs ON runs.id = run_id JOIN commits ON commits.id = commit_id WHERE sha = 'un'")"
expect_exit 2 assay ingest --no-git --commit un2 --ignore-errors format,bogus "$F/lcov/calc-all.info"
expect_grep "^assay ingest: --ignore-errors: unknown category 'bogus' \(lcov 2's are: annotate, " "$TMP/err"

# ---- every format: lcov, gcov JSON and Cobertura alike ----
expect_exit 0 assay ingest --no-git --commit lc --strip "$STRIP" --exclude 'examples/calc/tests' "$F/lcov/calc-all.info"
expect_eq "lcov" "examples/calc/src/env.c examples/calc/src/eval.c examples/calc/src/lexer.c examples/calc/src/numutil.c" "$(files lc)"
expect_exit 0 assay ingest --no-git --commit gc --strip "$STRIP" "$F/gcov/eval.c.gcov.json.gz"
expect_eq "gcov JSON, no filter" "examples/calc/src/eval.c" "$(files gc)"
expect_exit 2 assay ingest --no-git --commit gc2 --strip "$STRIP" --exclude eval.c "$F/gcov/eval.c.gcov.json.gz"
expect_grep '^assay ingest: every coverage file was left out \(1 --exclude\) \(lcov' "$TMP/err"
expect_exit 0 assay ingest --no-git --commit gc2 --strip "$STRIP" --exclude eval.c --ignore-errors empty "$F/gcov/eval.c.gcov.json.gz"
expect_eq "gcov JSON, --exclude" "" "$(files gc2)"
mkdir -p "$TMP/calc" # stands for gcovr's root: its paths are relative to it
expect_exit 0 assay ingest --no-git --commit cob --root "$TMP/calc" --include 'src/eval.c' "$F/cobertura/calc-gcovr.xml"
expect_eq "Cobertura" "src/eval.c" "$(files cob)"
finish
