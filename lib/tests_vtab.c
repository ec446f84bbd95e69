/* SPDX-License-Identifier: MIT */
/*
 * The virtual table `tests`: the tests kept in test_chunks as a table,
 * so SQL reads them as if each were a row (testblob.h).  Eponymous and
 * read-only.  A constraint id = ? (a lookup, or a join from results)
 * reads the one chunk that holds the id, and keeps it decoded: the next
 * id in it costs no query.  Anything else reads every chunk, in id order.
 */
#include "testblob.h"
#include "vtab.h"

#include <sqlite3.h>
#include <string.h>

enum { C_ID, C_SUITE, C_CLASSNAME, C_NAME, C_FILE, C_LINE };

enum { PLAN_ALL = 0, PLAN_ID = 1 };

struct cursor {
	sqlite3_vtab_cursor base;
	sqlite3 *db;
	sqlite3_stmt *scan; /* PLAN_ALL: on the chunk being read */
	sqlite3_stmt *find; /* PLAN_ID: the chunk that holds an id */
	assay_testchunk ch;
	int have_chunk; /* ch holds a decoded chunk */
	size_t k;       /* the current test is ch.e[k] */
	int plan, eof;
};

static int vt_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
	(void)v;
	int id = -1;
	for (int i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];
		if (c->usable && (c->iColumn == C_ID || c->iColumn == -1) &&
		    c->op == SQLITE_INDEX_CONSTRAINT_EQ)
			id = i;
	}
	if (id >= 0) {
		info->aConstraintUsage[id].argvIndex = 1;
		info->aConstraintUsage[id].omit = 1;
		info->idxNum = PLAN_ID;
		info->estimatedCost = 1;
		info->estimatedRows = 1;
		info->idxFlags = SQLITE_INDEX_SCAN_UNIQUE;
	} else {
		info->idxNum = PLAN_ALL;
		info->estimatedCost = 1e6;
		info->estimatedRows = 1000000;
	}
	/* rows come in id order */
	info->orderByConsumed = info->nOrderBy == 1 &&
				(info->aOrderBy[0].iColumn == C_ID || info->aOrderBy[0].iColumn == -1) &&
				!info->aOrderBy[0].desc;
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
	*out = &c->base;
	return SQLITE_OK;
}

static int vt_close(sqlite3_vtab_cursor *cur)
{
	struct cursor *c = (struct cursor *)cur;
	sqlite3_finalize(c->scan);
	sqlite3_finalize(c->find);
	assay_testchunk_release(&c->ch);
	sqlite3_free(c);
	return SQLITE_OK;
}

/* Decode the chunk stmt is on (first_id, n, data). */
static int load_chunk(struct cursor *c, sqlite3_stmt *stmt)
{
	int64_t first = sqlite3_column_int64(stmt, 0), n = sqlite3_column_int64(stmt, 1);
	const void *blob = sqlite3_column_blob(stmt, 2);
	size_t len = (size_t)sqlite3_column_bytes(stmt, 2);
	c->have_chunk = 0;
	if (assay_testchunk_decode(&c->ch, first, blob, len) < 0 || (int64_t)c->ch.n != n) {
		return assay_vtab_damaged(c->base.pVtab, "tests from %lld: damaged blob", (long long)first);
	}
	c->have_chunk = 1;
	return SQLITE_OK;
}

/* PLAN_ALL: on to the next test, into the next chunk when one is done. */
static int next_in_scan(struct cursor *c)
{
	if (c->have_chunk && ++c->k < c->ch.n)
		return SQLITE_OK;
	for (;;) {
		int step = sqlite3_step(c->scan);
		if (step == SQLITE_DONE) {
			c->eof = 1;
			return SQLITE_OK;
		}
		if (step != SQLITE_ROW)
			return step;
		int rc = load_chunk(c, c->scan);
		if (rc != SQLITE_OK)
			return rc;
		c->k = 0;
		if (c->ch.n)
			return SQLITE_OK;
	}
}

static int vt_next(sqlite3_vtab_cursor *cur)
{
	struct cursor *c = (struct cursor *)cur;
	if (c->plan == PLAN_ID) {
		c->eof = 1; /* an id is one test */
		return SQLITE_OK;
	}
	return next_in_scan(c);
}

static int in_chunk(const struct cursor *c, int64_t id)
{
	return c->have_chunk && id >= c->ch.first_id && id - c->ch.first_id < (int64_t)c->ch.n;
}

/* PLAN_ID: the test id, from the chunk in hand when it is there. */
static int find_id(struct cursor *c, sqlite3_value *v)
{
	c->eof = 1;
	if (sqlite3_value_numeric_type(v) != SQLITE_INTEGER)
		return SQLITE_OK; /* NULL, text, a fraction: no test has that id */
	int64_t id = sqlite3_value_int64(v);
	if (!in_chunk(c, id)) {
		if (!c->find) {
			int rc = sqlite3_prepare_v2(c->db,
				"SELECT first_id, n, data FROM test_chunks WHERE first_id <= ?"
				" ORDER BY first_id DESC LIMIT 1", -1, &c->find, NULL);
			if (rc != SQLITE_OK)
				return rc;
		}
		sqlite3_reset(c->find);
		sqlite3_bind_int64(c->find, 1, id);
		int step = sqlite3_step(c->find);
		if (step == SQLITE_DONE)
			return SQLITE_OK;
		if (step != SQLITE_ROW)
			return step;
		int rc = load_chunk(c, c->find);
		sqlite3_reset(c->find);
		if (rc != SQLITE_OK || !in_chunk(c, id))
			return rc;
	}
	c->k = (size_t)(id - c->ch.first_id);
	c->eof = 0;
	return SQLITE_OK;
}

static int vt_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
		     sqlite3_value **argv)
{
	(void)idxstr;
	(void)argc;
	struct cursor *c = (struct cursor *)cur;
	c->plan = idx;
	if (idx == PLAN_ID)
		return find_id(c, argv[0]);
	sqlite3_finalize(c->scan);
	c->scan = NULL;
	c->have_chunk = 0;
	c->eof = 0;
	int rc = sqlite3_prepare_v2(c->db, "SELECT first_id, n, data FROM test_chunks ORDER BY first_id",
				    -1, &c->scan, NULL);
	return rc != SQLITE_OK ? rc : next_in_scan(c);
}

static int vt_eof(sqlite3_vtab_cursor *cur)
{
	return ((struct cursor *)cur)->eof;
}

static void result_str(sqlite3_context *ctx, const struct assay_teststr *s)
{
	sqlite3_result_text(ctx, s->s, (int)s->len, SQLITE_TRANSIENT);
}

static int vt_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	struct cursor *c = (struct cursor *)cur;
	const struct assay_testentry *e = &c->ch.e[c->k];
	switch (col) {
	case C_ID:
		sqlite3_result_int64(ctx, c->ch.first_id + (int64_t)c->k);
		break;
	case C_SUITE:
		result_str(ctx, &c->ch.strs[e->suite]);
		break;
	case C_CLASSNAME:
		result_str(ctx, &c->ch.strs[e->classname]);
		break;
	case C_NAME:
		result_str(ctx, &e->name);
		break;
	case C_FILE:
		if (e->file)
			result_str(ctx, &c->ch.strs[e->file - 1]);
		break;
	case C_LINE:
		if (e->line)
			sqlite3_result_int64(ctx, e->line);
		break;
	default:
		break;
	}
	return SQLITE_OK;
}

static int vt_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *out)
{
	struct cursor *c = (struct cursor *)cur;
	*out = c->ch.first_id + (int64_t)c->k;
	return SQLITE_OK;
}

static const sqlite3_module tests_module = ASSAY_VTAB_MODULE;

int assay_tests_vtab_register(sqlite3 *db)
{
	static const char schema[] =
		"CREATE TABLE x(id INTEGER, suite TEXT, classname TEXT, name TEXT, file TEXT, line INTEGER)";
	return sqlite3_create_module(db, "tests", &tests_module, (void *)schema);
}
