#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Colour where it helps a person at a terminal: failures and regressions in red, flaky tests in
# yellow, surviving mutants in red.  Never when not a terminal, nor with NO_COLOR (unless
# --color=always), nor with --color=never or TERM=dumb.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES
ESC=$'\033'
# as regular expressions
RED="${ESC}\[31m"
OFF="${ESC}\[m"
# has_esc FILE: 1 when FILE holds an escape byte
has_esc() { grep -c "$ESC" "$1" | sed 's/^0$/0/;s/^[1-9][0-9]*$/1/'; }
# on_tty CMD: run CMD on a pseudo-terminal, its output in $TMP/out
on_tty() { script -qec "$1" /dev/null > "$TMP/out" 2>&1; tr -d '\r' < "$TMP/out" > "$TMP/tty" && mv "$TMP/tty" "$TMP/out"; }

expect_exit 0 assay ingest --commit c1 "$F/junit/calc-ctest-demo-fail.xml"
expect_eq "ingest piped: no colour" 0 "$(has_esc "$TMP/out")"
expect_exit 0 assay ingest --commit c2 --color=always "$F/junit/calc-ctest-demo-fail.xml"
expect_grep "5 passed, ${RED}1 failed${OFF}, 0 errors, 0 skipped" "$TMP/out"

# show: piped none; always: the failed count and the failure's status in red
expect_exit 0 assay show c1
expect_eq "show piped: no colour" 0 "$(has_esc "$TMP/out")"
expect_exit 0 assay show --color=always c1
expect_grep "^tests      6: ${ESC}\[32m5 passed${OFF}, ${RED}1 failed${OFF}, 0 errors, 0 skipped" "$TMP/out"
expect_grep "^  ${RED}fail ${OFF} demo\.demo$" "$TMP/out"
expect_exit 0 env NO_COLOR=1 assay show --color=always c1
expect_eq "--color=always wins over NO_COLOR" 1 "$(has_esc "$TMP/out")"
# on a terminal: colour by default, none with NO_COLOR, --color=never or TERM=dumb
on_tty "assay show c1"
expect_grep "^  ${RED}fail ${OFF} demo\.demo$" "$TMP/out"
on_tty "NO_COLOR=1 assay show c1"
expect_grep '^  fail  demo\.demo$' "$TMP/out"
expect_eq "tty, NO_COLOR" 0 "$(has_esc "$TMP/out")"
on_tty "assay show --color=never c1"
expect_eq "tty, --color=never" 0 "$(has_esc "$TMP/out")"
on_tty "TERM=dumb assay show c1"
expect_eq "tty, TERM=dumb" 0 "$(has_esc "$TMP/out")"
# ls: a run's failures in red
expect_exit 0 assay ls --color=always
expect_grep " ${RED}     1${OFF} " "$TMP/out"

# flaky run: the flaky test's failures in yellow
expect_exit 1 assay flaky run --commit c3 -n 2 --color=always -- sh "$F/flaky/flaky-test.sh"
expect_grep "${ESC}\[33mfailed 1/2${OFF}" "$TMP/out"
expect_exit 1 assay flaky run --commit c4 -n 2 -- sh "$F/flaky/flaky-test.sh"
expect_eq "flaky run piped: no colour" 0 "$(has_esc "$TMP/out")"

# bench compare: a regression in red
gen() { # FILE CENTRE: 10 samples within 1% of CENTRE
	awk -v c="$2" 'BEGIN { printf "["; for (i = 0; i < 10; i++)
		printf "%s{\"name\": \"fast\", \"unit\": \"ns\", \"value\": %.4f}", i ? "," : "", c * (1 + 0.002 * (i % 5)); printf "]" }' > "$1"
}
gen b1.json 100
gen b2.json 120
expect_exit 0 assay bench ingest --commit b1 b1.json
expect_exit 0 assay bench ingest --commit b2 b2.json
expect_exit 1 assay bench compare --color=always b1 b2
expect_grep "${RED}regressed${OFF}$" "$TMP/out"
expect_exit 1 assay bench compare b1 b2
expect_eq "bench compare piped: no colour" 0 "$(has_esc "$TMP/out")"

# bench history: a step for the worse in red
for i in 1 2 3 4 5 6 7 8; do
	awk -v c=$([ "$i" -ge 5 ] && echo 130 || echo 100) -v s="$i" 'BEGIN { printf "["
		for (k = 0; k < 8; k++) printf "%s{\"name\": \"parse\", \"unit\": \"ms\", \"value\": %.3f}", k ? "," : "", c * (1 + 0.002 * ((k + s) % 5))
		printf "]" }' > "h$i.json"
	expect_exit 0 assay bench ingest --commit "h$i" --branch main "h$i.json"
done
expect_exit 0 assay bench history --color=always parse
expect_grep "^step at h5 .* ${RED}\(\+30\.[0-9]%\)${OFF}$" "$TMP/out"
expect_exit 0 assay bench history parse
expect_eq "bench history piped: no colour" 0 "$(has_esc "$TMP/out")"
finish
