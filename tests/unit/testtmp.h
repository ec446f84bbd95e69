/* SPDX-License-Identifier: MIT */
/*
 * Where the unit tests write: under $TMPDIR, as CTest's callers and the
 * whole-program tests do, else /tmp; never at a fixed path.  Paths made
 * from it may be long and hold any character but NUL: give them room
 * (TESTTMP_MAX) and never pass them through a shell unquoted.
 */
#ifndef ASSAY_TESTTMP_H
#define ASSAY_TESTTMP_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TESTTMP_MAX PATH_MAX

static inline const char *testtmp_dir(void)
{
	const char *dir = getenv("TMPDIR");
	return dir && *dir ? dir : "/tmp";
}

/* buf = "$TMPDIR/NAME-XXXXXX", a template for mkdtemp() or mkstemp(); 0, or -1 if it does not fit. */
static inline int testtmp_template(char *buf, size_t size, const char *name)
{
	int n = snprintf(buf, size, "%s/%s-XXXXXX", testtmp_dir(), name);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

/*
 * buf = a new empty directory under $TMPDIR that git finds in no work tree:
 * git is told not to look above it (GIT_CEILING_DIRECTORIES, for this
 * process and the git it runs) and GIT_DIR goes, so that neither "/", nor
 * $TMPDIR, nor the environment of a hook being in a repository changes
 * what a test sees there.  0, or -1.
 */
static inline int testtmp_outside_git(char *buf, size_t size)
{
	if (testtmp_template(buf, size, "assay-nogit") < 0 || !mkdtemp(buf))
		return -1;
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	char *slash = strrchr(buf, '/');
	*slash = '\0'; /* the ceiling: the directory that holds buf */
	int rc = setenv("GIT_CEILING_DIRECTORIES", buf, 1);
	*slash = '/';
	return rc;
}

/*
 * A new git repository in the directory dir, its first branch named
 * branch, then the shell commands then run in it (commits: the identity
 * is set).  0, or -1.
 */
static inline int testtmp_git_repo(const char *dir, const char *branch, const char *then)
{
	size_t n = strlen(dir) + strlen(branch) + strlen(then) + 128;
	char *cmd = malloc(n);
	if (!cmd)
		return -1;
	snprintf(cmd, n, "cd '%s' && git init -q -b %s && git config user.email t@e && git config user.name T && %s",
		 dir, branch, then);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

#endif
