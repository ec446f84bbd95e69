/* SPDX-License-Identifier: MIT */
#include "store.h"
#include "mem.h"
#include "proc.h"
#include "schema.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define BUSY_TIMEOUT_MS 60000
#define BUSY_RETRY_MS 20

struct assay_store {
	sqlite3 *db;
	char *path;
};

int assay_store_latest_version(void)
{
	return assay_schema_latest_version();
}

int assay_store_default_path(char **out, const char *cwd, assay_err *err)
{
	const char *env = getenv("ASSAY_DB");
	if (env && *env) {
		*out = assay_xstrdup(env);
		return 0;
	}
	char *top = NULL;
	int rc = assay_git_toplevel(&top, cwd, err);
	if (rc < 0)
		return assay_err_set(err, ASSAY_EUSAGE,
				     "not in a git repository: say where the store is with --db PATH or ASSAY_DB");
	*out = assay_xasprintf("%s/.assay/assay.db", top);
	free(top);
	return 0;
}

/* mkdir -p for the directory part of path; *made says whether its last directory is new. */
static int make_parent_dirs(const char *path, int *made, assay_err *err)
{
	*made = 0;
	char *dir = assay_xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			int rc = mkdir(dir, 0777);
			if (rc < 0 && errno != EEXIST) {
				rc = assay_err_set(err, ASSAY_EIO, "cannot create directory %s: %s",
						   dir, strerror(errno));
				free(dir);
				return rc;
			}
			*made = rc == 0;
			*p = c;
			if (!c)
				break;
		}
	}
	free(dir);
	return 0;
}

/*
 * A .assay/ that Assay made holds nothing to commit: a .gitignore of "*"
 * keeps it (and itself) out of `git status`.  One the user made is left
 * as it is.
 */
static int ignore_store_dir(const char *path, assay_err *err)
{
	const char *slash = strrchr(path, '/');
	size_t n = (size_t)(slash - path);
	if (n < 6 || strncmp(slash - 6, ".assay", 6) || (n > 6 && slash[-7] != '/'))
		return 0;
	char *ignore = assay_xasprintf("%.*s/.gitignore", (int)n, path);
	FILE *f = fopen(ignore, "wx");
	int rc = 0;
	if (f) {
		fputs("*\n", f);
		if (fclose(f) != 0)
			rc = assay_err_set(err, ASSAY_EIO, "cannot write %s: %s", ignore, strerror(errno));
	} else if (errno != EEXIST) {
		rc = assay_err_set(err, ASSAY_EIO, "cannot create %s: %s", ignore, strerror(errno));
	}
	free(ignore);
	return rc;
}

int assay_store_error(assay_store *st, assay_err *err, const char *doing)
{
	return assay_err_set(err, ASSAY_EDB, "%s: %s: %s", st->path, doing,
			     sqlite3_errmsg(st->db));
}

/* assay_store_exec(), with SQLite's own result code in *code. */
static int exec_code(assay_store *st, const char *sql, int *code, assay_err *err)
{
	char *msg = NULL;
	if ((*code = sqlite3_exec(st->db, sql, NULL, NULL, &msg)) != SQLITE_OK) {
		int rc = assay_err_set(err, ASSAY_EDB, "%s: %s", st->path,
				       msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

int assay_store_exec(assay_store *st, const char *sql, assay_err *err)
{
	int code;
	return exec_code(st, sql, &code, err);
}

void assay_store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

char *assay_store_column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? assay_xstrdup((const char *)t) : NULL;
}

int assay_store_prepare(assay_store *st, sqlite3_stmt **out, const char *sql,
			assay_err *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK)
		return assay_store_error(st, err, "preparing a query");
	return 0;
}

int assay_store_version(assay_store *st)
{
	sqlite3_stmt *s;
	int v = -1;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	return v;
}

/* The error for a store that a newer Assay wrote (version v). */
static int newer_store(assay_err *err, const char *path, int v)
{
	return assay_err_set(err, ASSAY_EVERSION,
			     "%s: store has schema version %d, newer than this Assay (%d): upgrade Assay",
			     path, v, assay_store_latest_version());
}

/* Apply migrations from the store's version up to `upto`, one transaction each. */
static int migrate(assay_store *st, int upto, assay_err *err)
{
	int latest = assay_store_latest_version();
	int rc = assay_store_begin(st, err);
	if (rc < 0)
		return rc;
	/* read under the write lock: two jobs opening a new store at once */
	int v = assay_store_version(st);
	if (v > latest) {
		assay_store_rollback(st);
		return newer_store(err, st->path, v);
	}
	for (; v < upto; v++) {
		if ((rc = assay_schema_migrate_to(st, v + 1, err)) < 0) {
			assay_store_rollback(st);
			return rc;
		}
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if ((rc = assay_store_exec(st, sql, err)) < 0) {
			assay_store_rollback(st);
			return rc;
		}
	}
	return assay_store_commit(st, err);
}

/*
 * Several jobs opening a new store at once all turn it to WAL, and SQLite
 * answers some of them "database is locked" at once, without asking the
 * busy handler (8 parallel ingests into a new store on a loaded machine:
 * once in 100 to 200 tries).  The statements can be run again, so they
 * are, for as long as the busy timeout would have waited.
 */
static int exec_while_busy(assay_store *st, const char *sql, assay_err *err)
{
	for (int waited_ms = 0;; waited_ms += BUSY_RETRY_MS) {
		int code, rc = exec_code(st, sql, &code, err);
		if ((code & 0xff) != SQLITE_BUSY || waited_ms >= BUSY_TIMEOUT_MS)
			return rc;
		sqlite3_sleep(BUSY_RETRY_MS);
	}
}

/*
 * A new connection to path in *out, opened with flags, with the busy
 * timeout and the results and tests tables.
 * NOMUTEX: a connection is used by one thread at a time (a run's writer
 * thread takes turns with its caller), so SQLite's own locking of each
 * call is pure cost, and a big ingest makes millions of calls.
 */
static int connect_store(assay_store **out, const char *path, int flags, assay_err *err)
{
	*out = NULL;
	assay_store *st = assay_xcalloc(1, sizeof(*st));
	st->path = assay_xstrdup(path);
	int rc = 0;
	if (sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		rc = assay_err_set(err, !(flags & SQLITE_OPEN_CREATE) && access(path, F_OK) ? ASSAY_ENOTFOUND
											       : ASSAY_EDB,
				   "%s: cannot open store: %s", path,
				   st->db ? sqlite3_errmsg(st->db) : "out of memory");
	if (rc == 0) {
		sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
		if (assay_schema_register_tables(st->db) != SQLITE_OK)
			rc = assay_store_error(st, err, "registering the results and tests tables");
	}
	if (rc < 0) {
		assay_store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

int assay_store_open_at_version(assay_store **out, const char *path, int upto,
				assay_err *err)
{
	*out = NULL;
	int made;
	int rc = make_parent_dirs(path, &made, err);
	if (rc == 0 && made)
		rc = ignore_store_dir(path, err);
	if (rc < 0)
		return rc;
	assay_store *st;
	if ((rc = connect_store(&st, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err)) < 0)
		return rc;
	/* page_size takes only on a new store: big pages make a big ingest's inserts and checkpoint cheaper */
	rc = exec_while_busy(st,
			     "PRAGMA page_size = 16384;"
			     "PRAGMA journal_mode = WAL;"
			     "PRAGMA synchronous = NORMAL;"
			     "PRAGMA foreign_keys = ON;"
			     "PRAGMA cache_size = -16384;"
			     "PRAGMA temp_store = MEMORY;",
			     err);
	if (rc == 0)
		rc = migrate(st, upto, err);
	if (rc < 0) {
		assay_store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

int assay_store_open(assay_store **out, const char *path, assay_err *err)
{
	return assay_store_open_at_version(out, path, assay_store_latest_version(), err);
}

int assay_store_open_readonly(assay_store **out, const char *path, assay_err *err)
{
	*out = NULL;
	/* READONLY in SQLite itself: no PRAGMA a query could switch off, no file created */
	assay_store *st;
	int rc = connect_store(&st, path, SQLITE_OPEN_READONLY, err);
	if (rc < 0)
		return rc;
	/*
	 * Pages read from the file's mapping, not copied by a read(2) each: a
	 * tenth of a report's re-render was copying them.  A reader's mapping
	 * is safe from a checkpoint shrinking the file: WAL keeps what a read
	 * transaction sees in place until it ends, and a store in another mode
	 * is not written while a reader holds its lock.
	 */
	sqlite3_exec(st->db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);
	int v = assay_store_version(st), latest = assay_store_latest_version();
	if (v < 0)
		rc = assay_store_error(st, err, "reading its schema version");
	else if (v == 0)
		rc = assay_err_set(err, ASSAY_EINPUT, "%s: not an Assay store (it has no schema)", path);
	else if (v > latest)
		rc = newer_store(err, path, v);
	else if (v < latest)
		rc = assay_err_set(err, ASSAY_EVERSION,
				   "%s: store has schema version %d and needs an upgrade to %d, which a read-only "
				   "open does not make: any command that writes (e.g. assay sql --write) upgrades it",
				   path, v, latest);
	if (rc < 0) {
		assay_store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void assay_store_close(assay_store *st)
{
	if (!st)
		return;
	sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

sqlite3 *assay_store_db(assay_store *st)
{
	return st->db;
}

const char *assay_store_path(const assay_store *st)
{
	return st->path;
}

int assay_store_begin(assay_store *st, assay_err *err)
{
	return assay_store_exec(st, "BEGIN IMMEDIATE", err);
}

int assay_store_commit(assay_store *st, assay_err *err)
{
	return assay_store_exec(st, "COMMIT", err);
}

void assay_store_rollback(assay_store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}
