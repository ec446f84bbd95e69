#include "groups.h"

#include "calc.h"

static calc_token next_ok(calc_lexer *lx)
{
	calc_token t;

	assert_int_equal(calc_lexer_next(lx, &t, NULL), CALC_OK);
	return t;
}

static void numbers_in_every_base(void **state)
{
	calc_lexer lx;
	calc_token t;
	(void)state;

	calc_lexer_init(&lx, " 42 0x2A 0b101010 0o52 1_000_000 0");
	t = next_ok(&lx);
	assert_int_equal(t.kind, CALC_TOK_NUM);
	assert_int_equal(t.value, 42);
	assert_int_equal(t.pos, 1);
	assert_int_equal(t.len, 2);
	t = next_ok(&lx);
	assert_int_equal(t.value, 42);
	assert_int_equal(t.len, 4);
	assert_int_equal(next_ok(&lx).value, 42);
	assert_int_equal(next_ok(&lx).value, 42);
	t = next_ok(&lx);
	assert_int_equal(t.value, 1000000);
	assert_int_equal(t.len, 9);
	t = next_ok(&lx);
	assert_int_equal(t.kind, CALC_TOK_NUM);
	assert_int_equal(t.value, 0);
	t = next_ok(&lx);
	assert_int_equal(t.kind, CALC_TOK_END);
	assert_int_equal(t.pos, 34);
}

static void operators_longest_match(void **state)
{
	static const calc_op want[] = {
		CALC_OP_LE, CALC_OP_SHL, CALC_OP_POW, CALC_OP_MUL, CALC_OP_LT,
		CALC_OP_GE, CALC_OP_SHR, CALC_OP_GT, CALC_OP_EQ, CALC_OP_NE,
		CALC_OP_LNOT, CALC_OP_LAND, CALC_OP_BAND, CALC_OP_LOR, CALC_OP_BOR,
		CALC_OP_BXOR, CALC_OP_BNOT, CALC_OP_ADD, CALC_OP_SUB, CALC_OP_DIV,
		CALC_OP_MOD,
	};
	calc_lexer lx;
	size_t i;
	(void)state;

	calc_lexer_init(&lx, "<=<<***< >=>>> == != ! && & || | ^ ~ + - / %");
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		calc_token t = next_ok(&lx);

		assert_int_equal(t.kind, CALC_TOK_OP);
		assert_int_equal(t.op, want[i]);
	}
	assert_int_equal(next_ok(&lx).kind, CALC_TOK_END);
}

static void identifiers_and_punctuation(void **state)
{
	calc_lexer lx;
	calc_token t;
	(void)state;

	calc_lexer_init(&lx, "gcd(x,\ty_1 )");
	t = next_ok(&lx);
	assert_int_equal(t.kind, CALC_TOK_IDENT);
	assert_int_equal(t.len, 3);
	assert_int_equal(next_ok(&lx).kind, CALC_TOK_LPAREN);
	t = next_ok(&lx);
	assert_int_equal(t.kind, CALC_TOK_IDENT);
	assert_int_equal(t.pos, 4);
	assert_int_equal(t.len, 1);
	assert_int_equal(next_ok(&lx).kind, CALC_TOK_COMMA);
	t = next_ok(&lx);
	assert_int_equal(t.kind, CALC_TOK_IDENT);
	assert_int_equal(t.pos, 7);
	assert_int_equal(t.len, 3);
	t = next_ok(&lx);
	assert_int_equal(t.kind, CALC_TOK_RPAREN);
	assert_int_equal(t.pos, 11);
	assert_int_equal(next_ok(&lx).kind, CALC_TOK_END);
	/* The end is sticky. */
	assert_int_equal(next_ok(&lx).kind, CALC_TOK_END);
}

static void bad_input_is_located(void **state)
{
	calc_lexer lx;
	calc_token t;
	size_t at = 99;
	(void)state;

	calc_lexer_init(&lx, "3 $ 4");
	assert_int_equal(next_ok(&lx).value, 3);
	assert_int_equal(calc_lexer_next(&lx, &t, &at), CALC_ERR_SYNTAX);
	assert_int_equal(at, 2);
	/* No advance past the error. */
	assert_int_equal(calc_lexer_next(&lx, &t, NULL), CALC_ERR_SYNTAX);

	calc_lexer_init(&lx, "  12ab");
	assert_int_equal(calc_lexer_next(&lx, &t, &at), CALC_ERR_SYNTAX);
	assert_int_equal(at, 2);
	calc_lexer_init(&lx, "0x");
	assert_int_equal(calc_lexer_next(&lx, &t, &at), CALC_ERR_SYNTAX);
	assert_int_equal(at, 0);
	calc_lexer_init(&lx, "1 9223372036854775808");
	assert_int_equal(next_ok(&lx).value, 1);
	assert_int_equal(calc_lexer_next(&lx, &t, &at), CALC_ERR_OVERFLOW);
	assert_int_equal(at, 2);
	calc_lexer_init(&lx, "=");
	assert_int_equal(calc_lexer_next(&lx, &t, &at), CALC_ERR_SYNTAX);
	assert_int_equal(at, 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest lexer[] = {
		cmocka_unit_test(numbers_in_every_base),
		cmocka_unit_test(operators_longest_match),
		cmocka_unit_test(identifiers_and_punctuation),
		cmocka_unit_test(bad_input_is_located),
	};
	const struct calc_group groups[] = { CALC_GROUP("lexer", lexer) };

	return calc_run_groups(groups, 1, argc, argv);
}
/* SPDX-License-Identifier: MIT */
