#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Which commit a run belongs to: flags, then CI, then git; nothing known is refused.
. "$(dirname "$0")/lib.sh"
F=$ASSAY_FIXTURES
# not a git repository, no CI: refused, nothing stored
expect_exit 2 assay ingest "$F/junit/calc-ctest-pass.xml"
expect_grep 'no commit known.*--commit' "$TMP/err"
# ... and with no store named either: one message says both, not one per attempt
(unset ASSAY_DB; expect_exit 2 assay ingest "$F/junit/calc-ctest-pass.xml"; echo "$FAILS $CHECKS" > "$TMP/fails")
read -r FAILS CHECKS < "$TMP/fails"
expect_eq "one message for both" "assay ingest: not in a git repository, and no CI environment names a commit: pass --commit REV and --db PATH (or set ASSAY_DB)" "$(cat "$TMP/err")"
expect_eq "nothing created" "" "$(ls -A "$TMP" | grep -v '^out$\|^err$\|^fails$')"
# GitLab CI's environment
expect_exit 0 env GITLAB_CI=true CI_COMMIT_SHA=feedbeef CI_COMMIT_REF_NAME=mr-7 CI_JOB_NAME=unit CI_PIPELINE_ID=99 \
	assay ingest "$F/junit/calc-ctest-pass.xml"
expect_eq "gitlab" "feedbeef|mr-7|gitlab|99|unit" "$(q 'SELECT sha, branch, ci_provider, ci_run, ci_job FROM runs JOIN commits ON commits.id = commit_id')"
# git: a repository with one commit; the default store is .assay/assay.db at its top
mkdir repo && cd repo && git init -q -b trunk && git config user.email t@e && git config user.name T
cp "$F/junit/calc-ctest-pass.xml" j.xml && git add j.xml && git commit -qm "add report"
mkdir sub && cd sub
(unset ASSAY_DB; expect_exit 0 assay ingest ../j.xml; echo "$FAILS" > "$TMP/fails")
FAILS=$(cat "$TMP/fails")
head=$(git rev-parse HEAD)
expect_eq "default store at the git top" "$head|trunk|add report" "$(sqlite3 "$TMP/repo/.assay/assay.db" 'SELECT sha, branch, subject FROM commits')"
# the .assay/ Assay made ignores itself: git status stays clean
expect_eq ".assay/.gitignore" "*" "$(cat "$TMP/repo/.assay/.gitignore")"
expect_eq "git status clean" "" "$(git status --porcelain --untracked-files=all)"
# a .assay/ the user made is left as it is
mkdir "$TMP/own" && mkdir "$TMP/own/.assay"
expect_exit 0 assay ingest --db "$TMP/own/.assay/assay.db" --commit HEAD ../j.xml
expect_eq "no .gitignore in the user's .assay/" "no" "$(test -e "$TMP/own/.assay/.gitignore" && echo yes || echo no)"

# --commit inside a repository: resolved by git and stored as the full sha ...
echo '<!-- second -->' >> ../j.xml && git commit -qam "second"
expect_exit 0 assay ingest --commit "$(git rev-parse --short HEAD~1)" --label short ../j.xml
expect_eq "short sha stored in full" "$head" "$(q "SELECT sha FROM commits JOIN runs ON runs.commit_id = commits.id WHERE label = 'short'")"
expect_exit 0 assay ingest --commit HEAD~1 --label rev ../j.xml
expect_eq "HEAD~1 stored as its sha" "$head" "$(q "SELECT sha FROM commits JOIN runs ON runs.commit_id = commits.id WHERE label = 'rev'")"
# ... what git does not know is refused, nothing stored ...
runs=$(q 'SELECT count(*) FROM runs')
expect_exit 2 assay ingest --commit nosuchrev ../j.xml
expect_eq "the refusal" "assay ingest: --commit nosuchrev: git knows no such commit here (pass --no-git to store it as given)" "$(cat "$TMP/err")"
expect_exit 2 assay ingest --commit 1111111111111111111111111111111111111111 ../j.xml
expect_grep 'git knows no such commit' "$TMP/err"
expect_eq "nothing stored" "$runs" "$(q 'SELECT count(*) FROM runs')"
# ... unless --no-git says to store it as given
expect_exit 0 assay ingest --commit nosuchrev --no-git ../j.xml
expect_eq "stored as given" "1" "$(q "SELECT count(*) FROM commits WHERE sha = 'nosuchrev'")"
finish
