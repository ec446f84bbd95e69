# SPDX-License-Identifier: MIT
# Helpers for the gate's tests (sourced after lib.sh): a git repository in $TMP/r, and test
# results and coverage written in JUnit and lcov's own formats for its commits.
R=$TMP/r
mkdir -p "$R"
git -C "$R" init -q -b main
git -C "$R" config user.email gate@example.org
git -C "$R" config user.name "Gate Test"
git -C "$R" config commit.gpgsign false

# commit MSG: commit everything in $R; prints the sha
commit() {
	git -C "$R" add -A
	git -C "$R" commit -qm "$1" --allow-empty
	git -C "$R" rev-parse HEAD
}

# lines FILE N: a source file of N numbered lines
lines() {
	mkdir -p "$(dirname "$R/$1")"
	seq -f 'int line%g;' 1 "$2" >"$R/$1"
}

# sign_source: $R/src/sign.c, a function with a branch on each side of zero, for mutants to live in
sign_source() {
	mkdir -p "$R/src"
	cat >"$R/src/sign.c" <<'C'
int sign_of_sum(int a, int b)
{
	int s = a + b;
	if (s > 0)
		return 1;
	if (s < 0)
		return -1;
	return 0;
}
C
}

# junit OUT NAME:STATUS...: a JUnit file with one test case each (STATUS pass, fail or skip; NAME
# any text, escaped here)
junit() {
	local out=$1
	shift
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo "<testsuite name=\"s\" tests=\"$#\">"
		for t in "$@"; do
			local name status=${t##*:}
			# the name as XML text: a test may be called <script>
			name=$(printf '%s' "${t%:*}" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g')
			case $status in
			pass) echo "  <testcase classname=\"c\" name=\"$name\" file=\"tests/t.c\" line=\"7\" time=\"0.01\"/>" ;;
			fail) echo "  <testcase classname=\"c\" name=\"$name\" file=\"tests/t.c\" line=\"7\" time=\"0.01\"><failure message=\"$name broke\">expected 1, got 2</failure></testcase>" ;;
			skip) echo "  <testcase classname=\"c\" name=\"$name\" time=\"0\"><skipped/></testcase>" ;;
			esac
		done
		echo "</testsuite>"
	} >"$out"
}

# lcov OUT PATH FIRST-LAST:HITS...: an lcov tracefile for one source file, lines FIRST..LAST
# with HITS each (several ranges and files: call lcov_add after)
lcov() {
	: >"$1"
	lcov_add "$@"
}
lcov_add() {
	local out=$1 path=$2
	shift 2
	{
		echo "TN:"
		echo "SF:$R/$path"
		local found=0 hit=0
		for spec in "$@"; do
			local range=${spec%%:*} hits=${spec#*:}
			local first=${range%-*} last=${range#*-}
			for ((l = first; l <= last; l++)); do
				echo "DA:$l,$hits"
				found=$((found + 1))
				[ "$hits" = 0 ] || hit=$((hit + 1))
			done
		done
		echo "LF:$found"
		echo "LH:$hit"
		echo "end_of_record"
	} >>"$out"
}

# ingest SHA [--label L] FILE...: one run of commit SHA
ingest() {
	local sha=$1
	shift
	(cd "$R" && assay ingest -q --root "$R" --commit "$sha" "$@") || fail "ingest $sha $* failed: $(cd "$R" && assay ingest --root "$R" --commit "$sha" "$@" 2>&1 | head -3)"
}

# gate ARGS...: assay gate in $R, the result in $TMP/out and $TMP/err, its exit status in $GATE
gate() {
	(cd "$R" && assay gate "$@") >"$TMP/out" 2>"$TMP/err"
	GATE=$?
}
