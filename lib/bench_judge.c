/* SPDX-License-Identifier: MIT */
#include "bench_judge.h"
#include "mem.h"

#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double threshold_for(const struct bench_judge_opts *o, const struct bench_series_data *b)
{
	for (size_t i = o->nov; i-- > 0;)
		if (fnmatch(o->ov[i].glob, b->name, 0) == 0)
			return o->ov[i].threshold;
	return isnan(b->threshold) ? o->threshold : b->threshold;
}

static int wanted(const struct bench_judge_opts *o, const struct bench_series_data *b)
{
	if (o->also_metric && !strcmp(o->also_metric, b->metric))
		return 1;
	if (o->metric)
		return !strcmp(o->metric, b->metric);
	return o->all_metrics || b->primary;
}

/*
 * Per-commit medians over the window commits (head left out) of each of
 * head's series that is compared: windows[i] for head's series i.
 */
static int load_window(assay_store *st, const struct bench_judge_opts *o, const struct bench_commit *base,
		       const struct bench_commit *head, const bench_data *heads, double **windows,
		       size_t *nwin, assay_err *err)
{
	struct bench_commit *commits = NULL;
	size_t nc = 0;
	int rc = bench_db_commits(st, base->branch, base->time, base->id, (size_t)o->window, &commits,
				  &nc, err);
	struct bench_point *pts = assay_xcalloc(nc + 1, sizeof(*pts));
	for (size_t i = 0; i < heads->n && rc == 0; i++) {
		if (!wanted(o, &heads->v[i]))
			continue;
		size_t np;
		rc = bench_db_medians(st, heads->v[i].id, commits, nc, pts, &np, err);
		for (size_t k = 0; k < np && rc == 0; k++) {
			if (commits[pts[k].commit].id == head->id)
				continue;
			if (!windows[i])
				windows[i] = assay_xcalloc(nc, sizeof(double));
			windows[i][nwin[i]++] = pts[k].median;
		}
	}
	free(pts);
	for (size_t k = 0; k < nc; k++)
		bench_commit_release(&commits[k]);
	free(commits);
	return rc;
}

int bench_judge(assay_store *st, const struct bench_commit *base, const struct bench_commit *head,
		const struct bench_judge_opts *o, struct bench_judgement *out, assay_err *err)
{
	memset(out, 0, sizeof(*out));
	bench_data *bd = &out->base, *hd = &out->head;
	int rc = bench_db_load_commit(st, base->id, bd, err);
	if (rc == 0)
		rc = bench_db_load_commit(st, head->id, hd, err);
	double **windows = assay_xcalloc(hd->n + 1, sizeof(*windows));
	size_t *nwin = assay_xcalloc(hd->n + 1, sizeof(*nwin));
	if (rc == 0 && o->window > 0 && bd->n && hd->n)
		rc = load_window(st, o, base, head, hd, windows, nwin, err);
	out->rows = assay_xcalloc(hd->n + bd->n + 1, sizeof(*out->rows));
	for (size_t i = 0; i < hd->n && rc == 0; i++) {
		struct bench_series_data *h = &hd->v[i], *b = bench_data_find(bd, h->id);
		if (!wanted(o, h))
			continue;
		struct bench_judged *w = &out->rows[out->n++];
		w->s = h;
		w->threshold = threshold_for(o, h);
		bench_compare(b ? b->values : NULL, b ? b->n : 0, h->values, h->n, windows[i], nwin[i],
			      h->bigger_is_better, w->threshold, h->name, &o->co, &w->r);
		out->regressions += w->r.verdict == BENCH_REGRESSED;
	}
	for (size_t i = 0; i < bd->n && rc == 0; i++) {
		struct bench_series_data *b = &bd->v[i];
		if (!wanted(o, b) || bench_data_find(hd, b->id))
			continue;
		struct bench_judged *w = &out->rows[out->n++];
		w->s = b;
		w->threshold = threshold_for(o, b);
		bench_compare(b->values, b->n, NULL, 0, NULL, 0, b->bigger_is_better, w->threshold,
			      b->name, &o->co, &w->r);
	}
	for (size_t i = 0; i < hd->n; i++)
		free(windows[i]);
	free(windows);
	free(nwin);
	return rc;
}

void bench_judgement_release(struct bench_judgement *j)
{
	free(j->rows);
	bench_data_release(&j->base);
	bench_data_release(&j->head);
	memset(j, 0, sizeof(*j));
}
