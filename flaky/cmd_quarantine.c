/* SPDX-License-Identifier: MIT */
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
#include "buf.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"assay flaky quarantine [--min-score S] [--window DAYS] [--infra PCT] [--half-life RUNS] > FILE";

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A field of a line: tabs and newlines inside a name would break the format, so they become spaces. */
static void add_field(assay_buf *b, const char *s)
{
	for (; *s; s++)
		assay_buf_addc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	const struct flaky_list_opts *o = ud;
	if (n <= 1 && !(o->min_score > 0 && o->min_score <= 1))
		return assay_cli_usage_error(o->prog, usage, "--min-score is above 0 and at most 1");
	return flaky_list_check(ud, n, argv, needs, err);
}

static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	struct flaky_list_opts *o = ud;
	struct flaky_report r;
	int rc = flaky_list_score(o, s->st, &r, err);
	if (rc < 0)
		return rc;
	char **lines = assay_xcalloc(r.n + 1, sizeof(*lines));
	assay_buf b = ASSAY_BUF_INIT;
	for (size_t i = 0; i < r.n; i++) {
		add_field(&b, r.v[i].suite);
		assay_buf_addc(&b, '\t');
		add_field(&b, r.v[i].classname);
		assay_buf_addc(&b, '\t');
		add_field(&b, r.v[i].name);
		lines[i] = assay_buf_detach(&b, NULL);
	}
	qsort(lines, r.n, sizeof(*lines), cmp_line);
	printf("# assay flaky quarantine: %zu test%s with a flakiness score of at least %g\n"
	       "# SUITE<TAB>CLASSNAME<TAB>NAME\n", r.n, r.n == 1 ? "" : "s", o->min_score);
	for (size_t i = 0; i < r.n; i++) {
		printf("%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	flaky_report_release(&r);
	fflush(stdout);
	if (ferror(stdout))
		return assay_err_set(err, ASSAY_EIO, "cannot write the list");
	return 0;
}

int flaky_cmd_quarantine(int argc, char **argv)
{
	struct flaky_list_opts o = FLAKY_LIST_OPTS_INIT("assay flaky quarantine", usage, FLAKY_QUARANTINE_MIN);
	const struct assay_option opts[] = {
		ASSAY_OPT_DOUBLE(0, "min-score", &o.min_score, "S", "quarantine tests scoring at least S (default 0.5; 1: only certain ones)"),
		FLAKY_OPT_SCORING(&o),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = o.prog, .usage = usage, .opts = opts, .common = &o.c, .needs = { ASSAY_CLI_STORE, 0 },
		.check = check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
