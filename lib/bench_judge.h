/* SPDX-License-Identifier: MIT */
/*
 * Judging every benchmark of two commits in the store: each series of head
 * against the same series of base (and, when asked, the base branch's
 * recent history), by bench_compare()'s rules and the threshold that holds
 * for it.  The one implementation behind `assay bench compare` and the
 * gate's performance check.
 */
#ifndef ASSAY_BENCH_JUDGE_H
#define ASSAY_BENCH_JUDGE_H

#include "bench_compare.h"
#include "bench_store.h"

/* A threshold for the benchmarks whose name matches glob (fnmatch(3)). */
struct bench_threshold_override {
	char *glob;
	double threshold; /* a fraction: 0.05 */
};

struct bench_judge_opts {
	struct bench_compare_opts co;
	double threshold; /* a fraction, for series without one of their own or an override */
	const struct bench_threshold_override *ov; /* the last match wins */
	size_t nov;
	const char *metric; /* only this metric; NULL: each benchmark's main one (or all_metrics) */
	int all_metrics;
	const char *also_metric; /* and this metric besides (the gate's peak memory: maxrss) */
	long window;        /* also hold head against the base branch's last N commits; 0: off */
};

struct bench_judged {
	const struct bench_series_data *s; /* head's, or base's for a benchmark gone from head */
	struct bench_comparison r;
	double threshold;
};

struct bench_judgement {
	bench_data base, head;      /* every series' samples, compared or not */
	struct bench_judged *rows;  /* head's series in order, then those only base has */
	size_t n, regressions;
};

/* Fill *out (release with bench_judgement_release(), also after a failure). */
int bench_judge(assay_store *st, const struct bench_commit *base, const struct bench_commit *head,
		const struct bench_judge_opts *o, struct bench_judgement *out, assay_err *err);
void bench_judgement_release(struct bench_judgement *j);

#endif
