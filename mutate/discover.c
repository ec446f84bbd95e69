/* SPDX-License-Identifier: MIT */
#include "discover.h"
#include "buf.h"
#include "digest.h"
#include "mem.h"
#include "operators.h"
#include "path.h"
#include "scratch.h"

#include <clang-c/Index.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mut_discover {
	CXIndex index;
};

mut_discover *mut_discover_new(void)
{
	mut_discover *d = assay_xcalloc(1, sizeof(*d));
	d->index = clang_createIndex(0, 0);
	return d;
}

void mut_discover_free(mut_discover *d)
{
	if (!d)
		return;
	clang_disposeIndex(d->index);
	free(d);
}

/* One mutant before sites are put together: its site range and its edit. */
struct cand {
	unsigned start, end;
	enum mut_site_kind kind;
	enum mut_op op;
	unsigned estart, eend;
	unsigned rs, re; /* the range replaced (see MUT_HOLE_L) */
	char *repl;
	const char *disp; /* what people see as the mutated text; NULL: repl's hole filled */
	int fallback; /* in a constant expression: no runtime switch possible */
	int fn;       /* index into the function table */
};

struct func {
	char *name;
	unsigned start, end;
};

struct state {
	CXFile file;
	const char *text;
	size_t len;
	unsigned opmask;
	struct cand *c;
	size_t nc, alloc_c;
	struct func *fns;
	size_t nfns, alloc_fns;
	int fn; /* current function, -1 outside */
};

/* Children of a cursor, in order. */
struct kids {
	CXCursor *v;
	size_t n, alloc;
};

static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	struct kids *k = d;
	ASSAY_GROW(k->v, k->alloc, k->n + 1);
	k->v[k->n++] = c;
	return CXChildVisit_Continue;
}

static void kids_of(CXCursor c, struct kids *k)
{
	memset(k, 0, sizeof(*k));
	clang_visitChildren(c, collect, k);
}

/* The cursor's range as offsets in the main file; 0 when it is not there. */
static int range_of(struct state *st, CXCursor c, unsigned *s, unsigned *e)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile f1, f2;
	clang_getFileLocation(clang_getRangeStart(r), &f1, NULL, NULL, s);
	clang_getFileLocation(clang_getRangeEnd(r), &f2, NULL, NULL, e);
	if (!f1 || !f2 || !clang_File_isEqual(f1, st->file) || !clang_File_isEqual(f2, st->file))
		return 0;
	return *s < *e && *e <= st->len;
}

/* Skip blanks and comments from i; returns the next offset. */
static unsigned skip_space(const char *t, unsigned i, unsigned end)
{
	while (i < end) {
		if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r' || t[i] == '\\') {
			i++;
		} else if (t[i] == '/' && i + 1 < end && t[i + 1] == '*') {
			const char *c = strstr(t + i + 2, "*/");
			i = c ? (unsigned)(c - t) + 2 : end;
		} else if (t[i] == '/' && i + 1 < end && t[i + 1] == '/') {
			while (i < end && t[i] != '\n')
				i++;
		} else {
			break;
		}
	}
	return i;
}

/* The operator token that fills the gap [s, e) exactly (blanks aside); 0 if none. */
static int gap_token(struct state *st, unsigned s, unsigned e, unsigned *ts, unsigned *te)
{
	if (s > e)
		return 0;
	unsigned i = skip_space(st->text, s, e);
	unsigned j = i;
	while (j < e && strchr("+-*/%<>=!&|^~", st->text[j]))
		j++;
	if (j == i || skip_space(st->text, j, e) != e)
		return 0;
	*ts = i;
	*te = j;
	return 1;
}

/* Brackets balance in [s, e) (strings and comments aside): the range is a whole expression. */
static int balanced(const char *t, unsigned s, unsigned e)
{
	int depth = 0;
	for (unsigned i = s; i < e; i++) {
		char c = t[i];
		if (c == '"' || c == '\'') {
			for (i++; i < e && t[i] != c; i++)
				if (t[i] == '\\')
					i++;
		} else if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if (c == ')' || c == ']' || c == '}') {
			if (--depth < 0)
				return 0;
		} else if (c == ';') {
			return 0;
		}
	}
	return depth == 0;
}

enum tclass { T_OTHER = 0, T_INT, T_SINT, T_FLOAT, T_PTR };

static enum tclass type_class(CXType t)
{
	t = clang_getCanonicalType(t);
	switch (t.kind) {
	case CXType_Char_S: case CXType_SChar: case CXType_WChar: case CXType_Short:
	case CXType_Int: case CXType_Long: case CXType_LongLong: case CXType_Int128:
		return T_SINT;
	case CXType_Bool: case CXType_Char_U: case CXType_UChar: case CXType_Char16:
	case CXType_Char32: case CXType_UShort: case CXType_UInt: case CXType_ULong:
	case CXType_ULongLong: case CXType_UInt128: case CXType_Enum:
		return T_INT;
	case CXType_Float: case CXType_Double: case CXType_LongDouble: case CXType_Float128:
	case CXType_Half: case CXType_Float16:
		return T_FLOAT;
	case CXType_Pointer:
		return T_PTR;
	default:
		return T_OTHER;
	}
}

static int arithmetic(enum tclass c)
{
	return c == T_INT || c == T_SINT || c == T_FLOAT;
}

static void add_in(struct state *st, unsigned s, unsigned e, enum mut_site_kind kind, enum mut_op op,
		   unsigned es, unsigned ee, unsigned rs, unsigned re, const char *repl, const char *disp,
		   int constctx)
{
	if (!(st->opmask & (1u << op)) || st->fn < 0)
		return;
	ASSAY_GROW(st->c, st->alloc_c, st->nc + 1);
	st->c[st->nc++] = (struct cand){ s, e, kind, op, es, ee, rs, re, assay_xstrdup(repl), disp, constctx,
					 st->fn };
}

static void add(struct state *st, unsigned s, unsigned e, enum mut_site_kind kind, enum mut_op op,
		unsigned es, unsigned ee, const char *repl, int constctx)
{
	add_in(st, s, e, kind, op, es, ee, es, ee, repl, NULL, constctx);
}

static void visit(struct state *st, CXCursor c, CXCursor parent, size_t index, int constctx);

static void visit_kids(struct state *st, CXCursor c, int constctx)
{
	struct kids k;
	kids_of(c, &k);
	for (size_t i = 0; i < k.n; i++)
		visit(st, k.v[i], c, i, constctx);
	free(k.v);
}

static void binary(struct state *st, CXCursor c, int constctx, int compound)
{
	struct kids k;
	kids_of(c, &k);
	unsigned s, e, ls, le, rs, re, ts, te;
	if (k.n == 2 && range_of(st, c, &s, &e) && range_of(st, k.v[0], &ls, &le) &&
	    range_of(st, k.v[1], &rs, &re) && ls == s && re == e && gap_token(st, le, rs, &ts, &te) &&
	    balanced(st->text, s, e)) {
		char tok[4] = { 0 };
		if (te - ts < sizeof(tok)) {
			memcpy(tok, st->text + ts, te - ts);
			enum tclass lc = type_class(clang_getCursorType(k.v[0]));
			enum tclass rc = type_class(clang_getCursorType(k.v[1]));
			static const enum mut_op bin_ops[] = { MUT_OP_ARITH, MUT_OP_REL, MUT_OP_LOGIC, MUT_OP_BIT };
			for (size_t o = 0; o < (compound ? 1 : 4); o++) {
				enum mut_op op = compound ? MUT_OP_ASSIGN : bin_ops[o];
				const char *const *to = mut_op_swaps(op, tok);
				for (size_t i = 0; to && to[i]; i++) {
					int ok = 1;
					if (op == MUT_OP_ARITH) {
						if (!strcmp(tok, "+"))
							ok = rc != T_PTR;          /* n + p: no n - p */
						else if (!strcmp(tok, "-"))
							ok = rc != T_PTR;          /* p - q: no p + q */
						else
							ok = arithmetic(lc) && arithmetic(rc);
					}
					if (op == MUT_OP_ASSIGN && (!strcmp(tok, "*=") || !strcmp(tok, "/=")))
						ok = arithmetic(lc);
					if (!ok)
						continue;
					/* (lhs) op (rhs): the operands keep their grouping */
					char *repl = assay_xasprintf("(%c)%s%s%s(%c)", MUT_HOLE_L,
								     st->text[ts - 1] == ' ' ? " " : "", to[i],
								     st->text[te] == ' ' ? " " : "", MUT_HOLE_R);
					add_in(st, s, e, MUT_SITE_EXPR, op, ts, te, s, e, repl, to[i], constctx);
					free(repl);
				}
			}
		}
	}
	for (size_t i = 0; i < k.n; i++)
		visit(st, k.v[i], c, i, constctx);
	free(k.v);
}

static void unary(struct state *st, CXCursor c, int constctx)
{
	struct kids k;
	kids_of(c, &k);
	unsigned s, e, os, oe, ts, te;
	if (k.n == 1 && range_of(st, c, &s, &e) && range_of(st, k.v[0], &os, &oe) &&
	    balanced(st->text, s, e)) {
		int ok = 0;
		if (oe == e)
			ok = gap_token(st, s, os, &ts, &te);  /* prefix */
		else if (os == s)
			ok = gap_token(st, oe, e, &ts, &te);  /* postfix */
		char tok[3] = { 0 };
		if (ok && te - ts < sizeof(tok)) {
			memcpy(tok, st->text + ts, te - ts);
			const char *const *to = mut_op_swaps(MUT_OP_UNARY, tok);
			/* !p made p would be a pointer among the site's ints, which C's ?: refuses
			 * (a pedantic error): the truth value of p, as the if it usually sits in reads it */
			int ptr = !strcmp(tok, "!") && type_class(clang_getCursorType(k.v[0])) == T_PTR;
			for (size_t i = 0; to && to[i]; i++) {
				if (ptr && !*to[i])
					add_in(st, s, e, MUT_SITE_EXPR, MUT_OP_UNARY, ts, te, s, e, "(0 != (\x03))", "",
					       constctx);
				else
					add(st, s, e, MUT_SITE_EXPR, MUT_OP_UNARY, ts, te, to[i], constctx);
			}
		}
	}
	for (size_t i = 0; i < k.n; i++)
		visit(st, k.v[i], c, i, constctx);
	free(k.v);
}

static void literal(struct state *st, CXCursor c, CXCursor parent, int constctx, int is_float)
{
	unsigned s, e;
	if (!range_of(st, c, &s, &e) || !(st->text[s] >= '0' && st->text[s] <= '9'))
		return;
	/* 0 converted to a pointer is NULL: 1 there is no mutant, only a compiler error */
	if (type_class(clang_getCursorType(parent)) == T_PTR)
		return;
	char *text = assay_xstrndup(st->text + s, e - s);
	for (char *p = text; *p; p++)
		if (*p == '\'' || *p == '"' || *p == ' ')
			goto out; /* a digit separator or something stranger: leave it */
	if (is_float) {
		double v = strtod(text, NULL);
		if (v == 0.0) {
			add(st, s, e, MUT_SITE_EXPR, MUT_OP_CONST, s, e, "1.0", constctx);
		} else {
			char *neg = assay_xasprintf("(-%s)", text);
			add(st, s, e, MUT_SITE_EXPR, MUT_OP_CONST, s, e, neg, constctx);
			free(neg);
		}
		goto out;
	}
	char *suffix = NULL;
	errno = 0;
	unsigned long long v = strtoull(text, &suffix, 0);
	if (errno || strspn(suffix, "uUlL") != strlen(suffix))
		goto out;
	char *r1 = NULL, *r2 = NULL;
	if (v == 0)
		r1 = assay_xasprintf("1%s", suffix);
	else if (v == 1)
		r1 = assay_xasprintf("0%s", suffix);
	else {
		if (v < 0x7fffffffffffffffULL)
			r1 = assay_xasprintf("%llu%s", v + 1, suffix);
		r2 = assay_xasprintf("(-%s)", text);
	}
	if (r1)
		add(st, s, e, MUT_SITE_EXPR, MUT_OP_CONST, s, e, r1, constctx);
	if (r2)
		add(st, s, e, MUT_SITE_EXPR, MUT_OP_CONST, s, e, r2, constctx);
	free(r1);
	free(r2);
out:
	free(text);
}

static void ret(struct state *st, CXCursor c, int constctx)
{
	struct kids k;
	kids_of(c, &k);
	unsigned s, e;
	if (k.n == 1 && range_of(st, k.v[0], &s, &e) && balanced(st->text, s, e)) {
		enum tclass tc = type_class(clang_getCursorType(k.v[0]));
		char *text = assay_xstrndup(st->text + s, e - s);
		if (tc == T_PTR) {
			if (strcmp(text, "NULL") && strcmp(text, "0"))
				add(st, s, e, MUT_SITE_EXPR, MUT_OP_RETURN, s, e, "((void *)0)", constctx);
		} else if (tc != T_OTHER) {
			if (strcmp(text, "0"))
				add(st, s, e, MUT_SITE_EXPR, MUT_OP_RETURN, s, e, "0", constctx);
			if (strcmp(text, "1"))
				add(st, s, e, MUT_SITE_EXPR, MUT_OP_RETURN, s, e, "1", constctx);
			if ((tc == T_SINT || tc == T_FLOAT) && strcmp(text, "0") && strcmp(text, "1"))
				add(st, s, e, MUT_SITE_EXPR, MUT_OP_RETURN, s, e, "-(\x01)", constctx);
		}
		free(text);
	}
	for (size_t i = 0; i < k.n; i++)
		visit(st, k.v[i], c, i, constctx);
	free(k.v);
}

/* A condition forced true (when `both`) and false. */
static void condition(struct state *st, CXCursor cond, int both, int constctx)
{
	unsigned s, e;
	enum tclass tc = type_class(clang_getCursorType(cond));
	if (tc == T_PTR || tc == T_OTHER || !range_of(st, cond, &s, &e) || !balanced(st->text, s, e))
		return;
	if (both)
		add(st, s, e, MUT_SITE_EXPR, MUT_OP_COND, s, e, "1", constctx);
	add(st, s, e, MUT_SITE_EXPR, MUT_OP_COND, s, e, "0", constctx);
}

static void statement(struct state *st, CXCursor c, int constctx)
{
	unsigned s, e;
	if (!range_of(st, c, &s, &e) || !balanced(st->text, s, e))
		return;
	add(st, s, e, MUT_SITE_VOIDEXPR, MUT_OP_DELETE, s, e, "0", constctx);
}

static void function(struct state *st, CXCursor c)
{
	unsigned s, e;
	if (!clang_isCursorDefinition(c) || !range_of(st, c, &s, &e))
		return;
	CXString name = clang_getCursorSpelling(c);
	ASSAY_GROW(st->fns, st->alloc_fns, st->nfns + 1);
	st->fns[st->nfns] = (struct func){ assay_xstrdup(clang_getCString(name)), s, e };
	clang_disposeString(name);
	st->fn = (int)st->nfns++;
	visit_kids(st, c, 0);
	st->fn = -1;
}

static void visit(struct state *st, CXCursor c, CXCursor parent, size_t index, int constctx)
{
	enum CXCursorKind kind = clang_getCursorKind(c);
	enum CXCursorKind pkind = clang_getCursorKind(parent);
	switch (kind) {
	case CXCursor_FunctionDecl:
		if (st->fn < 0)
			function(st, c);
		return;
	case CXCursor_UnaryExpr:        /* sizeof, _Alignof: not evaluated */
	case CXCursor_StaticAssert:
	case CXCursor_AsmStmt:
	case CXCursor_TypeRef:
	case CXCursor_ParmDecl:
		return;
	case CXCursor_VarDecl: {
		if (st->fn < 0)
			return; /* file scope: constant initialisers only */
		CXCursor init = clang_Cursor_getVarDeclInitializer(c);
		if (clang_Cursor_isNull(init))
			return;
		int is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
		visit(st, init, c, 0, constctx || is_static);
		return;
	}
	case CXCursor_CaseStmt: {
		struct kids k;
		kids_of(c, &k);
		for (size_t i = 0; i < k.n; i++)
			visit(st, k.v[i], c, i, constctx || i == 0);
		free(k.v);
		return;
	}
	case CXCursor_BinaryOperator:
		binary(st, c, constctx, 0);
		return;
	case CXCursor_CompoundAssignOperator:
		binary(st, c, constctx, 1);
		return;
	case CXCursor_UnaryOperator:
		unary(st, c, constctx);
		return;
	case CXCursor_IntegerLiteral:
		literal(st, c, parent, constctx, 0);
		return;
	case CXCursor_FloatingLiteral:
		literal(st, c, parent, constctx, 1);
		return;
	case CXCursor_ReturnStmt:
		ret(st, c, constctx);
		return;
	case CXCursor_BreakStmt:
	case CXCursor_ContinueStmt: {
		unsigned s, e;
		if (range_of(st, c, &s, &e))
			add(st, s, e, MUT_SITE_JUMP, MUT_OP_DELETE, s, e, "", constctx);
		return;
	}
	case CXCursor_IfStmt:
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt:
	case CXCursor_ConditionalOperator: {
		struct kids k;
		kids_of(c, &k);
		size_t ci = kind == CXCursor_DoStmt ? k.n - 1 : 0;
		if (k.n >= 2)
			condition(st, k.v[ci], kind == CXCursor_IfStmt || kind == CXCursor_ConditionalOperator,
				  constctx);
		for (size_t i = 0; i < k.n; i++)
			visit(st, k.v[i], c, i, constctx);
		free(k.v);
		return;
	}
	case CXCursor_CallExpr:
		/* a call as a statement of its own: its value is unused */
		if (pkind == CXCursor_CompoundStmt || (pkind == CXCursor_IfStmt && index >= 1))
			statement(st, c, constctx);
		break;
	default:
		break;
	}
	visit_kids(st, c, constctx);
}

static enum CXChildVisitResult top(CXCursor c, CXCursor parent, CXClientData d)
{
	struct state *st = d;
	CXFile f = NULL;
	clang_getFileLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
	if (f && clang_File_isEqual(f, st->file))
		visit(st, c, parent, 0, 0);
	return CXChildVisit_Continue;
}

static int parse_error(CXTranslationUnit tu, assay_err *err)
{
	unsigned n = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		int rc = 0;
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			CXFile f;
			unsigned line;
			clang_getFileLocation(clang_getDiagnosticLocation(d), &f, &line, NULL, NULL);
			if (f) {
				CXString msg = clang_getDiagnosticSpelling(d);
				CXString fname = clang_getFileName(f);
				rc = assay_err_at(err, ASSAY_EINPUT, clang_getCString(fname), line,
						  "does not parse: %s", clang_getCString(msg));
				clang_disposeString(msg);
				clang_disposeString(fname);
			}
		}
		clang_disposeDiagnostic(d);
		if (rc)
			return rc;
	}
	return 0;
}

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1; /* outer sites first */
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if (x->estart != y->estart)
		return x->estart < y->estart ? -1 : 1;
	if (x->op != y->op)
		return (int)x->op - (int)y->op;
	return strcmp(x->repl, y->repl);
}

/* Where each line of text starts: (*n) offsets, the first 0. A new array. */
static unsigned *line_starts(const char *text, size_t len, size_t *n)
{
	size_t count = 1;
	for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))); p++)
		count++;
	unsigned *v = assay_xcalloc(count, sizeof(unsigned));
	size_t k = 1;
	for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))); p++)
		v[k++] = (unsigned)(p - text) + 1;
	*n = count;
	return v;
}

/* 1-based line and column of offset off, by the line starts (a binary search). */
static void line_col(const unsigned *starts, size_t n, unsigned off, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi = n; /* the line is the last start <= off: in [lo, hi) */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)lo + 1;
	*col = off - starts[lo] + 1;
}

static void mutant_key(char out[33], const char *rel, const char *text, const struct func *fn,
		       const struct cand *c)
{
	assay_digest *d = assay_digest_new();
	assay_digest_update_str(d, rel);
	assay_digest_update(d, text + fn->start, fn->end - fn->start);
	assay_digest_update_str(d, mut_op_info(c->op)->name);
	unsigned pos[6] = { c->start - fn->start, c->end - fn->start, c->estart - fn->start,
			    c->eend - fn->start, c->rs - fn->start, c->re - fn->start };
	assay_digest_update(d, pos, sizeof(pos));
	assay_digest_update_str(d, c->repl);
	assay_digest_hex(d, out);
	assay_digest_free(d);
}

/* Put the sorted candidates together into sites and mutants of file fi. */
static void assemble(mut_project *p, size_t fi, struct state *st, const char *rel)
{
	mut_file *f = &p->files[fi];
	unsigned nlines;
	unsigned char *skip = mut_nomutate_lines(st->text, st->len, &nlines);
	size_t nstarts;
	unsigned *starts = line_starts(st->text, st->len, &nstarts);
	if (st->nc)
		qsort(st->c, st->nc, sizeof(*st->c), cand_cmp); /* a unity build's own unit may hold none */
	/* sites must nest: a stack of open sites' ends */
	unsigned *stack = assay_xcalloc(st->nc + 1, sizeof(unsigned));
	size_t first_mutant = p->nmutants;
	size_t depth = 0;
	for (size_t i = 0; i < st->nc; i++) {
		struct cand *c = &st->c[i];
		/* the same edit twice (a macro argument used twice, `return 1` as constant and
		 * as return value) is one mutant: the program it makes is the same */
		int twice = 0;
		for (size_t k = p->nmutants; k > first_mutant && !twice; k--) {
			const mut_mutant *o = &p->mutants[k - 1];
			twice = o->rstart == c->rs && o->rend == c->re && !strcmp(o->replacement, c->repl);
		}
		if (twice)
			continue;
		unsigned line, col, eline, ecol;
		line_col(starts, nstarts, c->estart, &line, &col);
		line_col(starts, nstarts, c->eend, &eline, &ecol);
		if (line <= nlines && skip[line])
			continue;
		mut_site *site = f->nsites ? &f->sites[f->nsites - 1] : NULL;
		int same_site = site && site->start == c->start && site->end == c->end;
		if (same_site && site->kind != c->kind)
			continue;
		if (!same_site) {
			while (depth && stack[depth - 1] <= c->start)
				depth--;
			if (depth && c->end > stack[depth - 1])
				continue; /* overlaps without nesting: cannot be written */
			ASSAY_GROW(f->sites, f->alloc_sites, f->nsites + 1);
			site = &f->sites[f->nsites++];
			*site = (mut_site){ c->start, c->end, c->kind, p->nsites++, p->nmutants, 0, 0 };
			stack[depth++] = c->end;
		}
		ASSAY_GROW(p->mutants, p->alloc_mutants, p->nmutants + 1);
		mut_mutant *m = &p->mutants[p->nmutants];
		memset(m, 0, sizeof(*m));
		m->id = (int)++p->nmutants;
		m->file = fi;
		m->site = f->nsites - 1;
		m->op = mut_op_info(c->op)->name;
		m->start = c->estart;
		m->end = c->eend;
		m->rstart = c->rs;
		m->rend = c->re;
		m->replacement = assay_xstrdup(c->repl);
		m->original = assay_xstrndup(st->text + c->estart, c->eend - c->estart);
		/* a deleted call reads as nothing, though "0" stands in for it in the code */
		m->mutated = c->kind == MUT_SITE_VOIDEXPR ? assay_xstrdup("")
			     : c->disp ? assay_xstrdup(c->disp) : mut_mutated_text(m->replacement, m->original);
		m->line = line;
		m->col = col;
		m->end_line = eline;
		m->end_col = ecol;
		m->func = assay_xstrdup(st->fns[c->fn].name);
		m->fallback = c->fallback;
		mutant_key(m->key, rel, st->text, &st->fns[c->fn], c);
		site->n++;
	}
	free(stack);
	free(skip);
	free(starts);
}

int mut_discover_file(mut_discover *d, mut_project *p, const mut_ccentry *entry,
		      const char *rel, unsigned opmask, assay_err *err)
{
	return mut_discover_included(d, p, entry, entry->file, rel, opmask, err);
}

int mut_discover_included(mut_discover *d, mut_project *p, const mut_ccentry *entry, const char *path,
			  const char *rel, unsigned opmask, assay_err *err)
{
	struct state st;
	memset(&st, 0, sizeof(st));
	st.fn = -1;
	st.opmask = opmask;
	assay_buf b = ASSAY_BUF_INIT;
	int rc = mut_read_file(path, &b, err);
	if (rc < 0) {
		assay_buf_release(&b);
		return rc;
	}
	size_t len;
	char *text = assay_buf_detach(&b, &len);
	size_t nargs;
	const char **args = mut_ccdb_parse_args(entry, &nargs);
	CXTranslationUnit tu = NULL;
	enum CXErrorCode ce = clang_parseTranslationUnit2(d->index, entry->file, args, (int)nargs,
							  NULL, 0, CXTranslationUnit_KeepGoing, &tu);
	free(args);
	if (ce != CXError_Success || !tu) {
		free(text);
		return assay_err_at(err, ASSAY_EINPUT, entry->file, 0, "does not parse (libclang error %d)",
				    (int)ce);
	}
	rc = parse_error(tu, err);
	if (rc == 0) {
		st.file = clang_getFile(tu, path);
		if (!st.file)
			rc = assay_err_at(err, ASSAY_EINPUT, entry->file, 0, "does not include %s after all", path);
	}
	if (rc == 0) {
		st.text = text;
		st.len = len;
		clang_visitChildren(clang_getTranslationUnitCursor(tu), top, &st);
		ASSAY_GROW(p->files, p->alloc_files, p->nfiles + 1);
		mut_file *f = &p->files[p->nfiles];
		memset(f, 0, sizeof(*f));
		f->path = assay_xstrdup(path);
		f->rel = assay_xstrdup(rel);
		f->text = text;
		f->len = len;
		text = NULL;
		p->nfiles++;
		assemble(p, p->nfiles - 1, &st, rel);
	}
	for (size_t i = 0; i < st.nc; i++)
		free(st.c[i].repl);
	free(st.c);
	for (size_t i = 0; i < st.nfns; i++)
		free(st.fns[i].name);
	free(st.fns);
	clang_disposeTranslationUnit(tu);
	free(text);
	return rc;
}

char **mut_included_sources(const char *src, size_t *n)
{
	*n = 0;
	assay_buf b = ASSAY_BUF_INIT;
	assay_err ignore = ASSAY_ERR_INIT;
	char **v = NULL;
	size_t alloc = 0;
	if (mut_read_file(src, &b, &ignore) < 0 || !b.len) {
		assay_buf_release(&b);
		return NULL;
	}
	const char *slash = strrchr(src, '/');
	int dirlen = slash ? (int)(slash - src) : 0;
	for (const char *p = b.buf; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		const char *q = p + strspn(p, " \t");
		if (*q != '#')
			continue;
		q += 1 + strspn(q + 1, " \t");
		if (strncmp(q, "include", 7))
			continue;
		q += 7 + strspn(q + 7, " \t");
		if (*q != '"')
			continue;
		size_t len = strcspn(q + 1, "\"\n");
		if (len < 3 || q[1 + len] != '"' || strncmp(q + 1 + len - 2, ".c", 2))
			continue;
		char *path = q[1] == '/' ? assay_xstrndup(q + 1, len)
					 : assay_xasprintf("%.*s/%.*s", dirlen, src, (int)len, q + 1);
		assay_path_clean(path);
		ASSAY_GROW(v, alloc, *n + 1);
		v[(*n)++] = path;
	}
	assay_buf_release(&b);
	return v;
}
