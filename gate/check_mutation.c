/* SPDX-License-Identifier: MIT */
/*
 * mutation: head's mutation score (killed and timed out, of all mutants
 * but those that did not compile, were ignored or are equivalent) at least
 * min_score, and at most max_drop points below the base's; surviving
 * mutants on lines the change touched are listed, and fail the gate with
 * changed_lines.
 */
#include "gate.h"
#include "buf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define EPS 1e-6

static double score(const struct assay_summary *s, long *detected, long *all)
{
	assay_summary_mutation_counts(s, detected, all);
	return *all ? 100.0 * (double)*detected / (double)*all : NAN;
}

static int survivors_on_changes(struct gate_ctx *g, size_t *n, assay_err *err)
{
	*n = 0;
	sqlite3_stmt *s;
	int rc = assay_store_prepare(g->st, &s,
		"SELECT f.path, m.line, m.end_line, m.operator, m.original, m.replacement, m.function "
		"FROM mutations x JOIN mutants m ON m.id = x.mutant_id JOIN files f ON f.id = m.file_id "
		"WHERE x.run_id = ? AND x.status = 'survived' ORDER BY f.path, m.line, m.col", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, g->head.mutation_run);
	assay_buf text = ASSAY_BUF_INIT;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(s, 0);
		unsigned line = (unsigned)sqlite3_column_int(s, 1), end = (unsigned)sqlite3_column_int(s, 2);
		if (!assay_changes_touch(&g->changes, path, line, end))
			continue;
		(*n)++;
		const char *fn = (const char *)sqlite3_column_text(s, 6);
		assay_buf_reset(&text);
		assay_buf_addf(&text, "%s survived%s%s: `%s` -> `%s`", (const char *)sqlite3_column_text(s, 3),
			       fn ? " in " : "", fn ? fn : "", (const char *)sqlite3_column_text(s, 4),
			       (const char *)sqlite3_column_text(s, 5));
		gate_add_item(&g->res, GATE_SURVIVOR, g->cfg->mutation.changed_lines, path, path, line, end, text.buf);
	}
	assay_buf_release(&text);
	if (step != SQLITE_DONE)
		rc = assay_store_error(g->st, err, "reading mutants");
	sqlite3_finalize(s);
	return rc;
}

int gate_check_mutation(struct gate_ctx *g, assay_err *err)
{
	const struct gate_config *cfg = g->cfg;
	if (!cfg->mutation.c.enabled)
		return 0;
	long hdet, hall, bdet, ball;
	double hs = score(&g->head, &hdet, &hall), bs = score(&g->base, &bdet, &ball);
	if (!g->head.mutation_run || !hall) {
		gate_add_no_data(&g->res, "mutation", "mutation score", &cfg->mutation.c,
				 g->head.mutation_run ? "head's mutation run scored no mutant" : "head has no mutation run");
		return 0;
	}
	char fig[120], base[64], thr[64];
	int n = snprintf(fig, sizeof(fig), "%.2f%% (%ld/%ld)", hs, hdet, hall);
	if (g->head.mutation_partial)
		snprintf(fig + n, sizeof(fig) - (size_t)n, ", partial: %ld of %ld mutants", g->head.mutation_done,
			 g->head.mutation_selected);
	snprintf(base, sizeof(base), "%.2f%% (%ld/%ld)", bs, bdet, ball);
	if (!isnan(cfg->mutation.min_score)) {
		snprintf(thr, sizeof(thr), "at least %g%%", cfg->mutation.min_score);
		int bad = hs + EPS < cfg->mutation.min_score;
		struct gate_row *w = gate_add_row(&g->res, "mutation", "mutation score", bad ? GATE_FAIL : GATE_PASS,
						  fig, thr, ball ? base : NULL);
		w->head_v = hs;
		w->base_v = bs;
	}
	if (!isnan(cfg->mutation.max_drop)) {
		if (!g->base.mutation_run || !ball) {
			gate_add_no_data(&g->res, "mutation", "mutation score change", &cfg->mutation.c,
					 "the base has no mutation run");
		} else {
			snprintf(thr, sizeof(thr), "drop at most %g points", cfg->mutation.max_drop);
			int bad = bs - hs > cfg->mutation.max_drop + EPS;
			struct gate_row *w = gate_add_row(&g->res, "mutation", "mutation score change",
							  bad ? GATE_FAIL : GATE_PASS, fig, thr, base);
			w->head_v = hs;
			w->base_v = bs;
		}
	}
	size_t survivors = 0;
	int rc = g->have_changes ? survivors_on_changes(g, &survivors, err) : 0;
	if (rc == 0 && cfg->mutation.changed_lines) {
		if (!g->have_changes) {
			gate_add_no_data(&g->res, "mutation", "survivors on changed lines", &cfg->mutation.c,
					 g->changes_error ? g->changes_error : "no diff");
		} else {
			snprintf(fig, sizeof(fig), "%zu", survivors);
			gate_add_row(&g->res, "mutation", "survivors on changed lines", survivors ? GATE_FAIL : GATE_PASS,
				     fig, "none", NULL)->head_v = (double)survivors;
		}
	}
	return rc;
}
