/* SPDX-License-Identifier: MIT */
#include "diffcat.h"

#include <string.h>

static const char *const names[REP_CATS][2] = {
	{ "", "" },
	{ "UNC", "uncovered new code" },
	{ "LBC", "lost baseline coverage: covered in the base, not now" },
	{ "UIC", "uncovered included code: code now that was not before, not covered" },
	{ "UBC", "uncovered baseline code: not covered, as in the base" },
	{ "GBC", "gained baseline coverage: not covered in the base, covered now" },
	{ "GIC", "gained included coverage: code now that was not before, covered" },
	{ "GNC", "gained new coverage: new code, covered" },
	{ "CBC", "covered baseline code: covered, as in the base" },
	{ "EUB", "excluded uncovered baseline: code in the base, not now; was not covered" },
	{ "ECB", "excluded covered baseline: code in the base, not now; was covered" },
	{ "DUB", "deleted uncovered baseline: deleted code that was not covered" },
	{ "DCB", "deleted covered baseline: deleted code that was covered" },
};

const char *rep_cat_name(enum rep_cat c)
{
	return names[c][0];
}

const char *rep_cat_meaning(enum rep_cat c)
{
	return names[c][1];
}

/* Whether line of f was hit (1, 0), -1 when f does not count it (f NULL: nothing counts). */
static int64_t hits(const assay_filecov *f, unsigned line)
{
	const struct assay_linecov *l = f ? assay_filecov_find_line(f, line) : NULL;
	return l ? (int64_t)(l->count > 0) : -1;
}

const char *rep_diffcat_base_path(const assay_changes *c, const char *path)
{
	for (size_t i = 0; i < c->n; i++)
		if (!c->v[i].deleted && c->v[i].old_path && !strcmp(c->v[i].path, path))
			return c->v[i].old_path;
	return path;
}

/* The end (exclusive) of a hunk's side: a side of no lines sits after its start line. */
static unsigned side_end(unsigned start, unsigned count)
{
	return count ? start + count : start + 1;
}

static void deleted_lines(const struct assay_hunk *h, const assay_filecov *base, size_t counts[REP_CATS])
{
	for (unsigned b = h->old_start; h->old_count && b < h->old_start + h->old_count; b++) {
		int64_t bh = hits(base, b);
		if (bh >= 0)
			counts[bh ? REP_DCB : REP_DUB]++;
	}
}

void rep_diffcat_file(const assay_changes *c, const char *path, const assay_filecov *head,
		      const assay_filecov *base, unsigned nlines, unsigned char *cats, size_t counts[REP_CATS])
{
	/* git lists a file's hunks in order: walk them beside the lines */
	size_t k = 0;
	while (k < c->n && (c->v[k].deleted || strcmp(c->v[k].path, path)))
		k++;
	size_t end = k;
	while (end < c->n && !c->v[end].deleted && !strcmp(c->v[end].path, path))
		end++;
	for (size_t h = k; h < end; h++)
		deleted_lines(&c->v[h], base, counts);
	long delta = 0; /* head line - base line, for lines no hunk touched */
	size_t h = k;
	for (unsigned line = 1; line <= nlines; line++) {
		/* past every hunk that ends before this line: its new lines, or the place of its deletion */
		while (h < end && (c->v[h].new_count ? side_end(c->v[h].new_start, c->v[h].new_count) <= line
						     : c->v[h].new_start < line)) {
			delta = (long)side_end(c->v[h].new_start, c->v[h].new_count) -
				(long)side_end(c->v[h].old_start, c->v[h].old_count);
			h++;
		}
		int is_new = h < end && c->v[h].new_count && line >= c->v[h].new_start &&
			     line < c->v[h].new_start + c->v[h].new_count;
		int64_t hh = hits(head, line);
		enum rep_cat cat = REP_CAT_NONE;
		if (is_new) {
			if (hh >= 0)
				cat = hh ? REP_GNC : REP_UNC;
		} else {
			long b = (long)line - delta;
			int64_t bh = b > 0 ? hits(base, (unsigned)b) : -1;
			if (hh >= 0 && bh >= 0)
				cat = hh ? (bh ? REP_CBC : REP_GBC) : (bh ? REP_LBC : REP_UBC);
			else if (hh >= 0)
				cat = hh ? REP_GIC : REP_UIC;
			else if (bh >= 0)
				cat = bh ? REP_ECB : REP_EUB;
		}
		if (cats)
			cats[line] = (unsigned char)cat;
		if (cat)
			counts[cat]++;
	}
}

void rep_diffcat_deleted(const assay_changes *c, const char *path, const assay_filecov *base,
			 size_t counts[REP_CATS])
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].deleted && !strcmp(c->v[i].path, path))
			deleted_lines(&c->v[i], base, counts);
}
