/* SPDX-License-Identifier: MIT */
/* Descriptive statistics, distributions, Wilson interval, Welch's t-test. */
#include "stats.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void swap(double *a, double *b)
{
	double t = *a;
	*a = *b;
	*b = t;
}

/* The k-th smallest of x[0..n) (0-based), moving it to x[k]: Hoare's quickselect. */
static double select_kth(double *x, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		/* median of three keeps sorted and reversed inputs linear */
		size_t mid = lo + (hi - lo) / 2;
		if (x[mid] < x[lo])
			swap(&x[mid], &x[lo]);
		if (x[hi] < x[lo])
			swap(&x[hi], &x[lo]);
		if (x[hi] < x[mid])
			swap(&x[hi], &x[mid]);
		double pivot = x[mid];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (x[i] < pivot)
				i++;
			while (x[j] > pivot)
				j--;
			if (i <= j) {
				swap(&x[i], &x[j]);
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return x[k];
}

double assay_stats_median_inplace(double *x, size_t n)
{
	if (n == 0)
		return NAN;
	double hi = select_kth(x, n, n / 2);
	if (n % 2)
		return hi;
	/* the lower middle is the largest of what quickselect left below n/2 */
	double lo = x[0];
	for (size_t i = 1; i < n / 2; i++)
		if (x[i] > lo)
			lo = x[i];
	return (lo + hi) / 2;
}

double assay_stats_median(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	double *c = assay_xmalloc(n * sizeof(*c));
	memcpy(c, x, n * sizeof(*c));
	double m = assay_stats_median_inplace(c, n);
	free(c);
	return m;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void assay_stats_sort(double *x, size_t n)
{
	qsort(x, n, sizeof(*x), cmp_double);
}

double assay_stats_quantile_sorted(const double *sorted, size_t n, double p)
{
	if (n == 0)
		return NAN;
	if (p <= 0)
		return sorted[0];
	if (p >= 1)
		return sorted[n - 1];
	double h = (double)(n - 1) * p;
	size_t i = (size_t)h;
	double f = h - (double)i;
	if (i + 1 >= n)
		return sorted[n - 1];
	return sorted[i] + f * (sorted[i + 1] - sorted[i]);
}

double assay_stats_mean(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	return s / (double)n;
}

double assay_stats_variance(const double *x, size_t n)
{
	if (n < 2)
		return 0;
	double m = assay_stats_mean(x, n), s = 0;
	for (size_t i = 0; i < n; i++)
		s += (x[i] - m) * (x[i] - m);
	return s / (double)(n - 1);
}

int assay_stats_iqr_band(const double *x, size_t n, double k, double *lo, double *hi)
{
	if (n < 4)
		return -1;
	double *c = assay_xmalloc(n * sizeof(*c));
	memcpy(c, x, n * sizeof(*c));
	assay_stats_sort(c, n);
	double q1 = assay_stats_quantile_sorted(c, n, 0.25);
	double q3 = assay_stats_quantile_sorted(c, n, 0.75);
	free(c);
	*lo = q1 - k * (q3 - q1);
	*hi = q3 + k * (q3 - q1);
	return 0;
}

double assay_stats_normal_cdf(double z)
{
	return 0.5 * erfc(-z / sqrt(2.0));
}

/*
 * The continued fraction of I_x(a, b), DLMF 8.17.22:
 *
 *   I_x(a, b) = x^a (1 - x)^b / (a B(a, b)) * 1/(1 + d_1/(1 + d_2/(1 + ...)))
 *
 *   d_2m   =  m (b - m) x / ((a + 2m - 1)(a + 2m))          (DLMF 8.17.23)
 *   d_2m+1 = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))  (DLMF 8.17.24)
 *
 * which converges fast for x < (a + 1)/(a + b + 2).  Its convergents
 * A_n / B_n come from the fundamental recurrences (DLMF 1.12.5): with
 * every partial denominator 1, A_n = A_(n-1) + d_(n-1) A_(n-2), the same for
 * B_n, from A_0 = 0, A_1 = 1, B_0 = B_1 = 1.  A and B grow or shrink
 * geometrically, so each step divides all four kept by B_n (the ratio is
 * what counts).  Returns the fraction's value, the prefactor left out.
 */
static double beta_fraction(double a, double b, double x)
{
	double a_prev = 0, a_cur = 1, b_prev = 1, b_cur = 1; /* n = 0 and n = 1 */
	double value = 1;
	for (int n = 2; n <= 1000; n++) {
		int k = n - 1; /* the numerator d_k joins at step n */
		double m = (double)(k / 2), d;
		if (k % 2 == 0)
			d = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
		else
			d = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
		double a_next = a_cur + d * a_prev, b_next = b_cur + d * b_prev;
		double scale = b_next != 0 ? b_next : 1;
		a_prev = a_cur / scale;
		b_prev = b_cur / scale;
		a_cur = a_next / scale;
		b_cur = b_next / scale;
		if (b_cur == 0)
			continue; /* a convergent at infinity: the next one is finite again */
		double was = value;
		value = a_cur / b_cur;
		if (fabs(value - was) <= 1e-15 * fabs(value))
			break;
	}
	return value;
}

/* The regularized incomplete beta function I_x(a, b). */
double assay_stats_inc_beta(double a, double b, double x)
{
	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	/* I_x(a, b) = 1 - I_(1-x)(b, a) (DLMF 8.17.4): the fraction where it converges fast */
	if (x > (a + 1) / (a + b + 2))
		return 1 - assay_stats_inc_beta(b, a, 1 - x);
	double log_front = a * log(x) + b * log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b));
	return exp(log_front) / a * beta_fraction(a, b, x);
}

double assay_stats_t_cdf(double t, double df)
{
	if (isinf(t))
		return t > 0 ? 1 : 0;
	double tail = 0.5 * assay_stats_inc_beta(df / 2, 0.5, df / (df + t * t));
	return t > 0 ? 1 - tail : tail;
}

double assay_stats_t_quantile(double q, double df)
{
	/* bisection on the monotone CDF: plenty fast for the few calls made */
	double lo = -1e3, hi = 1e3;
	for (int i = 0; i < 200; i++) {
		double mid = (lo + hi) / 2;
		if (assay_stats_t_cdf(mid, df) < q)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

void assay_stats_wilson(uint64_t k, uint64_t n, double z, double *lo, double *hi)
{
	if (n == 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	double nn = (double)n, p = (double)k / nn, z2 = z * z;
	double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
	double half = z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
	*lo = centre - half;
	*hi = centre + half;
	/* exact ends: no rounding below 0 or above 1, and k = 0 starts at 0 */
	if (*lo < 0 || k == 0)
		*lo = 0;
	if (*hi > 1 || k == n)
		*hi = 1;
}

int assay_stats_welch(const double *a, size_t na, const double *b, size_t nb,
		      struct assay_welch *out)
{
	if (na < 2 || nb < 2)
		return -1;
	out->mean_a = assay_stats_mean(a, na);
	out->mean_b = assay_stats_mean(b, nb);
	double va = assay_stats_variance(a, na) / (double)na;
	double vb = assay_stats_variance(b, nb) / (double)nb;
	double diff = out->mean_b - out->mean_a;
	if (va + vb == 0) {
		out->t = diff == 0 ? 0 : (diff > 0 ? INFINITY : -INFINITY);
		out->df = (double)(na + nb - 2);
		out->p = diff == 0 ? 1 : 0;
		return 0;
	}
	out->t = diff / sqrt(va + vb);
	out->df = (va + vb) * (va + vb) /
		  (va * va / (double)(na - 1) + vb * vb / (double)(nb - 1));
	out->p = 2 * assay_stats_t_cdf(-fabs(out->t), out->df);
	if (out->p > 1)
		out->p = 1;
	return 0;
}
