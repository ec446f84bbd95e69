/* SPDX-License-Identifier: MIT */
/*
 * lcov tracefiles (geninfo(1) "TRACEFILE FORMAT"), lcov 1.x and 2.x.
 *
 * Speed matters here: a large project's tracefile has millions of DA
 * lines, so a line is parsed in place in the input's line buffer with
 * strtoull-style scanning and no allocation.  Allocation happens per
 * record (the path) and per function or named branch, never per DA/BRDA.
 *
 * What is kept, and how it maps onto the covset:
 *   DA     line hits; a third field (lcov's checksum) is ignored.
 *   BRDA   (line, block, branch, taken).  An "e" before the block (lcov 2:
 *          an exception branch) sets BLOCK_EXCEPTION, an "f" sets
 *          BLOCK_F_PREFIX, so that these never merge with a plain block of
 *          the same number.  A "U" before the block marks a branch lcov
 *          itself excluded: it is skipped, as lcov leaves it out of BRF.
 *          A branch that is not a number (lcov 2 writes expressions for
 *          some producers) gets the next free index on its (line, block),
 *          per file, so the same name in several records merges.
 *          "-" is "never executed": taken -1.
 *   FN/FNDA, FNL/FNA
 *          functions, by name within a record: FN gives the start (and,
 *          in lcov 2, the end) line, FNDA the count; FNL gives a location
 *          to an index and each FNA alias is counted as a function of its
 *          own at that location (as `lcov --summary` counts aliases).  The
 *          same name twice in one record is one function: its first line
 *          is kept and its counts add up (lcov 1.16 does the same).
 *   LF LH BRF BRH FNF FNH MCF MCH
 *          summaries: recomputed by the covset, never trusted.
 *   TN VER MCDC, blank lines and "#" comments: read and ignored.
 * Several records for one file merge in the covset (hits add up).  A
 * record ends at its end_of_record: one that never does (the file ends,
 * or another SF begins) is an error, never a record cut short.
 */
#include "parsers.h"

#include "buf.h"
#include "hashmap.h"
#include "mem.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_EXCEPTION 0x80000000u
#define BLOCK_F_PREFIX 0x40000000u
#define BLOCK_MAX 0x3fffffffu
/* FNL indices count a file's functions; refuse absurd ones rather than allocate for them. */
#define FNL_INDEX_MAX (1u << 20)

/* A function of the current record. */
struct lcov_fn {
	size_t name_off; /* in fn_text, NUL-terminated */
	uint32_t line, end_line;
	uint64_t count;
	int have_line;
};

struct leader {
	uint32_t line, end_line;
	int set;
};

struct lcov_parser {
	assay_input *in;
	assay_covset *cs;
	const struct assay_cov_opts *o;
	assay_err *err;
	/*
	 * The open record, kept here until its end_of_record: a record cut
	 * short or damaged never reaches the covset, and its file is not
	 * created for it.
	 */
	int in_record;
	long record_line;      /* the line of its SF */
	assay_buf record_name; /* its SF as written, for messages */
	char *record_path;     /* normalised */
	struct assay_linecov *lines;
	size_t nlines, alloc_lines;
	struct assay_branchcov *branches;
	size_t nbranches, alloc_branches;

	/* --ignore-errors format: the open record is damaged, and what was skipped */
	int damaged;
	long records; /* kept */
	long records_skipped, lines_skipped, stray_lines_skipped, warned;

	assay_hashmap fn_names; /* name -> index into fns, this record; keys in fn_text */
	assay_buf fn_text;      /* the record's function names */
	struct lcov_fn *fns;
	size_t nfns, alloc_fns;
	struct leader *leaders; /* FNL index -> location, this record */
	size_t alloc_leaders, used_leaders; /* used: past the highest index set */

	assay_hashmap branch_names; /* (file, line, block, name) -> index, whole parse */
	assay_buf key;              /* scratch for branch-name keys */
	assay_buf shown;            /* scratch for excerpts in messages */
};

/* ---- errors ---- */

/*
 * At most 80 bytes of producer text (a line, a file's name) for a message,
 * enough to recognise it, in p->shown: control bytes as \xNN
 * (assay_buf_add_shown), so a name that spans lines or holds escape
 * sequences cannot rewrite the user's terminal.
 */
static const char *excerpt(struct lcov_parser *p, const char *s, size_t len)
{
	assay_buf_reset(&p->shown);
	assay_buf_add_shown(&p->shown, s, len < 80 ? len : 80);
	if (len > 80)
		assay_buf_adds(&p->shown, "...");
	return p->shown.buf;
}

static int fail(struct lcov_parser *p, const char *what, const char *line)
{
	return assay_err_at(p->err, ASSAY_EINPUT, assay_input_name(p->in), assay_input_lineno(p->in),
			    "%s: %s", what, excerpt(p, line, strnlen(line, 81)));
}

/* ---- numbers, scanned in place ---- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Decimal digits to uint32 at *s, advancing it.  0 when there are none or it overflows. */
static int scan_u32(const char **s, uint32_t *out)
{
	const char *p = *s;
	uint64_t v = 0;
	if (!is_digit(*p))
		return 0;
	while (is_digit(*p)) {
		v = v * 10 + (uint64_t)(*p++ - '0');
		if (v > UINT32_MAX)
			return 0;
	}
	*out = (uint32_t)v;
	*s = p;
	return 1;
}

/*
 * An execution count at *s.  Integers as written; a negative count (a
 * known gcov bug, lcov warns about it) reads as 0; a fractional count
 * (lcov 2 accepts them) is rounded up, so that any hit stays a hit; a
 * count too large for 64 bits saturates.
 */
static int scan_count(const char **s, uint64_t *out)
{
	const char *p = *s;
	int neg = 0;
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	if (!is_digit(*p))
		return 0;
	uint64_t v = 0;
	int overflow = 0;
	const char *digits = p;
	while (is_digit(*p)) {
		unsigned d = (unsigned)(*p++ - '0');
		if (v > (UINT64_MAX - d) / 10)
			overflow = 1;
		else
			v = v * 10 + d;
	}
	if (*p == '.' || *p == 'e' || *p == 'E') {
		char *end;
		double d = strtod(digits, &end);
		if (end == p)
			return 0;
		p = end;
		v = assay_count_from_real(d);
		overflow = 0;
	}
	*out = neg ? 0 : overflow ? UINT64_MAX : v;
	*s = p;
	return 1;
}

/* At the end of the field: only trailing blanks remain. */
static int at_end(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

/* ---- records ---- */

/* Hand the open record's functions to f (NULL: drop them) and forget them. */
static void flush_functions(struct lcov_parser *p, assay_filecov *f)
{
	for (size_t i = 0; f && i < p->nfns; i++) {
		const struct lcov_fn *fn = &p->fns[i];
		assay_filecov_function(f, p->fn_text.buf + fn->name_off, fn->line,
				       fn->end_line, fn->count);
	}
	p->nfns = 0;
	assay_hashmap_clear(&p->fn_names);
	assay_buf_reset(&p->fn_text);
	if (p->used_leaders)
		memset(p->leaders, 0, p->used_leaders * sizeof(*p->leaders));
	p->used_leaders = 0;
}

/* Close the open record: into the covset when keep, else dropped. */
static void end_record(struct lcov_parser *p, int keep)
{
	if (!keep && p->damaged)
		p->lines_skipped += assay_input_lineno(p->in) - p->record_line + 1;
	assay_filecov *f = keep ? assay_covset_file(p->cs, p->record_path) : NULL;
	for (size_t i = 0; f && i < p->nlines; i++)
		assay_filecov_line(f, p->lines[i].line, p->lines[i].count);
	for (size_t i = 0; f && i < p->nbranches; i++) {
		const struct assay_branchcov *b = &p->branches[i];
		assay_filecov_branch(f, b->line, b->block, b->branch, b->taken);
	}
	flush_functions(p, f);
	p->nlines = p->nbranches = 0;
	free(p->record_path);
	p->record_path = NULL;
	p->in_record = p->damaged = 0;
}

static void warn(struct lcov_parser *p, const char *msg)
{
	if (p->o && p->o->warn)
		p->o->warn(p->o->warn_ud, msg);
}

/* Warnings of each kind per input, at most: the summary counts the rest. */
#define WARNINGS_MAX 10

/*
 * --ignore-errors format: p->err holds what is wrong with the current
 * line.  A damaged record is dropped whole (its data may belong to no real
 * file, as after an SF whose name spans lines); a damaged line outside
 * records is skipped.  Each is said once, up to WARNINGS_MAX.
 */
static void skip_damage(struct lcov_parser *p)
{
	if (p->in_record) {
		p->damaged = 1;
		p->records_skipped++;
	} else {
		p->stray_lines_skipped++;
	}
	if (p->warned++ < WARNINGS_MAX) {
		if (p->in_record) {
			char msg[sizeof(p->err->msg) + 400];
			snprintf(msg, sizeof(msg), "%s (skipping the record for %s)", p->err->msg,
				 excerpt(p, p->record_name.buf, p->record_name.len));
			warn(p, msg);
		} else {
			warn(p, p->err->msg);
		}
	}
	*p->err = (assay_err)ASSAY_ERR_INIT;
}

/*
 * The open record never ended.  lcov stores a record only at its
 * end_of_record, so it drops such a record without a word (and says "no
 * valid records found" when none is left): a tracefile cut short, by a
 * full disk or a killed job, would pass for smaller coverage.
 */
static int unterminated(struct lcov_parser *p, const char *how)
{
	return assay_err_at(p->err, ASSAY_EINPUT, assay_input_name(p->in), p->record_line,
			    "record for %s has no end_of_record (%s line %ld)",
			    excerpt(p, p->record_name.buf, p->record_name.len), how,
			    assay_input_lineno(p->in));
}

static int record_sf(struct lcov_parser *p, const char *path, const char *line)
{
	while (*path == ' ' || *path == '\t')
		path++;
	if (!*path)
		return fail(p, "SF names no file", line);
	if (p->in_record && !p->damaged) {
		int rc = unterminated(p, "another SF at");
		if (!p->o || !(p->o->ignore & ASSAY_IGNORE_FORMAT))
			return rc;
		skip_damage(p);
	}
	if (p->in_record) {
		p->lines_skipped--; /* this SF is not part of it */
		end_record(p, 0); /* damaged: said when it was found */
	}
	p->in_record = 1;
	p->record_path = assay_path_normalize(path, NULL, p->o ? &p->o->paths : NULL);
	p->record_line = assay_input_lineno(p->in);
	assay_buf_reset(&p->record_name);
	assay_buf_add(&p->record_name, path, strlen(path));
	return 0;
}

/* Is fns[val]'s name the len bytes at key (which hold no NUL)? */
static int same_fn(const void *ud, uint32_t val, const void *key, size_t len)
{
	const struct lcov_parser *p = ud;
	const char *name = p->fn_text.buf + p->fns[val].name_off;
	return !strncmp(name, key, len) && name[len] == '\0';
}

static struct lcov_fn *function(struct lcov_parser *p, const char *name)
{
	size_t len = strlen(name);
	uint64_t h = assay_hashmap_hash(name, len);
	struct assay_hashentry *e = assay_hashmap_probe(&p->fn_names, h, name, len);
	if (e->hash)
		return &p->fns[e->val];
	assay_hashmap_claim(&p->fn_names, e, h, (uint32_t)p->nfns);
	ASSAY_GROW(p->fns, p->alloc_fns, p->nfns + 1);
	struct lcov_fn *fn = &p->fns[p->nfns++];
	memset(fn, 0, sizeof(*fn));
	fn->name_off = p->fn_text.len;
	assay_buf_add(&p->fn_text, name, len + 1);
	return fn;
}

static void function_at(struct lcov_fn *fn, uint32_t line, uint32_t end_line)
{
	if (fn->have_line)
		return; /* the first location of a name wins, as in lcov */
	fn->have_line = 1;
	fn->line = line;
	fn->end_line = end_line;
}

static void add_count(uint64_t *to, uint64_t c)
{
	*to = *to > UINT64_MAX - c ? UINT64_MAX : *to + c;
}

/* DA:<line>,<count>[,<checksum>] */
static int record_da(struct lcov_parser *p, const char *s, const char *line)
{
	uint32_t ln;
	uint64_t count;
	if (!scan_u32(&s, &ln) || *s++ != ',' || !scan_count(&s, &count))
		return fail(p, "malformed DA line", line);
	if (*s != ',' && !at_end(s))
		return fail(p, "malformed DA line", line);
	ASSAY_GROW(p->lines, p->alloc_lines, p->nlines + 1);
	p->lines[p->nlines++] = (struct assay_linecov){ ln, count };
	return 0;
}

/* The index of a branch named by text on (file, line, block): the next free one if new. */
static uint32_t branch_index(struct lcov_parser *p, uint32_t ln, uint32_t block, const char *name,
			     size_t len)
{
	/* keys: the group (file, line, block) for its counter; group + name for the name */
	assay_buf_reset(&p->key);
	assay_buf_add(&p->key, p->record_path, strlen(p->record_path) + 1);
	assay_buf_add(&p->key, &ln, sizeof(ln));
	assay_buf_add(&p->key, &block, sizeof(block));
	size_t group_len = p->key.len;
	assay_buf_add(&p->key, name, len);
	int created;
	assay_hashmap *m = &p->branch_names;
	uint64_t *v = assay_hashmap_upsert(m, p->key.buf, p->key.len, &created);
	if (!created)
		return (uint32_t)*v;
	/* a new name: take the group's next index (values may move, so look up again after);
	 * a new group's counter starts at 0 */
	uint32_t idx = (uint32_t)(*assay_hashmap_upsert(m, p->key.buf, group_len, &created))++;
	*assay_hashmap_upsert(m, p->key.buf, p->key.len, &created) = idx;
	return idx;
}

/* BRDA:<line>,[e|f][U]<block>,<branch>,<taken> — the branch may hold commas */
static int record_brda(struct lcov_parser *p, const char *s, const char *line)
{
	uint32_t ln, block;
	int excluded = 0;
	uint32_t kind = 0;
	if (!scan_u32(&s, &ln) || *s++ != ',')
		return fail(p, "malformed BRDA line", line);
	if (*s == 'e' || *s == 'f')
		kind = *s++ == 'e' ? BLOCK_EXCEPTION : BLOCK_F_PREFIX;
	if (*s == 'U') {
		excluded = 1;
		s++;
	}
	if (!scan_u32(&s, &block) || block > BLOCK_MAX || *s++ != ',')
		return fail(p, "malformed BRDA line", line);
	const char *taken_s = strrchr(s, ',');
	if (!taken_s || taken_s == s)
		return fail(p, "malformed BRDA line", line);
	int64_t taken;
	const char *t = taken_s + 1;
	while (*t == ' ')
		t++;
	if (*t == '-' && at_end(t + 1)) {
		taken = -1;
	} else {
		uint64_t c;
		if (!scan_count(&t, &c) || !at_end(t))
			return fail(p, "malformed BRDA line", line);
		taken = c > INT64_MAX ? INT64_MAX : (int64_t)c;
	}
	if (excluded)
		return 0;
	uint32_t branch;
	const char *b = s;
	if (!scan_u32(&b, &branch) || b != taken_s)
		branch = branch_index(p, ln, block | kind, s, (size_t)(taken_s - s));
	ASSAY_GROW(p->branches, p->alloc_branches, p->nbranches + 1);
	p->branches[p->nbranches++] = (struct assay_branchcov){ ln, block | kind, branch, taken };
	return 0;
}

/* FN:<line>,[<end line>,]<name> */
static int record_fn(struct lcov_parser *p, const char *s, const char *line)
{
	uint32_t ln, end = 0;
	if (!scan_u32(&s, &ln) || *s++ != ',')
		return fail(p, "malformed FN line", line);
	const char *after = s;
	uint32_t maybe_end;
	if (scan_u32(&after, &maybe_end) && *after == ',') {
		end = maybe_end;
		s = after + 1;
	}
	if (!*s)
		return fail(p, "malformed FN line (no function name)", line);
	function_at(function(p, s), ln, end);
	return 0;
}

/* FNDA:<count>,<name> */
static int record_fnda(struct lcov_parser *p, const char *s, const char *line)
{
	uint64_t count;
	if (!scan_count(&s, &count) || *s++ != ',' || !*s)
		return fail(p, "malformed FNDA line", line);
	add_count(&function(p, s)->count, count);
	return 0;
}

/* FNL:<index>,<line>[,<end line>] */
static int record_fnl(struct lcov_parser *p, const char *s, const char *line)
{
	uint32_t idx, ln, end = 0;
	if (!scan_u32(&s, &idx) || idx >= FNL_INDEX_MAX || *s++ != ',' || !scan_u32(&s, &ln))
		return fail(p, "malformed FNL line", line);
	if (*s == ',') {
		s++;
		if (!scan_u32(&s, &end))
			return fail(p, "malformed FNL line", line);
	}
	if (!at_end(s))
		return fail(p, "malformed FNL line", line);
	if (idx >= p->alloc_leaders) {
		size_t old = p->alloc_leaders;
		ASSAY_GROW(p->leaders, p->alloc_leaders, (size_t)idx + 1);
		memset(p->leaders + old, 0, (p->alloc_leaders - old) * sizeof(*p->leaders));
	}
	p->leaders[idx] = (struct leader){ ln, end, 1 };
	if (idx >= p->used_leaders)
		p->used_leaders = (size_t)idx + 1;
	return 0;
}

/* FNA:<index>,<count>,<name> */
static int record_fna(struct lcov_parser *p, const char *s, const char *line)
{
	uint32_t idx;
	uint64_t count;
	if (!scan_u32(&s, &idx) || *s++ != ',' || !scan_count(&s, &count) || *s++ != ',' || !*s)
		return fail(p, "malformed FNA line", line);
	if (idx >= p->alloc_leaders || !p->leaders[idx].set)
		return fail(p, "FNA names a function index with no FNL before it", line);
	struct lcov_fn *fn = function(p, s);
	function_at(fn, p->leaders[idx].line, p->leaders[idx].end_line);
	add_count(&fn->count, count);
	return 0;
}

static int starts(const char *s, const char *prefix, size_t n)
{
	return !strncmp(s, prefix, n);
}

/* A record kind that needs an open SF record. */
static int need_record(struct lcov_parser *p, const char *line)
{
	if (p->in_record)
		return 0;
	int n = (int)strcspn(line, ":");
	char what[64];
	snprintf(what, sizeof(what), "%.*s outside a record (no SF before it)", n > 16 ? 16 : n,
		 line);
	return fail(p, what, line);
}

/* Summaries and records that are read but carry nothing Assay keeps. */
static int is_ignored(const char *l)
{
	static const char *const ignored[] = { "LF:", "LH:", "BRF:", "BRH:", "FNF:", "FNH:",
					       "MCF:", "MCH:", "MCDC:", "VER:", "TN:" };
	for (size_t i = 0; i < sizeof(ignored) / sizeof(*ignored); i++)
		if (starts(l, ignored[i], strlen(ignored[i])))
			return 1;
	return 0;
}

static int parse_line(struct lcov_parser *p, const char *l)
{
	/* the common records first, tested by their first bytes */
	if (l[0] == 'D' && l[1] == 'A' && l[2] == ':')
		return need_record(p, l) ? -ASSAY_EINPUT : record_da(p, l + 3, l);
	if (starts(l, "BRDA:", 5))
		return need_record(p, l) ? -ASSAY_EINPUT : record_brda(p, l + 5, l);
	if (starts(l, "FNDA:", 5))
		return need_record(p, l) ? -ASSAY_EINPUT : record_fnda(p, l + 5, l);
	if (starts(l, "FN:", 3))
		return need_record(p, l) ? -ASSAY_EINPUT : record_fn(p, l + 3, l);
	if (starts(l, "FNL:", 4))
		return need_record(p, l) ? -ASSAY_EINPUT : record_fnl(p, l + 4, l);
	if (starts(l, "FNA:", 4))
		return need_record(p, l) ? -ASSAY_EINPUT : record_fna(p, l + 4, l);
	if (starts(l, "SF:", 3) || starts(l, "KF:", 3)) /* lcov 2 reads KF as SF */
		return record_sf(p, l + 3, l);
	if (starts(l, "end_of_record", 13) && at_end(l + 13)) {
		if (need_record(p, l)) /* none open (a second end_of_record): nothing to end */
			return -ASSAY_EINPUT;
		if (!p->damaged)
			p->records++;
		end_record(p, !p->damaged);
		return 0;
	}
	if (is_ignored(l))
		return 0;
	const char *b = l;
	while (isspace((unsigned char)*b))
		b++;
	if (!*b || *b == '#')
		return 0; /* blank lines and comments, which lcov 2 accepts */
	return fail(p, "not an lcov line", l);
}

static void parser_release(struct lcov_parser *p)
{
	assay_hashmap_free(&p->fn_names);
	assay_buf_release(&p->fn_text);
	assay_hashmap_free(&p->branch_names);
	assay_buf_release(&p->key);
	assay_buf_release(&p->record_name);
	assay_buf_release(&p->shown);
	free(p->record_path);
	free(p->lines);
	free(p->branches);
	free(p->fns);
	free(p->leaders);
}

/* What --ignore-errors format skipped in this input, in one warning. */
static void warn_skipped(struct lcov_parser *p)
{
	if (!p->records_skipped && !p->stray_lines_skipped)
		return;
	char msg[sizeof(p->err->msg) + 160];
	snprintf(msg, sizeof(msg),
		 "%s: skipped %ld damaged record%s (%ld line%s) and %ld damaged line%s outside "
		 "records (--ignore-errors format)",
		 assay_input_name(p->in), p->records_skipped, p->records_skipped == 1 ? "" : "s",
		 p->lines_skipped, p->lines_skipped == 1 ? "" : "s", p->stray_lines_skipped,
		 p->stray_lines_skipped == 1 ? "" : "s");
	warn(p, msg);
}

/* A record kind that can begin or end a record, read even inside a damaged one. */
static int is_boundary(const char *l)
{
	return starts(l, "SF:", 3) || starts(l, "KF:", 3) ||
	       (starts(l, "end_of_record", 13) && at_end(l + 13));
}

/*
 * Read an lcov tracefile into cs.  Reads in to its end (the digest covers
 * it all) unless a line is not lcov, a record has no end_of_record or
 * there is no record at all: then -ASSAY_EINPUT and err says
 * "FILE:LINE: ...".  With ASSAY_IGNORE_FORMAT in o->ignore, damaged
 * records and lines are skipped with warnings instead; with
 * ASSAY_IGNORE_EMPTY, no record is a warning.  What was added to cs before
 * an error stays there: the caller discards cs on error.
 */
int assay_lcov_parse(assay_input *in, assay_covset *cs, const struct assay_cov_opts *o,
		     assay_err *err)
{
	struct lcov_parser p;
	memset(&p, 0, sizeof(p));
	p.in = in;
	p.cs = cs;
	p.o = o;
	p.err = err;
	assay_covset_set_format(cs, ASSAY_COVFMT_LCOV);
	assay_hashmap_init_by(&p.fn_names, same_fn, &p);
	assay_buf_init(&p.fn_text);
	assay_hashmap_init(&p.branch_names);
	assay_buf_init(&p.key);
	assay_buf_init(&p.record_name);
	assay_buf_init(&p.shown);

	char *line;
	size_t len;
	int rc = assay_input_getline(in, &line, &len, err);
	/*
	 * A byte order mark, as some Windows tools write one, is not part of
	 * line 1.  (A line with a NUL byte is refused whole, below.)
	 */
	if (rc > 0 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3) && !memchr(line, '\0', len)) {
		line += 3;
		len -= 3;
	}
	int lenient = o && (o->ignore & ASSAY_IGNORE_FORMAT);
	for (; rc > 0; rc = assay_input_getline(in, &line, &len, err)) {
		if (p.damaged && !is_boundary(line))
			continue; /* the rest of a damaged record */
		if (memchr(line, '\0', len))
			rc = fail(&p, "not an lcov line (NUL byte)", line);
		else
			rc = parse_line(&p, line);
		if (rc < 0 && lenient && err->code == ASSAY_EINPUT) {
			skip_damage(&p);
			rc = 1;
		}
		if (rc < 0)
			break;
	}
	if (rc == 0 && p.in_record && !p.damaged) {
		rc = unterminated(&p, "the file ends at");
		if (lenient) {
			skip_damage(&p);
			rc = 0;
		}
	}
	if (p.in_record)
		end_record(&p, 0);
	if (rc == 0) {
		warn_skipped(&p);
		if (!p.records) {
			rc = assay_err_at(err, ASSAY_EINPUT, assay_input_name(in), 0,
					  "no valid records found (lcov's \"empty\"; --ignore-errors empty "
					  "to go on without them)");
			if (o && (o->ignore & ASSAY_IGNORE_EMPTY)) {
				warn(&p, err->msg);
				*err = (assay_err)ASSAY_ERR_INIT;
				rc = 0;
			}
		}
	}
	parser_release(&p);
	return rc < 0 ? rc : 0;
}
