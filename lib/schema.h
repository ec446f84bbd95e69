/* SPDX-License-Identifier: MIT */
/*
 * The store's schema: what the tables are and how an older store becomes
 * today's.  It is the one part of the store that knows the chunk formats
 * (resblob.h, testblob.h, testkeys.h): the migrations of lib/migrations/,
 * the steps in C that re-encode an older version's rows as chunks, and the
 * virtual tables `results` and `tests` that read the chunks back as rows.
 * store.c opens the file and runs these, one transaction per version.
 */
#ifndef ASSAY_SCHEMA_H
#define ASSAY_SCHEMA_H

#include "err.h"
#include "store.h"

#include <sqlite3.h>

/* The schema version this build writes: the number of migrations. */
int assay_schema_latest_version(void);

/*
 * Bring a store of version `version - 1` to `version` (1 ..
 * assay_schema_latest_version()): the migration's SQL, then the rows it
 * re-encodes.  Runs inside the caller's transaction and leaves PRAGMA
 * user_version to the caller; on failure the caller rolls back.
 */
int assay_schema_migrate_to(assay_store *st, int version, assay_err *err);

/* Register the virtual tables `results` and `tests` on db: SQLITE_OK, else SQLite's code. */
int assay_schema_register_tables(sqlite3 *db);

#endif
