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

/* Say what is damaged, as the error of the statement reading the table: returns SQLITE_CORRUPT. */
int assay_vtab_damaged(sqlite3_vtab *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
