/* SPDX-License-Identifier: MIT */
/* flaky/repeat.c: the repetitions' directories are removed (assay_rmtree, lib/rmtree.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "mem.h"
#include "repeat.h"
#include "rmtree.h"
#include "testtmp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static void touch(const char *path)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("x\n", f);
	fclose(f);
}

static void test_remove_tree(void **state)
{
	(void)state;
	char root[TESTTMP_MAX];
	assert_int_equal(testtmp_template(root, sizeof(root), "assay-test-rm"), 0);
	assert_non_null(mkdtemp(root));
	char *tree = assay_xasprintf("%s/tree", root), *keep = assay_xasprintf("%s/keep", root);
	char *deep = assay_xasprintf("%s/a/b/c", tree), *a = assay_xasprintf("%s/a", tree);
	char *ab = assay_xasprintf("%s/a/b", tree), *link = assay_xasprintf("%s/a/link", tree);
	char *f1 = assay_xasprintf("%s/f", tree), *f2 = assay_xasprintf("%s/f", deep);
	char *kept = assay_xasprintf("%s/precious", keep);
	assert_int_equal(mkdir(tree, 0700), 0);
	assert_int_equal(mkdir(a, 0700), 0);
	assert_int_equal(mkdir(ab, 0700), 0);
	assert_int_equal(mkdir(deep, 0700), 0);
	assert_int_equal(mkdir(keep, 0700), 0);
	touch(f1);
	touch(f2);
	touch(kept);
	/* a link out of the tree goes, what it points at stays */
	assert_int_equal(symlink(keep, link), 0);

	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_rmtree(tree, &err), 0);
	assert_false(exists(tree));
	assert_true(exists(kept));
	/* not there: nothing to do */
	assert_int_equal(assay_rmtree(tree, &err), 0);
	/* a plain file */
	assert_int_equal(assay_rmtree(kept, &err), 0);
	assert_false(exists(kept));
	assert_int_equal(assay_rmtree(root, &err), 0);
	assert_false(exists(root));
	free(tree);
	free(keep);
	free(deep);
	free(a);
	free(ab);
	free(link);
	free(f1);
	free(f2);
	free(kept);
}

static void test_repeat_cleans_up(void **state)
{
	(void)state;
	const char *argv[] = { "sh", "-c", "mkdir -p '{dir}/sub' && echo '<testsuite/>' > '{dir}/sub/r.xml'", NULL };
	struct flaky_repeat_opts o = { .argv = argv, .junit = "{dir}/sub/r.xml", .reps = 2, .jobs = 2 };
	flaky_repeat *rp;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(flaky_repeat_run(&rp, &o, &err), 0);
	char *junit[2];
	for (size_t i = 0; i < 2; i++) {
		const struct flaky_outcome *out = flaky_repeat_outcome(rp, i);
		assert_true(out->started);
		assert_int_equal(out->exit_status, 0);
		assert_string_equal(out->how, "exit status 0");
		assert_true(exists(out->junit));
		junit[i] = assay_xstrdup(out->junit);
	}
	flaky_repeat_free(rp);
	for (size_t i = 0; i < 2; i++) {
		assert_false(exists(junit[i]));
		/* .../assay-flaky.XXXXXX/rep-N/sub/r.xml: the whole directory went */
		for (int up = 0; up < 3; up++)
			*strrchr(junit[i], '/') = '\0';
		assert_false(exists(junit[i]));
		free(junit[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remove_tree),
		cmocka_unit_test(test_repeat_cleans_up),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
