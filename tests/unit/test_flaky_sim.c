/* SPDX-License-Identifier: MIT */
/*
 * The history score's A/A test, as bench's: thousands of simulated tests,
 * 40 runs each on 40 commits (one run a commit, so only the history can
 * tell), stored and scored through flaky_score() as `flaky list` does.
 * Steady tests and tests with one change of state (broke, or was fixed)
 * are not flaky: at most 5% may be listed at all.  Tests failing at random
 * with a probability from 0.2 to 0.8 are: at least 95% of each must reach
 * quarantine's default --min-score.  Seeded: the same draws every time.
 * The rates at other thresholds are printed (ctest -V) for flaky/README.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "run.h"
#include "score.h"
#include "stats.h"
#include "storetest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 40

/* A kind of test, how many of it, and its history's shape. */
enum shape { STEADY, ONE_CHANGE, BREAK_FIX, RANDOM };

struct kind {
	const char *name;
	enum shape shape;
	double p; /* RANDOM: the chance to fail in each run */
	int count;
	int listed, quarantined; /* score > 0, score >= the default */
	int at[5];               /* score >= each of cuts[] */
};

static struct kind kinds[] = {
	{ "steady", STEADY, 0, 400, 0, 0, { 0 } },
	{ "one change", ONE_CHANGE, 0, 800, 0, 0, { 0 } },
	{ "broke, fixed later", BREAK_FIX, 0, 400, 0, 0, { 0 } },
	{ "random p=0.05", RANDOM, 0.05, 300, 0, 0, { 0 } },
	{ "random p=0.1", RANDOM, 0.1, 300, 0, 0, { 0 } },
	{ "random p=0.2", RANDOM, 0.2, 300, 0, 0, { 0 } },
	{ "random p=0.3", RANDOM, 0.3, 300, 0, 0, { 0 } },
	{ "random p=0.4", RANDOM, 0.4, 300, 0, 0, { 0 } },
	{ "random p=0.5", RANDOM, 0.5, 300, 0, 0, { 0 } },
	{ "random p=0.6", RANDOM, 0.6, 300, 0, 0, { 0 } },
	{ "random p=0.7", RANDOM, 0.7, 300, 0, 0, { 0 } },
	{ "random p=0.8", RANDOM, 0.8, 300, 0, 0, { 0 } },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

/* The thresholds shown around the default, for the README's table. */
static const double cuts[5] = { 0.4, 0.45, 0.5, 0.55, 0.6 };

/* One test's 40 statuses, 1 failed. */
static void draw(assay_rng *r, const struct kind *k, unsigned char *h)
{
	int start = (int)assay_rng_below(r, 2);
	/* a change between two runs: the new state from run 1 to 39 */
	int a = 1 + (int)assay_rng_below(r, RUNS - 1), b = RUNS;
	if (k->shape == BREAK_FIX) {
		a = 1 + (int)assay_rng_below(r, RUNS - 2);
		b = a + 1 + (int)assay_rng_below(r, (uint64_t)(RUNS - 1 - a));
	}
	for (int i = 0; i < RUNS; i++) {
		switch (k->shape) {
		case STEADY: h[i] = (unsigned char)start; break;
		case ONE_CHANGE: h[i] = (unsigned char)(i < a ? start : !start); break;
		case BREAK_FIX: h[i] = i >= a && i < b; break;
		case RANDOM: h[i] = assay_rng_uniform(r) < k->p; break;
		}
	}
}

static void test_simulated_history(void **state)
{
	(void)state;
	char db[TESTTMP_MAX + 16];
	snprintf(db, sizeof(db), "%s/sim.db", storetest_dir);
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	assert_int_equal(assay_store_open(&st, db, &err), 0);
	int ntests = 0;
	for (size_t k = 0; k < NKINDS; k++)
		ntests += kinds[k].count;
	unsigned char *hist = malloc((size_t)ntests * RUNS);
	int *kind_of = malloc((size_t)ntests * sizeof(*kind_of));
	assay_rng rng;
	assay_rng_seed(&rng, 20260);
	for (int t = 0, k = 0, left = kinds[0].count; t < ntests; t++, left--) {
		if (!left)
			left = kinds[++k].count;
		kind_of[t] = k;
		draw(&rng, &kinds[k], hist + (size_t)t * RUNS);
	}
	for (int i = 0; i < RUNS; i++) {
		char sha[16], tree[16];
		snprintf(sha, sizeof(sha), "c%d", i + 1);
		snprintf(tree, sizeof(tree), "t%d", i + 1);
		assay_runctx ctx = { .commit = sha, .tree = tree, .time = 1000 + i, .branch = (char *)"main" };
		assay_run *run;
		assert_int_equal(assay_run_begin(&run, st, "ingest", &ctx, &err), 0);
		for (int t = 0; t < ntests; t++) {
			char name[16];
			snprintf(name, sizeof(name), "t%d", t);
			assay_result r = { .suite = "sim", .classname = "", .name = name,
					   .status = hist[(size_t)t * RUNS + i] ? ASSAY_FAIL : ASSAY_PASS,
					   .attempt = 1, .final = 1, .duration_us = -1 };
			assert_int_equal(assay_run_add_result(run, &r, &err), 0);
		}
		assert_int_equal(assay_run_finish(run, NULL, &err), 0);
		assay_run_free(run);
	}

	struct flaky_score_opts o = FLAKY_SCORE_OPTS_INIT;
	o.now = (int64_t)time(NULL);
	struct flaky_report rep;
	assert_int_equal(flaky_score(st, &o, &rep, &err), 0);
	assert_int_equal(rep.runs, RUNS);
	assert_int_equal(rep.ninfra, 0);
	assert_int_equal(rep.tests, ntests);
	for (size_t i = 0; i < rep.n; i++) {
		struct kind *k = &kinds[kind_of[atoi(rep.v[i].name + 1)]];
		double s = rep.v[i].score;
		k->listed++;
		for (int j = 0; j < 5; j++)
			k->at[j] += s >= cuts[j];
	}
	/* quarantine's own cut, on the same report */
	flaky_report_drop_below(&rep, FLAKY_QUARANTINE_MIN);
	for (size_t i = 0; i < rep.n; i++)
		kinds[kind_of[atoi(rep.v[i].name + 1)]].quarantined++;
	flaky_report_release(&rep);

	print_message("%-20s %6s", "over 40 runs", "listed");
	for (int j = 0; j < 5; j++)
		print_message("  >=%.2f", cuts[j]);
	print_message(" %6s\n", "quar.");
	for (size_t i = 0; i < NKINDS; i++) {
		const struct kind *k = &kinds[i];
		print_message("%-20s", k->name);
		print_message(" %5.1f%%", 100.0 * k->listed / k->count);
		for (int j = 0; j < 5; j++)
			print_message(" %6.1f%%", 100.0 * k->at[j] / k->count);
		print_message(" %5.1f%%\n", 100.0 * k->quarantined / k->count);
	}
	for (size_t i = 0; i < NKINDS; i++) {
		const struct kind *k = &kinds[i];
		if (k->shape == STEADY || k->shape == ONE_CHANGE) {
			/* at most 5% listed; one change of state is never flakiness */
			if (k->listed * 20 > k->count)
				fail_msg("%s: %d of %d listed as flaky", k->name, k->listed, k->count);
			assert_int_equal(k->listed, 0);
		} else if (k->shape == BREAK_FIX) {
			if (k->quarantined * 20 > k->count)
				fail_msg("%s: %d of %d quarantined", k->name, k->quarantined, k->count);
		} else if (k->p >= 0.2 - 1e-9 && k->p <= 0.8 + 1e-9) {
			if (k->quarantined * 100 < k->count * 95)
				fail_msg("%s: only %d of %d quarantined by default", k->name,
					 k->quarantined, k->count);
		}
	}
	free(hist);
	free(kind_of);
	assay_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simulated_history),
	};
	return cmocka_run_group_tests(tests, storetest_setup, storetest_teardown);
}
