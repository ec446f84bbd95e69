/* SPDX-License-Identifier: MIT */
/* assay bench history NAME: a benchmark's median per commit, and the steps in it. */
#include "cli.h"
#include "color.h"
#include "cmds.h"
#include "json_out.h"
#include "buf.h"
#include "bench_store.h"
#include "mem.h"
#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char prog[] = "assay bench history";
static const char usage[] = "assay bench history [--metric M] [--branch B] [--all] NAME";

static void fmt_date(char *buf, size_t n, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (t > 0 && gmtime_r(&tt, &tm))
		strftime(buf, n, "%Y-%m-%d", &tm);
	else
		snprintf(buf, n, "-");
}

static void print_text(const struct bench_series_data *x, const struct bench_commit *commits,
		       const struct bench_point *pts, size_t np, const size_t *breaks, size_t nb, int all)
{
	const char *name = x->name, *metric = x->metric, *unit = x->unit;
	printf("%s (%s): %zu commits, %zu step%s\n", name, metric, np, nb, nb == 1 ? "" : "s");
	size_t b = 0;
	for (size_t i = 0; i < np; i++) {
		int step = b < nb && breaks[b] == i;
		if (!all && !step)
			continue;
		const struct bench_commit *cm = &commits[pts[i].commit];
		char date[16], med[32], before[32];
		fmt_date(date, sizeof(date), cm->time);
		assay_cli_fmt_value(med, sizeof(med), pts[i].median, unit);
		if (step) {
			/* the change between the levels, each the median of its segment */
			size_t from = b ? breaks[b - 1] : 0, to = b + 1 < nb ? breaks[b + 1] : np;
			double *a = assay_xmalloc((i - from) * sizeof(*a)), *c = assay_xmalloc((to - i) * sizeof(*c));
			for (size_t k = from; k < i; k++)
				a[k - from] = pts[k].median;
			for (size_t k = i; k < to; k++)
				c[k - i] = pts[k].median;
			double la = assay_stats_median(a, i - from), lc = assay_stats_median(c, to - i);
			assay_cli_fmt_value(before, sizeof(before), la, unit);
			char lvl[32];
			assay_cli_fmt_value(lvl, sizeof(lvl), lc, unit);
			/* a step for the worse in red, for the better in green */
			int worse = x->bigger_is_better ? lc < la : lc > la;
			assay_buf subject = ASSAY_BUF_INIT;
			if (cm->subject)
				assay_cli_escape(&subject, cm->subject, 0);
			printf("step at %.12s %s: %s -> %s %s(%+.1f%%)%s%s%s\n", cm->sha, date, before, lvl,
			       assay_color_on(stdout, worse ? ASSAY_RED : ASSAY_GREEN),
			       la != 0 ? (lc / la - 1) * 100 : 0.0, assay_color_off(stdout),
			       cm->subject ? "  " : "", subject.buf);
			assay_buf_release(&subject);
			free(a);
			free(c);
			b++;
		} else {
			printf("        %.12s %s: %s (%zu samples)\n", cm->sha, date, med,
			       pts[i].n);
		}
	}
}

static void print_json(const struct bench_series_data *x, const struct bench_commit *commits,
		       const struct bench_point *pts, size_t np, const size_t *breaks, size_t nb)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_object(&j, NULL);
	assay_json_str(&j, "name", x->name);
	assay_json_str(&j, "metric", x->metric);
	assay_json_str(&j, "unit", x->unit);
	assay_json_array(&j, "commits");
	for (size_t i = 0; i < np; i++) {
		const struct bench_commit *cm = &commits[pts[i].commit];
		assay_json_object(&j, NULL);
		assay_json_str(&j, "sha", cm->sha);
		assay_json_int(&j, "time", (long long)cm->time);
		assay_json_real(&j, "median", pts[i].median, 17);
		assay_json_uint(&j, "samples", pts[i].n);
		assay_json_close(&j);
	}
	assay_json_close(&j);
	assay_json_array(&j, "steps");
	for (size_t k = 0; k < nb; k++)
		assay_json_str(&j, NULL, commits[pts[breaks[k]].commit].sha);
	assay_json_print(&j, stdout);
	assay_buf_release(&b);
}

struct history_opts {
	struct assay_cli_common c;
	const char *metric, *branch;
	int all;
};

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)ud;
	(void)argv;
	(void)needs;
	(void)err;
	if (n != 2)
		return assay_cli_usage_error(prog, usage, "name one benchmark");
	return 0;
}

static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	const struct history_opts *o = ud;
	const char *name = s->argv[1];
	struct bench_series_data series = { 0 };
	size_t nc = 0, np = 0, nb = 0;
	struct bench_commit *commits = NULL;
	struct bench_point *pts = NULL;
	size_t *breaks = NULL;
	int rc = bench_db_find_series(s->st, name, o->metric, &series, err);
	if (rc == 0)
		rc = assay_err_set(err, ASSAY_EINPUT, "no benchmark '%s'%s%s in the store", name,
				   o->metric ? " with metric " : "", o->metric ? o->metric : "");
	if (rc > 0)
		rc = bench_db_commits(s->st, o->branch, 0, 0, 0, &commits, &nc, err);
	if (rc == 0) {
		pts = assay_xcalloc(nc + 1, sizeof(*pts));
		breaks = assay_xcalloc(nc + 1, sizeof(*breaks));
		rc = bench_db_medians(s->st, series.id, commits, nc, pts, &np, err);
	}
	if (rc == 0) {
		double *y = assay_xcalloc(np + 1, sizeof(*y));
		for (size_t i = 0; i < np; i++)
			y[i] = pts[i].median;
		nb = assay_stats_steps(y, np, 0, breaks);
		free(y);
		if (o->c.json)
			print_json(&series, commits, pts, np, breaks, nb);
		else
			print_text(&series, commits, pts, np, breaks, nb, o->all);
	}
	for (size_t k = 0; k < nc; k++)
		bench_commit_release(&commits[k]);
	free(commits);
	free(pts);
	free(breaks);
	bench_series_data_release(&series);
	return rc;
}

int bench_cmd_history(int argc, char **argv)
{
	struct history_opts o = { 0 };
	const struct assay_option opts[] = {
		ASSAY_OPT_STRING(0, "metric", &o.metric, "NAME", "the metric (default: the benchmark's main one)"),
		ASSAY_OPT_STRING(0, "branch", &o.branch, "NAME", "only commits of this branch"),
		ASSAY_OPT_BOOL('a', "all", &o.all, "list every commit, not only the steps"),
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_CLI_OPT_JSON(&o.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .common = &o.c, .needs = { ASSAY_CLI_STORE, 0 },
		.check = check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
