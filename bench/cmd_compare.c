/* SPDX-License-Identifier: MIT */
/* assay bench compare [BASE] [HEAD]: did the benchmarks get slower? */
#include "cli.h"
#include "color.h"
#include "cmds.h"
#include "json_out.h"
#include "buf.h"
#include "bench_judge.h"
#include "mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char prog[] = "assay bench compare";
static const char usage[] = "assay bench compare [OPTIONS] [BASE] [HEAD]";

struct compare_opts {
	struct assay_cli_common c;
	double threshold_pct, alpha;
	long min_samples, iters, window, seed;
	const char *metric, *rule;
	int all_metrics;
	struct assay_strlist overrides;        /* NAME=PCT, NAME a glob */
	struct bench_threshold_override *ov;   /* the same, parsed */
	size_t nov;
};

/* Parse --benchmark-threshold's values into o->ov; the first malformed one is returned. */
static const char *parse_overrides(struct compare_opts *o)
{
	o->ov = assay_xcalloc(o->overrides.n + 1, sizeof(*o->ov));
	for (size_t i = 0; i < o->overrides.n; i++) {
		const char *spec = o->overrides.items[i];
		const char *eq = strrchr(spec, '=');
		char *end;
		double pct = eq ? strtod(eq + 1, &end) : 0;
		if (!eq || end == eq + 1 || *end || !(pct > 0))
			return spec;
		o->ov[o->nov++] = (struct bench_threshold_override){ assay_xstrndup(spec, (size_t)(eq - spec)),
								     pct / 100 };
	}
	return NULL;
}

static void release_opts(struct compare_opts *o)
{
	for (size_t i = 0; i < o->nov; i++)
		free(o->ov[i].glob);
	free(o->ov);
	assay_strlist_release(&o->overrides);
}

/* BASE: the operand, else the nearest ancestor of head with benchmarks, *steps up (0: the operand). */
static int find_base(assay_store *st, const char *rev, const struct bench_commit *head,
		     struct bench_commit *out, int *steps, assay_err *err)
{
	*steps = 0;
	if (rev)
		return bench_db_find_commit(st, rev, out, err);
	int rc = bench_db_find_base(st, head, out, steps, err);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	return assay_err_set(err, ASSAY_EUSAGE,
			     "no base: no ancestor of %.12s in the store has benchmarks; name BASE",
			     head->sha);
}

static void fmt_change(char *buf, size_t n, double change)
{
	if (isnan(change))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%+.1f%%", change * 100);
}

static void fmt_ci(char *buf, size_t n, double lo, double hi)
{
	if (isnan(lo))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "[%.3f, %.3f]", lo, hi);
}

static void fmt_verdict(char *buf, size_t n, const struct bench_comparison *r)
{
	if (r->verdict == BENCH_TOO_FEW)
		snprintf(buf, n, "too few samples: need %zu a side (have %zu, %zu)", r->need, r->nb, r->nh);
	else
		snprintf(buf, n, "%s%s", bench_verdict_name(r->verdict), r->constant ? " (exact)" : "");
}

static void print_table(const struct bench_judged *rows, size_t n, int window)
{
	printf("%-32s %-12s %12s %12s %8s %16s %8s %s%s\n", "benchmark", "metric", "base", "head",
	       "change", "95% CI (ratio)", "p", window ? "history  " : "", "verdict");
	for (size_t i = 0; i < n; i++) {
		const struct bench_judged *w = &rows[i];
		char bm[32], hm[32], ch[16], ci[40], p[16], v[96];
		assay_cli_fmt_value(bm, sizeof(bm), w->r.base_median, w->s->unit);
		assay_cli_fmt_value(hm, sizeof(hm), w->r.head_median, w->s->unit);
		fmt_change(ch, sizeof(ch), w->r.change);
		fmt_ci(ci, sizeof(ci), w->r.ci_lo, w->r.ci_hi);
		if (isnan(w->r.p))
			snprintf(p, sizeof(p), "-");
		else
			snprintf(p, sizeof(p), "%.3g", w->r.p);
		fmt_verdict(v, sizeof(v), &w->r);
		printf("%-32s %-12s %12s %12s %8s %16s %8s ", w->s->name, w->s->metric, bm, hm, ch, ci, p);
		if (window)
			printf("%-8s ", bench_history_name(w->r.history));
		int bad = w->r.verdict == BENCH_REGRESSED, good = w->r.verdict == BENCH_IMPROVED;
		printf("%s%s%s\n", bad || good ? assay_color_on(stdout, bad ? ASSAY_RED : ASSAY_GREEN) : "", v,
		       assay_color_off_if(stdout, bad || good));
	}
}

static void print_json(const struct bench_judged *rows, size_t n, const struct bench_commit *base,
		       int base_steps, const struct bench_commit *head, size_t regressions)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_object(&j, NULL);
	assay_json_str(&j, "base", base->sha);
	if (base_steps)
		assay_json_int(&j, "base_ancestor_steps", base_steps);
	assay_json_str(&j, "head", head->sha);
	assay_json_uint(&j, "regressions", regressions);
	assay_json_array(&j, "benchmarks");
	for (size_t i = 0; i < n; i++) {
		const struct bench_judged *w = &rows[i];
		assay_json_object(&j, NULL);
		assay_json_str(&j, "name", w->s->name);
		assay_json_str(&j, "metric", w->s->metric);
		assay_json_str(&j, "unit", w->s->unit);
		assay_json_bool(&j, "bigger_is_better", w->s->bigger_is_better);
		assay_json_uint(&j, "n_base", w->r.nb);
		assay_json_uint(&j, "n_head", w->r.nh);
		/* every digit a double has: a figure read back is the figure compared */
		assay_json_real(&j, "base_median", w->r.base_median, 17);
		assay_json_real(&j, "head_median", w->r.head_median, 17);
		assay_json_real(&j, "change", w->r.change, 17);
		assay_json_real(&j, "ci_low", w->r.ci_lo, 17);
		assay_json_real(&j, "ci_high", w->r.ci_hi, 17);
		assay_json_real(&j, "p", w->r.p, 17);
		assay_json_real(&j, "threshold", w->threshold, 17);
		assay_json_str(&j, "history", bench_history_name(w->r.history));
		assay_json_str(&j, "verdict", bench_verdict_name(w->r.verdict));
		if (w->r.verdict == BENCH_TOO_FEW)
			assay_json_uint(&j, "need", w->r.need);
		assay_json_close(&j);
	}
	assay_json_print(&j, stdout);
	assay_buf_release(&b);
}

static int compare(const struct compare_opts *o, assay_store *st, const struct bench_commit *base,
		   int base_steps, const struct bench_commit *head, int *regressed, assay_err *err)
{
	struct bench_judge_opts jo = {
		.co = BENCH_COMPARE_OPTS_INIT, .threshold = o->threshold_pct / 100, .ov = o->ov,
		.nov = o->nov, .metric = o->metric, .all_metrics = o->all_metrics, .window = o->window,
	};
	jo.co.alpha = o->alpha;
	jo.co.min_samples = (size_t)o->min_samples;
	jo.co.iters = (unsigned)o->iters;
	jo.co.seed = (uint64_t)o->seed;
	jo.co.rule = o->rule && !strcmp(o->rule, "t-test") ? BENCH_HISTORY_TTEST : BENCH_HISTORY_IQR;
	struct bench_judgement j;
	int rc = bench_judge(st, base, head, &jo, &j, err);
	if (rc == 0 && (!j.base.n || !j.head.n))
		rc = assay_err_set(err, ASSAY_EINPUT, "commit %.12s has no benchmark samples in the store",
				   j.base.n ? head->sha : base->sha);
	if (rc == 0 && j.n == 0)
		rc = assay_err_set(err, ASSAY_EINPUT, "no benchmark%s%s to compare", o->metric ? " with metric " : "",
				   o->metric ? o->metric : "");
	if (rc == 0) {
		if (o->c.json) {
			print_json(j.rows, j.n, base, base_steps, head, j.regressions);
		} else {
			if (base_steps)
				printf("no BASE given: %.12s, the nearest ancestor of head with benchmarks "
				       "(%d commit%s up)\n", base->sha, base_steps, base_steps == 1 ? "" : "s");
			printf("base %.12s, head %.12s\n", base->sha, head->sha);
			print_table(j.rows, j.n, o->window > 0);
			printf("%zu benchmark%s compared, %zu regressed\n", j.n, j.n == 1 ? "" : "s",
			       j.regressions);
		}
	}
	*regressed = j.regressions > 0;
	bench_judgement_release(&j);
	return rc;
}

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)err;
	struct compare_opts *o = ud;
	const char *bad = n > 3 ? "at most two commits: BASE and HEAD"
		: !(o->threshold_pct > 0) ? "--threshold must be positive"
		: !(o->alpha > 0 && o->alpha < 1) ? "--alpha must be between 0 and 1"
		: o->min_samples < 1 || o->iters < 100 ? "--min-samples must be at least 1, --bootstrap at least 100"
		: o->window < 0 ? "--window must not be negative"
		: strcmp(o->rule, "iqr") && strcmp(o->rule, "t-test") ? "--history-test is iqr or t-test"
		: NULL;
	if (bad)
		return assay_cli_usage_error(prog, usage, "%s", bad);
	const char *bad_override = parse_overrides(o);
	if (bad_override)
		return assay_cli_usage_error(prog, usage, "--benchmark-threshold takes NAME=PERCENT, not '%s'",
					     bad_override);
	/* HEAD: the operand, else the current commit (flags, CI, git), known before the store is */
	needs->runctx = n <= 2;
	return 0;
}

static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	const struct compare_opts *o = ud;
	struct bench_commit base = { 0 }, head = { 0 };
	int regressed = 0, steps = 0;
	int rc = bench_db_find_commit(s->st, s->n > 2 ? s->argv[2] : s->ctx.commit, &head, err);
	if (rc == 0)
		rc = find_base(s->st, s->n > 1 ? s->argv[1] : NULL, &head, &base, &steps, err);
	if (rc == 0)
		rc = compare(o, s->st, &base, steps, &head, &regressed, err);
	bench_commit_release(&base);
	bench_commit_release(&head);
	if (rc < 0 && err->code == ASSAY_ENOTFOUND)
		err->code = ASSAY_EINPUT;
	return rc < 0 ? rc : regressed;
}

int bench_cmd_compare(int argc, char **argv)
{
	struct compare_opts o = {
		.threshold_pct = 5, .alpha = 0.05, .min_samples = 6, .iters = 2000, .seed = 1,
		.rule = "iqr",
	};
	const struct assay_option opts[] = {
		ASSAY_OPT_DOUBLE('t', "threshold", &o.threshold_pct, "PCT", "a change smaller than this is no regression (default 5)"),
		ASSAY_OPT_LIST(0, "benchmark-threshold", &o.overrides, "GLOB=PCT", "the threshold for benchmarks matching GLOB (repeatable)"),
		ASSAY_OPT_DOUBLE(0, "alpha", &o.alpha, "P", "significance level of the Mann-Whitney test (default 0.05)"),
		ASSAY_OPT_INT(0, "min-samples", &o.min_samples, "N", "samples a side below which no verdict is given (default 6)"),
		ASSAY_OPT_INT(0, "bootstrap", &o.iters, "N", "bootstrap resamples for the interval (default 2000)"),
		ASSAY_OPT_INT(0, "seed", &o.seed, "N", "seed of the bootstrap (default 1: the same answer every time)"),
		ASSAY_OPT_INT(0, "window", &o.window, "N", "also hold head against the base branch's last N commits (default: off)"),
		ASSAY_OPT_STRING(0, "history-test", &o.rule, "iqr|t-test", "how head must stand out from that window (default iqr)"),
		ASSAY_OPT_STRING(0, "metric", &o.metric, "NAME", "compare this metric (default: each benchmark's main one)"),
		ASSAY_OPT_BOOL(0, "all-metrics", &o.all_metrics, "compare every metric (user, sys, maxrss, counters...)"),
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_OPT_STRING(0, "commit", &o.c.commit, "REV", "HEAD when not given as an operand"),
		ASSAY_CLI_OPT_JSON(&o.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .common = &o.c, .needs = { ASSAY_CLI_STORE, 1 },
		.check = check, .run = run, .ud = &o,
	};
	int status = assay_cli_main(&u, argc, argv);
	release_opts(&o);
	return status;
}
