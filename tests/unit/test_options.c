/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "options.h"

#include <string.h>

static const char *s;
static int b, v;
static long n;
static double d;
static struct assay_strlist l;

static const struct assay_option opts[] = {
	ASSAY_OPT_STRING('s', "str", &s, "S", "a string"),
	ASSAY_OPT_BOOL('b', "flag", &b, "a flag"),
	ASSAY_OPT_COUNT('v', "verbose", &v, "more"),
	ASSAY_OPT_INT('n', "num", &n, "N", "a number"),
	ASSAY_OPT_DOUBLE(0, "ratio", &d, "R", "a ratio"),
	ASSAY_OPT_LIST('I', "include", &l, "GLOB", "repeatable"),
	ASSAY_OPT_END(),
};

static void reset(void)
{
	s = NULL;
	b = v = 0;
	n = 0;
	d = 0;
	assay_strlist_release(&l);
}

static void mixed_options_and_operands(void **state)
{
	(void)state;
	reset();
	char *argv[] = { "prog", "a", "--str=x", "-bvv", "b", "-n", "12", "--ratio", "0.5", "-Ione",
			 "--include", "two", "--", "-c", NULL };
	int argc = (int)(sizeof(argv) / sizeof(argv[0])) - 1;
	assay_err err = ASSAY_ERR_INIT;
	int k = assay_options_parse(opts, argc, argv, 0, &err);
	assert_int_equal(k, 4);
	assert_string_equal(argv[1], "a");
	assert_string_equal(argv[2], "b");
	assert_string_equal(argv[3], "-c");
	assert_null(argv[4]);
	assert_string_equal(s, "x");
	assert_int_equal(b, 1);
	assert_int_equal(v, 2);
	assert_int_equal(n, 12);
	assert_true(d == 0.5);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[1], "two");
	reset();
}

static void errors_and_help(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	char *a1[] = { "prog", "--nope", NULL };
	assert_int_equal(assay_options_parse(opts, 2, a1, 0, &err), -ASSAY_EUSAGE);
	assert_string_equal(err.msg, "unknown option --nope");
	char *a2[] = { "prog", "-n", "x1", NULL };
	assert_int_equal(assay_options_parse(opts, 3, a2, 0, &err), -ASSAY_EUSAGE);
	assert_string_equal(err.msg, "-n takes a whole number, not 'x1'");
	char *a3[] = { "prog", "--str", NULL };
	assert_int_equal(assay_options_parse(opts, 2, a3, 0, &err), -ASSAY_EUSAGE);
	char *a4[] = { "prog", "--flag=1", NULL };
	assert_int_equal(assay_options_parse(opts, 2, a4, 0, &err), -ASSAY_EUSAGE);
	char *a5[] = { "prog", "x", "--help", NULL };
	assert_int_equal(assay_options_parse(opts, 3, a5, 0, &err), ASSAY_OPTIONS_HELP);
	char *a6[] = { "prog", "--no-flag", NULL };
	b = 1;
	assert_int_equal(assay_options_parse(opts, 2, a6, 0, &err), 1);
	assert_int_equal(b, 0);
	reset();
}

static void stops_at_first_operand(void **state)
{
	(void)state;
	reset();
	char *argv[] = { "prog", "-b", "run", "-n", "3", NULL };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_options_parse(opts, 5, argv, 1, &err), 4);
	assert_string_equal(argv[1], "run");
	assert_string_equal(argv[2], "-n");
	assert_int_equal(n, 0);
	reset();
}

static void usage_lists_every_option(void **state)
{
	(void)state;
	assay_buf out = ASSAY_BUF_INIT;
	assay_options_usage(&out, "prog [options]", opts);
	assert_non_null(strstr(out.buf, "usage: prog [options]\n"));
	assert_non_null(strstr(out.buf, "-s, --str S"));
	assert_non_null(strstr(out.buf, "    --ratio R"));
	assert_non_null(strstr(out.buf, "-h, --help"));
	assay_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mixed_options_and_operands),
		cmocka_unit_test(errors_and_help),
		cmocka_unit_test(stops_at_first_operand),
		cmocka_unit_test(usage_lists_every_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
