/*
 * The evaluator: precedence climbing over the lexer's tokens, computing as
 * it parses.  Grammar, lowest precedence first:
 *
 *   expr    := binary(1)
 *   binary  := unary { OP binary(prec(OP) + 1) }      OP of prec >= min
 *   unary   := ('-' | '+' | '!' | '~') unary | power
 *   power   := primary [ '**' unary ]                 right-associative
 *   primary := NUM | IDENT | IDENT '(' [expr {',' expr}] ')' | '(' expr ')'
 */
#include "calc.h"

#include <string.h>

struct parser {
	calc_lexer lx;
	calc_token tok;      /* the current token */
	const calc_env *env;
	size_t err_pos;
	int depth;
	int active;          /* 0 inside the skipped side of && and || */
};

static int fail(struct parser *p, int rc, size_t pos)
{
	p->err_pos = pos;
	return rc;
}

static int advance(struct parser *p)
{
	return calc_lexer_next(&p->lx, &p->tok, &p->err_pos);
}

static int binary_prec(const calc_token *t)
{
	if (t->kind != CALC_TOK_OP)
		return 0;
	switch (t->op) {
	case CALC_OP_LOR: return 1;
	case CALC_OP_LAND: return 2;
	case CALC_OP_BOR: return 3;
	case CALC_OP_BXOR: return 4;
	case CALC_OP_BAND: return 5;
	case CALC_OP_EQ: case CALC_OP_NE: return 6;
	case CALC_OP_LT: case CALC_OP_LE: case CALC_OP_GT: case CALC_OP_GE: return 7;
	case CALC_OP_SHL: case CALC_OP_SHR: return 8;
	case CALC_OP_ADD: case CALC_OP_SUB: return 9;
	case CALC_OP_MUL: case CALC_OP_DIV: case CALC_OP_MOD: return 10;
	default: return 0;
	}
}

static int apply_binary(calc_op op, int64_t a, int64_t b, int64_t *out)
{
	switch (op) {
	case CALC_OP_ADD: return calc_add(out, a, b);
	case CALC_OP_SUB: return calc_sub(out, a, b);
	case CALC_OP_MUL: return calc_mul(out, a, b);
	case CALC_OP_DIV: return calc_div(out, a, b);
	case CALC_OP_MOD: return calc_mod(out, a, b);
	case CALC_OP_SHL: return calc_shl(out, a, b);
	case CALC_OP_SHR: return calc_shr(out, a, b);
	case CALC_OP_LT: *out = a < b; break;
	case CALC_OP_LE: *out = a <= b; break;
	case CALC_OP_GT: *out = a > b; break;
	case CALC_OP_GE: *out = a >= b; break;
	case CALC_OP_EQ: *out = a == b; break;
	case CALC_OP_NE: *out = a != b; break;
	case CALC_OP_BAND: *out = a & b; break;
	case CALC_OP_BOR: *out = a | b; break;
	case CALC_OP_BXOR: *out = a ^ b; break;
	case CALC_OP_LAND: *out = a && b; break;
	case CALC_OP_LOR: *out = a || b; break;
	default: return CALC_ERR_SYNTAX;
	}
	return CALC_OK;
}

/* An arithmetic error where nothing is evaluated is no error. */
static int checked(struct parser *p, int rc, size_t pos, int64_t *out)
{
	if (rc == CALC_OK)
		return CALC_OK;
	if (!p->active) {
		*out = 0;
		return CALC_OK;
	}
	return fail(p, rc, pos);
}

static int parse_binary(struct parser *p, int min_prec, int64_t *out);
static int parse_unary(struct parser *p, int64_t *out);

static const struct builtin {
	const char *name;
	int arity;
} builtins[] = {
	{ "abs", 1 }, { "min", 2 }, { "max", 2 }, { "gcd", 2 },
	{ "isqrt", 1 }, { "popcount", 1 }, { "clamp", 3 },
};

static int call_builtin(size_t which, const int64_t *arg, int64_t *out)
{
	switch (which) {
	case 0: return calc_abs(out, arg[0]);
	case 1: *out = arg[0] < arg[1] ? arg[0] : arg[1]; return CALC_OK;
	case 2: *out = arg[0] > arg[1] ? arg[0] : arg[1]; return CALC_OK;
	case 3: return calc_gcd(out, arg[0], arg[1]);
	case 4:
		if (arg[0] < 0)
			return CALC_ERR_RANGE;
		*out = (int64_t)calc_isqrt((uint64_t)arg[0]);
		return CALC_OK;
	case 5: *out = calc_popcount((uint64_t)arg[0]); return CALC_OK;
	default: return calc_clamp(out, arg[0], arg[1], arg[2]);
	}
}

/* Called with the identifier consumed and the current token '('. */
static int parse_call(struct parser *p, const calc_token *name, int64_t *out)
{
	const char *text = p->lx.src + name->pos;
	size_t which, n = sizeof(builtins) / sizeof(builtins[0]);
	int64_t arg[3];
	int argc = 0, rc;

	for (which = 0; which < n; which++) {
		if (strlen(builtins[which].name) == name->len
		    && memcmp(builtins[which].name, text, name->len) == 0)
			break;
	}
	if (which == n)
		return fail(p, CALC_ERR_UNKNOWN, name->pos);
	if ((rc = advance(p)) != CALC_OK)
		return rc;
	if (p->tok.kind != CALC_TOK_RPAREN) {
		for (;;) {
			int64_t v;

			if ((rc = parse_binary(p, 1, &v)) != CALC_OK)
				return rc;
			if (argc < 3)
				arg[argc] = v;
			argc++;
			if (p->tok.kind != CALC_TOK_COMMA)
				break;
			if ((rc = advance(p)) != CALC_OK)
				return rc;
		}
	}
	if (p->tok.kind != CALC_TOK_RPAREN)
		return fail(p, CALC_ERR_SYNTAX, p->tok.pos);
	if (argc != builtins[which].arity)
		return fail(p, CALC_ERR_ARITY, name->pos);
	if ((rc = advance(p)) != CALC_OK)
		return rc;
	return checked(p, call_builtin(which, arg, out), name->pos, out);
}

static int parse_primary(struct parser *p, int64_t *out)
{
	calc_token t = p->tok;
	int rc;

	switch (t.kind) {
	case CALC_TOK_NUM:
		*out = t.value;
		return advance(p);
	case CALC_TOK_IDENT:
		if ((rc = advance(p)) != CALC_OK)
			return rc;
		if (p->tok.kind == CALC_TOK_LPAREN)
			return parse_call(p, &t, out);
		rc = calc_env_get(out, p->env, p->lx.src + t.pos, t.len);
		return rc == CALC_OK ? rc : fail(p, rc, t.pos);
	case CALC_TOK_LPAREN:
		if (++p->depth > CALC_MAX_DEPTH)
			return fail(p, CALC_ERR_TOO_DEEP, t.pos);
		if ((rc = advance(p)) != CALC_OK || (rc = parse_binary(p, 1, out)) != CALC_OK)
			return rc;
		if (p->tok.kind != CALC_TOK_RPAREN)
			return fail(p, CALC_ERR_SYNTAX, p->tok.pos);
		p->depth--;
		return advance(p);
	default:
		return fail(p, CALC_ERR_SYNTAX, t.pos);
	}
}

static int parse_unary(struct parser *p, int64_t *out)
{
	calc_token t = p->tok;
	int64_t v, base;
	int rc;

	if (t.kind == CALC_TOK_OP && (t.op == CALC_OP_SUB || t.op == CALC_OP_ADD
	    || t.op == CALC_OP_LNOT || t.op == CALC_OP_BNOT)) {
		if (++p->depth > CALC_MAX_DEPTH)
			return fail(p, CALC_ERR_TOO_DEEP, t.pos);
		if ((rc = advance(p)) != CALC_OK || (rc = parse_unary(p, &v)) != CALC_OK)
			return rc;
		p->depth--;
		switch (t.op) {
		case CALC_OP_SUB: return checked(p, calc_sub(out, 0, v), t.pos, out);
		case CALC_OP_LNOT: *out = !v; break;
		case CALC_OP_BNOT: *out = ~v; break;
		default: *out = v; break;
		}
		return CALC_OK;
	}
	if ((rc = parse_primary(p, &base)) != CALC_OK)
		return rc;
	if (p->tok.kind == CALC_TOK_OP && p->tok.op == CALC_OP_POW) {
		size_t pos = p->tok.pos;

		if ((rc = advance(p)) != CALC_OK || (rc = parse_unary(p, &v)) != CALC_OK)
			return rc;
		return checked(p, calc_ipow(out, base, v), pos, out);
	}
	*out = base;
	return CALC_OK;
}

static int parse_binary(struct parser *p, int min_prec, int64_t *out)
{
	int64_t lhs, rhs;
	int rc, prec;

	if ((rc = parse_unary(p, &lhs)) != CALC_OK)
		return rc;
	while ((prec = binary_prec(&p->tok)) >= min_prec && prec > 0) {
		calc_token op = p->tok;
		int was_active = p->active;

		if ((rc = advance(p)) != CALC_OK)
			return rc;
		if ((op.op == CALC_OP_LAND && lhs == 0) || (op.op == CALC_OP_LOR && lhs != 0))
			p->active = 0;
		rc = parse_binary(p, prec + 1, &rhs);
		p->active = was_active;
		if (rc != CALC_OK)
			return rc;
		rc = checked(p, apply_binary(op.op, lhs, rhs, &lhs), op.pos, &lhs);
		if (rc != CALC_OK)
			return rc;
	}
	*out = lhs;
	return CALC_OK;
}

int calc_eval(int64_t *out, const char *expr, const calc_env *env, size_t *err_pos)
{
	struct parser p;
	int64_t v;
	int rc;

	memset(&p, 0, sizeof(p));
	calc_lexer_init(&p.lx, expr);
	p.env = env;
	p.active = 1;
	rc = advance(&p);
	if (rc == CALC_OK)
		rc = parse_binary(&p, 1, &v);
	if (rc == CALC_OK && p.tok.kind != CALC_TOK_END)
		rc = fail(&p, CALC_ERR_SYNTAX, p.tok.pos);
	if (rc != CALC_OK) {
		if (err_pos != NULL)
			*err_pos = p.err_pos;
		return rc;
	}
	*out = v;
	return CALC_OK;
}
/* SPDX-License-Identifier: MIT */
