/* SPDX-License-Identifier: MIT */
/* lib/stats*.c against values computed independently (enumeration, integration). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NEAR(a, b, eps) assert_true(fabs((a) - (b)) < (eps))

static void test_median_quantile(void **state)
{
	(void)state;
	double odd[] = { 5, 1, 4, 2, 3 };
	NEAR(assay_stats_median(odd, 5), 3, 1e-12);
	double even[] = { 8, 1, 4, 2, 3, 7 };
	NEAR(assay_stats_median(even, 6), 3.5, 1e-12);
	assert_true(isnan(assay_stats_median(NULL, 0)));

	/* quickselect against sorting on many shapes, ties and all */
	assay_rng r;
	assay_rng_seed(&r, 7);
	for (int round = 0; round < 200; round++) {
		size_t n = 1 + assay_rng_below(&r, 40);
		double x[40], s[40];
		for (size_t i = 0; i < n; i++)
			x[i] = s[i] = (double)assay_rng_below(&r, round % 2 ? 5 : 1000);
		assay_stats_sort(s, n);
		double want = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
		NEAR(assay_stats_median_inplace(x, n), want, 1e-12);
	}

	double sorted[] = { 1, 2, 3, 4 };
	NEAR(assay_stats_quantile_sorted(sorted, 4, 0.25), 1.75, 1e-12);
	NEAR(assay_stats_quantile_sorted(sorted, 4, 0.5), 2.5, 1e-12);
	NEAR(assay_stats_quantile_sorted(sorted, 4, 1), 4, 1e-12);

	double lo, hi;
	assert_int_equal(assay_stats_iqr_band(sorted, 3, 1.5, &lo, &hi), -1);
	double band[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	assert_int_equal(assay_stats_iqr_band(band, 8, 1.5, &lo, &hi), 0);
	/* Q1 2.75, Q3 6.25, IQR 3.5 */
	NEAR(lo, 2.75 - 5.25, 1e-12);
	NEAR(hi, 6.25 + 5.25, 1e-12);
}

static void test_wilson(void **state)
{
	(void)state;
	double lo, hi;
	assay_stats_wilson(0, 10, 1.959964, &lo, &hi);
	NEAR(lo, 0, 1e-12);
	NEAR(hi, 0.27753, 1e-4);
	assay_stats_wilson(5, 10, 1.959964, &lo, &hi);
	NEAR(lo, 0.23659, 1e-4);
	NEAR(hi, 0.76341, 1e-4);
	assay_stats_wilson(10, 10, 1.959964, &lo, &hi);
	NEAR(lo, 0.72247, 1e-4);
	NEAR(hi, 1, 1e-12);
	assay_stats_wilson(0, 0, 1.959964, &lo, &hi);
	NEAR(lo, 0, 1e-12);
	NEAR(hi, 1, 1e-12);
}

/* Within rel of want, relative to want's size (absolute below 1e-300). */
static void close_to(double got, double want, double rel)
{
	double tol = rel * fmax(fabs(want), 1e-300);
	if (!(fabs(got - want) <= tol))
		fail_msg("%.17g, expected %.17g (relative error %.3g)", got, want,
			 fabs(got - want) / fmax(fabs(want), 1e-300));
}

/*
 * I_x(a, b) against values found without it: whole a and b as the binomial
 * tail P(Bin(a + b - 1, x) >= a), summed exactly with python3's fractions;
 * and closed forms for other a and b.
 */
static void test_inc_beta(void **state)
{
	(void)state;
	static const struct {
		double a, b, x, want;
	} exact[] = {
		{ 2, 3, 0.1, 0.0523 },
		{ 2, 3, 0.5, 0.6875 },
		{ 5, 5, 0.5, 0.5 },
		{ 5, 5, 0.3, 0.09880866 },
		{ 10, 3, 0.9, 0.889130022255 },
		{ 50, 30, 0.6, 0.31705715396911205 },
		{ 50, 30, 0.625, 0.4923080691087855 },   /* past (a + 1) / (a + b + 2): the mirror */
		{ 200, 200, 0.49, 0.3446555724452522 },
		{ 3, 40, 0.05, 0.351013609346228 },
		{ 1, 1, 0.7, 0.7 },
		{ 30, 1, 0.99, 0.7397003733882804 },
		{ 7, 2, 0.001, 7.993e-21 },
	};
	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		close_to(assay_stats_inc_beta(exact[i].a, exact[i].b, exact[i].x), exact[i].want, 1e-12);

	/* I_x(1, b) = 1 - (1 - x)^b and I_x(a, 1) = x^a (DLMF 8.17.2), any a and b */
	static const double ab[] = { 0.3, 0.5, 1.7, 4.25, 12.5, 80 };
	static const double xs[] = { 0.01, 0.2, 0.5, 0.77, 0.999 };
	for (size_t i = 0; i < sizeof(ab) / sizeof(ab[0]); i++)
		for (size_t j = 0; j < sizeof(xs) / sizeof(xs[0]); j++) {
			double x = xs[j], p = ab[i];
			close_to(assay_stats_inc_beta(1, p, x), -expm1(p * log1p(-x)), 1e-12);
			close_to(assay_stats_inc_beta(p, 1, x), pow(x, p), 1e-12);
			/* I_x(1/2, 1/2) = (2/pi) asin(sqrt x): the arcsine distribution */
			close_to(assay_stats_inc_beta(0.5, 0.5, x), 2 / M_PI * asin(sqrt(x)), 1e-12);
			/* symmetry, DLMF 8.17.4 */
			close_to(assay_stats_inc_beta(p, 2.5, x) + assay_stats_inc_beta(2.5, p, 1 - x), 1, 1e-12);
		}
	assert_true(assay_stats_inc_beta(3, 4, 0) == 0);
	assert_true(assay_stats_inc_beta(3, 4, 1) == 1);

	/*
	 * Student's t with 1, 2 and 3 degrees of freedom has a closed form (I_x(df/2, 1/2));
	 * far in the lower tail the closed form subtracts nearly equal numbers and keeps
	 * fewer digits than the fraction: 1e-10
	 */
	static const double ts[] = { -40, -3, -1, -0.2, 0, 0.5, 2, 7.5, 100 };
	for (size_t i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
		double t = ts[i];
		close_to(assay_stats_t_cdf(t, 1), 0.5 + atan(t) / M_PI, 1e-10);
		close_to(assay_stats_t_cdf(t, 2), 0.5 + t / (2 * sqrt(2 + t * t)), 1e-10);
		close_to(assay_stats_t_cdf(t, 3),
			 0.5 + (t / (sqrt(3) * (1 + t * t / 3)) + atan(t / sqrt(3))) / M_PI, 1e-10);
	}
}

static void test_t_and_welch(void **state)
{
	(void)state;
	NEAR(assay_stats_t_cdf(2.0, 10), 0.9633060, 1e-6);
	NEAR(assay_stats_t_cdf(-2.0, 10), 1 - 0.9633060, 1e-6);
	NEAR(assay_stats_t_quantile(0.975, 10), 2.228139, 1e-5);
	NEAR(assay_stats_normal_cdf(1.959964), 0.975, 1e-6);

	double a[] = { 1, 2, 3, 4, 5 }, b[] = { 2, 4, 6, 8, 10 };
	struct assay_welch w;
	assert_int_equal(assay_stats_welch(a, 5, b, 5, &w), 0);
	NEAR(w.t, 1.8973666, 1e-6);
	NEAR(w.df, 5.8823529, 1e-6);
	NEAR(w.p, 2 * 0.0537656, 1e-5);
	assert_int_equal(assay_stats_welch(a, 1, b, 5, &w), -1);

	double c1[] = { 3, 3, 3 }, c2[] = { 4, 4, 4 };
	assert_int_equal(assay_stats_welch(c1, 3, c2, 3, &w), 0);
	NEAR(w.p, 0, 1e-12);
	assert_int_equal(assay_stats_welch(c1, 3, c1, 3, &w), 0);
	NEAR(w.p, 1, 1e-12);
}

static void test_mwu(void **state)
{
	(void)state;
	struct assay_mwu m;
	/* complete separation, 5 a side: 2 / C(10, 5) */
	double a[] = { 1, 2, 3, 4, 5 }, b[] = { 6, 7, 8, 9, 10 };
	assert_int_equal(assay_stats_mwu(a, 5, b, 5, &m), 0);
	assert_true(m.exact);
	NEAR(m.u, 0, 1e-12);
	NEAR(m.p, 2.0 / 252, 1e-12);

	/* interleaved: enumeration of all 252 splits gives 0.690476 */
	double c[] = { 1, 3, 5, 7, 9 }, d[] = { 2, 4, 6, 8, 10 };
	assert_int_equal(assay_stats_mwu(c, 5, d, 5, &m), 0);
	NEAR(m.u, 10, 1e-12);
	NEAR(m.p, 0.6904762, 1e-6);

	/* unequal sizes: 6 against 7, by enumeration 0.013986 */
	double e[] = { 1.1, 2.3, 0.7, 5.5, 3.3, 4.1 }, f[] = { 6.2, 7.7, 2.9, 8.8, 9.1, 5.0, 10.4 };
	assert_int_equal(assay_stats_mwu(e, 6, f, 7, &m), 0);
	assert_true(m.exact);
	NEAR(m.u, 4, 1e-12);
	NEAR(m.p, 0.0139860, 1e-6);
	/* swapping the sides gives the same p and the complementary U */
	assert_int_equal(assay_stats_mwu(f, 7, e, 6, &m), 0);
	NEAR(m.u, 38, 1e-12);
	NEAR(m.p, 0.0139860, 1e-6);

	/* ties: normal approximation, tie-corrected, continuity-corrected */
	double g[] = { 1, 2, 2, 3, 3, 3, 4 }, h[] = { 3, 4, 4, 5, 5, 6, 7 };
	assert_int_equal(assay_stats_mwu(g, 7, h, 7, &m), 0);
	assert_false(m.exact);
	assert_true(m.ties);
	NEAR(m.u, 3.5, 1e-12);
	NEAR(m.z, -2.6667006, 1e-6);
	NEAR(m.p, 0.0076600, 1e-6);

	/* all equal: no evidence at all */
	double k[] = { 5, 5, 5, 5 };
	assert_int_equal(assay_stats_mwu(k, 4, k, 4, &m), 0);
	NEAR(m.p, 1, 1e-12);
	assert_int_equal(assay_stats_mwu(k, 0, k, 4, &m), -1);

	/* the exact path at its largest size stays a probability */
	double big_a[50], big_b[50];
	for (int i = 0; i < 50; i++) {
		big_a[i] = 2 * i;
		big_b[i] = 2 * i + 1;
	}
	assert_int_equal(assay_stats_mwu(big_a, 50, big_b, 50, &m), 0);
	assert_true(m.exact);
	assert_true(m.p > 0.8 && m.p <= 1);

	assert_int_equal(assay_stats_mwu_min_n(0.05), 4);
	assert_int_equal(assay_stats_mwu_min_n(0.01), 5);
}

static void test_bootstrap(void **state)
{
	(void)state;
	double base[30], head[30];
	assay_rng r;
	assay_rng_seed(&r, 1);
	for (int i = 0; i < 30; i++) {
		base[i] = 100 + assay_rng_normal(&r);
		head[i] = 120 + assay_rng_normal(&r);
	}
	double lo1, hi1, lo2, hi2;
	assay_rng_seed(&r, 42);
	assert_int_equal(assay_stats_bootstrap_ratio(base, 30, head, 30, 2000, 0.95, &r, &lo1, &hi1), 0);
	assert_true(lo1 < 1.2 && hi1 > 1.2);
	assert_true(lo1 > 1.15 && hi1 < 1.25);
	/* the same seed, the same interval, bit for bit */
	assay_rng_seed(&r, 42);
	assert_int_equal(assay_stats_bootstrap_ratio(base, 30, head, 30, 2000, 0.95, &r, &lo2, &hi2), 0);
	assert_true(lo1 == lo2 && hi1 == hi2);

	double zeros[] = { 0, 0, 0 };
	assert_int_equal(assay_stats_bootstrap_ratio(zeros, 3, head, 30, 100, 0.95, &r, &lo1, &hi1), -1);

	/* the unbiased draw covers its range */
	int seen[7] = { 0 };
	for (int i = 0; i < 700; i++)
		seen[assay_rng_below(&r, 7)]++;
	for (int i = 0; i < 7; i++)
		assert_true(seen[i] > 50);
}

static void test_steps(void **state)
{
	(void)state;
	assay_rng r;
	assay_rng_seed(&r, 3);
	double y[60];
	size_t breaks[60];
	/* pure noise: no step, whatever the seed */
	for (int seed = 0; seed < 20; seed++) {
		assay_rng_seed(&r, (uint64_t)seed);
		for (int i = 0; i < 60; i++)
			y[i] = 100 + assay_rng_normal(&r);
		assert_int_equal(assay_stats_steps(y, 60, 0, breaks), 0);
	}
	/* one step of 20% at index 37, noise 1% */
	for (int i = 0; i < 60; i++)
		y[i] = (i < 37 ? 100 : 120) + assay_rng_normal(&r);
	assert_int_equal(assay_stats_steps(y, 60, 0, breaks), 1);
	assert_int_equal(breaks[0], 37);
	/* two steps, up then back down; one wild point is not a step */
	for (int i = 0; i < 60; i++)
		y[i] = (i >= 20 && i < 40 ? 110 : 100) + 0.5 * assay_rng_normal(&r);
	y[50] = 300;
	assert_int_equal(assay_stats_steps(y, 60, 0, breaks), 2);
	assert_int_equal(breaks[0], 20);
	assert_int_equal(breaks[1], 40);
	/* noiseless: the change is exact */
	double flat[] = { 5, 5, 5, 5, 6, 6, 6, 6 };
	assert_int_equal(assay_stats_steps(flat, 8, 0, breaks), 1);
	assert_int_equal(breaks[0], 4);
	assert_int_equal(assay_stats_steps(flat, 1, 0, breaks), 0);
	/* a value that is not finite (a sample stored as Inf): no steps, and no fit read unset */
	double inf[] = { INFINITY, INFINITY, 5, 5, 6, 6 };
	assert_int_equal(assay_stats_steps(inf, 6, 0, breaks), 0);
	flat[5] = NAN;
	assert_int_equal(assay_stats_steps(flat, 8, 0, breaks), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_median_quantile),
		cmocka_unit_test(test_wilson),
		cmocka_unit_test(test_inc_beta),
		cmocka_unit_test(test_t_and_welch),
		cmocka_unit_test(test_mwu),
		cmocka_unit_test(test_bootstrap),
		cmocka_unit_test(test_steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
