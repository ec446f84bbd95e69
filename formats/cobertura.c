/* SPDX-License-Identifier: MIT */
/*
 * Cobertura XML, as gcovr, coverage.py, ReportGenerator, JaCoCo converters
 * and others write it:
 *
 *   <coverage><sources><source>DIR</source>...</sources>
 *     <packages><package><classes><class filename="F">
 *       <methods><method name signature><lines><line number hits/>...
 *       <lines><line number hits branch="true" condition-coverage="50% (1/2)"/>
 *
 * Streamed with lib/xml's push parser (no entities, no network, bounded
 * memory): each element is handled as it starts and ends, and only the
 * open class's line numbers are kept until its end.
 * The root's totals (lines-valid, line-rate...) are the producer's and
 * sometimes disagree with its own lines: Assay counts the lines.
 *
 *   - Line coverage comes from a class's own <lines>; the <lines> of its
 *     <method>s repeat them and are not counted again.  A method's line
 *     whose number the class does not list counts once (slather's older
 *     output has no class <lines> at all; ReportGenerator counts them too).
 *   - A <line branch="true" condition-coverage="P% (C/T)"> has T branches
 *     on block 0, the first C taken once and the rest not taken (Cobertura
 *     keeps no per-branch counts); on a line never executed they are "-".
 *     Booleans are read without regard to case: .NET's producers (coverlet,
 *     dotnet-coverage) write branch="True".  A branch line without
 *     condition-coverage has a branch per <condition> child, taken when its
 *     coverage is above 0 (grcov writes coverage="1" or "0" and no
 *     condition-coverage).
 *   - A <method> is a function named name+signature ("foo" "(int)" gives
 *     "foo(int)", the name gcovr's lcov output uses), starting at its
 *     lowest line, with that line's hits as its count (as gcovr reads
 *     methods), ending at its highest.  A method with no lines has no place
 *     in the file and is left out.
 *   - A class's filename is relative to one of the <source>s, tried in
 *     order against the files at hand (under the root, or the working
 *     directory): the first source under which the file exists, with
 *     --strip applied to source/filename (one that leads up and back in,
 *     as gcovr -r ../proj writes, stored by the path it names under the
 *     root); else the first source one of
 *     whose tails does (a source from another machine, /ci/proj/lib, found
 *     as lib/ under the root); else, if the filename exists by itself, to
 *     nothing.  With nothing at hand: the first source that leads into the
 *     project (relative once stripped), else the first that does not lead
 *     out of it (a source relative to the producer's unknown working
 *     directory, as gcovr run in a build tree writes), else the filename
 *     stands as written.  An entry that is no directory is ignored: one
 *     starting with '-' (an option written as a value: <source>--source)
 *     or a URL.  Several classes of one file add up.
 */
#include "parsers.h"

#include "buf.h"
#include "mem.h"
#include "xml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>
#include <sys/stat.h>

/* More branches than this on one line is a broken file, not a program. */
#define MAX_LINE_BRANCHES 65536u

/* One <line>: its number and hits, and its branches (total 0: none). */
struct cob_line {
	uint32_t number;
	uint64_t hits;
	uint32_t covered, total;
};

struct cob {
	assay_xml *x;
	assay_input *in;
	assay_covset *cs;
	const struct assay_cov_opts *o;
	assay_err *err;
	int seen_root;
	assay_buf value; /* an attribute's value, NUL-terminated */

	char **sources;
	size_t nsources, alloc_sources;
	int source_depth; /* of the open <source> + 1, 0: none open */
	assay_buf source; /* its text so far */

	assay_filecov *f; /* the open <class>'s file */
	int in_method;
	assay_buf method_name;      /* the open <method>'s name+signature */
	uint32_t m_first, m_last;   /* its lowest and highest line, m_first 0: none yet */
	uint64_t m_hits;            /* the hits of its lowest line */

	/* the open class's own line numbers, and its methods' lines, until </class> */
	uint32_t *class_lines;
	size_t nclass_lines, alloc_class_lines;
	struct cob_line *method_lines;
	size_t nmethod_lines, alloc_method_lines;

	/* a branch line whose <condition>s give its branches, until </line> */
	struct cob_line line;
	int line_open;
};

static int bad(struct cob *c, const char *what)
{
	return assay_err_at(c->err, ASSAY_EINPUT, assay_input_name(c->in), assay_xml_line(c->x),
			    "Cobertura: %s", what);
}

/* The value of the attribute name among a[0..n), NUL-terminated in c->value; NULL: none. */
static const char *attr(struct cob *c, const assay_xml_attribute *a, size_t n, const char *name)
{
	const assay_xml_attribute *at = assay_xml_attr(a, n, name);
	if (!at)
		return NULL;
	assay_buf_reset(&c->value);
	assay_buf_add(&c->value, at->value, at->len);
	return c->value.buf;
}

/* ---- numbers ---- */

static int parse_u32(const char *s, uint32_t *out)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return -1;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* hits: an integer, or a real (some producers write "1.0"), negative as 0, rounded up. */
static int parse_hits(const char *s, uint64_t *out)
{
	char *end;
	/* digits, sign, point and exponent only: strtod alone would take "inf" and hex */
	if (!s || !*s || s[strspn(s, "0123456789+-.eE")])
		return -1;
	double d = strtod(s, &end);
	if (*end || d != d)
		return -1;
	if (d > 0 && d < 9007199254740992.0 && !strpbrk(s, ".eE"))
		*out = strtoull(s, NULL, 10); /* exact beyond a double's 53 bits */
	else
		*out = assay_count_from_real(d);
	return 0;
}

/* "50% (1/2)" -> 1, 2.  The part in parentheses is what counts. */
static int parse_condition_coverage(const char *s, uint32_t *covered, uint32_t *total)
{
	const char *open = s ? strchr(s, '(') : NULL;
	if (!open)
		return -1;
	char *end;
	unsigned long c = strtoul(open + 1, &end, 10);
	if (end == open + 1 || *end != '/')
		return -1;
	const char *t = end + 1;
	unsigned long n = strtoul(t, &end, 10);
	if (end == t || *end != ')' || c > n || n > MAX_LINE_BRANCHES)
		return -1;
	*covered = (uint32_t)c;
	*total = (uint32_t)n;
	return 0;
}

/* ---- paths ---- */

static int is_absolute(const char *p)
{
	return p[0] == '/' || p[0] == '\\' ||
	       (((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z') && p[1] == ':');
}

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Is p (as the store has it: relative to the root, or absolute) a file at hand? */
static int at_hand(const char *p, const char *root)
{
	if (file_exists(p))
		return 1;
	if (is_absolute(p) || !root || !*root)
		return 0;
	char *under_root = assay_xasprintf("%s/%s", root, p);
	int found = file_exists(under_root);
	free(under_root);
	return found;
}

static int escapes(const char *p)
{
	return !strcmp(p, "..") || !strncmp(p, "../", 3);
}

/* source/filename as the store has it: stripped, relative to the root when under it. */
static char *under_source(const char *source, const char *filename, const struct assay_pathopts *po)
{
	char *joined = assay_xasprintf("%s/%s", source, filename);
	char *p = assay_path_normalize(joined, NULL, po);
	free(joined);
	return p;
}

/*
 * A relative path at hand that leads up and out ("../proj/src/a.c", from
 * gcovr -r ../proj) may come back into the root: anchored at the directory
 * where at_hand() found it (the working directory first, then the root),
 * it is stored as the root-relative path it names.
 */
static char *anchored(const char *p, const char *root, const struct assay_pathopts *po)
{
	if (is_absolute(p) || !escapes(p) || !root || !*root)
		return assay_xstrdup(p);
	char *cwd = NULL;
	if (file_exists(p))
		cwd = getcwd(NULL, 0);
	char *q = assay_path_normalize(p, cwd ? cwd : root, po);
	free(cwd);
	return q;
}

/*
 * p leads outside the root (absolute, or up out of it): the longest tail
 * of p that is at hand and longer than the filename, or NULL.
 */
static char *tail_at_hand(const char *p, size_t filename_len, const char *root)
{
	if (!is_absolute(p) && !escapes(p))
		return NULL;
	/* longest first: drop one leading part at a time */
	for (const char *t = strchr(p, '/'); t && strlen(t + 1) > filename_len; t = strchr(t + 1, '/'))
		if (strcmp(t + 1, "..") && strncmp(t + 1, "../", 3) && at_hand(t + 1, root))
			return assay_xstrdup(t + 1);
	return NULL;
}

/* The stored path of a class's filename (see the top of this file). */
static char *class_path(struct cob *c, const char *filename, const struct assay_pathopts *po)
{
	const char *root = po ? po->root : NULL;
	if (is_absolute(filename) || !c->nsources)
		return assay_path_normalize(filename, NULL, po);
	char **cand = assay_xcalloc(c->nsources, sizeof(*cand));
	char *found = NULL;
	for (size_t i = 0; i < c->nsources; i++) {
		cand[i] = under_source(c->sources[i], filename, po);
		if (!found && at_hand(cand[i], root))
			found = anchored(cand[i], root, po);
	}
	char *alone = assay_path_normalize(filename, NULL, po);
	for (size_t i = 0; i < c->nsources && !found; i++)
		found = tail_at_hand(cand[i], strlen(alone), root);
	if (!found && at_hand(alone, root))
		found = assay_xstrdup(alone);
	for (size_t i = 0; i < c->nsources && !found; i++)
		if (!is_absolute(cand[i]) && !escapes(cand[i]))
			found = assay_xstrdup(cand[i]);
	for (size_t i = 0; i < c->nsources && !found; i++)
		if (!escapes(cand[i]))
			found = assay_xstrdup(cand[i]);
	for (size_t i = 0; i < c->nsources; i++)
		free(cand[i]);
	free(cand);
	if (!found)
		return alone;
	free(alone);
	return found;
}

/* ---- elements ---- */

/* a <source>'s text beyond this is no path */
#define SOURCE_CAP 4096

static void source_end(struct cob *c)
{
	/* trim: gcovr indents nothing, others wrap the path in whitespace */
	char *s = c->source.buf, *e = s + c->source.len;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	*e = '\0';
	/* not a directory: an option written as a value ("--source"), or a URL */
	if (*s && *s != '-' && !strstr(s, "://")) {
		ASSAY_GROW(c->sources, c->alloc_sources, c->nsources + 1);
		c->sources[c->nsources++] = assay_xstrdup(s);
	}
	c->source_depth = 0;
}

static int on_class(struct cob *c, const assay_xml_attribute *a, size_t na)
{
	const char *filename = attr(c, a, na, "filename");
	if (!filename || !*filename)
		return bad(c, "<class> without a filename");
	const struct assay_pathopts *po = c->o ? &c->o->paths : NULL;
	char *path = class_path(c, filename, po);
	c->f = assay_covset_file(c->cs, path);
	free(path);
	c->nclass_lines = c->nmethod_lines = 0;
	return 0;
}

static void method_begin(struct cob *c, const assay_xml_attribute *a, size_t na)
{
	const assay_xml_attribute *name = assay_xml_attr(a, na, "name");
	const assay_xml_attribute *sig = assay_xml_attr(a, na, "signature");
	assay_buf_reset(&c->method_name);
	if (name)
		assay_buf_add(&c->method_name, name->value, name->len);
	if (sig)
		assay_buf_add(&c->method_name, sig->value, sig->len);
	c->in_method = 1;
	c->m_first = c->m_last = 0;
	c->m_hits = 0;
}

static void method_end(struct cob *c)
{
	if (c->f && c->m_first && c->method_name.len)
		assay_filecov_function(c->f, c->method_name.buf, c->m_first, c->m_last, c->m_hits);
	c->in_method = 0;
}

/* xs:boolean, and .NET's "True"/"False" */
static int is_true(const char *s)
{
	return s && (!strcasecmp(s, "true") || !strcmp(s, "1"));
}

/* *by_conditions: a branch line that leaves its branches to its <condition>s. */
static int read_line(struct cob *c, const assay_xml_attribute *a, size_t na, struct cob_line *l,
		     int *by_conditions)
{
	int ok_number = parse_u32(attr(c, a, na, "number"), &l->number) == 0 && l->number > 0;
	int ok_hits = parse_hits(attr(c, a, na, "hits"), &l->hits) == 0;
	if (!ok_number)
		return bad(c, "<line> without a valid number");
	if (!ok_hits)
		return bad(c, "<line> without a valid hits count");
	l->covered = l->total = 0;
	*by_conditions = 0;
	if (!is_true(attr(c, a, na, "branch")))
		return 0;
	const char *cc = attr(c, a, na, "condition-coverage");
	int rc = cc ? parse_condition_coverage(cc, &l->covered, &l->total) : 0;
	*by_conditions = !cc;
	if (rc < 0)
		return bad(c, "<line> with a malformed condition-coverage (expected \"P% (C/T)\")");
	return 0;
}

static void add_line(assay_filecov *f, const struct cob_line *l)
{
	assay_filecov_line(f, l->number, l->hits);
	for (uint32_t i = 0; i < l->total; i++)
		assay_filecov_branch(f, l->number, 0, i, l->hits == 0 ? -1 : i < l->covered ? 1 : 0);
}

/* A whole <line>: into the open method's lines, or the class's. */
static void line_done(struct cob *c, const struct cob_line *l)
{
	if (c->in_method) {
		if (!c->m_first || l->number < c->m_first) {
			c->m_first = l->number;
			c->m_hits = l->hits;
		}
		if (l->number > c->m_last)
			c->m_last = l->number;
		ASSAY_GROW(c->method_lines, c->alloc_method_lines, c->nmethod_lines + 1);
		c->method_lines[c->nmethod_lines++] = *l;
		return;
	}
	add_line(c->f, l);
	ASSAY_GROW(c->class_lines, c->alloc_class_lines, c->nclass_lines + 1);
	c->class_lines[c->nclass_lines++] = l->number;
}

static int on_line(struct cob *c, const assay_xml_attribute *a, size_t na)
{
	struct cob_line l;
	int by_conditions;
	int rc = read_line(c, a, na, &l, &by_conditions);
	if (rc < 0)
		return rc;
	if (by_conditions) { /* done at </line> */
		c->line = l;
		c->line_open = 1;
		return 0;
	}
	line_done(c, &l);
	return 0;
}

/* <condition coverage="1"> (grcov), "50%": one branch of the open line, taken when above 0. */
static int on_condition(struct cob *c, const assay_xml_attribute *a, size_t na)
{
	const char *cov = attr(c, a, na, "coverage");
	char *end = NULL;
	double v = cov && *cov >= '0' && *cov <= '9' ? strtod(cov, &end) : -1;
	int ok = end && (!*end || !strcmp(end, "%"));
	if (!ok)
		return bad(c, "<condition> without a valid coverage");
	if (c->line.total == MAX_LINE_BRANCHES)
		return bad(c, "<line> with too many <condition>s");
	c->line.total++;
	c->line.covered += v > 0;
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static int cmp_cob_line(const void *a, const void *b)
{
	return cmp_u32(&((const struct cob_line *)a)->number, &((const struct cob_line *)b)->number);
}

/* </class>: its methods' lines that the class does not list count, each number once. */
static void class_end(struct cob *c)
{
	if (c->f && c->nmethod_lines) {
		if (c->nclass_lines > 1)
			qsort(c->class_lines, c->nclass_lines, sizeof(*c->class_lines), cmp_u32);
		qsort(c->method_lines, c->nmethod_lines, sizeof(*c->method_lines), cmp_cob_line);
		size_t k = 0;
		for (size_t i = 0; i < c->nmethod_lines; i++) {
			const struct cob_line *l = &c->method_lines[i];
			if (i && l->number == l[-1].number)
				continue;
			while (k < c->nclass_lines && c->class_lines[k] < l->number)
				k++;
			if (k == c->nclass_lines || c->class_lines[k] != l->number)
				add_line(c->f, l);
		}
	}
	c->nclass_lines = c->nmethod_lines = 0;
	c->f = NULL;
}

/* ---- the parser's events ---- */

static int on_start(void *ud, const char *name, int depth, const assay_xml_attribute *a, size_t na)
{
	struct cob *c = ud;
	if (!c->seen_root) {
		c->seen_root = 1;
		if (strcmp(name, "coverage"))
			return bad(c, "the root element is not <coverage>: not Cobertura XML");
		return 0;
	}
	if (!strcmp(name, "source")) {
		if (!c->source_depth) {
			c->source_depth = depth + 1;
			assay_buf_reset(&c->source);
		}
		return 0;
	}
	if (!strcmp(name, "class"))
		return on_class(c, a, na);
	if (!c->f)
		return 0; /* <line>s outside a class are not Cobertura's */
	if (!strcmp(name, "method")) {
		method_begin(c, a, na);
		return 0;
	}
	if (!strcmp(name, "line"))
		return on_line(c, a, na);
	if (!strcmp(name, "condition") && c->line_open)
		return on_condition(c, a, na);
	return 0;
}

static int on_end(void *ud, const char *name, int depth)
{
	struct cob *c = ud;
	if (!strcmp(name, "line") && c->line_open) {
		c->line_open = 0;
		line_done(c, &c->line);
	} else if (!strcmp(name, "method") && c->in_method) {
		method_end(c);
	} else if (!strcmp(name, "class")) {
		class_end(c);
	} else if (c->source_depth == depth + 1) {
		source_end(c);
	}
	return 0;
}

/* The text of a <source>, elements inside it included; the rest is not looked at. */
static int on_text(void *ud, const char *s, size_t n)
{
	struct cob *c = ud;
	if (c->source_depth && c->source.len < SOURCE_CAP)
		assay_buf_add(&c->source, s, n < SOURCE_CAP - c->source.len ? n : SOURCE_CAP - c->source.len);
	return 0;
}

/*
 * Read a Cobertura XML document into cs, to its end.  Malformed or
 * truncated XML, entity declarations or references, a root that is not
 * <coverage>, or a <line> without a number or hits: -ASSAY_EINPUT with
 * "FILE:LINE: ..." in err.  What was added to cs before an error stays:
 * the caller discards cs on error.
 */
int assay_cobertura_parse(assay_input *in, assay_covset *cs, const struct assay_cov_opts *o,
			  assay_err *err)
{
	static const struct assay_xml_handler handler = { on_start, on_end, on_text };
	struct cob c = { .in = in, .cs = cs, .o = o, .err = err };
	assay_buf_init(&c.value);
	assay_buf_init(&c.source);
	assay_buf_init(&c.method_name);
	assay_covset_set_format(cs, ASSAY_COVFMT_COBERTURA);
	int rc = assay_xml_open(&c.x, in, 0, err);
	if (rc == 0)
		rc = assay_xml_push(c.x, &handler, &c, err);
	assay_xml_free(c.x);
	for (size_t i = 0; i < c.nsources; i++)
		free(c.sources[i]);
	free(c.sources);
	assay_buf_release(&c.value);
	assay_buf_release(&c.source);
	assay_buf_release(&c.method_name);
	free(c.class_lines);
	free(c.method_lines);
	return rc < 0 ? rc : 0;
}
