/* SPDX-License-Identifier: MIT */
/*
 * assay mutate --build-dir BUILD (--test-command CMD | --ctest) [options]:
 * a mutation run.  The front end: options, progress, the summary and the
 * reports.  The work is in engine.c and the modules it calls; results.c
 * writes the store.
 */
#include "cli.h"
#include "cmds.h"
#include "color.h"
#include "engine.h"
#include "json_out.h"
#include "mem.h"
#include "operators.h"
#include "progress.h"
#include "report.h"
#include "results.h"
#include "utility.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char prog[] = "assay mutate";

/* Ctrl-C or SIGTERM: the workers take no more mutants, the scratch copy is removed. */
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}
static const char usage[] =
	"assay mutate --build-dir BUILD (--test-command CMD | --ctest) [options]\n"
	"   or: assay mutate mark KEY --equivalent --why TEXT";

struct mutate {
	struct assay_cli_common c;
	const char *build_dir, *test_command, *ctest_label, *ctest_regex, *since, *shard, *operators;
	const char *root, *scratch, *build_command, *report_dir, *survivors;
	struct assay_strlist sources, excludes, reports;
	int ctest, tce, all_tests, no_reuse, no_schemata, keep_scratch;
	long jobs;
	double timeout_factor, timeout_const, fail_under;
	struct mut_config cfg; /* the flags, checked (validate) */
};

static int parse_shard(const char *s, int *k, int *n, assay_err *err)
{
	char *end;
	long a = strtol(s, &end, 10), b = 0;
	if (end != s && *end == '/') {
		const char *q = end + 1;
		b = strtol(q, &end, 10);
		if (end != q && !*end && a >= 1 && b >= 1 && a <= b && b <= 10000) {
			*k = (int)a;
			*n = (int)b;
			return 0;
		}
	}
	return assay_err_set(err, ASSAY_EUSAGE, "--shard %s: want K/N with 1 <= K <= N (say 2/4)", s);
}

/* Every check of the flags that needs no work done, so bad input costs nothing. */
static int validate(struct mutate *m, struct mut_config *cfg, assay_err *err)
{
	memset(cfg, 0, sizeof(*cfg));
	if (!m->build_dir)
		return assay_err_set(err, ASSAY_EUSAGE, "--build-dir is required (the build with compile_commands.json)");
	if (!!m->test_command == !!m->ctest)
		return assay_err_set(err, ASSAY_EUSAGE, "say how to run the tests: --test-command CMD or --ctest (one of them)");
	if (m->test_command && !*m->test_command)
		return assay_err_set(err, ASSAY_EUSAGE, "--test-command: an empty command");
	if (m->jobs < 1 || m->jobs > 64)
		return assay_err_set(err, ASSAY_EUSAGE, "-j %ld: want 1 to 64 workers", m->jobs);
	if (!(m->timeout_factor > 0))
		return assay_err_set(err, ASSAY_EUSAGE, "--timeout-factor %g: a timeout must be more than zero",
				     m->timeout_factor);
	if (!(m->timeout_const >= 0))
		return assay_err_set(err, ASSAY_EUSAGE, "--timeout-const %g: must not be negative", m->timeout_const);
	if (m->survivors && strcmp(m->survivors, "all")) {
		char *end;
		long n = strtol(m->survivors, &end, 10);
		if (end == m->survivors || *end || n < 0)
			return assay_err_set(err, ASSAY_EUSAGE, "--survivors %s: a count, or all", m->survivors);
	}
	if (m->fail_under > 100)
		return assay_err_set(err, ASSAY_EUSAGE, "--fail-under %g: a score is 0 to 100", m->fail_under);
	for (size_t i = 0; i < m->reports.n; i++)
		if (strcmp(m->reports.items[i], "json") && strcmp(m->reports.items[i], "sarif"))
			return assay_err_set(err, ASSAY_EUSAGE, "--report %s: json or sarif", m->reports.items[i]);
	int rc = mut_op_mask(m->operators, &cfg->opmask, err);
	if (rc == 0 && m->shard)
		rc = parse_shard(m->shard, &cfg->shard_k, &cfg->shard_n, err);
	cfg->build_dir = m->build_dir;
	cfg->sources = m->sources.items;
	cfg->nsources = m->sources.n;
	cfg->excludes = m->excludes.items;
	cfg->nexcludes = m->excludes.n;
	cfg->test_command = m->test_command;
	cfg->ctest = m->ctest;
	cfg->ctest_label = m->ctest_label;
	cfg->ctest_regex = m->ctest_regex;
	cfg->jobs = (int)m->jobs;
	cfg->timeout_factor = m->timeout_factor;
	cfg->timeout_const = m->timeout_const;
	cfg->since = m->since;
	cfg->tce = m->tce;
	cfg->all_tests = m->all_tests;
	cfg->no_schemata = m->no_schemata;
	cfg->root = m->root;
	cfg->scratch_parent = m->scratch;
	cfg->keep_scratch = m->keep_scratch;
	cfg->build_command = m->build_command;
	return rc;
}

struct ui {
	assay_progress *bar;
	int quiet;
	char detail[160]; /* the counts so far: the final line says them too */
};

static void on_progress(void *ud, const char *phase, size_t done, size_t total, const size_t counts[MUT_NSTATUS])
{
	struct ui *u = ud;
	if (u->quiet)
		return;
	if (!counts) {
		fprintf(stderr, "assay mutate: %s (%zu tests)\n", phase, total);
		return;
	}
	if (!u->bar)
		u->bar = assay_progress_new(stderr, "mutants", total, ASSAY_PROGRESS_AUTO);
	snprintf(u->detail, sizeof(u->detail), "%zu killed %zu survived %zu timeout %zu other",
		 counts[MUT_KILLED], counts[MUT_SURVIVED], counts[MUT_TIMEOUT],
		 counts[MUT_COMPILE_ERROR] + counts[MUT_RUNTIME_ERROR]);
	assay_progress_update(u->bar, done, u->detail);
}

static void on_warn(void *ud, const char *msg)
{
	struct ui *u = ud;
	if (u->quiet)
		return;
	/* it quotes the compiler and the project's paths: shown, never acted on by a terminal */
	assay_buf b = ASSAY_BUF_INIT;
	assay_cli_escape(&b, msg, 0);
	fprintf(stderr, "assay mutate: warning: %s\n", b.buf);
	assay_buf_release(&b);
}

/* detected of all, rounded as every percentage Assay prints (assay_cli_pct) */
static void print_score(const char *what, size_t detected, size_t all)
{
	char p[ASSAY_CLI_PCT_SIZE];
	if (!all)
		printf("%s n/a (nothing to score)\n", what);
	else
		printf("%s %s\n", what, assay_cli_pct(p, detected, all));
}

/* How many survivors stdout lists: --survivors N or all (a long list belongs in the report). */
static size_t survivors_shown(const char *opt)
{
	if (!opt)
		return 20;
	if (!strcmp(opt, "all"))
		return SIZE_MAX;
	return (size_t)strtol(opt, NULL, 10);
}

/* Wall time, and the time outside tests per worker: test time summed over workers is not a part of the wall time. */
static void print_time(const mut_engine *e)
{
	const struct mut_stats *st = &e->stats;
	int64_t worker_us;
	double outside = mut_stats_outside(st, e->cfg.jobs, &worker_us);
	double total = (double)st->total_us / 1e6, tests = (double)st->tests_us / 1e6;
	if (outside < 0)
		printf("time: %.2f s, no test run\n", total);
	else if (e->cfg.jobs == 1)
		printf("time: %.2f s, %.2f s of it running tests (%.0f%% outside tests)\n", total, tests, 100 * outside);
	else
		printf("time: %.2f s; %d workers ran tests %.2f s of their %.2f s (%.0f%% outside tests)\n", total,
		       e->cfg.jobs, tests, (double)worker_us / 1e6, 100 * outside);
}

static void print_summary(const mut_engine *e, const struct mut_score *s, int64_t run_id, size_t reused,
			  int new_run, size_t show)
{
	printf("assay mutate: %d mutants in %d files, %d in this run", e->stats.mutants, e->stats.files,
	       e->stats.selected);
	if (e->cfg.shard_n)
		printf(" (shard %d/%d)", e->cfg.shard_k, e->cfg.shard_n);
	if (new_run)
		printf("; %zu reused; run %lld\n", reused, (long long)run_id);
	else
		printf("; %zu reused: the same results as run %lld, no new run\n", reused, (long long)run_id);
	for (int st = MUT_KILLED; st < MUT_NSTATUS; st++)
		printf("%s%s %zu", st == MUT_KILLED ? "  " : "  ", mut_status_name((enum mut_status)st), s->counts[st]);
	printf("\n");
	size_t detected = s->counts[MUT_KILLED] + s->counts[MUT_TIMEOUT];
	print_score("mutation score:", detected,
		    detected + s->counts[MUT_SURVIVED] + s->counts[MUT_NO_COVERAGE]);
	print_score("covered score: ", detected, detected + s->counts[MUT_SURVIVED]);
	printf("builds: %d compiles of mutated code (%d rebuilds for single mutants), %d test runs; "
	       "%d mutants fell back because the schemata did not compile\n",
	       e->stats.compiles, e->stats.fallback_builds, e->stats.test_runs, e->stats.schemata_fallbacks);
	print_time(e);
	if (e->stats.timeout_runs)
		printf("timeouts: %d test runs ran out of time, %.2f s of the tests' time (%d retried with a longer "
		       "limit: starved of CPU)\n", e->stats.timeout_runs, (double)e->stats.timeout_us / 1e6,
		       e->stats.starved_retries);
	size_t survivors = s->counts[MUT_SURVIVED];
	if (survivors)
		printf("%ssurvivors:%s\n", assay_color_on(stdout, ASSAY_RED), assay_color_off(stdout));
	const mut_project *p = &e->proj;
	size_t shown = 0;
	/* the source's text is the project's: a newline or an escape sequence in it is shown, not done */
	assay_buf path = ASSAY_BUF_INIT, orig = ASSAY_BUF_INIT, mutated = ASSAY_BUF_INIT, func = ASSAY_BUF_INIT;
	for (size_t i = 0; i < p->nmutants && shown < show; i++) {
		const mut_mutant *m = &p->mutants[i];
		if (!m->selected || m->status != MUT_SURVIVED)
			continue;
		shown++;
		assay_buf_reset(&path);
		assay_buf_reset(&orig);
		assay_buf_reset(&mutated);
		assay_buf_reset(&func);
		assay_cli_escape(&path, p->files[m->file].rel, 0);
		assay_cli_escape(&orig, m->original, 0);
		assay_cli_escape(&mutated, m->mutated, 0);
		assay_cli_escape(&func, m->func, 0);
		printf("  %s%s:%u:%u%s  %s  ->  %s  [%s in %s, key %.12s]\n", assay_color_on(stdout, ASSAY_RED),
		       path.buf, m->line, m->col, assay_color_off(stdout), orig.buf, mutated.buf, m->op,
		       func.buf, m->key);
	}
	assay_buf_release(&path);
	assay_buf_release(&orig);
	assay_buf_release(&mutated);
	assay_buf_release(&func);
	if (shown < survivors)
		printf("  ... and %zu more (--survivors all lists them, --report json has them all)\n",
		       survivors - shown);
}

static void print_json(const mut_engine *e, const struct mut_score *s, int64_t run_id, size_t reused, int new_run)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_object(&j, NULL);
	assay_json_int(&j, "run", (long long)run_id);
	assay_json_bool(&j, "new_run", new_run);
	assay_json_int(&j, "mutants", e->stats.mutants);
	assay_json_int(&j, "selected", e->stats.selected);
	assay_json_uint(&j, "reused", reused);
	assay_json_object(&j, "counts");
	for (int st = MUT_KILLED; st < MUT_NSTATUS; st++)
		assay_json_uint(&j, mut_status_name((enum mut_status)st), s->counts[st]);
	assay_json_close(&j);
	if (s->score < 0)
		assay_json_null(&j, "score");
	else
		assay_json_fixed(&j, "score", s->score, 2);
	if (s->covered_score < 0)
		assay_json_null(&j, "covered_score");
	else
		assay_json_fixed(&j, "covered_score", s->covered_score, 2);
	assay_json_int(&j, "compiles", e->stats.compiles);
	assay_json_int(&j, "rebuilds", e->stats.fallback_builds);
	assay_json_int(&j, "schemata_fallbacks", e->stats.schemata_fallbacks);
	assay_json_int(&j, "test_runs", e->stats.test_runs);
	assay_json_int(&j, "wall_us", (long long)e->stats.total_us);
	assay_json_int(&j, "tests_us", (long long)e->stats.tests_us);
	assay_json_array(&j, "survivors");
	for (size_t i = 0; i < e->proj.nmutants; i++) {
		const mut_mutant *m = &e->proj.mutants[i];
		if (!m->selected || m->status != MUT_SURVIVED)
			continue;
		assay_json_object(&j, NULL);
		assay_json_str(&j, "key", m->key);
		assay_json_str(&j, "file", e->proj.files[m->file].rel);
		assay_json_uint(&j, "line", m->line);
		assay_json_uint(&j, "col", m->col);
		assay_json_str(&j, "operator", m->op);
		assay_json_str(&j, "original", m->original);
		assay_json_str(&j, "mutated", m->mutated);
		assay_json_close(&j);
	}
	assay_json_close(&j);
	assay_json_int(&j, "timeout_runs", e->stats.timeout_runs);
	assay_json_int(&j, "timeout_us", (long long)e->stats.timeout_us);
	assay_json_int(&j, "starved_retries", e->stats.starved_retries);
	assay_json_array(&j, "workers");
	for (int w = 0; w < e->cfg.jobs; w++) {
		assay_json_object(&j, NULL);
		assay_json_int(&j, "tests_us", (long long)e->stats.worker_tests_us[w]);
		assay_json_int(&j, "wall_us", (long long)mut_stats_worker_us(&e->stats, w));
		assay_json_close(&j);
	}
	assay_json_close(&j);
	int64_t worker_us;
	double outside = mut_stats_outside(&e->stats, e->cfg.jobs, &worker_us);
	if (outside < 0)
		assay_json_null(&j, "outside_tests");
	else
		assay_json_fixed(&j, "outside_tests", outside, 4);
	assay_json_print(&j, stdout);
	assay_buf_release(&b);
}

static int write_reports(const struct mutate *m, const mut_engine *e, assay_err *err)
{
	for (size_t i = 0; i < m->reports.n; i++) {
		int json = !strcmp(m->reports.items[i], "json");
		char *path = assay_xasprintf("%s/%s", m->report_dir, json ? "mutation-report.json" : "mutation-report.sarif");
		assay_buf b = ASSAY_BUF_INIT;
		if (json)
			mut_report_json(&b, e);
		else
			mut_report_sarif(&b, e);
		FILE *f = fopen(path, "w");
		int rc = 0;
		if (!f || fwrite(b.buf, 1, b.len, f) != b.len)
			rc = assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
		if (f && fclose(f) != 0 && rc == 0)
			rc = assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
		if (rc == 0 && !m->c.quiet && !m->c.json)
			printf("report: %s\n", path);
		assay_buf_release(&b);
		free(path);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)needs;
	struct mutate *m = ud;
	if (n > 1)
		return assay_err_set(err, ASSAY_EUSAGE, "unexpected operand '%s'", argv[1]);
	return validate(m, &m->cfg, err);
}

/*
 * The commit is known; the store is opened late: the one there is read for
 * earlier results once the mutants are known, and one is made only when
 * there is something to write.
 */
static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	struct mutate *m = ud;
	m->cfg.stop = &stop;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	struct ui ui = { NULL, m->c.quiet, "" };
	m->cfg.warn = on_warn;
	m->cfg.warn_ud = &ui;
	mut_engine e;
	mut_engine_init(&e, &m->cfg, on_progress, &ui);
	size_t reused = 0;
	int64_t run_id = 0, resumed = 0, same = 0;
	int rc = mut_engine_discover(&e, err);
	if (rc == 0)
		rc = assay_cli_open_existing_store(&m->c, &s->st, err); /* earlier results; nothing written yet */
	if (rc == 0 && s->st)
		rc = mut_store_take_over(s->st, &e.proj, e.tests_digest, !m->no_reuse, &reused, &resumed, err);
	int pending = 0;
	for (size_t i = 0; i < e.proj.nmutants; i++)
		pending += e.proj.mutants[i].selected && e.proj.mutants[i].status == MUT_PENDING;
	if (rc == 0 && !m->c.quiet) {
		fprintf(stderr, "assay mutate: %d mutants in %d files; %d to run, %zu taken over", e.stats.mutants,
			e.stats.files, pending, reused);
		if (resumed)
			fprintf(stderr, " (resuming partial run %lld)", (long long)resumed);
		fputc('\n', stderr);
	}
	if (rc == 0 && pending)
		rc = mut_engine_prepare(&e, err);
	char digest[33];
	if (rc == 0 && !pending) {
		/* every result taken over: the same as a run of this commit already stored is no new run */
		e.stats.total_us = assay_proc_now_us() - e.t0;
		mut_results_digest(&e, &s->ctx, digest);
		if (s->st)
			rc = mut_store_find_digest(s->st, digest, &same, err);
		run_id = same;
	}
	mut_sink *sink = NULL;
	if (rc == 0 && !same && !s->st)
		rc = assay_cli_open_store(&m->c, &s->st, err);
	if (rc == 0 && !same)
		rc = mut_sink_open(&sink, s->st, &s->ctx, &e, err);
	if (sink) {
		run_id = mut_sink_run_id(sink);
		e.on_result = mut_sink_result;
		e.result_ud = sink;
	}
	if (rc == 0 && pending)
		rc = mut_engine_run(&e, err);
	if (sink) {
		assay_err serr = ASSAY_ERR_INIT;
		if (rc == 0)
			mut_results_digest(&e, &s->ctx, digest);
		int src = mut_sink_close(sink, rc == 0, digest, &serr);
		if (src < 0) {
			*err = serr; /* the store failed: that is what to say, not the stop it caused */
			rc = src;
		} else if (rc < 0 && stop) {
			size_t done = mut_sink_done(sink);
			rc = assay_err_set(err, ASSAY_EUSAGE,
					   "interrupted: %zu of %d mutants have a result, stored as partial run %lld; "
					   "run again on this commit to resume", done, e.stats.selected, (long long)run_id);
		}
	} else if (rc < 0 && stop) {
		rc = assay_err_set(err, ASSAY_EUSAGE, "interrupted before any mutant ran: nothing stored");
	}
	if (ui.bar) {
		if (rc < 0)
			assay_progress_stop(ui.bar, ui.detail);
		else
			assay_progress_finish(ui.bar, ui.detail);
		assay_progress_free(ui.bar);
	}
	mut_sink_free(sink);
	struct mut_score score;
	mut_score_compute(&e.proj, &score);
	if (rc == 0) {
		if (m->c.json)
			print_json(&e, &score, run_id, reused, !same);
		else if (!m->c.quiet)
			print_summary(&e, &score, run_id, reused, !same, survivors_shown(m->survivors));
		rc = write_reports(m, &e, err);
	}
	if (m->keep_scratch && e.scratch)
		fprintf(stderr, "assay mutate: the scratch copy is kept in %s\n", e.scratch);
	if (rc == 0 && m->fail_under >= 0 && score.score >= 0 && score.score < m->fail_under) {
		fprintf(stderr, "%s: mutation score %.1f%% is below %.1f%%\n", prog, score.score, m->fail_under);
		rc = 1;
	}
	mut_engine_release(&e);
	return rc;
}

int mut_cmd_run(int argc, char **argv)
{
	struct mutate m = { .jobs = 1, .timeout_factor = 3.0, .timeout_const = 1.0, .report_dir = ".",
			    .fail_under = -1 };
	const struct assay_option opts[] = {
		ASSAY_OPT_STRING(0, "build-dir", &m.build_dir, "DIR", "the build: its compile_commands.json names the sources and flags"),
		ASSAY_OPT_LIST(0, "sources", &m.sources, "GLOB", "mutate the sources matching (repo-relative; repeatable; default: all but tests)"),
		ASSAY_OPT_LIST(0, "exclude", &m.excludes, "GLOB", "leave these sources alone (repeatable)"),
		ASSAY_OPT_STRING(0, "test-command", &m.test_command, "CMD", "the tests: a shell command that exits 0 on pass"),
		ASSAY_OPT_BOOL(0, "ctest", &m.ctest, "the tests are CTest's: each mutant runs only the tests that reach it"),
		ASSAY_OPT_STRING(0, "ctest-label", &m.ctest_label, "LABEL", "only the CTest tests with this label (ctest -L)"),
		ASSAY_OPT_STRING(0, "ctest-regex", &m.ctest_regex, "RE", "only the CTest tests whose names match (ctest -R)"),
		ASSAY_OPT_INT('j', "jobs", &m.jobs, "N", "parallel workers, each in its own copy of the build (default 1)"),
		ASSAY_OPT_DOUBLE(0, "timeout-factor", &m.timeout_factor, "F", "a test's limit is F x its baseline time + the constant (default 3)"),
		ASSAY_OPT_DOUBLE(0, "timeout-const", &m.timeout_const, "SECONDS", "the constant of the limit (default 1)"),
		ASSAY_OPT_STRING(0, "since", &m.since, "REV", "mutate only lines changed since REV (pre-merge mode)"),
		ASSAY_OPT_STRING(0, "shard", &m.shard, "K/N", "run the K-th of N deterministic, balanced slices"),
		ASSAY_OPT_STRING(0, "operators", &m.operators, "LIST", "arith,rel,logic,bit,assign,unary,const,return,delete,cond (default all)"),
		ASSAY_OPT_BOOL(0, "tce", &m.tce, "compile each mutant at -O2: same code as the original or another mutant is not run"),
		ASSAY_OPT_BOOL(0, "all-tests", &m.all_tests, "run every reaching test on each mutant: the kill matrix"),
		ASSAY_OPT_BOOL(0, "no-reuse", &m.no_reuse, "run every mutant, even one with a stored result for the same code and tests"),
		ASSAY_OPT_BOOL(0, "no-schemata", &m.no_schemata, "rebuild for each mutant and run every test (the naive way; for comparison)"),
		ASSAY_OPT_LIST(0, "report", &m.reports, "FMT", "write mutation-report.json (json) or .sarif (sarif); repeatable"),
		ASSAY_OPT_STRING(0, "survivors", &m.survivors, "N|all", "how many survivors the summary lists (default 20; the reports have all)"),
		ASSAY_OPT_STRING(0, "report-dir", &m.report_dir, "DIR", "where the reports go (default .)"),
		ASSAY_OPT_DOUBLE(0, "fail-under", &m.fail_under, "SCORE", "exit 1 when the mutation score is below SCORE (0-100)"),
		ASSAY_OPT_STRING(0, "root", &m.root, "DIR", "the project's top (default: the sources' git work tree)"),
		ASSAY_OPT_STRING(0, "scratch", &m.scratch, "DIR", "where the scratch copy goes (default $TMPDIR or /tmp)"),
		ASSAY_OPT_BOOL(0, "keep-scratch", &m.keep_scratch, "leave the scratch copy (to look at the schemata)"),
		ASSAY_OPT_STRING(0, "build-command", &m.build_command, "CMD", "how to build the copy (default: cmake --build, else make)"),
		ASSAY_CLI_OPT_DB(&m.c),
		ASSAY_CLI_OPT_RUN(&m.c),
		ASSAY_CLI_OPT_JSON(&m.c),
		ASSAY_CLI_OPT_QUIET(&m.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .common = &m.c, .needs = { ASSAY_CLI_NO_STORE, 1 },
		.check = check, .run = run, .ud = &m,
	};
	int status = assay_cli_main(&u, argc, argv);
	assay_strlist_release(&m.sources);
	assay_strlist_release(&m.excludes);
	assay_strlist_release(&m.reports);
	return status;
}
