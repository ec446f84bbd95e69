/* SPDX-License-Identifier: MIT */
#include "summary.h"
#include "summary_impl.h"
#include "mem.h"
#include "proc.h"
#include "runctx.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int all_hex(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * The commit whose sha is rev (prefix 0) or starts with it (prefix 1):
 * 0 with *out set, -ASSAY_ENOTFOUND (err untouched) for none, an error
 * for several.
 */
static int commit_by_sha(assay_store *st, const char *rev, int prefix, int64_t *out,
			 assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, prefix
		? "SELECT id FROM commits WHERE sha >= ?1 AND sha < ?1 || char(1114111) LIMIT 2"
		: "SELECT id FROM commits WHERE sha = ?1", err);
	if (rc < 0)
		return rc;
	assay_store_bind_text(s, 1, rev);
	int n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		n++;
	}
	rc = rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "looking up a commit");
	sqlite3_finalize(s);
	if (rc < 0)
		return rc;
	if (n == 1)
		return 0;
	*out = 0;
	if (n > 1)
		return assay_err_set(err, ASSAY_EUSAGE,
				     "'%s' names more than one commit in the store: give more digits", rev);
	return -ASSAY_ENOTFOUND;
}

int assay_summary_find_commit(assay_store *st, const char *rev, int64_t *commit_id,
			      assay_err *err)
{
	*commit_id = 0;
	int rc = commit_by_sha(st, rev, 0, commit_id, err);
	if (rc == -ASSAY_ENOTFOUND && strlen(rev) >= 4 && all_hex(rev))
		rc = commit_by_sha(st, rev, 1, commit_id, err);
	if (rc != -ASSAY_ENOTFOUND)
		return rc;
	/* a revision git knows in the current directory: HEAD, a branch, a tag */
	char *sha = NULL;
	assay_err ignored = ASSAY_ERR_INIT;
	char *spec = assay_xasprintf("%s^{commit}", rev);
	const char *args[] = { "rev-parse", "--verify", "--quiet", spec, NULL };
	int known = assay_git(&sha, NULL, args, &ignored) == 0 && sha && *sha;
	if (known)
		rc = commit_by_sha(st, sha, 0, commit_id, err);
	free(sha);
	free(spec);
	if (rc == -ASSAY_ENOTFOUND)
		return known ? assay_err_set(err, ASSAY_ENOTFOUND, "commit '%s' has nothing in the store", rev)
			     : assay_err_set(err, ASSAY_ENOTFOUND, "no commit '%s' in the store", rev);
	return rc;
}

/*
 * The commit a run made here would belong to (runctx: the CI's, else git's
 * HEAD); where there is none, that of the newest run, *run_out.  Clears
 * *run_out: the answer is a commit.
 */
static int current_commit(assay_store *st, int64_t *run_out, int64_t *commit_out, char **toplevel,
			  assay_err *err)
{
	assay_runctx ctx;
	struct assay_runctx_opts o = { .commit_only = 1, .want_toplevel = toplevel != NULL };
	assay_err ignored = ASSAY_ERR_INIT;
	memset(&ctx, 0, sizeof(ctx));
	int rc = 0;
	if (assay_runctx_resolve(&ctx, &o, &ignored) == 0) {
		if (toplevel) {
			*toplevel = ctx.toplevel;
			ctx.toplevel = NULL;
		}
		rc = commit_by_sha(st, ctx.commit, 0, commit_out, err);
		if (rc == -ASSAY_ENOTFOUND)
			rc = assay_err_set(err, ASSAY_ENOTFOUND,
					   "the current commit %.12s has nothing in %s (assay ls lists the runs)",
					   ctx.commit, assay_store_path(st));
	} else {
		sqlite3_stmt *s;
		if ((rc = assay_store_prepare(st, &s, "SELECT commit_id FROM runs WHERE id = ?", err)) < 0)
			return rc;
		sqlite3_bind_int64(s, 1, *run_out);
		if (sqlite3_step(s) == SQLITE_ROW)
			*commit_out = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	assay_runctx_release(&ctx);
	*run_out = 0;
	return rc;
}

int assay_summary_resolve(assay_store *st, const char *target, int64_t *run_out,
			  int64_t *commit_out, assay_err *err)
{
	return assay_summary_resolve_here(st, target, run_out, commit_out, NULL, err);
}

int assay_summary_resolve_here(assay_store *st, const char *target, int64_t *run_out, int64_t *commit_out,
			       char **toplevel, assay_err *err)
{
	if (toplevel)
		*toplevel = NULL;
	*run_out = 0;
	*commit_out = 0;
	sqlite3_stmt *s;
	int rc;
	if (!target) {
		if ((rc = assay_store_prepare(st, &s, "SELECT max(id) FROM runs", err)) < 0)
			return rc;
		if (sqlite3_step(s) == SQLITE_ROW)
			*run_out = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		if (!*run_out)
			return assay_err_set(err, ASSAY_ENOTFOUND, "%s: the store has no runs yet",
					     assay_store_path(st));
		return current_commit(st, run_out, commit_out, toplevel, err);
	}
	if (is_number(target) && strlen(target) < 10) {
		if ((rc = assay_store_prepare(st, &s, "SELECT id FROM runs WHERE id = ?", err)) < 0)
			return rc;
		sqlite3_bind_int64(s, 1, strtoll(target, NULL, 10));
		if (sqlite3_step(s) == SQLITE_ROW)
			*run_out = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		if (*run_out)
			return 0;
	}
	rc = assay_summary_find_commit(st, target, commit_out, err);
	if (rc == -ASSAY_ENOTFOUND)
		return assay_err_set(err, ASSAY_ENOTFOUND, "no run or commit '%s' in %s", target,
				     assay_store_path(st));
	return rc;
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* [*start, *end) of s without blank lines (or blanks) at either end; 0 when nothing is left. */
static int trim_span(const char *s, const char **start, const char **end)
{
	if (!s)
		return 0;
	const char *b = s, *e = s + strlen(s);
	while (b < e && blank(*b))
		b++;
	while (e > b && blank(e[-1]))
		e--;
	if (b == e)
		return 0;
	*start = b;
	*end = e;
	return 1;
}

char *assay_failure_text(const char *message, const char *system_out, const char *system_err,
			 int lines)
{
	const char *b, *e;
	int tail = 0;
	if (!trim_span(message, &b, &e)) {
		tail = 1;
		if (!trim_span(system_err, &b, &e) && !trim_span(system_out, &b, &e))
			return NULL;
	}
	if (lines < 1)
		lines = 1;
	if (tail) {
		const char *p = e;
		for (int n = 0; p > b; p--)
			if (p[-1] == '\n' && ++n == lines)
				break;
		b = p;
		if (e - b > ASSAY_FAILURE_TEXT_MAX)
			b = e - ASSAY_FAILURE_TEXT_MAX;
	} else {
		const char *p = b;
		for (int n = 0; p < e; p++)
			if (*p == '\n' && ++n == lines)
				break;
		e = p;
		if (e - b > ASSAY_FAILURE_TEXT_MAX)
			e = b + ASSAY_FAILURE_TEXT_MAX;
	}
	assay_buf out = ASSAY_BUF_INIT;
	for (const char *p = b; p < e; p++)
		if (*p != '\r')
			assay_buf_addc(&out, *p);
	/* a cut may leave blanks at an end */
	while (out.len && blank(out.buf[out.len - 1]))
		out.len--;
	assay_buf_setlen(&out, out.len);
	return assay_buf_detach(&out, NULL);
}

int assay_summary_run_ids(assay_store *st, const char *sql, int64_t id, struct assay_summary_runs *out,
			  assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, sql, err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	size_t alloc = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ASSAY_GROW(out->ids, alloc, out->n + 1);
		out->ids[out->n++] = sqlite3_column_int64(s, 0);
	}
	rc = rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "finding a commit's runs");
	sqlite3_finalize(s);
	return rc;
}

static int load_commit(assay_store *st, int64_t commit_id, struct assay_summary *out, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, "SELECT sha, branch, subject, time FROM commits WHERE id = ?", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, commit_id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		out->commit_id = commit_id;
		out->commit = assay_store_column_dup(s, 0);
		out->branch = assay_store_column_dup(s, 1);
		out->subject = assay_store_column_dup(s, 2);
		out->commit_time = sqlite3_column_int64(s, 3);
	}
	sqlite3_finalize(s);
	return 0;
}

/* Columns: suite, classname, name, status, duration_us, message, system_out, system_err, run. */
static void read_test(sqlite3_stmt *s, struct assay_summary_test *t)
{
	t->suite = assay_store_column_dup(s, 0);
	t->classname = assay_store_column_dup(s, 1);
	t->name = assay_store_column_dup(s, 2);
	int st = assay_status_parse((const char *)sqlite3_column_text(s, 3));
	t->status = st < 0 ? ASSAY_ERROR : (enum assay_status)st;
	t->duration_us = sqlite3_column_type(s, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 4);
	t->message = assay_failure_text((const char *)sqlite3_column_text(s, 5),
					(const char *)sqlite3_column_text(s, 6),
					(const char *)sqlite3_column_text(s, 7), 10);
	t->run = sqlite3_column_int64(s, 8);
}

/* The slowest first; a tie by run, then by name, so that the order is the same every time. */
static int by_duration_desc(const void *a, const void *b)
{
	const struct assay_summary_test *x = a, *y = b;
	if (x->duration_us != y->duration_us)
		return (x->duration_us < y->duration_us) - (x->duration_us > y->duration_us);
	if (x->run != y->run)
		return (x->run > y->run) - (x->run < y->run);
	int c = strcmp(x->classname ? x->classname : "", y->classname ? y->classname : "");
	return c ? c : strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

static void clear_test(struct assay_summary_test *t)
{
	free(t->suite);
	free(t->classname);
	free(t->name);
	free(t->message);
}

/* Append to *arr (of *n) the rows of s, at most `top` of them. */
static void read_tests(sqlite3_stmt *s, size_t top, struct assay_summary_test **arr, size_t *n,
		       size_t *alloc)
{
	for (size_t k = 0; k < top && sqlite3_step(s) == SQLITE_ROW; k++) {
		ASSAY_GROW(*arr, *alloc, *n + 1);
		memset(&(*arr)[*n], 0, sizeof(**arr));
		read_test(s, &(*arr)[(*n)++]);
	}
}

/* Counts, slowest tests and failures of one run, added to out's. */
static int load_tests(assay_store *st, int64_t run, size_t top, struct assay_summary *out,
		      size_t alloc[2], assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT status, final, count(*), coalesce(sum(duration_us), 0) FROM results "
		"WHERE run_id = ? GROUP BY status, final", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, run);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int status = assay_status_parse((const char *)sqlite3_column_text(s, 0));
		long n = sqlite3_column_int(s, 2);
		if (!sqlite3_column_int(s, 1)) {
			out->reruns += n;
			continue;
		}
		if (status >= 0)
			out->by_status[status] += n;
		out->tests += n;
		out->duration_us += sqlite3_column_int64(s, 3);
	}
	sqlite3_finalize(s);

	static const char *const lists[2] = {
		"SELECT t.suite, t.classname, t.name, r.status, r.duration_us, NULL, NULL, NULL, r.run_id "
		"FROM results r JOIN tests t ON t.id = r.test_id WHERE r.run_id = ? AND r.final = 1 "
		"AND r.duration_us IS NOT NULL ORDER BY r.duration_us DESC, r.ord LIMIT ?",
		"SELECT t.suite, t.classname, t.name, r.status, r.duration_us, r.message, r.system_out, "
		"r.system_err, r.run_id FROM results r JOIN tests t ON t.id = r.test_id "
		"WHERE r.run_id = ? AND r.final = 1 AND r.status IN ('fail', 'error') ORDER BY r.ord LIMIT ?",
	};
	for (int l = 0; l < 2; l++) {
		if ((rc = assay_store_prepare(st, &s, lists[l], err)) < 0)
			return rc;
		sqlite3_bind_int64(s, 1, run);
		sqlite3_bind_int64(s, 2, (int64_t)top);
		if (l == 0)
			read_tests(s, top, &out->slowest, &out->nslowest, &alloc[0]);
		else
			read_tests(s, top - out->nfailures, &out->failures, &out->nfailures, &alloc[1]);
		sqlite3_finalize(s);
	}
	/* the slowest over all the runs so far */
	if (out->nslowest > 1)
		qsort(out->slowest, out->nslowest, sizeof(*out->slowest), by_duration_desc);
	for (; out->nslowest > top; out->nslowest--)
		clear_test(&out->slowest[out->nslowest - 1]);
	return 0;
}

static int run_has(assay_store *st, int64_t run, const char *sql)
{
	sqlite3_stmt *s;
	int yes = 0;
	if (sqlite3_prepare_v2(assay_store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, run);
		yes = sqlite3_step(s) == SQLITE_ROW;
		sqlite3_finalize(s);
	}
	return yes;
}

static void one_run(struct assay_summary_runs *r, int64_t id)
{
	r->ids = assay_xmalloc(sizeof(*r->ids));
	r->ids[0] = id;
	r->n = 1;
}

/* A run's own test and coverage runs: itself, where it has them. */
static void runs_of_run(assay_store *st, struct assay_summary *out)
{
	if (run_has(st, out->run, "SELECT 1 FROM result_chunks WHERE run_id = ?1 LIMIT 1"))
		one_run(&out->test_runs, out->run);
	if (run_has(st, out->run, "SELECT 1 FROM coverage WHERE run_id = ?1 LIMIT 1"))
		one_run(&out->coverage_runs, out->run);
}

/*
 * A commit's test runs and coverage runs: of its ingest runs with them, the
 * newest for each label and CI job (a matrix entry, a job); an older run
 * with the same ones was replaced by the newer (a CI retry, a re-ingest).
 * Never a flaky repetition: those are for `flaky`.
 */
/*
 * The commit's ingest runs that hold rows of a table (sql is RUNS_WITH's),
 * newest first: the newest of each label and CI job into newest, the
 * others into replaced.  One pass, where a query for each list looked
 * through every run twice.
 */
#define RUNS_WITH(table) \
	"SELECT r.id, r.id = max(r.id) OVER (PARTITION BY coalesce(r.label, ''), coalesce(r.ci_job, '')) " \
	"FROM runs r WHERE r.commit_id = ? AND r.kind = 'ingest' " \
	"AND EXISTS (SELECT 1 FROM " table " x WHERE x.run_id = r.id) ORDER BY r.id DESC"
static int split_runs(assay_store *st, const char *sql, int64_t commit_id, struct assay_summary_runs *newest,
		      struct assay_summary_runs *replaced, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, sql, err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, commit_id);
	size_t alloc[2] = { 0, 0 };
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int is_newest = sqlite3_column_int(s, 1);
		struct assay_summary_runs *into = is_newest ? newest : replaced;
		ASSAY_GROW(into->ids, alloc[!is_newest], into->n + 1);
		into->ids[into->n++] = sqlite3_column_int64(s, 0);
	}
	rc = rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "finding a commit's runs");
	sqlite3_finalize(s);
	return rc;
}

static int runs_of_commit(assay_store *st, struct assay_summary *out, assay_err *err)
{
	int rc = split_runs(st, RUNS_WITH("result_chunks"), out->commit_id, &out->test_runs, &out->tests_replaced, err);
	if (rc == 0)
		rc = split_runs(st, RUNS_WITH("coverage"), out->commit_id, &out->coverage_runs, &out->coverage_replaced,
				err);
	return rc;
}

int assay_summary_load(assay_store *st, int64_t run_id, int64_t commit_id, size_t top,
		       unsigned flags, struct assay_summary *out, assay_err *err)
{
	memset(out, 0, sizeof(*out));
	int rc;
	if (run_id) {
		sqlite3_stmt *s;
		if ((rc = assay_store_prepare(st, &s, "SELECT commit_id FROM runs WHERE id = ?", err)) < 0)
			return rc;
		sqlite3_bind_int64(s, 1, run_id);
		commit_id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_finalize(s);
		if (!commit_id)
			return assay_err_set(err, ASSAY_ENOTFOUND, "no run %lld", (long long)run_id);
		out->run = run_id;
	}
	if ((rc = load_commit(st, commit_id, out, err)) < 0)
		return rc;
	if (run_id)
		runs_of_run(st, out);
	else if ((rc = runs_of_commit(st, out, err)) < 0)
		return rc;
	out->tests_run = out->test_runs.n ? out->test_runs.ids[0] : 0;
	out->coverage_run = out->coverage_runs.n ? out->coverage_runs.ids[0] : 0;
	/* oldest first, so that failures come in the order they were recorded */
	size_t alloc[2] = { 0, 0 };
	for (size_t i = out->test_runs.n; rc == 0 && i-- > 0;)
		rc = load_tests(st, out->test_runs.ids[i], top, out, alloc, err);
	if (rc == 0 && !(flags & ASSAY_SUMMARY_NO_COVERAGE))
		rc = assay_summary_load_coverage(st, out, flags, err);
	if (rc == 0)
		rc = assay_summary_load_mutation(st, out, err);
	if (rc == 0 && !run_id)
		rc = assay_summary_load_flaky(st, out, top, err);
	if (rc == 0)
		rc = assay_summary_load_bench(st, out, err);
	return rc;
}

void assay_summary_release(struct assay_summary *s)
{
	free(s->commit);
	free(s->branch);
	free(s->subject);
	free(s->test_runs.ids);
	free(s->coverage_runs.ids);
	if (s->coverage)
		assay_covset_free(s->coverage);
	free(s->tests_replaced.ids);
	free(s->coverage_replaced.ids);
	free(s->flaky_runs.ids);
	free(s->bench_runs.ids);
	for (size_t i = 0; i < s->nslowest; i++)
		clear_test(&s->slowest[i]);
	free(s->slowest);
	for (size_t i = 0; i < s->nfailures; i++)
		clear_test(&s->failures[i]);
	free(s->failures);
	for (size_t i = 0; i < s->nfile_list; i++)
		free(s->file_list[i].path);
	free(s->file_list);
	for (size_t i = 0; i < s->nflaky; i++) {
		free(s->flaky[i].suite);
		free(s->flaky[i].classname);
		free(s->flaky[i].name);
	}
	free(s->flaky);
	for (size_t i = 0; i < s->nbench; i++) {
		free(s->bench[i].name);
		free(s->bench[i].metric);
		free(s->bench[i].unit);
	}
	free(s->bench);
	memset(s, 0, sizeof(*s));
}

void assay_summary_mutation_counts(const struct assay_summary *s, long *detected, long *scored)
{
	*detected = s->killed + s->timeout;
	*scored = *detected + s->survived + s->no_coverage;
}
