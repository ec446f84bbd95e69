/* SPDX-License-Identifier: MIT */
/*
 * The Assay store: one SQLite file that every utility reads and writes.
 *
 * Opening creates the file (and its directory) on first use, switches to
 * WAL with a busy timeout so parallel CI jobs can write at once, and
 * applies the schema migrations (schema.h) in order, recording the
 * version in PRAGMA user_version.  A store whose version is newer than this
 * build knows is refused (-ASSAY_EVERSION) and left untouched.
 */
#ifndef ASSAY_STORE_H
#define ASSAY_STORE_H

#include "err.h"

#include <sqlite3.h>
#include <stdint.h>

typedef struct assay_store assay_store;

/* The schema version this build writes. */
int assay_store_latest_version(void);

/*
 * Where the store is when no --db flag is given: $ASSAY_DB, else
 * .assay/assay.db under the root of the git repository that holds cwd
 * (NULL: the current directory).  *out is a new string: free() it.
 */
int assay_store_default_path(char **out, const char *cwd, assay_err *err);

/*
 * Open (creating if missing) the store at path and bring its schema up to
 * date.  On success *out is the store, closed by assay_store_close().
 */
int assay_store_open(assay_store **out, const char *path, assay_err *err);

/*
 * Open the existing store at path read-only (SQLITE_OPEN_READONLY): nothing
 * is created, upgraded or written.  A store of an older or newer schema
 * version, or a database that is no store, is an error.  On success *out is
 * closed by assay_store_close().
 */
int assay_store_open_readonly(assay_store **out, const char *path, assay_err *err);

/* Open without migrating further than version `upto` (tests of migrations). */
int assay_store_open_at_version(assay_store **out, const char *path, int upto,
				assay_err *err);

void assay_store_close(assay_store *st);

sqlite3 *assay_store_db(assay_store *st);
const char *assay_store_path(const assay_store *st);
int assay_store_version(assay_store *st);

/*
 * Transactions.  begin takes the write lock at once (BEGIN IMMEDIATE), so a
 * writer waits for another's commit instead of failing halfway through.
 */
int assay_store_begin(assay_store *st, assay_err *err);
int assay_store_commit(assay_store *st, assay_err *err);
void assay_store_rollback(assay_store *st);

/* Run sql (one or more statements, no results). */
int assay_store_exec(assay_store *st, const char *sql, assay_err *err);

/* Prepare sql; on failure err says why. Finalize with sqlite3_finalize(). */
int assay_store_prepare(assay_store *st, sqlite3_stmt **out, const char *sql,
			assay_err *err);

/* Bind v as text (borrowed until the statement is reset), or NULL when v is NULL. */
void assay_store_bind_text(sqlite3_stmt *s, int i, const char *v);

/* Column i of the current row as a new string (free() it), or NULL when it is NULL. */
char *assay_store_column_dup(sqlite3_stmt *s, int i);

/* Turn the store's last SQLite error into err, with what was being done. */
int assay_store_error(assay_store *st, assay_err *err, const char *doing);

#endif
