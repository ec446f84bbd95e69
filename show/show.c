/*
 * assay-show: the summary of a run or a commit.
 */
#include "cli.h"
#include "mem.h"
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] = "assay show [--db PATH] [--json] [--top N] [RUN|COMMIT]";

static double pct(uint64_t hit, uint64_t found)
{
	return found ? 100.0 * (double)hit / (double)found : 0.0;
}

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

static void print_text(const struct assay_summary *s)
{
	assay_buf name = ASSAY_BUF_INIT;
	printf("commit   %s", s->commit ? s->commit : "?");
	if (s->branch)
		printf(" (%s)", s->branch);
	printf("\n");
	if (s->subject)
		printf("subject  %s\n", s->subject);
	if (s->tests_run) {
		char d[32];
		fmt_duration(d, sizeof(d), s->duration_us);
		printf("tests    %ld: %ld passed, %ld failed, %ld errors, %ld skipped  (run %lld, %s)\n",
		       s->tests, s->by_status[ASSAY_PASS], s->by_status[ASSAY_FAIL],
		       s->by_status[ASSAY_ERROR], s->by_status[ASSAY_SKIP], (long long)s->tests_run, d);
		if (s->reruns)
			printf("reruns   %ld earlier attempts (flaky or rerun failures)\n", s->reruns);
	} else {
		printf("tests    none recorded\n");
	}
	if (s->coverage_run) {
		printf("lines    %5.1f%%  %llu/%llu in %ld files  (run %lld)\n",
		       pct(s->lines_hit, s->lines_found), (unsigned long long)s->lines_hit,
		       (unsigned long long)s->lines_found, s->files, (long long)s->coverage_run);
		printf("branches %5.1f%%  %llu/%llu\n", pct(s->branches_hit, s->branches_found),
		       (unsigned long long)s->branches_hit, (unsigned long long)s->branches_found);
		printf("functions%5.1f%%  %llu/%llu\n", pct(s->functions_hit, s->functions_found),
		       (unsigned long long)s->functions_hit, (unsigned long long)s->functions_found);
	} else {
		printf("coverage none recorded\n");
	}
	if (s->nfailures) {
		printf("\nfailures:\n");
		for (size_t i = 0; i < s->nfailures; i++) {
			const struct assay_summary_test *t = &s->failures[i];
			assay_test_display_name(&name, t->suite, t->classname, t->name);
			printf("  %-5s %s%s%s\n", assay_status_name(t->status), name.buf,
			       s->failures[i].message ? ": " : "",
			       s->failures[i].message ? s->failures[i].message : "");
		}
	}
	if (s->nslowest) {
		printf("\nslowest tests:\n");
		for (size_t i = 0; i < s->nslowest; i++) {
			char d[32];
			const struct assay_summary_test *t = &s->slowest[i];
			assay_test_display_name(&name, t->suite, t->classname, t->name);
			fmt_duration(d, sizeof(d), t->duration_us);
			printf("  %9s  %s\n", d, name.buf);
		}
	}
	assay_buf_release(&name);
}

static void json_tests(assay_buf *b, const char *key, const struct assay_summary_test *t, size_t n)
{
	assay_buf_addf(b, ",\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		assay_buf_adds(b, i ? ",{\"suite\":" : "{\"suite\":");
		assay_buf_add_json_string(b, t[i].suite);
		assay_buf_adds(b, ",\"classname\":");
		assay_buf_add_json_string(b, t[i].classname);
		assay_buf_adds(b, ",\"name\":");
		assay_buf_add_json_string(b, t[i].name);
		assay_buf_addf(b, ",\"status\":\"%s\",\"duration_us\":", assay_status_name(t[i].status));
		if (t[i].duration_us >= 0)
			assay_buf_addf(b, "%lld", (long long)t[i].duration_us);
		else
			assay_buf_adds(b, "null");
		assay_buf_adds(b, ",\"message\":");
		if (t[i].message)
			assay_buf_add_json_string(b, t[i].message);
		else
			assay_buf_adds(b, "null");
		assay_buf_addc(b, '}');
	}
	assay_buf_addc(b, ']');
}

static void print_json(const struct assay_summary *s)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_buf_adds(&b, "{\"commit\":");
	assay_buf_add_json_string(&b, s->commit);
	assay_buf_adds(&b, ",\"branch\":");
	if (s->branch)
		assay_buf_add_json_string(&b, s->branch);
	else
		assay_buf_adds(&b, "null");
	assay_buf_addf(&b, ",\"tests_run\":%lld,\"coverage_run\":%lld,\"tests\":%ld,\"passed\":%ld,"
		       "\"failed\":%ld,\"errors\":%ld,\"skipped\":%ld,\"reruns\":%ld,\"duration_us\":%lld,"
		       "\"files\":%ld,\"lines_found\":%llu,\"lines_hit\":%llu,\"branches_found\":%llu,"
		       "\"branches_hit\":%llu,\"functions_found\":%llu,\"functions_hit\":%llu",
		       (long long)s->tests_run, (long long)s->coverage_run, s->tests,
		       s->by_status[ASSAY_PASS], s->by_status[ASSAY_FAIL], s->by_status[ASSAY_ERROR],
		       s->by_status[ASSAY_SKIP], s->reruns, (long long)s->duration_us, s->files,
		       (unsigned long long)s->lines_found, (unsigned long long)s->lines_hit,
		       (unsigned long long)s->branches_found, (unsigned long long)s->branches_hit,
		       (unsigned long long)s->functions_found, (unsigned long long)s->functions_hit);
	json_tests(&b, "failures", s->failures, s->nfailures);
	json_tests(&b, "slowest", s->slowest, s->nslowest);
	assay_buf_adds(&b, "}\n");
	fputs(b.buf, stdout);
	assay_buf_release(&b);
}

int main(int argc, char **argv)
{
	const char *prog = "assay show";
	struct assay_cli_common c;
	memset(&c, 0, sizeof(c));
	long top = 10;
	const struct assay_option opts[] = {
		ASSAY_CLI_OPT_DB(&c),
		ASSAY_CLI_OPT_JSON(&c),
		ASSAY_OPT_INT(0, "top", &top, "N", "how many slowest tests and failures to list (default 10)"),
		ASSAY_OPT_END(),
	};
	int status;
	int n = assay_cli_parse(prog, usage, opts, argc, argv, 0, &status);
	if (n < 0)
		return status;
	if (top < 0)
		return assay_cli_usage_error(prog, usage, "--top must not be negative");
	if (n > 2)
		return assay_cli_usage_error(prog, usage, "one RUN or COMMIT at most");
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st = NULL;
	struct assay_summary s;
	memset(&s, 0, sizeof(s));
	int64_t run = 0, commit = 0;
	int rc = assay_cli_open_store(&c, &st, &err);
	if (rc == 0)
		rc = assay_summary_resolve(st, n == 2 ? argv[1] : NULL, &run, &commit, &err);
	if (rc == 0)
		rc = assay_summary_load(st, run, commit, (size_t)top, &s, &err);
	if (rc == 0) {
		if (c.json)
			print_json(&s);
		else
			print_text(&s);
	}
	assay_summary_release(&s);
	assay_store_close(st);
	return rc < 0 ? assay_cli_report(prog, &err) : 0;
}
