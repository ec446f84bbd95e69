#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay mutate's survivor lines show the project's source text, never act on it: a raw escape
# sequence in a string literal and an expression over two lines print as \xNN, one survivor a line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

mkdir -p "$TMP/p/src" "$TMP/p/tests"
printf '#include <string.h>\nint esc_len(int x);\nint esc_len(int x)\n{\n\treturn x +\n\t       (int)strlen("\033[2J\033]0;pwned\007");\n}\n' >"$TMP/p/src/esc.c"
printf 'int esc_len(int x);\nint main(void) { return esc_len(1) < 0; }\n' >"$TMP/p/tests/t.c"
one_test_project "$TMP/p" esc

cd "$TMP/p"
expect_exit 0 assay-mutate --build-dir build --ctest --color=always
expect_grep '^  killed 2  survived 2 ' "$TMP/out"
expect_eq "no escape byte or bell printed but colour's" "0" \
	"$(sed 's/\x1b\[[0-9;]*m//g' "$TMP/out" | grep -c $'[\x1b\x07]')"
expect_eq "one line a survivor" "3" "$(sed 's/\x1b\[[0-9;]*m//g' "$TMP/out" | sed -n '/^survivors:/,$p' | wc -l)"
expect_eq "the text shown escaped" "2" \
	"$(grep -cF 'x +\x0a	       (int)strlen("\x1b[2J\x1b]0;pwned\x07")  ->  ' "$TMP/out")"
finish
