#include "summary.h"
#include "mem.h"
#include "proc.h"

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

int assay_summary_resolve(assay_store *st, const char *target, int64_t *run_out,
			  int64_t *commit_out, assay_err *err)
{
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
		return 0;
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

static int64_t newest_run_with(assay_store *st, int64_t commit_id, const char *table)
{
	char *sql = assay_xasprintf("SELECT max(r.id) FROM runs r WHERE r.commit_id = ? "
				    "AND EXISTS (SELECT 1 FROM %s x WHERE x.run_id = r.id)", table);
	sqlite3_stmt *s;
	int64_t id = 0;
	if (sqlite3_prepare_v2(assay_store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, commit_id);
		if (sqlite3_step(s) == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	free(sql);
	return id;
}

static int load_commit(assay_store *st, int64_t commit_id, struct assay_summary *out, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, "SELECT sha, branch, subject, time FROM commits WHERE id = ?", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, commit_id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		out->commit = assay_store_column_dup(s, 0);
		out->branch = assay_store_column_dup(s, 1);
		out->subject = assay_store_column_dup(s, 2);
		out->commit_time = sqlite3_column_int64(s, 3);
	}
	sqlite3_finalize(s);
	return 0;
}

static char *first_line(const unsigned char *t)
{
	if (!t)
		return NULL;
	const char *p = (const char *)t;
	while (*p == '\n' || *p == ' ' || *p == '\r' || *p == '\t')
		p++;
	size_t n = strcspn(p, "\r\n");
	if (n > 200)
		n = 200;
	return assay_xstrndup(p, n);
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

static void read_test(sqlite3_stmt *s, struct assay_summary_test *t)
{
	t->suite = assay_store_column_dup(s, 0);
	t->classname = assay_store_column_dup(s, 1);
	t->name = assay_store_column_dup(s, 2);
	int st = assay_status_parse((const char *)sqlite3_column_text(s, 3));
	t->status = st < 0 ? ASSAY_ERROR : (enum assay_status)st;
	t->duration_us = sqlite3_column_type(s, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 4);
	t->message = first_line(sqlite3_column_text(s, 5));
}

static int load_tests(assay_store *st, int64_t run, size_t top, struct assay_summary *out,
		      assay_err *err)
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
		"SELECT t.suite, t.classname, t.name, r.status, r.duration_us, r.message FROM results r "
		"JOIN tests t ON t.id = r.test_id WHERE r.run_id = ? AND r.final = 1 "
		"AND r.duration_us IS NOT NULL ORDER BY r.duration_us DESC, r.ord LIMIT ?",
		"SELECT t.suite, t.classname, t.name, r.status, r.duration_us, r.message FROM results r "
		"JOIN tests t ON t.id = r.test_id WHERE r.run_id = ? AND r.final = 1 "
		"AND r.status IN ('fail', 'error') ORDER BY r.ord LIMIT ?",
	};
	for (int l = 0; l < 2; l++) {
		if ((rc = assay_store_prepare(st, &s, lists[l], err)) < 0)
			return rc;
		sqlite3_bind_int64(s, 1, run);
		sqlite3_bind_int64(s, 2, (int64_t)top);
		struct assay_summary_test *arr = assay_xcalloc(top ? top : 1, sizeof(*arr));
		size_t n = 0;
		while (n < top && sqlite3_step(s) == SQLITE_ROW)
			read_test(s, &arr[n++]);
		sqlite3_finalize(s);
		if (l == 0) {
			out->slowest = arr;
			out->nslowest = n;
		} else {
			out->failures = arr;
			out->nfailures = n;
		}
	}
	return 0;
}

static int load_coverage(assay_store *st, int64_t run, struct assay_summary *out, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT count(*), coalesce(sum(lines_found),0), coalesce(sum(lines_hit),0),"
		" coalesce(sum(branches_found),0), coalesce(sum(branches_hit),0),"
		" coalesce(sum(functions_found),0), coalesce(sum(functions_hit),0)"
		" FROM coverage WHERE run_id = ?", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, run);
	if (sqlite3_step(s) == SQLITE_ROW) {
		out->files = sqlite3_column_int(s, 0);
		out->lines_found = (uint64_t)sqlite3_column_int64(s, 1);
		out->lines_hit = (uint64_t)sqlite3_column_int64(s, 2);
		out->branches_found = (uint64_t)sqlite3_column_int64(s, 3);
		out->branches_hit = (uint64_t)sqlite3_column_int64(s, 4);
		out->functions_found = (uint64_t)sqlite3_column_int64(s, 5);
		out->functions_hit = (uint64_t)sqlite3_column_int64(s, 6);
	}
	sqlite3_finalize(s);
	return 0;
}

int assay_summary_load(assay_store *st, int64_t run_id, int64_t commit_id, size_t top,
		       struct assay_summary *out, assay_err *err)
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
		out->tests_run = run_id;
		out->coverage_run = run_id;
	} else {
		out->tests_run = newest_run_with(st, commit_id, "result_chunks");
		out->coverage_run = newest_run_with(st, commit_id, "coverage");
	}
	if ((rc = load_commit(st, commit_id, out, err)) < 0 ||
	    (out->tests_run && (rc = load_tests(st, out->tests_run, top, out, err)) < 0) ||
	    (out->coverage_run && (rc = load_coverage(st, out->coverage_run, out, err)) < 0)) {
		assay_summary_release(out);
		return rc;
	}
	return 0;
}

static void free_tests(struct assay_summary_test *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].suite);
		free(t[i].classname);
		free(t[i].name);
		free(t[i].message);
	}
	free(t);
}

void assay_summary_release(struct assay_summary *s)
{
	free(s->commit);
	free(s->branch);
	free(s->subject);
	free_tests(s->slowest, s->nslowest);
	free_tests(s->failures, s->nfailures);
	memset(s, 0, sizeof(*s));
}
