/* SPDX-License-Identifier: MIT */
#include "covset.h"
#include "hashmap.h"
#include "mem.h"
#include "path.h"

#include <stdlib.h>
#include <string.h>

/*
 * Files are kept in a hash map by path and format, so that a
 * tracefile with thousands of files and one record each costs no lookups
 * beyond a hash; finalize sorts them by path once.
 */
struct assay_covset {
	assay_filecov **files; /* insertion order, then path order after finalize */
	size_t n, alloc;
	assay_hashmap index;   /* (path, format) -> index into files */
	assay_buf key;         /* the key being looked up: path, NUL, format */
	enum assay_covformat format; /* of the input being added */
	struct assay_covdrop *drops;
	size_t ndrops, alloc_drops;
};

const char *assay_covformat_name(enum assay_covformat f)
{
	switch (f) {
	case ASSAY_COVFMT_GCOV_JSON:
		return "gcov JSON";
	case ASSAY_COVFMT_LCOV:
		return "lcov";
	case ASSAY_COVFMT_COBERTURA:
		return "Cobertura";
	case ASSAY_COVFMT_NONE:
		break;
	}
	return "unknown";
}

/* Finalize's preference among formats: lower first, NONE last. */
static unsigned format_rank(enum assay_covformat f)
{
	return f == ASSAY_COVFMT_NONE ? ASSAY_COVFMT_COUNT : (unsigned)f;
}

/* Is the key of files[val] the (path, NUL, format) at key? */
static int same_file(const void *ud, uint32_t val, const void *key, size_t len)
{
	const assay_filecov *f = ((const assay_covset *)ud)->files[val];
	const char *k = key;
	return k[len - 1] == (char)f->format && !strcmp(f->path, k);
}

/*
 * The entry for (path, f) in the index: the file's, or the free one where
 * it belongs (hash 0), to be claimed with the file's index at once.  The
 * keys are the files' own paths, compared by same_file, so the index is 8
 * bytes a slot and copies nothing.  Measured (perf/ingest-lcov.sh, 5000
 * files x 400 lines, peak RSS): 79.9-80.3 MiB this way, as with covset's own
 * 8-byte table before lib/hashmap (80.0-80.3); 80.4-80.8 MiB when the map
 * kept a copy of each path behind 32-byte entries.
 */
static struct assay_hashentry *index_entry(assay_covset *cs, const char *path,
					   enum assay_covformat f, uint64_t *h)
{
	assay_buf_reset(&cs->key);
	assay_buf_adds(&cs->key, path);
	assay_buf_addc(&cs->key, '\0');
	assay_buf_addc(&cs->key, (char)f);
	*h = assay_hashmap_hash(cs->key.buf, cs->key.len);
	return assay_hashmap_probe(&cs->index, *h, cs->key.buf, cs->key.len);
}

assay_covset *assay_covset_new(void)
{
	assay_covset *cs = assay_xcalloc(1, sizeof(*cs));
	assay_hashmap_init_by(&cs->index, same_file, cs);
	assay_buf_init(&cs->key);
	return cs;
}

static void filecov_free(assay_filecov *f)
{
	for (size_t i = 0; i < f->nfuncs; i++)
		free(f->funcs[i].name);
	free(f->funcs);
	free(f->lines);
	free(f->branches);
	free(f->path);
	free(f);
}

void assay_covset_free(assay_covset *cs)
{
	if (!cs)
		return;
	for (size_t i = 0; i < cs->n; i++)
		filecov_free(cs->files[i]);
	for (size_t i = 0; i < cs->ndrops; i++)
		free(cs->drops[i].path);
	free(cs->drops);
	free(cs->files);
	assay_hashmap_free(&cs->index);
	assay_buf_release(&cs->key);
	free(cs);
}

/* Rebuild the index over files[]: after files were dropped or sorted. */
static void reindex(assay_covset *cs)
{
	assay_hashmap_clear(&cs->index);
	for (size_t i = 0; i < cs->n; i++) {
		uint64_t h;
		struct assay_hashentry *e = index_entry(cs, cs->files[i]->path, cs->files[i]->format, &h);
		assay_hashmap_claim(&cs->index, e, h, (uint32_t)i);
	}
}

void assay_covset_set_format(assay_covset *cs, enum assay_covformat f)
{
	cs->format = f;
}

assay_filecov *assay_covset_file(assay_covset *cs, const char *path)
{
	uint64_t h;
	struct assay_hashentry *e = index_entry(cs, path, cs->format, &h);
	if (e->hash)
		return cs->files[e->val];
	assay_hashmap_claim(&cs->index, e, h, (uint32_t)cs->n);
	assay_filecov *f = assay_xcalloc(1, sizeof(*f));
	f->path = assay_xstrdup(path);
	f->format = cs->format;
	ASSAY_GROW(cs->files, cs->alloc, cs->n + 1);
	cs->files[cs->n++] = f;
	return f;
}

assay_filecov *assay_covset_file_norm(assay_covset *cs, const char *path, const char *base,
				      const struct assay_pathopts *po)
{
	char *norm = assay_path_normalize(path, base, po);
	assay_filecov *f = assay_covset_file(cs, norm);
	free(norm);
	return f;
}

void assay_covset_retain(assay_covset *cs, int (*keep)(void *ud, const assay_filecov *f),
			 void *ud)
{
	size_t k = 0;
	for (size_t i = 0; i < cs->n; i++) {
		if (keep(ud, cs->files[i]))
			cs->files[k++] = cs->files[i];
		else
			filecov_free(cs->files[i]);
	}
	if (k == cs->n)
		return;
	cs->n = k;
	reindex(cs);
}

void assay_filecov_line(assay_filecov *f, uint32_t line, uint64_t count)
{
	/* Producers write lines in order: merge with the last entry cheaply. */
	if (f->nlines && f->lines[f->nlines - 1].line == line) {
		f->lines[f->nlines - 1].count += count;
		return;
	}
	ASSAY_GROW(f->lines, f->alloc_lines, f->nlines + 1);
	f->lines[f->nlines++] = (struct assay_linecov){ line, count };
	f->sorted = 0;
}

void assay_filecov_branch(assay_filecov *f, uint32_t line, uint32_t block, uint32_t branch,
			  int64_t taken)
{
	ASSAY_GROW(f->branches, f->alloc_branches, f->nbranches + 1);
	f->branches[f->nbranches++] = (struct assay_branchcov){ line, block, branch, taken };
	f->sorted = 0;
}

void assay_filecov_function(assay_filecov *f, const char *name, uint32_t line,
			    uint32_t end_line, uint64_t count)
{
	ASSAY_GROW(f->funcs, f->alloc_funcs, f->nfuncs + 1);
	f->funcs[f->nfuncs++] = (struct assay_funccov){ assay_xstrdup(name), line, end_line, count };
	f->sorted = 0;
}

/* Is line excluded by map[1..n] for any of bits? */
static int excluded(const unsigned char *map, size_t n, uint32_t line, unsigned bits)
{
	return line && line <= n && (map[line] & bits);
}

void assay_filecov_exclude(assay_filecov *f, const unsigned char *map, size_t n)
{
	size_t k = 0, dropped = 0;
	for (size_t i = 0; i < f->nlines; i++)
		if (!excluded(map, n, f->lines[i].line, ASSAY_EXCL_LINE))
			f->lines[k++] = f->lines[i];
	dropped += f->nlines - k;
	f->nlines = k;
	k = 0;
	for (size_t i = 0; i < f->nbranches; i++)
		if (!excluded(map, n, f->branches[i].line, ASSAY_EXCL_LINE | ASSAY_EXCL_BRANCH))
			f->branches[k++] = f->branches[i];
	dropped += f->nbranches - k;
	f->nbranches = k;
	k = 0;
	for (size_t i = 0; i < f->nfuncs; i++) {
		if (excluded(map, n, f->funcs[i].line, ASSAY_EXCL_LINE))
			free(f->funcs[i].name);
		else
			f->funcs[k++] = f->funcs[i];
	}
	dropped += f->nfuncs - k;
	f->nfuncs = k;
	if (dropped)
		f->sorted = 0;
}

uint64_t assay_count_from_real(double d)
{
	if (!(d > 0))
		return 0;
	if (d >= 18446744073709551615.0)
		return UINT64_MAX;
	uint64_t v = (uint64_t)d; /* rounded up below, without libm's ceil */
	return (double)v < d ? v + 1 : v;
}

static int cmp_line(const void *a, const void *b)
{
	const struct assay_linecov *x = a, *y = b;
	return (x->line > y->line) - (x->line < y->line);
}

static int cmp_branch(const void *a, const void *b)
{
	const struct assay_branchcov *x = a, *y = b;
	if (x->line != y->line)
		return (x->line > y->line) - (x->line < y->line);
	if (x->block != y->block)
		return (x->block > y->block) - (x->block < y->block);
	return (x->branch > y->branch) - (x->branch < y->branch);
}

static int cmp_func_name(const void *a, const void *b)
{
	const struct assay_funccov *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static int cmp_func_line(const void *a, const void *b)
{
	const struct assay_funccov *x = a, *y = b;
	if (x->line != y->line)
		return (x->line > y->line) - (x->line < y->line);
	return strcmp(x->name, y->name);
}

static int is_sorted_lines(const assay_filecov *f)
{
	for (size_t i = 1; i < f->nlines; i++)
		if (f->lines[i - 1].line >= f->lines[i].line)
			return 0;
	return 1;
}

void assay_filecov_finalize(assay_filecov *f)
{
	if (f->sorted)
		return;
	if (!is_sorted_lines(f)) {
		if (f->nlines > 1)
			qsort(f->lines, f->nlines, sizeof(*f->lines), cmp_line);
		size_t k = 0;
		for (size_t i = 0; i < f->nlines; i++) {
			if (k && f->lines[k - 1].line == f->lines[i].line)
				f->lines[k - 1].count += f->lines[i].count;
			else
				f->lines[k++] = f->lines[i];
		}
		f->nlines = k;
	}
	if (f->nbranches > 1)
		qsort(f->branches, f->nbranches, sizeof(*f->branches), cmp_branch);
	size_t k = 0;
	for (size_t i = 0; i < f->nbranches; i++) {
		struct assay_branchcov *b = &f->branches[i];
		if (k && !cmp_branch(&f->branches[k - 1], b)) {
			struct assay_branchcov *m = &f->branches[k - 1];
			/* "-" (never executed) merges as zero with a real count; the sum saturates */
			if (b->taken >= 0) {
				int64_t t = m->taken < 0 ? 0 : m->taken;
				m->taken = t > INT64_MAX - b->taken ? INT64_MAX : t + b->taken;
			}
		} else {
			f->branches[k++] = *b;
		}
	}
	f->nbranches = k;
	/* functions merge by name: a header's inline function seen from several TUs */
	if (f->nfuncs > 1)
		qsort(f->funcs, f->nfuncs, sizeof(*f->funcs), cmp_func_name);
	k = 0;
	for (size_t i = 0; i < f->nfuncs; i++) {
		if (k && !strcmp(f->funcs[k - 1].name, f->funcs[i].name)) {
			f->funcs[k - 1].count += f->funcs[i].count;
			if (!f->funcs[k - 1].end_line)
				f->funcs[k - 1].end_line = f->funcs[i].end_line;
			free(f->funcs[i].name);
		} else {
			f->funcs[k++] = f->funcs[i];
		}
	}
	f->nfuncs = k;
	if (f->nfuncs > 1)
		qsort(f->funcs, f->nfuncs, sizeof(*f->funcs), cmp_func_line);

	f->lines_found = (uint32_t)f->nlines;
	f->lines_hit = 0;
	for (size_t i = 0; i < f->nlines; i++)
		f->lines_hit += f->lines[i].count > 0;
	f->branches_found = (uint32_t)f->nbranches;
	f->branches_hit = 0;
	for (size_t i = 0; i < f->nbranches; i++)
		f->branches_hit += f->branches[i].taken > 0;
	f->functions_found = (uint32_t)f->nfuncs;
	f->functions_hit = 0;
	for (size_t i = 0; i < f->nfuncs; i++)
		f->functions_hit += f->funcs[i].count > 0;
	f->sorted = 1;
}

/* By path, then the preferred format first. */
static int cmp_file(const void *a, const void *b)
{
	const assay_filecov *const *x = a, *const *y = b;
	int c = strcmp((*x)->path, (*y)->path);
	if (c)
		return c;
	unsigned rx = format_rank((*x)->format), ry = format_rank((*y)->format);
	return (rx > ry) - (rx < ry);
}

void assay_covset_finalize(assay_covset *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		assay_filecov_finalize(cs->files[i]);
	if (cs->n > 1)
		qsort(cs->files, cs->n, sizeof(*cs->files), cmp_file);
	/* one entry per path: the first of each run of one path is the format kept */
	size_t k = 0;
	for (size_t i = 0; i < cs->n; i++) {
		assay_filecov *f = cs->files[i];
		if (!k || strcmp(cs->files[k - 1]->path, f->path)) {
			cs->files[k++] = f;
			continue;
		}
		struct assay_covdrop *d = cs->ndrops ? &cs->drops[cs->ndrops - 1] : NULL;
		if (!d || strcmp(d->path, f->path)) {
			ASSAY_GROW(cs->drops, cs->alloc_drops, cs->ndrops + 1);
			d = &cs->drops[cs->ndrops++];
			*d = (struct assay_covdrop){ assay_xstrdup(f->path), cs->files[k - 1]->format, 0 };
		}
		d->dropped |= 1u << f->format;
		filecov_free(f);
	}
	cs->n = k;
	reindex(cs);
}

size_t assay_covset_ndropped(const assay_covset *cs)
{
	return cs->ndrops;
}

const struct assay_covdrop *assay_covset_dropped_at(const assay_covset *cs, size_t i)
{
	return i < cs->ndrops ? &cs->drops[i] : NULL;
}

size_t assay_covset_count(const assay_covset *cs)
{
	return cs->n;
}

assay_filecov *assay_covset_at(assay_covset *cs, size_t i)
{
	return i < cs->n ? cs->files[i] : NULL;
}

const struct assay_linecov *assay_filecov_find_line(const assay_filecov *f, uint32_t line)
{
	size_t lo = 0, hi = f->nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->lines[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->nlines && f->lines[lo].line == line ? &f->lines[lo] : NULL;
}
