/* SPDX-License-Identifier: MIT */
/*
 * What Assay's virtual tables share (results_vtab.c, tests_vtab.c): each
 * is eponymous and read-only, over compact chunks, and says so when a
 * chunk is damaged.
 */
#ifndef ASSAY_VTAB_H
#define ASSAY_VTAB_H

#include <sqlite3.h>

/* The xConnect of a module registered with its CREATE TABLE statement as pAux. */
int assay_vtab_connect(sqlite3 *db, void *schema, int argc, const char *const *argv,
		       sqlite3_vtab **out, char **errmsg);
int assay_vtab_disconnect(sqlite3_vtab *v);

/* The connection a table of assay_vtab_connect() reads. */
sqlite3 *assay_vtab_db(sqlite3_vtab *v);

/*
 * The module of a file that defines vt_best_index, vt_open, vt_close,
 * vt_filter, vt_next, vt_eof, vt_column and vt_rowid: eponymous only (no
 * xCreate, so no CREATE VIRTUAL TABLE), and read-only (no xUpdate).
 */
#define ASSAY_VTAB_MODULE                                                                      \
	{                                                                                      \
		.iVersion = 0, .xCreate = NULL, .xConnect = assay_vtab_connect,                \
		.xBestIndex = vt_best_index, .xDisconnect = assay_vtab_disconnect,             \
		.xDestroy = assay_vtab_disconnect, .xOpen = vt_open, .xClose = vt_close,       \
		.xFilter = vt_filter, .xNext = vt_next, .xEof = vt_eof, .xColumn = vt_column,  \
		.xRowid = vt_rowid,                                                            \
	}

/* Register the `results` (results_vtab.c) and `tests` (tests_vtab.c) tables on db; schema.c does, at open. */
int assay_results_vtab_register(sqlite3 *db);
int assay_tests_vtab_register(sqlite3 *db);

/* Say what is damaged, as the error of the statement reading the table: returns SQLITE_CORRUPT. */
int assay_vtab_damaged(sqlite3_vtab *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
