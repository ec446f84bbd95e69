/* SPDX-License-Identifier: MIT */
#include "operators.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

static const struct mut_opinfo ops[MUT_NOPS] = {
	[MUT_OP_ARITH] = { "arith", "ArithmeticOperator", "arithmetic replacement (+ - * / %)" },
	[MUT_OP_REL] = { "rel", "EqualityOperator", "relational replacement, boundary shifts (< <= > >= == !=)" },
	[MUT_OP_LOGIC] = { "logic", "LogicalOperator", "logical connector (&& ||)" },
	[MUT_OP_BIT] = { "bit", "BitwiseOperator", "bitwise (& | ^ << >>)" },
	[MUT_OP_ASSIGN] = { "assign", "AssignmentOperator", "assignment operators (+= -= ...)" },
	[MUT_OP_UNARY] = { "unary", "UnaryOperator", "unary (! and - removed, ++/-- swapped)" },
	[MUT_OP_CONST] = { "const", "ConstantReplacement", "constants (0<->1, c+1, -c)" },
	[MUT_OP_RETURN] = { "return", "ReturnValue", "return values (0, 1, NULL, negated)" },
	[MUT_OP_DELETE] = { "delete", "StatementDeletion", "statement deletion (unused calls, break, continue)" },
	[MUT_OP_COND] = { "cond", "ConditionalExpression", "conditions forced true or false" },
};

const struct mut_opinfo *mut_op_info(enum mut_op op)
{
	return &ops[op];
}

int mut_op_parse(const char *name)
{
	for (int i = 0; i < MUT_NOPS; i++)
		if (!strcmp(ops[i].name, name))
			return i;
	return -1;
}

int mut_op_mask(const char *list, unsigned *mask, assay_err *err)
{
	*mask = (1u << MUT_NOPS) - 1;
	if (!list || !*list || !strcmp(list, "all"))
		return 0;
	*mask = 0;
	char *copy = assay_xstrdup(list), *save = NULL;
	int rc = 0;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int op = mut_op_parse(t);
		if (op < 0) {
			rc = assay_err_set(err, ASSAY_EUSAGE,
					   "--operators: no operator '%s' (arith, rel, logic, bit, assign, unary, const, return, delete, cond)",
					   t);
			break;
		}
		*mask |= 1u << op;
	}
	free(copy);
	if (rc == 0 && !*mask)
		rc = assay_err_set(err, ASSAY_EUSAGE, "--operators: an empty list");
	return rc;
}

struct swap {
	enum mut_op op;
	const char *from;
	const char *to[3];
};

/* One replacement each keeps the count of mutants (and the run time) down; the
 * relational ones get two: the boundary shift and the negation. */
static const struct swap swaps[] = {
	{ MUT_OP_ARITH, "+", { "-" } },
	{ MUT_OP_ARITH, "-", { "+" } },
	{ MUT_OP_ARITH, "*", { "/" } },
	{ MUT_OP_ARITH, "/", { "*" } },
	{ MUT_OP_ARITH, "%", { "*" } },
	{ MUT_OP_REL, "<", { "<=", ">=" } },
	{ MUT_OP_REL, "<=", { "<", ">" } },
	{ MUT_OP_REL, ">", { ">=", "<=" } },
	{ MUT_OP_REL, ">=", { ">", "<" } },
	{ MUT_OP_REL, "==", { "!=" } },
	{ MUT_OP_REL, "!=", { "==" } },
	{ MUT_OP_LOGIC, "&&", { "||" } },
	{ MUT_OP_LOGIC, "||", { "&&" } },
	{ MUT_OP_BIT, "&", { "|" } },
	{ MUT_OP_BIT, "|", { "&" } },
	{ MUT_OP_BIT, "^", { "&" } },
	{ MUT_OP_BIT, "<<", { ">>" } },
	{ MUT_OP_BIT, ">>", { "<<" } },
	{ MUT_OP_ASSIGN, "+=", { "-=" } },
	{ MUT_OP_ASSIGN, "-=", { "+=" } },
	{ MUT_OP_ASSIGN, "*=", { "/=" } },
	{ MUT_OP_ASSIGN, "/=", { "*=" } },
	{ MUT_OP_ASSIGN, "%=", { "*=" } },
	{ MUT_OP_ASSIGN, "&=", { "|=" } },
	{ MUT_OP_ASSIGN, "|=", { "&=" } },
	{ MUT_OP_ASSIGN, "^=", { "|=" } },
	{ MUT_OP_ASSIGN, "<<=", { ">>=" } },
	{ MUT_OP_ASSIGN, ">>=", { "<<=" } },
	{ MUT_OP_UNARY, "++", { "--" } },
	{ MUT_OP_UNARY, "--", { "++" } },
	{ MUT_OP_UNARY, "!", { "" } },
	{ MUT_OP_UNARY, "-", { "" } },
	{ MUT_OP_UNARY, "~", { "" } },
};

const char *const *mut_op_swaps(enum mut_op op, const char *token)
{
	for (size_t i = 0; i < sizeof(swaps) / sizeof(swaps[0]); i++)
		if (swaps[i].op == op && !strcmp(swaps[i].from, token))
			return swaps[i].to;
	return NULL;
}
