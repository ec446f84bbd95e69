/* SPDX-License-Identifier: MIT */
#include "patchcov.h"
#include "covblob.h"
#include "covset.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

enum line_state { NOT_EXECUTABLE, COVERED, UNCOVERED, FLAKY };

/* One file's line coverage in each run that has it (NULL where one has not). */
struct per_run {
	assay_covset **sets;
	assay_filecov **files;
	size_t n, present;
};

static int load_file(assay_store *st, const struct assay_summary_runs *runs, const char *path,
		     struct per_run *pr, assay_err *err)
{
	pr->n = runs->n;
	pr->present = 0;
	pr->sets = assay_xcalloc(runs->n + 1, sizeof(*pr->sets));
	pr->files = assay_xcalloc(runs->n + 1, sizeof(*pr->files));
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, "SELECT c.lines FROM coverage c WHERE c.run_id = ?1 "
				     "AND c.file_id = (SELECT id FROM files WHERE path = ?2)", err);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < runs->n && rc == 0; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, runs->ids[i]);
		assay_store_bind_text(s, 2, path);
		int step = sqlite3_step(s);
		if (step == SQLITE_DONE)
			continue;
		if (step != SQLITE_ROW) {
			rc = assay_store_error(st, err, "reading coverage");
			break;
		}
		pr->sets[i] = assay_covset_new();
		pr->files[i] = assay_covset_file(pr->sets[i], path);
		rc = assay_covblob_decode_lines(pr->files[i], sqlite3_column_blob(s, 0),
						(size_t)sqlite3_column_bytes(s, 0), err);
		assay_covset_finalize(pr->sets[i]);
		pr->present++;
	}
	sqlite3_finalize(s);
	return rc;
}

static void release_file(struct per_run *pr)
{
	for (size_t i = 0; i < pr->n; i++)
		if (pr->sets[i])
			assay_covset_free(pr->sets[i]);
	free(pr->sets);
	free(pr->files);
}

/* The hits of line in f, -1 when f does not count it. */
static int64_t hits(const assay_filecov *f, unsigned line)
{
	const struct assay_linecov *l = assay_filecov_find_line(f, line);
	return !l ? -1 : l->count > INT64_MAX ? INT64_MAX : (int64_t)l->count;
}

static enum line_state state_of(const struct per_run *pr, unsigned line, unsigned *hit_runs, unsigned *in_runs)
{
	*hit_runs = *in_runs = 0;
	for (size_t i = 0; i < pr->n; i++) {
		if (!pr->files[i])
			continue;
		int64_t h = hits(pr->files[i], line);
		if (h < 0)
			continue;
		(*in_runs)++;
		*hit_runs += h > 0;
	}
	if (!*in_runs)
		return NOT_EXECUTABLE;
	return *hit_runs == *in_runs ? COVERED : *hit_runs == 0 ? UNCOVERED : FLAKY;
}

struct open_range {
	struct assay_patch_range r;
	size_t lines;
};

static void close_range(struct assay_patchcov *out, struct open_range *o)
{
	if (!o->lines)
		return;
	ASSAY_GROW(out->ranges, out->alloc, out->nranges + 1);
	out->ranges[out->nranges++] = o->r;
	o->lines = 0;
}

int assay_patchcov_compute(assay_store *st, const struct assay_summary_runs *runs, const assay_changes *c,
			   struct assay_patchcov *out, assay_err *err)
{
	memset(out, 0, sizeof(*out));
	int rc = 0;
	for (size_t i = 0; i < c->n && rc == 0;) {
		const char *path = c->v[i].path;
		size_t j = i;
		while (j < c->n && !strcmp(c->v[j].path, path))
			j++;
		int adds = 0;
		for (size_t h = i; h < j; h++)
			adds |= c->v[h].first != 0;
		if (!adds) {
			i = j; /* lines only deleted, a rename alone, a file gone: nothing of head to cover */
			continue;
		}
		struct per_run pr;
		rc = load_file(st, runs, path, &pr, err);
		for (size_t h = i; h < j && rc == 0 && pr.present; h++) {
			const struct assay_hunk *hk = &c->v[h];
			struct open_range open[2] = { { { path, 0, 0, 0, 0, 0 }, 0 }, { { path, 0, 0, 1, 0, 0 }, 0 } };
			for (unsigned line = hk->first; hk->first && line <= hk->last; line++) {
				unsigned hit_runs, in_runs;
				enum line_state s = state_of(&pr, line, &hit_runs, &in_runs);
				if (s == NOT_EXECUTABLE)
					continue;
				out->covered += s == COVERED;
				out->uncovered += s == UNCOVERED;
				out->flaky += s == FLAKY;
				for (int k = 0; k < 2; k++) {
					struct open_range *o = &open[k];
					if (s != (k ? FLAKY : UNCOVERED)) {
						close_range(out, o);
						continue;
					}
					/* flaky lines of different run counts are told apart */
					if (o->lines && k == 1 && (o->r.hit_runs != hit_runs || o->r.in_runs != in_runs))
						close_range(out, o);
					if (!o->lines)
						o->r.first = line, o->r.hit_runs = hit_runs, o->r.in_runs = in_runs;
					o->r.last = line;
					o->lines++;
				}
			}
			close_range(out, &open[0]);
			close_range(out, &open[1]);
		}
		out->outside += !pr.present;
		release_file(&pr);
		i = j;
	}
	return rc;
}

void assay_patchcov_release(struct assay_patchcov *p)
{
	free(p->ranges);
	memset(p, 0, sizeof(*p));
}
