#include "run.h"
#include "buf.h"
#include "covblob.h"
#include "covset.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct assay_run {
	assay_store *st;
	int64_t id, commit_id;
	int64_t ord;       /* next results.ord */
	int finished;
	sqlite3_stmt *test_insert, *test_select, *result_insert;
	sqlite3_stmt *file_insert, *file_select, *cov_insert;
};

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static int upsert_commit(assay_run *r, const assay_runctx *ctx, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(r->st, &s,
		"INSERT INTO commits(sha, parent_sha, tree_sha, branch, time, subject) VALUES (?,?,?,?,?,?) "
		"ON CONFLICT(sha) DO UPDATE SET "
		" parent_sha = coalesce(excluded.parent_sha, parent_sha),"
		" tree_sha = coalesce(excluded.tree_sha, tree_sha),"
		" branch = coalesce(excluded.branch, branch),"
		" time = coalesce(excluded.time, time),"
		" subject = coalesce(excluded.subject, subject) "
		"RETURNING id", err);
	if (rc < 0)
		return rc;
	bind_text(s, 1, ctx->commit);
	bind_text(s, 2, ctx->parent);
	bind_text(s, 3, ctx->tree);
	bind_text(s, 4, ctx->branch);
	if (ctx->time)
		sqlite3_bind_int64(s, 5, ctx->time);
	bind_text(s, 6, ctx->subject);
	if (sqlite3_step(s) == SQLITE_ROW)
		r->commit_id = sqlite3_column_int64(s, 0);
	else
		rc = assay_store_error(r->st, err, "recording the commit");
	sqlite3_finalize(s);
	return rc;
}

static int insert_run(assay_run *r, const char *kind, const assay_runctx *ctx, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(r->st, &s,
		"INSERT INTO runs(commit_id, kind, started_at, ci_provider, ci_run, ci_job, label) "
		"VALUES (?,?,?,?,?,?,?)", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, r->commit_id);
	bind_text(s, 2, kind);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	bind_text(s, 4, ctx->ci_provider);
	bind_text(s, 5, ctx->ci_run);
	bind_text(s, 6, ctx->ci_job);
	bind_text(s, 7, ctx->label);
	if (sqlite3_step(s) == SQLITE_DONE)
		r->id = sqlite3_last_insert_rowid(assay_store_db(r->st));
	else
		rc = assay_store_error(r->st, err, "recording the run");
	sqlite3_finalize(s);
	return rc;
}

int assay_run_begin(assay_run **out, assay_store *st, const char *kind,
		    const assay_runctx *ctx, assay_err *err)
{
	*out = NULL;
	if (!ctx->commit || !*ctx->commit)
		return assay_err_set(err, ASSAY_EUSAGE, "a run needs a commit");
	int rc = assay_store_begin(st, err);
	if (rc < 0)
		return rc;
	assay_run *r = assay_xcalloc(1, sizeof(*r));
	r->st = st;
	if ((rc = upsert_commit(r, ctx, err)) < 0 || (rc = insert_run(r, kind, ctx, err)) < 0) {
		assay_run_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int64_t assay_run_id(const assay_run *run)
{
	return run->id;
}

int64_t assay_run_commit_id(const assay_run *run)
{
	return run->commit_id;
}

assay_store *assay_run_store(assay_run *run)
{
	return run->st;
}

/* The test's id: inserted when new (RETURNING gives it), else looked up. */
static int test_id(assay_run *r, const assay_result *res, int64_t *out, assay_err *err)
{
	int rc;
	if (!r->test_insert &&
	    ((rc = assay_store_prepare(r->st, &r->test_insert,
		"INSERT INTO tests(suite, classname, name, file, line) VALUES (?,?,?,?,?) "
		"ON CONFLICT DO NOTHING RETURNING id", err)) < 0 ||
	     (rc = assay_store_prepare(r->st, &r->test_select,
		"SELECT id FROM tests WHERE suite = ? AND classname = ? AND name = ?", err)) < 0))
		return rc;
	sqlite3_stmt *s = r->test_insert;
	sqlite3_bind_text(s, 1, res->suite ? res->suite : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, res->classname ? res->classname : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, res->name ? res->name : "", -1, SQLITE_STATIC);
	bind_text(s, 4, res->file);
	if (res->line > 0)
		sqlite3_bind_int64(s, 5, res->line);
	else
		sqlite3_bind_null(s, 5);
	int step = sqlite3_step(s);
	int found = 0;
	if (step == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		found = 1;
		step = sqlite3_step(s);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return assay_store_error(r->st, err, "recording a test");
	if (found)
		return 0;
	s = r->test_select;
	sqlite3_bind_text(s, 1, res->suite ? res->suite : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, res->classname ? res->classname : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, res->name ? res->name : "", -1, SQLITE_STATIC);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (step != SQLITE_ROW)
		return assay_store_error(r->st, err, "looking up a test");
	return 0;
}

int assay_run_add_result(assay_run *r, const assay_result *res, assay_err *err)
{
	int64_t tid = 0;
	int rc = test_id(r, res, &tid, err);
	if (rc < 0)
		return rc;
	if (!r->result_insert &&
	    (rc = assay_store_prepare(r->st, &r->result_insert,
		"INSERT INTO results(run_id, ord, test_id, attempt, final, status, duration_us,"
		" message, type, system_out, system_err) VALUES (?,?,?,?,?,?,?,?,?,?,?)", err)) < 0)
		return rc;
	sqlite3_stmt *s = r->result_insert;
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_int64(s, 2, r->ord++);
	sqlite3_bind_int64(s, 3, tid);
	sqlite3_bind_int(s, 4, res->attempt > 0 ? res->attempt : 1);
	sqlite3_bind_int(s, 5, res->final ? 1 : 0);
	sqlite3_bind_text(s, 6, assay_status_name(res->status), -1, SQLITE_STATIC);
	if (res->duration_us >= 0)
		sqlite3_bind_int64(s, 7, res->duration_us);
	else
		sqlite3_bind_null(s, 7);
	bind_text(s, 8, res->message);
	bind_text(s, 9, res->type);
	bind_text(s, 10, res->system_out);
	bind_text(s, 11, res->system_err);
	int step = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (step != SQLITE_DONE)
		return assay_store_error(r->st, err, "recording a test result");
	return 0;
}

int assay_run_file_id(assay_run *r, const char *path, int64_t *out, assay_err *err)
{
	int rc;
	if (!r->file_insert &&
	    ((rc = assay_store_prepare(r->st, &r->file_insert,
		"INSERT INTO files(path) VALUES (?) ON CONFLICT DO NOTHING RETURNING id", err)) < 0 ||
	     (rc = assay_store_prepare(r->st, &r->file_select,
		"SELECT id FROM files WHERE path = ?", err)) < 0))
		return rc;
	sqlite3_stmt *s = r->file_insert;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	int found = 0;
	if (step == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		found = 1;
		step = sqlite3_step(s);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return assay_store_error(r->st, err, "recording a file");
	if (found)
		return 0;
	s = r->file_select;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (step != SQLITE_ROW)
		return assay_store_error(r->st, err, "looking up a file");
	return 0;
}

static void bind_blob(sqlite3_stmt *s, int i, const assay_buf *b)
{
	if (b->len)
		sqlite3_bind_blob(s, i, b->buf, (int)b->len, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

int assay_run_add_coverage(assay_run *r, assay_covset *cs, assay_err *err)
{
	int rc;
	assay_covset_finalize(cs);
	if (!r->cov_insert &&
	    (rc = assay_store_prepare(r->st, &r->cov_insert,
		"INSERT INTO coverage(run_id, file_id, lines_found, lines_hit, branches_found,"
		" branches_hit, functions_found, functions_hit, lines, branches, functions)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?)", err)) < 0)
		return rc;
	assay_buf lines = ASSAY_BUF_INIT, branches = ASSAY_BUF_INIT, funcs = ASSAY_BUF_INIT;
	rc = 0;
	for (size_t i = 0; i < assay_covset_count(cs) && rc == 0; i++) {
		assay_filecov *f = assay_covset_at(cs, i);
		int64_t fid;
		if ((rc = assay_run_file_id(r, f->path, &fid, err)) < 0)
			break;
		assay_buf_reset(&lines);
		assay_buf_reset(&branches);
		assay_buf_reset(&funcs);
		assay_covblob_encode_lines(&lines, f);
		assay_covblob_encode_branches(&branches, f);
		assay_covblob_encode_functions(&funcs, f);
		sqlite3_stmt *s = r->cov_insert;
		sqlite3_bind_int64(s, 1, r->id);
		sqlite3_bind_int64(s, 2, fid);
		sqlite3_bind_int(s, 3, (int)f->lines_found);
		sqlite3_bind_int(s, 4, (int)f->lines_hit);
		sqlite3_bind_int(s, 5, (int)f->branches_found);
		sqlite3_bind_int(s, 6, (int)f->branches_hit);
		sqlite3_bind_int(s, 7, (int)f->functions_found);
		sqlite3_bind_int(s, 8, (int)f->functions_hit);
		bind_blob(s, 9, &lines);
		bind_blob(s, 10, &branches);
		bind_blob(s, 11, &funcs);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = assay_store_error(r->st, err, "recording coverage");
		sqlite3_reset(s);
	}
	assay_buf_release(&lines);
	assay_buf_release(&branches);
	assay_buf_release(&funcs);
	return rc;
}

int assay_run_finish(assay_run *r, const char *digest, assay_err *err)
{
	int rc = 0;
	if (digest) {
		sqlite3_stmt *s;
		if ((rc = assay_store_prepare(r->st, &s, "SELECT id FROM runs WHERE digest = ?", err)) < 0)
			return rc;
		sqlite3_bind_text(s, 1, digest, -1, SQLITE_STATIC);
		int64_t earlier = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_finalize(s);
		if (earlier) {
			assay_store_rollback(r->st);
			r->finished = 1;
			return assay_err_set(err, ASSAY_EEXISTS,
					     "already ingested as run %lld: nothing changed", (long long)earlier);
		}
		if ((rc = assay_store_prepare(r->st, &s, "UPDATE runs SET digest = ? WHERE id = ?", err)) < 0)
			return rc;
		sqlite3_bind_text(s, 1, digest, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, r->id);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = assay_store_error(r->st, err, "recording the run's digest");
		sqlite3_finalize(s);
		if (rc < 0)
			return rc;
	}
	if ((rc = assay_store_commit(r->st, err)) < 0)
		return rc;
	r->finished = 1;
	return 0;
}

void assay_run_free(assay_run *r)
{
	if (!r)
		return;
	sqlite3_finalize(r->test_insert);
	sqlite3_finalize(r->test_select);
	sqlite3_finalize(r->result_insert);
	sqlite3_finalize(r->file_insert);
	sqlite3_finalize(r->file_select);
	sqlite3_finalize(r->cov_insert);
	if (!r->finished)
		assay_store_rollback(r->st);
	free(r);
}
