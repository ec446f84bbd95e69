#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The report in a real browser: Debian's chromium, headless, driven over the DevTools protocol
# (tests/cli/report_browser.py): pages load without console errors, a click on a heading sorts,
# n moves between uncovered lines, the line numbers (a counter) stay right as the filters hide
# lines, a hostile test name opens no dialog, and a screenshot of an annotated file is not blank. Skipped (77), saying why, only where chromium cannot start.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gate_lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "SKIP: no chromium (scripts/install-deps.sh installs Debian's)"
	exit 77
fi
mkdir -p "$R/src" "$R/lib"
printf 'int a(int x)\n{\n\tif (x)\n\t\treturn 1;\n\treturn 0;\n}\nint b(void)\n{\n\treturn 2;\n}\n' >"$R/src/a.c"
printf 'int c(void)\n{\n\treturn 3;\n}\n' >"$R/lib/c.c"
HEAD=$(commit sources)
junit "$TMP/j.xml" ok:pass "<script>alert(1)</script>:fail"
lcov "$TMP/c.info" src/a.c 1-3:4 4:1 5:3 6:4 7-9:0
# line 3's branches: one taken 4 times, one never
sed -i '0,/^LF:/s//BRDA:3,0,0,4\nBRDA:3,0,1,0\nLF:/' "$TMP/c.info"
lcov_add "$TMP/c.info" lib/c.c 1-4:2
ingest "$HEAD" "$TMP/j.xml" "$TMP/c.info"
(cd "$R" && assay report html -q --out "$TMP/report") || fail "render"
PAGE=$(cd "$TMP/report" && ls f/src-a.c-*.html)
timeout 180 python3 "$(dirname "$0")/report_browser.py" "$CHROMIUM" "$TMP/report" "$PAGE" "$TMP/shot.png" >"$TMP/out" 2>&1
rc=$?
cat "$TMP/out"
if [ "$rc" = 77 ]; then
	echo "SKIP: $(tail -1 "$TMP/out")"
	exit 77
fi
expect_eq "browser checks" 0 "$rc"
expect_eq "checks passed" 15 "$(grep -c '^ok: ' "$TMP/out")"
[ -s "$TMP/shot.png" ] || fail "no screenshot"
if [ -n "${ASSAY_KEEP_SCREENSHOT:-}" ]; then cp "$TMP/shot.png" "$ASSAY_KEEP_SCREENSHOT"; fi
finish
