/* SPDX-License-Identifier: MIT */
/*
 * assay-show: the summary of a commit (by default the current one) or of
 * one run: tests, coverage, mutation score, flaky tests and benchmarks,
 * each with the runs it came from; n/a where there is no data.
 */
#include "cli.h"
#include "color.h"
#include "json_out.h"
#include "mem.h"
#include "summary.h"
#include "utility.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char prog[] = "assay show";
static const char usage[] = "assay show [--db PATH] [--json] [--top N] [--files] [RUN|COMMIT]";

static void fmt_duration(char *buf, size_t n, int64_t us)
{
	if (us < 0)
		snprintf(buf, n, "-");
	else if (us < 1000)
		snprintf(buf, n, "%lldus", (long long)us);
	else if (us < 1000000)
		snprintf(buf, n, "%.1fms", (double)us / 1e3);
	else
		snprintf(buf, n, "%.2fs", (double)us / 1e6);
}

/* "run 3", "runs 3, 5", "runs 6-15": ascending, consecutive ids as a range. */
static void add_runs(assay_buf *b, const struct assay_summary_runs *r)
{
	assay_buf_adds(b, r->n == 1 ? "run " : "runs ");
	/* the ids come newest first */
	for (size_t i = r->n; i-- > 0;) {
		size_t j = i;
		while (j > 0 && r->ids[j - 1] == r->ids[j] + 1)
			j--;
		assay_buf_addf(b, "%s%lld", i + 1 == r->n ? "" : ", ", (long long)r->ids[i]);
		if (j + 1 < i)
			assay_buf_addf(b, "-%lld", (long long)r->ids[j]);
		else if (j < i)
			assay_buf_addf(b, ", %lld", (long long)r->ids[j]);
		i = j;
	}
}

/* The text of a test's name, escaped for the terminal. */
static const char *test_name(assay_buf *b, const char *suite, const char *classname, const char *name)
{
	assay_buf raw = ASSAY_BUF_INIT;
	assay_test_display_name(&raw, suite, classname, name);
	assay_buf_reset(b);
	assay_cli_escape(b, raw.buf, 0);
	assay_buf_release(&raw);
	return b->buf;
}

/* "N label" in colour c when N is not 0. */
static void count(const char *sep, long n, const char *what, enum assay_color c)
{
	if (n)
		printf("%s%s%ld %s%s", sep, assay_color_on(stdout, c), n, what, assay_color_off(stdout));
	else
		printf("%s%ld %s", sep, n, what);
}

/* The runs a newer one of the same label and CI job replaced: not counted, but not hidden. */
static void print_replaced(const struct assay_summary_runs *r)
{
	if (!r->n)
		return;
	assay_buf b = ASSAY_BUF_INIT;
	add_runs(&b, r);
	printf("%-10s %s not counted: a newer run of the same --label and CI job replaced %s\n", "", b.buf,
	       r->n == 1 ? "it" : "them");
	assay_buf_release(&b);
}

static void print_tests(const struct assay_summary *s, const char *none)
{
	if (!s->test_runs.n) {
		printf("%-10s n/a (%s test run)\n", "tests", none);
		return;
	}
	assay_buf runs = ASSAY_BUF_INIT;
	add_runs(&runs, &s->test_runs);
	char d[32];
	fmt_duration(d, sizeof(d), s->duration_us);
	printf("%-10s %ld:", "tests", s->tests);
	count(" ", s->by_status[ASSAY_PASS], "passed", ASSAY_GREEN);
	count(", ", s->by_status[ASSAY_FAIL], "failed", ASSAY_RED);
	count(", ", s->by_status[ASSAY_ERROR], "errors", ASSAY_RED);
	count(", ", s->by_status[ASSAY_SKIP], "skipped", ASSAY_YELLOW);
	printf("  (%s, %s)\n", runs.buf, d);
	if (s->reruns)
		printf("%-10s %ld earlier attempts (flaky or rerun failures)\n", "reruns", s->reruns);
	print_replaced(&s->tests_replaced);
	assay_buf_release(&runs);
}

/* "LABEL  16.7%  1/6", or "LABEL  n/a" when there is nothing to count. */
static void print_ratio(const char *label, uint64_t hit, uint64_t found, const char *tail)
{
	char p[ASSAY_CLI_PCT_SIZE];
	if (!found)
		printf("%-10s n/a (none recorded)\n", label);
	else
		printf("%-10s %5s  %llu/%llu%s\n", label, assay_cli_pct(p, hit, found),
		       (unsigned long long)hit, (unsigned long long)found, tail);
}

static void print_coverage(const struct assay_summary *s, const char *none)
{
	if (!s->coverage_runs.n) {
		printf("%-10s n/a (%s coverage run)\n", "coverage", none);
		return;
	}
	assay_buf tail = ASSAY_BUF_INIT;
	assay_buf_addf(&tail, " in %ld files  (", s->files);
	add_runs(&tail, &s->coverage_runs);
	assay_buf_addc(&tail, ')');
	print_ratio("lines", s->lines_hit, s->lines_found, tail.buf);
	print_ratio("branches", s->branches_hit, s->branches_found, "");
	print_ratio("functions", s->functions_hit, s->functions_found, "");
	print_replaced(&s->coverage_replaced);
	assay_buf_release(&tail);
}

static void print_mutation(const struct assay_summary *s, const char *none)
{
	if (!s->mutation_run) {
		printf("%-10s n/a (%s mutation run)\n", "mutation", none);
		return;
	}
	long detected, all;
	assay_summary_mutation_counts(s, &detected, &all);
	char p[ASSAY_CLI_PCT_SIZE];
	printf("%-10s %5s ", "mutation", assay_cli_pct(p, (uint64_t)detected, (uint64_t)all));
	count(" ", s->killed, "killed", ASSAY_GREEN);
	count(", ", s->survived, "survived", ASSAY_RED);
	count(", ", s->no_coverage, "no coverage", ASSAY_YELLOW);
	count(", ", s->timeout, "timeout", ASSAY_GREEN);
	if (s->other_mutants)
		printf(", %ld other", s->other_mutants);
	printf("  (run %lld", (long long)s->mutation_run);
	if (s->shard_n)
		printf(", shard %d/%d", s->shard_k, s->shard_n);
	if (s->mutation_partial)
		printf(", partial: %ld of %ld mutants, run mutate again to resume", s->mutation_done,
		       s->mutation_selected);
	printf(")\n");
}

static void print_flaky(const struct assay_summary *s)
{
	if (!s->flaky_runs.n) {
		printf("%-10s n/a (no flaky run)\n", "flaky");
		return;
	}
	assay_buf runs = ASSAY_BUF_INIT;
	add_runs(&runs, &s->flaky_runs);
	printf("%-10s ", "flaky");
	count("", s->nflaky_total, "", ASSAY_YELLOW);
	printf("of %ld tests in %zu repetitions  (%s)\n", s->flaky_tests_seen, s->flaky_runs.n,
	       runs.buf);
	assay_buf_release(&runs);
}

static void print_bench(const struct assay_summary *s, const char *none)
{
	if (!s->nbench) {
		printf("%-10s n/a (%s bench run)\n", "bench", none);
		return;
	}
	assay_buf runs = ASSAY_BUF_INIT;
	add_runs(&runs, &s->bench_runs);
	printf("%-10s %zu benchmark%s  (%s)\n", "bench", s->nbench, s->nbench == 1 ? "" : "s", runs.buf);
	assay_buf_release(&runs);
}

static void print_lists(const struct assay_summary *s)
{
	assay_buf name = ASSAY_BUF_INIT, text = ASSAY_BUF_INIT;
	if (s->nfailures) {
		printf("\nfailures:\n");
		for (size_t i = 0; i < s->nfailures; i++) {
			const struct assay_summary_test *t = &s->failures[i];
			printf("  %s%-5s%s %s", assay_color_on(stdout, ASSAY_RED), assay_status_name(t->status),
			       assay_color_off(stdout), test_name(&name, t->suite, t->classname, t->name));
			if (s->test_runs.n > 1)
				printf("  (run %lld)", (long long)t->run);
			printf("\n");
			if (!t->message)
				continue;
			assay_buf_reset(&text);
			assay_cli_escape(&text, t->message, 1);
			for (char *line = text.buf, *nl; line; line = nl ? nl + 1 : NULL) {
				nl = strchr(line, '\n');
				int len = nl ? (int)(nl - line) : (int)strlen(line);
				printf("%s%.*s\n", len ? "        " : "", len, line);
			}
		}
	}
	long failing = s->by_status[ASSAY_FAIL] + s->by_status[ASSAY_ERROR];
	if (s->nfailures && (size_t)failing > s->nfailures)
		printf("  ... and %zu more (--top N lists more)\n", (size_t)failing - s->nfailures);
	if (s->nflaky) {
		printf("\nflaky tests:\n");
		for (size_t i = 0; i < s->nflaky; i++) {
			const struct assay_summary_flaky *f = &s->flaky[i];
			printf("  %sfailed %ld/%ld%s  %s\n", assay_color_on(stdout, ASSAY_YELLOW), f->fails,
			       f->runs, assay_color_off(stdout), test_name(&name, f->suite, f->classname, f->name));
		}
		if ((size_t)s->nflaky_total > s->nflaky)
			printf("  ... and %zu more (--top N lists more)\n", (size_t)s->nflaky_total - s->nflaky);
	}
	if (s->nbench) {
		printf("\nbenchmarks (median):\n");
		for (size_t i = 0; i < s->nbench; i++) {
			const struct assay_summary_bench *b = &s->bench[i];
			char v[48];
			assay_cli_fmt_value(v, sizeof(v), b->median, b->unit);
			assay_buf_reset(&name);
			assay_cli_escape(&name, b->name, 0);
			printf("  %12s  %s %s  (%ld samples, run %lld)\n", v, name.buf, b->metric, b->samples,
			       (long long)b->run);
		}
	}
	if (s->nslowest) {
		printf("\nslowest tests:\n");
		for (size_t i = 0; i < s->nslowest; i++) {
			char d[32];
			const struct assay_summary_test *t = &s->slowest[i];
			fmt_duration(d, sizeof(d), t->duration_us);
			printf("  %9s  %s\n", d, test_name(&name, t->suite, t->classname, t->name));
		}
	}
	assay_buf_release(&name);
	assay_buf_release(&text);
}

/* "16.7%  1/6" padded to a column, or "n/a". */
static void file_cell(char *buf, size_t n, uint64_t hit, uint64_t found)
{
	char p[ASSAY_CLI_PCT_SIZE];
	if (!found)
		snprintf(buf, n, "n/a");
	else
		snprintf(buf, n, "%6s %llu/%llu", assay_cli_pct(p, hit, found), (unsigned long long)hit,
			 (unsigned long long)found);
}

static void print_files(const struct assay_summary *s)
{
	assay_buf path = ASSAY_BUF_INIT;
	printf("\n%-20s  %-20s  %-20s  %s\n", "LINES", "BRANCHES", "FUNCTIONS", "FILE");
	for (size_t i = 0; i < s->nfile_list; i++) {
		const struct assay_summary_file *f = &s->file_list[i];
		char l[48], b[48], fn[48];
		file_cell(l, sizeof(l), f->lines_hit, f->lines_found);
		file_cell(b, sizeof(b), f->branches_hit, f->branches_found);
		file_cell(fn, sizeof(fn), f->functions_hit, f->functions_found);
		assay_buf_reset(&path);
		assay_cli_escape(&path, f->path, 0);
		int worse = f->lines_found && f->lines_hit < f->lines_found;
		printf("%s%-20s%s  %-20s  %-20s  %s\n", worse ? assay_color_on(stdout, ASSAY_RED) : "", l,
		       worse ? assay_color_off(stdout) : "", b, fn, path.buf);
	}
	assay_buf_release(&path);
}

static void print_text(const struct assay_summary *s, int files)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_cli_escape(&b, s->commit ? s->commit : "?", 0);
	printf("%-10s %s", "commit", b.buf);
	if (s->branch) {
		assay_buf_reset(&b);
		assay_cli_escape(&b, s->branch, 0);
		printf(" (%s)", b.buf);
	}
	printf("\n");
	if (s->subject) {
		assay_buf_reset(&b);
		assay_cli_escape(&b, s->subject, 0);
		printf("%-10s %s\n", "subject", b.buf);
	}
	assay_buf_release(&b);
	if (files) {
		print_coverage(s, s->run ? "not a" : "no");
		if (s->nfile_list)
			print_files(s);
		return;
	}
	/* a run shows what it holds; a commit, every signal */
	if (s->run)
		printf("%-10s %lld\n", "run", (long long)s->run);
	const char *none = s->run ? "not a" : "no";
	print_tests(s, none);
	print_coverage(s, none);
	print_mutation(s, none);
	if (!s->run)
		print_flaky(s);
	print_bench(s, none);
	print_lists(s);
}

static void json_runs(assay_json *j, const char *key, const struct assay_summary_runs *r)
{
	assay_json_array(j, key);
	for (size_t i = 0; i < r->n; i++)
		assay_json_int(j, NULL, (long long)r->ids[i]);
	assay_json_close(j);
}

static void json_name(assay_json *j, const char *suite, const char *classname, const char *name)
{
	assay_json_str(j, "suite", suite);
	assay_json_str(j, "classname", classname);
	assay_json_str(j, "name", name);
}

static void json_tests(assay_json *j, const char *key, const struct assay_summary_test *t, size_t n)
{
	assay_json_array(j, key);
	for (size_t i = 0; i < n; i++) {
		assay_json_object(j, NULL);
		json_name(j, t[i].suite, t[i].classname, t[i].name);
		assay_json_str(j, "status", assay_status_name(t[i].status));
		assay_json_int(j, "run", (long long)t[i].run);
		if (t[i].duration_us >= 0)
			assay_json_int(j, "duration_us", (long long)t[i].duration_us);
		else
			assay_json_null(j, "duration_us");
		assay_json_str(j, "message", t[i].message);
		assay_json_close(j);
	}
	assay_json_close(j);
}

static void json_mutation(assay_json *j, const struct assay_summary *s)
{
	if (!s->mutation_run) {
		assay_json_null(j, "mutation");
		return;
	}
	long detected, all;
	assay_summary_mutation_counts(s, &detected, &all);
	assay_json_object(j, "mutation");
	assay_json_int(j, "run", (long long)s->mutation_run);
	assay_json_int(j, "killed", s->killed);
	assay_json_int(j, "survived", s->survived);
	assay_json_int(j, "no_coverage", s->no_coverage);
	assay_json_int(j, "timeout", s->timeout);
	assay_json_int(j, "other", s->other_mutants);
	if (all)
		assay_json_fixed(j, "score", 100.0 * (double)detected / (double)all, 4);
	else
		assay_json_null(j, "score");
	assay_json_bool(j, "partial", s->mutation_partial);
	if (s->mutation_partial) {
		assay_json_int(j, "selected", s->mutation_selected);
		assay_json_int(j, "done", s->mutation_done);
	}
	assay_json_close(j);
}

static void json_signals(assay_json *j, const struct assay_summary *s)
{
	json_mutation(j, s);
	if (s->flaky_runs.n) {
		assay_json_object(j, "flaky");
		assay_json_int(j, "tests", s->flaky_tests_seen);
		assay_json_int(j, "flaky", s->nflaky_total);
		json_runs(j, "runs", &s->flaky_runs);
		assay_json_array(j, "list");
		for (size_t i = 0; i < s->nflaky; i++) {
			assay_json_object(j, NULL);
			json_name(j, s->flaky[i].suite, s->flaky[i].classname, s->flaky[i].name);
			assay_json_int(j, "fails", s->flaky[i].fails);
			assay_json_int(j, "runs", s->flaky[i].runs);
			assay_json_close(j);
		}
		assay_json_close(j);
		assay_json_close(j);
	} else {
		assay_json_null(j, "flaky");
	}
	json_runs(j, "bench_runs", &s->bench_runs);
	assay_json_array(j, "benchmarks");
	for (size_t i = 0; i < s->nbench; i++) {
		assay_json_object(j, NULL);
		assay_json_str(j, "name", s->bench[i].name);
		assay_json_str(j, "metric", s->bench[i].metric);
		assay_json_str(j, "unit", s->bench[i].unit);
		assay_json_real(j, "median", s->bench[i].median, 10);
		assay_json_int(j, "samples", s->bench[i].samples);
		assay_json_int(j, "run", (long long)s->bench[i].run);
		assay_json_close(j);
	}
	assay_json_close(j);
}

/* The figures of a file or of the whole commit, from lines_found to functions_hit. */
static void json_figures(assay_json *j, const uint64_t v[6])
{
	static const char *const keys[] = { "lines_found", "lines_hit", "branches_found",
					    "branches_hit", "functions_found", "functions_hit" };
	for (int k = 0; k < 6; k++)
		if (v)
			assay_json_uint(j, keys[k], (unsigned long long)v[k]);
		else
			assay_json_null(j, keys[k]);
}

static void json_files(assay_json *j, const struct assay_summary *s)
{
	assay_json_array(j, "file_list");
	for (size_t i = 0; i < s->nfile_list; i++) {
		const struct assay_summary_file *f = &s->file_list[i];
		assay_json_object(j, NULL);
		assay_json_str(j, "path", f->path);
		const uint64_t v[6] = { f->lines_found, f->lines_hit, f->branches_found, f->branches_hit,
					f->functions_found, f->functions_hit };
		json_figures(j, v);
		assay_json_close(j);
	}
	assay_json_close(j);
}

/* Counts that have no data are null, never 0: no test run is not zero tests. */
static void print_json(const struct assay_summary *s, int files)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_object(&j, NULL);
	assay_json_str(&j, "commit", s->commit);
	assay_json_str(&j, "branch", s->branch);
	assay_json_str(&j, "subject", s->subject);
	assay_json_int(&j, "run", (long long)s->run);
	assay_json_int(&j, "tests_run", (long long)s->tests_run);
	assay_json_int(&j, "coverage_run", (long long)s->coverage_run);
	json_runs(&j, "tests_runs", &s->test_runs);
	json_runs(&j, "coverage_runs", &s->coverage_runs);
	json_runs(&j, "tests_replaced", &s->tests_replaced);
	json_runs(&j, "coverage_replaced", &s->coverage_replaced);
	static const char *const counts[] = { "tests", "passed", "failed", "errors", "skipped", "reruns" };
	const long nv[] = { s->tests, s->by_status[ASSAY_PASS], s->by_status[ASSAY_FAIL],
			    s->by_status[ASSAY_ERROR], s->by_status[ASSAY_SKIP], s->reruns };
	for (int k = 0; k < 6; k++)
		if (s->test_runs.n)
			assay_json_int(&j, counts[k], nv[k]);
		else
			assay_json_null(&j, counts[k]);
	if (s->test_runs.n)
		assay_json_int(&j, "duration_us", (long long)s->duration_us);
	else
		assay_json_null(&j, "duration_us");
	if (s->coverage_runs.n)
		assay_json_int(&j, "files", s->files);
	else
		assay_json_null(&j, "files");
	const uint64_t v[6] = { s->lines_found, s->lines_hit, s->branches_found, s->branches_hit,
				s->functions_found, s->functions_hit };
	json_figures(&j, s->coverage_runs.n ? v : NULL);
	json_signals(&j, s);
	json_tests(&j, "failures", s->failures, s->nfailures);
	json_tests(&j, "slowest", s->slowest, s->nslowest);
	if (files)
		json_files(&j, s);
	assay_json_print(&j, stdout);
	assay_buf_release(&b);
}

struct show {
	struct assay_cli_common c;
	long top;
	int files;
};

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)needs;
	(void)err;
	const struct show *o = ud;
	if (o->top < 0)
		return assay_cli_usage_error(prog, usage, "--top must not be negative");
	if (n > 2)
		return assay_cli_usage_error(prog, usage, "one RUN or COMMIT at most");
	return 0;
}

static int run(void *ud, struct assay_cli_session *se, assay_err *err)
{
	const struct show *o = ud;
	struct assay_summary s;
	memset(&s, 0, sizeof(s));
	int64_t run = 0, commit = 0;
	int rc = assay_summary_resolve(se->st, se->n == 2 ? se->argv[1] : NULL, &run, &commit, err);
	if (rc == 0)
		rc = assay_summary_load(se->st, run, commit, (size_t)o->top, o->files ? ASSAY_SUMMARY_FILES : 0,
					&s, err);
	if (rc == 0) {
		if (o->c.json)
			print_json(&s, o->files);
		else
			print_text(&s, o->files);
	}
	assay_summary_release(&s);
	return rc;
}

int main(int argc, char **argv)
{
	struct show o = { .top = 10 };
	const struct assay_option opts[] = {
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_CLI_OPT_JSON(&o.c),
		ASSAY_OPT_INT(0, "top", &o.top, "N", "how many slowest tests, failures and flaky tests to list (default 10)"),
		ASSAY_OPT_BOOL(0, "files", &o.files, "coverage per file, worst first"),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .common = &o.c, .needs = { ASSAY_CLI_STORE, 0 },
		.check = check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
