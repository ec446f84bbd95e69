/* SPDX-License-Identifier: MIT */
/*
 * Flakiness from history: every test of every run in the store, scored.
 *
 * Certain evidence (score 1): a test that passed and failed on one commit;
 * that failed and then passed on a rerun inside one run (Surefire's
 * flakyFailure: attempts with final = 0); or that passed under one commit
 * and failed under another with the same git tree (a rebase: the same
 * sources).  Otherwise it comes from the exponentially decayed flip rate
 * (of the test's consecutive runs, the share whose status differs from the
 * one before, recent transitions weighing more) r: r / (r + FLAKY_FLIP_HALF),
 * always below 1, so 1 still means certain; and 0 with fewer than two
 * flips, as one change of state is a regression or a fix, not flakiness.
 * The constant and quarantine's default --min-score were chosen by
 * simulation (tests/unit/test_flaky_sim.c, flaky/README.md).
 *
 * A run in which more than infra_fraction of the tests failed (with at
 * least infra_min_tests tests) is an infrastructure failure: listed, and
 * not counted against any test.
 *
 * Runs are walked once, in order of their source tree's first appearance,
 * then commit, then start, holding O(tests) state: the cost is linear in
 * the number of results.
 */
#ifndef ASSAY_FLAKY_SCORE_H
#define ASSAY_FLAKY_SCORE_H

#include "err.h"
#include "store.h"

#include <stddef.h>
#include <stdint.h>

struct flaky_score_opts {
	double window_days;      /* only runs started this recently; <= 0: all */
	int64_t now;             /* unix seconds the window counts back from */
	double infra_fraction;   /* 0.8 */
	size_t infra_min_tests;  /* 5 */
	double half_life;        /* transitions after which a flip weighs half (20) */
};

#define FLAKY_SCORE_OPTS_INIT { 0, 0, 0.8, 5, 20 }

/* The flip rate that scores 0.5: a change of state on one run in eight. */
#define FLAKY_FLIP_HALF 0.125
/* What `quarantine` takes by default: that flip rate, or certain evidence. */
#define FLAKY_QUARANTINE_MIN 0.5

struct flaky_scored {
	int64_t test_id;
	char *suite, *classname, *name;
	double score;        /* 1 with certain evidence, else from the flip rate (above) */
	double flip_rate;
	unsigned runs, fails, flips;
	unsigned same_commit; /* times it passed and failed on one commit */
	unsigned same_tree;   /* ... on one tree under different commits */
	unsigned reruns;      /* runs where it failed, then passed on a rerun */
	char *first_sha;      /* the commit of its first run in the window */
	char *last_flip_sha;  /* the commit of its latest flip, NULL if none */
	int64_t last_flip_time;
};

struct flaky_infra {
	int64_t run_id;
	char *sha;
	char *label;
	unsigned tests, failed;
};

struct flaky_report {
	struct flaky_scored *v; /* score > 0 only, highest first */
	size_t n;
	struct flaky_infra *infra;
	size_t ninfra;
	size_t runs;            /* runs looked at (infrastructure failures included) */
	size_t tests;           /* tests seen */
};

int flaky_score(assay_store *st, const struct flaky_score_opts *o, struct flaky_report *out,
		assay_err *err);
/* Keep only the tests scoring at least min_score (in their order). */
void flaky_report_drop_below(struct flaky_report *r, double min_score);
void flaky_report_release(struct flaky_report *r);

#endif
