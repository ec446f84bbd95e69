/* SPDX-License-Identifier: MIT */
/* Glob patterns on stored paths (lib/glob.c) and the coverage filters over them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "covfilter.h"
#include "glob.h"

static void match(const char *pattern, const char *path, int want)
{
	if (assay_glob_match(pattern, path) != want)
		fail_msg("'%s' on '%s': expected %s", pattern, path, want ? "a match" : "none");
}

static void test_parts(void **state)
{
	(void)state;
	match("src/*.c", "src/a.c", 1);
	match("src/*.c", "src/sub/a.c", 0); /* '*' stays within a part */
	match("src/?.c", "src/a.c", 1);
	match("src/[ab].c", "src/b.c", 1);
	match("src/[ab].c", "src/c.c", 0);
	match("*.c", "src/.hidden.c", 1); /* dot files are files too */
	match("src/*.c", "lib/src/a.c", 0); /* a '/' anchors at the first part */
	match("", "a.c", 0);
}

static void test_globstar(void **state)
{
	(void)state;
	match("**/CompilerIdC/**", "build/CMakeFiles/3.25.1/CompilerIdC/CMakeCCompilerId.c", 1);
	match("build/**", "build/x.c", 1);
	match("src/**/*.c", "src/a.c", 1); /* none */
	match("src/**/*.c", "src/x/y/z/a.c", 1);
	match("src/**/*.c", "src/x/y/z/a.h", 0);
	match("**", "anything/at/all.c", 1);
	match("a/**/b/**/c/**/d/**/e", "a/x/b/x/c/x/d/x/x/x/x/x/x/x/x/x/x/x/x/x/x/f", 0);
	match("**/*.h", "/usr/include/stdio.h", 1); /* '**' crosses the root too */
}

static void test_floating_and_directories(void **state)
{
	(void)state;
	match("tests", "tests/test_a.c", 1); /* a directory takes what is below it */
	match("tests/", "tests/test_a.c", 1);
	match("tests", "examples/calc/tests/test_a.c", 1); /* no '/': at any depth */
	match("test_*", "examples/calc/tests/test_a.c", 1);
	match("test_*", "examples/calc/src/a.c", 0);
	match("build", "build.c", 0);
	match("src/a.c", "src/a.c", 1);
	match("src/a", "src/a.c", 0);
}

static void test_absolute(void **state)
{
	(void)state;
	match("/usr/**", "/usr/include/stdio.h", 1);
	match("/usr/**", "usr/include/stdio.h", 0); /* a leading '/' is for absolute paths */
	match("usr/**", "/usr/include/stdio.h", 0);
	match("/", "/usr/include/stdio.h", 1);
	match("/", "src/a.c", 0);
	match("C:/temp/*.cs", "C:/temp/x.cs", 1);
}

static void test_external(void **state)
{
	(void)state;
	assert_true(assay_covfilter_is_external("/usr/include/stdio.h"));
	assert_true(assay_covfilter_is_external("C:/temp/x.cs"));
	assert_true(assay_covfilter_is_external("../other/x.c"));
	assert_true(assay_covfilter_is_external(".."));
	assert_false(assay_covfilter_is_external("src/a.c"));
	assert_false(assay_covfilter_is_external("..hidden/a.c"));
	assert_false(assay_covfilter_is_external("data:text/javascript"));
}

static void add(assay_covset *cs, const char *path)
{
	assay_filecov_line(assay_covset_file(cs, path), 1, 1);
}

/* Outside first, then --include, then --exclude; the kept files stay found by path. */
static void test_apply(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	const char *const paths[] = { "src/a.c", "src/b.h", "tests/t.c", "/usr/include/x.h",
				      "build/CMakeFiles/3.25.1/CompilerIdC/CMakeCCompilerId.c",
				      "vendor/z.c", "../up.c" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++)
		add(cs, paths[i]);
	const char *const include[] = { "**/*.c", "**/*.h" };
	const char *const exclude[] = { "tests", "build", "vendor/**" };
	struct assay_covfilter f = { include, 2, exclude, 3, 0 };
	assert_int_equal(assay_covfilter_test(&f, "/usr/include/x.h"), ASSAY_COVFILTER_EXTERNAL);
	assert_int_equal(assay_covfilter_test(&f, "src/a.txt"), ASSAY_COVFILTER_NOT_INCLUDED);
	assert_int_equal(assay_covfilter_test(&f, "tests/t.c"), ASSAY_COVFILTER_EXCLUDED);
	struct assay_covfilter_counts c;
	size_t hits[5] = { 0 };
	assay_covfilter_apply(&f, cs, &c, hits);
	/* every file each pattern matches, also those something else left out */
	assert_int_equal(hits[0], 5); /* the .c files: a, t, the compiler id, z, up */
	assert_int_equal(hits[1], 2); /* the .h files */
	assert_int_equal(hits[2], 1);
	assert_int_equal(hits[3], 1);
	assert_int_equal(hits[4], 1);
	assert_int_equal(c.seen, 7);
	assert_int_equal(c.external, 2);
	assert_int_equal(c.not_included, 0);
	assert_int_equal(c.excluded, 3);
	assert_int_equal(assay_covset_count(cs), 2);
	assert_string_equal(assay_covset_at(cs, 0)->path, "src/a.c");
	assert_string_equal(assay_covset_at(cs, 1)->path, "src/b.h");
	/* the index follows: the same path is the same entry, a dropped one is new */
	assert_ptr_equal(assay_covset_file(cs, "src/b.h"), assay_covset_at(cs, 1));
	assert_int_equal(assay_covset_file(cs, "tests/t.c")->nlines, 0);
	assert_int_equal(assay_covset_count(cs), 3);
	/* --external keeps what lies outside; the other filters still apply to it */
	f.external = 1;
	assert_int_equal(assay_covfilter_test(&f, "/usr/include/x.h"), ASSAY_COVFILTER_KEEP);
	assay_covset_free(cs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts),	 cmocka_unit_test(test_globstar),
		cmocka_unit_test(test_floating_and_directories),
		cmocka_unit_test(test_absolute), cmocka_unit_test(test_external),
		cmocka_unit_test(test_apply),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
