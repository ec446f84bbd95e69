/* SPDX-License-Identifier: MIT */
/*
 * assay flaky run: the same tests, N times, on the same commit.  Every
 * repetition becomes a run of kind "flaky" in the store (labelled with its
 * number), and each test that both passed and failed is reported with its
 * fail rate and a 95% Wilson interval.
 */
#include "cli.h"
#include "color.h"
#include "cmds.h"
#include "buf.h"
#include "input.h"
#include "json_out.h"
#include "mem.h"
#include "parsers.h"
#include "progress.h"
#include "repeat.h"
#include "repset.h"
#include "run.h"
#include "summary.h"

#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char prog[] = "assay flaky run";
static const char usage[] =
	"assay flaky run [-n N | --until P] [-j J] [--shuffle] [--junit PATH] -- CMD [ARG...]";

struct run_opts {
	struct assay_cli_common c;
	long reps, jobs;
	double until, timeout;
	int shuffle;
	long seed;
	const char *junit;
	long until_reps; /* the repetitions --until asks for */
};

/* Ctrl-C or SIGTERM: the repetitions running are killed, no more start, their directories go. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* Repetitions so that a test failing with probability >= p fails at least once, 95% sure. */
static long reps_for(double p)
{
	return (long)ceil(log(0.05) / log(1 - p) - 1e-9);
}

struct collect {
	flaky_repset *set;
	size_t rep;
	size_t failed;   /* 1 + the first repetition whose report could not be read, 0 none */
	assay_err err;   /* why */
};

static int on_result(void *ud, const assay_result *r, assay_err *err)
{
	(void)err;
	struct collect *c = ud;
	flaky_repset_add(c->set, c->rep, r);
	return 0;
}

/* Read repetition i's JUnit file as soon as it ends: a fixed --junit path is overwritten by the next. */
static int read_report(struct collect *c, size_t i, const struct flaky_outcome *o, assay_err *err)
{
	flaky_repset *set = c->set;
	set->reps[i].exit_status = o->exit_status;
	set->reps[i].seed = o->seed;
	assay_input *in;
	assay_err e = ASSAY_ERR_INIT;
	if (assay_input_open(&in, o->junit, &e) < 0) {
		const char *out = o->output_tail ? o->output_tail : "";
		size_t k;
		const char *tail = assay_last_line(out, strlen(out), &k);
		return assay_err_set(err, ASSAY_EINPUT,
				     "repetition %zu: the command wrote no JUnit file at %s (%s)%s%.*s: "
				     "nothing stored (--junit says where it writes one)",
				     i + 1, o->junit, o->how, k ? "; its output ends: " : "",
				     (int)(k > 200 ? 200 : k), tail);
	}
	c->rep = i;
	/* ingest's cap: a failure's output is read whole, and its end kept (repset.h) */
	struct assay_junit_opts jo = { .output_cap = ASSAY_JUNIT_OUTPUT_CAP_DEFAULT };
	int rc = assay_junit_parse(in, &jo, on_result, c, &e);
	assay_input_close(in);
	if (rc < 0)
		return assay_err_set(err, e.code, "repetition %zu: %s: nothing stored", i + 1, e.msg);
	if (set->reps[i].n == 0)
		return assay_err_set(err, ASSAY_EINPUT,
				     "repetition %zu: %s has no test cases: nothing stored", i + 1, o->junit);
	return 0;
}

static int on_end(void *ud, size_t i, const struct flaky_outcome *o)
{
	struct collect *c = ud;
	assay_err e = ASSAY_ERR_INIT;
	if (read_report(c, i, o, &e) == 0)
		return 0;
	if (!c->failed || i + 1 < c->failed) {
		c->failed = i + 1;
		c->err = e;
	}
	return -1;
}

/* The first repetition that could not start or whose report could not be read stops it all. */
static int check_all(const flaky_repeat *rp, size_t reps, const struct collect *c, assay_err *err)
{
	for (size_t i = 0; i < reps; i++) {
		const struct flaky_outcome *o = flaky_repeat_outcome(rp, i);
		if (c->failed == i + 1)
			return assay_err_set(err, c->err.code, "%s", c->err.msg);
		if (!o->started && o->error.code)
			return assay_err_set(err, o->error.code, "repetition %zu: %s: nothing stored",
					     i + 1, o->error.msg);
	}
	return 0;
}

/* One run per repetition, each its own transaction; the label names the repetition. */
static int store_all(assay_store *st, assay_runctx *ctx, const flaky_repset *set,
		     int64_t *first_run, assay_err *err)
{
	char *user_label = ctx->label;
	int rc = 0;
	for (size_t i = 0; i < set->nreps && rc == 0; i++) {
		char *label = set->reps[i].seed
			? assay_xasprintf("%s%srepetition %zu/%zu seed %llu", user_label ? user_label : "",
					  user_label ? " " : "", i + 1, set->nreps,
					  (unsigned long long)set->reps[i].seed)
			: assay_xasprintf("%s%srepetition %zu/%zu", user_label ? user_label : "",
					  user_label ? " " : "", i + 1, set->nreps);
		ctx->label = label;
		assay_run *run = NULL;
		rc = assay_run_begin(&run, st, "flaky", ctx, err);
		if (rc == 0 && i == 0)
			*first_run = assay_run_id(run);
		for (size_t k = 0; rc == 0 && k < set->reps[i].n; k++) {
			assay_result r;
			flaky_repset_result(set, &set->reps[i].v[k], &r);
			rc = assay_run_add_result(run, &r, err);
		}
		if (rc == 0)
			rc = assay_run_finish(run, NULL, err);
		assay_run_free(run);
		free(label);
	}
	ctx->label = user_label;
	return rc;
}

/* Lines shown of a failure: the start of its message, else the end of its output. */
#define MESSAGE_LINES 3
#define OUTPUT_LINES 10

/* What x says: its message, else (*from_output set) the end of its output; NULL: nothing. */
static char *failure_text(const struct flaky_result *x, int lines_of_message, int *from_output)
{
	char *t = assay_failure_text(x->message, NULL, NULL, lines_of_message);
	*from_output = !t;
	return t ? t : assay_failure_text(NULL, x->system_out, x->system_err, OUTPUT_LINES);
}

/* Text from a test, escaped, each line after the first on its own line under indent. */
static void add_text(assay_buf *b, const char *text, const char *indent)
{
	for (const char *line = text; *line;) {
		size_t len = strcspn(line, "\n");
		if (line != text)
			assay_buf_addf(b, "\n%s", len ? indent : "");
		assay_buf_add_shown(b, line, len > 200 ? 200 : len);
		if (len > 200)
			assay_buf_adds(b, " ...");
		line += len + (line[len] == '\n');
	}
}

static void report_text(const flaky_repset *set, const struct flaky_verdict *v, size_t n,
			size_t always, long until_reps, double until)
{
	assay_buf name = ASSAY_BUF_INIT, line = ASSAY_BUF_INIT;
	size_t failing_reps = 0;
	for (size_t i = 0; i < set->nreps; i++)
		failing_reps += set->reps[i].exit_status != 0;
	printf("%zu repetitions of %zu tests: %zu flaky, %zu failed every time; the command exited "
	       "non-zero in %zu\n", set->nreps, set->ntests, n, always, failing_reps);
	if (until > 0)
		printf("%ld repetitions: a test that fails at least %g%% of the time would have failed at "
		       "least once, with 95%% confidence\n", until_reps, until * 100);
	for (size_t i = 0; i < n; i++) {
		const struct flaky_test *t = &set->tests[v[i].test];
		assay_test_display_name(&name, t->suite, t->classname, t->name);
		assay_buf_reset(&line);
		assay_buf_add_shown(&line, name.buf, name.len);
		char pct[ASSAY_CLI_PCT_SIZE];
		printf("  %-50s %sfailed %u/%u%s (%s, 95%% CI %.1f-%.1f%%)", line.buf,
		       assay_color_on(stdout, ASSAY_YELLOW), v[i].fails, v[i].runs, assay_color_off(stdout),
		       assay_cli_pct(pct, v[i].fails, v[i].runs), 100 * v[i].lo,
		       100 * v[i].hi);
		if (v[i].reruns)
			printf(", passed on rerun %u time%s", v[i].reruns, v[i].reruns == 1 ? "" : "s");
		printf("\n");
		int from_output;
		char *text = v[i].first_failure
			? failure_text(v[i].first_failure, MESSAGE_LINES, &from_output) : NULL;
		if (text) {
			assay_buf_reset(&line);
			assay_buf_addf(&line, "      first failure (repetition %zu)%s", v[i].first_rep + 1,
				       from_output ? ", the end of its output:\n        " : ": ");
			add_text(&line, text, "        ");
			printf("%s\n", line.buf);
			free(text);
		}
	}
	assay_buf_release(&name);
	assay_buf_release(&line);
}

static void report_json(const flaky_repset *set, const struct flaky_verdict *v, size_t n,
			size_t always, int64_t first_run)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_object(&j, NULL);
	assay_json_uint(&j, "repetitions", set->nreps);
	assay_json_uint(&j, "tests", set->ntests);
	assay_json_uint(&j, "failed_every_time", always);
	assay_json_int(&j, "first_run", (long long)first_run);
	assay_json_array(&j, "flaky");
	for (size_t i = 0; i < n; i++) {
		const struct flaky_test *t = &set->tests[v[i].test];
		assay_json_object(&j, NULL);
		assay_json_str(&j, "suite", t->suite);
		assay_json_str(&j, "classname", t->classname);
		assay_json_str(&j, "name", t->name);
		assay_json_uint(&j, "runs", v[i].runs);
		assay_json_uint(&j, "fails", v[i].fails);
		assay_json_uint(&j, "reruns", v[i].reruns);
		assay_json_fixed(&j, "rate", v[i].runs ? (double)v[i].fails / v[i].runs : 0.0, 6);
		assay_json_fixed(&j, "ci_low", v[i].lo, 6);
		assay_json_fixed(&j, "ci_high", v[i].hi, 6);
		int from_output;
		/* the whole message, as stored; else the end of the output */
		char *text = v[i].first_failure
			? failure_text(v[i].first_failure, INT_MAX, &from_output) : NULL;
		assay_json_str(&j, "first_failure", text);
		free(text);
		assay_json_close(&j);
	}
	assay_json_print(&j, stdout);
	assay_buf_release(&b);
}

static void on_progress(void *ud, size_t done, size_t total)
{
	(void)total;
	assay_progress_update(ud, done, NULL);
}

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)needs;
	(void)err;
	struct run_opts *o = ud;
	const char *bad = n < 2 ? "no command to run"
		: o->reps < 0 ? "-n must be at least 2"
		: o->until < 0 || o->until >= 1 ? "--until takes a probability between 0 and 1"
		: o->jobs < 1 ? "-j must be at least 1"
		: NULL;
	if (!bad && o->reps == 0 && o->until == 0)
		o->reps = 10;
	o->until_reps = o->until > 0 ? reps_for(o->until) : 0;
	if (o->until_reps > o->reps)
		o->reps = o->until_reps;
	if (!bad && o->reps < 2)
		bad = "-n must be at least 2: one run cannot both pass and fail";
	if (bad)
		return assay_cli_usage_error(prog, usage, "%s", bad);
	return 0;
}

/* The commit and the store are open (no point running for an hour to fail after): repeat, store, report. */
static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	const struct run_opts *o = ud;
	flaky_repeat *rp = NULL;
	flaky_repset set;
	flaky_repset_init(&set, (size_t)o->reps);
	struct collect coll = { .set = &set, .err = ASSAY_ERR_INIT };
	assay_progress *p = assay_progress_new(stderr, "repetitions", (uint64_t)o->reps,
					       o->c.quiet || o->c.json ? ASSAY_PROGRESS_QUIET : ASSAY_PROGRESS_AUTO);
	struct flaky_repeat_opts ro = {
		.argv = (const char *const *)s->argv + 1,
		.junit = o->junit,
		.reps = (size_t)o->reps,
		.jobs = (size_t)o->jobs,
		.shuffle = o->shuffle,
		.seed = o->seed ? (uint64_t)o->seed : (uint64_t)time(NULL),
		.timeout_s = o->timeout,
		.progress = on_progress,
		.ud = p,
		.on_end = on_end,
		.end_ud = &coll,
		.stop = &interrupted,
	};
	s->argv[s->n] = NULL; /* the command's argv ends where the operands do */
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	int rc = flaky_repeat_run(&rp, &ro, err);
	if (rc == 0)
		assay_progress_finish(p, NULL);
	assay_progress_free(p);
	if (rc == 0 && interrupted)
		rc = assay_err_set(err, ASSAY_EUSAGE, "interrupted: nothing stored");
	if (rc == 0)
		rc = check_all(rp, (size_t)o->reps, &coll, err);
	int64_t first_run = 0;
	if (rc == 0)
		rc = store_all(s->st, &s->ctx, &set, &first_run, err);
	int found = 0;
	if (rc == 0) {
		struct flaky_verdict *v;
		size_t nv, always;
		flaky_repset_verdicts(&set, &v, &nv, &always);
		if (o->c.json)
			report_json(&set, v, nv, always, first_run);
		else if (!o->c.quiet)
			report_text(&set, v, nv, always, o->until_reps, o->until);
		found = nv > 0;
		free(v);
	}
	flaky_repeat_free(rp);
	flaky_repset_release(&set);
	if (rc < 0 && err->code == ASSAY_ECHILD)
		err->code = ASSAY_EINPUT;
	return rc < 0 ? rc : found;
}

int flaky_cmd_run(int argc, char **argv)
{
	struct run_opts o = { .reps = 0, .jobs = 1 };
	const struct assay_option opts[] = {
		ASSAY_OPT_INT('n', "repetitions", &o.reps, "N", "run the command N times (default 10)"),
		ASSAY_OPT_DOUBLE(0, "until", &o.until, "P", "enough repetitions that a test failing with probability P would have failed (95%)"),
		ASSAY_OPT_INT('j', "jobs", &o.jobs, "J", "repetitions at once, each in its own directory (default 1)"),
		ASSAY_OPT_BOOL(0, "shuffle", &o.shuffle, "a new order each repetition: sets GTEST_SHUFFLE/GTEST_RANDOM_SEED, {seed}, $ASSAY_SHUFFLE_SEED"),
		ASSAY_OPT_INT(0, "seed", &o.seed, "N", "first shuffle seed (default: from the clock; each run's label names its seed)"),
		ASSAY_OPT_STRING(0, "junit", &o.junit, "PATH", "where the command writes JUnit XML; {n}, {dir} are replaced (default {dir}/junit.xml, also in $ASSAY_JUNIT)"),
		ASSAY_OPT_DOUBLE(0, "timeout", &o.timeout, "SECONDS", "kill a repetition that runs longer"),
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_CLI_OPT_RUN(&o.c),
		ASSAY_CLI_OPT_JSON(&o.c),
		ASSAY_CLI_OPT_QUIET(&o.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .stop_at_operand = 1, .common = &o.c,
		.needs = { ASSAY_CLI_STORE, 1 }, .check = check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
