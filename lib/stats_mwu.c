/* SPDX-License-Identifier: MIT */
/* The Mann–Whitney U test: exact for small untied samples, normal otherwise. */
#include "stats.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>

struct tagged {
	double v;
	int from_a;
};

static int cmp_tagged(const void *x, const void *y)
{
	double a = ((const struct tagged *)x)->v, b = ((const struct tagged *)y)->v;
	return (a > b) - (a < b);
}

/*
 * The number of arrangements giving each U for samples of m and n: the
 * coefficients of the Gaussian binomial [m+n choose m]_q, built as
 * prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i).  Each step keeps the polynomial
 * a Gaussian binomial, so its coefficients stay non-negative; the
 * multiply-then-divide costs O(m·n) a step, O(m²·n) in all.
 * Returns a new array of m*n + 1 counts (as doubles: C(100, 50) > 2^64).
 */
static double *u_counts(size_t m, size_t n)
{
	size_t size = m * n + m + 1;
	double *c = assay_xcalloc(size, sizeof(*c));
	c[0] = 1;
	size_t deg = 0;
	for (size_t i = 1; i <= m; i++) {
		size_t shift = n + i, top = deg + shift;
		for (size_t k = top; k >= shift; k--)
			c[k] -= c[k - shift];
		for (size_t k = i; k <= top; k++)
			c[k] += c[k - i];
		deg = i * n;
	}
	return c;
}

int assay_stats_mwu(const double *a, size_t na, const double *b, size_t nb,
		    struct assay_mwu *out)
{
	if (na == 0 || nb == 0)
		return -1;
	size_t N = na + nb;
	struct tagged *t = assay_xmalloc(N * sizeof(*t));
	for (size_t i = 0; i < na; i++)
		t[i] = (struct tagged){ a[i], 1 };
	for (size_t i = 0; i < nb; i++)
		t[na + i] = (struct tagged){ b[i], 0 };
	qsort(t, N, sizeof(*t), cmp_tagged);

	/* average ranks over runs of ties; sum of (t^3 - t) for the variance */
	double rank_a = 0, tie_sum = 0;
	for (size_t i = 0; i < N;) {
		size_t j = i + 1;
		while (j < N && t[j].v == t[i].v)
			j++;
		double avg = ((double)(i + 1) + (double)j) / 2, len = (double)(j - i);
		for (size_t k = i; k < j; k++)
			if (t[k].from_a)
				rank_a += avg;
		tie_sum += len * len * len - len;
		i = j;
	}
	free(t);

	double mn = (double)na * (double)nb;
	out->u = rank_a - (double)na * ((double)na + 1) / 2;
	out->ties = tie_sum > 0;
	out->z = 0;
	out->exact = 0;

	if (!out->ties && na <= ASSAY_MWU_EXACT_MAX && nb <= ASSAY_MWU_EXACT_MAX) {
		size_t m = na < nb ? na : nb, n = na < nb ? nb : na;
		double *c = u_counts(m, n);
		double u_lo = out->u < mn - out->u ? out->u : mn - out->u;
		double below = 0, total = 0;
		for (size_t k = 0; k <= m * n; k++) {
			total += c[k];
			if ((double)k <= u_lo)
				below += c[k];
		}
		free(c);
		out->exact = 1;
		out->p = 2 * below / total;
		if (out->p > 1)
			out->p = 1;
		return 0;
	}

	double Nd = (double)N;
	double var = mn / 12 * ((Nd + 1) - tie_sum / (Nd * (Nd - 1)));
	if (var <= 0) {
		out->p = 1; /* everything tied: no evidence of any difference */
		return 0;
	}
	double d = out->u - mn / 2;
	/* continuity correction: half a step towards the mean */
	double cc = d > 0 ? -0.5 : (d < 0 ? 0.5 : 0);
	if (fabs(d) < 0.5)
		cc = -d;
	out->z = (d + cc) / sqrt(var);
	out->p = 2 * assay_stats_normal_cdf(-fabs(out->z));
	if (out->p > 1)
		out->p = 1;
	return 0;
}

size_t assay_stats_mwu_min_n(double alpha)
{
	/* smallest possible two-sided p for n against n is 2 / C(2n, n) */
	double binom = 2; /* C(2, 1) */
	for (size_t n = 1; n < 64; n++) {
		if (2 / binom < alpha)
			return n;
		/* C(2n+2, n+1) = C(2n, n) * (2n+1)(2n+2) / (n+1)^2 */
		binom *= (2.0 * (double)n + 1) * (2.0 * (double)n + 2) /
			 (((double)n + 1) * ((double)n + 1));
	}
	return 64;
}
