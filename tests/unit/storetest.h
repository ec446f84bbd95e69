/* SPDX-License-Identifier: MIT */
/*
 * What the store's unit tests share: a temporary directory for their
 * stores (made by storetest_setup, removed by storetest_teardown, for
 * cmocka's group setup and teardown), and one-value queries that fail
 * the test when the SQL does.  Include after cmocka.h.
 */
#ifndef ASSAY_STORETEST_H
#define ASSAY_STORETEST_H

#include "buf.h"
#include "mem.h"
#include "store.h"
#include "testtmp.h"
#include "rmtree.h"

#include <stdio.h>
#include <stdlib.h>

static char storetest_dir[TESTTMP_MAX];

static inline int storetest_setup(void **state)
{
	(void)state;
	return testtmp_template(storetest_dir, sizeof(storetest_dir), "assay-unit") == 0 && mkdtemp(storetest_dir) ? 0 : -1;
}

static inline int storetest_teardown(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	return assay_rmtree(storetest_dir, &err);
}

/* The integer the query's first row starts with. */
static inline long storetest_int(assay_store *st, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(assay_store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	long v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The first column of every row, each followed by ';' (NULL as "NULL"); free() it. */
static inline char *storetest_text(assay_store *st, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(assay_store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	assay_buf b = ASSAY_BUF_INIT;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(s, 0);
		assay_buf_addf(&b, "%s;", v ? v : "NULL");
	}
	assert_int_equal(step, SQLITE_DONE);
	sqlite3_finalize(s);
	return assay_buf_detach(&b, NULL);
}

#endif
