/* SPDX-License-Identifier: MIT */
/*
 * assay-ls: the runs in the store, newest first.
 */
#include "cli.h"
#include "color.h"
#include "json_out.h"
#include "mem.h"
#include "utility.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char prog[] = "assay ls";
static const char usage[] = "assay ls [--db PATH] [--json] [--limit N] [--kind KIND]";

/* The kinds of run there are (runs.kind). */
static const char *const kinds[] = { "ingest", "flaky", "mutation", "bench" };

static const char query[] =
	"SELECT r.id, r.started_at, c.sha, c.branch, r.kind, r.label, r.ci_provider, r.ci_job,"
	" (SELECT sum(lines_found) FROM coverage v WHERE v.run_id = r.id),"
	" (SELECT sum(lines_hit) FROM coverage v WHERE v.run_id = r.id),"
	" (SELECT sum(status IN ('killed', 'timeout')) FROM mutations m WHERE m.run_id = r.id),"
	" (SELECT sum(status IN ('killed', 'timeout', 'survived', 'no_coverage')) FROM mutations m"
	"  WHERE m.run_id = r.id),"
	" (SELECT count(DISTINCT benchmark_id) FROM samples x WHERE x.run_id = r.id)"
	" FROM runs r JOIN commits c ON c.id = r.commit_id"
	" WHERE ?1 IS NULL OR r.kind = ?1 ORDER BY r.id DESC LIMIT ?2";

/* Both counts in one pass over a run's results (each pass decodes all its chunks). */
static const char counts_query[] =
	"SELECT count(*), coalesce(sum(status IN ('fail','error')), 0) FROM results"
	" WHERE run_id = ? AND final = 1";

static const char *text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : NULL;
}

struct ls {
	struct assay_cli_common c;
	long limit;
	const char *kind;
};

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)needs;
	(void)err;
	const struct ls *o = ud;
	if (o->limit < 0)
		return assay_cli_usage_error(prog, usage, "--limit must not be negative");
	if (n > 1)
		return assay_cli_usage_error(prog, usage, "no operands expected");
	int known = !o->kind;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]) && !known; i++)
		known = !strcmp(o->kind, kinds[i]);
	if (!known)
		return assay_cli_usage_error(prog, usage,
					     "--kind takes ingest, flaky, mutation or bench, not '%s'", o->kind);
	return 0;
}

static int run(void *ud, struct assay_cli_session *se, assay_err *err)
{
	const struct ls *o = ud;
	sqlite3_stmt *s = NULL, *counts = NULL;
	int rc = assay_store_prepare(se->st, &s, query, err);
	if (rc == 0)
		rc = assay_store_prepare(se->st, &counts, counts_query, err);
	if (rc < 0) {
		sqlite3_finalize(s);
		return rc;
	}
	if (o->kind)
		sqlite3_bind_text(s, 1, o->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, o->limit ? o->limit : -1);
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	if (o->c.json)
		assay_json_array(&j, NULL);
	else
		printf("%6s  %-16s  %-12s  %-16s  %-8s  %7s  %6s  %7s  %7s  %6s  %s\n", "RUN", "STARTED",
		       "COMMIT", "BRANCH", "KIND", "TESTS", "FAILED", "LINES", "SCORE", "SERIES", "LABEL");
	int rows = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(s, 0);
		time_t t = (time_t)sqlite3_column_int64(s, 1);
		sqlite3_bind_int64(counts, 1, id);
		long tests = 0, failed = 0;
		if (sqlite3_step(counts) == SQLITE_ROW) {
			tests = sqlite3_column_int(counts, 0);
			failed = sqlite3_column_int(counts, 1);
		}
		sqlite3_reset(counts);
		int has_cov = sqlite3_column_type(s, 8) != SQLITE_NULL;
		long long found = sqlite3_column_int64(s, 8), hit = sqlite3_column_int64(s, 9);
		int has_mut = sqlite3_column_type(s, 10) != SQLITE_NULL;
		long long detected = sqlite3_column_int64(s, 10), scored = sqlite3_column_int64(s, 11);
		long series = sqlite3_column_int(s, 12);
		if (o->c.json) {
			assay_json_object(&j, NULL);
			assay_json_int(&j, "run", id);
			assay_json_int(&j, "started_at", (long long)t);
			static const char *const keys[] = { "commit", "branch", "kind", "label", "ci_provider",
							    "ci_job" };
			for (int k = 0; k < 6; k++)
				assay_json_str(&j, keys[k], text(s, 2 + k));
			assay_json_int(&j, "tests", tests);
			assay_json_int(&j, "failed", failed);
			if (has_cov) {
				assay_json_int(&j, "lines_found", found);
				assay_json_int(&j, "lines_hit", hit);
			} else {
				assay_json_null(&j, "lines_found");
				assay_json_null(&j, "lines_hit");
			}
			if (has_mut && scored)
				assay_json_fixed(&j, "mutation_score", 100.0 * (double)detected / (double)scored, 4);
			else
				assay_json_null(&j, "mutation_score");
			assay_json_int(&j, "bench_series", series);
			assay_json_close(&j);
		} else {
			char when[32], lines[ASSAY_CLI_PCT_SIZE], score[ASSAY_CLI_PCT_SIZE], ntests[24],
				nfailed[24], nseries[24];
			struct tm tm;
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M", gmtime_r(&t, &tm));
			/* "-": the run holds none of it, not that it holds zero */
			snprintf(ntests, sizeof(ntests), tests ? "%ld" : "-", tests);
			snprintf(nfailed, sizeof(nfailed), tests ? "%ld" : "-", failed);
			snprintf(nseries, sizeof(nseries), series ? "%ld" : "-", series);
			if (!has_cov || !found)
				snprintf(lines, sizeof(lines), "-");
			else
				assay_cli_pct(lines, (uint64_t)hit, (uint64_t)found);
			if (!has_mut || !scored)
				snprintf(score, sizeof(score), "-");
			else
				assay_cli_pct(score, (uint64_t)detected, (uint64_t)scored);
			assay_buf_reset(&b);
			assay_cli_escape(&b, text(s, 3) ? text(s, 3) : "-", 0);
			char *branch = assay_buf_detach(&b, NULL);
			assay_cli_escape(&b, text(s, 5) ? text(s, 5) : "", 0);
			int red = tests && failed;
			printf("%6lld  %-16s  %-12.12s  %-16.16s  %-8s  %7s  %s%6s%s  %7s  %7s  %6s  %s\n", id,
			       when, text(s, 2), branch, text(s, 4), ntests,
			       red ? assay_color_on(stdout, ASSAY_RED) : "", nfailed,
			       red ? assay_color_off(stdout) : "", lines, score, nseries, b.buf);
			free(branch);
			assay_buf_reset(&b);
		}
		rows++;
	}
	if (o->c.json) {
		assay_json_print(&j, stdout);
	}
	assay_buf_release(&b);
	sqlite3_finalize(s);
	sqlite3_finalize(counts);
	return 0;
}

int main(int argc, char **argv)
{
	struct ls o = { .limit = 20 };
	const struct assay_option opts[] = {
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_CLI_OPT_JSON(&o.c),
		ASSAY_OPT_INT('n', "limit", &o.limit, "N", "show the newest N runs (default 20; 0: all)"),
		ASSAY_OPT_STRING(0, "kind", &o.kind, "KIND", "only runs of this kind (ingest, flaky, mutation, bench)"),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .common = &o.c, .needs = { ASSAY_CLI_STORE, 0 },
		.check = check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
