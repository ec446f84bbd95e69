/* lib/walk.c: the files below a directory, symbolic links never followed into a directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "mem.h"
#include "walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *root;

static char *at(const char *rel)
{
	return assay_xasprintf("%s/%s", root, rel);
}

static void make_dir(const char *rel)
{
	char *p = at(rel);
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
}

static void make_file(const char *rel)
{
	char *p = at(rel);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("x\n", f);
	fclose(f);
	free(p);
}

static void make_link(const char *target, const char *rel)
{
	char *p = at(rel);
	assert_int_equal(symlink(target, p), 0);
	free(p);
}

static int setup(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	root = assay_xasprintf("%s/assay-walk.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(root));
	make_dir("tree");
	make_dir("tree/sub");
	make_dir("tree/sub/deeper");
	make_dir("tree/.git");
	make_dir("outside");
	make_file("tree/a.xml");
	make_file("tree/sub/b.xml");
	make_file("tree/sub/deeper/c.xml");
	make_file("tree/.git/hidden.xml");
	make_file("tree/.hidden.xml");
	make_file("outside/o.xml");
	make_file("outside/not-reached.xml");
	/* cycles: two links back up, which a walk that follows them never leaves */
	make_link(".", "tree/loop");
	make_link("..", "tree/sub/up");
	make_link("../..", "tree/sub/deeper/top");
	/* a link to a directory elsewhere: not followed */
	make_link("../outside", "tree/elsewhere");
	/* a link to a file: read as that file, once (its target is in the tree: under its own name) */
	make_link("sub/b.xml", "tree/latest.xml");
	make_link("../sub/b.xml", "tree/sub/deeper/again.xml");
	/* a link to a file outside the tree: read, under the link's name */
	make_link("../outside/o.xml", "tree/o-link.xml");
	make_link("no-such-file", "tree/dangling.xml");
	char *fifo = at("tree/fifo.xml");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	free(fifo);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	/* the tree goes, links and fifo too; what its links point at stays */
	char *tree = at("tree"), *kept = at("outside/o.xml");
	assert_int_equal(assay_remove_tree(tree, &err), 0);
	struct stat st;
	assert_int_equal(lstat(tree, &st), -1);
	assert_int_equal(lstat(kept, &st), 0);
	free(tree);
	free(kept);
	assert_int_equal(assay_remove_tree(root, &err), 0);
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
	char *tree = at("tree");
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
	make_link("tree", "tree-link");
	char *link = at("tree-link");
	char *got = collect(link);
	assert_string_equal(got, "tree-link/a.xml\n"
				 "tree-link/o-link.xml\n"
				 "tree-link/sub/b.xml\n"
				 "tree-link/sub/deeper/c.xml\n");
	free(got);
	free(link);
	char *slash = at("tree/sub/");
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
	char *file = at("tree/latest.xml");
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
	char *none = at("tree/no-such-file");
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
