/* SPDX-License-Identifier: MIT */
#include "schemata.h"
#include "buf.h"
#include "mem.h"

#include <string.h>

struct render {
	const mut_project *p;
	const mut_file *f;
	const unsigned char *in;
	assay_buf *out;
	int tag; /* the names' suffix: the file's first site gid */
};

/* The first site after site i's subtree (sites are in preorder). */
static size_t after(const mut_file *f, size_t i)
{
	size_t j = i + 1;
	while (j < f->nsites && f->sites[j].start < f->sites[i].end)
		j++;
	return j;
}

static void render_site(struct render *r, size_t i);

/* Text [s, e) with the sites from index i on that lie inside it rendered. */
static void render_range(struct render *r, unsigned s, unsigned e, size_t i)
{
	const mut_file *f = r->f;
	while (i < f->nsites && f->sites[i].start < s)
		i = after(f, i);
	unsigned pos = s;
	while (i < f->nsites && f->sites[i].start < e) {
		if (f->sites[i].end > e)
			break;
		assay_buf_add(r->out, f->text + pos, f->sites[i].start - pos);
		render_site(r, i);
		pos = f->sites[i].end;
		i = after(f, i);
	}
	assay_buf_add(r->out, f->text + pos, e - pos);
}

/* The site's text with mutant m's edit applied (its children rendered). */
static void render_variant(struct render *r, size_t i, const mut_mutant *m)
{
	const mut_site *site = &r->f->sites[i];
	render_range(r, site->start, m->rstart, i + 1);
	for (const char *c = m->replacement; *c; c++) {
		if (*c == MUT_HOLE)
			render_range(r, m->start, m->end, i + 1);
		else if (*c == MUT_HOLE_L)
			render_range(r, m->rstart, m->start, i + 1);
		else if (*c == MUT_HOLE_R)
			render_range(r, m->end, m->rend, i + 1);
		else
			assay_buf_addc(r->out, *c);
	}
	render_range(r, m->rend, site->end, i + 1);
}

static void render_site(struct render *r, size_t i)
{
	const mut_site *site = &r->f->sites[i];
	const mut_mutant *ms = &r->p->mutants[site->first];
	size_t active = 0;
	for (size_t k = 0; k < site->n; k++)
		active += r->in[ms[k].id - 1] != 0;
	if (!active) {
		render_range(r, site->start, site->end, i + 1);
		return;
	}
	assay_buf *o = r->out;
	size_t local = i;
	if (site->kind == MUT_SITE_JUMP) {
		assay_buf_addf(o, "if ((__assay_h%d[%zu] = 1, 1)", r->tag, local);
		for (size_t k = 0; k < site->n; k++)
			if (r->in[ms[k].id - 1])
				assay_buf_addf(o, " && __assay_m%d != %d", r->tag, ms[k].id);
		assay_buf_adds(o, ") ");
		render_range(r, site->start, site->end, i + 1);
		assay_buf_adds(o, "; else ((void)0)");
		return;
	}
	const char *cast = site->kind == MUT_SITE_VOIDEXPR ? "(void)" : "";
	assay_buf_addf(o, "(__assay_h%d[%zu] = 1, ", r->tag, local);
	for (size_t k = 0; k < site->n; k++) {
		if (!r->in[ms[k].id - 1])
			continue;
		assay_buf_addf(o, "__assay_m%d == %d ? %s(", r->tag, ms[k].id, cast);
		render_variant(r, i, &ms[k]);
		assay_buf_adds(o, ") : ");
	}
	assay_buf_addf(o, "%s(", cast);
	render_range(r, site->start, site->end, i + 1);
	assay_buf_adds(o, "))");
}

/*
 * The rewritten code (and many a mutant) draws warnings the original did not:
 * a literal become a ternary compared with a size_t, an if around a break.
 * A project built with -Werror would refuse it, and the copy's -Wno-error does
 * not survive CMake configuring the copy again: so the source says it itself.
 */
static const char quiet[] =
	"#ifdef __clang__\n"
	"#pragma clang diagnostic ignored \"-Wunknown-warning-option\"\n"
	"#pragma clang diagnostic ignored \"-Wall\"\n"
	"#pragma clang diagnostic ignored \"-Wextra\"\n"
	"#else\n"
	"#pragma GCC diagnostic ignored \"-Wpragmas\"\n"
	"#endif\n"
	"#pragma GCC diagnostic ignored \"-Wsign-compare\"\n"
	"#pragma GCC diagnostic ignored \"-Wsign-conversion\"\n"
	"#pragma GCC diagnostic ignored \"-Wconversion\"\n"
	"#pragma GCC diagnostic ignored \"-Wdangling-else\"\n"
	"#pragma GCC diagnostic ignored \"-Wparentheses\"\n"
	"#pragma GCC diagnostic ignored \"-Wtype-limits\"\n"
	"#pragma GCC diagnostic ignored \"-Wunused-value\"\n"
	"#pragma GCC diagnostic ignored \"-Wunused-variable\"\n"
	"#pragma GCC diagnostic ignored \"-Wunused-but-set-variable\"\n"
	"#pragma GCC diagnostic ignored \"-Wunused-parameter\"\n"
	"#pragma GCC diagnostic ignored \"-Wunused-function\"\n"
	"#pragma GCC diagnostic ignored \"-Wint-in-bool-context\"\n"
	"#pragma GCC diagnostic ignored \"-Wbool-compare\"\n"
	"#pragma GCC diagnostic ignored \"-Wbool-operation\"\n"
	"#pragma GCC diagnostic ignored \"-Wtautological-compare\"\n"
	"#pragma GCC diagnostic ignored \"-Wlogical-op\"\n"
	"#pragma GCC diagnostic ignored \"-Wlogical-not-parentheses\"\n"
	"#pragma GCC diagnostic ignored \"-Wduplicated-branches\"\n"
	"#pragma GCC diagnostic ignored \"-Wduplicated-cond\"\n"
	"#pragma GCC diagnostic ignored \"-Wempty-body\"\n"
	"#pragma GCC diagnostic ignored \"-Wimplicit-fallthrough\"\n"
	"#pragma GCC diagnostic ignored \"-Wmaybe-uninitialized\"\n"
	"#pragma GCC diagnostic ignored \"-Wuninitialized\"\n"
	"#pragma GCC diagnostic ignored \"-Wdiv-by-zero\"\n"
	"#pragma GCC diagnostic ignored \"-Woverflow\"\n"
	"#pragma GCC diagnostic ignored \"-Wshift-count-overflow\"\n"
	"#pragma GCC diagnostic ignored \"-Wshift-count-negative\"\n"
	"#pragma GCC diagnostic ignored \"-Wshift-negative-value\"\n"
	"#pragma GCC diagnostic ignored \"-Wshift-overflow\"\n"
	"#pragma GCC diagnostic ignored \"-Warray-bounds\"\n"
	"#pragma GCC diagnostic ignored \"-Wstringop-overflow\"\n"
	"#pragma GCC diagnostic ignored \"-Wstringop-overread\"\n"
	"#pragma GCC diagnostic ignored \"-Wstringop-truncation\"\n"
	"#pragma GCC diagnostic ignored \"-Wformat-overflow\"\n"
	"#pragma GCC diagnostic ignored \"-Wformat-truncation\"\n"
	"#pragma GCC diagnostic ignored \"-Wnonnull\"\n"
	"#pragma GCC diagnostic ignored \"-Wpointer-arith\"\n"
	"#pragma GCC diagnostic ignored \"-Wreturn-type\"\n"
	"#pragma GCC diagnostic ignored \"-Wunreachable-code\"\n"
	"#pragma GCC diagnostic ignored \"-Wfloat-equal\"\n"
	"#pragma GCC diagnostic ignored \"-Wfree-nonheap-object\"\n"
	"#pragma GCC diagnostic ignored \"-Wuse-after-free\"\n"
	"#pragma GCC diagnostic ignored \"-Wanalyzer-null-dereference\"\n"
	"#pragma GCC diagnostic ignored \"-Wpedantic\"\n";

/*
 * What the rewriting adds, in the oldest C a project may be built as: C89
 * (declarations first in a block, no // comments), no macro (-Wunused-macros),
 * locals named so that they shadow no global of the file (-Wshadow).  Every
 * '@' becomes the file's tag: a unity build or a test that includes the file
 * holds several schemata in one translation unit, each with its own names.
 */
static const char prologue[] =
	"static int __assay_m@; static unsigned char __assay_h@[";

static const char epilogue[] =
	"\n/* assay mutate: the switch and the coverage trace */\n"
	"extern char *__assay_getenv@(const char *) __asm__(\"getenv\");\n"
	"extern int __assay_open@(const char *, int, ...) __asm__(\"open\");\n"
	"extern long __assay_write@(int, const void *, unsigned long) __asm__(\"write\");\n"
	"extern int __assay_close@(int) __asm__(\"close\");\n"
	"__attribute__((constructor)) static void __assay_init@(void)\n"
	"{\n"
	"\tconst char *__assay_e = __assay_getenv@(\"ASSAY_MUTANT\");\n"
	"\tint __assay_v = 0, __assay_neg = 0;\n"
	"\tif (__assay_e && *__assay_e == '-') { __assay_neg = 1; __assay_e++; }\n"
	"\twhile (__assay_e && *__assay_e >= '0' && *__assay_e <= '9')\n"
	"\t\t__assay_v = __assay_v * 10 + (*__assay_e++ - '0');\n"
	"\t__assay_m@ = __assay_neg ? -__assay_v : __assay_v;\n"
	"\tif (__assay_m@ == -1) __builtin_trap();\n"
	"}\n"
	"__attribute__((destructor)) static void __assay_fini@(void)\n"
	"{\n"
	"\tconst char *__assay_path = __assay_getenv@(\"ASSAY_TRACE\");\n"
	"\tchar __assay_buf[4096], __assay_num[24];\n"
	"\tunsigned long __assay_n = 0, __assay_i, __assay_v;\n"
	"\tint __assay_fd, __assay_k;\n"
	"\tif (!__assay_path || (__assay_fd = __assay_open@(__assay_path, 02101, 0644)) < 0) return;\n"
	"\tfor (__assay_i = 0; __assay_i < sizeof(__assay_h@); __assay_i++) {\n"
	"\t\tif (!__assay_h@[__assay_i]) continue;\n"
	"\t\t__assay_k = 0;\n"
	"\t\t__assay_v = @UL + __assay_i;\n"
	"\t\tdo { __assay_num[__assay_k++] = (char)('0' + __assay_v % 10); __assay_v /= 10; } while (__assay_v);\n"
	"\t\tif (__assay_n + (unsigned long)__assay_k + 1 > sizeof(__assay_buf)) {\n"
	"\t\t\t(void)__assay_write@(__assay_fd, __assay_buf, __assay_n);\n"
	"\t\t\t__assay_n = 0;\n"
	"\t\t}\n"
	"\t\twhile (__assay_k) __assay_buf[__assay_n++] = __assay_num[--__assay_k];\n"
	"\t\t__assay_buf[__assay_n++] = '\\n';\n"
	"\t}\n"
	"\tif (__assay_n) (void)__assay_write@(__assay_fd, __assay_buf, __assay_n);\n"
	"\t(void)__assay_close@(__assay_fd);\n"
	"}\n";

/* Template t with every '@' replaced by tag. */
static void add_tagged(assay_buf *out, const char *t, int tag)
{
	for (const char *at; (at = strchr(t, '@')); t = at + 1) {
		assay_buf_add(out, t, (size_t)(at - t));
		assay_buf_addf(out, "%d", tag);
	}
	assay_buf_adds(out, t);
}

char *mut_schemata_render(const mut_project *p, size_t fi, const unsigned char *in, size_t *len)
{
	const mut_file *f = &p->files[fi];
	size_t active = 0;
	for (size_t i = 0; i < f->nsites; i++)
		for (size_t k = 0; k < f->sites[i].n; k++)
			active += in[p->mutants[f->sites[i].first + k].id - 1] != 0;
	if (!active)
		return NULL;
	assay_buf out = ASSAY_BUF_INIT;
	assay_buf_adds(&out, quiet);
	int tag = f->sites[0].gid;
	add_tagged(&out, prologue, tag);
	assay_buf_addf(&out, "%zu];\n#line 1\n", f->nsites);
	struct render r = { p, f, in, &out, tag };
	/* top-level sites one by one, so that a #line can follow a site that spans lines */
	unsigned pos = 0;
	unsigned line = 1, counted = 0; /* the line at offset `counted`: carried forward, sites are in order */
	size_t i = 0;
	while (i < f->nsites) {
		const mut_site *s = &f->sites[i];
		assay_buf_add(&out, f->text + pos, s->start - pos);
		render_site(&r, i);
		pos = s->end;
		if (memchr(f->text + s->start, '\n', s->end - s->start)) {
			for (; counted < s->end; counted++)
				line += f->text[counted] == '\n';
			assay_buf_addf(&out, "\n#line %u\n", line);
		}
		i = after(f, i);
	}
	assay_buf_add(&out, f->text + pos, f->len - pos);
	add_tagged(&out, epilogue, tag);
	return assay_buf_detach(&out, len);
}

char *mut_render_single(const mut_project *p, const mut_mutant *m, size_t *len)
{
	const mut_file *f = &p->files[m->file];
	assay_buf out = ASSAY_BUF_INIT;
	assay_buf_adds(&out, quiet);
	assay_buf_adds(&out, "#line 1\n");
	assay_buf_add(&out, f->text, m->rstart);
	for (const char *c = m->replacement; *c; c++) {
		if (*c == MUT_HOLE)
			assay_buf_add(&out, f->text + m->start, m->end - m->start);
		else if (*c == MUT_HOLE_L)
			assay_buf_add(&out, f->text + m->rstart, m->start - m->rstart);
		else if (*c == MUT_HOLE_R)
			assay_buf_add(&out, f->text + m->end, m->rend - m->end);
		else
			assay_buf_addc(&out, *c);
	}
	assay_buf_add(&out, f->text + m->rend, f->len - m->rend);
	return assay_buf_detach(&out, len);
}
