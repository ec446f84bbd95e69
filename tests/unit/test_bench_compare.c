/* SPDX-License-Identifier: MIT */
/*
 * lib/bench_compare.c: the verdict rules, and the A/A test.  False alarms are
 * the first complaint about every benchmark tracker, so this runs the same
 * "benchmark" as base and head thousands of times (samples drawn from one
 * distribution, seeded: the test is deterministic) and counts how often
 * the default settings call a regression; then it slows head by 20% and
 * counts how often that is caught.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "bench_compare.h"
#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A timing: log-normal noise of relative width cv, and now and then a slow outlier. */
static double draw(assay_rng *r, double centre, double cv)
{
	double v = centre * exp(cv * assay_rng_normal(r));
	if (assay_rng_uniform(r) < 0.05)
		v *= 1.3 + assay_rng_uniform(r); /* a context switch, a cache flush */
	return v;
}

struct tally {
	int regressed, improved, same, noisy;
};

static struct tally run_many(int trials, size_t n, double cv, double slowdown, uint64_t seed)
{
	struct tally t = { 0 };
	struct bench_compare_opts o = BENCH_COMPARE_OPTS_INIT;
	o.iters = 500; /* the verdict needs p and the threshold; the interval only says how wide */
	assay_rng r;
	assay_rng_seed(&r, seed);
	double base[64], head[64];
	for (int k = 0; k < trials; k++) {
		for (size_t i = 0; i < n; i++) {
			base[i] = draw(&r, 100, cv);
			head[i] = draw(&r, 100 * slowdown, cv);
		}
		char name[32];
		snprintf(name, sizeof(name), "bm%d", k);
		struct bench_comparison c;
		bench_compare(base, n, head, n, NULL, 0, 0, 0.05, name, &o, &c);
		t.regressed += c.verdict == BENCH_REGRESSED;
		t.improved += c.verdict == BENCH_IMPROVED;
		t.same += c.verdict == BENCH_SAME;
		t.noisy += c.verdict == BENCH_NOISY;
	}
	return t;
}

static void test_aa_false_alarms(void **state)
{
	(void)state;
	/* quiet to very noisy machines, few to many samples */
	const double cvs[] = { 0.01, 0.03, 0.10, 0.25 };
	const size_t ns[] = { 6, 10, 30 };
	for (size_t i = 0; i < 4; i++) {
		for (size_t j = 0; j < 3; j++) {
			struct tally t = run_many(400, ns[j], cvs[i], 1.0, 1000 + i * 10 + j);
			/* fewer than 5% called regressions: 20 of 400 */
			if (t.regressed >= 20)
				fail_msg("A/A cv %.2f n %zu: %d of 400 called regressions", cvs[i], ns[j],
					 t.regressed);
			if (t.improved >= 20)
				fail_msg("A/A cv %.2f n %zu: %d of 400 called improvements", cvs[i], ns[j],
					 t.improved);
		}
	}
	/* on a quiet machine with enough samples, A/A is called the same every time */
	struct tally quiet = run_many(400, 30, 0.01, 1.0, 7);
	assert_int_equal(quiet.same, 400);
}

static void test_real_slowdown_caught(void **state)
{
	(void)state;
	/* 20% slower at 3% noise, 10 samples a side: caught in over 97% (the
	 * misses are draws with three outliers in base: then it says noisy) */
	struct tally t = run_many(400, 10, 0.03, 1.2, 99);
	assert_true(t.regressed >= 390);
	assert_int_equal(t.regressed + t.noisy, 400);
	/* at 10% noise, 30 samples catch it in 99% or more */
	t = run_many(400, 30, 0.10, 1.2, 98);
	assert_true(t.regressed >= 396);
	/* 2% slower is under the threshold: not a regression, however clear */
	t = run_many(200, 30, 0.005, 1.02, 97);
	assert_int_equal(t.regressed, 0);
	assert_true(t.same >= 190);
}

static void test_rules(void **state)
{
	(void)state;
	struct bench_compare_opts o = BENCH_COMPARE_OPTS_INIT;
	struct bench_comparison c;
	double base[] = { 100, 101, 99, 100, 102, 98, 100, 101 };
	double slow[] = { 120, 121, 119, 120, 122, 118, 120, 121 };

	bench_compare(base, 8, slow, 8, NULL, 0, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.verdict, BENCH_REGRESSED);
	assert_true(fabs(c.change - 0.2) < 1e-12);
	assert_true(c.ci_lo > 1.15 && c.ci_hi < 1.25);
	assert_true(c.p < 0.01);

	/* bigger is better: the same numbers are an improvement */
	bench_compare(base, 8, slow, 8, NULL, 0, 1, 0.05, "x", &o, &c);
	assert_int_equal(c.verdict, BENCH_IMPROVED);
	bench_compare(slow, 8, base, 8, NULL, 0, 1, 0.05, "x", &o, &c);
	assert_int_equal(c.verdict, BENCH_REGRESSED);

	/* a per-benchmark threshold of 25%: 20% is no regression */
	bench_compare(base, 8, slow, 8, NULL, 0, 0, 0.25, "x", &o, &c);
	assert_int_equal(c.verdict, BENCH_SAME);

	/* too few samples: says how many, no guess */
	bench_compare(base, 3, slow, 8, NULL, 0, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.verdict, BENCH_TOO_FEW);
	assert_int_equal(c.need, 6);
	assert_true(isnan(c.ci_lo));

	/* past the threshold but all over the place: noisy */
	double wild_b[] = { 50, 150, 90, 130, 70, 110 }, wild_h[] = { 60, 170, 100, 150, 80, 125 };
	bench_compare(wild_b, 6, wild_h, 6, NULL, 0, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.verdict, BENCH_NOISY);

	/* instruction counts: constant sides need no statistics */
	double ib[] = { 1000, 1000 }, ih[] = { 1100, 1100 }, ie[] = { 1000, 1000 };
	bench_compare(ib, 2, ih, 2, NULL, 0, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.verdict, BENCH_REGRESSED);
	assert_true(c.constant);
	bench_compare(ib, 2, ie, 2, NULL, 0, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.verdict, BENCH_SAME);

	/* only on one side */
	bench_compare(NULL, 0, slow, 8, NULL, 0, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.verdict, BENCH_NEW);
	bench_compare(base, 8, NULL, 0, NULL, 0, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.verdict, BENCH_GONE);

	/* the same input, the same interval: the bootstrap is seeded by name */
	struct bench_comparison c2;
	bench_compare(base, 8, slow, 8, NULL, 0, 0, 0.05, "y", &o, &c);
	bench_compare(base, 8, slow, 8, NULL, 0, 0, 0.05, "y", &o, &c2);
	assert_true(c.ci_lo == c2.ci_lo && c.ci_hi == c2.ci_hi);

	assert_string_equal(bench_verdict_name(BENCH_NOISY), "noisy: need more samples");
}

static void test_history_rule(void **state)
{
	(void)state;
	struct bench_compare_opts o = BENCH_COMPARE_OPTS_INIT;
	struct bench_comparison c;
	/* the base branch usually runs at ~120; base's own run was a fast fluke */
	double window[] = { 119, 121, 120, 122, 118, 120, 121, 119 };
	double base[] = { 100, 101, 99, 100, 102, 98, 100, 101 };
	double head[] = { 120, 121, 119, 120, 122, 118, 120, 121 };
	bench_compare(base, 8, head, 8, window, 8, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.history, BENCH_HIST_WITHIN);
	assert_int_equal(c.verdict, BENCH_SAME);
	o.rule = BENCH_HISTORY_TTEST;
	bench_compare(base, 8, head, 8, window, 8, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.history, BENCH_HIST_WITHIN);
	assert_int_equal(c.verdict, BENCH_SAME);

	/* history at ~100 too: head stands out, the regression stands */
	double low[] = { 99, 101, 100, 102, 98, 100, 101, 100 };
	o.rule = BENCH_HISTORY_IQR;
	bench_compare(base, 8, head, 8, low, 8, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.history, BENCH_HIST_WORSE);
	assert_int_equal(c.verdict, BENCH_REGRESSED);
	o.rule = BENCH_HISTORY_TTEST;
	bench_compare(base, 8, head, 8, low, 8, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.history, BENCH_HIST_WORSE);
	assert_int_equal(c.verdict, BENCH_REGRESSED);

	/* a window of 3 commits is too short to judge */
	bench_compare(base, 8, head, 8, low, 3, 0, 0.05, "x", &o, &c);
	assert_int_equal(c.history, BENCH_HIST_NONE);
	assert_int_equal(c.verdict, BENCH_REGRESSED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aa_false_alarms),
		cmocka_unit_test(test_real_slowdown_caught),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_history_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
