/* SPDX-License-Identifier: MIT */
/* HEAD read from the repository's files: the same answer as git's, or none where git must be asked. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "githead.h"
#include "mem.h"
#include "rmtree.h"
#include "testtmp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A throwaway repository, branch "topic" with two commits, and a subdirectory "sub/deep". */
static char repo[TESTTMP_MAX];

static void sh(const char *fmt, const char *arg)
{
	char *cmd = assay_xasprintf(fmt, arg, arg, arg);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static int setup(void **state)
{
	(void)state;
	if (testtmp_template(repo, sizeof(repo), "assay-githead") < 0 || !mkdtemp(repo))
		return -1;
	char *real = realpath(repo, NULL); /* git prints the top as the file system has it */
	snprintf(repo, sizeof(repo), "%s", real);
	free(real);
	return testtmp_git_repo(repo, "topic",
				"mkdir -p sub/deep && echo a > sub/deep/a && git add -A && git commit -qm first &&"
				" echo b > sub/deep/a && git commit -qam second");
}

static int teardown(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	return assay_rmtree(repo, &err);
}

/* git -C dir ARGS's first line of output. */
static char *git_out(const char *dir, const char *args)
{
	char *cmd = assay_xasprintf("git -C '%s' %s", dir, args);
	FILE *p = popen(cmd, "r");
	char buf[4096] = "";
	assert_non_null(fgets(buf, sizeof(buf), p));
	assert_int_equal(pclose(p), 0);
	free(cmd);
	buf[strcspn(buf, "\n")] = '\0';
	return assay_xstrdup(buf);
}

/* assay_git_head_read(dir) answers, and as `git rev-parse` does there. */
static void same_as_git(const char *dir)
{
	char *sha, *top;
	assert_int_equal(assay_git_head_read(dir, &sha, &top), 1);
	char *want_sha = git_out(dir, "rev-parse HEAD"), *want_top = git_out(dir, "rev-parse --show-toplevel");
	assert_string_equal(sha, want_sha);
	assert_string_equal(top, want_top);
	free(sha);
	free(top);
	free(want_sha);
	free(want_top);
}

/* assay_git_head_read(dir) leaves it to git. */
static void left_to_git(const char *dir)
{
	char *sha = (char *)"x", *top = (char *)"x";
	assert_int_equal(assay_git_head_read(dir, &sha, &top), 0);
	assert_null(sha);
	assert_null(top);
}

static void loose_ref_from_top_and_below(void **state)
{
	(void)state;
	same_as_git(repo);
	char *deep = assay_xasprintf("%s/sub/deep", repo);
	same_as_git(deep);
	free(deep);
}

static void packed_ref(void **state)
{
	(void)state;
	sh("git -C '%s' pack-refs --all && test ! -e '%s/.git/refs/heads/topic'", repo);
	same_as_git(repo);
	/* a new commit writes the loose ref again, which wins over the packed one */
	sh("cd '%s' && echo c > sub/deep/a && git commit -qam third", repo);
	same_as_git(repo);
}

static void detached_head_and_symbolic_ref(void **state)
{
	(void)state;
	sh("git -C '%s' checkout -q --detach HEAD~1", repo);
	same_as_git(repo);
	sh("git -C '%s' symbolic-ref refs/heads/alias refs/heads/topic && git -C '%s' checkout -q alias", repo);
	same_as_git(repo);
	char *sha, *top, *topic = git_out(repo, "rev-parse topic");
	assert_int_equal(assay_git_head_read(repo, &sha, &top), 1);
	assert_string_equal(sha, topic);
	free(sha);
	free(top);
	free(topic);
	sh("git -C '%s' checkout -q topic", repo);
}

static void unusual_cases_left_to_git(void **state)
{
	(void)state;
	/* a linked work tree: its .git is a file */
	char *linked = assay_xasprintf("%s/linked", repo);
	sh("git -C '%s' worktree add -q --detach linked HEAD", repo);
	left_to_git(linked);
	free(linked);
	/* the environment moves the repository */
	setenv("GIT_DIR", "/nonexistent", 1);
	left_to_git(repo);
	unsetenv("GIT_DIR");
	/* the config moves the work tree */
	sh("git -C '%s' config core.worktree '%s'", repo);
	left_to_git(repo);
	sh("git -C '%s' config --unset core.worktree", repo);
	same_as_git(repo);
	/* an unborn branch: no commit yet */
	char *fresh = assay_xasprintf("%s/fresh", repo);
	sh("mkdir '%s/fresh' && git -C '%s/fresh' init -q -b empty", repo);
	left_to_git(fresh);
	free(fresh);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loose_ref_from_top_and_below),
		cmocka_unit_test(packed_ref),
		cmocka_unit_test(detached_head_and_symbolic_ref),
		cmocka_unit_test(unusual_cases_left_to_git),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
