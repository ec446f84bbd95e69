#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The CI templates (ci/) and this repository's workflows (.github/workflows/): every YAML file
# parses, the commands come in order (tests and coverage, ingest, gate; shards, then merge), the
# workflows' gate and merge steps are their templates', and every utility and flag they use is in
# the built tools' --help (tests/cli/ci_templates.py says what is checked).  The gate's flags are
# checked against `assay gate --help` once build/bin/assay-gate exists (the gate's utility is
# listed by `assay --help`); until then, against the interface issue 12 gives it, the flags
# GATE_FLAGS in ci_templates.py, which is all the templates ask of it.  Then each kind of mistake
# the checker is there for is made in a copy, and must be found.
. "$(dirname "$0")/lib.sh"
CHECK=$ASSAY_SOURCE_DIR/tests/cli/ci_templates.py

# The built tools' help, one file per utility that `assay --help` lists.
mkdir -p help
assay --help > help/assay.help
for u in $(sed -n 's/^    \([a-z][a-z-]*\)  .*/\1/p' help/assay.help); do
	assay "$u" --help > "help/$u.help"
done
expect_eq "utilities with a help" "$(sed -n 's/^    \([a-z][a-z-]*\)  .*/\1/p' help/assay.help | wc -l)" "$(ls help | grep -vc '^assay.help$')"

expect_exit 0 python3 "$CHECK" "$ASSAY_SOURCE_DIR" help
cat "$TMP/out"
expect_grep '^ci templates: 8 files, [0-9]+ checks, 0 failed$' "$TMP/out"

# mutant NAME FILE PYTHON-EXPR: a copy of the tree with FILE's text s replaced by the expression's
# value; the checker must exit 1 on it.
mutant() {
	local name=$1 file=$2 expr=$3
	rm -rf "tree-$name"
	mkdir -p "tree-$name/.github"
	cp -r "$ASSAY_SOURCE_DIR/ci" "tree-$name/"
	cp -r "$ASSAY_SOURCE_DIR/.github/workflows" "tree-$name/.github/"
	python3 - "tree-$name/$file" "$expr" <<'PY' || fail "$name: the change did not apply to $file"
import sys
p, expr = sys.argv[1], sys.argv[2]
s = open(p).read()
t = eval(expr)
if t == s:
    sys.exit(1)
open(p, "w").write(t)
PY
	expect_exit 1 python3 "$CHECK" "tree-$name" "${4:-help}"
}

mutant gate-flag ci/github/assay-pr.yml 's.replace("assay gate --markdown", "assay gate --markdwn")'
expect_grep '^FAIL: ci/github/assay-pr.yml: job assay: assay gate (--markdwn is not in|has no option --markdwn)' "$TMP/out"

mutant ingest-after-gate ci/gitlab/.gitlab-ci.yml \
	's.replace("    - assay ingest reports/junit.xml reports/coverage\n", "").replace("        exit 1\n      fi\n", "        exit 1\n      fi\n    - assay ingest reports/junit.xml reports/coverage\n")'
expect_grep '^FAIL: ci/gitlab/.gitlab-ci.yml: job assay: assay ingest does not come before assay gate$' "$TMP/out"

mutant mutate-flag ci/gitlab/.gitlab-ci.yml 's.replace("--shard \"$SHARD/$SHARDS\"", "--shards \"$SHARD/$SHARDS\"")'
expect_grep '^FAIL: ci/gitlab/.gitlab-ci.yml: job assay-mutate: assay mutate has no option --shards ' "$TMP/out"

mutant bad-yaml ci/gitea/assay-pr.yml 's + "  broken: [\n"'
expect_grep '^FAIL: ci/gitea/assay-pr.yml: not valid YAML' "$TMP/out"

mutant matrix-size ci/github/assay-nightly.yml 's.replace("shard: [1, 2, 3, 4]", "shard: [1, 2, 3]")'
expect_grep "^FAIL: ci/github/assay-nightly.yml: job mutate: SHARDS is '4', the matrix has 3 shards$" "$TMP/out"

mutant merge-first ci/gitea/assay-nightly.yml 's.replace("    needs: mutate\n", "")'
expect_grep "^FAIL: ci/gitea/assay-nightly.yml: job merge: assay merge does not come after the shards \(needs: \[\]\)$" "$TMP/out"

mutant workflow-drift .github/workflows/assay-pr.yml 's.replace("if-no-files-found: ignore", "if-no-files-found: warn")'
expect_grep "^FAIL: .github/workflows/assay-pr.yml: job assay: step 'Upload the reports' differs from ci/github/assay-pr.yml's 'Upload the reports'$" "$TMP/out"

mutant gate-drift .github/workflows/assay-pr.yml 's.replace("run: assay gate --markdown gate.md --junit gate-junit.xml", "run: assay gate --markdown gate.md --junit gate-junit.xml --json")'
expect_grep "^FAIL: .github/workflows/assay-pr.yml: job assay: step 'Gate' differs" "$TMP/out"

mutant jenkins-shards ci/jenkins/Jenkinsfile 's.replace("mutateShard(4, SHARDS", "mutateShard(3, SHARDS")'
expect_grep "^FAIL: ci/jenkins/Jenkinsfile: the parallel stages run shards \['1', '2', '3', '3'\], not 1..SHARDS \(4\)$" "$TMP/out"

mutant jenkins-brace ci/jenkins/Jenkinsfile 's.rstrip()[:-1]'
expect_grep "^FAIL: ci/jenkins/Jenkinsfile: [0-9]+ '\{' but [0-9]+ '\}'$" "$TMP/out"

mutant no-data-branch ci/gitlab/.gitlab-ci.yml 's.replace("git push --force-with-lease", "git push --force")'
expect_grep '^FAIL: ci/gitlab/.gitlab-ci.yml: its comments do not say `git push --force-with-lease`' "$TMP/out"

# Once assay-gate is built, its own help judges the templates: a gate without --codequality fails
# the GitLab template (the only one that asks for it), and only it.
mkdir -p help-gate
cp help/*.help help-gate/
sed -i 's/^Installed utilities:$/&\n    gate       the pre-merge decision/' help-gate/assay.help
printf 'usage: assay gate [options]\n        --base REV\n        --markdown FILE\n        --junit FILE\n' > help-gate/gate.help
expect_exit 1 python3 "$CHECK" "$ASSAY_SOURCE_DIR" help-gate
expect_grep '^FAIL: ci/gitlab/.gitlab-ci.yml: job assay: assay gate has no option --codequality \(assay gate --help\)$' "$TMP/out"
expect_eq "failures with that gate" "1" "$(grep -c '^FAIL' "$TMP/out")"
finish
