/* SPDX-License-Identifier: MIT */
#include "mutant_rows.h"

#include <string.h>

int assay_mutant_rows_prepare(assay_store *st, int keep_place, struct assay_mutant_rows *r, assay_err *err)
{
	memset(r, 0, sizeof(*r));
	int rc = assay_store_prepare(st, &r->mutant, keep_place ?
		"INSERT INTO mutants (file_id, key, function, line, col, end_line, end_col, operator, "
		"original, replacement) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		"ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id" :
		"INSERT INTO mutants (file_id, key, function, line, col, end_line, end_col, operator, "
		"original, replacement) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		"ON CONFLICT (key) DO UPDATE SET file_id = excluded.file_id, line = excluded.line, "
		"col = excluded.col, end_line = excluded.end_line, end_col = excluded.end_col RETURNING id", err);
	if (rc == 0)
		rc = assay_store_prepare(st, &r->kill,
			"INSERT OR IGNORE INTO mutation_kills (run_id, mutant_id, test) VALUES (?1, ?2, ?3)", err);
	return rc;
}

void assay_mutant_rows_finalize(struct assay_mutant_rows *r)
{
	sqlite3_finalize(r->mutant);
	sqlite3_finalize(r->kill);
	memset(r, 0, sizeof(*r));
}

int assay_mutant_rows_id(assay_store *st, struct assay_mutant_rows *r, int64_t *id, assay_err *err)
{
	int rc = 0;
	*id = 0;
	if (sqlite3_step(r->mutant) == SQLITE_ROW)
		*id = sqlite3_column_int64(r->mutant, 0);
	else
		rc = assay_store_error(st, err, "storing a mutant");
	sqlite3_reset(r->mutant);
	return rc;
}

int assay_mutant_rows_kill(assay_store *st, struct assay_mutant_rows *r, int64_t run_id, int64_t mutant_id,
		   const char *test, assay_err *err)
{
	sqlite3_bind_int64(r->kill, 1, run_id);
	sqlite3_bind_int64(r->kill, 2, mutant_id);
	sqlite3_bind_text(r->kill, 3, test, -1, SQLITE_STATIC);
	int s = sqlite3_step(r->kill);
	sqlite3_reset(r->kill);
	return s == SQLITE_DONE ? 0 : assay_store_error(st, err, "storing the kill matrix");
}
