/*
 * A short calculator session, as the README shows it.  With CALC_DEMO_FAIL=1
 * in the environment one check expects a wrong answer, so that demos of
 * Assay can show what a failing run looks like; by default everything passes.
 */
#include "groups.h"

#include <stdlib.h>

#include "calc.h"

static int demo_fail(void)
{
	const char *v = getenv("CALC_DEMO_FAIL");

	return v != NULL && strcmp(v, "1") == 0;
}

static void session(void **state)
{
	calc_env env;
	int64_t v = 0;
	(void)state;

	calc_env_init(&env);
	assert_int_equal(calc_env_set(&env, "width", 1920), CALC_OK);
	assert_int_equal(calc_env_set(&env, "height", 1080), CALC_OK);
	assert_int_equal(calc_eval(&v, "width * height", &env, NULL), CALC_OK);
	assert_int_equal(v, 2073600);
	assert_int_equal(calc_eval(&v, "gcd(width, height)", &env, NULL), CALC_OK);
	assert_int_equal(v, 120);
	assert_int_equal(calc_eval(&v, "width / gcd(width, height) << 8 | height / 120",
				   &env, NULL), CALC_OK);
	assert_int_equal(v, (16 << 8) | 9);
}

static void the_answer(void **state)
{
	int64_t v = 0;
	(void)state;

	assert_int_equal(calc_eval(&v, "6 * 7", NULL, NULL), CALC_OK);
	assert_int_equal(v, demo_fail() ? 43 : 42);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest demo[] = {
		cmocka_unit_test(session),
		cmocka_unit_test(the_answer),
	};
	const struct calc_group groups[] = { CALC_GROUP("demo", demo) };

	return calc_run_groups(groups, 1, argc, argv);
}
/* SPDX-License-Identifier: MIT */
