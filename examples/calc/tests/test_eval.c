#include "groups.h"

#include "calc.h"

struct eval_case {
	const char *expr;
	int64_t want;
};

static void check_values(const struct eval_case *cases, size_t n, const calc_env *env)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int64_t got = -12345;
		size_t at = 0;
		int rc = calc_eval(&got, cases[i].expr, env, &at);

		if (rc != CALC_OK)
			fail_msg("'%s': %s at %zu", cases[i].expr, calc_strerror(rc), at);
		if (got != cases[i].want)
			fail_msg("'%s' = %lld, expected %lld", cases[i].expr,
				 (long long)got, (long long)cases[i].want);
	}
}

#define CHECK_VALUES(cases, env) check_values(cases, sizeof(cases) / sizeof((cases)[0]), env)

static void precedence_and_associativity(void **state)
{
	static const struct eval_case cases[] = {
		{ "1 + 2 * 3", 7 }, { "(1 + 2) * 3", 9 }, { "10 - 4 - 3", 3 },
		{ "100 / 10 / 5", 2 }, { "17 % 5 * 2", 4 }, { "2 ** 3 ** 2", 512 },
		{ "-2 ** 2", -4 }, { "(-2) ** 2", 4 }, { "2 ** -0", 1 },
		{ "- -5", 5 }, { "+7", 7 }, { "1 + 2 << 3", 24 },
		{ "((((42))))", 42 }, { "-9223372036854775807 - 1", INT64_MIN },
		{ "0x10 + 0b11 + 0o7 + 1_000", 1026 },
	};
	(void)state;

	CHECK_VALUES(cases, NULL);
}

static void variables(void **state)
{
	static const struct eval_case cases[] = {
		{ "x * y", 42 }, { "x_1 - x", -5 }, { "rate * 3 / 4", 75 },
		{ "-x + Y", 0 },
	};
	calc_env env;
	int64_t v = 0;
	(void)state;

	calc_env_init(&env);
	assert_int_equal(calc_env_set(&env, "x", 6), CALC_OK);
	assert_int_equal(calc_env_set(&env, "y", 7), CALC_OK);
	assert_int_equal(calc_env_set(&env, "x_1", 1), CALC_OK);
	assert_int_equal(calc_env_set(&env, "rate", 50), CALC_OK);
	assert_int_equal(calc_env_set(&env, "Y", 6), CALC_OK);
	assert_int_equal(calc_env_set(&env, "rate", 100), CALC_OK);
	assert_int_equal(env.count, 5);
	CHECK_VALUES(cases, &env);
	assert_int_equal(calc_env_get(&v, &env, "xyz", 1), CALC_OK);
	assert_int_equal(v, 6);
}

static void builtin_functions(void **state)
{
	static const struct eval_case cases[] = {
		{ "abs(-5)", 5 }, { "abs(5)", 5 }, { "min(3, -4)", -4 },
		{ "max(3, -4)", 3 }, { "gcd(84, 36)", 12 }, { "isqrt(99)", 9 },
		{ "popcount(0xF0F0)", 8 }, { "clamp(15, 0, 10)", 10 },
		{ "clamp(-1, 0, 10)", 0 }, { "max(min(5, 9), 2) * 2", 10 },
		{ "gcd(2 ** 10, 3 * 2 ** 4)", 16 },
	};
	(void)state;

	CHECK_VALUES(cases, NULL);
}

static void comparisons(void **state)
{
	static const struct eval_case cases[] = {
		{ "1 < 2", 1 }, { "2 < 2", 0 }, { "2 <= 2", 1 }, { "3 <= 2", 0 },
		{ "3 > 2", 1 }, { "2 > 2", 0 }, { "2 >= 2", 1 }, { "1 >= 2", 0 },
		{ "4 == 4", 1 }, { "4 == 5", 0 }, { "4 != 5", 1 }, { "4 != 4", 0 },
		{ "1 < 2 == 1", 1 }, { "-1 < 0", 1 },
	};
	(void)state;

	CHECK_VALUES(cases, NULL);
}

static void logic_short_circuits(void **state)
{
	static const struct eval_case cases[] = {
		{ "1 && 2", 1 }, { "1 && 0", 0 }, { "0 || 0", 0 }, { "0 || 3", 1 },
		{ "!0", 1 }, { "!5", 0 }, { "!!7", 1 },
		{ "0 && 1 / 0", 0 }, { "1 || 1 / 0", 1 },
		{ "0 && 2 ** 99 || 1", 1 }, { "1 || abs(-9223372036854775807 - 1)", 1 },
		{ "1 || 0 && 0", 1 }, { "(1 || 0) && 0", 0 },
	};
	(void)state;

	CHECK_VALUES(cases, NULL);
}

static void bit_operations(void **state)
{
	static const struct eval_case cases[] = {
		{ "0xF0 & 0x3C", 0x30 }, { "0xF0 | 0x0F", 0xFF }, { "0xFF ^ 0x0F", 0xF0 },
		{ "~0", -1 }, { "~5", -6 }, { "1 << 4", 16 }, { "256 >> 4", 16 },
		{ "-16 >> 2", -4 }, { "1 | 2 ^ 3 & 4", 3 }, { "6 & 3 == 3", 0 },
		{ "(6 & 3) == 2", 1 },
	};
	(void)state;

	CHECK_VALUES(cases, NULL);
}

struct error_case {
	const char *expr;
	int rc;
	size_t at;
};

static void errors_are_located(void **state)
{
	static const struct error_case cases[] = {
		{ "", CALC_ERR_SYNTAX, 0 },
		{ "1 +", CALC_ERR_SYNTAX, 3 },
		{ "(1 + 2", CALC_ERR_SYNTAX, 6 },
		{ "1 2", CALC_ERR_SYNTAX, 2 },
		{ "3 )", CALC_ERR_SYNTAX, 2 },
		{ "2 * # 3", CALC_ERR_SYNTAX, 4 },
		{ "7 / (3 - 3)", CALC_ERR_DIV_ZERO, 2 },
		{ "7 % 0", CALC_ERR_DIV_ZERO, 2 },
		{ "9223372036854775807 + 1", CALC_ERR_OVERFLOW, 20 },
		{ "-(-9223372036854775807 - 1)", CALC_ERR_OVERFLOW, 0 },
		{ "2 ** 64", CALC_ERR_OVERFLOW, 2 },
		{ "2 ** -1", CALC_ERR_RANGE, 2 },
		{ "1 << 64", CALC_ERR_RANGE, 2 },
		{ "isqrt(-1)", CALC_ERR_RANGE, 0 },
		{ "clamp(1, 2, 0)", CALC_ERR_RANGE, 0 },
		{ "x + 1", CALC_ERR_UNKNOWN, 0 },
		{ "0 && nope", CALC_ERR_UNKNOWN, 5 },
		{ "sqrt(4)", CALC_ERR_UNKNOWN, 0 },
		{ "1 + max(1)", CALC_ERR_ARITY, 4 },
		{ "abs()", CALC_ERR_ARITY, 0 },
		{ "min(1, 2, 3, 4)", CALC_ERR_ARITY, 0 },
		{ "min(1 2)", CALC_ERR_SYNTAX, 6 },
		{ "min(1,", CALC_ERR_SYNTAX, 6 },
		{ "0x1G", CALC_ERR_SYNTAX, 0 },
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t v = 77;
		size_t at = 999;
		int rc = calc_eval(&v, cases[i].expr, NULL, &at);

		if (rc != cases[i].rc || at != cases[i].at)
			fail_msg("'%s': got %d at %zu, expected %d at %zu", cases[i].expr,
				 rc, at, cases[i].rc, cases[i].at);
		assert_int_equal(v, 77);
	}
}

static void nesting_is_bounded(void **state)
{
	char deep[2 * (CALC_MAX_DEPTH + 1) + 2];
	char negs[CALC_MAX_DEPTH + 3];
	int64_t v = 0;
	size_t at = 0;
	int i;
	(void)state;

	/* CALC_MAX_DEPTH parentheses are fine, one more is not. */
	for (i = 0; i < CALC_MAX_DEPTH; i++) {
		deep[i] = '(';
		deep[CALC_MAX_DEPTH + 1 + i] = ')';
	}
	deep[CALC_MAX_DEPTH] = '1';
	deep[2 * CALC_MAX_DEPTH + 1] = '\0';
	assert_int_equal(calc_eval(&v, deep, NULL, &at), CALC_OK);
	assert_int_equal(v, 1);

	memset(deep, '(', CALC_MAX_DEPTH + 1);
	deep[CALC_MAX_DEPTH + 1] = '\0';
	assert_int_equal(calc_eval(&v, deep, NULL, &at), CALC_ERR_TOO_DEEP);
	assert_int_equal(at, CALC_MAX_DEPTH);

	memset(negs, '-', CALC_MAX_DEPTH + 1);
	negs[CALC_MAX_DEPTH + 1] = '1';
	negs[CALC_MAX_DEPTH + 2] = '\0';
	assert_int_equal(calc_eval(&v, negs, NULL, &at), CALC_ERR_TOO_DEEP);
}

static void env_rejects_bad_names_and_overflow(void **state)
{
	calc_env env;
	char name[8];
	int i;
	(void)state;

	calc_env_init(&env);
	assert_int_equal(calc_env_set(&env, "", 1), CALC_ERR_SYNTAX);
	assert_int_equal(calc_env_set(&env, "1x", 1), CALC_ERR_SYNTAX);
	assert_int_equal(calc_env_set(&env, "a-b", 1), CALC_ERR_SYNTAX);
	assert_int_equal(calc_env_set(&env, "abcdefghijklmnopqrstuvwxyz012345", 1),
			 CALC_ERR_SYNTAX);
	assert_int_equal(calc_env_set(&env, "abcdefghijklmnopqrstuvwxyz01234", 1), CALC_OK);
	for (i = 1; i < CALC_MAX_VARS; i++) {
		snprintf(name, sizeof(name), "v%d", i);
		assert_int_equal(calc_env_set(&env, name, i), CALC_OK);
	}
	assert_int_equal(calc_env_set(&env, "one_more", 1), CALC_ERR_FULL);
	assert_int_equal(calc_env_set(&env, "v3", 33), CALC_OK);
	assert_int_equal(env.count, CALC_MAX_VARS);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest arith[] = {
		cmocka_unit_test(precedence_and_associativity),
		cmocka_unit_test(variables),
		cmocka_unit_test(builtin_functions),
	};
	const struct CMUnitTest logic[] = {
		cmocka_unit_test(comparisons),
		cmocka_unit_test(logic_short_circuits),
		cmocka_unit_test(bit_operations),
	};
	const struct CMUnitTest errors[] = {
		cmocka_unit_test(errors_are_located),
		cmocka_unit_test(nesting_is_bounded),
		cmocka_unit_test(env_rejects_bad_names_and_overflow),
	};
	const struct calc_group groups[] = {
		CALC_GROUP("eval_arith", arith),
		CALC_GROUP("eval_logic", logic),
		CALC_GROUP("eval_errors", errors),
	};

	return calc_run_groups(groups, sizeof(groups) / sizeof(groups[0]), argc, argv);
}
/* SPDX-License-Identifier: MIT */
