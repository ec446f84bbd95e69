# SPDX-License-Identifier: MIT
# Shared helpers for the whole-program tests (sourced by tests/cli/*.sh).
# Each test runs in its own temporary directory, removed when it ends.
set -u
TMP=$(mktemp -d "${TMPDIR:-/tmp}/assay-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
export ASSAY_DB="$TMP/store.db"
# CI's environment must not leak into what runctx sees.
unset GITHUB_ACTIONS GITHUB_SHA GITLAB_CI CI_COMMIT_SHA GITEA_ACTIONS JENKINS_URL GIT_COMMIT TRAVIS TRAVIS_COMMIT
# Nor a repository around $TMPDIR, or a hook's GIT_DIR: git never looks above $TMP's parent.
unset GIT_DIR GIT_WORK_TREE
export GIT_CEILING_DIRECTORIES=${TMP%/*}
FAILS=0
CHECKS=0

fail() {
	echo "FAIL: $*" >&2
	FAILS=$((FAILS + 1))
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	CHECKS=$((CHECKS + 1))
	if [ "$2" != "$3" ]; then
		fail "$1: expected '$2', got '$3'"
	fi
}

# expect_exit CODE CMD...: run CMD, stdout to $TMP/out, stderr to $TMP/err
expect_exit() {
	local want=$1
	shift
	"$@" >"$TMP/out" 2>"$TMP/err"
	local got=$?
	CHECKS=$((CHECKS + 1))
	if [ "$got" != "$want" ]; then
		fail "'$*' exited $got, expected $want; stderr: $(head -c 600 "$TMP/err")"
	fi
}

# expect_grep PATTERN FILE
expect_grep() {
	CHECKS=$((CHECKS + 1))
	if ! grep -qE -- "$1" "$2"; then
		fail "'$1' not found in $2: $(head -c 600 "$2")"
	fi
}

# q SQL: one query against the test's store (assay sql: it has the results table)
q() {
	assay sql "$1"
}

# json_strict FILE EXPR: what EXPR (Python, over the document d, after the definitions in
# $JSON_PY) gives if FILE is one strict JSON document (strict UTF-8, no NaN or Infinity, no raw
# control character in a string), else INVALID and why
json_strict() {
	python3 - "$1" "$2" "${JSON_PY:-}" <<'PY'
import json, sys
exec(sys.argv[3])
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

# finish: the closing line and exit status
finish() {
	if [ "$FAILS" -gt 0 ]; then
		echo "$((CHECKS - FAILS)) passed, $FAILS failed"
		exit 1
	fi
	echo "$CHECKS passed, 0 failed"
	exit 0
}
