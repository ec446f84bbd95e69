/* SPDX-License-Identifier: MIT */
/*
 * The virtual table `results`: the rows of result_chunks and result_texts
 * as one table, so SQL reads results as if each were a row (resblob.h).
 * Eponymous and read-only; a constraint run_id = ? reads that run's chunks
 * only, anything else reads them all, in (run_id, ord) order.
 */
#include "resblob.h"
#include "vtab.h"

#include <sqlite3.h>
#include <string.h>

enum {
	C_RUN_ID,
	C_ORD,
	C_TEST_ID,
	C_ATTEMPT,
	C_FINAL,
	C_STATUS,
	C_DURATION,
	C_MESSAGE, /* the texts, in result_texts' column order from here */
	C_TYPE,
	C_OUT,
	C_ERR,
};

enum { PLAN_ALL = 0, PLAN_RUN = 1 };

struct cursor {
	sqlite3_vtab_cursor base;
	sqlite3 *db;
	sqlite3_stmt *chunks; /* on the current chunk while one is being read */
	sqlite3_stmt *texts;  /* on the texts of texts_ord, when texts_ord >= 0 */
	const unsigned char *p, *end;
	int64_t run_id, ord, prev_tid;
	int64_t texts_run, texts_ord; /* whose texts c->texts is on; texts_ord -1: none */
	struct assay_resentry e;
	int eof;
};

static int vt_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
	(void)v;
	int run = -1;
	for (int i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];
		if (c->usable && c->iColumn == C_RUN_ID && c->op == SQLITE_INDEX_CONSTRAINT_EQ)
			run = i;
	}
	if (run >= 0) {
		info->aConstraintUsage[run].argvIndex = 1;
		info->aConstraintUsage[run].omit = 1;
		info->idxNum = PLAN_RUN;
		info->estimatedCost = 1e4;
		info->estimatedRows = 10000;
	} else {
		info->idxNum = PLAN_ALL;
		info->estimatedCost = 1e9;
		info->estimatedRows = 100000000;
	}
	/* rows come in (run_id, ord) order; one run's in ord order */
	static const int order[] = { C_RUN_ID, C_ORD };
	int k = run >= 0 && info->nOrderBy > 0 && info->aOrderBy[0].iColumn != C_RUN_ID;
	int sorted = info->nOrderBy > 0 && info->nOrderBy + k <= 2;
	for (int i = 0; sorted && i < info->nOrderBy; i++)
		sorted = info->aOrderBy[i].iColumn == order[i + k] && !info->aOrderBy[i].desc;
	info->orderByConsumed = sorted;
	return SQLITE_OK;
}

static int vt_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
	struct cursor *c = sqlite3_malloc(sizeof(*c));
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	c->db = assay_vtab_db(vt);
	c->eof = 1;
	c->texts_ord = -1;
	*out = &c->base;
	return SQLITE_OK;
}

static int vt_close(sqlite3_vtab_cursor *cur)
{
	struct cursor *c = (struct cursor *)cur;
	sqlite3_finalize(c->chunks);
	sqlite3_finalize(c->texts);
	sqlite3_free(c);
	return SQLITE_OK;
}

static int damaged(struct cursor *c)
{
	return assay_vtab_damaged(c->base.pVtab, "results of run %lld, chunk at %lld: damaged blob",
				  (long long)c->run_id, (long long)c->ord);
}

/* Move to the next result, on to the next chunk when one is done. */
static int vt_next(sqlite3_vtab_cursor *cur)
{
	struct cursor *c = (struct cursor *)cur;
	if (c->p) {
		c->ord++;
		int got = assay_resblob_next(&c->p, c->end, &c->prev_tid, &c->e);
		if (got > 0)
			return SQLITE_OK;
		if (got < 0)
			return damaged(c);
	}
	for (;;) {
		int step = sqlite3_step(c->chunks);
		if (step == SQLITE_DONE) {
			c->eof = 1;
			c->p = NULL;
			return SQLITE_OK;
		}
		if (step != SQLITE_ROW)
			return step;
		c->run_id = sqlite3_column_int64(c->chunks, 0);
		c->ord = sqlite3_column_int64(c->chunks, 1);
		c->p = sqlite3_column_blob(c->chunks, 2);
		c->end = c->p + sqlite3_column_bytes(c->chunks, 2);
		c->prev_tid = 0;
		int got = c->p ? assay_resblob_next(&c->p, c->end, &c->prev_tid, &c->e) : 0;
		if (got > 0)
			return SQLITE_OK;
		if (got < 0)
			return damaged(c);
	}
}

static int vt_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
		     sqlite3_value **argv)
{
	(void)idxstr;
	(void)argc;
	struct cursor *c = (struct cursor *)cur;
	sqlite3_finalize(c->chunks);
	c->chunks = NULL;
	c->p = NULL;
	c->eof = 0;
	c->texts_ord = -1;
	const char *sql = idx == PLAN_RUN
		? "SELECT run_id, first_ord, data FROM result_chunks WHERE run_id = ? ORDER BY first_ord"
		: "SELECT run_id, first_ord, data FROM result_chunks ORDER BY run_id, first_ord";
	int rc = sqlite3_prepare_v2(c->db, sql, -1, &c->chunks, NULL);
	if (rc != SQLITE_OK)
		return rc;
	if (idx == PLAN_RUN)
		sqlite3_bind_value(c->chunks, 1, argv[0]);
	return vt_next(cur);
}

static int vt_eof(sqlite3_vtab_cursor *cur)
{
	return ((struct cursor *)cur)->eof;
}

/* Step c->texts onto the current result's texts; 1 when they are there. */
static int load_texts(struct cursor *c)
{
	if (c->texts_ord == c->ord && c->texts_run == c->run_id)
		return 1;
	if (!c->texts && sqlite3_prepare_v2(c->db,
			"SELECT message, type, system_out, system_err FROM result_texts"
			" WHERE run_id = ? AND ord = ?", -1, &c->texts, NULL) != SQLITE_OK)
		return 0;
	sqlite3_reset(c->texts);
	sqlite3_bind_int64(c->texts, 1, c->run_id);
	sqlite3_bind_int64(c->texts, 2, c->ord);
	if (sqlite3_step(c->texts) != SQLITE_ROW) {
		c->texts_ord = -1;
		return 0;
	}
	c->texts_run = c->run_id;
	c->texts_ord = c->ord;
	return 1;
}

static int vt_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	struct cursor *c = (struct cursor *)cur;
	switch (col) {
	case C_RUN_ID:
		sqlite3_result_int64(ctx, c->run_id);
		break;
	case C_ORD:
		sqlite3_result_int64(ctx, c->ord);
		break;
	case C_TEST_ID:
		sqlite3_result_int64(ctx, c->e.test_id);
		break;
	case C_ATTEMPT:
		sqlite3_result_int(ctx, c->e.attempt);
		break;
	case C_FINAL:
		sqlite3_result_int(ctx, c->e.final);
		break;
	case C_STATUS:
		sqlite3_result_text(ctx, assay_status_name(c->e.status), -1, SQLITE_STATIC);
		break;
	case C_DURATION:
		if (c->e.duration_us >= 0)
			sqlite3_result_int64(ctx, c->e.duration_us);
		break;
	default:
		if (c->e.has_texts && load_texts(c))
			sqlite3_result_value(ctx, sqlite3_column_value(c->texts, col - C_MESSAGE));
		break;
	}
	return SQLITE_OK;
}

/* A row id is run_id << 40 | ord: unique while run ids are under 2^23 and runs under 2^40 results. */
#define ROWID_RUN_LIMIT ((int64_t)1 << 23)
#define ROWID_ORD_LIMIT ((int64_t)1 << 40)

static int vt_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *out)
{
	struct cursor *c = (struct cursor *)cur;
	/* past the limits the shift overflows (undefined) and ids repeat: a store's data, not a bug */
	if (c->run_id < 0 || c->run_id >= ROWID_RUN_LIMIT || c->ord < 0 || c->ord >= ROWID_ORD_LIMIT) {
		sqlite3_free(cur->pVtab->zErrMsg);
		cur->pVtab->zErrMsg = sqlite3_mprintf("results: run %lld, result %lld has no row id "
						      "(run ids under 2^23, results under 2^40 per run)",
						      (long long)c->run_id, (long long)c->ord);
		return SQLITE_ERROR;
	}
	*out = (c->run_id << 40) | c->ord;
	return SQLITE_OK;
}

static const sqlite3_module results_module = ASSAY_VTAB_MODULE;

int assay_results_vtab_register(sqlite3 *db)
{
	static const char schema[] =
		"CREATE TABLE x(run_id INTEGER, ord INTEGER, test_id INTEGER, attempt INTEGER,"
		" final INTEGER, status TEXT, duration_us INTEGER, message TEXT, type TEXT,"
		" system_out TEXT, system_err TEXT)";
	return sqlite3_create_module(db, "results", &results_module, (void *)schema);
}
