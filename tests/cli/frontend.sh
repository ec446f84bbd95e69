#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The `assay` front end: dispatch to assay-NAME, help, unknown names.
. "$(dirname "$0")/lib.sh"

expect_exit 0 assay --help
expect_grep '^    ingest ' "$TMP/out"
expect_grep '^    show ' "$TMP/out"
expect_grep '^    ls ' "$TMP/out"
expect_exit 2 assay
expect_exit 2 assay no-such-utility
expect_grep "'no-such-utility' is not an assay utility" "$TMP/err"
expect_exit 0 assay --version
expect_grep '^assay [0-9]+\.[0-9]+' "$TMP/out"
expect_exit 0 assay ls --help
expect_grep '^usage: assay ls' "$TMP/out"
expect_exit 0 assay help show
expect_grep '^usage: assay show' "$TMP/out"
expect_exit 2 assay ls --bogus
expect_grep 'unknown option --bogus' "$TMP/err"
# one prefix, the utility as typed, for every utility and subcommand; --version on each
for u in ingest show ls sql mutate merge "flaky run" "flaky list" "flaky quarantine" "bench run" \
	"bench ingest" "bench compare" "bench history"; do
	expect_exit 2 assay $u --no-such-option
	expect_eq "prefix of $u" "assay $u: unknown option --no-such-option" "$(head -n 1 "$TMP/err")"
	expect_exit 0 assay $u --version
	expect_eq "$u --version" "assay $u 0.1.0" "$(cat "$TMP/out")"
done
for u in flaky bench; do
	expect_exit 0 assay $u --version
	expect_eq "$u --version" "assay $u 0.1.0" "$(cat "$TMP/out")"
done
# mutate: its main form takes options with no command word; mark is a command of its table
expect_exit 0 assay mutate --help
expect_grep '^usage: assay mutate --build-dir BUILD' "$TMP/out"
expect_grep '^ +--build-dir DIR ' "$TMP/out"
expect_eq "mutate --help lists its commands" "commands:
  mark  mark a surviving mutant equivalent (no test can kill it), with the reason" "$(grep -A1 '^commands:$' "$TMP/out")"
expect_exit 0 assay mutate mark -h
expect_eq "mutate mark -h" "usage: assay mutate mark KEY --equivalent --why TEXT" "$(head -n 1 "$TMP/out")"
expect_exit 2 assay mutate
expect_eq "mutate without options" "assay mutate: --build-dir is required (the build with compile_commands.json)" "$(cat "$TMP/err")"
expect_exit 2 assay mutate mark
expect_eq "mark without a key" "assay mutate: mark: give one mutant KEY (as the summary or the report shows it)" "$(cat "$TMP/err")"
expect_exit 2 assay mutate marc
expect_eq "mutate: not a command, an operand of the run" "assay mutate: unexpected operand 'marc'" "$(cat "$TMP/err")"
# did you mean: a utility, an option, a subcommand
expect_exit 2 assay shwo
expect_eq "utility typo" "assay: 'shwo' is not an assay utility (no assay-shwo beside assay or on PATH); did you mean 'assay show'?" "$(cat "$TMP/err")"
expect_exit 2 assay ls --limt 3
expect_eq "option typo" "assay ls: unknown option --limt; did you mean --limit?" "$(head -n 1 "$TMP/err")"
expect_exit 2 assay ingest --formt lcov x
expect_eq "option typo" "assay ingest: unknown option --formt; did you mean --format?" "$(head -n 1 "$TMP/err")"
expect_exit 2 assay bench comapre
expect_eq "subcommand typo" "assay bench: unknown command 'comapre'; did you mean 'assay bench compare'?" "$(head -n 1 "$TMP/err")"
expect_exit 2 assay ls --zzzzzz
expect_eq "nothing near" "assay ls: unknown option --zzzzzz" "$(head -n 1 "$TMP/err")"
# errors as JSON with --json: usage errors and the others
expect_exit 2 assay ls --json --bogus
expect_eq "json usage error" '{"error":{"utility":"assay ls","code":"usage error","exit":2,"message":"unknown option --bogus","usage":"assay ls [--db PATH] [--json] [--limit N] [--kind KIND]"}}' "$(cat "$TMP/err")"
expect_exit 2 assay show --json nosuchcommit
expect_eq "json error" '{"error":{"utility":"assay show","code":"not found","exit":2,"message":"no run or commit '"'nosuchcommit'"' in '"$ASSAY_DB"'"}}' "$(cat "$TMP/err")"
expect_eq "json error: nothing on stdout" "" "$(cat "$TMP/out")"
expect_exit 2 assay sql --json "SELECT nosuchcolumn"
expect_eq "sql json error" '{"error":{"utility":"assay sql","code":"usage error","exit":2,"message":"no such column: nosuchcolumn"}}' "$(cat "$TMP/err")"
expect_eq "sql json error: no half array" "" "$(cat "$TMP/out")"
expect_exit 2 assay ls --color=sometimes
expect_eq "bad --color" "assay ls: --color takes auto, always or never, not 'sometimes'" "$(head -n 1 "$TMP/err")"
# sql: a header row on request and on a terminal, none in a pipe (scripts read the values)
expect_exit 0 assay sql "SELECT 1 AS one, 2 AS two" "SELECT 3 AS three"
expect_eq "sql piped" "1|2
3" "$(cat "$TMP/out")"
expect_exit 0 assay sql --header "SELECT 1 AS one, 2 AS two" "SELECT 3 AS three"
expect_eq "sql --header" "one|two
1|2
three
3" "$(cat "$TMP/out")"
expect_exit 0 script -qec "assay sql 'SELECT 1 AS one'" /dev/null
expect_eq "sql on a terminal" "one
1" "$(tr -d '\r' < "$TMP/out")"
expect_exit 0 assay sql --json "SELECT 1 AS one WHERE 0"
expect_eq "sql json, no rows" "[]" "$(cat "$TMP/out")"
# bench run --json: the run, its commit and each series' figures, and no progress on stderr
expect_exit 0 assay bench run --db "$TMP/bench.db" --commit b1 --json -r 3 -w 0 --name t -- true
expect_eq "bench run --json" "1 b1 t 3 wall,user,sys,maxrss s True" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["series"]
print(d["run"], d["commit"], d["name"], d["repetitions"], ",".join(x["metric"] for x in s), s[0]["unit"],
      all(x["min"] <= x["median"] <= x["max"] for x in s))' "$TMP/out")"
expect_eq "bench run --json: quiet stderr" "" "$(cat "$TMP/err")"
# ls --kind: only the kinds there are
expect_exit 2 assay ls --kind bogus
expect_eq "ls --kind bogus" "assay ls: --kind takes ingest, flaky, mutation or bench, not 'bogus'" "$(head -n 1 "$TMP/err")"
expect_eq "ls --kind bogus: no table" "" "$(cat "$TMP/out")"
# an empty store: ls lists nothing, show says there is nothing
expect_exit 0 assay ls
expect_eq "ls header only" 1 "$(wc -l < "$TMP/out")"
expect_exit 0 assay ls --json
expect_eq "ls json" "[]" "$(cat "$TMP/out")"
expect_exit 2 assay show
expect_grep 'no runs yet' "$TMP/err"
# cmake --install puts every utility beside the front end, which then finds and lists them
expect_exit 0 cmake --install "$ASSAY_BUILD_DIR" --prefix "$TMP/inst"
for u in ingest show ls; do
	expect_eq "installed assay-$u" 1 "$(ls "$TMP/inst/bin/assay-$u" 2>/dev/null | wc -l)"
done
expect_exit 0 env PATH=/usr/bin:/bin "$TMP/inst/bin/assay" --help
expect_grep '^    ingest ' "$TMP/out"
# every utility listed says what it is for
expect_eq "utilities without a description" "" "$(grep -E '^    [a-z-]+ *$' "$TMP/out")"
expect_eq "installed utilities listed" "$(ls "$TMP/inst/bin" | grep -c '^assay-')" "$(grep -cE '^    [a-z-]+ ' "$TMP/out")"
expect_exit 0 env PATH=/usr/bin:/bin "$TMP/inst/bin/assay" ls --db "$TMP/x.db"
# a description lives with its utility (share/assay/utilities/NAME beside its bin/): the front end
# knows none itself, so a program that merely takes a name it may have one day is described by
# nothing, and one of somebody else's that installs its line is described by that line
mkdir -p "$TMP/other/bin" "$TMP/other/share/assay/utilities"
printf '#!/bin/sh\necho oracle\n' >"$TMP/other/bin/assay-oracle"
printf '#!/bin/sh\necho lint\n' >"$TMP/other/bin/assay-lint"
chmod +x "$TMP/other/bin/assay-oracle" "$TMP/other/bin/assay-lint"
echo "lint the store's runs" >"$TMP/other/share/assay/utilities/lint"
expect_exit 0 env PATH="$TMP/other/bin:/usr/bin:/bin" "$TMP/inst/bin/assay" --help
expect_eq "oracle: no description of the front end's own" "    oracle" "$(grep -E '^    oracle' "$TMP/out" | sed 's/ *$//')"
expect_grep "^    lint       lint the store's runs$" "$TMP/out"
expect_grep '^    mutate     mutation testing of C code with libclang$' "$TMP/out"
finish
