/* SPDX-License-Identifier: MIT */
/*
 * A small tree of directories, files and symbolic links for a test, each
 * named relative to the test's root directory.  Include after cmocka.h:
 * a step that fails fails the test.
 */
#ifndef ASSAY_TESTTREE_H
#define ASSAY_TESTTREE_H

#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* root/rel, a new string: free() it. */
static inline char *testtree_at(const char *root, const char *rel)
{
	return assay_xasprintf("%s/%s", root, rel);
}

static inline void testtree_dir(const char *root, const char *rel)
{
	char *p = testtree_at(root, rel);
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
}

/* A file holding "x\n". */
static inline void testtree_file(const char *root, const char *rel)
{
	char *p = testtree_at(root, rel);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("x\n", f);
	assert_int_equal(fclose(f), 0);
	free(p);
}

/* rel, a symbolic link to target (as given: relative to rel's directory, or absolute). */
static inline void testtree_link(const char *root, const char *target, const char *rel)
{
	char *p = testtree_at(root, rel);
	assert_int_equal(symlink(target, p), 0);
	free(p);
}

#endif
