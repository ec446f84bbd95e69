/* SPDX-License-Identifier: MIT */
/* Seeded randomness and the bootstrap interval of a ratio of medians. */
#include "stats.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void assay_rng_seed(assay_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t assay_rng_next(assay_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t assay_rng_below(assay_rng *r, uint64_t n)
{
	if (n <= UINT32_MAX) {
		/* Lemire's multiply-and-shift: no division on the hot path of the bootstrap */
		uint64_t m = (assay_rng_next(r) >> 32) * n;
		uint32_t low = (uint32_t)m;
		if (low < n) {
			uint32_t floor = (uint32_t)(-(uint32_t)n % (uint32_t)n);
			while (low < floor) {
				m = (assay_rng_next(r) >> 32) * n;
				low = (uint32_t)m;
			}
		}
		return m >> 32;
	}
	/* reject the top sliver that would make some values likelier */
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t x;
	do
		x = assay_rng_next(r);
	while (x >= limit);
	return x % n;
}

double assay_rng_uniform(assay_rng *r)
{
	return (double)(assay_rng_next(r) >> 11) * 0x1.0p-53;
}

double assay_rng_normal(assay_rng *r)
{
	double u1;
	do
		u1 = assay_rng_uniform(r);
	while (u1 <= 0);
	double u2 = assay_rng_uniform(r);
	return sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
}

uint64_t assay_rng_seed_of(const char *s, uint64_t base)
{
	return XXH3_64bits_withSeed(s, strlen(s), base);
}

/*
 * The median of a resample of sorted[0..n): draw n indices, count them,
 * and read the middle order statistics off the counts.  Resampling from
 * sorted values means the resample's k-th smallest is sorted[k-th smallest
 * index], so no values are moved: O(n) with no comparisons of doubles.
 */
static double resampled_median(const double *sorted, size_t n, unsigned *counts, assay_rng *rng)
{
	memset(counts, 0, n * sizeof(*counts));
	for (size_t i = 0; i < n; i++)
		counts[assay_rng_below(rng, n)]++;
	size_t lo_rank = (n - 1) / 2, hi_rank = n / 2, seen = 0;
	double lo = NAN;
	for (size_t i = 0; i < n; i++) {
		seen += counts[i];
		if (isnan(lo) && seen > lo_rank)
			lo = sorted[i];
		if (seen > hi_rank)
			return (lo + sorted[i]) / 2;
	}
	return lo; /* not reached: the counts add up to n */
}

int assay_stats_bootstrap_ratio(const double *base, size_t nb, const double *head, size_t nh,
				unsigned iters, double conf, assay_rng *rng, double *lo,
				double *hi)
{
	if (nb == 0 || nh == 0 || iters == 0 || assay_stats_median(base, nb) == 0)
		return -1;
	double *sb = assay_xmalloc(nb * sizeof(*sb)), *sh = assay_xmalloc(nh * sizeof(*sh));
	memcpy(sb, base, nb * sizeof(*sb));
	memcpy(sh, head, nh * sizeof(*sh));
	assay_stats_sort(sb, nb);
	assay_stats_sort(sh, nh);
	unsigned *counts = assay_xmalloc((nb > nh ? nb : nh) * sizeof(*counts));
	double *ratios = assay_xmalloc(iters * sizeof(*ratios));
	for (unsigned it = 0; it < iters; it++) {
		double mb;
		/* the base median is not 0 (checked above), so a resample with a
		 * non-zero median turns up: at least one value is non-zero */
		do
			mb = resampled_median(sb, nb, counts, rng);
		while (mb == 0);
		ratios[it] = resampled_median(sh, nh, counts, rng) / mb;
	}
	free(sb);
	free(sh);
	free(counts);
	assay_stats_sort(ratios, iters);
	double tail = (1 - conf) / 2;
	*lo = assay_stats_quantile_sorted(ratios, iters, tail);
	*hi = assay_stats_quantile_sorted(ratios, iters, 1 - tail);
	free(ratios);
	return 0;
}
