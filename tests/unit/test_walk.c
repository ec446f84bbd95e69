/* SPDX-License-Identifier: MIT */
/* lib/walk.c: the files below a directory, symbolic links never followed into a directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "mem.h"
#include "rmtree.h"
#include "walk.h"
#include "testtree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *root;

static int setup(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	root = assay_xasprintf("%s/assay-walk.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(root));
	testtree_dir(root, "tree");
	testtree_dir(root, "tree/sub");
	testtree_dir(root, "tree/sub/deeper");
	testtree_dir(root, "tree/.git");
	testtree_dir(root, "outside");
	testtree_file(root, "tree/a.xml");
	testtree_file(root, "tree/sub/b.xml");
	testtree_file(root, "tree/sub/deeper/c.xml");
	testtree_file(root, "tree/.git/hidden.xml");
	testtree_file(root, "tree/.hidden.xml");
	testtree_file(root, "outside/o.xml");
	testtree_file(root, "outside/not-reached.xml");
	/* cycles: two links back up, which a walk that follows them never leaves */
	testtree_link(root, ".", "tree/loop");
	testtree_link(root, "..", "tree/sub/up");
	testtree_link(root, "../..", "tree/sub/deeper/top");
	/* a link to a directory elsewhere: not followed */
	testtree_link(root, "../outside", "tree/elsewhere");
	/* a link to a file: read as that file, once (its target is in the tree: under its own name) */
	testtree_link(root, "sub/b.xml", "tree/latest.xml");
	testtree_link(root, "../sub/b.xml", "tree/sub/deeper/again.xml");
	/* a link to a file outside the tree: read, under the link's name */
	testtree_link(root, "../outside/o.xml", "tree/o-link.xml");
	testtree_link(root, "no-such-file", "tree/dangling.xml");
	char *fifo = testtree_at(root, "tree/fifo.xml");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	free(fifo);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	/* the tree goes, links and fifo too; what its links point at stays */
	char *tree = testtree_at(root, "tree"), *kept = testtree_at(root, "outside/o.xml");
	assert_int_equal(assay_rmtree(tree, &err), 0);
	struct stat st;
	assert_int_equal(lstat(tree, &st), -1);
	assert_int_equal(lstat(kept, &st), 0);
	free(tree);
	free(kept);
	assert_int_equal(assay_rmtree(root, &err), 0);
	assert_int_equal(lstat(root, &st), -1);
	free(root);
	return 0;
}

/* The paths found below operand, relative to root, one per line. */
static char *collect(const char *operand)
{
	struct assay_walk w;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_walk_collect(&w, operand, &err), 0);
	assert_int_equal(w.is_dir, 1);
	size_t n = strlen(root) + 1;
	char *all = assay_xstrdup("");
	for (size_t i = 0; i < w.n; i++) {
		assert_int_equal(strncmp(w.paths[i], root, n - 1), 0);
		char *more = assay_xasprintf("%s%s\n", all, w.paths[i] + n);
		free(all);
		all = more;
	}
	assay_walk_release(&w);
	return all;
}

static void links_never_lead_into_a_directory(void **state)
{
	(void)state;
	char *tree = testtree_at(root, "tree");
	char *got = collect(tree);
	assert_string_equal(got, "tree/a.xml\n"
				 "tree/o-link.xml\n"
				 "tree/sub/b.xml\n"
				 "tree/sub/deeper/c.xml\n");
	free(got);
	free(tree);
}

/* The operand itself may be a link to a directory, or end in '/': the names are the same. */
static void the_operand_names_the_directory(void **state)
{
	(void)state;
	testtree_link(root, "tree", "tree-link");
	char *link = testtree_at(root, "tree-link");
	char *got = collect(link);
	assert_string_equal(got, "tree-link/a.xml\n"
				 "tree-link/o-link.xml\n"
				 "tree-link/sub/b.xml\n"
				 "tree-link/sub/deeper/c.xml\n");
	free(got);
	free(link);
	char *slash = testtree_at(root, "tree/sub/");
	got = collect(slash);
	assert_string_equal(got, "tree/sub/b.xml\n"
				 "tree/sub/deeper/c.xml\n");
	free(got);
	free(slash);
}

static void a_file_or_stdin(void **state)
{
	(void)state;
	struct assay_walk w;
	assay_err err = ASSAY_ERR_INIT;
	/* named, a link to a file or a hidden file is read */
	char *file = testtree_at(root, "tree/latest.xml");
	assert_int_equal(assay_walk_collect(&w, file, &err), 0);
	assert_int_equal(w.is_dir, 0);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.paths[0], file);
	assay_walk_release(&w);
	free(file);
	assert_int_equal(assay_walk_collect(&w, "-", &err), 0);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.paths[0], "-");
	assay_walk_release(&w);
	char *none = testtree_at(root, "tree/no-such-file");
	assert_int_equal(assay_walk_collect(&w, none, &err), -ASSAY_EINPUT);
	char *want = assay_xasprintf("%s: No such file or directory", none);
	assert_string_equal(err.msg, want);
	assert_int_equal(w.n, 0);
	free(want);
	free(none);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(links_never_lead_into_a_directory),
		cmocka_unit_test(the_operand_names_the_directory),
		cmocka_unit_test(a_file_or_stdin),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
