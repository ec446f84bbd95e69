#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay gate on bad input: a base or head git does not know, a store that is not there or is
# not an Assay store, no run for head, a diff git cannot produce (not a repository; a shallow
# clone without the base), a configuration with errors: one clear line each, exit 2, and
# nothing written (no Markdown, no JUnit, the store unchanged).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gate_lib.sh"

lines src/a.c 10
BASE=$(commit base)
junit "$TMP/b.xml" t1:pass
lcov "$TMP/b.info" src/a.c 1-10:1
ingest "$BASE" "$TMP/b.xml" "$TMP/b.info"
echo 'int more;' >>"$R/src/a.c"
HEAD=$(commit head)
lcov "$TMP/h.info" src/a.c 1-11:1
ingest "$HEAD" "$TMP/b.xml" "$TMP/h.info"
SUM=$(sha256sum "$ASSAY_DB")

# nothing_written WHAT: exit 2, one line on stderr, no output files, the store as it was
nothing_written() {
	expect_eq "$1: exit" 2 "$GATE"
	expect_eq "$1: one line" 1 "$(wc -l <"$TMP/err")"
	[ ! -e "$TMP/g.md" ] || fail "$1: wrote the Markdown"
	[ ! -e "$TMP/g.xml" ] || fail "$1: wrote the JUnit"
	expect_eq "$1: store unchanged" "$SUM" "$(sha256sum "$ASSAY_DB")"
}
OUT=(--markdown "$TMP/g.md" --junit "$TMP/g.xml")

gate --base no-such-rev "${OUT[@]}"
nothing_written "unknown base"
expect_grep "^assay gate: --base no-such-rev: not a commit git knows here, nor one in the store$" "$TMP/err"

gate --head no-such-rev "${OUT[@]}"
nothing_written "unknown head"
expect_grep "^assay gate: --head no-such-rev: not a commit git knows here, nor one in the store$" "$TMP/err"

gate --db "$TMP/none.db" "${OUT[@]}"
expect_eq "no store: exit" 2 "$GATE"
expect_grep "none\.db" "$TMP/err"
[ ! -e "$TMP/none.db" ] || fail "no store: one was created"

echo "not a database, only text" >"$TMP/text.db"
gate --db "$TMP/text.db" "${OUT[@]}"
expect_eq "not a store: exit" 2 "$GATE"
expect_eq "not a store: one line" 1 "$(wc -l <"$TMP/err")"
expect_eq "not a store: untouched" "not a database, only text" "$(cat "$TMP/text.db")"

# head without runs
echo 'int unrun;' >>"$R/src/a.c"
UNRUN=$(commit unrun)
gate "${OUT[@]}"
nothing_written "no run for head"
expect_grep "^assay gate: head ${UNRUN:0:12} has no runs in .*store\.db: ingest its tests and coverage first" "$TMP/err"
git -C "$R" reset -q --hard "$HEAD"

# outside any repository, with shas the store knows: the diff cannot be read
mkdir "$TMP/elsewhere"
(cd "$TMP/elsewhere" && assay gate --head "$HEAD" --base "$BASE" "${OUT[@]}") >"$TMP/out" 2>"$TMP/err"
GATE=$?
nothing_written "not a repository"
expect_grep "^assay gate: not in a git work tree: no diff to read$" "$TMP/err"
# ... which `patch.missing = skip` lets pass over
(cd "$TMP/elsewhere" && assay gate --head "$HEAD" --base "$BASE" --set patch.missing=skip) >"$TMP/out" 2>"$TMP/err"
expect_eq "not a repository, patch skipped: exit" 0 "$?"
expect_grep '^patch coverage +- +- +- +no data \(not in a git work tree: no diff to read\)$' "$TMP/out"

# a shallow clone that lacks the base
git clone -q --depth 1 "file://$R" "$TMP/shallow"
(cd "$TMP/shallow" && assay gate --head "$HEAD" --base "$BASE" "${OUT[@]}") >"$TMP/out" 2>"$TMP/err"
GATE=$?
nothing_written "shallow clone"
expect_grep "^assay gate: ${BASE}: not a commit this shallow clone has; fetch it \(git fetch --unshallow" "$TMP/err"

# configuration errors: FILE:LINE: what is wrong
config_error() {
	local what=$1 want=$2
	printf '%b' "$3" >"$R/.assay.ini"
	gate --base "$BASE" "${OUT[@]}"
	nothing_written "config: $what"
	expect_grep "^assay gate: $R/\.assay\.ini:$want$" "$TMP/err"
}
config_error "unknown section" "1: unknown section \[covrage\]" '[covrage]\nmin_lines = 80\n'
config_error "empty unknown section" "3: unknown section \[nothing\]" '[coverage]\nmin_lines = 80\n[nothing]\n'
config_error "unknown key" "3: unknown key 'min_line' in \[coverage\]" '# lines\n[coverage]\nmin_line = 80\n'
config_error "out of range" "2: min_lines: '120' is not a percentage from 0 to 100" '[coverage]\nmin_lines = 120\n'
config_error "not a number" "2: min: '8O' is not a percentage from 0 to 100" '[patch]\nmin = 8O\n'
config_error "not a boolean" "2: allow_missing: 'maybe' is not true or false" '[tests]\nallow_missing = maybe\n'
config_error "missing" "2: missing: 'ignore' is not fail or skip" '[mutation]\nmissing = ignore\n'
config_error "outside a section" "1: 'min' is outside any section" 'min = 3\n'
config_error "not INI" "2: not an INI line \(KEY = VALUE or \[SECTION\]\)" '[patch]\njust words\n'
config_error "bad sub-section" '1: unknown section \[benchmark "x" y\]' '[benchmark "x" y]\nthreshold = 3\n'
rm "$R/.assay.ini"
gate --base "$BASE" --config "$TMP/absent.ini" "${OUT[@]}"
nothing_written "config: absent"
expect_grep "^assay gate: cannot read .*absent\.ini: No such file or directory$" "$TMP/err"
gate --base "$BASE" --set patch.min=101 "${OUT[@]}"
nothing_written "--set out of range"
expect_grep "^assay gate: --set patch\.min=101: min: '101' is not a percentage from 0 to 100$" "$TMP/err"
gate --base "$BASE" --set patchmin=1 "${OUT[@]}"
nothing_written "--set without a section"
expect_grep "^assay gate: --set patchmin=1: write SECTION\.KEY=VALUE$" "$TMP/err"

# and the same store, good input: passes and writes both
gate --base "$BASE" "${OUT[@]}"
expect_eq "good: exit" 0 "$GATE"
[ -s "$TMP/g.md" ] && [ -s "$TMP/g.xml" ] || fail "good: outputs missing"
expect_eq "good: store unchanged" "$SUM" "$(sha256sum "$ASSAY_DB")"

# every key documented, with its default
assay gate --help-config >"$TMP/keys"
expect_eq "help-config: exit" 0 "$?"
expect_grep '^\[patch\]$' "$TMP/keys"
expect_grep '^  min +80 +' "$TMP/keys"
expect_grep '^  max_drop_lines +0\.5 +' "$TMP/keys"
# ... and the README documents each of them, in its section, with that default
python3 - "$ASSAY_SOURCE_DIR/README.md" "$TMP/keys" >"$TMP/undocumented" <<'PY'
import re, sys
readme = open(sys.argv[1]).read()
ini = readme[readme.index("### assay gate"):]
ini = ini[ini.index("```ini"):]
ini = ini[:ini.index("```\n", 6)]
section = None
for line in open(sys.argv[2]):
    m = re.match(r"^\[(.*)\]$", line.strip())
    if m:
        section = m.group(1).replace('"GLOB"', '"')
        continue
    if not line.strip():
        continue
    key, default = line.split()[:2]
    block = [b for b in re.split(r"\n(?=\[)", ini) if b.startswith("[" + section.split('"')[0].strip())]
    want = key + " = " + ("" if default == "none" else default)
    if not any(re.search(r"^" + re.escape(want) + r"( |$)", b, re.M) for b in block) and \
       not any(key in b and "likewise" in b for b in block):
        print(section, key, default)
PY
expect_eq "keys the README does not document with their default" "" "$(cat "$TMP/undocumented")"
finish
