/* SPDX-License-Identifier: MIT */
/*
 * Statistics for flakiness and benchmarks: the few tests Assay needs,
 * written out so that their behaviour (ties, small samples, seeds) is
 * stated here rather than inherited from a library's defaults.
 *
 * Nothing here allocates memory that outlives a call, prints, or keeps
 * state between calls: randomness comes from a caller-owned assay_rng, so
 * the same seed gives the same answer on every machine.
 */
#ifndef ASSAY_STATS_H
#define ASSAY_STATS_H

#include <stddef.h>
#include <stdint.h>

/* ---- descriptive (stats.c) ---- */

/* The median of x[0..n); x is reordered (quickselect). NAN when n == 0. */
double assay_stats_median_inplace(double *x, size_t n);
/* The median of x[0..n), x untouched. NAN when n == 0. */
double assay_stats_median(const double *x, size_t n);
/* Quantile p (0..1) of sorted[0..n), linear between order statistics (R's type 7). */
double assay_stats_quantile_sorted(const double *sorted, size_t n, double p);
double assay_stats_mean(const double *x, size_t n);
/* Sample variance (n - 1 in the denominator); 0 when n < 2. */
double assay_stats_variance(const double *x, size_t n);
/* Sort x ascending (NaNs are not allowed in x). */
void assay_stats_sort(double *x, size_t n);

/*
 * The IQR band of x: [Q1 - k*IQR, Q3 + k*IQR] (Tukey's fences; k = 1.5 is
 * the usual).  Returns -1 when n < 4, too few for quartiles to mean much.
 */
int assay_stats_iqr_band(const double *x, size_t n, double k, double *lo, double *hi);

/* ---- distributions (stats.c) ---- */

/*
 * The regularized incomplete beta function I_x(a, b) (a, b > 0): 0 at
 * x <= 0, 1 at x >= 1.  Relative error near 1e-13 (tests/unit/test_stats.c).
 */
double assay_stats_inc_beta(double a, double b, double x);
/* P(Z <= z) for a standard normal Z. */
double assay_stats_normal_cdf(double z);
/* P(T <= t) for Student's t with df degrees of freedom (df > 0, not necessarily whole). */
double assay_stats_t_cdf(double t, double df);
/* The q quantile of Student's t with df degrees of freedom (0 < q < 1). */
double assay_stats_t_quantile(double q, double df);

/* ---- proportions (stats.c) ---- */

/*
 * Wilson score interval for k successes in n trials at normal quantile z
 * (1.959964 for 95%).  Unlike the textbook p ± z·se it stays inside [0, 1]
 * and is honest at k = 0 and k = n, which is where flaky tests live.
 * n == 0 gives [0, 1].
 */
void assay_stats_wilson(uint64_t k, uint64_t n, double z, double *lo, double *hi);

/* ---- Welch's t-test (stats.c) ---- */

struct assay_welch {
	double mean_a, mean_b;
	double t;  /* (mean_b - mean_a) / se */
	double df; /* Welch–Satterthwaite */
	double p;  /* two-sided */
};

/*
 * Welch's unequal-variance t-test of a against b.  Returns 0, or -1 when a
 * side has fewer than 2 values.  Both sides constant: p is 1 when the means
 * are equal, else 0 (the difference is exact, not noise).
 */
int assay_stats_welch(const double *a, size_t na, const double *b, size_t nb,
		      struct assay_welch *out);

/* ---- Mann–Whitney U (stats_mwu.c) ---- */

struct assay_mwu {
	double u;    /* U of sample a: pairs (a_i, b_j) with a_i > b_j, ties counting 1/2 */
	double z;    /* the normal approximation's z (0 when exact) */
	double p;    /* two-sided p-value */
	int exact;   /* 1: exact distribution (no ties, both sides <= ASSAY_MWU_EXACT_MAX) */
	int ties;    /* 1 when values were tied across or within the samples */
};

#define ASSAY_MWU_EXACT_MAX 50

/*
 * The Mann–Whitney U test (Wilcoxon rank-sum) of a against b.  Exact p from
 * the distribution of U when there are no ties and both sides hold at most
 * ASSAY_MWU_EXACT_MAX values; otherwise the normal approximation with the
 * tie-corrected variance and a continuity correction.  Everything tied
 * (zero variance) gives p = 1.  Returns -1 when a side is empty.
 * Allocates a temporary; O((na+nb) log(na+nb) + na·nb·min(na,nb)) at worst.
 */
int assay_stats_mwu(const double *a, size_t na, const double *b, size_t nb,
		    struct assay_mwu *out);

/*
 * The smallest n such that the exact two-sided test of n against n values
 * can reach p < alpha at all (complete separation): 4 for alpha = 0.05.
 */
size_t assay_stats_mwu_min_n(double alpha);

/* ---- seeded randomness and the bootstrap (stats_boot.c) ---- */

/* xoshiro256** seeded through splitmix64: small, fast, the same everywhere. */
typedef struct assay_rng {
	uint64_t s[4];
} assay_rng;

void assay_rng_seed(assay_rng *r, uint64_t seed);
uint64_t assay_rng_next(assay_rng *r);
/* A uniform integer in [0, n), n > 0, without modulo bias. */
uint64_t assay_rng_below(assay_rng *r, uint64_t n);
/* A uniform double in [0, 1). */
double assay_rng_uniform(assay_rng *r);
/* A standard normal variate (Box–Muller, one of the pair). */
double assay_rng_normal(assay_rng *r);
/* A 64-bit seed from a string and a base seed (XXH3), to give each benchmark its own stream. */
uint64_t assay_rng_seed_of(const char *s, uint64_t base);

/*
 * Percentile bootstrap confidence interval, at level conf (0.95), of the
 * ratio median(head) / median(base): iters resamples of each side with
 * replacement.  Returns 0; -1 when a side is empty or the base median is 0
 * (no ratio).  Resamples whose base median is 0 are drawn again.
 */
int assay_stats_bootstrap_ratio(const double *base, size_t nb, const double *head, size_t nh,
				unsigned iters, double conf, assay_rng *rng, double *lo,
				double *hi);

/* ---- step detection (stats_steps.c) ---- */

/*
 * Where a series changes level, asv-style: the piecewise-constant fit that
 * minimises the sum of absolute deviations from each segment's median plus
 * gamma per segment (an exact dynamic programme, O(n^2 log n)).  A segment
 * of one point is allowed only at the end, where the newest value may be
 * the first of a new level; inside, a lone point is an outlier.  The start
 * index of every segment after the first is written to breaks (room for n
 * entries) and their number returned.  gamma <= 0: chosen from the data, as
 * assay_stats_steps_gamma() says.  A series with a value that is not finite
 * has no steps (0).
 */
size_t assay_stats_steps(const double *y, size_t n, double gamma, size_t *breaks);

/*
 * The penalty assay_stats_steps() uses by default: a robust estimate of the
 * point-to-point noise (the median absolute difference of neighbours,
 * scaled to a standard deviation) times 3·ln(n), so that pure noise yields
 * no step and a level shift of a few noise widths held for a few points
 * does.  A noiseless series gets a penalty from its scale instead.
 */
double assay_stats_steps_gamma(const double *y, size_t n);

#endif
