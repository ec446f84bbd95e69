/* SPDX-License-Identifier: MIT */
/*
 * The mutation operators: their short names (flags, store, reports), the
 * names the mutation-testing report schema's viewers show, and the token
 * replacements of the operators that swap one token for another.
 */
#ifndef ASSAY_MUTATE_OPERATORS_H
#define ASSAY_MUTATE_OPERATORS_H

#include "err.h"

enum mut_op {
	MUT_OP_ARITH = 0, /* + - * / % */
	MUT_OP_REL,       /* < <= > >= == != (boundary shift and negation) */
	MUT_OP_LOGIC,     /* && || */
	MUT_OP_BIT,       /* & | ^ << >> */
	MUT_OP_ASSIGN,    /* += -= *= /= %= &= |= ^= <<= >>= */
	MUT_OP_UNARY,     /* ! and - removed, ++/-- swapped */
	MUT_OP_CONST,     /* 0<->1, c -> c+1, c -> -c */
	MUT_OP_RETURN,    /* return 0 / 1 / NULL / negated */
	MUT_OP_DELETE,    /* calls whose value is unused, break, continue */
	MUT_OP_COND,      /* conditions forced true / false */
	MUT_NOPS
};

struct mut_opinfo {
	const char *name;    /* short: "arith" */
	const char *mutator; /* the report schema's mutatorName: "ArithmeticOperator" */
	const char *help;
};

const struct mut_opinfo *mut_op_info(enum mut_op op);
/* The operator of a short name, -1 when none. */
int mut_op_parse(const char *name);

/*
 * Parse "arith,rel,..." into a bit mask (1 << op); NULL or "" or "all":
 * every operator.  An unknown name is -ASSAY_EUSAGE.
 */
int mut_op_mask(const char *list, unsigned *mask, assay_err *err);

/* The tokens a token is replaced by under op (NULL-terminated), or NULL. */
const char *const *mut_op_swaps(enum mut_op op, const char *token);

#endif
