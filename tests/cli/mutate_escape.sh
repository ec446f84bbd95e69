#!/usr/bin/env bash
# assay mutate's survivor lines show the project's source text, never act on it: a raw escape
# sequence in a string literal and an expression over two lines print as \xNN, one survivor a line.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/p/src" "$TMP/p/tests"
printf '#include <string.h>\nint esc_len(int x);\nint esc_len(int x)\n{\n\treturn x +\n\t       (int)strlen("\033[2J\033]0;pwned\007");\n}\n' >"$TMP/p/src/esc.c"
printf 'int esc_len(int x);\nint main(void) { return esc_len(1) < 0; }\n' >"$TMP/p/tests/t.c"
cat >"$TMP/p/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(esc LANGUAGES C)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
add_executable(t tests/t.c src/esc.c)
enable_testing()
add_test(NAME t COMMAND t)
CMAKE
git -C "$TMP/p" init -q
git -C "$TMP/p" -c user.name=t -c user.email=t@t add -A
git -C "$TMP/p" -c user.name=t -c user.email=t@t commit -qm esc
cmake -S "$TMP/p" -B "$TMP/p/build" >/dev/null || fail "cmake configure"
cmake --build "$TMP/p/build" >/dev/null || fail "cmake build"

cd "$TMP/p"
expect_exit 0 assay-mutate --build-dir build --ctest --color=always
expect_grep '^  killed 2  survived 2 ' "$TMP/out"
expect_eq "no escape byte or bell printed but colour's" "0" \
	"$(sed 's/\x1b\[[0-9;]*m//g' "$TMP/out" | grep -c $'[\x1b\x07]')"
expect_eq "one line a survivor" "3" "$(sed 's/\x1b\[[0-9;]*m//g' "$TMP/out" | sed -n '/^survivors:/,$p' | wc -l)"
expect_eq "the text shown escaped" "2" \
	"$(grep -cF 'x +\x0a	       (int)strlen("\x1b[2J\x1b]0;pwned\x07")  ->  ' "$TMP/out")"
finish
