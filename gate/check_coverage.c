/* SPDX-License-Identifier: MIT */
/*
 * coverage: head's line, branch and function coverage against a minimum
 * and against the base's, at most max_drop points lower; and per-path
 * minimums for the files of critical components together.
 */
#include "gate.h"
#include "glob.h"
#include "mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Percentages are compared to a millionth of a point: 80.0 of 80 passes whatever the rounding. */
#define EPS 1e-6

static const char *const what[3] = { "line", "branch", "function" };

static void figures(const struct assay_summary *s, int i, uint64_t *hit, uint64_t *found)
{
	*hit = i == 0 ? s->lines_hit : i == 1 ? s->branches_hit : s->functions_hit;
	*found = i == 0 ? s->lines_found : i == 1 ? s->branches_found : s->functions_found;
}

static void fmt_pct(char *buf, size_t n, uint64_t hit, uint64_t found)
{
	if (found)
		snprintf(buf, n, "%.2f%% (%llu/%llu)", gate_pct(hit, found), (unsigned long long)hit,
			 (unsigned long long)found);
	else
		snprintf(buf, n, "-");
}

/* One metric of the whole commit: a row for its minimum, one for its drop. */
static void whole(struct gate_ctx *g, int i)
{
	const struct gate_config *cfg = g->cfg;
	double min = cfg->coverage.min[i], drop = cfg->coverage.max_drop[i];
	if (isnan(min) && isnan(drop))
		return;
	uint64_t hh, hf, bh, bf;
	figures(&g->head, i, &hh, &hf);
	figures(&g->base, i, &bh, &bf);
	char name[64], head[64], base[64], thr[64];
	snprintf(name, sizeof(name), "%s coverage", what[i]);
	fmt_pct(head, sizeof(head), hh, hf);
	fmt_pct(base, sizeof(base), bh, bf);
	double hp = gate_pct(hh, hf), bp = gate_pct(bh, bf);
	if (!hf) {
		gate_add_no_data(&g->res, "coverage", name, &cfg->coverage.c,
				 g->head.coverage_runs.n ? "head's coverage counts none" : "head has no coverage data");
		return;
	}
	if (!isnan(min)) {
		snprintf(thr, sizeof(thr), "at least %g%%", min);
		int bad = hp + EPS < min;
		struct gate_row *w = gate_add_row(&g->res, "coverage", name, bad ? GATE_FAIL : GATE_PASS, head,
						  thr, bf ? base : NULL);
		w->head_v = hp;
		w->base_v = bp;
		if (bad) {
			char text[160];
			snprintf(text, sizeof(text), "%s coverage %.2f%% is below the minimum %g%%", what[i], hp, min);
			gate_add_item(&g->res, GATE_COVERAGE_DROP, 1, name, NULL, 0, 0, text);
		}
	}
	if (!isnan(drop)) {
		snprintf(name, sizeof(name), "%s coverage change", what[i]);
		if (!bf) {
			gate_add_no_data(&g->res, "coverage", name, &cfg->coverage.c,
					 g->base.coverage_runs.n ? "the base's coverage counts none"
								 : "the base has no coverage data");
			return;
		}
		char change[48];
		snprintf(change, sizeof(change), "%+.2f points", hp - bp);
		snprintf(thr, sizeof(thr), "drop at most %g points", drop);
		int bad = bp - hp > drop + EPS;
		struct gate_row *w = gate_add_row(&g->res, "coverage", name, bad ? GATE_FAIL : GATE_PASS, head,
						  thr, base);
		w->head_v = hp;
		w->base_v = bp;
		if (bad) {
			char text[200];
			snprintf(text, sizeof(text), "%s coverage fell %.2f points (%.2f%% to %.2f%%); at most %g allowed",
				 what[i], bp - hp, bp, hp, drop);
			gate_add_item(&g->res, GATE_COVERAGE_DROP, 1, name, NULL, 0, 0, text);
		}
	}
}

/* The files matching glob in s, summed. */
static size_t sum_files(const struct assay_summary *s, const char *glob, uint64_t hit[3], uint64_t found[3])
{
	size_t n = 0;
	for (int i = 0; i < 3; i++)
		hit[i] = found[i] = 0;
	for (size_t k = 0; k < s->nfile_list; k++) {
		const struct assay_summary_file *f = &s->file_list[k];
		if (!assay_glob_match(glob, f->path))
			continue;
		n++;
		hit[0] += f->lines_hit;
		found[0] += f->lines_found;
		hit[1] += f->branches_hit;
		found[1] += f->branches_found;
		hit[2] += f->functions_hit;
		found[2] += f->functions_found;
	}
	return n;
}

static void path_minimum(struct gate_ctx *g, const struct gate_path_minimum *m)
{
	uint64_t hit[3], found[3], bhit[3], bfound[3];
	size_t n = sum_files(&g->head, m->glob, hit, found);
	sum_files(&g->base, m->glob, bhit, bfound);
	const double mins[3] = { m->min_lines, m->min_branches, m->min_functions };
	for (int i = 0; i < 3; i++) {
		if (isnan(mins[i]))
			continue;
		char name[300], head[64], base[64], thr[64];
		snprintf(name, sizeof(name), "%s coverage of %s", what[i], m->glob);
		if (!n || !found[i]) {
			char why[400];
			snprintf(why, sizeof(why), "%s (%s): %s", m->glob, m->where,
				 n ? "its files count none" : "no file of head's coverage matches");
			/* a minimum someone wrote for a component is always asked for */
			struct gate_check_config asked = g->cfg->coverage.c;
			asked.asked = 1;
			gate_add_no_data(&g->res, "coverage", name, &asked, why);
			continue;
		}
		fmt_pct(head, sizeof(head), hit[i], found[i]);
		fmt_pct(base, sizeof(base), bhit[i], bfound[i]);
		snprintf(thr, sizeof(thr), "at least %g%%", mins[i]);
		double hp = gate_pct(hit[i], found[i]);
		int bad = hp + EPS < mins[i];
		struct gate_row *w = gate_add_row(&g->res, "coverage", name, bad ? GATE_FAIL : GATE_PASS, head, thr,
						  bfound[i] ? base : NULL);
		w->head_v = hp;
		w->base_v = gate_pct(bhit[i], bfound[i]);
		if (bad) {
			char text[400];
			snprintf(text, sizeof(text), "%s coverage of %s (%zu file%s) is %.2f%%, below %g%%", what[i],
				 m->glob, n, n == 1 ? "" : "s", hp, mins[i]);
			gate_add_item(&g->res, GATE_COVERAGE_DROP, 1, name, NULL, 0, 0, text);
		}
	}
}

int gate_check_coverage(struct gate_ctx *g, assay_err *err)
{
	(void)err;
	const struct gate_config *cfg = g->cfg;
	if (!cfg->coverage.c.enabled)
		return 0;
	for (int i = 0; i < 3; i++)
		whole(g, i);
	for (size_t k = 0; k < cfg->coverage.npaths; k++)
		path_minimum(g, &cfg->coverage.paths[k]);
	return 0;
}
