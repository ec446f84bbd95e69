/* SPDX-License-Identifier: MIT */
/*
 * patch coverage: of the lines the change added or changed that head's
 * coverage counts as executable, the share covered.  A line is covered when
 * every coverage run of head that counts it hit it, uncovered when none
 * did; hit in some runs and missed in others, it is flaky coverage, shown
 * apart and counted on neither side, so that a non-deterministic run never
 * fails the gate on its own.
 */
#include "gate.h"
#include "covblob.h"
#include "covset.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-6

enum line_state { NOT_EXECUTABLE, COVERED, UNCOVERED, FLAKY };

/* The file's line coverage in each of head's coverage runs that has it (NULL where one has not). */
struct per_run {
	assay_covset **sets;
	assay_filecov **files;
	size_t n, present;
};

static int load_file(struct gate_ctx *g, const char *path, struct per_run *pr, assay_err *err)
{
	const struct assay_summary_runs *runs = &g->head.coverage_runs;
	pr->n = runs->n;
	pr->present = 0;
	pr->sets = assay_xcalloc(runs->n + 1, sizeof(*pr->sets));
	pr->files = assay_xcalloc(runs->n + 1, sizeof(*pr->files));
	sqlite3_stmt *s;
	int rc = assay_store_prepare(g->st, &s, "SELECT c.lines FROM coverage c WHERE c.run_id = ?1 "
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
			rc = assay_store_error(g->st, err, "reading coverage");
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
	size_t lo = 0, hi = f->nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->lines[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->nlines && f->lines[lo].line == line)
		return f->lines[lo].count > INT64_MAX ? INT64_MAX : (int64_t)f->lines[lo].count;
	return -1;
}

static enum line_state state_of(const struct per_run *pr, unsigned line, size_t *hit_runs, size_t *in_runs)
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

/* Lines of one state in a row, executable lines of another state ending it. */
struct range {
	enum line_state state;
	unsigned first, last;
	size_t hit_runs, in_runs, lines;
};

static void close_range(struct gate_ctx *g, const char *path, struct range *r)
{
	if (!r->lines)
		return;
	char text[200];
	if (r->state == UNCOVERED)
		snprintf(text, sizeof(text), "%s %u%s%.0u not covered by any test", r->first == r->last ? "line" : "lines",
			 r->first, r->first == r->last ? "" : "-", r->first == r->last ? 0 : r->last);
	else
		snprintf(text, sizeof(text), "%s %u%s%.0u hit in %zu of %zu coverage runs of head",
			 r->first == r->last ? "line" : "lines", r->first, r->first == r->last ? "" : "-",
			 r->first == r->last ? 0 : r->last, r->hit_runs, r->in_runs);
	gate_add_item(&g->res, r->state == UNCOVERED ? GATE_UNCOVERED : GATE_FLAKY_LINES, r->state == UNCOVERED,
		      path, path, r->first, r->last, text);
	r->lines = 0;
}

int gate_check_patch(struct gate_ctx *g, assay_err *err)
{
	const struct gate_config *cfg = g->cfg;
	if (!cfg->patch.c.enabled)
		return 0;
	if (!g->have_changes) {
		gate_add_no_data(&g->res, "patch", "patch coverage", &cfg->patch.c,
				 g->changes_error ? g->changes_error : "no diff");
		return 0;
	}
	if (!g->head.coverage_runs.n) {
		gate_add_no_data(&g->res, "patch", "patch coverage", &cfg->patch.c, "head has no coverage data");
		return 0;
	}
	size_t covered = 0, uncovered = 0, flaky = 0, outside = 0;
	int rc = 0;
	const assay_changes *c = &g->changes;
	for (size_t i = 0; i < c->n && rc == 0;) {
		const char *path = c->v[i].path;
		size_t j = i;
		while (j < c->n && !strcmp(c->v[j].path, path))
			j++;
		struct per_run pr;
		rc = load_file(g, path, &pr, err);
		int counted = 0;
		for (size_t h = i; h < j && rc == 0 && pr.present; h++) {
			const struct assay_hunk *hk = &c->v[h];
			struct range open[2] = { { UNCOVERED, 0, 0, 0, 0, 0 }, { FLAKY, 0, 0, 0, 0, 0 } };
			for (unsigned line = hk->first; hk->first && line <= hk->last; line++) {
				size_t hit_runs, in_runs;
				enum line_state st = state_of(&pr, line, &hit_runs, &in_runs);
				if (st == NOT_EXECUTABLE)
					continue;
				counted = 1;
				covered += st == COVERED;
				uncovered += st == UNCOVERED;
				flaky += st == FLAKY;
				for (int k = 0; k < 2; k++) {
					struct range *r = &open[k];
					if (st != r->state) {
						close_range(g, path, r);
						continue;
					}
					if (r->lines && k == 1 && (r->hit_runs != hit_runs || r->in_runs != in_runs))
						close_range(g, path, r);
					if (!r->lines)
						r->first = line, r->hit_runs = hit_runs, r->in_runs = in_runs;
					r->last = line;
					r->lines++;
				}
			}
			close_range(g, path, &open[0]);
			close_range(g, path, &open[1]);
		}
		outside += !pr.present;
		(void)counted;
		release_file(&pr);
		i = j;
	}
	if (rc < 0)
		return rc;
	char fig[120], thr[40];
	snprintf(thr, sizeof(thr), "at least %g%%", cfg->patch.min);
	size_t total = covered + uncovered;
	struct gate_row *w;
	if (!total) {
		snprintf(fig, sizeof(fig), flaky ? "no changed lines (%zu flaky)" : "no changed lines", flaky);
		w = gate_add_row(&g->res, "patch", "patch coverage", GATE_PASS, fig, thr, NULL);
	} else {
		double pct = gate_pct(covered, total);
		int n = snprintf(fig, sizeof(fig), "%.2f%% (%zu/%zu lines)", pct, covered, total);
		if (flaky)
			snprintf(fig + n, sizeof(fig) - (size_t)n, ", %zu flaky", flaky);
		w = gate_add_row(&g->res, "patch", "patch coverage", pct + EPS < cfg->patch.min ? GATE_FAIL : GATE_PASS,
				 fig, thr, NULL);
		w->head_v = pct;
	}
	if (outside) {
		char why[120];
		snprintf(why, sizeof(why), "%zu changed file%s not in head's coverage data", outside,
			 outside == 1 ? "" : "s");
		w->why = assay_xstrdup(why);
	}
	return 0;
}
