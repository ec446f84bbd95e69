/* Tokens of the expression language. */
#include "calc.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_alnum(char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

void calc_lexer_init(calc_lexer *lx, const char *src)
{
	lx->src = src;
	lx->pos = 0;
}

/* Operators, longest first so that "<<" wins over "<". */
static const struct {
	const char *text;
	calc_op op;
} operators[] = {
	{ "**", CALC_OP_POW }, { "<<", CALC_OP_SHL }, { ">>", CALC_OP_SHR },
	{ "<=", CALC_OP_LE }, { ">=", CALC_OP_GE }, { "==", CALC_OP_EQ },
	{ "!=", CALC_OP_NE }, { "&&", CALC_OP_LAND }, { "||", CALC_OP_LOR },
	{ "+", CALC_OP_ADD }, { "-", CALC_OP_SUB }, { "*", CALC_OP_MUL },
	{ "/", CALC_OP_DIV }, { "%", CALC_OP_MOD }, { "<", CALC_OP_LT },
	{ ">", CALC_OP_GT }, { "&", CALC_OP_BAND }, { "|", CALC_OP_BOR },
	{ "^", CALC_OP_BXOR }, { "~", CALC_OP_BNOT }, { "!", CALC_OP_LNOT },
};

static size_t match_operator(const char *s, calc_op *op)
{
	size_t i;

	for (i = 0; i < sizeof(operators) / sizeof(operators[0]); i++) {
		const char *t = operators[i].text;

		if (s[0] == t[0] && (t[1] == '\0' || s[1] == t[1])) {
			*op = operators[i].op;
			return t[1] == '\0' ? 1 : 2;
		}
	}
	return 0;
}

int calc_lexer_next(calc_lexer *lx, calc_token *out, size_t *err_pos)
{
	const char *s = lx->src;
	size_t start, n;
	calc_token tok = { CALC_TOK_END, CALC_OP_NONE, 0, 0, 0 };
	int rc;

	while (is_space(s[lx->pos]))
		lx->pos++;
	start = lx->pos;
	tok.pos = start;
	if (s[start] == '\0') {
		*out = tok;
		return CALC_OK;
	}
	if (s[start] >= '0' && s[start] <= '9') {
		n = 1;
		while (is_alnum(s[start + n]))
			n++;
		rc = calc_parse_int(&tok.value, s + start, n, 0);
		if (rc != CALC_OK) {
			if (err_pos != NULL)
				*err_pos = start;
			return rc;
		}
		tok.kind = CALC_TOK_NUM;
	} else if (is_ident_start(s[start])) {
		n = 1;
		while (is_alnum(s[start + n]))
			n++;
		tok.kind = CALC_TOK_IDENT;
	} else if (s[start] == '(' || s[start] == ')' || s[start] == ',') {
		n = 1;
		tok.kind = s[start] == '(' ? CALC_TOK_LPAREN
			: s[start] == ')' ? CALC_TOK_RPAREN : CALC_TOK_COMMA;
	} else {
		n = match_operator(s + start, &tok.op);
		if (n == 0) {
			if (err_pos != NULL)
				*err_pos = start;
			return CALC_ERR_SYNTAX;
		}
		tok.kind = CALC_TOK_OP;
	}
	tok.len = n;
	lx->pos = start + n;
	*out = tok;
	return CALC_OK;
}
/* SPDX-License-Identifier: MIT */
