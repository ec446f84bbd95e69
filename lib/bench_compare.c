/* SPDX-License-Identifier: MIT */
#include "bench_compare.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const verdict_names[] = {
	[BENCH_SAME] = "same",
	[BENCH_REGRESSED] = "regressed",
	[BENCH_IMPROVED] = "improved",
	[BENCH_NOISY] = "noisy: need more samples",
	[BENCH_TOO_FEW] = "too few samples",
	[BENCH_NEW] = "new",
	[BENCH_GONE] = "gone",
};

const char *bench_verdict_name(enum bench_verdict v)
{
	return verdict_names[v];
}

static const char *const history_names[] = {
	[BENCH_HIST_NONE] = "-",
	[BENCH_HIST_WITHIN] = "within",
	[BENCH_HIST_WORSE] = "worse",
	[BENCH_HIST_BETTER] = "better",
};

const char *bench_history_name(enum bench_history_state h)
{
	return history_names[h];
}

static int spread_free(const double *x, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (x[i] != x[0])
			return 0;
	return 1;
}

/* +1 worse, -1 better, 0 neither, for a relative change and a direction. */
static int direction(double change, int bigger_is_better, double threshold)
{
	if (!(fabs(change) > threshold))
		return 0;
	int up = change > 0;
	return up != bigger_is_better ? 1 : -1;
}

/* The second rule: does head stand out from the base branch's recent medians? */
static enum bench_history_state history_rule(const double *window, size_t nw, const double *head,
					     size_t nh, double head_median, int bigger,
					     double threshold, const struct bench_compare_opts *o)
{
	if (!window || nw < 4)
		return BENCH_HIST_NONE;
	double centre = assay_stats_median(window, nw);
	if (centre == 0)
		return BENCH_HIST_NONE;
	int dir = direction(head_median / centre - 1, bigger, threshold);
	int outside = 0;
	if (o->rule == BENCH_HISTORY_IQR) {
		double lo, hi;
		if (assay_stats_iqr_band(window, nw, 1.5, &lo, &hi) < 0)
			return BENCH_HIST_NONE;
		outside = head_median < lo || head_median > hi;
	} else {
		struct assay_welch w;
		if (assay_stats_welch(window, nw, head, nh, &w) < 0)
			return BENCH_HIST_NONE;
		outside = w.p < o->alpha;
	}
	if (!outside || dir == 0)
		return BENCH_HIST_WITHIN;
	return dir > 0 ? BENCH_HIST_WORSE : BENCH_HIST_BETTER;
}

void bench_compare(const double *base, size_t nb, const double *head, size_t nh,
		   const double *window, size_t nw, int bigger_is_better, double threshold,
		   const char *name, const struct bench_compare_opts *o,
		   struct bench_comparison *out)
{
	memset(out, 0, sizeof(*out));
	out->nb = nb;
	out->nh = nh;
	out->base_median = assay_stats_median(base, nb);
	out->head_median = assay_stats_median(head, nh);
	out->change = out->ci_lo = out->ci_hi = out->p = NAN;
	if (nb == 0 || nh == 0) {
		out->verdict = nh ? BENCH_NEW : BENCH_GONE;
		return;
	}
	if (out->base_median != 0)
		out->change = out->head_median / out->base_median - 1;
	struct assay_mwu m;
	if (assay_stats_mwu(base, nb, head, nh, &m) == 0)
		out->p = m.p;
	out->history = history_rule(window, nw, head, nh, out->head_median, bigger_is_better,
				    threshold, o);
	int dir = direction(out->change, bigger_is_better, threshold);

	/* a deterministic figure (instruction counts): no noise to test against */
	if (nb >= 2 && nh >= 2 && spread_free(base, nb) && spread_free(head, nh)) {
		out->constant = 1;
		out->ci_lo = out->ci_hi = out->head_median / out->base_median;
		out->verdict = dir > 0 ? BENCH_REGRESSED : dir < 0 ? BENCH_IMPROVED : BENCH_SAME;
		return;
	}
	if (nb < o->min_samples || nh < o->min_samples) {
		out->verdict = BENCH_TOO_FEW;
		out->need = o->min_samples;
		return;
	}
	assay_rng rng;
	assay_rng_seed(&rng, assay_rng_seed_of(name ? name : "", o->seed));
	if (assay_stats_bootstrap_ratio(base, nb, head, nh, o->iters, 0.95, &rng, &out->ci_lo,
					&out->ci_hi) < 0)
		out->ci_lo = out->ci_hi = NAN;

	int significant = out->p < o->alpha;
	if (dir != 0 && significant)
		out->verdict = dir > 0 ? BENCH_REGRESSED : BENCH_IMPROVED;
	else if (dir != 0)
		out->verdict = BENCH_NOISY;
	else if (significant ||
		 (out->ci_lo > 1 - threshold && out->ci_hi < 1 + threshold))
		out->verdict = BENCH_SAME; /* real but small, or surely within the threshold */
	else
		out->verdict = BENCH_NOISY;

	/* the second rule: a change the history has seen before is the base's fluke */
	if ((out->verdict == BENCH_REGRESSED || out->verdict == BENCH_IMPROVED) &&
	    out->history == BENCH_HIST_WITHIN)
		out->verdict = BENCH_SAME;
}
