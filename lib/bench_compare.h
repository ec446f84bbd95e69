/* SPDX-License-Identifier: MIT */
/*
 * Deciding whether a benchmark got slower: the rules of `bench compare`,
 * as functions of the samples alone, so tests can run thousands of A/A
 * comparisons without a store.
 */
#ifndef ASSAY_BENCH_COMPARE_H
#define ASSAY_BENCH_COMPARE_H

#include "stats.h"

#include <stddef.h>
#include <stdint.h>

enum bench_verdict {
	BENCH_SAME = 0,
	BENCH_REGRESSED,
	BENCH_IMPROVED,
	BENCH_NOISY,    /* past the threshold but not significant, or too wide to tell */
	BENCH_TOO_FEW,  /* fewer than min_samples a side: the test could not decide */
	BENCH_NEW,      /* only in head */
	BENCH_GONE,     /* only in base */
};

/* "same", "regressed", "improved", "noisy: need more samples", ... */
const char *bench_verdict_name(enum bench_verdict v);

enum bench_history_rule {
	BENCH_HISTORY_IQR = 0, /* head's median outside the window's IQR band */
	BENCH_HISTORY_TTEST,   /* Welch's t-test of head's samples against the window's medians */
};

struct bench_compare_opts {
	double alpha;       /* significance level of the U test (0.05) */
	unsigned iters;     /* bootstrap resamples (2000) */
	size_t min_samples; /* a side, for the U test to be asked at all (6) */
	uint64_t seed;      /* with the benchmark's name, seeds its bootstrap */
	enum bench_history_rule rule;
};

#define BENCH_COMPARE_OPTS_INIT { 0.05, 2000, 6, 1, BENCH_HISTORY_IQR }

/* What the second rule said about head against the base branch's history. */
enum bench_history_state {
	BENCH_HIST_NONE = 0, /* no window, or too short (under 4 commits) */
	BENCH_HIST_WITHIN,
	BENCH_HIST_WORSE,
	BENCH_HIST_BETTER,
};

const char *bench_history_name(enum bench_history_state h);

struct bench_comparison {
	size_t nb, nh;
	double base_median, head_median;
	double change;       /* head / base - 1; NAN without both sides */
	double ci_lo, ci_hi; /* bootstrap interval of head / base; NAN when not computed */
	double p;            /* Mann–Whitney two-sided p; NAN when not computed */
	int constant;        /* both sides without spread: the change is exact */
	enum bench_history_state history;
	enum bench_verdict verdict;
	size_t need;         /* samples a side the test needs (BENCH_TOO_FEW) */
};

/*
 * Compare head's samples with base's.  A regression needs a significant U
 * test (p < alpha) AND a change past threshold in the worse direction;
 * past the threshold without significance, or a confidence interval that
 * reaches past it, is noisy; with fewer than min_samples a side the verdict
 * is "too few" and `need` says how many.  When window (per-commit medians
 * of the base branch's recent history, nw >= 4) is given, a regression or
 * an improvement must also stand out from that history by `rule`; one that
 * does not is the same (base was the odd one).  The bootstrap is seeded
 * from o->seed and name: the same input always gives the same interval.
 */
void bench_compare(const double *base, size_t nb, const double *head, size_t nh,
		   const double *window, size_t nw, int bigger_is_better, double threshold,
		   const char *name, const struct bench_compare_opts *o,
		   struct bench_comparison *out);

#endif
