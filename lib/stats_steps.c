/* SPDX-License-Identifier: MIT */
/*
 * Step detection, after asv's step_detect: fit a piecewise-constant
 * function to the series by minimising the L1 distance to each segment's
 * median plus a penalty per segment.  L1 and medians, not squares and
 * means, so a single wild point is not a step of its own.
 */
#include "stats.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A binary heap of doubles; sign = 1 for a max-heap, -1 for a min-heap. */
struct heap {
	double *v;
	size_t n;
	double sign, sum;
};

static void heap_push(struct heap *h, double x)
{
	size_t i = h->n++;
	h->sum += x;
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (h->sign * h->v[p] >= h->sign * x)
			break;
		h->v[i] = h->v[p];
		i = p;
	}
	h->v[i] = x;
}

static double heap_pop(struct heap *h)
{
	double top = h->v[0], last = h->v[--h->n];
	h->sum -= top;
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->sign * h->v[c + 1] > h->sign * h->v[c])
			c++;
		if (h->sign * last >= h->sign * h->v[c])
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n)
		h->v[i] = last;
	return top;
}

/*
 * The two-heap running median: low holds the smaller half (max on top),
 * high the larger; low has as many or one more.  The L1 cost about the
 * median is then (sum(high) - med·|high|) + (med·|low| - sum(low)).
 */
static void median_add(struct heap *low, struct heap *high, double x)
{
	if (low->n == 0 || x <= low->v[0])
		heap_push(low, x);
	else
		heap_push(high, x);
	if (low->n > high->n + 1)
		heap_push(high, heap_pop(low));
	else if (high->n > low->n)
		heap_push(low, heap_pop(high));
}

static double median_cost(const struct heap *low, const struct heap *high)
{
	double med = low->v[0];
	return (high->sum - med * (double)high->n) + (med * (double)low->n - low->sum);
}

double assay_stats_steps_gamma(const double *y, size_t n)
{
	if (n < 2)
		return 1;
	double *d = assay_xmalloc((n - 1) * sizeof(*d));
	for (size_t i = 0; i + 1 < n; i++)
		d[i] = fabs(y[i + 1] - y[i]);
	/* MAD of a difference of two noises is sqrt(2) times one noise's */
	double sigma = 1.4826 * assay_stats_median_inplace(d, n - 1) / sqrt(2.0);
	free(d);
	if (!(sigma > 0)) {
		/* noiseless: any level change is real; scale from the values */
		double scale = fabs(assay_stats_median(y, n));
		sigma = scale > 0 ? scale * 1e-6 : 1e-12;
	}
	return 3 * sigma * log((double)n + 1);
}

size_t assay_stats_steps(const double *y, size_t n, double gamma, size_t *breaks)
{
	if (n < 2)
		return 0;
	/* an infinite or NaN point makes every cost NaN: no fit would be chosen */
	for (size_t i = 0; i < n; i++)
		if (!isfinite(y[i]))
			return 0;
	if (gamma <= 0)
		gamma = assay_stats_steps_gamma(y, n);
	/* best[j]: least cost of y[0..j); from[j]: where its last segment starts */
	double *best = assay_xmalloc((n + 1) * sizeof(*best));
	size_t *from = assay_xmalloc((n + 1) * sizeof(*from));
	struct heap low = { assay_xmalloc(n * sizeof(double)), 0, 1, 0 };
	struct heap high = { assay_xmalloc(n * sizeof(double)), 0, -1, 0 };
	best[0] = 0;
	for (size_t j = 1; j <= n; j++)
		best[j] = INFINITY;
	for (size_t i = 0; i < n; i++) {
		low.n = high.n = 0;
		low.sum = high.sum = 0;
		for (size_t j = i + 1; j <= n; j++) {
			median_add(&low, &high, y[j - 1]);
			if (j - i < 2 && j < n)
				continue; /* a lone point inside the series is an outlier, not a level */
			double c = best[i] + median_cost(&low, &high) + gamma;
			if (c < best[j]) {
				best[j] = c;
				from[j] = i;
			}
		}
	}
	/* walk back from the end, then put the breaks in order */
	size_t nb = 0;
	for (size_t j = n; j > 0; j = from[j])
		if (from[j] > 0)
			breaks[nb++] = from[j];
	for (size_t i = 0; i < nb / 2; i++) {
		size_t t = breaks[i];
		breaks[i] = breaks[nb - 1 - i];
		breaks[nb - 1 - i] = t;
	}
	free(low.v);
	free(high.v);
	free(from);
	free(best);
	return nb;
}
