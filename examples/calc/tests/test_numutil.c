#include "groups.h"

#include <stdlib.h>

#include "calc.h"

static void add_and_sub_check_overflow(void **state)
{
	int64_t r = 0;
	(void)state;

	assert_int_equal(calc_add(&r, 40, 2), CALC_OK);
	assert_int_equal(r, 42);
	assert_int_equal(calc_add(&r, INT64_MAX - 1, 1), CALC_OK);
	assert_int_equal(r, INT64_MAX);
	assert_int_equal(calc_add(&r, INT64_MAX, 1), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_add(&r, INT64_MIN, -1), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_add(&r, INT64_MIN, INT64_MAX), CALC_OK);
	assert_int_equal(r, -1);

	assert_int_equal(calc_sub(&r, 2, 44), CALC_OK);
	assert_int_equal(r, -42);
	assert_int_equal(calc_sub(&r, INT64_MIN, 1), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_sub(&r, INT64_MAX, -1), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_sub(&r, 0, INT64_MIN), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_sub(&r, -1, INT64_MIN), CALC_OK);
	assert_int_equal(r, INT64_MAX);
}

static void mul_checks_every_sign(void **state)
{
	int64_t r = 0;
	(void)state;

	assert_int_equal(calc_mul(&r, 6, 7), CALC_OK);
	assert_int_equal(r, 42);
	assert_int_equal(calc_mul(&r, -6, 7), CALC_OK);
	assert_int_equal(r, -42);
	assert_int_equal(calc_mul(&r, 6, -7), CALC_OK);
	assert_int_equal(r, -42);
	assert_int_equal(calc_mul(&r, -6, -7), CALC_OK);
	assert_int_equal(r, 42);
	assert_int_equal(calc_mul(&r, 0, INT64_MIN), CALC_OK);
	assert_int_equal(r, 0);
	assert_int_equal(calc_mul(&r, INT64_MAX, 2), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_mul(&r, INT64_MIN, 2), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_mul(&r, 2, INT64_MIN), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_mul(&r, -1, INT64_MIN), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_mul(&r, INT64_MIN, 1), CALC_OK);
	assert_int_equal(r, INT64_MIN);
}

static void div_and_mod_truncate_like_c(void **state)
{
	int64_t r = 0;
	(void)state;

	assert_int_equal(calc_div(&r, -7, 2), CALC_OK);
	assert_int_equal(r, -3);
	assert_int_equal(calc_mod(&r, -7, 2), CALC_OK);
	assert_int_equal(r, -1);
	assert_int_equal(calc_mod(&r, 7, -2), CALC_OK);
	assert_int_equal(r, 1);
	assert_int_equal(calc_div(&r, 1, 0), CALC_ERR_DIV_ZERO);
	assert_int_equal(calc_mod(&r, 1, 0), CALC_ERR_DIV_ZERO);
	assert_int_equal(calc_div(&r, INT64_MIN, -1), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_mod(&r, INT64_MIN, -1), CALC_OK);
	assert_int_equal(r, 0);
}

static void shifts_are_range_checked(void **state)
{
	int64_t r = 0;
	(void)state;

	assert_int_equal(calc_shl(&r, 1, 62), CALC_OK);
	assert_int_equal(r, INT64_C(1) << 62);
	assert_int_equal(calc_shl(&r, 3, 63), CALC_OK);
	assert_int_equal(r, INT64_MIN);
	assert_int_equal(calc_shl(&r, 1, 64), CALC_ERR_RANGE);
	assert_int_equal(calc_shl(&r, 1, -1), CALC_ERR_RANGE);
	assert_int_equal(calc_shr(&r, -8, 1), CALC_OK);
	assert_int_equal(r, -4);
	assert_int_equal(calc_shr(&r, -1, 63), CALC_OK);
	assert_int_equal(r, -1);
	assert_int_equal(calc_shr(&r, 96, 5), CALC_OK);
	assert_int_equal(r, 3);
	assert_int_equal(calc_shr(&r, 1, 64), CALC_ERR_RANGE);
}

static void ipow_by_squaring(void **state)
{
	int64_t r = 0;
	(void)state;

	assert_int_equal(calc_ipow(&r, 2, 10), CALC_OK);
	assert_int_equal(r, 1024);
	assert_int_equal(calc_ipow(&r, 3, 0), CALC_OK);
	assert_int_equal(r, 1);
	assert_int_equal(calc_ipow(&r, -2, 3), CALC_OK);
	assert_int_equal(r, -8);
	assert_int_equal(calc_ipow(&r, -2, 63), CALC_OK);
	assert_int_equal(r, INT64_MIN);
	assert_int_equal(calc_ipow(&r, 2, 63), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_ipow(&r, 10, 19), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_ipow(&r, 2, -1), CALC_ERR_RANGE);
}

static void gcd_of_magnitudes(void **state)
{
	int64_t r = 0;
	(void)state;

	assert_int_equal(calc_gcd(&r, 12, 18), CALC_OK);
	assert_int_equal(r, 6);
	assert_int_equal(calc_gcd(&r, -4, 6), CALC_OK);
	assert_int_equal(r, 2);
	assert_int_equal(calc_gcd(&r, 0, 5), CALC_OK);
	assert_int_equal(r, 5);
	assert_int_equal(calc_gcd(&r, 17, 0), CALC_OK);
	assert_int_equal(r, 17);
	assert_int_equal(calc_gcd(&r, 48, 180), CALC_OK);
	assert_int_equal(r, 12);
	assert_int_equal(calc_gcd(&r, INT64_MIN, 6), CALC_OK);
	assert_int_equal(r, 2);
	assert_int_equal(calc_gcd(&r, INT64_MIN, 0), CALC_ERR_OVERFLOW);
}

static void isqrt_floors(void **state)
{
	static const uint64_t cases[][2] = {
		{ 0, 0 }, { 1, 1 }, { 2, 1 }, { 3, 1 }, { 4, 2 }, { 15, 3 },
		{ 16, 4 }, { 17, 4 }, { 1000000, 1000 },
		{ UINT64_MAX, 4294967295u },
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(calc_isqrt(cases[i][0]), cases[i][1]);
}

/* Every n below 2^24 against the definition; slow, so only on request. */
static void isqrt_exhaustive(void **state)
{
	uint64_t n;
	const char *on = getenv("CALC_EXHAUSTIVE");
	(void)state;

	if (on == NULL || strcmp(on, "1") != 0)
		skip();
	for (n = 0; n < (UINT64_C(1) << 24); n++) {
		uint64_t r = calc_isqrt(n);

		assert_true(r * r <= n && (r + 1) * (r + 1) > n);
	}
}

static void popcount_counts_bits(void **state)
{
	(void)state;

	assert_int_equal(calc_popcount(0), 0);
	assert_int_equal(calc_popcount(0xFF), 8);
	assert_int_equal(calc_popcount(UINT64_C(0x8000000000000001)), 2);
	assert_int_equal(calc_popcount(UINT64_MAX), 64);
}

static void clamp_limits(void **state)
{
	int64_t r = 0;
	(void)state;

	assert_int_equal(calc_clamp(&r, 5, 0, 10), CALC_OK);
	assert_int_equal(r, 5);
	assert_int_equal(calc_clamp(&r, -3, 0, 10), CALC_OK);
	assert_int_equal(r, 0);
	assert_int_equal(calc_clamp(&r, 20, 0, 10), CALC_OK);
	assert_int_equal(r, 10);
	assert_int_equal(calc_clamp(&r, 1, 10, 0), CALC_ERR_RANGE);
}

static void parse_int_bases_and_errors(void **state)
{
	int64_t r = 0;
	(void)state;

	assert_int_equal(calc_parse_int(&r, "ff", 2, 16), CALC_OK);
	assert_int_equal(r, 255);
	assert_int_equal(calc_parse_int(&r, "Zz", 2, 36), CALC_OK);
	assert_int_equal(r, 35 * 36 + 35);
	assert_int_equal(calc_parse_int(&r, "0B11", 4, 0), CALC_OK);
	assert_int_equal(r, 3);
	assert_int_equal(calc_parse_int(&r, "0X1f", 4, 0), CALC_OK);
	assert_int_equal(r, 31);
	assert_int_equal(calc_parse_int(&r, "0O17", 4, 0), CALC_OK);
	assert_int_equal(r, 15);
	assert_int_equal(calc_parse_int(&r, "9223372036854775807", 19, 0), CALC_OK);
	assert_int_equal(r, INT64_MAX);
	assert_int_equal(calc_parse_int(&r, "12345", 3, 10), CALC_OK);
	assert_int_equal(r, 123);

	assert_int_equal(calc_parse_int(&r, "9223372036854775808", 19, 0), CALC_ERR_OVERFLOW);
	assert_int_equal(calc_parse_int(&r, "12", 2, 1), CALC_ERR_RANGE);
	assert_int_equal(calc_parse_int(&r, "12", 2, 37), CALC_ERR_RANGE);
	assert_int_equal(calc_parse_int(&r, "0b", 2, 0), CALC_ERR_SYNTAX);
	assert_int_equal(calc_parse_int(&r, "0b2", 3, 0), CALC_ERR_SYNTAX);
	assert_int_equal(calc_parse_int(&r, "", 0, 10), CALC_ERR_SYNTAX);
	assert_int_equal(calc_parse_int(&r, "_1", 2, 10), CALC_ERR_SYNTAX);
	assert_int_equal(calc_parse_int(&r, "1__0", 4, 10), CALC_ERR_SYNTAX);
	assert_int_equal(calc_parse_int(&r, "10_", 3, 10), CALC_ERR_SYNTAX);
	assert_int_equal(calc_parse_int(&r, "1-", 2, 10), CALC_ERR_SYNTAX);
	assert_int_equal(r, 123);
}

static void strerror_names_codes(void **state)
{
	(void)state;

	assert_string_equal(calc_strerror(CALC_OK), "success");
	assert_string_equal(calc_strerror(CALC_ERR_DIV_ZERO), "division by zero");
	assert_string_equal(calc_strerror(-100), "unknown error");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest numutil[] = {
		cmocka_unit_test(add_and_sub_check_overflow),
		cmocka_unit_test(mul_checks_every_sign),
		cmocka_unit_test(div_and_mod_truncate_like_c),
		cmocka_unit_test(shifts_are_range_checked),
		cmocka_unit_test(ipow_by_squaring),
		cmocka_unit_test(gcd_of_magnitudes),
		cmocka_unit_test(isqrt_floors),
		cmocka_unit_test(isqrt_exhaustive),
		cmocka_unit_test(popcount_counts_bits),
		cmocka_unit_test(clamp_limits),
		cmocka_unit_test(parse_int_bases_and_errors),
		cmocka_unit_test(strerror_names_codes),
	};
	const struct calc_group groups[] = { CALC_GROUP("numutil", numutil) };

	return calc_run_groups(groups, 1, argc, argv);
}
/* SPDX-License-Identifier: MIT */
