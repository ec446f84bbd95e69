/* SPDX-License-Identifier: MIT */
/* Exclusion markers: lcov's and gcovr's, lines, regions, branches, functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "buf.h"
#include "parsers.h"
#include "testtmp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char root[TESTTMP_MAX];
static char src[TESTTMP_MAX + 32];

static void write_source(const char *name, const char *text)
{
	assert_int_equal(testtmp_template(root, sizeof(root), "assay-test-excl"), 0);
	assert_non_null(mkdtemp(root));
	snprintf(src, sizeof(src), "%s/%s", root, name);
	FILE *fp = fopen(src, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void remove_source(void)
{
	unlink(src);
	rmdir(root);
}

/* A file with data on lines 1..n: line i has hits i, two branches, and a function f<i>. */
static assay_filecov *filled(assay_covset *cs, const char *path, uint32_t n)
{
	assay_filecov *f = assay_covset_file(cs, path);
	for (uint32_t i = 1; i <= n; i++) {
		char name[16];
		snprintf(name, sizeof(name), "f%u", i);
		assay_filecov_line(f, i, i);
		assay_filecov_branch(f, i, 0, 0, 1);
		assay_filecov_branch(f, i, 0, 1, 0);
		assay_filecov_function(f, name, i, i, 1);
	}
	return f;
}

static int has_line(const assay_filecov *f, uint32_t line)
{
	for (size_t i = 0; i < f->nlines; i++)
		if (f->lines[i].line == line)
			return 1;
	return 0;
}

static int branches_on(const assay_filecov *f, uint32_t line)
{
	int n = 0;
	for (size_t i = 0; i < f->nbranches; i++)
		n += f->branches[i].line == line;
	return n;
}

static int has_function_at(const assay_filecov *f, uint32_t line)
{
	for (size_t i = 0; i < f->nfuncs; i++)
		if (f->funcs[i].line == line)
			return 1;
	return 0;
}

static const char source[] =
	"int a;\n"                               /* 1 */
	"int b;\n"                               /* 2 */
	"int c; // LCOV_EXCL_LINE\n"             /* 3 */
	"int d;\n"                               /* 4 */
	"/* LCOV_EXCL_START */ int e;\n"         /* 5 */
	"int f;\n"                               /* 6 */
	"int g;\n"                               /* 7 */
	"int h; // LCOV_EXCL_STOP\n"             /* 8 */
	"int i;\n"                               /* 9 */
	"if (x) y(); // LCOV_EXCL_BR_LINE\n"     /* 10 */
	"int k;\n"                               /* 11 */
	"// GCOVR_EXCL_BR_START\n"               /* 12 */
	"if (p) q();\n"                          /* 13 */
	"// GCOVR_EXCL_BR_STOP\n"                /* 14 */
	"int o; // MY_EXCL_LINE LCOV_EXCL_ LCOV_EXCLUDE\n" /* 15: look-alikes, no marker */
	"abort(); // GCOVR_EXCL_LINE\n"          /* 16 */
	"int q; /* GCOVR_EXCL_START */\n"        /* 17 */
	"int r; /* GCOVR_EXCL_STOP */\n"         /* 18 */
	"int s;\n"                               /* 19 */
	"// GCOV_EXCL_START with no stop\n"      /* 20 */
	"int t;\n";                              /* 21 */

static void test_markers(void **state)
{
	(void)state;
	write_source("m.c", source);
	assay_covset *cs = assay_covset_new();
	assay_filecov *f = filled(cs, "m.c", 23); /* 22, 23: past the source's end */
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_exclude_apply(f, root, &err), 0);
	assay_filecov_finalize(f);

	/* lines gone, with their branches and the functions starting there */
	static const uint32_t gone[] = { 3, 5, 6, 7, 16, 17, 20, 21 };
	static const uint32_t kept[] = { 1, 2, 4, 8, 9, 10, 11, 12, 13, 14, 18, 19, 22, 23 };
	for (size_t i = 0; i < sizeof(gone) / sizeof(*gone); i++) {
		if (has_line(f, gone[i]) || branches_on(f, gone[i]) || has_function_at(f, gone[i]))
			fail_msg("line %u should be excluded", gone[i]);
	}
	for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++) {
		if (!has_line(f, kept[i]) || !has_function_at(f, kept[i]))
			fail_msg("line %u should be kept", kept[i]);
	}
	/* branches alone gone on 10, 12, 13; the line 15 non-markers and the BR_STOP line keep theirs */
	assert_int_equal(branches_on(f, 10), 0);
	assert_int_equal(branches_on(f, 12), 0);
	assert_int_equal(branches_on(f, 13), 0);
	assert_int_equal(branches_on(f, 14), 2);
	assert_int_equal(branches_on(f, 15), 2);
	assert_int_equal(f->lines_found, 23 - 8);
	assert_int_equal(f->branches_found, 2 * (23 - 8 - 3));
	assert_int_equal(f->functions_found, 23 - 8);
	assay_covset_free(cs);
	remove_source();
}

/* Windows line ends, an absolute path with no root, and lines that have no data. */
static void test_crlf_absolute(void **state)
{
	(void)state;
	write_source("w.c", "a;\r\nb; // LCOV_EXCL_LINE\r\nc;\r\n");
	assay_covset *cs = assay_covset_new();
	assay_filecov *f = assay_covset_file(cs, src);
	assay_filecov_line(f, 1, 1);
	assay_filecov_line(f, 2, 1);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_exclude_apply(f, NULL, &err), 0);
	assay_filecov_finalize(f);
	assert_int_equal(f->lines_found, 1);
	assert_int_equal(f->lines[0].line, 1);
	assay_covset_free(cs);
	remove_source();
}

/* A source that is not at hand (or not a file) leaves the data as it was. */
static void test_not_at_hand(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_filecov *f = filled(cs, "no/such/file.c", 3);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_exclude_apply(f, "/nonexistent-root", &err), 0);
	assay_filecov *d = filled(cs, "tmp", 2);
	assert_int_equal(assay_exclude_apply(d, "/", &err), 0); /* a directory */
	assay_covset_finalize(cs);
	assert_int_equal(f->lines_found, 3);
	assert_int_equal(f->branches_found, 6);
	assert_int_equal(f->functions_found, 3);
	assert_int_equal(d->lines_found, 2);
	assay_covset_free(cs);
}

/*
 * A large region inside START/STOP, with a BR_LINE after it: exact counts
 * (one pass per array, not one per excluded line).
 */
static void test_large_region(void **state)
{
	(void)state;
	enum { N = 60000, FROM = 101, TO = 50100, BR = 55000 };
	assay_buf text = ASSAY_BUF_INIT;
	for (uint32_t i = 1; i <= N; i++) {
		if (i == FROM)
			assay_buf_adds(&text, "// LCOV_EXCL_START\n");
		else if (i == TO + 1)
			assay_buf_adds(&text, "// LCOV_EXCL_STOP\n");
		else if (i == BR)
			assay_buf_adds(&text, "if (x) y(); // LCOV_EXCL_BR_LINE\n");
		else
			assay_buf_adds(&text, "x++;\n");
	}
	write_source("big.c", text.buf);
	assay_buf_release(&text);
	assay_covset *cs = assay_covset_new();
	assay_filecov *f = filled(cs, "big.c", N + 2); /* two lines past the end */
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_exclude_apply(f, root, &err), 0);
	assay_filecov_finalize(f);

	const uint32_t kept = N + 2 - (TO - FROM + 1);
	assert_int_equal(f->lines_found, kept);
	assert_int_equal(f->nlines, kept);
	/* line i has i hits: all of the kept ones are hit */
	assert_int_equal(f->lines_hit, kept);
	assert_int_equal(f->branches_found, 2 * (kept - 1));
	assert_int_equal(f->branches_hit, kept - 1);
	assert_int_equal(f->functions_found, kept);
	assert_int_equal(f->functions_hit, kept);
	assert_int_equal(f->lines[FROM - 2].line, FROM - 1);
	assert_int_equal(f->lines[FROM - 1].line, TO + 1);
	assert_int_equal(f->lines[kept - 1].line, N + 2);
	assert_false(has_line(f, FROM) || has_line(f, TO) || has_function_at(f, (FROM + TO) / 2));
	assert_true(has_line(f, BR) && has_function_at(f, BR));
	assert_int_equal(branches_on(f, BR), 0);
	assert_int_equal(branches_on(f, TO + 1), 2);
	assay_covset_free(cs);
	remove_source();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markers),
		cmocka_unit_test(test_crlf_absolute),
		cmocka_unit_test(test_not_at_hand),
		cmocka_unit_test(test_large_region),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
