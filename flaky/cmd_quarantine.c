/*
 * assay flaky quarantine: the known-flaky tests as a plain list for the
 * gate, so their failures do not block a merge but stay visible.
 *
 * The format: lines starting with '#' are comments; every other line is
 * one test, "SUITE<TAB>CLASSNAME<TAB>NAME" (a field may be empty, as
 * cmocka leaves the class name), sorted, so the file diffs well in review.
 */
#include "cli.h"
#include "cmds.h"
#include "mem.h"
#include "score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] = "assay flaky quarantine [--min-score S] [--window DAYS] > FILE";

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Tabs and newlines inside a name would break the line format: they become spaces. */
static void clean(char *s)
{
	for (; *s; s++)
		if (*s == '\t' || *s == '\n' || *s == '\r')
			*s = ' ';
}

int flaky_cmd_quarantine(int argc, char **argv)
{
	const char *prog = "assay flaky quarantine";
	struct assay_cli_common c = { 0 };
	struct flaky_score_opts so = FLAKY_SCORE_OPTS_INIT;
	double min_score = 0.5;
	const struct assay_option opts[] = {
		ASSAY_OPT_DOUBLE(0, "min-score", &min_score, "S", "quarantine tests scoring at least S (default 0.5; 1: only certain ones)"),
		ASSAY_OPT_DOUBLE(0, "window", &so.window_days, "DAYS", "only runs of the last DAYS days (default: all)"),
		ASSAY_CLI_OPT_DB(&c),
		ASSAY_OPT_END(),
	};
	int status;
	int n = assay_cli_parse(prog, usage, opts, argc, argv, 0, &status);
	if (n < 0)
		return status;
	if (n > 1 || !(min_score > 0 && min_score <= 1) || so.window_days < 0) {
		fprintf(stderr, "%s: %s\nusage: %s\n", prog,
			n > 1 ? "no operands expected" : "--min-score is above 0 and at most 1", usage);
		return 2;
	}
	so.now = (int64_t)time(NULL);
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st = NULL;
	struct flaky_report r = { 0 };
	int rc = assay_cli_open_store(&c, &st, &err);
	if (rc == 0)
		rc = flaky_score(st, &so, &r, &err);
	if (rc == 0) {
		char **lines = assay_xcalloc(r.n + 1, sizeof(*lines));
		size_t k = 0;
		for (size_t i = 0; i < r.n; i++) {
			if (r.v[i].score < min_score)
				continue;
			lines[k] = assay_xasprintf("%s\t%s\t%s", r.v[i].suite, r.v[i].classname, r.v[i].name);
			clean(lines[k]);
			/* the tabs between fields were not in the names: put them back */
			size_t a = strlen(r.v[i].suite), b = strlen(r.v[i].classname);
			lines[k][a] = '\t';
			lines[k][a + 1 + b] = '\t';
			k++;
		}
		qsort(lines, k, sizeof(*lines), cmp_line);
		printf("# assay flaky quarantine: %zu test%s with a flakiness score of at least %g\n"
		       "# SUITE<TAB>CLASSNAME<TAB>NAME\n", k, k == 1 ? "" : "s", min_score);
		for (size_t i = 0; i < k; i++) {
			printf("%s\n", lines[i]);
			free(lines[i]);
		}
		free(lines);
		fflush(stdout);
		if (ferror(stdout))
			rc = assay_err_set(&err, ASSAY_EIO, "cannot write the list");
	}
	flaky_report_release(&r);
	assay_store_close(st);
	return rc < 0 ? assay_cli_report(prog, &err) : 0;
}
