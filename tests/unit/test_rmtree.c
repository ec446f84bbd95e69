/* SPDX-License-Identifier: MIT */
/* lib/rmtree.c: rm -r on nftw(3), never following a symbolic link. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "mem.h"
#include "rmtree.h"
#include "testtree.h"
#include "testtmp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[TESTTMP_MAX];

/* 1 if rel is there (a link itself, not what it points at), 0 if it is not. */
static int exists(const char *rel)
{
	char *p = testtree_at(root, rel);
	struct stat st;
	int rc = lstat(p, &st);
	int e = errno;
	free(p);
	if (rc < 0)
		assert_int_equal(e, ENOENT);
	return rc == 0;
}

static int setup(void **state)
{
	(void)state;
	assert_int_equal(testtmp_template(root, sizeof(root), "assay-rmtree"), 0);
	assert_non_null(mkdtemp(root));
	/* what the tree's links point at, which must stay */
	testtree_dir(root, "outside");
	testtree_dir(root, "outside/sub");
	testtree_file(root, "outside/kept");
	testtree_file(root, "outside/sub/kept");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_rmtree(root, &err), 0);
	struct stat st;
	assert_int_equal(lstat(root, &st), -1);
	return 0;
}

static void outside_stays(void)
{
	assert_true(exists("outside"));
	assert_true(exists("outside/kept"));
	assert_true(exists("outside/sub"));
	assert_true(exists("outside/sub/kept"));
}

static void test_tree_goes_what_links_point_at_stays(void **state)
{
	(void)state;
	testtree_dir(root, "tree");
	testtree_dir(root, "tree/a");
	testtree_dir(root, "tree/a/b");
	testtree_dir(root, "tree/a/b/c");
	testtree_dir(root, "tree/empty");
	testtree_file(root, "tree/f");
	testtree_file(root, "tree/a/f");
	testtree_file(root, "tree/a/b/c/f");
	/* a link to a directory outside, by absolute and by relative path */
	char *outside = testtree_at(root, "outside");
	testtree_link(root, outside, "tree/out");
	free(outside);
	testtree_link(root, "../../../outside", "tree/a/b/out");
	testtree_link(root, "../outside/kept", "tree/kept-link");
	/* loops: back up the tree, and two links naming each other */
	testtree_link(root, ".", "tree/loop");
	testtree_link(root, "../..", "tree/a/b/up");
	testtree_link(root, "y", "tree/x");
	testtree_link(root, "x", "tree/y");
	testtree_link(root, "no-such-file", "tree/dangling");

	char *tree = testtree_at(root, "tree");
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_rmtree(tree, &err), 0);
	assert_int_equal(err.code, 0);
	assert_string_equal(err.msg, "");
	free(tree);
	assert_false(exists("tree"));
	outside_stays();
}

static void test_a_link_operand_is_unlinked_not_followed(void **state)
{
	(void)state;
	testtree_link(root, "outside", "link");
	char *link = testtree_at(root, "link");
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_rmtree(link, &err), 0);
	free(link);
	assert_false(exists("link"));
	outside_stays();
}

/* Deeper than the directories nftw keeps open at once. */
static void test_a_deep_tree_goes(void **state)
{
	(void)state;
	char rel[TESTTMP_MAX] = "deep";
	testtree_dir(root, rel);
	for (int i = 0; i < 100; i++) {
		size_t n = strlen(rel);
		snprintf(rel + n, sizeof(rel) - n, "/d");
		testtree_dir(root, rel);
		snprintf(rel + n, sizeof(rel) - n, "/f");
		testtree_file(root, rel);
		snprintf(rel + n, sizeof(rel) - n, "/d");
	}
	char *deep = testtree_at(root, "deep");
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_rmtree(deep, &err), 0);
	free(deep);
	assert_false(exists("deep"));
}

/* A file is removed as rm -r does; one that is not there is 0: it is removed already. */
static void test_a_file_goes_and_absent_is_removed(void **state)
{
	(void)state;
	testtree_file(root, "file");
	char *file = testtree_at(root, "file"), *missing = testtree_at(root, "no-such-dir");
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_rmtree(file, &err), 0);
	assert_false(exists("file"));
	assert_int_equal(assay_rmtree(file, &err), 0);
	assert_int_equal(assay_rmtree(missing, &err), 0);
	assert_int_equal(err.code, 0);
	assert_string_equal(err.msg, "");
	free(file);
	free(missing);
}

/* A path that cannot be walked (a file where a directory should be): an error naming it. */
static void test_an_error_names_the_path(void **state)
{
	(void)state;
	testtree_file(root, "plain");
	char *bad = testtree_at(root, "plain/below");
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_rmtree(bad, &err), -ASSAY_EIO);
	assert_int_equal(err.code, ASSAY_EIO);
	assert_non_null(strstr(err.msg, bad));
	assert_non_null(strstr(err.msg, strerror(ENOTDIR)));
	free(bad);
	assert_true(exists("plain"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tree_goes_what_links_point_at_stays, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_link_operand_is_unlinked_not_followed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_deep_tree_goes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_file_goes_and_absent_is_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_error_names_the_path, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
