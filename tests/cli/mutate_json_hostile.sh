#!/usr/bin/env bash
# assay mutate's --json summary, its JSON report and SARIF are JSON whatever the source holds: a
# string literal with a byte that is not UTF-8, control characters and ESC, quotes and a
# backslash.  Each is parsed strictly (strict UTF-8, no
# NaN/Infinity, no raw control character); the byte 0xff comes out as U+FFFD (cli/json_out.h).
. "$(dirname "$0")/lib.sh"

# strict FILE EXPR: what EXPR (Python, over the document d) gives if FILE is one strict JSON
# document, else INVALID and why.  LIT is the string literal of src/bad.c as it must come out.
strict() {
	python3 - "$1" "$2" <<'PY'
import json, sys
LIT = '"\\"\\\\\x01\x1b[2J\ufffd\ufffd"'
def constant(c):
    raise ValueError("not JSON: " + c)
try:
    d = json.loads(open(sys.argv[1], "rb").read().decode("utf-8", "strict"), parse_constant=constant)
except Exception as e:
    print("INVALID: %s" % e)
    sys.exit(0)
print(eval(sys.argv[2]))
PY
}

P=$TMP/p
mkdir -p "$P/src" "$P/tests"
printf '#include <string.h>\nint bad_len(int x);\nint bad_len(int x)\n{\n\treturn x +\n\t       (int)strlen("\\"\\\\\001\033[2J\377\376");\n}\n' >"$P/src/bad.c"
printf '/* \377 */\nint bad_len(int x);\nint main(void) { return bad_len(1) < 0; }\n' >"$P/tests/t.c"
cat >"$P/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(bad LANGUAGES C)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
add_executable(t tests/t.c src/bad.c)
enable_testing()
add_test(NAME t COMMAND t)
CMAKE
git -C "$P" init -q
git -C "$P" -c user.name=t -c user.email=t@t add -A
git -C "$P" -c user.name=t -c user.email=t@t commit -qm bad
cmake -S "$P" -B "$P/build" >/dev/null || fail "cmake configure"
cmake --build "$P/build" >/dev/null || fail "cmake build"

cd "$P"
expect_exit 0 assay-mutate --build-dir build --ctest --json --report json --report sarif --report-dir "$TMP"
expect_eq "--json" True "$(strict "$TMP/out" 'd["counts"]["survived"] == 2 and all(LIT in s["original"] for s in d["survivors"])')"
expect_eq "--report json" True "$(strict "$TMP/mutation-report.json" \
	'd["projectRoot"].endswith("/p") and LIT in d["files"]["src/bad.c"]["source"] and sum(m["status"] == "Survived" for m in d["files"]["src/bad.c"]["mutants"]) == 2')"
expect_eq "--report sarif" True "$(strict "$TMP/mutation-report.sarif" \
	'd["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"].endswith("/p/") and len(d["runs"][0]["results"]) == 2 and all(LIT in r["message"]["text"] for r in d["runs"][0]["results"])')"
finish
