/* SPDX-License-Identifier: MIT */
#include "vtab.h"

#include <stdarg.h>
#include <string.h>

struct vtab {
	sqlite3_vtab base;
	sqlite3 *db;
};

int assay_vtab_connect(sqlite3 *db, void *schema, int argc, const char *const *argv,
		       sqlite3_vtab **out, char **errmsg)
{
	(void)argc;
	(void)argv;
	(void)errmsg;
	int rc = sqlite3_declare_vtab(db, schema);
	if (rc != SQLITE_OK)
		return rc;
	struct vtab *v = sqlite3_malloc(sizeof(*v));
	if (!v)
		return SQLITE_NOMEM;
	memset(v, 0, sizeof(*v));
	v->db = db;
	sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
	*out = &v->base;
	return SQLITE_OK;
}

int assay_vtab_disconnect(sqlite3_vtab *v)
{
	sqlite3_free(v);
	return SQLITE_OK;
}

sqlite3 *assay_vtab_db(sqlite3_vtab *v)
{
	return ((struct vtab *)v)->db;
}

int assay_vtab_damaged(sqlite3_vtab *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_free(v->zErrMsg);
	v->zErrMsg = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	return SQLITE_CORRUPT;
}
