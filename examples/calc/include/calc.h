/*
 * calc: a small integer expression calculator.
 *
 * Expressions are over signed 64-bit integers, with C-like operators and
 * precedence (plus `**` for powers), named variables and a few built-in
 * functions.  Every operation is checked: overflow, division by zero and
 * out-of-range shifts are reported as errors, never undefined behaviour.
 *
 * Memory: nothing here allocates.  Callers own every buffer they pass in;
 * a calc_env is a plain value that may live on the stack.
 *
 * Functions return CALC_OK (0) or a negative calc_status; out-parameters
 * come first and are written only on success.
 */
#ifndef CALC_H
#define CALC_H

#include <stddef.h>
#include <stdint.h>

typedef enum calc_status {
	CALC_OK = 0,
	CALC_ERR_SYNTAX = -1,      /* not a valid expression */
	CALC_ERR_DIV_ZERO = -2,    /* division or remainder by zero */
	CALC_ERR_OVERFLOW = -3,    /* result does not fit in int64_t */
	CALC_ERR_UNKNOWN = -4,     /* unknown variable or function */
	CALC_ERR_TOO_DEEP = -5,    /* nesting deeper than CALC_MAX_DEPTH */
	CALC_ERR_RANGE = -6,       /* argument out of range (shift, exponent, base) */
	CALC_ERR_FULL = -7,        /* no room for another variable */
	CALC_ERR_ARITY = -8,       /* wrong number of arguments to a function */
} calc_status;

/* A short English text for a calc_status; never NULL. */
const char *calc_strerror(int status);

/* ---- checked arithmetic (numutil.c) ---- */

/* *out = a OP b, or CALC_ERR_OVERFLOW / CALC_ERR_DIV_ZERO / CALC_ERR_RANGE. */
int calc_add(int64_t *out, int64_t a, int64_t b);
int calc_sub(int64_t *out, int64_t a, int64_t b);
int calc_mul(int64_t *out, int64_t a, int64_t b);
int calc_div(int64_t *out, int64_t a, int64_t b);   /* truncates toward zero, as C */
int calc_mod(int64_t *out, int64_t a, int64_t b);   /* sign of the dividend, as C */
int calc_shl(int64_t *out, int64_t a, int64_t n);   /* n in [0, 63]; bits shifted out are lost */
int calc_shr(int64_t *out, int64_t a, int64_t n);   /* arithmetic shift, n in [0, 63] */
int calc_ipow(int64_t *out, int64_t base, int64_t exp); /* exp >= 0 */
int calc_abs(int64_t *out, int64_t a);

/* Greatest common divisor, always >= 0; gcd(0, 0) is 0.  CALC_ERR_OVERFLOW
 * when the answer is 2^63 (only for INT64_MIN with 0 or itself). */
int calc_gcd(int64_t *out, int64_t a, int64_t b);
/* Least common multiple, >= 0; lcm(x, 0) is 0. */
int calc_lcm(int64_t *out, int64_t a, int64_t b);
/* Floor of the square root. */
uint64_t calc_isqrt(uint64_t n);
/* Number of bits set. */
unsigned calc_popcount(uint64_t x);
/* v limited to [lo, hi]; CALC_ERR_RANGE when lo > hi. */
int calc_clamp(int64_t *out, int64_t v, int64_t lo, int64_t hi);

/*
 * Parse the integer in s[0..len): decimal, or 0x / 0o / 0b prefixed when
 * base is 0; otherwise digits of the given base (2..36).  A '_' may separate
 * digits ("1_000_000").  No sign: the expression grammar handles minus.
 * CALC_ERR_SYNTAX for a bad digit or an empty number, CALC_ERR_OVERFLOW when
 * the value exceeds INT64_MAX, CALC_ERR_RANGE for a bad base.
 */
int calc_parse_int(int64_t *out, const char *s, size_t len, int base);

/*
 * Write v in base 2, 8, 10 or 16 (with a 0b / 0o / 0x prefix for those other
 * than 10, and a leading '-' when negative) into buf, NUL-terminated, as
 * snprintf does: returns the length the full text needs, and writes at most
 * size bytes.  Returns CALC_ERR_RANGE for another base.
 */
int calc_format(char *buf, size_t size, int64_t v, int base);

/* ---- lexer (lexer.c) ---- */

typedef enum calc_tok_kind {
	CALC_TOK_END,
	CALC_TOK_NUM,
	CALC_TOK_IDENT,
	CALC_TOK_OP,
	CALC_TOK_LPAREN,
	CALC_TOK_RPAREN,
	CALC_TOK_COMMA,
} calc_tok_kind;

typedef enum calc_op {
	CALC_OP_NONE,
	CALC_OP_ADD, CALC_OP_SUB, CALC_OP_MUL, CALC_OP_DIV, CALC_OP_MOD, CALC_OP_POW,
	CALC_OP_SHL, CALC_OP_SHR,
	CALC_OP_LT, CALC_OP_LE, CALC_OP_GT, CALC_OP_GE, CALC_OP_EQ, CALC_OP_NE,
	CALC_OP_BAND, CALC_OP_BOR, CALC_OP_BXOR, CALC_OP_BNOT,
	CALC_OP_LAND, CALC_OP_LOR, CALC_OP_LNOT,
} calc_op;

typedef struct calc_token {
	calc_tok_kind kind;
	calc_op op;          /* for CALC_TOK_OP */
	int64_t value;       /* for CALC_TOK_NUM */
	size_t pos;          /* offset of the first character in the source */
	size_t len;          /* length in the source */
} calc_token;

typedef struct calc_lexer {
	const char *src;     /* NUL-terminated, borrowed */
	size_t pos;
} calc_lexer;

void calc_lexer_init(calc_lexer *lx, const char *src);
/* The next token into *out.  On error *err_pos (when not NULL) is the offset
 * of the offending character and the lexer does not advance. */
int calc_lexer_next(calc_lexer *lx, calc_token *out, size_t *err_pos);

/* ---- variables and evaluation (env.c, eval.c) ---- */

#define CALC_MAX_VARS 16
#define CALC_MAX_NAME 31
#define CALC_MAX_DEPTH 64

typedef struct calc_var {
	char name[CALC_MAX_NAME + 1];
	int64_t value;
} calc_var;

typedef struct calc_env {
	calc_var vars[CALC_MAX_VARS];
	size_t count;
} calc_env;

void calc_env_init(calc_env *env);
/* Set (or add) a variable.  CALC_ERR_SYNTAX for a name that is not an
 * identifier or is longer than CALC_MAX_NAME, CALC_ERR_FULL when full. */
int calc_env_set(calc_env *env, const char *name, int64_t value);
/* Look up name[0..len).  CALC_ERR_UNKNOWN when absent. */
int calc_env_get(int64_t *out, const calc_env *env, const char *name, size_t len);

/*
 * Evaluate expr.  env may be NULL (no variables).  On failure, *err_pos
 * (when not NULL) is the offset in expr where the problem was found.
 * `a && b` and `a || b` short-circuit: errors of arithmetic in the part not
 * evaluated are not reported, as in C.
 */
int calc_eval(int64_t *out, const char *expr, const calc_env *env, size_t *err_pos);

#endif
/* SPDX-License-Identifier: MIT */
