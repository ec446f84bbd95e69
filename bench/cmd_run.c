/* SPDX-License-Identifier: MIT */
/* assay bench run: measure a command R times and store the samples. */
#include "cli.h"
#include "cmds.h"
#include "json_out.h"
#include "buf.h"
#include "measure.h"
#include "mem.h"
#include "progress.h"
#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char prog[] = "assay bench run";
static const char usage[] =
	"assay bench run [--name NAME] [--repetitions R] [--warmup W] [--instructions] [--json] -- CMD [ARG...]";

/* The metrics of one repetition, in the order they become series. */
static const struct {
	const char *metric, *unit;
	int primary;
	size_t offset;
} metrics[] = {
	{ "wall", "s", 1, offsetof(struct bench_measure, wall_s) },
	{ "user", "s", 0, offsetof(struct bench_measure, user_s) },
	{ "sys", "s", 0, offsetof(struct bench_measure, sys_s) },
	{ "maxrss", "B", 0, offsetof(struct bench_measure, maxrss_bytes) },
};

struct run_opts {
	struct assay_cli_common c;
	const char *name;
	long reps, warmup;
	int instructions;
	double timeout, threshold; /* threshold: a fraction, from threshold_pct */
	double threshold_pct;
};

/* One execution: 0 when it ran and exited 0; an error naming the repetition otherwise. */
static int run_once(const struct run_opts *o, const char *const *cmd, const char *what, int i,
		    struct bench_measure *m, uint64_t *instr, assay_err *err)
{
	int rc = o->instructions ? bench_callgrind_run(cmd, o->timeout, instr, m, err)
				 : bench_measure_run(cmd, o->timeout, m, err);
	if (rc < 0)
		return rc;
	if (!bench_measure_ok(m))
		return assay_err_set(err, ASSAY_ECHILD, "%s %d of '%s' failed (%s)%s%s: nothing stored",
				     what, i + 1, cmd[0], m->how, m->err_tail[0] ? ": " : "",
				     m->err_tail);
	return 0;
}

static int add(bench_set *s, const char *name, const char *metric, const char *unit, int primary,
	       double threshold, int rep, double v, assay_err *err)
{
	size_t idx;
	int rc = bench_set_series(s, name, metric, unit, 0, primary, &idx, err);
	if (rc < 0)
		return rc;
	s->series[idx].threshold = threshold;
	bench_set_add(s, idx, rep, v, NULL);
	return 0;
}

/* {"run":ID,"commit":SHA,"name":NAME,"repetitions":R,"series":[{"metric","unit","median","min","max"}...]} */
static void json_summary(assay_json *j, const char *name, const assay_runctx *ctx, int64_t run_id,
			 long reps)
{
	assay_json_object(j, NULL);
	assay_json_int(j, "run", (long long)run_id);
	assay_json_str(j, "commit", ctx->commit);
	assay_json_str(j, "name", name);
	assay_json_int(j, "repetitions", reps);
	assay_json_array(j, "series");
}

static void print_summary(const bench_set *s, const char *name, const assay_runctx *ctx,
			  int64_t run_id, long reps, int json)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	if (json)
		json_summary(&j, name, ctx, run_id, reps);
	else
		printf("%s: %ld repetitions stored as run %lld (commit %.12s)\n", name, reps,
		       (long long)run_id, ctx->commit);
	for (size_t i = 0; i < s->nseries; i++) {
		double *v = assay_xmalloc((size_t)reps * sizeof(*v));
		size_t n = 0;
		for (size_t k = 0; k < s->nsamples; k++)
			if (s->samples[k].series == i)
				v[n++] = s->samples[k].value;
		assay_stats_sort(v, n);
		char med[32], lo[32], hi[32];
		assay_cli_fmt_value(med, sizeof(med), assay_stats_quantile_sorted(v, n, 0.5), s->series[i].unit);
		assay_cli_fmt_value(lo, sizeof(lo), v[0], s->series[i].unit);
		assay_cli_fmt_value(hi, sizeof(hi), v[n - 1], s->series[i].unit);
		if (json) {
			assay_json_object(&j, NULL);
			assay_json_str(&j, "metric", s->series[i].metric);
			assay_json_str(&j, "unit", s->series[i].unit);
			assay_json_real(&j, "median", assay_stats_quantile_sorted(v, n, 0.5), 10);
			assay_json_real(&j, "min", v[0], 10);
			assay_json_real(&j, "max", v[n - 1], 10);
			assay_json_close(&j);
		} else {
			printf("  %-13s median %-14s min %-14s max %s\n", s->series[i].metric, med, lo, hi);
		}
		free(v);
	}
	if (json) {
		assay_json_print(&j, stdout);
	}
	assay_buf_release(&b);
}

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)needs;
	(void)err;
	struct run_opts *o = ud;
	if (n < 2)
		return assay_cli_usage_error(prog, usage, "no command to run");
	if (o->reps < 1 || o->warmup < 0 || (!isnan(o->threshold_pct) && o->threshold_pct <= 0))
		return assay_cli_usage_error(prog, usage,
					     "--repetitions must be at least 1, --warmup not negative, --threshold positive");
	o->threshold = o->threshold_pct / 100;
	return 0;
}

/* The store and commit are open: fail before spending minutes measuring. */
static int run(void *ud, struct assay_cli_session *se, assay_err *err)
{
	const struct run_opts *o = ud;
	int n = se->n;
	const char **cmd = assay_xcalloc((size_t)n, sizeof(*cmd));
	for (int i = 1; i < n; i++)
		cmd[i - 1] = se->argv[i];
	assay_buf joined = ASSAY_BUF_INIT;
	for (int i = 1; i < n; i++)
		assay_buf_addf(&joined, "%s%s", i > 1 ? " " : "", se->argv[i]);
	const char *name = o->name ? o->name : joined.buf;
	bench_set s = BENCH_SET_INIT;
	int rc = 0;
	assay_progress *p = assay_progress_new(stderr, "runs", (uint64_t)(o->warmup + o->reps),
					       o->c.quiet || o->c.json ? ASSAY_PROGRESS_QUIET : ASSAY_PROGRESS_AUTO);
	for (long i = 0; rc == 0 && i < o->warmup + o->reps; i++) {
		struct bench_measure m;
		uint64_t instr = 0;
		int warm = i < o->warmup;
		int rep = (int)(i - o->warmup);
		rc = run_once(o, cmd, warm ? "warmup run" : "repetition", warm ? (int)i : rep, &m,
			      &instr, err);
		if (rc < 0 || warm) {
			assay_progress_update(p, (uint64_t)i + 1, warm ? "warming up" : NULL);
			continue;
		}
		if (o->instructions) {
			rc = add(&s, name, "instructions", "instructions", 1, o->threshold, rep,
				 (double)instr, err);
		} else {
			for (size_t k = 0; k < sizeof(metrics) / sizeof(metrics[0]) && rc == 0; k++)
				rc = add(&s, name, metrics[k].metric, metrics[k].unit, metrics[k].primary,
					 o->threshold, rep, *(double *)((char *)&m + metrics[k].offset), err);
		}
		assay_progress_update(p, (uint64_t)i + 1, NULL);
	}
	assay_progress_finish(p, rc == 0 ? "done" : "failed");
	assay_progress_free(p);
	int64_t run_id = 0;
	if (rc == 0)
		rc = bench_save(se->st, &se->ctx, &s, NULL, &run_id, err);
	if (rc == 0 && !o->c.quiet)
		print_summary(&s, name, &se->ctx, run_id, o->reps, o->c.json);
	bench_set_release(&s);
	assay_buf_release(&joined);
	free(cmd);
	/* a command that failed or would not start is bad input: exit 2 */
	if (rc < 0 && err->code == ASSAY_ECHILD)
		err->code = ASSAY_EINPUT;
	return rc;
}

int bench_cmd_run(int argc, char **argv)
{
	struct run_opts o = { .reps = 10, .warmup = 1, .threshold = NAN, .threshold_pct = NAN };
	const struct assay_option opts[] = {
		ASSAY_OPT_STRING(0, "name", &o.name, "NAME", "the benchmark's name (default: the command line)"),
		ASSAY_OPT_INT('r', "repetitions", &o.reps, "R", "measured runs (default 10)"),
		ASSAY_OPT_INT('w', "warmup", &o.warmup, "W", "runs before measuring, not stored (default 1)"),
		ASSAY_OPT_BOOL(0, "instructions", &o.instructions, "count instructions under valgrind --tool=callgrind instead of timing"),
		ASSAY_OPT_DOUBLE(0, "timeout", &o.timeout, "SECONDS", "kill a run that takes longer (default: none)"),
		ASSAY_OPT_DOUBLE(0, "threshold", &o.threshold_pct, "PCT", "this benchmark's own regression threshold, in percent"),
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_CLI_OPT_RUN(&o.c),
		ASSAY_CLI_OPT_QUIET(&o.c),
		ASSAY_CLI_OPT_JSON(&o.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .stop_at_operand = 1, .common = &o.c,
		.needs = { ASSAY_CLI_STORE, 1 }, .check = check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
