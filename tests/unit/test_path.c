/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "mem.h"
#include "path.h"

#include <string.h>

static void check(const char *path, const char *base, const char *root, const char *strip,
		  const char *want)
{
	struct assay_pathopts o = { .root = root, .strip = strip };
	char *got = assay_path_normalize(path, base, &o);
	assert_string_equal(got, want);
	free(got);
}

static void clean(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{ "a/./b//c", "a/b/c" },
		{ "a/b/../c", "a/c" },
		{ "../x/y", "../x/y" },
		{ "a/../../x", "../x" },
		{ "/a/../../x", "/x" },
		{ "./", "." },
		{ "/", "/" },
		{ "a/b/", "a/b" },
		{ "", "" }, /* no room for ".": found by fuzz_lcov, see test_fuzz_found */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *p = assay_xstrdup(cases[i][0]);
		assay_path_clean(p);
		assert_string_equal(p, cases[i][1]);
		free(p);
	}
}

static void normalize(void **state)
{
	(void)state;
	check("/repo/src/a.c", NULL, "/repo", NULL, "src/a.c");
	check("/repo/src/a.c", NULL, "/repo/", NULL, "src/a.c");
	check("/repository/a.c", NULL, "/repo", NULL, "/repository/a.c");
	check("../src/a.c", "/repo/build", "/repo", NULL, "src/a.c");
	check("src\\win\\a.c", NULL, "/repo", NULL, "src/win/a.c");
	check("/builds/ci/proj/src/a.c", NULL, "/repo", "/builds/ci/proj", "src/a.c");
	check("/builds/ci/proj/src/a.c", NULL, "/repo", "/builds/ci/proj/", "src/a.c");
	check("./src/a.c", NULL, NULL, NULL, "src/a.c");
	check("C:\\work\\src\\a.c", "/build", NULL, NULL, "C:/work/src/a.c");
	check("C:\\work\\src\\a.c", "/build", NULL, "C:/work", "src/a.c");
	check("/usr/include/stdio.h", NULL, "/repo", NULL, "/usr/include/stdio.h");
	/* nothing left: the top (an empty path wrote "." past its one byte; found by fuzz_lcov) */
	check("/builds/ci/proj", NULL, "/repo", "/builds/ci/proj/", ".");
	check("", NULL, NULL, NULL, ".");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean),
		cmocka_unit_test(normalize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
