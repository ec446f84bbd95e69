#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Untrusted text through every output of assay gate: a test named like markup and Markdown, a
# failure message with newlines, workflow commands, percent signs and HTML, and a source path
# with a comma and a colon. Each output shows it as text. (Control characters cannot reach the
# store from JUnit, which XML 1.0 forbids them in; lib/escape's tests cover them.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gate_lib.sh"

lines "src/we,ird:name.c" 4
BASE=$(commit base)
cat >"$TMP/b.xml" <<'XML'
<testsuite name="s"><testcase classname="c" name="&lt;script&gt;alert(1)&lt;/script&gt; | *x* `y`" file="t.c" line="3"/></testsuite>
XML
lcov "$TMP/b.info" "src/we,ird:name.c" 1-4:1
ingest "$BASE" "$TMP/b.xml" "$TMP/b.info"
echo 'int added;' >>"$R/src/we,ird:name.c"
HEAD=$(commit head)
printf '%s\n' '<testsuite name="s"><testcase classname="c" name="&lt;script&gt;alert(1)&lt;/script&gt; | *x* `y`" file="t.c" line="3">' \
	'<failure message="line one&#10;::error file=x,line=1::pwned&#10;%0A 100% &lt;/pre&gt;&lt;img src=x onerror=alert(1)&gt;">boom</failure>' \
	'</testcase></testsuite>' >"$TMP/h.xml"
lcov "$TMP/h.info" "src/we,ird:name.c" 1-4:1 5:0
ingest "$HEAD" "$TMP/h.xml" "$TMP/h.info"

gate --base "$BASE" --annotations --markdown "$TMP/g.md" --junit "$TMP/g.xml" --codequality "$TMP/cq.json"
expect_eq "exit" 1 "$GATE"
# the terminal: no escape character, the name as it is
expect_eq "terminal: no ESC or BEL" 0 "$(grep -c $'[\e\a]' "$TMP/out")"
expect_grep '^  c\.<script>alert\(1\)</script> \| \*x\* `y` \(t\.c:3\)$' "$TMP/out"
# the annotations: one line each, the message's newlines and % escaped, the path's , and : too
expect_eq "annotations" 2 "$(grep -c '^::' "$TMP/out")"
expect_eq "no injected command" 0 "$(grep -c '^::error file=x' "$TMP/out")"
expect_grep '^::error file=t\.c,line=3,title=New test failure::c\.<script>alert\(1\)</script> \| \*x\* `y`: line one%0A::error file=x,line=1::pwned%0A%250A 100%25 ' "$TMP/out"
expect_grep '^::error file=src/we%2Cird%3Aname\.c,line=5,title=Changed lines not covered::line 5 not covered by any test$' "$TMP/out"
# the Markdown: no tag, no table cell broken, no emphasis
expect_eq "markdown: no raw tag" 0 "$(grep -c '<script>\|<img\|</pre>' "$TMP/g.md")"
expect_grep '^- \*\*c\.&lt;script&gt;alert\(1\)&lt;/script&gt; \\\| \\\*x\\\* \\`y\\`\*\* \(t\.c:3\): line one$' "$TMP/g.md"
expect_grep '^- `src/we,ird:name\.c` line 5$' "$TMP/g.md"
expect_eq "markdown: no ESC" 0 "$(grep -c $'\e' "$TMP/g.md")"
# the JUnit and the Code Quality report parse, with the text intact
python3 - "$TMP/g.xml" <<'PY' || fail "the JUnit is not well-formed or lost the text"
import sys, xml.etree.ElementTree as E
t = E.parse(sys.argv[1])
body = "".join(f.text or "" for f in t.iter("failure"))
assert "<script>alert(1)</script>" in body, body
assert "\x1b" not in body and "\x07" not in body, repr(body)
PY
expect_eq "codequality" "src/we,ird:name.c 5 t.c 3" \
	"$(json_strict "$TMP/cq.json" '" ".join("%s %d" % (i["location"]["path"], i["location"]["lines"]["begin"]) for i in sorted(d, key=lambda i: i["check_name"]))')"
gate --base "$BASE" --json
expect_eq "json: the name" "c.<script>alert(1)</script> | *x* \`y\`" \
	"$(json_strict "$TMP/out" '[r for r in d["reasons"] if r["kind"] == "new_failure"][0]["title"]')"
finish
