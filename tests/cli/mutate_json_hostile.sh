#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay mutate's --json summary, its JSON report and SARIF are JSON whatever the source holds: a
# string literal with a byte that is not UTF-8, control characters and ESC, quotes and a
# backslash.  Each is parsed strictly (json_strict); the byte 0xff comes out as U+FFFD, as
# cli/json_out.h says.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

# LIT is the string literal of src/bad.c as it must come out
JSON_PY='LIT = "\"\\\"\\\\\x01\x1b[2J\ufffd\ufffd\""'
P=$TMP/p
mkdir -p "$P/src" "$P/tests"
printf '#include <string.h>\nint bad_len(int x);\nint bad_len(int x)\n{\n\treturn x +\n\t       (int)strlen("\\"\\\\\001\033[2J\377\376");\n}\n' >"$P/src/bad.c"
printf '/* \377 */\nint bad_len(int x);\nint main(void) { return bad_len(1) < 0; }\n' >"$P/tests/t.c"
one_test_project "$P" bad

cd "$P"
expect_exit 0 assay-mutate --build-dir build --ctest --json --report json --report sarif --report-dir "$TMP"
expect_eq "--json" True "$(json_strict "$TMP/out" 'd["counts"]["survived"] == 2 and all(LIT in s["original"] for s in d["survivors"])')"
expect_eq "--report json" True "$(json_strict "$TMP/mutation-report.json" \
	'd["projectRoot"].endswith("/p") and LIT in d["files"]["src/bad.c"]["source"] and sum(m["status"] == "Survived" for m in d["files"]["src/bad.c"]["mutants"]) == 2')"
expect_eq "--report sarif" True "$(json_strict "$TMP/mutation-report.sarif" \
	'd["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"].endswith("/p/") and len(d["runs"][0]["results"]) == 2 and all(LIT in r["message"]["text"] for r in d["runs"][0]["results"])')"
finish
