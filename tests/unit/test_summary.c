/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "mem.h"
#include "summary.h"

#include <string.h>

static void check(const char *msg, const char *out, const char *err, int lines, const char *want)
{
	char *got = assay_failure_text(msg, out, err, lines);
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got, want);
	free(got);
}

/* ctest: <failure message=""/>, the output in system-out */
static void output_when_no_message(void **state)
{
	(void)state;
	const char *out = "Test project /b\n  Start 1: div\nchecking 1/0\n"
			  "test_div.c:12: error: expected 0, got 1\r\n\n  \n";
	check("", out, NULL, 1, "test_div.c:12: error: expected 0, got 1");
	check(NULL, out, "", 2, "checking 1/0\ntest_div.c:12: error: expected 0, got 1");
	check("  \n\t", out, NULL, 50, "Test project /b\n  Start 1: div\nchecking 1/0\n"
		"test_div.c:12: error: expected 0, got 1");
	/* stderr first: where a test says what went wrong */
	check(NULL, out, "Assertion `x' failed.\n", 3, "Assertion `x' failed.");
}

static void message_first(void **state)
{
	(void)state;
	check("\n  expected 2\n  got 3\n  at line 4", "noise", "noise", 2, "expected 2\n  got 3");
	check("boom", "out", NULL, 1, "boom");
	check(NULL, NULL, NULL, 3, NULL);
	check("", " \n", "\r\n", 3, NULL);
}

/* A long tail keeps its end: the last bytes say what failed. */
static void capped(void **state)
{
	(void)state;
	char *big = assay_xcalloc(3 * ASSAY_FAILURE_TEXT_MAX, 1);
	memset(big, 'x', 3 * ASSAY_FAILURE_TEXT_MAX - 2);
	big[0] = 'A';
	big[3 * ASSAY_FAILURE_TEXT_MAX - 3] = 'Z';
	char *got = assay_failure_text(NULL, big, NULL, 5);
	assert_int_equal(strlen(got), ASSAY_FAILURE_TEXT_MAX);
	assert_int_equal(got[ASSAY_FAILURE_TEXT_MAX - 1], 'Z');
	free(got);
	got = assay_failure_text(big, NULL, NULL, 5);
	assert_int_equal(strlen(got), ASSAY_FAILURE_TEXT_MAX);
	assert_int_equal(got[0], 'A');
	free(got);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(output_when_no_message),
		cmocka_unit_test(message_first),
		cmocka_unit_test(capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
