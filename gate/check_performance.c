/* SPDX-License-Identifier: MIT */
/*
 * performance: no benchmark regressed, judged as `assay bench compare`
 * judges (lib/bench_judge: the same statistics and thresholds), each
 * benchmark's main metric and its peak memory (maxrss) where measured.
 */
#include "gate.h"
#include "bench_judge.h"
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void add_reason(struct gate_ctx *g, const struct bench_judged *w)
{
	char bm[32], hm[32], text[300];
	assay_cli_fmt_value(bm, sizeof(bm), w->r.base_median, w->s->unit);
	assay_cli_fmt_value(hm, sizeof(hm), w->r.head_median, w->s->unit);
	if (isnan(w->r.ci_lo))
		snprintf(text, sizeof(text), "%s: %s -> %s (%+.1f%%, threshold %g%%)", w->s->metric, bm, hm,
			 w->r.change * 100, w->threshold * 100);
	else
		snprintf(text, sizeof(text), "%s: %s -> %s (%+.1f%%, 95%% CI of the ratio [%.3f, %.3f], p = %.3g, "
			 "threshold %g%%)", w->s->metric, bm, hm, w->r.change * 100, w->r.ci_lo, w->r.ci_hi, w->r.p,
			 w->threshold * 100);
	gate_add_item(&g->res, GATE_REGRESSION, 1, w->s->name, NULL, 0, 0, text);
}

int gate_check_performance(struct gate_ctx *g, assay_err *err)
{
	const struct gate_config *cfg = g->cfg;
	if (!cfg->performance.c.enabled)
		return 0;
	struct bench_commit base = { .id = g->revs->base.id, .sha = g->revs->base.sha,
				     .branch = g->revs->base.branch, .time = g->revs->base.time };
	struct bench_commit head = { .id = g->revs->head.id, .sha = g->revs->head.sha,
				     .branch = g->revs->head.branch, .time = g->revs->head.time };
	struct bench_judge_opts jo = {
		.co = BENCH_COMPARE_OPTS_INIT, .threshold = cfg->performance.threshold / 100,
		.ov = cfg->performance.ov, .nov = cfg->performance.nov, .also_metric = "maxrss",
	};
	jo.co.alpha = cfg->performance.alpha;
	jo.co.min_samples = (size_t)cfg->performance.min_samples;
	struct bench_judgement j;
	int rc = bench_judge(g->st, &base, &head, &jo, &j, err);
	if (rc == 0 && (!j.base.n || !j.head.n)) {
		gate_add_no_data(&g->res, "performance", "benchmarks", &cfg->performance.c,
				 !j.base.n && !j.head.n ? "no benchmarks on either side"
				 : j.head.n ? "the base has no benchmarks" : "head has no benchmarks");
	} else if (rc == 0) {
		size_t compared = 0, undecided = 0;
		for (size_t i = 0; i < j.n; i++) {
			const struct bench_judged *w = &j.rows[i];
			compared += w->r.nb && w->r.nh;
			undecided += w->r.verdict == BENCH_TOO_FEW || w->r.verdict == BENCH_NOISY;
			if (w->r.verdict == BENCH_REGRESSED)
				add_reason(g, w);
		}
		char fig[120], thr[80], was[40];
		int n = snprintf(fig, sizeof(fig), "%zu regressed of %zu", j.regressions, compared);
		if (undecided)
			snprintf(fig + n, sizeof(fig) - (size_t)n, " (%zu noisy or too few samples)", undecided);
		snprintf(thr, sizeof(thr), "none %g%% worse (p < %g)", cfg->performance.threshold,
			 cfg->performance.alpha);
		snprintf(was, sizeof(was), "%zu series", j.base.n);
		struct gate_row *w = gate_add_row(&g->res, "performance", "benchmarks",
						  j.regressions ? GATE_FAIL : GATE_PASS, fig, thr, was);
		w->head_v = (double)j.regressions;
	}
	bench_judgement_release(&j);
	return rc;
}
