/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "mem.h"
#include "runctx.h"
#include "testtmp.h"
#include "rmtree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A throwaway git repository with two commits on branch "topic". */
static char repo[TESTTMP_MAX];
/* An empty directory in no git work tree. */
static char nogit[TESTTMP_MAX];

static int setup(void **state)
{
	(void)state;
	if (testtmp_template(repo, sizeof(repo), "assay-runctx") < 0 || !mkdtemp(repo) ||
	    testtmp_outside_git(nogit, sizeof(nogit)) < 0)
		return -1;
	return testtmp_git_repo(repo, "topic",
				"echo a > a && git add a && git commit -qm first && echo b > a &&"
				" GIT_COMMITTER_DATE='2026-01-02T03:04:05Z' git commit -qam 'second commit'");
}

static int teardown(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	rmdir(nogit);
	return assay_rmtree(repo, &err);
}

static char *git_out(const char *args)
{
	char *cmd = assay_xasprintf("git -C '%s' %s", repo, args);
	FILE *p = popen(cmd, "r");
	char buf[256] = "";
	assert_non_null(fgets(buf, sizeof(buf), p));
	pclose(p);
	free(cmd);
	buf[strcspn(buf, "\n")] = '\0';
	return assay_xstrdup(buf);
}

static void from_git(void **state)
{
	(void)state;
	const char *env[] = { NULL };
	struct assay_runctx_opts o = { .cwd = repo, .env = env };
	assay_runctx rc;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_runctx_resolve(&rc, &o, &err), 0);
	char *head = git_out("rev-parse HEAD"), *parent = git_out("rev-parse HEAD~1"),
	     *tree = git_out("rev-parse HEAD^{tree}");
	assert_string_equal(rc.commit, head);
	assert_string_equal(rc.parent, parent);
	assert_string_equal(rc.tree, tree);
	assert_string_equal(rc.branch, "topic");
	assert_string_equal(rc.subject, "second commit");
	assert_int_equal(rc.time, 1767323045);
	assert_null(rc.ci_provider);
	free(head);
	free(parent);
	free(tree);
	assay_runctx_release(&rc);
}

static void flags_win_over_ci_and_git(void **state)
{
	(void)state;
	const char *env[] = { "GITHUB_ACTIONS=true", "GITHUB_SHA=1111111111111111111111111111111111111111",
			      "GITHUB_REF_NAME=main", "GITHUB_RUN_ID=77", "GITHUB_JOB=build", NULL };
	struct assay_runctx_opts o = { .cwd = repo, .env = env, .branch = "release", .label = "gcc" };
	assay_runctx rc;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_runctx_resolve(&rc, &o, &err), 0);
	/* CI's sha is not in this repository: kept as the CI said it */
	assert_string_equal(rc.commit, "1111111111111111111111111111111111111111");
	assert_string_equal(rc.branch, "release");
	assert_string_equal(rc.label, "gcc");
	assert_string_equal(rc.ci_provider, "github");
	assert_string_equal(rc.ci_run, "77");
	assert_string_equal(rc.ci_job, "build");
	assay_runctx_release(&rc);

	struct assay_runctx_opts o2 = { .cwd = repo, .env = env, .commit = "HEAD~1" };
	assert_int_equal(assay_runctx_resolve(&rc, &o2, &err), 0);
	char *parent = git_out("rev-parse HEAD~1");
	assert_string_equal(rc.commit, parent);
	assert_string_equal(rc.subject, "first");
	assert_null(rc.parent);
	assert_string_equal(rc.branch, "main");
	free(parent);
	assay_runctx_release(&rc);
}

static void each_ci(void **state)
{
	(void)state;
	struct {
		const char *env[8];
		const char *provider, *commit, *branch, *job, *run;
	} cases[] = {
		{ { "GITLAB_CI=true", "CI_COMMIT_SHA=aaa", "CI_COMMIT_REF_NAME=dev", "CI_JOB_NAME=test", "CI_PIPELINE_ID=5", NULL },
		  "gitlab", "aaa", "dev", "test", "5" },
		{ { "GITLAB_CI=true", "CI_COMMIT_SHA=aab", "CI_COMMIT_REF_NAME=refs/merge-requests/3/head",
		    "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=mr-src", NULL },
		  "gitlab", "aab", "mr-src", NULL, NULL },
		{ { "GITEA_ACTIONS=true", "GITHUB_ACTIONS=true", "GITHUB_SHA=bbb", "GITHUB_REF_NAME=feat", "GITHUB_JOB=j", NULL },
		  "gitea", "bbb", "feat", "j", NULL },
		{ { "JENKINS_URL=http://ci/", "GIT_COMMIT=ccc", "GIT_BRANCH=origin/stable", "JOB_NAME=nightly", "BUILD_NUMBER=12", NULL },
		  "jenkins", "ccc", "stable", "nightly", "12" },
		{ { "JENKINS_URL=http://ci/", "GIT_COMMIT=ccd", "GIT_BRANCH=origin/PR-7", "CHANGE_BRANCH=fix", NULL },
		  "jenkins", "ccd", "fix", NULL, NULL },
		{ { "TRAVIS=true", "TRAVIS_COMMIT=ddd", "TRAVIS_BRANCH=master", "TRAVIS_JOB_NUMBER=4.1", "TRAVIS_BUILD_ID=40", NULL },
		  "travis", "ddd", "master", "4.1", "40" },
		{ { "TRAVIS=true", "TRAVIS_COMMIT=dde", "TRAVIS_BRANCH=master", "TRAVIS_PULL_REQUEST_BRANCH=pr",
		    "TRAVIS_JOB_NAME=lint", "TRAVIS_JOB_NUMBER=4.2", NULL },
		  "travis", "dde", "pr", "lint", NULL },
		{ { "GITHUB_ACTIONS=true", "GITHUB_SHA=eee", "GITHUB_HEAD_REF=pr-branch", "GITHUB_REF_NAME=9/merge", "GITHUB_RUN_ID=8", NULL },
		  "github", "eee", "pr-branch", NULL, "8" },
		/* a marker with another value is no such CI */
		{ { "GITHUB_ACTIONS=false", "TRAVIS=true", "TRAVIS_COMMIT=fff", NULL },
		  "travis", "fff", NULL, NULL, NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct assay_runctx_opts o = { .cwd = nogit, .env = cases[i].env };
		assay_runctx rc;
		assay_err err = ASSAY_ERR_INIT;
		assert_int_equal(assay_runctx_resolve(&rc, &o, &err), 0);
		assert_string_equal(rc.ci_provider, cases[i].provider);
		assert_string_equal(rc.commit, cases[i].commit);
		if (cases[i].branch)
			assert_string_equal(rc.branch, cases[i].branch);
		else
			assert_null(rc.branch);
		if (cases[i].job)
			assert_string_equal(rc.ci_job, cases[i].job);
		if (cases[i].run)
			assert_string_equal(rc.ci_run, cases[i].run);
		assay_runctx_release(&rc);
	}
}

static void nothing_known_is_refused(void **state)
{
	(void)state;
	const char *env[] = { NULL };
	struct assay_runctx_opts o = { .cwd = nogit, .env = env };
	assay_runctx rc;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_runctx_resolve(&rc, &o, &err), -ASSAY_EUSAGE);
	assert_non_null(strstr(err.msg, "--commit"));
}

/* Inside a work tree, --commit is what git makes of it, and nothing else. */
static void unknown_commit_is_refused_unless_no_git(void **state)
{
	(void)state;
	const char *env[] = { NULL };
	assay_runctx rc;
	assay_err err = ASSAY_ERR_INIT;
	char *head = git_out("rev-parse HEAD"), *shorter = git_out("rev-parse --short=7 HEAD");
	struct assay_runctx_opts o = { .cwd = repo, .env = env, .commit = shorter };
	assert_int_equal(assay_runctx_resolve(&rc, &o, &err), 0);
	assert_string_equal(rc.commit, head);
	assay_runctx_release(&rc);

	o.commit = "nosuchrev";
	assert_int_equal(assay_runctx_resolve(&rc, &o, &err), -ASSAY_EUSAGE);
	assert_string_equal(err.msg, "--commit nosuchrev: git knows no such commit here (pass --no-git to store it as given)");
	assert_null(rc.commit);

	o.no_git = 1;
	assert_int_equal(assay_runctx_resolve(&rc, &o, &err), 0);
	assert_string_equal(rc.commit, "nosuchrev");
	assert_null(rc.branch);
	assert_null(rc.subject);
	assay_runctx_release(&rc);

	/* out of a work tree there is nothing to check it against: kept as given */
	struct assay_runctx_opts out = { .cwd = nogit, .env = env, .commit = "nosuchrev" };
	assert_int_equal(assay_runctx_resolve(&rc, &out, &err), 0);
	assert_string_equal(rc.commit, "nosuchrev");
	assay_runctx_release(&rc);
	free(head);
	free(shorter);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(from_git),
		cmocka_unit_test(flags_win_over_ci_and_git),
		cmocka_unit_test(each_ci),
		cmocka_unit_test(nothing_known_is_refused),
		cmocka_unit_test(unknown_commit_is_refused_unless_no_git),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
