/* SPDX-License-Identifier: MIT */
/*
 * patch coverage: lib/patchcov computes it (the report shows the same
 * figure); this turns it into the gate's row and its lists of uncovered
 * and flaky changed lines.
 */
#include "gate.h"
#include "mem.h"
#include "patchcov.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-6

static void add_range(struct gate_ctx *g, const struct assay_patch_range *r)
{
	char text[200];
	int one = r->first == r->last;
	if (!r->flaky)
		snprintf(text, sizeof(text), "%s %u%s%.0u not covered by any test", one ? "line" : "lines", r->first,
			 one ? "" : "-", one ? 0 : r->last);
	else
		snprintf(text, sizeof(text), "%s %u%s%.0u hit in %u of %u coverage runs of head", one ? "line" : "lines",
			 r->first, one ? "" : "-", one ? 0 : r->last, r->hit_runs, r->in_runs);
	gate_add_item(&g->res, r->flaky ? GATE_FLAKY_LINES : GATE_UNCOVERED, !r->flaky, r->path, r->path, r->first,
		      r->last, text);
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
	struct assay_patchcov pc;
	int rc = assay_patchcov_compute(g->st, &g->head.coverage_runs, &g->changes, &pc, err);
	for (size_t i = 0; rc == 0 && i < pc.nranges; i++)
		add_range(g, &pc.ranges[i]);
	size_t covered = pc.covered, uncovered = pc.uncovered, flaky = pc.flaky, outside = pc.outside;
	assay_patchcov_release(&pc);
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
